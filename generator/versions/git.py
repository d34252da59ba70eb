"""An answers file as it was at a git revision (``git show REV:path``), with no new dependency."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import UsageError, one_line

# An answers file is a few kilobytes; the same bound as a file on disk (answers.MAX_FILE_BYTES).
_TIMEOUT_SECONDS = 20


def read_at(path: Path, revision: str) -> tuple[str, str]:
    """The text of ``path`` at ``revision`` of the git repository it lives in, and a name for
    it in messages as git writes it ('HEAD~1:shop.yaml'). UsageError (exit 2) when git, the
    repository, the revision or the file there is missing."""
    from generator.answers import MAX_FILE_BYTES, decode_text

    name = f"{revision}:{path}"
    if revision.startswith("-"):
        # A revision is never an option; refusing it keeps 'git show' from reading one.
        raise UsageError(f"--git {one_line(revision)}: not a revision")
    folder = path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel").strip()
    try:
        inside = path.resolve().relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{path}: not inside the git repository at {top}") from None
    data = _git_bytes(folder, "show", f"{revision}:{inside}")
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(f"{name}: larger than {MAX_FILE_BYTES // 1024} KB; not an answers file")
    return decode_text(name, data), name


def _git(folder: Path, *args: str) -> str:
    return _git_bytes(folder, *args).decode("utf-8", "replace")


def _git_bytes(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("--git needs the git program, and it was not found") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} took more than {_TIMEOUT_SECONDS} s") from None
    if done.returncode != 0:
        said = one_line(done.stderr.decode("utf-8", "replace")) or f"exit {done.returncode}"
        raise UsageError(f"git {' '.join(args)}: {said}")
    return done.stdout
