"""Atom feeds per language, per publisher, per NACE section and per kind, read as a feed reader would.

The test catalogue lives in a scratch git repository: an entry's `updated` is the last commit of
its item file, so a price changed and committed later moves it; two builds of one commit are the
same bytes; outside git, or before a file's first commit, `updated` is its `published` day.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import build_catalogue, copy_good
from generator.exports.feed import feed_kinds
from generator.submission.history import last_changes

ATOM = "{http://www.w3.org/2005/Atom}"
LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
SECTIONS = list("ABCDEFGHIJKLMNOPQRSTU")
SITE_URL = "https://example.org/catalogue/"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
FIRST = "2026-01-10T09:00:00+00:00"
LATER = "2026-05-02T08:30:00+02:00"
TESTGRAD = {"north-plot", "solar-park", "berry-coop", "done-park"}  # listed items of the first publisher


def git(folder: Path, *args: str, date: str | None = None) -> str:
    """Run git in `folder` with a fixed identity (and commit date), whatever the user's settings."""
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(folder)}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(
        ["git", "-c", "user.name=Officer", "-c", "user.email=o@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    ).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_catalogue(folder: Path, site_url: str = "") -> Path:
    """The small good catalogue, plus a second publisher, an expired item and a realised one."""
    copy_good(folder)
    if site_url:
        edit(folder / "mkdocs.yml", "site_name: Test catalogue\n", f"site_name: Test catalogue\nsite_url: {site_url}\n")
    items = folder / "opportunities" / "testgrad"
    plot = (items / "north-plot.yaml").read_text(encoding="utf-8")
    expired = plot.replace("valid_until: 2099-12-31", "valid_until: 2025-12-31")
    (items / "old-plot.yaml").write_text(expired.replace("published: 2025-03-07", "published: 2025-01-02"), "utf-8")
    park = (items / "solar-park.yaml").read_text(encoding="utf-8")
    (items / "done-park.yaml").write_text(park.replace("model: ppp\n", "model: ppp\nstatus: realised\n"), "utf-8")
    other = folder / "opportunities" / "otherton"
    other.mkdir()
    publisher = (items / "publisher.yaml").read_text(encoding="utf-8").replace("Testgrad", "Otherton")
    (other / "publisher.yaml").write_text(publisher.replace("[testgrad-office]", "[otherton-office]"), "utf-8")
    wind = park.replace("Solar park", "Wind park").replace("published: 2025-06-01", "published: 2025-07-01")
    (other / "wind-park.yaml").write_text(wind, "utf-8")
    return folder


def committed(folder: Path, date: str = FIRST) -> Path:
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "catalogue", date=date)
    return folder


def build(folder: Path, name: str = "site") -> Path:
    site = folder.parent / f"{folder.name}-{name}"
    assert build_catalogue(folder / "mkdocs.yml", site) == 0
    return site


def feed(site: Path, path: str) -> ET.Element:
    return ET.parse(site / path).getroot()


def entries(root: ET.Element) -> dict[str, ET.Element]:
    """Entries by item id (the last segment of the entry's link)."""
    found = {}
    for entry in root.findall(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        found[href.rstrip("/").rsplit("/", 1)[-1]] = entry
    return found


def updated(root: ET.Element, item_id: str) -> str:
    return entries(root)[item_id].find(f"{ATOM}updated").text


def all_feeds(site: Path) -> list[str]:
    paths = [f"{language}/feed.xml" for language in LANGUAGES]
    paths += sorted(p.relative_to(site).as_posix() for p in site.glob("*/feeds/*/*.xml"))
    return paths


@pytest.fixture(scope="module")
def feed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = committed(make_catalogue(tmp_path_factory.mktemp("feeds") / "catalogue", SITE_URL))
    return build(folder)


def _page_exists(site: Path, href: str) -> bool:
    path = urlsplit(href).path
    assert href.startswith(SITE_URL), href
    rest = path[len(urlsplit(SITE_URL).path) :]
    target = site / rest
    return (target / "index.html").is_file() if rest.endswith("/") or not rest else target.is_file()


def test_every_feed_is_valid_atom_with_absolute_links(feed_site: Path) -> None:
    paths = all_feeds(feed_site)
    assert len(paths) == len(LANGUAGES) * (1 + 2 + len(SECTIONS) + len(feed_kinds()))
    for path in paths:
        root = feed(feed_site, path)
        assert root.tag == f"{ATOM}feed", path
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == path.split("/")[0]
        assert root.findtext(f"{ATOM}title").strip(), path
        assert root.findtext(f"{ATOM}id") == SITE_URL + path
        assert RFC3339.fullmatch(root.findtext(f"{ATOM}updated")), path
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        assert links["self"] == SITE_URL + path
        assert _page_exists(feed_site, links["alternate"]), (path, links["alternate"])
        assert root.findtext(f"{ATOM}author/{ATOM}name").strip()
        ids = [entry.findtext(f"{ATOM}id") for entry in root.findall(f"{ATOM}entry")]
        assert len(ids) == len(set(ids)), f"{path}: an entry id twice"
        for entry in root.findall(f"{ATOM}entry"):
            assert entry.findtext(f"{ATOM}title").strip()
            assert entry.findtext(f"{ATOM}id").startswith(SITE_URL)
            stamp, published = entry.findtext(f"{ATOM}updated"), entry.findtext(f"{ATOM}published")
            assert RFC3339.fullmatch(stamp) and RFC3339.fullmatch(published)
            assert stamp >= published, f"{path}: updated before published"
            assert stamp <= root.findtext(f"{ATOM}updated"), f"{path}: an entry newer than its feed"
            href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
            assert _page_exists(feed_site, href), href
            assert entry.findtext(f"{ATOM}author/{ATOM}name").strip()


def test_feeds_hold_the_listed_items_of_their_publisher_sector_and_kind(feed_site: Path) -> None:
    for language in LANGUAGES:
        assert set(entries(feed(feed_site, f"{language}/feeds/publisher/testgrad.xml"))) == TESTGRAD
        assert set(entries(feed(feed_site, f"{language}/feeds/publisher/otherton.xml"))) == {"wind-park"}
        assert set(entries(feed(feed_site, f"{language}/feeds/kind/site.xml"))) == {"north-plot"}
        assert set(entries(feed(feed_site, f"{language}/feeds/kind/project.xml"))) == {
            "solar-park",
            "done-park",
            "wind-park",
        }
        assert set(entries(feed(feed_site, f"{language}/feeds/kind/sme.xml"))) == {"berry-coop"}
        assert set(entries(feed(feed_site, f"{language}/feeds/sector/C.xml"))) == {"north-plot", "berry-coop"}
        assert set(entries(feed(feed_site, f"{language}/feeds/sector/D.xml"))) == {
            "solar-park",
            "done-park",
            "wind-park",
        }
        assert entries(feed(feed_site, f"{language}/feeds/sector/Q.xml")) == {}
        assert set(entries(feed(feed_site, f"{language}/feed.xml"))) == TESTGRAD | {"wind-park"}
    # An expired item is in no feed; a realised one says so where its summary starts.
    for path in all_feeds(feed_site):
        assert "old-plot" not in entries(feed(feed_site, path)), path
    done = entries(feed(feed_site, "de/feeds/kind/project.xml"))["done-park"]
    assert done.findtext(f"{ATOM}summary").startswith("Verwirklicht: ")
    english = feed(feed_site, "en/feeds/sector/C.xml")
    assert english.findtext(f"{ATOM}title") == "Test catalogue — opportunities in C Manufacturing"
    assert (
        feed(feed_site, "de/feeds/publisher/otherton.xml")
        .findtext(f"{ATOM}title")
        .endswith("Angebote von Stadt Otherton")
    )


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_listing_and_publisher_pages_advertise_their_feeds(feed_site: Path) -> None:
    for language in LANGUAGES:
        listing = soup(feed_site, f"{language}/opportunities")
        head = {
            link["href"]: link["title"]
            for link in listing.select('head link[rel="alternate"][type="application/atom+xml"]')
        }
        assert set(head) == {SITE_URL + f"{language}/feed.xml"} | {
            SITE_URL + f"{language}/feeds/kind/{kind}.xml" for kind in feed_kinds()
        }
        assert all(title.startswith("Test catalogue — ") for title in head.values())
        page_url = f"{language}/opportunities/"
        visible = [
            urljoin(page_url, a["href"]) for a in listing.select(".prilika-feeds a.prilika-feed:not([data-feed-facet])")
        ]
        assert visible == [f"{language}/feed.xml"] + [f"{language}/feeds/kind/{k}.xml" for k in feed_kinds()]
        # The feed of every value the filter can tick, shown by the script while it is ticked.
        offered = {
            (a["data-feed-facet"], a["data-feed-value"]): urljoin(page_url, a["href"])
            for a in listing.select("a.prilika-feed[data-feed-facet]")
        }
        boxes = {(box["name"], box["value"]) for box in listing.select("form.prilika-filters input[type=checkbox]")}
        assert set(offered) == {key for key in boxes if key[0] in ("kind", "sector", "publisher")}
        assert offered[("publisher", "otherton")] == f"{language}/feeds/publisher/otherton.xml"
        assert offered[("sector", "C")] == f"{language}/feeds/sector/C.xml"
        assert all((feed_site / path).is_file() for path in offered.values())
        publisher = soup(feed_site, f"{language}/publishers/otherton")
        head = [link["href"] for link in publisher.select('head link[rel="alternate"][type="application/atom+xml"]')]
        assert head == [SITE_URL + f"{language}/feeds/publisher/otherton.xml", SITE_URL + f"{language}/feed.xml"]
        link = publisher.select_one("a.prilika-feed")
        assert urljoin(f"{language}/publishers/otherton/", link["href"]) == f"{language}/feeds/publisher/otherton.xml"


def test_feeds_without_site_url_link_relative_to_their_own_folder(tmp_path: Path) -> None:
    """Outside git too: every entry's `updated` is then its `published` day."""
    site = build(make_catalogue(tmp_path / "plain"))
    for path in all_feeds(site):
        root = feed(site, path)
        self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
        assert (site / path).parent.joinpath(self_link).resolve() == (site / path).resolve()
        for entry in root.findall(f"{ATOM}entry"):
            href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
            assert "://" not in href and (site / path).parent.joinpath(href, "index.html").is_file(), (path, href)
            assert entry.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}published")
    alternate = feed(site, "en/feeds/kind/site.xml").find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == "../../opportunities/?kind=site"
    assert updated(feed(site, "en/feed.xml"), "north-plot") == "2025-03-07T00:00:00Z"


def test_a_change_committed_later_moves_the_entry_in_its_feeds(tmp_path: Path) -> None:
    folder = committed(make_catalogue(tmp_path / "catalogue"))
    first = build(folder, "first")
    # Two builds of one commit are the same bytes, feeds and all.
    again = build(folder, "again")
    comparison = filecmp.dircmp(first, again)
    assert _differences(comparison) == []
    feeds_of_plot = ["feed.xml", "feeds/publisher/testgrad.xml", "feeds/kind/site.xml", "feeds/sector/C.xml"]
    for language in LANGUAGES:
        for path in feeds_of_plot:
            assert updated(feed(first, f"{language}/{path}"), "north-plot") == "2026-01-10T09:00:00Z", path
    edit(folder / "opportunities/testgrad/north-plot.yaml", "price_eur: 1234567.5", "price_eur: 990000")
    git(folder, "commit", "-q", "-am", "north plot: lower price", date=LATER)
    second = build(folder, "second")
    for language in LANGUAGES:
        for path in feeds_of_plot:
            root = feed(second, f"{language}/{path}")
            assert updated(root, "north-plot") == "2026-05-02T06:30:00Z", path
            assert root.findtext(f"{ATOM}updated") == "2026-05-02T06:30:00Z", path
            # Most recently changed first: the subscriber's reader shows the change on top.
            assert next(iter(entries(root))) == "north-plot", path
        unchanged = feed(second, f"{language}/feeds/publisher/testgrad.xml")
        assert updated(unchanged, "solar-park") == "2026-01-10T09:00:00Z"
        assert updated(feed(second, f"{language}/feeds/publisher/otherton.xml"), "wind-park") == "2026-01-10T09:00:00Z"
    # A new file not yet committed has its `published` day.
    fresh = (folder / "opportunities/otherton/wind-park.yaml").read_text(encoding="utf-8")
    (folder / "opportunities/otherton/new-park.yaml").write_text(fresh, encoding="utf-8")
    third = build(folder, "third")
    assert updated(feed(third, "en/feeds/publisher/otherton.xml"), "new-park") == "2025-07-01T00:00:00Z"


def _differences(comparison: filecmp.dircmp) -> list[str]:
    found = [*comparison.left_only, *comparison.right_only, *comparison.diff_files, *comparison.funny_files]
    # dircmp compares by size and time first: compare the bytes of every common file.
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    found += mismatch + errors
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


def test_last_changes_match_git_log_per_file_in_one_walk(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    items = folder / "opportunities" / "x"
    items.mkdir(parents=True)
    names = ["a.yaml", "b c.yaml", "čačak.yaml", 'quote"d.yaml']
    for name in names:
        (items / name).write_text("one\n", encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "one", date="2026-01-01T10:00:00+01:00")
    (items / "b c.yaml").write_text("two\n", encoding="utf-8")
    git(folder, "commit", "-q", "-am", "two", date="2026-02-01T10:00:00+00:00")
    (items / "untracked.yaml").write_text("new\n", encoding="utf-8")
    dates = last_changes(folder, "opportunities")
    assert sorted(dates) == sorted(f"opportunities/x/{name}" for name in names)
    for path, moment in dates.items():
        expected = git(folder, "log", "-1", "--format=%cI", "--", path).strip()
        assert moment.isoformat() == _utc(expected), path
    # Asked from the catalogue's own folder inside a larger repository, paths stay relative to it.
    assert set(last_changes(folder / "opportunities", "x")) == {f"x/{name}" for name in names}
    outside = tmp_path / "outside"
    (outside / "opportunities").mkdir(parents=True)
    assert last_changes(outside, "opportunities") == {}


def _utc(iso: str) -> str:
    from datetime import datetime, timezone

    return datetime.fromisoformat(iso).astimezone(timezone.utc).isoformat()


def test_a_shallow_clone_gives_no_date_rather_than_a_wrong_one(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    (folder / "opportunities").mkdir(parents=True)
    (folder / "opportunities" / "old.yaml").write_text("old\n", encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "old", date="2025-01-01T00:00:00+00:00")
    (folder / "opportunities" / "new.yaml").write_text("new\n", encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "new", date="2026-01-01T00:00:00+00:00")
    (folder / "opportunities" / "newest.yaml").write_text("newest\n", encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "newest", date="2026-03-01T00:00:00+00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", folder.as_uri(), str(clone))
    dates = last_changes(clone, "opportunities")
    # The oldest fetched commit seems to add every file it holds: only what changed after it counts.
    assert {path: moment.date().isoformat() for path, moment in dates.items()} == {
        "opportunities/newest.yaml": "2026-03-01"
    }
    shutil.rmtree(clone)


def test_the_publishing_jobs_fetch_the_history_the_feeds_date_entries_by() -> None:
    import yaml

    from conftest import REPO

    github = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    checkout = [s for s in github["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/checkout")]
    assert checkout and checkout[0]["with"]["fetch-depth"] == 0
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["pages"]["variables"]["GIT_DEPTH"] == "0"
