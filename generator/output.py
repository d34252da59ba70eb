"""Atomic file output: a failed or killed build never leaves a half-written file, and the
files of one build are swapped in together or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from generator.errors import OutputError

TMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    write_all_atomic({path: data})


def write_all_atomic(files: Mapping[Path, bytes]) -> None:
    """Write every file, or leave every one of them as it was.

    Each file is first written in full to a temporary beside its target (so a full disk
    or a blocked path stops the build before anything is replaced), then all are renamed
    into place. Should a rename still fail, the files already replaced get their earlier
    versions back. Temporaries left by a killed run are removed by ``remove_stale``.
    """
    staged: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            staged[path] = _stage(path, data)
        _swap_in(staged)
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)


def remove_stale(folder: Path, names: list[str]) -> None:
    """Delete the temporaries a killed run left beside the files ``names`` in ``folder``."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    prefixes = tuple(f".{name}." for name in names)
    for entry in entries:
        if entry.name.startswith(prefixes) and entry.name.endswith(TMP_SUFFIX):
            Path(entry.path).unlink(missing_ok=True)


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file beside ``path``, flushed to disk."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise OutputError(f"{path}: is a folder; move it out of the way")
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror or exc}") from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(0o644)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise
    return tmp


def _swap_in(staged: Mapping[Path, Path]) -> None:
    """Rename each temporary onto its target; on a failure, put back what was replaced."""
    backups: dict[Path, Path | None] = {}
    new: list[Path] = []
    try:
        for path, tmp in staged.items():
            existed = path.exists()
            backups[path] = _backup(path)
            tmp.replace(path)
            if not existed:
                new.append(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            for done, backup in backups.items():
                if backup is not None:
                    backup.replace(done)
            for done in new:
                done.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        for backup in backups.values():
            if backup is not None:
                backup.unlink(missing_ok=True)


def _backup(path: Path) -> Path | None:
    """A second name for the current ``path`` (a hard link), to restore it from."""
    if not path.is_file():
        return None
    backup = path.with_name(f".{path.name}.old{TMP_SUFFIX}")
    backup.unlink(missing_ok=True)
    try:
        os.link(path, backup)
    except OSError:
        return None  # no hard links here: the swap just cannot be undone
    return backup
