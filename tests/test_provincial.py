"""BC PIPA and Alberta PIPA: who they reach, and what the Canada section says for them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from law_stores import CHECK_DAY, based_in, business, store

from generator import laws
from generator.check import check_profile
from generator.compose import render_policy
from generator.countries import province_code
from generator.model import StoreProfile

OIPC_BC = "Office of the Information and Privacy Commissioner for British Columbia"
OIPC_AB = "Office of the Information and Privacy Commissioner of Alberta"
OPC = "Office of the Privacy Commissioner of Canada at <https://www.priv.gc.ca>"


def canada_section(profile: StoreProfile) -> str:
    """The Markdown of the 'If you are in Canada' section, up to the next section."""
    markdown = render_policy(profile).markdown
    found = re.search(r"^## \d+\. If you are in Canada\n(.*?)(?=^## \d+\.)", markdown, re.M | re.S)
    assert found, "the Canada section should render"
    return found.group(1)


def verdict(law_id: str, profile: StoreProfile) -> bool:
    return laws.applicable(profile)[law_id].applies


@pytest.mark.parametrize(
    ("region", "code"),
    [("BC", "BC"), ("B.C.", "BC"), ("british columbia", "BC"), ("Colombie-Britannique", "BC"),
     ("Alta.", "AB"), ("Alberta", "AB"), ("Québec", "QC"), ("ON", "ON"), ("Bavaria", None),
     (None, None), ("", None)],
)  # fmt: skip
def test_province_code_reads_how_addresses_spell_provinces(
    region: str | None, code: str | None
) -> None:
    assert province_code(region) == code


def test_a_bc_store_answers_to_bc_pipa_and_pipeda() -> None:
    bc = store(**based_in("BC"))
    assert verdict("bc_pipa", bc) and verdict("pipeda", bc)
    assert not verdict("alberta_pipa", bc)
    assert verdict("bc_pipa", store(**based_in("British Columbia")))


def test_an_ontario_store_answers_to_pipeda_alone() -> None:
    ontario = store(**based_in("ON"))
    assert verdict("pipeda", ontario)
    assert not verdict("bc_pipa", ontario) and not verdict("alberta_pipa", ontario)


def test_an_alberta_store_answers_to_alberta_pipa() -> None:
    alberta = store(**based_in("AB"))
    assert verdict("alberta_pipa", alberta) and not verdict("bc_pipa", alberta)


def test_selling_to_bc_from_elsewhere_does_not_bring_in_bc_pipa() -> None:
    # Collection across a border is PIPEDA's (PIPEDA exemption order SOR/2004-220).
    us_store = store(**business(sells_to_countries=["US", "CA"], sells_to_ca_provinces=["BC"]))
    assert verdict("pipeda", us_store)
    assert not verdict("bc_pipa", us_store)
    assert "not based in British Columbia" in laws.applicable(us_store)["bc_pipa"].reason


def test_a_bc_address_outside_canada_is_not_british_columbia() -> None:
    # A region spelled "BC" in another country's address is not the province.
    elsewhere = store(**business(address={"lines": ["1 Road"], "city": "X", "region": "BC",
                                          "country": "MX"}))  # fmt: skip
    assert not verdict("bc_pipa", elsewhere)


def test_bc_section_names_the_law_and_the_oipc_for_bc_customers() -> None:
    text = canada_section(store(**based_in("BC")))
    assert "British Columbia's Personal Information Protection Act governs" in text
    assert "people in other provinces and territories" in text
    assert f"If you live in British Columbia, you can then ask the {OIPC_BC}" in text
    assert "<https://www.oipc.bc.ca>" in text
    elsewhere = (
        "If you live elsewhere in Canada, or your concern is about personal information we "
        f"send outside British Columbia, you can complain to the {OPC}"
    )
    assert elsewhere in text
    assert "It explains how we meet the Personal Information" not in text


def test_ontario_section_has_no_provincial_commissioner() -> None:
    text = canada_section(store(**based_in("ON")))
    assert "Information and Privacy Commissioner" not in text
    assert "Personal Information Protection Act governs" not in text
    assert OPC in text


def test_alberta_section_names_the_oipc_alberta() -> None:
    text = canada_section(store(**based_in("AB")))
    assert f"If you live in Alberta, you can then ask the {OIPC_AB} at <https://oipc.ab.ca>" in text
    assert "British Columbia" not in text


ABROAD: dict[str, Any] = {
    "international": {
        "transfers": [
            {"destination": "CN", "safeguard": "provider_contract", "recipients": "our suppliers"},
            {"destination": "US", "safeguard": "provider_contract"},
        ]
    }
}


def test_alberta_names_the_countries_of_service_providers_outside_canada() -> None:
    profile = store(**based_in("AB", data_stored_in=["US"]), **ABROAD)
    text = canada_section(profile)
    assert "goes to service providers and other organizations outside Canada" in text
    assert "- The United States: where we store personal information." in text
    assert "- China: our suppliers." in text
    assert "written information about our policies and practices for service providers" in text
    assert "ABP-02" in {id_ for s in render_policy(profile).sections for id_ in s.covers}
    assert "You can ask us for written information" in text  # no privacy officer answered
    officer = {"name": "Privacy Officer", "email": "privacy@plainpaper.example"}
    with_officer = store(**based_in("AB", data_stored_in=["US"], privacy_officer=officer))
    assert "You can ask our privacy officer for written information" in canada_section(with_officer)


def test_alberta_data_kept_in_canada_has_no_outside_canada_statement() -> None:
    text = canada_section(store(**based_in("AB")))
    assert "service providers outside Canada" not in text
    assert "We store your personal information in Canada." in text


def test_bc_statement_is_only_for_alberta() -> None:
    text = canada_section(store(**based_in("BC", data_stored_in=["US"]), **ABROAD))
    assert "organizations outside Canada, in these countries" not in text


@pytest.mark.parametrize(
    ("province", "promise", "sentence"),
    [
        ("BC", None, "We answer within 30 business days, as the Act requires."),
        ("BC", 30, "We answer within 30 days, inside the 30 business days the Act allows."),
        ("BC", 42, "We answer within 42 days, inside the 30 business days the Act allows."),
        ("BC", 43, "The Act requires us to answer within 30 business days."),
        ("AB", None, "We answer within 45 days, as the Act requires."),
        ("AB", 45, "We answer within 45 days, inside the 45 days the Act allows."),
        ("AB", 46, "The Act requires us to answer within 45 days."),
    ],
)
def test_the_response_time_words_the_store_promise_and_the_act(
    province: str, promise: int | None, sentence: str
) -> None:
    rights = {"rights": {"response_days": promise}} if promise else {}
    profile = store(**based_in(province), **rights)
    text = canada_section(profile)
    assert sentence in text
    slow = "answers-slower-than-law" in {
        f.rule for f in check_profile(profile, on=CHECK_DAY).findings
    }
    assert slow == (sentence.startswith("The Act requires"))


def test_the_slow_promise_finding_names_the_requirement_and_the_fix() -> None:
    report = check_profile(store(**based_in("BC"), rights={"response_days": 60}), on=CHECK_DAY)
    finding = next(f for f in report.findings if f.rule == "answers-slower-than-law")
    assert finding.requirement == "BCP-03"
    assert "within 60 days" in finding.message and "30 business days" in finding.message
    assert "42 or fewer" in finding.fix
    assert finding.sections, "the Canada section words BCP-03"


@pytest.mark.parametrize(
    ("province", "law_id", "extra"),
    [("BC", "bc_pipa", {}), ("AB", "alberta_pipa", {"data_stored_in": ["US"]})],
)
def test_every_provincial_requirement_is_met_by_a_complete_store(
    province: str, law_id: str, extra: dict[str, Any]
) -> None:
    officer = {"name": "Privacy Officer", "email": "privacy@plainpaper.example"}
    profile = store(**based_in(province, privacy_officer=officer, **extra))
    report = check_profile(profile, on=CHECK_DAY)
    result = next(law for law in report.laws if law.law_id == law_id)
    ids = {c.requirement.id for c in result.coverage}
    assert ids == {r.id for r in laws.LAWS[law_id].requirements}
    assert result.missing == []


def test_without_a_privacy_officer_the_provincial_officer_duty_is_missing() -> None:
    report = check_profile(store(**based_in("BC")), on=CHECK_DAY)
    assert {c.requirement.id for _, c in report.missing} >= {"BCP-01"}


def test_a_store_based_in_quebec_is_reached_however_the_address_spells_it() -> None:
    # P-39.1 s.1: an enterprise in Québec, even one that sells only to Ontario.
    for spelling in ("QC", "Québec", "Quebec"):
        assert verdict("quebec", store(**based_in(spelling, sells_to_ca_provinces=["ON"])))
    assert not verdict("quebec", store(**based_in("ON", sells_to_ca_provinces=["ON"])))


def test_albertas_outside_canada_duty_dates_from_may_2010() -> None:
    # Personal Information Protection Amendment Act, 2009, in force May 1, 2010.
    abroad = store(**based_in("AB", data_stored_in=["US"]))
    duty = laws.requirement("ABP-02")
    assert duty.needed_for(abroad, dt.date(2010, 5, 1))
    assert not duty.needed_for(abroad, dt.date(2010, 4, 30))
