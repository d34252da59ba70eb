"""Versions: `policygen diff`, `build --since/--git/--record/--archive`, and the notice."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.answers import load_profile, profile_from_answers, read_answers
from generator.cli import main
from generator.model import StoreProfile
from generator.versions.diff import Change, Comparison, compare
from generator.versions.notice import notice_html, notice_markdown, report

ROOT = Path(__file__).resolve().parent.parent
US = ROOT / "examples" / "modern-us-ccpa.yaml"
EU = ROOT / "examples" / "modern-eu-gdpr.yaml"
CA = ROOT / "examples" / "modern-ca-pipeda.yaml"

Edit = Callable[[dict[str, Any]], None]


def answers(path: Path) -> dict[str, Any]:
    return read_answers(path)[0]


def variant(path: Path, edit: Edit) -> StoreProfile:
    data = copy.deepcopy(answers(path))
    edit(data)
    return profile_from_answers(data)


def diff(edit: Edit, path: Path = US) -> Comparison:
    return compare(load_profile(path), variant(path, edit))


def only(comparison: Comparison) -> Change:
    assert len(comparison.changes) == 1, [c.plain for c in comparison.changes]
    return comparison.changes[0]


def recipient(data: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(r for r in data["sharing"]["recipients"] if r["kind"] == kind)


def rule_for(data: dict[str, Any], category: str) -> dict[str, Any]:
    return next(r for r in data["retention"]["rules"] if category in r["categories"])


# ---- classification ------------------------------------------------------------------------


def test_a_file_against_itself_has_no_changes() -> None:
    for path in (US, EU, CA):
        comparison = compare(load_profile(path), load_profile(path))
        assert comparison.changes == ()
        assert comparison.duties == ()


def test_a_new_category_is_material_and_named_with_its_purposes() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["collection"]["items"].append({"category": "date_of_birth"})
        d["use"]["purposes"].append(
            {"purpose": "marketing", "details": "birthday offers", "categories": ["date_of_birth"]}
        )

    change = only(diff(edit))
    assert change.kind == "new-category" and change.material
    assert change.plain == "We now collect your date of birth to send you news and offers."
    assert change.section == "information-we-collect"
    assert change.title == "Information we collect"


def test_less_data_is_not_material() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["collection"]["items"] = [
            i for i in d["collection"]["items"] if i["category"] != "search_terms"
        ]
        for use in d["use"]["purposes"]:
            use["categories"] = [c for c in use["categories"] if c != "search_terms"]
        for rule in d["retention"]["rules"]:
            rule["categories"] = [c for c in rule["categories"] if c != "search_terms"]

    change = only(diff(edit))
    assert change.kind == "fewer-data" and not change.material
    assert change.plain == "We no longer collect your search terms."


def test_old_data_used_for_a_new_purpose_is_material() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["use"]["purposes"].append({"purpose": "ai_training", "categories": ["reviews"]})

    comparison = diff(edit)
    change = only(comparison)
    assert change.kind == "new-purpose" and change.material
    assert (
        change.plain == "We now use your product reviews to train artificial intelligence models."
    )
    assert comparison.new_purposes


def test_a_new_ad_recipient_is_material_and_says_it_is_sharing_for_ads() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["sharing"]["recipients"].append(
            {
                "kind": "marketing_partner",
                "names": ["Meta"],
                "categories": ["browsing_activity"],
                "use": "own_marketing",
            }
        )

    change = only(diff(edit))
    assert change.material
    assert change.kind == "new-sale"  # a partner that may market for itself gives value
    assert change.plain.startswith(
        "We now share your browsing activity (pages viewed and the site you came from) with "
        "marketing partners (Meta)."
    )
    assert "This is a sale" in change.plain


def test_a_new_name_within_a_kind_is_a_new_recipient() -> None:
    def edit(d: dict[str, Any]) -> None:
        recipient(d, "shipping_carrier").update(use="own_purposes")
        recipient(d, "shipping_carrier")["names"].append("FedEx")

    before = variant(US, lambda d: recipient(d, "shipping_carrier").update(use="own_purposes"))
    change = only(compare(before, variant(US, edit)))
    assert change.kind == "new-recipient" and change.material
    assert "shipping carriers (FedEx)" in change.plain


def test_a_removed_recipient_is_not_material() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["sharing"]["recipients"] = [
            r for r in d["sharing"]["recipients"] if r["kind"] != "sms_provider"
        ]

    change = only(diff(edit))
    assert change.kind == "removed-recipient" and not change.material
    assert change.plain == "We no longer share your information with text message providers."


def test_longer_retention_is_material_and_worded_like_the_policy() -> None:
    change = only(diff(lambda d: rule_for(d, "order_history")["period"].update(amount=10)))
    assert change.kind == "longer-retention" and change.material
    # One sentence for the five categories the one rule keeps, worded by the clause's macro.
    assert change.plain == (
        "We now keep your name, email address, phone number, postal and shipping address, and "
        "order and purchase history for 10 years instead of for 7 years."
    )


def test_retention_rules_that_cannot_be_ordered_count_as_longer() -> None:
    change = only(
        diff(
            lambda d: rule_for(d, "reviews").update(
                basis="fixed_period", period={"amount": 2, "unit": "years"}
            )
        )
    )
    # 'until deleted' and '2 years' cannot be ordered: said, and material to be safe.
    assert change.kind == "longer-retention" and change.material
    assert "may keep data longer" in change.why
    assert change.plain == (
        "We now keep your product reviews for 2 years instead of until you delete them or ask us to."
    )


def test_shorter_retention_is_not_material() -> None:
    change = only(diff(lambda d: rule_for(d, "communications")["period"].update(amount=1)))
    assert change.kind == "shorter-retention" and not change.material
    assert "for 1 year instead of for 3 years" in change.plain


def test_a_new_country_is_material_and_a_dropped_one_is_not() -> None:
    change = only(diff(lambda d: d["business"]["data_stored_in"].append("IE")))
    assert change.kind == "new-country" and change.material
    assert change.plain == "Your information may now be stored in or sent to Ireland."

    def drop(d: dict[str, Any]) -> None:
        d["business"]["data_stored_in"].append("IE")

    change = only(compare(variant(US, drop), load_profile(US)))
    assert change.kind == "country-dropped" and not change.material


def test_a_dropped_or_own_terms_safeguard_is_material_and_an_added_one_is_not() -> None:
    def drop_scc(d: dict[str, Any]) -> None:
        d["international"]["transfers"] = [
            t for t in d["international"]["transfers"] if t["safeguard"] != "scc"
        ]

    change = only(diff(drop_scc, EU))
    assert change.kind == "weaker-safeguard" and change.material
    assert change.plain.startswith("The United States now gets your information under ")

    def own_terms(d: dict[str, Any]) -> None:
        d["international"]["transfers"].append(
            {"destination": "US", "safeguard": "recipient_terms", "recipients": "Meta"}
        )

    assert only(diff(own_terms, EU)).kind == "weaker-safeguard"
    change = only(compare(variant(EU, drop_scc), load_profile(EU)))
    assert change.kind == "safeguard-changed" and not change.material


def test_marketing_answers_the_diff_does_not_compare_are_named() -> None:
    change = only(diff(lambda d: d["marketing"].update(opt_out_days=3)))
    assert change.kind == "not-compared"
    assert "marketing.opt_out_days" in change.why


def test_a_company_moved_to_a_better_fitting_kind_is_relabelled_not_new() -> None:
    def move(d: dict[str, Any]) -> None:
        recipient(d, "email_provider")["kind"] = "other_provider"

    change = only(diff(move))
    assert change.kind == "relabelled" and not change.material
    assert change.plain == (
        "We now list Klaviyo among other service providers, not email service providers."
    )

    def move_and_give_more(d: dict[str, Any]) -> None:
        move(d)
        recipient(d, "other_provider")["categories"].append("phone")

    assert only(diff(move_and_give_more)).material


def test_a_right_withdrawn_is_less_choice_and_a_new_one_is_not_material() -> None:
    change = only(diff(lambda d: d["rights"]["rights"].remove("portability")))
    assert change.kind == "less-choice" and change.material
    assert change.plain == (
        "You can no longer ask us to get a copy of your information in a format you can reuse."
    )
    change = only(diff(lambda d: d["rights"]["rights"].append("object")))
    assert change.kind == "more-choice" and not change.material


def test_marketing_turned_opt_out_is_less_choice() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["marketing"]["channels"] = ["email"]
        d["marketing"]["consent"] = "opt_out"

    kinds = {c.kind: c for c in diff(edit).changes}
    assert kinds["less-choice"].material
    assert kinds["less-choice"].plain == (
        "We now send news and offers by email unless you tell us not to instead of only when you agree."
    )
    assert not kinds["more-choice"].material  # texts no longer sent


def test_contact_and_wording_changes_are_not_material() -> None:
    change = only(
        diff(lambda d: d["business"]["contact"].update(email="help@inkwellsupply.example.com"))
    )
    assert change.kind == "contact" and not change.material
    change = only(
        diff(lambda d: rule_for(d, "order_history").update(details="We keep tax records."))
    )
    assert change.kind == "wording" and not change.material


def test_answers_no_part_compares_are_named_not_passed_over() -> None:
    change = only(diff(lambda d: d["security"]["measures"].remove("audits")))
    assert change.kind == "not-compared" and not change.material
    assert change.plain == 'We also updated the section "How we protect it".'
    assert "(security.measures)" in change.why and "does not judge" in change.why


def test_another_service_provider_of_a_named_kind_is_not_material() -> None:
    change = only(diff(lambda d: recipient(d, "email_provider")["names"].append("Postmark")))
    assert change.kind == "new-service-provider" and not change.material
    assert "email service providers (Postmark)" in change.plain

    # A new kind of service provider is a new category of recipient: material.
    def edit(d: dict[str, Any]) -> None:
        d["sharing"]["recipients"].append(
            {"kind": "survey_vendor", "names": ["Typeform"], "categories": ["email"]}
        )

    change = only(diff(edit))
    assert change.kind == "new-recipient" and change.material


# ---- the duties each law attaches ----------------------------------------------------------


def _duty_laws(comparison: Comparison) -> dict[str, str]:
    return {d.law: d.cite for d in comparison.duties}


def test_us_material_change_cites_the_ftc_and_the_ccpa() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["collection"]["items"].append({"category": "date_of_birth"})
        d["use"]["purposes"].append(
            {"purpose": "ai_training", "categories": ["reviews", "date_of_birth"]}
        )

    laws = _duty_laws(diff(edit))
    assert "Gateway Learning" in laws["ftc"]
    assert "§1798.100(a)(1)" in laws["ccpa"]
    assert "§22575(b)(4)" in laws["all"]
    assert "gdpr" not in laws and "pipeda" not in laws


def test_gdpr_new_purpose_needs_telling_before_use() -> None:
    comparison = diff(
        lambda d: d["use"]["purposes"].append({"purpose": "ai_training", "categories": ["email"]}),
        EU,
    )
    gdpr = next(d for d in comparison.duties if d.law == "gdpr")
    assert "Art 13(3)" in gdpr.cite and "before you use" in gdpr.text
    assert "ftc" not in _duty_laws(comparison)  # a German store that does not sell to the US


def test_pipeda_new_purpose_needs_consent() -> None:
    comparison = diff(
        lambda d: d["use"]["purposes"].append({"purpose": "ai_training", "categories": ["email"]}),
        CA,
    )
    pipeda = next(d for d in comparison.duties if d.law == "pipeda")
    assert pipeda.cite == "PIPEDA Sch. 1, Principle 4.2.4"
    assert "consent" in pipeda.text


def test_coppa_material_change_needs_parents_consent() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["children"]["knows_of_child_users"] = True
        d["business"]["data_stored_in"].append("IE")

    before = variant(US, lambda d: d["children"].update(knows_of_child_users=True))
    comparison = compare(before, variant(US, edit))
    coppa = next(d for d in comparison.duties if d.law == "coppa")
    assert "§312.5(a)(1)" in coppa.cite and "parents" in coppa.text


def test_a_minor_change_asks_only_for_a_new_date() -> None:
    comparison = diff(
        lambda d: d["business"]["contact"].update(email="help@inkwellsupply.example.com")
    )
    assert [d.law for d in comparison.duties] == ["all"]


# ---- the notice to customers ---------------------------------------------------------------


def _notice_case() -> tuple[Comparison, StoreProfile]:
    def edit(d: dict[str, Any]) -> None:
        d["sharing"]["recipients"].append(
            {
                "kind": "advertising",
                "names": ["*Meta* <b>Ads</b> & Co"],
                "categories": ["browsing_activity"],
                "cross_context_ads": True,
            }
        )
        d["rights"]["rights"].append("object")

    new = variant(US, edit)
    return compare(load_profile(US), new), new


def test_the_notice_lists_material_changes_first_and_what_people_can_do() -> None:
    comparison, new = _notice_case()
    text = notice_markdown(comparison, new)
    assert text.startswith("# Changes to the Inkwell Supply privacy policy\n")
    assert text.index("## Important changes") < text.index("## Other changes")
    assert text.index("advertising networks") < text.index("## Other changes")
    assert "- You can ask us to delete your personal information." not in text  # not to everyone
    assert (
        "Depending on where you live, you can ask us to delete your personal information." in text
    )
    assert "You can ask us to stop selling or sharing your personal information." in text
    assert "We will ask for your consent before we use information we already hold" in text
    assert "<privacy@inkwellsupply.example.com>" in text


def test_owner_text_in_the_notice_is_escaped_for_markdown_and_html() -> None:
    comparison, new = _notice_case()
    text = notice_markdown(comparison, new)
    assert r"(\*Meta\* \<b\>Ads\</b\> & Co)" in text
    html = notice_html(text, new)
    assert "<em>" not in html and "<b>" not in html
    assert "(*Meta* &lt;b&gt;Ads&lt;/b&gt; &amp; Co)" in html


# ---- the command line ----------------------------------------------------------------------


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    from generator.yamltree import dumps

    path = tmp_path / name
    path.write_text(dumps(data), encoding="utf-8")
    return path


def test_cli_exit_codes_and_json_shape(tmp_path: Path) -> None:
    runner = CliRunner()
    same = runner.invoke(main, ["diff", str(US), str(US)])
    assert same.exit_code == 0 and "no changes" in same.output

    data = answers(US)
    data["business"]["data_stored_in"] = ["US", "IE"]
    new = _write(tmp_path, "new.yaml", data)
    done = runner.invoke(main, ["diff", str(US), str(new), "--format", "json"])
    assert done.exit_code == 1
    shape = json.loads(done.output)
    assert set(shape) == {"old", "new", "changed", "material", "changes", "duties"}
    assert shape["material"] is True
    assert shape["changes"] == [
        {
            "section": "international",
            "title": "Where your information goes",
            "text": "Your information may now be stored in or sent to Ireland.",
            "kind": "new-country",
            "material": True,
            "reason": "personal information goes to a new country",
        }
    ]
    assert {"law", "name", "text", "cite"} == set(shape["duties"][0])

    markdown = runner.invoke(main, ["diff", str(US), str(new), "--format", "markdown"])
    assert markdown.exit_code == 1
    assert "## Where your information goes" in markdown.output
    assert "**Material**" in markdown.output


def test_cli_bad_input_is_exit_2_with_file_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = US.read_text(encoding="utf-8").replace("necessity: required", "necessity: maybe", 1)
    bad.write_text(text, encoding="utf-8")
    line = text.splitlines().index("      necessity: maybe") + 1
    done = subprocess.run(
        [sys.executable, "-m", "generator", "diff", str(US), str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert f"{bad}:{line}: collection.items[0].necessity" in done.stderr
    assert "Traceback" not in done.stderr
    usage = CliRunner().invoke(main, ["diff", str(US)])
    assert usage.exit_code == 2


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_compares_a_file_with_an_earlier_commit(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    shop = tmp_path / "shop.yaml"
    shutil.copy(US, shop)
    _git(tmp_path, "add", "shop.yaml")
    _git(tmp_path, "commit", "-qm", "v1")
    text = shop.read_text(encoding="utf-8").replace(
        "data_stored_in: [US]", "data_stored_in: [US, IE]"
    )
    shop.write_text(text, encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "v2")
    runner = CliRunner()
    done = runner.invoke(main, ["diff", str(shop), "--git", "HEAD~1"])
    assert done.exit_code == 1, done.output
    assert f"HEAD~1:{shop} -> {shop}: 1 change, 1 material" in done.output
    assert "Ireland" in done.output
    assert runner.invoke(main, ["diff", str(shop), "--git", "HEAD"]).exit_code == 0
    missing = runner.invoke(main, ["diff", str(shop), "--git", "no-such-rev"])
    assert missing.exit_code == 2 and "no-such-rev" in missing.output


# ---- build --since, --record, --archive ----------------------------------------------------

COMMENTED = """\
# Our store's answers. Keep this comment.
{body}"""


def test_build_since_writes_the_notice_and_the_revision(tmp_path: Path) -> None:
    data = answers(US)
    data["business"]["data_stored_in"] = ["US", "IE"]
    new = _write(tmp_path, "shop.yaml", data)
    out = tmp_path / "out"
    done = CliRunner().invoke(
        main,
        [
            "build",
            str(new),
            "--since",
            str(US),
            "--format",
            "md,html",
            "--out",
            str(out),
            "--archive",
        ],
    )
    assert done.exit_code == 0, done.output
    folder = out / "shop"
    notice = (folder / "changes.md").read_text(encoding="utf-8")
    assert "- Your information may now be stored in or sent to Ireland." in notice
    assert "<html" in (folder / "changes.html").read_text(encoding="utf-8")
    policy = (folder / "privacy-policy.md").read_text(encoding="utf-8")
    today = dt.date.today()
    from generator.dates import long_date

    assert f"Last updated: {long_date(today)}." in policy
    assert (
        f"- **{long_date(today)}:** Your information may now be stored in or sent to Ireland."
        in policy
    )
    archived = folder / "versions" / today.isoformat() / "privacy-policy.md"
    assert archived.read_text(encoding="utf-8") == policy
    index = (folder / "versions" / "index.md").read_text(encoding="utf-8")
    assert f"[{long_date(today)}]({today.isoformat()}/privacy-policy.html) (current)" in index


def test_build_since_with_nothing_changed_writes_no_notice(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = CliRunner().invoke(
        main, ["build", str(US), "--since", str(US), "--format", "md", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert "no changes since" in done.output
    assert not (out / "modern-us-ccpa" / "changes.md").exists()


def _recorded_build(tmp_path: Path) -> tuple[Path, str, Any]:
    """`build --since --record` of the US example with Ireland added: the answers file, its
    text before the build, and the run."""
    text = US.read_text(encoding="utf-8").replace(
        "data_stored_in: [US]", "data_stored_in: [US, IE]"
    )
    shop = tmp_path / "shop.yaml"
    shop.write_text(text, encoding="utf-8")
    out = str(tmp_path / "o")
    done = CliRunner().invoke(
        main, ["build", str(shop), "--since", str(US), "--format", "md", "--out", out, "--record"]
    )
    return shop, text, done


def test_record_keeps_comments_and_reads_back(tmp_path: Path) -> None:
    shop, text, done = _recorded_build(tmp_path)
    assert done.exit_code == 0, done.output
    assert "recorded the revision" in done.output
    after = shop.read_text(encoding="utf-8")
    assert "# the shop, checkout and customer service are in English only" in after
    old_lines = [line for line in text.splitlines() if "last_updated" not in line]
    new_lines = after.splitlines()
    assert all(line in new_lines for line in old_lines)  # only additions and the date
    profile = load_profile(shop)
    today = dt.date.today()
    assert profile.policy.last_updated == today
    assert profile.policy.revisions[-1].changes == [
        "Your information may now be stored in or sent to Ireland."
    ]
    # The recorded file is the new version as it was, plus its history: nothing else changed.
    assert (
        compare(
            variant(US, lambda d: d["business"].update(data_stored_in=["US", "IE"])), profile
        ).changes
        == ()
    )


def test_record_adds_revisions_where_there_were_none(tmp_path: Path) -> None:
    from generator.model.commitments import Revision
    from generator.versions.history import record

    shop = tmp_path / "shop.yaml"
    shop.write_text(COMMENTED.format(body=EU.read_text(encoding="utf-8")), encoding="utf-8")
    before = load_profile(shop)
    revision = Revision(date=dt.date(2031, 5, 4), changes=['We now say "hello" [twice].'])
    done = record(shop, revision)
    assert done.written and done.kept_comments
    after = load_profile(shop)
    assert after.policy.revisions[-1] == revision
    assert after.policy.last_updated == dt.date(2031, 5, 4)
    assert shop.read_text(encoding="utf-8").startswith("# Our store's answers. Keep this comment.")
    assert len(after.policy.revisions) == len(before.policy.revisions) + 1
    again = record(shop, revision)
    assert not again.written


def test_text_report_groups_by_section() -> None:
    comparison, _ = _notice_case()
    text = report(comparison, "text", "a", "b")
    assert text.splitlines()[0] == "a -> b: 2 changes, 1 material"
    assert "\nWho we share it with\n  [MATERIAL] We now also share" in text
    assert "What the law asks" in text


# ---- check: notice before a material change, and consent for old data -----------------------


def _findings(profile: StoreProfile) -> set[str]:
    from generator.check import check_profile

    return {f.rule for f in check_profile(profile, on=profile.policy.in_force_from).findings}


def _revised(edit: Edit) -> StoreProfile:
    def with_revision(d: dict[str, Any]) -> None:
        d["policy"]["revisions"].append(
            {"date": "2026-12-02", "changes": ["We now store data in Ireland."], "material": True}
        )
        edit(d)

    return variant(US, with_revision)


def test_check_fails_a_material_change_that_takes_effect_the_day_it_is_published() -> None:
    same_day = _revised(lambda d: None)  # last updated 2026-12-02, in force that day
    assert "material-change-without-notice" in _findings(same_day)
    later = _revised(lambda d: d["policy"].update(effective_date="2027-01-15"))
    assert "material-change-without-notice" not in _findings(later)
    not_material = variant(
        US,
        lambda d: d["policy"]["revisions"].append(
            {"date": "2026-12-02", "changes": ["Reworded the cookie section."]}
        ),
    )
    assert "material-change-without-notice" not in _findings(not_material)


def test_check_fails_a_material_change_without_a_consent_answer() -> None:
    # The example promises to ask before new uses: no finding.
    assert "material-change-without-consent" not in _findings(_revised(lambda d: None))
    unanswered = _revised(lambda d: d["policy"].pop("new_uses_need_consent"))
    assert "material-change-without-consent" in _findings(unanswered)
    kept_terms = _revised(
        lambda d: (
            d["policy"].pop("new_uses_need_consent"),
            d["policy"].update(old_data_keeps_old_terms=True),
        )
    )
    assert "material-change-without-consent" not in _findings(kept_terms)


def test_build_since_records_material_for_check(tmp_path: Path) -> None:
    shop, _, done = _recorded_build(tmp_path)
    assert done.exit_code == 0, done.output
    assert "  material: true\n" in shop.read_text(encoding="utf-8")
    assert load_profile(shop).policy.revisions[-1].material


# ---- the wizard ends with the diff against the file it opened -------------------------------


def test_wizard_shows_the_changes_and_records_a_revision(tmp_path: Path) -> None:
    from test_interview import Scripted

    from generator.wizard.session import conduct

    shop = tmp_path / "shop.yaml"
    shutil.copy(US, shop)
    prompter = Scripted({"Which countries is customer data stored in?": ["US, IE"]})
    conduct(prompter, shop, from_file=shop)
    shown = "\n".join(prompter.said)
    assert "[MATERIAL] Your information may now be stored in or sent to Ireland." in shown
    assert any(
        q.startswith("Add these changes to the policy's revision history") for q in prompter.asked
    )
    saved = load_profile(shop)
    assert saved.policy.revisions[-1].changes == [
        "Your information may now be stored in or sent to Ireland."
    ]
    assert saved.policy.revisions[-1].material
    assert saved.policy.last_updated == dt.date.today()


def test_wizard_with_nothing_changed_offers_no_revision(tmp_path: Path) -> None:
    from test_interview import Scripted

    from generator.wizard.session import conduct

    shop = tmp_path / "shop.yaml"
    shutil.copy(US, shop)
    prompter = Scripted()
    conduct(prompter, shop, from_file=shop)
    assert not any(q.startswith("Add these changes") for q in prompter.asked)


def test_record_into_an_empty_flow_list_keeps_its_comment_and_json_is_rewritten(
    tmp_path: Path,
) -> None:
    from generator.model.commitments import Revision
    from generator.versions.history import record

    revision = Revision(date=dt.date(2031, 1, 2), changes=["A change."], material=True)
    shop = tmp_path / "shop.yaml"
    text = EU.read_text(encoding="utf-8").replace(
        "policy:\n", "policy:\n  revisions: []  # none yet\n", 1
    )
    shop.write_text(text, encoding="utf-8")
    assert record(shop, revision).kept_comments
    assert "  revisions:  # none yet\n    - date: '2031-01-02'\n" in shop.read_text(
        encoding="utf-8"
    )
    assert load_profile(shop).policy.revisions == [revision]

    as_json = tmp_path / "shop.json"
    as_json.write_text(json.dumps(answers(EU), default=str), encoding="utf-8")
    done = record(as_json, revision)
    assert done.written and "rewritten whole" not in done.note
    assert load_profile(as_json).policy.revisions[-1] == revision


def test_a_new_ad_network_is_said_to_track_where_the_owner_says_others_track() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["cookies"]["others_track_only_on"] = "our shop pages, never the Kids Zone"
        d["sharing"]["recipients"].append(
            {
                "kind": "analytics",
                "names": ["AdCo"],
                "categories": ["browsing_activity"],
                "use": "own_purposes",
                "cross_context_ads": True,
            }
        )

    texts = [c.plain for c in diff(edit).changes]
    assert any(
        "based on what you do elsewhere and on our shop pages, never the Kids Zone." in t
        for t in texts
    ), texts
    assert not any("and elsewhere" in t for t in texts), texts
