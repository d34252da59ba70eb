"""HTML from the policy's Markdown: a standalone page, or the body alone (``fragment``).

The Markdown is the single source. markdown-it-py parses it with raw HTML and images off,
so nothing in it can inject markup or make the page fetch anything; the page layout is a
Jinja2 template with autoescaping, and the stylesheet is inlined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from generator.dates import dates_as_in, long_date
from generator.document import PolicyDocument, Section
from generator.errors import TemplateError, raised_by_template
from generator.resources import templates_dir, user_override

if TYPE_CHECKING:
    import jinja2

PAGE_TEMPLATE = "html/page.html.j2"
STYLESHEET = "html/policy.css"

_SLUG_DROP = re.compile(r"[^\w\s-]")
_SLUG_SPACE = re.compile(r"[\s_-]+")


def render_html(
    doc: PolicyDocument, *, fragment: bool = False, templates_dir: Path | None = None
) -> str:
    """The policy as a complete HTML5 page, or with ``fragment`` its body alone.

    ``templates_dir`` may hold its own ``html/page.html.j2`` and ``html/policy.css``; each
    replaces the bundled file of the same name.
    """
    body = _render_body(doc)
    if fragment:
        return f'<div class="privacy-policy" lang="{escape(doc.language)}">\n{body}</div>\n'
    user_dir = _user_dir(templates_dir)
    page = _page_template(user_dir)
    css = _stylesheet(user_dir)
    import jinja2

    from generator.templating import render

    with dates_as_in(doc.country):
        effective, updated = long_date(doc.effective_date), long_date(doc.last_updated)
    context = {
        "doc": doc,
        "body": _markup(body),
        "css": _markup(css),
        "effective": effective,
        "updated": updated,
    }
    try:
        return render(page, context, timed=user_dir is not None)
    except (jinja2.TemplateError, TemplateError) as exc:  # reported with its file and line
        raise TemplateError.from_jinja(exc) from None
    except Exception as exc:
        if not raised_by_template(exc):
            raise  # a bug in our own code: let it show
        raise TemplateError.from_jinja(exc) from None


def render_page(markdown: str, title: str, language: str = "en") -> str:
    """A short Markdown text (a change notice, an index of versions) as a standalone HTML5
    page with the policy's stylesheet; parsed like the policy, so no raw HTML or images."""
    body = _parser().render(markdown)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{_stylesheet(None)}</style>\n</head>\n"
        f'<body>\n<main class="privacy-policy">\n{body}</main>\n</body>\n</html>\n'
    )


def warm_up(templates_dir: Path | None = None) -> None:
    """Do the once-per-process work of a render (parser, page template, stylesheet) ahead."""
    user_dir = _user_dir(templates_dir)
    _parser()
    _page_template(user_dir)
    _stylesheet(user_dir)


def _user_dir(templates_dir: Path | None) -> str | None:
    return str(templates_dir.resolve()) if templates_dir is not None else None


def _render_body(doc: PolicyDocument) -> str:
    parser = _parser()
    env: dict[str, Any] = {"sections": doc.sections}
    tokens = parser.parse(doc.markdown, env)
    if not _wrap_toc(tokens, {s.anchor for s in doc.sections}) and doc.sections:
        _insert_toc(tokens, doc.sections)
    html: str = parser.renderer.render(tokens, parser.options, env)
    return html


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": False})
    md.enable("table")
    # Images are the one Markdown construct that makes a browser fetch something.
    md.disable("image")
    md.core.ruler.push("heading_ids", _heading_ids)
    return md


def _heading_ids(state: StateCore) -> None:
    """Give every heading a unique id; the N-th `## ` section gets its composed anchor.

    ARCHITECTURE.md "Anchors": every `## ` heading is a numbered section, in the order of
    PolicyDocument.sections. Other headings get a slug of their text.
    """
    anchors = iter(section.anchor for section in state.env.get("sections", ()))
    taken: set[str] = set()
    for index, token in enumerate(state.tokens):
        if token.type != "heading_open":
            continue
        anchor = next(anchors, None) if token.tag == "h2" else None
        wanted = anchor or _slug(_inline_text(state.tokens[index + 1]))
        token.attrSet("id", _unique(wanted, taken))


def _wrap_toc(tokens: list[Token], anchors: set[str]) -> bool:
    """Put the Markdown's own table of contents (a list of in-page links) in a <nav>."""
    span = _find_toc(tokens, anchors)
    if span is None:
        return False
    start, end = span
    title = _toc_title(tokens, start)
    if title is None:
        label = 'aria-label="Contents"'
    else:
        start = title
        tokens[title].attrJoin("class", "toc-title")
        label = f'aria-labelledby="{escape(str(tokens[title].attrGet("id")))}"'
    tokens[start:start] = [_html_block(f'<nav class="toc" {label}>\n')]
    tokens.insert(end + 2, _html_block("</nav>\n"))
    return True


def _toc_title(tokens: list[Token], start: int) -> int | None:
    """The block directly above the list that titles it: a heading or a bold paragraph."""
    if start < 3:
        return None
    opening, inline, closing = tokens[start - 3 : start]
    if closing.type == "heading_close":
        return start - 3
    # Emphasis parsing leaves empty text tokens around the bold run.
    children = [c.type for c in inline.children or () if c.type != "text" or c.content]
    if closing.type == "paragraph_close" and children == ["strong_open", "text", "strong_close"]:
        opening.attrSet("id", "contents-title")
        return start - 3
    return None


def _insert_toc(tokens: list[Token], sections: Sequence[Section]) -> None:
    """Build a table of contents from the sections when the Markdown has none."""
    items = "".join(
        f'<li><a href="#{escape(s.anchor)}">{s.number}. {escape(s.title)}</a></li>\n'
        for s in sections
    )
    nav = f'<nav class="toc" aria-label="Contents">\n<ol class="toc-list">\n{items}</ol>\n</nav>\n'
    first_section = next(
        (i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"),
        len(tokens),
    )
    tokens.insert(first_section, _html_block(nav))


def _find_toc(tokens: list[Token], anchors: set[str]) -> tuple[int, int] | None:
    for start, token in enumerate(tokens):
        if token.type not in ("bullet_list_open", "ordered_list_open") or token.level:
            continue
        end = _closing(tokens, start)
        targets = _link_targets(tokens[start:end])
        in_page = bool(targets) and all(t.startswith("#") for t in targets)
        if in_page and (not anchors or {t[1:] for t in targets} & anchors):
            return start, end
    return None


def _closing(tokens: list[Token], start: int) -> int:
    closing_type = tokens[start].type.replace("_open", "_close")
    for index in range(start + 1, len(tokens)):
        if tokens[index].type == closing_type and tokens[index].level == tokens[start].level:
            return index
    return len(tokens) - 1


def _link_targets(tokens: Iterable[Token]) -> list[str]:
    targets = []
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                targets.append(str(child.attrGet("href") or ""))
    return targets


def _html_block(content: str) -> Token:
    # Raw HTML is off for parsing; this token is our own trusted markup.
    token = Token("html_block", "", 0)
    token.content = content
    return token


def _inline_text(inline: Token) -> str:
    return "".join(
        child.content for child in inline.children or () if child.type in ("text", "code_inline")
    )


def _slug(text: str) -> str:
    text = re.sub(r"^\d+\.\s*", "", text)
    slug = _SLUG_SPACE.sub("-", _SLUG_DROP.sub("", text.casefold())).strip("-")
    return slug or "section"


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, counter = wanted, 2
    while candidate in taken:
        candidate, counter = f"{wanted}-{counter}", counter + 1
    taken.add(candidate)
    return candidate


def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)


@cache
def _stylesheet(user_dir: str | None) -> str:
    path = user_override(user_dir, STYLESHEET) or templates_dir() / STYLESHEET
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot read the stylesheet: {exc}") from None


@cache
def _page_template(user_dir: str | None) -> jinja2.Template:
    import jinja2

    from generator.templating import page_environment

    env = page_environment(Path(user_dir) if user_dir is not None else None)
    try:
        return env.get_template(PAGE_TEMPLATE)
    except jinja2.TemplateError as exc:
        raise TemplateError.from_jinja(exc) from None
