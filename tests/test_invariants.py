"""Contradiction invariants: what the facts say, and what the text says, never disagree.

Each invariant is a rule a lawyer would hold a policy to ("no 'we do not sell' while an ad
network is paid in data"; "one age in the children's section"). They run on every example
and on generated profiles: 2,000 per run by default (POLICYGEN_INVARIANT_EXAMPLES changes
the count, e.g. 20000 for a long run).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import example_paths, mask_answers
from hypothesis import HealthCheck, Phase, given, settings
from strategies import store_profiles

from generator.answers import load_profile
from generator.compose import render_policy
from generator.facts import Facts, derive
from generator.facts.children import ADVERTISERS, OWNERS_WORD_ONLY
from generator.facts.data import GIVEN_BY_THE_PERSON
from generator.facts.marketing import CONSENT_ONLY_CHANNELS
from generator.facts.sensitive import CCPA, GDPR_SPECIAL, IMPLIED_BY_CATEGORY, US_STATES
from generator.facts.sharing import SALE_LAWS, gives_value
from generator.model import StoreProfile
from generator.model import vocab as V

EXAMPLES = int(os.environ.get("POLICYGEN_INVARIANT_EXAMPLES", "2000"))


_VOCABULARY = {
    m.value
    for enum in vars(V).values()
    if isinstance(enum, type) and issubclass(enum, V.StrEnum)
    for m in enum
}


# Addresses, emails, phones, dates, country and language codes, currency codes (EUR).
_STRUCTURED = re.compile(
    r"^(https?://\S+|[^@\s]+@[^@\s]+|\+?[0-9A-Z][0-9A-Z ().\-]{3,30}[0-9A-Z]|"
    r"\d{4}-\d{2}-\d{2}|[A-Za-z]{2}(-[A-Z]{2})?|[A-Z]{3})$"
)


def neutral(profile: StoreProfile) -> StoreProfile:
    """The same store with every free-text answer replaced by a distinct neutral word.

    Invariants of the text are about our own sentences; random owner text (a store called
    "personal information", a lone "(") would otherwise be mistaken for them. Facts do not
    depend on the owner's wording, which the generated-profile test checks.
    """
    counter = iter(range(10**6))

    def walk(value: object) -> object:
        if isinstance(value, str):
            if value in _VOCABULARY or _STRUCTURED.match(value):
                return value
            return "Zq" + "".join(chr(97 + int(d)) for d in str(next(counter)))
        if isinstance(value, dict):
            # A catalog service's id is a reference, not owner text.
            return {k: v if k == "service" else walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    data = walk(profile.model_dump(mode="json", exclude_unset=True))
    assert isinstance(data, dict)
    return StoreProfile.model_validate(data)


def verdicts_apply(profile: StoreProfile, law: str) -> bool:
    from generator.laws import applicable

    return applicable(profile)[law].applies


def fact_violations(profile: StoreProfile, facts: Facts) -> list[str]:
    """Every way the derived facts contradict themselves or the answers."""
    bad: list[str] = []
    for i, r in enumerate(facts.recipients):
        rec = r.recipient
        paid_for_own_use = (
            rec.use is not V.RecipientUse.ON_OUR_BEHALF
            and not rec.with_consent_only
            # Sent to someone the person names, at their request: never a sale.
            and rec.kind is not V.RecipientKind.PEOPLE_YOU_NAME
            and gives_value(rec)
        )
        sale_law = bool(facts.applying_laws & SALE_LAWS)
        if paid_for_own_use and sale_law and not r.sold:
            bad.append(f"recipient {i} uses data for itself and gives value, but is not a sale")
        if r.sold and not rec.sale and not sale_law:
            bad.append(f"recipient {i} called a sale where no law defines one")
        if rec.sale and not r.sold:
            bad.append(f"recipient {i}: the owner's sale: true was weakened")
        if rec.cross_context_ads and not r.shared:
            bad.append(f"recipient {i}: the owner's cross_context_ads was weakened")
        if r.shared and not r.third_party:
            bad.append(f"recipient {i} shares for ads yet is called a service provider")
    if facts.sells != any(r.sold for r in facts.recipients):
        bad.append("store-level sale disagrees with the recipients")
    # The model's sells_data is the legal judgment (it counts toward US thresholds); the
    # policy states it wherever a sale law applies.
    if facts.applying_laws & SALE_LAWS and profile.sells_data != facts.sells:
        bad.append("the model's sells_data disagrees with the facts under a sale law")
    if profile.shares_for_ads != facts.shares:
        bad.append("the model's shares_for_ads disagrees with the facts")

    s = facts.sensitive
    kinds = set(s.kinds)
    if not set(profile.collection.sensitive_kinds) <= kinds:
        bad.append("an owner's sensitive kind is missing from the facts")
    implied = {IMPLIED_BY_CATEGORY[c] for c in profile.categories if c in IMPLIED_BY_CATEGORY}
    if not implied <= kinds:
        bad.append("a kind implied by a category is missing")
    if set(s.ccpa) != kinds & CCPA or set(s.us_states) != kinds & US_STATES:
        bad.append("a law's sensitive list is not that law's part of one set")
    if not set(s.ccpa) <= set(s.applying) and verdicts_apply(profile, "ccpa"):
        bad.append("CCPA-sensitive kinds missing from the general statement")
    if set(s.gdpr) != kinds & GDPR_SPECIAL or set(s.never_asked) & kinds:
        bad.append("the 'never ask' promise names a kind that is collected")

    categories = [c.category for c in facts.retention.per_category]
    if categories != profile.categories:
        bad.append("retention does not resolve each collected category exactly once")
    for entry in facts.retention.per_category:
        if entry.card_not_kept and entry.rule is not None:
            bad.append("card details both kept by a rule and 'not kept'")

    for c in facts.categories:
        handed = bool(GIVEN_BY_THE_PERSON & set(c.sources))
        if not c.sources:
            bad.append(f"{c.category}: no source")
        if c.necessity is not None and not handed:
            bad.append(f"{c.category}: necessity stated for data the person never hands over")

    m = facts.marketing
    if set(m.by_consent) & set(m.unless_objected):
        bad.append("a channel is both opt-in and opt-out")
    if set(m.by_consent) | set(m.unless_objected) != set(m.channels):
        bad.append("a channel has no consent mode")
    if set(m.to_customers) & set(CONSENT_ONLY_CHANNELS) or not set(m.to_customers) <= set(
        m.channels
    ):
        bad.append("the existing-customer exception reaches a consent-only or unused channel")
    if set(facts.rights.verified) & set(facts.rights.unverified):
        bad.append("a right is both verified and unverified")
    kids = facts.children
    if kids.under_age < 13 or kids.under_age < kids.minimum_age:
        bad.append("the children's age is below 13 or the store's own minimum")
    # Ads and marketing with children's data only on the owner's word (16 CFR §312.2).
    told = set(profile.children.purposes or ())
    if set(kids.purposes) & OWNERS_WORD_ONLY - told:
        bad.append("children's data said to serve ads or marketing the owner never tied to it")
    if profile.children.purposes is None and any(
        r.recipient.gets_childrens_data is None and r.kind in ADVERTISERS for r in kids.recipients
    ):
        bad.append("an ad network listed as getting children's data on no one's word")
    return bad


def _nested_brackets(markdown: str) -> list[str]:
    nested = re.compile(r"(?<!\\)\([^()]*(?<![\\\]])\(")
    return [line for line in markdown.splitlines() if nested.search(line.replace("](#", ""))]


def _section(markdown: str, title: str) -> str:
    match = re.search(rf"^## \d+\. {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    return match.group(1) if match else ""


def text_violations(profile: StoreProfile, facts: Facts, markdown: str) -> list[str]:
    """Every sentence of the policy that contradicts the facts or another sentence."""
    bad: list[str] = []
    ours = markdown
    if "We do not sell your personal information" in ours and facts.sells:
        bad.append("'We do not sell' while a disclosure is a sale")
    if "We sell some personal information" in ours and not facts.sells:
        bad.append("'We sell' while nothing is sold")
    if facts.sells and "We sell some personal information" not in ours:
        bad.append("a sale is never stated")
    if "sensitive under the privacy laws" in ours and not facts.sensitive.applying:
        bad.append("sensitive data stated but none collected")
    if facts.sensitive.applying and "sensitive under the privacy laws" not in ours:
        bad.append("sensitive data collected but not stated in the general section")
    if "We do not collect sensitive data, as these laws define it" in ours and (
        facts.sensitive.us_states
    ):
        bad.append("the state section denies sensitive data the store collects")
    if "We send them only if you agree" in ours and facts.marketing.to_customers:
        bad.append("'only if you agree' beside the existing-customer exception")
    if "We send them only if you agree" in ours and facts.marketing.unless_objected:
        bad.append("'only if you agree' while a channel is sent unless refused")
    if "we will delete it" in _section(ours, "Children's privacy") and not (
        facts.children.deletes_if_found or facts.children.coppa_operator
    ):
        bad.append("a deletion promise for children's data the owner never made")
    if not facts.children.coppa_operator:
        ages = set(re.findall(r"\b(\d{1,2})\b", _section(ours, "Children's privacy")))
        if ages - {str(facts.children.under_age), str(facts.children.minimum_age)}:
            bad.append(f"several ages in the children's section: {sorted(ages)}")
    if "We check your identity before we act on a request" in ours:
        bad.append("says every request is verified (opt-outs need no verification)")
    collect = _section(ours, "Information we collect")
    # What the device or one of the store's products sends is not for people to choose.
    automatic = re.findall(r"\*\*From [^:*]*, automatically[^:]*:\*\* (.*)", collect)
    optional = re.search(r"You choose whether to give us your (.*)\.", collect)
    if automatic and optional:
        device = {p.strip() for line in automatic for p in re.split(r",| and ", line)}
        chosen = {p.strip() for p in re.split(r",| and ", optional.group(1))}
        both = {x for x in device & chosen if x}
        if both:
            bad.append(f"both automatic and 'you choose': {sorted(both)}")
    if profile.third_party_direct_marketing and (
        "We do not give your information to other companies for their own marketing" in ours
    ):
        bad.append("denies sharing for others' marketing while a recipient does it")
    for line in ours.splitlines():
        if re.search(r"\w\.\.(?!\.)", line):
            bad.append(f"double full stop: {line}")
    # Brackets the owner typed (an address line "Unit 4 (rear)") are theirs, not ours; the
    # masking is slow, so only a text that has nested brackets is masked and looked at again.
    if _nested_brackets(ours):
        bad += [f"nested brackets: {line}" for line in _nested_brackets(
            mask_answers(profile, ours, "Text"))]  # fmt: skip
    return bad


@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.stem)
def test_examples_hold_every_invariant(example: Path) -> None:
    profile = load_profile(example)
    facts = derive(profile)
    assert fact_violations(profile, facts) == []
    plain = neutral(profile)
    assert text_violations(plain, derive(plain), render_policy(plain).markdown) == []


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(store_profiles())
def test_generated_profiles_hold_every_invariant(profile: StoreProfile) -> None:
    facts = derive(profile)
    assert fact_violations(profile, facts) == []
    plain = neutral(profile)
    # The owner's wording never changes a legal fact.
    again = derive(plain)
    assert [(r.sold, r.shared) for r in again.recipients] == [
        (r.sold, r.shared) for r in facts.recipients
    ]
    # The children's recipients carry the owner's words; compare what they are.
    assert [(r.kind, r.third_party) for r in again.children.recipients] == [
        (r.kind, r.third_party) for r in facts.children.recipients
    ]
    assert [r.kind for r in again.children.disclosed_to] == [
        r.kind for r in facts.children.disclosed_to
    ]
    assert (
        again.sensitive,
        again.marketing,
        again.rights,
        again.children._replace(recipients=(), disclosed_to=()),
    ) == (
        facts.sensitive,
        facts.marketing,
        facts.rights,
        facts.children._replace(recipients=(), disclosed_to=()),
    )
    assert text_violations(plain, derive(plain), render_policy(plain).markdown) == []


def test_the_invariants_catch_a_contradiction() -> None:
    """The checks can fail: a policy text with 'we do not sell' beside a sale is caught."""
    profile = load_profile(example_paths()[0])
    facts = derive(profile)
    fake = "## 1. Who we share it with\n\nWe do not sell your personal information.\n"
    assert facts.sells  # 123inkjets gives data to marketing partners for value
    assert "'We do not sell' while a disclosure is a sale" in text_violations(profile, facts, fake)
    doubled = "## 1. Children's privacy\n\nOur site is for people aged 16 or older. Under 13 ...\n"
    assert any("several ages" in v for v in text_violations(profile, facts, doubled))
