"""PDF from the policy's HTML with WeasyPrint: paged, tagged (PDF/UA-1), deterministic.

WeasyPrint takes most of a second to import, so it is imported here, inside the functions
that need it, and nowhere else in policygen.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from generator.document import PolicyDocument
from generator.errors import OutputError, echo
from generator.resources import templates_dir, user_folder, user_override

if TYPE_CHECKING:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

PRINT_STYLESHEET = "pdf/print.css"
# Relative to the page's base URL, the html/ asset folder.
PRINT_STYLESHEET_HREF = "../" + PRINT_STYLESHEET
# The only folders a rendered policy may read from: our own stylesheets (and fonts, if
# any are ever bundled). Everything else — network, other files — is refused.
ASSET_FOLDERS = ("html", "pdf")
# WeasyPrint only applies a linked stylesheet served as text/css.
_MEDIA_TYPES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff2": "font/woff2"}
# PDF/UA-1: tagged structure, document title shown, language set.
PDF_VARIANT = "pdf/ua-1"


class RefusedURLError(ValueError):
    """A URL outside policygen's bundled assets. WeasyPrint treats it as a missing resource."""


def render_pdf(
    doc: PolicyDocument,
    html: str | None = None,
    templates_dir: Path | None = None,
    *,
    refused: list[str] | None = None,
) -> bytes:
    """The policy as PDF bytes; ``html`` is the page from render_html when already built.

    ``templates_dir`` may hold its own ``pdf/print.css``, which replaces the bundled one;
    files in its ``html/`` and ``pdf/`` folders (fonts, images) may be used by its styles.
    Anything else they ask for (a web address, a file elsewhere) is left out, and described
    in ``refused``, naming the user's stylesheet that asked for it.
    """
    import weasyprint

    if html is None:
        from generator.render.html import render_html

        html = render_html(doc, templates_dir=templates_dir)
    fetcher = bundled_asset_fetcher(templates_dir)
    page_html = with_print_stylesheet(html, print_stylesheet_href(templates_dir))
    try:
        with source_date_epoch(doc.last_updated):
            page = weasyprint.HTML(string=page_html, base_url=asset_base_url(), url_fetcher=fetcher)
            document = page.render(font_config=_font_config(), pdf_variant=PDF_VARIANT)
            pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True)
    except (OSError, ValueError) as exc:
        raise OutputError(f"PDF rendering failed: {exc}") from None
    if refused is not None:
        refused.extend(_describe_refusals(fetcher.refused, templates_dir))
    return pdf


def _describe_refusals(urls: list[str], templates_dir: Path | None) -> list[str]:
    """Each refused URL, with the user's file (stylesheet, page) that names it, if one does."""
    sheets = [
        path
        for name in ("html/policy.css", PRINT_STYLESHEET, "html/page.html.j2")
        if (path := user_override(templates_dir, name)) is not None
    ]
    texts = {path: path.read_text(encoding="utf-8", errors="replace") for path in sheets}
    out = []
    for url in dict.fromkeys(urls):
        tail = unquote(urlsplit(url).path).rsplit("/", 1)[-1] or url
        where = next((str(p) for p, text in texts.items() if url in text or tail in text), None)
        what = echo(url, limit=120)
        out.append(
            f"{where}: refused to fetch {what}: only files in the templates folder's html/ "
            "and pdf/ folders are used"
            if where
            else f"refused to fetch {what}: only files in the templates folder's html/ and "
            "pdf/ folders are used"
        )
    return out


def print_stylesheet_href(templates_dir: Path | None = None) -> str:
    """The user's pdf/print.css if their templates folder has one, else ours."""
    own = user_override(templates_dir, PRINT_STYLESHEET)
    return own.resolve().as_uri() if own else PRINT_STYLESHEET_HREF


def warm_up() -> None:
    """Do the once-per-process work of a render (imports, fonts) ahead of time."""
    import weasyprint  # noqa: F401

    _font_config()


def with_print_stylesheet(html: str, href: str = PRINT_STYLESHEET_HREF) -> str:
    """Link the paged-media stylesheet into the page, after its own inlined styles.

    Linked from the page (an author stylesheet, fetched through the asset fetcher), it
    overrides the screen styles; WeasyPrint's ``stylesheets=`` would rank below them.
    """
    link = f'<link rel="stylesheet" href="{escape(href)}">\n'
    head_end = html.find("</head>")
    if head_end < 0:
        return link + html
    return html[:head_end] + link + html[head_end:]


def bundled_asset_fetcher(user_templates: Path | None = None) -> weasyprint.URLFetcher:
    """A WeasyPrint URL fetcher that serves files from the asset folders and nothing else.

    The asset folders are our own html/ and pdf/, and the same two in the user's
    templates folder when they have one.
    """
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    roots = [(templates_dir() / name).resolve() for name in ASSET_FOLDERS]
    # A user's asset folder is an allowed root only once resolved inside their folder:
    # `pdf -> /` would otherwise open the whole file system to the fetcher.
    roots += [
        folder
        for name in ASSET_FOLDERS
        if (folder := user_folder(user_templates, name)) is not None
    ]

    class BundledAssetFetcher(URLFetcher):  # type: ignore[misc]
        refused: list[str]

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            try:
                path = bundled_asset_path(url, tuple(roots))
            except RefusedURLError:
                self.refused.append(url)
                raise
            headers = {"Content-Type": _MEDIA_TYPES.get(path.suffix, "application/octet-stream")}
            return URLFetcherResponse(url, body=path.read_bytes(), headers=headers)

    fetcher = BundledAssetFetcher(allowed_protocols={"file"}, allow_redirects=False)
    fetcher.refused = []
    return fetcher


def bundled_asset_path(url: str, roots: tuple[Path, ...]) -> Path:
    """The file a URL names, if it is one of our assets; RefusedURLError otherwise."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURLError(f"refused to fetch {url!r}: only bundled assets are allowed")
    path = Path(unquote(parts.path)).resolve()
    if path.is_file() and any(path.is_relative_to(root) for root in roots):
        return path
    raise RefusedURLError(f"refused to fetch {url!r}: not a bundled asset")


@contextmanager
def source_date_epoch(day: dt.date) -> Iterator[None]:
    """Stamp the policy's date, not the clock, into subsetted fonts during the render."""
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def asset_base_url() -> str:
    return (templates_dir() / "html").resolve().as_uri() + "/"


@cache
def _font_config() -> FontConfiguration:
    # Loading the system fonts is a large part of a render; a batch worker does it once.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()
