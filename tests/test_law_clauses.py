"""The law sections' rendered text says what each requirement needs, not only its id."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from law_stores import CHECK_DAY, everything, store, usd

from generator import laws
from generator.compose import render_policy
from generator.document import PolicyDocument
from generator.model import StoreProfile


def section(doc: PolicyDocument, clause: str) -> str:
    """The Markdown of one rendered clause, from its heading to the next section."""
    number = next(s.number for s in doc.sections if s.clause == clause)
    start = doc.markdown.index(f"\n## {number}. ")
    end = doc.markdown.find("\n## ", start + 1)
    return doc.markdown[start : end if end != -1 else None]


def covered_by(doc: PolicyDocument, clause: str) -> set[str]:
    return set(next(s.covers for s in doc.sections if s.clause == clause))


@pytest.fixture(scope="module")
def full() -> PolicyDocument:
    return render_policy(everything())


def test_each_applying_laws_requirements_are_declared_by_some_section(full: PolicyDocument) -> None:
    profile = everything()
    covered = full.covered()
    for law_id, verdict in laws.applicable(profile).items():
        if verdict.applies:
            needed = [r.id for r in laws.LAWS[law_id].requirements if r.needed_for(profile)]
            assert [r for r in needed if r not in covered] == [], law_id


def test_ccpa_table_uses_the_statutory_category_names(full: PolicyDocument) -> None:
    text = section(full, "california")
    assert "| Identifiers |" in text
    assert (
        "| Personal information categories listed in the California Customer Records statute |"
        in text
    )
    assert "| Commercial information |" in text
    assert "Advertising networks" in text  # sold or shared column
    assert "CCPA-01" in covered_by(full, "california")


def test_ccpa_section_states_rights_methods_and_gpc(full: PolicyDocument) -> None:
    text = section(full, "california")
    assert "opt out of the sale or sharing" in text
    assert "800-555-0100" in text  # toll-free request line
    assert "authorized agent" in text
    assert "Global Privacy Control" in text
    assert '"Do Not Sell or Share My Personal Information"' in text
    assert "under 16" in text


def test_ccpa_without_sale_says_none() -> None:
    doc = render_policy(store(business={"revenue": usd(30_000_000)}))
    text = section(doc, "california")
    assert "have not sold or shared any personal information" in text
    assert "Do Not Sell" not in text


def test_gdpr_section_names_the_supervisory_authority_right(full: PolicyDocument) -> None:
    text = section(full, "eea-uk")
    assert "right to complain to a data protection supervisory authority" in text
    assert "Information Commissioner's Office (ICO)" in text
    assert "| Prevent fraud |" in text and "Our legitimate interests" in text
    assert "EU Rep GmbH" in text and "UK Rep Ltd" in text
    assert "the EU-U.S. Data Privacy Framework" in text
    assert {"GDPR-08", "GDPR-10", "UK-01"} <= covered_by(full, "eea-uk")


def texas_seller(**changes: Any) -> StoreProfile:
    sensitive_sale = {
        "kind": "data_broker",
        "categories": ["sensitive"],
        "sale": True,
        "use": "own_purposes",
    }
    base: dict[str, Any] = {
        "business": {"sba_small_business": False, "sells_to_us_states": ["TX"]},
        "collection": {
            "items": [
                {"category": "name"},
                {"category": "email"},
                {"category": "sensitive"},
            ],
            "sensitive_kinds": ["precise_geolocation"],
        },
        "use": {"purposes": [{"purpose": "account", "categories": ["name", "email"]}]},
        "payments": {"processors": []},
        "sharing": {"recipients": [sensitive_sale]},
        "retention": {"rules": []},
        "rights": {"rights": ["access", "delete", "opt_out_sale_sharing"]},
    }
    base.update(changes)
    return store(**base)


def test_texas_notice_is_verbatim_when_sensitive_data_is_sold() -> None:
    doc = render_policy(texas_seller())
    assert "NOTICE: We may sell your sensitive personal data." in section(doc, "us-state-laws")
    assert "ST-10" in covered_by(doc, "us-state-laws")


def test_no_texas_notice_without_a_sale() -> None:
    doc = render_policy(texas_seller(sharing={"recipients": []}))
    assert "NOTICE:" not in doc.markdown


def test_connecticut_llm_statement_from_july_2026() -> None:
    ct = {
        "business": {"consumers_per_year": 40_000, "sells_to_us_states": ["CT"]},
        "use": {"trains_language_models": False},
    }
    after = render_policy(store(**ct))
    assert "We do not collect, use or sell personal data to train large language models." in (
        section(after, "us-state-laws")
    )
    before = render_policy(store(**ct, policy={"effective_date": "2026-06-30"}))
    assert "us-state-laws" not in [s.clause for s in before.sections]


def test_state_appeals_are_explained(full: PolicyDocument) -> None:
    text = section(full, "us-state-laws")
    assert "you can appeal" in text
    assert "attorney general" in text


def test_coppa_01_text_for_a_child_directed_site() -> None:
    kids = {
        "children": {
            "directed_to_children": True,
            "minimum_age": 8,
            "child_data": ["name"],
            "parental_consent_method": "A parent confirms by signed form.",
        }
    }
    doc = render_policy(store(**kids))
    text = section(doc, "children")
    assert "COPPA-01" in covered_by(doc, "children")
    assert "review the personal information we hold about their child" in text
    assert "ask us to delete it" in text
    assert "A parent confirms by signed form." in text


def test_coppa_02_text_for_a_general_audience_store() -> None:
    doc = render_policy(store(children={"minimum_age": 18, "deletes_if_found": True}))
    text = section(doc, "children")
    assert "aged 18 or older" in text
    assert "not directed to children" in text
    assert "from someone under 18, we will delete it" in text
    # One age throughout: the store's own minimum, never 13 beside it.
    assert "13" not in text


def test_no_deletion_promise_without_the_owners_answer() -> None:
    text = section(render_policy(store(children={"minimum_age": 16})), "children")
    assert "delete" not in text
    assert "anyone under 16" in text


def test_canada_section_names_officer_commissioner_and_cross_border(full: PolicyDocument) -> None:
    text = section(full, "canada")
    assert "cpo@plainpaper.example" in text
    assert "Privacy Commissioner of Canada" in text
    assert "outside Canada, in the United States" in text


def test_brazil_and_australia_sections(full: PolicyDocument) -> None:
    assert "encarregado" in section(full, "brazil")
    assert "Article 18" in section(full, "brazil")
    australia = section(full, "australia")
    assert "Australian Information Commissioner" in australia
    assert "the United States" in australia


def test_law_sections_absent_where_laws_do_not_apply() -> None:
    clauses = {s.clause for s in render_policy(store()).sections}
    assert not clauses & {"california", "us-state-laws", "eea-uk", "canada", "brazil", "australia"}


def ccpa_giant(metrics: dict[str, Any] | None) -> StoreProfile:
    """The modern US example grown past 10 million California consumers a year."""
    from pathlib import Path

    from generator.answers import answers_from_profile, load_profile, profile_from_answers

    example = Path(__file__).parent.parent / "examples" / "modern-us-ccpa.yaml"
    answers = answers_from_profile(load_profile(example))
    answers["business"]["consumers_per_year"] = 30_000_000
    answers["business"]["consumers_by_state"]["CA"] = 11_000_000
    if metrics is not None:
        answers["rights"]["request_metrics"] = metrics
    return profile_from_answers(answers)


def test_request_metrics_render_as_a_table_and_cover_ccpa_17() -> None:
    metrics = {
        "year": 2025,
        "counts": [
            {
                "kind": "access",
                "received": 1200,
                "complied": 1100,
                "denied": 100,
                "median_days": 14,
            },
            {"kind": "delete", "received": 800, "complied": 790, "denied": 10, "median_days": 9},
        ],
    }
    doc = render_policy(ccpa_giant(metrics))
    text = section(doc, "california")
    assert "### Requests we received in 2025" in text
    assert "| Access | 1,200 | 1,100 | 100 | 14 |" in text
    assert "| Deletion | 800 | 790 | 10 | 9 |" in text
    assert "CCPA-17" in covered_by(doc, "california")


def test_a_giant_without_metrics_misses_exactly_ccpa_17() -> None:
    from generator.check import check_profile

    report = check_profile(ccpa_giant(None), source="giant", on=CHECK_DAY)
    assert [c.requirement.id for _law, c in report.missing] == ["CCPA-17"]
    assert "### Requests we received" not in render_policy(ccpa_giant(None)).markdown


def test_metrics_cannot_answer_more_requests_than_were_received() -> None:
    from generator.errors import AnswersError

    bad = {"kind": "access", "received": 5, "complied": 4, "denied": 2, "median_days": 3}
    with pytest.raises(AnswersError, match="exceed 'received'"):
        ccpa_giant({"year": 2025, "counts": [bad]})


def test_a_data_brokers_figures_need_mean_days_and_the_grounds_of_denials() -> None:
    from generator.check import check_profile

    row = {"kind": "delete", "received": 21500, "complied": 20000, "denied": 1500, "median_days": 9}
    bare = ccpa_giant({"year": 2025, "counts": [row]})
    broker = bare.model_copy(
        update={"business": bare.business.model_copy(update={"data_broker": True})}
    )
    short = {c.requirement.id: c for _, c in check_profile(broker, on=dt.date(2026, 9, 1)).missing}
    assert "mean days" in (short["CCPA-26"].problem or "")
    # The text promises only what the figures hold (Everbloom's had medians only).
    said = section(render_policy(broker), "california")
    assert "with the median days to respond (see the figures below)" in said
    assert "mean days" not in said and "reasons for denials" not in said
    full = {**row, "mean_days": 11, "denied_why": "1,500 because we could not verify the requester"}
    answers = ccpa_giant({"year": 2025, "counts": [full]})
    done = answers.model_copy(
        update={"business": answers.business.model_copy(update={"data_broker": True})}
    )
    report = check_profile(done, on=dt.date(2026, 9, 1))
    assert "CCPA-26" not in {c.requirement.id for _, c in report.missing}
    text = section(render_policy(done), "california")
    assert "| Deletion | 21,500 | 20,000 | 1,500 | 9 | 11 |" in text
    assert "- Deletion: 1,500 because we could not verify the requester." in text
    assert (
        "with the median days to respond, the mean days, and the reasons for denials (see" in text
    )
