"""Serbian in the other script: only Serbian words change (SPEC.md, "Fidelity of the outputs").

Sentences as municipalities and companies write them, each with the Cyrillic a reader must see;
Cyrillic to Latin letter for letter; the keep-mark; the site's own messages; and the built
pages of an item written only in Latin.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from conftest import build_catalogue, copy_good
from generator import messages
from generator.languages import localise, transliterate
from generator.transliteration import SPLIT_DIGRAPHS, as_written, to_cyrillic, to_latin

LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
CYRILLIC = re.compile(r"[Ѐ-ӿ]")


def mixed_words(text: str) -> list[str]:
    """Words (between spaces) that hold Latin and Cyrillic letters at once; addresses aside."""
    text = re.sub(r"\]\([^)]*\)|https?://\S+|\S+@\S+", " ", text)
    return [w for w in text.split() if LATIN.search(w) and CYRILLIC.search(w)]


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        (
            "Hladnjača za bobičasto voće sa GlobalG.A.P. sertifikatom i Wi-Fi praćenjem",
            "Хладњача за бобичасто воће са GlobalG.A.P. сертификатом и Wi-Fi праћењем",
        ),
        (
            "Zadruga kod Peći (alb. Pejë) traži partnera za distribuciju; HACCP i ISO 9001.",
            "Задруга код Пећи (алб. Pejë) тражи партнера за дистрибуцију; HACCP и ISO 9001.",
        ),
        (
            "Radionica iz Đakovice (Gjakovë) ima sertifikat EN 1090 i CE oznaku za čelične konstrukcije.",
            "Радионица из Ђаковице (Gjakovë) има сертификат EN 1090 и CE ознаку за челичне конструкције.",
        ),
        (
            "Više na https://www.subotica.rs/investicije?lang=sr ili pišite na invest@subotica.rs.",
            "Више на https://www.subotica.rs/investicije?lang=sr или пишите на invest@subotica.rs.",
        ),
        ("IT park i sredstva EU za B2B platformu", "IT парк и средства EU за B2B платформу"),
        ("Njegoš, Ljubljana i džem; NJIVA, LJUBAV i DŽEP", "Његош, Љубљана и џем; ЊИВА, ЉУБАВ и ЏЕП"),
        ("JKP „Vodovod” plaća PDV, a Palićka Kora d.o.o. ne", "ЈКП „Водовод” плаћа ПДВ, а Палићка Кора д.о.о. не"),
        (
            "Trafostanica 35/10 kV na 800 m, do 5 MW; 9.500 m2 i 10km",
            "Трафостаница 35/10 kV на 800 м, до 5 MW; 9.500 м2 и 10км",
        ),
        (
            "Pelet klase ENplus A1, HACCP-sertifikat, iPhone, 10 EUR/m² i M-22",
            "Пелет класе ENplus A1, HACCP-sertifikat, iPhone, 10 EUR/m² и М-22",
        ),
        (
            "injekciono presovanje, tržišna konjunktura, nadživeti",
            "инјекционо пресовање, тржишна конјунктура, надживети",
        ),
        (
            "Zamrzavamo **malinu** u [Čačku](https://cacak.rs/o-gradu).",
            "Замрзавамо **малину** у [Чачку](https://cacak.rs/o-gradu).",
        ),
        ("II faza, XXI vek, bag-in-box pakovanje", "II фаза, XXI век, bag-in-box паковање"),
    ],
)
def test_only_serbian_words_change(latin: str, cyrillic: str) -> None:
    assert transliterate(latin, "sr-Cyrl") == cyrillic
    assert mixed_words(cyrillic) == []
    assert transliterate(cyrillic, "sr-Latn") == latin


def test_a_capital_digraph_before_small_letters_is_one_letter() -> None:
    assert to_cyrillic("NJegoš, LJubljana i DŽemper") == "Његош, Љубљана и Џемпер"


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("NIŠ INDUSTRIJSKA ZONA", "НИШ ИНДУСТРИЈСКА ЗОНА"),
        ("JKP VODOVOD I KANALIZACIJA", "ЈКП ВОДОВОД И КАНАЛИЗАЦИЈА"),
        ("HLADNJAČA SA HACCP SERTIFIKATOM", "ХЛАДЊАЧА СА HACCP СЕРТИФИКАТОМ"),
        ("IT PARK NIŠ, II FAZA", "IT ПАРК НИШ, II ФАЗА"),
        ("# SEVERNA ZONA\n\nParcela sa HACCP i ISO", "# СЕВЕРНА ЗОНА\n\nПарцела са HACCP и ISO"),
    ],
)
def test_a_line_in_capitals_is_serbian_words_not_abbreviations(latin: str, cyrillic: str) -> None:
    assert transliterate(latin, "sr-Cyrl") == cyrillic


def test_capitals_among_small_letters_are_abbreviations_unless_serbian() -> None:
    assert to_cyrillic("Partneri: UNIDO, GIZ i NALED") == "Партнери: UNIDO, GIZ и NALED"
    assert to_cyrillic("Grad NIŠ i ČAČAK, APV i RS") == "Град НИШ и ЧАЧАК, АПВ и РС"
    assert to_cyrillic("Forma D.O.O. ili A.D.") == "Форма Д.О.О. или А.Д."


def test_a_marked_phrase_is_kept_and_its_marks_never_show() -> None:
    text = "Zadruga ((Sloga Trade)) i ((Boban i Ana)) iz Čačka"
    assert to_cyrillic(text) == "Задруга Sloga Trade и Boban i Ana из Чачка"
    assert as_written(text) == "Zadruga Sloga Trade i Boban i Ana iz Čačka"
    assert to_latin("Задруга ((Слога)) из Чачка") == "Zadruga Слога iz Čačka"
    assert as_written("no mark (here) at all") == "no mark (here) at all"
    assert to_cyrillic("((a)) (b) (( c") == "a (б) (( ц"


def test_the_page_text_loses_the_marks_in_both_scripts_and_other_languages_keep_theirs() -> None:
    value = {"sr-Latn": "Hladnjača ((Frigo Sever))", "en": "Cold store ((north))"}
    assert localise(value, "sr-Latn", "en").text == "Hladnjača Frigo Sever"
    assert localise(value, "sr-Cyrl", "en").text == "Хладњача Frigo Sever"
    assert localise(value, "en", "en").text == "Cold store ((north))"
    assert localise({"sr-Latn": "((Frigo)) d.o.o."}, "de", "en").text == "Frigo d.o.o."
    assert localise("((Frigo)) d.o.o.", "sr-Cyrl", "sr-Latn").text == "Frigo d.o.o."


def test_cyrillic_to_latin_is_exact() -> None:
    assert (
        to_latin("ЉУБАВ, Љубав, ПАЉ, Џеп, ЏЕП, Њива, ЊИВА, Ђорђе")
        == "LJUBAV, Ljubav, PALJ, Džep, DŽEP, Njiva, NJIVA, Đorđe"
    )
    assert to_latin("аеродром „Константин Велики“, ЈКП и ЕУ") == "aerodrom „Konstantin Veliki“, JKP i EU"
    # Letters of other Cyrillic alphabets are not Serbian: such a word stays as written.
    assert to_latin("Юрий из Москве") == "Юрий iz Moskve"


SERBIAN_CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџш"
LETTER = dict(
    zip(
        SERBIAN_CYRILLIC,
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "đ",
            "e",
            "ž",
            "z",
            "i",
            "j",
            "k",
            "l",
            "lj",
            "m",
            "n",
            "nj",
            "o",
            "p",
            "r",
            "s",
            "t",
            "ć",
            "u",
            "f",
            "h",
            "c",
            "č",
            "dž",
            "š",
        ],
        strict=True,
    )
)
# A Cyrillic word whose Latin has n+j, l+j or d+ž from two letters reads back as one letter.
WORDS = st.text(alphabet=SERBIAN_CYRILLIC, min_size=1, max_size=12).filter(
    # гј is no Serbian spelling: its Latin gj is Albanian's letter and stays as written.
    lambda w: not re.search("нј|лј|дж|гј", w) and not any(stem in to_latin(w) for stem in SPLIT_DIGRAPHS)
)


@given(st.lists(st.tuples(WORDS, st.booleans()), min_size=1, max_size=6))
def test_every_serbian_cyrillic_word_has_one_latin_spelling_and_back(words: list[tuple[str, bool]]) -> None:
    text = " ".join(w.capitalize() if title else w for w, title in words)
    latin = to_latin(text)
    assert latin.lower() == " ".join("".join(LETTER[c] for c in w) for w, _ in words)
    assert to_cyrillic(latin) == text


def test_transliteration_into_another_language_is_refused() -> None:
    with pytest.raises(ValueError):
        transliterate("tekst", "sq")


def test_the_sites_messages_keep_typed_values_and_abbreviations() -> None:
    empty = messages.problem_text("file_empty", {}, "sr-Cyrl")
    assert "„prilika new”" in empty and "датотека" in empty
    code = messages.problem_text("country_code", {"value": "YU"}, "sr-Cyrl")
    assert "ISO 3166-1" in code and "„XK”" in code and mixed_words(code) == []
    for section in ("problems", "labels"):
        for key, text in messages.catalogue("sr-Cyrl")[section].items():
            assert mixed_words(re.sub(r"„[^”]*”|\{[^}]*\}|`[^`]*`", "", text)) == [], (section, key, text)


BERRY_STORE = """\
kind: sme
title:
  en: Berry cold store with GlobalG.A.P. certificate
  sr-Latn: Hladnjača za bobičasto voće sa GlobalG.A.P. sertifikatom i Wi-Fi praćenjem
summary:
  en: A cooperative near Peć (Pejë) seeks a distribution partner.
  sr-Latn: Zadruga kod Peći (alb. Pejë) traži partnera za distribuciju; HACCP i ISO 9001.
description:
  en: Cold store of the Bobica cooperative.
  sr-Latn: |
    Hladnjača zadruge ((Bobica Fruit)) kod Gjakovë, sertifikati EN 1090 i IFS.
    Pišite na bobica@zadruga.rs ili posetite https://zadruga.rs/hladnjaca.
company: Zadruga Bobica
seeking: [distribution]
sectors: ["10.39"]
published: 2026-03-01
"""


@pytest.fixture(scope="module")
def berry_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test catalogue with an SME written in English and Serbian Latin only."""
    folder = copy_good(tmp_path_factory.mktemp("translit") / "catalogue")
    (folder / "opportunities/testgrad/berry-store.yaml").write_text(BERRY_STORE, encoding="utf-8")
    assert build_catalogue(folder / "mkdocs.yml", folder / "site") == 0
    yield folder / "site"
    shutil.rmtree(folder, ignore_errors=True)


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_cyrillic_page_keeps_foreign_words_as_written(berry_site: Path) -> None:
    soup = page(berry_site, "sr-Cyrl/items/berry-store")
    title = soup.h1.get_text(strip=True)
    summary = soup.select_one('meta[name="description"]')["content"]
    description = soup.select_one("section.prilika-description").get_text(" ", strip=True)
    assert title == "Хладњача за бобичасто воће са GlobalG.A.P. сертификатом и Wi-Fi праћењем"
    assert summary == "Задруга код Пећи (алб. Pejë) тражи партнера за дистрибуцију; HACCP и ISO 9001."
    assert "Хладњача задруге Bobica Fruit код Gjakovë, сертификати EN 1090 и IFS." in description
    assert "bobica@zadruga.rs" in description and "https://zadruga.rs/hladnjaca" in description
    assert mixed_words(" ".join((title, summary, description))) == []


def test_the_keep_marks_show_on_no_page(berry_site: Path) -> None:
    for language in ("en", "de", "sr-Latn", "sr-Cyrl", "sq"):
        soup = page(berry_site, f"{language}/items/berry-store")
        for script in soup.select("script"):
            script.decompose()
        shown = soup.get_text(" ") + " ".join(str(m.get("content", "")) for m in soup.select("meta"))
        assert "((" not in shown and "))" not in shown, language
    latin = page(berry_site, "sr-Latn/items/berry-store").select_one("section.prilika-description")
    assert "Hladnjača zadruge Bobica Fruit kod Gjakovë" in latin.get_text(" ", strip=True)
