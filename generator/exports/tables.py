"""`api/items.csv`: one row per listed item for spreadsheets, texts in the default language.

Written for the spreadsheet programs investors open it with: UTF-8 with a byte-order mark, so
that Excel reads Čačak, Niš and Cyrillic as such instead of guessing a Windows code page, and
every submitted text neutralised against formula injection (`spreadsheet_text`).
"""

from __future__ import annotations

import csv
import io

from generator import urls
from generator.languages import localise
from generator.submission.catalogue import Catalogue

COLUMNS = (
    "id",
    "kind",
    "publisher",
    "country",
    "status",
    "title",
    "summary",
    "sectors",
    "lat",
    "lon",
    "published",
    "valid_until",
    "site_type",
    "area_m2",
    "price_eur",
    "lease_eur_per_m2_year",
    "investment_eur_min",
    "investment_eur_max",
    "model",
    "stage",
    "company",
    "seeking",
    "employees",
    "founded",
    "member_of",
    "starts",
    "ends",
    "format",
    "contact_email",
    "url",
)


# The columns whose cells are numbers or dates the build writes itself; every other column holds
# text from a submission or a code, and is passed through `spreadsheet_text`.
NUMBER_COLUMNS = frozenset(
    {
        "lat",
        "lon",
        "published",
        "valid_until",
        "area_m2",
        "price_eur",
        "lease_eur_per_m2_year",
        "investment_eur_min",
        "investment_eur_max",
        "employees",
        "founded",
        "starts",
        "ends",
    }
)
BOM = "\ufeff"
# OWASP, "CSV Injection": a cell starting with one of these is read as a formula by Excel,
# LibreOffice Calc or Google Sheets (tab and carriage return as well, which some of them skip).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """A text cell a spreadsheet shows as text: one that would begin with `=`, `+`, `-`, `@`, a
    tab or a carriage return gets a leading `'` (OWASP's advice); any other text is unchanged."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _number(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _when(value) -> str:
    """An event's date, or date and time with its UTC offset, as written (ISO 8601)."""
    return value.isoformat() if value is not None else ""


def items_csv(catalogue: Catalogue) -> bytes:
    """The CSV bytes: a byte-order mark, one header row of `COLUMNS`, then one row per listed
    item in listing order; LF line ends, RFC 4180 quoting (`csv.writer`)."""
    default = catalogue.settings.default_language
    out = io.StringIO(newline="")
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in catalogue.listed():
        m = item.model
        location = catalogue.location_of(item)
        investment = getattr(m, "investment_eur", None)
        low = high = investment
        if investment is not None and not isinstance(investment, (int, float)):
            low, high = investment.min, investment.max
        title = localise(m.title, default, default)
        summary = localise(m.summary, default, default)
        row = {
            "id": item.id,
            "kind": item.kind,
            "publisher": item.publisher_id,
            "country": catalogue.country_of(item),
            "status": m.status,
            "title": title.text if title else "",
            "summary": summary.text if summary else "",
            "sectors": " ".join(m.sectors),
            "lat": location.lat,
            "lon": location.lon,
            "published": m.published.isoformat(),
            "valid_until": m.valid_until.isoformat() if m.valid_until else "",
            "site_type": getattr(m, "site_type", "") or "",
            "area_m2": _number(getattr(m, "area_m2", None)),
            "price_eur": _number(getattr(m, "price_eur", None)),
            "lease_eur_per_m2_year": _number(getattr(m, "lease_eur_per_m2_year", None)),
            "investment_eur_min": _number(low),
            "investment_eur_max": _number(high),
            "model": getattr(m, "model", "") or "",
            "stage": getattr(m, "stage", "") or "",
            "company": getattr(m, "company", "") or "",
            "seeking": " ".join(getattr(m, "seeking", []) or []),
            "employees": _number(getattr(m, "employees", None)),
            "founded": _number(getattr(m, "founded", None)),
            "member_of": " ".join(getattr(m, "member_of", []) or []),
            "starts": _when(getattr(m, "starts", None)),
            "ends": _when(getattr(m, "ends", None)),
            "format": getattr(m, "format", "") or "",
            "contact_email": catalogue.contact_of(item).email,
            "url": urls.item(default, item.id),
        }
        writer.writerow([row[c] if c in NUMBER_COLUMNS else spreadsheet_text(str(row[c])) for c in COLUMNS])
    return out.getvalue().encode("utf-8")
