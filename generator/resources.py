"""Where the bundled templates and questionnaires live, installed or in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _bundled(name: str) -> Path:
    # In a wheel the folders are packaged inside `generator/`; in a source checkout
    # (or an editable install) they sit at the top of the repository.
    packaged = Path(str(resources.files("generator"))) / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def templates_dir() -> Path:
    return _bundled("templates")


def questionnaires_dir() -> Path:
    return _bundled("questionnaires")
