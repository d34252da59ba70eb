"""The wizard in a terminal: questionary prompts fed through prompt_toolkit pipe input, and
one whole interview in a real pseudo-terminal."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner
from conftest import example_paths
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from generator.answers import load_profile
from generator.cli import main
from generator.wizard.session import Interrupted, conduct, resume_path
from generator.wizard.terminal import QuestionaryPrompter

ENTER = "\r"
CTRL_C = "\x03"
DOWN = "\x1b[B"
# The first section, typed: store name, legal name (Enter keeps the store name), website,
# street, city, region, postal code, country (no default: it is typed), privacy email.
FIRST_SECTION = [
    "Tiny Tea",
    "",
    "tinytea.example",
    "1 Leaf Lane",
    "Portland",
    "OR",
    "97201",
    "US",
    "privacy@tinytea.example",
]


def _typed(*answers: str) -> str:
    return "".join(answer + ENTER for answer in answers)


class Recording(QuestionaryPrompter):
    """The real prompter, also noting which text questions it asked."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.texts: list[str] = []

    def text(self, message: str, **kwargs: object) -> str:  # type: ignore[override]
        self.texts.append(message)
        return super().text(message, **kwargs)  # type: ignore[arg-type]


def _interview(keys: str, target: Path, from_file: Path | None = None) -> Recording:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        prompter = Recording(input=pipe, output=DummyOutput())
        conduct(prompter, target, from_file)
    return prompter


def _wizard_in_a_terminal(tmp_path: Path, **env: str) -> pexpect.spawn:
    """`policygen wizard tea.yaml` in a pseudo-terminal, at its first question."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "generator", "wizard", "tea.yaml"],
        cwd=str(tmp_path),
        env={**os.environ, "TERM": "xterm", **env},
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=60,
    )
    child.expect("What do customers call your store")
    return child


def test_a_whole_interview_through_questionary(tmp_path: Path) -> None:
    target = tmp_path / "tea.yaml"
    prompter = _interview(_typed(*FIRST_SECTION) + ENTER * 150, target)
    profile = load_profile(target)
    assert profile.business.store_name == "Tiny Tea"
    assert profile.business.legal_name == "Tiny Tea"
    assert str(profile.business.websites[0]) == "https://tinytea.example/"
    assert profile.business.address.region == "OR"
    assert profile.business.contact.email == "privacy@tinytea.example"
    assert 60 <= prompter.questions <= 100


def test_a_typo_is_asked_again_in_place(tmp_path: Path) -> None:
    target = tmp_path / "tea.yaml"
    # A bad email, then the good one: the prompt stays open and takes the second answer.
    first = [*FIRST_SECTION[:-1], "privacy@tinytea", "\x15privacy@tinytea.example"]
    prompter = _interview(_typed(*first) + ENTER * 150, target)
    assert prompter.texts.count("Email address for privacy questions") == 1
    assert load_profile(target).business.contact.email == "privacy@tinytea.example"


def test_a_choice_is_picked_with_the_arrow_keys(tmp_path: Path) -> None:
    target = tmp_path / "tea.yaml"
    # Sections 'business' (9 typed + phone, contact name, shops, apps, then its rare answers kept)
    # and 'reach' (countries, states, offices, storage, employees, currency, revenue,
    # people, people per state, SBA size, then its rare answers kept), then the collection's tick
    # list, in the model's order: name, email, phone, postal address, payment card, bank
    # account, credentials. Space ticks.
    keys = _typed(*FIRST_SECTION) + ENTER * 5 + ENTER * 11
    keys += DOWN * 6 + " " + ENTER
    keys += ENTER * 200
    _interview(keys, target)
    profile = load_profile(target)
    categories = [item.category.value for item in profile.collection.items]
    assert "credentials" in categories
    assert len(categories) == 7


def test_interrupted_interview_resumes_with_every_earlier_answer(tmp_path: Path) -> None:
    target = tmp_path / "tea.yaml"
    # Finish 'business', then in 'reach' answer countries, states, provinces, offices,
    # storage, employees, currency, revenue and people, and press Ctrl-C at the next one.
    keys = _typed(*FIRST_SECTION) + ENTER * 5
    keys += _typed("US, CA", "", "", "", "", "", "", "", "7") + CTRL_C
    with pytest.raises(Interrupted, match="answers so far are kept"):
        _interview(keys, target)
    assert resume_path(target).exists()
    assert not target.exists()

    # Next run: yes to resuming, then Enter through everything.
    prompter = _interview(ENTER * 200, target)
    assert "What do customers call your store?" not in prompter.texts  # section done
    profile = load_profile(target)
    assert profile.business.store_name == "Tiny Tea"
    assert profile.business.address.postal_code == "97201"
    assert profile.business.contact.email == "privacy@tinytea.example"
    assert profile.business.sells_to_countries == ["US", "CA"]
    assert profile.business.consumers_per_year == 7
    assert not resume_path(target).exists()


@pytest.mark.parametrize(
    "source",
    [*example_paths(), *sorted((example_paths()[0].parent / "practice").glob("*.yaml"))],
    ids=lambda p: p.stem,
)
def test_from_file_prefills_every_answer(tmp_path: Path, source: Path) -> None:
    """Enter through every question keeps every answer of the file: none is dropped as not
    asked, and no suggestion replaces what the file leaves to the model's default."""
    target = tmp_path / "again.yaml"
    _interview(ENTER * 400, target, from_file=source)
    assert load_profile(target) == load_profile(source)
    if importlib.util.find_spec("generator.compose") is not None:
        # Equal values are not enough: an answer the file never gave must not come back
        # as one the owner said (a right promised only where said), nor the reverse.
        from generator.compose import render_policy

        again = render_policy(load_profile(target)).markdown
        assert again == render_policy(load_profile(source)).markdown


def test_without_a_terminal_the_wizard_points_to_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["wizard", str(tmp_path / "tea.yaml")], input="")
    assert result.exit_code == 2
    assert "needs an interactive terminal" in result.output
    assert f"policygen build {tmp_path / 'tea.yaml'}" in result.output


@pytest.mark.terminal
def test_a_whole_interview_in_a_pseudo_terminal(tmp_path: Path) -> None:
    child = _wizard_in_a_terminal(tmp_path, COLUMNS="120", LINES="40")
    child.send(_typed(*FIRST_SECTION) + ENTER * 150)
    child.expect("Build the privacy policy now")
    child.send("n" + ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    profile = load_profile(tmp_path / "tea.yaml")
    assert profile.business.store_name == "Tiny Tea"
    if importlib.util.find_spec("generator.compose") is not None:
        from generator.build import BuildOptions, build_file

        result = build_file(tmp_path / "tea.yaml", BuildOptions(formats=("md",), out=tmp_path))
        assert result.ok, result.errors
        markdown = (tmp_path / "tea" / "privacy-policy.md").read_text(encoding="utf-8")
        assert "Tiny Tea" in markdown


@pytest.mark.terminal
def test_a_closed_terminal_keeps_the_answers(tmp_path: Path) -> None:
    child = _wizard_in_a_terminal(tmp_path)
    child.send(_typed(*FIRST_SECTION) + ENTER * 5)  # no phone, name, shops or app; rare kept
    child.expect("Which countries do you sell to")
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    saved = json.loads(resume_path(tmp_path / "tea.yaml").read_text(encoding="utf-8"))
    assert saved["answers"]["business"]["store_name"] == "Tiny Tea"
    assert saved["completed"] == ["business"]


@pytest.mark.terminal
def test_the_enter_after_a_yes_no_answer_is_not_the_next_answer(tmp_path: Path) -> None:
    """A person types "n" and then Enter. If the "n" alone answered, that Enter would
    accept the next question's default: here, selling to the address's country (US)."""
    child = _wizard_in_a_terminal(tmp_path)
    child.send(_typed(*FIRST_SECTION) + ENTER * 2)  # no phone or named team
    child.expect("sell in your own shops")
    # A line typed one prompt early is refused, not taken as "no".
    child.send("Meta, TikTok" + ENTER)
    child.expect("is not an answer here")
    child.send("n" + ENTER)  # asked again on an empty line
    child.expect("app of your own")
    child.send(ENTER)  # no app
    child.expect("Keep these answers")
    child.send(DOWN + ENTER)  # answer the section's rare questions one by one
    child.expect("Web address of a privacy request form")
    child.send(ENTER)  # no form
    child.expect("larger parent company")
    child.send("n" + ENTER)
    child.expect("Which countries do you sell to")
    child.send("DE" + ENTER + ENTER * 150)
    child.expect("Build the privacy policy now")
    child.send("n" + ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    profile = load_profile(tmp_path / "tea.yaml")
    assert profile.business.sells_to_countries == ["DE"]
    assert profile.business.physical_shops is False
    assert profile.business.parent is None
