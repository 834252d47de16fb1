"""One small renderer for the catalogue's HTML fragments.

Templates live in `generator/site/templates/`; a catalogue overrides any of them by
putting a file of the same name in `theme/prilika/`, as Material's own
overrides work. Autoescaping is on: submitted text is never trusted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import messages, urls
from generator.site.maps import script_json


def _json_script(value: Any) -> Markup:
    """JSON safe inside <script>: no `</script>` or `<!--` can close it early."""
    return Markup(script_json(value))


class Renderer:
    def __init__(self, override_dir: Path | None = None) -> None:
        loaders = []
        if override_dir is not None and override_dir.is_dir():
            loaders.append(FileSystemLoader(str(override_dir)))
        loaders.append(PackageLoader("generator.site", "templates"))
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["json_script"] = _json_script
        self._cards: dict[tuple[str, str, str, str], Markup] = {}
        self._card_modules: dict[tuple[str, str], Any] = {}

    def _card(self, item: dict[str, Any], heading: str, language: str, prefix: str, helpers: dict[str, Any]) -> Markup:
        """An item's card, rendered once per language, heading and folder depth.

        The same card appears on the listing, its publisher's page, the home page and
        up to five related lists; links in it differ only by the page's depth.
        """
        key = (item["id"], language, heading, prefix)
        found = self._cards.get(key)
        if found is None:
            module = self._card_modules.get((language, prefix))
            if module is None:
                module = self.env.get_template("_card.html").make_module(helpers)
                self._card_modules[(language, prefix)] = module
            found = self._cards[key] = Markup(module.card(item, heading))
        return found

    def render(self, template: str, page_url: str, language: str, **context: Any) -> str:
        """Render `template` for the page at `page_url`; links in it are made relative to that page."""

        def link(target: str) -> str:
            return urls.relative(page_url, target)

        def t(key: str, **params: Any) -> str:
            return messages.label(key, language, **params)

        helpers = {"link": link, "t": t, "lang": language, "page_url": page_url}
        prefix = urls.relative(page_url, "")

        def card(item: dict[str, Any], heading: str = "h3") -> Markup:
            return self._card(item, heading, language, prefix, helpers)

        return self.env.get_template(f"{template}.html").render(card=card, **helpers, **context)
