"""Per recipient: is the disclosure a sale, a share for cross-context advertising, or neither?

The CCPA decides by what the recipient may do and what the store gets, not by what the
owner calls it. "Sell" is making personal information available to a third party "for
monetary or other valuable consideration" (Cal. Civ. Code §1798.140(ad)(1)); "share" is
making it available to a third party "for cross-context behavioral advertising, whether or
not for monetary or other valuable consideration" (§1798.140(ah)(1)). A service provider
processes only on the business's behalf under a contract (§1798.140(ag)) and may not do
cross-context behavioral advertising (11 CCR §7050(b)). A disclosure the consumer directs
is neither (§1798.140(ad)(2)(A), (ah)(2)(A)).

An owner's own ``sale: true`` or ``cross_context_ads: true`` stands; they can only make the
answer stricter, never turn a derived sale into "we do not sell".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from generator.model.vocab import DataCategory, RecipientKind, RecipientUse

if TYPE_CHECKING:
    from generator.model import StoreProfile
    from generator.model.practices import Recipient

# Recipients that, when they may use the data for themselves, ordinarily give the store
# something of value for it: ad networks and analytics vendors give ad or measurement
# services (the California Attorney General's Sephora settlement, 2022, treated analytics
# and ad trackers that way); marketing partners and brokers give money or joint promotion;
# an affiliate gives the group's shared marketing. Carriers, processors and the like are
# paid by the store: a disclosure to them for their own legal or fraud duties is a
# disclosure to a third party, but not for consideration.
GIVE_VALUE_BY_KIND = frozenset(
    {
        RecipientKind.ADVERTISING,
        RecipientKind.ANALYTICS,
        RecipientKind.MARKETING_PARTNER,
        RecipientKind.DATA_BROKER,
        RecipientKind.AFFILIATE,
    }
)

# Data that lets an ad network target a person across other businesses' sites: what they
# do, or an identifier it can match; what they do with an app or a connected product counts
# as much as what they do on the site.
CROSS_CONTEXT_DATA = frozenset(
    {
        DataCategory.DEVICE_AND_LOG,
        DataCategory.BROWSING_ACTIVITY,
        DataCategory.PRODUCT_USAGE,
        DataCategory.SEARCH_TERMS,
        DataCategory.EMAIL,
        DataCategory.PHONE,
        DataCategory.ORDER_HISTORY,
        DataCategory.INFERENCES,
    }
)


# Recipients whose value for data is ordinarily money: brokers and partners buy or rent lists.
_PAYING_KINDS = frozenset({RecipientKind.DATA_BROKER, RecipientKind.MARKETING_PARTNER})


# Recipients whose value for data is ordinarily their own services to the store.
_SERVICE_KINDS = frozenset({RecipientKind.ADVERTISING, RecipientKind.ANALYTICS})


class RecipientFacts(NamedTuple):
    """One recipient entry and what its disclosure is in law, with the reason in words."""

    recipient: Recipient
    third_party: bool
    sold: bool
    shared: bool
    reason: str
    by_cookie_settings: bool = False
    """People stop this sharing themselves in the site's cookie settings: it runs through
    tracking on the site (cross-context ads, an ad or analytics tag) and the site has a
    link that reopens the cookie choices."""
    alike: tuple[Recipient, ...] = ()
    """Where entries that read exactly alike but for their names and privacy policies are
    listed as one (``listed``), each of them as answered; ``recipient`` then names them all."""

    @property
    def policy_links(self) -> tuple[tuple[Any, tuple[str, ...]], ...]:
        """Each privacy policy with the companies it is for, where this entry lists several
        (one company's link must not read as every company's)."""
        links: dict[str, tuple[Any, list[str]]] = {}
        for r in self.alike:
            if r.policy_url:
                links.setdefault(str(r.policy_url), (r.policy_url, []))[1].extend(r.names or [])
        return tuple((url, tuple(dict.fromkeys(names))) for url, names in links.values())

    @property
    def kind(self) -> RecipientKind:
        return self.recipient.kind

    @property
    def paid(self) -> bool:
        """The value it gives is money or the like (the owner says it is a sale, or a broker
        or marketing partner pays for lists), not the ad or measurement services that ad
        networks and analytics vendors give (see ``GIVE_VALUE_BY_KIND``)."""
        return self.recipient.sale or self.recipient.kind in _PAYING_KINDS

    @property
    def consideration(self) -> str:
        """What the store gets for the data, in words: money for a paying buyer, the ad or
        measurement services an ad network or analytics vendor gives, else "something of
        value" (an affiliate's shared marketing, a partner's joint promotion)."""
        if self.paid:
            return "money or other value"
        if self.recipient.kind in _SERVICE_KINDS:
            return "something of value, such as advertising or measurement services,"
        return "something of value"

    @property
    def at_your_request(self) -> bool:
        """The store sends it only when the person asks (to their vet, a teacher ...)."""
        return self.recipient.kind is RecipientKind.PEOPLE_YOU_NAME


def gives_value(recipient: Recipient) -> bool:
    """Whether the store gets something of value for the data (the owner's answer first)."""
    if recipient.gives_value is not None:
        return recipient.gives_value
    return usually_gives_value(recipient.kind, recipient.use)


def usually_gives_value(kind: RecipientKind, use: RecipientUse) -> bool:
    """The usual answer for a kind of recipient and what it may do with the data: what an
    unanswered ``gives_value`` means, and the wizard's starting answer."""
    return kind in GIVE_VALUE_BY_KIND or use is RecipientUse.OWN_MARKETING


def judge(recipient: Recipient) -> RecipientFacts:
    """Sale, share, or neither, for one recipient; the reason says which fact decided it."""
    directed = _directed(recipient)
    cross_context = bool(CROSS_CONTEXT_DATA & set(recipient.categories))
    # Someone the person names works with the data for the person, not for the store.
    own_use = (
        recipient.use is not RecipientUse.ON_OUR_BEHALF
        or recipient.kind is RecipientKind.PEOPLE_YOU_NAME
    )
    shared = recipient.cross_context_ads or (
        recipient.kind is RecipientKind.ADVERTISING and own_use and cross_context and not directed
    )
    # A service provider cannot do cross-context advertising (11 CCR §7050(b)).
    third_party = own_use or shared
    sold = recipient.sale or (third_party and not directed and gives_value(recipient))
    return RecipientFacts(recipient, third_party, sold, shared, _reason(recipient, sold, shared))


def _directed(recipient: Recipient) -> bool:
    # Shared only once the person agrees, or sent to someone the person names (their vet,
    # a teacher) because they ask: the disclosure is the person's doing, not a sale (Cal.
    # Civ. Code §1798.140(ad)(2)(A)).
    return recipient.with_consent_only or recipient.kind is RecipientKind.PEOPLE_YOU_NAME


def _reason(recipient: Recipient, sold: bool, shared: bool) -> str:
    if recipient.sale:
        return "the store says it gets money or other value for it"
    if sold:
        return (
            "the recipient may use the data for its own purposes and gives the store "
            "something of value for it (Cal. Civ. Code §1798.140(ad)(1))"
        )
    if shared:
        return "the recipient uses it for ads based on activity across other businesses' sites"
    if _directed(recipient):
        return "the person directs the disclosure (Cal. Civ. Code §1798.140(ad)(2)(A))"
    if recipient.use is RecipientUse.ON_OUR_BEHALF:
        return "the recipient works only on the store's behalf (a service provider)"
    return "the recipient uses it for its own purposes but gives the store nothing for it"


# Laws under which a disclosure for value is a "sale" the policy must name as one: the
# CCPA (Cal. Civ. Code §1798.140(ad)) and the state laws modelled on it (Va. Code
# §59.1-575 and those that follow). Elsewhere "sale" is no legal term, and a policy that
# called an ad network's free services a sale would say the store sells data when, in
# plain words, it does not; it then describes what the recipient does instead.
SALE_LAWS = frozenset({"ccpa", "us_states"})


def recipient_facts(
    profile: StoreProfile, applying_laws: frozenset[str] | None = None
) -> tuple[RecipientFacts, ...]:
    """Every recipient entry judged, in the answers' order.

    With ``applying_laws`` (law ids), a sale inferred from value received is stated only
    where a sale law applies; the owner's own ``sale: true`` always stands. Without it,
    the legal judgment (for thresholds that count sales)."""
    link = profile.cookies.settings_link
    judged = tuple(
        rf._replace(by_cookie_settings=link and _through_tracking(rf))
        for rf in (judge(r) for r in profile.sharing.recipients)
    )
    if applying_laws is None or applying_laws & SALE_LAWS:
        return judged
    return tuple(
        r._replace(
            sold=r.recipient.sale,
            reason=r.reason if r.recipient.sale or not r.sold else _UNNAMED_SALE,
        )
        for r in judged
    )


def listed(recipients: tuple[RecipientFacts, ...]) -> tuple[RecipientFacts, ...]:
    """The entries as the policy lists them: entries that read exactly alike but for the
    companies' names and privacy policies (three carriers picked one by one from the
    service catalog, each getting the same data for the same reason) become one, naming
    them all, at the first one's place; an entry without names never joins one with."""
    merged: dict[Any, RecipientFacts] = {}
    for rf in recipients:
        key = _alike_key(rf)
        first = merged.get(key)
        if first is None:
            merged[key] = rf
            continue
        names = [*(first.recipient.names or []), *(rf.recipient.names or [])]
        merged[key] = first._replace(
            recipient=first.recipient.model_copy(update={"names": list(dict.fromkeys(names))}),
            alike=(*(first.alike or (first.recipient,)), rf.recipient),
        )
    return tuple(merged.values())


def _alike_key(rf: RecipientFacts) -> Any:
    said = rf.recipient.model_dump(mode="json", exclude={"names", "policy_url", "service"})
    return (
        repr(sorted(said.items())),
        bool(rf.recipient.names),
        (rf.third_party, rf.sold, rf.shared, rf.reason, rf.by_cookie_settings),
    )


def _through_tracking(rf: RecipientFacts) -> bool:
    # Consent alone is no sign of a tag: a partner's checkbox at checkout, or a vet the
    # customer names, is not something the cookie settings can switch off.
    return rf.shared or rf.recipient.kind in _TAG_KINDS


# Recipients that get data through tags on the site, which the cookie settings switch off.
_TAG_KINDS = frozenset({RecipientKind.ADVERTISING, RecipientKind.ANALYTICS})


_UNNAMED_SALE = (
    "the recipient may use the data for its own purposes and gives the store something of "
    "value, but no law that applies calls that a sale"
)


def sells(profile: StoreProfile) -> bool:
    """Whether any disclosure is a sale."""
    return any(judge(r).sold for r in profile.sharing.recipients)


def shares_for_ads(profile: StoreProfile) -> bool:
    """Whether any disclosure is for cross-context behavioral advertising."""
    return any(judge(r).shared for r in profile.sharing.recipients)
