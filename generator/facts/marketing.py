"""The basis of each marketing channel: who gets messages, and on what footing.

A store that asks first (opt-in) may still email its existing customers about similar
products without asking, unless they object: the "soft opt-in" of ePrivacy Directive Art
13(2) (e.g. UWG §7(3) in Germany, PECR reg 22(3) in the UK), CASL's implied consent for a
purchase within two years (S.C. 2010 c.23 s.10(9)(a)), and the Spam Act's inferred consent
(Cth, Sch 2 cl 2). None of these reaches text messages under the TCPA, which needs prior
express written consent for marketing texts (47 CFR §64.1200(a)(2)), so a text is only ever
sent to people who agreed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from generator.model.vocab import Channel, MarketingConsent

if TYPE_CHECKING:
    from generator.model import StoreProfile
    from generator.model.engagement import Unsubscribe

# Channels the existing-customer exception can reach (electronic mail and post).
SOFT_OPT_IN_CHANNELS = (Channel.EMAIL, Channel.POSTAL)
# Channels that always need the person's prior consent (TCPA; ePrivacy Art 13(1)); for
# messaging apps, WhatsApp's Business Messaging Policy also requires an opt-in.
CONSENT_ONLY_CHANNELS = (Channel.SMS, Channel.MESSAGING_APP)
# Channels the person's device itself asks about first: an app shows no notification until
# the person allows it (iOS; Android 13's POST_NOTIFICATIONS permission), and promotional
# ones need an explicit opt-in besides (Apple App Review Guidelines 4.5.4). Sent only by
# consent, whatever the store's general answer.
ASKED_BY_THE_DEVICE = (Channel.PUSH,)


class MarketingFacts(NamedTuple):
    channels: tuple[Channel, ...]
    by_consent: tuple[Channel, ...]
    """Channels used only for people who agreed."""
    unless_objected: tuple[Channel, ...]
    """Channels used for everyone on the list unless they said no (opt-out)."""
    to_customers: tuple[Channel, ...]
    """Channels also used for existing customers' similar-product offers without asking."""
    sms_without_consent: bool
    """Texts on an opt-out basis: unlawful under the TCPA and CASL, reported by check."""
    similar_products_only: bool
    """Offers to customers who did not sign up are only about products like those they
    bought: the soft opt-in of ePrivacy Directive Art 13(2) and PECR reg 22(3), where the GDPR
    or the UK GDPR applies. Elsewhere (CAN-SPAM, CASL s.10(10)(a) implied consent, the Spam
    Act's inferred consent) the law sets no such limit, and the policy claims none."""
    opt_out_days: int | None
    """Business days to act on an unsubscribe: the owner's answer, else the shortest limit
    of the laws that apply, else None (the policy then names no number)."""
    no_way_for: tuple[Channel, ...] = ()
    """Channels the listed ways to unsubscribe do not reach (texts without a reply word, a
    printed catalogue): people stop them by contacting the store, and the policy says so,
    since every marketing channel needs a way out (CAN-SPAM 15 U.S.C. §7704(a)(3), TCPA 47
    CFR §64.1200(a)(10), Spam Act s.18, CASL s.11, GDPR Art 21(2)-(3))."""

    @property
    def markets(self) -> bool:
        return bool(self.channels)


# Days to honour an unsubscribe: CAN-SPAM 15 U.S.C. §7704(a)(4) (10 business days), CASL
# s.11(3) (10 business days), TCPA 47 CFR §64.1200(a)(10) (10 business days), Spam Act 2003
# (Cth) s.18(4) (5 working days).
OPT_OUT_DAYS_BY_LAW = {"can_spam": 10, "casl": 10, "tcpa": 10, "spam_act": 5}


def marketing_facts(
    profile: StoreProfile, applying_laws: frozenset[str] = frozenset()
) -> MarketingFacts:
    m = profile.marketing
    limits = [days for law, days in OPT_OUT_DAYS_BY_LAW.items() if law in applying_laws]
    if "opt_out_days" in m.model_fields_set:
        opt_out_days: int | None = m.opt_out_days
    else:
        opt_out_days = min(limits) if limits else None
    channels = tuple(m.channels)
    opt_in = m.consent is MarketingConsent.OPT_IN
    # An opt-in store may still send some channels (a postal catalogue) on an opt-out basis.
    opt_out = (set(m.opt_out_channels) if opt_in else set(channels)) - set(ASKED_BY_THE_DEVICE)
    by_consent = tuple(c for c in channels if c not in opt_out)
    unless_objected = tuple(c for c in channels if c in opt_out)
    to_customers = (
        tuple(c for c in by_consent if c in SOFT_OPT_IN_CHANNELS)
        if by_consent and m.existing_customers
        else ()
    )
    return MarketingFacts(
        no_way_for=_no_way_for(channels, m.unsubscribe),
        channels=channels,
        by_consent=by_consent,
        unless_objected=unless_objected,
        to_customers=to_customers,
        sms_without_consent=Channel.SMS in unless_objected,
        similar_products_only=bool({"gdpr", "uk_gdpr"} & applying_laws),
        opt_out_days=opt_out_days,
    )


def _no_way_for(channels: tuple[Channel, ...], u: Unsubscribe) -> tuple[Channel, ...]:
    """The channels none of the store's listed ways to unsubscribe reaches: an email
    address, account settings, a preferences page or a postal address reach every channel;
    the link in a message only email, a reply word only texts and messaging apps."""
    if not u.has_any() or u.email or u.account_settings or u.web_page or u.postal:
        return ()  # no list at all (the policy says to contact us), or one reaching all
    reached = set(ASKED_BY_THE_DEVICE)
    if u.link_in_message:
        reached.add(Channel.EMAIL)
    if u.reply_stop:
        reached |= {Channel.SMS, Channel.MESSAGING_APP}
    return tuple(c for c in channels if c not in reached)
