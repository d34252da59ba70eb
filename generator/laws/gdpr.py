"""EU General Data Protection Regulation (Regulation (EU) 2016/679), Arts 3, 7, 13, 14, 21,
22, 27, with the ePrivacy Directive's rule on email to existing customers (2002/58/EC Art 13(2))."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from generator.laws.base import Applicability, Law, req, territorial
from generator.model import EEA, StoreProfile
from generator.model.commitments import Transfer
from generator.model.vocab import (
    Channel,
    CookieKind,
    DataCategory,
    LegalBasis,
    Purpose,
    Safeguard,
    Source,
)

ID = "gdpr"
NAME = "GDPR"

# Not transfer tools under Chapter V: a processor contract alone is no Art 46(2) safeguard
# (only the Commission's clauses inside it are), and consent is an Art 49(1)(a) derogation
# for occasional transfers, not for a store's routine hosting (EDPB Guidelines 2/2018).
_NOT_ART_46 = frozenset({Safeguard.PROVIDER_CONTRACT, Safeguard.CONSENT, Safeguard.RECIPIENT_TERMS})


# Countries with a Commission adequacy decision under Art 45(3) (or Directive 95/46 Art
# 25(6), kept in force by Art 45(9)): Andorra, Argentina, Canada (commercial organisations,
# PIPEDA), the Faroe Islands, Guernsey, Israel, the Isle of Man, Japan, Jersey, New Zealand,
# the Republic of Korea (2022/254), Switzerland, the United Kingdom (2021/1772 renewed to
# 2031) and Uruguay. The United States' decision (2023/1795) covers only organisations
# certified under the EU-U.S. Data Privacy Framework, so "adequacy" alone is no tool there:
# it is answered as dpf, for the certified recipients.
ADEQUATE = frozenset(
    {"AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "UY"}
)


def adequacy_without_decision(profile: StoreProfile) -> tuple[str, ...]:
    """Countries a transfer names "an adequacy decision" for although the Commission has
    adopted none that covers it (the United States' covers certified companies only)."""
    return tuple(
        dict.fromkeys(
            t.destination
            for t in profile.international.transfers
            if t.safeguard is Safeguard.ADEQUACY
            and t.destination not in EEA
            and t.destination not in ADEQUATE
        )
    )


def unsafeguarded(profile: StoreProfile) -> tuple[str, ...]:
    """Countries outside the EEA that data goes to with no valid transfer tool named: none at
    all where it is stored, only a provider contract or consent (Art 44-49), or an adequacy
    decision the Commission never adopted for that country (Art 45)."""
    no_decision = set(adequacy_without_decision(profile))

    def valid_tool(transfer: Transfer) -> bool:
        return transfer.safeguard not in _NOT_ART_46 and not (
            transfer.safeguard is Safeguard.ADEQUACY and transfer.destination in no_decision
        )

    transfers = profile.international.transfers
    valid = {t.destination for t in transfers if valid_tool(t)}
    # Each transfer needs its own tool: a certified processor in a country does not cover
    # the ad platform that receives data there under its own terms only.
    weak = [t.destination for t in transfers if not valid_tool(t) and t.destination not in EEA]
    missing = [c for c in stores_outside(profile, EEA) if c not in valid]
    return tuple(dict.fromkeys([*missing, *weak]))


_COOKIE_CONSENT_PURPOSES = frozenset(
    {Purpose.ANALYTICS, Purpose.TARGETED_ADVERTISING, Purpose.PERSONALIZATION}
)


def consent_withdrawal_is_easy(profile: StoreProfile) -> bool:
    """Art 7(3): each consent can be withdrawn as easily as it was given.

    Consent given in a cookie banner needs a cookie-settings link; consent to marketing
    needs an unsubscribe route. Browser settings alone are not as easy.
    """
    consented = {
        u.purpose
        for u in profile.use.purposes
        if LegalBasis.CONSENT in (u.legal_basis, u.uk_legal_basis)
    }
    optional_cookies = set(profile.cookies.kinds) - {CookieKind.STRICTLY_NECESSARY}
    cookie_consent = profile.cookies.consent_banner and bool(optional_cookies)
    if (cookie_consent or consented & _COOKIE_CONSENT_PURPOSES) and not (
        profile.cookies.settings_link
    ):
        return False
    return not (Purpose.MARKETING in consented and not profile.marketing.unsubscribe.has_any())


def emails_customers_without_consent(profile: StoreProfile) -> bool:
    """ePrivacy Art 13(2): offers about similar products to existing customers, no opt-in."""
    return Channel.EMAIL in profile.marketing.channels and profile.marketing.existing_customers


def art22_grounds_given(profile: StoreProfile) -> bool:
    return all(d.ground is not None for d in profile.significant_automated_decisions)


# The supervisory authority of the EEA country a store is established in (Art 51, 56):
# the national authorities the EDPB lists as members, with their own websites. Germany
# (one authority per Land) and countries not listed here are left unnamed. Names and
# addresses as the EDPB's members page gives them; not confirmed against it here.
SUPERVISORY_AUTHORITIES = {
    "AT": ("the Austrian Data Protection Authority (Datenschutzbehörde)", "https://www.dsb.gv.at"),
    "BE": (
        "the Belgian Data Protection Authority (Autorité de protection des données / "
        "Gegevensbeschermingsautoriteit)",
        "https://www.dataprotectionauthority.be",
    ),
    "DK": ("the Danish Data Protection Agency (Datatilsynet)", "https://www.datatilsynet.dk"),
    "ES": (
        "the Spanish Data Protection Agency (Agencia Española de Protección de Datos, AEPD)",
        "https://www.aepd.es",
    ),
    "FR": (
        "the Commission nationale de l'informatique et des libertés (CNIL)",
        "https://www.cnil.fr",
    ),
    "IE": ("Ireland's Data Protection Commission", "https://www.dataprotection.ie"),
    "IT": (
        "the Italian Data Protection Authority (Garante per la protezione dei dati personali)",
        "https://www.garanteprivacy.it",
    ),
    "LU": (
        "the National Commission for Data Protection (CNPD)",
        "https://cnpd.public.lu",
    ),
    "NL": (
        "the Dutch Data Protection Authority (Autoriteit Persoonsgegevens)",
        "https://www.autoriteitpersoonsgegevens.nl",
    ),
    "SE": (
        "the Swedish Authority for Privacy Protection (IMY)",
        "https://www.imy.se",
    ),
}


def lead_authority(profile: StoreProfile) -> tuple[str, str] | None:
    """The supervisory authority of the first EEA country the store is established in, when
    known: where it handles complaints as lead authority for cross-border processing
    (Art 56(1)); people may still complain where they live or work (Art 77(1))."""
    for country in profile.business.established_in:
        if country in SUPERVISORY_AUTHORITIES:
            return SUPERVISORY_AUTHORITIES[country]
    return None


def facts(profile: StoreProfile) -> dict[str, object]:
    return {
        "unsafeguarded": unsafeguarded(profile),
        "withdrawal_easy": consent_withdrawal_is_easy(profile),
        "art22": tuple(profile.significant_automated_decisions),
        "art22_grounds_given": art22_grounds_given(profile),
        "existing_customer_email": emails_customers_without_consent(profile),
        "objection_heading": uses_basis(profile, LegalBasis.LEGITIMATE_INTERESTS)
        or profile.markets,
        # Art 3(1): a controller established in the Union is bound for all its processing,
        # wherever the people it concerns live, not only for people in the EEA.
        "everyone": any(c in EEA for c in profile.business.established_in),
        "authority": lead_authority(profile),
    }


def applies(profile: StoreProfile) -> Applicability:
    # The facts travel even when GDPR does not apply: the shared EEA/UK clause reads
    # them for a store that only UK GDPR reaches.
    # Art 3(1): an establishment in the Union; Art 3(2)(a): offering goods to people there;
    # Art 3(2)(b) and Recital 24: monitoring their behaviour there (tracking, profiling).
    verdict = territorial(
        profile,
        EEA,
        established="The business has an establishment in the EU or EEA.",
        sells="The store offers goods to people in the EU or EEA.",
        neither="The store neither is established in, sells to, nor tracks visitors from the "
        "EU or EEA.",
        monitoring="The store tracks and profiles visitors from the EU or EEA (Art 3(2)(b)).",
    )
    return Applicability(verdict.applies, verdict.reason, facts=facts(profile))


def uses_basis(profile: StoreProfile, basis: LegalBasis) -> bool:
    """Whether any use rests on ``basis``, in the EEA or (``uk_legal_basis``) in the UK."""
    return any(basis in (use.legal_basis, use.uk_legal_basis) for use in profile.use.purposes)


def stores_outside(profile: StoreProfile, region: frozenset[str]) -> list[str]:
    return [c for c in profile.business.data_stored_in if c not in region]


def transfers_abroad(profile: StoreProfile) -> bool:
    """Art 44: data leaves the EEA, to storage abroad or to a named transfer."""
    return bool(stores_outside(profile, EEA) or profile.international.transfers)


def relies_on_consent(profile: StoreProfile) -> bool:
    """Consent is a basis (Art 6(1)(a)): a use rests on it, or a cookie banner asks for it.

    Consent a banner collects for cookies (ePrivacy Directive Art 5(3)) is consent in the
    GDPR's sense (Art 4(11), 7), so it can be withdrawn at any time (Art 7(3), 13(2)(c)).
    requirements-2026.md gives GDPR-09 and GDPR-17 this one trigger, "consent is a basis".
    """
    return uses_basis(profile, LegalBasis.CONSENT) or profile.cookies.consent_banner


def collects_indirectly(profile: StoreProfile) -> bool:
    """Art 14: some data comes from someone other than the person.

    Judged on the sources the facts layer resolves, the ones the policy words: a category's
    natural source when the owner names none (credit information from credit bureaus is
    not obtained from the person, Art 14(1)), and security cameras observe the person
    themselves (Art 13, not Art 14), so they alone do not make it needed. Nor does the
    store's own record of the person's orders, account and dealings with it (order history,
    customer number, loyalty): that is data obtained from the person in those dealings,
    Art 13 (WP260 rev.01 para 26), not data "not obtained from the data subject", Art 14(1);
    counting it made every store with order history need GDPR-13.
    """
    return bool(indirect_sources(profile))


def indirect_sources(profile: StoreProfile) -> tuple[tuple[DataCategory, tuple[Source, ...]], ...]:
    """Each category that comes from someone other than the person, with those sources:
    the sources ``collects_indirectly`` counts (not the store's own records). New Zealand's
    IPP 3A and the Swiss FADP Art 19(3) name the same ones."""
    from generator.facts.data import category_facts

    out = []
    for c in category_facts(profile):
        others = tuple(s for s in c.from_others if s is not Source.OUR_RECORDS)
        if others:
            out.append((c.category, others))
    return tuple(out)


REQUIREMENTS = (
    req(
        ID,
        "GDPR-01",
        "Art 13(1)(a)",
        "the controller's identity and contact details",
        "business.legal_name, business.address and business.contact",
    ),
    req(
        ID,
        "GDPR-02",
        "Art 13(1)(b)",
        "the data protection officer's contact details",
        "business.dpo",
        kind="S/C",
        needed=lambda p: p.business.dpo is not None,
    ),
    req(
        ID,
        "GDPR-03",
        "Art 13(1)(c)",
        "each purpose with its legal basis",
        "use.purposes[].legal_basis for every purpose",
    ),
    req(
        ID,
        "GDPR-04",
        "Art 13(1)(d)",
        "the legitimate interests pursued",
        "use.purposes[].legitimate_interest where the basis is legitimate_interests",
        kind="S/C",
        needed=lambda p: uses_basis(p, LegalBasis.LEGITIMATE_INTERESTS),
    ),
    req(
        ID,
        "GDPR-05",
        "Art 13(1)(e)",
        "the recipients or categories of recipients",
        "sharing.recipients",
    ),
    req(
        ID,
        "GDPR-06",
        "Art 13(1)(f); Arts 44-49",
        "per transfer outside the EEA: the country and an Art 45 or 46 mechanism, and how to get "
        "a copy (Art 49 only for occasional transfers)",
        "international.transfers (destination and safeguard for each country in "
        "business.data_stored_in outside the EEA)",
        kind="S/C",
        needed=transfers_abroad,
    ),
    req(
        ID,
        "GDPR-07",
        "Art 13(2)(a)",
        "how long data is kept, or the criteria, per category or purpose",
        "retention.rules or retention.default_criteria",
    ),
    req(
        ID,
        "GDPR-08",
        "Art 13(2)(b)",
        "the rights of access, rectification, erasure, restriction, objection and portability",
        "none: fixed text",
        kind="F",
    ),
    req(
        ID,
        "GDPR-09",
        "Art 13(2)(c)",
        "the right to withdraw consent at any time",
        "none: fixed text",
        kind="F/C",
        needed=relies_on_consent,
    ),
    req(
        ID,
        "GDPR-10",
        "Art 13(2)(d)",
        "the right to complain to a supervisory authority",
        "none: fixed text",
        kind="F",
    ),
    req(
        ID,
        "GDPR-11",
        "Art 13(2)(e)",
        "whether giving data is a legal or contractual requirement, and what happens if not",
        "collection.items[].necessity and if_not_provided for required data",
    ),
    req(
        ID,
        "GDPR-12",
        "Art 13(2)(f); Art 22",
        "that solely automated decisions are made; the logic actually applied, their "
        "significance and envisaged consequences",
        "use.automated_decisions (description, logic, significance)",
        kind="S/C",
        needed=lambda p: bool(p.significant_automated_decisions),
    ),
    req(
        ID,
        "GDPR-13",
        "Art 14(1)(d), 14(2)(f)",
        "the categories and each source of data not obtained from the person, and whether "
        "publicly accessible",
        "collection.items[].sources",
        kind="S/C",
        needed=collects_indirectly,
    ),
    req(
        ID,
        "GDPR-14",
        "Art 27",
        "the EU representative",
        "business.eu_representative",
        kind="S/C",
        needed=lambda p: not p.established_in_eea,
    ),
    req(
        ID,
        "GDPR-15",
        "Art 21(1)-(4)",
        "the right to object to processing on legitimate interests and, at any time, to direct "
        "marketing, in its own clearly separate paragraph",
        "none: fixed text",
        kind="F/C",
        needed=lambda p: uses_basis(p, LegalBasis.LEGITIMATE_INTERESTS) or p.markets,
    ),
    req(
        ID,
        "GDPR-16",
        "Art 22(2)-(3)",
        "for each solely automated significant decision: its Art 22(2) ground and the rights "
        "to human intervention, to express one's view and to contest it, and how",
        "use.automated_decisions[].ground (contract, explicit_consent or authorised_by_law)",
        kind="S/C",
        needed=lambda p: bool(p.significant_automated_decisions),
    ),
    req(
        ID,
        "GDPR-17",
        "Art 7(3); 13(2)(c)",
        "how to withdraw each consent as easily as it was given (a cookie-settings link, the "
        "unsubscribe link), not only through browser settings",
        "cookies.settings_link: true for cookie consent; marketing.unsubscribe for marketing",
        kind="S/C",
        needed=relies_on_consent,
    ),
    req(
        ID,
        "GDPR-18",
        "ePrivacy Directive 2002/58/EC Art 13(2)",
        "customers' email addresses are used without prior consent for offers about similar "
        "products, on legitimate interests; they may object free of charge at any time, and "
        "every such email offers that",
        "marketing.unsubscribe.link_in_message: true",
        kind="S/C",
        needed=emails_customers_without_consent,
    ),
)

# Art 33 (the supervisory authority, unless the breach is unlikely to result in a risk) and
# Art 34 (the people, when the risk is high).
LAW = Law(
    ID,
    NAME,
    applies,
    REQUIREMENTS,
    in_force=dt.date(2018, 5, 25),
    breach_authority="the data protection authority",
)


# GDPR Art 8(1): below 16, or a lower age a member state sets (not below 13), a child's
# consent to an online service offered directly to them needs a parent's. The national
# ages, from each state's implementing act (e.g. Germany: none set, so 16; France: Loi
# 78-17 art. 45, 15; Spain: LOPDGDD art. 7, 14; Italy: Codice art. 2-quinquies, 14;
# UK: DPA 2018 s.9, 13). Not each confirmed against its act here: the wizard only
# suggests the age, and the owner answers.
DIGITAL_CONSENT_AGE: dict[str, int] = {
    "AT": 14, "BE": 13, "BG": 14, "CY": 14, "CZ": 15, "DE": 16, "DK": 13, "EE": 13,
    "ES": 14, "FI": 13, "FR": 15, "GR": 15, "HR": 16, "HU": 16, "IE": 16, "IT": 14,
    "LT": 14, "LU": 16, "LV": 13, "MT": 13, "NL": 16, "PL": 16, "PT": 13, "RO": 16,
    "SE": 13, "SI": 15, "SK": 16, "IS": 13, "LI": 16, "NO": 13, "GB": 13,
}  # fmt: skip


def consent_age(countries: Iterable[str]) -> int:
    """The highest age of digital consent among these countries (13 where none is set:
    COPPA's age for the US, and the youngest the GDPR allows)."""
    return max([13, *(DIGITAL_CONSENT_AGE.get(code, 13) for code in countries or ())])
