"""Marketing messages: the TCPA for texts to US numbers (47 U.S.C. §227), CASL for email and
texts to or from Canada (S.C. 2010, c. 23), and Australia's Spam Act 2003."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from generator.laws.base import Applicability, Law, reaches, req
from generator.model import StoreProfile
from generator.model.vocab import Channel

TCPA_ID = "tcpa"
CASL_ID = "casl"
SPAM_ACT_ID = "spam_act"
# 47 CFR §64.1200(a)(10) (2024 revocation rule): honor a revocation within 10 business days.
TCPA_REVOCATION_DAYS = 10
# CASL s.11(3): give effect to an unsubscribe within 10 business days.
CASL_UNSUBSCRIBE_DAYS = 10
# Spam Act 2003 s.18(1)(d)-(e)† and Spam Regulations: within 5 working days.
SPAM_ACT_UNSUBSCRIBE_DAYS = 5


# Channels CASL (s.1(1) "electronic message": any means of telecommunication) and the Spam
# Act 2003 (s.5: email, SMS, MMS and instant messages) reach; post and calls are outside.
# An app's notifications go to an account on the device ("any similar account", CASL s.1(1)
# "electronic address"; Spam Act s.4): we treat them as reached, the stricter reading.
ELECTRONIC = frozenset({Channel.EMAIL, Channel.SMS, Channel.MESSAGING_APP, Channel.PUSH})


def texts_marketing(profile: StoreProfile) -> bool:
    return Channel.SMS in profile.marketing.channels


def sends_electronic_marketing(profile: StoreProfile) -> bool:
    return bool(ELECTRONIC & set(profile.marketing.channels))


def tcpa_applies(profile: StoreProfile) -> Applicability:
    # 47 U.S.C. §227(b)(1)(A)(iii); 47 CFR §64.1200(a)(2): automated marketing texts need
    # prior express written consent. Store marketing texts are sent by software.
    if not reaches(profile, "US"):
        return Applicability(False, "The store does not text people in the United States.")
    if not texts_marketing(profile):
        return Applicability(False, "The store sends no marketing texts.")
    return Applicability(True, "The store sends marketing texts to US numbers.")


def casl_applies(profile: StoreProfile) -> Applicability:
    # CASL s.6(1), s.12(1): commercial electronic messages sent to or from Canada.
    if not reaches(profile, "CA"):
        return Applicability(False, "The store sends no messages to or from Canada.")
    if not sends_electronic_marketing(profile):
        return Applicability(False, "The store sends no marketing email or texts.")
    return Applicability(True, "The store sends marketing email or texts to people in Canada.")


def spam_act_applies(profile: StoreProfile) -> Applicability:
    # Spam Act 2003 s.7: commercial electronic messages with an Australian link; no
    # threshold.
    if not reaches(profile, "AU"):
        return Applicability(False, "The store sends no messages with an Australian link.")
    if not sends_electronic_marketing(profile):
        return Applicability(False, "The store sends no marketing email or texts.")
    return Applicability(True, "The store sends marketing email or texts to people in Australia.")


def electronic_without_consent(profile: StoreProfile) -> tuple[Channel, ...]:
    """The electronic channels sent to everyone unless they refuse (opt-out)."""
    from generator.facts.marketing import marketing_facts

    return tuple(c for c in marketing_facts(profile).unless_objected if c in ELECTRONIC)


def consent_ok(profile: StoreProfile) -> bool:
    """Express consent, or (CASL s.10(9), Spam Act Sch 2 cl.2) implied by being a customer,
    for every electronic channel; post and calls are outside both laws."""
    return not electronic_without_consent(profile) or profile.marketing.existing_customers


def tcpa_ok(profile: StoreProfile) -> bool:
    """SMS-01: opt-in (written consent), STOP honoured, revocations within 10 business days."""
    m = profile.marketing
    from generator.facts.marketing import marketing_facts

    return (
        Channel.SMS not in marketing_facts(profile).unless_objected
        and m.unsubscribe.reply_stop
        and m.opt_out_days <= TCPA_REVOCATION_DAYS
    )


def unsubscribes_within(profile: StoreProfile, days: int) -> bool:
    m = profile.marketing
    return consent_ok(profile) and m.unsubscribe.has_any() and m.opt_out_days <= days


def electronic_channels(profile: StoreProfile) -> tuple[Channel, ...]:
    return tuple(c for c in profile.marketing.channels if c in ELECTRONIC)


def _with_facts(
    applies: Callable[[StoreProfile], Applicability], ok: Callable[[StoreProfile], bool], days: int
) -> Callable[[StoreProfile], Applicability]:
    """The law's verdict, carrying whether the answers meet it, for the marketing clause."""

    def judge(profile: StoreProfile) -> Applicability:
        verdict = applies(profile)
        facts = {"ok": ok(profile), "days": days, "channels": electronic_channels(profile)}
        return Applicability(verdict.applies, verdict.reason, facts=facts)

    return judge


TCPA_LAW = Law(
    TCPA_ID,
    "TCPA (marketing texts)",
    _with_facts(tcpa_applies, tcpa_ok, TCPA_REVOCATION_DAYS),
    (
        req(
            TCPA_ID,
            "SMS-01",
            "47 USC §227; 47 CFR §64.1200(a)(2), (a)(10), (f)(9)†",
            "marketing texts only with prior express written consent, which is not a condition "
            "of purchase; revoked by any reasonable means (e.g. STOP) and honored within 10 "
            "business days",
            "marketing.consent: opt_in, marketing.unsubscribe.reply_stop: true and "
            "marketing.opt_out_days: 10 or fewer",
            kind="S/C",
        ),
    ),
    in_force=dt.date(1992, 12, 20),
)
CASL_LAW = Law(
    CASL_ID,
    "CASL (Canada's anti-spam law)",
    _with_facts(
        casl_applies,
        lambda p: unsubscribes_within(p, CASL_UNSUBSCRIBE_DAYS),
        CASL_UNSUBSCRIBE_DAYS,
    ),
    (
        req(
            CASL_ID,
            "SMS-02",
            "CASL S.C. 2010 c.23 ss.6, 10, 11",
            "marketing email and texts only with express or implied consent; each identifies "
            "the sender with contact details and a free unsubscribe honored within 10 business "
            "days",
            "marketing.consent: opt_in (or existing_customers: true), marketing.unsubscribe and "
            "marketing.opt_out_days: 10 or fewer",
            kind="S/C",
        ),
    ),
    in_force=dt.date(2014, 7, 1),
)
SPAM_ACT_LAW = Law(
    SPAM_ACT_ID,
    "Spam Act 2003 (Australia)",
    _with_facts(
        spam_act_applies,
        lambda p: unsubscribes_within(p, SPAM_ACT_UNSUBSCRIBE_DAYS),
        SPAM_ACT_UNSUBSCRIBE_DAYS,
    ),
    (
        req(
            SPAM_ACT_ID,
            "SPAMAU-01",
            "Spam Act 2003 (Cth) ss.16-18",
            "marketing email and texts only with express or inferred consent, identifying the "
            "store and how to contact it, with a working unsubscribe honored within 5 working "
            "days†",
            "marketing.consent: opt_in (or existing_customers: true), marketing.unsubscribe and "
            "marketing.opt_out_days: 5 or fewer",
            kind="F/C",
        ),
    ),
    in_force=dt.date(2004, 4, 10),
)
