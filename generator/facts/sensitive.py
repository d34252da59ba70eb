"""Which collected data each law calls sensitive, from one set of kinds.

The kinds a store collects are its answers (``collection.sensitive_kinds``) plus the kinds
its categories are by nature (an account password is an "account log-in" under the
CCPA). Each law then sees the part of that set its own definition names, so the general
section, the California section and the other states' section can never disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from generator.model.vocab import DataCategory, SensitiveKind

if TYPE_CHECKING:
    from generator.model import StoreProfile
    from generator.model.practices import Recipient

_K = SensitiveKind

# Categories that are a sensitive kind whatever the owner says.
IMPLIED_BY_CATEGORY: dict[DataCategory, SensitiveKind] = {
    DataCategory.CREDENTIALS: _K.ACCOUNT_LOGIN,
    DataCategory.PRECISE_LOCATION: _K.PRECISE_GEOLOCATION,
}

# Cal. Civ. Code §1798.140(ae) (as amended by AB 947, 2023: citizenship or immigration status).
CCPA = frozenset(
    {
        _K.GOVERNMENT_ID,
        _K.ACCOUNT_LOGIN,
        _K.FINANCIAL_ACCOUNT_WITH_CODE,
        _K.PRECISE_GEOLOCATION,
        _K.RACIAL_ETHNIC_ORIGIN,
        _K.RELIGIOUS_BELIEFS,
        _K.UNION_MEMBERSHIP,
        _K.COMMUNICATIONS_CONTENT,
        _K.GENETIC,
        _K.BIOMETRIC,
        _K.HEALTH,
        _K.SEX_LIFE_ORIENTATION,
        _K.CITIZENSHIP_IMMIGRATION,
    }
)

# The definition the other US state laws share (Va. Code §59.1-575 "sensitive data", followed
# by CO, CT, UT, TX, OR, MT, IA, DE, NH, NJ, TN, MN, MD, IN, KY, RI): origin, religion,
# health diagnosis, sex life or orientation, citizenship or immigration status, genetic or
# biometric data, a known child's data, precise geolocation.
US_STATES = frozenset(
    {
        _K.RACIAL_ETHNIC_ORIGIN,
        _K.RELIGIOUS_BELIEFS,
        _K.HEALTH,
        _K.SEX_LIFE_ORIENTATION,
        _K.CITIZENSHIP_IMMIGRATION,
        _K.GENETIC,
        _K.BIOMETRIC,
        _K.CHILDREN,
        _K.PRECISE_GEOLOCATION,
    }
)

# GDPR Art 9(1) special categories (political opinions have no kind of their own here).
GDPR_SPECIAL = frozenset(
    {
        _K.RACIAL_ETHNIC_ORIGIN,
        _K.RELIGIOUS_BELIEFS,
        _K.UNION_MEMBERSHIP,
        _K.GENETIC,
        _K.BIOMETRIC,
        _K.HEALTH,
        _K.SEX_LIFE_ORIENTATION,
    }
)

# PIPEDA (OPC: health and financial information are almost always sensitive) and Québec
# P-39.1 s.12 (medical, biometric or otherwise intimate): the special categories plus
# government identifiers and financial account credentials.
CANADA = GDPR_SPECIAL | {_K.GOVERNMENT_ID, _K.FINANCIAL_ACCOUNT_WITH_CODE}

# Each law's own definition, by law id. LGPD Art 5(II), the Australian Privacy Act s.6
# ("sensitive information") and the Swiss FADP Art 5(c) (which adds criminal proceedings and
# social assistance, kinds the vocabulary does not have) name the same kinds as GDPR Art 9
# here. New Zealand's Privacy Act 2020 defines no sensitive class.
DEFINITION_OF_LAW: dict[str, frozenset[SensitiveKind]] = {
    "ccpa": CCPA,
    "us_states": US_STATES,
    "gdpr": GDPR_SPECIAL,
    "uk_gdpr": GDPR_SPECIAL,
    "lgpd": GDPR_SPECIAL,
    "australia": GDPR_SPECIAL,
    "swiss_fadp": GDPR_SPECIAL,
    "pipeda": CANADA,
    "quebec": CANADA,
}

# What "we never ask about your health, beliefs ..." promises: the special categories.
NEVER_ASKED = GDPR_SPECIAL


class SensitiveFacts(NamedTuple):
    """The sensitive kinds collected, and each law's view of them, in vocabulary order."""

    kinds: tuple[SensitiveKind, ...]
    ccpa: tuple[SensitiveKind, ...]
    us_states: tuple[SensitiveKind, ...]
    gdpr: tuple[SensitiveKind, ...]
    never_asked: tuple[SensitiveKind, ...]
    """The special categories the store promises never to ask about (empty: no promise)."""
    applying: tuple[SensitiveKind, ...]
    """The kinds sensitive under at least one law that applies to this store."""


def collected_kinds(profile: StoreProfile) -> tuple[SensitiveKind, ...]:
    """The owner's sensitive kinds plus those its categories imply, in vocabulary order."""
    kinds = set(profile.collection.sensitive_kinds) | _implied(profile)
    # Data collected from a known child is sensitive data under Va. Code §59.1-575 and the
    # state laws that follow it: a site directed to children, or one that knows of child
    # users, and collects their data knows whose it is.
    kids = profile.children
    if kids.child_data and (kids.directed_to_children or kids.knows_of_child_users):
        kinds.add(_K.CHILDREN)
    return tuple(k for k in SensitiveKind if k in kinds)


def catchall_kinds(profile: StoreProfile) -> tuple[SensitiveKind, ...]:
    """The kinds the catch-all 'sensitive' category holds: the owner's sensitive kinds,
    less those another collected category already is (login details are the credentials
    category, a precise location the precise_location one). Naming them again would list
    one thing twice, and hang the one category's retention and recipients on the other."""
    implied = _implied(profile)
    return tuple(k for k in profile.collection.sensitive_kinds if k not in implied)


def received_kinds(profile: StoreProfile, recipient: Recipient) -> tuple[SensitiveKind, ...]:
    """The kinds of the catch-all 'sensitive' category that one recipient gets: those the
    owner names for it (``sensitive_kinds``), else every kind the category holds. A buyer of
    religion-tagged leads is then never said to get sexual orientation too."""
    if DataCategory.SENSITIVE not in recipient.categories:
        return ()
    kinds = catchall_kinds(profile)
    if recipient.sensitive_kinds is None:
        return kinds
    return tuple(k for k in kinds if k in recipient.sensitive_kinds)


def _implied(profile: StoreProfile) -> set[SensitiveKind]:
    """The sensitive kinds that collected categories are (credentials, precise location)."""
    return {IMPLIED_BY_CATEGORY[c] for c in profile.categories if c in IMPLIED_BY_CATEGORY}


def sensitive_facts(
    profile: StoreProfile, applying_laws: frozenset[str] = frozenset()
) -> SensitiveFacts:
    """The sensitive kinds collected and each law's view of them; ``applying`` is what the
    laws in ``applying_laws`` (law ids) call sensitive."""
    kinds = collected_kinds(profile)
    defined = frozenset().union(*(DEFINITION_OF_LAW.get(law, frozenset()) for law in applying_laws))
    promise = profile.collection.never_collects_sensitive
    return SensitiveFacts(
        kinds=kinds,
        ccpa=tuple(k for k in kinds if k in CCPA),
        us_states=tuple(k for k in kinds if k in US_STATES),
        gdpr=tuple(k for k in kinds if k in GDPR_SPECIAL),
        never_asked=tuple(
            k for k in SensitiveKind if promise and k in NEVER_ASKED and k not in kinds
        ),
        applying=tuple(k for k in kinds if k in defined),
    )
