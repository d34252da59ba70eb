"""Sale, sharing and tracking sentences say what each recipient gets, where others track,
and which links the store really has (issue 11: Tinkerbird and Everbloom)."""

from __future__ import annotations

from typing import Any

import pytest
from law_stores import AD_RECIPIENT, BASE, CHECK_DAY, everything, store

from generator.check import check_profile
from generator.compose import render_policy
from generator.errors import AnswersError
from generator.model import StoreProfile

SHOP_ONLY = "our shop pages, never the Kids Zone or the app"


def text(profile: StoreProfile) -> str:
    return render_policy(profile).markdown


def test_the_owners_tracking_place_ends_every_tracking_sentence() -> None:
    md = text(everything(cookies={"others_track_only_on": SHOP_ONLY}))
    assert f"{SHOP_ONLY} and elsewhere" not in md
    assert f"based on what you do elsewhere and on {SHOP_ONLY}." in md
    # Nevada and Delaware, as well as the Do Not Track section, name the same place.
    assert md.count(f"across different websites when you use {SHOP_ONLY}.") == 3
    assert "across different websites when you use our site." not in md


def test_without_a_place_others_track_on_the_whole_site() -> None:
    md = text(everything())
    assert "based on what you do elsewhere and on our site." in md
    assert "across different websites when you use our site." in md


CHOICES = "https://plainpaper.example/your-privacy-choices"
SELLS_SENSITIVE: dict[str, Any] = {
    "collection": {
        "items": [
            *BASE["collection"]["items"],
            {"category": "sensitive", "necessity": "optional"},
        ],
        "sensitive_kinds": ["religious_beliefs", "sex_life_orientation"],
    },
    "use": {
        "purposes": [
            *BASE["use"]["purposes"],
            {"purpose": "personalization", "categories": ["sensitive", "email"]},
        ]
    },
}


def one_link(**more: Any) -> StoreProfile:
    return everything(
        cookies={"settings_link": True, "settings_link_text": "Your Privacy Choices"},
        rights={
            "rights": ["access", "delete", "opt_out_sale_sharing", "limit_sensitive"],
            "opt_out_link": CHOICES,
            "limit_link": CHOICES,
        },
        **more,
    )


def test_a_store_with_one_privacy_choices_link_is_never_told_to_use_two_others() -> None:
    md = text(one_link(**SELLS_SENSITIVE))
    assert '"Your Privacy Choices" link' in md
    assert '"Do Not Sell or Share My Personal Information" link' not in md
    assert '"Limit the Use of My Sensitive Personal Information" link' not in md


def test_a_store_with_the_statutory_links_names_them() -> None:
    profile = everything(
        **SELLS_SENSITIVE,
        cookies={"settings_link": True, "settings_link_text": "Cookie settings"},
        rights={
            "rights": ["access", "delete", "opt_out_sale_sharing", "limit_sensitive"],
            "opt_out_link": CHOICES,
            "limit_link": CHOICES,
        },
    )
    md = text(profile)
    assert '"Do Not Sell or Share My Personal Information" link' in md
    assert '"Limit the Use of My Sensitive Personal Information" link' in md
    assert '"Your Privacy Choices" link' not in md


LENDER = {
    "kind": "lender",
    "names": ["Afterpay"],
    "categories": ["name", "email"],
    "purpose": "decide on financing",
    "use": "own_purposes",
    "gives_value": False,
    "with_consent_only": True,
}


def ccpa_row(profile: StoreProfile, category: str) -> list[str]:
    """The cells of one row of the California table."""
    md = text(profile)
    line = next(x for x in md.splitlines() if x.startswith(f"| {category} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def header(profile: StoreProfile) -> list[str]:
    md = text(profile)
    line = next(x for x in md.splitlines() if x.startswith("| Category under the CCPA |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_a_third_party_using_data_for_itself_is_not_a_business_purpose_disclosure() -> None:
    recipients = [*everything().sharing.model_dump(mode="json")["recipients"], LENDER]
    profile = everything(sharing={"recipients": recipients})
    cols = header(profile)
    row = dict(zip(cols, ccpa_row(profile, "Identifiers"), strict=True))
    assert "Lenders" not in row["Disclosed for a business purpose to"]
    assert "hosting providers" in row["Disclosed for a business purpose to"]
    assert row["Given to third parties for their own use (not sold or shared)"].startswith(
        "Lenders"
    )


def test_no_third_party_column_when_only_service_providers_and_buyers_get_data() -> None:
    assert "Given to third parties for their own use (not sold or shared)" not in header(
        everything()
    )


BROKER = {
    "kind": "data_broker",
    "names": ["ListCo"],
    "categories": ["name", "postal_address"],
    "use": "own_purposes",
    "gives_value": True,
}
VENDORS = {
    "kind": "marketing_partner",
    "names": ["Vendors we choose"],
    "categories": ["name", "email", "sensitive"],
    "use": "own_purposes",
    "gives_value": True,
    "sensitive_kinds": ["religious_beliefs"],
}


def sellers(*recipients: dict[str, Any]) -> StoreProfile:
    return everything(**SELLS_SENSITIVE, sharing={"recipients": [AD_RECIPIENT, *recipients]})


def sale_section(md: str) -> str:
    start = md.index("### Sale of personal information")
    return md[start : md.index("\n## ", start)]


def test_each_buyer_is_said_to_get_only_its_own_data() -> None:
    sale = sale_section(text(sellers(BROKER, VENDORS)))
    broker = next(line for line in sale.splitlines() if "(ListCo)" in line)
    ads = next(line for line in sale.splitlines() if "(AdNet)" in line and "get your" in line)
    assert "name" in broker and "postal and shipping address" in broker
    assert "order and purchase history" not in broker and "sensitive" not in broker
    assert "postal" not in ads and "religious" not in ads
    assert "money or other value" in broker
    assert "such as advertising or measurement services, in return." in ads


def test_a_buyer_named_for_one_sensitive_kind_is_not_said_to_get_the_others() -> None:
    md = text(sellers(VENDORS))
    vendor_lines = [line for line in md.splitlines() if "Vendors we choose" in line]
    assert vendor_lines
    for line in vendor_lines:
        assert "sexual orientation" not in line, line
    assert any("religious or philosophical beliefs" in line for line in vendor_lines)
    # The California table's sold column names the one kind too.
    row = next(x for x in md.splitlines() if x.startswith("| Sensitive personal information |"))
    sold_cell = row.strip("|").split("|")[-1]
    assert "religious or philosophical beliefs" in sold_cell
    assert "sexual orientation" not in sold_cell
    # What the store collects still names both kinds.
    assert "sex life or sexual orientation" in md


def test_a_buyer_left_unnarrowed_gets_every_sensitive_kind() -> None:
    unnarrowed = {k: v for k, v in VENDORS.items() if k != "sensitive_kinds"}
    sale = sale_section(text(sellers(unnarrowed)))
    line = next(x for x in sale.splitlines() if "Vendors we choose" in x)
    assert "religious or philosophical beliefs, or sex life or sexual orientation" in line


def test_sensitive_kinds_for_a_recipient_must_be_kinds_the_store_collects() -> None:
    wrong = {**VENDORS, "sensitive_kinds": ["health"]}
    with pytest.raises(AnswersError, match="health"):
        sellers(wrong)
    without = {**VENDORS, "categories": ["name", "email"]}
    with pytest.raises(AnswersError, match="do not include 'sensitive'"):
        sellers(without)


CONNECTICUT = {"business": {"consumers_per_year": 40_000, "sells_to_us_states": ["CT"]}}
NO_LLM = "We do not collect, use or sell personal data to train large language models."


def test_no_llm_promise_without_the_owners_answer_and_check_asks_for_it() -> None:
    unanswered = store(**CONNECTICUT)
    assert "large language models" not in text(unanswered)
    report = check_profile(unanswered, on=CHECK_DAY)
    missing = {c.requirement.id: c for _, c in report.missing}
    assert "use.trains_language_models" in missing["ST-11"].requirement.fix

    said_no = store(**CONNECTICUT, use={"trains_language_models": False})
    assert NO_LLM in text(said_no)
    said_yes = store(**CONNECTICUT, use={"trains_language_models": True})
    yes = text(said_yes)
    assert "We collect, use or sell personal data to train large language models." in yes
    assert NO_LLM not in yes


def test_a_training_use_says_whether_it_includes_language_models() -> None:
    purposes = [*BASE["use"]["purposes"], {"purpose": "ai_training", "categories": ["email"]}]

    def says(answer: bool | None) -> str:
        use: dict[str, Any] = {"purposes": purposes}
        if answer is not None:
            use["trains_language_models"] = answer
        return text(store(**CONNECTICUT, use=use))

    models = "We use personal data to train artificial intelligence models"
    assert f"{models}, but not large language models." in says(False)
    assert f"{models}, including large language models." in says(True)
    assert f"{models}, which may include large language models." in says(None)
    assert NO_LLM not in says(False)


def test_may_include_language_models_does_not_meet_connecticuts_yes_or_no() -> None:
    purposes = [*BASE["use"]["purposes"], {"purpose": "ai_training", "categories": ["email"]}]
    unanswered = store(**CONNECTICUT, use={"purposes": purposes})
    report = check_profile(unanswered, on=CHECK_DAY)
    assert "ST-11" in {c.requirement.id for _, c in report.missing}
    answered = store(**CONNECTICUT, use={"purposes": purposes, "trains_language_models": False})
    report = check_profile(answered, on=CHECK_DAY)
    assert "ST-11" not in {c.requirement.id for _, c in report.missing}


def test_sensitive_data_sold_is_a_use_beyond_the_basic_purposes() -> None:
    # Everbloom sold ceremony style in paid leads while its California section said "We
    # use it only for the purposes the law allows": no §7027(m) purpose is a sale.
    held = {"collection": SELLS_SENSITIVE["collection"]}  # used for no purpose of its own

    def california(*recipients: dict[str, Any]) -> str:
        return text(everything(**held, sharing={"recipients": [AD_RECIPIENT, *recipients]}))

    assert "We use it only for the purposes the law allows" in california()
    sold = california(VENDORS)
    assert "We use it only for the purposes the law allows" not in sold
    assert (
        "Besides the basic purposes the law allows, such as running your orders and keeping "
        "the site safe, we sell or share some of it, as [Who we share it with](#sharing) says."
    ) in sold
