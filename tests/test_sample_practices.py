"""Practices the sample policies disclose that needed their own answers (issue 2 follow-up):
each sentence renders in its clause when the answer is set, and nowhere when it is not."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES

from generator.answers import answers_from_profile, load_profile
from generator.compose import render_policy
from generator.errors import AnswersError
from generator.model import StoreProfile


def example(name: str) -> StoreProfile:
    return load_profile(EXAMPLES / f"{name}.yaml")


def answered(profile: StoreProfile, **answers: Any) -> StoreProfile:
    """A copy with answers replaced by dotted path ("marketing__unsubscribe__per_address"),
    validated again like an answers file; None removes the answer."""
    data = copy.deepcopy(profile.model_dump(mode="json"))
    for dotted, value in answers.items():
        *parents, last = dotted.split("__")
        node = data
        for key in parents:
            if node.get(key) is None:
                node[key] = {}
            node = node[key]
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return StoreProfile.model_validate(data)


def section(profile: StoreProfile, anchor: str) -> str:
    doc = render_policy(profile)
    found = [s for s in doc.sections if s.anchor == anchor]
    if not found:
        return ""
    start = doc.markdown.index(f"## {found[0].number}. ")
    end = doc.markdown.find("\n## ", start + 1)
    return doc.markdown[start : end if end > 0 else None]


# (example that sets it, the answer, its "not set" value, the section, the sentence)
CASES = {
    "unsubscribe confirmation (Lexmark)": (
        "lexmark-store",
        "marketing__unsubscribe__confirmation_email",
        False,
        "marketing",
        "We may send you one last email to confirm that you unsubscribed.",
    ),
    "cookies identify only with consent (Lexmark)": (
        "lexmark-store",
        "cookies__identify_only_with_consent",
        False,
        "cookies",
        "Our cookies never collect details that identify you unless you agree.",
    ),
    "parent's own policy, parent named as the legal name (Lexmark)": (
        "lexmark-store",
        "business__parent__policy_url",
        None,
        "about",
        "Lexmark International, Inc. has its own privacy policy for its other sites and services: "
        "<https://www.lexmark.com/en_us/privacy.html>. That policy, not this one, covers them.",
    ),
    "affiliates not covered (Xerox)": (
        "xerox",
        "business__excluded_affiliates",
        [],
        "about",
        "This policy does not cover other Xerox companies.",
    ),
    "asks only for the minimum (Xerox)": (
        "xerox",
        "collection__asks_only_minimum",
        False,
        "how-we-use",
        "We ask you only for the minimum information we need to serve you.",
    ),
    "fax number (Xerox)": (
        "xerox",
        "business__contact__fax",
        None,
        "contact",
        "- Fax: 1-800-555-0177",
    ),
    "reply-only forms (Xerox)": (
        "xerox",
        "marketing__reply_only_forms",
        False,
        "marketing",
        "Some of our forms are only for answering a question or request. They have no box for "
        "signing up to marketing, and we use what you send on them only to reply.",
    ),
    "policy linked from home page and forms (4inkjets)": (
        "4inkjets",
        "policy__linked_from_home_and_forms",
        False,
        "about",
        "You can find a link to this policy on our home page and on every page that asks for "
        "personal information.",
    ),
    "separate request address (123inkjets)": (
        "123inkjets",
        "rights__contact",
        None,
        "your-choices-and-rights",
        "- Email: <CustomerSupport@inkblvd.com>",
    ),
    "processing anywhere necessary (123inkjets)": (
        "123inkjets",
        "international__worldwide_processing",
        False,
        "international",
        "We may move and use your personal information in other countries wherever we need to, "
        "to run our site and complete your orders.",
    ),
    "unsubscribe each address (123inkjets)": (
        "123inkjets",
        "marketing__unsubscribe__per_address",
        False,
        "marketing",
        "If you gave us more than one email address, unsubscribe each address on its own.",
    ),
    "rented list named in the header (TonerRefillKits)": (
        "tonerrefillkits",
        "marketing__names_list_source",
        False,
        "marketing",
        "Where we can, the email's header names the list your address came from.",
    ),
}


@pytest.mark.parametrize("store, answer, unset, anchor, sentence", CASES.values(), ids=CASES)
def test_the_sentence_renders_only_when_the_answer_is_set(
    store: str, answer: str, unset: Any, anchor: str, sentence: str
) -> None:
    profile = example(store)
    assert sentence in section(profile, anchor)
    without = answered(profile, **{answer: unset})
    assert sentence not in render_policy(without).markdown


def test_the_new_answers_survive_a_save_and_load() -> None:
    for store in ("lexmark-store", "xerox", "4inkjets", "123inkjets", "tonerrefillkits"):
        profile = example(store)
        again = StoreProfile.model_validate(answers_from_profile(profile))
        assert again == profile


# ---- fax: wherever contact lines are listed ------------------------------------------------


def test_a_fax_number_is_listed_in_the_law_sections_contact_lines() -> None:
    eu = example("modern-eu-gdpr")
    assert "Fax:" not in render_policy(eu).markdown
    faxing = answered(eu, business__contact__fax="+49 30 555 0100")
    assert "- Fax: \\+49 30 555 0100" in section(faxing, "contact")  # + escaped, as for phones
    assert "- Fax: \\+49 30 555 0100" in section(faxing, "eea-uk")


def test_a_fax_number_alone_is_a_way_to_reach_someone() -> None:
    xerox = example("xerox")
    assert xerox.business.contact.fax is not None
    assert xerox.business.contact.model_copy(
        update={"email": None, "phone": None, "toll_free": None, "web_form": None}
    ).has_any()


# ---- rights.contact: where requests go -----------------------------------------------------


def test_requests_go_to_the_rights_contact_in_every_request_list() -> None:
    us = example("modern-us-ccpa")
    business_email = us.business.contact.email
    assert business_email is not None
    routed = answered(us, rights__contact={"email": "requests@shop.example.com"})
    for anchor in ("your-choices-and-rights", "california"):
        text = section(routed, anchor)
        requests = text[text.index("How to make a request") :]
        assert "requests@shop.example.com" in requests, anchor
    # The privacy contact itself is unchanged.
    assert f"<{business_email}>" in section(routed, "contact")


def test_a_way_the_rights_contact_leaves_blank_falls_back_to_the_privacy_contact() -> None:
    xerox = example("xerox")  # requests by email and toll-free phone
    routed = answered(xerox, rights__contact={"email": "requests@xerox.example"})
    assert routed.request_contact.email == "requests@xerox.example"
    assert routed.request_contact.toll_free == xerox.business.contact.toll_free
    text = section(routed, "your-choices-and-rights")
    assert "- Email: <requests@xerox.example>" in text
    assert f"- Toll-free phone: {xerox.business.contact.toll_free}" in text


def test_email_requests_need_an_email_in_one_of_the_two_contacts() -> None:
    store = example("123inkjets")
    # The request address alone is enough for requests by email...
    only_requests = answered(store, business__contact__email=None)
    assert only_requests.request_contact.email == "CustomerSupport@inkblvd.com"
    # ...and with neither, the clash names both places to fix.
    with pytest.raises(ValueError) as refused:
        answered(store, business__contact__email=None, rights__contact={"name": "Support"})
    message = str(refused.value)
    assert "business.contact.email" in message and "rights.contact.email" in message


# ---- guards ------------------------------------------------------------------------------


def test_a_company_cannot_be_both_covered_and_excluded() -> None:
    store = example("123inkjets")
    with pytest.raises(ValueError) as refused:
        answered(store, business__excluded_affiliates=["InkBlvd.com"])
    assert "business.excluded_affiliates" in str(refused.value)


def test_list_source_is_said_only_about_rented_lists() -> None:
    toner = example("tonerrefillkits")
    no_lists = answered(toner, marketing__purchased_opt_in_lists=False)
    assert "header names the list" not in render_policy(no_lists).markdown


def test_unsubscribing_each_address_is_said_only_for_marketing_email() -> None:
    store = answered(
        example("123inkjets"),
        marketing__channels=["postal"],
    )
    assert "unsubscribe each address" not in render_policy(store).markdown


# ---- asking only for the minimum: the promise must stay true ------------------------------


def test_the_minimum_promise_holds_for_xerox() -> None:
    xerox = example("xerox")
    assert xerox.collection.asks_only_minimum
    assert xerox.asked_beyond_need() == []


def test_the_minimum_promise_is_refused_for_data_asked_only_for_marketing() -> None:
    # Xerox's business contact details also serve orders; asked only to send offers, they
    # would be more than Xerox needs to serve the person.
    with pytest.raises(ValueError) as refused:
        answered(
            example("xerox"),
            use__purposes=[
                u if u["purpose"] != "order_fulfilment" else {**u, "categories": ["name", "email"]}
                for u in example("xerox").model_dump(mode="json")["use"]["purposes"]
                if u["purpose"] not in ("business_partnerships", "combining_sources")
            ],
        )
    message = str(refused.value)
    assert "'business_contact' is asked of people and is used only for marketing" in message
    assert "collection.items[7].category, collection.asks_only_minimum" in message


def test_the_minimum_promise_is_refused_for_data_asked_and_not_used(tmp_path: Path) -> None:
    text = (EXAMPLES / "xerox.yaml").read_text(encoding="utf-8")
    extra = "    - category: survey_responses\n      points: [contact_form]\n"
    text = text.replace(
        "    - category: order_history\n", extra + "    - category: order_history\n"
    )
    path = tmp_path / "xerox.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersError) as refused:
        load_profile(path)
    [problem] = [str(p) for p in refused.value.problems]
    line = text.splitlines().index("    - category: survey_responses") + 1
    assert problem.startswith(f"{path}:{line}: collection.items[8].category: ")
    assert "'survey_responses' is asked of people and is used for nothing" in problem
    # Without the promise the same answers are accepted: only the promise would be false.
    path.write_text(text.replace("  asks_only_minimum: true\n", ""), encoding="utf-8")
    assert not load_profile(path).collection.asks_only_minimum


# ---- naming the law a section follows ----------------------------------------------------

CAN_SPAM_SENTENCE = "We handle unsubscribes as the US CAN-SPAM Act requires."


def test_the_marketing_section_names_can_spam_where_it_applies() -> None:
    inkjets = example("123inkjets")
    text = section(inkjets, "marketing")
    assert (
        "Every marketing email shows our postal address and an unsubscribe link. We do not sell "
        f"or pass on the addresses of people who unsubscribe. {CAN_SPAM_SENTENCE}"
    ) in text
    assert render_policy(inkjets).markdown.count("CAN-SPAM") == 1


@pytest.mark.parametrize(
    "store, answers",
    [
        ("modern-ca-pipeda", {}),  # emails people in Canada only: CASL, not CAN-SPAM
        # before the Act took effect
        ("123inkjets", {"policy__effective_date": "2003-12-01", "policy__last_updated": None}),
        ("123inkjets", {"marketing__channels": ["postal"]}),  # no marketing email
    ],
    ids=["Canada only", "before 2004", "no email"],
)
def test_can_spam_is_not_named_where_it_does_not_apply(store: str, answers: dict[str, Any]) -> None:
    profile = answered(example(store), **answers)
    assert "CAN-SPAM" not in render_policy(profile).markdown


def test_can_spam_is_not_named_when_unsubscribes_are_slower_than_it_allows() -> None:
    # 15 U.S.C. §7704(a)(4): 10 business days at most; `policygen check` reports the delay.
    slow = answered(example("123inkjets"), marketing__opt_out_days=15)
    assert "CAN-SPAM" not in render_policy(slow).markdown


CALOPPA_TRACKING = (
    "The California Online Privacy Protection Act (CalOPPA) requires us to tell you how we "
    "respond to Do Not Track signals and whether other companies can track your activity across "
    "websites through our site."
)
CALOPPA_CHANGES = (
    "The California Online Privacy Protection Act (CalOPPA) requires us to tell you how we "
    "announce changes to this policy and when it took effect."
)


def test_the_sections_that_meet_caloppa_name_it() -> None:
    toner = example("tonerrefillkits")
    tracking = section(toner, "do-not-track")
    assert "Some browsers can send a Do Not Track signal." in tracking
    assert "We do not let other companies collect information about your activity" in tracking
    assert tracking.rstrip().endswith(CALOPPA_TRACKING)
    changes = section(toner, "changes")
    assert (
        f"This policy took effect on July 15, 1999. We last updated it on December 2, 2026.\n"
        f"{CALOPPA_CHANGES}"
    ) in changes
    markdown = render_policy(toner).markdown
    assert markdown.count("CalOPPA") == 2


def test_caloppa_is_named_for_do_not_track_only_from_2014() -> None:
    # B&P §22575(b)(5)-(7), added by AB 370, in force from January 1, 2014.
    earlier = answered(example("tonerrefillkits"), policy__last_updated="2013-12-31")
    markdown = render_policy(earlier).markdown
    assert CALOPPA_TRACKING not in markdown
    assert CALOPPA_CHANGES in section(earlier, "changes")


@pytest.mark.parametrize(
    "store, answers",
    [
        ("tonerrefillkits", {"business__sells_to_us_states": ["NY", "TX"]}),  # no Californians
        ("modern-eu-gdpr", {}),
        # dated 2003, before CalOPPA took effect on July 1, 2004
        ("xerox", {"policy__last_updated": None}),
    ],
    ids=["not in California", "EU store", "before July 2004"],
)
def test_caloppa_is_not_named_where_it_does_not_apply(store: str, answers: dict[str, Any]) -> None:
    profile = answered(example(store), **answers)
    assert "CalOPPA" not in render_policy(profile).markdown
