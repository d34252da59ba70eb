"""Brazil: Lei Geral de Proteção de Dados (Lei 13.709/2018)."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, req, territorial
from generator.model import StoreProfile

ID = "lgpd"
NAME = "LGPD (Brazil)"
BRAZIL = ("BR",)
# ANPD Resolution CD/ANPD 2/2022 spares small processing agents (micro and small
# companies, gross revenue up to BRL 4.8M) from naming an encarregado; about USD 900,000†.
SMALL_AGENT_REVENUE_USD = 900_000


def applies(profile: StoreProfile) -> Applicability:
    # Art 3: processing in Brazil, or offering goods to individuals located in Brazil.
    return territorial(
        profile,
        BRAZIL,
        established="The business operates in Brazil.",
        sells="The store offers goods to people in Brazil.",
        neither="The store neither operates in nor sells to Brazil.",
    )


def small_agent(profile: StoreProfile) -> bool:
    return profile.business.annual_revenue_usd <= SMALL_AGENT_REVENUE_USD


REQUIREMENTS = (
    req(
        ID,
        "LGPD-01",
        "LGPD Art 9",
        "purposes; form and duration of processing; the controller and its contact; shared use "
        "and why; the rights under Art 18",
        "use.purposes, retention and sharing.recipients",
    ),
    req(
        ID,
        "LGPD-02",
        "LGPD Art 41 §1",
        "the data protection officer's (encarregado's) identity and contact",
        "business.dpo",
        kind="S/C",
        needed=lambda p: not small_agent(p),
    ),
)

LAW = Law(ID, NAME, applies, REQUIREMENTS, in_force=dt.date(2020, 9, 18))
