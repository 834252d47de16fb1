"""Who may change what: each publisher's folder belongs to its maintainers, the rest to the staff.

A municipality must not be able to change its neighbour's listings, nor the settings, pages,
theme, code or CI files that every publisher shares. `prilika validate --changed-by USER --base
REF` judges every path a change touches:

- inside `<opportunities_dir>/<publisher>/`: USER must be one of that publisher's `maintainers`;
- a publisher folder that does not exist at REF is a new publisher, added by catalogue staff;
- anything else (`mkdocs.yml`, `content/`, `theme/`, `generator/`, `.github/`, `.gitlab-ci.yml`,
  `pyproject.toml`, `CODEOWNERS`, a file directly in the opportunities folder): staff only.

USER passes everything when listed in the `staff` option. The settings (`opportunities_dir`,
`staff`) and every `maintainers` list are read from REF, never from the change under review, so
a change cannot add its author to a list, move the opportunities folder or respell it
(`./opportunities`, `opportunities/`) to get past the check. `prilika codeowners` writes the same
rules as a CODEOWNERS file for the git host's review requests.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from generator.config import Settings, settings_from_text
from generator.contributors import gitrepo
from generator.errors import ConfigurationError
from generator.submission.catalogue import Catalogue
from generator.submission.problems import Problem, problem
from generator.submission.sources import parse_text

PUBLISHER_FILE = "publisher.yaml"


def user_key(name: str) -> str:
    """A user name as the git hosts compare them: no leading @, case-insensitive."""
    return name.strip().lstrip("@").lower()


def normalised_folder(catalogue_dir: str, folder: str) -> str:
    """The repo-relative path of `folder` (as written in mkdocs.yml) in the catalogue at `catalogue_dir`.

    `./opportunities`, `opportunities/`, `opportunities//` and `./opportunities/.` all give
    `opportunities`; `""` stands for the repository's top folder.
    """
    joined = posixpath.normpath(posixpath.join(catalogue_dir or ".", folder.strip() or "."))
    return "" if joined == "." else joined


def publisher_of(path: str, folder: str) -> str | None:
    """The publisher folder name of repo-relative `path` under `folder`, or None outside every one."""
    if folder:
        if not path.startswith(folder + "/"):
            return None
        path = path[len(folder) + 1 :]
    publisher, separator, rest = path.partition("/")
    return publisher if separator and publisher and rest else None


def settings_at(top: Path, rev: str, config_path: str) -> Settings:
    """The catalogue's settings as `config_path` (repo-relative mkdocs.yml) says at `rev`.

    Raises ConfigurationError when `rev` has no such file or its options are not valid: the
    check then cannot know the rules, so it fails rather than guess.
    """
    if not gitrepo.is_commit(top, rev):
        raise ConfigurationError(f"{rev!r} is not a commit of this repository (fetch it first, with its history)")
    try:
        raw = gitrepo.show(top, rev, config_path)
    except FileNotFoundError:
        raise ConfigurationError(f"{rev} has no {config_path}: the rules for --changed-by are read from it") from None
    name = f"{rev}:{config_path}"
    try:
        return settings_from_text(raw.decode("utf-8"), top / posixpath.dirname(config_path), name)
    except UnicodeDecodeError as exc:
        raise ConfigurationError(f"{name}: not readable YAML: {exc}") from exc
    except ConfigurationError as exc:
        raise ConfigurationError(f"in {name}, which sets the rules for --changed-by: {exc}") from exc


def _maintainers_at(top: Path, rev: str, folder: str, publisher: str) -> list[str] | None:
    """The maintainers a publisher had at `rev` ([] if none are listed), or None if its folder did not exist."""
    path = posixpath.join(folder, publisher)
    try:
        raw = gitrepo.show(top, rev, f"{path}/{PUBLISHER_FILE}")
    except FileNotFoundError:
        return [] if gitrepo.exists(top, rev, path) else None
    source, _ = parse_text(raw.decode("utf-8", errors="replace"), f"{path}/{PUBLISHER_FILE}")
    data = source.data if source is not None else None
    found = data.get("maintainers") if isinstance(data, dict) else None
    return [user_key(str(u)) for u in found if isinstance(u, str)] if isinstance(found, list) else []


def _config_path(top: Path, config_file: Path) -> str:
    try:
        return config_file.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise ConfigurationError(f"{config_file} is not inside the git repository at {top}") from None


def ownership_problems(
    root: Path, user: str, base: str, head: str = "HEAD", config_file: Path | None = None
) -> list[Problem]:
    """An error for every path changed on `head` since `base` that `user` may not change.

    `root` is the catalogue's folder and `config_file` its mkdocs.yml (default `root/mkdocs.yml`);
    the rules are read from that file and the `publisher.yaml` files as they are at `base`. The
    problem's path is the changed path, repo-relative, exactly as git stores it (a renamed file is
    judged at its old and its new path, a deleted one at its path). Raises ConfigurationError when
    git or the base revision cannot answer.
    """
    if not user.strip():
        raise ConfigurationError("--changed-by needs a user name")
    top = gitrepo.top_level(root)
    config_path = _config_path(top, config_file if config_file is not None else Path(root) / "mkdocs.yml")
    settings = settings_at(top, base, config_path)
    who = user_key(user)
    staff = sorted({user_key(name) for name in settings.staff})
    changed = gitrepo.changed_files(top, base, head)
    if who in staff:
        return []
    folder = normalised_folder(posixpath.dirname(config_path), settings.opportunities_dir)
    staff_shown = ", ".join(staff) or "-"
    problems = []
    maintainers_of: dict[str, list[str] | None] = {}
    for path in changed:
        publisher = publisher_of(path, folder)
        if publisher is None:
            problems.append(problem(path, 1, 1, "", "outside_publisher_folders", user=user, staff=staff_shown))
            continue
        if publisher not in maintainers_of:
            maintainers_of[publisher] = _maintainers_at(top, base, folder, publisher)
        maintainers = maintainers_of[publisher]
        if maintainers is None:
            problems.append(
                problem(path, 1, 1, "", "new_publisher_folder", user=user, publisher=publisher, staff=staff_shown)
            )
        elif who not in maintainers:
            shown = ", ".join(maintainers) or "-"
            problems.append(
                problem(path, 1, 1, "", "not_maintainer", user=user, publisher=publisher, maintainers=shown)
            )
    return problems


def codeowners(catalogue: Catalogue, fallback: list[str] | None = None) -> str:
    """CODEOWNERS text: staff own everything, each publisher folder's maintainers own that folder.

    The owners of everything outside the publisher folders (`mkdocs.yml`, `content/`, `theme/`,
    `generator/`, CI files, CODEOWNERS itself) are `fallback` when given, else the `staff` option.
    GitHub and GitLab both let the last matching line win, so the `*` line comes first.
    """
    settings = catalogue.settings
    owners = list(fallback) if fallback else list(settings.staff)
    folder = normalised_folder(_catalogue_dir(settings.root), settings.opportunities_dir)
    lines = [
        "# Written by `prilika codeowners` from the `staff` option and the maintainers in each publisher.yaml;",
        "# do not edit by hand. Staff own everything outside the publisher folders (mkdocs.yml, content/,",
        "# theme/, generator/, CI files, this file); each publisher folder belongs to its maintainers.",
    ]
    if owners:
        lines.append("* " + " ".join(_handle(u) for u in owners))
    else:
        lines.append("# No `staff` option in mkdocs.yml: the files outside the publisher folders have no owner.")
    prefix = f"/{folder}/" if folder else "/"
    for pid, record in sorted(catalogue.publishers.items()):
        maintainers = record.model.maintainers or []
        if maintainers:
            lines.append(f"{prefix}{pid}/ " + " ".join(_handle(u) for u in maintainers))
    return "\n".join(lines) + "\n"


def _catalogue_dir(root: Path) -> str:
    """The catalogue's folder relative to its git repository ('' at the top, or outside git)."""
    try:
        top = gitrepo.top_level(root)
    except ConfigurationError:
        return ""
    relative = Path(root).resolve().relative_to(top.resolve()).as_posix()
    return "" if relative == "." else relative


def _handle(user: str) -> str:
    return user if user.startswith("@") else f"@{user}"
