"""The submission format as pydantic models: a publisher and four kinds of item.

Rules that need one value only live here (types, ranges, known codes);
rules that need another file live in `validation.py` (ids, publishers) and
`checks.py` (images, the publisher's country). The configured languages and
the build date reach the validators through pydantic's validation context,
so these models stay free of any site configuration.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any, Literal

import pycountry
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.submission import reference

LANGUAGE_TAG = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Role:
    """What a value is to the checks that read a file as it was typed (`fidelity.py`); pydantic ignores it.

    A role sits in a type's `Annotated` metadata, so a new field of a role is checked like the others.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Role({self.name!r})"


TEXT = Role("text")
"""A text field: one string in the default language, or a mapping from language code to string."""
WORDS = Role("words")
"""A string of free words that is not a text field (a company's name, a tag)."""
AMOUNT = Role("amount")
"""A quantity whose thousands German, Serbian and Albanian separate with a dot (12.500 m², 850.000 EUR)."""


class _AlsoNumber:
    """The JSON Schema of a string field that also takes a number, as the validator does (`company: 1990`)."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        return {"anyOf": [schema, {"type": "number"}]} if schema.get("type") == "string" else schema


class Model(BaseModel):
    # Numbers and booleans are strict: `true` is not an area, "yes" is not a boolean (the JSON
    # Schema editors use says the same), and .inf or .nan would break the JSON exports.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _source_text(value: Any) -> Any:
    """Numbers the officer typed where text is meant (`0402`, `10.30`) keep their spelling."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return getattr(value, "source", str(value))
    return value


Str = Annotated[str, BeforeValidator(_source_text), _AlsoNumber()]
Words = Annotated[Str, WORDS]
ShortWords = Annotated[Str, Field(min_length=1, max_length=60), WORDS]


def _languages(info: ValidationInfo) -> tuple[str, ...] | None:
    context = info.context or {}
    return tuple(context["languages"]) if "languages" in context else None


def _text_validator(max_length: int | None):
    def check(value: Any, info: ValidationInfo) -> str | dict[str, str]:
        value = _source_text(value)
        if isinstance(value, str):
            _check_length(value, max_length, None)
            return value
        if value is None:
            raise PydanticCustomError("placeholder", "placeholder")
        if not isinstance(value, dict) or not value:
            raise PydanticCustomError("text_type", "text_type")
        configured = _languages(info)
        result: dict[str, str] = {}
        for language, text in value.items():
            if configured is not None and language not in configured:
                raise PydanticCustomError(
                    "text_language",
                    "text_language",
                    {"sub": language, "language": language, "configured": ", ".join(configured)},
                )
            if configured is None and not re.match(LANGUAGE_TAG, language):
                raise PydanticCustomError(
                    "text_language", "text_language", {"sub": language, "language": language, "configured": "BCP 47"}
                )
            text = _source_text(text)
            if text is None:
                raise PydanticCustomError("placeholder", "placeholder", {"sub": language})
            if not isinstance(text, str):
                raise PydanticCustomError("text_type", "text_type", {"sub": language})
            _check_length(text, max_length, language)
            result[language] = text
        return result

    return check


def _check_length(text: str, max_length: int | None, language: str | None) -> None:
    if not text.strip():
        raise PydanticCustomError("text_empty", "text_empty", {"sub": language} if language else {})
    if max_length is not None and len(text) > max_length:
        ctx: dict[str, Any] = {"max_length": max_length, "length": len(text)}
        if language:
            ctx["sub"] = language
        raise PydanticCustomError("text_too_long", "text_too_long", ctx)


def _text_schema(max_length: int | None) -> dict[str, Any]:
    string: dict[str, Any] = {"type": "string", "minLength": 1}
    if max_length:
        string["maxLength"] = max_length
    number = {"type": "number"}  # `title: 2030` is the text "2030" to the validator
    return {
        "anyOf": [
            string,
            number,
            {
                "type": "object",
                "propertyNames": {"pattern": LANGUAGE_TAG},
                "additionalProperties": {"anyOf": [string, number]},
                "minProperties": 1,
            },
        ],
        "description": "Text in the default language, or a mapping from language code to text.",
    }


def text_type(max_length: int | None = None) -> Any:
    return Annotated[
        str | dict[str, str],
        PlainValidator(_text_validator(max_length)),
        WithJsonSchema(_text_schema(max_length)),
        TEXT,
    ]


Text = text_type()
Title = text_type(120)
Summary = text_type(300)


def _check_country(value: Any) -> str:
    if not isinstance(value, str) or value not in reference.countries():
        hint = value.upper() if isinstance(value, str) and value.upper() in reference.countries() else ""
        if hint:
            raise PydanticCustomError("country_code_hint", "country_code_hint", {"value": value, "hint": hint})
        raise PydanticCustomError("country_code", "country_code", {"value": str(value)})
    return value


Country = Annotated[
    str,
    PlainValidator(_check_country),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2, XK for Kosovo"}),
]


def _check_sector(value: Any) -> str:
    value = _source_text(value)
    if not isinstance(value, str) or value not in reference.nace():
        raise PydanticCustomError("nace_code", "nace_code", {"value": str(value)})
    return value


Sector = Annotated[
    str,
    PlainValidator(_check_sector),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^([A-U]|\d{2}(\.\d{1,2})?)$"},
                # Unquoted codes are numbers to YAML (`16`, `10.39`); the validator reads them as written.
                {"type": "number", "minimum": 1, "maximum": 99.99},
            ],
            "description": 'NACE Rev. 2 section letter, division, group or class ("10.39")',
        }
    ),
]


def _check_hs(value: Any) -> str:
    value = _source_text(value)
    if not isinstance(value, str) or not re.fullmatch(r"\d{2}|\d{4}|\d{6}", value) or not reference.hs_exists(value):
        raise PydanticCustomError("hs_code", "hs_code", {"value": str(value)})
    return value


HsCode = Annotated[
    str,
    PlainValidator(_check_hs),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": r"^(\d{2}|\d{4}|\d{6})$"}, {"type": "integer", "minimum": 0}],
            "description": 'HS code of 2, 4 or 6 digits, quoted ("0810")',
        }
    ),
]


def _check_https(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"https://[^\s/?#]+\.[^\s/?#]+(/[^\s]*)?", value):
        raise PydanticCustomError("https_url", "https_url", {"value": str(value)})
    return value


HttpsUrl = Annotated[
    str,
    PlainValidator(_check_https),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"}),
]


def _check_email(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}", value):
        raise PydanticCustomError("email", "email", {"value": str(value)})
    return value


Email = Annotated[str, PlainValidator(_check_email), WithJsonSchema({"type": "string", "format": "email"})]


class Contact(Model):
    name: Words = Field(min_length=1, max_length=120)
    email: Email
    phone: Annotated[Str, Field(pattern=r"^\+?[0-9 ()/.-]{6,25}$")] | None = None


class Location(Model):
    lat: float = Field(ge=-90, le=90, strict=True, description="latitude, WGS 84 degrees")
    lon: float = Field(ge=-180, le=180, strict=True, description="longitude, WGS 84 degrees")
    address: Text | None = None


class Image(Model):
    file: Str = Field(description="path relative to the publisher's folder, e.g. images/plot.jpg")
    caption: Text | None = None


PublisherType = Literal["municipality", "city", "agency", "chamber", "cluster", "ngo"]


class Publisher(Model):
    """A municipality's or agency's own profile: `opportunities/<id>/publisher.yaml`."""

    name: Text
    type: PublisherType
    country: Country
    region: Text | None = None
    location: Location
    contact: Contact
    website: HttpsUrl | None = None
    about: Text | None = None
    maintainers: list[Annotated[Str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}$")]] | None = Field(
        default=None,
        description="git host user names who may edit this folder (CODEOWNERS)",
    )


class ItemBase(Model):
    title: Title
    summary: Summary
    description: Text | None = None
    sectors: list[Sector] = Field(min_length=1)
    status: Literal["available", "reserved", "realised", "closed"] = "available"
    published: date
    valid_until: date | None = None
    contact: Contact | None = None
    images: list[Image] = Field(default_factory=list)
    tags: list[ShortWords] = Field(default_factory=list)


class Utilities(Model):
    electricity: StrictBool | None = None
    water: StrictBool | None = None
    sewage: StrictBool | None = None
    gas: StrictBool | None = None
    telecom: StrictBool | None = None


NonNegative = Annotated[float, Field(ge=0, strict=True)]
Positive = Annotated[float, Field(gt=0, strict=True)]
PositiveAmount = Annotated[Positive, AMOUNT]
NonNegativeAmount = Annotated[NonNegative, AMOUNT]


class Distances(Model):
    highway: NonNegative | None = None
    airport: NonNegative | None = None
    railway: NonNegative | None = None
    border_crossing: NonNegative | None = None
    city_centre: NonNegative | None = None


class Site(ItemBase):
    """Land or a building offered to an investor."""

    kind: Literal["site"]
    location: Location
    site_type: Literal["greenfield", "brownfield", "building"]
    area_m2: PositiveAmount
    building_area_m2: PositiveAmount | None = None
    ownership: Literal["public", "private", "mixed"]
    zoning: Literal["industrial", "commercial", "mixed_use", "agricultural", "tourism", "residential"] | None = None
    price_eur: NonNegativeAmount | None = None
    lease_eur_per_m2_year: NonNegativeAmount | None = None
    utilities: Utilities | None = None
    distances_km: Distances | None = None


class Range(Model):
    min: PositiveAmount
    max: PositiveAmount

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Range:
        if self.max < self.min:
            raise PydanticCustomError("range_max_below_min", "range_max_below_min", {"sub": "max", "min": self.min})
        return self


def _amount_or_range(value: Any) -> str:
    return "range" if isinstance(value, (dict, Range)) else "amount"


Investment = Annotated[
    Annotated[PositiveAmount, Tag("amount")] | Annotated[Range, Tag("range")],
    Discriminator(_amount_or_range),
]


class Project(ItemBase):
    """An investment project seeking investors or partners."""

    kind: Literal["project"]
    location: Location
    investment_eur: Investment
    model: Literal["ppp", "concession", "joint_venture", "equity", "loan", "sale"]
    stage: Literal["idea", "feasibility", "design", "permitted", "operating"] | None = None


class Product(Model):
    name: Text
    hs: HsCode | None = None


Seeking = Literal["investment", "partnership", "distribution", "supplier", "outsourcing", "mentoring"]


def _check_founded(value: Any, info: ValidationInfo) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("year", "year", {"value": str(value)})
    today = (info.context or {}).get("today") or date.today()
    if value > today.year:
        raise PydanticCustomError("year_future", "year_future", {"value": value, "year": today.year})
    if value < 1800:
        raise PydanticCustomError("year", "year", {"value": str(value)})
    return value


Year = Annotated[int, PlainValidator(_check_founded), WithJsonSchema({"type": "integer", "minimum": 1800})]


class Sme(ItemBase):
    """A company profile of a small or medium enterprise."""

    kind: Literal["sme"]
    location: Location | None = None
    company: Words = Field(min_length=1, max_length=200)
    seeking: list[Seeking] = Field(min_length=1)
    founded: Year | None = None
    employees: Annotated[int, AMOUNT] | None = Field(default=None, ge=0, strict=True)
    website: HttpsUrl | None = None
    products: list[Product] = Field(default_factory=list)
    certifications: list[Annotated[Words, Field(min_length=1, max_length=80)]] = Field(default_factory=list)
    export_markets: list[Country] = Field(default_factory=list)
    member_of: list[PublisherId] = Field(
        default_factory=list, description="publisher ids of the clusters and chambers the company belongs to"
    )


# -- events -------------------------------------------------------------------------------------

_DATE = r"\d{4}-\d{2}-\d{2}"
_WHEN = re.compile(rf"({_DATE})(?:[T ](\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)\s*(Z|[+-]\d{{2}}:?\d{{2}})?)?")


def _check_when(value: Any) -> date | datetime:
    """An ISO date, or a date and time with its UTC offset (SPEC "kind: event").

    YAML gives a date, an aware or naive datetime (`2027-05-14T10:00:00+02:00`, with seconds) or
    a string (`2027-05-14T10:00+02:00`, without them); all are read the same way. A time without
    an offset is refused: 10:00 in Vienna and 10:00 in Chicago are different moments, and the
    pages, the calendar files and the validator's checks need the moment.
    """
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise PydanticCustomError("event_time_offset", "event_time_offset", {"value": value.isoformat()})
        return value
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    match = _WHEN.fullmatch(text)
    if not match:
        raise PydanticCustomError("event_time", "event_time", {"value": str(value)})
    day, clock, offset = match.groups()
    if clock is not None and offset is None:
        raise PydanticCustomError("event_time_offset", "event_time_offset", {"value": text})
    try:
        if clock is None:
            return date.fromisoformat(day)
        moment = datetime.fromisoformat(f"{day}T{clock}")
        if offset == "Z":
            return moment.replace(tzinfo=timezone.utc)
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        shift = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if shift >= timedelta(hours=24):
            raise ValueError(offset)
        return moment.replace(tzinfo=timezone(sign * shift))
    except ValueError:
        raise PydanticCustomError("event_time", "event_time", {"value": text}) from None


EventTime = Annotated[
    date | datetime,
    PlainValidator(_check_when),
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": rf"^{_DATE}([T ]\d{{2}}:\d{{2}}(:\d{{2}}(\.\d+)?)?\s*(Z|[+-]\d{{2}}:?\d{{2}}))?$",
            "description": "ISO date (2027-05-14), or date and time with its UTC offset (2027-05-14T10:00:00+02:00)",
        }
    ),
]


def _canonical_tag(value: str) -> str:
    """A language tag in BCP 47's usual case: `SR-latn` -> `sr-Latn`, `de-at` -> `de-AT`."""
    parts = value.replace("_", "-").split("-")
    shaped = [parts[0].lower()]
    for part in parts[1:]:
        shaped.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(shaped)


def _known_language(tag: str) -> bool:
    if not re.fullmatch(LANGUAGE_TAG, tag):
        return False
    primary = tag.split("-")[0]
    found = pycountry.languages.get(alpha_2=primary) if len(primary) == 2 else pycountry.languages.get(alpha_3=primary)
    return found is not None


def _check_language_code(value: Any) -> str:
    """A BCP 47 tag of a language that exists (ISO 639): `de`, `sr-Latn`, `sq`, `de-AT`."""
    value = _source_text(value)
    if isinstance(value, str) and _known_language(value):
        return value
    hint = _canonical_tag(value) if isinstance(value, str) else ""
    if hint and hint != value and _known_language(hint):
        raise PydanticCustomError("language_code_hint", "language_code_hint", {"value": value, "hint": hint})
    raise PydanticCustomError("language_code", "language_code", {"value": str(value)})


LanguageCode = Annotated[
    str,
    PlainValidator(_check_language_code),
    WithJsonSchema({"type": "string", "pattern": LANGUAGE_TAG, "description": "BCP 47 language tag, e.g. de, sr-Latn"}),
]


def _check_id(value: Any) -> str:
    """An item or publisher id as it is written in a file name (`cacak-sme-plums`)."""
    value = _source_text(value)
    if not isinstance(value, str) or not SLUG.match(value):
        raise PydanticCustomError("id_reference", "id_reference", {"value": str(value)})
    return value


def _id_type(description: str) -> Any:
    return Annotated[
        str,
        PlainValidator(_check_id),
        WithJsonSchema({"type": "string", "pattern": SLUG.pattern, "description": description}),
    ]


ItemId = _id_type("the id of an item of this catalogue (its file name without .yaml)")
PublisherId = _id_type("the id of a publisher of this catalogue (its folder name)")


class Registration(Model):
    url: HttpsUrl
    deadline: EventTime | None = None


def _url_or_details(value: Any) -> str:
    return "details" if isinstance(value, (dict, Registration)) else "url"


RegistrationField = Annotated[
    Annotated[HttpsUrl, Tag("url")] | Annotated[Registration, Tag("details")],
    Discriminator(_url_or_details),
]

EventFormat = Literal["b2b", "conference", "fair", "visit", "webinar"]


class Event(ItemBase):
    """A business day, investment conference, B2B meeting or fair (SPEC "kind: event").

    Rules across fields (`ends` not before `starts`, the deadline before the start, a place or
    an online address) and across files (participants) are in `checks.py` and `validation.py`.
    """

    kind: Literal["event"]
    starts: EventTime
    ends: EventTime | None = None
    location: Location | None = None
    online: HttpsUrl | None = None
    format: EventFormat
    registration: RegistrationField | None = None
    languages: list[LanguageCode] = Field(default_factory=list)
    participants: list[ItemId] = Field(default_factory=list)


ITEM_MODELS: dict[str, type[ItemBase]] = {"site": Site, "project": Project, "sme": Sme, "event": Event}
PARTICIPANT_KINDS = ("sme", "project", "site")
"""The kinds of item an event's `participants` may name."""
MEMBER_OF_TYPES = ("cluster", "chamber")
"""The publisher types an SME's `member_of` may name."""

Item = Annotated[Site | Project | Sme | Event, Field(discriminator="kind")]


def is_slug(value: str) -> bool:
    return bool(SLUG.match(value))
