"""Answers for test stores near each law's edge: a plain modern store, changed per test."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from generator.answers import profile_from_answers
from generator.model import StoreProfile

BASE: dict[str, Any] = {
    "business": {
        "legal_name": "Plain Paper Co.",
        "store_name": "Plain Paper",
        "websites": ["https://plainpaper.example/"],
        "address": {
            "lines": ["1 Main Street"],
            "city": "Springfield",
            "region": "IL",
            "postal_code": "62701",
            "country": "US",
        },
        "contact": {
            "name": "Privacy Team",
            "email": "privacy@plainpaper.example",
            "toll_free": "800-555-0100",
            "web_form": "https://plainpaper.example/privacy-request",
        },
        "employees": 5,
        "revenue": {"amount": 1_000_000, "currency": "USD"},
        "consumers_per_year": 1_000,
    },
    "collection": {
        "items": [
            {"category": "name", "necessity": "required", "if_not_provided": "We cannot ship."},
            {"category": "email", "necessity": "required"},
            {"category": "postal_address", "necessity": "required"},
            {"category": "payment_card", "necessity": "required"},
            {"category": "order_history"},
            {"category": "device_and_log", "sources": ["automatic"], "necessity": "automatic"},
        ]
    },
    "use": {
        "purposes": [
            {
                "purpose": "order_fulfilment",
                "categories": ["name", "email", "postal_address", "order_history"],
                "legal_basis": "contract",
            },
            {
                "purpose": "payment",
                "categories": ["name", "payment_card"],
                "legal_basis": "contract",
            },
            {
                "purpose": "fraud_prevention",
                "categories": ["device_and_log", "payment_card"],
                "legal_basis": "legitimate_interests",
                "legitimate_interest": "stopping stolen cards being used on our site",
            },
        ]
    },
    "payments": {"processors": ["Stripe"]},
    "sharing": {
        "recipients": [
            {
                "kind": "payment_processor",
                "categories": ["name", "payment_card"],
                "purpose": "take card payments",
            },
            {"kind": "hosting", "categories": ["name", "email", "postal_address", "order_history"]},
        ]
    },
    "rights": {
        "rights": ["access", "correct", "delete", "portability", "opt_out_sale_sharing"],
        "methods": ["email", "toll_free", "web_form"],
    },
    "retention": {
        "rules": [
            {
                "categories": ["name", "email", "postal_address", "order_history"],
                "basis": "fixed_period",
                "period": {"amount": 7, "unit": "years"},
            },
            {
                "categories": ["device_and_log"],
                "basis": "fixed_period",
                "period": {"amount": 13, "unit": "months"},
            },
        ]
    },
    "policy": {"effective_date": "2026-11-01"},
}


# The day checks in tests judge the law on: fixed, so a test does not change with the clock.
CHECK_DAY = dt.date(2026, 12, 2)


def deep_merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def answers(**changes: Any) -> dict[str, Any]:
    return deep_merge(BASE, changes)


def store(**changes: Any) -> StoreProfile:
    """The base store with the given top-level parts merged in (lists replace)."""
    return profile_from_answers(answers(**changes))


def business(**fields: Any) -> dict[str, Any]:
    return {"business": fields}


def based_in(region: str, **fields: Any) -> dict[str, Any]:
    """A ``business`` part whose address is in a Canadian province (as spelled)."""
    address = {
        "lines": ["1 Main Street"],
        "city": "Town",
        "region": region,
        "postal_code": "V1Y 9X1",
        "country": "CA",
    }
    return business(address=address, **fields)


def money(amount: int | str, currency: str) -> dict[str, Any]:
    """A ``business.revenue`` answer."""
    return {"amount": amount, "currency": currency}


def usd(amount: int) -> dict[str, Any]:
    return money(amount, "USD")


def dated(day: str) -> dict[str, Any]:
    return {"policy": {"effective_date": day}}


AD_RECIPIENT = {
    "kind": "advertising",
    "names": ["AdNet"],
    "categories": ["device_and_log", "order_history"],
    "purpose": "show our ads on other sites",
    "cross_context_ads": True,
    "use": "own_purposes",
}

GB_REP = {"name": "UK Rep Ltd", "contact": {"email": "rep@ukrep.example"}}
EU_REP = {"name": "EU Rep GmbH", "contact": {"email": "rep@eurep.example"}}
CH_REP = {
    "name": "CH Rep AG",
    "contact": {
        "email": "rep@chrep.example",
        "postal": {
            "lines": ["Bahnhofstrasse 1"],
            "city": "Zürich",
            "postal_code": "8001",
            "country": "CH",
        },
    },
}

# Reaches every law at once, with every answer the laws ask for.
EVERYTHING: dict[str, Any] = {
    "business": {
        "employees": 250,
        "revenue": {"amount": 90_000_000, "currency": "USD"},
        "consumers_per_year": 400_000,
        "sba_small_business": False,
        "sells_to_countries": ["US", "CA", "DE", "FR", "GB", "BR", "AU", "NZ", "CH"],
        "data_stored_in": ["US"],
        "eu_representative": EU_REP,
        "uk_representative": GB_REP,
        "swiss_representative": CH_REP,
        "dpo": {"name": "Dana Officer", "email": "dpo@plainpaper.example"},
        "privacy_officer": {
            "name": "Chief Privacy Officer",
            "email": "cpo@plainpaper.example",
            "postal": {
                "lines": ["1 Main Street"],
                "city": "Springfield",
                "region": "IL",
                "postal_code": "62701",
                "country": "US",
            },
        },
    },
    "sharing": {
        "recipients": [
            {
                "kind": "payment_processor",
                "categories": ["name", "payment_card"],
                "purpose": "take card payments",
            },
            {"kind": "hosting", "categories": ["name", "email", "postal_address", "order_history"]},
            AD_RECIPIENT,
        ]
    },
    "cookies": {
        "kinds": ["strictly_necessary", "advertising"],
        "consent_banner": True,
        "global_privacy_control": True,
        "signal_status_shown": True,
        "settings_link": True,
    },
    "rights": {
        "rights": [
            "access",
            "correct",
            "delete",
            "portability",
            "opt_out_sale_sharing",
            "opt_out_targeted_ads",
        ],
        "methods": ["email", "toll_free", "web_form"],
        "opt_out_link": "https://plainpaper.example/do-not-sell",
        "complaints": {
            "url": "https://plainpaper.example/privacy-complaint",
            "process": "Our privacy officer reviews every complaint and answers within 30 days.",
        },
    },
    "children": {"no_sale_or_ads_under_18": True},
    "use": {"trains_language_models": False},
    "security": {
        "staff_roles": "Only our order and support staff handle customer data, and only our "
        "privacy officer approves its destruction."
    },
    "international": {
        "transfers": [{"destination": "US", "safeguard": "dpf"}],
        "brazil_transfer_page": "https://plainpaper.example/pt/transferencias",
    },
    "policy": {
        "effective_date": "2026-11-01",
        "linked_from_home_and_forms": True,
        "french_version": "https://plainpaper.example/fr/confidentialite",
        "accessibility": "Call us for a large-print or audio version of this policy.",
        "selling_languages": ["en"],
    },
}


def everything(**changes: Any) -> StoreProfile:
    return profile_from_answers(deep_merge(answers(**EVERYTHING), changes))
