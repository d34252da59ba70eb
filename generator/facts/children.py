"""The ages the children's section speaks of, from one answer.

COPPA protects children under 13 (15 U.S.C. §6501(1)); a store may set a higher minimum
age for itself. The section states one age: the store's minimum when it is 13 or more,
otherwise 13 with the parental-consent route. It promises deletion of a child's data only
when the owner says so (``children.deletes_if_found``): COPPA imposes that only on operators
it covers (16 CFR §312.3), and a general-audience store may choose to say it (FTC Act §5
then holds it to the promise).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from generator.model.vocab import (
    CollectionPoint,
    DataCategory,
    ParentalConsentWay,
    Purpose,
    RecipientKind,
    RecipientUse,
)

if TYPE_CHECKING:
    from generator.facts.sharing import RecipientFacts
    from generator.model import StoreProfile
    from generator.model.practices import Recipient

COPPA_AGE = 13  # 15 U.S.C. §6501(1): "child" means an individual under the age of 13


class ChildrenFacts(NamedTuple):
    minimum_age: int
    """The youngest age allowed to use the site, as the owner set it."""
    coppa_operator: bool
    """Directed to children under 13, or actually knows it collects their data."""
    under_age: int
    """The age the 'we do not knowingly collect from anyone under N' sentence names."""
    deletes_if_found: bool
    offline: bool = False
    """The store also collects away from its site (shops, cameras, deliveries, phone), so
    the age promise is about the site only: a shop camera records every visitor."""
    cameras: bool = False
    """Security cameras record whoever visits, children included."""
    recipients: tuple[RecipientFacts, ...] = ()
    """Who gets children's data (16 CFR §312.4(d) as amended in 2025: the third parties
    and the purpose of each disclosure)."""
    purposes: tuple[Purpose, ...] = ()
    """What the store uses children's data for (16 CFR §312.4(d)(2): how the operator uses
    the information): ``child_purposes``."""
    discloses: bool = False
    """Children's information is 'disclosed' in COPPA's sense (16 CFR §312.2): released to a
    recipient that uses it for itself (not only to support our internal operations), or made
    publicly available."""
    disclosed_to: tuple[RecipientFacts, ...] = ()
    """The recipients of children's data that use it for themselves: each a disclosure."""
    light_consent: tuple[ParentalConsentWay, ...] = ()
    """Of the consent ways that may cover a disclosure or making data public (the owner's
    ``consent_ways_for_disclosure``, else every consent way), those (email plus, text plus)
    the FTC allows only to an operator that does not disclose children's information (16
    CFR §312.5(b)(2), as amended in 2025). A stronger way offered beside them does not help: a parent may still use the
    light one for an account whose child's data is then disclosed."""
    no_advertisers: bool = False
    """The owner said of every recipient whether it gets children's data, and no
    advertiser, marketing partner, data broker or affiliate does: the policy may say so."""


# Recipients whose business is advertising or marketing with the data they get.
ADVERTISERS = frozenset(
    {
        RecipientKind.ADVERTISING,
        RecipientKind.MARKETING_PARTNER,
        RecipientKind.DATA_BROKER,
        RecipientKind.AFFILIATE,
    }
)


# Uses that COPPA's "support for the internal operations" of a site excludes (16 CFR
# §312.2): contacting a specific child "including through behavioral advertising", amassing
# a profile on a child, "or for any other purpose" (marketing, training AI, a partner's own
# ends). A kind of data the shop and the app share (device data, app usage) says nothing about
# whose data an ad or a newsletter uses, so these count as uses of children's data only where
# the owner says so (``children.purposes``); every other purpose that uses a kind of
# children's data counts unless the owner lists the purposes.
OWNERS_WORD_ONLY = frozenset(
    {
        Purpose.TARGETED_ADVERTISING,
        Purpose.MARKETING,
        Purpose.COMBINING_SOURCES,
        Purpose.AI_TRAINING,
        Purpose.BUSINESS_PARTNERSHIPS,
    }
)


def usual_child_purposes(
    uses: Iterable[tuple[Purpose, Iterable[DataCategory]]], child_data: Iterable[DataCategory]
) -> tuple[Purpose, ...]:
    """The purposes that use a kind of children's data, less those only the owner's word can
    tie to children (``OWNERS_WORD_ONLY``): what an unanswered ``children.purposes`` means,
    and the wizard's starting answer."""
    kinds = set(child_data)
    return tuple(
        dict.fromkeys(
            purpose
            for purpose, categories in uses
            if set(categories) & kinds and purpose not in OWNERS_WORD_ONLY
        )
    )


def child_purposes(profile: StoreProfile) -> tuple[Purpose, ...]:
    """What the store uses children's data for: the owner's ``children.purposes``, or where
    the answers don't say, ``usual_child_purposes`` of the store's uses."""
    kids = profile.children
    if kids.purposes is not None:
        return tuple(dict.fromkeys(kids.purposes))
    uses = ((use.purpose, use.categories) for use in profile.use.purposes)
    return usual_child_purposes(uses, kids.child_data)


# The uses that put children's data in an advertiser's hands.
_ADVERTISING_USES = frozenset({Purpose.TARGETED_ADVERTISING, Purpose.MARKETING})


def usually_gets_childrens_data(
    kind: RecipientKind,
    categories: Iterable[DataCategory],
    cross_context_ads: bool,
    child_data: Iterable[DataCategory],
    purposes: Iterable[Purpose],
) -> bool:
    """What an unanswered ``gets_childrens_data`` means, and the wizard's starting answer:
    the recipient gets a kind of children's data, and, if it advertises or markets with
    what it gets, the store uses children's data for ads or marketing (``purposes``, the
    children's purposes); an analytics tool, if children's data is used for analytics. An ad
    network fed device data from the shop pages is not thereby a recipient of the app's
    device data."""
    if not set(categories) & set(child_data):
        return False
    if kind in ADVERTISERS or cross_context_ads:
        # Only ads or marketing with children's data give an advertiser children's data;
        # training a model on it, say, does not.
        return bool(set(purposes) & _ADVERTISING_USES)
    # An analytics tool measures for the store's analytics: it gets children's data only if
    # children's data is used for analytics at all.
    if kind is RecipientKind.ANALYTICS:
        return Purpose.ANALYTICS in set(purposes)
    return True


def gets_childrens_data(profile: StoreProfile, recipient: Recipient) -> bool:
    """Whether ``recipient`` gets children's data: the owner's answer
    (``gets_childrens_data``), or, where the answers don't say, ``usually_gets_childrens_data``."""
    if recipient.gets_childrens_data is not None:
        return recipient.gets_childrens_data
    return usually_gets_childrens_data(
        recipient.kind,
        recipient.categories,
        recipient.cross_context_ads,
        profile.children.child_data,
        child_purposes(profile),
    )


def child_recipients(profile: StoreProfile) -> tuple[Recipient, ...]:
    """The recipients of children's data, in the answers' order."""
    return tuple(r for r in profile.sharing.recipients if gets_childrens_data(profile, r))


def children_facts(
    profile: StoreProfile, recipients: tuple[RecipientFacts, ...] = ()
) -> ChildrenFacts:
    """The children's section's facts; ``recipients`` are every recipient judged."""
    kids = profile.children
    theirs = [rf for rf in recipients if gets_childrens_data(profile, rf.recipient)]
    # §312.2 "disclose": release to a third party, except one that only supports our internal
    # operations (a service provider working for us).
    disclosed_to = tuple(rf for rf in theirs if rf.recipient.use is not RecipientUse.ON_OUR_BEHALF)
    # An empty answer names no way for disclosures: every consent way may still cover them.
    disclosure_ways = kids.consent_ways_for_disclosure or kids.consent_ways
    return ChildrenFacts(
        minimum_age=kids.minimum_age,
        coppa_operator=kids.directed_to_children or kids.knows_of_child_users,
        under_age=max(kids.minimum_age, COPPA_AGE),
        deletes_if_found=kids.deletes_if_found,
        offline=profile.business.physical_shops
        or any(set(item.points) & _OFFLINE_POINTS for item in profile.collection.items),
        cameras=profile.collects(DataCategory.CAMERA_FOOTAGE),
        recipients=tuple(theirs),
        purposes=child_purposes(profile),
        discloses=bool(kids.made_public) or bool(disclosed_to),
        disclosed_to=disclosed_to,
        light_consent=tuple(w for w in disclosure_ways if w in LIGHT_WAYS),
        no_advertisers=all(r.gets_childrens_data is not None for r in profile.sharing.recipients)
        and not any(rf.kind in ADVERTISERS for rf in theirs),
    )


LIGHT_WAYS = frozenset({ParentalConsentWay.EMAIL_PLUS, ParentalConsentWay.TEXT_PLUS})

_OFFLINE_POINTS = frozenset(
    {
        CollectionPoint.IN_STORE,
        CollectionPoint.BY_PHONE,
        CollectionPoint.DELIVERY,
    }
)
