"""New Zealand: the Privacy Act 2020 and its information privacy principles (s.22), with
IPP 3A inserted by the Privacy Amendment Act 2025."""

from __future__ import annotations

import datetime as dt

from generator.facts.rights import promised_days
from generator.laws import gdpr
from generator.laws.base import Applicability, Law, as_of, established_in, req, sells_to
from generator.model import StoreProfile

ID = "new_zealand"
NAME = "New Zealand Privacy Act 2020"
NEW_ZEALAND = ("NZ",)
# s.2(2): the Act (other than a few sections) came into force on 1 December 2020.
IN_FORCE = dt.date(2020, 12, 1)
# Privacy Amendment Act 2025 (assent 23 September 2025): IPP 3A, notice of personal
# information collected from someone other than the individual, for information
# collected on or after 1 May 2026.
IPP_3A_FROM = dt.date(2026, 5, 1)
# s.44(1): an agency decides on an access or correction request, and tells the requester,
# as soon as reasonably practicable and no later than 20 working days after it receives it
# (s.48 lets it extend the limit, with notice).
RESPONSE_WORKING_DAYS = 20
# 20 working days are never fewer than four calendar weeks (s.7 "working day" leaves out
# weekends, public holidays and 25 December to 15 January), so a promise of 28 calendar
# days or fewer always falls inside the limit, and a longer one may not.
RESPONSE_CALENDAR_DAYS_SAFE = 28
# Part 5, s.70: anyone may complain to the Privacy Commissioner that an action of an
# agency is or appears to be an interference with their privacy.
COMMISSIONER = "the Office of the Privacy Commissioner"
COMMISSIONER_URL = "https://www.privacy.org.nz"


def applies(profile: StoreProfile) -> Applicability:
    # s.4(1)(a) and (2): a New Zealand agency (s.8: incorporated or with its principal place
    # of business in New Zealand; `established_in` is our nearest answer) for any action on
    # personal information it collects or holds, wherever it acts and wherever the people
    # are. s.4(1)(b): an overseas agency for what it does "in the course of carrying on
    # business in New Zealand", again wherever the information or the person is (s.4(2)).
    # s.4(3) says an agency may carry on business in New Zealand without a place of business
    # there, without being paid and without meaning to profit. We read selling to people in
    # New Zealand (business.sells_to_countries: NZ) as carrying on business there; tracking
    # visitors alone is not read as doing so.
    if established_in(profile, *NEW_ZEALAND):
        return Applicability(
            True,
            "The business is a New Zealand agency, so the Act covers all the personal "
            "information it holds, wherever the people are (s.4(1)(a), (2)).",
            facts=facts(profile, everyone=True),
        )
    if sells_to(profile, *NEW_ZEALAND):
        return Applicability(
            True,
            "The store sells to people in New Zealand, which is carrying on business there "
            "(s.4(1)(b), (3)).",
            facts=facts(profile, everyone=False),
        )
    return Applicability(False, "The store neither is based in nor sells to New Zealand.")


def facts(profile: StoreProfile, *, everyone: bool) -> dict[str, object]:
    return {
        # s.4(2): a New Zealand agency is bound for everyone's information.
        "everyone": everyone,
        "commissioner": COMMISSIONER,
        "commissioner_url": COMMISSIONER_URL,
        "response_working_days": RESPONSE_WORKING_DAYS,
        "ipp3a": indirect_notice_due(profile),
        "outside": held_outside(profile),
        "own_terms_only": own_terms_only(profile),
        "indirect": gdpr.indirect_sources(profile),
        # The general rights section's promise may pass s.44's limit: it then names it.
        "slower_promise": response_too_slow(promised_days(profile)),
    }


def indirect_notice_due(profile: StoreProfile) -> bool:
    """IPP 3A binds information collected from 1 May 2026, the policy's date or the check's."""
    return as_of(profile) >= IPP_3A_FROM


def collects_indirectly(profile: StoreProfile) -> bool:
    """IPP 3A(1): some personal information comes from someone other than the person.

    The same sources GDPR Art 14 counts (``gdpr.collects_indirectly``): a category's
    sources other than the person, their device, and the store's own records of its
    dealings with them.
    """
    return gdpr.collects_indirectly(profile)


def held_outside(profile: StoreProfile) -> tuple[str, ...]:
    """Countries outside New Zealand where the personal information is held or sent."""
    from generator.facts.places import places_facts

    return places_facts(profile).outside(*NEW_ZEALAND)


def own_terms_only(profile: StoreProfile) -> tuple[str, ...]:
    """The countries where data goes to recipients bound only by their own terms (an ad
    platform that uses it for itself): neither comparable safeguards nor the person's
    authorisation, which is all IPP 12(1) allows, so the policy cannot say the store
    discloses only as it allows."""
    from generator.model.vocab import Safeguard

    return tuple(
        dict.fromkeys(
            t.destination
            for t in profile.international.transfers
            if t.safeguard is Safeguard.RECIPIENT_TERMS and t.destination not in NEW_ZEALAND
        )
    )


def response_too_slow(days: int | None) -> bool:
    """A promised answer time that may pass s.44's 20 working days."""
    return days is not None and days > RESPONSE_CALENDAR_DAYS_SAFE


REQUIREMENTS = (
    req(
        ID,
        "NZ-01",
        "Privacy Act 2020 s.22, IPP 3(1)",
        "at collection: that information is collected and why, its intended recipients, the "
        "name and address of the agency collecting and holding it, whether giving it is "
        "voluntary or mandatory and what happens if it is not given, and the rights of "
        "access and correction",
        "business.legal_name and business.address; collection.items[].necessity",
        kind="S/F",
    ),
    req(
        ID,
        "NZ-02",
        "Privacy Act 2020 s.22, IPP 3A (Privacy Amendment Act 2025)",
        "for information collected from someone other than the person: that it was "
        "collected, why, its intended recipients, the agencies collecting and "
        "holding it, any law that authorises or requires the collection, and the rights of "
        "access and correction",
        "collection.items[].sources",
        kind="S/C",
        needed=collects_indirectly,
        since=IPP_3A_FROM,
    ),
    req(
        ID,
        "NZ-03",
        "Privacy Act 2020 s.22, IPP 12; s.11",
        "personal information held or disclosed outside New Zealand: the countries, and that "
        "it is disclosed overseas only where IPP 12 allows (comparable safeguards, or the "
        "person's authorisation after being told it may not be protected comparably)",
        "business.data_stored_in and international.transfers; for a transfer bound only by "
        "the recipient's own terms, a contract requiring comparable safeguards (safeguard: "
        "provider_contract) or the person's authorisation (safeguard: consent)",
        kind="S/C",
        needed=lambda p: bool(held_outside(p)),
    ),
    req(
        ID,
        "NZ-04",
        "Privacy Act 2020 IPPs 6-7; ss.44, 48",
        "the rights to ask for access to and correction of personal information, and that a "
        "request is decided within 20 working days",
        "none: fixed text (rights.response_days, if given, at most 28 days)",
        kind="F",
    ),
    req(
        ID,
        "NZ-05",
        "Privacy Act 2020 s.70",
        "the right to complain to the Privacy Commissioner",
        "none: fixed text",
        kind="F",
    ),
)

# Privacy Act 2020 ss.114-115: a notifiable privacy breach (serious harm) goes to the
# Commissioner and the people affected.
LAW = Law(
    ID,
    NAME,
    applies,
    REQUIREMENTS,
    in_force=IN_FORCE,
    breach_authority="New Zealand's Privacy Commissioner",
)
