"""Telling people they are talking to a machine: the EU AI Act Art 50(1) and California's
bot disclosure law (Cal. Bus. & Prof. Code §§17940-17943)."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, monitors, reaches_us_state, req, territorial
from generator.model import EEA, StoreProfile

EU_ID = "eu_ai_act"
EU_NAME = "EU AI Act (transparency)"
CA_ID = "california_bots"
CA_NAME = "California bot disclosure law"


def eu_applies(profile: StoreProfile) -> Applicability:
    # Reg. (EU) 2024/1689 Art 50(1) and Art 2(1): AI systems that interact with people in
    # the Union, from August 2, 2026 (Art 113).
    chat = profile.other.chat_assistant
    if chat is None or not chat.ai:
        return Applicability(False, "The site has no AI chat assistant.")
    verdict = territorial(
        profile,
        EEA,
        established="An AI chat assistant talks with people from the EU establishment's site.",
        sells="An AI chat assistant talks with the store's customers in the EU.",
        neither="The AI chat assistant does not talk with people in the EU.",
    )
    if not verdict.applies and monitors(profile, *EEA):
        return Applicability(True, "An AI chat assistant talks with visitors from the EU.")
    return verdict


def ca_applies(profile: StoreProfile) -> Applicability:
    # B&P §17941(a): a bot used to communicate with a person in California to incentivize
    # a sale must be disclosed; in force July 1, 2019 (SB 1001).
    chat = profile.other.chat_assistant
    if chat is None or not chat.sells:
        return Applicability(False, "The site has no chat bot that helps sell.")
    if not reaches_us_state(profile, "CA"):
        return Applicability(False, "The store does not sell to California.")
    return Applicability(True, "A chat bot helps sell to people in California.")


EU_REQUIREMENTS = (
    req(
        EU_ID,
        "AI-01",
        "Reg. (EU) 2024/1689 Art 50(1), (5)",
        "the chat assistant tells people clearly, at the latest at the first interaction, that "
        "they are dealing with an AI system",
        "other.chat_assistant.says_it_is_a_bot: true",
        kind="F/C",
    ),
)
CA_REQUIREMENTS = (
    req(
        CA_ID,
        "AI-02",
        "Cal. B&P §17941",
        "a bot that talks with people in California to sell goods discloses clearly and "
        "conspicuously that it is a bot",
        "other.chat_assistant.says_it_is_a_bot: true",
        kind="F/C",
    ),
)

EU_LAW = Law(EU_ID, EU_NAME, eu_applies, EU_REQUIREMENTS, in_force=dt.date(2026, 8, 2))
CA_LAW = Law(CA_ID, CA_NAME, ca_applies, CA_REQUIREMENTS, in_force=dt.date(2019, 7, 1))
