"""One error tree: everything policygen reports to a user is a PolicygenError."""

from __future__ import annotations

import re
from typing import NamedTuple


class PolicygenError(Exception):
    """An error with a message meant for the user; the CLI prints it without a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(PolicygenError):
    """The command was called in a way that cannot work."""

    exit_code = 2


# How much of a user's value an error message repeats.
ECHO_LIMIT = 80
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def echo(value: object, limit: int = ECHO_LIMIT, quote: str = "'") -> str:
    """A user's value as an error message repeats it: quoted, at most ``limit`` characters
    (then '…'), with control characters shown as escapes (``\\x1b``), so a message is one
    line and nothing in it reaches the terminal as a command."""
    text = str(value)
    cut = len(text) > limit
    text = _UNPRINTABLE.sub(lambda m: _escape(m.group()), text[:limit]) + ("…" if cut else "")
    return f"{quote}{text}{quote}" if isinstance(value, str) else text


def one_line(text: str, limit: int = 300) -> str:
    """Any message text as one printable line of at most ``limit`` characters."""
    text = _UNPRINTABLE.sub(lambda m: _escape(m.group()), " ".join(text.split()))
    return text if len(text) <= limit else text[:limit] + "…"


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Problem(NamedTuple):
    """One thing wrong with an answers file, located as precisely as we can."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        # A file name is echoed too: its control characters must not reach the terminal.
        file = _UNPRINTABLE.sub(lambda m: _escape(m.group()), self.file)
        where = f"{file}:{self.line}" if self.line else file
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
    """A template (built-in or user override) failed to load or render."""

    exit_code = 3

    @classmethod
    def from_jinja(cls, exc: Exception) -> TemplateError:
        """Any error raised while loading or rendering a template, placed at its file:line."""
        import jinja2

        if isinstance(exc, jinja2.TemplateSyntaxError):
            where = exc.filename or exc.name or "template"
            return cls(f"{where}:{exc.lineno}: {exc.message}")
        if isinstance(exc, jinja2.TemplateNotFound):
            return cls(_located(exc, f"template not found: {exc.name}"))
        if isinstance(exc, TemplateError):
            return cls(_located(exc, exc.message))
        return cls(_located(exc, str(exc) or type(exc).__name__))


class TemplateContractError(TemplateError):
    """A template broke the template contract (ARCHITECTURE.md): printed None or a raw enum,
    called ``covers()`` outside a clause, a clause without its '## Title' line, ..."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


def raised_by_template(exc: BaseException) -> bool:
    """Whether ``exc`` was raised by template code itself (its innermost frame is in a
    ``.j2`` file), as a division by zero in a user's template is; an error raised inside
    our Python code is a bug of ours and must surface as one."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and frames[-1].filename.endswith(".j2")


def _located(exc: BaseException, message: str) -> str:
    """The message prefixed with the innermost template file and line in the traceback."""
    import traceback

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{frame.filename}:{frame.lineno}: {message}"
    return message


class OutputError(PolicygenError):
    """An output could not be written."""

    exit_code = 3


class NoTerminalError(UsageError):
    """The wizard needs an interactive terminal."""
