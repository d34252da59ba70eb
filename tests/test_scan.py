"""`policygen scan`: catalog services found in saved pages and HAR files, with evidence,
and nothing that is not there."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT

from generator.answers import load_profile
from generator.cli import main
from generator.services.catalog import catalog
from generator.services.scan import scan_files

PAGES = ROOT / "tests" / "scan_pages"
# What each hand-written page really loads; a scan must find exactly these.
EXPECTED = {
    "shopify-store.html": {
        "shopify", "shop-pay", "klaviyo", "google-analytics-4", "meta-pixel",
        "pinterest-tag", "tiktok-pixel", "judge-me",
    },
    "woocommerce-store.html": {
        "woocommerce", "paypal", "stripe", "mailchimp", "google-tag-manager", "matomo",
        "trustpilot", "tidio", "cookiebot", "google-recaptcha",
    },
    "hand-built-store.html": {
        "stripe", "hotjar", "microsoft-clarity", "plausible", "snap-pixel", "intercom",
        "onetrust", "algolia",
    },
    "hand-built-store.har": {
        "google-analytics-4", "plausible", "meta-pixel", "microsoft-advertising", "cloudflare",
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_scan_finds_every_service_on_the_page_and_no_other(name: str) -> None:
    found = {f.service.id for f in scan_files([PAGES / name], catalog())}
    assert found == EXPECTED[name]


def test_naming_a_service_in_text_is_not_evidence() -> None:
    # The hand-built page says it ships with UPS and FedEx, takes PayPal and Afterpay and
    # mails with Klaviyo, and links to UPS tracking, Twitter: none of that loads them.
    found = {f.service.id for f in scan_files([PAGES / "hand-built-store.html"], catalog())}
    assert not found & {"ups", "fedex", "paypal", "afterpay", "klaviyo", "x-pixel"}
    # Links to a Facebook page are not the Meta Pixel.
    shop = {f.service.id for f in scan_files([PAGES / "woocommerce-store.html"], catalog())}
    assert "klarna" not in shop and "royal-mail" not in shop


def test_ad_scripts_are_found_by_their_own_hosts_and_not_by_other_vendors_syncs(
    tmp_path: Path,
) -> None:
    page = tmp_path / "checkout.html"
    page.write_text(
        '<script src="https://js.adsrvr.org/up_loader.1.1.0.js"></script>\n'
        '<script src="https://apps.rokt.com/wsdk/integrations/launcher.js"></script>\n'
        '<script src="https://ats.rlcdn.com/ats.js"></script>\n',
        encoding="utf-8",
    )
    found = {f.service.id for f in scan_files([page], catalog())}
    assert found == {"the-trade-desk", "rokt", "liveramp"}
    # Another ad vendor's cookie sync with The Trade Desk does not mean the store uses it.
    synced = tmp_path / "synced.html"
    synced.write_text(
        '<img src="https://match.adsrvr.org/track/cmf/generic?ttd_pid=x&ttd_puid=y">\n',
        encoding="utf-8",
    )
    assert scan_files([synced], catalog()) == []


def test_evidence_names_the_file_and_line_or_request() -> None:
    findings = {f.service.id: f for f in scan_files(sorted(PAGES.glob("*")), catalog())}
    meta = [str(e) for e in findings["meta-pixel"].evidence]
    page = str(PAGES / "shopify-store.html")
    assert f"{page}: line 29: url https://connect.facebook.net/en_US/fbevents.js" in meta
    assert any(
        e.endswith("request 2: url https://connect.facebook.net/en_US/fbevents.js") for e in meta
    )
    ga = [str(e) for e in findings["google-analytics-4"].evidence]
    assert any(e.endswith("request 3: cookie _ga_EXAMPLE123") for e in ga)
    cloudflare = [e.what for e in findings["cloudflare"].evidence]
    assert cloudflare == ["cookie"]


def test_the_command_prints_findings_and_compares_with_answers(tmp_path: Path) -> None:
    page = str(PAGES / "shopify-store.html")
    result = CliRunner().invoke(main, ["scan", page])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("8 catalog services found in 1 file(s).")
    assert "Judge.me [judge-me] (reviews)" in result.output

    answers = ROOT / "examples" / "modern-us-ccpa.yaml"
    compared = CliRunner().invoke(
        main, ["scan", page, "--answers", str(answers), "--format", "json"]
    )
    assert compared.exit_code == 1, compared.output
    data = json.loads(compared.output)
    # The example names Shopify, Klaviyo, Google Analytics, the Meta and TikTok pixels
    # (tools and recipients by name); it says nothing of these.
    assert data["undisclosed"] == ["shop-pay", "pinterest-tag", "judge-me"]
    assert {f["service"] for f in data["found"]} == EXPECTED["shopify-store.html"]


def test_an_unreadable_or_broken_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["scan", str(tmp_path / "nothing.html")])
    assert missing.exit_code == 2
    assert "cannot read" in missing.output
    broken = tmp_path / "site.har"
    broken.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(broken)])
    assert result.exit_code == 2
    assert "not a HAR file" in result.output
    other = tmp_path / "other.har"
    other.write_text('{"log": {}}', encoding="utf-8")
    assert "no log.entries" in CliRunner().invoke(main, ["scan", str(other)]).output


def test_every_detection_pattern_belongs_to_a_catalog_entry_that_the_scan_can_use() -> None:
    with_patterns = [s for s in catalog().services() if s.detect.urls or s.detect.snippets]
    assert len(with_patterns) >= 100


# ---- scan --write: the services found, added to the answers file ----------------------

STORE = ROOT / "examples" / "tonerrefillkits.yaml"


def _commented_store() -> str:
    """The refill-kit store's answers with comments everywhere and an anchor and alias:
    what an owner's hand-kept file looks like."""
    text = STORE.read_text(encoding="utf-8")
    text = text.replace(
        "  contact:\n    name: Customer Service\n",
        "  contact: &desk  # the shared desk\n    name: Customer Service\n",
    )
    text = text.replace(
        "    - kind: live_chat\n",
        "    # our chat, which we run ourselves:\n    - kind: live_chat  # since 2015\n",
    )
    text = text.replace(
        "      purpose: provide live help during business hours\n",
        "      purpose: provide live help during business hours\n    # (no other recipients)\n",
    )
    text = text.replace(
        "  without_cookies: works\n", "  without_cookies: works  # the cart works without\n"
    )
    return text.replace("\nrights:\n", "\nrights:\n  contact: *desk\n", 1)


def _scan(*args: str) -> Any:
    return CliRunner().invoke(main, ["scan", *args])


def _written(tmp_path: Path, text: str, *pages: str, suffix: str = ".yaml") -> tuple[Path, Any]:
    answers = tmp_path / f"store{suffix}"
    answers.write_text(text, encoding="utf-8")
    files = [str(PAGES / p) for p in pages]
    return answers, _scan(*files, "--answers", str(answers), "--write")


def _inserted(before: str, after: str) -> list[str]:
    """The lines of ``after`` that are not in ``before``, when ``before``'s lines all
    appear in ``after`` unchanged and in order (else the test fails)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    extra: list[str] = []
    i = 0
    for line in new:
        if i < len(old) and line == old[i]:
            i += 1
        else:
            extra.append(line)
    assert i == len(old), f"original line {i + 1} changed or went missing: {old[i]!r}"
    return extra


def test_write_keeps_every_line_and_comment_and_the_result_names_every_service(
    tmp_path: Path,
) -> None:
    original = _commented_store()
    assert load_profile_text(tmp_path, original)  # the test's own file is valid
    answers, result = _written(tmp_path, original, "hand-built-store.html", "shopify-store.html")
    assert result.exit_code == 0, result.output
    after = answers.read_text(encoding="utf-8")
    # Advertising cookies (the pixels') are added to cookies.kinds: the one changed line.
    kinds = "  kinds: [strictly_necessary, preferences, analytics"
    extra = _inserted(original.replace(f"{kinds}]", f"{kinds}, advertising]"), after)
    found = EXPECTED["hand-built-store.html"] | EXPECTED["shopify-store.html"]
    # Each service once as a recipient and once as a tool.
    services = [line.split("service: ")[1].split()[0] for line in extra if "service: " in line]
    assert sorted(services) == sorted([*found, *found])
    assert all(line.strip().startswith(("- service:", "tools:", "kinds:")) for line in extra)
    assert "# found by policygen scan: hand-built-store.html line 8" in after  # plausible
    assert "  contact: &desk  # the shared desk\n" in after and "  contact: *desk\n" in after
    assert "    # (no other recipients)\n" in after
    # What it says it did.
    assert "Added to" in result.output
    assert "meta-pixel as a recipient (advertising) and a tracking tool (advertising)" in (
        result.output
    )
    assert "cookies.kinds: advertising" in result.output
    # The result loads, validates and names every service found.
    profile = load_profile(answers)
    assert {r.service for r in profile.sharing.recipients} >= found
    assert {t.service for t in profile.cookies.tools} == found
    again = _scan(str(PAGES / "hand-built-store.html"), "--answers", str(answers))
    assert again.exit_code == 0, again.output
    assert "names every service found" in again.output


def load_profile_text(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "check.yaml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path)


def test_write_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    answers, first = _written(tmp_path, _commented_store(), "woocommerce-store.html")
    assert first.exit_code == 0, first.output
    once = answers.read_bytes()
    second = _scan(str(PAGES / "woocommerce-store.html"), "--answers", str(answers), "--write")
    assert second.exit_code == 0, second.output
    assert answers.read_bytes() == once
    assert "Nothing to add" in second.output
    assert "Already named in" in second.output and "stripe (" in second.output


def test_write_creates_an_absent_list_and_keeps_the_default_cookie_kind(tmp_path: Path) -> None:
    # The store's answers have no cookies.tools, and this one no cookies.kinds either:
    # the model's default (strictly necessary only) must survive the new kinds.
    original = STORE.read_text(encoding="utf-8").replace(
        "  kinds: [strictly_necessary, preferences, analytics]\n", ""
    )
    answers, result = _written(tmp_path, original, "hand-built-store.har")
    assert result.exit_code == 0, result.output
    after = answers.read_text(encoding="utf-8")
    extra = _inserted(original, after)
    assert "  tools:\n" in extra and "  kinds:\n" in extra
    assert "    - strictly_necessary\n" in extra
    profile = load_profile(answers)
    assert profile.cookies.kinds[0].value == "strictly_necessary"
    assert {t.service for t in profile.cookies.tools} == EXPECTED["hand-built-store.har"]


def test_write_into_flow_and_empty_lists(tmp_path: Path) -> None:
    original = STORE.read_text(encoding="utf-8").replace(
        "  persistent: true\n",
        "  persistent: true\n  tools: [{name: Our own cart, kind: strictly_necessary}]  # ours\n",
    )
    answers, result = _written(tmp_path, original, "hand-built-store.har")
    assert result.exit_code == 0, result.output
    after = answers.read_text(encoding="utf-8")
    assert (
        "  tools: [{name: Our own cart, kind: strictly_necessary}, {service: google-analytics-4}, "
        "{service: plausible}, {service: meta-pixel}, {service: microsoft-advertising}, "
        "{service: cloudflare}]  # ours\n"
    ) in after
    assert len(after.splitlines()) == len(original.splitlines()) + 5  # the recipients only
    assert load_profile(answers).cookies.tools[0].name == "Our own cart"
    # An empty list, `[]`, becomes a block list under its key; its comment stays.
    empty = STORE.read_text(encoding="utf-8").replace(
        "  persistent: true\n", "  persistent: true\n  tools: []  # none yet\n"
    )
    answers, result = _written(tmp_path, empty, "hand-built-store.har")
    assert result.exit_code == 0, result.output
    after = answers.read_text(encoding="utf-8")
    assert "  tools:  # none yet\n    - service: google-analytics-4  # found by policygen" in after
    empty_kinds = empty.replace("  tools: []  # none yet\n", "  tools: []\n")
    answers, result = _written(tmp_path, empty_kinds, "hand-built-store.har")
    assert "  tools:\n    - service: google-analytics-4" in answers.read_text(encoding="utf-8")


def test_write_into_a_json_answers_file(tmp_path: Path) -> None:
    from generator.answers import dumps_answers

    original = dumps_answers(load_profile(STORE), "json")
    answers, result = _written(tmp_path, original, "hand-built-store.har", suffix=".json")
    assert result.exit_code == 0, result.output
    after = answers.read_text(encoding="utf-8")
    # JSON needs a comma after the item before the new ones: that is all that changes.
    new = r',\n +(\{"service": "[a-z0-9-]+"\}|"advertising"|"tools": \[[^\]]*\])'
    assert re.sub(new, "", after) == original
    assert '},\n      {"service": "cloudflare"}\n    ]' in after
    assert {t.service for t in load_profile(answers).cookies.tools} == EXPECTED[
        "hand-built-store.har"
    ]


def test_a_service_the_answers_cannot_take_is_skipped_with_the_reason(tmp_path: Path) -> None:
    # A store that markets by no channel: a text-message provider clashes with that.
    text = STORE.read_text(encoding="utf-8")
    text = text[: text.index("marketing:\n")] + text[text.index("rights:\n") :]
    text = text.replace("newsletters, order notices and promotions", "order notices")
    text = text.replace(
        "    - purpose: marketing\n      details: newsletters, product news and promotions, "
        "also to friends you refer\n      categories: [name, email, order_history, "
        "referred_contacts]\n",
        "",
    )
    page = tmp_path / "page.html"
    page.write_text(
        '<script src="https://cdn.attn.tv/shop/dtag.js"></script>\n'
        '<script src="https://js.stripe.com/v3/"></script>\n',
        encoding="utf-8",
    )
    answers = tmp_path / "store.yaml"
    answers.write_text(text, encoding="utf-8")
    result = _scan(str(page), "--answers", str(answers), "--write")
    assert result.exit_code == 1, result.output  # attentive is still not named
    assert "  attentive: adding it would leave the answers invalid (" in result.output
    assert "marketing.channels is empty" in result.output
    profile = load_profile(answers)
    assert [r.service for r in profile.sharing.recipients if r.service] == ["stripe"]


def test_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    original = _commented_store()
    answers = tmp_path / "store.yaml"
    answers.write_text(original, encoding="utf-8")
    result = _scan(
        str(PAGES / "hand-built-store.har"), "--answers", str(answers), "--write", "--dry-run"
    )
    assert result.exit_code == 1, result.output  # the file still names none of them
    assert answers.read_text(encoding="utf-8") == original
    assert "+    - service: cloudflare  # found by policygen scan: hand-built-store.har" in (
        result.output
    )
    assert "Would add to" in result.output


def test_write_needs_answers_and_refuses_a_list_it_cannot_edit_safely(tmp_path: Path) -> None:
    alone = _scan(str(PAGES / "hand-built-store.har"), "--write")
    assert alone.exit_code == 2
    assert "--write needs --answers FILE" in alone.output
    # The tools list comes from a merge: adding a list under cookies would hide it.
    text = STORE.read_text(encoding="utf-8").replace(
        "cookies:\n",
        "cookies:\n  <<: {tools: [{name: Our own cart, kind: strictly_necessary}]}\n",
    )
    answers = tmp_path / "store.yaml"
    answers.write_text(text, encoding="utf-8")
    result = _scan(str(PAGES / "hand-built-store.har"), "--answers", str(answers), "--write")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{answers}:" in result.output
    assert ": cookies.tools: cannot add the services found here: it comes from a merge" in (
        result.output
    )
    assert "Add them by hand" in result.output
    assert answers.read_text(encoding="utf-8") == text


def test_the_json_report_says_what_was_added_and_skipped(tmp_path: Path) -> None:
    answers = tmp_path / "store.yaml"
    answers.write_text(STORE.read_text(encoding="utf-8"), encoding="utf-8")
    result = _scan(
        str(PAGES / "shopify-store.html"),
        "--answers",
        str(answers),
        "--write",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["written"] is True and data["undisclosed"] == []
    added = {a["service"]: a for a in data["added"]}
    assert set(added) == EXPECTED["shopify-store.html"]
    assert added["meta-pixel"]["as"] == ["recipient", "tool"]
    assert added["meta-pixel"]["evidence"].endswith(
        "line 29: url https://connect.facebook.net/en_US/fbevents.js"
    )
    assert data["cookie_kinds_added"] == ["advertising"]


def test_a_store_that_says_it_uses_no_cookies_gets_only_what_stores_nothing(
    tmp_path: Path,
) -> None:
    text = STORE.read_text(encoding="utf-8")
    text = (
        text[: text.index("cookies:\n")]
        + "cookies:\n  uses_cookies: false\n"
        + text[text.index("marketing:\n") :]
    )
    answers, result = _written(tmp_path, text, "hand-built-store.har")
    assert result.exit_code == 1, result.output  # four services stay unnamed
    # Plausible stores nothing on the device; the others set cookies, which the answers
    # deny: the owner must correct that first, so they are left out and said why.
    profile = load_profile(answers)
    assert [t.service for t in profile.cookies.tools] == ["plausible"]
    assert profile.cookies.tools[0].sets_cookies is False
    for skipped in ("google-analytics-4", "meta-pixel", "microsoft-advertising", "cloudflare"):
        assert f"  {skipped}: it stores cookies or similar data" in result.output
    assert "cookies.uses_cookies: false; correct that answer" in result.output
