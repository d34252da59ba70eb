"""Brazil: Lei Geral de Proteção de Dados (Lei 13.709/2018) and ANPD resolutions."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from generator.laws.base import Applicability, Law, req, territorial
from generator.model import StoreProfile
from generator.model.vocab import LegalBasis, Purpose
from generator.money import Converted, format_money, revenue_in

ID = "lgpd"
NAME = "LGPD (Brazil)"
BRAZIL = ("BR",)
# Res. CD/ANPD 2/2022 art. 2 (small processing agents): micro and small enterprises as
# Lei Complementar 123/2006 art. 3 defines them, gross revenue in a year up to
# BRL 4,800,000 (art. 3, II), may skip the encarregado (art. 11) unless they do high-risk
# processing (art. 4).
SMALL_AGENT_REVENUE = 4_800_000
REVENUE_CURRENCY = "BRL"


def applies(profile: StoreProfile) -> Applicability:
    # Art 3: processing in Brazil, or offering goods to individuals located in Brazil.
    return territorial(
        profile,
        BRAZIL,
        established="The business operates in Brazil.",
        sells="The store offers goods to people in Brazil.",
        neither="The store neither operates in nor sells to Brazil.",
    )


def high_risk(profile: StoreProfile) -> bool:
    """Res. CD/ANPD 2/2022 art. 4, read narrowly: sensitive data or automated decisions."""
    return profile.collects_sensitive or bool(profile.use.automated_decisions)


def gross_revenue(profile: StoreProfile) -> Converted:
    """The store's gross revenue in reais (LC 123/2006 art. 3 counts it in BRL)."""
    return revenue_in(profile.business.revenue, REVENUE_CURRENCY)


def small_enough(profile: StoreProfile) -> bool:
    """Gross revenue within a small enterprise's (LC 123/2006 art. 3, II)."""
    return gross_revenue(profile).amount <= SMALL_AGENT_REVENUE


def small_agent(profile: StoreProfile) -> bool:
    """A small processing agent that may skip the encarregado (Res. 2/2022 arts. 2, 11)."""
    return small_enough(profile) and not high_risk(profile)


def small_agent_reason(profile: StoreProfile) -> str:
    """Why the store is or is not a small processing agent, with its revenue in BRL."""
    amount, limit = gross_revenue(profile), format_money(SMALL_AGENT_REVENUE, REVENUE_CURRENCY)
    if not small_enough(profile):
        return (
            f"Gross revenue of {amount} is above {limit}, so it is not a small processing "
            "agent (Res. CD/ANPD 2/2022 art. 2)."
        )
    if high_risk(profile):
        return (
            f"Gross revenue of {amount} is not above {limit}, but its processing is high-risk "
            "(Res. CD/ANPD 2/2022 art. 4), so it is not a small processing agent."
        )
    return (
        f"Gross revenue of {amount} is not above {limit}: a small processing agent "
        "(Res. CD/ANPD 2/2022 art. 2)."
    )


def transfers_abroad(profile: StoreProfile) -> bool:
    """Data collected in Brazil stored or sent outside it (LGPD Art 33)."""
    from generator.facts.places import places_facts

    return bool(places_facts(profile).outside(*BRAZIL))


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
        "LGPD Art 41 §1; Res. CD/ANPD 18/2024",
        "the data protection officer's (encarregado's) identity and contact",
        "business.dpo",
        kind="S/C",
        needed=lambda p: not small_agent(p),
    ),
    req(
        ID,
        "LGPD-03",
        "Res. CD/ANPD 19/2024",
        "a page in Portuguese on international transfers (purpose, destinations, controller, "
        "rights), with the full clauses given on request within 15 days",
        "international.brazil_transfer_page",
        kind="S/C",
        needed=transfers_abroad,
    ),
    req(
        ID,
        "LGPD-04",
        "LGPD Art 20",
        "the right to request review of decisions taken solely on automated processing, and "
        "clear information on their criteria and procedures on request",
        "none: fixed text (follows use.automated_decisions)",
        kind="F/C",
        needed=lambda p: any(d.solely_automated for d in p.use.automated_decisions),
    ),
    req(
        ID,
        "LGPD-05",
        "Res. CD/ANPD 2/2022 art. 11†; Res. 18/2024",
        "a communication channel for data subjects in place of an encarregado",
        "business.contact.email or business.contact.web_form",
        kind="S/C",
        needed=lambda p: small_agent(p) and p.business.dpo is None,
    ),
)


# LGPD Art 7: the legal hypotheses that match the answers' legal bases (the recognised
# legitimate interest is UK-only and has no LGPD counterpart).
LGPD_BASIS = {
    LegalBasis.CONSENT: "your consent (Article 7, I)",
    LegalBasis.LEGAL_OBLIGATION: "a legal or regulatory obligation (Article 7, II)",
    LegalBasis.CONTRACT: "performing a contract with you, or steps before one (Article 7, V)",
    LegalBasis.LEGITIMATE_INTERESTS: "our legitimate interests (Article 7, IX)",
}


def legal_bases(profile: StoreProfile) -> tuple[tuple[Purpose, str | None, str], ...]:
    """Each use with the LGPD hypothesis its answered legal basis falls under, and its
    details where the purpose serves more than one use (so the two can be told apart)."""
    repeated = Counter(use.purpose for use in profile.use.purposes)
    return tuple(
        (
            use.purpose,
            use.details if repeated[use.purpose] > 1 else None,
            LGPD_BASIS[use.legal_basis],
        )
        for use in profile.use.purposes
        if use.legal_basis in LGPD_BASIS
    )


def judge(profile: StoreProfile) -> Applicability:
    """Whether the LGPD applies, with the facts the Brazil section words."""
    verdict = applies(profile)
    if not verdict.applies:
        # Revenue is converted to reais only for a store the LGPD reaches.
        return verdict
    return Applicability(
        True,
        f"{verdict.reason} {small_agent_reason(profile)}",
        facts={"small_agent": small_agent(profile), "bases": legal_bases(profile)},
    )


# LGPD art. 48: a security incident that may cause relevant risk or damage is reported to the
# ANPD and the data subject.
LAW = Law(
    ID,
    NAME,
    judge,
    REQUIREMENTS,
    in_force=dt.date(2020, 9, 18),
    breach_authority="Brazil's data protection authority (ANPD)",
)
