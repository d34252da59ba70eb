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


@functools.lru_cache(maxsize=8)
def _environment(user_dir: str | None) -> jinja2.sandbox.SandboxedEnvironment:
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        loaders.append(jinja2.FileSystemLoader(user_dir))
    loaders.append(jinja2.FileSystemLoader(str(resources.templates_dir())))
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=resources.jinja_bytecode_cache(),
    )
    env.filters.update(FILTERS)
    env.tests.update(TESTS)
    return env


def environment(templates_dir: Path | None = None) -> jinja2.sandbox.SandboxedEnvironment:
    """The Jinja environment: the user's folder first, then the bundled templates."""
    if templates_dir is not None and not templates_dir.is_dir():
        raise TemplateError(f"{templates_dir}: templates folder not found")
    return _environment(str(templates_dir.resolve()) if templates_dir else None)
