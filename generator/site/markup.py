"""Submitted Markdown -> HTML that cannot carry script.

Markdown renders raw HTML through; nh3 (the Ammonia sanitiser) then removes
every tag outside a short list (keeping its text, dropping script and style
bodies) and every link that is not http, https or mailto. Removing rather than
escaping means an officer who pastes from a word processor sees clean text,
not a page of visible tags.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def _demote(html: str) -> str:
    # Item pages own h1 and h2; a description's headings start at h3.
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(f"</h{level}>", f"</h{level + 2}>")
    return html


_MARKDOWN = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    """Safe HTML for a description or an about text."""
    html = _demote(_MARKDOWN.reset().convert(text))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
        strip_comments=True,
    )
    return Markup(clean)
