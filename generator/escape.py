"""User text as Markdown that shows exactly that text, and the ``Md`` marker for text that
already is Markdown (so nothing is escaped twice)."""

from __future__ import annotations

import re


class Md(str):
    """Text that is already valid Markdown: finalize prints it as it is."""

    __slots__ = ()


class Doing(Md):
    """A purpose's label, a verb phrase ('keep the site running and secure'): two of them
    join with a comma ('prevent fraud, and keep the site running and secure'), where two
    nouns join with 'as well as' (grammar._join)."""

    __slots__ = ()


# ---- Markdown escaping ---------------------------------------------------------------------

# Characters that can start inline markup anywhere in a line. The ones that only matter at
# the start of a line ('-', '+', '=', '1.' and '1)') are escaped there only, so that phone
# numbers, dates and web addresses stay readable in the Markdown file.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_LEADING_MARKER = re.compile(r"^([-+=]|[0-9]{1,9}(?=[.)]))")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\\`]+$")
# CommonMark's email autolink grammar.
_SAFE_EMAIL = re.compile(
    r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$"
)


def escape_markdown(text: str) -> Md:
    """User text as Markdown that displays exactly that text and nothing else.

    Whitespace runs (including newlines) collapse to one space, so a value can never
    start a new block, and backslash escapes neutralise emphasis, code, links, raw HTML,
    tables and entity references.
    """
    text = " ".join(str(text).split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    if _LEADING_MARKER.match(text):
        # '1.' needs its dot escaped, '-' needs itself escaped.
        if text[0].isdigit():
            digits = _LEADING_MARKER.match(text)
            assert digits is not None
            end = digits.end()
            text = text[:end] + "\\" + text[end:]
        else:
            text = "\\" + text
    return Md(text)


def unescape_markdown(text: str) -> str:
    """The plain text of escaped Markdown (for titles outside the Markdown)."""
    return _UNESCAPE.sub(r"\1", text)


def md(value: object) -> Md:
    """Markdown for any printable value: Md passes, everything else is escaped."""
    if isinstance(value, Md):
        return value
    return escape_markdown(str(value))


def link(url: object) -> Md:
    """A web address as a CommonMark autolink, or escaped text if it cannot be one."""
    text = str(url)
    if _SAFE_URL.match(text):
        return Md(f"<{text}>")
    return escape_markdown(text)


def email_link(address: object) -> Md:
    """An email address as a CommonMark autolink, or escaped text if it cannot be one."""
    text = str(address)
    if _SAFE_EMAIL.match(text):
        return Md(f"<{text}>")
    return escape_markdown(text)
