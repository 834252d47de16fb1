"""YAML with positions -> models -> problems -> `Catalogue`: everything `prilika validate` does.

Imports nothing of `site`, `exports`, `host` or `contributors`, so CI can validate a pull
request without the site's dependencies doing anything.
"""
