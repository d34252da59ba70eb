"""Every requirement of requirements-2026.md just inside and just outside its trigger, and
the dates the check judges the new ones on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from click.testing import CliRunner
from law_stores import (
    AD_RECIPIENT,
    CHECK_DAY,
    GB_REP,
    answers,
    based_in,
    business,
    everything,
    money,
    store,
    usd,
)

from generator import laws
from generator.check import check_profile, months_before
from generator.cli import main
from generator.model import StoreProfile


def needs(profile: StoreProfile, id_: str, on: dt.date = CHECK_DAY) -> bool:
    """Whether the store must meet the requirement on the day: its law applies and it is needed."""
    r = laws.requirement(id_)
    return laws.applicable(profile, on)[r.law].applies and r.needed_for(profile, on)


def seller(**extra: Any) -> dict[str, Any]:
    return {"sharing": {"recipients": [{**AD_RECIPIENT, "sale": True}]}, **extra}


BIG_CA = business(revenue=usd(30_000_000))
SENSITIVE = {
    "collection": {
        "items": [
            {"category": "name"},
            {"category": "email"},
            {"category": "payment_card"},
            {"category": "sensitive"},
        ],
        "sensitive_kinds": ["health"],
    },
    "use": {
        "purposes": [
            {"purpose": "payment", "categories": ["name", "payment_card"]},
            {"purpose": "personalization", "categories": ["sensitive", "email"]},
        ]
    },
    "sharing": {"recipients": []},
    "retention": {"rules": []},
}
DECISION = {
    "description": "We score orders to decide whether to offer payment on invoice.",
    "logic": "A score from payment history.",
    "significance": "A low score means no invoice option.",
}
DECIDES = {
    "use": {
        "purposes": answers()["use"]["purposes"],
        "automated_decisions": [DECISION],
    }
}
KIDS = {"children": {"directed_to_children": True, "minimum_age": 8, "child_data": ["name"]}}
HEALTH = {
    "collection": {
        **answers()["collection"],
        "consumer_health_data": {"kinds": ["vitamin purchases"], "purposes": ["ship them"]},
    }
}
CHAT = {"other": {"chat_assistant": {"name": "Inky"}}}
EU = business(sells_to_countries=["US", "DE"])
UK = business(sells_to_countries=["US", "GB"], uk_representative=GB_REP)
CANADA = business(sells_to_countries=["CA"], established_in=["CA"], data_stored_in=["CA"])
BRAZIL = business(sells_to_countries=["BR"])
AUSTRALIA = business(sells_to_countries=["AU"])
PURPOSES = answers()["use"]["purposes"]
ITEMS = answers()["collection"]["items"]


def state(code: str, consumers: int = 100_000, **fields: Any) -> dict[str, Any]:
    """A store that sells only in one US state, with that many consumers a year there."""
    return business(sells_to_us_states=[code], consumers_per_year=consumers, **fields)


def uses(*extra: dict[str, Any]) -> dict[str, Any]:
    return {"use": {"purposes": [*PURPOSES, *extra]}}


def recipients(*given: dict[str, Any]) -> dict[str, Any]:
    return {"sharing": {"recipients": list(given)}}


# The same ad network, once sharing for cross-context ads, once only a service provider.
SHARES = recipients(AD_RECIPIENT)
AD_SERVICE = recipients({**AD_RECIPIENT, "cross_context_ads": False, "use": "on_our_behalf"})
# Sensitive data used only for a purpose 11 CCR §7027(m) permits (no right to limit).
SENSITIVE_PERMITTED = {**SENSITIVE, "use": {"purposes": [
    {"purpose": "payment", "categories": ["name", "payment_card"]},
    {"purpose": "customer_service", "categories": ["sensitive", "email"]}]}}  # fmt: skip
CA_ONLY = business(sells_to_us_states=["CA"])
CA_NEIGHBOURS = business(sells_to_us_states=["OR", "NV", "AZ"])
# CCPA §1798.140(d)(1)(A)-(C): revenue above USD 26,625,000; buys, sells or shares data of
# 100,000 consumers; half of revenue from selling or sharing.
CCPA_REVENUE = business(revenue=usd(26_625_001))
CCPA_BELOW = business(revenue=usd(26_625_000))
MARKETER = {"kind": "marketing_partner", "categories": ["name", "email", "postal_address"],
            "purpose": "send their own catalogues", "use": "own_marketing"}  # fmt: skip
STL = business(employees=20)
INCENTIVE = {"name": "Ten percent off", "description": "You get 10% off your first order.",
             "categories": ["email"], "value_explanation": "We value an address at 2 dollars.",
             "how_to_join": "Sign up at checkout.", "how_to_withdraw": "Email us."}  # fmt: skip
DPO = {"name": "Dana Officer", "email": "dpo@plainpaper.example"}
SWISS = business(sells_to_countries=["US", "CH"])
TRACKING = {"cookies": {"kinds": ["strictly_necessary", "analytics"]}}
LEGAL_DUTY = {"purpose": "fraud_prevention", "categories": ["device_and_log", "payment_card"],
              "legal_basis": "legal_obligation"}  # fmt: skip
NEWSLETTER = {"purpose": "marketing", "categories": ["email"], "legal_basis": "consent"}
NEWSLETTER_LI = {**NEWSLETTER, "legal_basis": "legitimate_interests",
                 "legitimate_interest": "telling customers of new stock"}  # fmt: skip
EMAILS = {"marketing": {"channels": ["email"]}}
BOUGHT = {"collection": {"items": [*ITEMS[:-1], {**ITEMS[-1],
                                                 "sources": ["automatic", "data_brokers"]}]}}  # fmt: skip
TEXAS = business(sells_to_us_states=["TX"], sba_small_business=False)
SMALL_BR = business(sells_to_countries=["BR"], revenue=money(4_800_000, "BRL"))


def texas_sale(*categories: str) -> dict[str, Any]:
    broker = {"kind": "data_broker", "categories": list(categories), "sale": True}
    return {**TEXAS, **SENSITIVE, **recipients(broker)}


def with_decision(**decision: Any) -> dict[str, Any]:
    return {"use": {"purposes": PURPOSES, "automated_decisions": [{**DECISION, **decision}]}}


# id -> (a store just inside its trigger, the same store just outside it)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "CCPA-19": (BIG_CA, business(revenue=usd(26_625_000))),
    "CCPA-20": ({**BIG_CA, **seller()}, BIG_CA),
    "CCPA-21": ({**BIG_CA, **SENSITIVE}, BIG_CA),
    "CCPA-22": ({**BIG_CA, **seller()}, BIG_CA),
    "CCPA-23": ({**BIG_CA, **seller()}, BIG_CA),
    "CCPA-24": (BIG_CA, business(sells_to_us_states=["NY"], revenue=usd(30_000_000))),
    "CCPA-26": (business(revenue=usd(30_000_000), data_broker=True), BIG_CA),
    "GDPR-15": ({**EU, "marketing": {"channels": ["email"]}}, {**EU, "use": {"purposes": [
        {"purpose": "order_fulfilment", "categories": ["name"], "legal_basis": "contract"}]}}),
    "GDPR-16": ({**EU, **DECIDES}, EU),
    "GDPR-17": ({**EU, "cookies": {"kinds": ["strictly_necessary", "analytics"],
                                   "consent_banner": True}}, EU),
    "GDPR-18": ({**EU, "marketing": {"channels": ["email"], "existing_customers": True}},
                {**EU, "marketing": {"channels": ["email"]}}),
    "UK-02": (UK, EU),
    "UK-03": ({**UK, **DECIDES}, UK),
    "UK-04": ({**UK, "use": {"purposes": [{"purpose": "fraud_prevention",
        "categories": ["device_and_log"], "legal_basis": "recognised_legitimate_interest",
        "legitimate_interest": "crime prevention"}]}}, UK),
    "UK-05": ({**UK, "cookies": {"kinds": ["strictly_necessary", "analytics"],
                                 "uk_exempt_kinds": ["analytics"]}}, UK),
    "UK-06": (UK, business(sells_to_countries=["US", "GB"], uk_representative=GB_REP,
                           data_stored_in=["GB"])),
    "COPPA-03": (KIDS, {}),
    "COPPA-04": (KIDS, {}),
    "COPPA-05": ({**KIDS, "sharing": {"recipients": [{"kind": "hosting", "categories": ["name"]}]}},
                 {**KIDS, "sharing": {"recipients": [{"kind": "hosting", "categories": ["email"]}]}}),
    "COPPA-06": ({"children": {**KIDS["children"], "collects_voice_audio": True}}, KIDS),
    "LGPD-03": (BRAZIL, business(sells_to_countries=["BR"], data_stored_in=["BR"])),
    "LGPD-04": ({**BRAZIL, **DECIDES}, BRAZIL),
    "LGPD-05": (
        business(sells_to_countries=["BR"], revenue=money(4_800_000, "BRL")),
        business(sells_to_countries=["BR"], revenue=money(4_800_001, "BRL")),
    ),
    "APP-02": ({**business(sells_to_countries=["AU"], revenue=usd(3_000_000)), **DECIDES},
               business(sells_to_countries=["AU"], revenue=usd(3_000_000))),
    "PIP-05": (business(sells_to_countries=["CA"]), CANADA),
    "QC-01": (CANADA, business(sells_to_countries=["CA"], established_in=["CA"],
                               sells_to_ca_provinces=["ON"])),
    "QC-04": ({**CANADA, "cookies": {"kinds": ["strictly_necessary", "analytics"]}}, CANADA),
    "QC-06": ({**CANADA, **DECIDES}, CANADA),
    "NV-01": (business(sells_to_us_states=["NV"]), business(sells_to_us_states=["UT"])),
    "NV-03": ({**business(sells_to_us_states=["NV"]), **HEALTH},
              business(sells_to_us_states=["NV"])),
    "DE-01": (business(sells_to_us_states=["DE"]), business(sells_to_us_states=["MD"])),
    "MHMD-01": ({**business(sells_to_us_states=["WA"]), **HEALTH},
                {**business(sells_to_us_states=["OR"]), **HEALTH}),
    "ST-19": ({**business(sells_to_us_states=["RI"]), **seller()},
              business(sells_to_us_states=["RI"])),
    "ST-20": ({**business(sells_to_us_states=["CO"]), **SENSITIVE,
               "collection": {**SENSITIVE["collection"], "sensitive_kinds": ["biometric"]}},
              {**business(sells_to_us_states=["CO"]), **SENSITIVE}),
    "ST-12": (business(sells_to_us_states=["OR"], consumers_per_year=100_000),
              business(sells_to_us_states=["OR"], consumers_per_year=99_999)),
    "ST-13": (business(sells_to_us_states=["MD"], consumers_per_year=35_000),
              business(sells_to_us_states=["MD"], consumers_per_year=34_999)),
    "ST-14": (business(sells_to_us_states=["MT"], consumers_per_year=25_000),
              business(sells_to_us_states=["MT"], consumers_per_year=24_999)),
    "ST-17": (business(sells_to_us_states=["MD"], consumers_per_year=35_000),
              business(sells_to_us_states=["VA"], consumers_per_year=100_000)),
    "ST-18": (business(sells_to_us_states=["OR"], consumers_per_year=100_000),
              business(sells_to_us_states=["IA"], consumers_per_year=100_000)),
    "ST-21": (business(sells_to_us_states=["CT"], consumers_per_year=35_000),
              business(sells_to_us_states=["CT"], consumers_per_year=34_999)),
    "AI-01": ({**EU, **CHAT}, CHAT | business(sells_to_us_states=["NY"])),
    "AI-02": (CHAT, {**CHAT, **business(sells_to_us_states=["NY"])}),
    "SMS-01": ({"marketing": {"channels": ["sms"], "unsubscribe": {"reply_stop": True}}},
               {"marketing": {"channels": ["email"]}}),
    "SMS-02": ({**business(sells_to_countries=["US", "CA"]), "marketing": {"channels": ["email"]}},
               {"marketing": {"channels": ["email"]}}),
    "SPAMAU-01": ({**AUSTRALIA, "marketing": {"channels": ["email"]}},
                  {**AUSTRALIA, "marketing": {"channels": ["postal"]}}),
    # ---- the 62 ids of requirements.md, kept by requirements-2026.md ----
    "CAL-01": (CA_ONLY, CA_NEIGHBOURS),
    "CAL-02": (CA_ONLY, CA_NEIGHBOURS),
    "CAL-03": (CA_ONLY, CA_NEIGHBOURS),
    "CAL-04": (CA_ONLY, CA_NEIGHBOURS),
    "CAL-05": (CA_ONLY, CA_NEIGHBOURS),
    "CAL-06": (CA_ONLY, CA_NEIGHBOURS),
    "CAL-07": (CA_ONLY, CA_NEIGHBOURS),
    "CCPA-01": (CCPA_REVENUE, CCPA_BELOW),
    "CCPA-02": ({**business(consumers_per_year=100_000), **seller()},
                {**business(consumers_per_year=99_999), **seller()}),
    "CCPA-03": ({**business(revenue_share_from_selling_data=50), **seller()},
                {**business(revenue_share_from_selling_data=49), **seller()}),
    "CCPA-04": ({**business(consumers_per_year=100_000), **SHARES},
                {**business(consumers_per_year=100_000), **AD_SERVICE}),
    "CCPA-05": ({**business(consumers_per_year=100_000), **BOUGHT},
                business(consumers_per_year=100_000)),
    "CCPA-06": (CCPA_REVENUE, CCPA_BELOW),
    "CCPA-07": ({**BIG_CA, **SENSITIVE}, BIG_CA),
    "CCPA-08": (CCPA_REVENUE, CCPA_BELOW),
    "CCPA-09": (CCPA_REVENUE, CCPA_BELOW),
    "CCPA-10": (BIG_CA, {"business": {**CA_NEIGHBOURS["business"],
                                      "revenue": usd(30_000_000)}}),
    "CCPA-11": (CCPA_REVENUE, CCPA_BELOW),
    "CCPA-12": (CCPA_REVENUE, CCPA_BELOW),
    "CCPA-13": ({**BIG_CA, **SHARES}, {**BIG_CA, **AD_SERVICE}),
    "CCPA-14": ({**BIG_CA, **SENSITIVE}, {**BIG_CA, **SENSITIVE_PERMITTED}),
    "CCPA-15": (CCPA_REVENUE, CCPA_BELOW),
    "CCPA-16": (CCPA_REVENUE, CCPA_BELOW),
    "CCPA-17": (business(revenue=usd(30_000_000), consumers_per_year=10_000_000),
                business(revenue=usd(30_000_000), consumers_per_year=9_999_999)),
    "CCPA-18": ({**BIG_CA, "rights": {"incentives": [INCENTIVE]}}, BIG_CA),
    "STL-01": ({**STL, **recipients(MARKETER)},
               {**business(employees=19), **recipients(MARKETER)}),
    "GDPR-01": (EU, SWISS),
    "GDPR-02": (business(sells_to_countries=["US", "DE"], dpo=DPO), EU),
    "GDPR-03": (business(established_in=["US", "IE"]), business(established_in=["US"])),
    "GDPR-04": (EU, {**EU, "use": {"purposes": [*PURPOSES[:2], LEGAL_DUTY]}}),
    "GDPR-05": ({**business(visitors_tracked_in=["DE"]), **TRACKING},
                {**business(visitors_tracked_in=["CH"]), **TRACKING}),
    "GDPR-06": (business(sells_to_countries=["US", "DE"], data_stored_in=["CH"]),
                business(sells_to_countries=["US", "DE"], data_stored_in=["NO"])),
    "GDPR-07": ({**business(visitors_tracked_in=["DE"]), **TRACKING},
                business(visitors_tracked_in=["DE"])),
    "GDPR-08": (business(sells_to_countries=["US", "NO"]), SWISS),
    "GDPR-09": ({**EU, **EMAILS, **uses(NEWSLETTER)}, {**EU, **EMAILS, **uses(NEWSLETTER_LI)}),
    "GDPR-10": (EU, SWISS),
    "GDPR-11": (EU, SWISS),
    "GDPR-12": ({**EU, **DECIDES}, {**EU, **with_decision(solely_automated=False)}),
    "GDPR-13": ({**EU, **BOUGHT}, EU),
    "GDPR-14": (EU, business(sells_to_countries=["US", "DE"], established_in=["US", "DE"])),
    "UK-01": (UK, business(sells_to_countries=["US", "IE"], uk_representative=GB_REP)),
    "COPPA-01": ({"children": {"knows_of_child_users": True}}, {}),
    "COPPA-02": ({}, {"children": {"knows_of_child_users": True}}),
    "SPAM-01": ({"marketing": {"channels": ["email"]}}, {"marketing": {"channels": ["postal"]}}),
    "PIP-01": (business(sells_to_countries=["US", "CA"]), {}),
    "PIP-02": (business(established_in=["US", "CA"]), {}),
    "PIP-03": (business(sells_to_countries=["US", "CA"]), {}),
    "PIP-04": (business(sells_to_countries=["US", "CA"]), {}),
    "ST-01": (state("VA"), state("VA", 99_999)),
    "ST-02": ({**state("CO", 25_000), **seller()}, {**state("CO", 24_999), **seller()}),
    "ST-03": (TEXAS, business(sells_to_us_states=["TX"], sba_small_business=True)),
    "ST-04": (state("UT", revenue=usd(25_000_000)),
              state("UT", revenue=usd(24_999_999))),
    "ST-05": (state("VA"), state("UT", revenue=usd(25_000_000))),
    "ST-06": ({**state("VA"), **SHARES}, {**state("VA"), **AD_SERVICE}),
    "ST-07": ({**state("CO"), **SHARES}, {**state("VA"), **SHARES}),
    "ST-08": (state("OR"), state("VA")),
    "ST-09": (state("CO"), state("VA")),
    "ST-10": (texas_sale("sensitive"), texas_sale("email")),
    "ST-11": ({**state("CT", 1_000), **seller()}, state("CT", 1_000)),
    "LGPD-01": (business(sells_to_countries=["US", "BR"]), business(sells_to_countries=["US", "AR"])),
    "LGPD-02": (business(sells_to_countries=["BR"], revenue=money(4_800_001, "BRL")), SMALL_BR),
    "APP-01": (business(sells_to_countries=["AU"], revenue=money(3_000_001, "AUD")),
               business(sells_to_countries=["AU"], revenue=money(3_000_000, "AUD"))),
    # ---- laws beyond requirements-2026.md: New Zealand and Switzerland ----
    "NZ-01": (business(sells_to_countries=["US", "NZ"]), business(sells_to_countries=["US", "AU"])),
    "NZ-02": ({**business(sells_to_countries=["NZ"]), **BOUGHT},
              business(sells_to_countries=["NZ"])),
    "NZ-03": (business(sells_to_countries=["NZ"]),
              business(sells_to_countries=["NZ"], established_in=["NZ"], data_stored_in=["NZ"])),
    "NZ-04": (business(established_in=["US", "NZ"]), {}),
    "NZ-05": (business(established_in=["US", "NZ"]), {}),
    "CH-01": (SWISS, EU),
    "CH-02": (SWISS, business(sells_to_countries=["CH"], established_in=["CH"],
                              data_stored_in=["CH"])),
    "CH-03": ({**SWISS, **SENSITIVE}, SWISS),
    "CH-04": (SWISS, EU),
    "CH-05": (business(visitors_tracked_in=["CH"]) | TRACKING, business(visitors_tracked_in=["CH"])),
    "CH-06": ({**SWISS, **BOUGHT}, SWISS),
}  # fmt: skip
# Duties that hold for every store a law reaches: inside and outside are the law's own edge.
for _id in ("QC-02", "QC-03", "QC-05", "QC-07", "QC-08", "QC-09"):
    CASES[_id] = CASES["QC-01"]
CASES["NV-02"] = CASES["NV-01"]
CASES["MHMD-02"] = CASES["MHMD-01"]
CASES["MHMD-03"] = CASES["MHMD-01"]
MN = business(sells_to_us_states=["MN"], consumers_per_year=100_000)
CASES["ST-15"] = ({**MN, **seller()}, MN)
# BC PIPA s.3 and Alberta PIPA s.4: the province the business is based in, not where it sells.
for _id in ("BCP-01", "BCP-02", "BCP-03", "BCP-04"):
    CASES[_id] = (based_in("BC"), based_in("ON"))
for _id in ("ABP-01", "ABP-03", "ABP-04"):
    CASES[_id] = (based_in("AB"), based_in("BC"))
# Alberta PIPA s.13.1: only a store whose data goes to service providers outside Canada.
CASES["ABP-02"] = (based_in("AB", data_stored_in=["US"]), based_in("AB"))
CASES["ST-16"] = ({**MN, **DECIDES}, MN)
CASES["CCPA-25"] = ({**BIG_CA, **DECIDES}, BIG_CA)


# A second edge for rules with two triggers or two limits, so neither can be dropped.
MORE_CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("CCPA-14", {**BIG_CA, **SHARES}, {**BIG_CA, **AD_SERVICE}),
    ("CCPA-23", {**BIG_CA, **SENSITIVE}, {**BIG_CA, **SENSITIVE_PERMITTED}),
    ("STL-01", {**STL, **recipients(MARKETER)},
     {**STL, **recipients({**MARKETER, "use": "on_our_behalf"})}),
    ("GDPR-15", EU, {**EU, "use": {"purposes": [*PURPOSES[:2], LEGAL_DUTY]}}),
    ("COPPA-01", KIDS, {**KIDS, **CANADA}),
    ("SPAM-01", {**business(sells_to_countries=["CA", "US"], established_in=["CA"]),
                 "marketing": {"channels": ["email"]}},
     {**CANADA, "marketing": {"channels": ["email"]}}),
    ("LGPD-02", {**SMALL_BR, **DECIDES}, SMALL_BR),
    ("ST-09", state("CO"), state("CO", 99_999)),
    ("BCP-01", based_in("British Columbia"),
     business(sells_to_countries=["US", "CA"], sells_to_ca_provinces=["BC"])),
    ("ABP-02", {**based_in("AB"), "international": {"transfers": [
        {"destination": "CN", "safeguard": "provider_contract"}]}}, based_in("AB")),
    ("CH-03", {**SWISS, **DECIDES}, {**SWISS, **DECIDES,
                                     **business(sells_to_countries=["CH"], established_in=["CH"])}),
]  # fmt: skip

# Not a duty of the law it is listed under: COPPA-02 is the optional statement of a store
# COPPA does not reach (16 CFR §312.3), so no store is ever held to it. Its case is judged
# on the statement's own condition: a general-audience store, and one that knows of a child.
OPTIONAL = {"COPPA-02"}


def test_every_requirement_has_an_edge_case() -> None:
    assert set(laws.requirement_ids()) - set(CASES) == set()
    seconds = [id_ for id_, _, _ in MORE_CASES]
    assert len(set(seconds)) == len(seconds) and set(seconds) <= set(CASES)


def _edges() -> list[Any]:
    first = [pytest.param(id_, *CASES[id_], id=id_) for id_ in sorted(CASES)]
    more = [pytest.param(id_, *edge, id=f"{id_}-second") for id_, *edge in MORE_CASES]
    return first + more


@pytest.mark.parametrize(("id_", "inside", "outside"), _edges())
def test_needed_just_inside_and_not_just_outside(
    id_: str, inside: dict[str, Any], outside: dict[str, Any]
) -> None:
    day = LATER.get(id_, CHECK_DAY)
    if id_ in OPTIONAL:
        r = laws.requirement(id_)
        assert r.needed_for(store(**inside), day), f"{id_} should be offered"
        assert not needs(store(**inside), id_, day), f"{id_} is no duty"
        assert not r.needed_for(store(**outside), day), f"{id_} should not be offered"
        return
    assert needs(store(**inside), id_, day), f"{id_} should apply"
    assert not needs(store(**outside), id_, day), f"{id_} should not apply"


# Duties that start after the check day are tried on their first day.
LATER = {"APP-02": dt.date(2026, 12, 10), "CCPA-25": dt.date(2027, 1, 1)}


# ---- dates: requirements that start later are not applied early ----------------------------


@pytest.mark.parametrize(
    ("id_", "changes", "start"),
    [
        ("CCPA-22", {**BIG_CA, **seller()}, dt.date(2026, 1, 1)),
        ("UK-02", UK, dt.date(2026, 6, 19)),
        ("COPPA-04", KIDS, dt.date(2026, 4, 22)),
        ("APP-02", {**business(sells_to_countries=["AU"], revenue=usd(3_000_000)),
                    **DECIDES}, dt.date(2026, 12, 10)),
        ("CCPA-25", {**BIG_CA, **DECIDES}, dt.date(2027, 1, 1)),
        ("AI-01", {**EU, **CHAT}, dt.date(2026, 8, 2)),
        ("ST-21", business(sells_to_us_states=["CT"], consumers_per_year=35_000),
         dt.date(2026, 7, 1)),
        ("NZ-02", {**business(sells_to_countries=["NZ"]), **BOUGHT}, dt.date(2026, 5, 1)),
    ],
)  # fmt: skip
def test_a_dated_duty_starts_on_its_day(id_: str, changes: dict[str, Any], start: dt.date) -> None:
    profile = store(**changes)
    assert needs(profile, id_, start)
    assert not needs(profile, id_, start - dt.timedelta(days=1))


def test_enacted_states_are_not_applied_before_their_dates() -> None:
    ok = store(**business(sells_to_us_states=["OK"], consumers_per_year=100_000))
    assert not laws.applicable(ok, dt.date(2026, 12, 31))["us_states"].applies
    assert laws.applicable(ok, dt.date(2027, 1, 1))["us_states"].scope == ("Oklahoma",)
    vt = store(**business(sells_to_us_states=["VT"], consumers_per_year=35_000))
    assert not laws.applicable(vt, dt.date(2027, 12, 31))["us_states"].applies
    assert laws.applicable(vt, dt.date(2028, 1, 1))["us_states"].scope == ("Vermont",)


def test_utah_right_to_correct_from_july_2026() -> None:
    ut = store(
        **business(sells_to_us_states=["UT"], consumers_per_year=100_000, revenue=usd(25_000_000))
    )
    before = laws.applicable(ut, dt.date(2026, 6, 30))["us_states"].facts["correction_states"]
    after = laws.applicable(ut, dt.date(2026, 7, 1))["us_states"].facts["correction_states"]
    assert (before, after) == ((), ("Utah",))


def test_opt_out_signal_duty_follows_each_states_date() -> None:
    de = store(**business(sells_to_us_states=["DE"], consumers_per_year=35_000), **seller())
    assert not needs(de, "ST-07", dt.date(2025, 12, 31))
    assert needs(de, "ST-07", dt.date(2026, 1, 1))


def test_ccpa_buying_data_counts_toward_prong_b() -> None:
    items = answers()["collection"]["items"]
    bought = [*items[:-1], {**items[-1], "sources": ["automatic", "data_brokers"]}]
    ca = business(consumers_by_state={"CA": 100_000}, consumers_per_year=100_000)
    assert laws.applicable(store(**ca, collection={"items": bought}), CHECK_DAY)["ccpa"].applies
    assert not laws.applicable(store(**ca), CHECK_DAY)["ccpa"].applies


def test_gdpr_reaches_a_us_store_that_tracks_eu_visitors() -> None:
    tracks = {"cookies": {"kinds": ["strictly_necessary", "advertising"]}}
    visitors = business(visitors_tracked_in=["DE"])
    verdict = laws.applicable(store(**visitors, **tracks), CHECK_DAY)["gdpr"]
    assert verdict.applies and "3(2)(b)" in verdict.reason
    assert not laws.applicable(store(**visitors), CHECK_DAY)["gdpr"].applies


def test_consent_asked_by_a_cookie_banner_is_a_basis_for_both_consent_rows() -> None:
    # GDPR-09 and GDPR-17 share the trigger "consent is a basis" (Art 7(3), 13(2)(c)).
    banner = store(**EU, cookies={"kinds": ["strictly_necessary", "analytics"],
                                  "consent_banner": True})  # fmt: skip
    assert needs(banner, "GDPR-09") and needs(banner, "GDPR-17")
    assert not needs(store(**EU), "GDPR-09") and not needs(store(**EU), "GDPR-17")


def test_data_from_others_is_judged_on_the_sources_the_policy_states() -> None:
    # GDPR-13 (Art 14): a category's natural source counts when none is named, and
    # security cameras observe the person (Art 13), so they alone do not need it.
    items = [dict(item) for item in answers()["collection"]["items"]]
    items[4]["sources"] = ["from_you"]  # order history, so only the new item decides
    purposes = answers()["use"]["purposes"]
    credit = store(
        **EU,
        collection={"items": [*items, {"category": "credit_information"}]},
        use={
            "purposes": [*purposes, {"purpose": "financing", "categories": ["credit_information"]}]
        },
    )
    assert needs(credit, "GDPR-13")
    guard = {"purpose": "store_security", "categories": ["camera_footage"]}
    cameras = store(
        **business(sells_to_countries=["US", "DE"], physical_shops=True),
        collection={"items": [*items, {"category": "camera_footage", "sources": ["our_cameras"]}]},
        use={"purposes": [*purposes, guard]},
    )
    assert not needs(cameras, "GDPR-13")
    missing = {c.requirement.id for _, c in check_profile(cameras, on=CHECK_DAY).missing}
    assert "GDPR-13" not in missing


def test_small_australian_business_caught_by_s6d4() -> None:
    au = business(sells_to_countries=["AU"], revenue=usd(10))
    assert not laws.applicable(store(**au), CHECK_DAY)["australia"].applies
    health = business(sells_to_countries=["AU"], revenue=usd(10), provides_health_service=True)
    assert laws.applicable(store(**health), CHECK_DAY)["australia"].applies
    consented = {
        "sharing": {"recipients": [{**AD_RECIPIENT, "sale": True, "with_consent_only": True}]}
    }
    assert not laws.applicable(store(**au, **consented), CHECK_DAY)["australia"].applies


# ---- the clause text says what the requirement needs, and check fails it when it cannot ----


def test_missing_answers_fail_with_the_answer_that_fixes_them() -> None:
    report = check_profile(everything(rights={"opt_out_link": None}), on=CHECK_DAY)
    missing = {c.requirement.id: c for _, c in report.missing}
    assert set(missing) == {"CCPA-20", "ST-15"}
    assert "rights.opt_out_link" in missing["CCPA-20"].fix


# ---- the 12-month rule and requirement-level change notes ----------------------------------


def ccpa_store(updated: str) -> StoreProfile:
    return everything(policy={"effective_date": "2024-01-01", "last_updated": updated})


def test_ccpa_16_fails_a_day_after_twelve_months() -> None:
    on = CHECK_DAY
    last_ok = months_before(on, 12).isoformat()
    ok = check_profile(ccpa_store(last_ok), on=on)
    assert "CCPA-16" not in {c.requirement.id for _, c in ok.missing}
    stale_day = (months_before(on, 12) - dt.timedelta(days=1)).isoformat()
    stale = check_profile(ccpa_store(stale_day), on=on)
    failing = {c.requirement.id: c for _, c in stale.missing}
    assert failing["CCPA-16"].sections and "more than 12 months" in (
        failing["CCPA-16"].problem or ""
    )
    assert "policy.last_updated" in failing["CCPA-16"].fix
    assert any("CCPA requires a yearly update" in note for note in stale.notes)


def test_stale_policy_is_only_a_note_without_the_ccpa() -> None:
    old = store(policy={"effective_date": "2024-01-01"})
    report = check_profile(old, on=CHECK_DAY)
    assert report.clean
    assert any("more than 12 months" in note for note in report.notes)


def test_a_policy_dated_after_the_check_day_is_noted_as_not_yet_published() -> None:
    later = (CHECK_DAY + dt.timedelta(days=25)).isoformat()
    ahead = store(policy={"effective_date": later, "last_updated": later})
    notes = check_profile(ahead, on=CHECK_DAY).notes
    assert any("Set policy.last_updated to the day you publish it" in n for n in notes)
    published = store(policy={"effective_date": later, "last_updated": CHECK_DAY.isoformat()})
    assert not any("day you publish" in n for n in check_profile(published, on=CHECK_DAY).notes)
    from generator.compose import render_policy

    assert "takes effect on" in render_policy(published).markdown


def test_change_note_names_new_requirements_inside_a_law() -> None:
    uk = store(**UK, policy={"effective_date": "2026-01-10"})
    changes = laws.changes_between(uk, dt.date(2026, 1, 10), CHECK_DAY)
    assert any(c.startswith("UK-02 ") for c in changes)
    amended = store(**business(sells_to_us_states=["CT"], consumers_per_year=120_000))
    changes = laws.changes_between(amended, dt.date(2026, 1, 10), CHECK_DAY)
    assert any("Connecticut's law changed on July 1, 2026" in c for c in changes)
    newly = store(**business(sells_to_us_states=["IN"], consumers_per_year=120_000))
    changes = laws.changes_between(newly, dt.date(2025, 6, 1), CHECK_DAY)
    assert any(c.startswith("newly applies: US state privacy laws (") for c in changes)


def test_missing_only_because_of_the_date_says_to_redate() -> None:
    dated_before = store(**UK, policy={"effective_date": "2026-01-10"},
                         rights={"complaints": {"url": "https://plainpaper.example/complain"}})  # fmt: skip
    report = check_profile(dated_before, on=CHECK_DAY)
    missing = {c.requirement.id: c for _, c in report.missing}
    assert "UK-02" in missing
    assert f"set policy.last_updated: {CHECK_DAY.isoformat()}" in missing["UK-02"].fix


def test_cli_as_of_judges_that_day(tmp_path: Any) -> None:
    import json

    data = answers(**business(sells_to_us_states=["OK"], consumers_per_year=100_000))
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(data, default=str))
    before = CliRunner().invoke(
        main, ["check", "--as-of", "2026-12-31", "--format", "json", str(path)]
    )
    after = CliRunner().invoke(
        main, ["check", "--as-of", "2027-01-01", "--format", "json", str(path)]
    )
    states = lambda out: next(law for law in json.loads(out)[0]["laws"] if law["id"] == "us_states")  # noqa: E731
    assert json.loads(before.output)[0]["as_of"] == "2026-12-31"
    assert not states(before.output)["applies"] and states(after.output)["applies"]
    bad = CliRunner().invoke(main, ["check", "--as-of", "tomorrow", str(path)])
    assert bad.exit_code == 2 and "--as-of" in bad.output


def test_laws_command_lists_every_requirement() -> None:
    import json

    text = CliRunner().invoke(main, ["laws"])
    assert text.exit_code == 0
    assert "QC-01" in text.output and "P-39.1 s.3.1" in text.output
    data = json.loads(CliRunner().invoke(main, ["laws", "--format", "json"]).output)
    ids = [r["id"] for law in data for r in law["requirements"]]
    assert sorted(ids) == sorted(laws.requirement_ids())
    app = next(r for law in data for r in law["requirements"] if r["id"] == "APP-02")
    assert app["since"] == "2026-12-10" and app["kind"] == "S/C"


def test_a_finding_names_its_requirement_section_and_fix(tmp_path: Any) -> None:
    import json

    data = answers(**EU, international={"transfers": []})
    path = tmp_path / "eu.json"
    path.write_text(json.dumps(data, default=str))
    result = CliRunner().invoke(main, ["check", "--as-of", CHECK_DAY.isoformat(), str(path)])
    line = next(x for x in result.output.splitlines() if "transfer-without-safeguard" in x)
    assert "(GDPR-06, in no section)" in line
    assert "Fix: add an international.transfers entry with destination: US" in line
    kid = check_profile(store(children={"minimum_age": 10}), on=CHECK_DAY)
    finding = next(f for f in kid.findings if f.rule == "child-age-without-consent")
    assert finding.requirement == "COPPA-01"
    assert finding.sections == ()


# ---- what the new sections say --------------------------------------------------------------


def rendered(profile: StoreProfile) -> tuple[str, set[str]]:
    from generator.compose import render_policy

    doc = render_policy(profile)
    return doc.markdown, set(doc.covered())


def test_quebec_section_names_the_person_in_charge_and_the_cai() -> None:
    text, covered = rendered(everything())
    assert "## " in text and "If you are in Québec" in text
    assert "Chief Privacy Officer" in text.split("If you are in Québec")[2]
    assert "Commission d'accès à l'information du Québec" in text
    assert "available in French at <https://plainpaper.example/fr/confidentialite>" in text
    assert {"QC-01", "QC-02", "QC-04", "QC-07", "QC-08", "QC-09"} <= covered


def test_quebec_tracking_is_covered_only_when_off_by_default() -> None:
    _, covered = rendered(everything(cookies={"consent_banner": False}))
    assert "QC-04" not in covered
    # A banner shown only to European visitors leaves Québec's tracking on by default.
    europe_only = everything(cookies={"consent_banner": True, "banner_for": "eea_uk"})
    text, covered = rendered(europe_only)
    assert "QC-04" not in covered
    assert "If you visit from the European Economic Area or the United Kingdom, a banner" in text
    assert "QC-04" in rendered(everything(cookies={"consent_banner": True}))[1]


def test_a_banner_for_quebec_only_is_said_to_be_for_quebec_only() -> None:
    quebec_only = everything(cookies={"consent_banner": True, "banner_for": ["quebec"]})
    text, covered = rendered(quebec_only)
    assert "QC-04" in covered
    assert "If you visit from Québec, a banner asks on your first visit" in text
    assert "Elsewhere, the cookies we use are on until you turn them off." in text
    assert "On your first visit, a banner asks" not in text
    assert "We ask before we use cookies the site does not need to work." not in text


def test_uk_complaints_to_the_store_only_from_june_19_2026() -> None:
    before, covered_before = rendered(store(**UK, policy={"effective_date": "2026-06-18"}))
    after, covered_after = rendered(store(**UK, policy={"effective_date": "2026-06-19"}))
    assert "complain to us first" not in before and "UK-02" not in covered_before
    assert "complain to us first" in after and "UK-02" in covered_after
    assert "acknowledge a complaint within 30 days" in after
    assert (
        "Information Commissioner's Office" in before
        and "Information Commissioner's Office" in after
    )


def test_consumer_health_data_policy_and_its_consents() -> None:
    health = {
        **business(sells_to_us_states=["WA"]),
        "collection": {
            **answers()["collection"],
            "consumer_health_data": {
                "kinds": ["vitamin purchases"],
                "purposes": ["ship your order"],
                "linked_from_homepage": True,
                "consent_to_collect": True,
                "consent_to_share": True,
            },
        },
    }
    text, covered = rendered(store(**health))
    assert "This is our Consumer Health Data Privacy Policy" in text
    assert "vitamin purchases" in text and "signed authorization" in text
    assert {"MHMD-01", "MHMD-02", "MHMD-03"} <= covered
    report = check_profile(store(**health), on=CHECK_DAY)
    assert report.clean
    health["collection"]["consumer_health_data"]["consent_to_share"] = False
    missing = {c.requirement.id for _, c in check_profile(store(**health), on=CHECK_DAY).missing}
    assert missing == {"MHMD-03"}


def test_chat_assistant_disclosure_covers_both_laws_only_when_it_says_so() -> None:
    says = {**EU, "other": {"chat_assistant": {"name": "Inky", "says_it_is_a_bot": True}}}
    text, covered = rendered(store(**says))
    assert "It is an artificial intelligence (AI) system, not a person." in text
    assert {"AI-01", "AI-02"} <= covered
    silent = check_profile(store(**EU, **CHAT), on=CHECK_DAY)
    assert {c.requirement.id for _, c in silent.missing} >= {"AI-01", "AI-02"}


def test_rhode_island_names_every_buyer_or_fails() -> None:
    unnamed = {**business(sells_to_us_states=["RI"]), **seller()}
    recipient = {**AD_RECIPIENT, "sale": True, "names": []}
    anonymous = {**business(sells_to_us_states=["RI"]), "sharing": {"recipients": [recipient]}}
    text, covered = rendered(store(**unnamed))
    assert "AdNet" in text and "ST-19" in covered
    missing = {c.requirement.id for _, c in check_profile(store(**anonymous), on=CHECK_DAY).missing}
    assert "ST-19" in missing


def test_sms_consent_text_and_its_conditions() -> None:
    sms = {"marketing": {"channels": ["sms"], "unsubscribe": {"reply_stop": True}}}
    text, covered = rendered(store(**sms))
    assert "prior express written consent" in text and "SMS-01" in covered
    slow = {"marketing": {**sms["marketing"], "consent": "opt_out"}}
    assert "SMS-01" not in rendered(store(**slow))[1]


def test_coppa_retention_policy_and_third_parties() -> None:
    kids = {
        "children": {
            **KIDS["children"],
            "parental_consent_method": "A parent signs a form.",
            "retention_need": "the child's account needs it",
            "deleted_after": {"amount": 1, "unit": "years"},
        },
        "sharing": {"recipients": [{"kind": "hosting", "categories": ["name"], "purpose": "host"}]},
    }
    text, covered = rendered(store(**kids))
    assert "We delete it no later than 1 year after we collect it" in text
    assert "separate consent" in text
    assert {"COPPA-01", "COPPA-03", "COPPA-04", "COPPA-05"} <= covered
    kids["sharing"]["recipients"][0].pop("purpose")
    assert "COPPA-03" not in rendered(store(**kids))[1]


def test_louisiana_sale_notice_only_from_2027() -> None:
    items = [{"category": "name"}, {"category": "email"}, {"category": "sensitive"}]
    broker = {"kind": "data_broker", "categories": ["sensitive"], "sale": True}
    la = store(
        **business(sells_to_us_states=["LA"], revenue=usd(30_000_000)),
        collection={"items": items, "sensitive_kinds": ["precise_geolocation"]},
        use={"purposes": [{"purpose": "account", "categories": ["name", "email"]}]},
        payments={"processors": []},
        sharing={"recipients": [broker]},
        retention={"rules": []},
    )
    assert not needs(la, "ST-10", dt.date(2026, 12, 31))
    assert needs(la, "ST-10", dt.date(2027, 1, 1))


def test_eu_clauses_alone_do_not_cover_uk_data() -> None:
    scc_only = {"transfers": [{"destination": "US", "safeguard": "scc"}]}
    with_addendum = {
        "transfers": [
            {"destination": "US", "safeguard": "scc"},
            {"destination": "US", "safeguard": "uk_addendum"},
        ]
    }
    missing = {
        c.requirement.id
        for _, c in check_profile(store(**UK, international=scc_only), on=CHECK_DAY).missing
    }
    assert "UK-06" in missing
    text, covered = rendered(store(**UK, international=with_addendum))
    assert "UK-06" in covered
    assert "- To the United States: the UK Addendum to the standard contractual clauses." in text
