"""StoreProfile: everything the policy may say, and the facts derived from it."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, model_validator

from generator.model.base import Contact, Part
from generator.model.business import Business
from generator.model.commitments import (
    Children,
    International,
    Other,
    Policy,
    Retention,
    Rights,
    Security,
)
from generator.model.engagement import Cookies, Marketing
from generator.model.practices import (
    AutomatedDecision,
    Collection,
    Payments,
    Recipient,
    Sharing,
    Use,
)
from generator.model.vocab import (
    Channel,
    CookieKind,
    DataCategory,
    Purpose,
    RecipientKind,
    RecipientUse,
    RequestMethod,
    Source,
)

EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)


class Clash(ValueError):
    """Two answers that would make the policy say something false."""

    def __init__(self, fields: tuple[str, ...], message: str) -> None:
        super().__init__(f"{message} (answers that clash: {', '.join(fields)})")
        self.fields = fields


class Clashes(ValueError):
    """Every clash found in one profile, so the user can fix them all at once."""

    def __init__(self, clashes: list[Clash]) -> None:
        super().__init__("; ".join(str(c) for c in clashes))
        self.clashes = clashes


class StoreProfile(Part):
    """What one online store does with personal data."""

    business: Business
    collection: Collection
    use: Use
    payments: Payments = Field(default_factory=Payments)
    sharing: Sharing = Field(default_factory=Sharing)
    cookies: Cookies = Field(default_factory=Cookies)
    marketing: Marketing = Field(default_factory=Marketing)
    rights: Rights = Field(default_factory=Rights)
    retention: Retention = Field(default_factory=Retention)
    security: Security = Field(default_factory=Security)
    children: Children = Field(default_factory=Children)
    international: International = Field(default_factory=International)
    other: Other = Field(default_factory=Other)
    policy: Policy

    # ---- derived facts -------------------------------------------------
    @property
    def categories(self) -> list[DataCategory]:
        return self.collection.categories()

    def collects(self, category: DataCategory) -> bool:
        return category in self.categories

    def uses_for(self, purpose: Purpose) -> bool:
        return purpose in self.use.purpose_set()

    def recipients_of(self, *kinds: RecipientKind) -> list[Recipient]:
        return [r for r in self.sharing.recipients if r.kind in kinds]

    @property
    def request_contact(self) -> Contact:
        """Where privacy requests go: rights.contact, each blank way filled from business.contact."""
        own = self.rights.contact
        if own is None:
            return self.business.contact
        given = {name: getattr(own, name) for name in Contact.model_fields}
        return self.business.contact.model_copy(
            update={name: value for name, value in given.items() if value is not None}
        )

    @property
    def sells_data(self) -> bool:
        return any(r.sale for r in self.sharing.recipients)

    @property
    def shares_for_ads(self) -> bool:
        return any(r.cross_context_ads for r in self.sharing.recipients)

    @property
    def sells_or_shares(self) -> bool:
        return self.sells_data or self.shares_for_ads

    @property
    def targets_ads(self) -> bool:
        return self.shares_for_ads or self.uses_for(Purpose.TARGETED_ADVERTISING)

    @property
    def buys_personal_data(self) -> bool:
        """Personal data bought in: some of it comes from data brokers."""
        return any(Source.DATA_BROKERS in item.sources for item in self.collection.items)

    @property
    def significant_automated_decisions(self) -> list[AutomatedDecision]:
        """Solely automated decisions with legal or similarly significant effects (Art 22)."""
        return [d for d in self.use.automated_decisions if d.significant and d.solely_automated]

    @property
    def third_party_direct_marketing(self) -> bool:
        return any(r.use is RecipientUse.OWN_MARKETING for r in self.sharing.recipients)

    @property
    def collects_sensitive(self) -> bool:
        return bool(self.collection.sensitive_kinds)

    @property
    def markets(self) -> bool:
        return bool(self.marketing.channels)

    @property
    def emails_marketing(self) -> bool:
        return Channel.EMAIL in self.marketing.channels

    @property
    def sells_to_eea(self) -> bool:
        return bool(EEA & set(self.business.sells_to_countries))

    @property
    def established_in_eea(self) -> bool:
        return bool(EEA & set(self.business.established_in))

    @property
    def tracks_across_sites(self) -> bool:
        """Whether other parties may collect data about activity over time and across sites."""
        return self.cookies.uses_cookies and (
            CookieKind.ADVERTISING in self.cookies.kinds
            or self.shares_for_ads
            or any(t.kind is CookieKind.ADVERTISING for t in self.cookies.tools)
        )

    # ---- contradictions ------------------------------------------------
    @model_validator(mode="after")
    def _no_contradictions(self) -> StoreProfile:
        clashes = list(self._clashes())
        if clashes:
            raise Clashes(clashes)
        return self

    def _clashes(self) -> Iterator[Clash]:
        yield from self._scope_clashes()
        yield from self._uncollected_categories()
        yield from self._marketing_clashes()
        yield from self._payment_clashes()
        yield from self._cookie_clashes()
        yield from self._rights_clashes()
        yield from self._children_clashes()

    def _scope_clashes(self) -> Iterator[Clash]:
        both = set(self.business.affiliates) & set(self.business.excluded_affiliates)
        if both:
            yield Clash(
                ("business.affiliates", "business.excluded_affiliates"),
                f"{', '.join(sorted(both))} is said to be both covered and not covered by this "
                "policy; keep it in one list",
            )

    def _uncollected_categories(self) -> Iterator[Clash]:
        collected = set(self.categories)
        places: list[tuple[str, list[DataCategory]]] = []
        places += [
            (f"use.purposes[{i}].categories", u.categories) for i, u in enumerate(self.use.purposes)
        ]
        places += [
            (f"sharing.recipients[{i}].categories", r.categories)
            for i, r in enumerate(self.sharing.recipients)
        ]
        places += [
            (f"retention.rules[{i}].categories", r.categories)
            for i, r in enumerate(self.retention.rules)
        ]
        places += [("children.child_data", self.children.child_data)]
        places += [
            (f"use.automated_decisions[{i}].categories", d.categories)
            for i, d in enumerate(self.use.automated_decisions)
        ]
        for where, categories in places:
            missing = [c.value for c in categories if c not in collected]
            if missing:
                yield Clash(
                    (where, "collection.items"),
                    f"{where} names {', '.join(missing)}, which collection.items does not list; "
                    "add them to collection.items or remove them here",
                )
        if self.collection.sensitive_kinds and DataCategory.SENSITIVE not in collected:
            yield Clash(
                ("collection.sensitive_kinds", "collection.items"),
                "sensitive kinds are listed but collection.items has no 'sensitive' entry",
            )
        if self.collection.sensitive_kinds and self.collection.never_collects_sensitive:
            yield Clash(
                ("collection.sensitive_kinds", "collection.never_collects_sensitive"),
                "the store promises never to collect sensitive data but lists sensitive kinds",
            )

    def _marketing_clashes(self) -> Iterator[Clash]:
        if self.markets:
            return
        # Each clash names the exact entry, so its line number leads the user to it.
        sms = [
            i for i, r in enumerate(self.sharing.recipients) if r.kind is RecipientKind.SMS_PROVIDER
        ]
        email_marketing = [
            i
            for i, r in enumerate(self.sharing.recipients)
            if r.kind is RecipientKind.EMAIL_PROVIDER
            and r.purpose
            and "market" in r.purpose.lower()
        ]
        if sms:
            yield Clash(
                (f"sharing.recipients[{sms[0]}].kind", "marketing.channels"),
                "a text message provider is listed but marketing.channels is empty; "
                "add 'sms' to marketing.channels or remove the provider",
            )
        elif email_marketing:
            yield Clash(
                (f"sharing.recipients[{email_marketing[0]}].purpose", "marketing.channels"),
                "an email provider is used for marketing but marketing.channels is empty; "
                "add 'email' to marketing.channels or change the provider's purpose",
            )
        for i, use in enumerate(self.use.purposes):
            if use.purpose is Purpose.MARKETING:
                yield Clash(
                    (f"use.purposes[{i}].purpose", "marketing.channels"),
                    "'marketing' is a purpose but marketing.channels is empty; "
                    "name the channels or drop the purpose",
                )

    def _payment_clashes(self) -> Iterator[Clash]:
        pays = self.collects(DataCategory.PAYMENT_CARD) or self.collects(DataCategory.BANK_ACCOUNT)
        # Point at the answer that names the processor, so the line number leads there.
        processor_answers = ["payments.processors"] if self.payments.processors else []
        processor_answers += [
            f"sharing.recipients[{i}].kind"
            for i, r in enumerate(self.sharing.recipients)
            if r.kind is RecipientKind.PAYMENT_PROCESSOR
        ]
        if processor_answers and not pays:
            yield Clash(
                (processor_answers[0], "collection.items"),
                "a payment processor is named but no payment card or bank data is collected; "
                "add 'payment_card' to collection.items or remove the processor",
            )
        if self.payments.stores_card_data and not self.collects(DataCategory.PAYMENT_CARD):
            yield Clash(
                ("payments.stores_card_data", "collection.items"),
                "card data is said to be stored but 'payment_card' is not collected",
            )

    def _cookie_clashes(self) -> Iterator[Clash]:
        cookies = self.cookies
        if not cookies.uses_cookies and (cookies.tools or cookies.pixels or cookies.third_party):
            yield Clash(
                ("cookies.uses_cookies", "cookies.tools"),
                "the store says it uses no cookies but lists tracking tools, pixels or "
                "third-party cookies",
            )
        for i, tool in enumerate(cookies.tools):
            if cookies.uses_cookies and tool.kind not in cookies.kinds:
                yield Clash(
                    (f"cookies.tools[{i}].kind", "cookies.kinds"),
                    f"tool '{tool.name}' is a {tool.kind.value} tool but cookies.kinds "
                    f"lacks '{tool.kind.value}'",
                )

    def _rights_clashes(self) -> Iterator[Clash]:
        contact = self.request_contact
        needs = {
            RequestMethod.EMAIL: (contact.email, "email"),
            RequestMethod.PHONE: (contact.phone or contact.toll_free, "phone"),
            RequestMethod.TOLL_FREE: (contact.toll_free, "toll_free"),
            RequestMethod.WEB_FORM: (contact.web_form, "web_form"),
        }
        for method in self.rights.methods:
            if method in needs and not needs[method][0]:
                where = f"business.contact.{needs[method][1]}"
                also = f" (nor rights.contact.{needs[method][1]})" if self.rights.contact else ""
                yield Clash(
                    ("rights.methods", where),
                    f"requests by {method.value} are offered but {where} is empty{also}",
                )

    def _children_clashes(self) -> Iterator[Clash]:
        kids = self.children
        if kids.directed_to_children and kids.minimum_age >= 13:
            yield Clash(
                ("children.directed_to_children", "children.minimum_age"),
                "the site is directed to children but the minimum age is 13 or more",
            )
        if kids.child_data and not (kids.directed_to_children or kids.knows_of_child_users):
            yield Clash(
                ("children.child_data", "children.directed_to_children"),
                "children's data is listed but the site is neither directed to children nor "
                "aware of child users",
            )
