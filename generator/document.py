"""The composed policy as the rest of the pipeline sees it: Markdown plus what it contains."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class Section(NamedTuple):
    """One numbered section of the policy, as rendered."""

    number: int
    title: str
    anchor: str
    clause: str
    covers: tuple[str, ...]


class PolicyDocument(NamedTuple):
    """A rendered policy. ``markdown`` is the single source HTML and PDF are derived from."""

    markdown: str
    title: str
    store_name: str
    legal_name: str
    description: str
    language: str
    effective_date: dt.date
    last_updated: dt.date
    sections: tuple[Section, ...]
    keywords: tuple[str, ...] = ()
    # The store's country: its dates read as that country writes them (dates.dates_as_in).
    country: str = "US"

    def clause_text(self, clause: str) -> str | None:
        """The Markdown of the section a clause rendered (heading included), or None when
        the clause said nothing for this store."""
        found = [section for section in self.sections if section.clause == clause]
        if not found:
            return None
        heading = f"## {found[0].number}. "
        start = self.markdown.find(heading)
        end = self.markdown.find("\n## ", start + len(heading))
        return self.markdown[start : end if end != -1 else None].strip()

    def covered(self) -> dict[str, list[Section]]:
        """Requirement id -> the sections that cover it."""
        out: dict[str, list[Section]] = {}
        for section in self.sections:
            for req in section.covers:
                out.setdefault(req, []).append(section)
        return out
