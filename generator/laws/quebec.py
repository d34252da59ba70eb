"""Québec: Act respecting the protection of personal information in the private sector
(CQLR c P-39.1) as amended by Law 25 (2021, c. 25), and the Charter of the French language."""

from __future__ import annotations

import datetime as dt

from generator.countries import province_code
from generator.laws.base import (
    Applicability,
    Law,
    profiles_visitors,
    reaches,
    req,
)
from generator.model import StoreProfile, vocab
from generator.model.vocab import BannerAudience, CookieKind, Purpose

_PROFILING = frozenset({CookieKind.ANALYTICS, CookieKind.ADVERTISING})

ID = "quebec"
NAME = "Québec Law 25"
# Law 25 came into force in three phases: September 22, 2022, 2023 and 2024 (s.166).
PHASE_2 = dt.date(2023, 9, 22)
PHASE_3 = dt.date(2024, 9, 22)


def reaches_quebec(profile: StoreProfile) -> bool:
    """Sells to Canada (all provinces unless limited) including Québec, or is based there."""
    address = profile.business.address
    if address.country == "CA" and province_code(address.region) == "QC":
        return True
    if not reaches(profile, "CA"):
        return False
    provinces = profile.business.sells_to_ca_provinces
    return provinces is None or "QC" in provinces


def applies(profile: StoreProfile) -> Applicability:
    # P-39.1 s.1: any enterprise collecting, holding, using or communicating personal
    # information of people in Québec; no size threshold.
    if reaches_quebec(profile):
        return Applicability(True, "The store collects personal information of people in Québec.")
    return Applicability(False, "The store does not sell to people in Québec.")


def identifies_locates_or_profiles(profile: StoreProfile) -> bool:
    """ss.8.1, 9.1: technology that can identify, locate or profile the person."""
    return profiles_visitors(profile) or profile.uses_for(Purpose.PERSONALIZATION)


def tracking_technology(profile: StoreProfile) -> tuple[str, ...]:
    """The technologies s.8.1 asks to be named, in words."""
    if not identifies_locates_or_profiles(profile):
        return ()
    named = [
        tool.name for tool in profile.cookies.tools if tool.kind in _PROFILING and tool.sets_cookies
    ]
    kinds = [f"{vocab.label(k)} cookies" for k in profile.cookies.kinds if k in _PROFILING]
    if profile.uses_for(Purpose.PERSONALIZATION):
        kinds.append("personalised recommendations")
    return tuple(dict.fromkeys(named + kinds)) or ("advertising technology",)


def judge(profile: StoreProfile) -> Applicability:
    verdict = applies(profile)
    return Applicability(
        verdict.applies,
        verdict.reason,
        facts={
            "tracking": tracking_technology(profile),
            # s.8.1: the functions are off until the person turns them on; a banner for
            # Québec's visitors (or for everyone) that asks first does that.
            "tracking_off_by_default": profile.cookies.banner_shown_in(BannerAudience.QUEBEC),
        },
    )


REQUIREMENTS = (
    req(
        ID,
        "QC-01",
        "P-39.1 s.3.1",
        "the title and contact information of the person in charge of the protection of "
        "personal information",
        "business.privacy_officer (a title or name, and an email or postal address)",
    ),
    req(
        ID,
        "QC-02",
        "P-39.1 s.3.2",
        "the governance policies in clear terms: retention and destruction, staff roles over the "
        "life cycle, and the complaint-handling process",
        "security.staff_roles and rights.complaints.process",
        since=PHASE_2,
    ),
    req(
        ID,
        "QC-03",
        "P-39.1 s.8",
        "purposes; means of collection; rights of access and rectification; the right to "
        "withdraw consent; who receives the data; that it may be communicated outside Québec",
        "rights.rights (access and correct)",
        since=PHASE_2,
    ),
    req(
        ID,
        "QC-04",
        "P-39.1 ss.8.1, 9.1",
        "each technology that can identify, locate or profile the person, that it is off by "
        "default, and how to turn it on",
        # s.8.1 asks that the person be told how to activate the functions; a banner that
        # leaves them off until the visitor turns them on does that (a settings link helps).
        "cookies.consent_banner: true and cookies.banner_for: everyone or quebec (tracking off "
        "until the visitor agrees)",
        kind="S/C",
        needed=identifies_locates_or_profiles,
        since=PHASE_2,
    ),
    req(
        ID,
        "QC-05",
        "P-39.1 s.8.2†",
        "this policy is the confidentiality policy published on the website in clear and simple "
        "terms, and amendments are announced",
        "policy.change_notice",
        since=PHASE_2,
    ),
    req(
        ID,
        "QC-06",
        "P-39.1 s.12.1",
        "decisions based exclusively on automated processing: that the person is told; on "
        "request the data used, the reasons and principal factors, and the right to correct; "
        "observations to a staff member who can review",
        "none: fixed text (follows use.automated_decisions)",
        kind="S/C",
        needed=lambda p: any(d.solely_automated for d in p.use.automated_decisions),
        since=PHASE_2,
    ),
    req(
        ID,
        "QC-07",
        "P-39.1 s.27",
        "the right to receive computerized personal information in a structured, commonly used "
        "format, and to have it sent to another person or body",
        "none: fixed text",
        kind="F",
        since=PHASE_3,
    ),
    req(
        ID,
        "QC-08",
        "P-39.1 ss.42, 81†",
        "the right to take a disagreement or complaint to the Commission d'accès à "
        "l'information du Québec",
        "none: fixed text",
        kind="F",
    ),
    req(
        ID,
        "QC-09",
        "Charter of the French language (CQLR c C-11) ss.52, 55†",
        "a French version of the policy and consent texts, at least as available as any other",
        "policy.french_version (or policy.language: fr)",
        kind="F/C",
    ),
)

# P-39.1 s.3.5: a confidentiality incident presenting a risk of serious injury is reported to
# the Commission and the people concerned.
LAW = Law(
    ID,
    NAME,
    judge,
    REQUIREMENTS,
    in_force=dt.date(2022, 9, 22),
    breach_authority="the Commission d'accès à l'information du Québec",
)
