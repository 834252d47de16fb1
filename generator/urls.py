"""Where every page lives, relative to the site root (no leading slash).

Pages, exports and tests all ask here, so a link in a feed, in the JSON export
and in the HTML can never disagree. Relative URLs keep the site working under
any sub-path (`https://example.org/catalogue/`).
"""

from __future__ import annotations


def home(language: str) -> str:
    return f"{language}/"


def listing(language: str) -> str:
    return f"{language}/opportunities/"


def map_page(language: str) -> str:
    return f"{language}/map/"


def shortlist(language: str) -> str:
    return f"{language}/shortlist/"


def publishers(language: str) -> str:
    return f"{language}/publishers/"


def publisher(language: str, publisher_id: str) -> str:
    return f"{language}/publishers/{publisher_id}/"


def item(language: str, item_id: str) -> str:
    return f"{language}/items/{item_id}/"


def feed(language: str) -> str:
    return f"{language}/feed.xml"


def listing_data(language: str) -> str:
    return f"api/listing-{language}.json"


def facts_data(language: str) -> str:
    return f"api/facts-{language}.json"


def image(publisher_id: str, file: str) -> str:
    return f"media/{publisher_id}/{file}"


def source_uri(url: str) -> str:
    """The Markdown path MkDocs turns into `url` with directory URLs (`de/items/x/` <- `de/items/x.md`)."""
    if url.endswith("/"):
        stripped = url.rstrip("/")
        return f"{stripped}.md" if "/" in stripped else f"{stripped}/index.md"
    return url


def relative(from_url: str, to_url: str) -> str:
    """A link from one page to another that survives any sub-path."""
    depth = from_url.count("/") if from_url.endswith("/") else from_url.count("/")
    return "../" * depth + to_url if to_url else ("../" * depth or "./")
