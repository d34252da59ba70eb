"""The interview logic, driven through a scripted Prompter (no terminal involved)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import example_paths

from generator.answers import answers_from_profile, load_profile
from generator.errors import AnswersError
from generator.model import StoreProfile
from generator.model.vocab import LABELS, DataCategory, Purpose, RecipientKind
from generator.wizard.interview import Interview, Scope, capfirst
from generator.wizard.paths import drop_path
from generator.wizard.questionnaire import load
from generator.wizard.session import conduct, load_resume, resume_path, save_resume

QUESTIONNAIRE = load()
SMALL_STORE = {
    "What do customers call your store?": ["Tiny Tea"],
    "What is the store's web address?": ["tinytea.example"],
    "Street address of the business": ["1 Leaf Lane"],
    "City": ["Portland"],
    "Country (two-letter code)": ["US"],
    "Email address for privacy questions": ["privacy@tinytea.example"],
}


class Scripted:
    """Answers by question text (a queue per question); anything else gets its default.

    Text answers go through the validator the way a terminal would: a refused answer is
    recorded with its message and the next scripted answer is tried.
    """

    def __init__(self, script: dict[str, list[Any]] | None = None) -> None:
        self.script = {k: list(v) for k, v in (script or {}).items()}
        self.asked: list[str] = []
        self.offered: dict[str, list[str]] = {}
        self.refused: list[tuple[str, str]] = []
        self.said: list[str] = []

    def _next(self, message: str) -> Any:
        self.asked.append(message)
        for key, queue in self.script.items():
            if message.startswith(key) and queue:
                return queue.pop(0)
        return None

    def _scripts_a_rare_question(self) -> bool:
        """A section's rare questions are answered one by one when the script answers one
        of those just listed (as an owner would who sees one that is not true)."""
        start = max(i for i, line in enumerate(self.said) if line.startswith("These hold for"))
        listed = [line.removeprefix("  - ") for line in self.said[start + 1 :]]
        return any(
            line.startswith(key) and queue for line in listed for key, queue in self.script.items()
        )

    def heading(self, title: str, intro: str | None) -> None:
        self.said.append(f"== {title}")

    def say(self, text: str) -> None:
        self.said.append(text)
        # Accepting defaults never fixes a clash; fail instead of going round forever.
        assert self.said.count("Some answers do not fit together yet:") < 5, self.said[-3:]

    def text(
        self, message: str, *, default: str, help: str | None, validate: Callable[[Any], Any]
    ) -> str:
        while True:
            typed = self._next(message)
            typed = default if typed is None else typed
            error = validate(typed)
            if error is None:
                return str(typed)
            self.refused.append((message, error))

    def confirm(self, message: str, *, default: bool, help: str | None) -> bool:
        answer = self._next(message)
        return default if answer is None else bool(answer)

    def select(
        self, message: str, choices: list[tuple[str, str]], *, default: str | None, help: Any
    ) -> str:
        self.offered[message] = [value for value, _ in choices]
        if message == "Keep these answers?" and self._scripts_a_rare_question():
            self.asked.append(message)
            return "answer"
        answer = self._next(message)
        picked = default if answer is None else answer
        assert picked in dict(choices), (message, picked)
        return str(picked)

    def checkbox(
        self,
        message: str,
        choices: list[tuple[str, str]],
        *,
        checked: list[str],
        help: str | None,
        validate: Callable[[Any], Any],
    ) -> list[str]:
        self.offered[message] = [value for value, _ in choices]
        while True:
            answer = self._next(message)
            picked = checked if answer is None else answer
            error = validate(picked)
            if error is None:
                return list(picked)
            self.refused.append((message, error))

    def search(
        self, message: str, choices: list[tuple[str, str]], *, checked: list[str], help: Any
    ) -> list[str]:
        self.offered[message] = [value for value, _ in choices]
        answer = self._next(message)
        return list(checked if answer is None else answer)


def _run(script: dict[str, list[Any]], answers: dict[str, Any] | None = None) -> Interview:
    interview = Interview(QUESTIONNAIRE, Scripted({**SMALL_STORE, **script}), answers or {})
    interview.run()
    return interview


def test_a_small_store_is_done_by_accepting_defaults(tmp_path: Path) -> None:
    prompter = Scripted(SMALL_STORE)
    profile, interview = conduct(prompter, tmp_path / "tea.yaml")
    assert load_profile(tmp_path / "tea.yaml") == profile
    assert profile.business.websites[0].host == "tinytea.example"
    assert profile.collects(profile.categories[0])
    assert 60 <= interview.asked <= 100
    assert not resume_path(tmp_path / "tea.yaml").exists()


def test_a_typo_is_asked_again_with_the_models_message() -> None:
    interview = _run(
        {
            "Email address for privacy questions": ["privacy@tinytea", "privacy@tinytea.example"],
            "How many people work for the business?": ["lots", "0", "3"],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    messages = dict(prompter.refused)
    assert "not a valid email address" in messages["Email address for privacy questions"]
    assert [m for q, m in prompter.refused if q.startswith("How many people")] == [
        "Input should be a valid integer, unable to parse string as an integer",
        "Input should be greater than or equal to 1",
    ]
    assert interview.answers["business"]["employees"] == 3


def test_enter_keeps_the_default_and_a_dash_clears_it() -> None:
    interview = _run({"State, province or county": ["OR", "-"]})
    assert "region" in interview.answers["business"]["address"]
    interview = Interview(
        QUESTIONNAIRE,
        Scripted({**SMALL_STORE, "State, province or county": ["-"]}),
        {"business": {"address": {"region": "OR"}}},
    )
    interview.run()
    assert "region" not in interview.answers["business"]["address"]


def test_no_cookie_questions_for_a_store_without_cookies() -> None:
    prefill = {"cookies": {"kinds": ["strictly_necessary", "analytics"], "persistent": True}}
    interview = _run({"Does the site use cookies?": [False]}, prefill)
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    assert "Does the site use cookies?" in prompter.asked
    assert not any(q.startswith("Which kinds of cookies?") for q in prompter.asked)
    assert interview.answers["cookies"]["uses_cookies"] is False
    assert set(interview.answers["cookies"]) == {"uses_cookies"}


def test_ccpa_questions_only_where_thresholds_may_be_met() -> None:
    small = _run({})
    assert isinstance(small.prompter, Scripted)
    assert not any("Toll-free" in q for q in small.prompter.asked)
    big = _run({"Gross revenue last year": ["30,000,000"]})
    assert isinstance(big.prompter, Scripted)
    assert any("Toll-free" in q for q in big.prompter.asked)
    assert any("Global Privacy Control" in q for q in big.prompter.asked)


STARTING_PURPOSES = [
    "order_fulfilment",
    "payment",
    "transactional_messages",
    "customer_service",
    "site_administration",
    "legal_compliance",
]


def test_gdpr_questions_only_for_eu_sales() -> None:
    us_only = _run({"What do you use personal data for?": [[*STARTING_PURPOSES, "marketing"]]})
    assert isinstance(us_only.prompter, Scripted)
    assert not any("data protection officer" in q for q in us_only.prompter.asked)
    assert not any("legal basis" in line.lower() for line in us_only.prompter.said)
    europe = _run(
        {
            "Which countries do you sell to?": ["US, de"],
            "What do you use personal data for?": [[*STARTING_PURPOSES, "marketing"]],
        }
    )
    assert isinstance(europe.prompter, Scripted)
    assert europe.answers["business"]["sells_to_countries"] == ["US", "DE"]
    assert any("representative in the EU" in q for q in europe.prompter.asked)
    assert any("data protection officer" in q for q in europe.prompter.asked)
    # A ticked purpose starts from the data it usually uses, of what the store collects,
    # and the footing it usually rests on (consent for marketing email: ePrivacy Art 13);
    # the owner is shown both in words before moving on.
    (marketing,) = [u for u in europe.answers["use"]["purposes"] if u["purpose"] == "marketing"]
    assert marketing == {
        "purpose": "marketing",
        "categories": ["name", "email"],
        "legal_basis": "consent",
    }
    news = capfirst(LABELS[Purpose.MARKETING])
    shown = [line for line in europe.prompter.said if line.startswith(f"  - {news}:")]
    assert shown and "legal basis: your consent" in shown[0].lower()
    assert "data: name, email address" in shown[0].lower()


def test_a_clash_sends_the_user_back_to_the_named_section() -> None:
    interview = _run({"How can people make a request?": [["email", "phone"], ["email"]]})
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    assert "Some answers do not fit together yet:" in prompter.said
    assert any("rights.methods" in line and "phone" in line for line in prompter.said)
    assert prompter.asked.count("How can people make a request?") == 2
    assert interview.answers["rights"]["methods"] == ["email"]


def test_review_goes_back_into_any_section() -> None:
    interview = _run(
        {
            "Save, or go back to a section?": ["security", "save"],
            "Will you tell people if their data is exposed in a breach?": [True, False],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    assert prompter.asked.count("How do you protect personal data?") == 2
    assert interview.answers["security"]["breach_notice"] is False
    assert any(line.strip() == "Breach notice: no" for line in prompter.said)


def test_a_picked_group_ticks_items_and_changes_only_the_answers_ticked() -> None:
    phone = capfirst(LABELS[DataCategory.PHONE])
    device = capfirst(LABELS[DataCategory.DEVICE_AND_LOG])
    interview = _run(
        {
            "What personal data do you collect?": [
                [
                    "email",
                    "postal_address",
                    "payment_card",
                    "order_history",
                    "device_and_log",
                    "phone",
                ]
            ],
            # In the tick list's order: email, phone, postal address, card, orders, device.
            "Anything to change in the kinds of data?": ["1", "5", "done"],
            f"{phone}: what do you want to change?": [["necessity"]],
            f"{phone}: Must customers give it?": ["optional"],
            f"{device}: what do you want to change?": [["__remove__"]],
        },
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    items = interview.answers["collection"]["items"]
    categories = [i["category"] for i in items]
    assert categories == ["email", "phone", "postal_address", "payment_card", "order_history"]
    # Where it comes from and when it is collected follow the kind's nature.
    assert items[1] == {
        "category": "phone",
        "sources": ["from_you"],
        "points": ["checkout"],
        "necessity": "optional",
    }
    # Only the ticked answer was asked again, not the item's other questions.
    assert prompter.asked.count(f"{phone}: Must customers give it?") == 1
    assert not any(q.startswith("Where does it come from?") for q in prompter.asked)
    # Purposes offer only collected data, and their defaults drop what was removed.
    for use in interview.answers["use"]["purposes"]:
        assert "name" not in use["categories"]
        assert "device_and_log" not in use["categories"]


def test_a_group_without_a_pick_adds_items_leaving_extras_for_a_change() -> None:
    interview = _run(
        {
            "Do you have set rules for how long you keep data?": ["add", "0", "done"],
            "Which data does the rule cover?": [["email"]],
            "How long do you keep it?": ["fixed_period"],
            "How long?": ["3 yrs", "3 years"],
            f"{capfirst(LABELS[DataCategory.EMAIL])}: what do you want to change?": [
                ["counted_from"]
            ],
            f"{capfirst(LABELS[DataCategory.EMAIL])}: Counted from when?": ["your last order"],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    rule = interview.answers["retention"]["rules"][-1]
    assert rule == {
        "categories": ["email"],
        "basis": "fixed_period",
        "period": {"amount": 3, "unit": "years"},
        "counted_from": "your last order",
    }
    # A duration is one typed answer; what it cannot read is refused with an example.
    assert [m for m, e in prompter.refused if m.startswith("How long?") and "e.g. '3 years'" in e]
    # Extras are asked only on the change, once.
    assert sum(q.endswith("Counted from when?") for q in prompter.asked) == 1
    assert not any(q.startswith("Anything to add, as a whole sentence?") for q in prompter.asked)


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_from_an_example_reproduces_it_by_pressing_enter(path: Path, tmp_path: Path) -> None:
    profile, _ = conduct(Scripted(), tmp_path / "again.yaml", from_file=path)
    assert answers_from_profile(profile) == answers_from_profile(load_profile(path))


def test_resume_keeps_answers_and_finished_sections(tmp_path: Path) -> None:
    target = tmp_path / "tea.yaml"
    interview = Interview(
        QUESTIONNAIRE, Scripted(), {"business": {"store_name": "T"}}, ["business"]
    )
    save_resume(interview, target)
    assert load_resume(target) == ({"business": {"store_name": "T"}}, ["business"])
    resume_path(target).write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(AnswersError, match="not a wizard resume file"):
        load_resume(target)


def test_scope_reads_defaults_and_never_dict_methods() -> None:
    scope = Scope({"collection": {"items": [{"category": "name"}]}}, StoreProfile)
    assert scope.collection.items == [{"category": "name"}]
    assert scope.cookies.uses_cookies is True
    assert scope.business.sells_to_countries == []  # the address decides, once answered
    with pytest.raises(AttributeError):
        _ = scope.cookies.use_cookies


def test_dropping_an_answer_prunes_parts_left_empty() -> None:
    data = {"a": {"b": {"c": 1}}, "d": 2}
    drop_path(data, "a.b.c")
    assert data == {"d": 2}
    drop_path(data, "x.y")
    assert data == {"d": 2}


def test_where_a_store_sells_and_stores_data_defaults_to_its_own_country() -> None:
    french = _run({"Country (two-letter code)": ["fr"], "ZIP or postal code": ["69002"]})
    business = french.answers["business"]
    assert business["address"]["country"] == "FR"
    assert business["sells_to_countries"] == ["FR"]
    assert business["established_in"] == ["FR"]
    assert business["data_stored_in"] == ["FR"]
    assert isinstance(french.prompter, Scripted)
    assert not any("US states" in q or "SBA" in q for q in french.prompter.asked)


def test_a_canadian_store_is_asked_its_provinces() -> None:
    quebec = _run({"Country (two-letter code)": ["CA"], "Which Canadian provinces": ["QC, on"]})
    assert quebec.answers["business"]["sells_to_ca_provinces"] == ["QC", "ON"]


def test_the_country_has_no_default_to_accept_by_mistake() -> None:
    prompter = Scripted({**SMALL_STORE, "Country (two-letter code)": ["", "DE"]})
    Interview(QUESTIONNAIRE, prompter, {}).run()
    assert any(q.startswith("Country") for q, _ in prompter.refused)


def test_people_per_state_are_typed_as_code_number_pairs() -> None:
    counted = _run(
        {
            "About how many people's data": ["469000"],
            "How many of the people whose data you handle live in each US state": [
                "VA x",
                "CA 2,300, va: 118000",
            ],
        }
    )
    assert counted.answers["business"]["consumers_by_state"] == {"CA": 2300, "VA": 118000}
    assert isinstance(counted.prompter, Scripted)
    refused = [m for q, m in counted.prompter.refused if q.startswith("How many of the people")]
    assert refused and "code and a number" in refused[0]


def test_the_request_deadline_defaults_to_the_shortest_law_pointed_to() -> None:
    german = _run({"Country (two-letter code)": ["DE"]})
    american = _run({})
    assert german.answers["rights"]["response_days"] == 30
    assert american.answers["rights"]["response_days"] == 45


def test_a_purpose_added_twice_must_say_which_use_it_is() -> None:
    """Marketing by consent for the newsletter and by legitimate interests for customers:
    the second entry is refused until its details tell the two apart."""
    both = _run(
        {
            "Which countries do you sell to?": ["IE, GB"],
            "What do you use personal data for?": [[*STARTING_PURPOSES, "marketing"]],
            # Adding marketing a second time asks the first one's details at once.
            "Anything to change in the purposes?": ["add", "done"],
            f"{capfirst(LABELS[Purpose.MARKETING])}: Anything to add": [
                "Offers to customers",
                "our newsletter",
            ],
            "Which purpose?": ["marketing"],
            "Which data does it use?": [["email"]],
            "What is your legal basis under the GDPR?": ["legitimate_interests"],
            "Which interest of yours does it serve?": ["offers like past orders"],
            "Anything to add, in a few words?": ["offers to customers"],
        }
    )
    prompter = both.prompter
    assert isinstance(prompter, Scripted)
    assert any("another purpose has the same purpose and details" in s for s in prompter.said)
    uses = [u for u in both.answers["use"]["purposes"] if u["purpose"] == "marketing"]
    assert [(u.get("details"), u["legal_basis"]) for u in uses] == [
        ("our newsletter", "consent"),
        ("offers to customers", "legitimate_interests"),
    ]
    # The UK basis is asked only where both the EEA and the UK are reached.
    assert any("legal basis different in the UK" in q for q in prompter.asked)
    assert not any("legal basis different in the UK" in q for q in _asked_by_german_store())


def _asked_by_german_store() -> list[str]:
    german = _run({"Which countries do you sell to?": ["DE"]})
    assert isinstance(german.prompter, Scripted)
    return german.prompter.asked


def test_a_retention_rule_can_be_limited_to_some_uses() -> None:
    interview = _run(
        {
            "Do you have set rules for how long you keep data?": ["add", "0", "done"],
            "Which data does the rule cover?": [["email"]],
            "How long do you keep it?": ["account_lifetime"],
            f"{capfirst(LABELS[DataCategory.EMAIL])}: what do you want to change?": [["purposes"]],
            f"{capfirst(LABELS[DataCategory.EMAIL])}: Is this rule only for some uses": [
                ["transactional_messages"]
            ],
        }
    )
    rule = interview.answers["retention"]["rules"][-1]
    assert rule["purposes"] == ["transactional_messages"]
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    assert not any("only for some uses" in r[0] for r in prompter.refused)


def test_payment_processors_typed_once_start_the_recipients() -> None:
    # Those in the service catalog become its services (the services line starts with
    # them); one it does not know stays a payment-processor recipient with its name.
    interview = _run({"Who processes card payments?": ["Stripe, PayPal, Acme Pay"]})
    recipients = interview.answers["sharing"]["recipients"]
    assert [r.get("service") for r in recipients[:2]] == ["stripe", "paypal"]
    acme = next(r for r in recipients if not r.get("service"))
    assert acme["kind"] == "payment_processor"
    assert acme["names"] == ["Acme Pay"]
    # Without processors, the starting recipient has no names rather than an empty list.
    plain = _run({})
    assert "names" not in plain.answers["sharing"]["recipients"][0]


def test_a_childrens_site_is_asked_its_coppa_facts_before_the_recipients() -> None:
    interview = _run(
        {
            "What is the youngest age allowed to use the site?": ["6"],
            "Is the site aimed at children under 13?": [True],
            "How do you get a parent's consent?": ["A parent confirms by email."],
            "Which data do you collect from children?": [["email"]],
            "Can children's information be made public": ["Programs show in a gallery."],
            "Why do you need to keep children's data?": ["to save the child's progress"],
            "Children's data is deleted at the latest": ["", "2 years"],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    asked = prompter.asked
    # Recipients are asked whether they get children's data, so the children come first.
    assert asked.index("Is the site aimed at children under 13?") < asked.index(
        "Who do you share personal data with?"
    )
    # COPPA forbids keeping children's data indefinitely (16 CFR §312.10): no skipping.
    assert [m for m, _ in prompter.refused if m.startswith("Children's data is deleted")]
    profile = StoreProfile.model_validate(interview.answers)
    assert profile.children.deleted_after is not None
    assert profile.children.deleted_after.amount == 2
    assert profile.children.made_public == "Programs show in a gallery."


def test_safeguards_and_ad_programs_are_offered_by_the_laws_that_reach_the_store() -> None:
    transfer = {
        # The safeguard is suggested and shown; changing it offers the law's own tools.
        "Which countries do you send personal data to": ["add", "0", "done"],
        "Country it goes to": ["US"],
        "US: what do you want to change?": [["safeguard"]],
        "Which kinds of cookies?": [["strictly_necessary", "advertising"]],
    }
    canadian = _run({**transfer, "Country (two-letter code)": ["CA"], "State, province": ["BC"]})
    german = _run({**transfer, "Country (two-letter code)": ["DE"], "State, province": [""]})
    offered = {}
    for name, run in (("CA", canadian), ("DE", german)):
        assert isinstance(run.prompter, Scripted)
        offered[name] = run.prompter.offered
    # PIPEDA asks for a contract with the provider; the GDPR's and the UK's tools are not
    # offered to a store no European law reaches.
    assert "provider_contract" in offered["CA"]["US: Which safeguard covers it?"]
    assert not {"scc", "dpf", "uk_idta"} & set(offered["CA"]["US: Which safeguard covers it?"])
    assert {"scc", "dpf"} <= set(offered["DE"]["US: Which safeguard covers it?"])
    assert "uk_idta" not in offered["DE"]["US: Which safeguard covers it?"]
    # Where no European law reaches, the contract is suggested and shown, not asked on
    # adding the transfer; a European store is asked, the clauses preselected.
    assert isinstance(canadian.prompter, Scripted) and isinstance(german.prompter, Scripted)
    assert "Which safeguard covers it?" not in canadian.prompter.asked
    assert "Which safeguard covers it?" in german.prompter.asked
    # Kept as suggested: the tool each law offers for any country.
    assert canadian.answers["international"]["transfers"][0]["safeguard"] == "provider_contract"
    assert german.answers["international"]["transfers"][0]["safeguard"] == "scc"
    # Enter never claims an adequacy decision for the United States as a whole, but takes
    # one where the EU adopted it.
    japan = _run({**transfer, "Country it goes to": ["JP"], "Country (two-letter code)": ["DE"]})
    assert japan.answers["international"]["transfers"][0]["safeguard"] == "adequacy"
    programs = "Which ad industry opt-out programs do you take part in?"
    assert offered["CA"][programs] == ["daac"]
    assert offered["DE"][programs] == ["edaa"]


def test_the_review_shows_the_policys_own_text_for_a_section() -> None:
    interview = _run({"Save, or go back to a section?": ["read:collection", "save"]})
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    start = prompter.said.index("== What the policy says: What you collect")
    shown = "\n".join(prompter.said[start + 1 :])
    # The section as the policy words it, from the answers so far, not the answers.
    assert shown.startswith("## ")
    assert "payment card details" in shown.lower()
    assert "Category:" not in shown
    assert prompter.asked.count("Save, or go back to a section?") == 2


def test_a_german_shop_is_not_asked_us_questions_and_gets_german_defaults() -> None:
    german = _run({"Country (two-letter code)": ["DE"], "State, province or county": [""]})
    prompter = german.prompter
    assert isinstance(prompter, Scripted)
    seen = " ".join(prompter.asked + prompter.said)
    for us_only in ("appeal", "business days", "rented lists", "Do Not Track", "encarregado"):
        assert us_only not in seen, us_only
    # Germany set no lower age under GDPR Art 8(1), so 16; the deadline is one month.
    assert german.answers["children"]["minimum_age"] == 16
    assert german.answers["rights"]["response_days"] == 30
    american = _run({})
    assert american.answers["children"]["minimum_age"] == 13
    assert isinstance(american.prompter, Scripted)
    assert any("appeal" in line for line in american.prompter.said)


def test_each_recipients_questions_say_which_recipient_in_tick_order() -> None:
    interview = _run(
        {
            "Who do you share personal data with?": [
                ["payment_processor", "shipping_carrier", "email_provider", "advertising"]
            ],
            "Email service providers: Their names": ["Brevo"],
            "Advertising networks: Their names": ["Meta"],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    names = [q for q in prompter.asked if "Their names" in q]
    assert [q.split(":")[0] for q in names] == [
        capfirst(LABELS[RecipientKind(kind)])
        for kind in ("payment_processor", "shipping_carrier", "email_provider", "advertising")
    ]
    recipients = interview.answers["sharing"]["recipients"]
    by_kind = {r["kind"]: r for r in recipients}
    assert by_kind["email_provider"]["names"] == ["Brevo"]
    assert by_kind["advertising"]["names"] == ["Meta"]
    # An ad network decides what it does with what its pixel gathers (EDPB 07/2020): the
    # suggestion says so, and whether it gives value is asked, not assumed.
    assert by_kind["advertising"]["use"] == "own_purposes"
    assert any(
        q.startswith("Advertising networks: Do they give you anything")
        for q in names + prompter.asked
    )


def test_a_change_asks_what_the_changed_answer_brings_in() -> None:
    phone = capfirst(LABELS[DataCategory.PHONE])
    interview = _run(
        {
            "What personal data do you collect?": [
                [
                    "name",
                    "email",
                    "phone",
                    "postal_address",
                    "payment_card",
                    "order_history",
                    "device_and_log",
                ]
            ],
            "Anything to change in the kinds of data?": ["2", "done"],
            f"{phone}: what do you want to change?": [["necessity"]],
            f"{phone}: Must customers give it?": ["required"],
            f"{phone}: What happens if they don't?": ["We cannot arrange delivery."],
        }
    )
    (item,) = [i for i in interview.answers["collection"]["items"] if i["category"] == "phone"]
    assert item["if_not_provided"] == "We cannot arrange delivery."


def test_brackets_in_a_phrase_become_dashes_rather_than_a_refusal() -> None:
    """The policy puts a phrase inside its own brackets; an owner's natural '(...)' is
    taken as an aside between dashes instead of being refused (commas would make a list
    inside it read as more items of the outer list)."""
    card = capfirst(LABELS[DataCategory.PAYMENT_CARD])
    interview = _run(
        {
            "Anything to change in the kinds of data?": ["3", "done"],
            f"{card}: what do you want to change?": [["details"]],
            f"{card}: What exactly": ["last four digits (from Stripe, PayPal), not the number"],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    (item,) = [
        i for i in interview.answers["collection"]["items"] if i["category"] == "payment_card"
    ]
    assert item["details"] == "last four digits – from Stripe, PayPal – not the number"
    assert not [m for m, _ in prompter.refused if m.startswith(f"{card}: What exactly")]
    # Not silently: the owner is shown how the answer now reads.
    shown = "Recorded without brackets: last four digits – from Stripe, PayPal – not the number"
    assert shown in prompter.said


def test_a_known_cookieless_tool_is_recorded_as_setting_no_cookies() -> None:
    interview = _run(
        {
            "Which kinds of cookies?": [["strictly_necessary", "analytics"]],
            "Which tracking tools run on the site?": ["add", "add", "done"],
            "Tool's name": ["Plausible", "Google Analytics"],
            "What kind of tool is it?": ["analytics", "analytics"],
        }
    )
    tools = interview.answers["cookies"]["tools"]
    by_name = {tool["name"]: tool.get("sets_cookies", True) for tool in tools}
    assert by_name == {"Plausible": False, "Google Analytics": True}
    assert not any(q.startswith("Does it set cookies") for q in interview.prompter.asked)  # type: ignore[attr-defined]


def test_cards_go_straight_to_a_named_processor_unless_taken_by_phone() -> None:
    from generator.wizard.suggest import processor_takes_cards

    online = [{"category": "payment_card", "points": ["checkout"]}]
    phone = [{"category": "payment_card", "points": ["checkout", "by_phone"]}]
    assert processor_takes_cards(["Stripe"], online)
    assert not processor_takes_cards(["Stripe"], phone)
    assert not processor_takes_cards([], online)


def test_add_chosen_by_mistake_can_be_taken_back() -> None:
    kept = _run({})
    back = _run(
        {"Anything to change in the kinds of data?": ["add", "done"], "Which kind": ["__back__"]}
    )
    assert back.answers["collection"]["items"] == kept.answers["collection"]["items"]
    prompter = back.prompter
    assert isinstance(prompter, Scripted)
    offered = next(v for k, v in prompter.offered.items() if k.startswith("Which kind"))
    assert offered[-1] == "__back__"


def test_the_sba_answer_starts_from_yes_only_for_a_clearly_small_business() -> None:
    small = _run({"Gross revenue last year": ["250000"]})
    large = _run({"Gross revenue last year": ["34000000"]})
    staffed = _run({"Gross revenue last year": ["250000"], "How many people work": ["140"]})
    assert small.answers["business"]["sba_small_business"] is True
    assert large.answers["business"]["sba_small_business"] is False
    assert staffed.answers["business"]["sba_small_business"] is False


def test_pressing_enter_for_an_ad_network_keeps_its_sale_and_sharing() -> None:
    from generator.facts.sharing import judge
    from generator.model.practices import Recipient

    interview = _run(
        {
            "What personal data do you collect?": [
                ["email", "device_and_log", "browsing_activity"]
            ],
            "Who do you share personal data with?": [["advertising", "marketing_partner"]],
        }
    )
    recipients = {r["kind"]: r for r in interview.answers["sharing"]["recipients"]}
    ads, partners = recipients["advertising"], recipients["marketing_partner"]
    assert ads["gives_value"] is True and ads["cross_context_ads"] is True
    assert partners["use"] == "own_marketing" and partners["gives_value"] is True
    assert judge(Recipient.model_validate(ads)).sold
    assert judge(Recipient.model_validate(partners)).sold


def test_a_rare_answer_is_changed_alone_from_one_tick_list() -> None:
    """'Change only some of them' asks only the ticked rare questions; the rest keep the
    answers shown."""

    class Some(Scripted):
        def _scripts_a_rare_question(self) -> bool:
            return False

    prompter = Some(
        {
            **SMALL_STORE,
            "Keep these answers?": ["some"],
            "Which of these do you want to change?": [["business.contact.web_form"]],
            "Web address of a privacy request form": ["https://plainpaper.example/privacy-form"],
        }
    )
    interview = Interview(QUESTIONNAIRE, prompter, {})
    interview.ask_section(QUESTIONNAIRE.section("business"))
    offered = prompter.offered["Which of these do you want to change?"]
    assert "business.contact.web_form" in offered and "business.parent" in offered
    assert any(q.startswith("Web address of a privacy request form") for q in prompter.asked)
    assert not any(q.startswith("Is the store part of a larger parent") for q in prompter.asked)
    form = interview.answers["business"]["contact"]["web_form"]
    assert form == "https://plainpaper.example/privacy-form"


def test_collection_suggestions_follow_each_kinds_nature_and_the_other_answers() -> None:
    """Sources come from the facts layer's nature of each kind, collection points from the
    kinds ticked with it (an account brings the name in at registration) and the shops."""
    interview = _run(
        {
            "Do you also sell in your own shops": [True],
            "What personal data do you collect?": [
                ["name", "email", "credentials", "payment_card", "browsing_activity"]
            ],
            "Keep these answers?": ["answer", "keep"],
        }
    )
    items = {i["category"]: i for i in interview.answers["collection"]["items"]}
    assert items["name"]["sources"] == ["from_you"]
    assert items["name"]["points"] == ["registration", "checkout", "in_store"]
    assert items["credentials"]["points"] == ["registration"]
    assert items["payment_card"]["points"] == ["checkout", "in_store"]
    browsing = items["browsing_activity"]
    assert browsing["sources"] == ["automatic"]
    assert browsing["points"] == ["browsing"]
    assert browsing["necessity"] == "automatic"
    # The owner saw each of them before it was recorded.
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    shown = [line for line in prompter.said if line.startswith("  - Browsing")]
    assert shown and "comes from: " in shown[0] and "must give it: " in shown[0]


def test_change_several_ticks_the_items_then_asks_each_ones_answers() -> None:
    card, orders = (
        capfirst(LABELS[c]) for c in (DataCategory.PAYMENT_CARD, DataCategory.ORDER_HISTORY)
    )
    interview = _run(
        {
            "Anything to change in the kinds of data?": ["__several__", "done"],
            "Which kinds of data do you want to change or remove?": [["3", "4"]],
            f"{card}: what do you want to change?": [["details"]],
            f"{card}: What exactly": ["card number and expiry date"],
            f"{orders}: what do you want to change?": [["__remove__"]],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    assert prompter.asked.count("Anything to change in the kinds of data?") == 2
    items = interview.answers["collection"]["items"]
    assert "order_history" not in [i["category"] for i in items]
    card_item = next(i for i in items if i["category"] == "payment_card")
    assert card_item["details"] == "card number and expiry date"


def test_a_brazilian_store_gets_each_purposes_lgpd_basis_suggested() -> None:
    """The LGPD words each use's basis (Art 7), so a store it reaches is shown and records
    the usual basis for each purpose, as a GDPR store is."""
    interview = _run({"Which countries do you sell to?": ["BR"]})
    uses = interview.answers["use"]["purposes"]
    bases = {u["purpose"]: u.get("legal_basis") for u in uses}
    assert bases["order_fulfilment"] == "contract"
    assert bases["legal_compliance"] == "legal_obligation"
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    assert any("legal basis: " in line for line in prompter.said)


def test_deadlines_and_duties_a_law_decides_are_shown_not_asked() -> None:
    """The answer deadline follows the laws (one month under the GDPR: 30 days) and is
    recorded from the section's list of answers kept as shown, not asked on its own; the
    request methods follow the contacts given in the first section."""
    interview = _run(
        {
            "Which countries do you sell to?": ["DE"],
            "Web address of a privacy request form": ["https://tinytea.example/privacy"],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    assert not any(q.startswith("Within how many days") for q in prompter.asked)
    assert any(
        line.startswith("  - Within how many days") and line.endswith(" 30")
        for line in prompter.said
    )
    assert interview.answers["rights"]["response_days"] == 30
    assert interview.answers["rights"]["methods"] == ["email", "web_form"]


def test_one_answer_is_changed_across_several_items_at_once() -> None:
    """'Change one answer in several': tick the answer, then the items it is wrong for;
    only those items are asked it, and the others keep theirs."""
    name, email, card = (
        capfirst(LABELS[c])
        for c in (DataCategory.NAME, DataCategory.EMAIL, DataCategory.PAYMENT_CARD)
    )
    interview = _run(
        {
            "Anything to change in the kinds of data?": ["__by_answer__", "done"],
            "Which answers do you want to change in several kinds of data?": [["points"]],
            "Collected when: which kinds of data do you want to change?": [["0", "3"]],
            f"{name}: When is it collected": [["checkout", "by_phone"]],
            f"{card}: When is it collected": [["checkout", "by_phone"]],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    offered = prompter.offered["Collected when: which kinds of data do you want to change?"]
    assert offered[:4] == ["0", "1", "2", "3"]
    items = {i["category"]: i for i in interview.answers["collection"]["items"]}
    assert items["name"]["points"] == ["checkout", "by_phone"]
    assert items["payment_card"]["points"] == ["checkout", "by_phone"]
    assert items["email"]["points"] == ["checkout"]
    assert not any(q.startswith(f"{email}: When is it collected") for q in prompter.asked)


def test_cookie_kinds_follow_the_uses_given() -> None:
    interview = _run(
        {
            "What do you use personal data for?": [
                [*STARTING_PURPOSES, "analytics", "targeted_advertising"]
            ]
        }
    )
    assert interview.answers["cookies"]["kinds"] == [
        "strictly_necessary",
        "analytics",
        "advertising",
    ]
    plain = _run({})
    assert plain.answers["cookies"]["kinds"] == ["strictly_necessary"]


def test_a_data_broker_is_asked_its_request_figures() -> None:
    broker = _run(
        {
            "Gross revenue last year": ["30000000"],
            "Do you sell data about people who are not your own customers": [True],
            "Which year are your privacy request figures for?": ["2025"],
            "Your figures for each kind of request": ["add", "done"],
            "Which kind of request?": ["delete"],
            "How many did you receive?": ["21500"],
            "How many did you comply with": ["20000"],
            "How many did you deny?": ["1500"],
            "Median days to respond": ["9"],
            "Mean days to respond": ["11"],
            "Why did you deny them": ["1,500 because we could not verify the requester"],
        }
    )
    metrics = broker.answers["rights"]["request_metrics"]
    assert metrics["year"] == 2025
    assert metrics["counts"][0]["mean_days"] == 11
    plain = _run({})
    assert "request_metrics" not in plain.answers.get("rights", {})


def test_a_recipient_of_sensitive_data_is_asked_which_of_the_stores_kinds_it_gets() -> None:
    interview = _run(
        {
            "What personal data do you collect?": [["name", "email", "sensitive"]],
            "Which kinds of sensitive data do you collect?": [
                ["religious_beliefs", "sex_life_orientation"]
            ],
            "Who do you share personal data with?": [["marketing_partner"]],
            "Anything to change in the recipients?": ["0", "done"],
            "Marketing partners: what do you want to change?": [["categories"]],
            "Marketing partners: Which data do they receive?": [["name", "sensitive"]],
            "Marketing partners: Which kinds of sensitive data": [["religious_beliefs"]],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    question = next(q for q in prompter.offered if "Which kinds of sensitive data do they" in q)
    assert prompter.offered[question] == ["religious_beliefs", "sex_life_orientation"]
    partner = interview.answers["sharing"]["recipients"][0]
    assert partner["sensitive_kinds"] == ["religious_beliefs"]


def test_enter_leaves_language_model_training_unanswered() -> None:
    interview = _run({})
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    assert "trains_language_models" not in interview.answers["use"]
    assert any("train large language models" in line and "(none)" in line for line in prompter.said)


def test_enter_never_sends_childrens_data_to_an_ad_network() -> None:
    # Device data is both the app's and the shop pages': the starting answers follow the
    # facts layer's rule, so an ad network gets children's data only if the owner ties
    # children's data to ads (16 CFR §312.2: behavioral ads are no internal operation).
    interview = _run(
        {
            "What is the youngest age allowed to use the site?": ["6"],
            "Is the site aimed at children under 13?": [True],
            "How do you get a parent's consent?": ["A parent signs a form."],
            "What personal data do you collect?": [["email", "device_and_log"]],
            "What do you use personal data for?": [["site_administration", "targeted_advertising"]],
            "Which data do you collect from children?": [["device_and_log"]],
            "Why do you need to keep children's data?": ["to run the app"],
            "Children's data is deleted at the latest": ["2 years"],
            "Who do you share personal data with?": [["advertising", "hosting"]],
        }
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    assert interview.answers["children"]["purposes"] == ["site_administration"]
    recipients = {r["kind"]: r for r in interview.answers["sharing"]["recipients"]}
    assert recipients["advertising"]["gets_childrens_data"] is False
    assert recipients["hosting"]["gets_childrens_data"] is True
    # Asked of each recipient that gets a kind of children's data, not filled in silently.
    asked = [m for m in prompter.asked if "Does it get any data you collect from children" in m]
    assert len(asked) == 2


def test_an_ad_network_starts_with_childrens_data_only_if_children_s_data_serves_ads() -> None:
    from generator.wizard.suggest import child_purposes, childrens_recipient

    uses = [
        {"purpose": "site_administration", "categories": ["device_and_log"]},
        {"purpose": "targeted_advertising", "categories": ["device_and_log"]},
    ]
    kids = ["device_and_log"]
    assert child_purposes(uses, kids) == ["site_administration"]
    assert not childrens_recipient("advertising", kids, True, kids, None, uses)
    assert childrens_recipient("advertising", kids, True, kids, ["targeted_advertising"], uses)
    # Analytics used for cross-site ads is treated as an advertiser.
    assert not childrens_recipient("analytics", kids, True, kids, None, uses)
    assert not childrens_recipient("analytics", kids, False, kids, None, uses)
    assert childrens_recipient("analytics", kids, False, kids, ["analytics"], uses)
    assert not childrens_recipient("hosting", ["email"], False, kids, None, uses)


def test_a_one_state_store_is_not_asked_state_splits_or_the_sba_size() -> None:
    california = _run({"Which US states do you sell to?": ["CA"]})
    assert isinstance(california.prompter, Scripted)
    asked = " ".join(california.prompter.asked + california.prompter.said)
    assert "each US state" not in asked and "SBA" not in asked
    everywhere = _run({})
    assert isinstance(everywhere.prompter, Scripted)
    assert any("SBA" in q for q in everywhere.prompter.asked)


def test_the_disclosure_consent_is_asked_only_where_a_light_way_is_offered() -> None:
    kids = {
        "What is the youngest age allowed to use the site?": ["6"],
        "Is the site aimed at children under 13?": [True],
        "How do you get a parent's consent?": ["A parent confirms by text."],
        "Which data do you collect from children?": [["email"]],
        "Why do you need to keep children's data?": ["to save the child's progress"],
        "Children's data is deleted at the latest": ["2 years"],
    }
    question = "Which of those ways must a parent use"
    light = _run({**kids, "Which ways does a parent use to give consent?": [["text_plus"]]})
    strong = _run({**kids, "Which ways does a parent use to give consent?": [["payment"]]})
    assert isinstance(light.prompter, Scripted) and isinstance(strong.prompter, Scripted)
    assert any(q.startswith(question) for q in light.prompter.asked)
    assert not any(q.startswith(question) for q in strong.prompter.asked)


def test_data_required_only_somewhere_is_set_by_changing_it() -> None:
    """'Required only when' is an extra answer, reached by changing the item; it offers only
    the item's own collection points."""
    email = capfirst(LABELS[DataCategory.EMAIL])
    interview = _run(
        {
            "What personal data do you collect?": [
                ["email", "postal_address", "payment_card", "order_history"]
            ],
            "Anything to change in the kinds of data?": ["0", "0", "done"],
            f"{email}: what do you want to change?": [["points"], ["required_at"]],
            f"{email}: When is it collected": [["checkout", "in_store"]],
            f"{email}: Where must they give it?": [["checkout"]],
        },
    )
    prompter = interview.prompter
    assert isinstance(prompter, Scripted)
    asked = next(m for m in prompter.offered if m.startswith(f"{email}: Where must they give it?"))
    assert prompter.offered[asked] == ["checkout", "in_store"]
    item = interview.answers["collection"]["items"][0]
    assert item["necessity"] == "required" and item["required_at"] == ["checkout"]


def test_the_minimum_age_starts_at_quebecs_14_for_a_store_quebec_law_reaches() -> None:
    from generator.wizard.suggest import consent_age

    assert consent_age(["CA"], quebec=True) == 14
    assert consent_age(["CA"], quebec=False) == 13
    assert consent_age(["DE", "CA"], quebec=True) == 16  # Germany's Art 8 age is higher


def test_a_period_of_one_reads_in_the_singular() -> None:
    """Rodamón's reader typed '1 month' and was shown 'for: 1 months'."""
    from generator.wizard.questionnaire import Kind
    from generator.wizard.typed import as_text, parse_text

    (period,) = [q for q, _ in QUESTIONNAIRE.all_questions() if q.kind is Kind.DURATION][:1]
    assert as_text(period, {"amount": 1, "unit": "months"}) == "1 month"
    assert as_text(period, {"amount": 30, "unit": "days"}) == "30 days"
    assert parse_text(period, "1 month").value == {"amount": 1, "unit": "months"}
    # The group's summary line too (seen in tmux: "for: 1 months").
    from generator.wizard.questionnaire import label_of

    assert label_of({"amount": 1, "unit": "months"}, None) == "1 month"
