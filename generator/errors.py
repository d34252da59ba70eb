"""One error tree: everything policygen reports to a user is a PolicygenError."""

from __future__ import annotations

from dataclasses import dataclass


class PolicygenError(Exception):
    """An error with a message meant for the user; the CLI prints it without a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(PolicygenError):
    """The command was called in a way that cannot work."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an answers file, located as precisely as we can."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class AnswersError(PolicygenError):
    """An answers file (or wizard answers) that does not describe a valid store."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class TemplateError(PolicygenError):
    """A clause template (built-in or user override) failed to render."""

    exit_code = 3


class OutputError(PolicygenError):
    """An output could not be written."""

    exit_code = 3


class NoTerminalError(UsageError):
    """The wizard needs an interactive terminal."""
