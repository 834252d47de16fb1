"""Pictures whose file names a browser would misread load, each from its own file (cases F-13, A-10).

The catalogue's pictures are named `Hala #2.png`, `čačak.png`, `a?b.png`, `x%20y.png`,
`50% off & more.png` and `%2e%2e/%2e%2e/other/images/hall.png` (folders literally named
`%2e%2e`), each a PNG of its own width; another publisher's `images/hall.png` is where an
unencoded `%2e%2e` would lead. The site is served under a sub-path as on a host.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from hostile_catalogue import PICTURES, build_hostile

from .site_server import serve


@pytest.fixture(scope="module")
def picture_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_hostile(tmp_path_factory.mktemp("pictures") / "catalogue")
    with serve(site, tmp_path_factory.mktemp("served-pictures")) as url:
        yield url


def _without_srcset(route) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=re.sub(r' srcset="[^"]*"', "", response.text()))


def test_every_picture_loads_from_its_own_file(page, picture_site_url: str) -> None:
    responses: list[tuple[int, str]] = []
    page.on("response", lambda r: responses.append((r.status, r.url)) if "/media/" in r.url else None)
    # The fallback (`src`) is the file named as submitted; the WebP variants of `srcset` have names of
    # their own, so the page is served without them, as a browser that ignores `srcset` reads it.
    page.route("**/en/items/north-plot/", _without_srcset)
    page.goto(picture_site_url + "en/items/north-plot/")
    for image in page.locator(".prilika-images img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.prilika-images img')).every((i) => i.complete)"
    )
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('.prilika-images img')).map((i) => [i.naturalWidth, i.naturalHeight])"
    )
    expected = [[width, height] for _, width, height in PICTURES] + [[40, 30]]
    assert shown == expected, responses
    assert all(status == 200 for status, _ in responses), responses
    assert not [url for _, url in responses if "/media/other/" in url]


def test_og_image_url_loads(page, picture_site_url: str) -> None:
    page.goto(picture_site_url + "en/items/north-plot/")
    og_image = page.locator('meta[property="og:image"]').get_attribute("content")
    response = page.request.get(urljoin(page.url, og_image))
    assert response.status == 200
    # The page's share card (SPEC "Pictures"): a 1200x630 JPEG beside the page.
    assert response.headers["content-type"] == "image/jpeg"
    assert Path(og_image).name.startswith("share-")
    assert response.body()[:3] == b"\xff\xd8\xff"
