"""What each law that applies to the new version asks once its practices change.

Judged on the NEW profile (``laws.applicable``): the law the changed policy must meet. Each
duty cites its source; where no law module holds the rule (the FTC's position on changing a
policy, which comes from enforcement under FTC Act s.5 rather than a statute's text), the
duty names the cases and guidance it rests on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from generator.laws.base import reaches
from generator.versions.diff import MATERIAL_KINDS, NEW_USES, Change, Duty

if TYPE_CHECKING:
    from generator.laws.base import Applicability
    from generator.model import StoreProfile
    from generator.model.commitments import Revision


def duties(
    changes: Sequence[Change], profile: StoreProfile, verdicts: Mapping[str, Applicability]
) -> tuple[Duty, ...]:
    """The duties the changes bring, law by law, for the store of ``profile`` (the new
    version); none when nothing changed."""
    if not changes:
        return ()
    kinds = {c.kind for c in changes}
    material = bool(kinds & MATERIAL_KINDS)
    applies = {law for law, verdict in verdicts.items() if verdict.applies}
    found: list[Duty] = [_date_duty(applies)]
    if material and reaches(profile, "US"):
        # FTC Act s.5 (15 U.S.C. §45): applying a material change to data collected under an
        # earlier promise without consent is unfair and deceptive. In re Gateway Learning
        # Corp., FTC File No. 042-3047 (consent order 2004: no retroactive material change
        # without the consumer's express affirmative consent); FTC Technology Blog, "AI (and
        # other) Companies: Quietly Changing Your Terms of Service Could Be Unfair or
        # Deceptive", February 13, 2024.
        found.append(
            Duty(
                "ftc",
                "FTC Act (United States)",
                "Apply a material change to data collected before it only with people's "
                "affirmative (opt-in) consent, and announce the change clearly before it takes "
                "effect rather than only posting the new policy.",
                "FTC Act s.5 (15 U.S.C. §45); In re Gateway Learning Corp. (FTC 2004); FTC, "
                "'Quietly Changing Your Terms of Service Could Be Unfair or Deceptive' (Feb. 13, 2024)",
            )
        )
    if "new-purpose" in kinds:
        for law, name, cite in (
            ("gdpr", "GDPR", "GDPR Art 13(3), 14(4), 6(4)"),
            ("uk_gdpr", "UK GDPR", "UK GDPR Art 13(3), 14(4), 6(4)"),
        ):
            if law in applies:
                # Art 13(3): information on the further purpose "prior to that further
                # processing"; Art 6(4): a purpose not based on consent must be compatible.
                found.append(
                    Duty(
                        law,
                        name,
                        "Tell people about the new purpose before you use their data for it, and "
                        "either check that it is compatible with the purpose the data was "
                        "collected for or rest it on its own legal basis (such as consent).",
                        cite,
                    )
                )
        if "pipeda" in applies:
            # PIPEDA Sch. 1, Principle 4.2.4: a new purpose is identified before use and needs
            # consent unless the law requires the use.
            found.append(
                Duty(
                    "pipeda",
                    "PIPEDA (Canada)",
                    "Identify the new purpose before using the data for it, and get people's "
                    "consent first unless a law requires the use.",
                    "PIPEDA Sch. 1, Principle 4.2.4",
                )
            )
    if "ccpa" in applies:
        if kinds & {"new-category", "new-purpose"}:
            # Civ. Code §1798.100(a)(1): no additional categories, and no additional
            # incompatible purposes, without notice at collection; 11 CCR §7002(e): consent
            # before processing for a purpose that fails the reasonable-expectations test.
            found.append(
                Duty(
                    "ccpa",
                    "CCPA (California)",
                    "Update the notice at collection before collecting the new kinds of data or "
                    "using data for the new purposes; a purpose people would not reasonably "
                    "expect from how the data was collected needs their consent.",
                    "Cal. Civ. Code §1798.100(a)(1); 11 CCR §7002(e)",
                )
            )
        if kinds & {"new-sale", "new-share"}:
            # §1798.120 right to opt out; §1798.135(a) the 'Do Not Sell or Share' link.
            found.append(
                Duty(
                    "ccpa",
                    "CCPA (California)",
                    "Before selling or sharing, offer the opt-out of sale and sharing and the "
                    "'Do Not Sell or Share My Personal Information' link (or honour opt-out "
                    "preference signals).",
                    "Cal. Civ. Code §1798.120, §1798.135(a)",
                )
            )
    if material and "coppa" in applies:
        # 16 CFR §312.4(b): direct notice of any material change; §312.5(a)(1): verifiable
        # consent to any material change in collection, use or disclosure.
        found.append(
            Duty(
                "coppa",
                "COPPA (United States)",
                "Send parents a new direct notice of the change and get their verifiable "
                "consent before it applies to their children's information.",
                "16 CFR §312.4(b), §312.5(a)(1)",
            )
        )
    if kinds & NEW_USES and not (
        profile.policy.new_uses_need_consent or profile.policy.old_data_keeps_old_terms
    ):
        found.append(
            Duty(
                "all",
                "Your answers",
                "Data you already hold is put to new uses, and the answers do not say how: set "
                "policy.new_uses_need_consent (ask before using old data in a new way) or "
                "policy.old_data_keeps_old_terms.",
                "policy.new_uses_need_consent",
            )
        )
    return tuple(found)


def _date_duty(applies: set[str]) -> Duty:
    """Every change re-dates the policy. CalOPPA requires the effective date (B&P
    §22575(b)(4)); the CCPA regulations the date last updated (11 CCR §7011(e)(4));
    elsewhere it is how readers see that the text changed."""
    cites = []
    if "caloppa" in applies:
        cites.append("Cal. B&P Code §22575(b)(4)")
    if "ccpa" in applies:
        cites.append("11 CCR §7011(e)(4); Cal. Civ. Code §1798.130(a)(5) (review every 12 months)")
    return Duty(
        "all",
        "Every policy",
        "Update the policy's 'last updated' date and keep the earlier version on file.",
        "; ".join(cites) or "good practice",
    )


def prior_notice_laws(profile: StoreProfile, verdicts: Mapping[str, Applicability]) -> list[str]:
    """The laws that want people told before a material change applies to them, by name.

    None sets a number of days; each asks for notice before: the FTC's position under s.5
    (Gateway Learning, 2004; the FTC's February 2024 guidance), GDPR and UK GDPR Art 13(3)
    ("prior to that further processing"), COPPA 16 CFR §312.4(b) and §312.5(a)(1) (notice
    and the parent's consent before a material change applies), PIPEDA Principle 4.2.4 (a
    new purpose identified "prior to use")."""
    applies = {law for law, verdict in verdicts.items() if verdict.applies}
    named = ["the FTC (FTC Act s.5)"] if reaches(profile, "US") else []
    for law, name in (
        ("gdpr", "GDPR Art 13(3)"),
        ("uk_gdpr", "UK GDPR Art 13(3)"),
        ("coppa", "COPPA (16 CFR §312.4(b), §312.5(a)(1))"),
        ("pipeda", "PIPEDA Principle 4.2.4"),
    ):
        if law in applies:
            named.append(name)
    return named


def material_revisions(profile: StoreProfile) -> list[Revision]:
    """The material revisions of the version the answers describe: dated on or after the
    day it is published or takes effect, whichever is earlier."""
    policy = profile.policy
    since = min(policy.updated, policy.effective_date)
    return [r for r in policy.revisions if r.material and r.date >= since]
