"""`policygen check`: does the policy meet every law that applies, and do the answers agree?

Coverage is read from what actually rendered: each clause records the requirement ids
its text satisfies (``covers``), so a requirement counts as met only when a section that
says it is in the policy. Consistency rules catch answers that are each valid but
together would make the policy false or unlawful.

The policy is rendered as ``build`` renders it, judged as of its own date; the laws it
must meet are judged as of the check date (today, or ``--as-of``). A policy written
before a duty began is therefore reported as missing it, with the fix to re-date it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import laws
from generator.document import PolicyDocument, Section
from generator.facts import derive
from generator.facts.children import OWNERS_WORD_ONLY, child_purposes
from generator.laws import (
    ccpa,
    gdpr,
    new_zealand,
    pipeda,
    provincial,
    shine_the_light,
    substance,
    swiss_fadp,
    us_states,
)
from generator.laws.base import (
    Applicability,
    Requirement,
    as_of,
    judged_on,
    long_date,
    reaches_us_state,
)
from generator.laws.messaging import electronic_without_consent
from generator.model import StoreProfile
from generator.model.vocab import (
    BannerAudience,
    Channel,
    CookieKind,
    MarketingConsent,
    RecipientKind,
    RetentionBasis,
    Right,
)

FORMATS = ("text", "json", "markdown")


@dataclass(frozen=True)
class Coverage:
    """One requirement of an applying law: the sections that meet it (none means missing).

    ``problem`` says why a section that declares the requirement still does not meet it
    (a policy last updated too long ago); ``fix`` is the answer that would meet it.
    """

    requirement: Requirement
    sections: tuple[str, ...]
    problem: str | None = None
    fix: str = ""

    @property
    def missing(self) -> bool:
        """Not met: no section says it, or the one that does falls short."""
        return not self.sections or self.problem is not None


@dataclass(frozen=True)
class LawResult:
    law_id: str
    name: str
    applicability: Applicability
    coverage: tuple[Coverage, ...] = ()

    @property
    def missing(self) -> list[Coverage]:
        return [c for c in self.coverage if c.missing]


@dataclass(frozen=True)
class Finding:
    """Answers that contradict each other or a law: what is wrong and what would fix it.

    ``requirement`` is the requirement id the clash breaks, where there is one, and
    ``sections`` the policy sections that word it (empty: none does).
    """

    rule: str
    message: str
    fix: str
    fields: tuple[str, ...] = ()
    requirement: str | None = None
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """``as_of`` is the check date the laws were judged on; ``policy_date`` the policy's own."""

    source: str
    as_of: dt.date
    laws: tuple[LawResult, ...]
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = field(default=())
    policy_date: dt.date | None = None
    # The service catalog's version, when the answers name catalog services.
    catalog: str | None = None

    @property
    def missing(self) -> list[tuple[LawResult, Coverage]]:
        return [(law, c) for law in self.laws for c in law.missing]

    @property
    def clean(self) -> bool:
        return not self.missing and not self.findings


# ---- coverage ------------------------------------------------------------------------------


def coverage(
    profile: StoreProfile,
    doc: PolicyDocument,
    verdicts: dict[str, Applicability],
    on: dt.date | None = None,
) -> tuple[LawResult, ...]:
    """Each applying law's needed requirements (as of ``on``) and the sections meeting them."""
    covered = doc.covered()
    texts = _section_texts(doc)
    day = on or as_of(profile)
    results = []
    for law_id, law in laws.LAWS.items():
        verdict = verdicts[law_id]
        rows: list[Coverage] = []
        if verdict.applies:
            for r in law.requirements:
                if not r.needed_for(profile, day):
                    continue
                declaring = covered.get(r.id, [])
                sections = tuple(_section_name(s.number, s.title) for s in declaring)
                shortfall = SHORTFALLS.get(r.id)
                problem = shortfall(profile, day) if shortfall and sections else None
                if problem is None and declaring:
                    problem = _unsaid(r, profile, declaring, texts)
                rows.append(Coverage(r, sections, *(problem or (None, r.fix))))
        results.append(LawResult(law_id, law.name, verdict, tuple(rows)))
    return tuple(results)


def _section_name(number: int, title: str) -> str:
    return f"{number}. {title}"


def _section_texts(doc: PolicyDocument) -> dict[int, str]:
    """Section number -> its Markdown, from its ``## `` heading to the next one."""
    parts = doc.markdown.split("\n## ")[1:]
    return {section.number: part for section, part in zip(doc.sections, parts, strict=False)}


def _unsaid(
    r: Requirement,
    profile: StoreProfile,
    declaring: list[Section],
    texts: dict[int, str],
) -> tuple[str, str] | None:
    """Why the sections that declare ``r`` do not meet it: what none of them says.

    Our clauses say it all; a user's template that declares a requirement and leaves its
    substance out (``substance.MUST_SAY``) is caught here.
    """
    text = "\n".join(texts.get(s.number, "") for s in declaring)
    missing = substance.unsaid(r.id, profile, text)
    if not missing:
        return None
    clauses = ", ".join(sorted({f"clauses/{s.clause}.md.j2" for s in declaring}))
    return (
        f"the section declares {r.id} but does not say: " + "; ".join(missing),
        f"say it in {clauses} (a template of yours overrides ours, which says it)",
    )


# ---- dates ---------------------------------------------------------------------------------

# Cal. Civ. Code §1798.130(a)(5) and 11 CCR §7011(e)(4): the privacy policy is updated
# at least once every 12 months, and shows the date it was last updated.
REVIEW_MONTHS = 12


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day when it has no such day)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def review_overdue(profile: StoreProfile, on: dt.date) -> bool:
    """Last updated more than 12 months before ``on``."""
    return profile.policy.updated < months_before(on, REVIEW_MONTHS)


def _review_fix(on: dt.date) -> str:
    return (
        "review the policy and set policy.last_updated to the review date (no earlier than "
        f"{months_before(on, REVIEW_MONTHS).isoformat()}; {on.isoformat()} if you review it today)"
    )


def _stale_policy(profile: StoreProfile, on: dt.date) -> tuple[str, str] | None:
    if not review_overdue(profile, on):
        return None
    return (
        f"the policy was last updated on {long_date(profile.policy.updated)}, more than "
        f"{REVIEW_MONTHS} months before {long_date(on)}",
        _review_fix(on),
    )


# Requirement id -> why a section that declares it still falls short, and the fix.
Shortfall = Callable[[StoreProfile, dt.date], tuple[str, str] | None]


def _notice_languages(profile: StoreProfile, _on: dt.date) -> tuple[str, str] | None:
    # Minn. Stat. §325M.16† and Mont. §30-14-2812†: the notice in every language the store
    # sells in. Unanswered, the policy cannot claim it; untranslated, it falls short.
    from generator.countries import language_name
    from generator.facts.languages import language_facts

    languages = language_facts(profile)
    if not languages.selling:
        return (
            "the policy cannot say the notice is in every language you sell in: the "
            "languages are not answered",
            "policy.selling_languages (every language your store sells in)",
        )
    if languages.untranslated:
        names = ", ".join(language_name(x) for x in languages.untranslated)
        return (
            f"the store sells in {names} but the notice is only in "
            f"{language_name(languages.notice)}",
            "publish the notice in each language you sell in",
        )
    return None


SHORTFALLS: dict[str, Shortfall] = {
    "CCPA-03": ccpa.purposeless_categories,
    "CCPA-06": ccpa.under_16_opt_in_unexplained,
    "CCPA-16": _stale_policy,
    "CCPA-17": ccpa.metrics_out_of_date,
    "CCPA-26": ccpa.broker_metrics_short,
    "ST-14": _notice_languages,
    "STL-01": shine_the_light.request_address_missing,
}


# ---- consistency rules ---------------------------------------------------------------------

Rule = Callable[[StoreProfile, dict[str, Applicability]], Iterator[Finding]]
RULES: list[Rule] = []


def rule(func: Rule) -> Rule:
    RULES.append(func)
    return func


def _advertising_tech(profile: StoreProfile) -> bool:
    cookies = profile.cookies
    return cookies.uses_cookies and (
        CookieKind.ADVERTISING in cookies.kinds
        or any(tool.kind is CookieKind.ADVERTISING for tool in cookies.tools)
        or bool(profile.recipients_of(RecipientKind.ADVERTISING))
    )


@rule
def ad_pixels_without_sharing(
    profile: StoreProfile, _v: dict[str, Applicability]
) -> Iterator[Finding]:
    # Cal. Civ. Code §1798.140(ah) (CPRA, from 2023): giving browsing data to ad networks
    # for cross-context behavioral advertising is "sharing", whatever the money flow.
    if as_of(profile) < ccpa.CPRA_IN_FORCE or not reaches_us_state(profile, "CA"):
        return
    if _advertising_tech(profile) and not profile.shares_for_ads:
        yield Finding(
            "ads-without-sharing",
            "Advertising cookies, pixels or ad networks are used and the store sells to "
            "California, but no recipient is marked as receiving data for cross-context "
            "advertising, so the policy would say nothing is shared.",
            "set cross_context_ads: true on the advertising recipient in sharing.recipients "
            "(or remove the advertising tools)",
            ("cookies.kinds", "cookies.tools", "sharing.recipients"),
            requirement="CCPA-04",
        )


@rule
def transfer_without_safeguard(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # GDPR Arts 44-46: every transfer outside the EEA needs adequacy or a safeguard.
    if not verdicts["gdpr"].applies:
        return
    no_decision = gdpr.adequacy_without_decision(profile)
    for country in gdpr.unsafeguarded(profile):
        why = (
            "it names an adequacy decision the European Commission has not adopted for it"
            + (
                "; the one for the United States covers only companies certified under the "
                "Data Privacy Framework, so answer dpf for those and scc for the rest"
                if country == "US"
                else ""
            )
            if country in no_decision
            else "a provider contract alone, or consent for routine transfers, is not one"
        )
        yield Finding(
            "transfer-without-safeguard",
            f"The store serves the EEA and sends data to {country}, but names no valid transfer "
            f"tool for it: {why}.",
            f"change the safeguard of the international.transfers entry for {country} "
            "to dpf, scc or bcr"
            if country in no_decision
            else f"add an international.transfers entry with destination: {country} and a "
            "safeguard (dpf, scc, adequacy or bcr)",
            ("business.data_stored_in", "international.transfers"),
            requirement="GDPR-06",
        )


@rule
def transfer_without_swiss_safeguard(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # FADP Art 16-17, 19(4): data goes abroad only to a State on the Federal Council's list
    # (DPO Annex 1), under an Art 16(2) safeguard, or under an Art 17 exception.
    if not verdicts["swiss_fadp"].applies:
        return
    for country in swiss_fadp.unprotected(profile):
        yield Finding(
            "transfer-without-swiss-safeguard",
            f"The store sells to Switzerland and sends data to {country}, which is not on the "
            "Federal Council's list of adequate countries, and names no safeguard Swiss law "
            "accepts for it (a provider contract counts only if its clauses went to the FDPIC "
            "first).",
            f"add an international.transfers entry with destination: {country} and a "
            "safeguard (scc or bcr; dpf for a US recipient certified under the Swiss-U.S. DPF)",
            ("business.data_stored_in", "international.transfers"),
            requirement="CH-02",
        )


@rule
def answers_slower_than_the_law(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # NZ Privacy Act s.44: a decision within 20 working days (never fewer than 28 calendar
    # days); Swiss DPO Art 18(1): access within 30 days; BC PIPA s.29 (30 days that leave
    # out Saturdays and holidays, s.1) and Alberta PIPA s.28 (45 days). A longer promise of
    # the owner's own is one the store may not keep for people those laws protect; the
    # policy keeps the owner's number and names the law's beside it.
    days = derive(profile, verdicts).rights.response_days
    # Each law's own test of the promise, so check and the law's sentence never disagree.
    limits = [
        ("new_zealand", "NZ-04", new_zealand.RESPONSE_CALENDAR_DAYS_SAFE,
         f"{new_zealand.RESPONSE_WORKING_DAYS} working days under New Zealand's Privacy Act "
         "(s.44)", new_zealand.response_too_slow(days)),
        ("swiss_fadp", "CH-04", swiss_fadp.ACCESS_DAYS,
         f"{swiss_fadp.ACCESS_DAYS} days under the Swiss Data Protection Ordinance (Art. 18)",
         swiss_fadp.response_too_slow(days)),
    ]  # fmt: skip
    limits += [
        (
            province.law_id,
            "BCP-03" if province is provincial.BC else "ABP-03",
            province.longest_calendar_days,
            f"{province.response_days} {'business ' if province.business_days else ''}days "
            f"under {province.name}'s Personal Information Protection Act",
            provincial.promise_too_slow(profile, province),
        )
        for province in provincial.PROVINCES
    ]
    for law, requirement_id, limit, law_says, too_slow in limits:
        if verdicts[law].applies and too_slow:
            yield Finding(
                "answers-slower-than-law",
                f"Requests are promised an answer within {days} days, but the law asks for "
                f"an answer within {law_says}; the policy names the law's limit beside yours.",
                f"set rights.response_days to {limit} or fewer",
                ("rights.response_days",),
                requirement=requirement_id,
            )


@rule
def appeals_slower_than_law(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # Va. Code §59.1-577(C) and the states that follow it: 60 days, 45 in some; an owner's
    # longer promise is replaced by the law's in the policy, so it is said here.
    own = profile.rights.appeal_days
    if not (verdicts["us_states"].applies and own and us_states.needs_appeals(profile)):
        return
    law = us_states.appeal_days(profile)
    if own > law:
        yield Finding(
            "appeals-slower-than-law",
            f"Appeals are promised a decision within {own} days, but the state laws that "
            f"reach the store allow {law}; the policy states {law}.",
            f"set rights.appeal_days to {law} or fewer (or leave it out)",
            ("rights.appeal_days",),
            requirement="ST-05",
        )


@rule
def indefinite_retention(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # GDPR Art 5(1)(e) storage limitation (and UK GDPR alike).
    if not (verdicts["gdpr"].applies or verdicts["uk_gdpr"].applies):
        return
    for i, retention_rule in enumerate(profile.retention.rules):
        if retention_rule.basis is RetentionBasis.INDEFINITE:
            yield Finding(
                "indefinite-retention",
                "Data is kept with no end date, which the GDPR's storage limitation forbids.",
                f"give retention.rules[{i}] a fixed_period, account_lifetime or "
                "legal_requirement basis",
                (f"retention.rules[{i}].basis",),
                requirement="GDPR-07",
            )


@rule
def marketing_email_without_unsubscribe(
    profile: StoreProfile, _v: dict[str, Applicability]
) -> Iterator[Finding]:
    # CAN-SPAM 15 U.S.C. §7704(a)(3); CASL s.6(2)(c); GDPR Art 21(2)-(3).
    if profile.emails_marketing and not profile.marketing.unsubscribe.has_any():
        yield Finding(
            "email-without-unsubscribe",
            "Marketing email is sent but there is no way to unsubscribe.",
            "set marketing.unsubscribe.link_in_message: true (or give another way)",
            ("marketing.channels", "marketing.unsubscribe"),
            requirement="SPAM-01",
        )


@rule
def sms_without_stop(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # TCPA 47 CFR §64.1200(a)(10) and CTIA practice: "STOP" must end text messages sent to
    # US numbers. CASL and the Spam Act accept any functional unsubscribe (their own rules).
    if not verdicts["tcpa"].applies:
        return
    if Channel.SMS in profile.marketing.channels and not profile.marketing.unsubscribe.reply_stop:
        yield Finding(
            "sms-without-stop",
            "Marketing texts are sent but replying STOP is not offered as a way out.",
            "set marketing.unsubscribe.reply_stop: true",
            ("marketing.channels", "marketing.unsubscribe.reply_stop"),
            requirement="SMS-01",
        )


@rule
def retention_not_specific(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # Cal. Civ. Code §1798.100(a)(3) and 11 CCR §7012(e)(6); GDPR Art 13(2)(a) (WP260
    # rev.01 para 48); LGPD Art 9(II): a period, or the criteria for it, per category.
    # "As long as we need it" restates the purpose limitation and is neither.
    if not any(verdicts[law].applies for law in ("ccpa", "gdpr", "uk_gdpr", "lgpd")):
        return
    retention = derive(profile, verdicts).retention
    vague = retention.unspecific
    if vague:
        names = ", ".join(c.value for c in vague)
        yield Finding(
            "retention-not-specific",
            f"No specific retention period or criterion for: {names}. The general rule "
            f"'{retention.general}' does not say how long.",
            "add retention.rules entries that name these categories with a period or an "
            "event (account_lifetime, until_unsubscribe, until_deleted, while_published, "
            "fixed_period), or make "
            "retention.default_criteria concrete",
            ("retention.rules", "retention.default_criteria"),
            requirement=next(
                rid
                for law, rid in (
                    ("ccpa", "CCPA-08"),
                    ("gdpr", "GDPR-07"),
                    ("uk_gdpr", "GDPR-07"),
                    ("lgpd", "LGPD-01"),  # Art 9(II): the duration of processing
                )
                if verdicts[law].applies
            ),
        )


@rule
def sms_without_consent(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # TCPA 47 CFR §64.1200(a)(2): prior express written consent for marketing texts;
    # CASL s.6(1); ePrivacy Directive Art 13(1).
    if not (verdicts["tcpa"].applies or verdicts["casl"].applies or verdicts["spam_act"].applies):
        return
    if derive(profile, verdicts).marketing.sms_without_consent:
        yield Finding(
            "sms-without-consent",
            "Marketing texts are sent on an opt-out basis; texts need the person's prior "
            "consent (in the US, written consent under the TCPA).",
            "set marketing.consent: opt_in (or stop marketing by text message)",
            ("marketing.consent", "marketing.channels"),
            requirement="SMS-01",
        )


@rule
def email_without_consent(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # ePrivacy Directive 2002/58/EC Art 13(1) (e.g. LSSI art 21 in Spain, UWG §7(2) in
    # Germany) and PECR reg 22(2) in the UK: marketing by electronic mail needs prior
    # consent; the one exception, similar offers to existing customers (Art 13(2), PECR reg
    # 22(3)), is marketing.existing_customers, not an opt-out list for everyone.
    if not (verdicts["gdpr"].applies or verdicts["uk_gdpr"].applies):
        return
    opted_out = electronic_without_consent(profile)
    if opted_out:
        names = ", ".join(c.value for c in opted_out)
        yield Finding(
            "electronic-marketing-without-consent",
            f"Marketing by {names} is sent to everyone unless they say no; in the EU and UK "
            "electronic marketing needs the person's prior consent.",
            (
                f"remove {names} from marketing.opt_out_channels"
                if profile.marketing.consent is MarketingConsent.OPT_IN
                else "set marketing.consent: opt_in"
            )
            + "; for offers to existing customers about similar products set "
            "marketing.existing_customers: true instead",
            ("marketing.opt_out_channels", "marketing.consent"),
        )


def sale_notes(profile: StoreProfile) -> list[str]:
    """Recipients the policy calls a sale although the owner did not mark them as one."""
    notes = []
    for i, judged in enumerate(derive(profile).recipients):
        if judged.sold and not judged.recipient.sale:
            notes.append(
                f"sharing.recipients[{i}] ({judged.kind.value}) is stated as a sale because "
                f"{judged.reason}. If it works only for you under a contract, set use: "
                "on_our_behalf; if it gives you nothing for the data, set gives_value: false."
            )
    return notes


def children_purposes_notes(profile: StoreProfile) -> list[str]:
    """Where the answers don't list what children's data is used for: the purposes the
    children's section then names, and the ones it leaves out for want of the owner's word."""
    kids = profile.children
    if kids.purposes is not None or not kids.child_data:
        return []
    if not (kids.directed_to_children or kids.knows_of_child_users):
        return []
    said = child_purposes(profile)
    left = [
        use.purpose
        for use in profile.use.purposes
        if use.purpose in OWNERS_WORD_ONLY and set(use.categories) & set(kids.child_data)
    ]
    note = (
        "children.purposes is not answered, so the children's section says children's data "
        "is used for the purposes that use a kind of it: "
        + (", ".join(p.value for p in said) or "none")
        + "."
    )
    if left:
        note += (
            " It leaves out "
            + ", ".join(dict.fromkeys(p.value for p in left))
            + ": ads, marketing and profiling count for children only when listed there."
        )
    return [note + " List children.purposes to say exactly what children's data is used for."]


@rule
def light_consent_with_disclosure(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # 16 CFR §312.5(b)(2), as amended in 2025: "email plus" and "text plus" are open only to
    # an operator that does not disclose children's personal information (§312.2). A stronger
    # way beside them does not help unless the owner says the light ones never cover a
    # disclosure (children.consent_ways_for_disclosure): a parent may still use the light one.
    kids = derive(profile, verdicts).children
    if not (kids.coppa_operator and kids.discloses and kids.light_consent):
        return
    ways = " and ".join(w.value for w in kids.light_consent)
    disclosures = []
    if profile.children.made_public:
        disclosures.append("children's information can be made public (children.made_public)")
    for rf in kids.disclosed_to:
        who = rf.kind.value + (f" ({', '.join(rf.recipient.names)})" if rf.recipient.names else "")
        disclosures.append(f"{who} gets children's data for its own use")
    yield Finding(
        "light-parental-consent",
        f"Parents may consent by {ways}, but " + "; and ".join(disclosures) + ". The FTC "
        "allows those ways only to operators that disclose nothing.",
        "if a stronger way covers the disclosures, set children.consent_ways_for_disclosure "
        "to it (signed_form, payment, toll_free_call, video_call, government_id, "
        "knowledge_questions or face_match); otherwise add such a way to "
        "children.consent_ways for them, or stop the disclosure",
        (
            "children.consent_ways",
            "children.consent_ways_for_disclosure",
            "children.made_public",
            "sharing.recipients",
        ),
        requirement="COPPA-01",
    )


@rule
def young_minimum_age(profile: StoreProfile, _v: dict[str, Applicability]) -> Iterator[Finding]:
    # COPPA 16 CFR §312.5: verifiable parental consent before collecting from under-13s.
    kids = profile.children
    if kids.minimum_age < 13 and not kids.parental_consent_method:
        yield Finding(
            "child-age-without-consent",
            f"The minimum age is {kids.minimum_age}, below 13, but no way to get a parent's "
            "consent is given.",
            "set children.parental_consent_method, or raise children.minimum_age to 13",
            ("children.minimum_age", "children.parental_consent_method"),
            requirement="COPPA-01",
        )


@rule
def sale_without_opt_out(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # Cal. Civ. Code §1798.120 and every state law: selling data gives a right to opt out.
    if not (verdicts["ccpa"].applies or verdicts["us_states"].applies):
        return
    if profile.sells_or_shares and Right.OPT_OUT_SALE_SHARING not in profile.rights.rights:
        yield Finding(
            "sale-without-opt-out",
            "Data is sold or shared for advertising, but the right to opt out is not offered.",
            "add opt_out_sale_sharing to rights.rights",
            ("rights.rights", "sharing.recipients"),
            requirement="CCPA-09",
        )


@rule
def cookies_without_consent_banner(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # ePrivacy Directive Art 5(3) and UK PECR reg 6: non-essential cookies need consent, so
    # the banner must reach visitors from each region whose law applies.
    optional = [k for k in profile.cookies.kinds if k is not CookieKind.STRICTLY_NECESSARY]
    if not (profile.cookies.uses_cookies and optional):
        return
    # PECR reg 6(4), as the Data (Use and Access) Act 2025 amends it: the UK exempt kinds
    # need no consent.
    needs_uk = set(optional) - set(profile.cookies.uk_exempt_kinds)
    unasked = [
        (law, region, name)
        for law, region, name, needed in (
            ("gdpr", BannerAudience.EEA, "EEA", True),
            ("uk_gdpr", BannerAudience.UK, "UK", bool(needs_uk)),
        )
        if needed and verdicts[law].applies and not profile.cookies.banner_shown_in(region)
    ]
    if not unasked:
        return
    if profile.cookies.consent_banner:
        regions = ", ".join(region.value for _, region, _ in unasked)
        fix = f"add {regions} to cookies.banner_for"
    else:
        fix = "set cookies.consent_banner: true (or use only strictly necessary cookies)"
    yield Finding(
        "cookies-without-consent",
        "Non-essential cookies are used for "
        + " or ".join(name for _, _, name in unasked)
        + " visitors without asking first.",
        fix,
        ("cookies.kinds", "cookies.consent_banner", "cookies.banner_for"),
        requirement="GDPR-17" if unasked[0][0] == "gdpr" else None,
    )


@rule
def casl_without_consent(profile: StoreProfile, _v: dict[str, Applicability]) -> Iterator[Finding]:
    if pipeda.casl_consent_missing(profile):
        yield Finding(
            "casl-opt-out-email",
            "Marketing email goes to people in Canada on an opt-out basis, which CASL allows "
            "only for existing customers (implied consent).",
            "set marketing.consent: opt_in, or marketing.existing_customers: true if you email "
            "only customers",
            ("marketing.consent", "marketing.existing_customers"),
            requirement="SMS-02",
        )


@rule
def slow_opt_out(profile: StoreProfile, verdicts: dict[str, Applicability]) -> Iterator[Finding]:
    # CAN-SPAM §7704(a)(4) and CASL s.11(3): 10 business days at most.
    if verdicts["can_spam"].applies and not verdicts["can_spam"].facts["on_time"]:
        yield Finding(
            "slow-opt-out",
            f"Unsubscribes take {profile.marketing.opt_out_days} business days; the law allows "
            "10 at most.",
            "set marketing.opt_out_days to 10 or fewer",
            ("marketing.opt_out_days",),
            requirement="SPAM-01",
        )


@rule
def material_change_without_notice(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # A material change takes effect no earlier than the day after it is published where a
    # law asks for notice before it applies (versions.duties.prior_notice_laws: no law sets
    # a number of days, so one day is the floor this rule can check).
    from generator.versions.duties import material_revisions, prior_notice_laws

    revisions = material_revisions(profile)
    named = prior_notice_laws(profile, verdicts) if revisions else []
    if not named:
        return
    published = min(r.date for r in revisions)
    takes_effect = profile.policy.in_force_from
    if takes_effect > published:
        return
    yield Finding(
        "material-change-without-notice",
        f"The revision of {long_date(published)} makes material changes, and the policy takes "
        f"effect on {long_date(takes_effect)}, with no time to tell people first; "
        f"{', '.join(named)} ask that people are told before a material change applies.",
        "set policy.effective_date to a day after the revision's date, and send the notice "
        "(`policygen build --since` writes changes.md) before then",
        ("policy.effective_date", "policy.revisions"),
    )


@rule
def material_change_to_old_data_without_consent(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # FTC Act s.5: a material change applied to data collected before it needs the person's
    # affirmative consent (In re Gateway Learning Corp., FTC 2004); GDPR Art 6(4) and PIPEDA
    # Principle 4.2.4 ask for compatibility or consent for a new purpose.
    from generator.versions.duties import material_revisions, prior_notice_laws

    policy = profile.policy
    if policy.new_uses_need_consent or policy.old_data_keeps_old_terms:
        return
    revisions = material_revisions(profile)
    named = prior_notice_laws(profile, verdicts) if revisions else []
    if not named:
        return
    yield Finding(
        "material-change-without-consent",
        f"The revision of {long_date(min(r.date for r in revisions))} makes material changes, "
        "and the answers do not say that data collected before them is used the new way only "
        f"with people's consent ({', '.join(named)}).",
        "set policy.new_uses_need_consent: true (and ask before using old data in new ways), "
        "or policy.old_data_keeps_old_terms: true",
        ("policy.new_uses_need_consent", "policy.old_data_keeps_old_terms"),
    )


def consistency(profile: StoreProfile, verdicts: dict[str, Applicability]) -> list[Finding]:
    return [finding for check in RULES for finding in check(profile, verdicts)]


# ---- the whole check -----------------------------------------------------------------------


def redated(profile: StoreProfile, day: dt.date) -> StoreProfile:
    """The same answers with the policy last updated on ``day``."""
    policy = profile.policy.model_copy(update={"last_updated": day})
    return profile.model_copy(update={"policy": policy})


def _redate_fixes(
    profile: StoreProfile,
    results: tuple[LawResult, ...],
    on: dt.date,
    templates_dir: Path | None,
) -> tuple[LawResult, ...]:
    """Point a requirement the policy misses only because of its date at re-dating it.

    A build words the law of the policy's own date; when the same answers, re-dated to the
    check date, give a section that meets the requirement, the answer to change is the date.
    """
    from generator.compose import render_policy

    if on <= profile.policy.updated or not any(law.missing for law in results):
        return results
    covered_then = render_policy(redated(profile, on), templates_dir).covered()
    fix = (
        f"set policy.last_updated: {on.isoformat()} and rebuild (this policy was written "
        f"before the duty applied to it; your answers already cover it)"
    )
    return tuple(
        LawResult(
            law.law_id,
            law.name,
            law.applicability,
            tuple(
                Coverage(c.requirement, c.sections, c.problem, fix)
                if not c.sections and c.requirement.id in covered_then
                else c
                for c in law.coverage
            ),
        )
        for law in results
    )


def _catalog_version(profile: StoreProfile) -> str | None:
    if not profile.names_services:
        return None
    from generator.services.catalog import catalog

    return catalog().version


def _catalog_notes(profile: StoreProfile) -> list[str]:
    """Where answers naming catalog services differ from the catalog or rest on its
    unconfirmed facts (generator/services/fill.py)."""
    if not profile.names_services:
        return []
    from generator.services.fill import service_notes

    return service_notes(profile)


def date_notes(profile: StoreProfile, on: dt.date, verdicts: dict[str, Applicability]) -> list[str]:
    """What the check date means for this policy: overdue review, and what changed since."""
    notes = []
    updated = profile.policy.updated
    if review_overdue(profile, on):
        where = (
            "The CCPA requires a yearly update (CCPA-16)"
            if verdicts["ccpa"].applies
            else "Review it at least once a year so it stays true"
        )
        notes.append(
            f"The policy was last updated on {long_date(updated)}, more than {REVIEW_MONTHS} "
            f"months before {long_date(on)}. {where}: {_review_fix(on)}."
        )
    changes = laws.changes_between(profile, updated, on)
    if changes:
        notes.append(
            f"Since the policy's date ({long_date(updated)}) the law has changed for this store; "
            f"as of {long_date(on)}: " + "; ".join(changes) + "."
        )
    return notes


def dated_ahead(profile: StoreProfile, today: dt.date) -> list[str]:
    """A policy whose own date has not come: it is published before then, so its "took
    effect" and "last updated" would be false while it is on the site."""
    updated = profile.policy.updated
    if updated <= today:
        return []
    return [
        f"The policy says it was last updated on {long_date(updated)}, after "
        f"{long_date(today)}. Set policy.last_updated to the day you publish it, and keep "
        "policy.effective_date for the day it applies: the policy then says it takes effect "
        "on that day."
    ]


def _placed(finding: Finding, doc: PolicyDocument) -> Finding:
    """The finding with the sections that word its requirement."""
    if finding.requirement is None:
        return finding
    sections = doc.covered().get(finding.requirement, [])
    names = tuple(_section_name(s.number, s.title) for s in sections)
    return replace(finding, sections=names)


def check_profile(
    profile: StoreProfile,
    *,
    source: str = "<answers>",
    templates_dir: Path | None = None,
    on: dt.date | None = None,
) -> Report:
    """Check the policy a build would write, against the law as of ``on`` (default: today),
    or as of the day it takes effect when that is later (it must meet that day's law)."""
    from generator.compose import render_policy

    day = max(on or dt.date.today(), profile.policy.effective_date)
    doc = render_policy(profile, templates_dir)
    verdicts = laws.applicable(profile, day)
    results = _redate_fixes(profile, coverage(profile, doc, verdicts, day), day, templates_dir)
    with judged_on(day):
        findings = tuple(_placed(f, doc) for f in consistency(profile, verdicts))
    return Report(
        source=source,
        as_of=day,
        laws=results,
        findings=findings,
        notes=(
            *sale_notes(profile),
            *dated_ahead(profile, on or dt.date.today()),
            *children_purposes_notes(profile),
            *date_notes(profile, day, verdicts),
            *_catalog_notes(profile),
        ),
        policy_date=profile.policy.updated,
        catalog=_catalog_version(profile),
    )


# ---- output --------------------------------------------------------------------------------


def to_dict(report: Report) -> dict[str, object]:
    return {
        "file": report.source,
        "as_of": report.as_of.isoformat(),
        "policy_date": report.policy_date.isoformat() if report.policy_date else None,
        "clean": report.clean,
        "laws": [
            {
                "id": law.law_id,
                "name": law.name,
                "applies": law.applicability.applies,
                "reason": law.applicability.reason,
                "requirements": [
                    {
                        "id": c.requirement.id,
                        "text": c.requirement.text,
                        "cite": c.requirement.cite,
                        "kind": c.requirement.kind,
                        **(
                            {"since": c.requirement.since.isoformat()}
                            if c.requirement.since
                            else {}
                        ),
                        "covered_by": list(c.sections),
                        **({"problem": c.problem} if c.problem else {}),
                        **({"fix": c.fix} if c.missing else {}),
                    }
                    for c in law.coverage
                ],
            }
            for law in report.laws
        ],
        "findings": [
            {
                "rule": f.rule,
                "requirement": f.requirement,
                "sections": list(f.sections),
                "message": f.message,
                "fix": f.fix,
                "fields": list(f.fields),
            }
            for f in report.findings
        ],
        "notes": list(report.notes),
        **({"catalog": report.catalog} if report.catalog else {}),
    }


def format_json(reports: list[Report]) -> str:
    return json.dumps([to_dict(r) for r in reports], indent=2) + "\n"


def format_text(report: Report) -> str:
    lines = [f"{report.source}: {'clean' if report.clean else 'needs attention'}"]
    lines.append(f"  laws judged as of {report.as_of.isoformat()}{_policy_dated(report)}")
    for law in report.laws:
        mark = "applies" if law.applicability.applies else "n/a"
        lines.append(f"  [{mark}] {law.name}: {law.applicability.reason}")
        for c in law.coverage:
            if c.missing:
                lines.append(f"      {_shortfall(c)}; fix: {c.fix}")
            else:
                lines.append(f"      ok {c.requirement.id}: {'; '.join(c.sections)}")
    for f in report.findings:
        lines.append(f"  FINDING {f.rule}{_where(f)}: {f.message} Fix: {f.fix}.")
    lines.extend(f"  note: {note}" for note in report.notes)
    if report.catalog:
        lines.append(f"  service catalog: {report.catalog}")
    return "\n".join(lines) + "\n"


def _where(f: Finding) -> str:
    """' (CCPA-04, in 15. Your California privacy rights)', or '(..., in no section)'."""
    if f.requirement is None:
        return ""
    where = "; ".join(f.sections) if f.sections else "no section"
    return f" ({f.requirement}, in {where})"


def _policy_dated(report: Report) -> str:
    if report.policy_date is None or report.policy_date == report.as_of:
        return ""
    return f" (the policy is dated {report.policy_date.isoformat()})"


def _shortfall(c: Coverage) -> str:
    """'MISSING ID (cite): text' or 'FAILS ID (cite) in section: problem'."""
    r = c.requirement
    if c.sections:
        return f"FAILS {r.id} ({r.cite}) in {'; '.join(c.sections)}: {c.problem}"
    return f"MISSING {r.id} ({r.cite}): {r.text}; no section says it"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def format_markdown(report: Report) -> str:
    out = [f"# Compliance check: {_cell(report.source)}", ""]
    out.append(
        f"Result: **{'clean' if report.clean else 'needs attention'}**. "
        f"Laws judged as of {report.as_of.isoformat()}{_policy_dated(report)}."
    )
    out += ["", "## Laws", "", "| Law | Applies | Why |", "|---|---|---|"]
    for law in report.laws:
        applies = "yes" if law.applicability.applies else "no"
        out.append(f"| {law.name} | {applies} | {_cell(law.applicability.reason)} |")
    out += [
        "",
        "## Requirements",
        "",
        "| Id | Requirement | Covered by | Fix |",
        "|---|---|---|---|",
    ]
    for law in report.laws:
        for c in law.coverage:
            where = "; ".join(c.sections) if c.sections else "**missing**"
            if c.problem:
                where += f" (**fails**: {c.problem})"
            fix = _cell(c.fix) if c.missing else ""
            out.append(
                f"| {c.requirement.id} | {_cell(c.requirement.text)} | {_cell(where)} | {fix} |"
            )
    if report.findings:
        out += ["", "## Consistency findings", ""]
        out += [
            f"- **{f.rule}**{_cell(_where(f))}: {_cell(f.message)} Fix: {_cell(f.fix)}."
            for f in report.findings
        ]
    if report.notes:
        out += ["", "## Notes", ""] + [f"- {n}" for n in report.notes]
    return "\n".join(out) + "\n"


def render_reports(reports: list[Report], fmt: str) -> str:
    if fmt == "json":
        return format_json(reports)
    formatter = format_markdown if fmt == "markdown" else format_text
    return "\n".join(formatter(r) for r in reports)
