"""The HTML page and fragment rendered from a policy's Markdown."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_SECTIONS, sample_markdown, sample_policy

from generator.errors import TemplateError
from generator.render.html import long_date, render_html
from generator.resources import templates_dir

HOSTILE_NAME = "*Acme* <b>{{x}}</b>"
# The same name as compose's finalize writes it into Markdown (backslash escapes).
HOSTILE_NAME_MD = r"\*Acme\* \<b\>\{\{x\}\}\</b\>"


class Outline(HTMLParser):
    """What the tests look at: headings, ids, links, landmarks, tags and their attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.ids: list[str] = []
        self.toc_links: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self._heading: int | None = None
        self._heading_text: list[str] = []
        self._nav_depth = 0
        self._link: str | None = None
        self._link_text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append(tag)
        self.attrs.extend((tag, name, value) for name, value in values.items())
        if "id" in values:
            self.ids.append(values["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._heading_text = int(tag[1]), []
        if tag == "nav":
            self._nav_depth += 1
        if tag == "a":
            self._link, self._link_text = values.get("href", ""), []
            if self._nav_depth and self._link.startswith("#"):
                self.toc_links.append(self._link)

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._heading, "".join(self._heading_text).strip()))
            self._heading = None
        if tag == "nav":
            self._nav_depth -= 1
        if tag == "a" and self._link is not None:
            self.links.append((self._link, "".join(self._link_text).strip()))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading_text.append(data)
        if self._link is not None:
            self._link_text.append(data)


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_policy())


def test_page_is_an_html5_document_with_language_title_and_description(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "<title>Privacy Policy | TonerRefillKits</title>" in page
    assert (
        '<meta name="description" content="How TonerRefillKits collects, uses and shares '
        'personal information.">' in page
    )
    assert page.rstrip().endswith("</html>")


def test_dates_are_machine_readable_for_the_pdf_metadata(page: str) -> None:
    assert '<meta name="dcterms.created" content="2016-03-02">' in page
    assert '<meta name="dcterms.modified" content="2016-04-01">' in page
    assert '<time datetime="2016-04-01">April 1, 2016</time>' in page


def test_headings_start_at_one_h1_and_never_skip_a_level(page: str) -> None:
    levels = [level for level, _ in Outline(page).headings]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(after - before <= 1 for before, after in itertools.pairwise(levels))


def test_section_headings_carry_the_composed_anchors(page: str) -> None:
    outline = Outline(page)
    titles = [text for level, text in outline.headings if level == 2]
    assert titles == [f"{n}. {title}" for n, (title, _) in enumerate(SAMPLE_SECTIONS, 1)]
    for _, anchor in SAMPLE_SECTIONS:
        assert f'<h2 id="{anchor}">' in page


def test_every_table_of_contents_link_resolves_to_an_id(page: str) -> None:
    outline = Outline(page)
    assert outline.toc_links == [f"#{anchor}" for _, anchor in SAMPLE_SECTIONS]
    assert all(link[1:] in outline.ids for link in outline.toc_links)
    assert len(outline.ids) == len(set(outline.ids)), "ids must be unique"


def test_markdown_table_of_contents_sits_in_a_labelled_nav(page: str) -> None:
    assert '<nav class="toc" aria-labelledby="contents-title">' in page
    assert '<p id="contents-title" class="toc-title"><strong>Contents</strong></p>' in page


def test_a_table_of_contents_is_built_when_the_markdown_has_none() -> None:
    markdown = re.sub(r"\*\*Contents\*\*\n\n(?:\d+\. .*\n)+", "", sample_markdown())
    html = render_html(sample_policy(markdown=markdown))
    outline = Outline(html)
    assert outline.toc_links == [f"#{anchor}" for _, anchor in SAMPLE_SECTIONS]
    assert html.index('<nav class="toc"') < html.index('<h2 id="what-we-collect">')


def test_landmarks_and_skip_link(page: str) -> None:
    outline = Outline(page)
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in outline.tags
    assert ("#policy", "Skip to the policy") in outline.links
    assert "policy" in outline.ids


def test_every_link_has_text(page: str) -> None:
    links = Outline(page).links
    assert links
    assert all(text for _, text in links)


def test_no_script_and_nothing_fetched_from_anywhere(page: str) -> None:
    outline = Outline(page)
    assert "script" not in outline.tags
    assert not [a for a in outline.attrs if a[1] in ("src", "srcset") or a[1].startswith("on")]
    assert "link" not in outline.tags, "the stylesheet is inlined"
    assert "url(" not in page
    assert "@import" not in page


def test_user_text_in_the_markdown_shows_literally() -> None:
    doc = sample_policy(store=HOSTILE_NAME, markdown=sample_markdown(HOSTILE_NAME_MD))
    html = render_html(doc)
    assert "*Acme* &lt;b&gt;{{x}}&lt;/b&gt;" in html
    assert "<b>" not in html
    assert "<em>Acme" not in html


def test_user_text_in_the_page_layout_is_escaped() -> None:
    doc = sample_policy(store=HOSTILE_NAME, markdown=sample_markdown(HOSTILE_NAME_MD))
    html = render_html(doc)
    assert "<title>Privacy Policy | *Acme* &lt;b&gt;{{x}}&lt;/b&gt;</title>" in html
    assert '<p class="store-name">*Acme* &lt;b&gt;{{x}}&lt;/b&gt;</p>' in html


def test_raw_html_and_images_in_markdown_stay_inert() -> None:
    markdown = "# Title\n\n<script>alert(1)</script>\n\n![x](https://tracker.example/p.gif)\n"
    html = render_html(sample_policy(markdown=markdown))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html


def test_dangerous_link_schemes_are_dropped() -> None:
    html = render_html(sample_policy(markdown="# T\n\n[click](javascript:alert(1))\n"))
    assert 'href="javascript' not in html
    assert "[click](javascript:alert(1))" in html


def test_sections_get_anchors_by_position_whatever_their_text() -> None:
    markdown = "# T\n\n## 1. Wh\\*at\n\nx\n\n### Sub\n\nz\n\n## 2. Other words\n\ny\n"
    html = render_html(sample_policy(markdown=markdown))
    assert '<h2 id="what-we-collect">1. Wh*at</h2>' in html
    assert '<h3 id="sub">Sub</h3>' in html
    assert '<h2 id="how-we-use">2. Other words</h2>' in html


def test_duplicate_heading_texts_get_distinct_ids() -> None:
    markdown = "# T\n\n### Details\n\na\n\n### Details\n\nb\n"
    ids = Outline(render_html(sample_policy(markdown=markdown))).ids
    assert "details" in ids
    assert "details-2" in ids


def test_fragment_is_the_body_alone_for_a_cms() -> None:
    fragment = render_html(sample_policy(), fragment=True)
    assert fragment.startswith('<div class="privacy-policy" lang="en">')
    for page_only in ("<html", "<head", "<style", "<body", "<title"):
        assert page_only not in fragment
    outline = Outline(fragment)
    assert outline.headings[0] == (1, "Privacy Policy")
    assert all(link[1:] in outline.ids for link in outline.toc_links)


def test_tables_render(page: str) -> None:
    assert "<th>Information</th>" in page
    assert "<td>Until you unsubscribe</td>" in page


def test_rendering_is_deterministic() -> None:
    assert render_html(sample_policy()) == render_html(sample_policy())


def test_long_date_does_not_depend_on_locale() -> None:
    assert long_date(dt.date(2016, 3, 2)) == "March 2, 2016"
    assert long_date(dt.date(2016, 12, 31)) == "December 31, 2016"


def _css_colours(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z]+):\s*(#[0-9a-f]{6})", block))


def _luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_meet_wcag_aa_contrast(scheme: str) -> None:
    css = (templates_dir() / "html" / "policy.css").read_text(encoding="utf-8")
    root_blocks: list[Any] = re.findall(r":root\s*\{([^}]*)\}", css)
    colours = _css_colours(root_blocks[0 if scheme == "light" else 1])
    for foreground in ("text", "muted", "accent"):
        for background in ("page", "panel"):
            ratio = _contrast(colours[foreground], colours[background])
            assert ratio >= 4.5, f"{scheme}: {foreground} on {background} is {ratio:.2f}:1"


# ---- a user's own page layout (--templates) ------------------------------------------


def _user_templates(tmp_path: Path, page: str | None = None, css: str | None = None) -> Path:
    (tmp_path / "html").mkdir(exist_ok=True)
    if page is not None:
        (tmp_path / "html" / "page.html.j2").write_text(page, encoding="utf-8")
    if css is not None:
        (tmp_path / "html" / "policy.css").write_text(css, encoding="utf-8")
    return tmp_path


def test_a_users_page_layout_and_stylesheet_replace_ours(tmp_path: Path) -> None:
    page = (
        '<!doctype html><html lang="{{ doc.language }}"><title>{{ doc.store_name }}</title>'
        '<style>{{ css }}</style><main class="brand">{{ body }}</main></html>\n'
    )
    folder = _user_templates(tmp_path, page=page, css="main.brand { color: #123456 }")
    html = render_html(sample_policy(), templates_dir=folder)
    assert '<main class="brand">' in html
    assert "main.brand { color: #123456 }" in html
    assert "<title>TonerRefillKits</title>" in html
    assert "<h2" in html  # the policy body is still rendered into it


def test_a_users_stylesheet_alone_keeps_our_layout(tmp_path: Path) -> None:
    folder = _user_templates(tmp_path, css="body { font-family: serif }")
    html = render_html(sample_policy(), templates_dir=folder)
    assert "body { font-family: serif }" in html
    assert (templates_dir() / "html" / "policy.css").read_text(encoding="utf-8") not in html
    assert '<a class="skip-link" href="#policy">' in html  # our page template


def test_user_text_stays_escaped_in_a_users_layout(tmp_path: Path) -> None:
    folder = _user_templates(tmp_path, page="<h1>{{ doc.store_name }}</h1>{{ body }}\n")
    html = render_html(sample_policy(store=HOSTILE_NAME), templates_dir=folder)
    assert "<b>" not in html


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("{% if %}\n", "page.html.j2:1: "),
        ("<p>ok</p>\n{{ doc.no_such_thing }}\n", "page.html.j2:2: "),
    ],
)
def test_mistakes_in_a_users_layout_name_the_file_and_line(
    tmp_path: Path, page: str, message: str
) -> None:
    folder = _user_templates(tmp_path, page=page)
    with pytest.raises(TemplateError) as caught:
        render_html(sample_policy(), templates_dir=folder)
    assert message in caught.value.message
    assert str(folder) in caught.value.message


@pytest.mark.parametrize("legal_name", ["Inkwell Supply Co.", "Inkwell Supply LLC"])
def test_the_colophon_ends_the_legal_name_with_one_full_stop(legal_name: str) -> None:
    html = render_html(sample_policy()._replace(legal_name=legal_name))
    assert f"of {legal_name.removesuffix('.')}. Effective" in html
    assert ".." not in html
