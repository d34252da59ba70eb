"""One whole wizard run: where its answers start, keeping them across an interruption
(Ctrl-C, a closed terminal, a folder that cannot be written) and saving them at the end."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from generator.errors import AnswersError, OutputError, PolicygenError, Problem
from generator.model import StoreProfile
from generator.output import write_atomic
from generator.wizard.interview import Interview, Prompter
from generator.wizard.questionnaire import Questionnaire


class Interrupted(PolicygenError):
    """The interview stopped early; the answers so far were kept in a resume file."""

    exit_code = 130


# ---- keeping answers across an interruption ------------------------------------------


def resume_path(answers_file: Path) -> Path:
    return answers_file.with_name(f".{answers_file.name}.wizard-resume.json")


def save_resume(interview: Interview, answers_file: Path) -> Path:
    path = resume_path(answers_file)
    state = {"answers": interview.answers, "completed": interview.completed}
    write_atomic(path, json.dumps(state, indent=2, ensure_ascii=False).encode("utf-8"))
    return path


def load_resume(answers_file: Path) -> tuple[dict[str, Any], list[str]] | None:
    """The answers and finished sections an interrupted interview kept, if there are any.

    A resume file that cannot be what ``save_resume`` wrote (not a regular file, too big,
    nested too deeply, the wrong types) is an AnswersError naming it (exit 2).
    """
    from generator.answers import parse_json, read_text

    path = resume_path(answers_file)
    if not os.path.lexists(path):
        return None
    state = parse_json(str(path), read_text(path))
    answers = state.get("answers") if isinstance(state, dict) else None
    completed = state.get("completed", []) if isinstance(state, dict) else None
    if (
        not isinstance(answers, dict)
        or not isinstance(completed, list)
        or not all(isinstance(name, str) for name in completed)
    ):
        raise AnswersError(
            [
                Problem(
                    str(path),
                    None,
                    "",
                    "this is not a wizard resume file (or it was damaged); delete it "
                    "and start the wizard again",
                )
            ]
        )
    return answers, completed


def _keep_answers(interview: Interview, answers_file: Path) -> Path:
    """Save the answers so far as a resume file: beside the answers file, or if that folder
    cannot be written, in the system's temporary folder."""
    try:
        return save_resume(interview, answers_file)
    except OutputError:
        import tempfile

        elsewhere = Path(tempfile.gettempdir()) / resume_path(answers_file).name
        state = {"answers": interview.answers, "completed": interview.completed}
        write_atomic(elsewhere, json.dumps(state, indent=2, ensure_ascii=False).encode("utf-8"))
        return elsewhere


# ---- one whole wizard run ------------------------------------------------------------


class HangUp(Exception):
    """The terminal closed (SIGHUP) while a question was open."""


def _raise_hang_up(signum: int, frame: object) -> None:
    # Inside a running prompt the signal can land in any of prompt_toolkit's event-loop
    # callbacks, which would swallow the exception as "unhandled in event loop" and wait for
    # Enter on a terminal that is gone. Ask the running prompt to end with it instead.
    import sys

    if "prompt_toolkit" in sys.modules:
        from prompt_toolkit.application.current import get_app_or_none

        app = get_app_or_none()
        if app is not None and app.is_running and app.future is not None and not app.future.done():
            app.exit(exception=HangUp())
            return
    raise HangUp


def starting_answers(
    prompter: Prompter, questionnaire: Questionnaire, answers_file: Path, from_file: Path | None
) -> tuple[dict[str, Any], list[str]]:
    """Answers to begin with: a resumed interview, `--from FILE`, or the file being updated."""
    from generator.answers import read_answers

    resumed = load_resume(answers_file)
    if resumed is not None:
        answers, completed = resumed
        if prompter.confirm(
            f"You stopped an interview for {answers_file} before it was saved "
            f"({len(completed)} of {len(questionnaire.sections)} sections done). "
            "Pick up where you left off?",
            default=True,
            help=None,
        ):
            return answers, completed
    if from_file is not None:
        return _every_answer(read_answers(from_file)[0]), []
    if answers_file.exists() and prompter.confirm(
        f"{answers_file} already exists. Start from its answers?", default=True, help=None
    ):
        return _every_answer(read_answers(answers_file)[0]), []
    return {}, []


def _every_answer(data: dict[str, Any]) -> dict[str, Any]:
    """A valid file's answers with the model's defaults written out.

    A file leaves out what it does not change, and means the model's default by it; the
    questionnaire's suggestions (``default_expr``) are for new answers and must not
    change what an existing file says. A file that does not validate is kept as written,
    for the interview to correct.
    """
    from generator.answers import profile_from_answers
    from generator.errors import AnswersError

    try:
        profile = profile_from_answers(data)
    except AnswersError:
        return data
    from generator.answers import unsaid_defaults

    return unsaid_defaults(profile, profile.model_dump(mode="json", exclude_none=True))


def offer_revision(prompter: Prompter, profile: StoreProfile, opened: Path) -> StoreProfile:
    """When the interview began from an answers file: show what changed against it, as
    `policygen diff` does, and offer to add a revision entry dated today (or the later
    last-updated date given). The profile to save."""
    import datetime as dt

    from generator.answers import load_profile

    if not opened.is_file():
        return profile
    try:
        before = load_profile(opened)
    except AnswersError:
        return profile  # an earlier file that is not valid has no practices to compare
    from generator.versions.diff import compare
    from generator.versions.history import entry, revision_day, with_revision
    from generator.versions.notice import report

    comparison = compare(before, profile)
    if not comparison.changes:
        return profile
    prompter.say(report(comparison, "text", str(opened), "your new answers").rstrip("\n"))
    day = revision_day(before, profile, dt.date.today())
    if not prompter.confirm(
        f"Add these changes to the policy's revision history, dated {day.isoformat()}?",
        default=True,
        help="The policy then shows them under 'Revision history' and is dated that day. "
        "`policygen build FILE --since OLD` also writes a notice to send to customers.",
    ):
        return profile
    return with_revision(profile, entry(comparison, day))


def conduct(
    prompter: Prompter,
    answers_file: Path,
    from_file: Path | None = None,
    questionnaire: Questionnaire | None = None,
) -> tuple[StoreProfile, Interview]:
    """Run the interview and save the answers file; keep the answers if it is cut short."""
    import signal

    from generator.answers import save_profile
    from generator.wizard.questionnaire import load

    questionnaire = questionnaire or load()
    answers, completed = starting_answers(prompter, questionnaire, answers_file, from_file)
    # Answers to start from, with no section done yet, come from a file being reopened.
    opened = bool(answers) and not completed
    interview = Interview(questionnaire, prompter, answers, completed, opened=opened)
    previous = signal.signal(signal.SIGHUP, _raise_hang_up)
    try:
        profile = interview.run()
    except (KeyboardInterrupt, EOFError, HangUp):
        kept = _keep_answers(interview, answers_file)
        raise Interrupted(
            f"stopped; your answers so far are kept in {kept}.\n"
            f"Run `policygen wizard {answers_file}` again to pick up where you left off."
        ) from None
    finally:
        signal.signal(signal.SIGHUP, previous)
    profile = offer_revision(prompter, profile, from_file or answers_file)
    try:
        save_profile(profile, answers_file)
    except OutputError as exc:
        kept = _keep_answers(interview, answers_file)
        where = (
            f"Run `policygen wizard {answers_file}` again to pick up where you left off"
            if kept == resume_path(answers_file)
            else f"Move it to {resume_path(answers_file)} and run `policygen wizard "
            f"{answers_file}` again to pick up where you left off"
        )
        raise OutputError(
            f"{exc.message}\nYour answers are kept in {kept}. {where}, or name another file."
        ) from None
    resume_path(answers_file).unlink(missing_ok=True)
    prompter.say(f"Saved your answers to {answers_file} ({interview.asked} questions asked).")
    return profile, interview
