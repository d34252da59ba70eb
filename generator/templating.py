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

import datetime as dt
import functools
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import jinja2
import jinja2.sandbox
from pydantic_core import Url

from generator import resources
from generator.errors import TemplateError
from generator.escape import Md, escape_markdown, link
from generator.grammar import FILTERS, TESTS, date_long


def finalize(value: object) -> object:
    """Jinja's last step for every ``{{ expression }}``: the one place user text is escaped."""
    if isinstance(value, Md):
        return value
    if value is None or isinstance(value, bool | list | tuple | dict | set):
        raise TypeError(
            f"a template printed {value!r}; test it with 'if' or join it with 'join_and'"
        )
    if isinstance(value, StrEnum):
        raise TypeError(f"a template printed the raw value {value.value!r}; use the 'label' filter")
    if isinstance(value, Url):
        return link(value)
    if isinstance(value, dt.date):
        return date_long(value)
    if isinstance(value, int | float):
        return str(value)
    return escape_markdown(str(value))


# ---- environment ---------------------------------------------------------------------------


class PolicySandbox(jinja2.sandbox.SandboxedEnvironment):
    """The sandbox every policygen template runs in, clause or page, built-in or a user's.

    A user's template can read what it is given but not reach Python internals.
    """


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
        bytecode_cache=resources.jinja_bytecode_cache(),
    )
    if page:
        env.filters["full_stop"] = full_stop
    else:
        env.filters.update(FILTERS)
        env.tests.update(TESTS)
    return env


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
