"""The terminal side of the wizard: the ONLY module that imports questionary.

``QuestionaryPrompter`` implements ``generator.wizard.interview.Prompter``; ``wizard`` is what
`policygen wizard` runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.input import Input
from prompt_toolkit.output import Output

from generator.errors import NoTerminalError
from generator.model import StoreProfile
from generator.wizard.interview import Validator
from generator.wizard.session import conduct

STYLE = questionary.Style(
    [
        ("heading", "bold underline"),
        ("help", "fg:ansibrightblack italic"),
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("answer", "fg:ansigreen"),
        # The typed filter of a searchable list: questionary shows the whole list when
        # nothing matches, so the filter itself says so (red, struck through).
        ("search_success", "fg:ansigreen"),
        ("search_none", "fg:ansired strike"),
    ]
)


def _adapt(validate: Validator) -> Callable[[Any], bool | str]:
    """questionary wants True or a message; the interview gives None or a message."""

    def check(value: Any) -> bool | str:
        error = validate(value)
        return True if error is None else error

    return check


_YES = frozenset({"y", "yes"})
_NO = frozenset({"n", "no"})


def _yes_or_no(typed: str) -> bool | str:
    word = typed.strip().lower()
    if not word or word in _YES | _NO:
        return True
    return f"'{typed.strip()}' is not an answer here: type y or n, or press Enter for the default"


def _as_bool(typed: str, default: bool) -> bool:
    word = typed.strip().lower()
    return default if not word else word in _YES


def _options(choices: list[tuple[str, str]], checked: list[str]) -> list[questionary.Choice]:
    """Tick-list choices, those already chosen ticked."""
    return [
        questionary.Choice(title, value=value, checked=value in checked) for value, title in choices
    ]


class QuestionaryPrompter:
    """Asks through questionary; `input`/`output` let tests drive it through a pipe."""

    def __init__(self, input: Input | None = None, output: Output | None = None) -> None:
        self._io: dict[str, Any] = {}
        if input is not None:
            self._io["input"] = input
        if output is not None:
            self._io["output"] = output
        self.questions = 0

    def _print(self, text: str, style: str = "") -> None:
        questionary.print(text, style=style, **self._print_io())

    def _print_io(self) -> dict[str, Any]:
        return {"output": self._io["output"]} if "output" in self._io else {}

    def _help(self, help: str | None) -> None:
        if help:
            self._print(f"  {help}", "fg:ansibrightblack italic")

    def heading(self, title: str, intro: str | None) -> None:
        self._print("")
        self._print(f"== {title} ==", "bold")
        if intro:
            self._print(intro)

    def say(self, text: str) -> None:
        self._print(text)

    def text(self, message: str, *, default: str, help: str | None, validate: Validator) -> str:
        self._help(help)
        self.questions += 1
        answer: str = questionary.text(
            message, default=default, validate=_adapt(validate), style=STYLE, **self._io
        ).unsafe_ask()
        return answer

    def confirm(self, message: str, *, default: bool, help: str | None) -> bool:
        self._help(help)
        self.questions += 1
        # A typed line, not a single key: questionary's confirm takes "n" alone (so the
        # Enter after it answers the next question) or ignores every other key (so text
        # typed one prompt early becomes the default). Here a stray line is refused, and
        # the question asked again on an empty line, so the retry is not typed onto the
        # end of the refused text.
        hint = "(Y/n)" if default else "(y/N)"
        while True:
            answer: str = questionary.text(
                f"{message} {hint}", style=STYLE, **self._io
            ).unsafe_ask()
            refused = _yes_or_no(answer)
            if refused is True:
                return _as_bool(answer, default)
            self._print(f"  {refused}", "fg:ansired")

    def select(
        self,
        message: str,
        choices: list[tuple[str, str]],
        *,
        default: str | None,
        help: str | None,
    ) -> str:
        self._help(help)
        self.questions += 1
        options = [questionary.Choice(title, value=value) for value, title in choices]
        start = next((o for o in options if o.value == default), None)
        answer: str = questionary.select(
            message, options, default=start, style=STYLE, **self._io
        ).unsafe_ask()
        return answer

    def checkbox(
        self,
        message: str,
        choices: list[tuple[str, str]],
        *,
        checked: list[str],
        help: str | None,
        validate: Validator,
    ) -> list[str]:
        self._help(help)
        self.questions += 1
        options = _options(choices, checked)
        answer: list[str] = questionary.checkbox(
            message,
            options,
            validate=_adapt(validate),
            style=STYLE,
            instruction="(space to tick, enter when done)",
            **self._io,
        ).unsafe_ask()
        return answer

    def search(
        self,
        message: str,
        choices: list[tuple[str, str]],
        *,
        checked: list[str],
        help: str | None,
    ) -> list[str]:
        self._help(help)
        self.questions += 1
        options = _options(choices, checked)
        # Typed letters narrow the list, so j/k cannot move the pointer here.
        answer: list[str] = questionary.checkbox(
            message,
            options,
            style=STYLE,
            use_search_filter=True,
            use_jk_keys=False,
            instruction="(type to narrow, space to tick, enter when done; a red filter matches nothing)",
            **self._io,
        ).unsafe_ask()
        return answer


def wizard(answers_file: Path, from_file: Path | None = None) -> StoreProfile:
    """`policygen wizard`: interview the store owner and save the answers file."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NoTerminalError(
            "the wizard needs an interactive terminal. Without one, write an answers file "
            f"(see examples/) and run `policygen build {answers_file}`."
        )
    prompter = QuestionaryPrompter()
    profile, _ = conduct(prompter, answers_file, from_file)
    return profile


def offer_build(answers_file: Path, build: Callable[[Path], Any] | None) -> None:
    """After saving: build now if the build module exists, else show the command."""
    command = f"policygen build {answers_file}"
    if build is None:
        questionary.print(f"Next: run `{command}` to write the policy.")
        return
    typed = questionary.text(
        "Build the privacy policy now? (Y/n)", validate=_yes_or_no
    ).unsafe_ask()
    if _as_bool(typed, True):
        build(answers_file)
    else:
        questionary.print(f"Later, run `{command}` to write the policy.")
