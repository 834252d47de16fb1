"""The pull-request tools: git access, ownership of publisher folders, the change summary of
`prilika diff`, stale items, CODEOWNERS and the starter files of `prilika new`. The build never
imports this package."""
