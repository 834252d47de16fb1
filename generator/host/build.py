"""`prilika build` and `prilika serve`: validate, run MkDocs' build into a new folder, swap it in.

A failing build never publishes half a site: the site is built into a temporary folder beside
the target and only renamed into place once MkDocs and the plugin have finished.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort, PluginError

from generator.config import Settings, load_settings
from generator.errors import PrilikaError
from generator.submission.problems import format_problems, summary_line
from generator.submission.validation import Result, validate_catalogue

_PREVALIDATED: list[Result] = []


def take_prevalidated(settings: Settings) -> Result | None:
    """`prilika build` validated a moment ago (to print problems and exit 1); reuse that once."""
    while _PREVALIDATED:
        result = _PREVALIDATED.pop()
        if result.catalogue.settings == settings:
            return result
    return None


def _load_config(config_file: Path, **overrides: Any):
    from mkdocs.config import load_config

    return load_config(str(config_file), **overrides)


def build_site(config_file: Path, site_dir: str | None, language: str = "en") -> int:
    """Validate, build into a temporary folder, then swap it in. Returns the exit status:
    0 built, 1 validation or build errors (nothing replaced)."""
    from mkdocs.commands.build import build

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    settings = load_settings(config_file)
    result = validate_catalogue(settings)
    if result.problems:
        print(format_problems(result.problems, "text", language))
    if result.errors:
        print(summary_line(result.problems, language) + "; nothing was built")
        return 1
    _PREVALIDATED[:] = [result]
    probe = _load_config(config_file)
    target = Path(site_dir or probe.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    try:
        config = _load_config(config_file, site_dir=str(staging))
        build(config)
        _swap(staging, target)
    except (Abort, PluginError, PrilikaError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"prilika: build failed: {exc}")
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _PREVALIDATED.clear()
    print(f"built {target}")
    return 0


def _swap(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, dev_addr: str) -> int:
    """MkDocs' live-reloading server over the catalogue (the plugin adds its folders to the watch)."""
    from mkdocs.commands.serve import serve

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    serve(str(config_file), dev_addr=dev_addr, livereload=True)
    return 0
