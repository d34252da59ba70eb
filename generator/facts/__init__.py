"""What the policy states, derived once from the answers.

The model records what a store *does* (its answers). This package says what *follows*
from those answers, once per build, so that no two sentences of a policy, and no
sentence and ``policygen check``, can disagree: where each kind of data comes from,
whether a disclosure is a sale or a share and why, which data each law calls sensitive,
how long each category is kept, the basis of each marketing channel, which requests are
verified, and the ages the children's section speaks of.

Clause templates word these facts and never re-derive a legal rule; ``check`` reads the
same facts. Modules here import only the model, so the model's own derived properties
(``StoreProfile.sells_data`` ...) can delegate to them without an import cycle; ``derive``
is the one entry point for templates and ``check``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from generator.facts.bases import BasisFacts, basis_facts
from generator.facts.children import ChildrenFacts, children_facts
from generator.facts.data import CategoryFacts, category_facts
from generator.facts.languages import LanguageFacts, language_facts
from generator.facts.marketing import MarketingFacts, marketing_facts
from generator.facts.places import PlacesFacts, places_facts
from generator.facts.retention import RetentionFacts, retention_facts
from generator.facts.rights import RightsFacts, rights_facts
from generator.facts.sensitive import SensitiveFacts, sensitive_facts
from generator.facts.sharing import SALE_LAWS, RecipientFacts, listed, recipient_facts
from generator.model import StoreProfile
from generator.model.practices import Recipient
from generator.model.vocab import (
    ChangeNotice,
    DataCategory,
    LegalBasis,
    Necessity,
    Purpose,
    RecipientKind,
    Source,
)

if TYPE_CHECKING:
    from generator.laws.base import Applicability


_SIGNAL_LAWS = frozenset({"caloppa", "delaware", "nevada", "ccpa", "us_states"})


class ChangeNotices(NamedTuple):
    """The ways the store announces a change to its policy."""

    every: tuple[ChangeNotice, ...]
    """Used for every change (posting the new version on the policy page)."""
    important: tuple[ChangeNotice, ...]
    """Used for important (material) changes besides ``every``."""

    @property
    def all(self) -> tuple[ChangeNotice, ...]:
        return self.every + self.important


class Facts(NamedTuple):
    """Everything the policy states about one store, derived once."""

    categories: tuple[CategoryFacts, ...]
    bases: tuple[BasisFacts, ...]
    recipients: tuple[RecipientFacts, ...]
    sensitive: SensitiveFacts
    retention: RetentionFacts
    marketing: MarketingFacts
    rights: RightsFacts
    children: ChildrenFacts
    places: PlacesFacts
    languages: LanguageFacts
    applying_laws: frozenset[str]
    """Ids of the laws that apply (for facts that only a law makes worth stating)."""
    change_notice: ChangeNotices
    """How readers hear of changes to the policy."""

    tracked_on: str = "our site"
    """Where other companies' cookies, pixels and tags run: the owner's
    ``cookies.others_track_only_on`` (e.g. "our shop pages, never the Kids Zone or the
    app"), else the whole site. Every sentence about other companies' tracking names this
    one place, and puts it last, since the owner's phrase may carry its own "never ..."."""

    trains_language_models: bool | None = None
    """Whether personal data is collected, used or sold to train large language models, as
    the owner answered; None when nobody said (with no AI-training use the policy then
    states nothing, and check reports ST-11 where Connecticut asks for the statement; with
    one, it says the models "may include" language models)."""

    payment_processors: tuple[str, ...] = ()
    """Every payment processor the answers name, once: the payments answer and the names
    of the payment-processor recipients (two answers about one fact, so the payments and
    sharing sections never list different processors)."""

    @property
    def sale_law_applies(self) -> bool:
        """Whether a law that makes "sale" a term applies (the CCPA and the state laws like
        it): only then does the policy say whether the store sells. Elsewhere "we do not
        sell" beside ad platforms that use data for themselves reads as a denial no law
        asked for (Saltbush's Australian lawyer)."""
        return bool(self.applying_laws & SALE_LAWS)

    @property
    def recipients_listed(self) -> tuple[RecipientFacts, ...]:
        """The recipients as the policy lists them: entries that read alike but for the
        companies' names are one (generator.facts.sharing.listed)."""
        return listed(self.recipients)

    @property
    def recipient_purposes(self) -> tuple[Recipient, ...]:
        """One recipient for each kind of company and reason, for a list that names only
        those two (PIPEDA's: 'Shipping carriers (deliver orders)' once, however many
        carriers get different data)."""
        seen: dict[tuple[str, str], Recipient] = {}
        for rf in self.recipients_listed:
            r = rf.recipient
            seen.setdefault((r.kind.value, str(r.purpose or "")), r)
        return tuple(seen.values())

    @property
    def breach_authorities(self) -> tuple[str, ...]:
        """The regulators that the laws which apply have breaches reported to."""
        from generator.laws import LAWS

        return tuple(
            dict.fromkeys(
                law.breach_authority
                for law_id, law in LAWS.items()
                if law_id in self.applying_laws and law.breach_authority
            )
        )

    @property
    def purposes(self) -> tuple[Purpose, ...]:
        """Each purpose once, in the order the answers first name it."""
        return tuple(dict.fromkeys(b.use.purpose for b in self.bases))

    def resting_on(self, basis: LegalBasis) -> tuple[BasisFacts, ...]:
        """The uses that rest on ``basis`` under the GDPR or the UK GDPR, where each applies."""
        eu, uk = "gdpr" in self.applying_laws, "uk_gdpr" in self.applying_laws
        return tuple(b for b in self.bases if b.rests_on(basis, eu, uk))

    @property
    def required_by_law(
        self,
    ) -> tuple[tuple[Purpose, ...], tuple[DataCategory, ...], tuple[DataCategory, ...]]:
        """GDPR Art 13(2)(e) "a statutory requirement": the purposes resting on a legal
        obligation, the data they use that people must give or that never comes from them,
        and the data they use only when people chose to give it (an item the owner made
        optional is never said to be required by law; the law governs it once given)."""
        uses = [b.use for b in self.resting_on(LegalBasis.LEGAL_OBLIGATION)]
        purposes = tuple(dict.fromkeys(u.purpose for u in uses))
        used = tuple(dict.fromkeys(c for u in uses for c in u.categories))
        optional = {cf.category for cf in self.categories if cf.necessity is Necessity.OPTIONAL}
        return (
            purposes,
            tuple(c for c in used if c not in optional),
            tuple(c for c in used if c in optional),
        )

    @property
    def every_use_has_basis(self) -> bool:
        """Whether each use states a basis under each of the GDPR and UK GDPR that apply."""
        eu, uk = "gdpr" in self.applying_laws, "uk_gdpr" in self.applying_laws
        return all((not eu or b.eu) and (not uk or b.uk) for b in self.bases)

    @property
    def states_browser_signals(self) -> bool:
        """Whether the policy must say how it answers Do Not Track and GPC: CalOPPA (B&P
        §22575(b)(5)), Delaware (6 Del. C. §1205C(b)(5)), the CCPA and state opt-out signal
        rules, or an owner who honours a signal and so has something true to say."""
        return bool(self.applying_laws & _SIGNAL_LAWS)

    @property
    def received_from(self) -> tuple[Source, ...]:
        """Where the store gets data besides the person, their device, its own records and
        its own analysis (credit bureaus, cameras, partners ...), in vocabulary order: the
        collection means that APP 1.3/5 and Québec's s.8 ask to be named."""
        own = {Source.FROM_YOU, Source.AUTOMATIC, Source.OUR_RECORDS, Source.INFERRED}
        used = {s for c in self.categories for s in c.sources} - own
        return tuple(s for s in Source if s in used)

    @property
    def scc_issuers(self) -> tuple[str, ...]:
        """Whose standard contractual clauses a transfer under ``scc`` uses, by the laws
        that apply: the European Commission's for data from the EEA (GDPR Art 46(2)(c),
        Decision 2021/914), Brazil's ANPD's for data from Brazil (LGPD Art 33(II)(b),
        Res. CD/ANPD 19/2024). Other laws issue none, and the clauses are then the
        store's own contract terms."""
        issuers = []
        if "gdpr" in self.applying_laws:
            issuers.append("the European Commission's, for data from the EEA")
        if "lgpd" in self.applying_laws:
            issuers.append("the ANPD's, for data from Brazil")
        return tuple(issuers)

    @property
    def sells(self) -> bool:
        """Whether any recipient's disclosure is a sale (money or other valuable consideration)."""
        return any(r.sold for r in self.recipients)

    @property
    def shares(self) -> bool:
        """Whether any recipient gets data for cross-context behavioral advertising."""
        return any(r.shared for r in self.recipients)

    @property
    def sells_or_shares(self) -> bool:
        return self.sells or self.shares

    @property
    def sold(self) -> tuple[RecipientFacts, ...]:
        return tuple(r for r in self.recipients if r.sold)

    @property
    def shared(self) -> tuple[RecipientFacts, ...]:
        return tuple(r for r in self.recipients if r.shared)

    @property
    def sold_or_shared(self) -> tuple[RecipientFacts, ...]:
        return tuple(r for r in self.recipients if r.sold or r.shared)

    @property
    def ads_opt_out(self) -> bool:
        """Whether people can stop the sharing for ads (a right, or a per-recipient opt-out)."""
        return self.rights.opt_out_ads or any(r.recipient.opt_out_available for r in self.shared)

    @property
    def service_providers(self) -> tuple[RecipientFacts, ...]:
        return tuple(r for r in self.recipients if not r.third_party)

    def category(self, category: object) -> CategoryFacts:
        """The facts of one collected category; KeyError if the store does not collect it."""
        for facts in self.categories:
            if facts.category == category:
                return facts
        raise KeyError(category)


def derive(profile: StoreProfile, verdicts: Mapping[str, Applicability] | None = None) -> Facts:
    """Every fact the policy states about this store (pure: the same answers, the same facts).

    ``verdicts`` are the laws that apply (``laws.applicable``), computed when not given; a
    few facts, such as what counts as sensitive, depend on them.
    """
    if verdicts is None:
        from generator import laws

        verdicts = laws.applicable(profile)
    applying = frozenset(law for law, verdict in verdicts.items() if verdict.applies)
    sensitive = sensitive_facts(profile, applying)
    recipients = recipient_facts(profile, applying)
    return Facts(
        categories=category_facts(profile),
        bases=basis_facts(profile, special_kinds=bool(sensitive.gdpr)),
        recipients=recipients,
        sensitive=sensitive,
        retention=retention_facts(profile),
        marketing=marketing_facts(profile, applying),
        rights=rights_facts(profile, applying),
        children=children_facts(profile, recipients),
        places=places_facts(profile),
        languages=language_facts(profile),
        applying_laws=applying,
        change_notice=change_notices(profile),
        tracked_on=tracked_on(profile),
        trains_language_models=trains_language_models(profile),
        payment_processors=payment_processors(profile),
    )


def trains_language_models(profile: StoreProfile) -> bool | None:
    """The owner's answer on training large language models (None: not answered)."""
    return profile.use.trains_language_models


def tracked_on(profile: StoreProfile) -> str:
    """Where other companies track people through the store: the owner's words, or "our site"."""
    return profile.cookies.others_track_only_on or "our site"


def payment_processors(profile: StoreProfile) -> tuple[str, ...]:
    """The payments answer's processors, then the payment-processor recipients' names, once.
    A recipient named by its company ("Apple", filled from the service catalog) is the one
    the payments answer names by its product ("Apple Pay"), not another processor."""
    given = list(profile.payments.processors)
    named = [n for r in profile.recipients_of(RecipientKind.PAYMENT_PROCESSOR) for n in r.names]
    more = [n for n in named if not any(g.casefold().startswith(n.casefold() + " ") for g in given)]
    return tuple(dict.fromkeys([*given, *more]))


def change_notices(profile: StoreProfile) -> ChangeNotices:
    """How readers hear of changes: every change is posted on the policy page; the owner's
    other channels (email, a banner) are for important ones, since a store emails only
    the people whose address it has and only when a change matters. Email comes last so
    that its condition ends the sentence."""
    chosen = profile.policy.change_notice
    every = tuple(c for c in chosen if c is ChangeNotice.POSTING)
    others = [c for c in chosen if c is not ChangeNotice.POSTING]
    return ChangeNotices(every, tuple(sorted(others, key=lambda c: c is ChangeNotice.EMAIL)))


__all__ = [
    "BasisFacts",
    "CategoryFacts",
    "ChangeNotices",
    "ChildrenFacts",
    "Facts",
    "LanguageFacts",
    "MarketingFacts",
    "PlacesFacts",
    "RecipientFacts",
    "RetentionFacts",
    "RightsFacts",
    "SensitiveFacts",
    "derive",
]
