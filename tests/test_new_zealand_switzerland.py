"""New Zealand's Privacy Act 2020 and the Swiss FADP: who they reach, what their sections
say, and that the law's answer times and the store's own agree."""

from __future__ import annotations

from typing import Any

import pytest
from law_stores import CHECK_DAY, business, store
from test_interview import _run

from generator import laws
from generator.check import check_profile
from generator.compose import render_policy
from generator.laws import swiss_fadp
from generator.model import StoreProfile


def applies(law_id: str, profile: StoreProfile) -> bool:
    return laws.applicable(profile)[law_id].applies


def section(profile: StoreProfile, anchor: str) -> str:
    """The Markdown of one numbered section, by its clause name ('' when it is not there)."""
    doc = render_policy(profile)
    parts = doc.markdown.split("\n## ")[1:]
    for s, text in zip(doc.sections, parts, strict=False):
        if s.clause == anchor:
            return text
    return ""


def checked(profile: StoreProfile) -> dict[str, Any]:
    """Requirement id -> 'ok' or 'missing'; finding rule -> its requirement."""
    report = check_profile(profile, on=CHECK_DAY)
    rows: dict[str, Any] = {
        c.requirement.id: "missing" if c.missing else "ok"
        for law in report.laws
        for c in law.coverage
    }
    rows.update({f.rule: f.requirement for f in report.findings})
    return rows


NZ_BASED = business(
    address={"lines": ["55 Manchester Street"], "city": "Christchurch",
             "postal_code": "8011", "country": "NZ"},
    established_in=["NZ"], sells_to_countries=["NZ", "US"], data_stored_in=["NZ"],
)  # fmt: skip
SELLS_TO_NZ = business(sells_to_countries=["US", "NZ"])
SELLS_TO_CH = business(sells_to_countries=["US", "CH"])
DPF_US = {"international": {"transfers": [{"destination": "US", "safeguard": "dpf"}]}}


# ---- who they reach ------------------------------------------------------------------------


def test_new_zealand_reaches_a_new_zealand_agency_for_everyone() -> None:
    verdict = laws.applicable(store(**NZ_BASED))["new_zealand"]
    assert verdict.applies and "s.4(1)(a)" in verdict.reason
    assert verdict.facts["everyone"] is True


def test_new_zealand_reaches_an_overseas_store_selling_there() -> None:
    verdict = laws.applicable(store(**SELLS_TO_NZ))["new_zealand"]
    assert verdict.applies and "s.4(1)(b)" in verdict.reason
    assert verdict.facts["everyone"] is False


def test_new_zealand_does_not_reach_a_store_that_only_tracks_visitors_from_there() -> None:
    tracking = {"cookies": {"kinds": ["strictly_necessary", "analytics"]}}
    assert not applies("new_zealand", store(**business(visitors_tracked_in=["NZ"]), **tracking))
    assert not applies("new_zealand", store(**business(sells_to_countries=["US", "AU"])))


def test_new_zealand_not_before_the_act() -> None:
    early = store(**SELLS_TO_NZ, policy={"effective_date": "2020-11-30"})
    assert not applies("new_zealand", early)
    assert applies("new_zealand", store(**SELLS_TO_NZ, policy={"effective_date": "2020-12-01"}))


def test_swiss_fadp_reaches_sales_and_tracking_that_have_an_effect_in_switzerland() -> None:
    assert applies("swiss_fadp", store(**SELLS_TO_CH))
    tracking = {"cookies": {"kinds": ["strictly_necessary", "analytics"]}}
    assert applies("swiss_fadp", store(**business(visitors_tracked_in=["CH"]), **tracking))
    assert not applies("swiss_fadp", store(**business(visitors_tracked_in=["CH"])))
    assert not applies("swiss_fadp", store(**business(sells_to_countries=["US", "DE"])))


def test_swiss_fadp_not_before_the_revised_act() -> None:
    assert not applies("swiss_fadp", store(**SELLS_TO_CH, policy={"effective_date": "2023-08-31"}))


# ---- what the sections say -----------------------------------------------------------------


def test_a_store_without_new_zealand_or_swiss_links_prints_neither() -> None:
    markdown = render_policy(store()).markdown
    for words in ("New Zealand", "Switzerland", "FDPIC", "Privacy Commissioner", "working days"):
        assert words not in markdown


def test_the_new_zealand_section_covers_every_requirement_and_names_the_commissioner() -> None:
    profile = store(**NZ_BASED, **DPF_US)
    text = section(profile, "new-zealand")
    assert "covers all the personal information we hold, wherever you live" in text
    assert "Tinkerbird" not in text and "Plain Paper Co." in text
    assert "20 working days" in text and "https://www.privacy.org.nz" in text
    # Stored in New Zealand, sent to the United States: only the US is overseas.
    assert "outside New Zealand, in the United States." in text
    rows = checked(profile)
    assert {rows[i] for i in ("NZ-01", "NZ-03", "NZ-04", "NZ-05")} == {"ok"}


def test_a_store_kept_in_new_zealand_says_so() -> None:
    profile = store(**NZ_BASED)
    assert "we keep your personal information in New Zealand" in section(profile, "new-zealand")
    assert "NZ-03" not in checked(profile)


def test_ipp_3a_names_information_from_others_from_may_2026() -> None:
    bought = {"category": "device_and_log", "sources": ["automatic", "data_brokers"]}
    items = [*store().model_dump(mode="json")["collection"]["items"][:-1], bought]
    profile = store(**SELLS_TO_NZ, collection={"items": items})
    text = section(profile, "new-zealand")
    assert "comes from someone else: your device and log data" in text
    assert "IP address), from data brokers." in text
    assert checked(profile)["NZ-02"] == "ok"
    before = store(
        **SELLS_TO_NZ, collection={"items": items}, policy={"effective_date": "2026-04-30"}
    )
    assert "comes from someone else" not in section(before, "new-zealand")
    assert checked(before)["NZ-02"] == "missing"  # checked after 1 May 2026: re-date it


def test_the_swiss_section_names_the_stores_own_destination_countries() -> None:
    transfers = [
        {"destination": "US", "safeguard": "dpf"},
        {"destination": "IN", "safeguard": "scc"},
        {"destination": "JP", "safeguard": "adequacy"},
    ]
    profile = store(
        **business(sells_to_countries=["US", "CH"], data_stored_in=["DE", "US"]),
        international={"transfers": transfers},
    )
    text = section(profile, "switzerland")
    assert (
        "outside Switzerland: to Germany, which the Federal Council lists as giving adequate "
        "data protection; to the United States, for recipients certified under the Swiss-U.S. "
        "Data Privacy Framework" in text
    )
    assert "; to India, protected by standard contractual clauses recognised by the FDPIC;" in text
    # The EU's adequacy decision for Japan is not on the Swiss list: named, without a tool.
    assert "; to Japan." in text
    assert swiss_fadp.unprotected(profile) == ("JP",)
    rows = checked(profile)
    assert rows["CH-02"] == "missing"
    assert rows["transfer-without-swiss-safeguard"] == "CH-02"


def test_the_us_is_adequate_for_switzerland_only_from_the_swiss_us_dpf() -> None:
    before = store(**SELLS_TO_CH, **DPF_US, policy={"effective_date": "2024-09-14"})
    after = store(**SELLS_TO_CH, **DPF_US, policy={"effective_date": "2024-09-15"})
    assert swiss_fadp.unprotected(before) == ("US",)
    assert swiss_fadp.unprotected(after) == ()


def test_the_swiss_section_covers_its_requirements() -> None:
    profile = store(**SELLS_TO_CH, **DPF_US)
    text = section(profile, "switzerland")
    assert "This section is for people in Switzerland." in text
    assert "we answer within 30 days" in text and "https://www.edoeb.admin.ch" in text
    rows = checked(profile)
    assert {rows[i] for i in ("CH-01", "CH-02", "CH-04", "CH-05")} == {"ok"}
    assert "CH-03" not in rows  # no sign of high risk, and no representative named


REP = {"name": "Vertretung Nord AG", "contact": {"email": "rep@vertretung.example"}}
ADDRESS = {"lines": ["Bahnhofstrasse 1"], "city": "Zürich", "postal_code": "8001", "country": "CH"}


def test_a_swiss_representative_is_asked_for_where_risk_shows_and_published_with_address() -> None:
    sensitive = {"items": [*store().model_dump(mode="json")["collection"]["items"],
                           {"category": "sensitive"}], "sensitive_kinds": ["health"]}  # fmt: skip
    risky = store(**SELLS_TO_CH, **DPF_US, collection=sensitive)
    assert swiss_fadp.high_risk_signs(risky) == ("collects sensitive personal data",)
    row = next(c for law in check_profile(risky, on=CHECK_DAY).laws for c in law.coverage
               if c.requirement.id == "CH-03")  # fmt: skip
    assert row.missing and "business.swiss_representative" in row.fix
    # Named without an address: Art 14(3) publishes the address, so still not met.
    named = store(**business(sells_to_countries=["US", "CH"], swiss_representative=REP), **DPF_US)
    assert "Vertretung Nord AG" in section(named, "switzerland")
    assert checked(named)["CH-03"] == "missing"
    full = {**REP, "contact": {**REP["contact"], "postal": ADDRESS}}
    done = store(**business(sells_to_countries=["US", "CH"], swiss_representative=full), **DPF_US)
    assert "Vertretung Nord AG, Bahnhofstrasse 1" in section(done, "switzerland")
    assert checked(done)["CH-03"] == "ok"


def test_the_wizard_offers_the_swiss_representative_only_to_foreign_stores_selling_there() -> None:
    french = _run(
        {"Which countries do you sell to?": ["FR, CH"], "Country (two-letter code)": ["FR"]}
    )
    swiss = _run({"Which countries do you sell to?": ["CH"], "Country (two-letter code)": ["CH"]})
    american = _run({})
    question = "Do you have a representative in Switzerland?"

    def offered(interview: Any) -> bool:
        return any(question in line for line in interview.prompter.said + interview.prompter.asked)

    assert offered(french)
    assert not offered(swiss) and not offered(american)


# ---- answer times --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sells", "days", "phrase", "rule_requirement"),
    [
        (["US", "NZ"], 45, "within 45 days, and within 20 working days where New Zealand's", "NZ-04"),
        (["US", "NZ"], 28, None, None),
        (["US", "CH"], 31, "within 31 days, and within 30 days where the Swiss FADP applies", "CH-04"),
        (["US", "CH"], 30, None, None),
    ],
)  # fmt: skip
def test_a_promise_longer_than_the_law_is_a_finding_and_the_law_is_named(
    sells: list[str], days: int, phrase: str | None, rule_requirement: str | None
) -> None:
    profile = store(**business(sells_to_countries=sells), **DPF_US, rights={"response_days": days})
    rights = section(profile, "your-choices-and-rights")
    assert f"We answer requests within {days} days" in rights
    if phrase:
        assert phrase in rights
    else:
        assert "working days" not in rights and "Swiss FADP applies" not in rights
    assert checked(profile).get("answers-slower-than-law") == rule_requirement


def test_an_eu_store_promising_a_month_names_the_swiss_30_days() -> None:
    french = business(
        address={"lines": ["14 quai Perrache"], "city": "Lyon", "postal_code": "69002",
                 "country": "FR"},
        sells_to_countries=["FR", "CH"],
    )  # fmt: skip
    profile = store(**french, rights={"response_days": 30})
    rights = section(profile, "your-choices-and-rights")
    assert "We answer requests within one month, and within 30 days where the Swiss FADP" in rights
    assert "answers-slower-than-law" not in checked(profile)


def test_a_childs_details_given_by_a_parent_are_collected_from_someone_else() -> None:
    # IPP 3A and FADP Art 19(3): the child is told that the details came from the parent.
    child = {"category": "child_profile", "sources": ["parent_or_guardian"]}
    items = [*store().model_dump(mode="json")["collection"]["items"], child]
    profile = store(
        **business(sells_to_countries=["US", "NZ", "CH"]),
        **DPF_US,
        collection={"items": items},
        use={"purposes": [{"purpose": "account", "categories": ["child_profile"]}]},
    )
    assert "from a child's parent or guardian." in section(profile, "new-zealand")
    assert "from a child's parent or guardian." in section(profile, "switzerland")
    rows = checked(profile)
    assert rows["NZ-02"] == rows["CH-06"] == "ok"


def test_a_swiss_business_needs_no_representative_and_is_not_told_it_is_abroad() -> None:
    swiss = business(
        address={"lines": ["Bahnhofstrasse 1"], "city": "Zürich", "postal_code": "8001",
                 "country": "CH"},
        sells_to_countries=["CH", "US"],
        swiss_representative=REP,
    )  # fmt: skip
    profile = store(**swiss, **DPF_US)
    text = section(profile, "switzerland")
    assert "explains what the Swiss Federal Act on Data Protection (FADP) asks" in text
    assert "This section is for people in Switzerland." not in text
    assert not swiss_fadp.needs_representative(profile)
    assert "Vertretung Nord AG" not in text  # Art 14 is for controllers seated abroad
    assert "outside Switzerland: to the United States, for recipients certified" in text


def test_nz_overseas_disclosure_is_not_claimed_for_recipients_bound_by_their_own_terms() -> None:
    # Saltbush: ad platforms bound only by their own terms, yet the policy said it discloses
    # overseas only as IPP 12 allows.
    ads = {"destination": "US", "safeguard": "recipient_terms", "recipients": "Meta"}
    profile = store(**NZ_BASED, international={"transfers": [ads]})
    words = section(profile, "new-zealand")
    assert "only where the Privacy Act allows" not in words
    assert (
        "Some organisations that receive it in the United States are bound only by their own "
        "terms, which may not protect it in ways comparable to New Zealand law." in words
    )
    assert checked(profile)["NZ-03"] == "missing"
    contract = {**ads, "safeguard": "provider_contract"}
    profile = store(**NZ_BASED, international={"transfers": [contract]})
    assert "only where the Privacy Act allows" in section(profile, "new-zealand")
    assert checked(profile)["NZ-03"] == "ok"
