"""The one writer of the files Prilika puts into a built site, and the record of what it wrote.

MkDocs writes the pages it renders and the files registered with it; everything Prilika writes
after that (item pages, the shortlist's facts, the language chooser, the sitemaps) goes through
`Writer`, which records each path, refuses to write one twice, and removes the placeholder pages
it was asked to remove. The sitemaps are made from that record, so they list only pages that
exist (Pelican's `Writer` is the model).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class Writer:
    """Writes files under `site_dir` by site path (`en/items/x/index.html`) and remembers them.

    With `overwrite` (a rebuild of part of a site, `prilika serve`), a file of the site is replaced
    by a rename, so a reader gets the old file or the new one, never half of one.
    """

    def __init__(self, site_dir: Path, overwrite: bool = False) -> None:
        self.site_dir = site_dir
        self.overwrite = overwrite
        self.written: set[str] = set()
        self.pages: set[str] = set()
        """URLs (`en/items/x/`) of the HTML pages in the site, MkDocs' and ours."""

    def write(self, path: str, data: bytes, replace: bool = False) -> None:
        """Write `data` to the site path `path`; `replace` allows overwriting a file MkDocs wrote.

        Raises ValueError for a path written twice in one build, or one that leaves the site.
        """
        if path in self.written:
            raise ValueError(f"{path} written twice in one build")
        target = (self.site_dir / path).resolve()
        if self.site_dir.resolve() not in target.parents:
            raise ValueError(f"{path} is outside the site folder")
        if self.overwrite:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.is_file() or target.read_bytes() != data:  # unchanged files keep their time
                temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
                temporary.write_bytes(data)
                os.replace(temporary, target)
            self.written.add(path)
            if path.endswith("index.html"):
                self.pages.add(path[: -len("index.html")])
            return
        if target.exists() and not replace:
            raise ValueError(f"{path} would overwrite a file of the build")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.written.add(path)
        if path.endswith("index.html"):
            self.pages.add(path[: -len("index.html")])

    def record_page(self, url: str) -> None:
        """A page MkDocs wrote (`de/about/`), for the sitemaps."""
        self.pages.add(url)

    def remove_page(self, url: str) -> None:
        """Remove a page folder MkDocs wrote that is not part of the site (an item-page shell)."""
        shutil.rmtree(self.site_dir / url)
        self.pages.discard(url)
