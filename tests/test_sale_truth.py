"""Sale, sharing and tracking sentences say what each recipient gets, where others track,
and which links the store really has (issue 11: Tinkerbird and Everbloom)."""

from __future__ import annotations

from typing import Any

from law_stores import AD_RECIPIENT, everything, store

from generator.compose import render_policy
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
