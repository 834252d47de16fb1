"""Where every page lives, relative to the site root (no leading slash).

Pages, exports and tests all ask here, so a link in a feed, in the JSON export
and in the HTML can never disagree. Relative URLs keep the site working under
any sub-path (`https://example.org/catalogue/`); `public` makes the absolute
ones that page metadata, sitemaps and feeds carry when the site knows its
address (`site_url`).

Ids and language tags are plain ASCII slugs and go into URLs as they are. A file
name can hold anything (`Hala #2.jpg`, `čačak.jpg`, a folder literally named
`%2e%2e`), so a URL made from one always goes through `path_url`.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote


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


def publisher_feed(language: str, publisher_id: str) -> str:
    return f"{language}/feeds/publisher/{publisher_id}.xml"


def sector_feed(language: str, section: str) -> str:
    """`section` is a NACE section letter (`C`)."""
    return f"{language}/feeds/sector/{section}.xml"


def kind_feed(language: str, kind: str) -> str:
    return f"{language}/feeds/kind/{kind}.xml"


def listing_data(language: str) -> str:
    return f"api/listing-{language}.json"


def facts_data(language: str) -> str:
    return f"api/facts-{language}.json"


def image(publisher_id: str, file: str) -> str:
    """The site path a picture is copied to, `media/<publisher>/<file>`: a path on disk, not a
    URL (see `image_url`). `file` is relative to the publisher's folder; `./` and `a/../` parts
    are folded, so that the copy and its URL agree on one spelling."""
    return f"media/{publisher_id}/{posixpath.normpath(file)}"


def image_url(publisher_id: str, file: str) -> str:
    """The URL of a picture, relative to the site root: `image()` percent-encoded per segment
    (`media/x/images/Hala%20%232.jpg`). Every page, export and feed takes picture URLs from here."""
    return path_url(image(publisher_id, file))


def path_url(path: str) -> str:
    """A site path as a URL path: every `/`-separated segment percent-encoded as UTF-8 (RFC 3986,
    section 2.1), so that `#`, `?`, spaces, non-ASCII letters and `%` itself stay part of the
    name. `%` matters most: a folder named `%2e%2e` must not become a `..` segment in the
    browser (WHATWG URL Standard, "double-dot path segment"), nor `x%20y.jpg` a space."""
    return "/".join(quote(segment, safe="") for segment in path.split("/"))


def absolute(site_url: str, url: str) -> str:
    """`url` (relative to the site root, already a URL) under the site's address: `site_url`
    `https://example.org/catalogue` and `en/items/x/` give `https://example.org/catalogue/en/items/x/`."""
    return site_url.rstrip("/") + "/" + url


def public(site_url: str, url: str, from_url: str) -> str:
    """The form of `url` (relative to the site root) that metadata carries: absolute when the
    site knows its address (`site_url`), else relative to the page or file at `from_url`."""
    return absolute(site_url, url) if site_url else relative(from_url, url)


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
