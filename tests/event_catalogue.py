"""The small good catalogue with events and a cluster: a B2B day in Vienna (times with an offset),
a summit in Zurich (whole days), a webinar (online only), a B2B day that is over, and a cluster
publisher whose member is the good catalogue's company."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_good

VIENNA_B2B = """\
kind: event
title:
  en: B2B day of fruit processors in Vienna
  de: B2B-Tag der Obstverarbeiter in Wien
  sr-Latn: B2B dan prerađivača voća u Beču
  sq: Dita B2B e përpunuesve të frutave në Vjenë
summary:
  en: Meet fruit processors from southern Serbia in pre-arranged talks.
  de: Treffen Sie Obstverarbeiter aus Südserbien in vereinbarten Gesprächen.
  sr-Latn: Upoznajte prerađivače voća iz južne Srbije na dogovorenim sastancima.
  sq: Takoni përpunues frutash nga Serbia jugore në takime të paracaktuara.
sectors: ["10.39"]
published: 2026-10-01
starts: 2027-05-14T09:30:00+02:00
ends: 2027-05-14T17:00:00+02:00
format: b2b
location:
  lat: 48.2082
  lon: 16.3738
  address: Wiedner Hauptstraße 63, 1040 Wien
registration:
  url: https://testgrad.example/vienna
  deadline: 2027-04-30
languages: [de, sr-Latn, en]
participants: [berry-coop, solar-park, north-plot]
"""

ZURICH_SUMMIT = """\
kind: event
title:
  en: Diaspora business summit in Zurich
  de: Wirtschaftsgipfel der Diaspora in Zürich
  sr-Latn: Poslovni samit dijaspore u Cirihu
  sq: Samiti i biznesit të diasporës në Cyrih
summary:
  en: Two days of talks with investors of the diaspora.
  de: Zwei Tage Gespräche mit Investoren der Diaspora.
  sr-Latn: Dva dana razgovora sa investitorima iz dijaspore.
  sq: Dy ditë bisedash me investitorë të diasporës.
sectors: ["C"]
published: 2026-10-02
starts: 2027-06-10
ends: 2027-06-11
format: conference
location:
  lat: 47.3769
  lon: 8.5417
registration: https://testgrad.example/zurich
participants: [berry-coop]
"""

WEBINAR = """\
kind: event
title:
  en: Webinar on exporting berries
  de: Webinar zum Export von Beeren
  sr-Latn: Vebinar o izvozu bobičastog voća
  sq: Webinar për eksportin e manave
summary:
  en: Buyers explain what they expect from a supplier.
  de: Einkäufer erklären, was sie von einem Lieferanten erwarten.
  sr-Latn: Kupci objašnjavaju šta očekuju od dobavljača.
  sq: Blerësit shpjegojnë çfarë presin nga një furnitor.
sectors: ["10.39"]
published: 2026-10-03
starts: 2027-02-16T14:00:00+01:00
ends: 2027-02-16T15:30:00+01:00
format: webinar
online: https://meet.testgrad.example/berries
"""

PAST_B2B = """\
kind: event
title:
  en: B2B day in Niš
  de: B2B-Tag in Niš
  sr-Latn: B2B dan u Nišu
  sq: Dita B2B në Nish
summary:
  en: Companies of the region met buyers.
  de: Unternehmen der Region trafen Einkäufer.
  sr-Latn: Preduzeća regiona sastala su se sa kupcima.
  sq: Kompanitë e rajonit takuan blerës.
sectors: ["C"]
published: 2026-08-01
starts: 2026-10-15T10:00:00+02:00
ends: 2026-10-15T16:00:00+02:00
format: b2b
location:
  lat: 43.3209
  lon: 21.8958
participants: [berry-coop]
"""

CLUSTER = """\
name:
  en: Testgrad Fruit Cluster
  de: Obstcluster Testgrad
  sr-Latn: Voćarski klaster Testgrad
  sq: Klasteri i frutave Testgrad
type: cluster
country: RS
location:
  lat: 43.3209
  lon: 21.8958
contact:
  name: Cluster office
  email: cluster@testgrad.example
"""

EVENTS = {
    "vienna-b2b": VIENNA_B2B,
    "zurich-summit": ZURICH_SUMMIT,
    "berry-webinar": WEBINAR,
    "nis-b2b-2026": PAST_B2B,
}


def add_events(folder: Path) -> Path:
    """Events, the cluster and the company's `member_of` in the good catalogue at `folder`."""
    testgrad = folder / "opportunities" / "testgrad"
    for item_id, text in EVENTS.items():
        (testgrad / f"{item_id}.yaml").write_text(text, encoding="utf-8")
    cluster = folder / "opportunities" / "fruit-cluster"
    cluster.mkdir()
    (cluster / "publisher.yaml").write_text(CLUSTER, encoding="utf-8")
    sme = testgrad / "berry-coop.yaml"
    text = sme.read_text(encoding="utf-8")
    sme.write_text(
        text.replace("export_markets: [DE, AT, CH]", "export_markets: [DE, AT, CH]\nmember_of: [fruit-cluster]")
    )
    return folder


def event_catalogue(folder: Path) -> Path:
    """A fresh copy of the good catalogue with the events; returns its folder."""
    return add_events(copy_good(folder))
