"""The wizard's services step ("Which of these services do you use?"), through the
scripted Prompter of test_interview.py."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from test_interview import QUESTIONNAIRE, SMALL_STORE, Scripted

from generator.answers import load_profile
from generator.model.vocab import CookieKind, RecipientKind, RecipientUse
from generator.services.catalog import catalog
from generator.services.fill import tool_defaults
from generator.wizard.interview import Interview
from generator.wizard.services_step import NAMES_PROMPT as TYPE_NAMES
from generator.wizard.services_step import ON_SITE_PROMPT, PICK_PROMPT, choices
from generator.wizard.session import conduct
from generator.wizard.terminal import QuestionaryPrompter

PICKS = ["stripe", "meta-pixel", "google-analytics-4", "klaviyo"]
NAMES_PROMPT = "Their names, if you want to list them"


def _run(script: dict[str, list[Any]], answers: dict[str, Any] | None = None) -> Interview:
    interview = Interview(QUESTIONNAIRE, Scripted({**SMALL_STORE, **script}), answers or {})
    interview.run()
    return interview


def _asked_about(interview: Interview, name: str) -> list[str]:
    assert isinstance(interview.prompter, Scripted)
    return [m.split(": ", 1)[1] for m in interview.prompter.asked if m.startswith(name + " (")]


def test_picked_services_are_written_as_service_entries(tmp_path: Path) -> None:
    prompter = Scripted({**SMALL_STORE, PICK_PROMPT: [PICKS]})
    profile, _ = conduct(prompter, tmp_path / "tea.yaml")
    text = (tmp_path / "tea.yaml").read_text(encoding="utf-8")
    for service in PICKS:
        assert f"service: {service}" in text
    by_service = {r.service: r for r in profile.sharing.recipients if r.service}
    assert list(by_service) == PICKS
    # The catalog filled the rest: Meta's role and ad sharing, Klaviyo's kind and company.
    assert by_service["meta-pixel"].use is RecipientUse.OWN_PURPOSES
    assert by_service["meta-pixel"].cross_context_ads is True
    assert by_service["klaviyo"].kind is RecipientKind.EMAIL_PROVIDER
    assert by_service["klaviyo"].names == ["Klaviyo"]
    # Analytics and ad services are offered as tools on the site, the others not.
    assert [t.service for t in profile.cookies.tools] == ["meta-pixel", "google-analytics-4"]
    # ... and the cookie kinds follow them, so the answers fit together at once.
    assert {CookieKind.ADVERTISING, CookieKind.ANALYTICS} <= set(profile.cookies.kinds)
    assert "Some answers do not fit together yet:" not in prompter.said
    assert load_profile(tmp_path / "tea.yaml") == profile


def test_the_catalog_known_questions_are_skipped() -> None:
    interview = _run({PICK_PROMPT: [PICKS]})
    assert isinstance(interview.prompter, Scripted)
    # No names, data or 'why' for any picked service; Klaviyo (a processor by the
    # catalog) is asked nothing at all.
    assert _asked_about(interview, "Klaviyo") == []
    for name in ("Stripe", "Meta Pixel", "Google Analytics 4"):
        asked = _asked_about(interview, name)
        assert not any(q.startswith(("Their names", "Which data", "Why do")) for q in asked)
    # Meta is a third party sharing for ads by the catalog: not asked; what the catalog
    # cannot know is (value given, opt-out, consent).
    meta = _asked_about(interview, "Meta Pixel")
    assert "What may they do with it?" not in meta
    assert "Do they use it for ads based on activity on other sites?" not in meta
    assert any(q.startswith("Do they give you anything of value") for q in meta)
    # Stripe's role depends on its terms: like the recipients group, the wizard takes the
    # usual answer for its kind without asking, and says the catalog cannot tell.
    assert _asked_about(interview, "Stripe") == []
    assert any(
        line.startswith("The catalog cannot say what Stripe and Google Analytics 4 may do")
        for line in interview.prompter.said
    )
    # A tool on the site is not asked what the store uses it for: the catalog's purposes
    # say it, in the policy's words, and the owner may change it.
    assert "What do you use it for, in a few words?" not in _asked_about(interview, "Meta Pixel")
    assert tool_defaults(catalog().by_id["meta-pixel"])["purpose"] == (
        "show you our ads on other sites and understand how the site is used"
    )
    # The recipients group's own list then asks no names for what the services cover.
    names_asked = [m for m in interview.prompter.asked if m.endswith(NAMES_PROMPT)]
    assert names_asked == [
        "Shipping carriers: " + NAMES_PROMPT,
        "Our e-commerce platform: " + NAMES_PROMPT,
    ]


def test_a_setting_that_changes_sharing_is_asked_and_its_answers_kept() -> None:
    interview = _run(
        {
            PICK_PROMPT: [["meta-pixel"]],
            "Meta Pixel (advertising): Do you turn on Limited Data Use?": [True],
            "Meta Pixel (advertising): What may they do with it?": ["on_our_behalf"],
            "Meta Pixel (advertising): Do they use it for ads based on": [False],
        }
    )
    meta = next(r for r in interview.answers["sharing"]["recipients"] if r.get("service"))
    assert meta["use"] == "on_our_behalf" and meta["cross_context_ads"] is False
    # Without the setting, nothing about its role or ad sharing is asked.
    plain = _run({PICK_PROMPT: [["meta-pixel"]]})
    meta = _asked_about(plain, "Meta Pixel")
    assert "What may they do with it?" not in meta
    plain_meta = next(r for r in plain.answers["sharing"]["recipients"] if r.get("service"))
    assert "use" not in plain_meta and "cross_context_ads" not in plain_meta


def test_an_owner_can_change_what_the_catalog_says() -> None:
    interview = _run(
        {
            PICK_PROMPT: [["klaviyo", "meta-pixel"]],
            "Anything to change in what the catalog says": ["0", "2", "done"],
            "Klaviyo (email marketing): what do you want to change?": [["categories"]],
            "Klaviyo (email marketing): Which data do they receive?": [["email"]],
            "Meta Pixel (advertising) as a tracking tool: what do you want to change?": [
                ["purpose"]
            ],
            "Meta Pixel (advertising): What do you use it for": ["measure our ads"],
        }
    )
    klaviyo, _ = (r for r in interview.answers["sharing"]["recipients"] if r.get("service"))
    assert klaviyo == {"service": "klaviyo", "purpose": "send our emails", "categories": ["email"]}
    assert interview.answers["cookies"]["tools"] == [
        {"service": "meta-pixel", "purpose": "measure our ads"}
    ]


def test_services_in_a_loaded_file_show_as_picked() -> None:
    answers: dict[str, Any] = {
        "sharing": {"recipients": [{"service": "klaviyo"}, {"service": "Facebook Pixel"}]},
        "cookies": {"tools": [{"service": "meta-pixel"}]},
    }
    interview = Interview(QUESTIONNAIRE, Scripted(SMALL_STORE), answers)
    interview.ask_services()
    assert isinstance(interview.prompter, Scripted)
    assert interview.prompter.asked[0] == PICK_PROMPT
    recipients = interview.answers["sharing"]["recipients"]
    # Kept as they were (a name or alias is the same service), nothing added twice.
    assert [r["service"] for r in recipients] == ["klaviyo", "Facebook Pixel"]
    assert [t["service"] for t in interview.answers["cookies"]["tools"]] == ["meta-pixel"]


def test_unpicking_a_service_removes_its_recipient_and_tool() -> None:
    answers: dict[str, Any] = {
        "sharing": {
            "recipients": [
                {"service": "klaviyo"},
                {"kind": "shipping_carrier", "categories": ["name"]},
            ]
        },
        "cookies": {
            "tools": [{"service": "meta-pixel"}, {"name": "Own counter", "kind": "analytics"}]
        },
    }
    interview = Interview(QUESTIONNAIRE, Scripted({PICK_PROMPT: [[]]}), answers)
    interview.ask_services()
    assert interview.answers["sharing"]["recipients"] == [
        {"kind": "shipping_carrier", "categories": ["name"]}
    ]
    assert interview.answers["cookies"]["tools"] == [{"name": "Own counter", "kind": "analytics"}]


def test_the_list_is_grouped_by_kind_and_every_name_can_be_typed() -> None:
    listed = choices(catalog())
    assert len(listed) == len(catalog())
    kinds = [title.split(":", 1)[0] for _, title in listed]
    # Each kind's entries stand together, in one run.
    runs = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    assert len(runs) == len(set(runs))
    meta = dict(listed)["meta-pixel"]
    assert "Facebook Pixel" in meta  # typing an alias narrows to it too
    assert meta.startswith("Advertising: Meta Pixel")
    assert dict(listed)["cloudflare"].startswith("CDN and security: Cloudflare")
    assert dict(listed)["amazon-web-services"].startswith(
        "Hosting and cloud infrastructure: Amazon Web Services (also AWS"
    )


def test_a_picked_host_is_a_hosting_recipient_and_not_a_tool_on_the_site(tmp_path: Path) -> None:
    prompter = Scripted({**SMALL_STORE, PICK_PROMPT: [["amazon-web-services", "meta-pixel"]]})
    profile, _ = conduct(prompter, tmp_path / "tea.yaml")
    by_service = {r.service: r for r in profile.sharing.recipients if r.service}
    aws = by_service["amazon-web-services"]
    assert aws.kind is RecipientKind.HOSTING
    assert aws.use is RecipientUse.ON_OUR_BEHALF
    assert len(aws.categories) > 1  # the store's records, not only device data
    # Servers run no script on the store's pages: the host is not offered as a tool.
    assert prompter.offered[ON_SITE_PROMPT] == ["meta-pixel"]
    assert [t.service for t in profile.cookies.tools] == ["meta-pixel"]
    assert "Some answers do not fit together yet:" not in prompter.said


def test_a_question_is_asked_once_for_the_services_of_one_kind() -> None:
    interview = _run(
        {
            PICK_PROMPT: [["meta-pixel", "google-ads", "pinterest-tag"]],
            # One tick list for the three, each with its own answer (keys in list order).
            "Do they give you anything of value": [["0", "2"]],
        }
    )
    assert isinstance(interview.prompter, Scripted)
    asked = [m for m in interview.prompter.asked if "Do they give you anything" in m]
    assert asked == [
        "Do they give you anything of value for this data (money, or their ad or analytics "
        "services)? Tick each service it is yes for."
    ]
    ads = [r for r in interview.answers["sharing"]["recipients"] if r.get("service")]
    assert [r["gives_value"] for r in ads] == [True, False, True]
    # Back in the step later, services picked before are shown to change, not asked again;
    # a newly picked one is.
    answers = copy.deepcopy(interview.answers)
    again = Interview(
        QUESTIONNAIRE,
        Scripted({PICK_PROMPT: [["meta-pixel", "google-ads", "pinterest-tag", "criteo"]]}),
        answers,
    )
    again.ask_services()
    assert isinstance(again.prompter, Scripted)
    assert [m for m in again.prompter.asked if "Do they give you anything" in m] == [
        "Criteo (advertising): Do they give you anything of value for this data (money, or "
        "their ad or analytics services)?"
    ]
    assert any(m.startswith("Anything to change in what the catalog") for m in again.prompter.asked)


def test_the_prompt_count_charges_picking_and_changing_services() -> None:
    """benchmarks/wizard_prompts.py counts the services step honestly: one search per
    service picked, and what the owner changes from the catalog's facts."""
    import importlib.util
    import sys

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location(
        "wizard_prompts", root / "benchmarks" / "wizard_prompts.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["wizard_prompts"] = bench  # dataclasses look their module up by name
    spec.loader.exec_module(bench)
    answers = root / "examples" / "practice" / "catalog" / "02-boundary-pine.yaml"
    counted = bench.count(answers)
    services = {
        r.get("service")
        for r in counted.answers["sharing"]["recipients"]
        if isinstance(r, dict) and r.get("service")
    }
    assert len(services) > 10
    # The names typed once, the list they open ticked, which run on the site, the final
    # 'Done'; Meta's and Google Ads' data and purposes differ from the catalog's, charged
    # as changes (at least the menu, a tick list and the four answers).
    assert counted.by_section["services"] >= 4 + 2 + 4
    plain = bench.count(root / "examples" / "practice" / "02-boundary-pine.yaml")
    # An owner who names none types nothing and sees the list once.
    assert plain.by_section["services"] == 2
    assert counted.by_section["sharing"] < plain.by_section["sharing"]
    # The run reaches the file's services as written (the step puts them first).
    target = bench.read_answers(answers)[0]
    for path in ("sharing.recipients", "cookies.tools"):
        group, name = path.split(".")
        reached = [it for it in counted.answers[group][name] if it.get("service")]
        assert reached == [it for it in target[group][name] if it.get("service")]


class Feeding(QuestionaryPrompter):
    """The real questionary prompter, fed one prompt's keys at a time through a pipe: the
    first text answers from ``script``, Enter for every other prompt, ``search_keys`` for
    the services list."""

    def __init__(self, pipe: Any, script: list[str], search_keys: str) -> None:
        super().__init__(input=pipe, output=DummyOutput())
        self.pipe, self.script, self.search_keys = pipe, list(script), search_keys

    def text(self, message: str, **kwargs: Any) -> str:
        self.pipe.send_text((self.script.pop(0) if self.script else "") + "\r")
        return super().text(message, **kwargs)

    def confirm(self, message: str, **kwargs: Any) -> bool:
        self.pipe.send_text("\r")
        return super().confirm(message, **kwargs)

    def select(self, message: str, choices: list[tuple[str, str]], **kwargs: Any) -> str:
        self.pipe.send_text("\r")
        return super().select(message, choices, **kwargs)

    def checkbox(self, message: str, choices: list[tuple[str, str]], **kwargs: Any) -> list[str]:
        self.pipe.send_text("\r")
        return super().checkbox(message, choices, **kwargs)

    def search(self, message: str, choices: list[tuple[str, str]], **kwargs: Any) -> list[str]:
        self.pipe.send_text(self.search_keys)
        return super().search(message, choices, **kwargs)


def test_typing_narrows_the_services_list_in_the_terminal(tmp_path: Path) -> None:
    first = ["Tiny Tea", "", "tinytea.example", "1 Leaf Lane", "Portland", "OR", "97201"]
    first += ["US", "privacy@tinytea.example"]
    backspace = "\x7f"
    # Type to narrow, Space ticks the first match, Backspace widens the list again; an
    # alias ('facebook') finds Meta Pixel.
    keys = "klav " + backspace * 4 + "facebook " + backspace * 8 + "\r"
    with create_pipe_input() as pipe:
        profile, _ = conduct(Feeding(pipe, first, keys), tmp_path / "tea.yaml")
    assert [r.service for r in profile.sharing.recipients if r.service] == [
        "klaviyo",
        "meta-pixel",
    ]
    assert [t.service for t in profile.cookies.tools] == ["meta-pixel"]


def test_going_back_to_the_recipients_keeps_their_order() -> None:
    from generator.answers import read_answers

    root = Path(__file__).resolve().parent.parent
    answers = read_answers(root / "examples" / "practice" / "catalog" / "02-boundary-pine.yaml")[0]
    before = copy.deepcopy(answers["sharing"]["recipients"])
    interview = Interview(
        QUESTIONNAIRE, Scripted(), answers, [s.id for s in QUESTIONNAIRE.sections]
    )
    interview.ask_section(QUESTIONNAIRE.section("sharing"))
    after = interview.answers["sharing"]["recipients"]
    assert [r.get("service") or r["kind"] for r in after] == [
        r.get("service") or r["kind"] for r in before
    ]


def test_services_typed_by_name_open_the_list_ticked() -> None:
    """An owner types the vendors' names once; those found open the list ticked, and the
    wizard says which names matched several services and which the catalog lacks."""
    interview = _run({TYPE_NAMES: ["Stripe, PayPal, Meta Pixel, Google, Klavio, and Acme Co-op"]})
    assert isinstance(interview.prompter, Scripted)
    recipients = interview.answers["sharing"]["recipients"]
    assert [r["service"] for r in recipients if r.get("service")] == [
        "stripe",
        "paypal",
        "meta-pixel",
    ]
    said = "\n".join(interview.prompter.said)
    assert "Found: Stripe (payments), PayPal (payments) and Meta Pixel (advertising)." in said
    # The list opens with the found services first, ticked.
    assert interview.prompter.offered[PICK_PROMPT][:3] == ["stripe", "paypal", "meta-pixel"]
    assert "More than one service matches Google (Google Ads, Google Analytics 4" in said
    assert "Not in the catalog: Klavio (did you mean Klaviyo?); Acme Co-op." in said
    # Two prompts for three services: the typed names and the list to correct them.
    picking = [m for m in interview.prompter.asked if m in (TYPE_NAMES, PICK_PROMPT)]
    assert picking == [TYPE_NAMES, PICK_PROMPT]


def test_services_picked_before_are_shown_in_the_list_without_typing() -> None:
    answers = {"sharing": {"recipients": [{"service": "stripe"}]}}
    interview = Interview(QUESTIONNAIRE, Scripted(dict(SMALL_STORE)), copy.deepcopy(answers))
    interview.ask_services()
    assert isinstance(interview.prompter, Scripted)
    assert TYPE_NAMES not in interview.prompter.asked
    assert PICK_PROMPT in interview.prompter.asked


def test_one_answer_is_changed_in_several_services_at_once() -> None:
    """'Change one answer in several services': the answer ticked once, then the services
    it is wrong for; each ticked service is asked it, the others keep the catalog's."""
    interview = _run(
        {
            PICK_PROMPT: [["stripe", "paypal", "meta-pixel"]],
            "Anything to change in what the catalog says": ["__by_answer__", "done"],
            "Which answers do you want to change in several services?": [
                ["sharing.recipients purpose"]
            ],
            "Why: which services do you want to change?": [["0", "1"]],
            "Stripe (payments): Why do they receive it": ["take card payments online"],
            "PayPal (payments): Why do they receive it": ["take PayPal payments"],
        }
    )
    recipients = {
        r["service"]: r for r in interview.answers["sharing"]["recipients"] if r.get("service")
    }
    assert recipients["stripe"]["purpose"] == "take card payments online"
    assert recipients["paypal"]["purpose"] == "take PayPal payments"
    assert recipients["meta-pixel"].get("purpose") != "take PayPal payments"


def test_picked_services_start_the_transfers_where_a_law_has_transfer_rules() -> None:
    from generator.wizard.services_step import transfers_from_services

    picked = [{"service": "klaviyo"}, {"service": "adyen"}, {"service": "australia-post"}]
    # An Australian store (APP 8): the US and Dutch companies are abroad, Australia Post not.
    assert transfers_from_services(picked, ["AU"], ["AU"], False, False, False) == [
        {"destination": "US", "safeguard": "provider_contract", "recipients": "Klaviyo"},
        {"destination": "NL", "safeguard": "provider_contract", "recipients": "Adyen"},
    ]
    # A German store: the Netherlands is inside the EEA; the US needs a GDPR tool.
    assert transfers_from_services(picked, ["DE"], ["DE"], True, False, False) == [
        {"destination": "US", "safeguard": "scc", "recipients": "Klaviyo"},
        {"destination": "AU", "safeguard": "scc", "recipients": "Australia Post"},
    ]
    # A US-only store: no US state law has transfer rules, so nothing is suggested.
    assert transfers_from_services(picked, ["US"], ["US"], False, False, False) == []
    # An ad platform bound only by its own terms: so said in Australia, but the GDPR asks
    # a transfer tool of every recipient (Rodamón's reader: "own terms" is none).
    ads = [{"service": "meta-pixel"}]
    assert transfers_from_services(ads, ["AU"], ["AU"], False, False, False) == [
        {"destination": "US", "safeguard": "recipient_terms", "recipients": "Meta"}
    ]
    assert transfers_from_services(ads, ["ES"], ["ES"], True, False, False) == [
        {"destination": "US", "safeguard": "scc", "recipients": "Meta"}
    ]


def test_the_wizard_offers_the_suggested_transfers_to_keep() -> None:
    interview = _run(
        {PICK_PROMPT: [["klaviyo", "stripe"]]},
        answers={"business": {"established_in": ["GB"], "sells_to_countries": ["GB"]}},
    )
    # A UK store: both companies are in the US, one transfer under the UK's own tool.
    assert interview.answers["international"]["transfers"] == [
        {"destination": "US", "safeguard": "uk_idta", "recipients": "Klaviyo and Stripe"}
    ]


def test_a_service_found_by_another_of_its_names_says_so() -> None:
    interview = _run({TYPE_NAMES: ["Facebook pixel, Stripe"]})
    assert isinstance(interview.prompter, Scripted)
    assert "Found: Meta Pixel (advertising) for Facebook pixel and Stripe (payments)." in (
        interview.prompter.said
    )


def test_a_services_purpose_changed_by_the_owner_is_its_tools_too() -> None:
    interview = _run(
        {
            PICK_PROMPT: [["hotjar"]],
            "Anything to change in what the catalog says": ["0", "done"],
            "Hotjar (analytics): what do you want to change?": [["purpose"]],
            "Hotjar (analytics): Why do they receive it": [
                "record visits to see how the site is used"
            ],
        }
    )
    tools = [t for t in interview.answers["cookies"]["tools"] if t.get("service") == "hotjar"]
    assert tools and tools[0]["purpose"] == "record visits to see how the site is used"


def test_the_payment_processors_named_earlier_start_the_typed_names() -> None:
    # Saltbush's owner typed Adyen, PayPal and Apple Pay twice.
    interview = _run({"Who processes card payments?": ["Adyen, PayPal"]})
    recipients = interview.answers["sharing"]["recipients"]
    assert [r["service"] for r in recipients if r.get("service")] == ["adyen", "paypal"]
