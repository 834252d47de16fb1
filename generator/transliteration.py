"""Serbian between its two scripts, changing Serbian words only.

Serbian is written in Latin and in Cyrillic, letter for letter (lj, nj and dž are
one letter each: љ, њ, џ). A submitter writes a text in one script and the
catalogue shows it in both, so every word of that text is read here and either
converted or kept exactly as written. Kept as written (SPEC.md, "Fidelity of
the outputs"):

- a phrase marked by the submitter: `((GlobalG.A.P.))`; the marks themselves
  never show, in either script (`as_written` removes them from a text that is
  shown in the script it was written in);
- URLs, e-mail addresses, domain names (`opstina.rs`), handles (`@opstina_nis`),
  `°C`, and what Markdown gives to machines: code spans and blocks, link
  targets, HTML tags, entities;
- a word with a letter outside the Serbian alphabets (`Wi-Fi`, `Pejë`,
  `Müller`, and on the Cyrillic side `Юрий`) or with Albanian's `gj`
  (`Gjakova`);
- a word that mixes capitals and small letters other than as a capitalised word
  (`GlobalG.A.P.`, `iPhone`, `McDonald's`, `ENplus`, `kV`): brands and symbols;
- a code that mixes capitals and digits (`B2B`, `A1`, `4G`, `CO2`, `EN1090`);
  a number with a Serbian unit (`10km`, `m2`) is Serbian and converted;
- an abbreviation: a word of two or more letters, all capitals (`HACCP`, `ISO`,
  `EU`, `IT`, `CE`, `EN`). Not kept, because they are Serbian: a capitalised
  word with a letter or digraph only Serbian has (`NIŠ`, `ČAČAK`, `LJIG`), and
  the abbreviations of Serbian names in `SERBIAN_ABBREVIATIONS` (`PDV`, `JKP`,
  `d.o.o.` written `D.O.O.`).
- A line written in capitals (two or more capitalised words and no word in
  small letters: `NIŠ INDUSTRIJSKA ZONA`) is Serbian words in capitals, not a row
  of abbreviations: there only the international abbreviations in
  `INTERNATIONAL_ABBREVIATIONS` and Roman numerals stay as written.

A word is what stands between spaces and punctuation, with its parts joined by
hyphens, dashes, slashes, dots or apostrophes (`Wi-Fi`, `G.A.P.`,
`HACCP-sertifikat`, `EUR/m²`); a word with any part kept is kept whole, so
that no word is written in two scripts.

The letters of a word judged Serbian are converted by serbian-translit; this
module decides which words those are, and handles what the library cannot know.
Cyrillic to Latin is exact (every Serbian Cyrillic letter has one Latin
spelling). Latin to Cyrillic is exact too except where Latin is ambiguous:
n+j and d+ž across a prefix (`injekcija`, `konjunktura`, `nadživeti`) are read
from `SPLIT_DIGRAPHS`; for anything else an explicit Cyrillic text, or a
marked phrase, wins. Quotation marks are not a keep-mark: names in quotes
(`JKP „Vodovod”`) are Serbian and are converted.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from serbian_translit import srp

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CAPITAL_PAIR = re.compile("(?:LJ|NJ|DŽ)(?=[a-zčćđšž])")

KEEP_OPEN, KEEP_CLOSE = "((", "))"

_LATIN_TO_CYRILLIC = dict(
    zip(
        "abcčćdđðefghijklmnoprsštuvzžǆǉǌ",
        "абцчћдђђефгхијклмнопрсштувзжџљњ",
        strict=True,
    )
)
_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
_DIGRAPHS_UPPER = frozenset(d.upper() for d in _DIGRAPHS)
_CYRILLIC_TO_LATIN = {
    cyrillic: latin
    for latin, cyrillic in {**_LATIN_TO_CYRILLIC, **_DIGRAPHS}.items()
    if latin not in ("ð", "ǆ", "ǉ", "ǌ")
}
SERBIAN_LETTERS = frozenset(_LATIN_TO_CYRILLIC) | frozenset(_CYRILLIC_TO_LATIN)

# Latin spellings where n+j or d+ž are two letters, not one (Pravopis srpskoga jezika: words
# with the prefixes nad-, pod-, od-, pred- and the loans injekcija, konjugacija, konjunktura).
# Each stem is found anywhere in a word; the number is where the pair that stays split begins.
SPLIT_DIGRAPHS = {
    "injekc": 1,
    "konjug": 2,
    "konjunk": 2,
    "vanjezi": 2,
    "tanjug": 2,
    "nadživ": 2,
    "nadžnj": 2,
    "odžali": 1,
    "podžanr": 2,
    "podžup": 2,
    "predželud": 3,
}

# Capitalised abbreviations of Serbian names: Cyrillic text writes them in Cyrillic (ПДВ, ЈКП).
SERBIAN_ABBREVIATIONS = frozenset(
    {
        "AD",  # akcionarsko društvo
        "AP",  # autonomna pokrajina
        "APR",  # Agencija za privredne registre
        "APV",  # AP Vojvodina
        "DOO",  # društvo s ograničenom odgovornošću (D.O.O.)
        "DUP",  # detaljni urbanistički plan
        "EPS",  # Elektroprivreda Srbije
        "GUP",  # generalni urbanistički plan
        "JKP",  # javno komunalno preduzeće
        "JLS",  # jedinica lokalne samouprave
        "JP",  # javno preduzeće
        "JPP",  # javno-privatno partnerstvo
        "KP",  # komunalno preduzeće
        "MB",  # matični broj
        "MSP",  # mala i srednja preduzeća
        "MSPP",
        "MZ",  # mesna zajednica
        "NBS",  # Narodna banka Srbije
        "NSZ",  # Nacionalna služba za zapošljavanje
        "PDR",  # plan detaljne regulacije
        "PDV",  # porez na dodatu vrednost
        "PGR",  # plan generalne regulacije
        "PIB",  # poreski identifikacioni broj
        "PKS",  # Privredna komora Srbije
        "RAS",  # Razvojna agencija Srbije
        "RGZ",  # Republički geodetski zavod
        "RS",  # Republika Srbija
        "RZS",  # Republički zavod za statistiku
        "SANU",
        "SO",  # skupština opštine
    }
)

# International abbreviations that stay as written even in a line written in capitals.
INTERNATIONAL_ABBREVIATIONS = frozenset(
    {
        "AI",
        "ASTM",
        "BRC",
        "BRCGS",
        "CE",
        "CEFTA",
        "CEO",
        "CNC",
        "DIN",
        "EBRD",
        "EFTA",
        "EIB",
        "EN",
        "ERP",
        "EU",
        "EUR",
        "FDI",
        "FSSC",
        "GAP",
        "GIZ",
        "GLOBALGAP",
        "GMP",
        "GPS",
        "HACCP",
        "IATF",
        "ICT",
        "IEC",
        "IFS",
        "IPA",
        "ISO",
        "IT",
        "LED",
        "LNG",
        "LPG",
        "OECD",
        "PDF",
        "PVC",
        "UN",
        "UNDP",
        "UNIDO",
        "USAID",
        "USB",
        "USD",
    }
)

_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_NOT_ROMAN = frozenset({"MI", "LI", "VI", "CI", "DI"})  # Serbian words, or not used as numbers
_SERBIAN_ONLY = re.compile("[ČĆĐÐŠŽ]|LJ|NJ")

_DOMAINS = "com|org|net|info|biz|io|eu|rs|srb|me|al|ba|hr|mk|si|de|at|ch|it|uk|gov|edu|int|app"
# What is kept as written, then a word: letters and digits joined by hyphens, dots, slashes,
# apostrophes or ampersands. Alternatives are tried in order at each position.
_TOKEN = re.compile(
    r"(?P<mark>\(\((?P<marked>.+?)\)\))"
    r"|(?P<kept>```.*?```|`[^`\n]+`"
    r"|<[A-Za-z/!][^<>\n]*>|&#?[A-Za-z0-9]+;|\]\([^)\n]*\)"
    r"|(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)(?:[^\s<>()\[\]]|\([^\s<>()]*\))+"
    r"|[\w.%+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)@\w+(?:[._]\w+)*|°\s?[CFK]\b"
    rf"|(?<![\w@.-])(?:[A-Za-z0-9-]+\.)+(?:{_DOMAINS})\b(?:/[^\s<>()]*)?)"
    r"|(?P<word>[^\W_]+(?:(?:[-‐‑–.'’/]|&(?!#?[A-Za-z0-9]+;))[^\W_]+)*)",
    re.DOTALL,
)
_PARTS = re.compile(r"([-‐‑–/])")
_TWO_CAPITALS = re.compile("[A-ZČĆĐŠŽ]{2}")  # no line is in capitals without them


def _foreign(word: str) -> bool:
    # gj is Albanian's letter (Gjakova, Gjilan); Serbian never writes g before j.
    return any(c.isalpha() and c.lower() not in SERBIAN_LETTERS for c in word) or "gj" in word.lower()


def _mixed_case(word: str) -> bool:
    """A run of letters that is neither small, capitals nor capitalised (`iPhone`, `GlobalG`,
    `ENplus`, `kV`); a capital digraph before small letters (`NJegoš`) is Serbian."""
    for run in re.findall(r"[^\W\d_]+", word):
        if run.islower() or run.isupper() or run[1:].islower() or len(run) < 2:
            continue
        if run[:2].upper() in _DIGRAPHS_UPPER and run[:2].isupper() and run[2:].islower():
            continue
        return True
    return False


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def _is_code(word: str) -> bool:
    """Capitals with digits (B2B, A1, 4G, CO2), or digits inside letters (b2b); not 10km or m2."""
    if not any(c in "0123456789" for c in word):
        return False
    letters = _letters(word)
    if not letters:
        return False
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 or letters == letters.upper() or re.search(r"[^\W\d_]\d+[^\W\d_]", word) is not None


def _capitalised(letters: str) -> bool:
    return len(letters) >= 2 and letters.upper() == letters and letters.lower() != letters


def _roman(letters: str) -> bool:
    return len(letters) >= 2 and letters not in _NOT_ROMAN and _ROMAN.fullmatch(letters) is not None


def _abbreviation_kept(letters: str, capitals_line: bool) -> bool:
    """Whether a word of capitals stays as written in Cyrillic text."""
    if letters in INTERNATIONAL_ABBREVIATIONS or _roman(letters):
        return True
    if capitals_line:
        return False
    return letters not in SERBIAN_ABBREVIATIONS and _SERBIAN_ONLY.search(letters) is None


def _kept_whole(word: str) -> bool:
    return _foreign(word) or _mixed_case(word)


_SINGLES = str.maketrans(
    {
        **_LATIN_TO_CYRILLIC,
        **{latin.upper(): cyrillic.upper() for latin, cyrillic in _LATIN_TO_CYRILLIC.items()},
        **{latin.title(): cyrillic.upper() for latin, cyrillic in _LATIN_TO_CYRILLIC.items()},  # ǅ
    }
)
_PAIR = re.compile("(?i:lj|nj|dž)")
_PAIR_LETTER = {
    first + second: _DIGRAPHS[pair].upper() if first.isupper() else _DIGRAPHS[pair]
    for pair in _DIGRAPHS
    for first in (pair[0], pair[0].upper())
    for second in (pair[1], pair[1].upper())
}
_SPLIT = re.compile("|".join(SPLIT_DIGRAPHS), re.I)


def _latin_letters_to_cyrillic(word: str) -> str:
    if _SPLIT.search(word):
        return _split_pairs_to_cyrillic(word)
    # NJegoš (a capital digraph typed as two capitals) is one letter: serbian-translit reads only Njegoš so.
    return srp.to_cyr(_CAPITAL_PAIR.sub(lambda m: m.group()[0] + m.group()[1].lower(), word))


def _split_pairs_to_cyrillic(word: str) -> str:
    lowered = word.lower()
    split = {m.start() + SPLIT_DIGRAPHS[m.group().lower()] for m in _SPLIT.finditer(word)}
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = lowered[i : i + 2]
        if pair in _DIGRAPHS and i not in split:
            out.append(_PAIR_LETTER[word[i : i + 2]])
            i += 2
        else:
            out.append(word[i].translate(_SINGLES))
            i += 1
    return "".join(out)


def _cyrillic_letters_to_latin(word: str) -> str:
    # serbian-translit spells Љ, Њ, Џ as LJ inside a word in capitals and Lj before small letters;
    # a word with no Cyrillic letter is left to us, as it would recase some (kV -> kv).
    return srp.to_lat(word) if _CYRILLIC.search(word) else word


@lru_cache(maxsize=65536)
def _word_to_cyrillic(word: str, capitals_line: bool) -> str:
    if _kept_whole(word):
        return word
    letters = _letters(word)
    if _capitalised(letters) and not _is_code(word):
        return word if _abbreviation_kept(letters, capitals_line) else _latin_letters_to_cyrillic(word)
    for part in _PARTS.split(word)[::2]:
        letters = _letters(part)
        if _is_code(part) or (_capitalised(letters) and _abbreviation_kept(letters, capitals_line)):
            return word  # a word is in one script: HACCP-sertifikat, EUR/m² stay as written
    return _latin_letters_to_cyrillic(word)


@lru_cache(maxsize=65536)
def _word_to_latin(word: str, capitals_line: bool) -> str:
    return word if _foreign(word) else _cyrillic_letters_to_latin(word)


def _line_of(text: str) -> Callable[[int], int]:
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    return lambda position: bisect.bisect_left(breaks, position)


def _capitals_lines(words: list[re.Match[str]], line_of: Callable[[int], int]) -> set[int]:
    """Numbers of the lines written in capitals: two or more capitalised words, none in small letters."""
    capitals: dict[int, int] = {}
    small: set[int] = set()
    for match in words:
        word = match.group("word")
        if _kept_whole(word) or _is_code(word):
            continue
        line = line_of(match.start())
        for part in _PARTS.split(word)[::2]:
            letters = _letters(part)
            if len(letters) < 2:
                continue
            if letters.upper() != letters:
                small.add(line)
            elif letters not in INTERNATIONAL_ABBREVIATIONS and not _roman(letters):
                capitals[line] = capitals.get(line, 0) + 1
    return {line for line, count in capitals.items() if count >= 2 and line not in small}


def _convert(text: str, word: Callable[[str, bool], str] | None) -> str:
    text = unicodedata.normalize("NFC", text)
    tokens = list(_TOKEN.finditer(text))
    line_of = _line_of(text)
    capitals: set[int] = set()
    if word is _word_to_cyrillic and _TWO_CAPITALS.search(text):
        capitals = _capitals_lines([t for t in tokens if t.group("word")], line_of)
    out: list[str] = []
    end = 0
    for token in tokens:
        out.append(text[end : token.start()])
        end = token.end()
        if token.group("mark"):
            out.append(token.group("marked"))
        elif token.group("word") and word is not None:
            line = line_of(token.start()) if capitals else -1
            out.append(word(token.group("word"), line in capitals))
        else:
            out.append(token.group())
    out.append(text[end:])
    return "".join(out)


def to_cyrillic(text: str) -> str:
    """Serbian Latin text in Cyrillic, with what is not Serbian kept as written and the marks of
    kept phrases removed. Returns NFC text."""
    return _convert(text, _word_to_cyrillic)


def to_latin(text: str) -> str:
    """Serbian Cyrillic text in Latin, letter for letter, with words of other Cyrillic alphabets
    and marked phrases kept as written (marks removed). Returns NFC text."""
    return _convert(text, _word_to_latin)


def as_written(text: str) -> str:
    """A Serbian text in its own script: the same text without the marks of kept phrases."""
    if KEEP_OPEN not in text:
        return text
    return _convert(text, None)
