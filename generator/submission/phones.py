"""Contact phone numbers: checked against the numbering plans, shown in international form.

The `phonenumbers` library (Google's libphonenumber metadata) knows every country's numbering
plan, Kosovo's +383 under the user-assigned code `XK` included. A number written without its
country code (`018 500 000`) is read as a number of the publisher's country, which is how the
officer who typed it meant it. The site shows numbers in the library's international format
(`+381 18 500000`, ITU-T E.123) and dials them by their E.164 form (`tel:+38118500000`).
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from generator.submission.problems import Problem, field_path, problem
from generator.submission.sources import Source, locate


@dataclass(frozen=True)
class Phone:
    """A number as the site shows it: `display` for reading, `e164` for `tel:` links."""

    display: str
    e164: str


def _parse(number: str, country: str | None) -> phonenumbers.PhoneNumber | None:
    """The number, read with `country` (ISO 3166-1 alpha-2) as the region of a number without
    `+`; None when it cannot be read at all."""
    region = country if country in phonenumbers.SUPPORTED_REGIONS else None
    try:
        return phonenumbers.parse(number, region)
    except NumberParseException:
        return None


def international(number: str, country: str | None) -> Phone | None:
    """The number in international form and as E.164, or None if it is not a valid number.

    `country` is the publisher's country code: the region of a number written without `+`.
    """
    parsed = _parse(number, country)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return None
    return Phone(
        phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL),
        phonenumbers.format_number(parsed, PhoneNumberFormat.E164),
    )


def example(country: str | None) -> str:
    """A valid number of `country` in international form, for the problem's hint ("" if unknown)."""
    if country not in phonenumbers.SUPPORTED_REGIONS:
        return ""
    sample = phonenumbers.example_number_for_type(country, PhoneNumberType.FIXED_LINE)
    return phonenumbers.format_number(sample, PhoneNumberFormat.INTERNATIONAL) if sample else ""


def phone_problems(
    source: Source, loc: tuple[str | int, ...], number: str | None, country: str | None
) -> list[Problem]:
    """An error if `number` (the value at `loc` in `source`) is not a valid phone number.

    `country` is the publisher's country code (None if its own file does not give one that
    validates): a number without `+` is judged as a number of that country, one with `+` as a
    number of the country its calling code belongs to. Without a country a number without `+`
    is left alone: the publisher's file already has an error. Returns `[]` or one problem, whose
    hint is an example number of the country that was judged.
    """
    if not number:
        return []
    plain = number.strip()
    if not plain.startswith("+") and country not in phonenumbers.SUPPORTED_REGIONS:
        return []
    parsed = _parse(plain, country)
    if parsed is not None and phonenumbers.is_valid_number(parsed):
        return []
    judged = country
    if plain.startswith("+"):
        judged = phonenumbers.region_code_for_country_code(parsed.country_code) if parsed is not None else None
    line, column = locate(source.node, loc)
    name = field_path(loc)
    if judged in phonenumbers.SUPPORTED_REGIONS:
        return [problem(source.path, line, column, name, "phone_invalid", value=plain, country=judged,
                        example=example(judged))]  # fmt: skip
    return [problem(source.path, line, column, name, "phone_country_code", value=plain)]
