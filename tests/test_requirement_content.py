"""Every requirement id: its clause renders, what it says falls short, and ``check`` fails it.

Two ways a policy can say too little for a requirement whose law applies:

- ``SHORT``: the answers fall short. The clause that words the requirement is in the policy,
  yet check reports the requirement not met: a content judgment in Python (a consistency
  finding naming it, or a shortfall against the section), or ``covers`` withheld because a
  fact the requirement needs is absent.
- ``OVERRIDE``: the wording is fixed, or built from answers the model requires, so no answer
  can make it fall short; the insufficient case is a user's own template that declares the
  requirement and leaves out its substance. ``generator/laws/substance.py`` lists what each
  such requirement must say, and check fails the section that does not say it.

``EXEMPT`` holds the ids that cannot have an insufficient case, each with the reason. A new
requirement id without a case here fails ``test_every_requirement_id_is_accounted_for``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import pytest
from law_stores import (
    AD_RECIPIENT,
    CHECK_DAY,
    EVERYTHING,
    answers,
    based_in,
    dated,
    deep_merge,
    everything,
    money,
)

from generator import laws
from generator.answers import profile_from_answers
from generator.check import Report, check_profile
from generator.compose import render_policy
from generator.laws.substance import MUST_SAY
from generator.model import StoreProfile


class Short(NamedTuple):
    """Answers (merged into the ``everything`` store, or the plain one) that fall short."""

    changes: dict[str, Any]
    clause: str
    on: dt.date = CHECK_DAY
    plain: bool = False


class Override(NamedTuple):
    """A user's template for ``clauses`` that declares the id and says nothing of substance."""

    clauses: tuple[str, ...]
    changes: Mapping[str, Any] = MappingProxyType({})
    on: dt.date = CHECK_DAY


def profile_of(changes: dict[str, Any], *, plain: bool = False) -> StoreProfile:
    base = answers() if plain else deep_merge(answers(), EVERYTHING)
    return profile_from_answers(deep_merge(base, changes))


def failing(report: Report) -> set[str]:
    """Ids check reports as not met: missing or falling short, or named by a finding."""
    return {c.requirement.id for _, c in report.missing} | {
        f.requirement for f in report.findings if f.requirement
    }


def needs(profile: StoreProfile, id_: str, on: dt.date) -> bool:
    r = laws.requirement(id_)
    return laws.applicable(profile, on)[r.law].applies and r.needed_for(profile, on)


def contact(**ways: Any) -> dict[str, Any]:
    none = {"email": None, "toll_free": None, "web_form": None, "phone": None}
    return {"business": {"contact": {**none, **ways}}}


def recipients(*extra: dict[str, Any], ad: dict[str, Any] | None = None) -> dict[str, Any]:
    base = EVERYTHING["sharing"]["recipients"][:2]
    return {"sharing": {"recipients": [*base, ad or AD_RECIPIENT, *extra]}}


STATE = {"employees": 250, "consumers_per_year": 400_000, "sba_small_business": False}
DECISION = {
    "description": "We score orders to decide whether to offer payment on invoice.",
    "logic": "A score from payment history.",
    "significance": "A low score means no invoice option.",
    "ground": "contract",
}
DECIDES = {"use": {"purposes": answers()["use"]["purposes"], "automated_decisions": [DECISION]}}
KIDS = {"directed_to_children": True, "minimum_age": 8, "child_data": ["name"]}
SENSITIVE_ITEMS = [*answers()["collection"]["items"], {"category": "sensitive"}]
SENSITIVE_USE = [
    *answers()["use"]["purposes"],
    {"purpose": "personalization", "categories": ["sensitive"], "legal_basis": "consent"},
]
SENSITIVE = {
    "collection": {"items": SENSITIVE_ITEMS, "sensitive_kinds": ["health"]},
    "use": {"purposes": SENSITIVE_USE},
    "rights": {"rights": [*EVERYTHING["rights"]["rights"], "limit_sensitive"]},
}
HEALTH = {
    "collection": {
        "consumer_health_data": {
            "kinds": ["vitamin purchases"],
            "purposes": ["We ship your order."],
            "linked_from_homepage": True,
            "consent_to_collect": True,
            "consent_to_share": True,
        }
    }
}
# Device data bought from data brokers: collected from someone other than the person.
BOUGHT = {
    "collection": {
        "items": [
            *answers()["collection"]["items"][:-1],
            {**answers()["collection"]["items"][-1], "sources": ["automatic", "data_brokers"]},
        ]
    }
}
VAGUE_RETENTION = {"retention": {"rules": []}}  # the default rule: "as long as we need it"
MARKETING = {"marketing": {"channels": ["email"], "unsubscribe": {"link_in_message": True}}}
METRICS = {"year": 2025, "counts": [{"kind": "access", "received": 9, "complied": 8,
                                     "denied": 1, "median_days": 12}]}  # fmt: skip
TEXAS_SALE = {
    **deep_merge(SENSITIVE, {"business": {"sells_to_us_states": ["TX"], **STATE}}),
    **recipients({"kind": "data_broker", "categories": ["sensitive"], "sale": True}),
}

# The complete store, based in British Columbia or in Alberta (BC PIPA s.3, Alberta PIPA s.4).
IN_BC = based_in("BC")
IN_AB = based_in("AB")

# id -> answers that fall short while the clause renders.
SHORT: dict[str, Short] = {
    "CAL-03": Short({"rights": {"rights": ["delete"]}}, "your-choices-and-rights", plain=True),
    "CCPA-03": Short({"collection": {"items": [*answers()["collection"]["items"],
                                              {"category": "phone"}]}}, "california"),
    "CCPA-04": Short(recipients(ad={**AD_RECIPIENT, "cross_context_ads": False,
                                    "use": "on_our_behalf"}), "california"),
    "CCPA-06": Short({"children": {"sells_data_of_under_16": True}}, "california"),
    "CCPA-08": Short(VAGUE_RETENTION, "california"),
    "CCPA-10": Short({"rights": {"methods": ["web_form"]}}, "california"),
    "CCPA-12": Short({"rights": {"authorized_agents": False}}, "california"),
    "CCPA-13": Short({"cookies": {"global_privacy_control": False}}, "california"),
    "CCPA-14": Short({**contact(email="privacy@plainpaper.example"),
                      "rights": {"opt_out_link": None, "methods": ["email"]},
                      "cookies": {"global_privacy_control": False}}, "california"),
    "CCPA-16": Short({"policy": {"effective_date": "2025-01-01"}}, "california"),
    "CCPA-17": Short({"business": {"consumers_by_state": {"CA": 10_000_000},
                                   "consumers_per_year": 10_000_000},
                      "rights": {"request_metrics": {**METRICS, "year": 2024}}}, "california"),
    "CCPA-19": Short({"policy": {"linked_from_home_and_forms": False}}, "california"),
    "CCPA-20": Short({"rights": {"opt_out_link": None}}, "california"),
    "CCPA-21": Short(SENSITIVE, "california"),
    "CCPA-22": Short({"cookies": {"signal_status_shown": False}}, "california"),
    "CCPA-26": Short({"business": {"data_broker": True},
                      "rights": {"request_metrics": {**METRICS, "year": 2023}}}, "california"),
    "STL-01": Short({**contact(web_form="https://plainpaper.example/privacy-request"),
                     "rights": {"methods": ["web_form"]},
                     **recipients({"kind": "marketing_partner", "categories": ["email"],
                                   "use": "own_marketing"})}, "california"),
    "ST-04": Short({"rights": {"rights": ["access", "opt_out_sale_sharing",
                                          "opt_out_targeted_ads"]}}, "us-state-laws"),
    "ST-05": Short({"rights": {"appeals": False}}, "us-state-laws"),
    "ST-06": Short({"rights": {"rights": ["access", "correct", "delete", "portability",
                                          "opt_out_sale_sharing"]}}, "us-state-laws"),
    "ST-07": Short({"cookies": {"global_privacy_control": False}}, "us-state-laws"),
    "ST-08": Short({**contact(toll_free="800-555-0100"), "rights": {"methods": ["toll_free"]}},
                   "us-state-laws"),
    "ST-14": Short({"policy": {"selling_languages": ["en", "es"]},
                    "business": {"sells_to_us_states": ["MN"], **STATE}}, "us-state-laws"),
    "ST-15": Short({"rights": {"opt_out_link": None},
                    "business": {"sells_to_us_states": ["MN"], **STATE}}, "us-state-laws"),
    "ST-17": Short({"children": {"no_sale_or_ads_under_18": False},
                    "business": {"sells_to_us_states": ["MD"], **STATE}}, "us-state-laws"),
    "ST-18": Short({"children": {"sells_data_of_under_16": True,
                                 "parental_consent_method": "A parent signs a form."},
                    "business": {"sells_to_us_states": ["OR"], **STATE}}, "us-state-laws"),
    "ST-19": Short(recipients(ad={**AD_RECIPIENT, "sale": True, "names": []}), "state-notices"),
    "ST-20": Short({**deep_merge(SENSITIVE, {"collection": {"sensitive_kinds": ["biometric"]}}),
                    "business": {"sells_to_us_states": ["CO"], **STATE}}, "state-notices"),
    "NV-02": Short({**contact(phone="217-555-0100"), "rights": {"methods": ["phone"]}},
                   "state-notices"),
    "MHMD-02": Short(deep_merge(HEALTH, {"collection": {"consumer_health_data": {
        "linked_from_homepage": False}}}), "consumer-health-data"),
    "MHMD-03": Short(deep_merge(HEALTH, {"collection": {"consumer_health_data": {
        "consent_to_share": False}}}), "consumer-health-data"),
    "GDPR-03": Short({"use": {"purposes": [{**answers()["use"]["purposes"][0],
                                            "legal_basis": None}]}}, "eea-uk"),
    "GDPR-04": Short({"use": {"purposes": [{**answers()["use"]["purposes"][2],
                                            "legitimate_interest": None}]}}, "eea-uk"),
    "GDPR-06": Short({"international": {"transfers": []}}, "eea-uk"),
    "GDPR-07": Short(VAGUE_RETENTION, "retention"),
    "GDPR-16": Short(deep_merge(DECIDES, {"use": {"automated_decisions": [
        {**DECISION, "ground": None}]}}), "eea-uk"),
    "GDPR-17": Short({"cookies": {"settings_link": False}}, "eea-uk"),
    "GDPR-18": Short({"marketing": {"channels": ["email"], "existing_customers": True,
                                    "consent": "opt_out",
                                    "unsubscribe": {"link_in_message": False,
                                                    "email": "stop@plainpaper.example"}}},
                     "eea-uk"),
    "UK-01": Short({"business": {"uk_representative": None}}, "eea-uk"),
    # A policy dated before IPP 3A (1 May 2026), checked after it.
    "NZ-02": Short({**BOUGHT, "policy": {"effective_date": "2026-04-01"}}, "new-zealand"),
    "CH-02": Short({"international": {"transfers": [{"destination": "US",
                                                     "safeguard": "provider_contract"}]}},
                   "switzerland"),
    "CH-03": Short({"business": {"swiss_representative": {
        "name": "Vertretung AG", "contact": {"email": "rep@vertretung.example",
                                             "postal": None}}}},
        "switzerland"),
    "UK-02": Short({"rights": {"complaints": {"url": None}, "methods": ["email"]}, **contact(
        email="privacy@plainpaper.example")}, "eea-uk"),
    "UK-03": Short(deep_merge(DECIDES, {"use": {"automated_decisions": [
        {**DECISION, "ground": None}]}}), "eea-uk"),
    "UK-04": Short({"use": {"purposes": [{"purpose": "fraud_prevention",
        "categories": ["device_and_log"], "legal_basis": "recognised_legitimate_interest"}]}},
        "eea-uk"),
    "UK-05": Short({"cookies": {"kinds": ["strictly_necessary", "analytics"],
                                "uk_exempt_kinds": ["analytics"], "settings_link": False}},
                   "eea-uk"),
    "UK-06": Short({"international": {"transfers": [{"destination": "US",
                                                      "safeguard": "scc"}]}}, "eea-uk"),
    "AI-01": Short({"other": {"chat_assistant": {"name": "Inky"}}}, "chat-assistant"),
    "AI-02": Short({"other": {"chat_assistant": {"name": "Inky"}}}, "chat-assistant"),
    "COPPA-01": Short({"children": KIDS}, "children"),
    "COPPA-03": Short({"children": {**KIDS, "parental_consent_method": "A parent signs."},
                       "sharing": {"recipients": [{"kind": "hosting", "categories": ["name"]}]}},
                      "children"),
    "COPPA-04": Short({"children": {**KIDS, "parental_consent_method": "A parent signs."}},
                      "children"),
    "COPPA-06": Short({"children": {**KIDS, "collects_voice_audio": True}}, "children"),
    "SPAM-01": Short({"marketing": {**MARKETING["marketing"], "opt_out_days": 20}}, "marketing"),
    "SMS-01": Short({"marketing": {"channels": ["sms"], "consent": "opt_in"}}, "marketing"),
    "SMS-02": Short({"marketing": {"channels": ["email"], "consent": "opt_out",
                                   "unsubscribe": {"link_in_message": True}}}, "marketing"),
    "SPAMAU-01": Short({"marketing": {"channels": ["email"], "consent": "opt_out",
                                      "unsubscribe": {"link_in_message": True}}}, "marketing"),
    "PIP-01": Short({"business": {"privacy_officer": None}}, "canada"),
    "PIP-02": Short({"rights": {"rights": ["delete", "opt_out_sale_sharing",
                                          "opt_out_targeted_ads"]}}, "canada"),
    "BCP-01": Short(deep_merge(IN_BC, {"business": {"privacy_officer": None}}), "canada"),
    "BCP-03": Short({**IN_BC, "rights": {"response_days": 43}}, "canada"),
    "ABP-01": Short(deep_merge(IN_AB, {"business": {"privacy_officer": None}}), "canada"),
    "ABP-03": Short({**IN_AB, "rights": {"response_days": 46}}, "canada"),
    "QC-01": Short({"business": {"privacy_officer": None}}, "quebec"),
    "QC-02": Short({"security": {"staff_roles": None}}, "quebec"),
    "QC-03": Short({"rights": {"rights": ["access", "delete", "opt_out_sale_sharing",
                                          "opt_out_targeted_ads"]}}, "quebec"),
    "QC-04": Short({"cookies": {"consent_banner": False}}, "quebec"),
    "QC-09": Short({"policy": {"french_version": None}}, "quebec"),
    "LGPD-01": Short({**VAGUE_RETENTION,
                      "business": {"sells_to_countries": ["BR"]}}, "brazil",
                     plain=True),
    "LGPD-02": Short({"business": {"dpo": None}}, "brazil"),
    "LGPD-03": Short({"international": {"brazil_transfer_page": None}}, "brazil"),
    "LGPD-05": Short(deep_merge(contact(phone="217-555-0100"), {
        "rights": {"methods": ["phone"]},
        "business": {"sells_to_countries": ["BR"], "revenue": money(4_800_000, "BRL")}}),
        "brazil", plain=True),
    "APP-02": Short(deep_merge(DECIDES, {"use": {"automated_decisions": [
        {**DECISION, "significant": True}]}, **dated("2026-12-10")}), "australia",
        on=dt.date(2026, 12, 10)),
}  # fmt: skip

# id -> the clauses a user's template replaces (every clause that declares the id).
OVERRIDE: dict[str, Override] = {
    "CAL-01": Override(("information-we-collect",)),
    "CAL-02": Override(("sharing",)),
    "CAL-04": Override(("changes",)),
    "CAL-05": Override(("changes",)),
    "CAL-06": Override(("do-not-track",)),
    "CAL-07": Override(("do-not-track",)),
    "CCPA-01": Override(("california",)),
    "CCPA-02": Override(("california",)),
    "CCPA-05": Override(("california",)),
    "CCPA-07": Override(("california",), SENSITIVE),
    "CCPA-09": Override(("california",)),
    "CCPA-11": Override(("california",)),
    "CCPA-15": Override(("california", "contact")),
    "CCPA-18": Override(("california",), {"rights": {"incentives": [{
        "name": "Ten percent off", "description": "You get 10% off your first order.",
        "categories": ["email"], "value_explanation": "We value an address at 2 dollars.",
        "how_to_join": "Sign up at checkout.", "how_to_withdraw": "Email us."}]}}),
    "CCPA-23": Override(("california",)),
    "CCPA-24": Override(("california",)),
    "CCPA-25": Override(("california",), {**DECIDES, **dated("2027-01-01")},
                        dt.date(2027, 1, 1)),
    "ST-01": Override(("information-we-collect", "us-state-laws")),
    "ST-02": Override(("how-we-use", "us-state-laws")),
    "ST-03": Override(("sharing", "us-state-laws")),
    "ST-09": Override(("changes", "us-state-laws")),
    "ST-10": Override(("us-state-laws",), TEXAS_SALE),
    "ST-11": Override(("us-state-laws",), {"business": {"sells_to_us_states": ["CT"], **STATE},
                                           "use": {"trains_language_models": False}}),
    "ST-12": Override(("us-state-laws",), {"business": {"sells_to_us_states": ["OR"], **STATE}}),
    "ST-13": Override(("us-state-laws",), {"business": {"sells_to_us_states": ["MD"], **STATE}}),
    "ST-16": Override(("us-state-laws",),
                      {**DECIDES, "business": {"sells_to_us_states": ["MN"], **STATE}}),
    "ST-21": Override(("us-state-laws",), {"business": {"sells_to_us_states": ["CT"], **STATE}}),
    "NV-01": Override(("state-notices",), {"business": {"sells_to_us_states": ["NV"], **STATE}}),
    "NV-03": Override(("consumer-health-data",),
                      {**HEALTH, "business": {"sells_to_us_states": ["NV"], **STATE}}),
    "MHMD-01": Override(("consumer-health-data",),
                        {**HEALTH, "business": {"sells_to_us_states": ["WA"], **STATE}}),
    "DE-01": Override(("state-notices",), {"business": {"sells_to_us_states": ["DE"], **STATE}}),
    "GDPR-01": Override(("eea-uk", "contact")),
    "GDPR-02": Override(("eea-uk",)),
    "GDPR-05": Override(("eea-uk", "sharing")),
    "GDPR-08": Override(("eea-uk",)),
    "GDPR-09": Override(("eea-uk",), SENSITIVE),
    "GDPR-10": Override(("eea-uk",)),
    "GDPR-11": Override(("eea-uk", "information-we-collect")),
    "GDPR-12": Override(("eea-uk", "how-we-use"), DECIDES),
    "GDPR-13": Override(("eea-uk", "information-we-collect"), {"collection": {"items": [
        *answers()["collection"]["items"][:-1],
        {"category": "device_and_log", "sources": ["automatic", "data_brokers"]}]}}),
    "GDPR-14": Override(("eea-uk",)),
    "GDPR-15": Override(("eea-uk",)),
    "COPPA-05": Override(("children",), {
        "children": {**KIDS, "parental_consent_method": "A parent signs."},
        "sharing": {"recipients": [{"kind": "hosting", "categories": ["name"],
                                    "purpose": "host our site"}]}}),
    "PIP-03": Override(("canada",)),
    "PIP-04": Override(("canada",)),
    "PIP-05": Override(("canada",)),
    "BCP-02": Override(("canada",), IN_BC),
    "BCP-04": Override(("canada",), IN_BC),
    "ABP-02": Override(("canada",), IN_AB),
    "ABP-04": Override(("canada",), IN_AB),
    "QC-05": Override(("quebec",)),
    "QC-06": Override(("quebec",), DECIDES),
    "QC-07": Override(("quebec",)),
    "QC-08": Override(("quebec",)),
    "LGPD-04": Override(("brazil",), DECIDES),
    "APP-01": Override(("australia",)),
    "NZ-01": Override(("new-zealand",)),
    "NZ-03": Override(("new-zealand",)),
    "NZ-04": Override(("new-zealand",)),
    "NZ-05": Override(("new-zealand",)),
    "CH-01": Override(("switzerland",)),
    "CH-04": Override(("switzerland",)),
    "CH-05": Override(("switzerland",)),
    "CH-06": Override(("switzerland",), BOUGHT),
}  # fmt: skip

# Ids that cannot have an insufficient-content case that check could fail, and why.
EXEMPT: dict[str, str] = {
    "COPPA-02": "an optional statement, not a duty (16 CFR §312.3): it is needed only where "
    "COPPA does not apply, so check never holds a policy to it and has nothing to fail",
}


def test_every_requirement_id_is_accounted_for() -> None:
    cases = [set(SHORT), set(OVERRIDE), set(EXEMPT)]
    assert sum(map(len, cases)) == len(set.union(*cases)), "an id is in two lists"
    assert set.union(*cases) == set(laws.requirement_ids())


def test_every_substance_list_has_an_override_case() -> None:
    assert set(MUST_SAY) == set(OVERRIDE)


def test_the_exempt_ids_really_are_never_held_against_a_policy() -> None:
    for id_ in EXEMPT:
        for profile in (everything(), profile_of({"children": KIDS})):
            assert not needs(profile, id_, CHECK_DAY)


def test_the_complete_store_meets_everything_it_needs() -> None:
    report = check_profile(everything(), on=CHECK_DAY)
    assert report.clean, failing(report)


@pytest.mark.parametrize("id_", sorted(SHORT))
def test_answers_that_fall_short_fail_the_requirement(id_: str) -> None:
    case = SHORT[id_]
    profile = profile_of(case.changes, plain=case.plain)
    assert needs(profile, id_, case.on), f"{id_} should be needed"
    report = check_profile(profile, on=case.on)
    clauses = {s.clause for s in render_policy(profile).sections}
    assert case.clause in clauses, f"the {case.clause} clause should render"
    assert id_ in failing(report)


def _vague(id_: str) -> str:
    return (
        "## Our promise\n"
        f'{{{{ covers("{id_}") }}}}\n'
        "We respect your privacy and handle your information with care.\n"
    )


@pytest.mark.parametrize("id_", sorted(OVERRIDE))
def test_a_template_that_declares_but_does_not_say_it_fails(id_: str, tmp_path: Path) -> None:
    case = OVERRIDE[id_]
    profile = profile_of(dict(case.changes))
    assert needs(profile, id_, case.on), f"{id_} should be needed"
    ours = check_profile(profile, on=case.on)
    assert id_ not in failing(ours), "our own clauses say it"
    (tmp_path / "clauses").mkdir()
    for clause in case.clauses:
        (tmp_path / "clauses" / f"{clause}.md.j2").write_text(_vague(id_))
    report = check_profile(profile, on=case.on, templates_dir=tmp_path)
    row = next(c for _, c in report.missing if c.requirement.id == id_)
    assert row.sections, "the user's section declares it"
    assert row.problem and "does not say" in row.problem
    assert any(f"clauses/{clause}.md.j2" in row.fix for clause in case.clauses)
