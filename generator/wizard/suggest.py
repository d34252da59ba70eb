"""What the wizard suggests for an item the owner ticks: the data a purpose or a kind of
recipient usually involves, and the GDPR basis a purpose usually rests on.

These are starting answers, shown to the owner in words before anything is saved, never
facts the policy states on its own: every one can be changed in the wizard, and the
policy follows the answers. Only data the store said it collects is ever suggested.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, TypeVar

from generator.facts.data import NATURAL_SOURCES, OBSERVED
from generator.model.vocab import CollectionPoint as C
from generator.model.vocab import DataCategory as D
from generator.model.vocab import LegalBasis as B
from generator.model.vocab import Purpose as P
from generator.model.vocab import RecipientKind as K

E = TypeVar("E", bound=StrEnum)

PURPOSE_DATA: dict[P, tuple[D, ...]] = {
    P.ORDER_FULFILMENT: (
        D.NAME,
        D.EMAIL,
        D.PHONE,
        D.POSTAL_ADDRESS,
        D.ORDER_HISTORY,
        D.BUSINESS_CONTACT,
        D.GIFT_RECIPIENTS,
        D.PHOTOS,
    ),
    P.PAYMENT: (D.NAME, D.PAYMENT_CARD, D.BANK_ACCOUNT, D.POSTAL_ADDRESS),
    P.ACCOUNT: (D.NAME, D.EMAIL, D.CREDENTIALS, D.ORDER_HISTORY, D.CUSTOMER_NUMBER),
    P.CUSTOMER_SERVICE: (
        D.NAME,
        D.EMAIL,
        D.PHONE,
        D.ORDER_HISTORY,
        D.COMMUNICATIONS,
        D.CHAT_TRANSCRIPTS,
    ),
    P.TRANSACTIONAL_MESSAGES: (D.EMAIL, D.PHONE, D.ORDER_HISTORY),
    P.MARKETING: (D.NAME, D.EMAIL),
    P.PERSONALIZATION: (D.BROWSING_ACTIVITY, D.ORDER_HISTORY, D.PREFERENCES, D.INFERENCES),
    P.TARGETED_ADVERTISING: (D.DEVICE_AND_LOG, D.BROWSING_ACTIVITY, D.INFERENCES),
    P.ANALYTICS: (D.DEVICE_AND_LOG, D.BROWSING_ACTIVITY, D.APPROXIMATE_LOCATION, D.SEARCH_TERMS),
    P.SITE_ADMINISTRATION: (D.DEVICE_AND_LOG,),
    P.FRAUD_PREVENTION: (D.NAME, D.EMAIL, D.POSTAL_ADDRESS, D.DEVICE_AND_LOG),
    P.LEGAL_COMPLIANCE: (D.NAME, D.POSTAL_ADDRESS, D.ORDER_HISTORY),
    P.PRODUCT_DEVELOPMENT: (D.PRODUCT_USAGE, D.REVIEWS, D.SURVEY_RESPONSES),
    P.CONTESTS: (D.NAME, D.EMAIL, D.CONTEST_ENTRIES),
    P.SURVEYS: (D.EMAIL, D.SURVEY_RESPONSES),
    P.REVIEWS: (D.NAME, D.REVIEWS),
    P.REFERRALS: (D.NAME, D.EMAIL, D.REFERRED_CONTACTS),
    P.WARRANTY: (
        D.NAME,
        D.EMAIL,
        D.POSTAL_ADDRESS,
        D.ORDER_HISTORY,
        D.WARRANTY_REGISTRATIONS,
        D.PRODUCT_SERIAL,
    ),
    P.LOYALTY_PROGRAM: (D.NAME, D.EMAIL, D.LOYALTY, D.ORDER_HISTORY),
    P.COMBINING_SOURCES: (D.ORDER_HISTORY, D.BROWSING_ACTIVITY, D.INFERENCES),
    P.AI_TRAINING: (D.CHAT_TRANSCRIPTS, D.COMMUNICATIONS),
    P.BUSINESS_PARTNERSHIPS: (D.BUSINESS_CONTACT,),
    P.FINANCING: (D.NAME, D.POSTAL_ADDRESS, D.DATE_OF_BIRTH, D.CREDIT_INFORMATION, D.BANK_ACCOUNT),
    P.STORE_SECURITY: (D.CAMERA_FOOTAGE,),
}

# The basis each purpose usually rests on under GDPR Art 6(1). Needed to deliver what
# the customer asked for: (b) contract. Required by tax and consumer law: (c). Marketing
# email and non-essential cookies need consent before anything else can apply: ePrivacy
# Directive Arts 13 and 5(3) (in the UK, PECR regs 22 and 6). Fraud prevention and
# direct marketing are named legitimate interests in Recitals 47; security in Recital 49.
PURPOSE_BASIS: dict[P, B] = {
    P.ORDER_FULFILMENT: B.CONTRACT,
    P.PAYMENT: B.CONTRACT,
    P.ACCOUNT: B.CONTRACT,
    P.CUSTOMER_SERVICE: B.CONTRACT,
    P.TRANSACTIONAL_MESSAGES: B.CONTRACT,
    P.WARRANTY: B.CONTRACT,
    P.LOYALTY_PROGRAM: B.CONTRACT,
    P.CONTESTS: B.CONTRACT,
    P.FINANCING: B.CONTRACT,
    P.LEGAL_COMPLIANCE: B.LEGAL_OBLIGATION,
    P.MARKETING: B.CONSENT,
    P.TARGETED_ADVERTISING: B.CONSENT,
    P.ANALYTICS: B.CONSENT,
    P.AI_TRAINING: B.CONSENT,
    P.REVIEWS: B.CONSENT,
    P.PERSONALIZATION: B.LEGITIMATE_INTERESTS,
    P.SITE_ADMINISTRATION: B.LEGITIMATE_INTERESTS,
    P.FRAUD_PREVENTION: B.LEGITIMATE_INTERESTS,
    P.PRODUCT_DEVELOPMENT: B.LEGITIMATE_INTERESTS,
    P.SURVEYS: B.LEGITIMATE_INTERESTS,
    P.REFERRALS: B.LEGITIMATE_INTERESTS,
    P.COMBINING_SOURCES: B.LEGITIMATE_INTERESTS,
    P.BUSINESS_PARTNERSHIPS: B.LEGITIMATE_INTERESTS,
    P.STORE_SECURITY: B.LEGITIMATE_INTERESTS,
}

# The interest itself, not the purpose said again: "to keep the site running and secure:
# keeping the site running and secure" tells a reader nothing (GDPR Art 13(1)(d) asks for
# the interests pursued; Rodamón's reader called the echoes circular).
INTEREST: dict[P, str] = {
    P.PERSONALIZATION: "selling more by showing each customer products that suit them",
    P.SITE_ADMINISTRATION: "protecting our site and our customers' data from faults, misuse and attack",
    P.FRAUD_PREVENTION: "not losing money or goods to fraud",
    P.PRODUCT_DEVELOPMENT: "offering products our customers want, and finding and fixing faults in them",
    P.SURVEYS: "learning what customers think of us",
    P.REFERRALS: "letting customers tell friends about us",
    P.COMBINING_SOURCES: "understanding our customers better",
    P.BUSINESS_PARTNERSHIPS: "working with our business partners",
    P.STORE_SECURITY: "preventing theft and harm to people on our premises",
}

RECIPIENT_DATA: dict[K, tuple[tuple[D, ...], str]] = {
    K.PAYMENT_PROCESSOR: (
        (D.NAME, D.PAYMENT_CARD, D.BANK_ACCOUNT, D.POSTAL_ADDRESS),
        "process payments",
    ),
    K.SHIPPING_CARRIER: ((D.NAME, D.POSTAL_ADDRESS, D.PHONE), "deliver orders"),
    K.EMAIL_PROVIDER: ((D.NAME, D.EMAIL), "send our emails"),
    K.SMS_PROVIDER: ((D.PHONE,), "send our text messages"),
    K.LIVE_CHAT: ((D.NAME, D.EMAIL, D.CHAT_TRANSCRIPTS), "run our live chat"),
    K.ANALYTICS: ((D.DEVICE_AND_LOG, D.BROWSING_ACTIVITY), "measure how the site is used"),
    K.ADVERTISING: ((D.DEVICE_AND_LOG, D.BROWSING_ACTIVITY), "show our ads"),
    K.HOSTING: (
        (D.NAME, D.EMAIL, D.POSTAL_ADDRESS, D.ORDER_HISTORY, D.DEVICE_AND_LOG),
        "host our site and data",
    ),
    K.ECOMMERCE_PLATFORM: (
        (D.NAME, D.EMAIL, D.POSTAL_ADDRESS, D.ORDER_HISTORY),
        "run our online store",
    ),
    K.CUSTOMER_SUPPORT: (
        (D.NAME, D.EMAIL, D.ORDER_HISTORY, D.COMMUNICATIONS),
        "answer customer questions",
    ),
    K.WARRANTY: (
        (D.NAME, D.EMAIL, D.WARRANTY_REGISTRATIONS, D.PRODUCT_SERIAL),
        "handle warranty claims",
    ),
    K.SURVEY_VENDOR: ((D.EMAIL, D.SURVEY_RESPONSES), "run our surveys"),
    K.FULFILMENT_PARTNER: ((D.NAME, D.POSTAL_ADDRESS, D.ORDER_HISTORY), "pack and send orders"),
    K.SUPPLIER: (
        (D.NAME, D.POSTAL_ADDRESS, D.PHONE, D.ORDER_HISTORY),
        "send your order to you from their own stock",
    ),
    K.CUSTOMS_BROKER: (
        (D.NAME, D.POSTAL_ADDRESS, D.ORDER_HISTORY),
        "clear parcels through customs",
    ),
    K.REVIEW_PLATFORM: ((D.NAME, D.EMAIL, D.ORDER_HISTORY, D.REVIEWS), "collect and show reviews"),
    # Named and described by the owner (a catalogue printer, an address-update service).
    K.OTHER_PROVIDER: ((D.NAME, D.POSTAL_ADDRESS), ""),
    K.FRAUD_PREVENTION: (
        (D.NAME, D.EMAIL, D.POSTAL_ADDRESS, D.PAYMENT_CARD, D.DEVICE_AND_LOG),
        "check orders for fraud",
    ),
    K.AFFILIATE: ((D.DEVICE_AND_LOG, D.ORDER_HISTORY), "credit referrals to our affiliates"),
    K.MARKETING_PARTNER: ((D.NAME, D.EMAIL), "send offers"),
    K.DATA_BROKER: ((D.NAME, D.EMAIL, D.POSTAL_ADDRESS), ""),
    K.PROFESSIONAL_ADVISERS: ((D.NAME, D.ORDER_HISTORY), "advise us on legal and tax matters"),
    K.CREDIT_BUREAU: ((D.NAME, D.POSTAL_ADDRESS, D.DATE_OF_BIRTH), "check credit"),
    # A buy-now-pay-later lender gets the order from the store and asks the customer for
    # the rest (date of birth, credit checks) itself.
    K.LENDER: (
        (D.NAME, D.EMAIL, D.POSTAL_ADDRESS, D.ORDER_HISTORY),
        "decide on financing",
    ),
    K.COLLECTION_AGENCY: ((D.NAME, D.POSTAL_ADDRESS, D.ORDER_HISTORY), "collect unpaid bills"),
    K.INSURER: ((D.NAME, D.POSTAL_ADDRESS, D.ORDER_HISTORY), "insure what you bought"),
    K.PUBLIC_AUTHORITIES: ((D.NAME, D.POSTAL_ADDRESS, D.ORDER_HISTORY), ""),
    K.PEOPLE_YOU_NAME: ((), ""),
}


# Where a kind of data is usually collected, by its nature: contact and payment details at
# checkout, log-in details when an account is opened, device and browsing data as people
# browse, messages where people write to the store.
POINTS: dict[D, tuple[C, ...]] = {
    D.NAME: (C.CHECKOUT,),
    D.EMAIL: (C.CHECKOUT,),
    D.PHONE: (C.CHECKOUT,),
    D.POSTAL_ADDRESS: (C.CHECKOUT,),
    D.PAYMENT_CARD: (C.CHECKOUT,),
    D.ORDER_HISTORY: (C.CHECKOUT,),
    D.GIFT_RECIPIENTS: (C.CHECKOUT,),
    D.BUSINESS_CONTACT: (C.CHECKOUT,),
    D.CREDENTIALS: (C.REGISTRATION,),
    D.DEVICE_AND_LOG: (C.BROWSING,),
    D.BROWSING_ACTIVITY: (C.BROWSING,),
    D.APPROXIMATE_LOCATION: (C.BROWSING,),
    D.SEARCH_TERMS: (C.BROWSING,),
    D.COMMUNICATIONS: (C.SUPPORT,),
    D.CHAT_TRANSCRIPTS: (C.LIVE_CHAT,),
    D.REVIEWS: (C.REVIEW,),
    D.SURVEY_RESPONSES: (C.SURVEY,),
    D.CONTEST_ENTRIES: (C.CONTEST,),
    D.WARRANTY_REGISTRATIONS: (C.WARRANTY,),
    D.REFERRED_CONTACTS: (C.REFERRAL,),
    D.LOYALTY: (C.LOYALTY,),
    D.CREDIT_INFORMATION: (C.FINANCING,),
    D.CAMERA_FOOTAGE: (C.IN_STORE,),
}

# Other kinds the store collects that bring contact details in at their own point: an
# account takes a name and an email when it is opened, a loyalty card its member's details.
ALSO_AT: dict[D, tuple[C, tuple[D, ...]]] = {
    D.CREDENTIALS: (C.REGISTRATION, (D.NAME, D.EMAIL, D.BUSINESS_CONTACT)),
    D.LOYALTY: (C.LOYALTY, (D.NAME, D.EMAIL, D.PHONE, D.POSTAL_ADDRESS)),
}

# What a shop counter takes as well as the site: contact details, payment and the order.
IN_SHOPS = (D.NAME, D.EMAIL, D.PHONE, D.PAYMENT_CARD, D.ORDER_HISTORY)


def natural_sources(category: object) -> list[str]:
    """Where this kind of data comes from by its nature (``generator.facts.data``), as
    the starting answer the owner is shown."""
    member = _member(D, category)
    return [str(s) for s in NATURAL_SOURCES.get(member, ())] if member else []


def suggested_necessity(category: object) -> str | None:
    """'automatic' for data observed as people use the site or a product (it cannot be
    left out, only not collected: ``generator.facts.data.OBSERVED``); None otherwise,
    where only the owner knows whether people must give it."""
    member = _member(D, category)
    sources = NATURAL_SOURCES.get(member, ()) if member else ()
    return "automatic" if sources and set(sources) <= OBSERVED else None


def collection_points(category: object, collected: Iterable[str], shops: bool) -> list[str]:
    """Where this kind of data is usually collected, given the other kinds the store
    collects and whether it has shops of its own, in the list's order."""
    member = _member(D, category)
    if member is None:
        return []
    have = set(collected or ())
    points = set(POINTS.get(member, ()))
    for other, (point, kinds) in ALSO_AT.items():
        if other in have and member in kinds:
            points.add(point)
    if shops and member in IN_SHOPS:
        points.add(C.IN_STORE)
    return [str(p) for p in C if p in points]


def _collected(typical: Iterable[str], collected: Iterable[str]) -> list[str]:
    have = set(collected)
    return [str(c) for c in typical if c in have]


def _member(enum: type[E], value: object) -> E | None:
    """The member named by an answer, or None before the answer is given."""
    return enum(value) if isinstance(value, str) and value in enum._value2member_map_ else None


def purpose_data(purpose: object, collected: Iterable[str]) -> list[str]:
    """The collected kinds of data this purpose usually uses (empty when none fits)."""
    member = _member(P, purpose)
    return _collected(PURPOSE_DATA.get(member, ()) if member else (), collected or ())


def purpose_basis(purpose: object) -> str | None:
    """The GDPR basis this purpose usually rests on, or None when there is no usual one."""
    member = _member(P, purpose)
    basis = PURPOSE_BASIS.get(member) if member else None
    return None if basis is None else str(basis)


def purpose_interest(purpose: object) -> str | None:
    """The legitimate interest this purpose usually serves, in a few words."""
    member = _member(P, purpose)
    return INTEREST.get(member) if member else None


def recipient_data(kind: object, collected: Iterable[str]) -> list[str]:
    """The collected kinds of data this kind of recipient usually receives."""
    member = _member(K, kind)
    return _collected(RECIPIENT_DATA[member][0] if member else (), collected or ())


# Kinds that decide for themselves what they do with the data they receive.
OWN_PURPOSES = frozenset(
    {
        K.PEOPLE_YOU_NAME,
        K.ADVERTISING,
        K.LENDER,
        K.CREDIT_BUREAU,
        K.DATA_BROKER,
        K.INSURER,
        K.PUBLIC_AUTHORITIES,
    }
)


def suggested_use(kind: object) -> str:
    """What a kind of recipient usually may do with the data: its own purposes, its own
    marketing (a marketing partner renting or swapping a list), or ours."""
    member = _member(K, kind)
    if member is K.MARKETING_PARTNER:
        return "own_marketing"
    return "own_purposes" if member in OWN_PURPOSES else "on_our_behalf"


def gives_value(kind: object, use: object) -> bool:
    """The starting answer to "do they give you anything of value": the facts layer's usual
    answer for the kind (ad networks and analytics give their services, brokers pay)."""
    from generator.facts.sharing import usually_gives_value
    from generator.model.vocab import RecipientUse

    member = _member(K, kind)
    how = _member(RecipientUse, use) or RecipientUse.ON_OUR_BEHALF
    return member is not None and usually_gives_value(member, how)


def suggested_rights(gdpr_style: bool, us: bool, brazil: bool, quebec: bool) -> list[str]:
    """The rights to start from: those the laws that may reach the store give. Under the
    GDPR and UK GDPR each of Arts 15-18, 20, 21 and 7(3) is the person's right. Access
    and correction are everyone's (APP 12-13, NZ IPPs 6-7, PIPEDA Principle 4.9). Deletion
    is a right under the US state laws (Cal. Civ. Code §1798.105 and those like it), the
    LGPD (art. 18, VI) and Quebec's Act (s. 28, and s. 28.1 on ceasing dissemination);
    Australia's and New Zealand's laws and PIPEDA make destroying data a duty of the
    store (APP 11.2), not a right to ask for, so it is not ticked for them."""
    if gdpr_style:
        gdpr = ["portability", "restrict", "object", "withdraw_consent"]
        return ["access", "correct", "delete", *gdpr]
    return ["access", "correct", *(["delete"] if us or brazil or quebec else [])]


def stoppable(kind: object) -> bool:
    """The starting answer to "can people ask you to stop this sharing": yes, except where
    nobody can: what a law makes the store hand to the authorities, and a payment or credit
    application the customer makes by choosing a way to pay at checkout (a wallet, a lender:
    the customer's own doing, Cal. Civ. Code §1798.140(ad)(2)(A); once made, the company
    keeps it under its own duties, which the store cannot call off)."""
    return _member(K, kind) not in (K.PUBLIC_AUTHORITIES, K.LENDER, K.PAYMENT_PROCESSOR)


def _purpose_uses(uses: Any) -> list[tuple[P, list[D]]]:
    """The answered purposes (wizard items) as (purpose, categories), unknown values left out."""
    out = []
    for use in uses or []:
        if not isinstance(use, dict):
            continue
        purpose = _member(P, use.get("purpose"))
        if purpose is not None:
            kinds = [k for k in (_member(D, c) for c in use.get("categories") or []) if k]
            out.append((purpose, kinds))
    return out


def child_purposes(uses: Any, child_data: Any) -> list[str]:
    """The starting answer to "what do you use children's data for": the facts layer's
    rule for an unanswered file (purposes using children's data, never ads or marketing)."""
    from generator.facts.children import usual_child_purposes

    kinds = [k for k in (_member(D, c) for c in child_data or []) if k]
    return [str(p) for p in usual_child_purposes(_purpose_uses(uses), kinds)]


def childrens_recipient(
    kind: object, categories: Any, cross_context_ads: Any, child_data: Any, purposes: Any, uses: Any
) -> bool:
    """The starting answer to "does it get children's data": the facts layer's rule for an
    unanswered file, so an ad network gets none unless children's data is used for ads."""
    from generator.facts.children import usually_gets_childrens_data

    member = _member(K, kind)
    if member is None:
        return False
    kinds = [k for k in (_member(D, c) for c in child_data or []) if k]
    if purposes is None:
        theirs = [str(p) for p in child_purposes(uses, child_data)]
    else:
        theirs = list(purposes)
    return usually_gets_childrens_data(
        member,
        [k for k in (_member(D, c) for c in categories or []) if k],
        bool(cross_context_ads),
        kinds,
        [p for p in (_member(P, x) for x in theirs) if p],
    )


def recipient_purpose(kind: object) -> str | None:
    """Why this kind of recipient usually receives data, in a few words."""
    member = _member(K, kind)
    return (RECIPIENT_DATA[member][1] or None) if member else None


# Quebec's private-sector Act s. 4.1 (Law 25): personal information about a minor under
# 14 may not be collected from them without a parent's or tutor's consent.
QUEBEC_CONSENT_AGE = 14


def consent_age(countries: Iterable[str], quebec: bool = False) -> int:
    """The youngest age to suggest for a store selling to these countries: the highest age
    of digital consent among them (GDPR Art 8; 13 elsewhere), and 14 where Quebec's law
    reaches the store."""
    from generator.laws.gdpr import consent_age as highest

    return max(highest(countries), QUEBEC_CONSENT_AGE if quebec else 0)


# Analytics tools whose makers say they set no cookies and store nothing on the device
# (plausible.io/data-policy, usefathom.com/privacy, simpleanalytics.com/privacy, umami.is
# docs "no cookies", pirsch.io "cookie-free"); every other tool is taken to set them.
COOKIELESS = frozenset(
    {"plausible", "fathom", "fathom analytics", "simple analytics", "umami", "pirsch"}
)


def sets_cookies(name: str | None) -> bool:
    """The suggestion for a tracking tool: it sets cookies unless it is a known cookieless one."""
    return (name or "").strip().lower() not in COOKIELESS


def processor_takes_cards(processors: Any, items: Any) -> bool:
    """The suggestion for "cards go straight to the processor": yes when a processor is
    named and no card is taken by phone (where staff hear the number)."""
    by_phone = any(
        isinstance(item, dict)
        and item.get("category") == "payment_card"
        and "by_phone" in (item.get("points") or [])
        for item in items or []
    )
    return bool(processors) and not by_phone


def transfer_safeguard(destination: object, eu: bool, uk: bool, brazil: bool) -> str:
    """The safeguard to suggest for a transfer: an adequacy decision where the EU adopted
    one for the country (the UK kept them all), never for the United States as a whole
    (its decision covers only companies certified under the Data Privacy Framework); else
    the tool each law offers for any country (GDPR Art 46(2)(c) and LGPD art. 33, II, b:
    standard contractual clauses; the UK's IDTA under UK GDPR Art 46(2)(d)); elsewhere a
    contract with the provider (PIPEDA Principle 4.1.3, APP 8.1), shown in the summary."""
    from generator.countries import EEA
    from generator.laws.gdpr import ADEQUATE

    # UK adequacy regulations cover the EEA too (UK GDPR Art 45A; laws/uk_gdpr.py).
    if ((eu or uk) and destination in ADEQUATE) or (uk and destination in EEA):
        return "adequacy"
    if eu or brazil:
        return "scc"
    if uk:
        return "uk_idta"
    return "provider_contract"


def request_methods(
    email: object, form: object, toll_free: object, phone: object, collected: Iterable[str]
) -> list[str]:
    """The ways to make a request that the contacts given already offer: the privacy
    email, the account for a store with log-ins, the request form, the toll-free number
    (or else the privacy phone number)."""
    methods = ["email"] if email else []
    if "credentials" in set(collected or ()):
        methods.append("account")
    if form:
        methods.append("web_form")
    if toll_free:
        methods.append("toll_free")
    elif phone:
        methods.append("phone")
    return methods or ["email"]


def cookie_kinds_for_uses(purposes: Iterable[str]) -> list[str]:
    """The cookies the uses already given need: the cart's own, analytics cookies for
    analytics, advertising cookies for targeted ads."""
    uses = set(purposes or ())
    kinds = ["strictly_necessary"]
    if "analytics" in uses:
        kinds.append("analytics")
    if "targeted_advertising" in uses:
        kinds.append("advertising")
    return kinds


# The wizard's starting answer to "small business by SBA standards?" (13 CFR 121.201).
# Retail size standards are average annual receipts and, as we read the table, none is
# below about USD 8 million; employee-based standards start at 100 people (wholesale).
# Below both, "small" is the likely answer; above either, the owner must look up their
# industry's standard, so the wizard starts from "no" (Texas and Nebraska then apply).
# Not confirmed against the current table: a starting answer only, never a legal finding.
SBA_LIKELY_SMALL_BELOW_USD = 8_000_000
SBA_LIKELY_SMALL_BELOW_EMPLOYEES = 100


def likely_sba_small(business: Any) -> bool:
    """For the wizard: whether the revenue and staff answered so far are below every SBA
    retail standard we know of, so "yes" is a fair starting answer."""
    from generator.money import answered_revenue_in

    usd = answered_revenue_in(business, "USD")
    return (
        usd is not None
        and usd < SBA_LIKELY_SMALL_BELOW_USD
        and business.employees < SBA_LIKELY_SMALL_BELOW_EMPLOYEES
    )


def sba_size_matters(states: Any) -> bool:
    """Whether the SBA size can matter: a state law that leaves out small businesses may
    reach a store selling to these states (generator.laws.us_states)."""
    from generator.laws.us_states import sba_size_matters as matters

    return matters(list(states) if states else None)


def request_figures_due(business: Any) -> bool:
    """Whether last year's request figures may be due: a data broker (Civ. §1798.99.85), or
    10 million Californians a year (11 CCR §7102), counted as the laws count them."""
    from types import SimpleNamespace

    from generator.laws.base import consumers_in_state
    from generator.laws.ccpa import METRICS_CONSUMERS

    counted: Any = SimpleNamespace(business=business)
    return bool(business.data_broker) or consumers_in_state(counted, "CA") >= METRICS_CONSUMERS


def light_consent_offered(ways: Any) -> bool:
    """Whether a parent may consent by email or text plus a further step, which the FTC
    allows only where no child's data is disclosed (facts.children.LIGHT_WAYS)."""
    from generator.facts.children import LIGHT_WAYS

    return any(str(way) in {w.value for w in LIGHT_WAYS} for way in ways or ())


FUNCTIONS = {
    "light_consent_offered": light_consent_offered,
    "likely_sba_small": likely_sba_small,
    "sba_size_matters": sba_size_matters,
    "request_figures_due": request_figures_due,
    "cookie_kinds_for_uses": cookie_kinds_for_uses,
    "request_methods": request_methods,
    "transfer_safeguard": transfer_safeguard,
    "collection_points": collection_points,
    "natural_sources": natural_sources,
    "suggested_necessity": suggested_necessity,
    "processor_takes_cards": processor_takes_cards,
    "sets_cookies": sets_cookies,
    "consent_age": consent_age,
    "purpose_data": purpose_data,
    "purpose_basis": purpose_basis,
    "purpose_interest": purpose_interest,
    "recipient_data": recipient_data,
    "recipient_purpose": recipient_purpose,
    "gives_value": gives_value,
    "stoppable": stoppable,
    "suggested_rights": suggested_rights,
    "child_purposes": child_purposes,
    "childrens_recipient": childrens_recipient,
    "suggested_use": suggested_use,
}
