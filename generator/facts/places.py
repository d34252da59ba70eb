"""Where personal data goes: the countries it is stored in and those it is sent to.

One list, so that a section saying "we store it in Canada" can never sit beside a
transfers section sending it to the United States (PIPEDA Principle 4.1.3 and the OPC's
cross-border guidance, APP 1.4(f)-(g) "likely countries", LGPD Art 33, GDPR Art 13(1)(f)).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from generator.model import StoreProfile


class PlacesFacts(NamedTuple):
    stored_in: tuple[str, ...]
    """Countries the store keeps data in (its answer), in its order."""
    sent_to: tuple[str, ...]
    """Countries named as transfer destinations, in their order, not already stored in."""

    @property
    def all(self) -> tuple[str, ...]:
        return self.stored_in + self.sent_to

    def outside(self, *home: str) -> tuple[str, ...]:
        """Every country the data goes to outside ``home`` (country codes)."""
        return tuple(c for c in self.all if c not in home)


def places_facts(profile: StoreProfile) -> PlacesFacts:
    stored = tuple(dict.fromkeys(profile.business.data_stored_in))
    sent = tuple(
        dict.fromkeys(
            t.destination for t in profile.international.transfers if t.destination not in stored
        )
    )
    return PlacesFacts(stored, sent)
