"""Where the bundled templates and questionnaires live, installed or in a source checkout."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__

if TYPE_CHECKING:
    import jinja2


def _bundled(name: str) -> Path:
    # In a wheel the folders are packaged inside `generator/`; in a source checkout
    # (or an editable install) they sit at the top of the repository. The package is
    # always a folder on disk (Jinja and WeasyPrint read these files by path), so this
    # is what importlib.resources.files would say, without importing it (~2 ms a run).
    package = Path(__file__).resolve().parent
    packaged = package / name
    if packaged.is_dir():
        return packaged
    return package.parent / name


def templates_dir() -> Path:
    return _bundled("templates")


def questionnaires_dir() -> Path:
    return _bundled("questionnaires")


def user_override(user_templates: Path | str | None, name: str) -> Path | None:
    """The user's own copy of the bundled template file ``name``, if their folder has one.

    The path is resolved; one that leads (through a symlink) outside the user's folder is
    refused with a TemplateError rather than published.
    """
    if user_templates is None:
        return None
    path = Path(user_templates) / name
    if not path.is_file():
        return None
    return confined(path, Path(user_templates))


def user_folder(user_templates: Path | str | None, name: str) -> Path | None:
    """The user's folder ``name`` (html, pdf), resolved and inside their templates folder."""
    if user_templates is None:
        return None
    path = Path(user_templates) / name
    if not path.is_dir():
        return None
    return confined(path, Path(user_templates))


def confined(path: Path, root: Path) -> Path:
    """``path`` resolved, if it stays inside ``root`` (resolved); TemplateError if not."""
    from generator.errors import TemplateError

    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # a dangling or looping symlink
        raise TemplateError(f"{path}: cannot resolve the path: {exc}") from None
    if not resolved.is_relative_to(root.resolve()):
        raise TemplateError(
            f"{path}: leads to {resolved}, outside the templates folder {root}; "
            "copy the file into the folder instead of linking to it"
        )
    return resolved


# Part of the cache folder's name. Jinja keys cached code by template name and source only,
# yet the code depends on the environment too (the sandbox's intercepted operators), so
# this changes whenever templating's environment set-up changes what is compiled.
CACHE_FORMAT = "sandbox2"


def jinja_bytecode_cache(convention: str = "") -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling them is most of a short build.

    Jinja keys each entry by template name and a checksum of its source, so edited
    templates and user overrides recompile. The folder name carries both versions and
    ``convention`` (how filters are called), because the cached code depends on Jinja's
    code generator, our settings and which filters receive the template context.

    A cache entry is Python code that every later build runs, so the folder is used only
    when no other user can have put anything in it (``_private``); otherwise, as when the
    folder cannot be made, templates are compiled afresh (slower, never unsafe).
    """
    import jinja2

    base = os.environ.get("POLICYGEN_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(base) if base else Path.home() / ".cache"
        folder = (
            root
            / "policygen"
            / f"jinja-{jinja2.__version__}-{__version__}-{CACHE_FORMAT}-{convention}"
        )
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(folder):
            return None
    except (OSError, RuntimeError):
        return None  # no home or a read-only one only costs speed
    return jinja2.FileSystemBytecodeCache(str(folder))


def _private(folder: Path) -> bool:
    """Whether only this user (and root) can have written ``folder``'s files.

    The folder itself (symlinks resolved) must be this user's and writable by no one
    else. Every folder above it must belong to this user or root, and be writable by no
    one else or be sticky like /tmp, so that nobody can swap the folder for their own
    between this check and Jinja reading from it. A folder above may be writable by the
    user's own primary group: with umask 002 and a private group per user (Debian,
    Ubuntu, Fedora) ~/.cache is, and that group is the user alone.
    """
    if not hasattr(os, "getuid"):  # Windows: a profile folder's ACLs are the user's own
        return True
    me, my_group = os.getuid(), os.getgid()
    folder = folder.resolve(strict=True)
    info = folder.stat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != me or info.st_mode & 0o022:
        return False
    for above in folder.parents:
        info = above.stat()
        if info.st_uid not in (me, 0):
            return False
        others_write = info.st_mode & 0o002 or (info.st_mode & 0o020 and info.st_gid != my_group)
        if others_write and not info.st_mode & stat.S_ISVTX:
            return False
    return True
