"""Hypothesis strategies that generate valid, varied StoreProfiles.

Other suites import ``store_profiles()``; keep its name and signature stable.
Import it as ``from strategies import store_profiles`` (pytest puts tests/ on
sys.path, as it does for conftest). Every draw is built so that the model's
cross-field validators accept it: purposes, recipients and retention rules only
name collected categories, tools only appear when cookies are on, request
methods only when their contact detail exists, and so on. User text deliberately includes Markdown and HTML punctuation so
renderers meet text that needs escaping.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any

from hypothesis import strategies as st

from generator.model import EEA, StoreProfile
from generator.model import vocab as V

# Letters, digits and the punctuation that Markdown, HTML and YAML treat specially.
_TEXT_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
    + list("*_[]()<>#&`|!:-'\"\\{}%.,;/éü")
)
_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10)

_COUNTRIES = [*sorted(EEA), "US", "GB", "CA", "BR", "AU", "CH", "JP", "MX"]
# Markets a store adds beyond its home country; few, so US-only stores stay common.
_EXPORT_MARKETS = ["US", "CA", "GB", "DE", "FR", "BR", "AU", "JP"]
_STATES = [
    "CA", "VA", "CO", "CT", "UT", "TX", "OR", "NY", "FL", "WA", "IL", "MT", "IA",
    "NV", "DE", "RI", "MD", "MN",
]  # fmt: skip


def _text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Free text as a user might type it: never blank after trimming."""
    return (
        st.text(alphabet=_TEXT_ALPHABET, min_size=1, max_size=max_size)
        .map(str.strip)
        .filter(lambda text: any(char.isalnum() for char in text))
    )


def _company() -> st.SearchStrategy[str]:
    """A company's name: free text without brackets (ours enclose it)."""
    return _text(30).map(lambda t: t.replace("(", "").replace(")", "").strip()).filter(bool)


_NO_BRACKETS = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
    + list("*_[]<>#&`|!:-'\"\\{}%,;/éü")
)


def _sentence() -> st.SearchStrategy[str]:
    """Free text for a whole-sentence slot: Markdown punctuation, at most one pair of
    brackets, not starting like the tail of another sentence."""
    core = st.text(alphabet=_NO_BRACKETS, min_size=1, max_size=50).map(str.strip).filter(bool)
    bracketed = st.tuples(core, core).map(lambda pair: f"{pair[0]} ({pair[1]})")
    return st.one_of(core, bracketed).filter(
        lambda t: not re.match(r"(and|or|nor|then|of|which|plus|thereafter)\b", t, re.I)
    )


def _phrase() -> st.SearchStrategy[str]:
    """A few words for a slot inside one of our sentences: no brackets, no full stop."""
    return (
        st.text(alphabet=_NO_BRACKETS, min_size=1, max_size=50)
        .map(lambda t: t.replace(".", "").strip())
        .filter(lambda t: bool(t) and not re.search(r"[!?]\s+[A-Z]", t))
    )


def _subset(
    items: list[Any], *, min_size: int = 0, max_size: int | None = None
) -> st.SearchStrategy[list[Any]]:
    """A sub-list in the vocabulary's own order, so duplicates can never occur."""
    limit = len(items) if max_size is None else min(max_size, len(items))
    return st.lists(st.sampled_from(items), min_size=min_size, max_size=limit, unique=True).map(
        lambda chosen: [i for i in items if i in chosen]
    )


def _members(enum: type[StrEnum], **kwargs: Any) -> st.SearchStrategy[list[str]]:
    return _subset([m.value for m in enum], **kwargs)


def _rarely() -> st.SearchStrategy[bool]:
    """True about one time in five (Hypothesis favours the first choice, so False leads)."""
    return st.sampled_from([False, False, False, False, True])


def _dates() -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=dt.date(1998, 1, 1), max_value=dt.date(2030, 12, 31))


def _phone() -> st.SearchStrategy[str]:
    return st.integers(2_000_000, 9_999_999).map(lambda n: f"+1 555 {n:07d}")


def _url(word: str, path: str = "") -> str:
    return f"https://{word}.example.com/{path}"


@st.composite
def _address(draw: st.DrawFn, country: str | None = None) -> dict[str, Any]:
    address: dict[str, Any] = {
        "lines": draw(st.lists(_text(40), min_size=1, max_size=2)),
        "city": draw(_text(30)),
        "country": country or draw(st.sampled_from(_COUNTRIES)),
    }
    if draw(st.booleans()):
        address["region"] = draw(_text(20))
    if draw(st.booleans()):
        address["postal_code"] = draw(st.from_regex(r"[0-9A-Z]{3,8}", fullmatch=True))
    return address


@st.composite
def _contact(draw: st.DrawFn, domain: str, *, at_least_one: bool = True) -> dict[str, Any]:
    contact: dict[str, Any] = {}
    if draw(st.booleans()):
        contact["name"] = draw(_text(40))
    if draw(st.booleans()):
        contact["email"] = f"{draw(_WORD)}@{domain}.example.com"
    if draw(st.booleans()):
        contact["phone"] = draw(_phone())
    if draw(st.booleans()):
        contact["toll_free"] = draw(st.integers(1_000_000, 9_999_999).map(lambda n: f"1-800-{n}"))
    if draw(_rarely()):
        contact["fax"] = draw(_phone())
    if draw(st.booleans()):
        contact["web_form"] = _url(domain, "privacy-request")
    if draw(st.booleans()):
        contact["postal"] = draw(_address())
    if at_least_one and not any(k in contact for k in ("email", "phone", "web_form", "postal")):
        contact["email"] = f"privacy@{domain}.example.com"
    return contact


@st.composite
def _business(draw: st.DrawFn) -> dict[str, Any]:
    domain = draw(_WORD)
    home = draw(st.sampled_from(["US", "US", "DE", "FR", "IE", "GB", "CA", "NL"]))
    sells_to = draw(
        st.lists(st.sampled_from(_EXPORT_MARKETS), min_size=0, max_size=3, unique=True).map(
            lambda extra: [home, *[c for c in extra if c != home]]
        )
    )
    business: dict[str, Any] = {
        "legal_name": draw(_text(60)),
        "store_name": draw(_text(40)),
        "websites": [_url(domain)],
        "address": draw(_address(home)),
        "contact": draw(_contact(domain)),
        "employees": draw(st.integers(1, 100_000)),
        # In the home country's currency (unanswered, the model's default).
        "revenue": {"amount": draw(st.sampled_from([0, 500_000, 10_000_000, 26_625_001, 10**9]))},
        "consumers_per_year": draw(st.sampled_from([0, 20_000, 35_000, 100_000, 10**7 + 1])),
        "revenue_share_from_selling_data": draw(st.sampled_from([0, 10, 30, 60])),
        "sba_small_business": draw(st.booleans()),
        "established_in": [home],
        "sells_to_countries": sells_to,
        "data_stored_in": draw(
            st.lists(st.sampled_from(_COUNTRIES), min_size=1, max_size=2, unique=True)
        ),
    }
    if "US" in sells_to and draw(st.booleans()):
        states = draw(_subset(_STATES, min_size=1))
        business["sells_to_us_states"] = states
        business["consumers_by_state"] = {
            s: draw(st.sampled_from([1_000, 30_000, 150_000])) for s in states
        }
    optional_parts = {
        "operator": lambda: {"name": draw(_text(40))},
        "parent": lambda: {"name": draw(_text(40)), "policy_url": _url(draw(_WORD), "privacy")},
        "affiliates": lambda: draw(st.lists(_text(30), min_size=1, max_size=3)),
        "network_name": lambda: draw(_text(30)),
        "privacy_officer": lambda: draw(_contact(domain)),
        "dpo": lambda: draw(_contact(domain)),
        "eu_representative": lambda: {"name": draw(_text(40)), "contact": draw(_contact("eurep"))},
        "uk_representative": lambda: {"name": draw(_text(40)), "contact": draw(_contact("ukrep"))},
        "visitors_tracked_in": lambda: draw(_subset(["DE", "FR", "GB"], min_size=1)),
        "sells_to_ca_provinces": lambda: draw(_subset(["QC", "ON", "BC"], min_size=1)),
        "data_broker": lambda: draw(_rarely()),
        "provides_health_service": lambda: draw(_rarely()),
    }
    for key, make in optional_parts.items():
        if draw(st.booleans()):
            business[key] = make()
    if draw(_rarely()):
        covered = set(business.get("affiliates", []))
        business["excluded_affiliates"] = draw(
            st.lists(_text(30).filter(lambda name: name not in covered), min_size=1, max_size=2)
        )
    return business


OBSERVED_SOURCES = {V.Source.AUTOMATIC.value, V.Source.OUR_PRODUCTS.value}


def _natural_sources(category: str) -> list[str]:
    from generator.facts.data import NATURAL_SOURCES

    return [s.value for s in NATURAL_SOURCES[V.DataCategory(category)]]


@st.composite
def _collection(draw: st.DrawFn) -> dict[str, Any]:
    core = [V.DataCategory.NAME.value, V.DataCategory.EMAIL.value]
    extra = draw(_members(V.DataCategory, max_size=12))
    categories = [c for c in (m.value for m in V.DataCategory) if c in core or c in extra]
    items = []
    for category in categories:
        item: dict[str, Any] = {"category": category}
        if draw(st.booleans()):
            item["details"] = draw(_phrase())
        # Empty sources stand for the category's natural ones (the facts layer's default).
        item["sources"] = draw(_members(V.Source, max_size=3))
        item["points"] = draw(_members(V.CollectionPoint, max_size=3))
        given = V.Source.FROM_YOU.value in (item["sources"] or _natural_sources(category))
        # Only data the person hands over can be required or optional for them.
        sources = item["sources"] or _natural_sources(category)
        necessities = [m.value for m in V.Necessity] if given else [V.Necessity.AUTOMATIC.value]
        if set(sources) & OBSERVED_SOURCES:  # what a device or product sends cannot be left out
            necessities = [n for n in necessities if n != V.Necessity.OPTIONAL.value]
        if draw(st.booleans()):
            item["necessity"] = draw(st.sampled_from(necessities))
        if item.get("necessity") == V.Necessity.REQUIRED and draw(st.booleans()):
            item["if_not_provided"] = draw(_sentence())
        items.append(item)
    collection: dict[str, Any] = {
        "items": items,
        "visit_without_giving_data": draw(st.booleans()),
        "links_cookies_to_identity": draw(st.booleans()),
        "contest_winners_published": draw(st.booleans()),
    }
    if V.DataCategory.SENSITIVE in categories:
        collection["sensitive_kinds"] = draw(_members(V.SensitiveKind, min_size=1, max_size=3))
        if draw(_rarely()):
            collection["biometric_policy_url"] = _url(draw(_WORD), "biometrics")
    else:
        collection["never_collects_sensitive"] = draw(st.booleans())
    if draw(_rarely()):
        collection["consumer_health_data"] = {
            "kinds": draw(st.lists(_text(30), min_size=1, max_size=2)),
            "purposes": draw(st.lists(_sentence(), min_size=1, max_size=2)),
            "sources": draw(_members(V.Source, min_size=1, max_size=2)),
            "shared_with": draw(_members(V.RecipientKind, max_size=2)),
            "affiliates": draw(st.lists(_text(30), max_size=2)),
            "linked_from_homepage": draw(st.booleans()),
            "consent_to_collect": draw(st.booleans()),
            "consent_to_share": draw(st.booleans()),
            **({"policy_url": _url(draw(_WORD), "health")} if draw(st.booleans()) else {}),
        }
    return collection


@st.composite
def _use(draw: st.DrawFn, collected: list[str], markets: bool) -> dict[str, Any]:
    allowed = [p.value for p in V.Purpose if markets or p is not V.Purpose.MARKETING]
    purposes = draw(_subset(allowed, min_size=1, max_size=8))
    uses = []
    for purpose in purposes:
        use: dict[str, Any] = {
            "purpose": purpose,
            "categories": draw(_subset(collected, min_size=1, max_size=5)),
        }
        if draw(st.booleans()):
            basis = draw(st.sampled_from([b.value for b in V.LegalBasis]))
            use["legal_basis"] = basis
            if basis == V.LegalBasis.LEGITIMATE_INTERESTS:
                use["legitimate_interest"] = draw(_text())
        if draw(st.booleans()):
            use["details"] = draw(_phrase())
        uses.append(use)
    result: dict[str, Any] = {
        "purposes": uses,
        "aggregate_statistics": draw(st.booleans()),
    }
    if draw(_rarely()):
        result["automated_decisions"] = [
            {
                "description": draw(_sentence()),
                "logic": draw(_sentence()),
                "significance": draw(_sentence()),
                "significant": draw(st.booleans()),
                "solely_automated": draw(st.booleans()),
                "staff_can_change": draw(st.booleans()),
                "categories": draw(_subset(collected, max_size=2)),
                **(
                    {"ground": draw(st.sampled_from([g.value for g in V.DecisionGround]))}
                    if draw(st.booleans())
                    else {}
                ),
            }
        ]
    return result


@st.composite
def _recipients(
    draw: st.DrawFn, collected: list[str], markets: bool, pays: bool
) -> list[dict[str, Any]]:
    kinds = [
        k.value
        for k in V.RecipientKind
        if (pays or k is not V.RecipientKind.PAYMENT_PROCESSOR)
        and (markets or k is not V.RecipientKind.SMS_PROVIDER)
    ]
    recipients = []
    for kind in draw(_subset(kinds, max_size=6)):
        recipient: dict[str, Any] = {
            "kind": kind,
            "categories": draw(_subset(collected, min_size=1, max_size=4)),
            "use": draw(st.sampled_from([u.value for u in V.RecipientUse])),
            "sale": draw(st.booleans()),
            "cross_context_ads": draw(st.booleans()),
            "with_consent_only": draw(st.booleans()),
            "may_onward_share": draw(st.booleans()),
            "opt_out_available": draw(st.booleans()),
        }
        if draw(_rarely()):
            recipient["gives_value"] = draw(st.booleans())
        if draw(_rarely()):
            recipient["gets_childrens_data"] = draw(st.booleans())
        if draw(st.booleans()):
            recipient["names"] = draw(st.lists(_company(), min_size=1, max_size=2))
        if draw(st.booleans()):
            # "market" in an email provider's purpose would demand marketing channels.
            recipient["purpose"] = draw(_phrase().filter(lambda t: "market" not in t.lower()))
        if draw(st.booleans()):
            recipient["policy_url"] = _url(draw(_WORD), "privacy")
        recipients.append(recipient)
    return recipients


@st.composite
def _cookies(draw: st.DrawFn) -> dict[str, Any]:
    if draw(_rarely()):
        return {"uses_cookies": False, "kinds": []}
    kinds = draw(_members(V.CookieKind, min_size=1))
    exemptable = [k for k in kinds if k in ("analytics", "preferences")]
    tools = [
        {
            "name": draw(_company()),
            "kind": draw(st.sampled_from(kinds)),
            **({"provider": draw(_company())} if draw(st.booleans()) else {}),
            **({"purpose": draw(_phrase())} if draw(st.booleans()) else {}),
            **({"opt_out_url": _url(draw(_WORD), "opt-out")} if draw(st.booleans()) else {}),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return {
        "uses_cookies": True,
        "kinds": kinds,
        "session": draw(st.booleans()),
        "persistent": draw(st.booleans()),
        "third_party": draw(st.booleans()),
        "pixels": draw(st.booleans()),
        "tools": tools,
        "remembers": draw(st.lists(_text(30), max_size=3)),
        "without_cookies": draw(st.sampled_from([f.value for f in V.CookieFallback])),
        "consent_banner": draw(st.booleans()),
        "banner_for": draw(
            st.one_of(
                st.just(["everyone"]),
                st.lists(
                    st.sampled_from(["eea", "uk", "ch", "quebec"]),
                    min_size=1,
                    max_size=4,
                    unique=True,
                ),
            )
        ),
        "do_not_track": draw(st.sampled_from([d.value for d in V.DntResponse])),
        "global_privacy_control": draw(st.booleans()),
        "signal_status_shown": draw(st.booleans()),
        "settings_link": draw(st.booleans()),
        "uk_exempt_kinds": draw(_subset(exemptable)) if exemptable else [],
        "ad_programs": draw(_members(V.AdProgram)),
        "identify_only_with_consent": draw(_rarely()),
    }


@st.composite
def _marketing(draw: st.DrawFn, channels: list[str]) -> dict[str, Any]:
    if not channels:
        return {"channels": []}
    unsubscribe: dict[str, Any] = {
        "link_in_message": draw(st.booleans()),
        "reply_stop": V.Channel.SMS in channels,
        "account_settings": draw(st.booleans()),
        "confirmation_email": draw(_rarely()),
        "per_address": draw(_rarely()),
    }
    if draw(st.booleans()):
        unsubscribe["email"] = "unsubscribe@shop.example.com"
        unsubscribe["email_subject_word"] = draw(st.sampled_from(["REMOVE", "STOP"]))
    if draw(st.booleans()):
        unsubscribe["postal"] = draw(_address())
    refusable = sorted(c for c in channels if c != "push")
    return {
        "channels": channels,
        "consent": draw(st.sampled_from([c.value for c in V.MarketingConsent])),
        # An app's notifications are never sent unless the person allowed them.
        "opt_out_channels": draw(_subset(refusable)) if refusable else [],
        "double_opt_in": draw(st.booleans()),
        "reply_only_forms": draw(_rarely()),
        "existing_customers": draw(st.booleans()),
        "purchased_opt_in_lists": draw(st.booleans()),
        "names_list_source": draw(_rarely()),
        "referral_emails": draw(st.booleans()),
        "third_party_offers": draw(st.booleans()),
        "unsubscribe": unsubscribe,
        "opt_out_days": draw(st.integers(1, 30)),
        "transactional_notices": draw(st.booleans()),
    }


def _available_methods(contact: dict[str, Any]) -> list[str]:
    """Request methods whose contact detail exists, so no method points nowhere."""
    M = V.RequestMethod
    available = [M.ACCOUNT.value, M.POSTAL.value]
    if "email" in contact:
        available.append(M.EMAIL.value)
    if "phone" in contact or "toll_free" in contact:
        available.append(M.PHONE.value)
    if "toll_free" in contact:
        available.append(M.TOLL_FREE.value)
    if "web_form" in contact:
        available.append(M.WEB_FORM.value)
    return [m.value for m in M if m.value in available]


@st.composite
def _rights(draw: st.DrawFn, contact: dict[str, Any], collected: list[str]) -> dict[str, Any]:
    rights: dict[str, Any] = {
        "offered_to_everyone": draw(st.booleans()),
        "rights": draw(_members(V.Right, max_size=6)),
        "methods": draw(_subset(_available_methods(contact), min_size=1, max_size=3)),
        "review_before_order": draw(st.booleans()),
        "authorized_agents": draw(st.booleans()),
        "response_days": draw(st.integers(1, 90)),
        "appeals": draw(st.booleans()),
        "non_discrimination": draw(st.booleans()),
    }
    if draw(st.booleans()):
        rights["verification"] = draw(_sentence())
    if draw(st.booleans()):
        rights["deletion_limits"] = draw(_sentence())
    if draw(_rarely()):
        # Ways left blank fall back to the business contact, so every method still has one.
        rights["contact"] = draw(_contact("requests", at_least_one=False))
    if draw(st.booleans()):
        rights["opt_out_link"] = _url(draw(_WORD), "do-not-sell")
    if draw(_rarely()):
        rights["limit_link"] = _url(draw(_WORD), "limit")
    if draw(_rarely()):
        rights["complaints"] = {
            **({"url": _url(draw(_WORD), "complaints")} if draw(st.booleans()) else {}),
            **({"process": draw(_text())} if draw(st.booleans()) else {}),
        }
    if draw(_rarely()):
        rights["incentives"] = [
            {
                "name": draw(_text(30)),
                "description": draw(_sentence()),
                "categories": draw(_subset(collected, min_size=1, max_size=3)),
                "value_explanation": draw(_sentence()),
                "how_to_join": draw(_sentence()),
                "how_to_withdraw": draw(_sentence()),
            }
        ]
    return rights


@st.composite
def _retention(draw: st.DrawFn, collected: list[str]) -> dict[str, Any]:
    rules = []
    # Each category in one rule at most; card details only where the store keeps them.
    free = [c for c in collected if c != V.DataCategory.PAYMENT_CARD.value]
    for _ in range(draw(st.integers(0, 3))):
        if not free:
            break
        basis = draw(st.sampled_from([b.value for b in V.RetentionBasis]))
        chosen = draw(_subset(free, min_size=1, max_size=3))
        free = [c for c in free if c not in chosen]
        rule: dict[str, Any] = {"categories": chosen, "basis": basis}
        if basis == V.RetentionBasis.FIXED_PERIOD or draw(st.booleans()):
            rule["period"] = {
                "amount": draw(st.integers(1, 120)),
                "unit": draw(st.sampled_from([u.value for u in V.TimeUnit])),
            }
            if draw(st.booleans()):
                rule["counted_from"] = draw(_phrase())
        rules.append(rule)
    return {"rules": rules}


@st.composite
def _children(draw: st.DrawFn, collected: list[str], used: list[str]) -> dict[str, Any]:
    directed = draw(_rarely())
    knows = directed or draw(st.booleans())
    children: dict[str, Any] = {
        "minimum_age": draw(st.integers(0, 12))
        if directed
        else draw(st.sampled_from([13, 16, 18])),
        "directed_to_children": directed,
        "knows_of_child_users": knows,
        "sells_data_of_under_16": draw(st.booleans()),
        "deletes_if_found": draw(st.booleans()),
    }
    if knows:
        children["child_data"] = draw(_subset(collected, max_size=3))
        # A child's profile, where kept, is data taken from children.
        profile = V.DataCategory.CHILD_PROFILE.value
        if profile in collected and profile not in children["child_data"]:
            children["child_data"].append(profile)
        children["parental_consent_method"] = draw(_sentence())
        children["consent_ways"] = draw(_members(V.ParentalConsentWay))
        if children["consent_ways"] and draw(_rarely()):
            children["consent_ways_for_disclosure"] = draw(
                _subset(children["consent_ways"], max_size=2)
            )
        if used and draw(_rarely()):
            children["purposes"] = draw(_subset(sorted(set(used)), max_size=3))
        if draw(_rarely()):
            children["made_public"] = draw(_sentence())
        if draw(st.booleans()):
            children["retention_need"] = draw(_text())
            children["deleted_after"] = {
                "amount": draw(st.integers(1, 24)),
                "unit": draw(st.sampled_from([u.value for u in V.TimeUnit])),
            }
        if draw(_rarely()):
            children["collects_voice_audio"] = True
            children["voice_audio_use"] = draw(_text())
    children["no_sale_or_ads_under_18"] = draw(st.booleans())
    return children


@st.composite
def _international(draw: st.DrawFn) -> dict[str, Any]:
    transfers = [
        {
            "destination": draw(st.sampled_from(_COUNTRIES)),
            "safeguard": draw(st.sampled_from([s.value for s in V.Safeguard])),
            **({"recipients": draw(_phrase())} if draw(st.booleans()) else {}),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    programs = [
        {
            "name": draw(_text(30)),
            "kind": draw(st.sampled_from([k.value for k in V.TrustProgramKind])),
            **({"url": _url(draw(_WORD))} if draw(st.booleans()) else {}),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    return {
        "transfers": transfers,
        "trust_programs": programs,
        "worldwide_processing": draw(_rarely()),
        **({"brazil_transfer_page": _url(draw(_WORD), "pt")} if draw(_rarely()) else {}),
    }


@st.composite
def _policy(draw: st.DrawFn) -> dict[str, Any]:
    effective = draw(_dates())
    policy: dict[str, Any] = {
        "effective_date": effective,
        "change_notice": draw(_members(V.ChangeNotice, min_size=1)),
        "new_uses_need_consent": draw(st.booleans()),
        "old_data_keeps_old_terms": draw(st.booleans()),
        "linked_from_home_and_forms": draw(_rarely()),
        **({"french_version": _url(draw(_WORD), "fr")} if draw(_rarely()) else {}),
        **({"accessibility": draw(_text())} if draw(_rarely()) else {}),
    }
    if draw(st.booleans()):
        policy["last_updated"] = effective + dt.timedelta(days=draw(st.integers(0, 2000)))
    if draw(st.booleans()):
        policy["revisions"] = [
            {
                "date": effective,
                "changes": draw(st.lists(_text(), min_size=1, max_size=3)),
                "practices_changed": draw(st.booleans()),
            }
        ]
    return policy


@st.composite
def store_answers(draw: st.DrawFn) -> dict[str, Any]:
    """Answers (a plain dict, as an answers file holds) that describe a valid store."""
    business = draw(_business())
    collection = draw(_collection())
    collected = [item["category"] for item in collection["items"]]
    # An app the policy covers is named when data is collected in it, sometimes otherwise.
    in_app = any(V.CollectionPoint.APP.value in item["points"] for item in collection["items"])
    if in_app or draw(_rarely()):
        business["apps"] = [
            {"name": draw(_text(30)), "platforms": draw(_members(V.AppPlatform))}
            for _ in range(draw(st.integers(1, 2)))
        ]
    channels = draw(_members(V.Channel, max_size=3))
    markets = bool(channels)
    pays = V.DataCategory.PAYMENT_CARD in collected or V.DataCategory.BANK_ACCOUNT in collected
    payments: dict[str, Any] = {
        "processors": draw(st.lists(_company(), max_size=2)) if pays else [],
        "stores_card_data": V.DataCategory.PAYMENT_CARD in collected and draw(st.booleans()),
        "authorize_then_capture": draw(st.booleans()),
    }
    use = draw(_use(collected, markets))
    answers = {
        "business": business,
        "collection": collection,
        "use": use,
        "payments": payments,
        "sharing": {
            "recipients": draw(_recipients(collected, markets, pays)),
            "aggregate_to_partners": draw(st.booleans()),
            "legal_requests": draw(st.booleans()),
            "protect_rights": draw(st.booleans()),
            "business_transfers": draw(st.booleans()),
            "fraud_exchange": draw(st.booleans()),
            "transfer_keeps_promises": draw(st.booleans()),
            **({"marketing_opt_out_contact": draw(_contact("optout"))} if draw(_rarely()) else {}),
        },
        "cookies": draw(_cookies()),
        "marketing": draw(_marketing(channels)),
        "rights": draw(_rights(business["contact"], collected)),
        "retention": draw(_retention(collected)),
        "security": {
            "measures": draw(_members(V.SecurityMeasure, max_size=5)),
            "breach_notice": draw(st.booleans()),
            **({"staff_roles": draw(_text())} if draw(_rarely()) else {}),
        },
        "children": draw(_children(collected, [u["purpose"] for u in use["purposes"]])),
        "international": draw(_international()),
        "other": {
            "third_party_links": draw(st.booleans()),
            "public_reviews": draw(st.booleans()),
            "governing_language": draw(st.sampled_from(["English", "French"])),
            "terms_url": _url("shop", "terms"),
            **(
                {
                    "chat_assistant": {
                        "ai": draw(st.booleans()),
                        "sells": draw(st.booleans()),
                        "says_it_is_a_bot": draw(st.booleans()),
                        **({"name": draw(_text(30))} if draw(st.booleans()) else {}),
                        **({"provider": draw(_text(30))} if draw(st.booleans()) else {}),
                    }
                }
                if draw(_rarely())
                else {}
            ),
        },
        "policy": draw(_policy()),
    }
    # The minimum promise only where it is true, as the model's own rule judges it.
    if draw(_rarely()) and not StoreProfile.model_validate(answers).asked_beyond_need():
        collection["asks_only_minimum"] = True
    return answers


def store_profiles() -> st.SearchStrategy[StoreProfile]:
    """Valid, varied StoreProfiles (regions, thresholds, tracking, marketing, children...)."""
    return store_answers().map(StoreProfile.model_validate)
