"""Each law's applicability, just inside and just outside its threshold, and the registry."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from law_stores import AD_RECIPIENT, GB_REP, business, dated, money, store, usd

from generator import laws
from generator.laws import ccpa, lgpd, us_states
from generator.model import StoreProfile

# The requirement list to build to, kept beside the repository (optional in a plain clone).
REQUIREMENTS_MD = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "legal" / "requirements-2026.md"
)
LAW_IDS = {
    "caloppa", "ccpa", "shine_the_light", "us_states", "rhode_island", "colorado_biometric",
    "nevada", "delaware", "washington_health", "gdpr", "uk_gdpr", "eu_ai_act",
    "california_bots", "coppa", "can_spam", "tcpa", "casl", "pipeda", "quebec", "lgpd",
    "australia", "spam_act", "bc_pipa", "alberta_pipa", "new_zealand", "swiss_fadp",
}  # fmt: skip
# Laws added after requirements-2026.md was written: their ids are ours alone.
BEYOND_THE_SOURCE = {"new_zealand", "swiss_fadp", "bc_pipa", "alberta_pipa"}
# Rows whose one "from" date covers only part of the duty; the rest is in ``needed``.
PARTLY_DATED = {"CCPA-26", "ST-16"}


def applies(law_id: str, profile: StoreProfile) -> bool:
    return laws.applicable(profile)[law_id].applies


def test_every_law_id_is_present_with_a_reason() -> None:
    verdicts = laws.applicable(store())
    assert set(verdicts) == LAW_IDS == set(laws.LAWS)
    assert all(v.reason.endswith(".") for v in verdicts.values())


def legal_rows() -> dict[str, tuple[str, str]]:
    """requirements-2026.md's rows: id -> (type, applies when); skips when the file is absent."""
    if not REQUIREMENTS_MD.exists():
        pytest.skip(f"{REQUIREMENTS_MD} is not here (it lives outside the repository)")
    row = re.compile(r"^\| ([A-Z]+-\d\d) \| ([^|]+) \|.*\| ([^|]+) \|$", re.M)
    text = REQUIREMENTS_MD.read_text(encoding="utf-8")
    return {m[1]: (m[2].strip(), m[3].strip()) for m in row.finditer(text)}


def test_requirement_ids_match_the_legal_source() -> None:
    source = legal_rows()
    ours = [i for i in laws.requirement_ids() if laws.requirement(i).law not in BEYOND_THE_SOURCE]
    assert sorted(source) == sorted(ours)
    assert len(source) == len(re.findall(r"^\| [A-Z]+-\d\d \|", REQUIREMENTS_MD.read_text(), re.M))


def test_each_requirement_has_its_type_cite_and_start_date() -> None:
    for id_, (kind, when) in legal_rows().items():
        r = laws.requirement(id_)
        assert r.kind == kind, id_
        assert r.cite and r.text and r.fix, id_
        dates = re.findall(r"from (\d{4}-\d\d-\d\d)", when)
        if len(dates) == 1 and id_ not in PARTLY_DATED:
            law = laws.LAWS[r.law]
            starts = {d.isoformat() for d in (r.since, law.in_force) if d}
            assert dates[0] in starts, (id_, dates, starts)


def test_requirement_lookup() -> None:
    assert laws.requirement("CCPA-01").law == "ccpa"
    with pytest.raises(KeyError, match="NOPE-1"):
        laws.requirement("NOPE-1")


# ---- CalOPPA -------------------------------------------------------------------------------


def test_caloppa_needs_california_customers() -> None:
    assert applies("caloppa", store(**business(sells_to_us_states=["CA", "NY"])))
    assert not applies("caloppa", store(**business(sells_to_us_states=["NY"])))


# ---- CCPA ----------------------------------------------------------------------------------


def test_ccpa_revenue_threshold_2026() -> None:
    assert not applies("ccpa", store(**business(revenue=usd(26_625_000))))
    assert applies("ccpa", store(**business(revenue=usd(26_625_001))))


def test_ccpa_revenue_threshold_before_2025_adjustment() -> None:
    old = {**business(revenue=usd(25_000_001)), **dated("2024-06-01")}
    assert applies("ccpa", store(**old))
    assert ccpa.revenue_threshold(store(**dated("2024-06-01")).policy.updated) == 25_000_000


def test_ccpa_consumer_threshold_needs_selling_or_sharing() -> None:
    sharing = {"sharing": {"recipients": [AD_RECIPIENT]}}
    counts = {"consumers_by_state": {"CA": 100_000}}
    assert applies("ccpa", store(**business(**counts), **sharing))
    assert not applies("ccpa", store(**business(consumers_by_state={"CA": 99_999}), **sharing))
    assert not applies("ccpa", store(**business(**counts)))


def test_ccpa_revenue_share_threshold() -> None:
    recipient = {**AD_RECIPIENT, "sale": True}
    sells = {"sharing": {"recipients": [recipient]}}
    assert applies("ccpa", store(**business(revenue_share_from_selling_data=50), **sells))
    assert not applies("ccpa", store(**business(revenue_share_from_selling_data=49), **sells))


def test_ccpa_not_before_it_took_effect() -> None:
    big = business(revenue=usd(90_000_000))
    assert applies("ccpa", store(**big, **dated("2020-01-01")))
    verdict = laws.applicable(store(**big, **dated("2019-12-31")))["ccpa"]
    assert not verdict.applies
    assert "took effect on January 1, 2020" in verdict.reason


# ---- Shine the Light -----------------------------------------------------------------------


def test_shine_the_light_employee_threshold() -> None:
    partner = {
        "kind": "marketing_partner",
        "categories": ["name", "email"],
        "use": "own_marketing",
    }
    sharing = {"sharing": {"recipients": [partner]}}
    assert applies("shine_the_light", store(**business(employees=20), **sharing))
    assert not applies("shine_the_light", store(**business(employees=19), **sharing))
    assert not applies("shine_the_light", store(**business(employees=20)))


# ---- US states -----------------------------------------------------------------------------


def scope(profile: StoreProfile) -> tuple[str, ...]:
    return laws.applicable(profile)["us_states"].scope


def test_virginia_consumer_threshold_by_state() -> None:
    inside = business(consumers_per_year=100_000, sells_to_us_states=["VA"])
    outside = business(consumers_per_year=99_999, sells_to_us_states=["VA"])
    assert scope(store(**inside)) == ("Virginia",)
    assert not applies("us_states", store(**outside))


def test_per_state_counts_win_over_the_total() -> None:
    split = business(consumers_per_year=500_000, consumers_by_state={"VA": 10, "CO": 100_000})
    assert "Virginia" not in scope(store(**split))
    assert "Colorado" in scope(store(**split))


def test_connecticut_threshold_changes_on_july_1_2026() -> None:
    ct = business(consumers_per_year=35_000, sells_to_us_states=["CT"])
    assert scope(store(**ct, **dated("2026-07-01"))) == ("Connecticut",)
    assert not applies("us_states", store(**ct, **dated("2026-06-30")))
    assert not applies(
        "us_states",
        store(**business(consumers_per_year=34_999, sells_to_us_states=["CT"])),
    )


def test_texas_covers_any_business_that_is_not_small() -> None:
    tx = {"sells_to_us_states": ["TX"], "consumers_per_year": 10}
    assert scope(store(**business(sba_small_business=False, **tx))) == ("Texas",)
    assert not applies("us_states", store(**business(sba_small_business=True, **tx)))


def test_utah_needs_revenue_and_consumers() -> None:
    ut = {"sells_to_us_states": ["UT"], "consumers_per_year": 100_000}
    assert scope(store(**business(revenue=usd(25_000_000), **ut))) == ("Utah",)
    assert not applies("us_states", store(**business(revenue=usd(24_999_999), **ut)))


def test_reduced_threshold_with_sale_revenue() -> None:
    seller = {"sharing": {"recipients": [{**AD_RECIPIENT, "sale": True}]}}
    base = {"sells_to_us_states": ["OR"], "consumers_per_year": 25_000}
    assert applies(
        "us_states", store(**business(revenue_share_from_selling_data=25, **base), **seller)
    )
    assert not applies(
        "us_states", store(**business(revenue_share_from_selling_data=24, **base), **seller)
    )


def test_state_table_rows_are_unique_per_state_and_date() -> None:
    keys = [(t.state, t.since) for t in us_states.STATE_TESTS]
    assert len(keys) == len(set(keys))


# ---- GDPR and UK GDPR ----------------------------------------------------------------------


def test_gdpr_follows_sales_to_the_eea() -> None:
    assert applies("gdpr", store(**business(sells_to_countries=["US", "DE"])))
    assert not applies("gdpr", store(**business(sells_to_countries=["US", "CH"])))
    assert applies("gdpr", store(**business(established_in=["US", "IE"])))


def test_gdpr_not_before_may_25_2018() -> None:
    eu = business(sells_to_countries=["FR"])
    assert applies("gdpr", store(**eu, **dated("2018-05-25")))
    assert not applies("gdpr", store(**eu, **dated("2018-05-24")))


def test_uk_gdpr_follows_the_uk() -> None:
    assert applies(
        "uk_gdpr", store(**business(sells_to_countries=["GB"], uk_representative=GB_REP))
    )
    assert not applies("uk_gdpr", store(**business(sells_to_countries=["IE"])))


# ---- COPPA and CAN-SPAM --------------------------------------------------------------------


def test_coppa_is_full_for_child_directed_sites() -> None:
    kids: dict[str, Any] = {
        "children": {"directed_to_children": True, "minimum_age": 8},
    }
    profile = store(**kids)
    assert "directed to children" in laws.applicable(profile)["coppa"].reason
    needed = [r.id for r in laws.LAWS["coppa"].requirements if r.needed_for(profile)]
    assert needed == ["COPPA-01", "COPPA-03", "COPPA-04"]
    # 16 CFR §312.3: a general-audience store without actual knowledge is outside COPPA.
    assert not applies("coppa", store())
    assert applies("coppa", store(children={"knows_of_child_users": True}))
    assert not applies("coppa", store(**business(sells_to_countries=["FR"], established_in=["FR"])))


def test_can_spam_needs_marketing_email() -> None:
    email = {"marketing": {"channels": ["email"]}}
    assert applies("can_spam", store(**email))
    assert not applies("can_spam", store(marketing={"channels": ["postal"]}))


# ---- Canada, Brazil, Australia -------------------------------------------------------------


def test_pipeda_follows_canada() -> None:
    assert applies("pipeda", store(**business(sells_to_countries=["US", "CA"])))
    assert not applies("pipeda", store())


def test_lgpd_and_its_dpo_threshold() -> None:
    br = {"sells_to_countries": ["BR"]}
    assert applies("lgpd", store(**business(**br)))
    assert not applies("lgpd", store())
    small = store(**business(revenue=money(lgpd.SMALL_AGENT_REVENUE, "BRL"), **br))
    large = store(**business(revenue=money(lgpd.SMALL_AGENT_REVENUE + 1, "BRL"), **br))
    assert not laws.requirement("LGPD-02").needed_for(small)
    assert laws.requirement("LGPD-02").needed_for(large)


def test_australia_small_business_exemption() -> None:
    au = {"sells_to_countries": ["AU"]}
    assert applies("australia", store(**business(revenue=money(3_000_001, "AUD"), **au)))
    assert not applies("australia", store(**business(revenue=money(3_000_000, "AUD"), **au)))
    seller = {"sharing": {"recipients": [{**AD_RECIPIENT, "sale": True}]}}
    assert applies("australia", store(**business(revenue=usd(10), **au), **seller))


def test_unnamed_states_get_only_the_unassigned_consumers() -> None:
    split = business(consumers_per_year=120_000, consumers_by_state={"CA": 100_000})
    assert "Virginia" not in scope(store(**split))
    assert "Virginia" in scope(store(**business(consumers_per_year=120_000)))
