"""Turn a StoreProfile into the policy's Markdown through the clause templates.

The one Jinja environment lives here. Three rules hold for every template, built-in or a
user's override:

* Every printed value goes through ``finalize``, which escapes it for Markdown. Values that
  are already Markdown (a rendered clause, a vocabulary label, a joined list whose parts were
  escaped) carry the ``Md`` marker type and pass through untouched, so nothing is escaped
  twice. Printing ``None``, a bool, a list or a raw enum is a template bug, so ``finalize``
  refuses it instead of leaking "None", "True" or "[]" into a policy.
* Templates run in a sandbox: a user override can read the profile but not reach Python
  internals, and user text is only ever data, never template source.
* Section numbers, anchors and the table of contents are added here, after rendering, from
  the clauses that produced a body. A clause whose body is blank disappears with its heading.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

import jinja2
import jinja2.sandbox
from pydantic_core import Url

from generator import resources
from generator.document import PolicyDocument, Section
from generator.errors import TemplateError
from generator.model import vocab
from generator.model.base import Duration, PostalAddress
from generator.model.practices import CollectedData
from generator.model.profile import StoreProfile

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
    "lgpd": "LGPD",
    "australia": "Australian Privacy Principles",
}


# Names as they read mid-sentence; any other code prints as the code itself.
COUNTRY_NAMES = {
    "US": "the United States",
    "CA": "Canada",
    "MX": "Mexico",
    "GB": "the United Kingdom",
    "IE": "Ireland",
    "DE": "Germany",
    "FR": "France",
    "NL": "the Netherlands",
    "BE": "Belgium",
    "LU": "Luxembourg",
    "ES": "Spain",
    "PT": "Portugal",
    "IT": "Italy",
    "AT": "Austria",
    "CH": "Switzerland",
    "DK": "Denmark",
    "SE": "Sweden",
    "NO": "Norway",
    "FI": "Finland",
    "IS": "Iceland",
    "PL": "Poland",
    "CZ": "the Czech Republic",
    "SK": "Slovakia",
    "HU": "Hungary",
    "RO": "Romania",
    "BG": "Bulgaria",
    "GR": "Greece",
    "HR": "Croatia",
    "SI": "Slovenia",
    "EE": "Estonia",
    "LV": "Latvia",
    "LT": "Lithuania",
    "CY": "Cyprus",
    "MT": "Malta",
    "LI": "Liechtenstein",
    "AU": "Australia",
    "NZ": "New Zealand",
    "JP": "Japan",
    "KR": "South Korea",
    "CN": "China",
    "HK": "Hong Kong",
    "SG": "Singapore",
    "IN": "India",
    "IL": "Israel",
    "BR": "Brazil",
    "AR": "Argentina",
    "CL": "Chile",
    "ZA": "South Africa",
    "AE": "the United Arab Emirates",
    "PH": "the Philippines",
}


class Md(str):
    """Text that is already valid Markdown: finalize prints it as it is."""

    __slots__ = ()


# ---- Markdown escaping ---------------------------------------------------------------------

# Characters that can start inline markup anywhere in a line. The ones that only matter at
# the start of a line ('-', '+', '=', '1.' and '1)') are escaped there only, so that phone
# numbers, dates and web addresses stay readable in the Markdown file.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_LEADING_MARKER = re.compile(r"^([-+=]|[0-9]{1,9}(?=[.)]))")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\\`]+$")
# CommonMark's email autolink grammar.
_SAFE_EMAIL = re.compile(
    r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$"
)


def escape_markdown(text: str) -> Md:
    """User text as Markdown that displays exactly that text and nothing else.

    Whitespace runs (including newlines) collapse to one space, so a value can never
    start a new block, and backslash escapes neutralise emphasis, code, links, raw HTML,
    tables and entity references.
    """
    text = " ".join(str(text).split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    if _LEADING_MARKER.match(text):
        # '1.' needs its dot escaped, '-' needs itself escaped.
        if text[0].isdigit():
            digits = _LEADING_MARKER.match(text)
            assert digits is not None
            end = digits.end()
            text = text[:end] + "\\" + text[end:]
        else:
            text = "\\" + text
    return Md(text)


def unescape_markdown(text: str) -> str:
    """The plain text of escaped Markdown (for titles outside the Markdown)."""
    return _UNESCAPE.sub(r"\1", text)


def md(value: object) -> Md:
    """Markdown for any printable value: Md passes, everything else is escaped."""
    if isinstance(value, Md):
        return value
    return escape_markdown(str(value))


def link(url: object) -> Md:
    """A web address as a CommonMark autolink, or escaped text if it cannot be one."""
    text = str(url)
    if _SAFE_URL.match(text):
        return Md(f"<{text}>")
    return escape_markdown(text)


def email_link(address: object) -> Md:
    """An email address as a CommonMark autolink, or escaped text if it cannot be one."""
    text = str(address)
    if _SAFE_EMAIL.match(text):
        return Md(f"<{text}>")
    return escape_markdown(text)


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


# ---- grammar filters -----------------------------------------------------------------------


def label(member: StrEnum) -> Md:
    """The plain-English label of a vocabulary member (our own text, so trusted)."""
    return Md(vocab.label(member))


def labels(members: Iterable[StrEnum]) -> list[Md]:
    return [label(m) for m in members]


def _join(items: Iterable[object], word: str) -> Md:
    parts = [md(item) for item in items]
    if not parts:
        raise TypeError(f"join_{word} got an empty list; guard it with 'if'")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return Md(f"{parts[0]} {word} {parts[1]}")
    return Md(f"{', '.join(parts[:-1])}, {word} {parts[-1]}")


def join_and(items: Iterable[object]) -> Md:
    """'A', 'A and B', 'A, B, and C' (serial comma), each part escaped unless trusted."""
    return _join(items, "and")


def join_or(items: Iterable[object]) -> Md:
    return _join(items, "or")


def plural(count: int | Sized, singular: str, plural_form: str) -> str:
    """The singular or plural word for a count (or for the length of a list)."""
    n = count if isinstance(count, int) else len(count)
    return singular if n == 1 else plural_form


# Words whose first letter misleads: 'an hour', 'a user', 'a one-time', 'an SMS'.
_AN_EXCEPTIONS = ("hour", "honest", "honor", "heir")
_A_EXCEPTIONS = ("uni", "use", "usu", "user", "euro", "eu", "one", "once", "u.s", "ur")
_VOWEL_SOUND_LETTERS = "AEFHILMNORSX"


def article(phrase: object) -> str:
    """'a' or 'an' for the phrase, by how its first word sounds."""
    text = str(phrase).lstrip("\\*_[(")
    first = text.split(" ", 1)[0]
    lower = first.lower()
    if not lower:
        return "a"
    if lower.startswith(_AN_EXCEPTIONS):
        return "an"
    if lower.startswith(_A_EXCEPTIONS):
        return "a"
    is_acronym = len(first) > 1 and first.isupper() and first.isalpha()
    if is_acronym:
        return "an" if first[0] in _VOWEL_SOUND_LETTERS else "a"
    return "an" if lower[0] in "aeiou" else "a"


def a_an(phrase: object) -> Md:
    """The phrase with 'a' or 'an' in front: 'an email address', 'a user ID'."""
    text = md(phrase)
    return Md(f"{article(unescape_markdown(text))} {text}")


def date_long(day: dt.date) -> Md:
    """'March 2, 2010', the same whatever the machine's locale."""
    return Md(f"{day.strftime('%B')} {day.day}, {day.year}")


def capfirst(text: object) -> Md:
    """The text with its first letter in upper case (the rest untouched)."""
    value = md(text)
    for i, char in enumerate(value):
        if char.isalpha():
            return Md(value[:i] + char.upper() + value[i + 1 :])
    return value


def duration(period: Duration) -> Md:
    """'1 year', '18 months': the unit agrees with the amount."""
    word = vocab.label(period.unit)
    return Md(f"{period.amount} {word[:-1] if period.amount == 1 else word}")


def clause_end(text: object) -> Md:
    """User text to sit inside our own sentence: escaped, without its final full stop."""
    return Md(md(text).rstrip(" .;,"))


def sentence(text: object) -> Md:
    """User text as a whole sentence: capital first letter and closing punctuation."""
    value = capfirst(text)
    return value if value.endswith((".", "!", "?")) else Md(value + ".")


def item_phrase(item: CollectedData) -> Md:
    """'payment card details (card number and expiry date)'."""
    name = label(item.category)
    if not item.details:
        return name
    # A label's own example in brackets gives way to the store's exact words.
    bare = name.split(" (", 1)[0]
    return Md(f"{bare} ({clause_end(item.details)})")


def flatten(lists: Iterable[Iterable[object]]) -> list[object]:
    return [item for inner in lists for item in inner]


def trusted(text: str) -> Md:
    """Mark a template's own literal Markdown as final. Never apply it to a user's value."""
    return Md(text)


def country(code: str) -> Md:
    """A country's name as it reads in running text ('the United States')."""
    return Md(COUNTRY_NAMES.get(code, code))


def address(postal: PostalAddress) -> Md:
    """A postal address on one line: '1 Main St, Springfield, IL 62701, the United States'."""
    region = " ".join(part for part in (postal.region, postal.postal_code) if part)
    parts = [*postal.lines, postal.city, region]
    text = ", ".join(md(part) for part in parts if part)
    return Md(f"{text}, {country(postal.country)}")


def contains(values: Iterable[object], member: object) -> bool:
    """Jinja test: ``items | selectattr("points", "contains", point)``."""
    return member in values


Sized = Sequence[object] | set[object] | frozenset[object] | dict[object, object]

FILTERS: dict[str, Any] = {
    "duration": duration,
    "clause_end": clause_end,
    "sentence": sentence,
    "item_phrase": item_phrase,
    "flatten": flatten,
    "trusted": trusted,
    "country": country,
    "address": address,
    "label": label,
    "labels": labels,
    "join_and": join_and,
    "join_or": join_or,
    "plural": plural,
    "a_an": a_an,
    "article": article,
    "date_long": date_long,
    "capfirst": capfirst,
    "md": md,
    "link": link,
    "email_link": email_link,
}
TESTS: dict[str, Any] = {"contains": contains}


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


# ---- rendering -----------------------------------------------------------------------------


class _Rendered(NamedTuple):
    name: str
    title: str
    body: str
    covers: tuple[str, ...]


class _Render:
    """The state of one policy render: the clauses produced so far and their coverage."""

    def __init__(self, env: jinja2.sandbox.SandboxedEnvironment) -> None:
        self.env = env
        self.context: dict[str, Any] = {}
        self.clauses: list[_Rendered] = []
        self.covering: list[list[str]] = []

    def covers(self, *ids: str) -> str:
        if not self.covering:
            raise TypeError("covers() can only be called inside a clause")
        for req in ids:
            if req not in self.covering[-1]:
                self.covering[-1].append(req)
        return ""

    def clause(self, name: str) -> Md:
        if not _CLAUSE_NAME.match(name):
            raise TypeError(f"clause name {name!r} must be lower-case words joined by '-'")
        template = self.env.get_template(f"{CLAUSE_DIR}/{name}.md.j2")
        self.covering.append([])
        try:
            text = template.render(self.context)
        finally:
            ids = self.covering.pop()
        title, body = _split_clause(name, text)
        if not body:
            return Md("")
        self.clauses.append(_Rendered(name, title, body, tuple(ids)))
        return Md(_placeholder(len(self.clauses) - 1))

    def rendered_sections(self) -> list[Section]:
        """The sections rendered so far, numbered in call order (for the coverage appendix)."""
        return [
            Section(n, Md(c.title), _anchor(c.name), c.name, c.covers)
            for n, c in enumerate(self.clauses, 1)
        ]

    def toc(self) -> Md:
        return Md(_TOC_PLACEHOLDER)


_CLAUSE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOC_PLACEHOLDER = "\x00toc\x00"
_PLACEHOLDER = re.compile(r"\x00clause:(\d+)\x00")


def _placeholder(index: int) -> str:
    return f"\x00clause:{index}\x00"


def _split_clause(name: str, text: str) -> tuple[str, str]:
    """A clause's title and its tidied body ('' when nothing but the heading rendered)."""
    lines = text.strip().splitlines()
    if not lines or not lines[0].startswith("## "):
        raise TypeError(f"clause '{name}' must start with a '## Title' line")
    title = lines[0][3:].strip()
    if not title:
        raise TypeError(f"clause '{name}' has an empty title")
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
    for match in _PLACEHOLDER.finditer(text):
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
    body = _PLACEHOLDER.sub(lambda m: pieces[int(m.group(1))], text)
    toc = "\n".join(f"{s.number}. [{s.title}](#{s.anchor})" for s in sections)
    body = body.replace(_TOC_PLACEHOLDER, toc)
    return tidy(body) + "\n", tuple(sections)


def _context(profile: StoreProfile, render: _Render, annotate: bool) -> dict[str, Any]:
    from generator import laws

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


def render_policy(
    profile: StoreProfile, templates_dir: Path | None = None, *, annotate: bool = False
) -> PolicyDocument:
    """The whole policy for one store, as Markdown plus what it contains."""
    env = environment(templates_dir)
    render = _Render(env)
    render.context = _context(profile, render, annotate)
    try:
        text = env.get_template(POLICY_TEMPLATE).render(render.context)
    except TemplateError:
        raise
    except Exception as exc:  # anything a template did wrong, reported with its place
        raise TemplateError.from_jinja(exc) from None
    markdown, sections = _assemble(render, text)
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
        keywords=_keywords(profile, render.context["law"]),
    )


def _description(profile: StoreProfile) -> str:
    return (
        f"How {profile.business.store_name} collects, uses and shares personal information, "
        "and the choices you have."
    )


def _keywords(profile: StoreProfile, law: SimpleNamespace) -> tuple[str, ...]:
    words = ["privacy policy", "personal information", profile.business.store_name]
    words += [name for law_id, name in LAW_KEYWORDS.items() if _applies(law, law_id)]
    return tuple(words)


def _applies(law: SimpleNamespace, law_id: str) -> bool:
    applicability = getattr(law, law_id, None)
    return bool(applicability is not None and applicability.applies)
