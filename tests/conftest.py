"""Shared fixtures. Add fixtures by appending; several suites use this file."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Speed is measured by benchmarks/, not by tests: Hypothesis' own clocks (a deadline per
# example, a limit on how slowly inputs may be drawn) only fail runs on a busy machine.
settings.register_profile("policygen", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# CI (.ci/run sets HYPOTHESIS_PROFILE=ci) draws the same examples every run, so a change
# lands or not on its own merits; a local run explores new ones each time and finds more.
settings.register_profile("ci", parent=settings.get_profile("policygen"), derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "policygen"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


# --- publishing: a hand-written policy for the renderer tests (independent of compose) ---
SAMPLE_SECTIONS = (
    ("What we collect", "what-we-collect"),
    ("How we use your information", "how-we-use"),
    ("Who we share it with", "sharing"),
    ("Your rights", "your-rights"),
    ("Contact us", "contact"),
)


def sample_markdown(store: str = "TonerRefillKits") -> str:
    toc = "\n".join(
        f"{n}. [{title}](#{anchor})" for n, (title, anchor) in enumerate(SAMPLE_SECTIONS, 1)
    )
    body = "\n\n".join(
        f"## {n}. {title}\n\n{store} explains {title.lower()} here.\n\n"
        "- A first point.\n- A second point with [our site](https://www.example.com/)."
        for n, (title, anchor) in enumerate(SAMPLE_SECTIONS, 1)
    )
    table = (
        "\n\n### Retention\n\n| Information | How long |\n|---|---|\n"
        "| Order history | 7 years |\n| Newsletter email | Until you unsubscribe |\n"
    )
    return (
        f"# Privacy Policy\n\nThis policy explains how {store} handles personal information.\n\n"
        f"Effective date: March 2, 2016.\n\n**Contents**\n\n{toc}\n\n{body}{table}"
    )


def sample_policy(store: str = "TonerRefillKits", markdown: str | None = None) -> Any:
    import datetime as dt

    from generator.document import PolicyDocument, Section

    return PolicyDocument(
        markdown=markdown if markdown is not None else sample_markdown(store),
        title="Privacy Policy",
        store_name=store,
        legal_name=f"{store} LLC",
        description=f"How {store} collects, uses and shares personal information.",
        language="en",
        effective_date=dt.date(2016, 3, 2),
        last_updated=dt.date(2016, 4, 1),
        sections=tuple(
            Section(n, title, anchor, anchor, ("CAL-01",) if n == 1 else ())
            for n, (title, anchor) in enumerate(SAMPLE_SECTIONS, 1)
        ),
        keywords=("privacy policy", store, "personal information"),
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/*.md from the current templates instead of comparing.",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def answer_strings(value: object) -> list[str]:
    """Every string in a dumped profile: the text a user typed."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in answer_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in answer_strings(v)]
    return []


def mask_answers(profile: Any, markdown: str, token: str) -> str:
    """The Markdown with each value from the answers (as the clauses print it) replaced by
    token, so that checks of our wording are not fooled by what a user typed."""
    from generator.escape import escape_markdown
    from generator.grammar import capfirst, clause_end, sentence

    forms: set[str] = set()
    for value in answer_strings(profile.model_dump(mode="json")):
        forms |= {value, escape_markdown(value), clause_end(value), sentence(value)}
        forms.add(capfirst(value))
        # An address line loses the separators at its ends (grammar.address: "; LT-" prints
        # as "; LT"), so that form is masked too.
        forms |= {value.strip(" ,-"), escape_markdown(value).strip(" ,-")}
    # The page collapses a doubled full stop ("vm..Iug" prints as "vm.Iug"), so each form is
    # also masked as printed.
    forms |= {re.sub(r"(?<!\.)\.\.(?!\.)", ".", form) for form in forms}
    # Longest first, in a fixed order (a set's order changes with the hash seed), and each
    # replaced by a mark no answer contains: a one-letter answer ("t") must not mask the
    # inside of a token already put in ("Text" -> "TexText"), which made the checks of our
    # wording flaky from one run to the next.
    mark = "\x00"
    for form in sorted((f for f in forms if f.strip()), key=lambda f: (-len(f), f)):
        markdown = markdown.replace(form, mark)
    return markdown.replace(mark, token)
