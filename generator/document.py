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

    def covered(self) -> dict[str, list[Section]]:
        """Requirement id -> the sections that cover it."""
        out: dict[str, list[Section]] = {}
        for section in self.sections:
            for req in section.covers:
                out.setdefault(req, []).append(section)
        return out
