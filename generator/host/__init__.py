"""The only package that imports MkDocs: the plugin's event handlers (`plugin`) and the
`prilika build` / `prilika serve` commands (`build`)."""
