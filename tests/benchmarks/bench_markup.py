"""Markdown rendering time: Python-Markdown (the renderer before CommonMark) against markdown-it-py.

    python tests/benchmarks/bench_markup.py [PASSES]      (default: 30)

Reads every Markdown text of the example catalogue (each language of every item's
`description` and every publisher's `about`) and renders all of them once per pass,
with the old renderer and the new one taken in turns so that both see the same load
on the machine. Both end in the same nh3 call, so the figures compare the parsers
plus sanitising, as a build pays them (without the build's cache). Prints the median
time of a pass for each, their ratio, and in how many texts the two HTML outputs
differ other than in white space. Needs Python-Markdown, which MkDocs installs. Asserts nothing.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import markdown
import nh3
import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from generator.site import markup  # noqa: E402

_OLD = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def old_render(text: str) -> str:
    """The renderer as it was with Python-Markdown: headings demoted by string replacement."""
    html = _OLD.reset().convert(text)
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(f"</h{level}>", f"</h{level + 2}>")
    return nh3.clean(
        html,
        tags=markup.ALLOWED_TAGS,
        attributes=markup.ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
        strip_comments=True,
    )


new_render: Callable[[str], str] = markup.render_markdown.__wrapped__  # without the build's cache


def catalogue_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((REPO / "opportunities").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("description", "about"):
            value = data.get(key)
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, dict):
                texts.extend(v for v in value.values() if isinstance(v, str))
    return texts


def one_pass(render: Callable[[str], str], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        render(text)
    return time.perf_counter() - start


def main(passes: int) -> None:
    texts = catalogue_texts()
    for text in texts[:3]:  # imports and first-use set-up out of the timed passes
        old_render(text), new_render(text)
    old, new = [], []
    for _ in range(passes):
        old.append(one_pass(old_render, texts))
        new.append(one_pass(new_render, texts))
    old_ms, new_ms = statistics.median(old) * 1000, statistics.median(new) * 1000
    differ = sum(_tags(old_render(t)) != _tags(str(new_render(t))) for t in texts)
    print(f"example catalogue: {len(texts)} Markdown texts, {sum(map(len, texts)):,} characters; {passes} passes")
    print(f"{'renderer':<34} {'median per pass':>16} {'per text':>10}")
    rows = ((f"Python-Markdown {markdown.__version__}", old_ms), (f"markdown-it-py {_markdown_it_version()}", new_ms))
    for name, ms in rows:
        print(f"{name + ' + nh3':<34} {ms:>13.1f} ms {ms * 1000 / len(texts):>7.0f} µs")
    print(f"new / old: {new_ms / old_ms:.2f}")
    print(f"HTML differs in {differ} of {len(texts)} texts (ignoring white space between tags)")


def _tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def _markdown_it_version() -> str:
    import markdown_it

    return markdown_it.__version__


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
