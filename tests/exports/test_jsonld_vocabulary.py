"""Item JSON-LD uses only properties that its schema.org types accept (SPEC.md, "The built site":
item pages carry schema.org JSON-LD; case F-17).

The tables below are derived from schema.org's vocabulary, release 30.0
(https://github.com/schemaorg/schemaorg, `data/releases/30.0/schemaorg-current-https-properties.csv`
and `...-types.csv`; schema.org is published under CC BY-SA 3.0): for each type, every property
whose `domainIncludes` names the type or one of its parents along `subTypeOf` (RealEstateListing <
WebPage < CreativeWork < Thing; Offer < Intangible < Thing; GovernmentOrganization < Organization <
Thing; Event < Thing; VirtualLocation < Intangible < Thing; ...), superseded properties (`attendees`,
`performers`, `subEvents`) left out. A type or property the JSON-LD starts to use must be
looked up there and added here.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import copy_good, validate_dir
from event_catalogue import event_catalogue
from generator.exports.jsonld import json_ld
from generator.submission.catalogue import Catalogue
from hostile_catalogue import PICTURES, prepare

_PROPERTIES = {
    "RealEstateListing": """
        about abstract accessMode accessModeSufficient accessibilityAPI accessibilityControl
        accessibilityFeature accessibilityHazard accessibilitySummary accountablePerson acquireLicensePage
        additionalType aggregateRating alternateName alternativeHeadline archivedAt assesses associatedMedia
        audience audio author award breadcrumb character citation comment commentCount conditionsOfAccess
        contentLocation contentRating contentReferenceTime contributor copyrightHolder copyrightNotice
        copyrightYear correction countryOfOrigin creativeWorkStatus creator creditText dateCreated
        dateModified datePosted datePublished description digitalSourceType disambiguatingDescription
        discussionUrl displayLocation editEIDR editor educationalAlignment educationalLevel educationalUse
        encoding encodingFormat exampleOfWork expires funder funding genre hasPart headline identifier image
        inLanguage interactionStatistic interactivityType interpretedAsClaim isAccessibleForFree isBasedOn
        isFamilyFriendly isPartOf keywords lastReviewed learningResourceType leaseLength license
        locationCreated mainContentOfPage mainEntity mainEntityOfPage maintainer material materialExtent
        mentions name offers owner pattern position potentialAction primaryImageOfPage producer provider
        publication publisher publisherImprint publishingPrinciples recordedAt relatedLink releasedEvent
        review reviewedBy sameAs schemaVersion sdDatePublished sdLicense sdPublisher significantLink size
        sourceOrganization spatial spatialCoverage speakable specialty sponsor subjectOf teaches temporal
        temporalCoverage text thumbnail thumbnailUrl timeRequired translationOfWork translator
        typicalAgeRange url usageInfo version video wordCount workExample workTranslation
    """,
    "Offer": """
        acceptedPaymentMethod addOn additionalProperty additionalType advanceBookingRequirement
        aggregateRating alternateName areaServed asin availability availabilityEnds availabilityStarts
        availableAtOrFrom availableDeliveryMethod businessFunction category checkoutPageURLTemplate
        deliveryLeadTime description disambiguatingDescription eligibleCustomerType eligibleDuration
        eligibleQuantity eligibleRegion eligibleTransactionVolume gtin gtin12 gtin13 gtin14 gtin8
        hasAdultConsideration hasGS1DigitalLink hasMeasurement hasMerchantReturnPolicy identifier image
        includesObject ineligibleRegion inventoryLevel isFamilyFriendly itemCondition itemOffered
        leaseLength mainEntityOfPage mobileUrl mpn name offeredBy owner potentialAction price priceCurrency
        priceSpecification priceValidUntil review sameAs seller serialNumber shippingDetails sku subjectOf
        url validForMemberTier validFrom validThrough warranty
    """,
    "Organization": """
        acceptedPaymentMethod actionableFeedbackPolicy additionalType address agentInteractionStatistic
        aggregateRating alternateName alumni areaServed award brand companyRegistration contactPoint
        correctionsPolicy department description disambiguatingDescription dissolutionDate diversityPolicy
        diversityStaffingReport duns email employee ethicsPolicy event faxNumber founder foundingDate
        foundingLocation funder funding globalLocationNumber hasCertification hasCredential
        hasGS1DigitalLink hasMemberProgram hasMerchantReturnPolicy hasOfferCatalog hasPOS hasShippingService
        identifier image interactionStatistic isicV4 iso6523Code keywords knowsAbout knowsLanguage
        legalAddress legalName legalRepresentative leiCode location logo mainEntityOfPage makesOffer member
        memberOf naics name nonprofitStatus numberOfEmployees owner ownershipFundingInfo owns
        parentOrganization potentialAction publishingPrinciples review sameAs seeks skills slogan sponsor
        subOrganization subjectOf taxID telephone unnamedSourcesPolicy url vatID
    """,
    "GovernmentOrganization": """
        acceptedPaymentMethod actionableFeedbackPolicy additionalType address agentInteractionStatistic
        aggregateRating alternateName alumni areaServed award brand companyRegistration contactPoint
        correctionsPolicy department description disambiguatingDescription dissolutionDate diversityPolicy
        diversityStaffingReport duns email employee ethicsPolicy event faxNumber founder foundingDate
        foundingLocation funder funding globalLocationNumber hasCertification hasCredential
        hasGS1DigitalLink hasMemberProgram hasMerchantReturnPolicy hasOfferCatalog hasPOS hasShippingService
        identifier image interactionStatistic isicV4 iso6523Code keywords knowsAbout knowsLanguage
        legalAddress legalName legalRepresentative leiCode location logo mainEntityOfPage makesOffer member
        memberOf naics name nonprofitStatus numberOfEmployees owner ownershipFundingInfo owns
        parentOrganization potentialAction publishingPrinciples review sameAs seeks skills slogan sponsor
        subOrganization subjectOf taxID telephone unnamedSourcesPolicy url vatID
    """,
    "Place": """
        additionalProperty additionalType address aggregateRating alternateName amenityFeature branchCode
        containedInPlace containsPlace description disambiguatingDescription event faxNumber geo geoContains
        geoCoveredBy geoCovers geoCrosses geoDisjoint geoEquals geoIntersects geoOverlaps geoTouches
        geoWithin globalLocationNumber hasCertification hasDriveThroughService hasGS1DigitalLink hasMap
        identifier image isAccessibleForFree isicV4 keywords latitude logo longitude mainEntityOfPage
        maximumAttendeeCapacity name openingHoursSpecification owner photo potentialAction publicAccess
        review sameAs slogan smokingAllowed specialOpeningHoursSpecification subjectOf telephone
        tourBookingPage url
    """,
    "Event": """
        about actor additionalType aggregateRating alternateName attendee audience composer contributor
        description director disambiguatingDescription doorTime duration endDate eventAttendanceMode
        eventSchedule eventStatus funder funding hasParticipationOffer hasSponsorshipOffer identifier image
        inLanguage isAccessibleForFree keywords location mainEntityOfPage maximumAttendeeCapacity
        maximumPhysicalAttendeeCapacity maximumVirtualAttendeeCapacity name offers organizer owner performer
        potentialAction previousStartDate recordedIn remainingAttendeeCapacity review sameAs sponsor startDate
        subEvent subjectOf superEvent translator typicalAgeRange url workFeatured workPerformed
    """,
    "VirtualLocation": """
        additionalType alternateName description disambiguatingDescription identifier image mainEntityOfPage
        name owner potentialAction sameAs subjectOf url
    """,
    "GeoCoordinates": """
        additionalType address addressCountry alternateName description disambiguatingDescription elevation
        identifier image latitude longitude mainEntityOfPage name owner postalCode potentialAction sameAs
        subjectOf url
    """,
    "PostalAddress": """
        additionalType addressCountry addressLocality addressRegion alternateName areaServed
        availableLanguage contactOption contactType description disambiguatingDescription email
        extendedAddress faxNumber hoursAvailable identifier image mainEntityOfPage name owner
        postOfficeBoxNumber postalCode potentialAction productSupported sameAs streetAddress subjectOf
        telephone url
    """,
    "QuantitativeValue": """
        additionalProperty additionalType alternateName description disambiguatingDescription identifier
        image mainEntityOfPage maxValue minValue name owner potentialAction sameAs subjectOf unitCode
        unitText url value valueReference
    """,
}
ACCEPTED: dict[str, frozenset[str]] = {name: frozenset(text.split()) for name, text in _PROPERTIES.items()}

# `rangeIncludes` (v30.0) of the properties that hold a node, with the node types we put there.
RANGES: dict[str, frozenset[str]] = {
    "offers": frozenset({"Offer", "Demand"}),
    "offeredBy": frozenset({"Organization", "GovernmentOrganization", "Person"}),
    "publisher": frozenset({"Organization", "GovernmentOrganization", "Person"}),
    "contentLocation": frozenset({"Place"}),
    "areaServed": frozenset({"Place", "AdministrativeArea", "GeoShape"}),
    "location": frozenset({"Place", "PostalAddress", "VirtualLocation"}),
    "geo": frozenset({"GeoCoordinates", "GeoShape"}),
    "address": frozenset({"PostalAddress"}),
    "numberOfEmployees": frozenset({"QuantitativeValue"}),
    "organizer": frozenset({"Organization", "GovernmentOrganization", "Person"}),
    "attendee": frozenset({"Organization", "Person"}),
}


def misplaced(node: Any, holder: str = "") -> list[str]:
    """Every `Type.property` of `node` (and the nodes inside it) that schema.org does not accept,
    and every node whose type the property holding it does not expect."""
    found: list[str] = []
    if isinstance(node, list):
        for value in node:
            found += misplaced(value, holder)
    elif isinstance(node, dict):
        kind = node.get("@type")
        if kind not in ACCEPTED:
            return [f"{holder or 'top'}: type {kind!r} is not in the table"]
        if holder and kind not in RANGES.get(holder, frozenset()):
            found.append(f"{holder} holds a {kind}")
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key not in ACCEPTED[kind]:
                found.append(f"{kind}.{key}")
            if isinstance(value, (dict, list)):
                found += misplaced(value, key)
    return found


def _catalogue(tmp_path: Path, site_url: str) -> Catalogue:
    folder = tmp_path / "catalogue"
    prepare(folder)
    catalogue = validate_dir(folder).catalogue
    catalogue.settings = dataclasses.replace(catalogue.settings, site_url=site_url)
    return catalogue


@pytest.mark.parametrize("site_url", ["", "https://example.org/catalogue/"])
def test_every_kind_uses_only_properties_its_types_accept(tmp_path: Path, site_url: str) -> None:
    catalogue = _catalogue(tmp_path, site_url)
    types = set()
    for item_id in ("north-plot", "solar-park", "berry-coop"):
        for language in catalogue.settings.languages:
            data = json_ld(catalogue, catalogue.items[item_id], language)
            assert data["@context"] == "https://schema.org"
            assert misplaced(data) == [], (item_id, language)
            types.add(data["@type"])
    assert types == {"RealEstateListing", "Offer", "Organization"}


def test_the_known_misplaced_properties_are_gone(tmp_path: Path) -> None:
    """F-17: offeredBy on the listing, datePosted and inLanguage on an Offer, inLanguage on an
    Organization; and validThrough, which a listing does not accept either."""
    catalogue = _catalogue(tmp_path, "")
    site, project, sme = (
        json_ld(catalogue, catalogue.items[i], "de") for i in ("north-plot", "solar-park", "berry-coop")
    )
    assert not {"offeredBy", "validThrough"} & set(site)
    assert site["inLanguage"] == "de" and site["datePosted"] == "2025-03-07"
    assert site["offers"]["offeredBy"]["@type"] == "GovernmentOrganization"
    assert site["offers"]["validThrough"] == "2099-12-31"
    assert site["offers"]["price"] == 1234567.5 and site["offers"]["priceCurrency"] == "EUR"
    assert not {"datePosted", "inLanguage"} & set(project)
    assert project["validFrom"] == "2025-06-01"
    assert "inLanguage" not in sme and sme["legalName"] == "Testgrad Berry d.o.o."


def test_picture_and_page_urls_are_encoded_and_absolute_with_site_url(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path, "https://example.org/catalogue/")
    site = json_ld(catalogue, catalogue.items["north-plot"], "sq")
    assert site["url"] == "https://example.org/catalogue/sq/items/north-plot/"
    assert site["image"][0] == "https://example.org/catalogue/media/testgrad/images/Hala%20%232.png"
    assert len(site["image"]) == len(PICTURES) + 1
    assert json_ld(catalogue, catalogue.items["berry-coop"], "en")["mainEntityOfPage"] == (
        "https://example.org/catalogue/en/items/berry-coop/"
    )


def test_without_site_url_pictures_are_relative_to_the_page(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path, "")
    site = json_ld(catalogue, catalogue.items["north-plot"], "en")
    assert "url" not in site
    assert site["image"][0] == "../../../media/testgrad/images/Hala%20%232.png"


def test_the_built_page_carries_the_same_node(tmp_path: Path) -> None:
    from conftest import build_catalogue

    folder = copy_good(tmp_path / "catalogue")
    assert build_catalogue(folder / "mkdocs.yml", folder / "site") == 0
    for item_id in ("north-plot", "solar-park", "berry-coop"):
        html = (folder / "site" / "en" / "items" / item_id / "index.html").read_text(encoding="utf-8")
        script = BeautifulSoup(html, "html.parser").select_one('script[type="application/ld+json"]')
        assert misplaced(json.loads(script.string)) == [], item_id


@pytest.mark.parametrize("site_url", ["", "https://example.org/catalogue/"])
def test_events_use_only_properties_event_accepts(tmp_path: Path, site_url: str) -> None:
    """An event at a venue abroad, one of whole days, an online one and a past one."""
    catalogue = validate_dir(event_catalogue(tmp_path / "catalogue")).catalogue
    catalogue.settings = dataclasses.replace(catalogue.settings, site_url=site_url)
    for item_id in ("vienna-b2b", "zurich-summit", "berry-webinar", "nis-b2b-2026"):
        for language in catalogue.settings.languages:
            data = json_ld(catalogue, catalogue.items[item_id], language)
            assert data["@type"] == "Event"
            assert misplaced(data) == [], (item_id, language)


def test_an_event_says_when_where_and_how_to_attend(tmp_path: Path) -> None:
    catalogue = validate_dir(event_catalogue(tmp_path / "catalogue")).catalogue
    vienna = json_ld(catalogue, catalogue.items["vienna-b2b"], "de")
    assert (vienna["startDate"], vienna["endDate"]) == ("2027-05-14T09:30:00+02:00", "2027-05-14T17:00:00+02:00")
    assert vienna["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert vienna["location"]["address"]["addressCountry"] == "AT"
    assert vienna["location"]["geo"]["latitude"] == 48.2082
    assert vienna["offers"] == {
        "@type": "Offer",
        "url": "https://testgrad.example/vienna",
        "validThrough": "2027-04-30",
    }
    assert vienna["organizer"]["@type"] == "GovernmentOrganization"
    assert vienna["inLanguage"] == ["de", "sr-Latn", "en"]
    # Only companies attend; a project or a site is presented, not an attendee.
    assert [a["name"] for a in vienna["attendee"]] == ["Testgrad Berry d.o.o."]
    webinar = json_ld(catalogue, catalogue.items["berry-webinar"], "en")
    assert webinar["location"] == {"@type": "VirtualLocation", "url": "https://meet.testgrad.example/berries"}
    assert webinar["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert json_ld(catalogue, catalogue.items["zurich-summit"], "en")["startDate"] == "2027-06-10"
