"""The two versions a comparison reads: two answers files, or one file and itself at a git
revision. Both go through the one answers loader, so a bad file is reported as
``FILE:LINE: field: message`` (exit 2) like everywhere else."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from generator.errors import UsageError

if TYPE_CHECKING:
    from generator.model import StoreProfile


class Version(NamedTuple):
    profile: StoreProfile
    name: str
    """How messages and reports name it: the file, or 'REV:FILE'."""


def load_file(path: Path) -> Version:
    from generator.answers import load_profile

    return Version(load_profile(path), str(path))


def load_at(path: Path, revision: str) -> Version:
    """``path`` as it was at git ``revision``."""
    from generator.answers import parse_answers, profile_from_answers
    from generator.versions.git import read_at

    text, name = read_at(path, revision)
    # 'REV:shop.json' ends as the file does, so JSON is read as JSON.
    data, positions = parse_answers(name, text)
    return Version(profile_from_answers(data, source=name, positions=positions), name)


def earlier(path: Path, since: Path | None, revision: str | None) -> Version:
    """The earlier version of ``path``: the file ``since``, or ``path`` at ``revision``."""
    if (since is None) == (revision is None):
        raise UsageError("name the earlier version once: a second file, or --git REV")
    if revision is not None:
        return load_at(path, revision)
    assert since is not None
    return load_file(since)
