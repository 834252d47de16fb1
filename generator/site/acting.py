"""Acting on an offer: the expression-of-interest e-mail and the share links of an item page.

Nothing here goes through a server. An expression of interest is a `mailto:` address (RFC 6068)
that the reader's own e-mail program opens, addressed to the item's contact, with the
catalogue's `interest_cc` in copy and `[<item id>]` in the subject, so that the staff who get
a copy can count and route requests by subject. `interest.js` writes the reader's answers into
the same e-mail; the link made here is what a reader without JavaScript gets: the same address
and subject, and a body with the questions left for them to answer.

Sharing is plain links to each service's own share address, which the page never loads: a
third-party script would track readers, a link does not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator import messages, urls
from generator.site.cards import plain_text
from generator.site.memo import memoised
from generator.submission.catalogue import Catalogue, ItemRecord

INTERESTS = ("invest", "partner", "buy", "supply", "visit")
# The labels the form and the share box show, or hand to the scripts with their {placeholders}.
LABELS = (
    "contact_publisher",
    "interest_heading",
    "interest_heading_many",
    "interest_intro",
    "interest_intro_many",
    "interest_name",
    "interest_organisation",
    "interest_country",
    "interest_kind",
    "interest_message",
    "interest_send",
    "interest_send_again",
    "interest_copy",
    "interest_subject",
    "interest_subject_many",
    "interest_mail_greeting",
    "interest_mail_about",
    "interest_mail_about_many",
    "interest_mail_closing",
    "interest_note",
    "interest_note_cc",
    "share_heading",
    "share_copy",
    "share_copied",
    "share_native",
    "share_copy_yourself",
)
# What encodeURIComponent leaves as it is, besides letters, digits and `-_.~` (which quote keeps).
_URI_COMPONENT_SAFE = "!~*'()"
CRLF = "\r\n"


def uri_component(text: str) -> str:
    """`text` percent-encoded exactly as JavaScript's `encodeURIComponent` does (UTF-8), so that
    the link made here and the one `interest.js` makes agree byte for byte."""
    return quote(text, safe=_URI_COMPONENT_SAFE)


def mailto(to: list[str], subject: str, body: str = "", cc: list[str] | None = None) -> str:
    """A `mailto:` URL (RFC 6068): `to` addresses joined by commas, then `cc`, `subject` and `body`
    (when given) as header fields.

    Each address is encoded around its `@` (an encoded `@` puzzles some mail programs), every
    header value with `uri_component`: a space is `%20` (never `+`, which RFC 6068 reads as a
    plus), a line break in `body` must be given as CRLF and comes out as `%0D%0A`. Addresses
    that repeat (in any letter case) are given once; a `cc` address already in `to` is left out.
    """
    seen: set[str] = set()

    def addresses(values: list[str]) -> str:
        kept = []
        for value in values:
            if value and value.casefold() not in seen:
                seen.add(value.casefold())
                kept.append("@".join(uri_component(part) for part in value.split("@")))
        return ",".join(kept)

    fields = []
    to_part = addresses(to)
    cc_part = addresses(cc or [])
    if cc_part:
        fields.append(f"cc={cc_part}")
    fields.append(f"subject={uri_component(subject)}")
    if body:
        fields.append(f"body={uri_component(body)}")
    return f"mailto:{to_part}?" + "&".join(fields)


def subject(ids: list[str], title: str, language: str) -> str:
    """`[id] Interest: <title>` for one item, `[a] [b] Interest in 2 opportunities` for several:
    the ids in brackets are what staff filter their mailbox by."""
    tags = " ".join(f"[{item_id}]" for item_id in ids)
    if len(ids) == 1:
        return f"{tags} " + messages.label("interest_subject", language, title=title)
    return f"{tags} " + messages.label("interest_subject_many", language, count=len(ids))


def blank_body(title: str, item_id: str, url: str, language: str) -> str:
    """The body of the link a reader without JavaScript gets: the item, then the questions of the
    form with nothing after them, for the reader to answer in their e-mail program. CRLF line breaks."""

    def t(key: str, **params: Any) -> str:
        return messages.label(key, language, **params)

    choices = ", ".join(t(f"interest_{name}") for name in INTERESTS)
    lines = [t("interest_mail_greeting"), "", t("interest_mail_about"), f"[{item_id}] {title}"]
    if url:
        lines.append(url)
    lines += [
        "",
        f"{t('interest_name')}: ",
        f"{t('interest_organisation')}: ",
        f"{t('interest_country')}: ",
        f"{t('interest_kind')} ({choices}): ",
        "",
        f"{t('interest_message')}:",
        "",
        "",
        t("interest_mail_closing"),
    ]
    return CRLF.join(lines)


def share_links(url: str, title: str, language: str) -> list[dict[str, Any]]:
    """The plain share links of a page at the absolute `url`: `service`, `label`, `href` and
    `new_tab` (the web ones open beside the catalogue). Without a `url` (the site does not know
    its address) every `href` is "" and `share.js` makes them from the page's own address.

    Addresses as each service documents its share link: WhatsApp `wa.me/?text=`, Viber
    `viber://forward?text=`, LinkedIn `share-offsite/?url=` (it reads the title from the page),
    Telegram `t.me/share/url?url=&text=`, and e-mail.
    """
    text = uri_component(f"{title} {url}")
    page, name = uri_component(url), uri_component(title)
    links = [
        ("email", messages.label("share_email", language), f"mailto:?subject={name}&body={page}", False),
        ("whatsapp", "WhatsApp", f"https://wa.me/?text={text}", True),
        ("viber", "Viber", f"viber://forward?text={text}", False),
        ("linkedin", "LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={page}", True),
        ("telegram", "Telegram", f"https://t.me/share/url?url={page}&text={name}", True),
    ]
    return [
        {"service": service, "label": label, "href": href if url else "", "new_tab": new_tab}
        for service, label, href, new_tab in links
    ]


def labels(catalogue: Catalogue, language: str) -> dict[str, Any]:
    """The `LABELS` in `language` as written (placeholders such as `{title}` left for the scripts),
    and `interests`: (value, label) of each choice of the form. Made once per language and build:
    the templates look them up on every item page."""

    def make() -> dict[str, Any]:
        found: dict[str, Any] = {key: messages.label(key, language) for key in LABELS}
        found["interests"] = [(name, messages.label(f"interest_{name}", language)) for name in INTERESTS]
        return found

    return memoised(catalogue, ("acting labels", language), make)


def once(catalogue: Catalogue, language: str) -> Callable[..., Markup]:
    """`once(name, make, *args)`: the HTML `make(*args)` gives (a template macro), made the first
    time `name` is asked for in `language` in this build, the same after. For the parts of an item
    page that hold no item, which every item page of a language would otherwise render again."""

    def cached(name: str, make: Callable[..., str], *args: Any) -> Markup:
        return memoised(catalogue, ("acting html", language, name), lambda: Markup(make(*args)))

    return cached


def title_of(catalogue: Catalogue, item: ItemRecord, language: str) -> str:
    """The item's title as plain text in `language` (with the pages' fallback), else its id."""
    return plain_text(item.model.title, language, catalogue.settings.default_language) or item.id


def about(catalogue: Catalogue, item: ItemRecord, language: str) -> str:
    """`[id] <title>`: the subject of a plain e-mail to an item's contact."""
    return f"[{item.id}] {title_of(catalogue, item, language)}"


def acting_context(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any]:
    """What the item page needs to offer expressing interest and sharing.

    Shape: `labels` (`labels()`), `once` (`once()`); `interest` with `data` (the JSON
    `interest.js` reads: `items` [{id, title, url}], `to` [the contact's e-mail], `cc`
    [`interest_cc`, if set]) and `mailto` (the link for readers without JavaScript);
    `contact_mailto` (the contact's address with `[id] <title>` as subject); `share` with `url`
    (absolute, or "" when the site does not know its address: `share.js` then uses the page's
    own), `title` and `links` (`share_links`).
    """
    settings = catalogue.settings
    title = title_of(catalogue, item, language)
    page = urls.absolute(settings.site_url, urls.item(language, item.id)) if settings.site_url else ""
    to = [catalogue.contact_of(item).email]
    cc = [settings.interest_cc] if settings.interest_cc else []
    return {
        "interest": {
            "data": {"items": [{"id": item.id, "title": title, "url": page}], "to": to, "cc": cc},
            "mailto": mailto(to, subject([item.id], title, language), blank_body(title, item.id, page, language), cc),
        },
        "labels": labels(catalogue, language),
        "once": once(catalogue, language),
        "contact_mailto": mailto(to, about(catalogue, item, language)),
        "share": {"url": page, "title": title, "links": share_links(page, title, language)},
    }
