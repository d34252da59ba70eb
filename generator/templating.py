"""The one Jinja environment for policy templates, built-in or a user's override.

* Every printed value goes through ``finalize``, which escapes it for Markdown. Values that
  are already Markdown (a rendered clause, a vocabulary label, a joined list whose parts were
  escaped) carry the ``Md`` marker type and pass through untouched, so nothing is escaped
  twice. Printing ``None``, a bool, a list or a raw enum is a template bug, so ``finalize``
  refuses it instead of leaking "None", "True" or "[]" into a policy.
* Templates run in a sandbox: a user override can read the profile but not reach Python
  internals, and user text is only ever data, never template source.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

import jinja2
import jinja2.exceptions
import jinja2.sandbox

from generator import resources
from generator.dates import long_date
from generator.errors import TemplateContractError, TemplateError
from generator.escape import Md, escape_markdown, link


def finalize(value: object) -> object:
    """Jinja's last step for every ``{{ expression }}``: the one place user text is escaped."""
    if isinstance(value, Md):
        return value
    if value is None or isinstance(value, bool | list | tuple | dict | set):
        raise TemplateContractError(
            f"a template printed {value!r}; test it with 'if' or join it with 'join_and'"
        )
    if isinstance(value, StrEnum):
        raise TemplateContractError(
            f"a template printed the raw value {value.value!r}; use the 'label' filter"
        )
    # Imported here: the page environment, which a publishing helper loads early, needs
    # neither pydantic nor the grammar filters (and the model behind them).
    from pydantic_core import Url

    if isinstance(value, Url):
        return link(value)
    if isinstance(value, dt.date):
        return Md(long_date(value))
    if isinstance(value, int | float):
        return str(value)
    return escape_markdown(str(value))


# ---- environment ---------------------------------------------------------------------------


# Limits for what a template may do. A whole policy is about 60 KB of Markdown and renders
# in well under a second; these stop a user's template that would run or grow unbounded.
MAX_RANGE = 10_000
MAX_STRING = 2_000_000
MAX_OUTPUT = 10_000_000
RENDER_SECONDS = 5.0
# A width or precision in a format string long enough to make a huge string.
_WIDE_FORMAT = re.compile(r"[0-9]{7,}")


class TemplateLimitError(jinja2.exceptions.SecurityError):
    """A template went past a size or time limit (reported as a TemplateError)."""


def _too_big(what: str) -> TemplateLimitError:
    return TemplateLimitError(
        f"{what} would be longer than {MAX_STRING:,} characters; templates word a policy, "
        "they do not build large text"
    )


def _check_size(value: object) -> object:
    if isinstance(value, str | list | tuple | dict) and len(value) > MAX_STRING:
        raise _too_big("a value")
    return value


# Jinja's filters whose numeric arguments set the size of what they make.
_SIZING_FILTERS = frozenset(["center", "indent", "wordwrap", "truncate", "format"])


def _check_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a width or count that would make a huge value ('x'.ljust(10**9))."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_STRING:
            raise _too_big(f"a call with the number {arg}")


class PolicySandbox(jinja2.sandbox.SandboxedEnvironment):
    """The sandbox every policygen template runs in, clause or page, built-in or a user's.

    A user's template can read what it is given but not reach Python internals, and cannot
    make huge values (``range`` up to MAX_RANGE items, strings and lists up to MAX_STRING,
    a render's output up to MAX_OUTPUT) or run past RENDER_SECONDS (``render``).
    """

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)
        self.globals["range"] = _range

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        _on_time()
        if operator == "*":
            for sized, count in ((left, right), (right, left)):
                if (
                    isinstance(sized, str | list | tuple)
                    and isinstance(count, int)
                    and len(sized) * count > MAX_STRING
                ):
                    raise _too_big("a repeated value")
        elif operator == "**":
            huge = (
                isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and right * abs(left).bit_length() > 64_000
            )
            if huge:
                raise _too_big("a power")
        elif operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise _too_big("a formatted value")
        return _check_size(super().call_binop(context, operator, left, right))

    def call(
        __self,
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        _on_time()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str | list | bytes):  # methods like ljust and zfill
            _check_args(args, kwargs)
        formats = getattr(__obj, "__name__", "") in ("format", "format_map")
        if formats and isinstance(owner, str) and _WIDE_FORMAT.search(owner):
            raise _too_big("a formatted value")
        return _check_size(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        _on_time()
        return super().getattr(obj, attribute)


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimitError(f"a range of more than {MAX_RANGE:,} items")
    return numbers


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    sizing = name in _SIZING_FILTERS

    @functools.wraps(function)  # keeps Jinja's pass_context markers
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _on_time()
        if sizing:
            _check_args(args[1:], kwargs)
        return _check_size(function(*args, **kwargs))

    return bounded


# The end of the render under way (time.monotonic()), or None outside a render.
_deadline: float | None = None


def _on_time() -> None:
    if _deadline is not None and time.monotonic() > _deadline:
        raise TemplateLimitError(f"rendering took more than {RENDER_SECONDS:g} seconds")


@contextlib.contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Limit the templates rendered inside the block to ``seconds`` in all.

    Checked at every call and attribute lookup in a template, and where a signal can be
    used (the main thread on POSIX) by an alarm too, for loops that call nothing.
    """
    global _deadline
    seconds = RENDER_SECONDS if seconds is None else seconds
    outer = _deadline
    if outer is not None:  # a clause inside the policy: the policy's budget holds
        yield
        return
    _deadline = time.monotonic() + seconds
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if alarm:
        previous = signal.signal(signal.SIGALRM, _out_of_time)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _deadline = None
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _out_of_time(signum: int, frame: object) -> None:
    raise TemplateLimitError(f"rendering took more than {RENDER_SECONDS:g} seconds")


def render(template: jinja2.Template, context: Mapping[str, Any], *, timed: bool = True) -> str:
    """``template`` rendered with ``context``, within MAX_OUTPUT characters and, when
    ``timed`` (a user's templates take part), the time budget (``time_budget``);
    TemplateLimitError past either.

    Our own templates are not timed: their work is bounded by the answers' own limits, and
    a wall-clock budget would fail a correct build on a slow or busy machine."""
    with time_budget() if timed else contextlib.nullcontext():
        parts: list[str] = []
        size = 0
        for part in template.generate(context):
            size += len(part)
            if size > MAX_OUTPUT:
                raise TemplateLimitError(
                    f"the rendered text would be longer than {MAX_OUTPUT:,} characters"
                )
            _on_time()
            parts.append(part)
        return "".join(parts)


class ConfinedLoader(jinja2.FileSystemLoader):
    """A folder's templates, refusing any that resolves (through a symlink) outside it."""

    def __init__(self, root: Path) -> None:
        super().__init__(str(root))
        self.root = root.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        resources.confined(Path(filename), self.root)
        return source, filename, uptodate


@functools.lru_cache(maxsize=8)
def _environment(user_dir: str | None, page: bool = False) -> PolicySandbox:
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        loaders.append(ConfinedLoader(Path(user_dir)))
    loaders.append(ConfinedLoader(resources.templates_dir()))
    env = PolicySandbox(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        # The page is HTML, escaped by Jinja; clauses are Markdown, escaped by finalize.
        autoescape=page,
        finalize=None if page else finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    if page:
        env.filters["full_stop"] = full_stop
    else:
        from generator.grammar import FILTERS, TESTS

        env.filters.update(FILTERS)
        env.tests.update(TESTS)
    env.filters = {name: _bounded_filter(name, f) for name, f in env.filters.items()}
    env.bytecode_cache = resources.jinja_bytecode_cache(_calling_convention(env))
    return env


def _calling_convention(env: jinja2.Environment) -> str:
    """A short digest of how each filter and test is called: compiled templates pass the
    context to a ``pass_context`` filter, so cached code is stale when that changes."""
    marks = sorted(
        f"{kind}:{name}:{getattr(function, 'jinja_pass_arg', '')}"
        for kind, table in (("filter", env.filters), ("test", env.tests))
        for name, function in table.items()
    )
    return hashlib.sha256("\n".join(marks).encode()).hexdigest()[:12]


def _user_dir(templates_dir: Path | None) -> str | None:
    if templates_dir is not None and not templates_dir.is_dir():
        raise TemplateError(f"{templates_dir}: templates folder not found")
    return str(templates_dir.resolve()) if templates_dir else None


def environment(templates_dir: Path | None = None) -> PolicySandbox:
    """The clause environment: the user's folder first, then the bundled templates."""
    return _environment(_user_dir(templates_dir))


def page_environment(templates_dir: Path | None = None) -> PolicySandbox:
    """The same sandbox and loaders for the HTML page layout, autoescaping HTML."""
    return _environment(_user_dir(templates_dir), page=True)


def full_stop(text: str) -> str:
    """Text ending a sentence of ours: 'Acme Co.' must not end up as 'Acme Co..'."""
    return text if text.endswith(".") else f"{text}."
