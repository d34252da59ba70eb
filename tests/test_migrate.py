"""Answers files from earlier versions still load, and `policygen migrate` rewrites them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import example_paths

from generator.answers import load_profile
from generator.cli import main
from generator.migrate import CURRENT_VERSION, migrate_text

# A version-1 file: no schema_version, card details with a retention period although the
# store keeps no card numbers, and necessity on data the person never hands over.
OLD = """\
# yaml-language-server: $schema=../schema/store-profile.schema.json
# Our shop's answers, reviewed by Ana in May.
business:
  legal_name: Plain Paper Co.
  store_name: Plain Paper
  websites: [https://plainpaper.example/]
  address: {lines: [1 Main St], city: Portland, region: OR, postal_code: '97201', country: US}
  contact: {email: privacy@plainpaper.example}
collection:
  items:
    - category: name
      necessity: required
    - category: payment_card
      necessity: required  # card form on checkout
    - category: order_history
      necessity: optional
    - category: device_and_log
      sources: [from_you, automatic]
      necessity: optional
use:
  purposes:
    - purpose: order_fulfilment
      categories: [name, order_history]
payments:
  processors: [Stripe]
retention:
  rules:
    - categories: [order_history, payment_card]  # tax law
      basis: fixed_period
      period: {amount: 7, unit: years}
policy:
  effective_date: 2025-01-01
"""


def test_a_version_1_file_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(OLD, encoding="utf-8")
    profile = load_profile(path)
    assert profile.schema_version == CURRENT_VERSION
    assert profile.retention.rules[0].categories == ["order_history"]
    assert [i.necessity for i in profile.collection.items][2:] == [None, None]


def test_migrate_edits_only_the_changed_lines_and_keeps_comments() -> None:
    done = migrate_text("old.yaml", OLD)
    assert done.from_version == 1 and done.kept_comments
    assert len(done.changes) == 3
    new = done.text
    assert "# Our shop's answers, reviewed by Ana in May." in new
    assert "      necessity: required  # card form on checkout" in new
    assert "    - categories: [order_history]  # tax law\n" in new
    assert new.count("necessity: optional") == 0
    assert new.splitlines()[2] == f"schema_version: {CURRENT_VERSION}"
    # Every other line is as it was.
    removed = [line for line in OLD.splitlines() if line not in new.splitlines()]
    assert removed == [
        "      necessity: optional",
        "      necessity: optional",
        "    - categories: [order_history, payment_card]  # tax law",
    ]


def test_migrating_twice_changes_nothing_more() -> None:
    once = migrate_text("old.yaml", OLD).text
    again = migrate_text("old.yaml", once)
    assert again.from_version == CURRENT_VERSION and again.text == once and not again.changes


def test_a_json_file_is_rewritten_whole_and_says_so(tmp_path: Path) -> None:
    from generator.answers import parse_answers

    data, _ = parse_answers("old.yaml", OLD)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    result = CliRunner().invoke(main, ["migrate", str(path)])
    assert result.exit_code == 0, result.output
    assert "comments were not kept" in result.output
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == CURRENT_VERSION
    assert load_profile(path).retention.rules[0].categories == ["order_history"]


def test_migrate_check_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(OLD, encoding="utf-8")
    result = CliRunner().invoke(main, ["migrate", "--check", str(path)])
    assert result.exit_code == 1
    assert "would migrate from version 1" in result.output
    assert "took out payment_card" in result.output
    assert path.read_text(encoding="utf-8") == OLD


def test_every_example_is_at_the_current_version() -> None:
    for path in example_paths():
        done = migrate_text(str(path), path.read_text(encoding="utf-8"))
        assert done.from_version == CURRENT_VERSION, path.name


def test_a_saved_profile_records_its_version(tmp_path: Path) -> None:
    from generator.answers import save_profile

    profile = load_profile(example_paths()[0])
    path = save_profile(profile, tmp_path / "saved.yaml")
    assert f"schema_version: {CURRENT_VERSION}" in path.read_text(encoding="utf-8")


def test_a_single_banner_audience_becomes_a_list_of_regions(tmp_path: Path) -> None:
    banner = "cookies:\n  consent_banner: true\n  banner_for: eea_uk  # CMP geo rule\npolicy:\n"
    old = OLD.replace("policy:\n", banner)
    done = migrate_text("old.yaml", old)
    assert "  banner_for: [eea, uk]  # CMP geo rule\n" in done.text
    path = tmp_path / "old.yaml"
    path.write_text(old, encoding="utf-8")
    cookies = load_profile(path).cookies
    assert [r.value for r in cookies.banner_for] == ["eea", "uk"]
    assert not cookies.banner_everywhere
