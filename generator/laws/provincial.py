"""Canada's provincial private-sector laws: British Columbia's Personal Information
Protection Act (SBC 2003, c. 63) and Alberta's Personal Information Protection Act
(SA 2003, c. P-6.5), each declared substantially similar to PIPEDA.

Who is reached. BC PIPA s.3(1) applies the Act to every organization, and s.3(2)(c) takes
out what PIPEDA ("the federal Act") governs; Alberta PIPA s.4(1) likewise applies to every
organization. PIPEDA's exemption orders (SOR/2004-220 for BC, SOR/2004-219 for Alberta)
exempt an organization to which the provincial Act applies only "in respect of the
collection, use and disclosure of personal information that occurs within the Province".
So an online store based in BC or Alberta answers to its province's Act for what it collects
there, and to PIPEDA for people in other provinces and for information that crosses a
provincial or national border (OPC, "Questions and Answers regarding the application of
PIPEDA, Alberta and British Columbia's Personal Information Protection Acts", 2004).

A store based elsewhere that only sells to people in BC or Alberta collects across a
border, which is PIPEDA's, so neither provincial Act is claimed for it (the OPC told
Parliament that a complaint about an organization in another province collecting from a
BC resident goes to the federal Commissioner). The provincial commissioners have asserted
jurisdiction over foreign organizations with a "real and substantial connection" to the
province (the Clearview AI investigations); that reach is not assumed here for a store.

Where the store is "based" is its address's province. The model has no per-province list
of offices, so a store with an office in BC but its address elsewhere is not recognised:
say so in its address, or the law is missed (unanswerable until such a field exists).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from generator.countries import CANADA, province_code
from generator.laws.base import Applicability, Law, req
from generator.model import StoreProfile


class Regulator(NamedTuple):
    name: str
    url: str


OPC = Regulator("Office of the Privacy Commissioner of Canada", "https://www.priv.gc.ca")


class Province(NamedTuple):
    """What a provincial Act sets that a policy words: the law, its regulator, its deadline."""

    law_id: str
    code: str
    name: str
    act: str
    regulator: Regulator
    response_days: int
    """The Act's time to answer a request for access (before any extension it allows)."""
    business_days: bool
    """Whether the Act's "day" leaves out weekends and holidays."""
    longest_calendar_days: int
    """The most calendar days ``response_days`` can be shorter than: a store's own promise
    in calendar days no longer than this is always inside the Act's time."""


BC = Province(
    law_id="bc_pipa",
    code="BC",
    name="British Columbia",
    act="Personal Information Protection Act (British Columbia)",
    regulator=Regulator(
        "Office of the Information and Privacy Commissioner for British Columbia",
        "https://www.oipc.bc.ca",
    ),
    # s.29(1): respond not later than 30 days after receiving the request; s.1: "day" does
    # not include a holiday or a Saturday, and the Interpretation Act (RSBC 1996, c. 238)
    # s.29 makes Sunday a holiday. Thirty such days are six whole weeks of weekdays, so
    # never fewer than 42 calendar days (holidays only add to that).
    response_days=30,
    business_days=True,
    longest_calendar_days=42,
)

ALBERTA = Province(
    law_id="alberta_pipa",
    code="AB",
    name="Alberta",
    act="Personal Information Protection Act (Alberta)",
    regulator=Regulator(
        "Office of the Information and Privacy Commissioner of Alberta", "https://oipc.ab.ca"
    ),
    # s.28(1)†: respond not later than 45 days from receiving the request. Alberta PIPA
    # defines no "day" of its own, so these are calendar days (Interpretation Act, RSA 2000,
    # c. I-8; not confirmed here).
    response_days=45,
    business_days=False,
    longest_calendar_days=45,
)

PROVINCES = (BC, ALBERTA)


def home_province(profile: StoreProfile) -> str | None:
    """The province or territory code of the store's address in Canada, else None."""
    address = profile.business.address
    if address.country not in CANADA:
        return None
    return province_code(address.region)


class AbroadPlace(NamedTuple):
    """A country outside Canada that personal information goes to, and who handles it there."""

    country: str
    recipients: str | None
    """Who receives it there, as the store's transfers answer says (None: not answered)."""
    stored: bool
    """The store keeps data there (its ``data_stored_in`` answer)."""


def outside_canada(profile: StoreProfile) -> tuple[AbroadPlace, ...]:
    """Each country outside Canada that personal information goes to, in the policy's order.

    Built from the same places the rest of the policy names (``places_facts``), so this list
    can never disagree with the section on international transfers.
    """
    from generator.facts.places import places_facts

    places = places_facts(profile)
    named: dict[str, str] = {}
    for transfer in profile.international.transfers:
        if transfer.recipients and transfer.destination not in named:
            named[transfer.destination] = transfer.recipients
    return tuple(
        AbroadPlace(country, named.get(country), country in places.stored_in)
        for country in places.outside(*CANADA)
    )


def promise_too_slow(profile: StoreProfile, province: Province) -> bool:
    """The store's own answer deadline (when it gave one) may run past the Act's.

    A promise in calendar days is compared with the fewest calendar days the Act's time can
    be, so a promise that is sometimes inside and sometimes outside it counts as too slow.
    """
    rights = profile.rights
    if "response_days" not in rights.model_fields_set:
        return False
    return rights.response_days > province.longest_calendar_days


def _facts(profile: StoreProfile, province: Province) -> Mapping[str, Any]:
    rights = profile.rights
    promise = rights.response_days if "response_days" in rights.model_fields_set else None
    return MappingProxyType(
        {
            "province": province,
            "promise": promise,
            "promise_within": promise is not None and not promise_too_slow(profile, province),
            "outside_canada": outside_canada(profile),
            "federal": OPC,
        }
    )


def _judge(province: Province) -> Any:
    def applies(profile: StoreProfile) -> Applicability:
        if home_province(profile) == province.code:
            return Applicability(
                True,
                f"The business is based in {province.name}; the Act governs what it collects, "
                f"uses and discloses in {province.name} (PIPEDA governs the rest).",
                facts=_facts(profile, province),
            )
        return Applicability(
            False,
            f"The business is not based in {province.name} (selling to people there from "
            "elsewhere is collection across a border, which PIPEDA governs).",
        )

    return applies


# Citations marked † name the section from secondary sources (the OIPC guides, law-firm
# bulletins); the statute's own text was not at hand to confirm the subsection number.
BC_ID = BC.law_id
AB_ID = ALBERTA.law_id

BC_REQUIREMENTS = (
    req(
        BC_ID,
        "BCP-01",
        "BC PIPA s.4(3), (5)†; s.10(1)(b)",
        "the position name or title and contact information of the individual responsible "
        "for the organization's compliance (the privacy officer), who answers questions "
        "about the collection",
        "business.privacy_officer (a name or title, and an email or postal address)",
    ),
    req(
        BC_ID,
        "BCP-02",
        "BC PIPA s.10(1)(a)",
        "the purposes for which personal information is collected, disclosed on or before "
        "collection",
        "use.purposes",
        kind="F",
    ),
    req(
        BC_ID,
        "BCP-03",
        "BC PIPA ss.23, 24, 29; s.1 'day'",
        "the right to access and correct personal information, and that a request is "
        "answered within 30 days, which leave out Saturdays and holidays (business days)",
        "none: fixed text (rights.response_days, if given, no more than 42 calendar days)",
        kind="F",
    ),
    req(
        BC_ID,
        "BCP-04",
        "BC PIPA s.5; ss.36(2), 46-47",
        "how to complain to the organization, and that a complaint or a request for review "
        "can go to the Office of the Information and Privacy Commissioner for British "
        "Columbia",
        "none: fixed text",
        kind="F",
    ),
)

AB_REQUIREMENTS = (
    req(
        AB_ID,
        "ABP-01",
        "Alberta PIPA s.5(3)†; s.13(1)(b)",
        "the name or position of a person who can answer questions about the collection on "
        "the organization's behalf (the privacy officer)",
        "business.privacy_officer (a name or title, and an email or postal address)",
    ),
    req(
        AB_ID,
        "ABP-02",
        "Alberta PIPA s.6(2)†; s.13.1",
        "for service providers outside Canada: the countries where they collect, use, "
        "disclose or store personal information, the purposes they are authorized for, how "
        "to get written information about those policies and practices, and who can answer "
        "questions about them",
        "business.data_stored_in and international.transfers (destination and recipients)",
        kind="S/C",
        needed=lambda p: bool(outside_canada(p)),
        # Personal Information Protection Amendment Act, 2009 (Bill 54), in force May 1, 2010.
        since=dt.date(2010, 5, 1),
    ),
    req(
        AB_ID,
        "ABP-03",
        "Alberta PIPA ss.24, 25, 28†",
        "the right to access and correct personal information, and that a request is "
        "answered within 45 days",
        "none: fixed text (rights.response_days, if given, no more than 45)",
        kind="F",
    ),
    req(
        AB_ID,
        "ABP-04",
        "Alberta PIPA ss.36, 46-47†",
        "that a complaint or a request for review can go to the Office of the Information and "
        "Privacy Commissioner of Alberta",
        "none: fixed text",
        kind="F",
    ),
)

# Alberta PIPA s.34.1 (breach notice to the Commissioner where a reasonable person would
# consider there is a real risk of significant harm) is a duty to act, not something a
# policy must say, so it is no requirement here; BC PIPA has no breach-notice duty.

BC_LAW = Law(BC_ID, "BC PIPA", _judge(BC), BC_REQUIREMENTS, in_force=dt.date(2004, 1, 1))
# Alberta PIPA s.34.1 (from 2010-05-01): a loss or unauthorized access with a real risk of
# significant harm is reported to the Commissioner. BC PIPA has no such duty.
AB_LAW = Law(
    AB_ID,
    "Alberta PIPA",
    _judge(ALBERTA),
    AB_REQUIREMENTS,
    in_force=dt.date(2004, 1, 1),
    breach_authority="the Information and Privacy Commissioner of Alberta",
)
