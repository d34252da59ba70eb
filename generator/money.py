"""Money: the store's revenue in its own currency, converted for a law's threshold.

Every conversion happens here. A law compares the store's revenue in the currency its own
threshold is written in (Australia in AUD, Brazil in BRL, the US state laws in USD), through
``convert``. The rate is the owner's own (``business.revenue.rates``) where they gave one,
otherwise the dated reference rate in ``REFERENCE_RATES``; nothing is downloaded. What a
conversion did is kept on the result, so a reason can say which rate decided it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal

from generator.countries import home_currency
from generator.errors import PolicygenError
from generator.model.business import Revenue

# ECB euro foreign exchange reference rates of 31 December 2024 (European Central Bank,
# https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/
# and its eurofxref-hist time series): units of each currency per 1 euro. Cross rates
# between two other currencies go through the euro, as the ECB's own note on the rates
# describes. Refresh the date and every figure together, never one figure alone.
REFERENCE_DATE = dt.date(2024, 12, 31)
REFERENCE_SOURCE = f"ECB rate of {REFERENCE_DATE.isoformat()}"
REFERENCE_RATES: dict[str, Decimal] = {
    "EUR": Decimal(1),
    "USD": Decimal("1.0389"),  # US dollar, ECB 2024-12-31
    "JPY": Decimal("163.06"),  # Japanese yen, ECB 2024-12-31
    "CZK": Decimal("25.185"),  # Czech koruna, ECB 2024-12-31
    "DKK": Decimal("7.4578"),  # Danish krone, ECB 2024-12-31
    "GBP": Decimal("0.82918"),  # Pound sterling, ECB 2024-12-31
    "HUF": Decimal("411.35"),  # Hungarian forint, ECB 2024-12-31
    "PLN": Decimal("4.2750"),  # Polish zloty, ECB 2024-12-31
    "RON": Decimal("4.9743"),  # Romanian leu, ECB 2024-12-31
    "SEK": Decimal("11.4590"),  # Swedish krona, ECB 2024-12-31
    "CHF": Decimal("0.9412"),  # Swiss franc, ECB 2024-12-31
    "NOK": Decimal("11.7950"),  # Norwegian krone, ECB 2024-12-31
    "AUD": Decimal("1.6772"),  # Australian dollar, ECB 2024-12-31
    "BRL": Decimal("6.4253"),  # Brazilian real, ECB 2024-12-31
    "CAD": Decimal("1.4948"),  # Canadian dollar, ECB 2024-12-31
    "CNY": Decimal("7.5833"),  # Chinese yuan renminbi, ECB 2024-12-31
    "HKD": Decimal("8.0686"),  # Hong Kong dollar, ECB 2024-12-31
    "INR": Decimal("88.9335"),  # Indian rupee, ECB 2024-12-31
    "KRW": Decimal("1532.15"),  # South Korean won, ECB 2024-12-31
    "MXN": Decimal("21.5504"),  # Mexican peso, ECB 2024-12-31
    "NZD": Decimal("1.8532"),  # New Zealand dollar, ECB 2024-12-31
    "SGD": Decimal("1.4164"),  # Singapore dollar, ECB 2024-12-31
    "ZAR": Decimal("19.6188"),  # South African rand, ECB 2024-12-31
}

OWN_RATE_SOURCE = "the rate you gave"
RATES_FIELD = "business.revenue.rates"


class MoneyError(PolicygenError):
    """A conversion has no rate: neither the owner's nor a reference rate."""

    exit_code = 2


@dataclass(frozen=True)
class Rate:
    """How many units of ``to`` one unit of ``of`` is worth, and where that figure is from."""

    of: str
    to: str
    value: Decimal
    source: str

    def __str__(self) -> str:
        """'1.6772 AUD per EUR, ECB rate of 2024-12-31'."""
        pattern = "#,##0.####" if self.value >= Decimal("0.01") else "@@@@"
        shown = format_decimal(self.value, format=pattern, locale="en")
        return f"{shown} {self.to} per {self.of}, {self.source}"


@dataclass(frozen=True)
class Converted:
    """An amount in a law's currency, and the original amount and rate it came from."""

    amount: Decimal
    currency: str
    original: Decimal
    original_currency: str
    rate: Rate | None
    """None when no conversion was needed (the store's currency is the law's)."""

    def __str__(self) -> str:
        """'AUD 4,193,000 (EUR 2,500,000 at 1.6772 AUD per EUR, ECB rate of 2024-12-31)'."""
        shown = format_money(self.amount, self.currency)
        if self.rate is None:
            return shown
        given = format_money(self.original, self.original_currency)
        return f"{shown} ({given} at {self.rate})"


def format_money(amount: Decimal | int, currency: str) -> str:
    """A whole amount with its ISO code, as reasons print money: 'AUD 3,000,000'.

    Reasons are English, and every build words every law's reason: Python's own digit
    grouping gives what CLDR's English pattern ('¤¤ #,##0') gives, without loading the
    locale data (30 ms of each build). Policy text in other languages formats through
    Babel per locale."""
    return f"{currency} {int(Decimal(amount).to_integral_value()):,}"


def rate(of: str, to: str, own: dict[str, float] | None = None) -> Rate | None:
    """The rate from ``of`` to ``to``: the owner's own for ``to`` wins, else the reference
    cross rate through the euro; None when ``of`` is ``to``. Raises ``MoneyError``, naming
    the field to fill, when neither rate is known."""
    if of == to:
        return None
    if own and to in own:
        return Rate(of, to, Decimal(str(own[to])), OWN_RATE_SOURCE)
    if of in REFERENCE_RATES and to in REFERENCE_RATES:
        value = REFERENCE_RATES[to] / REFERENCE_RATES[of]
        return Rate(of, to, value, REFERENCE_SOURCE)
    raise MoneyError(
        f"{RATES_FIELD}: there is no reference rate from {of} to {to}; give your own, "
        f"for example rates: {{{to}: 1.5}} (how many {to} one {of} was worth)"
    )


def convert(
    amount: Decimal | int, currency: str, to: str, own: dict[str, float] | None = None
) -> Converted:
    """``amount`` of ``currency`` in ``to``, with the rate used (see ``rate``)."""
    used = rate(currency, to, own)
    original = Decimal(amount)
    value = original if used is None else original * used.value
    return Converted(value, to, original, currency, used)


def revenue_in(revenue: Revenue, to: str) -> Converted:
    """The store's revenue (``business.revenue``) in the currency ``to``."""
    if revenue.currency is None:
        raise MoneyError(
            "business.revenue.currency: not given, and the address's country has no currency "
            "to default to; give one, for example EUR or USD"
        )
    return convert(revenue.amount, revenue.currency, to, revenue.rates)


def answered_revenue_in(business: Any, to: str) -> Decimal | None:
    """For the wizard's expressions: the revenue answered so far in ``to``, reading an
    unanswered currency as the address country's; None where there is no rate yet."""
    revenue = business.revenue
    currency = revenue.currency or home_currency(business.address.country)
    if not currency:
        return None
    try:
        return convert(revenue.amount or 0, currency, to, revenue.rates or {}).amount
    except MoneyError:
        return None
