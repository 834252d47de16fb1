"""One small renderer for the catalogue's HTML fragments.

Templates live in `generator/templates/`; a catalogue overrides any of them by
putting a file of the same name in `theme/prilika/`, as Material's own
overrides work. Autoescaping is on: submitted text is never trusted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import messages, urls


def _json_script(value: Any) -> Markup:
    """JSON safe inside <script>: no `</script>` or `<!--` can close it early."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


class Renderer:
    def __init__(self, override_dir: Path | None = None) -> None:
        loaders = []
        if override_dir is not None and override_dir.is_dir():
            loaders.append(FileSystemLoader(str(override_dir)))
        loaders.append(PackageLoader("generator", "templates"))
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["json_script"] = _json_script

    def render(self, template: str, page_url: str, language: str, **context: Any) -> str:
        """Render `template` for the page at `page_url`; links in it are made relative to that page."""

        def link(target: str) -> str:
            return urls.relative(page_url, target)

        def t(key: str, **params: Any) -> str:
            return messages.label(key, language, **params)

        return self.env.get_template(f"{template}.html").render(
            link=link, t=t, lang=language, page_url=page_url, **context
        )
