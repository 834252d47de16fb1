"""Submitted Markdown -> HTML that cannot carry script.

Descriptions and about texts are CommonMark (SPEC.md, "Fidelity of the
outputs"), as GitHub and most editors preview them: a list right after a
paragraph line is a list, and a bullet indented by two spaces nests. One
extension: under a numbered item (`1. `, content from column 3) two spaces
nest as well, where CommonMark wants three. Tables are GitHub's; nothing else
is added (no strikethrough, no bare-URL links).

Two lines of defence. The parser (markdown-it-py) removes raw HTML, keeping
the text between tags but not the body of `script`, `style` and the like, so
that an officer who pastes from a word processor sees clean text, not a page
of visible tags; it links only absolute `http`, `https` and `mailto` addresses
(any other `[text](target)` shows its text), and shows an image as its
description: a description has no pictures of its own, the item's
`images` are checked files of the publisher's folder. nh3 (the Ammonia
sanitiser) then removes every tag and attribute outside a short list and every
link that is not http, https or mailto, whatever the parser let through.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
LINK_SCHEMES = ("http:", "https:", "mailto:")

# Raw HTML whose body is not text for the reader either: dropped with its tags.
_BODY_DROPPED = re.compile(r"<(script|style|textarea|template|iframe|noscript|xmp|noembed|noframes|title)\b", re.I)
_ALIGN = re.compile(r"text-align:\s*(left|right|center)")


def _inline(children: list[Token]) -> list[Token]:
    """Inline tokens without raw HTML, and without the link of a target that is not http, https or
    mailto (its text stays)."""
    kept: list[Token] = []
    dropping: str | None = None
    unlinked = False
    for child in children:
        if child.type == "html_inline":
            if dropping is None:
                opened = _BODY_DROPPED.match(child.content)
                dropping = opened.group(1).lower() if opened and not child.content.endswith("/>") else None
            elif re.fullmatch(rf"</{dropping}\s*>", child.content, re.I):
                dropping = None
            continue
        if dropping is not None:
            continue
        if child.type == "link_open" and not _link_allowed(str(child.attrGet("href") or "")):
            unlinked = True
            continue
        if child.type == "link_close" and unlinked:
            unlinked = False
            continue
        if child.children:
            child.children = _inline(child.children)
        kept.append(child)
    return kept


def _page_rules(state: StateCore) -> None:
    """Raw HTML out, headings under the page's own, table alignment as the `align` attribute."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _inline(token.children)
        elif token.type in ("heading_open", "heading_close") and token.tag in ("h1", "h2"):
            # Item pages own h1 and h2; a description's headings start at h3.
            token.tag = f"h{int(token.tag[1]) + 2}"
        elif token.type in ("th_open", "td_open"):
            align = _ALIGN.search(str(token.attrs.pop("style", "")))
            if align:
                token.attrSet("align", align.group(1))


def _html_block(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    # The text of a raw HTML block, as a paragraph; nh3 with no tags keeps text, escaped.
    text = nh3.clean(tokens[idx].content, tags=set(), strip_comments=True).strip()
    return f"<p>{text}</p>\n" if text else ""


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return escapeHtml(self.renderInlineAsText(tokens[idx].children, options, env))


def _link_allowed(url: str) -> bool:
    return url.strip().lower().startswith(LINK_SCHEMES)


_LIST_ITEM = re.compile(r"( *)([-+*]|\d{1,9}[.)])( {1,4}(?=\S)|$)")
_FENCE = re.compile(r" *(```+|~~~+)")


def nest_by_two_spaces(text: str) -> str:
    """`text` with a list item indented by two or more spaces under a numbered item moved to that
    item's content column (and the lines below it at its depth with it), so that it nests as it
    does under a bullet. Lines inside fenced code are moved with their item, never read."""
    out: list[str] = []
    items: list[tuple[int, int]] = []  # open list items: (marker column, content column), as output
    shifts: list[tuple[int, int]] = []  # (input indent from which lines move, columns added)
    fence: str | None = None
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped:
            out.append(line)
            continue
        while shifts and indent < shifts[-1][0]:
            shifts.pop()
        added = sum(columns for _, columns in shifts)
        column = indent + added
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        else:
            item = _LIST_ITEM.match(line)
            while items and items[-1][0] >= column:
                items.pop()
            if item:
                if items and items[-1][0] + 2 <= column < items[-1][1]:
                    shifts.append((indent, items[-1][1] - column))
                    added, column = added + items[-1][1] - column, items[-1][1]
                width = len(item.group(2)) + max(len(item.group(3)), 1)
                items.append((column, column + width))
            elif indent == 0:
                items.clear()
        out.append(" " * added + line)
    return "\n".join(out)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.core.ruler.push("prilika_page_rules", _page_rules)
    md.add_render_rule("html_block", _html_block)
    md.add_render_rule("image", _image)
    return md


_MARKDOWN = _parser()


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    """Safe HTML for a description or an about text (CommonMark, rules above)."""
    html = _MARKDOWN.render(nest_by_two_spaces(text))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
        strip_comments=True,
    )
    return Markup(clean)
