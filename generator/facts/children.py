"""The ages the children's section speaks of, from one answer.

COPPA protects children under 13 (15 U.S.C. §6501(1)); a store may set a higher minimum
age for itself. The section states one age: the store's minimum when it is 13 or more,
otherwise 13 with the parental-consent route. It promises deletion of a child's data only
when the owner says so (``children.deletes_if_found``): COPPA imposes that only on operators
it covers (16 CFR §312.3), and a general-audience store may choose to say it (FTC Act §5
then holds it to the promise).
"""

from __future__ import annotations

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
    """What the store uses children's data for: every purpose that uses a kind of data
    taken from children (16 CFR §312.4(d)(2): how the operator uses the information)."""
    discloses: bool = False
    """Children's information is 'disclosed' in COPPA's sense (16 CFR §312.2): released to a
    recipient that uses it for itself (not only to support our internal operations), or made
    publicly available."""
    light_consent: tuple[ParentalConsentWay, ...] = ()
    """The consent ways (email plus, text plus) the FTC allows only to an operator that does
    not disclose children's information (16 CFR §312.5(b)(2), as amended in 2025), when the
    store names no stronger way beside them."""
    no_advertisers: bool = False
    """The owner said of every recipient whether it gets children's data, and no
    advertiser, marketing partner, data broker or affiliate does: the policy may say so."""


def gets_childrens_data(profile: StoreProfile, recipient: Recipient) -> bool:
    """Whether ``recipient`` gets children's data: the owner's answer
    (``gets_childrens_data``), or, where an older answers file doesn't say, whether it gets
    any kind of data taken from children."""
    if recipient.gets_childrens_data is not None:
        return recipient.gets_childrens_data
    return bool(set(profile.children.child_data) & set(recipient.categories))


def child_recipients(profile: StoreProfile) -> tuple[Recipient, ...]:
    """The recipients of children's data, in the answers' order."""
    return tuple(r for r in profile.sharing.recipients if gets_childrens_data(profile, r))


# Recipients whose business is advertising or marketing with the data they get.
_ADVERTISERS = frozenset(
    {
        RecipientKind.ADVERTISING,
        RecipientKind.MARKETING_PARTNER,
        RecipientKind.DATA_BROKER,
        RecipientKind.AFFILIATE,
    }
)


def children_facts(
    profile: StoreProfile, recipients: tuple[RecipientFacts, ...] = ()
) -> ChildrenFacts:
    """The children's section's facts; ``recipients`` are every recipient judged."""
    kids = profile.children
    theirs = [rf for rf in recipients if gets_childrens_data(profile, rf.recipient)]
    return ChildrenFacts(
        minimum_age=kids.minimum_age,
        coppa_operator=kids.directed_to_children or kids.knows_of_child_users,
        under_age=max(kids.minimum_age, COPPA_AGE),
        deletes_if_found=kids.deletes_if_found,
        offline=profile.business.physical_shops
        or any(set(item.points) & _OFFLINE_POINTS for item in profile.collection.items),
        cameras=profile.collects(DataCategory.CAMERA_FOOTAGE),
        recipients=tuple(theirs),
        purposes=tuple(
            dict.fromkeys(
                use.purpose
                for use in profile.use.purposes
                if set(use.categories) & set(kids.child_data)
            )
        ),
        discloses=bool(kids.made_public)
        or any(rf.recipient.use is not RecipientUse.ON_OUR_BEHALF for rf in theirs),
        light_consent=tuple(kids.consent_ways) if set(kids.consent_ways) <= _LIGHT_WAYS else (),
        no_advertisers=all(r.gets_childrens_data is not None for r in profile.sharing.recipients)
        and not any(rf.kind in _ADVERTISERS for rf in theirs),
    )


_LIGHT_WAYS = frozenset({ParentalConsentWay.EMAIL_PLUS, ParentalConsentWay.TEXT_PLUS})

_OFFLINE_POINTS = frozenset(
    {
        CollectionPoint.IN_STORE,
        CollectionPoint.BY_PHONE,
        CollectionPoint.DELIVERY,
    }
)
