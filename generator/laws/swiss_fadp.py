"""Switzerland: the revised Federal Act on Data Protection (FADP, SR 235.1) and the Data
Protection Ordinance (DPO, SR 235.11), in force from 1 September 2023."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from generator.countries import EEA
from generator.facts.rights import promised_days
from generator.laws import gdpr
from generator.laws.base import Applicability, Law, as_of, established_in, req, territorial
from generator.model import StoreProfile
from generator.model.vocab import Safeguard

ID = "swiss_fadp"
NAME = "Swiss FADP"
SWITZERLAND = ("CH",)
IN_FORCE = dt.date(2023, 9, 1)
# DPO Art 18(1): access is given within 30 days of receiving the request (Art 18(2): if it
# cannot be, the controller says so and gives the time it will take).
ACCESS_DAYS = 30
# FADP Art 4, 49: the Federal Data Protection and Information Commissioner, to whom anyone
# may report a breach of data protection rules; the FDPIC decides whether to investigate,
# and the person reporting is not a party (Art 49(1), (4)).
FDPIC = "the Federal Data Protection and Information Commissioner (FDPIC)"
FDPIC_URL = "https://www.edoeb.admin.ch"

# FADP Art 16(1) and DPO Art 8, Annex 1: the States the Federal Council lists as giving an
# adequate level of protection. From the Federal Office of Justice's reproduction of Annex 1
# (https://www.bj.admin.ch/bj/en/home/staat/datenschutz/internationales/anerkennung-staaten.html)
# and Prighter's copy of the annex, read up to Malta here: the EEA states, Andorra,
# Argentina, Canada (where PIPEDA or a substantially similar provincial act applies, which
# is the case for commercial recipients), the Faroe Islands, Gibraltar, Guernsey, the Isle
# of Man, Israel and Jersey. The entries after Malta (Monaco, New Zealand, the United
# Kingdom, Uruguay) were not confirmed against the text here. The United States is listed
# only for recipients certified under the Swiss-U.S. Data Privacy Framework (from
# 15 September 2024), so it is adequate only where the transfer names the DPF.
ADEQUATE = frozenset(
    EEA | {"AD", "AR", "CA", "FO", "GI", "GG", "IM", "IL", "JE", "MC", "NZ", "GB", "UY"}
)
DPF_FROM = dt.date(2024, 9, 15)

# What each transfer tool the store names is under Swiss law. Art 16(2)(d): standard data
# protection clauses the FDPIC has approved, issued or recognised (it recognised the EU
# Commission's 2021 clauses, with Swiss adaptations, on 27 August 2021); Art 16(2)(e):
# binding corporate rules approved by the FDPIC; Art 17(1)(a): the person's express consent
# (an exception, named as such). A provider contract is a safeguard only if its data
# protection clauses were communicated to the FDPIC beforehand (Art 16(2)(b)), which the
# answers do not say, and the UK's tools are not Swiss ones.
_SWISS_TOOLS = {
    Safeguard.SCC: "standard contractual clauses recognised by the FDPIC",
    Safeguard.BCR: "binding corporate rules",
    Safeguard.CONSENT: "your express consent (an exception the FADP allows, Art. 17)",
    Safeguard.CONTRACT_NECESSITY: (
        "the need to perform a contract with you (an exception the FADP allows, Art. 17)"
    ),
}


class Destination(NamedTuple):
    """A country personal data goes to from Switzerland, and how it is protected there."""

    country: str
    adequate: bool
    """On the Federal Council's list (Annex 1 DPO), as the transfer is made."""
    tools: tuple[str, ...]
    """The Art 16(2) safeguards or Art 17 exceptions named for it, in words."""

    @property
    def protected(self) -> bool:
        return self.adequate or bool(self.tools)


def applies(profile: StoreProfile) -> Applicability:
    # FADP Art 3(1): the Act applies to circumstances that have an effect in Switzerland,
    # even if they were set in motion abroad. Selling to people in Switzerland, or tracking
    # and profiling visitors from there, has that effect; so does being established there.
    verdict = territorial(
        profile,
        SWITZERLAND,
        established="The business is established in Switzerland.",
        sells="The store sells to people in Switzerland, which has an effect there (Art. 3).",
        neither="The store neither is established in, sells to, nor tracks visitors from "
        "Switzerland.",
        monitoring="The store tracks and profiles visitors from Switzerland, which has an "
        "effect there (Art. 3).",
    )
    if not verdict.applies:
        return verdict
    return Applicability(True, verdict.reason, facts=facts(profile))


def destinations(profile: StoreProfile) -> tuple[Destination, ...]:
    """Art 19(4): every State outside Switzerland the data is stored in or sent to, from the
    store's own places (``facts.places``), with the Swiss footing of each."""
    from generator.facts.places import places_facts

    out = []
    for country in places_facts(profile).outside(*SWITZERLAND):
        named = [t.safeguard for t in profile.international.transfers if t.destination == country]
        dpf = country == "US" and Safeguard.DPF in named and as_of(profile) >= DPF_FROM
        adequate = (country in ADEQUATE) or dpf
        tools = tuple(dict.fromkeys(_SWISS_TOOLS[s] for s in named if s in _SWISS_TOOLS))
        out.append(Destination(country, adequate, () if adequate else tools))
    return tuple(out)


def unprotected(profile: StoreProfile) -> tuple[str, ...]:
    """Destinations neither on the Swiss list nor covered by a Swiss safeguard or exception."""
    return tuple(d.country for d in destinations(profile) if not d.protected)


def high_risk_signs(profile: StoreProfile) -> tuple[str, ...]:
    """What in the answers points to processing with a high risk to people's personality
    (Art 14(1)(d)); the FDPIC names the volume and kind of data, sensitive data above all,
    and its purpose. Sensitive data in the FADP's sense (Art 5(c): health, origin, beliefs,
    genetic and biometric data ...) and significant decisions by computer (high-risk
    profiling, Art 5(g)) are what the answers can show; selling personal data is counted too.
    A store that sells to Switzerland is taken to process regularly (Art 14(1)(c)); the
    scale (Art 14(1)(b)) is the owner's to judge, and the wizard's question says so."""
    from generator.facts.sensitive import DEFINITION_OF_LAW, collected_kinds

    signs = []
    if DEFINITION_OF_LAW[ID] & set(collected_kinds(profile)):
        signs.append("collects sensitive personal data")
    if profile.significant_computer_decisions:
        signs.append("makes significant decisions by computer")
    if profile.sells_data:
        signs.append("sells personal data")
    return tuple(signs)


def needs_representative(profile: StoreProfile) -> bool:
    """Art 14(1): a controller with its seat abroad that offers goods to people in Switzerland,
    regularly, on a large scale and with a high risk, appoints a Swiss representative. One
    already named is published (Art 14(3)) whatever the judgment."""
    if established_in(profile, *SWITZERLAND):
        return False
    return profile.business.swiss_representative is not None or bool(high_risk_signs(profile))


def response_too_slow(days: int | None) -> bool:
    """A promised answer time longer than DPO Art 18's 30 days."""
    return days is not None and days > ACCESS_DAYS


def facts(profile: StoreProfile) -> dict[str, object]:
    return {
        "destinations": destinations(profile),
        "unprotected": unprotected(profile),
        "indirect": gdpr.indirect_sources(profile),
        "fdpic": FDPIC,
        "fdpic_url": FDPIC_URL,
        "access_days": ACCESS_DAYS,
        "established": established_in(profile, *SWITZERLAND),
        # The general rights section's promise may pass DPO Art 18's limit: it then names it.
        "slower_promise": response_too_slow(promised_days(profile)),
    }


REQUIREMENTS = (
    req(
        ID,
        "CH-01",
        "FADP Art. 19(2)",
        "the controller's identity and contact details, the purposes, and the recipients or "
        "categories of recipients",
        "business.legal_name, business.address and business.contact",
        kind="S/F",
    ),
    req(
        ID,
        "CH-02",
        "FADP Art. 19(4), 16-17; DPO Annex 1",
        "each State outside Switzerland the data goes to and, where it is not on the Federal "
        "Council's list, the Art. 16(2) safeguard or the Art. 17 exception relied on",
        "business.data_stored_in and international.transfers (a safeguard such as scc, bcr, or "
        "dpf for a certified US recipient, for each destination not on the Swiss list)",
        kind="S/C",
        needed=lambda p: bool(destinations(p)),
    ),
    req(
        ID,
        "CH-03",
        "FADP Art. 14-15",
        "the name and address of the representative in Switzerland",
        "business.swiss_representative (name, and a postal address in contact.postal)",
        kind="S/C",
        needed=needs_representative,
    ),
    req(
        ID,
        "CH-04",
        "FADP Art. 25, 28, 32; DPO Art. 18",
        "the rights of access (answered within 30 days), data portability, and correction, "
        "deletion and objection",
        "none: fixed text (rights.response_days, if given, at most 30 days)",
        kind="F",
    ),
    req(
        ID,
        "CH-05",
        "FADP Art. 49",
        "that a breach of the data protection rules can be reported to the FDPIC",
        "none: fixed text",
        kind="F",
    ),
    req(
        ID,
        "CH-06",
        "FADP Art. 19(3)",
        "the categories of personal data not collected from the person",
        "collection.items[].sources",
        kind="S/C",
        needed=gdpr.collects_indirectly,
    ),
)


# FADP Art 24: a breach likely to result in a high risk is reported to the FDPIC.
LAW = Law(
    ID,
    NAME,
    applies,
    REQUIREMENTS,
    in_force=IN_FORCE,
    breach_authority="Switzerland's Federal Data Protection and Information Commissioner",
)
