"""Prilika: a git repository of YAML files -> a multilingual static catalogue site.

The build is a pipeline; each stage is a sub-package with one job, and data flows one way:

1. **Read** (`submission.sources`): every file under `opportunities/` is read as YAML with the
   line and column of each value, refusing what is not plain data (aliases past a limit, tags,
   duplicate keys, files that are too big, symlinks that leave the repository).
2. **Check** (`submission.models`, `submission.validation`, `submission.pydantic_errors`,
   `submission.checks`): each file against its pydantic model, then against the others (ids,
   publishers, pictures, countries); every problem becomes a `submission.problems.Problem`
   with its file, line, column and field, in the reader's language (`messages`).
3. **Catalogue** (`submission.catalogue`): the valid files as one `Catalogue`: publishers and
   items by id, which items are listed on the build date (`config.build_date`).
4. **Pages per language** (`site`): catalogue x language -> page specs and their contexts
   (`site.pages`, `site.cards`, `site.facts`, `site.listing`, `site.related`), rendered by one
   small Jinja renderer (`site.render`, templates in `site/templates/`), maps (`site.maps`),
   Markdown (`site.markup`) and the hand-written content pages (`site.content`). No MkDocs here.
5. **Write the site and exports** (`exports`, `site.item_pages`, `site.writer`): bytes for other
   programs (JSON, GeoJSON, CSV, Atom, JSON-LD, JSON Schema, sitemaps) and the item pages, all
   written through one `Writer` that records what it wrote.

`host` is the only package that imports MkDocs: `host.plugin` hooks the stages into MkDocs'
events, `host.build` runs a build into a fresh folder and swaps it in (`prilika build`) or serves
it (`prilika serve`). `contributors` holds the pull-request tools (ownership, the change summary,
stale items, CODEOWNERS, starter files); the build never imports it. `cli` is the `prilika`
command. Shared by all: `config` (the plugin options, declared once), `languages`, `messages`,
`urls`, `errors`.
"""
