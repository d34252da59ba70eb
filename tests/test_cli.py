"""The console script around the click group."""

from __future__ import annotations

import gc
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator import __version__
from generator.cli import entry

ROOT = Path(__file__).resolve().parent.parent


def test_the_console_script_and_python_m_both_start_at_entry() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["policygen"] == "generator.cli:entry"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"policygen, version {__version__}"


def test_entry_tunes_the_collector_and_freezes_at_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["policygen", "--version"])
    threshold = gc.get_threshold()
    try:
        with pytest.raises(SystemExit) as caught:
            entry()
        assert caught.value.code == 0
        assert gc.get_threshold()[0] == 100_000
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
