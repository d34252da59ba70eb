"""The questionnaire data: every question names a real field, every required field is asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import example_paths
from law_stores import usd

from generator.answers import read_answers
from generator.model import StoreProfile
from generator.model.vocab import LABELS
from generator.wizard.interview import Interview, Scope
from generator.wizard.questionnaire import (
    Kind,
    QuestionData,
    QuestionnaireData,
    QuestionnaireError,
    SectionData,
    build,
    load,
    resolve,
    unreachable_required_fields,
)

QUESTIONNAIRE = load()


def _model_path(path: str) -> str:
    return path.replace("[]", "")


def test_every_question_names_a_real_model_field() -> None:
    paths = [path for _, path in QUESTIONNAIRE.all_questions()]
    assert len(paths) > 100
    for path in paths:
        parts = path.split("[].")
        model = StoreProfile
        for part in parts[:-1]:
            spec = resolve(model, part)
            assert spec.kind is Kind.GROUP and spec.model is not None
            model = spec.model
        assert resolve(model, parts[-1]).path == parts[-1]


def test_every_required_field_is_reachable() -> None:
    assert unreachable_required_fields(QUESTIONNAIRE) == []


def test_a_missing_required_question_is_reported() -> None:
    raw = QUESTIONNAIRE.sections[0].data
    without_name = [q for q in raw.questions if q.field != "business.store_name"]
    data = QuestionnaireData(
        sections=[
            raw.model_copy(update={"questions": without_name}),
            *(s.data for s in QUESTIONNAIRE.sections[1:]),
        ]
    )
    assert unreachable_required_fields(build(data)) == ["business.store_name"]


def test_a_group_needs_its_required_item_fields() -> None:
    data = QuestionnaireData(
        sections=[
            SectionData(
                id="one",
                title="One",
                questions=[
                    QuestionData(
                        field="use.purposes",
                        prompt="Purposes?",
                        questions=[QuestionData(field="purpose", prompt="Which?")],
                    )
                ],
            )
        ]
    )
    missing = unreachable_required_fields(build(data))
    assert "use.purposes[].categories" in missing
    assert "business.store_name" in missing


def test_an_unknown_field_is_refused_with_the_known_ones() -> None:
    data = QuestionnaireData(
        sections=[
            SectionData(
                id="s",
                title="S",
                questions=[QuestionData(field="business.shop_name", prompt="?")],
            )
        ]
    )
    with pytest.raises(
        QuestionnaireError, match=r"'shop_name' is not a field of Business.*store_name"
    ):
        build(data)


def test_a_broken_when_expression_is_refused() -> None:
    data = QuestionnaireData(
        sections=[
            SectionData(
                id="s",
                title="S",
                questions=[QuestionData(field="business.store_name", prompt="?", when="a ==")],
            )
        ]
    )
    with pytest.raises(QuestionnaireError, match="cannot read the expression"):
        build(data)


def test_a_mapping_is_asked_as_text() -> None:
    data = QuestionnaireData(
        sections=[
            SectionData(
                id="s",
                title="S",
                questions=[QuestionData(field="business.consumers_by_state", prompt="?")],
            )
        ]
    )
    (question,) = build(data).sections[0].questions
    assert question.kind is Kind.MAPPING


def test_kinds_come_from_the_model() -> None:
    kinds = {path: q.kind for q, path in QUESTIONNAIRE.all_questions()}
    assert kinds["business.store_name"] is Kind.TEXT
    assert kinds["business.websites"] is Kind.TEXT_LIST
    assert kinds["business.employees"] is Kind.NUMBER
    assert kinds["cookies.uses_cookies"] is Kind.YES_NO
    assert kinds["marketing.consent"] is Kind.CHOICE
    assert kinds["marketing.channels"] is Kind.CHOICES
    assert kinds["business.dpo"] is Kind.OBJECT
    assert kinds["collection.items"] is Kind.GROUP
    assert kinds["retention.rules[].period"] is Kind.DURATION


def test_every_choice_has_a_plain_english_label() -> None:
    for question, path in QUESTIONNAIRE.all_questions():
        if question.spec.enum is not None:
            missing = [m for m in question.spec.enum if m not in LABELS]
            assert missing == [], path


def _interview(answers: dict[str, object]) -> Interview:
    return Interview(QUESTIONNAIRE, prompter=None, answers=answers)  # type: ignore[arg-type]


def _expressions() -> list[tuple[str, bool]]:
    """Every `when` and `default_expr`, and whether it runs inside a group item."""
    found = [(s.data.when, False) for s in QUESTIONNAIRE.sections if s.data.when]
    for question, path in QUESTIONNAIRE.all_questions():
        for expression in (question.data.when, question.data.default_expr):
            if expression:
                found.append((expression, "[]" in path))
    return found


@pytest.mark.parametrize("source", ["defaults", *(p.name for p in example_paths())])
def test_when_expressions_compile_and_evaluate(source: str, examples_dir: Path) -> None:
    answers = {} if source == "defaults" else read_answers(examples_dir / source)[0]
    interview = _interview(answers)
    expressions = _expressions()
    assert len(expressions) > 40
    for expression, in_item in expressions:
        item = _first_item_scope(interview, expression) if in_item else None
        # A misspelt field raises here (StrictUndefined), so evaluating is the check.
        interview.evaluate(expression, item)


def test_a_misspelt_field_in_an_expression_fails_loudly() -> None:
    interview = _interview({})
    with pytest.raises(QuestionnaireError, match="use_cookies"):
        interview.evaluate("cookies.use_cookies")


def _first_item_scope(interview: Interview, expression: str) -> Scope:
    for question, path in QUESTIONNAIRE.all_questions():
        used = (question.data.when, question.data.default_expr)
        if expression in used and "[]" in path:
            group = path.split("[]")[0]
            spec = resolve(StoreProfile, group)
            assert spec.model is not None
            return Scope({}, spec.model)
    raise AssertionError(expression)


def test_conditions_follow_the_answers() -> None:
    small = _interview({"business": {"sells_to_countries": ["US"], "revenue": usd(1000)}})
    assert not small.condition("ccpa_may_apply")
    assert not small.condition("eu")
    big = _interview({"business": {"sells_to_countries": ["US"], "revenue": usd(30_000_000)}})
    assert big.condition("ccpa_may_apply")
    european = _interview({"business": {"sells_to_countries": ["US", "DE"]}})
    assert european.condition("eu")
    assert european.condition("gdpr_style")
    no_cookies = _interview({"cookies": {"uses_cookies": False}})
    assert not no_cookies.condition("uses_cookies")


def test_section_for_sends_problems_to_the_section_that_asks() -> None:
    assert QUESTIONNAIRE.section_for("rights.methods").id == "rights"
    assert QUESTIONNAIRE.section_for("use.purposes[0].categories").id == "use"
    assert QUESTIONNAIRE.section_for("business.contact.phone").id == "business"
    assert QUESTIONNAIRE.section_for("business.employees").id == "reach"
    assert QUESTIONNAIRE.section_for("cookies.tools[1].kind").id == "cookies"


# Fields the wizard does not ask, each with why: an answers file can still give them.
NOT_IN_THE_WIZARD = {
    "schema_version": "written by the tool, not the owner",
    "policy.language": "languages are issue 16's; English until then",
    "business.revenue.rates": "the owner's own exchange rates; reference rates apply",
    "business.operator": "a separate operating company, rare; in the answers file",
    "business.network_name": "a network of stores, rare; in the answers file",
    "rights.contact": "a separate request contact; business.contact serves",
    "sharing.marketing_opt_out_contact": "Shine the Light contact; business.contact serves",
    "sharing.recipients[].sale": "derived from use and value given (facts.sharing)",
    "marketing.unsubscribe.postal": "a postal unsubscribe address; the business address serves",
    "collection.consumer_health_data.affiliates": "affiliates by name, rare",
    "sharing.recipients[].service": "catalog services are named in answers files (issue 15)",
    "cookies.tools[].service": "catalog services are named in answers files (issue 15)",
}


def test_every_field_is_asked_or_left_out_with_a_reason() -> None:
    from generator.wizard.questionnaire import unasked_fields

    # The ways to reach an officer or representative other than the ones asked fall back
    # to email; the answers file can give them.
    # A Swiss representative's address is asked without a region (Swiss addresses have none).
    contact_extras = ("phone", "toll_free", "fax", "web_form", "postal", "name", "region")
    unasked = [
        f
        for f in unasked_fields(QUESTIONNAIRE)
        if not (
            f.rsplit(".", 1)[-1] in contact_extras
            and f.startswith(
                (
                    "business.privacy_officer.",
                    "business.dpo.",
                    "business.eu_representative.contact.",
                    "business.uk_representative.contact.",
                    "business.swiss_representative.contact.",
                    "business.contact.",
                )
            )
        )
    ]
    assert sorted(unasked) == sorted(NOT_IN_THE_WIZARD)
