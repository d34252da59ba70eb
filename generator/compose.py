"""Turn a StoreProfile into the policy's Markdown through the clause templates.

Section numbers, anchors and the table of contents are added here, after rendering, from
the clauses that produced a body. A clause whose body is blank disappears with its heading.
The Jinja environment is ``generator.templating``; escaping is ``generator.escape``; the
filters that word things are ``generator.grammar``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

import jinja2
import jinja2.sandbox

from generator.dates import dates_as_in
from generator.document import PolicyDocument, Section
from generator.errors import TemplateContractError, TemplateError, raised_by_template
from generator.escape import Md, unescape_markdown
from generator.grammar import plural
from generator.model import vocab
from generator.model.profile import StoreProfile
from generator.templating import environment, render

TITLE = "Privacy Policy"
CLAUSE_DIR = "clauses"
POLICY_TEMPLATE = "policy.md.j2"

# Law ids -> the names readers know them by, for the document's keywords.
LAW_KEYWORDS = {
    "caloppa": "CalOPPA",
    "ccpa": "CCPA",
    "shine_the_light": "California Shine the Light",
    "us_states": "US state privacy laws",
    "gdpr": "GDPR",
    "uk_gdpr": "UK GDPR",
    "coppa": "COPPA",
    "can_spam": "CAN-SPAM",
    "pipeda": "PIPEDA",
    "bc_pipa": "BC PIPA",
    "alberta_pipa": "Alberta PIPA",
    "lgpd": "LGPD",
    "australia": "Australian Privacy Principles",
    "new_zealand": "New Zealand Privacy Act 2020",
    "swiss_fadp": "Swiss FADP",
}


# ---- rendering -----------------------------------------------------------------------------


class _Rendered(NamedTuple):
    name: str
    title: str
    body: str
    covers: tuple[str, ...]


class _Render:
    """The state of one policy render: the clauses produced so far and their coverage."""

    def __init__(self, env: jinja2.sandbox.SandboxedEnvironment, timed: bool = True) -> None:
        self.env = env
        self.timed = timed
        # Clauses and the table of contents are placed after rendering, where markers stand
        # in the text. A random key per render makes the markers unforgeable: text that
        # merely looks like one (from a template literal, say) is left as it is.
        key = secrets.token_hex(16)
        self.toc_marker = f"\x00toc:{key}\x00"
        self.clause_marker = re.compile(rf"\x00clause:{key}:(\d+)\x00")
        self._clause_marker = f"\x00clause:{key}:{{}}\x00"
        self.context: dict[str, Any] = {}
        self.clauses: list[_Rendered] = []
        self.covering: list[list[str]] = []

    def covers(self, *ids: str) -> str:
        if not self.covering:
            raise TemplateContractError("covers() can only be called inside a clause")
        for req in ids:
            if req not in self.covering[-1]:
                self.covering[-1].append(req)
        return ""

    def clause(self, name: str) -> Md:
        if not _CLAUSE_NAME.match(name):
            raise TemplateContractError(
                f"clause name {name!r} must be lower-case words joined by '-'"
            )
        template = self.env.get_template(f"{CLAUSE_DIR}/{name}.md.j2")
        self.covering.append([])
        try:
            text = render(template, self.context, timed=self.timed)
        finally:
            ids = self.covering.pop()
        title, body = _split_clause(name, text)
        if not body:
            return Md("")
        self.clauses.append(_Rendered(name, title, body, tuple(ids)))
        return Md(self._clause_marker.format(len(self.clauses) - 1))

    def rendered_sections(self) -> list[Section]:
        """The sections rendered so far, numbered in call order (for the coverage appendix)."""
        return [
            Section(n, Md(c.title), _anchor(c.name), c.name, c.covers)
            for n, c in enumerate(self.clauses, 1)
        ]

    def toc(self) -> Md:
        return Md(self.toc_marker)


_CLAUSE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _split_clause(name: str, text: str) -> tuple[str, str]:
    """A clause's title and its tidied body ('' when nothing but the heading rendered)."""
    lines = text.strip().splitlines()
    if not lines or not lines[0].startswith("## "):
        raise TemplateContractError(f"clause '{name}' must start with a '## Title' line")
    title = lines[0][3:].strip()
    if not title:
        raise TemplateContractError(f"clause '{name}' has an empty title")
    return title, tidy("\n".join(lines[1:]))


_HEADING = re.compile(r"^(#{1,6}) ")


# A user's value ending in a full stop ('Acme, Inc.') at the end of our own sentence.
_DOUBLE_STOP = re.compile(r"(?<![.\\])\.\.(?!\.)")


def tidy(markdown: str) -> str:
    """Trailing spaces off, one blank line between blocks, subheadings without a body dropped."""
    lines = [_DOUBLE_STOP.sub(".", line.rstrip()) for line in markdown.strip().splitlines()]
    blocks: list[list[str]] = []
    for line in lines:
        if not line:
            if blocks and blocks[-1]:
                blocks.append([])
            continue
        if not blocks:
            blocks.append([])
        blocks[-1].append(line)
    blocks = [b for b in blocks if b]
    return "\n\n".join("\n".join(b) for b in _drop_empty_headings(blocks))


def _drop_empty_headings(blocks: list[list[str]]) -> list[list[str]]:
    kept: list[list[str]] = []
    for block in reversed(blocks):
        heading = _HEADING.match(block[0]) if len(block) == 1 else None
        if heading:
            level = len(heading.group(1))
            following = _HEADING.match(kept[-1][0]) if kept else None
            if not kept or (following and len(following.group(1)) <= level):
                continue
        kept.append(block)
    return list(reversed(kept))


def _anchor(name: str) -> str:
    return name


def _assemble(render: _Render, text: str) -> tuple[str, tuple[Section, ...]]:
    """Number the clauses in the order they appear and put the TOC where the template asks."""
    sections: list[Section] = []
    pieces: dict[int, str] = {}
    for match in render.clause_marker.finditer(text):
        index = int(match.group(1))
        rendered = render.clauses[index]
        number = len(sections) + 1
        anchor = _anchor(rendered.name)
        sections.append(
            Section(
                number, unescape_markdown(rendered.title), anchor, rendered.name, rendered.covers
            )
        )
        pieces[index] = f"## {number}. {rendered.title}\n\n{rendered.body}"
    body = render.clause_marker.sub(lambda m: pieces[int(m.group(1))], text)
    toc = "\n".join(f"{s.number}. [{s.title}](#{s.anchor})" for s in sections)
    body = body.replace(render.toc_marker, toc)
    return tidy(body) + "\n", tuple(sections)


def _context(profile: StoreProfile, render: _Render, annotate: bool) -> dict[str, Any]:
    from generator import facts, laws

    verdicts = laws.applicable(profile)

    def of_applying_laws(requirement_ids: Iterable[str]) -> list[str]:
        """The requirement ids whose law applies to this store."""
        return [i for i in requirement_ids if verdicts[laws.requirement(i).law].applies]

    def law_requires(*requirement_ids: str) -> bool:
        """Whether this policy must meet every one of these requirements: each one's law
        applies to the store and the requirement is in force on the policy's date (CalOPPA's
        Do Not Track duty, for one, dates only from 2014), so a clause may name the law."""
        return all(
            verdicts[req.law].applies and req.needed_for(profile)
            for req in map(laws.requirement, requirement_ids)
        )

    return {
        "p": profile,
        "facts": facts.derive(profile, verdicts),
        "answered": _answered,
        "law": SimpleNamespace(**verdicts),
        "of_applying_laws": of_applying_laws,
        "law_requires": law_requires,
        "annotate": annotate,
        "V": vocab,
        "covers": render.covers,
        "clause": render.clause,
        "toc": render.toc,
        "rendered_sections": render.rendered_sections,
        "plural": plural,
        "title": Md(TITLE),
    }


def _answered(part: object, field: str) -> bool:
    """Whether the owner gave this answer (a default never answered promises nothing)."""
    return field in getattr(part, "model_fields_set", set())


def render_policy(
    profile: StoreProfile, templates_dir: Path | None = None, *, annotate: bool = False
) -> PolicyDocument:
    """The whole policy for one store, as Markdown plus what it contains."""
    country = profile.business.address.country
    with dates_as_in(country):
        markdown, sections, state = _render(profile, templates_dir, annotate)
    return PolicyDocument(
        markdown=markdown,
        title=TITLE,
        store_name=profile.business.store_name,
        legal_name=profile.business.legal_name,
        description=_description(profile),
        language=profile.policy.language,
        effective_date=profile.policy.effective_date,
        last_updated=profile.policy.updated,
        sections=sections,
        keywords=_keywords(profile, state.context["law"]),
        country=country,
    )


def _render(
    profile: StoreProfile, templates_dir: Path | None, annotate: bool
) -> tuple[str, tuple[Section, ...], _Render]:
    env = environment(templates_dir)
    # Only a user's templates can loop without end; ours are bounded by the answers.
    state = _Render(env, timed=templates_dir is not None)
    state.context = _context(profile, state, annotate)
    try:
        text = render(env.get_template(POLICY_TEMPLATE), state.context, timed=state.timed)
    except (jinja2.TemplateError, TemplateError) as exc:  # reported with its file and line
        raise TemplateError.from_jinja(exc) from None
    except Exception as exc:
        if not raised_by_template(exc):
            raise  # a bug in our own code: let it show
        raise TemplateError.from_jinja(exc) from None
    markdown, sections = _assemble(state, text)
    return markdown, sections, state


def _description(profile: StoreProfile) -> str:
    return (
        f"How {profile.business.store_name} collects, uses and shares personal information, "
        "and the choices you have."
    )


def _keywords(profile: StoreProfile, law: SimpleNamespace) -> tuple[str, ...]:
    words = ["privacy policy", "personal information", profile.business.store_name]
    words += [name for law_id, name in LAW_KEYWORDS.items() if _applies(law, law_id)]
    # Which catalog's facts the policy rests on, so a copy of the page or PDF says it; the
    # catalog loads only for answers that name a service.
    if profile.names_services:
        from generator.services.catalog import catalog

        words.append(f"service catalog {catalog().version}")
    return tuple(words)


def _applies(law: SimpleNamespace, law_id: str) -> bool:
    applicability = getattr(law, law_id, None)
    return bool(applicability is not None and applicability.applies)
