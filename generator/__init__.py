"""policygen: a privacy policy that says exactly what an online store does.

The public API is small and loaded lazily, so that ``policygen --help`` stays fast:
``load_profile`` reads an answers file, ``render_policy`` turns a profile into Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.answers import load_profile
    from generator.compose import render_policy

__all__ = ["__version__", "load_profile", "render_policy"]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "load_profile":
        from generator.answers import load_profile

        return load_profile
    if name == "render_policy":
        from generator.compose import render_policy

        return render_policy
    raise AttributeError(name)
