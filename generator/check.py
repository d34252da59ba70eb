"""`policygen check`: does the policy meet every law that applies, and do the answers agree?

Coverage is read from what actually rendered: each clause records the requirement ids
its text satisfies (``covers``), so a requirement counts as met only when a section that
says it is in the policy. Consistency rules catch answers that are each valid but
together would make the policy false or unlawful.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import laws
from generator.document import PolicyDocument
from generator.facts import derive
from generator.laws import ccpa, gdpr, pipeda
from generator.laws.base import Applicability, Requirement, as_of, long_date, reaches_us_state
from generator.model import StoreProfile
from generator.model.vocab import (
    Channel,
    CookieKind,
    RecipientKind,
    RetentionBasis,
    Right,
)

FORMATS = ("text", "json", "markdown")


@dataclass(frozen=True)
class Coverage:
    """One requirement of an applying law: the sections that meet it (none means missing)."""

    requirement: Requirement
    sections: tuple[str, ...]

    @property
    def missing(self) -> bool:
        return not self.sections


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
    """Answers that contradict each other or a law: what is wrong and what would fix it."""

    rule: str
    message: str
    fix: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    source: str
    as_of: dt.date
    laws: tuple[LawResult, ...]
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def missing(self) -> list[tuple[LawResult, Coverage]]:
        return [(law, c) for law in self.laws for c in law.missing]

    @property
    def clean(self) -> bool:
        return not self.missing and not self.findings


# ---- coverage ------------------------------------------------------------------------------


def coverage(
    profile: StoreProfile, doc: PolicyDocument, verdicts: dict[str, Applicability]
) -> tuple[LawResult, ...]:
    covered = doc.covered()
    results = []
    for law_id, law in laws.LAWS.items():
        verdict = verdicts[law_id]
        rows: tuple[Coverage, ...] = ()
        if verdict.applies:
            rows = tuple(
                Coverage(r, tuple(_section_name(s.number, s.title) for s in covered.get(r.id, [])))
                for r in law.requirements
                if r.needed_for(profile)
            )
        results.append(LawResult(law_id, law.name, verdict, rows))
    return tuple(results)


def _section_name(number: int, title: str) -> str:
    return f"{number}. {title}"


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
        )


@rule
def transfer_without_safeguard(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # GDPR Arts 44-46: every transfer outside the EEA needs adequacy or a safeguard.
    if not verdicts["gdpr"].applies:
        return
    for country in gdpr.unsafeguarded(profile):
        yield Finding(
            "transfer-without-safeguard",
            f"The store serves the EEA and keeps data in {country}, but names no safeguard for "
            "that transfer.",
            f"add an international.transfers entry with destination: {country} and a "
            "safeguard (dpf, scc, adequacy or bcr)",
            ("business.data_stored_in", "international.transfers"),
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
        )


@rule
def sms_without_stop(profile: StoreProfile, _v: dict[str, Applicability]) -> Iterator[Finding]:
    # TCPA 47 CFR §64.1200(a)(10) and CTIA practice: "STOP" must end text messages.
    if Channel.SMS in profile.marketing.channels and not profile.marketing.unsubscribe.reply_stop:
        yield Finding(
            "sms-without-stop",
            "Marketing texts are sent but replying STOP is not offered as a way out.",
            "set marketing.unsubscribe.reply_stop: true",
            ("marketing.channels", "marketing.unsubscribe.reply_stop"),
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
    retention = derive(profile).retention
    vague = retention.unspecific
    if vague:
        names = ", ".join(c.value for c in vague)
        yield Finding(
            "retention-not-specific",
            f"No specific retention period or criterion for: {names}. The general rule "
            f"'{retention.general}' does not say how long.",
            "add retention.rules entries that name these categories with a period or an "
            "event (account_lifetime, until_unsubscribe, until_deleted, fixed_period), or make "
            "retention.default_criteria concrete",
            ("retention.rules", "retention.default_criteria"),
        )


@rule
def sms_without_consent(profile: StoreProfile, _v: dict[str, Applicability]) -> Iterator[Finding]:
    # TCPA 47 CFR §64.1200(a)(2): prior express written consent for marketing texts;
    # CASL s.6(1); ePrivacy Directive Art 13(1).
    if derive(profile).marketing.sms_without_consent:
        yield Finding(
            "sms-without-consent",
            "Marketing texts are sent on an opt-out basis; texts need the person's prior "
            "consent (in the US, written consent under the TCPA).",
            "set marketing.consent: opt_in (or stop marketing by text message)",
            ("marketing.consent", "marketing.channels"),
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
        )


@rule
def cookies_without_consent_banner(
    profile: StoreProfile, verdicts: dict[str, Applicability]
) -> Iterator[Finding]:
    # ePrivacy Directive Art 5(3) and UK PECR reg 6: non-essential cookies need consent.
    if not (verdicts["gdpr"].applies or verdicts["uk_gdpr"].applies):
        return
    optional = [k for k in profile.cookies.kinds if k is not CookieKind.STRICTLY_NECESSARY]
    if profile.cookies.uses_cookies and optional and not profile.cookies.consent_banner:
        yield Finding(
            "cookies-without-consent",
            "Non-essential cookies are used for EEA or UK visitors without asking first.",
            "set cookies.consent_banner: true (or use only strictly necessary cookies)",
            ("cookies.kinds", "cookies.consent_banner"),
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
        )


def consistency(profile: StoreProfile, verdicts: dict[str, Applicability]) -> list[Finding]:
    return [finding for check in RULES for finding in check(profile, verdicts)]


# ---- the whole check -----------------------------------------------------------------------


def changed_since(profile: StoreProfile, today: dt.date) -> list[str]:
    """Laws that would apply to a version dated today but not to this one."""
    if today <= as_of(profile):
        return []
    current = profile.model_copy(
        update={"policy": profile.policy.model_copy(update={"last_updated": today})}
    )
    then = laws.applicable(profile)
    now = laws.applicable(current)
    return [laws.LAWS[i].name for i in now if now[i].applies and not then[i].applies]


def check_profile(
    profile: StoreProfile,
    *,
    source: str = "<answers>",
    templates_dir: Path | None = None,
    today: dt.date | None = None,
) -> Report:
    from generator.compose import render_policy

    verdicts = laws.applicable(profile)
    doc = render_policy(profile, templates_dir)
    notes = sale_notes(profile)
    newer = changed_since(profile, today or dt.date.today())
    if newer:
        notes.append(
            f"Laws are judged as of the policy's date, {long_date(as_of(profile))}. A version "
            f"dated today would also have to meet: {', '.join(newer)}."
        )
    return Report(
        source=source,
        as_of=as_of(profile),
        laws=coverage(profile, doc, verdicts),
        findings=tuple(consistency(profile, verdicts)),
        notes=tuple(notes),
    )


# ---- output --------------------------------------------------------------------------------


def to_dict(report: Report) -> dict[str, object]:
    return {
        "file": report.source,
        "as_of": report.as_of.isoformat(),
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
                        "covered_by": list(c.sections),
                        **({"fix": c.requirement.fix} if c.missing else {}),
                    }
                    for c in law.coverage
                ],
            }
            for law in report.laws
        ],
        "findings": [
            {"rule": f.rule, "message": f.message, "fix": f.fix, "fields": list(f.fields)}
            for f in report.findings
        ],
        "notes": list(report.notes),
    }


def format_json(reports: list[Report]) -> str:
    return json.dumps([to_dict(r) for r in reports], indent=2) + "\n"


def format_text(report: Report) -> str:
    lines = [f"{report.source}: {'clean' if report.clean else 'needs attention'}"]
    lines.append(f"  laws judged as of {report.as_of.isoformat()}")
    for law in report.laws:
        mark = "applies" if law.applicability.applies else "n/a"
        lines.append(f"  [{mark}] {law.name}: {law.applicability.reason}")
        for c in law.coverage:
            if c.missing:
                lines.append(
                    f"      MISSING {c.requirement.id} ({c.requirement.cite}): "
                    f"{c.requirement.text}; fix: {c.requirement.fix}"
                )
            else:
                lines.append(f"      ok {c.requirement.id}: {'; '.join(c.sections)}")
    for f in report.findings:
        lines.append(f"  FINDING {f.rule}: {f.message} Fix: {f.fix}.")
    lines.extend(f"  note: {note}" for note in report.notes)
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def format_markdown(report: Report) -> str:
    out = [f"# Compliance check: {_cell(report.source)}", ""]
    out.append(
        f"Result: **{'clean' if report.clean else 'needs attention'}**. "
        f"Laws judged as of {report.as_of.isoformat()}."
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
            fix = _cell(c.requirement.fix) if c.missing else ""
            out.append(
                f"| {c.requirement.id} | {_cell(c.requirement.text)} | {_cell(where)} | {fix} |"
            )
    if report.findings:
        out += ["", "## Consistency findings", ""]
        out += [f"- **{f.rule}**: {_cell(f.message)} Fix: {_cell(f.fix)}." for f in report.findings]
    if report.notes:
        out += ["", "## Notes", ""] + [f"- {n}" for n in report.notes]
    return "\n".join(out) + "\n"


def render_reports(reports: list[Report], fmt: str) -> str:
    if fmt == "json":
        return format_json(reports)
    formatter = format_markdown if fmt == "markdown" else format_text
    return "\n".join(formatter(r) for r in reports)
