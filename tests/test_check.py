"""`policygen check`: coverage from what rendered, the consistency rules, and the command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import example_paths
from law_stores import (
    AD_RECIPIENT,
    CHECK_DAY,
    EVERYTHING,
    answers,
    business,
    deep_merge,
    everything,
    store,
    usd,
)

from generator.answers import load_profile, profile_from_answers
from generator.check import check_profile, consistency, render_reports
from generator.cli import main
from generator.laws import applicable
from generator.model import StoreProfile


def missing_ids(profile: StoreProfile) -> set[str]:
    return {c.requirement.id for _, c in check_profile(profile, on=CHECK_DAY).missing}


def rules_hit(profile: StoreProfile) -> set[str]:
    return {f.rule for f in consistency(profile, applicable(profile))}


LIGHT_CONSENT = {
    "directed_to_children": True,
    "minimum_age": 6,
    "child_data": ["name"],
    "consent_ways": ["text_plus"],
    "parental_consent_method": "A code by text message, then a confirming email.",
}


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_checks_clean(path: Path) -> None:
    # The examples are dated 2026-12-02 and checked on that day, as CI does with --as-of.
    report = check_profile(load_profile(path), source=str(path), on=CHECK_DAY)
    assert report.missing == []
    assert [f.rule for f in report.findings] == []


def test_store_under_every_law_is_clean() -> None:
    report = check_profile(everything(), on=CHECK_DAY)
    applying = {law.law_id for law in report.laws if law.applicability.applies}
    assert applying == {
        "caloppa", "ccpa", "us_states", "rhode_island", "nevada", "delaware", "gdpr", "uk_gdpr",
        "pipeda", "quebec", "lgpd", "australia", "new_zealand", "swiss_fadp",
    }  # fmt: skip
    assert report.clean, render_reports([report], "text")


# ---- removing one answer reports exactly the requirement it served -------------------------


def without(path: str) -> StoreProfile:
    """The everything-store with one answer (a dotted path) removed."""
    data: dict[str, Any] = deep_merge(answers(**EVERYTHING), {})
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[key]
    del node[last]
    return profile_from_answers(data)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("business.eu_representative", {"GDPR-14"}),
        ("business.uk_representative", {"UK-01"}),
        ("business.privacy_officer", {"PIP-01", "QC-01"}),
        ("business.dpo", {"LGPD-02"}),
    ],
)
def test_removing_an_answer_reports_its_requirement(answer: str, expected: set[str]) -> None:
    assert missing_ids(without(answer)) == expected


def test_purpose_without_legal_basis_misses_gdpr_03() -> None:
    data = deep_merge(answers(**EVERYTHING), {})
    del data["use"]["purposes"][0]["legal_basis"]
    assert missing_ids(profile_from_answers(data)) == {"GDPR-03"}


def test_legitimate_interest_unexplained_misses_gdpr_04() -> None:
    data = deep_merge(answers(**EVERYTHING), {})
    del data["use"]["purposes"][2]["legitimate_interest"]
    assert missing_ids(profile_from_answers(data)) == {"GDPR-04"}


def test_no_authorized_agents_misses_ccpa_12() -> None:
    assert missing_ids(everything(rights={"authorized_agents": False})) == {"CCPA-12"}


def test_no_appeals_misses_st_05() -> None:
    assert missing_ids(everything(rights={"appeals": False})) == {"ST-05"}


def test_ignoring_gpc_misses_both_signal_requirements() -> None:
    assert missing_ids(everything(cookies={"global_privacy_control": False})) == {
        "CCPA-13",
        "CCPA-22",
        "ST-07",
    }


def test_no_opt_out_right_misses_st_06() -> None:
    rights = ["access", "correct", "delete", "portability", "opt_out_sale_sharing"]
    assert missing_ids(everything(rights={"rights": rights})) == {"ST-06"}


def test_removing_transfers_misses_gdpr_06_and_flags_it() -> None:
    data = deep_merge(answers(**EVERYTHING), {})
    del data["international"]["transfers"]
    profile = profile_from_answers(data)
    # Switzerland lists the US as adequate only for recipients certified under the DPF.
    assert missing_ids(profile) == {"GDPR-06", "UK-06", "CH-02"}
    assert "transfer-without-safeguard" in rules_hit(profile)
    assert "transfer-without-swiss-safeguard" in rules_hit(profile)


def test_an_adequacy_decision_the_eu_never_adopted_is_no_transfer_tool() -> None:
    def sent(country: str, safeguard: str) -> StoreProfile:
        return everything(
            business={"sells_to_countries": ["US", "DE"], "data_stored_in": ["DE"]},
            international={"transfers": [{"destination": country, "safeguard": safeguard}]},
        )

    us = sent("US", "adequacy")
    found = [f for f in consistency(us, applicable(us)) if f.rule == "transfer-without-safeguard"]
    assert len(found) == 1 and "Data Privacy Framework" in found[0].message
    assert "to dpf, scc or bcr" in found[0].fix
    assert "transfer-without-safeguard" in rules_hit(sent("BR", "adequacy"))
    assert "transfer-without-safeguard" not in rules_hit(sent("JP", "adequacy"))
    assert "transfer-without-safeguard" not in rules_hit(sent("US", "dpf"))


# ---- consistency rules: one store that triggers each, one that does not --------------------

MODERN_CA = {"policy": {"effective_date": "2026-01-01"}}
EU = business(sells_to_countries=["US", "DE"])


@pytest.mark.parametrize(
    ("rule", "triggers", "clean"),
    [
        (
            "ads-without-sharing",
            {"cookies": {"kinds": ["strictly_necessary", "advertising"]}},
            {
                "cookies": {"kinds": ["strictly_necessary", "advertising"]},
                "sharing": {"recipients": [AD_RECIPIENT]},
            },
        ),
        (
            "transfer-without-safeguard",
            EU,
            {**EU, "international": {"transfers": [{"destination": "US", "safeguard": "scc"}]}},
        ),
        (
            "indefinite-retention",
            {
                **EU,
                "retention": {"rules": [{"categories": ["email"], "basis": "indefinite"}]},
            },
            {"retention": {"rules": [{"categories": ["email"], "basis": "indefinite"}]}},
        ),
        (
            "email-without-unsubscribe",
            {"marketing": {"channels": ["email"], "unsubscribe": {"link_in_message": False}}},
            {"marketing": {"channels": ["email"]}},
        ),
        (
            "sms-without-stop",
            {"marketing": {"channels": ["sms"]}},
            {"marketing": {"channels": ["sms"], "unsubscribe": {"reply_stop": True}}},
        ),
        (
            "sms-without-consent",
            {
                "marketing": {
                    "channels": ["sms"],
                    "consent": "opt_out",
                    "unsubscribe": {"reply_stop": True},
                }
            },
            {"marketing": {"channels": ["sms"], "unsubscribe": {"reply_stop": True}}},
        ),
        (
            "retention-not-specific",
            {**business(revenue=usd(30_000_000)), "retention": {"rules": []}},
            {
                **business(revenue=usd(30_000_000)),
                "retention": {
                    "rules": [],
                    "default_criteria": "We delete everything else 2 years after your last order.",
                },
            },
        ),
        (
            "child-age-without-consent",
            {"children": {"minimum_age": 10}},
            {"children": {"minimum_age": 10, "parental_consent_method": "A signed form."}},
        ),
        (
            "light-parental-consent",
            {"children": {**LIGHT_CONSENT, "made_public": "A parent can open the gallery."}},
            {"children": {**LIGHT_CONSENT, "consent_ways": ["signed_form", "text_plus"]}},
        ),
        (
            "sale-without-opt-out",
            {
                **business(revenue=usd(30_000_000)),
                "sharing": {"recipients": [AD_RECIPIENT]},
                "rights": {"rights": ["access", "delete"]},
            },
            {
                **business(revenue=usd(30_000_000)),
                "sharing": {"recipients": [AD_RECIPIENT]},
            },
        ),
        (
            "cookies-without-consent",
            {**EU, "cookies": {"kinds": ["strictly_necessary", "analytics"]}},
            {
                **EU,
                "cookies": {"kinds": ["strictly_necessary", "analytics"], "consent_banner": True},
            },
        ),
        (
            "cookies-without-consent",
            {
                **EU,
                "cookies": {
                    "kinds": ["strictly_necessary", "analytics"],
                    "consent_banner": True,
                    "banner_for": ["quebec"],
                },
            },
            {
                **EU,
                "cookies": {
                    "kinds": ["strictly_necessary", "analytics"],
                    "consent_banner": True,
                    "banner_for": ["eea", "quebec"],
                },
            },
        ),
        (
            "casl-opt-out-email",
            {
                **business(sells_to_countries=["CA"]),
                "marketing": {"channels": ["email"], "consent": "opt_out"},
            },
            {
                **business(sells_to_countries=["CA"]),
                "marketing": {
                    "channels": ["email"],
                    "consent": "opt_out",
                    "existing_customers": True,
                },
            },
        ),
        (
            "slow-opt-out",
            {"marketing": {"channels": ["email"], "opt_out_days": 11}},
            {"marketing": {"channels": ["email"], "opt_out_days": 10}},
        ),
        (
            "transfer-without-swiss-safeguard",
            {
                **business(sells_to_countries=["US", "CH"]),
                "international": {
                    "transfers": [{"destination": "US", "safeguard": "provider_contract"}]
                },
            },
            {
                **business(sells_to_countries=["US", "CH"]),
                "international": {"transfers": [{"destination": "US", "safeguard": "dpf"}]},
            },
        ),
        (
            "answers-slower-than-law",
            {**business(sells_to_countries=["US", "NZ"]), "rights": {"response_days": 29}},
            {**business(sells_to_countries=["US", "NZ"]), "rights": {"response_days": 28}},
        ),
        (
            "electronic-marketing-without-consent",
            {**EU, "marketing": {"channels": ["email", "postal"], "opt_out_channels": ["email"]}},
            {**EU, "marketing": {"channels": ["email", "postal"], "opt_out_channels": ["postal"]}},
        ),
    ],
)
def test_consistency_rule(rule: str, triggers: dict[str, Any], clean: dict[str, Any]) -> None:
    assert rule in rules_hit(store(**MODERN_CA, **triggers))
    assert rule not in rules_hit(store(**MODERN_CA, **clean))


def test_every_rule_has_a_test() -> None:
    from generator import check

    tested = {
        "ads-without-sharing", "transfer-without-safeguard", "indefinite-retention",
        "email-without-unsubscribe", "sms-without-stop", "sms-without-consent", "retention-not-specific",
        "child-age-without-consent", "sale-without-opt-out", "cookies-without-consent",
        "casl-opt-out-email", "slow-opt-out", "electronic-marketing-without-consent",
        "light-parental-consent",
        # tests/test_versions.py:
        "material-change-without-notice", "material-change-without-consent",
        "transfer-without-swiss-safeguard", "answers-slower-than-law",
        # tests/test_truth.py:
        "appeals-slower-than-law",
    }  # fmt: skip
    assert len(check.RULES) == len(tested)


def test_ads_rule_waits_for_the_cpra() -> None:
    ads = {"cookies": {"kinds": ["strictly_necessary", "advertising"]}}
    assert "ads-without-sharing" not in rules_hit(
        store(**ads, policy={"effective_date": "2019-06-01"})
    )


# ---- notes about newer law -----------------------------------------------------------------


def test_note_names_laws_a_new_version_would_meet() -> None:
    old = store(
        **business(sells_to_countries=["US", "FR"]), policy={"effective_date": "2015-01-01"}
    )
    report = check_profile(old, on=dt.date(2026, 11, 22))
    assert any("newly applies: GDPR (" in note for note in report.notes)
    assert check_profile(store(), on=dt.date(2026, 11, 22)).notes == ()


# ---- the command ---------------------------------------------------------------------------


def write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, default=str))
    return path


def test_cli_exit_0_when_clean(tmp_path: Path) -> None:
    path = write(tmp_path, "clean.json", answers())
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "clean" in result.output
    assert "[applies] CalOPPA" in result.output


def test_cli_exit_1_with_findings_and_names_the_fix(tmp_path: Path) -> None:
    data = answers(children={"minimum_age": 10})
    result = CliRunner().invoke(main, ["check", str(write(tmp_path, "kid.json", data))])
    assert result.exit_code == 1
    assert "child-age-without-consent" in result.output
    assert "children.parental_consent_method" in result.output


def test_cli_exit_1_names_missing_requirement(tmp_path: Path) -> None:
    data = deep_merge(answers(**EVERYTHING), {})
    del data["business"]["privacy_officer"]
    result = CliRunner().invoke(main, ["check", str(write(tmp_path, "ca.json", data))])
    assert result.exit_code == 1
    assert "MISSING PIP-01" in result.output
    assert "business.privacy_officer" in result.output


def test_cli_exit_2_on_invalid_answers(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.json", {"business": {"legal_name": "X"}})
    good = write(tmp_path, "good.json", answers())
    result = CliRunner().invoke(main, ["check", str(bad), str(good)])
    assert result.exit_code == 2
    assert "bad.json" in result.output


def test_cli_json_format(tmp_path: Path) -> None:
    path = write(tmp_path, "clean.json", answers())
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    data = json.loads(result.output)
    caloppa = next(law for law in data[0]["laws"] if law["id"] == "caloppa")
    assert caloppa["applies"] is True
    assert {r["id"] for r in caloppa["requirements"]} >= {"CAL-01", "CAL-06"}
    assert all(r["covered_by"] for r in caloppa["requirements"])


def test_cli_markdown_format(tmp_path: Path) -> None:
    data = answers(children={"minimum_age": 10})
    path = write(tmp_path, "kid.json", data)
    result = CliRunner().invoke(main, ["check", "--format", "markdown", str(path)])
    assert result.output.startswith("# Compliance check:")
    assert "| CalOPPA | yes |" in result.output
    assert "## Consistency findings" in result.output


def test_a_derived_sale_is_noted_with_its_reason_and_fix() -> None:
    fraud = {"kind": "fraud_prevention", "categories": ["email"], "use": "own_purposes"}
    assert not [
        n for n in check_profile(store(sharing={"recipients": [fraud]})).notes if "sale" in n
    ]
    marketer = {"kind": "survey_vendor", "categories": ["email"], "use": "own_marketing"}
    notes = check_profile(store(sharing={"recipients": [marketer]})).notes
    assert any(
        "sharing.recipients[0] (survey_vendor) is stated as a sale" in n
        and "gives_value: false" in n
        for n in notes
    )
