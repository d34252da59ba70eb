"""The rights a store offers and how each is used: which requests are verified, and how.

Only requests to know (access, portability), correct and delete are identity-checked.
Requests to opt out of sale, sharing or targeted ads, to limit sensitive data, to object or
to withdraw consent need no verification (Cal. Civ. Code §1798.135(c)(1); 11 CCR
§7026(d), §7027(e); GDPR Art 7(3), 21(2) ask for nothing more than the request), so the
policy never says that every request is verified.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from generator.model.vocab import Right

if TYPE_CHECKING:
    from generator.model import StoreProfile

VERIFIED = frozenset({Right.ACCESS, Right.PORTABILITY, Right.CORRECT, Right.DELETE})
UNVERIFIED = frozenset(
    {
        Right.OPT_OUT_SALE_SHARING,
        Right.OPT_OUT_TARGETED_ADS,
        Right.OPT_OUT_PROFILING,
        Right.LIMIT_SENSITIVE,
        Right.OBJECT,
        Right.WITHDRAW_CONSENT,
    }
)


# Requests a US privacy law forbids making people verify: opting out of sale or sharing
# (11 CCR §7026(d)) and limiting sensitive data (11 CCR §7027(e)); the state acts treat
# opt-out requests the same way (e.g. Colo. Rev. Stat. §6-1-1306(1)(a)(IV)(B), unconfirmed
# for each state). The GDPR frees no request from a check where identity is in reasonable
# doubt (Art 12(6)), so objecting and withdrawing consent are not promised check-free.
NO_CHECK_BY_LAW = frozenset(
    {
        Right.OPT_OUT_SALE_SHARING,
        Right.OPT_OUT_TARGETED_ADS,
        Right.OPT_OUT_PROFILING,
        Right.LIMIT_SENSITIVE,
    }
)


# The statutory link titles (Cal. Civ. Code §1798.135(a)(1)-(2); 11 CCR §7013(f), §7014(f)),
# and the one alternative link a business may show instead of both (§1798.135(a)(3); 11 CCR
# §7015(a): titled "Your Privacy Choices" or "Your California Privacy Choices", opening a
# page that offers both the opt-out and the limit).
DO_NOT_SELL_LINK = "Do Not Sell or Share My Personal Information"
LIMIT_LINK = "Limit the Use of My Sensitive Personal Information"
ALTERNATIVE_LINK_TITLES = ("Your Privacy Choices", "Your California Privacy Choices")


class Links(NamedTuple):
    """The words of the store's opt-out and limit links, as the whole policy names them."""

    opt_out: str
    limit: str


def links(profile: StoreProfile) -> Links:
    """The link names the policy may print: the store's own "Your Privacy Choices" link when
    its every-page privacy link bears one of the §7015(a) titles and no separate limit page
    is named, else the two statutory titles. The cookie-settings answer is the one place the
    owner gives a link's words, so the sharing, cookies and California sections cannot name
    different links."""
    cookies, r = profile.cookies, profile.rights
    words = cookies.settings_link_text.strip().strip("'\"“”").strip()
    title = next((t for t in ALTERNATIVE_LINK_TITLES if t.casefold() == words.casefold()), None)
    two_pages = r.opt_out_link and r.limit_link and r.opt_out_link != r.limit_link
    if cookies.settings_link and title and not two_pages:
        return Links(title, title)
    return Links(DO_NOT_SELL_LINK, LIMIT_LINK)


class RightsFacts(NamedTuple):
    offered: tuple[Right, ...]
    """Rights offered to everyone, wherever they live (empty: only where law gives them)."""
    verified: tuple[Right, ...]
    """Rights offered to everyone whose requests are identity-checked."""
    unverified: tuple[Right, ...]
    """Rights offered to everyone that need no identity check."""
    no_check: tuple[Right, ...]
    """Unverified rights a US privacy law that applies forbids checking: the ones the policy
    promises to handle without proof of identity."""
    opt_out_sale: bool
    """People can opt out of sale and sharing (everywhere, or where a law gives the right)."""
    opt_out_ads: bool
    """People can opt out of ads based on their activity on other sites."""
    agents: bool
    """Authorized agents may make requests: answered yes, or a US privacy law grants it."""
    non_discrimination: bool
    """No worse treatment for using rights: answered yes, or a US privacy law forbids it."""
    appeals: bool
    """Refusals can be appealed: answered yes, or a US state law requires it."""
    response_days: int | None
    """The store's own answer deadline, when the owner gave one (laws state their own)."""
    links: Links = Links(DO_NOT_SELL_LINK, LIMIT_LINK)
    """The names of the opt-out and limit links (one name when the store has the single
    "Your Privacy Choices" link)."""


# Laws that give these rights, so their defaults may be printed although never answered:
# agents (Cal. Civ. Code §1798.185(a)(7), 11 CCR §7063; Colo. Rev. Stat. §6-1-1306(1)(a)(II)),
# non-retaliation (§1798.125; Va. Code §59.1-578(A)(4) and the state laws that follow it),
# appeals (Va. Code §59.1-577(C) and the other state laws; not CCPA).
_US_PRIVACY_LAWS = frozenset({"ccpa", "us_states"})


def _said_or_forced(part: object, field: str, forced: bool) -> bool:
    """An answer's value where the owner gave it; its default only where a law forces it."""
    value = bool(getattr(part, field))
    given = field in getattr(part, "model_fields_set", set())
    return value and (given or forced)


def rights_facts(profile: StoreProfile, applying_laws: frozenset[str] = frozenset()) -> RightsFacts:
    """The rights offered and how they are used; defaults a law does not force are not promised."""
    r = profile.rights
    us_law = bool(_US_PRIVACY_LAWS & applying_laws)
    offered = tuple(r.rights) if r.offered_to_everyone else ()
    return RightsFacts(
        offered=offered,
        verified=tuple(x for x in offered if x in VERIFIED),
        unverified=tuple(x for x in offered if x in UNVERIFIED),
        no_check=tuple(x for x in offered if x in NO_CHECK_BY_LAW) if us_law else (),
        opt_out_sale=Right.OPT_OUT_SALE_SHARING in r.rights,
        opt_out_ads=bool({Right.OPT_OUT_SALE_SHARING, Right.OPT_OUT_TARGETED_ADS} & set(r.rights)),
        agents=_said_or_forced(r, "authorized_agents", us_law),
        non_discrimination=_said_or_forced(r, "non_discrimination", us_law),
        appeals=_said_or_forced(r, "appeals", "us_states" in applying_laws),
        response_days=r.response_days if "response_days" in r.model_fields_set else None,
        links=links(profile),
    )


def promised_days(profile: StoreProfile) -> int | None:
    """The longest answer time the general rights section promises, in calendar days: the
    owner's ``rights.response_days`` where given, or a month (at most 31 days) where an
    establishment in the EEA makes the GDPR's month the promise to everyone (Art 12(3)).
    None when the owner gave no time, and the section promises none."""
    from generator.countries import EEA

    r = profile.rights
    if "response_days" not in r.model_fields_set:
        return None
    if any(c in EEA for c in profile.business.established_in):
        return 31
    return r.response_days
