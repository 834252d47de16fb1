"""The `prilika` command: validate, build, serve, new, schema.

Exit status: 0 fine, 1 the catalogue has errors, 2 the command line or the
configuration is wrong. A user never sees a traceback for their own mistake.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.config import load_settings
from generator.errors import ConfigurationError, PrilikaError
from generator.submission.problems import format_problems, summary_line
from generator.submission.validation import problems_for, validate_catalogue


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep its wording short
        self.print_usage(sys.stderr)
        print(f"prilika: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="prilika", description=__doc__.splitlines()[0])
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="the catalogue's mkdocs.yml (default: %(default)s)"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = sub.add_parser("validate", help="check the catalogue (or the files given) and print every problem")
    validate.add_argument("paths", nargs="*", help="files or folders to report on (all are still checked together)")
    validate.add_argument("--format", choices=("text", "github", "json"), default="text")
    validate.add_argument("--lang", default="en", help="language of the messages (en, de, sr-Latn, sr-Cyrl, sq)")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument(
        "--changed-by",
        metavar="USER",
        help="fail every changed file USER may not change: another publisher's folder, or anything "
        "outside the publisher folders unless USER is staff (rules read from --base)",
    )
    validate.add_argument("--base", metavar="REF", help="with --changed-by: the revision the change starts from")

    build = sub.add_parser("build", help="validate, then build the site")
    build.add_argument("--site-dir", default=None, help="where to write the site (default: mkdocs.yml's site_dir)")
    build.add_argument("--lang", default="en", help="language of the problem messages")
    build.add_argument(
        "--shard",
        metavar="K/N",
        help="build only the K-th of N parts of the site (one per CI job); the N site folders laid over "
        "each other are the whole site",
    )

    serve = sub.add_parser("serve", help="build and serve locally, rebuilding on changes")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")

    new = sub.add_parser("new", help="write a commented starter file")
    new.add_argument("kind", choices=("site", "project", "sme", "event", "publisher"))
    new.add_argument("publisher", help="publisher id (its folder name)")
    new.add_argument("item", nargs="?", help="item id (the file name without .yaml); not for publisher")

    owners = sub.add_parser("codeowners", help="write CODEOWNERS from the maintainers in publisher.yaml files")
    owners.add_argument("--output", default="CODEOWNERS", help="file to write, '-' for standard output")
    owners.add_argument(
        "--fallback",
        nargs="*",
        default=[],
        metavar="USER",
        help="owners of everything outside the publisher folders (default: the staff option)",
    )

    diff = sub.add_parser("diff", help="what changed in the catalogue between two git revisions")
    diff.add_argument("base")
    diff.add_argument("head", nargs="?", default="HEAD")
    diff.add_argument("--format", choices=("text", "markdown"), default="text")
    diff.add_argument("--preview-url", default="", help="where the built preview is, to link changed items")

    stale = sub.add_parser("stale", help="items that expire soon or were not updated for a year")
    stale.add_argument("--days", type=int, default=30, help="report items expiring within this many days")
    stale.add_argument("--format", choices=("text", "markdown"), default="text")

    schema = sub.add_parser("schema", help="write the JSON Schema files")
    schema.add_argument("dir", nargs="?", default="schema")
    return parser


def _validate(args: argparse.Namespace) -> int:
    settings = load_settings(Path(args.config_file))
    result = validate_catalogue(settings)
    problems = result.problems
    if args.paths:
        for given in args.paths:
            if not Path(given).exists():
                raise ConfigurationError(f"{given}: no such file or folder")
        root = settings.root
        shown = [
            Path(p).resolve().relative_to(root).as_posix() if Path(p).resolve().is_relative_to(root) else p
            for p in args.paths
        ]
        problems = problems_for(result, shown)
    # `is not None`: an empty value (an unset CI variable) must fail, not switch the check off.
    if args.changed_by is not None or args.base is not None:
        if not (args.changed_by and args.base):
            raise ConfigurationError("--changed-by and --base go together, each with a value")
        from generator.contributors.ownership import ownership_problems
        from generator.submission.problems import sort_problems

        config_file = Path(args.config_file)
        problems = sort_problems(
            problems + ownership_problems(settings.root, args.changed_by, args.base, config_file=config_file)
        )
    if problems or args.format == "json":
        print(format_problems(problems, args.format, args.lang))
    failing = [p for p in problems if p.is_error or args.strict]
    if args.format == "text":
        print(summary_line(problems, args.lang), file=sys.stderr)
    return 1 if failing else 0


def _build(args: argparse.Namespace) -> int:
    from generator.host.build import build_site
    from generator.host.shards import parse_shard

    shard = parse_shard(args.shard) if args.shard is not None else None
    return build_site(Path(args.config_file), args.site_dir, args.lang, shard)


def _serve(args: argparse.Namespace) -> int:
    from generator.host.build import serve_site

    return serve_site(Path(args.config_file), args.dev_addr)


def _new(args: argparse.Namespace) -> int:
    from generator.contributors.scaffold import write_starter

    if args.kind == "publisher" and args.item:
        raise ConfigurationError("prilika new publisher takes only the publisher id")
    settings = load_settings(Path(args.config_file))
    path = write_starter(settings.opportunities, args.kind, args.publisher, args.item)
    print(f"wrote {path.relative_to(settings.root).as_posix()}: replace each ~ and run `prilika validate`")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from generator.exports.schema import write_schemas

    for path in write_schemas(Path(args.dir)):
        print(f"wrote {path.as_posix()}")
    return 0


def _codeowners(args: argparse.Namespace) -> int:
    from generator.contributors.ownership import codeowners

    settings = load_settings(Path(args.config_file))
    result = validate_catalogue(settings)
    text = codeowners(result.catalogue, args.fallback)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from generator.contributors.changes import catalogue_changes, format_changes

    settings = load_settings(Path(args.config_file))
    changes = catalogue_changes(
        settings.root, settings.opportunities_dir, args.base, args.head, settings.default_language
    )
    sys.stdout.write(format_changes(changes, args.format, args.preview_url, settings.default_language))
    return 0


def _stale(args: argparse.Namespace) -> int:
    from generator.contributors.stale import format_stale, stale_items

    settings = load_settings(Path(args.config_file))
    result = validate_catalogue(settings)
    sys.stdout.write(format_stale(stale_items(result.catalogue, args.days, settings.root), args.format))
    return 0


COMMANDS = {
    "validate": _validate,
    "build": _build,
    "serve": _serve,
    "new": _new,
    "schema": _schema,
    "codeowners": _codeowners,
    "diff": _diff,
    "stale": _stale,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except PrilikaError as exc:
        text = str(exc)
        # Problem lines (`mkdocs.yml:7:18: error: ...`) stay as they are, for editors and problem matchers.
        located = text.split(":", 1)[0].endswith((".yml", ".yaml")) and ": error: " in text
        print(text if located else f"prilika: {text}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
