"""The one way policygen writes a date for people: 'March 2, 2016' for a store in the
United States and the places that write English dates that way, '2 March 2016' elsewhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# English month names, spelled out here: strftime('%B') follows the process locale, so a
# policy built on a German machine would read 'März 2, 2016'.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# CLDR's long English date puts the month first only in en-US and the places that follow
# it: en-CA, en-PH, en-JP, en-MH, en-BI and the US territories ("MMMM d, y"); en-GB,
# en-AU, en-NZ, en-IE, en-IN, en-150 (Europe) and the rest write "d MMMM y".
# tests/test_hardening.py checks this list against Babel's CLDR data, which is not loaded
# here to keep start-up fast.
MONTH_FIRST = frozenset({"US", "CA", "PH", "JP", "MH", "BI", "PR", "GU", "VI", "AS", "MP", "UM"})

_DAY_FIRST: ContextVar[bool] = ContextVar("day_first", default=False)


def long_date(day: dt.date) -> str:
    """`March 2, 2016`, or `2 March 2016` inside ``dates_as_in`` a country that writes the
    day first; whatever the process locale."""
    month = MONTHS[day.month - 1]
    if _DAY_FIRST.get():
        return f"{day.day} {month} {day.year}"
    return f"{month} {day.day}, {day.year}"


@contextmanager
def dates_as_in(country: str) -> Iterator[None]:
    """Dates written while inside read as the store's country writes them in English (a
    Spanish or Australian store's policy says '1 January 2027')."""
    token = _DAY_FIRST.set(country not in MONTH_FIRST)
    try:
        yield
    finally:
        _DAY_FIRST.reset(token)
