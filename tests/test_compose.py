"""compose: escaping, grammar filters, the sandbox, errors, numbering, anchors and the TOC."""

from __future__ import annotations

import datetime as dt
import re
from html import escape as html_escape
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from generator.answers import load_profile
from generator.compose import render_policy, tidy
from generator.errors import TemplateContractError, TemplateError
from generator.escape import escape_markdown
from generator.grammar import a_an, date_long, join_and, join_from, join_or, plural
from generator.model import StoreProfile

EXAMPLES = Path(__file__).parent.parent / "examples"
HOSTILE = "*Acme* <b>{{x}}</b>"


@pytest.fixture(scope="module")
def toner() -> StoreProfile:
    return load_profile(EXAMPLES / "tonerrefillkits.yaml")


def renamed(profile: StoreProfile, name: str) -> StoreProfile:
    data = profile.model_dump(mode="python")
    data["business"]["store_name"] = name
    data["business"]["legal_name"] = name
    return StoreProfile.model_validate(data)


def html(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "- not a list",
        "1. not a list",
        "3) nor this",
        "# not a heading",
        "+ plus",
        "= setext",
        "a | b | c",
        "[x](https://evil.example)",
        "![img](x.png)",
        "`code` and ~~strike~~",
        "&copy; &#169; AT&T",
        "back\\slash_under_score",
        "two\n\nparagraphs",
    ],
)
def test_escaped_text_renders_as_itself(text: str) -> None:
    rendered = html(escape_markdown(text))
    expected = " ".join(text.split())
    assert rendered == f"<p>{html_escape(expected)}</p>\n"


def test_a_hostile_store_name_appears_literally_and_is_never_evaluated(
    toner: StoreProfile,
) -> None:
    doc = render_policy(renamed(toner, HOSTILE))
    assert "\\*Acme\\* \\<b\\>\\{\\{x\\}\\}\\</b\\>" in doc.markdown
    page = html(doc.markdown)
    assert "*Acme* &lt;b&gt;{{x}}&lt;/b&gt;" in page
    assert "<em>" not in page and "<b>" not in page
    evaluated = render_policy(renamed(toner, "{{ 7 * 7 }}")).markdown
    assert "49" not in evaluated and "\\{\\{ 7 \\* 7 \\}\\}" in evaluated
    assert doc.store_name == HOSTILE


def test_sources_each_take_their_own_from() -> None:
    # A source with commas in its label never runs into the next one.
    products = "our connected products and apps, automatically, as they are used"
    assert join_from([products, "a child's parent or guardian"]) == (
        f"from {products}, and from a child's parent or guardian"
    )
    assert join_from(["data brokers", "our business partners"]) == (
        "from data brokers and from our business partners"
    )
    assert join_from(["a", "b", "c"]) == "from a, from b, and from c"
    assert join_from(["you, when you give it to us", "b", "c"]) == (
        "from you, when you give it to us; from b; and from c"
    )
    # Commas inside brackets are part of one item.
    assert join_from(["x (such as a, b)", "y", "z"]) == "from x (such as a, b), from y, and from z"
    with pytest.raises(TemplateContractError):
        join_from([])


def test_grammar_filters() -> None:
    assert join_and(["a"]) == "a"
    assert join_and(["a", "b"]) == "a and b"
    assert join_and(["a", "b", "c"]) == "a, b, and c"
    assert join_or(["a", "b", "c"]) == "a, b, or c"
    assert join_and(["*x*", "y"]) == "\\*x\\* and y"
    # Two items, one with its own "and": the join shows where they meet; brackets don't count.
    assert join_and(["name", "order and purchase history"]) == (
        "name as well as order and purchase history"
    )
    assert join_or(["name", "order and purchase history"]) == "name, or order and purchase history"
    assert join_and(["cart (items and sizes)", "login"]) == "cart (items and sizes) and login"
    with pytest.raises(TemplateContractError):
        join_and([])
    assert plural(1, "day", "days") == "day"
    assert plural(0, "day", "days") == "days"
    assert plural(["a", "b"], "is", "are") == "are"
    assert a_an("email address") == "an email address"
    assert a_an("privacy seal") == "a privacy seal"
    assert a_an("user account") == "a user account"
    assert a_an("hour") == "an hour"
    assert a_an("SMS") == "an SMS"
    assert a_an("one-time code") == "a one-time code"
    assert date_long(dt.date(2010, 3, 2)) == "March 2, 2010"


def test_tidy_drops_subheadings_without_body_and_extra_blank_lines() -> None:
    text = "Intro.  \n\n\n\n### Empty\n\n### Kept\nBody.\n\n### Also empty\n"
    assert tidy(text) == "Intro.\n\n### Kept\nBody."


def test_sections_are_numbered_anchored_and_listed_in_the_toc(toner: StoreProfile) -> None:
    doc = render_policy(toner)
    headings = re.findall(r"^## (\d+)\. (.+)$", doc.markdown, re.MULTILINE)
    assert [(int(n), t) for n, t in headings] == [(s.number, s.title) for s in doc.sections]
    assert [s.number for s in doc.sections] == list(range(1, len(doc.sections) + 1))
    anchors = [s.anchor for s in doc.sections]
    assert len(set(anchors)) == len(anchors)
    assert all(s.anchor == s.clause for s in doc.sections)
    for s in doc.sections:
        assert f"{s.number}. [{s.title}](#{s.anchor})" in doc.markdown
    assert doc.markdown.count("\n# ") + doc.markdown.startswith("# ") == 1


def test_document_fields(toner: StoreProfile) -> None:
    doc = render_policy(toner)
    assert doc.title == "Privacy Policy"
    assert doc.store_name == "TonerRefillKits"
    assert doc.effective_date == dt.date(1999, 7, 15)
    assert doc.last_updated == dt.date(2026, 12, 2)
    assert "Effective date: July 15, 1999." in doc.markdown
    assert "Last updated: December 2, 2026." in doc.markdown
    assert doc.description.count(".") == 1 and doc.description.endswith(".")
    assert "privacy policy" in doc.keywords and "CalOPPA" in doc.keywords
    assert doc.language == "en"


def test_same_profile_gives_identical_markdown(toner: StoreProfile) -> None:
    assert render_policy(toner).markdown == render_policy(toner).markdown


def test_annotate_adds_the_coverage_appendix(toner: StoreProfile) -> None:
    plain = [s.anchor for s in render_policy(toner).sections]
    annotated = [s.anchor for s in render_policy(toner, annotate=True).sections]
    assert "coverage-appendix" not in plain
    assert annotated[-1] == "coverage-appendix"


def write(folder: Path, name: str, text: str) -> Path:
    (folder / "clauses").mkdir(exist_ok=True)
    path = folder / "clauses" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_override_replaces_a_clause_and_keeps_its_anchor(
    toner: StoreProfile, tmp_path: Path
) -> None:
    write(
        tmp_path, "security.md.j2", "## Keeping data safe\n\nWe lock {{ p.business.store_name }}.\n"
    )
    doc = render_policy(toner, tmp_path)
    security = next(s for s in doc.sections if s.anchor == "security")
    assert security.title == "Keeping data safe"
    assert "We lock TonerRefillKits." in doc.markdown
    assert "No way of sending or storing data" not in doc.markdown


def test_a_clause_that_renders_blank_disappears_with_its_heading(
    toner: StoreProfile, tmp_path: Path
) -> None:
    write(tmp_path, "security.md.j2", "## Safety\n{% if false %}text{% endif %}\n")
    doc = render_policy(toner, tmp_path)
    assert "security" not in [s.anchor for s in doc.sections]
    assert "Safety" not in doc.markdown


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("## T\n\nline two\n{{ p.nothing_here }}\n", "security.md.j2:4"),
        ("## T\n\n{% if %}\n", "security.md.j2:3"),
        ("## T\n\n{{ p.__class__ }}\n", "security.md.j2:3"),
        ("## T\n\n{{ p.policy.last_updated if false else none }}\n", "printed None"),
        ("## T\n\n{{ p.cookies.session }}\n", "printed True"),
        ("## T\n\n{{ p.marketing.channels[0] }}\n", "label"),
        ("## T\n\n{{ clause('no-such-clause') }}\n", "no-such-clause"),
        ("no heading\n", "must start with a '## Title' line"),
    ],
)
def test_template_mistakes_become_template_errors_with_file_and_line(
    toner: StoreProfile, tmp_path: Path, body: str, message: str
) -> None:
    write(tmp_path, "security.md.j2", body)
    with pytest.raises(TemplateError) as caught:
        render_policy(toner, tmp_path)
    assert message in caught.value.message


def test_a_missing_templates_folder_is_a_template_error(
    toner: StoreProfile, tmp_path: Path
) -> None:
    with pytest.raises(TemplateError, match="templates folder not found"):
        render_policy(toner, tmp_path / "nope")


def test_compiled_templates_are_cached_between_runs_and_do_not_change_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import compose, templating

    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path))
    templating._environment.cache_clear()
    profile = load_profile(EXAMPLES / "tonerrefillkits.yaml")
    first = compose.render_policy(profile).markdown
    cached = list(tmp_path.glob("policygen/jinja-*/*.cache"))
    assert cached, "compiled templates were not written to the cache folder"
    templating._environment.cache_clear()
    assert compose.render_policy(profile).markdown == first
    templating._environment.cache_clear()


def test_an_unwritable_cache_folder_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import compose, templating

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(blocker))
    templating._environment.cache_clear()
    profile = load_profile(EXAMPLES / "tonerrefillkits.yaml")
    assert compose.render_policy(profile).markdown.startswith("# Privacy Policy")
    templating._environment.cache_clear()


def _cache_folder(root: Path) -> Path:
    from generator import resources

    assert resources.jinja_bytecode_cache() is not None  # makes the folder
    (folder,) = root.glob("policygen/jinja-*")
    return folder


def test_the_template_cache_is_kept_in_a_private_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path))
    assert _cache_folder(tmp_path).stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("where", ["folder", "parent"])
def test_a_cache_folder_others_can_write_to_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # Cached templates are code that runs: one someone else could have planted must not.
    from generator import resources

    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path))
    folder = _cache_folder(tmp_path)
    (folder if where == "folder" else folder.parent).chmod(0o777)
    assert resources.jinja_bytecode_cache() is None


def test_a_sticky_shared_folder_above_the_cache_is_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Like /tmp: others may write there but cannot rename or replace our folder.
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(shared))
    _cache_folder(shared)


def test_folders_above_the_cache_may_be_writable_by_the_users_own_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # umask 002 with a private group per user (Debian, Ubuntu, Fedora) makes ~/.cache
    # and the policygen folder group-writable; the group is the user's alone.
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path))
    folder = _cache_folder(tmp_path)
    folder.parent.chmod(0o775)
    tmp_path.chmod(0o775)
    _cache_folder(tmp_path)


def test_folders_above_the_cache_writable_by_another_group_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from generator import resources

    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path))
    folder = _cache_folder(tmp_path)
    folder.parent.chmod(0o775)
    other_group = os.getgid() + 4242
    monkeypatch.setattr(os, "getgid", lambda: other_group)
    assert resources.jinja_bytecode_cache() is None


def test_a_cache_folder_of_another_user_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from generator import resources

    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(tmp_path))
    _cache_folder(tmp_path)
    someone_else = os.getuid() + 4242
    monkeypatch.setattr(os, "getuid", lambda: someone_else)
    assert resources.jinja_bytecode_cache() is None


def test_the_appendix_maps_sections_to_requirements_of_applying_laws_only(
    toner: StoreProfile,
) -> None:
    markdown = render_policy(toner, annotate=True).markdown
    appendix = markdown.rsplit("Appendix: what each section covers", 1)[1]
    collect_row = next(
        line for line in appendix.splitlines() if "| 3. Information we collect" in line
    )
    # CalOPPA and the US state laws apply to this store, re-dated 2026; GDPR does not.
    assert "CAL-01" in collect_row
    assert "ST-01" in collect_row
    assert "GDPR-13" not in collect_row
    assert "| 18. Contact us | ST-08 |" in appendix


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        (
            {
                "lines": ["14 quai Perrache"],
                "city": "Lyon",
                "postal_code": "69002",
                "country": "FR",
            },
            "14 quai Perrache, 69002 Lyon, France",
        ),
        (
            {
                "lines": ["1 Main St"],
                "city": "Springfield",
                "region": "IL",
                "postal_code": "62701",
                "country": "US",
            },
            "1 Main St, Springfield, IL 62701, United States",
        ),
        (
            {
                "lines": ["1 Main St"],
                "city": "Springfield",
                "postal_code": "62701",
                "country": "US",
            },
            "1 Main St, Springfield, 62701, United States",
        ),
        (
            {
                "lines": ["1 High St"],
                "city": "Belfast",
                "region": "Antrim",
                "postal_code": "BT1 1AA",
                "country": "GB",
            },
            "1 High St, Belfast, BT1 1AA, Antrim, United Kingdom",
        ),
    ],
)
def test_an_address_follows_its_countrys_layout(fields: dict[str, Any], line: str) -> None:
    from generator.grammar import address
    from generator.model.base import PostalAddress

    assert address(PostalAddress.model_validate(fields)) == line
