"""Revenue in the store's currency, converted once (generator.money) to each law's currency."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, example_paths
from law_stores import CHECK_DAY, answers, business, money, store, usd

from generator import laws
from generator.answers import load_profile, profile_from_answers
from generator.cli import main
from generator.errors import AnswersError
from generator.laws import lgpd
from generator.migrate import CURRENT_VERSION, migrate_text
from generator.money import REFERENCE_DATE, REFERENCE_RATES, MoneyError, convert, revenue_in

GERMANY = {"lines": ["1 Hauptstraße"], "city": "Berlin", "postal_code": "10115", "country": "DE"}


def german(revenue: dict[str, Any], *countries: str) -> dict[str, Any]:
    """A store in Berlin that sells to ``countries``, with this revenue answer."""
    return business(
        address=GERMANY,
        established_in=["DE"],
        sells_to_countries=["DE", *countries],
        data_stored_in=["DE"],
        revenue=revenue,
    )


def judged(law: str, answers: dict[str, Any]) -> laws.Applicability:
    return laws.applicable(store(**answers), CHECK_DAY)[law]


def euros_at_most(limit: int, currency: str) -> int:
    """The most whole euros that convert to no more than ``limit`` of ``currency``."""
    return math.floor(Decimal(limit) / REFERENCE_RATES[currency])


# ---- each law compares in its own currency, at and around its threshold -------------------


def test_a_euro_store_is_exempt_in_australia_up_to_aud_3_million_and_covered_above() -> None:
    most = euros_at_most(3_000_000, "AUD")
    below = judged("australia", german(money(most, "EUR"), "AU"))
    above = judged("australia", german(money(most + 1, "EUR"), "AU"))
    assert not below.applies and above.applies
    # The same euros, a little further from the line on either side.
    assert not judged("australia", german(money(most - 1000, "EUR"), "AU")).applies
    assert judged("australia", german(money(most + 1000, "EUR"), "AU")).applies


def test_an_australian_store_in_aud_needs_no_conversion() -> None:
    au = {"address": {**GERMANY, "country": "AU", "city": "Perth", "postal_code": "6000"}}
    at = business(**au, sells_to_countries=["AU"], revenue=money(3_000_000, "AUD"))
    over = business(**au, sells_to_countries=["AU"], revenue=money(3_000_001, "AUD"))
    assert not judged("australia", at).applies
    verdict = judged("australia", over)
    assert verdict.applies
    assert "turnover of AUD 3,000,001, above AUD 3,000,000" in verdict.reason
    assert " at " not in verdict.reason  # no rate: nothing was converted


def test_a_us_dollar_store_is_a_brazilian_small_agent_up_to_brl_4_8_million() -> None:
    most = math.floor(Decimal(4_800_000) * REFERENCE_RATES["USD"] / REFERENCE_RATES["BRL"])
    small = store(**business(sells_to_countries=["BR"], revenue=usd(most)))
    large = store(**business(sells_to_countries=["BR"], revenue=usd(most + 1)))
    assert lgpd.small_agent(small) and not lgpd.small_agent(large)
    assert not laws.requirement("LGPD-02").needed_for(small)
    assert laws.requirement("LGPD-02").needed_for(large)


def test_brazil_counts_reais_without_conversion() -> None:
    at = store(
        **business(sells_to_countries=["BR"], revenue=money(lgpd.SMALL_AGENT_REVENUE, "BRL"))
    )
    over = store(
        **business(sells_to_countries=["BR"], revenue=money(lgpd.SMALL_AGENT_REVENUE + 1, "BRL"))
    )
    assert lgpd.small_agent(at) and not lgpd.small_agent(over)


def test_a_euro_store_selling_to_california_is_judged_in_us_dollars() -> None:
    most = euros_at_most(26_625_000, "USD")
    assert not judged("ccpa", german(money(most, "EUR"), "US")).applies
    assert judged("ccpa", german(money(most + 1, "EUR"), "US")).applies


def test_utahs_minimum_revenue_is_met_in_us_dollars_and_the_reason_gives_the_rate() -> None:
    most = euros_at_most(25_000_000, "USD")
    utah = {"sells_to_us_states": ["UT"], "consumers_per_year": 100_000}
    below = german(money(most - 1, "EUR"), "US")
    below["business"].update(utah)
    above = german(money(most + 1, "EUR"), "US")
    above["business"].update(utah)
    assert "Utah" not in judged("us_states", below).scope
    verdict = judged("us_states", above)
    assert "Utah" in verdict.scope
    assert re.search(
        r"Utah \([^)]*revenue of USD [\d,]+ \(EUR [\d,]+ at [\d.]+ USD per EUR", verdict.reason
    )


# ---- the owner's own rate ---------------------------------------------------------------


def test_the_owners_own_rate_wins_over_the_reference_rate() -> None:
    # EUR 2,000,000 is above AUD 3 million at the reference rate (about 1.68)...
    reference = german(money(2_000_000, "EUR"), "AU")
    assert judged("australia", reference).applies
    # ...but not at the owner's own 1.4 AUD per EUR, which the reason names.
    own = german({"amount": 2_000_000, "currency": "EUR", "rates": {"AUD": 1.4}}, "AU")
    verdict = judged("australia", own)
    assert not verdict.applies
    assert "AUD 2,800,000 (EUR 2,000,000 at 1.4 AUD per EUR, the rate you gave)" in verdict.reason


def test_an_own_rate_for_one_currency_leaves_the_others_at_the_reference_rate() -> None:
    profile = store(**german({"amount": 1000, "currency": "EUR", "rates": {"AUD": 2}}))
    revenue = profile.business.revenue
    assert revenue_in(revenue, "AUD").amount == 2000
    to_usd = revenue_in(revenue, "USD")
    assert to_usd.amount == 1000 * REFERENCE_RATES["USD"]
    assert to_usd.rate is not None and "ECB rate" in to_usd.rate.source


def test_a_currency_without_a_reference_rate_needs_the_owners_rate() -> None:
    thai = {"amount": 50_000_000, "currency": "THB"}
    with pytest.raises(MoneyError, match=r"business\.revenue\.rates: .*from THB to AUD"):
        judged("australia", german(thai, "AU"))
    given = german({**thai, "rates": {"AUD": 0.045}}, "AU")
    verdict = judged("australia", given)
    assert not verdict.applies
    assert (
        "AUD 2,250,000 (THB 50,000,000 at 0.045 AUD per THB, the rate you gave)" in verdict.reason
    )


def test_cross_rates_go_through_the_euro() -> None:
    converted = convert(1_000_000, "GBP", "AUD")
    assert converted.amount == Decimal(1_000_000) * REFERENCE_RATES["AUD"] / REFERENCE_RATES["GBP"]
    assert convert(5, "AUD", "AUD").rate is None


# ---- the currency answer ------------------------------------------------------------------


def _without_revenue(**changes: Any) -> dict[str, Any]:
    data = answers(**changes)
    del data["business"]["revenue"]
    return data


def test_the_currency_defaults_to_the_address_countrys() -> None:
    berlin = profile_from_answers(_without_revenue(**business(address=GERMANY)))
    assert (berlin.business.revenue.amount, berlin.business.revenue.currency) == (0, "EUR")
    given = _without_revenue(**business(address=GERMANY))
    given["business"]["revenue"] = {"amount": 10}
    assert profile_from_answers(given).business.revenue.currency == "EUR"
    assert profile_from_answers(_without_revenue()).business.revenue.currency == "USD"  # Illinois


def test_a_lower_case_currency_code_is_read_as_upper_case() -> None:
    assert store(**german({"amount": 10, "currency": "gbp"})).business.revenue.currency == "GBP"


@pytest.mark.parametrize("code", ["EURO", "XYZ", "€", "US"])
def test_a_bad_currency_code_is_refused_naming_the_field(code: str, tmp_path: Path) -> None:
    path = tmp_path / "shop.yaml"
    text = example_paths()[0].read_text(encoding="utf-8")
    path.write_text(
        re.sub(
            r"revenue: \{amount: (\d+), currency: USD\}",
            rf"revenue: {{amount: \1, currency: '{code}'}}",
            text,
        ),
        encoding="utf-8",
    )
    with pytest.raises(AnswersError) as caught:
        load_profile(path)
    [problem] = caught.value.problems
    assert problem.field == "business.revenue.currency"
    assert "ISO 4217" in problem.message


def test_an_own_rate_must_be_above_zero() -> None:
    from law_stores import answers

    from generator.answers import profile_from_answers

    with pytest.raises(AnswersError, match=r"business\.revenue\.rates\.AUD"):
        profile_from_answers(
            answers(**german({"amount": 1, "currency": "EUR", "rates": {"AUD": 0}}))
        )


# ---- the reason states the rate -------------------------------------------------------------


def test_the_australian_reason_states_the_conversion_and_its_rate() -> None:
    verdict = judged("australia", german(money(2_500_000, "EUR"), "AU"))
    aud = Decimal(2_500_000) * REFERENCE_RATES["AUD"]
    expected = (
        f"turnover of AUD {round(aud):,} (EUR 2,500,000 at {REFERENCE_RATES['AUD']} AUD per "
        f"EUR, ECB rate of {REFERENCE_DATE.isoformat()}), above AUD 3,000,000"
    )
    assert expected in verdict.reason


def test_policygen_check_prints_the_rate(tmp_path: Path) -> None:
    source = next(p for p in example_paths() if p.name == "modern-eu-gdpr.yaml")
    text = source.read_text(encoding="utf-8").replace(
        "sells_to_countries: [DE", "sells_to_countries: [AU, DE"
    )
    assert "[AU, DE" in text
    path = tmp_path / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--as-of", "2026-12-07", str(path)])
    assert (
        "Australian Privacy Principles: The store does business in Australia with turnover of AUD"
        in result.output
    )
    assert f"AUD per EUR, ECB rate of {REFERENCE_DATE.isoformat()}" in result.output


# ---- answers written before version 3 ------------------------------------------------------


def _as_version_2(text: str) -> str:
    old = re.sub(r"revenue: \{amount: (\d+), currency: USD\}", r"annual_revenue_usd: \1", text)
    return old.replace(f"schema_version: {CURRENT_VERSION}", "schema_version: 2")


@pytest.mark.parametrize(
    "name", ["modern-us-ccpa.yaml", "tonerrefillkits.yaml", "01-tule-fog.yaml"]
)
def test_an_old_file_with_annual_revenue_usd_loads_and_judges_the_same(
    name: str, tmp_path: Path
) -> None:
    source = next(EXAMPLES.glob(f"**/{name}"))
    old_text = _as_version_2(source.read_text(encoding="utf-8"))
    assert "annual_revenue_usd:" in old_text
    old = tmp_path / name
    old.write_text(old_text, encoding="utf-8")
    before, after = load_profile(old), load_profile(source)
    assert before.business.revenue == after.business.revenue
    day = dt.date(2026, 12, 7)
    assert laws.applicable(before, day) == laws.applicable(after, day)


def test_migrating_annual_revenue_usd_rewrites_only_that_line() -> None:
    source = next(p for p in example_paths() if p.name == "modern-us-ccpa.yaml")
    new = source.read_text(encoding="utf-8")
    old = _as_version_2(new)
    done = migrate_text("shop.yaml", old)
    assert done.from_version == 2 and done.kept_comments
    assert [c.path for c in done.changes] == [("business", "annual_revenue_usd")]
    assert done.text == new


def test_a_commented_annual_revenue_line_keeps_its_comment() -> None:
    old = (
        "schema_version: 2\nbusiness:\n  legal_name: A\n"
        "  annual_revenue_usd: 1_500_000  # rough, from the 2025 accounts\n"
    )
    text = migrate_text("shop.yaml", old).text
    assert (
        "  revenue: {amount: 1_500_000, currency: USD}  # rough, from the 2025 accounts\n" in text
    )


# ---- the wizard -------------------------------------------------------------------------


def test_the_wizard_asks_revenue_in_the_stores_currency() -> None:
    from test_interview import SMALL_STORE, Scripted

    from generator.wizard.interview import Interview
    from generator.wizard.questionnaire import load

    script = {
        **SMALL_STORE,
        "Country (two-letter code)": ["DE"],
        "City": ["Berlin"],
        "Gross revenue last year": ["2,500,000"],
    }
    prompter = Scripted(script)
    interview = Interview(load(), prompter, {})
    interview.run()
    assert "Which currency do you keep your accounts in? (three-letter code) [EUR]" in (
        prompter.asked
    )
    assert "Gross revenue last year, in EUR [0]" in prompter.asked
    assert not any("US dollars" in q or "USD" in q for q in prompter.asked)
    assert interview.answers["business"]["revenue"] == {"amount": 2_500_000, "currency": "EUR"}


@pytest.mark.parametrize(("euros", "asked"), [(18_000_000, False), (20_000_000, True)])
def test_the_wizards_ccpa_condition_reads_revenue_in_us_dollars(euros: int, asked: bool) -> None:
    from generator.wizard.interview import Interview
    from generator.wizard.questionnaire import load

    answers = {
        "business": {
            "address": {"country": "DE"},
            "sells_to_countries": ["US"],
            "revenue": {"amount": euros},  # the currency is unanswered: the address's (EUR)
        }
    }
    interview = Interview(load(), prompter=None, answers=answers)  # type: ignore[arg-type]
    # EUR 18M is under USD 20M at the reference rate, EUR 20M over it.
    assert interview.condition("ccpa_may_apply") is asked


def test_a_prompt_expression_is_checked_when_the_questionnaire_loads() -> None:
    from generator.wizard.questionnaire import QuestionnaireData, QuestionnaireError, build

    data = QuestionnaireData.model_validate(
        {
            "sections": [
                {
                    "id": "reach",
                    "title": "Reach",
                    "questions": [
                        {
                            "field": "business.revenue.amount",
                            "prompt": "Revenue, in {{ business.( }}",
                        }
                    ],
                }
            ]
        }
    )
    with pytest.raises(QuestionnaireError, match=r"business\.revenue\.amount"):
        build(data)
