"""`policygen scan`: catalog services found in saved pages and HAR files, with evidence,
and nothing that is not there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

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
