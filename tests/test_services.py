"""The service catalog: every entry valid, sourced and dated; the `services` command."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from generator import yamltree
from generator.cli import main
from generator.model.vocab import CookieKind, RecipientKind
from generator.schema import service_schema, service_schema_text
from generator.services.catalog import (
    CATALOG_DIR,
    Catalog,
    CatalogError,
    catalog,
    load_catalog,
    load_file,
)
from generator.services.model import KIND_MAP, Service, ServiceKind

FILES = sorted(CATALOG_DIR.glob("*.yaml"))
COMMITTED_SCHEMA = ROOT / "schema" / "service.schema.json"
# Markets the issue asks the catalog to cover.
MARKETS = ("US", "EEA", "GB", "CA", "BR", "AU")


def _data(path: Path) -> Any:
    return yamltree.load(path.read_text(encoding="utf-8"))


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["services", *args])


# --- the catalog as data ---------------------------------------------------------------


def test_the_catalog_has_at_least_a_hundred_entries() -> None:
    assert len(FILES) >= 100
    assert len(catalog()) == len(FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_entry_validates_and_is_named_by_its_file(path: Path) -> None:
    service = load_file(path)
    assert service.id == path.stem


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_entry_validates_against_the_committed_schema(path: Path) -> None:
    validator = Draft202012Validator(json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8")))
    assert [e.message for e in validator.iter_errors(_data(path))] == []


def test_committed_service_schema_is_current() -> None:
    Draft202012Validator.check_schema(service_schema())
    assert COMMITTED_SCHEMA.read_text(encoding="utf-8") == service_schema_text(), (
        "schema/service.schema.json is stale; run "
        "`policygen schema --services --out schema/service.schema.json`"
    )


def test_schema_command_writes_the_service_schema(tmp_path: Path) -> None:
    out = tmp_path / "service.schema.json"
    result = CliRunner().invoke(main, ["schema", "--services", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == service_schema_text()


@pytest.mark.parametrize("service", catalog().services(), ids=lambda s: s.id)
def test_every_fact_group_has_a_source_and_a_checked_date(service: Service) -> None:
    groups = service.fact_groups()
    assert set(groups) == {"vendor", "data", "role", "ccpa", "cookies", "transfers", "links"}
    for name, facts in groups.items():
        assert facts.source.startswith("https://"), name
        assert dt.date(2020, 1, 1) <= facts.checked <= dt.date.today(), name
        # An unconfirmed group says what was not confirmed, so a reader knows what to check.
        if not facts.confirmed:
            assert facts.note, f"{service.id}.{name} is unconfirmed without a note"


def test_every_kind_has_entries() -> None:
    groups = catalog().by_kind()
    assert {kind for kind, entries in groups.items() if not entries} == set()
    # The kinds the issue names have more than a token entry.
    for kind in (ServiceKind.PAYMENT, ServiceKind.SHIPPING, ServiceKind.ADVERTISING):
        assert len(groups[kind]) >= 10, kind


def test_every_market_has_entries_of_its_own() -> None:
    for market in MARKETS:
        local = [s for s in catalog().services() if market in s.regions]
        assert len(local) >= 20, market
    # Local services, not only global ones.
    assert {"correios", "mercado-pago", "pagseguro"} <= {
        s.id for s in catalog().services() if s.regions == ["BR"]
    }
    assert catalog().lookup("canada post").regions == ["CA"]
    assert catalog().lookup("Australia Post").regions == ["AU"]


def test_ids_are_unique_and_names_and_aliases_never_collide() -> None:
    ids = [_data(path)["id"] for path in FILES]
    assert len(ids) == len(set(ids))
    seen: dict[str, str] = {}
    for service in catalog().services():
        for name in {service.id, service.name, *service.aliases}:
            key = "".join(c for c in name.casefold() if c.isalnum())
            assert seen.setdefault(key, service.id) == service.id, (name, seen[key])


def test_every_kind_maps_onto_the_answers_vocabulary() -> None:
    assert set(KIND_MAP) == set(ServiceKind)
    for kind, info in KIND_MAP.items():
        assert isinstance(info.recipient, RecipientKind), kind
        assert info.cookie is None or isinstance(info.cookie, CookieKind), kind
    assert catalog().lookup("klaviyo").recipient_kind is RecipientKind.EMAIL_PROVIDER
    assert catalog().lookup("ups").cookie_kind is None
    assert catalog().lookup("hetzner").recipient_kind is RecipientKind.HOSTING
    assert catalog().lookup("judge.me").recipient_kind is RecipientKind.REVIEW_PLATFORM


def test_some_facts_are_confirmed_and_those_name_a_vendor_page() -> None:
    confirmed = {
        (s.id, name): facts.source
        for s in catalog().services()
        for name, facts in s.fact_groups().items()
        if facts.confirmed
    }
    assert ("google-analytics-4", "cookies") in confirmed
    assert confirmed[("google-analytics-4", "cookies")].startswith("https://support.google.com/")
    ga = catalog().lookup("ga4")
    assert [c.name for c in ga.cookies.items] == ["_ga", "_ga_<container-id>"]
    assert catalog().lookup("plausible").cookies.sets_cookies is False


def test_ad_pixels_are_sharing_and_name_what_changes_it() -> None:
    meta = catalog().lookup("facebook pixel")
    assert meta.ccpa.share is True
    assert [s.name for s in meta.ccpa.changed_by] == ["Limited Data Use"]
    ads = catalog().by_kind()[ServiceKind.ADVERTISING]
    # Every ad service is sharing, except the two whose sharing depends on the store's
    # agreement and use (Rokt's checkout offers, LiveRamp's matching): those leave it
    # unknown and say why, rather than guess either way.
    unknown = {s.id for s in ads if s.ccpa.share is None}
    assert unknown == {"liveramp", "rokt"}
    for service in ads:
        if service.id in unknown:
            assert service.ccpa.facts.note and "Left unset" in service.ccpa.facts.note
        else:
            assert service.ccpa.share is True, service.id


def test_a_host_holds_the_stores_data_as_its_service_provider(tmp_path: Path) -> None:
    from generator.answers import load_profile
    from generator.model.vocab import DataCategory, RecipientUse
    from generator.services.model import Role

    hosts = catalog().by_kind()[ServiceKind.HOSTING]
    assert {s.id for s in hosts} >= {
        "amazon-web-services",
        "google-cloud",
        "microsoft-azure",
        "digitalocean",
        "hetzner",
        "ovhcloud",
    }
    for host in hosts:
        assert host.recipient_kind is RecipientKind.HOSTING, host.id
        assert host.cookie_kind is None, host.id  # not a tracking tool on the site
        assert host.role.role is Role.SERVICE_PROVIDER, host.id
        # A host holds the store's customer records, not only device and log data.
        assert {DataCategory.NAME, DataCategory.EMAIL, DataCategory.ORDER_HISTORY} <= set(
            host.data.categories
        ), host.id
    # "AWS" is the host, not its CDN.
    assert catalog().lookup("AWS").id == "amazon-web-services"
    assert catalog().lookup("CloudFront").id == "amazon-cloudfront"
    profile = load_profile(_answers(tmp_path, "    - service: aws\n"))
    (aws,) = profile.sharing.recipients
    assert aws.kind is RecipientKind.HOSTING
    assert aws.names == ["Amazon Web Services"]
    assert aws.use is RecipientUse.ON_OUR_BEHALF
    assert aws.sale is False and aws.cross_context_ads is False
    # Everything the store collects, not the catalog's typical few: the host keeps it all
    # (Rodamón's bike data, Everbloom's sensitive data), but the card details the payment
    # processor takes.
    collected = {item.category for item in profile.collection.items}
    assert set(aws.categories) == collected - {DataCategory.PAYMENT_CARD}
    assert {DataCategory.NAME, DataCategory.EMAIL, DataCategory.POSTAL_ADDRESS} <= set(
        aws.categories
    )


# --- the model refuses what would be a silent mistake ----------------------------------


def _minimal(**changes: Any) -> dict[str, Any]:
    data = _data(CATALOG_DIR / "ups.yaml")
    data.update(changes)
    return data


def test_an_unknown_key_is_refused() -> None:
    with pytest.raises(ValidationError, match="vendor_name"):
        Service.model_validate(_minimal(vendor_name="UPS"))


def test_a_fact_group_must_say_whether_it_is_confirmed() -> None:
    data = _minimal()
    del data["role"]["facts"]["confirmed"]
    with pytest.raises(ValidationError, match="confirmed"):
        Service.model_validate(data)


def test_a_detection_pattern_must_compile() -> None:
    with pytest.raises(ValidationError, match="does not compile"):
        Service.model_validate(_minimal(detect={"urls": ["ups\\.com/("]}))


def test_cookies_listed_for_a_cookieless_service_are_refused() -> None:
    data = _minimal()
    data["cookies"] = {
        "sets_cookies": False,
        "items": [{"name": "x", "party": "first", "category": "analytics"}],
        "facts": data["cookies"]["facts"],
    }
    with pytest.raises(ValidationError, match="sets none"):
        Service.model_validate(data)


def test_a_transfer_tool_must_be_one_a_vendor_can_name() -> None:
    data = _minimal()
    data["transfers"]["tools"] = ["consent"]
    with pytest.raises(ValidationError, match="not a transfer tool"):
        Service.model_validate(data)


def test_a_file_whose_id_differs_from_its_name_is_refused(tmp_path: Path) -> None:
    text = (CATALOG_DIR / "ups.yaml").read_text(encoding="utf-8")
    (tmp_path / "united-parcel.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match="does not match the file name"):
        load_catalog(tmp_path)


def test_a_broken_file_names_itself_and_the_field(tmp_path: Path) -> None:
    text = (CATALOG_DIR / "ups.yaml").read_text(encoding="utf-8")
    (tmp_path / "ups.yaml").write_text(text.replace("kind: shipping", "kind: trucks"), "utf-8")
    with pytest.raises(CatalogError, match=r"ups\.yaml: kind"):
        load_catalog(tmp_path)


def test_two_entries_with_one_alias_are_refused() -> None:
    ups = load_file(CATALOG_DIR / "ups.yaml")
    twin = ups.model_copy(update={"id": "ups-2", "name": "UPS Two", "aliases": ["ups"]})
    with pytest.raises(CatalogError, match="already names ups"):
        Catalog([ups, twin])
    with pytest.raises(CatalogError, match="used twice"):
        Catalog([ups, ups])


# --- lookup and search -----------------------------------------------------------------


def test_lookup_ignores_case_spaces_and_punctuation() -> None:
    assert catalog().lookup("Judge.me").id == "judge-me"
    assert catalog().lookup("JUDGEME").id == "judge-me"
    assert catalog().lookup("Facebook Pixel").id == "meta-pixel"
    assert catalog().get("not a service") is None


def test_search_by_kind_returns_only_that_kind() -> None:
    found = catalog().search("bnpl")
    assert found and {s.kind for s in found} == {ServiceKind.BNPL}
    assert {s.id for s in catalog().search("shipping carriers")} == {
        s.id for s in catalog().by_kind()[ServiceKind.SHIPPING]
    }


def test_search_by_part_of_a_name() -> None:
    assert {s.id for s in catalog().search("google")} >= {
        "google-analytics-4",
        "google-ads",
        "google-pay",
        "google-tag-manager",
    }


# --- the command -----------------------------------------------------------------------


def test_services_lists_every_entry_grouped_by_kind() -> None:
    result = _invoke()
    assert result.exit_code == 0, result.output
    for kind, info in KIND_MAP.items():
        assert f"{info.label} ({kind.value}, " in result.output
    for service in catalog().services():
        assert f"  {service.id} " in result.output
    assert f"{len(FILES)} services;" in result.output


def test_services_shows_one_entry_with_sources_and_dates() -> None:
    result = _invoke("meta pixel")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Meta Pixel [meta-pixel]")
    # One provenance line per fact group.
    assert out.count("checked 2026-") == 7
    assert "changed by Limited Data Use" in out
    assert "_fbp: lifetime unknown, first-party, advertising" in out
    assert "recipient kind 'advertising'" in out
    assert "NOT confirmed" in out and "    confirmed; checked" in out


def test_services_lists_the_matches_of_a_partial_name() -> None:
    result = _invoke("google")
    assert result.exit_code == 0, result.output
    assert "google-ads" in result.output and "google-pay" in result.output
    assert "stripe" not in result.output


def test_services_json_lists_and_shows() -> None:
    listed = json.loads(_invoke("--format", "json").output)
    assert len(listed) == len(FILES)
    one = json.loads(_invoke("stripe", "--format", "json").output)
    assert one["id"] == "stripe"
    assert one["links"]["facts"]["confirmed"] is True
    Service.model_validate(one)


def test_an_unknown_service_exits_non_zero_with_a_clear_message() -> None:
    result = _invoke("klavyio")
    assert result.exit_code == 2
    assert "no service 'klavyio' in the catalog; did you mean klaviyo?" in result.output
    nothing = _invoke("zzzz")
    assert nothing.exit_code == 2
    assert "no service 'zzzz'" in nothing.output
    assert "did you mean" not in nothing.output


def test_the_cli_does_not_load_the_catalog_until_asked() -> None:
    code = (
        "import sys, generator.cli; "
        "print(any(m.startswith('generator.services') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


# --- catalog services in answers files -------------------------------------------------

EXAMPLE = ROOT / "examples" / "modern-us-ccpa.yaml"


def _answers(tmp_path: Path, recipients: str, tools: str | None = None) -> Path:
    """The US example with its recipients (and tracking tools) replaced."""
    text = EXAMPLE.read_text(encoding="utf-8")
    start, end = text.index("  recipients:\n"), text.index("  legal_requests: true")
    text = text[:start] + "  recipients:\n" + recipients + text[end:]
    if tools is not None:
        start, end = text.index("  tools:\n"), text.index("  remembers:")
        text = text[:start] + "  tools:\n" + tools + text[end:]
    path = tmp_path / "store.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_named_service_fills_what_the_owner_left_out(tmp_path: Path) -> None:
    from generator.answers import load_profile
    from generator.model.vocab import DataCategory, RecipientUse

    path = _answers(
        tmp_path,
        "    - service: meta-pixel\n"
        "    - service: stripe\n"
        "      categories: [name, payment_card]\n"
        "      purpose: take payment\n",
    )
    meta, stripe = load_profile(path).sharing.recipients
    assert meta.service == "meta-pixel"
    assert meta.kind is RecipientKind.ADVERTISING
    assert meta.names == ["Meta"]  # the company, not the product
    assert meta.use is RecipientUse.OWN_PURPOSES
    assert meta.cross_context_ads is True
    assert str(meta.policy_url) == "https://www.facebook.com/privacy/policy/"
    # The owner's answers win; what they left out comes from the catalog.
    assert stripe.categories == [DataCategory.NAME, DataCategory.PAYMENT_CARD]
    assert stripe.kind is RecipientKind.PAYMENT_PROCESSOR
    assert str(stripe.policy_url) == "https://stripe.com/privacy"


def test_a_named_service_fills_a_tracking_tool(tmp_path: Path) -> None:
    from generator.answers import load_profile

    path = _answers(
        tmp_path,
        "    - service: meta-pixel\n",
        "    - service: ga4\n    - service: plausible\n    - service: tiktok-pixel\n"
        "      name: TikTok pixel and Events API\n",
    )
    ga, plausible, tiktok = load_profile(path).cookies.tools
    assert (ga.service, ga.name, ga.provider) == (
        "google-analytics-4",
        "Google Analytics 4",
        "Google",
    )
    assert ga.kind is CookieKind.ANALYTICS
    assert str(ga.opt_out_url) == "https://tools.google.com/dlpage/gaoptout"
    assert plausible.sets_cookies is False
    assert tiktok.name == "TikTok pixel and Events API"
    assert tiktok.kind is CookieKind.ADVERTISING


def test_an_unknown_or_unfit_service_is_an_answers_problem_with_its_line(tmp_path: Path) -> None:
    from generator.answers import load_profile
    from generator.errors import AnswersError

    path = _answers(tmp_path, "    - service: klavyio\n", "    - service: ups\n")
    with pytest.raises(AnswersError) as caught:
        load_profile(path)
    problems = [str(p) for p in caught.value.problems]
    assert any(
        "sharing.recipients[0]: service 'klavyio' is not in the catalog; did you mean klaviyo?" in p
        for p in problems
    ), problems
    assert any(
        "cookies.tools[0]: UPS is a shipping service, not a tracking tool" in p for p in problems
    )
    assert all(p.startswith(f"{path}:") and p.split(":")[1].isdigit() for p in problems)


def test_old_answers_files_name_no_service_and_load_as_before() -> None:
    from generator.answers import load_profile

    profile = load_profile(EXAMPLE)
    assert all(r.service is None for r in profile.sharing.recipients)
    assert all(t.service is None for t in profile.cookies.tools)


def test_the_answers_schema_takes_a_service_in_place_of_kind_and_categories() -> None:
    from generator.schema import answers_schema

    validator = Draft202012Validator(answers_schema())
    recipient = answers_schema()["$defs"]["Recipient"]
    sub = {"$defs": answers_schema()["$defs"], **recipient}
    ok = Draft202012Validator(sub)
    assert ok.is_valid({"service": "klaviyo"})
    assert ok.is_valid({"kind": "analytics", "categories": ["device_and_log"]})
    assert not ok.is_valid({"purpose": "nothing else"})
    assert validator.schema["$defs"]["TrackingTool"]["anyOf"] == [
        {"required": ["service"]},
        {"required": ["name", "kind"]},
    ]


def test_check_notes_where_answers_differ_from_the_catalog_and_what_is_unconfirmed(
    tmp_path: Path,
) -> None:
    from generator.answers import load_profile
    from generator.check import check_profile

    path = _answers(
        tmp_path,
        "    - service: meta-pixel\n      cross_context_ads: false\n"
        "    - service: stripe\n      categories: [name, payment_card]\n",
    )
    notes = check_profile(load_profile(path)).notes
    meta = [n for n in notes if n.startswith("sharing.recipients[0] (Meta Pixel")]
    assert any(
        "cross_context_ads is False where the catalog says True (its ccpa facts; "
        "Limited Data Use changes this); the policy follows your answers." in n
        for n in meta
    ), notes
    assert any("rest on its data, links, role and vendor facts" in n for n in meta), notes
    stripe = [n for n in notes if n.startswith("sharing.recipients[1] (Stripe")]
    assert any("categories is ['name', 'payment_card'] where the catalog says" in n for n in stripe)
    # Stripe's links were confirmed from its own pages: no note asks to check them.
    assert not any("links" in n and "rest on" in n for n in stripe), stripe


def test_a_policy_built_from_catalog_services_names_the_companies(tmp_path: Path) -> None:
    path = _answers(tmp_path, "    - service: meta-pixel\n    - service: stripe\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--format", "md", "--out", str(out), str(path)])
    assert result.exit_code == 0, result.output
    policy = (out / "store" / "privacy-policy.md").read_text(encoding="utf-8")
    assert "**Advertising networks** (Meta) get your device and log data" in policy
    assert "Their privacy policy: <https://stripe.com/privacy>." in policy


def test_check_names_the_catalog_version_only_when_answers_use_the_catalog(
    tmp_path: Path,
) -> None:
    from generator.answers import load_profile
    from generator.check import check_profile, to_dict

    version = catalog().version
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}/\d+/[0-9a-f]{8}", version)
    named = check_profile(load_profile(_answers(tmp_path, "    - service: stripe\n")))
    assert named.catalog == version
    assert to_dict(named)["catalog"] == version
    plain = check_profile(load_profile(EXAMPLE))
    assert plain.catalog is None
    assert "catalog" not in to_dict(plain)


def test_the_catalog_version_changes_with_any_file(tmp_path: Path) -> None:
    for path in FILES[:3]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    before = load_catalog(tmp_path).version
    first = tmp_path / FILES[0].name
    first.write_text(first.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    assert load_catalog(tmp_path).version != before


def test_the_catalog_narrows_categories_to_what_the_store_collects(tmp_path: Path) -> None:
    from generator.answers import load_profile
    from generator.model.vocab import DataCategory

    # Review apps typically receive photos; the US example collects none, so Judge.me is
    # said to get only the rest (and the answers do not clash with the collection list).
    assert DataCategory.PHOTOS in catalog().lookup("judge-me").data.categories
    profile = load_profile(_answers(tmp_path, "    - service: judge-me\n"))
    collected = {item.category for item in profile.collection.items}
    assert DataCategory.PHOTOS not in collected
    (judge_me,) = profile.sharing.recipients
    assert DataCategory.PHOTOS not in judge_me.categories
    assert DataCategory.REVIEWS in judge_me.categories
    assert set(judge_me.categories) <= collected


def test_check_asks_the_owner_to_confirm_use_where_the_role_depends(tmp_path: Path) -> None:
    from generator.answers import load_profile
    from generator.check import check_profile

    notes = check_profile(load_profile(_answers(tmp_path, "    - service: paypal\n"))).notes
    assert any(
        n.startswith("sharing.recipients[0] (PayPal, catalog service paypal): whether it uses")
        and "the policy says use: on_our_behalf, so check that this is so." in n
        for n in notes
    ), notes


def test_categories_the_catalog_narrowed_to_what_is_collected_are_not_noted_as_the_owners(
    tmp_path: Path,
) -> None:
    from generator.answers import load_profile
    from generator.check import check_profile

    path = _answers(tmp_path, "    - service: bazaarvoice\n")
    notes = check_profile(load_profile(path)).notes
    mine = [n for n in notes if n.startswith("sharing.recipients[0] (Bazaarvoice")]
    assert mine and not any("categories is" in n for n in mine), mine


def test_the_policy_keywords_name_the_catalog_version_only_when_services_are_named(
    tmp_path: Path,
) -> None:
    from generator.answers import load_profile
    from generator.compose import render_policy
    from generator.render.html import render_html
    from generator.services.catalog import catalog

    version = catalog().version
    named = render_policy(load_profile(_answers(tmp_path, "    - service: klaviyo\n")))
    assert f"service catalog {version}" in named.keywords
    assert f"service catalog {version}" in render_html(named)  # the page's meta keywords
    plain = render_policy(load_profile(EXAMPLE))
    assert not any(word.startswith("service catalog") for word in plain.keywords)


def test_a_saved_file_keeps_beside_a_service_only_what_the_catalog_does_not_say(
    tmp_path: Path,
) -> None:
    from generator import yamltree
    from generator.answers import dumps_answers, load_profile, profile_from_answers

    path = _answers(
        tmp_path,
        # use: on_our_behalf is the model's default but not the catalog's answer for Meta.
        "    - service: meta-pixel\n      use: on_our_behalf\n      cross_context_ads: false\n"
        "    - service: klaviyo\n      purpose: send our newsletter\n",
        "    - service: ga4\n",
    )
    profile = load_profile(path)
    data = yamltree.load(dumps_answers(profile))
    assert data["sharing"]["recipients"] == [
        {"service": "meta-pixel", "use": "on_our_behalf", "cross_context_ads": False},
        {"service": "klaviyo", "purpose": "send our newsletter"},
    ]
    assert data["cookies"]["tools"] == [{"service": "google-analytics-4"}]
    assert profile_from_answers(data) == profile
