"""`policygen scan --write`: add the services a scan found, and the answers do not yet
name, to the answers file as ``service: ID`` recipients and tracking tools.

A service the store's own pages load receives data from its visitors, so each one is
added as a recipient (its catalog kind gives the recipient kind); one whose kind maps to
a kind of cookie (``KIND_MAP``) runs on the site as well, so it is also added as a
tracking tool, as ``fill_tool`` allows. A tool that sets cookies of a kind missing from
``cookies.kinds`` would clash with it, so that kind is added there too. Everything else
in the file stays as the owner wrote it (generator/yamledit.py), and the result must
load and validate before it replaces the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.answers import parse_answers, profile_from_answers, read_text
from generator.errors import AnswersError, Problem, one_line
from generator.model import StoreProfile
from generator.model.vocab import CookieKind
from generator.output import write_atomic
from generator.services.model import Service
from generator.services.scan import Evidence, Finding, disclosed_by
from generator.yamledit import EditError, NewItem, append_items

RECIPIENTS = ("sharing", "recipients")
TOOLS = ("cookies", "tools")
KINDS = ("cookies", "kinds")


@dataclass(frozen=True)
class Added:
    """A service added to the answers, as a recipient, a tool or both."""

    service: Service
    evidence: tuple[Evidence, ...]
    recipient: bool
    tool: bool

    @property
    def as_what(self) -> str:
        parts = []
        if self.recipient:
            parts.append(f"a recipient ({self.service.recipient_kind.value})")
        if self.tool and self.service.cookie_kind is not None:
            parts.append(f"a tracking tool ({self.service.cookie_kind.value})")
        return " and ".join(parts)


@dataclass(frozen=True)
class Skipped:
    """A service found but not added, and why."""

    service: Service
    reason: str
    named: str | None = None  # where the answers already name it, if that is why


@dataclass(frozen=True)
class Written:
    """What ``--write`` did (or, in a dry run, would do) to the answers file."""

    path: Path
    old: str
    new: str
    added: tuple[Added, ...]
    skipped: tuple[Skipped, ...]
    kinds: tuple[CookieKind, ...]  # added to cookies.kinds

    @property
    def changed(self) -> bool:
        return self.old != self.new


def plan_write(path: Path, findings: Sequence[Finding]) -> Written:
    """The answers file's new text with every undisclosed service found added, checked to
    load and validate; nothing is written. AnswersError when the file itself is invalid
    or cannot be edited in place (with the line and what to add by hand)."""
    name = str(path)
    text = read_text(path)
    data, positions = parse_answers(name, text)
    profile = profile_from_answers(data, source=name, positions=positions)
    candidates: list[Added] = []
    skipped: list[Skipped] = []
    for finding in findings:
        service = finding.service
        where = disclosed_by(service, profile)
        if where is not None:
            skipped.append(Skipped(service, f"already named in the answers ({where})", where))
            continue
        tool = service.cookie_kind is not None
        if tool and _sets_cookies(service) and not profile.cookies.uses_cookies:
            skipped.append(
                Skipped(
                    service,
                    "it stores cookies or similar data on visitors' devices, but the answers "
                    "say cookies.uses_cookies: false; correct that answer, then run again",
                )
            )
            continue
        candidates.append(Added(service, finding.evidence, recipient=True, tool=tool))
    draft = _Draft(name, text, data, profile)
    new, kinds, problems = draft.try_with(candidates)
    if problems:
        # Which additions the answers cannot take: each one alone, against the file.
        kept: list[Added] = []
        for candidate in candidates:
            alone = draft.try_with([candidate])[2]
            if alone:
                skipped.append(Skipped(candidate.service, _invalid(alone)))
            else:
                kept.append(candidate)
        candidates = kept
        new, kinds, problems = draft.try_with(candidates)
        if problems:
            raise AnswersError(
                [
                    Problem(name, None, "", "the services found cannot be added together: "),
                    *problems,
                ]
            )
    return Written(path, text, new, tuple(candidates), tuple(skipped), tuple(kinds))


def write(plan: Written) -> None:
    """Replace the answers file with the planned text, atomically."""
    if plan.changed:
        write_atomic(plan.path, plan.new.encode("utf-8"))


def _sets_cookies(service: Service) -> bool:
    # A tool sets cookies unless the catalog says it does not (TrackingTool's default).
    return service.cookies.sets_cookies is not False


def _invalid(problems: list[Problem]) -> str:
    first = problems[0]
    field = f"{first.field}: " if first.field else ""
    return f"adding it would leave the answers invalid ({field}{first.message})"


def _comment(evidence: tuple[Evidence, ...]) -> str:
    """Where the scan saw the service, for the added line: file name and line or request."""
    first = evidence[0]
    where = f"{Path(first.file).name} {first.where}"
    safe = "".join(c if c.isprintable() else "?" for c in one_line(where, 100))
    return f"found by policygen scan: {safe}"


class _Draft:
    """The answers file and what adding a set of services to it gives."""

    def __init__(self, name: str, text: str, data: dict[str, Any], profile: StoreProfile):
        self.name = name
        self.text = text
        self.data = data
        self.profile = profile
        self.is_json = name.lower().endswith(".json")

    def additions(
        self, candidates: Sequence[Added]
    ) -> tuple[dict[tuple[str, str], list[NewItem]], list[CookieKind]]:
        recipients: list[NewItem] = []
        tools: list[NewItem] = []
        kinds: list[CookieKind] = []
        for added in candidates:
            item = NewItem({"service": added.service.id}, _comment(added.evidence))
            if added.recipient:
                recipients.append(item)
            kind = added.service.cookie_kind
            if added.tool and kind is not None:
                tools.append(item)
                known = [*self.profile.cookies.kinds, *kinds]
                if _sets_cookies(added.service) and kind not in known:
                    kinds.append(kind)
        out: dict[tuple[str, str], list[NewItem]] = {RECIPIENTS: recipients, TOOLS: tools}
        if kinds:
            cookies = self.data.get("cookies")
            written = isinstance(cookies, Mapping) and cookies.get("kinds") is not None
            # Without a kinds answer the model's default list holds; it is written out
            # with the new kinds, or they would replace it.
            before = [] if written else list(self.profile.cookies.kinds)
            out[KINDS] = [NewItem(k.value) for k in [*before, *kinds]]
        return out, kinds

    def try_with(self, candidates: Sequence[Added]) -> tuple[str, list[CookieKind], list[Problem]]:
        """The new text, the cookie kinds it adds, and the problems it would have."""
        additions, kinds = self.additions(candidates)
        try:
            new = append_items(self.text, additions, is_json=self.is_json)
        except EditError as exc:
            wanted = ", ".join(a.service.id for a in candidates)
            raise AnswersError(
                [
                    Problem(
                        self.name,
                        exc.line,
                        exc.field,
                        f"cannot add the services found here: {exc}. Add them by hand, "
                        f"each as `- service: ID` under sharing.recipients (and cookies.tools "
                        f"for tracking tools): {wanted}",
                    )
                ]
            ) from None
        try:
            data, positions = parse_answers(self.name, new)
            profile_from_answers(data, source=self.name, positions=positions)
        except AnswersError as exc:
            return new, kinds, exc.problems
        return new, kinds, []
