"""The one way policygen writes a date for people: 'March 2, 2016'."""

from __future__ import annotations

import datetime as dt

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


def long_date(day: dt.date) -> str:
    """`March 2, 2016`, whatever the process locale."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
