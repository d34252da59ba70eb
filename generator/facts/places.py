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
    other_law: tuple[str, ...] = ()
    """Countries the store sells to whose privacy law differs from that of every country
    the data is stored in. The EEA counts as one place: the GDPR applies across it (Art 3,
    and the EEA Agreement's Annex XI), so a Belgian's data kept in France keeps the same law."""

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
    home = {_law_area(c) for c in stored}
    other = tuple(c for c in profile.business.sells_to_countries if _law_area(c) not in home)
    return PlacesFacts(stored, sent, other)


def _law_area(country: str) -> str:
    from generator.countries import EEA

    return "EEA" if country in EEA else country
