"""The PDF: pages, metadata from the policy, PDF/UA tagging, text, and the locked-down fetcher."""

from __future__ import annotations

import io
import os
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_SECTIONS, sample_policy
from pypdf import PdfReader

from generator.render.html import render_html
from generator.render.pdf import (
    RefusedURLError,
    bundled_asset_fetcher,
    bundled_asset_path,
    render_pdf,
    source_date_epoch,
)
from generator.resources import templates_dir

SECTION_HEADINGS = [f"{n}. {title}" for n, (title, _) in enumerate(SAMPLE_SECTIONS, 1)]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pdf(sample_policy())


@pytest.fixture(scope="module")
def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_is_a_pdf_with_numbered_pages(pdf: bytes, reader: PdfReader, page_texts: list[str]) -> None:
    assert pdf.startswith(b"%PDF-1.7")
    total = len(reader.pages)
    assert total >= 1
    for number, text in enumerate(page_texts, 1):
        assert f"Page {number} of {total}" in text


def test_first_page_names_the_store_and_the_effective_date(page_texts: list[str]) -> None:
    assert "TonerRefillKits" in page_texts[0]
    assert "March 2, 2016" in page_texts[0]


def test_text_holds_every_section_heading(page_texts: list[str]) -> None:
    text = " ".join(page_texts)
    assert "Privacy Policy" in text
    for heading in SECTION_HEADINGS:
        assert heading in text


def test_table_of_contents_has_page_numbers(page_texts: list[str]) -> None:
    for _, (title, _anchor) in enumerate(SAMPLE_SECTIONS, 1):
        assert re.search(rf"{re.escape(title)}[ .]+\d+", page_texts[0]), title


def test_metadata_comes_from_the_policy_not_the_clock(reader: PdfReader) -> None:
    meta: Any = reader.metadata
    assert meta["/Title"] == "Privacy Policy | TonerRefillKits"
    assert meta["/Author"] == "TonerRefillKits LLC"
    assert meta["/Subject"] == "How TonerRefillKits collects, uses and shares personal information."
    assert meta["/Keywords"] == "privacy policy, TonerRefillKits, personal information"
    assert meta["/CreationDate"] == "D:20160302"
    assert meta["/ModDate"] == "D:20160401"


def test_tagged_for_accessibility_as_pdf_ua(reader: PdfReader) -> None:
    root: Any = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp


def test_bookmarks_follow_the_headings(reader: PdfReader) -> None:
    def titles(outline: list[Any]) -> list[str]:
        out: list[str] = []
        for item in outline:
            out.extend(titles(item) if isinstance(item, list) else [item.title])
        return out

    assert titles(reader.outline) == ["Privacy Policy", *SECTION_HEADINGS, "Retention"]


def test_every_font_is_embedded(reader: PdfReader) -> None:
    fonts = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            fonts += 1
    assert fonts


def test_rendering_is_byte_identical(pdf: bytes) -> None:
    assert render_pdf(sample_policy()) == pdf


def test_render_reuses_html_when_given(pdf: bytes) -> None:
    doc = sample_policy()
    assert render_pdf(doc, render_html(doc)) == pdf


def test_source_date_epoch_is_set_only_during_the_render(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "123")
    with source_date_epoch(sample_policy().last_updated):
        assert os.environ["SOURCE_DATE_EPOCH"] == "1459468800"  # 2016-04-01T00:00:00Z
    assert os.environ["SOURCE_DATE_EPOCH"] == "123"


def _roots() -> tuple[Path, ...]:
    return ((templates_dir() / "html").resolve(), (templates_dir() / "pdf").resolve())


def test_fetcher_serves_the_bundled_print_stylesheet() -> None:
    url = (templates_dir() / "pdf" / "print.css").resolve().as_uri()
    response = bundled_asset_fetcher().fetch(url)
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "https://tracker.example/pixel.gif",
        "http://127.0.0.1:9/x.css",
        "ftp://example.com/x",
        "data:text/css,body{}",
        "file:///etc/hostname",
        "file://remote-host/share/x.css",
    ],
)
def test_fetcher_refuses_anything_but_bundled_assets(url: str) -> None:
    with pytest.raises(RefusedURLError):
        bundled_asset_fetcher().fetch(url)


def test_fetcher_refuses_paths_that_climb_out_of_the_assets() -> None:
    climbing = (templates_dir() / "html").resolve().as_uri() + "/../../pyproject.toml"
    with pytest.raises(RefusedURLError):
        bundled_asset_path(climbing, _roots())
    clause = next((templates_dir() / "clauses").glob("*.j2"), None) or templates_dir()
    with pytest.raises(RefusedURLError):
        bundled_asset_path(clause.resolve().as_uri(), _roots())


def _one_pixel_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_resources_in_the_html_are_not_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(_one_pixel_png())
    doc = sample_policy()
    html = render_html(doc).replace(
        "</main>",
        f'<img alt="x" src="{secret.as_uri()}"><img alt="y" src="https://tracker.example/p.png">'
        f'<link rel="stylesheet" href="https://evil.example/x.css"></main>',
    )
    reader = PdfReader(io.BytesIO(render_pdf(doc, html)))
    for page in reader.pages:
        assert not page.images


# ---- a user's own print stylesheet (--templates) -------------------------------------


def test_a_users_print_stylesheet_replaces_ours(tmp_path: Path) -> None:
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "print.css").write_text("@page { size: A5; margin: 1cm }\n")
    reader = PdfReader(io.BytesIO(render_pdf(sample_policy(), templates_dir=tmp_path)))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (420, 595)  # A5 in points; ours prints Letter
    # Without the override the page size is ours.
    ours = PdfReader(io.BytesIO(render_pdf(sample_policy())))
    assert round(float(ours.pages[0].mediabox.upper_right[0])) != 420


def test_the_fetcher_serves_a_users_assets_and_still_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "pdf").mkdir()
    font = tmp_path / "pdf" / "brand.woff2"
    font.write_bytes(b"wOF2")
    fetcher = bundled_asset_fetcher(tmp_path)
    assert fetcher.fetch(font.resolve().as_uri()).read() == b"wOF2"
    secret = tmp_path / "answers.yaml"
    secret.write_text("not an asset")
    with pytest.raises(RefusedURLError):
        fetcher.fetch(secret.resolve().as_uri())
    with pytest.raises(RefusedURLError):
        bundled_asset_fetcher().fetch(font.resolve().as_uri())


def test_a_table_row_taller_than_the_rest_of_the_page_starts_on_it_and_runs_on() -> None:
    # The CCPA table's rows can be taller than half a page. Kept whole, such a row pushed
    # the whole table onto the next page and left half of this one empty.
    filler = "\n\n".join(f"Paragraph {n} of the text before the table. " * 6 for n in range(14))
    tall_cell = " ".join(f"purpose{n}" for n in range(260))
    markdown = (
        f"# Privacy Policy\n\n{filler}\n\nINTROBEFORETABLE\n\n"
        f"| Category | Why we use it |\n|---|---|\n| ROWSTART | {tall_cell} ROWEND |\n"
    )
    reader = PdfReader(io.BytesIO(render_pdf(sample_policy(markdown=markdown))))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    intro = next(n for n, text in enumerate(pages) if "INTROBEFORETABLE" in text)
    assert "ROWSTART" in pages[intro]
    assert "ROWEND" in pages[intro + 1]
    assert "Why we use it" in pages[intro + 1]  # the header row repeats
