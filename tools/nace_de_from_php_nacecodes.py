"""German names of the NACE Rev. 2 groups and classes, from Eurostat's German edition.

Usage (from the repository root):

    git clone https://github.com/xterr/php-nacecodes /tmp/php-nacecodes
    python tools/nace_de_from_php_nacecodes.py /tmp/php-nacecodes

writes `generator/submission/data/nace_de.csv` (columns `code`, `name`; the 272 groups and 615
classes). The library keeps Eurostat's labels as English name -> German name
(`Resources/translations/messages_de.yaml`) and the codes with their English names in
`Resources/nace*.json`; a code's German name is the one its English name maps to. Sections
and divisions are in `nace_names.yaml` (sections there in sentence case, which cannot be
derived from Eurostat's capitals); the script stops if the source's division names differ
from that file's. See `generator/submission/data/README.md` for the source and licence.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "generator" / "submission" / "data"


def german_names(checkout: Path) -> dict[str, str]:
    """Every NACE Rev. 2 code (`01`, `01.1`, `01.11`, sections too) -> its German name."""
    resources = checkout / "Resources"
    german = yaml.safe_load((resources / "translations" / "messages_de.yaml").read_text(encoding="utf-8"))
    names = {}
    for file in ("naceSections.json", "naceDivisions.json", "naceGroups.json", "naceCodes.json"):
        for entry in json.loads((resources / file).read_text(encoding="utf-8")):
            if entry["version"] != 2:
                continue
            if entry["name"] not in german:
                raise SystemExit(f"{entry['rawCode']}: no German name for {entry['name']!r}")
            names[entry["rawCode"]] = " ".join(german[entry["name"]].split())
    return names


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    names = german_names(Path(argv[0]))
    kept = yaml.safe_load((DATA / "nace_names.yaml").read_text(encoding="utf-8"))
    differing = [code for code, entry in kept.items() if code[0].isdigit() and entry["de"] != names[code]]
    if differing:
        raise SystemExit(f"division names differ from nace_names.yaml: {', '.join(differing)}")
    codes = [row["code"] for row in csv.DictReader((DATA / "nace.csv").open(encoding="utf-8")) if "." in row["code"]]
    with (DATA / "nace_de.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "name"])
        for code in codes:
            writer.writerow([code, names[code]])
    print(f"{DATA / 'nace_de.csv'}: {len(codes)} names")


if __name__ == "__main__":
    main(sys.argv[1:])
