"""Per data category: where it comes from and whether the person must give it."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from generator.model.vocab import DataCategory, Necessity, Purpose, Source

if TYPE_CHECKING:
    from generator.model import StoreProfile
    from generator.model.practices import CollectedData

_D, _S = DataCategory, Source

# Where each kind of data comes from by its nature, when the owner names no source:
# order history is the store's own record of the order, not something typed in or read
# from the device; device data comes from the device; an interest profile is inferred.
# What a connected product or app reports about its use comes from the product as it is
# used, not from the person's typing nor from browsing the site; a child's profile is set
# up by the parent and grows as the child uses the app (progress, what the child makes).
NATURAL_SOURCES: dict[DataCategory, tuple[Source, ...]] = {
    _D.NAME: (_S.FROM_YOU,),
    _D.EMAIL: (_S.FROM_YOU,),
    _D.PHONE: (_S.FROM_YOU,),
    _D.POSTAL_ADDRESS: (_S.FROM_YOU,),
    _D.PAYMENT_CARD: (_S.FROM_YOU,),
    _D.BANK_ACCOUNT: (_S.FROM_YOU,),
    _D.CREDENTIALS: (_S.FROM_YOU,),
    _D.ORDER_HISTORY: (_S.OUR_RECORDS,),
    _D.BUSINESS_CONTACT: (_S.FROM_YOU,),
    _D.CUSTOMER_NUMBER: (_S.OUR_RECORDS,),
    _D.PRODUCT_SERIAL: (_S.FROM_YOU,),
    _D.PRODUCT_USAGE: (_S.OUR_PRODUCTS,),
    _D.DEVICE_AND_LOG: (_S.AUTOMATIC,),
    _D.APPROXIMATE_LOCATION: (_S.AUTOMATIC,),
    _D.PRECISE_LOCATION: (_S.AUTOMATIC,),
    _D.BROWSING_ACTIVITY: (_S.AUTOMATIC,),
    _D.SEARCH_TERMS: (_S.AUTOMATIC,),
    _D.COMMUNICATIONS: (_S.FROM_YOU,),
    _D.CHAT_TRANSCRIPTS: (_S.FROM_YOU,),
    _D.REVIEWS: (_S.FROM_YOU,),
    _D.SURVEY_RESPONSES: (_S.FROM_YOU,),
    _D.CONTEST_ENTRIES: (_S.FROM_YOU,),
    _D.REFERRED_CONTACTS: (_S.OTHER_CUSTOMERS,),
    _D.GIFT_RECIPIENTS: (_S.OTHER_CUSTOMERS,),
    _D.WARRANTY_REGISTRATIONS: (_S.FROM_YOU,),
    _D.LOYALTY: (_S.OUR_RECORDS,),
    _D.PREFERENCES: (_S.FROM_YOU,),
    _D.CHILD_PROFILE: (_S.FROM_YOU, _S.OUR_PRODUCTS),
    _D.INFERENCES: (_S.INFERRED,),
    _D.SENSITIVE: (_S.FROM_YOU,),
    _D.DATE_OF_BIRTH: (_S.FROM_YOU,),
    _D.CREDIT_INFORMATION: (_S.CREDIT_BUREAUS,),
    _D.PHOTOS: (_S.FROM_YOU,),
    _D.CAMERA_FOOTAGE: (_S.OUR_CAMERAS,),
}

# Sources through which the person hands the data over themselves: only data from these
# can be "required" or "optional" for them to give.
GIVEN_BY_THE_PERSON = frozenset({Source.FROM_YOU})

# Sources that observe the person as they use the site, an app or a product: what they send
# cannot be left out, only not collected (GDPR Art 13: still obtained from the person).
OBSERVED = frozenset({Source.AUTOMATIC, Source.OUR_PRODUCTS})

# Sources other than the person (GDPR Art 14: data not obtained from the data subject).
OTHER_THAN_THE_PERSON = frozenset(Source) - GIVEN_BY_THE_PERSON - OBSERVED - {Source.OUR_CAMERAS}


class CategoryFacts(NamedTuple):
    """One collected category: the answer, its sources and its necessity, resolved."""

    item: CollectedData
    sources: tuple[Source, ...]
    necessity: Necessity | None
    purposes: tuple[Purpose, ...] = ()
    """The purposes the owner uses this category for, in the answers' order."""

    @property
    def category(self) -> DataCategory:
        return self.item.category

    @property
    def given_by_the_person(self) -> bool:
        return bool(GIVEN_BY_THE_PERSON & set(self.sources))

    @property
    def from_others(self) -> tuple[Source, ...]:
        """Sources other than the person and their device (GDPR Art 14, CCPA sources)."""
        return tuple(s for s in self.sources if s in OTHER_THAN_THE_PERSON)


def sources_of(item: CollectedData) -> tuple[Source, ...]:
    """The owner's sources for a category, or the sources its nature implies."""
    return tuple(item.sources) or NATURAL_SOURCES[item.category]


def necessity_of(item: CollectedData, sources: tuple[Source, ...]) -> Necessity | None:
    """Required or optional, as the owner said, for data the person hands over.

    ``None`` when the person never hands it over (it comes from the device, the store's
    own records or other people, so there is nothing for them to choose), or when the
    owner did not say; the policy then states nothing about it, and ``check`` reports
    GDPR Art 13(2)(e) as missing where the GDPR applies and nothing is stated at all.
    """
    if not GIVEN_BY_THE_PERSON & set(sources):
        return None
    return item.necessity if item.necessity is not Necessity.AUTOMATIC else None


def category_facts(profile: StoreProfile) -> tuple[CategoryFacts, ...]:
    """Each collected category, in the answers' order, with its resolved sources."""
    facts = []
    for item in profile.collection.items:
        sources = sources_of(item)
        purposes = tuple(
            dict.fromkeys(u.purpose for u in profile.use.purposes if item.category in u.categories)
        )
        facts.append(CategoryFacts(item, sources, necessity_of(item, sources), purposes))
    return tuple(facts)


def called(profile: StoreProfile | None, category: DataCategory) -> str | None:
    """What the owner calls ``category`` in their policy (``CollectedData.called``), or None
    where the kind's own name stands. One name per kind: the whole policy words it alike."""
    if profile is None:
        return None
    for item in profile.collection.items:
        if item.category is category and item.called:
            return item.called
    return None
