"""Australia: Privacy Act 1988 (Cth) and the Australian Privacy Principles (Sch. 1)."""

from __future__ import annotations

import datetime as dt

from generator.laws.base import Applicability, Law, reaches, req
from generator.model import StoreProfile
from generator.money import Converted, format_money, revenue_in

ID = "australia"
NAME = "Australian Privacy Principles"
AUSTRALIA = ("AU",)
# Privacy Act s.6D(1): a small business has an annual turnover of AUD 3,000,000 or less.
SMALL_BUSINESS_TURNOVER = 3_000_000
TURNOVER_CURRENCY = "AUD"
# APP 1.7-1.9 (Privacy and Other Legislation Amendment Act 2024, Sch. 1 Pt 15):
# automated decisions in the privacy policy from December 10, 2026.
AUTOMATED_DECISIONS_FROM = dt.date(2026, 12, 10)


def trades_in_personal_information(profile: StoreProfile) -> bool:
    """s.6D(4)(c)-(d): discloses personal information for a benefit, or pays to collect it,
    other than with consent (s.6D(7)-(8))."""
    sells = any(r.sale and not r.with_consent_only for r in profile.sharing.recipients)
    return sells or profile.buys_personal_data


def small_business_exception(profile: StoreProfile) -> str | None:
    """Why a small business is still covered (s.6D(4)), or None."""
    if profile.business.provides_health_service:
        return "provides a health service and holds health information (s.6D(4)(b))"
    if trades_in_personal_information(profile):
        return "trades in personal information (s.6D(4)(c)-(d))"
    if profile.business.commonwealth_contractor:
        return "is a Commonwealth contracted service provider (s.6D(4)(e))"
    return None


def turnover(profile: StoreProfile) -> Converted:
    """The store's annual turnover in Australian dollars (s.6D(1) counts it in AUD)."""
    return revenue_in(profile.business.revenue, TURNOVER_CURRENCY)


def applies(profile: StoreProfile) -> Applicability:
    # s.5B(3): an organisation carrying on business in Australia.
    if not reaches(profile, *AUSTRALIA):
        return Applicability(False, "The store does not do business in Australia.")
    limit = format_money(SMALL_BUSINESS_TURNOVER, TURNOVER_CURRENCY)
    amount = turnover(profile)
    if amount.amount > SMALL_BUSINESS_TURNOVER:
        return Applicability(
            True,
            f"The store does business in Australia with turnover of {amount}, above {limit} "
            "(s.6D(1)).",
        )
    exception = small_business_exception(profile)
    if exception:
        return Applicability(
            True, f"The store does business in Australia and, though small, {exception}."
        )
    return Applicability(
        False,
        f"With turnover of {amount}, not above {limit}, the store is a small business (s.6D(1)), "
        "exempt unless s.6D(4) catches it (health service, trading in personal information, "
        "Commonwealth contract).",
    )


REQUIREMENTS = (
    req(
        ID,
        "APP-01",
        "Privacy Act 1988 Sch. 1, APP 1.4",
        "kinds of personal information; how it is collected and held; purposes; access and "
        "correction; complaints; overseas disclosure and the likely countries",
        "collection.items, rights and business.data_stored_in",
    ),
    req(
        ID,
        "APP-02",
        "APP 1.7-1.9 (Privacy and Other Legislation Amendment Act 2024)",
        "the kinds of personal information used by programs that make, or help make, decisions "
        "that could significantly affect people, and the kinds of such decisions",
        "use.automated_decisions[].categories",
        kind="S/C",
        needed=lambda p: bool(p.significant_computer_decisions),
        since=AUTOMATED_DECISIONS_FROM,
    ),
)

# Privacy Act 1988 (Cth) Part IIIC, s.26WK-26WL: eligible data breaches go to the
# Commissioner and the people at risk of serious harm.
LAW = Law(
    ID,
    NAME,
    applies,
    REQUIREMENTS,
    in_force=dt.date(2014, 3, 12),
    breach_authority="the Office of the Australian Information Commissioner",
)
