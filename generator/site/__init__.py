"""Catalogue x language -> the pages of the site: specs, contexts, cards, facts, listing, maps,
templates, the item-page shell and the writer. Never imports MkDocs (`host` places the pages)."""
