"""The languages a store sells in and the one this notice is written in.

Minnesota (Minn. Stat. §325M.16†) and Montana (§30-14-2812†, SB 297) want the notice in
every language the store sells in; the CCPA regulations want it in the languages the
business ordinarily uses with consumers (11 CCR §7003(b)(2)). The policy can only say
what the owner answered: which languages the store sells in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from generator.model import StoreProfile


class LanguageFacts(NamedTuple):
    notice: str
    """The language this notice is written in (ISO 639-1)."""
    selling: tuple[str, ...]
    """Every language the store sells in, as answered (empty: not answered)."""
    untranslated: tuple[str, ...]
    """Languages the store sells in that this notice is not written in."""


def language_facts(profile: StoreProfile) -> LanguageFacts:
    """The notice's language and the selling languages it does not cover."""
    notice = profile.policy.language.split("-")[0]
    selling = tuple(dict.fromkeys(profile.policy.selling_languages))
    return LanguageFacts(notice, selling, tuple(x for x in selling if x != notice))
