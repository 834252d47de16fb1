"""An item's facts at a glance, per kind, formatted for one language.

Numbers, money, areas and dates go through Babel so that a German reader sees
`1.234.567 €` and an English one `€1,234,567`. Values are plain strings or
Markup the templates print as they are; everything submitted is escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from generator import messages, urls
from generator.languages import (
    country_name,
    format_long_date,
    format_money,
    format_number,
    language_name_in,
    localise,
)
from generator.site.memo import memoised
from generator.submission import reference
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.models import Event, Project, Site, Sme


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    value: Markup


def _t(key: str, language: str, **params: object) -> str:
    return messages.label(key, language, **params)


def text_html(value, language: str, default: str) -> Markup:
    """A submitted text in the reader's language, marked when it falls back."""
    found = localise(value, language, default)
    if found is None:
        return Markup("")
    if found.translated and found.language == language:
        return escape(found.text)
    return Markup('<span lang="{}" class="prilika-untranslated">{}</span>').format(found.language, found.text)


def area(value: float, language: str) -> str:
    return f"{format_number(value, language)}\u00a0m²"


def money_range(value, language: str) -> str:
    if isinstance(value, (int, float)):
        return format_money(value, language)
    return f"{format_money(value.min, language)} – {format_money(value.max, language)}"


def code_name(name: str, name_language: str, language: str) -> Markup:
    """A classification name (NACE, HS); one not in the page's language carries its `lang` and a
    visible "not translated" sign (SPEC, Fidelity of the outputs)."""
    if name_language == language:
        return escape(name)
    return Markup(
        '<span lang="{}" class="prilika-untranslated">{}</span>'
        ' <sup class="prilika-untranslated-mark" title="{}">{}</sup>'
    ).format(name_language, name, _t("name_not_translated", language), name_language.split("-")[0].upper())


def sector_names(codes: list[str], language: str, default: str = "en") -> list[Markup]:
    """Each NACE code with its name in `language` (else `default`, else English), marked when not."""
    names = []
    for code in codes:
        label = code_name(*reference.nace_name(code, language, default), language)
        names.append(Markup('<span class="prilika-code">{}</span> {}').format(code, label))
    return names


def _join(values: list) -> Markup:
    return Markup(", ").join(values)


def _site_facts(model: Site, language: str) -> list[tuple[str, Markup | str]]:
    rows: list[tuple[str, Markup | str]] = [
        ("site_type", _t(f"site_type_{model.site_type}", language)),
        ("area_m2", area(model.area_m2, language)),
    ]
    if model.building_area_m2:
        rows.append(("building_area_m2", area(model.building_area_m2, language)))
    if model.zoning:
        rows.append(("zoning", _t(f"zoning_{model.zoning}", language)))
    rows.append(("ownership", _t(f"ownership_{model.ownership}", language)))
    if model.price_eur is not None:
        rows.append(("price_eur", format_money(model.price_eur, language)))
    if model.lease_eur_per_m2_year is not None:
        rows.append(
            (
                "lease_eur_per_m2_year",
                _t("per_m2_year", language, amount=format_money(model.lease_eur_per_m2_year, language)),
            )
        )
    if model.utilities:
        parts = []
        for name, present in model.utilities.model_dump(exclude_none=True).items():
            mark = "✓" if present else "✗"
            state = _t("value_yes" if present else "value_no", language)
            parts.append(
                Markup('<span class="prilika-utility" title="{}">{} {}</span>').format(
                    state, mark, _t(f"utility_{name}", language)
                )
            )
        if parts:
            rows.append(("utilities", Markup(" ").join(parts)))
    if model.distances_km:
        parts = [
            Markup("{}: {}\u00a0km").format(_t(f"distance_{name}", language), format_number(km, language, 1))
            for name, km in model.distances_km.model_dump(exclude_none=True).items()
        ]
        if parts:
            rows.append(("distances_km", Markup("<br>").join(parts)))
    return rows


def _project_facts(model: Project, language: str) -> list[tuple[str, Markup | str]]:
    rows: list[tuple[str, Markup | str]] = [
        ("investment_eur", money_range(model.investment_eur, language)),
        ("model", _t(f"model_{model.model}", language)),
    ]
    if model.stage:
        rows.append(("stage", _t(f"stage_{model.stage}", language)))
    return rows


def _sme_facts(model: Sme, language: str, default: str) -> list[tuple[str, Markup | str]]:
    rows: list[tuple[str, Markup | str]] = [("company", model.company)]
    if model.founded:
        rows.append(("founded", str(model.founded)))
    if model.employees is not None:
        rows.append(("employees", format_number(model.employees, language)))
    rows.append(("seeking", _join([_t(f"seeking_{s}", language) for s in model.seeking])))
    if model.products:
        parts = []
        for product in model.products:
            name = text_html(product.name, language, default)
            code = Markup("")
            if product.hs:
                hs_label = code_name(*reference.hs_name(product.hs, language, default), language)
                code = Markup(' <span class="prilika-code">HS {}</span> <span class="prilika-hs">({})</span>').format(
                    product.hs, hs_label
                )
            parts.append(name + code)
        rows.append(("products", Markup("<br>").join(parts)))
    if model.certifications:
        rows.append(("certifications", ", ".join(model.certifications)))
    if model.export_markets:
        rows.append(("export_markets", ", ".join(country_name(c, language) for c in model.export_markets)))
    if model.website:
        rows.append(("website", Markup('<a href="{0}" rel="nofollow noopener">{0}</a>').format(model.website)))
    return rows


def _member_of(catalogue: Catalogue, item: ItemRecord, model: Sme, language: str) -> Markup | None:
    """The clusters and chambers a company belongs to, linked (relative to its page) to theirs."""
    default = catalogue.settings.default_language
    page = urls.item(language, item.id)
    links = [
        Markup('<a href="{}">{}</a>').format(
            urls.relative(page, urls.publisher(language, pid)),
            text_html(catalogue.publishers[pid].model.name, language, default),
        )
        for pid in dict.fromkeys(model.member_of)
        if pid in catalogue.publishers
    ]
    return _join(links) if links else None


def _event_facts(catalogue: Catalogue, item: ItemRecord, language: str) -> list[tuple[str, Markup | str]]:
    from generator.site import events

    model = item.model
    assert isinstance(model, Event)
    default = catalogue.settings.default_language
    zone = events.zone_of(catalogue, item)
    rows: list[tuple[str, Markup | str]] = [("when", events.when_text(model, zone, language))]
    zone_name = events.zone_text(model, zone, language)
    if zone_name:
        rows.append(("time_zone", zone_name))
    if model.location is not None:
        place = events.place_name(catalogue, item, language)
        if model.location.address:
            place = Markup("{}<br>{}").format(text_html(model.location.address, language, default), place)
        rows.append(("venue", place))
    else:
        rows.append(("venue", messages.label("event_online_only", language)))
    if model.online:
        rows.append(
            (
                "online",
                Markup('<a href="{}" rel="nofollow noopener">{}</a>').format(
                    model.online, messages.label("event_join", language)
                ),
            )
        )
    rows.append(("format", _t(f"format_{model.format}", language)))
    registration = events.registration_html(model, zone, catalogue.build_date, language)
    if registration is not None:
        rows.append(("registration", registration))
    if model.languages:
        rows.append(("languages", ", ".join(language_name_in(code, language) for code in model.languages)))
    return rows


def item_facts(catalogue: Catalogue, item: ItemRecord, language: str) -> tuple[Fact, ...]:
    """The facts table of an item page, in display order.

    Cached: the item page and the shortlist's facts file both show them, and both are
    made by the same worker.
    """
    return memoised(catalogue, ("facts", item.id, language), lambda: _facts(catalogue, item, language))


def _facts(catalogue: Catalogue, item: ItemRecord, language: str) -> tuple[Fact, ...]:
    model = item.model
    default = catalogue.settings.default_language
    if isinstance(model, Site):
        rows = _site_facts(model, language)
    elif isinstance(model, Project):
        rows = _project_facts(model, language)
    elif isinstance(model, Event):
        rows = _event_facts(catalogue, item, language)
    else:
        assert isinstance(model, Sme)
        rows = _sme_facts(model, language, default)
        members = _member_of(catalogue, item, model, language)
        if members is not None:
            rows.append(("member_of", members))
    publisher = catalogue.publisher_of(item).model
    rows.append(("sectors", Markup("<br>").join(sector_names(model.sectors, language, default))))
    if not isinstance(model, Event):  # an event's place is its venue, wherever its publisher is
        place = country_name(publisher.country, language)
        if publisher.region:
            place = Markup("{}, {}").format(text_html(publisher.region, language, default), place)
        rows.append(("country", place))
    if not isinstance(model, Event) or model.status != "available":  # an event is not "available"
        rows.append(("status", _t(f"status_{model.status}", language)))
    rows.append(("published", format_long_date(model.published, language)))
    if model.valid_until:
        rows.append(("valid_until", format_long_date(model.valid_until, language)))
    return tuple(Fact(key, _t(f"field_{key}", language), escape(value)) for key, value in rows)


def key_figure(item: ItemRecord, language: str) -> str:
    """The one number an investor scans a listing for (an event's: its days, in its zone)."""
    model = item.model
    if isinstance(model, Site):
        return area(model.area_m2, language)
    if isinstance(model, Project):
        return money_range(model.investment_eur, language)
    if isinstance(model, Event):
        from generator.site import events
        from generator.submission.events import event_zone

        return events.short_when(model, event_zone(model, None), language)
    assert isinstance(model, Sme)
    return model.company
