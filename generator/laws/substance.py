"""What a section that claims a requirement must actually say, checked in the rendered text.

A clause records the requirement ids it meets with ``covers``. For most requirements the
wording is fixed or built from answers the model requires, so no answer can make it fall
short; but a user's own template (``--templates DIR``) can call ``covers("ID")`` and leave the
substance out. ``MUST_SAY`` lists, per requirement id, the elements the law asks the text to
carry, each as a loose pattern any honest wording contains; ``check`` reads the sections that
declare the id and reports the elements none of them says. This is the one place these lists
live: the legal requirement stays in Python, templates only word it.

Patterns are matched case-insensitively in the section's Markdown with escapes removed and
whitespace collapsed. Elements that depend on the answers (the store's own categories, name
or contact) are functions of the profile.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from generator.facts.data import called
from generator.facts.sensitive import catchall_kinds
from generator.model import StoreProfile
from generator.model.vocab import DataCategory, label, sensitive_names


class Element(NamedTuple):
    """One thing the text must say: in words for the report, and a pattern that finds it."""

    what: str
    pattern: str


Needs = Callable[[StoreProfile], Iterable[Element]]


def says(what: str, pattern: str) -> Needs:
    """An element every store's text must carry, whatever the answers."""
    element = Element(what, pattern)
    return lambda _profile: (element,)


def _each_category(profile: StoreProfile) -> Iterable[Element]:
    sensitive = sensitive_names(catchall_kinds(profile))
    for category in profile.categories:
        # The policy names the sensitive category by the kinds the store holds.
        own = called(profile, category)
        if own:
            names = [own]
        elif category is DataCategory.SENSITIVE and sensitive:
            names = sensitive
        else:
            names = [label(category)]
        for name in names:
            yield Element(f"the category '{name}'", re.escape(name))


def _legal_name(profile: StoreProfile) -> Iterable[Element]:
    name = profile.business.legal_name
    yield Element(f"who the controller is ({name})", re.escape(name))


def _a_contact_way(profile: StoreProfile) -> Iterable[Element]:
    c = profile.business.contact
    ways = [str(x) for x in (c.email, c.toll_free, c.phone, c.web_form) if x]
    if ways:
        yield Element(
            "a way to contact the store (" + " or ".join(ways) + ")",
            "|".join(re.escape(w) for w in ways),
        )


def _recipients(profile: StoreProfile) -> Iterable[Element]:
    kinds = {r.kind for r in profile.sharing.recipients}
    if not kinds:
        yield Element("that data is shared with no one", r"\b(do not|don't|never) (share|give)")
    for kind in kinds:
        name = label(kind)
        yield Element(f"the recipients '{name}'", re.escape(name))


def _each_purpose(profile: StoreProfile) -> Iterable[Element]:
    for purpose in dict.fromkeys(use.purpose for use in profile.use.purposes):
        name = label(purpose)
        yield Element(f"the purpose '{name}'", re.escape(name))


def _health_data(profile: StoreProfile) -> Iterable[Element]:
    health = profile.collection.consumer_health_data
    for kind in health.kinds if health else ():
        yield Element(f"the consumer health data '{kind}'", re.escape(kind))


def _named(what: str, pick: Callable[[StoreProfile], str | None]) -> Needs:
    def needs(profile: StoreProfile) -> Iterable[Element]:
        name = pick(profile)
        if name:
            yield Element(f"{what} ({name})", re.escape(name))

    return needs


def _direct_marketing_objection(profile: StoreProfile) -> Iterable[Element]:
    if profile.markets:
        yield Element("the right to object to direct marketing", r"object[^.]*direct marketing")


def _countries_outside_canada(profile: StoreProfile) -> Iterable[Element]:
    from generator.countries import country_name
    from generator.laws.provincial import outside_canada

    for place in outside_canada(profile):
        name = country_name(place.country)
        yield Element(f"the country '{name}'", re.escape(name))


def _indirect_categories(profile: StoreProfile) -> Iterable[Element]:
    from generator.laws.gdpr import indirect_sources

    for category, _sources in indirect_sources(profile):
        name = called(profile, category) or label(category)
        yield Element(f"the category '{name}', not collected from the person", re.escape(name))


def _all(*needs: Needs) -> Needs:
    return lambda profile: [element for need in needs for element in need(profile)]


MUST_SAY: dict[str, Needs] = {
    # Cal. B&P §22575(b)(1); 11 CCR §7011(e)(1)(A); each state's notice section: the
    # categories collected.
    "CAL-01": _each_category,
    "CCPA-01": _each_category,
    "ST-01": _each_category,
    # B&P §22575(b)(1); GDPR Art 13(1)(e); state notices: who receives the data.
    "CAL-02": _recipients,
    "GDPR-05": _recipients,
    "ST-03": _recipients,
    # B&P §22575(b)(3): how users are told of material changes.
    "CAL-04": says("how users are told of changes", r"\bchange"),
    # Each state's notice section (CO: per category): the purposes.
    "ST-02": _each_purpose,
    # CO 4 CCR 904-3 r.6.03-6.04: the last-updated date and how changes are announced.
    "ST-09": _all(
        says("the date the policy was last updated", r"\bupdated\b"),
        says("how changes are announced", r"\bchange"),
    ),
    # RCW 19.373.020(1)(a); Nevada SB 370: the categories of consumer health data.
    "MHMD-01": _health_data,
    "NV-03": _health_data,
    # GDPR Art 13(1)(b): the data protection officer.
    "GDPR-02": _named(
        "the data protection officer", lambda p: p.business.dpo.name if p.business.dpo else None
    ),
    # GDPR Art 13(2)(f): the logic involved and the significance.
    "GDPR-12": says("how the automated decision works", r"how it works|\blogic\b"),
    # GDPR Art 27: the representative in the EU.
    "GDPR-14": _named(
        "the EU representative",
        lambda p: p.business.eu_representative.name if p.business.eu_representative else None,
    ),
    # B&P §22575(b)(4): the effective date.
    "CAL-05": says("the date the policy took effect", r"\beffect(ive)?\b"),
    # B&P §22575(b)(5)-(6).
    "CAL-06": says("how the site responds to Do Not Track", r"do not track"),
    "CAL-07": says(
        "whether other parties may track activity across sites", r"across (different )?websites"
    ),
    # 11 CCR §7011(e)(1): sources, and disclosures for a business purpose.
    "CCPA-02": says("where the data comes from", r"\bwhere we get it\b|\bsources?\b"),
    "CCPA-05": says("who receives data for a business purpose", r"\bdisclos"),
    # Civ. §1798.121; 11 CCR §7011(e)(1)(E): sensitive PI, and whether it is used beyond
    # the permitted purposes.
    "CCPA-07": _all(
        says("the sensitive personal information collected", r"sensitive personal information"),
        says(
            "whether it is used beyond the purposes the law allows",
            r"purposes the law allows|law's basic purposes|\blimit\b",
        ),
    ),
    # 11 CCR §7011(e)(2); Civ. §§1798.100-.125.
    "CCPA-09": _all(
        says("the right to know", r"\bknow\b"),
        says("the right to delete", r"\bdelet"),
        says("the right to correct", r"\bcorrect"),
        says("the right to opt out of sale or sharing", r"opt[ -]out"),
        says("the right not to be retaliated against", r"treated the same|discriminat|retaliat"),
    ),
    # 11 CCR §7011(e)(3)(C)-(D), §§7060-7062: the verification process.
    "CCPA-11": says("how a request is verified", r"\b(verif\w*|check that it comes from you)\b"),
    # Civ. §1798.125(b); 11 CCR §7016(b): the notice of financial incentive.
    "CCPA-18": _all(
        says("how the store values the data", r"\bvalu"),
        says("how to opt in", r"\b(join|opt in|sign up)\b"),
        says("how to withdraw", r"\b(leave|withdraw|opt out)\b"),
    ),
    # Civ. §1798.135(c)(1); 11 CCR §7026(d): no verification for opt-out requests.
    "CCPA-23": says(
        "that opt-out requests are not verified", r"\b(do not|don't|never) (check|verify)"
    ),
    # Civ. §1798.130(a)(2)(B); 11 CCR §7024(h): the right to know reaches back to 2022.
    "CCPA-24": says("that the right to know reaches back to January 1, 2022", r"\b2022\b"),
    # 11 CCR §7220: the pre-use notice's opt-out and access rights.
    "CCPA-25": _all(
        says("the right to opt out of the technology", r"opt out"),
        says("the right to ask how it works", r"how (the technology|it) works"),
    ),
    # 11 CCR §7011(e)(3)(J).
    "CCPA-15": _a_contact_way,
    # Tex. Bus. & Com. §541.102(b): the notice in these exact words.
    "ST-10": says(
        "the notice 'NOTICE: We may sell your sensitive personal data.'",
        r"NOTICE: We may sell your sensitive personal data\.",
    ),
    # CT PA 25-113; Vt. S.71: large language model training.
    "ST-11": says("whether data is used to train large language models", r"language models?"),
    # ORS 646A.574(1)(a)(B); Minn. Stat. §325M.14.
    "ST-12": says("the right to a list of the specific third parties", r"specific third parties"),
    # 6 Del. C. §12D-104(a); Md. Com. §14-4705(b)(6).
    "ST-13": says(
        "the right to a list of the categories of third parties", r"categories of third parties"
    ),
    # Minn. Stat. §325M.14; CT PA 25-113.
    "ST-16": _all(
        says("the right to question the result", r"\bquestion\b"),
        says("the right to correct the data used", r"\bcorrect"),
        says("a new look at the decision", r"again|re-?evaluat|reconsider"),
    ),
    # CT PA 25-113: access includes inferences; whether profiling is used.
    "ST-21": _all(
        says("that access includes inferences", r"\binferr|\binference"),
        says("whether data is used for profiling", r"\bprofiling\b"),
    ),
    # GDPR Art 13(1)(a).
    "GDPR-01": _all(_legal_name, _a_contact_way),
    # GDPR Art 13(2)(b).
    "GDPR-08": _all(
        says("the right of access", r"\baccess\b"),
        says("the right to rectification", r"rectif|\bcorrect"),
        says("the right to erasure", r"\berasure\b|\bdelet"),
        says("the right to restriction", r"\brestrict|\blimit\b"),
        says("the right to object", r"\bobject"),
        says("the right to portability", r"portab"),
    ),
    # GDPR Art 13(2)(c).
    "GDPR-09": says("the right to withdraw consent at any time", r"withdraw"),
    # GDPR Art 13(2)(d).
    "GDPR-10": says(
        "the right to complain to a supervisory authority", r"supervisory authority|commissioner"
    ),
    # GDPR Art 13(2)(e): whether data is required, and what happens without it.
    "GDPR-11": says(
        "what happens if data is not given",
        r"\b(cannot|can't|not be able|up to you|no law)\b",
    ),
    # GDPR Art 14(2)(f).
    "GDPR-13": says("where data not obtained from the person comes from", r"\bfrom\b"),
    # GDPR Art 21(4): the right to object under its own heading, apart from other text.
    "GDPR-15": _all(
        says("the right to object, under a heading of its own", r"(?m)^#{2,4} [^\n]*object"),
        _direct_marketing_objection,
    ),
    # 16 CFR §312.5(a)(2) (2025 amendments).
    "COPPA-05": _all(
        says("that a parent's consent to disclosure is separate", r"\bseparate"),
        says("the disclosures to third parties it covers", r"third part"),
    ),
    # PIPEDA Sch.1 4.10; s.11.
    "PIP-03": says("the Privacy Commissioner of Canada", r"Privacy Commissioner"),
    # OPC Guidelines for obtaining meaningful consent.
    "PIP-04": says("what consent is given and how to withdraw it", r"\bconsent\b"),
    # PIPEDA Sch.1 4.1.3; OPC cross-border guidance.
    "PIP-05": _all(
        says("that data is held outside Canada", r"outside Canada"),
        says("that foreign authorities may access it", r"courts|authorities"),
    ),
    # P-39.1 s.8.2.
    "QC-05": says("that this is the confidentiality policy", r"confidentiality policy"),
    # P-39.1 s.12.1.
    "QC-06": _all(
        says("that decisions are based only on automated processing", r"automated processing"),
        says("the chance to submit observations", r"observations"),
    ),
    # P-39.1 s.27.
    "QC-07": says(
        "the right to a structured, commonly used technological format", r"commonly used"
    ),
    # P-39.1 ss.42, 81.
    "QC-08": says("the Commission d'accès à l'information du Québec", r"Commission d.acc[eè]s"),
    # BC PIPA s.10(1)(a).
    "BCP-02": _each_purpose,
    # BC PIPA ss.36(2), 46-47.
    "BCP-04": says(
        "the Information and Privacy Commissioner for British Columbia",
        r"Information and Privacy Commissioner for British Columbia",
    ),
    # Alberta PIPA s.6(2), s.13.1.
    "ABP-02": _all(
        _countries_outside_canada,
        says("that written information about the policies can be had", r"written information"),
    ),
    # Alberta PIPA ss.36, 46-47.
    "ABP-04": says(
        "the Information and Privacy Commissioner of Alberta",
        r"Information and Privacy Commissioner of Alberta",
    ),
    # LGPD Art 20.
    "LGPD-04": says("the right to have such a decision reviewed", r"\breview"),
    # APP 1.4(c)-(g).
    "APP-01": _all(
        _each_category,
        says("access and correction", r"\baccess\b"),
        says("how to complain", r"complain"),
        says("overseas disclosure", r"overseas"),
    ),
    # NZ Privacy Act 2020 IPP 3(1)(d), (g): the agency's name; access and correction.
    "NZ-01": _all(
        _legal_name,
        says("the right of access", r"\baccess\b"),
        says("the right of correction", r"correct"),
    ),
    # IPP 12: where the information goes, and when overseas disclosure is allowed.
    "NZ-03": _all(
        says("that information is held outside New Zealand", r"outside New Zealand"),
        says("that overseas recipients protect it comparably", r"comparabl"),
    ),
    # IPPs 6-7; s.44.
    "NZ-04": _all(
        says("the right of access", r"\baccess\b"),
        says("the right of correction", r"correct"),
        says("the 20-working-day limit", r"20 working days"),
    ),
    # s.70.
    "NZ-05": says("the Privacy Commissioner", r"Privacy Commissioner"),
    # FADP Art 19(2).
    "CH-01": _all(
        _legal_name,
        says("the purposes", r"purpose"),
        says("the recipients", r"recipient"),
    ),
    # FADP Art 25, 28, 32; DPO Art 18.
    "CH-04": _all(
        says("the right of access", r"\bcopy\b|\baccess\b"),
        says("the 30-day limit", r"30 days"),
        says("data portability", r"electronic format|portab"),
        says("correction and deletion", r"delete|deletion"),
    ),
    # FADP Art 49.
    "CH-05": says("the FDPIC", r"FDPIC|Data Protection and Information Commissioner"),
    # FADP Art 19(3).
    "CH-06": _indirect_categories,
    # NRS 603A.340; 6 Del. C. §1205C(b): what is collected and who may receive it.
    "NV-01": says("the third parties data may be shared with", r"third parties"),
    "DE-01": says("the third parties data may be shared with", r"third parties"),
}


_ESCAPE = re.compile(r"\\(?=[^\w\s])")
_SPACE = re.compile(r"[ \t]+")


def unsaid(requirement_id: str, profile: StoreProfile, text: str) -> list[str]:
    """The elements of ``MUST_SAY[requirement_id]`` the text does not say (in words).

    Empty when it says them all, or when nothing is listed for the requirement.
    """
    needs = MUST_SAY.get(requirement_id)
    if needs is None:
        return []
    plain = _SPACE.sub(" ", _ESCAPE.sub("", text))
    return [e.what for e in needs(profile) if not re.search(e.pattern, plain, re.IGNORECASE)]
