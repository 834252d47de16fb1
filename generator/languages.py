"""Languages: which text a reader sees, in which script, formatted for their locale.

A text field is a plain string (the default language) or a mapping from BCP 47
tag to string. Serbian is written in either script; the other one is made by
transliteration, and an explicit value always wins, because Latin to Cyrillic
is lossy (nadživeti, injekcija) and the officer may have corrected it by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, get_group_symbol, parse_pattern

from generator.transliteration import as_written, to_cyrillic, to_latin

SERBIAN_SCRIPTS = {"sr-Latn": "sr-Cyrl", "sr-Cyrl": "sr-Latn"}

Text = str | dict[str, str]


@cache
def transliterate(text: str, target: str) -> str:
    """Serbian text into the script of `target` (`sr-Latn` or `sr-Cyrl`): Serbian words only, marks
    of kept phrases removed (rules in `generator.transliteration`). ValueError for another target."""
    if target == "sr-Cyrl":
        return to_cyrillic(text)
    if target == "sr-Latn":
        return to_latin(text)
    raise ValueError(f"no transliteration into {target}")


def _shown(text: str, language: str) -> str:
    # A Serbian text shown in the script it was written in loses the marks of its kept phrases.
    return as_written(text) if language in SERBIAN_SCRIPTS or language == "sr" else text


def base_language(language: str) -> str:
    """The tag whose messages serve `language`: Serbian keeps its script, others lose regions."""
    if language in SERBIAN_SCRIPTS:
        return language
    if language == "sr":
        return "sr-Cyrl"
    return language.split("-")[0]


@dataclass(frozen=True)
class Localised:
    """A text as shown in one language: the string and the language it is really in."""

    text: str
    language: str
    translated: bool


def localise(value: Text | None, language: str, default: str, order: tuple[str, ...] = ()) -> Localised | None:
    """The best string of `value` for a reader of `language`.

    Falls back to the default language, then to any other, and says so
    (`translated=False`) so that the page can mark it and set its `lang`.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return Localised(_shown(value, default), default, language == default)
    if language in value:
        return Localised(_shown(value[language], language), language, True)
    other = SERBIAN_SCRIPTS.get(language)
    if other and other in value:
        return Localised(transliterate(value[other], language), language, True)
    for candidate in (default, *order, *value):
        if candidate in value:
            return Localised(_shown(value[candidate], candidate), candidate, False)
        other = SERBIAN_SCRIPTS.get(candidate)
        if other and other in value:
            return Localised(transliterate(value[other], candidate), candidate, False)
    return None


def has_language(value: Text | None, language: str, default: str, configured: tuple[str, ...]) -> bool:
    """Whether a reader of `language` gets this text without falling back."""
    if value is None:
        return True
    if isinstance(value, str):
        return language == default
    if language in value:
        return True
    other = SERBIAN_SCRIPTS.get(language)
    return bool(other and other in value and other in configured)


@cache
def babel_locale(language: str) -> Locale:
    return Locale.parse(language, sep="-")


# Digit grouping is done here rather than by Babel. CLDR 48 (Babel 2.19) made the Swiss group
# separator (de-CH, fr-CH, it-CH, de-LI) an ASCII apostrophe, and Babel then strips it as a
# pattern quoting character: `format_decimal(1234567.5, locale="de_CH")` gives `1234567.5`
# (unicode-org/cldr#5019, #5027). Babel formats without grouping; the locale's separator is
# inserted afterwards, so grouping holds with every Babel the dependency range allows.
_DIGITS = re.compile(r"[0-9]+")


def group_symbol(language: str) -> str:
    """The locale's digit group separator; CLDR 48's ASCII apostrophe is given as U+2019, the
    typographic apostrophe CLDR used before (and that an HTML page does not escape)."""
    symbol = get_group_symbol(babel_locale(language))
    return "\u2019" if symbol == "'" else symbol


def _grouped(text: str, language: str, grouping: tuple[int, int]) -> str:
    """`text` (a formatted number without grouping) with the group separator in its integer part,
    the first run of digits: `grouping` is (first group, other groups) as Babel's patterns give."""
    match = _DIGITS.search(text)
    if match is None:
        return text
    digits, groups = match.group(0), []
    size = grouping[0]
    while len(digits) > size:
        groups.insert(0, digits[-size:])
        digits = digits[:-size]
        size = grouping[1]
    groups.insert(0, digits)
    return text[: match.start()] + group_symbol(language).join(groups) + text[match.end() :]


def format_number(value: float, language: str, decimals: int = 2) -> str:
    """`value` with the locale's grouping and decimal sign, up to `decimals` decimals
    (`1’250’000` in de-CH, `1.250.000` in de, `1,250,000` in en)."""
    pattern = "#,##0" if float(value).is_integer() else "#,##0." + "#" * decimals
    text = format_decimal(value, format=pattern, locale=babel_locale(language), group_separator=False)
    return _grouped(text, language, parse_pattern(pattern).grouping)


def format_money(value: float, language: str, currency: str = "EUR") -> str:
    """An amount in the locale's currency format (`€1,234,567.50`, `EUR 1’234’567.50`); whole
    amounts without decimals (`€8,000,000`)."""
    loc = babel_locale(language)
    pattern = loc.currency_formats["standard"].pattern
    if float(value).is_integer():
        # Whole amounts read better without ",00"; keep the locale's own symbol placement.
        pattern = pattern.replace(".00", "").replace(",00", "")
        text = format_currency(
            value, currency, format=pattern, locale=loc, currency_digits=False, group_separator=False
        )
    else:
        text = format_currency(value, currency, format=pattern, locale=loc, group_separator=False)
    return _grouped(text, language, parse_pattern(pattern).grouping)


def format_long_date(value: date, language: str) -> str:
    return format_date(value, format="long", locale=babel_locale(language))


def language_name(language: str) -> str:
    """A language's own name for itself, as a language switcher shows it."""
    loc = babel_locale(language)
    name = loc.get_display_name(loc) or language
    return name[:1].upper() + name[1:]


def language_name_in(language: str, reader: str) -> str:
    """The name of `language` as a reader of `reader` calls it ("German" for de in English)."""
    try:
        name = babel_locale(language).get_display_name(babel_locale(reader)) or language
    except (ValueError, LookupError, UnknownLocaleError):
        return language
    return name.split(" (")[0] if language in SERBIAN_SCRIPTS else name


def country_name(code: str, language: str) -> str:
    return babel_locale(language).territories.get(code.upper(), code.upper())
