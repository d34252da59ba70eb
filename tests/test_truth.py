"""Sentences that must follow the answers and the law, not a default: each test builds a
store where an old sentence was false and checks what the policy now says."""

from __future__ import annotations

from typing import Any

import pytest
from law_stores import AD_RECIPIENT, BASE, CHECK_DAY, business, everything, store, usd

from generator import laws
from generator.check import check_profile
from generator.compose import render_policy
from generator.errors import AnswersError
from generator.model import StoreProfile


def text(profile: StoreProfile) -> str:
    return render_policy(profile).markdown


def missing(profile: StoreProfile) -> dict[str, str]:
    report = check_profile(profile, on=CHECK_DAY)
    return {c.requirement.id: c.problem or c.fix for _, c in report.missing}


def states(**counts: int) -> dict[str, Any]:
    return business(
        consumers_by_state=counts,
        consumers_per_year=sum(counts.values()),
        employees=40,
        revenue=usd(20_000_000),
        sba_small_business=False,
    )


APPEALS = {"rights": {"appeals": True}}


def test_appeal_deadline_is_the_shortest_of_the_states_reached() -> None:
    virginia = text(store(**states(VA=150_000), **APPEALS))
    colorado = text(store(**states(VA=150_000, CO=150_000), **APPEALS))
    assert "We will decide within 60 days and explain why." in virginia
    assert "We will decide within 45 days and explain why." in colorado
    assert "in some states" not in virginia + colorado


def test_the_owners_appeal_route_and_shorter_deadline_are_stated() -> None:
    own = {"rights": {"appeals": True, "appeal_email": "appeals@shop.example", "appeal_days": 30}}
    virginia = text(store(**states(VA=150_000), **own))
    assert "you can appeal by emailing" in virginia and "appeals@shop.example" in virginia
    assert "We will decide within 30 days and explain why." in virginia
    assert "replying to our answer" not in virginia
    slower = {"rights": {"appeals": True, "appeal_days": 90}}
    late = store(**states(VA=150_000), **slower)
    assert "We will decide within 60 days" in text(late)
    found = check_profile(late, on=CHECK_DAY).findings
    assert [f.fix for f in found if f.rule == "appeals-slower-than-law"] == [
        "set rights.appeal_days to 60 or fewer (or leave it out)"
    ]


def test_languages_are_stated_only_as_answered() -> None:
    minnesota: dict[str, Any] = {
        **states(MN=150_000),
        "policy": {
            "effective_date": "2026-11-01",
            "accessibility": "Call us for a large-print version of this policy.",
        },
    }
    unanswered = store(**minnesota)
    assert "every language" not in text(unanswered)
    assert "languages are not answered" in missing(unanswered)["ST-14"]

    minnesota["policy"]["selling_languages"] = ["en"]
    english = store(**minnesota)
    assert "We do business only in English, the language of this notice." in text(english)
    assert "ST-14" not in missing(english)

    minnesota["policy"]["selling_languages"] = ["en", "es"]
    spanish = store(**minnesota)
    assert "We also do business in Spanish, but this notice is available only in English." in text(
        spanish
    )
    assert "Spanish" in missing(spanish)["ST-14"]


def test_health_information_brings_in_washingtons_health_data_act() -> None:
    washington = states(WA=5_000)
    plain = store(**washington)
    items = [*BASE["collection"]["items"], {"category": "sensitive"}]
    health = store(**washington, collection={"items": items, "sensitive_kinds": ["health"]})
    assert not laws.applicable(plain)["washington_health"].applies
    assert laws.applicable(health)["washington_health"].applies
    assert "MHMD-01" in missing(health)


def test_standard_clauses_are_named_for_the_law_whose_data_they_carry() -> None:
    transfer = {"international": {"transfers": [{"destination": "US", "safeguard": "scc"}]}}
    brazil = store(
        business={
            "address": {
                "lines": ["Rua A, 1"],
                "city": "São Paulo",
                "region": "SP",
                "postal_code": "01000-000",
                "country": "BR",
            },
            "sells_to_countries": ["BR"],
            "data_stored_in": ["BR"],
        },
        **transfer,
    )
    words = text(brazil)
    assert "the ANPD's, for data from Brazil" in words
    assert "European Commission" not in words


def test_a_phone_number_is_listed_once_per_request_section() -> None:
    profile = store(rights={"methods": ["email", "phone", "toll_free"]})
    section = text(profile).split("### How to make a request")[1].split("Before we act")[0]
    assert section.count("800-555-0100") == 1, section


def test_no_do_not_sell_link_is_claimed_without_its_address() -> None:
    sells = everything(rights={"opt_out_link": None})
    words = text(sells)
    assert 'Do Not Sell or Share My Personal Information" link at the bottom' not in words
    assert "Use our request form at <https://plainpaper.example/privacy-request>." in words
    assert AD_RECIPIENT["names"][0] in words


def test_withdrawal_of_consent_reads_as_one_phrase() -> None:
    profile = store(rights={"offered_to_everyone": True, "rights": ["access", "withdraw_consent"]})
    assert "- withdraw any consent you gave us\n" in text(profile)
    assert "gave us, at any time" not in text(profile)


AUSTRALIA = {
    "address": {
        "lines": ["1 George Street"],
        "city": "Sydney",
        "region": "NSW",
        "postal_code": "2000",
        "country": "AU",
    },
    "sells_to_countries": ["AU"],
    "data_stored_in": ["AU"],
    "revenue": usd(5_000_000),
}
FREE_AD_SERVICES = {**AD_RECIPIENT, "use": "on_our_behalf", "cross_context_ads": True}


def test_a_store_under_no_sale_law_is_not_said_to_sell_for_free_ad_services() -> None:
    recipients = [*BASE["sharing"]["recipients"], FREE_AD_SERVICES]
    australian = store(business=AUSTRALIA, sharing={"recipients": recipients})
    words = text(australian)
    # Neither a sale nor a denial of one: no law there makes "sale" a term.
    assert "This is a sale" not in words and "We do not sell" not in words
    assert (
        "show you ads on other sites and apps, based on what you do elsewhere and on our site"
        in words
    )
    # The same answers under the CCPA: the ad network's free services are value received.
    californian = everything(sharing={"recipients": recipients})
    assert "This is a sale" in text(californian)


def test_a_store_with_shops_is_not_called_an_online_store() -> None:
    shops = store(business={"physical_shops": True})
    words = text(shops)
    assert "a store that sells online and in person" in words
    assert "an online store" not in words


def test_camera_footage_comes_from_the_cameras_not_the_device() -> None:
    items = [
        *BASE["collection"]["items"],
        {"category": "camera_footage", "points": ["in_store"]},
    ]
    shop = store(business={"physical_shops": True}, collection={"items": items})
    words = text(shop)
    assert "**When visiting or buying in our shops:** security camera video." in words
    assert "our security cameras, when you visit our premises" in words.lower()


def test_a_kind_the_owner_names_reads_in_their_words_everywhere() -> None:
    # An ID check that keeps only the last digits must not read as "government
    # identification numbers" anywhere, nor CCTV with sound as "video" only.
    items = [
        *BASE["collection"]["items"],
        {
            "category": "sensitive",
            "called": "photo ID type and the *last four* digits of its number",
            "points": ["in_store"],
        },
        {"category": "camera_footage", "called": "CCTV video and audio", "points": ["in_store"]},
    ]
    profile = everything(
        business={"physical_shops": True},
        collection={"items": items, "sensitive_kinds": ["government_id"]},
    )
    words = text(profile)
    assert "government identification numbers" not in words.lower()
    assert "security camera video" not in words.lower()
    assert words.count(r"photo ID type and the \*last four\* digits of its number") >= 3
    assert words.count("CCTV video and audio") >= 3
    # The category the law classifies is unchanged: check still finds each one named.
    unsaid = [c.problem for _law, c in check_profile(profile).missing if c.problem]
    assert not [problem for problem in unsaid if "the category" in problem]


def test_a_period_counted_from_an_event_reads_as_one_sentence() -> None:
    rules = [
        {
            "categories": ["name", "email", "postal_address", "order_history"],
            "basis": "fixed_period",
            "period": {"amount": 3, "unit": "years"},
            "counted_from": "after your last order",
        },
        BASE["retention"]["rules"][1],
    ]
    words = text(store(retention={"rules": rules}))
    assert "we keep them for 3 years after your last order." in words


def test_a_policy_published_ahead_of_its_date_is_judged_on_that_date() -> None:
    ahead = store(policy={"effective_date": "2027-01-01", "last_updated": "2026-12-02"})
    words = text(ahead)
    assert "This policy takes effect on January 1, 2027." in words
    assert "We last updated it on December 2, 2026." in words
    assert laws.base.as_of(ahead).isoformat() == "2027-01-01"
    assert check_profile(ahead, on=CHECK_DAY).as_of.isoformat() == "2027-01-01"


def test_a_decision_a_person_takes_part_in_is_not_called_automatic() -> None:
    decision = {
        "description": "A program scores each return for refusal.",
        "logic": "It compares your return history with fraud patterns.",
        "significance": "A high score means the return may be refused.",
        "solely_automated": False,
        "categories": ["order_history"],
    }
    australian = store(business=AUSTRALIA, use={"automated_decisions": [decision]})
    words = text(australian)
    assert "without a person involved" not in words
    assert "A person can review or change the decision." in words
    assert "The program's result is a main input to this decision, which a person makes" in words


BRAZIL = {
    "address": {
        "lines": ["Rua Augusta, 100"],
        "city": "São Paulo",
        "region": "SP",
        "postal_code": "01304-000",
        "country": "BR",
    },
    "sells_to_countries": ["BR"],
    "data_stored_in": ["BR"],
}


def test_a_large_brazilian_store_is_not_called_a_small_processing_agent() -> None:
    large = store(business={**BRAZIL, "revenue": usd(40_000_000)})
    small = store(business={**BRAZIL, "revenue": usd(200_000)})
    assert "small processing agent" not in text(large)
    assert "LGPD-02" in missing(large)
    assert "We are a small processing agent" in text(small)


def test_brazil_section_gives_each_purposes_legal_basis_and_who_uses_data_for_itself() -> None:
    recipients = [*BASE["sharing"]["recipients"], AD_RECIPIENT]
    brazilian = store(
        business={**BRAZIL, "revenue": usd(200_000)}, sharing={"recipients": recipients}
    )
    section = text(brazilian).split("If you are in Brazil")[2]
    assert "to process and deliver your orders, performing a contract with you" in section
    assert "(Article 7, V)" in section and "(Article 7, IX)." in section
    assert "advertising networks, who may also use it for their own purposes" in section


def test_a_provider_contract_is_no_gdpr_transfer_tool() -> None:
    germany = {
        "address": {
            "lines": ["Hauptstr. 1"],
            "city": "Leipzig",
            "postal_code": "04107",
            "country": "DE",
        },
        "sells_to_countries": ["DE"],
        "data_stored_in": ["DE"],
    }
    weak = store(
        business=germany,
        international={"transfers": [{"destination": "US", "safeguard": "provider_contract"}]},
    )
    strong = store(
        business=germany, international={"transfers": [{"destination": "US", "safeguard": "scc"}]}
    )
    rules = {f.rule for f in check_profile(weak, on=CHECK_DAY).findings}
    assert "transfer-without-safeguard" in rules
    assert "GDPR-06" in missing(weak)
    assert "transfer-without-safeguard" not in {
        f.rule for f in check_profile(strong, on=CHECK_DAY).findings
    }


def test_a_catalogue_sent_unless_refused_is_not_called_consent_based() -> None:
    marketing = {
        "channels": ["email", "postal"],
        "consent": "opt_in",
        "opt_out_channels": ["postal"],
        "unsubscribe": {"link_in_message": True},
    }
    words = text(store(marketing=marketing))
    assert "We send them only if you agree" not in words
    assert (
        "By email, we send them only if you agree to receive them; by postal mail, unless you "
        "tell us you do not want them." in words
    )


def test_common_language_names_agree_with_cldr() -> None:
    from babel import Locale

    from generator.countries import COMMON_LANGUAGES

    cldr = Locale("en").languages
    assert {code: cldr[code] for code in COMMON_LANGUAGES} == COMMON_LANGUAGES


# An Irish shop that also sells in the UK (both GDPRs apply).
IRELAND_AND_UK = {
    "address": {"lines": ["1 Quay St"], "city": "Dublin", "postal_code": "D02", "country": "IE"},
    "sells_to_countries": ["IE", "GB"],
    "data_stored_in": ["IE"],
    "uk_representative": {"name": "UK Rep Ltd", "contact": {"email": "rep@ukrep.example"}},
}


def _uses(*extra: dict[str, Any]) -> dict[str, Any]:
    return {"purposes": [*BASE["use"]["purposes"], *extra]}


def test_marketing_by_consent_and_to_customers_by_legitimate_interests_are_both_stated() -> None:
    profile = store(
        business=IRELAND_AND_UK,
        marketing={"channels": ["email"], "existing_customers": True},
        use=_uses(
            {
                "purpose": "marketing",
                "categories": ["email"],
                "details": "our newsletter",
                "legal_basis": "consent",
            },
            {
                "purpose": "marketing",
                "categories": ["email", "order_history"],
                "details": "offers to customers like what they bought",
                "legal_basis": "legitimate_interests",
                "legitimate_interest": "telling customers about products like theirs",
            },
        ),
    )
    words = text(profile)
    assert "| Send you news and offers (our newsletter) | Email address | Your consent |" in words
    assert (
        "| Send you news and offers (offers to customers like what they bought) | Email "
        "address as well as order and purchase history | Our legitimate interests |" in words
    )
    assert (
        "- To send you news and offers (offers to customers like what they bought): telling "
        "customers about products like theirs." in words
    )
    # Lists of purposes name each purpose once.
    assert "send you news and offers and send you news and offers" not in words
    assert "GDPR-03" not in missing(profile) and "GDPR-04" not in missing(profile)


def test_analytics_by_consent_in_the_eea_and_legitimate_interests_in_the_uk() -> None:
    analytics = {
        "purpose": "analytics",
        "categories": ["device_and_log"],
        "legal_basis": "consent",
        "uk_legal_basis": "legitimate_interests",
        "legitimate_interest": "counting visits to improve the site",
    }
    words = text(store(business=IRELAND_AND_UK, use=_uses(analytics)))
    assert "| Your consent; in the UK, our legitimate interests |" in words
    assert "- To understand how the site is used, in the UK: counting visits" in words
    ireland_only = {**IRELAND_AND_UK, "sells_to_countries": ["IE"]}
    irish = text(store(business=ireland_only, use=_uses(analytics)))
    assert "in the UK" not in irish.split("### Why we use your data")[1].split("###")[0]
    assert "To understand how the site is used" not in irish.split("legitimate interests, these")[1]
    # A consent with no way of its own to withdraw it (Rodamón's read): writing to us.
    assert "- For anything else: contact us using the details above." in irish


def test_one_email_kept_until_unsubscribe_for_marketing_and_years_for_orders() -> None:
    kept = {
        "rules": [
            {
                "categories": ["name", "postal_address", "order_history"],
                "basis": "fixed_period",
                "period": {"amount": 7, "unit": "years"},
            },
            {"categories": ["email"], "purposes": ["marketing"], "basis": "until_unsubscribe"},
            {
                "categories": ["email"],
                "purposes": ["order_fulfilment"],
                "basis": "fixed_period",
                "period": {"amount": 7, "unit": "years"},
                "counted_from": "your last order",
            },
            {
                "categories": ["device_and_log"],
                "basis": "fixed_period",
                "period": {"amount": 13, "unit": "months"},
            },
        ]
    }
    california = {**states(CA=150_000)["business"], "revenue": usd(30_000_000)}
    profile = store(
        business=california,
        marketing={"channels": ["email"], "unsubscribe": {"link_in_message": True}},
        use=_uses({"purpose": "marketing", "categories": ["email"]}),
        retention=kept,
    )
    words = text(profile)
    assert (
        "- **Email address, to send you news and offers:** we keep it until you unsubscribe."
        in (words)
    )
    assert (
        "- **Email address, to process and deliver your orders:** we keep it for 7 years after "
        "your last order." in words
    )
    assert (
        "email address, kept until you unsubscribe to send you news and offers, and for 7 years "
        "after your last order to process and deliver your orders" in words
    )
    assert "CCPA-08" not in missing(profile)
    # A use no scoped rule covers falls to the general rule, and check says so.
    uncovered = store(
        business=california,
        marketing={"channels": ["email"], "unsubscribe": {"link_in_message": True}},
        use=_uses({"purpose": "marketing", "categories": ["email"]}),
        retention={"rules": [kept["rules"][0], kept["rules"][1]]},
    )
    assert "CCPA-08" in missing(uncovered)
    assert (
        "email address for other uses as well as device and log data (such as browser type and IP address), under our general rule below"
        in text(uncovered)
    )


def test_as_long_as_we_need_it_is_no_criterion_however_it_starts() -> None:
    from generator.facts.retention import is_vague

    assert is_vague("As long as we need it.")
    assert is_vague("For as long as necessary.")
    assert not is_vague("As long as your account is open, and 30 days after.")
    assert not is_vague("We keep it for 3 years, or as long as the law requires.")


GERMANY = {
    "address": {
        "lines": ["Hauptstr. 1"],
        "city": "Leipzig",
        "postal_code": "04107",
        "country": "DE",
    },
}


def test_a_store_established_in_the_eea_is_under_the_gdpr_for_everyone() -> None:
    german = text(store(business=GERMANY))
    assert "it covers all the personal data we handle, wherever you live" in german
    assert "This section is for people in" not in german.split("If you are in Europe")[2]
    american = text(store(business={"sells_to_countries": ["US", "DE"]}))
    assert "This section is for people in the European Economic Area (EEA)." in american


def test_consent_only_ad_sharing_is_stopped_in_cookie_settings_not_by_writing_to_us() -> None:
    ads = {**AD_RECIPIENT, "with_consent_only": True, "opt_out_available": True}
    words = text(
        store(
            business=GERMANY,
            sharing={"recipients": [*BASE["sharing"]["recipients"], ads]},
            cookies={"kinds": ["advertising"], "consent_banner": True, "settings_link": True},
        )
    )
    assert 'You can stop it at any time with the "Cookie settings" link' in words
    assert "You can ask us to stop this sharing." not in words
    assert "To ask us to stop sharing with advertising networks" not in words


def test_the_other_ways_to_unsubscribe_are_mentioned_only_when_there_are_some() -> None:
    def withdrawal(unsubscribe: dict[str, Any]) -> str:
        marketing = {"channels": ["email"], "unsubscribe": unsubscribe}
        uses = {"purposes": [*BASE["use"]["purposes"], MARKETING_BY_CONSENT]}
        return text(store(business=GERMANY, marketing=marketing, use=uses))

    assert "- For marketing messages: use the unsubscribe link in each message." in withdrawal(
        {"link_in_message": True}
    )
    assert "or the other ways in the section on marketing messages" in withdrawal(
        {"link_in_message": True, "account_settings": True}
    )


MARKETING_BY_CONSENT = {"purpose": "marketing", "categories": ["email"], "legal_basis": "consent"}


def test_an_address_line_names_the_country_without_an_article() -> None:
    words = text(store())
    assert "Springfield, IL 62701, United States" in words
    assert "62701, the United States" not in words


def test_no_identity_check_is_promised_only_where_a_us_law_forbids_one() -> None:
    rights = {
        "rights": ["access", "object", "withdraw_consent"],
        "methods": ["email"],
        "response_days": 30,
    }
    german = text(store(business=GERMANY, rights=rights))
    assert "You do not have to prove who you are" not in german
    assert "We answer requests within one month." in german
    californian = text(
        store(
            business={**states(CA=150_000)["business"], "revenue": usd(30_000_000)},
            rights={"rights": ["access", "opt_out_sale_sharing", "withdraw_consent"]},
        )
    )
    assert (
        "You do not have to prove who you are when you ask us to stop selling or sharing your "
        "personal information." in californian
    )


def test_the_sensitive_category_is_named_by_the_kinds_the_store_holds() -> None:
    def collecting(*kinds: str) -> str:
        items = [*BASE["collection"]["items"], {"category": "sensitive", "necessity": "optional"}]
        uses = [
            *BASE["use"]["purposes"],
            {"purpose": "legal_compliance", "categories": ["sensitive"]},
        ]
        return text(
            store(
                business=AUSTRALIA,
                collection={"items": items, "sensitive_kinds": list(kinds)},
                use={"purposes": uses},
            )
        )

    one = collecting("government_id")
    assert "government identification numbers" in one
    assert "sensitive personal information" not in one.split("## 1. At a glance")[1].split("##")[0]
    several = collecting("health", "biometric")
    assert "sensitive personal information (health information or biometric data)" in several


def test_changed_filters_get_their_own_compiled_template_cache() -> None:
    from generator.templating import _calling_convention, _environment

    env = _environment(None)
    before = _calling_convention(env)
    env.filters["probe"] = __import__("jinja2").pass_context(lambda context, value: value)
    try:
        assert _calling_convention(env) != before
    finally:
        del env.filters["probe"]


def test_consent_for_special_category_data_is_called_explicit() -> None:
    items = [*BASE["collection"]["items"], {"category": "sensitive", "necessity": "optional"}]
    uses = [
        *BASE["use"]["purposes"],
        {"purpose": "personalization", "categories": ["sensitive"], "legal_basis": "consent"},
    ]
    words = text(
        store(
            business=GERMANY,
            collection={"items": items, "sensitive_kinds": ["biometric"]},
            use={"purposes": uses},
        )
    )
    assert "| Biometric data | Your explicit consent |" in words


def test_a_store_with_cameras_does_not_claim_it_never_collects_from_children() -> None:
    items = [
        *BASE["collection"]["items"],
        {"category": "camera_footage", "sources": ["our_cameras"], "points": ["in_store"]},
    ]
    uses = [
        *BASE["use"]["purposes"],
        {"purpose": "store_security", "categories": ["camera_footage"]},
    ]
    words = text(
        store(
            business={"physical_shops": True},
            collection={"items": items},
            use={"purposes": uses},
            children={"minimum_age": 18},
        )
    )
    assert "we do not knowingly collect personal information through it from anyone under 18" in (
        words
    )
    assert "Our security cameras record everyone who visits our premises, children included." in (
        words
    )


def test_a_store_established_in_france_names_the_cnil() -> None:
    france = {
        "address": {
            "lines": ["14 quai Perrache"],
            "city": "Lyon",
            "region": None,
            "postal_code": "69002",
            "country": "FR",
        }
    }
    assert "Ours is the Commission nationale de l'informatique et des libertés (CNIL)" in text(
        store(business=france)
    )
    assert "Ours is" not in text(store(business=GERMANY))


def test_whatsapp_promotions_by_consent_with_a_reply_word() -> None:
    marketing = {
        "channels": ["email", "messaging_app"],
        "consent": "opt_in",
        "opt_out_channels": ["email"],
        "unsubscribe": {"link_in_message": True, "reply_stop": True, "reply_word": "SAIR"},
    }
    uses = [*BASE["use"]["purposes"], {"purpose": "marketing", "categories": ["email"]}]
    items = [*BASE["collection"]["items"], {"category": "phone"}]
    words = text(store(marketing=marketing, use={"purposes": uses}, collection={"items": items}))
    assert (
        "By messaging app (such as WhatsApp), we send them only if you agree to receive them; "
        "by email, unless you tell us you do not want them." in words
    )
    assert "- Reply SAIR to any marketing message on a messaging app." in words


def test_email_announces_only_important_changes_to_people_whose_address_we_have() -> None:
    both = text(store(policy={**BASE["policy"], "change_notice": ["email", "posting"]}))
    assert (
        "We tell you about every change by posting the new version on this page, and about "
        "important changes also by emailing you if we have your email address." in both
    )
    assert "When we make a change, we tell you by" not in both
    email_only = text(store(policy={**BASE["policy"], "change_notice": ["email"]}))
    assert "We tell you about important changes by emailing you if we have" in email_only


def test_a_score_that_decides_is_the_programs_decision_even_when_staff_can_override() -> None:
    decision = {
        "description": "A score decides whether we accept a return.",
        "logic": "It uses your return history.",
        "significance": "A high score means we refuse the return.",
        "solely_automated": True,
        "staff_can_change": True,
        "categories": ["order_history"],
    }
    policy = text(
        store(
            **business(sells_to_countries=["AU"], revenue=usd(5_000_000)),
            use={**BASE["use"], "automated_decisions": [decision]},
        )
    )
    assert "The program makes this decision, and we can override it." in policy
    assert "The program makes this decision, using your order and purchase history." in policy
    assert "We can override it." in policy
    assert "which a person makes" not in policy


def test_a_vet_the_customer_names_gets_data_only_when_asked_and_is_no_sale() -> None:
    vet = {"kind": "people_you_name", "names": ["your vet"], "categories": ["name"]}
    profile = store(
        **states(CA=150_000),
        sharing={"recipients": [vet]},
        cookies={"kinds": ["strictly_necessary"], "settings_link": True},
    )
    policy = text(profile)
    assert "(your vet) get your name." in policy
    assert (
        "They may also use it for their own purposes. We send it only when you ask us to." in policy
    )
    assert "We share it only if you agree" not in policy
    assert '"Cookie settings" link' not in policy.split("(your vet)")[1].split("\n")[0]
    assert not profile.sells_data


def test_children_data_goes_only_to_the_recipients_the_owner_names() -> None:
    kids = {
        "minimum_age": 6,
        "directed_to_children": True,
        "parental_consent_method": "A parent confirms by email.",
        "child_data": ["device_and_log"],
        "made_public": "A parent can switch on the gallery, where other children see programs.",
    }
    hosting = {"kind": "hosting", "categories": ["device_and_log"], "purpose": "host the app"}
    ads = {"kind": "advertising", "categories": ["device_and_log"], "purpose": "shop ads"}
    teacher = {"kind": "people_you_name", "names": ["your child's teacher"],
               "categories": ["device_and_log"], "purpose": "send progress reports"}  # fmt: skip
    said = {
        "sharing": {
            "recipients": [
                {**hosting, "gets_childrens_data": True},
                {**ads, "gets_childrens_data": False},
                {**teacher, "gets_childrens_data": True},
            ]
        }
    }
    policy = text(store(children=kids, **said))
    section = policy.split("Children's privacy\n")[1].split("\n## ")[0]
    assert "Advertising networks" not in section
    assert (
        "Hosting providers. Purpose: Host the app. They may use it only to provide services"
        in section
    )
    assert (
        "(your child's teacher). Purpose: Send progress reports. We send it only when the parent"
        in section
    )
    assert "We never give children's information to advertisers." in section
    assert "Some of it can be made public. A parent can switch on the gallery" in section
    assert "We do not make it public" not in section
    # A file that doesn't say: a service provider of children's kinds of data counts; an ad
    # network only if the owner says children's data is used for ads (16 CFR §312.2: behavioral
    # advertising is no "support for internal operations"), and no "never" is promised.
    unsaid = {"sharing": {"recipients": [hosting, ads]}}
    section = text(store(children=kids, **unsaid)).split("Children's privacy\n")[1]
    section = section.split("\n## ")[0]
    assert "Hosting providers. Purpose: Host the app." in section
    assert "Advertising networks" not in section
    assert "never give children's information to advertisers" not in section
    uses = [*BASE["use"]["purposes"], {"purpose": "targeted_advertising",
            "categories": ["device_and_log"]}]  # fmt: skip
    for_ads = {**kids, "purposes": ["targeted_advertising"]}
    section = text(store(children=for_ads, use={"purposes": uses}, **unsaid))
    section = section.split("Children's privacy\n")[1].split("\n## ")[0]
    assert "We use it only to show you our ads on other sites." in section
    assert "Advertising networks. Purpose: Shop ads." in section


def test_check_refuses_opt_out_email_marketing_in_the_eu() -> None:
    marketing = {"channels": ["email", "postal"], "opt_out_channels": ["email", "postal"]}
    eu = store(**business(sells_to_countries=["ES"]), marketing=marketing)
    found = {f.rule: f for f in check_profile(eu, on=CHECK_DAY).findings}
    assert "remove email from marketing.opt_out_channels" in (
        found["electronic-marketing-without-consent"].fix
    )
    post_only = store(
        **business(sells_to_countries=["ES"]),
        marketing={**marketing, "opt_out_channels": ["postal"]},
    )
    assert "electronic-marketing-without-consent" not in {
        f.rule for f in check_profile(post_only, on=CHECK_DAY).findings
    }
    us = store(marketing=marketing)
    assert "electronic-marketing-without-consent" not in {
        f.rule for f in check_profile(us, on=CHECK_DAY).findings
    }


def test_login_and_location_are_not_named_again_as_sensitive_extras() -> None:
    items = [
        *BASE["collection"]["items"],
        {"category": "credentials"},
        {"category": "precise_location"},
        {"category": "sensitive"},
    ]
    kinds = ["government_id", "account_login", "precise_geolocation"]
    policy = text(
        store(
            **business(sells_to_countries=["ES"]),
            collection={"items": items, "sensitive_kinds": kinds},
        )
    )  # fmt: skip
    assert "government identification numbers" in policy
    assert "(government identification numbers" not in policy
    assert "or precise geolocation" not in policy


def test_a_known_childs_data_is_sensitive_under_the_state_laws() -> None:
    kids = {
        "minimum_age": 6,
        "directed_to_children": True,
        "parental_consent_method": "A parent confirms by email.",
        "child_data": ["email"],
    }
    profile = store(**states(VA=150_000), children=kids)
    assert "Some of this is sensitive data under these laws: personal data of a known child." in (
        text(profile)
    )
    assert "We do not collect sensitive data, as these laws define it" not in text(profile)


def _items(*extra: dict[str, Any]) -> dict[str, Any]:
    from law_stores import BASE

    return {"collection": {"items": [*BASE["collection"]["items"], *extra]}}


def _section(policy: str, heading: str) -> str:
    return policy.split(f"{heading}\n")[1].split("\n## ")[0]


def test_what_a_connected_product_sends_comes_from_the_product_not_from_you() -> None:
    usage = {"category": "product_usage", "details": "rides, battery readings and error codes"}
    location = {"category": "precise_location", "sources": ["our_products"]}
    purposes = {
        "use": {
            "purposes": [
                {"purpose": "account", "categories": ["product_usage", "precise_location"]},
            ]
        }
    }
    policy = text(store(**_items(usage, location), **purposes))
    where = _section(policy, "### Where it comes from")
    assert (
        "- **From our connected products and apps, automatically, as they are used:** "
        "product and app usage data (such as readings and error reports) as well as precise location."
        in where
    )
    from_you = next(line for line in where.splitlines() if line.startswith("- **From you"))
    assert "usage data" not in from_you and "precise location" not in from_you
    assert "when you use the site:** device and log data" in where
    assert "usage data" not in where.split("when you use the site:**")[1].split("\n")[0]
    # Nothing for people to choose about what the product sends on its own.
    assert "You choose whether to give us" not in policy
    assert "product and app usage data (rides, battery readings and error codes)" in policy
    # Its location stays a kind of its own, sensitive; usage data is not.
    assert "Some of this is sensitive under the privacy laws that apply to us: precise " in policy
    from generator.model.vocab import CCPA_CATEGORY_OF, CcpaCategory, DataCategory

    assert CCPA_CATEGORY_OF[DataCategory.PRODUCT_USAGE] is CcpaCategory.INTERNET_ACTIVITY


def test_usage_data_from_a_product_cannot_be_optional() -> None:
    import pytest

    from generator.errors import AnswersError

    # Typed in and also sent by the product: people cannot leave out what the product sends.
    usage = {
        "category": "product_usage",
        "necessity": "optional",
        "sources": ["from_you", "our_products"],
    }
    with pytest.raises(AnswersError, match="remove 'our_products' from sources"):
        store(**_items(usage))


def test_the_policy_names_the_apps_it_covers_and_only_those() -> None:
    apps = {"apps": [{"name": "Plain Notes", "platforms": ["ios", "android"]}]}
    settings = {"category": "preferences", "points": ["app"]}
    with_app = text(store(business=apps, **_items(settings)))
    about = _section(with_app, "About us and this policy")
    assert "This policy also covers our app Plain Notes (for iOS and Android)." in about
    assert "- **When using our app:** preferences and settings." in with_app
    two = {"apps": [{"name": "Plain Notes"}, {"name": "Plain Scan", "platforms": ["android"]}]}
    about = _section(text(store(business=two)), "About us and this policy")
    assert "This policy also covers our apps Plain Notes and Plain Scan (for Android)." in about
    without = text(store())
    assert "our app" not in without and "When using" not in without


def test_data_collected_in_an_app_needs_the_app_named() -> None:
    import pytest

    from generator.errors import AnswersError

    with pytest.raises(AnswersError, match=r"business\.apps names no app"):
        store(**_items({"category": "preferences", "points": ["app"]}))


def test_coppa_notice_lists_a_childs_profile_as_such() -> None:
    profile_item = {
        "category": "child_profile",
        "details": "nickname, age band, puzzle progress and the programs the child builds",
        "points": ["app"],
    }
    kids = {
        "minimum_age": 6,
        "directed_to_children": True,
        "parental_consent_method": "A parent confirms by email.",
        "child_data": ["child_profile"],
    }
    answers = {
        "business": {"apps": [{"name": "Plain Robots"}]},
        "children": kids,
        "use": {
            "purposes": [
                {"purpose": "account", "categories": ["name", "email", "child_profile"]},
            ]
        },
    }
    policy = text(store(**_items(profile_item), **answers))
    section = _section(policy, "Children's privacy")
    assert (
        "We collect only these kinds of information from children under 13: children's profiles "
        "(such as a nickname, age, progress and what the child makes)." in section
    )
    assert "preferences and settings" not in policy
    assert "- **When using our app:** children's profiles (nickname, age band" in policy
    where = _section(policy, "### Where it comes from")
    # Set up by the parent, filled in as the child plays: both sources, never other customers.
    assert "- **From you, when you give it to us:**" in where
    assert "as they are used:** children's profiles" in where
    assert "other people" not in where
    # A known child's profile is sensitive data under the state laws.
    from generator.facts import derive
    from generator.model.vocab import SensitiveKind

    assert (
        SensitiveKind.CHILDREN in derive(store(**_items(profile_item), **answers)).sensitive.kinds
    )
    # Kept but left out of what the notice says is taken from children: refused.
    import pytest

    from generator.errors import AnswersError

    answers["children"] = {**kids, "child_data": ["email"]}
    with pytest.raises(AnswersError, match="does not list child_profile"):
        store(**_items(profile_item), **answers)


def test_the_unsubscribe_deadline_is_the_stores_own_wherever_it_is_stated() -> None:
    """CASL and the Spam Act set a maximum; a store that acts faster says so, once, and
    never the law's figure beside its own."""
    for country, own in (("CA", 2), ("AU", 1)):
        profile = store(
            **business(sells_to_countries=[country]),
            marketing={
                "channels": ["email"],
                "consent": "opt_in",
                "opt_out_days": own,
                "unsubscribe": {"link_in_message": True},
            },
        )
        policy = text(profile)
        assert f"within {own} business day" in policy or f"within {own} working day" in policy
        for law_figure in ("within 10 business days", "within 5 working days"):
            assert law_figure not in policy, (country, law_figure)


def test_childrens_data_deletion_counts_from_what_the_owner_says() -> None:
    """Tinkerbird deletes 12 months after a profile was last used, not after collection."""
    kids = {
        "minimum_age": 6,
        "directed_to_children": True,
        "parental_consent_method": "A parent confirms by email and a card check.",
        "child_data": ["name"],
        "retention_need": "to save the child's progress",
        "deleted_after": {"amount": 12, "unit": "months"},
    }
    counted = text(
        store(children={**kids, "deleted_counted_from": "after the profile was last used"})
    )
    assert "no later than 12 months after the profile was last used," in counted
    assert "after we collect it" not in counted
    assert "no later than 12 months after we collect it," in text(store(children=kids))


def test_the_ccpa_table_says_which_of_a_rows_data_is_sold_when_not_all_of_it() -> None:
    """Identifiers groups the name with device data; an ad network that gets only device
    data must not read as buying the name (Tinkerbird's child profiles read as sold)."""
    ads = {
        "kind": "advertising",
        "categories": ["device_and_log"],
        "use": "own_purposes",
        "cross_context_ads": True,
    }
    profile = store(
        **business(annual_revenue_usd=30_000_000),
        sharing={"recipients": [ads]},
    )
    rows = [line for line in text(profile).splitlines() if line.startswith("| Identifiers")]
    assert rows, "no Identifiers row"
    sold = rows[0].split("|")[6]
    assert "Advertising networks, only device and log data" in sold


def test_a_cookieless_analytics_tool_is_not_called_a_cookie_or_a_tracker() -> None:
    plausible = {"name": "Plausible", "kind": "analytics", "sets_cookies": False}
    profile = store(
        business={"sells_to_countries": ["CA"], "sells_to_ca_provinces": ["QC"]},
        cookies={"kinds": ["strictly_necessary"], "tools": [plausible]},
    )
    words = text(profile)
    assert (
        "- **Plausible** (analytics, without cookies or anything else stored on your device)."
        in words
    )
    assert "analytics cookies" not in words
    assert "Our site uses technology that can identify you" not in words
    # A tool that does set cookies still needs its kind among the cookies the site uses.
    with_cookies = {**plausible, "sets_cookies": True}
    with pytest.raises(AnswersError, match="lacks 'analytics'"):
        store(cookies={"kinds": ["strictly_necessary"], "tools": [with_cookies]})


def test_recipients_bound_only_by_their_own_terms_are_not_said_to_be_under_contract() -> None:
    canada = {"sells_to_countries": ["CA"], "sells_to_ca_provinces": ["BC"]}
    transfers = [
        {"destination": "US", "safeguard": "provider_contract", "recipients": "Shopify"},
        {"destination": "US", "safeguard": "recipient_terms", "recipients": "Meta and TikTok"},
    ]
    words = text(store(business=canada, international={"transfers": transfers}))
    assert (
        "- **The United States** (Meta and TikTok): only each recipient's own privacy terms, "
        "since each also uses the data for its own purposes." in words
    )
    assert "- **The United States** (Shopify): contracts that require" in words
    # For the GDPR, a recipient's own terms are no transfer tool (Art 44-46).
    german = {"sells_to_countries": ["DE"], "data_stored_in": ["DE"]}
    only_terms = [{"destination": "US", "safeguard": "recipient_terms"}]
    weak = store(business=german, international={"transfers": only_terms})
    assert "transfer-without-safeguard" in {
        f.rule for f in check_profile(weak, on=CHECK_DAY).findings
    }
    # Nor does a certified processor in the same country cover the ad platforms (Rodamón).
    beside = [{"destination": "US", "safeguard": "dpf", "recipients": "Mapbox"}, *only_terms]
    mixed = store(business=german, international={"transfers": beside})
    assert "transfer-without-safeguard" in {
        f.rule for f in check_profile(mixed, on=CHECK_DAY).findings
    }


def test_text_plus_consent_is_flagged_when_childrens_data_is_disclosed() -> None:
    kids = {
        "directed_to_children": True,
        "minimum_age": 5,
        "child_data": ["name"],
        "consent_ways": ["payment", "text_plus"],
        "parental_consent_method": "A card purchase verifies the parent.",
    }
    private = store(children=kids)
    words = text(private)
    assert (
        "we get a parent's permission, by a card or other payment that notifies the account "
        "holder, or a text message to the parent, confirmed by a further step. A card purchase"
    ) in words
    rules = {f.rule for f in check_profile(private, on=CHECK_DAY).findings}
    assert "light-parental-consent" not in rules
    # A card payment offered beside text plus does not help: a parent may still consent by
    # text plus to an account whose child's programs then go public (16 CFR §312.5(b)(2)).
    gallery = {**kids, "made_public": "A parent can switch on the gallery."}
    found = {f.rule: f for f in check_profile(store(children=gallery), on=CHECK_DAY).findings}
    assert "Parents may consent by text_plus, but children's information can be made public" in (
        found["light-parental-consent"].message
    )
    text_plus_only = store(children={**gallery, "consent_ways": ["text_plus"]})
    rules = {f.rule for f in check_profile(text_plus_only, on=CHECK_DAY).findings}
    assert "light-parental-consent" in rules
    # The owner says the gallery needs the card payment: no finding, and the policy says so.
    card_for_gallery = store(children={**gallery, "consent_ways_for_disclosure": ["payment"]})
    rules = {f.rule for f in check_profile(card_for_gallery, on=CHECK_DAY).findings}
    assert "light-parental-consent" not in rules
    assert (
        "Before we make a child's information public or give it to others for their own use, "
        "a parent must give consent by a card or other payment that notifies the account "
        "holder." in text(card_for_gallery)
    )
    # Nothing disclosed: the sentence would promise about nothing, so it is left out.
    quiet = store(children={**kids, "consent_ways_for_disclosure": ["payment"]})
    assert "Before we make a child's information public" not in text(quiet)


def test_text_plus_is_flagged_naming_the_recipient_that_uses_childrens_data_for_itself() -> None:
    kids = {
        "directed_to_children": True,
        "minimum_age": 5,
        "child_data": ["name"],
        "consent_ways": ["payment", "text_plus"],
        "parental_consent_method": "A card purchase verifies the parent.",
    }
    teacher = {
        "kind": "people_you_name",
        "names": ["a child's teacher"],
        "categories": ["name"],
        "use": "own_purposes",
        "gets_childrens_data": True,
    }
    profile = store(children=kids, sharing={"recipients": [teacher]})
    found = {f.rule: f for f in check_profile(profile, on=CHECK_DAY).findings}
    message = found["light-parental-consent"].message
    assert "people_you_name (a child's teacher) gets children's data for its own use" in message
    assert "made public" not in message
    # A text-plus way named for disclosures is still light: the finding stays.
    light = store(
        children={**kids, "consent_ways_for_disclosure": ["text_plus"]},
        sharing={"recipients": [teacher]},
    )
    assert "light-parental-consent" in {f.rule for f in check_profile(light, on=CHECK_DAY).findings}


def test_disclosure_consent_must_be_one_of_the_consent_ways() -> None:
    kids = {
        "directed_to_children": True,
        "minimum_age": 5,
        "child_data": ["name"],
        "consent_ways": ["text_plus"],
        "parental_consent_method": "A code by text, then an email.",
        "consent_ways_for_disclosure": ["signed_form"],
    }
    with pytest.raises(AnswersError, match="consent_ways_for_disclosure"):
        store(children=kids)


def test_a_us_count_caps_what_an_uncounted_state_may_hold() -> None:
    worldwide = {
        "sells_to_countries": ["US", "GB", "NZ"],
        "consumers_per_year": 167_000,
        "revenue": usd(12_000_000),
        "employees": 30,
        "sba_small_business": False,
    }
    # Virginia's law reaches a controller of 100,000 Virginians' data (Va. Code §59.1-576).
    unknown = laws.applicable(store(business=worldwide), on=CHECK_DAY)["us_states"]
    assert "Virginia" in unknown.scope  # every one of them might be Virginian
    counted = store(business={**worldwide, "us_consumers_per_year": 41_000})
    assert "Virginia" not in laws.applicable(counted, on=CHECK_DAY)["us_states"].scope
    assert "Virginia" not in text(counted)


def test_trackers_limited_to_some_pages_are_said_to_run_only_there() -> None:
    where = "our shop pages, never the Kids Zone or the app"
    words = text(
        store(
            sharing={"recipients": [*BASE["sharing"]["recipients"], AD_RECIPIENT]},
            cookies={
                "kinds": ["strictly_necessary", "advertising"],
                "third_party": True,
                "others_track_only_on": where,
            },
        )
    )
    assert f"Other companies also set cookies through {where}." in words
    # The owner's phrase ends the sentence: "... and elsewhere" after it would say the
    # trackers also run beyond the pages it names.
    assert f"based on what you do elsewhere and on {where}." in words
    assert f"{where} and elsewhere" not in words
    assert "and on our site" not in words


def test_reviews_kept_while_published_say_so_in_one_rule() -> None:
    reviews = {"category": "reviews", "sources": ["from_you"]}
    rule = {"categories": ["reviews"], "basis": "while_published"}
    words = text(
        store(
            collection={"items": [*BASE["collection"]["items"], reviews]},
            retention={"rules": [rule]},
        )
    )
    assert "- **Product reviews:** we keep them while they are published on our site." in words


def test_data_kept_inside_the_eea_is_not_said_to_leave_its_law() -> None:
    france = {
        "address": {"lines": ["1 rue X"], "city": "Paris", "postal_code": "75001", "country": "FR"},
        "data_stored_in": ["FR"],
    }
    eea_only = text(store(business={**france, "sells_to_countries": ["FR", "BE", "LU"]}))
    assert "If you live outside France, your information travels there." in eea_only
    assert "may differ" not in eea_only
    swiss = text(store(business={**france, "sells_to_countries": ["FR", "BE", "CH"]}))
    # Only the people whose law differs are told so: a Belgian is not.
    assert (
        "If you live in Switzerland, the privacy laws where we store it may differ from yours."
        in swiss
    )


def test_childrens_data_is_said_to_be_used_for_the_purposes_that_use_it() -> None:
    kids = {
        "directed_to_children": True,
        "minimum_age": 6,
        "child_data": ["name"],
        "parental_consent_method": "A parent signs a form.",
    }
    words = text(store(children=kids))
    assert "We use it only to run the activity the child takes part in." not in words
    # The base store uses names to fulfil orders and take payment, and nothing else.
    assert (
        "from children under 13: name. We use it only to process and deliver your orders, "
        "and take payment and issue refunds." in words
    )


def test_breach_reports_name_the_regulators_of_the_laws_that_apply() -> None:
    canada = {"sells_to_countries": ["CA"], "sells_to_ca_provinces": ["ON"]}
    words = text(store(business=canada, security={"breach_notice": True}))
    assert "as the law where you live requires" not in words
    assert (
        "If a security breach exposes your personal information, we will tell you. Where the "
        "law requires it, we also report the breach to the Office of the Privacy Commissioner "
        "of Canada." in words
    )
    silent = text(store(business=canada, security={"breach_notice": False}))
    assert "If a security breach puts you at risk of harm, we tell you and report it" in silent
    # With no regulator to name, the promise is the law's and no more (not "we will tell you").
    us_only = text(store(security={"breach_notice": False}))
    assert "If a security breach exposes your personal information, we tell you where the " in (
        us_only
    )
    assert "we will tell you" not in us_only
    # Unanswered is no promise beyond the law's: three lawyer's reads found one by default.
    assert "we will tell you" not in text(store(business=canada))


def test_past_incidents_and_a_recipients_terms_are_printed_as_told() -> None:
    incident = {
        "when": "July 2024",
        "what": "A supplier left its order portal open, exposing 3,100 customers' addresses.",
        "done": "We wrote to everyone affected.",
    }
    supplier = {
        "kind": "supplier",
        "names": ["CJdropshipping"],
        "categories": ["name", "postal_address"],
        "terms": "We cannot check their systems ourselves.",
    }
    words = text(
        store(
            security={"incidents": [incident]},
            sharing={"recipients": [*BASE["sharing"]["recipients"], supplier]},
        )
    )
    assert "### Past incidents\n- **July 2024:** A supplier left its order portal open" in words
    assert "They may use it only to provide services to us. We cannot check their systems" in words


def test_the_payments_section_names_every_payment_processor_the_sharing_section_does() -> None:
    processors = {
        "kind": "payment_processor",
        "names": ["Adyen", "Satispay"],
        "categories": ["name"],
    }
    words = text(
        store(
            payments={"processors": ["Adyen"]},
            sharing={"recipients": [*BASE["sharing"]["recipients"], processors]},
        )
    )
    assert "We take payment through these payment services: Adyen and Satispay." in words


def test_a_processor_named_by_its_company_is_the_product_the_payments_answer_names() -> None:
    # Saltbush's catalog recipients are named by company (Apple, Google); the payments
    # answer names the products (Apple Pay, Google Pay): four processors, not six.
    processors = {
        "kind": "payment_processor",
        "names": ["Adyen", "Apple", "Google", "Zip"],
        "categories": ["name"],
    }
    words = text(
        store(
            payments={"processors": ["Adyen", "Apple Pay", "Google Pay"]},
            sharing={"recipients": [*BASE["sharing"]["recipients"], processors]},
        )
    )
    assert (
        "We take payment through these payment services: Adyen, Apple Pay, Google Pay, and Zip."
        in words
    )


def test_a_lender_in_the_payments_answer_is_not_called_a_payment_processor() -> None:
    # Saltbush lists Afterpay among its payment options; sharing calls it a lender.
    lender = {
        "kind": "lender",
        "names": ["Afterpay"],
        "categories": ["name"],
        "use": "own_purposes",
    }
    words = text(
        store(
            payments={"processors": ["Adyen", "Afterpay"]},
            sharing={"recipients": [*BASE["sharing"]["recipients"], lender]},
        )
    )
    assert "payment processors: Adyen and Afterpay" not in words
    assert "We take payment through these payment services: Adyen and Afterpay." in words


def test_cards_taken_by_phone_are_not_said_to_be_unseen_by_us() -> None:
    card = {"category": "payment_card", "sources": ["from_you"], "points": ["checkout", "by_phone"]}
    with pytest.raises(AnswersError, match="taken by phone"):
        store(
            collection={"items": [*BASE["collection"]["items"][:1], card]},
            payments={"processors": ["Stripe"], "processor_collects_card": True},
        )


def test_data_given_by_choice_is_never_said_to_be_required_by_law() -> None:
    items = [*BASE["collection"]["items"], {"category": "phone", "necessity": "optional"}]
    duty = {
        "purpose": "legal_compliance",
        "categories": ["name", "order_history", "phone"],
        "legal_basis": "legal_obligation",
    }
    words = text(
        store(
            business=GERMANY,
            collection={"items": items},
            use={"purposes": [*BASE["use"]["purposes"], duty]},
        )
    )
    assert "we use your name as well as order and purchase history." in words
    assert "We also use your phone number when you give it to us." in words
    only_optional = {**duty, "categories": ["phone"]}
    words = text(
        store(
            business=GERMANY,
            collection={"items": items},
            use={"purposes": [*BASE["use"]["purposes"], only_optional]},
        )
    )
    assert "The law requires some personal data" not in words
    assert "we use your phone number when you give it to us." in words


def test_app_notifications_are_sent_only_with_consent_and_turned_off_in_the_app() -> None:
    items = [*BASE["collection"]["items"]]
    marketing = {"channels": ["email", "push"], "consent": "opt_out"}
    words = text(store(business=GERMANY, collection={"items": items}, marketing=marketing))
    assert "By notifications from our app, we send them only if you agree" in words
    assert "- Turn off notifications in our app, or for our app in your device's settings." in words


def test_app_notifications_cannot_be_answered_as_sent_unless_refused() -> None:
    with pytest.raises(AnswersError, match="remove push from this list"):
        store(marketing={"channels": ["email", "push"], "opt_out_channels": ["push"]})


def test_the_most_in_any_other_state_keeps_laws_out_that_the_rest_cannot_reach() -> None:
    from generator.laws.base import consumers_in_state

    counts = {
        "consumers_per_year": 900_000,
        "us_consumers_per_year": 900_000,
        "consumers_by_state": {"CA": 200_000},
    }
    unknown = store(business=counts)
    capped = store(business={**counts, "most_in_other_states": 40_000})
    assert consumers_in_state(unknown, "DE") == 700_000
    assert consumers_in_state(capped, "DE") == 40_000
    assert consumers_in_state(capped, "CA") == 200_000
    # Delaware's law starts at 35,000 people; Indiana's at 100,000.
    assert "Delaware" in text(capped) and "Indiana" not in text(capped)
    assert "Indiana" in text(unknown)


def test_what_a_law_makes_us_hand_to_authorities_is_no_sale_and_cannot_be_stopped() -> None:
    from generator.facts.sharing import judge
    from generator.model.practices import Recipient
    from generator.wizard.suggest import gives_value, suggested_use

    tax = {"kind": "public_authorities", "names": ["Agenzia delle Entrate"], "categories": ["name"]}
    tax["use"] = suggested_use(tax["kind"])
    assert tax["use"] == "own_purposes"
    assert gives_value(tax["kind"], tax["use"]) is False
    facts = judge(Recipient.model_validate(tax))
    assert facts.third_party and not facts.sold and not facts.shared
    words = text(store(sharing={"recipients": [*BASE["sharing"]["recipients"], tax]}))
    line = next(x for x in words.splitlines() if x.startswith("- **Public authorities**"))
    assert "This is a sale" not in line and "stop this sharing" not in line


def test_a_connected_product_reports_whether_or_not_the_app_is_open() -> None:
    items = [
        *BASE["collection"]["items"],
        {"category": "precise_location", "sources": ["our_products"], "points": ["product"]},
    ]
    words = text(store(collection={"items": items}))
    assert "- **When our connected products are switched on:** precise location." in words


def test_childrens_data_is_never_said_to_serve_ads_unless_the_owner_says_so() -> None:
    # Device data is both the app's (children's) and the shop pages' (ads): sharing a kind of
    # data does not make a child's data an ad's (16 CFR §312.2 excludes behavioral advertising
    # from "support for internal operations").
    kids = {
        "directed_to_children": True,
        "minimum_age": 6,
        "child_data": ["device_and_log"],
        "parental_consent_method": "A parent signs a form.",
    }
    uses = [
        *BASE["use"]["purposes"],
        {"purpose": "targeted_advertising", "categories": ["device_and_log"]},
        {"purpose": "site_administration", "categories": ["device_and_log"]},
    ]
    section = text(store(children=kids, use={"purposes": uses}))
    section = section.split("Children's privacy\n")[1].split("\n## ")[0]
    assert "show you our ads" not in section
    # The base store's fraud checks use device data: an internal operation, unless told.
    assert "We use it only to prevent fraud, and keep the site running" in section
    # The owner's own list is what the section says, and nothing more.
    told = {**kids, "purposes": ["site_administration"]}
    section = text(store(children=told, use={"purposes": uses}))
    section = section.split("Children's privacy\n")[1].split("\n## ")[0]
    assert "We use it only to keep the site running and secure." in section
    with pytest.raises(AnswersError, match=r"children\.purposes"):
        store(children={**kids, "purposes": ["marketing"]}, use={"purposes": uses})


def test_a_childs_profile_reads_as_the_parents_childrens_and_each_source_has_its_from() -> None:
    # Tinkerbird: "we use your child profiles" read as the parent's own profiles, and two
    # sources ran together ("... as they are used and a child's parent or guardian").
    items = [
        *BASE["collection"]["items"],
        {"category": "child_profile", "sources": ["our_products", "parent_or_guardian"]},
    ]
    uses = [*BASE["use"]["purposes"], {"purpose": "account", "categories": ["child_profile"]}]
    kids = {
        "directed_to_children": True,
        "minimum_age": 6,
        "child_data": ["child_profile"],
        "parental_consent_method": "A parent signs a form.",
    }
    words = text(
        store(
            **business(sells_to_countries=["US", "AU", "DE"], revenue=usd(5_000_000)),
            collection={"items": items},
            use={"purposes": uses},
            children=kids,
        )
    )
    assert "your child profiles" not in words.lower()
    assert "we use your children's profiles (such as a nickname" in words
    assert (
        "and also from our connected products and apps, automatically, as they are used, and "
        "from a child's parent or guardian." in words
    )
    # Data that reached us about the reader from others: no "your" before a child's profile.
    assert (
        "- Children's profiles (such as a nickname, age, progress and what the child makes), "
        "from a child's parent or guardian." in words
    )


def test_check_notes_which_purposes_the_children_section_assumes() -> None:
    kids = {
        "directed_to_children": True,
        "minimum_age": 6,
        "child_data": ["device_and_log"],
        "parental_consent_method": "A parent signs a form.",
    }
    uses = [
        *BASE["use"]["purposes"],
        {"purpose": "targeted_advertising", "categories": ["device_and_log"]},
    ]
    notes = check_profile(store(children=kids, use={"purposes": uses}), on=CHECK_DAY).notes
    said = [n for n in notes if n.startswith("children.purposes is not answered")]
    assert said and "use a kind of it: fraud_prevention." in said[0]
    assert "It leaves out targeted_advertising" in said[0]
    told = store(children={**kids, "purposes": ["fraud_prevention"]}, use={"purposes": uses})
    assert not [n for n in check_profile(told, on=CHECK_DAY).notes if "children.purposes" in n]


def test_a_list_joined_by_the_owner_is_not_joined_twice() -> None:
    from generator.wizard.typed import split_list

    assert split_list("Stripe, PayPal, and Klarna") == ["Stripe", "PayPal", "Klarna"]
    assert split_list("Marks and Spencer") == ["Marks and Spencer"]
    partner = {
        "kind": "marketing_partner",
        "names": ["Rokt", "and Meridian"],
        "categories": ["email"],
    }
    words = text(store(sharing={"recipients": [partner]}))
    assert "(Rokt and Meridian)" in words and "and and" not in words


def test_training_a_model_on_childrens_data_does_not_hand_it_to_advertisers() -> None:
    from generator.facts.children import usually_gets_childrens_data
    from generator.model.vocab import DataCategory as D
    from generator.model.vocab import Purpose as P
    from generator.model.vocab import RecipientKind as K

    device = [D.DEVICE_AND_LOG]
    assert not usually_gets_childrens_data(K.ADVERTISING, device, False, device, [P.AI_TRAINING])
    assert usually_gets_childrens_data(K.ADVERTISING, device, False, device, [P.MARKETING])


def test_a_sale_is_never_listed_as_a_business_purpose_disclosure() -> None:
    from generator.laws.ccpa import category_table
    from generator.model.vocab import RecipientKind

    partner = {"kind": "marketing_partner", "categories": ["email"], "sale": True}
    rows = category_table(store(sharing={"recipients": [partner]}))
    email_row = next(r for r in rows if any(m.value == "email" for m in r.members))
    assert RecipientKind.MARKETING_PARTNER in email_row.sold_or_shared_to
    assert RecipientKind.MARKETING_PARTNER not in email_row.disclosed_to


def test_companies_that_get_the_same_for_the_same_reason_are_listed_once() -> None:
    """Three carriers picked one by one from the catalog read as one entry naming all
    three, with each privacy policy; one getting more data, or unnamed, stays apart."""
    carrier = {"kind": "shipping_carrier", "categories": ["name", "postal_address"]}
    profile = store(
        sharing={
            "recipients": [
                {**carrier, "names": ["UPS"], "policy_url": "https://ups.example/privacy"},
                {**carrier, "names": ["FedEx"], "policy_url": "https://fedex.example/privacy"},
                {**carrier, "names": ["DHL"], "categories": ["name", "postal_address", "email"]},
                dict(carrier),
                {**carrier, "names": ["USPS"]},
            ]
        }
    )
    policy = text(profile)
    lines = [line for line in policy.splitlines() if line.startswith("- **Shipping carriers**")]
    assert len(lines) == 3, lines
    assert lines[0].startswith("- **Shipping carriers** (UPS, FedEx, and USPS) get your name")
    # Each link says whose it is: one company's policy must not read as all three's.
    assert lines[0].endswith(
        "Privacy policies: <https://ups.example/privacy> (UPS) and "
        "<https://fedex.example/privacy> (FedEx)."
    )
    assert lines[1].startswith("- **Shipping carriers** (DHL) get")
    assert lines[2].startswith("- **Shipping carriers** get")


def test_every_marketing_channel_has_a_way_out_in_the_unsubscribe_list() -> None:
    # Saltbush's catalogue and texts had no way listed beside the email link.
    marketing = {
        "channels": ["email", "sms", "postal"],
        "consent": "opt_in",
        "opt_out_channels": ["postal"],
        "unsubscribe": {"link_in_message": True},
    }
    words = text(store(marketing=marketing))
    assert "- Use the unsubscribe link in any marketing email." in words
    assert (
        "- To stop marketing by text message or postal mail, contact us using the details in "
        "[Contact us](#contact)." in words
    )
    # A way that reaches every channel (an address to write to) leaves no gap.
    marketing["unsubscribe"] = {"link_in_message": True, "email": "stop@plainpaper.example"}
    assert "To stop marketing by" not in text(store(marketing=marketing))


def test_data_required_only_somewhere_says_where_and_that_elsewhere_it_is_a_choice() -> None:
    # Saltbush and Tule Fog: email is needed to order online, optional at the shop's till.
    email = {
        "category": "email",
        "necessity": "required",
        "points": ["checkout", "in_store"],
        "required_at": ["checkout"],
        "if_not_provided": "We cannot confirm your order.",
    }
    items = [i for i in BASE["collection"]["items"] if i["category"] != "email"]
    words = text(store(collection={"items": [*items, email]}))
    assert (
        "- **Email address:** Required when placing an order; otherwise you choose. "
        "We cannot confirm your order." in words
    )
    # Required at every point it is collected is simply required.
    everywhere = {**email, "required_at": ["checkout", "in_store"]}
    words = text(store(collection={"items": [*items, everywhere]}))
    assert "- **Email address:** We cannot confirm your order." in words


def test_required_at_must_be_required_and_among_the_points() -> None:
    items = [i for i in BASE["collection"]["items"] if i["category"] != "email"]
    optional = {"category": "email", "necessity": "optional", "points": ["checkout", "in_store"]}
    with pytest.raises(AnswersError, match="necessity is not 'required'"):
        store(collection={"items": [*items, {**optional, "required_at": ["checkout"]}]})
    required = {**optional, "necessity": "required", "required_at": ["by_phone"]}
    with pytest.raises(AnswersError, match="names by_phone, where this data is not collected"):
        store(collection={"items": [*items, required]})


def test_the_pipeda_list_names_each_kind_and_reason_once() -> None:
    # Driftlight's catalog run: carriers getting different data made three identical lines.
    from law_stores import based_in

    carrier = {"kind": "shipping_carrier", "purpose": "deliver orders"}
    recipients = [
        {**carrier, "names": ["Canada Post"], "categories": ["name", "postal_address"]},
        {**carrier, "names": ["UPS"], "categories": ["name", "postal_address", "email"]},
    ]
    words = text(
        store(
            **based_in("BC", sells_to_countries=["CA"], established_in=["CA"]),
            sharing={"recipients": [*BASE["sharing"]["recipients"], *recipients]},
        )
    )
    assert words.count("- Shipping carriers (deliver orders).") == 1


def test_the_australian_decision_notice_keeps_what_the_owner_says_it_means_for_you() -> None:
    # Saltbush: 'you can ask for the reasons and a manual review' was given and dropped.
    decision = {
        "description": "We score every return.",
        "logic": "A score from your return history.",
        "significance": "It decides whether we accept your return. You can ask for a review.",
        "significant": True,
        "solely_automated": True,
        "categories": ["order_history"],
    }
    profile = store(
        business={"sells_to_countries": ["AU"], "revenue": usd(5_000_000)},
        use={"purposes": BASE["use"]["purposes"], "automated_decisions": [decision]},
        policy={"effective_date": "2026-12-10"},
    )
    words = text(profile)
    assert (
        "The program makes this decision alone, using your order and purchase history. It "
        "decides whether we accept your return. You can ask for a review." in words
    )


def test_a_store_no_sale_law_reaches_is_not_made_to_deny_selling() -> None:
    # Saltbush (Australia): "We do not sell" beside ad platforms that use data for themselves.
    ads = {
        "kind": "advertising",
        "names": ["Meta"],
        "categories": ["device_and_log"],
        "use": "own_purposes",
        "cross_context_ads": True,
    }
    recipients = [*BASE["sharing"]["recipients"], ads]
    words = text(store(business=AUSTRALIA, sharing={"recipients": recipients}))
    assert "We do not sell" not in words and "### Sale of personal information" not in words
    assert "### Advertising on other sites" in words
    # Where the CCPA applies the answer is given either way.
    assert "We do not sell your personal information." in text(store(**states(CA=100_000)))


def test_other_people_are_exemplified_only_by_what_the_store_holds() -> None:
    # Everbloom's guests, typed in by couples, came "from a friend who refers you".
    gifts = {"category": "gift_recipients", "points": ["checkout"]}
    items = [*BASE["collection"]["items"], gifts]
    words = text(store(collection={"items": items}))
    assert "From other people (for example, someone who sends you a gift):" in words
    assert "refers you" not in words
    named = [*BASE["collection"]["items"], {**gifts, "called": "wedding guests' addresses"}]
    words = text(store(collection={"items": named}))
    assert "From other people:** wedding guests' addresses." in words
