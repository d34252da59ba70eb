"""StoreProfile: everything the policy may say, and the facts derived from it."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, model_validator

from generator.countries import EEA
from generator.migrate import CURRENT_VERSION
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
    CollectionPoint,
    CookieKind,
    DataCategory,
    MarketingConsent,
    Necessity,
    Purpose,
    RecipientKind,
    RecipientUse,
    RequestMethod,
    Source,
)

# Uses that serve the store, not the person who gives the data. What is asked of someone only
# for these is more than the minimum needed to serve them, the measure of GDPR Art 5(1)(c)
# (data minimisation) that collection.asks_only_minimum promises.
NOT_FOR_THE_PERSON = frozenset({Purpose.MARKETING, Purpose.TARGETED_ADVERTISING})
# ...except the address that marketing a person asked for (opt-in) reaches them at.
MARKETING_ADDRESS: dict[Channel, frozenset[DataCategory]] = {
    Channel.EMAIL: frozenset({DataCategory.EMAIL}),
    Channel.SMS: frozenset({DataCategory.PHONE}),
    Channel.PHONE: frozenset({DataCategory.PHONE}),
    Channel.MESSAGING_APP: frozenset({DataCategory.PHONE}),
    # A push token identifies the device the app runs on.
    Channel.PUSH: frozenset({DataCategory.DEVICE_AND_LOG}),
    Channel.POSTAL: frozenset({DataCategory.NAME, DataCategory.POSTAL_ADDRESS}),
}


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

    schema_version: int = Field(
        default=CURRENT_VERSION,
        ge=1,
        le=CURRENT_VERSION,
        description="The answers-file format version; files without it are version 1 and are "
        "upgraded when read (policygen migrate rewrites them).",
    )
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

    def _purposes_using(self, category: DataCategory) -> set[Purpose]:
        return {use.purpose for use in self.use.purposes if category in use.categories}

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
    def names_services(self) -> bool:
        """Whether any recipient or tracking tool names a catalog service: only then does a
        build or check load the catalog."""
        return any(r.service for r in self.sharing.recipients) or any(
            t.service for t in self.cookies.tools
        )

    @property
    def sells_data(self) -> bool:
        """Whether any disclosure is a sale, as the facts layer judges it."""
        from generator.facts.sharing import sells

        return sells(self)

    @property
    def shares_for_ads(self) -> bool:
        """Whether any disclosure is for cross-context advertising (facts layer)."""
        from generator.facts.sharing import shares_for_ads

        return shares_for_ads(self)

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
    def significant_computer_decisions(self) -> list[AutomatedDecision]:
        """Significant decisions a program makes or substantially helps make, a person
        taking part or not (APP 1.7-1.9, Privacy Act 1988 (Cth) as amended in 2024)."""
        return [d for d in self.use.automated_decisions if d.significant]

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
        from generator.facts.sharing import recipient_facts

        # Only what ad partners gather on the site itself counts (CalOPPA §22575(b)(6)): a
        # customer list handed over later is disclosed as a sale or share, not as tracking.
        on_site = {DataCategory.DEVICE_AND_LOG, DataCategory.BROWSING_ACTIVITY}
        return self.cookies.uses_cookies and (
            CookieKind.ADVERTISING in self.cookies.kinds
            or any(
                r.shared and on_site & set(r.recipient.categories) for r in recipient_facts(self)
            )
            or any(t.kind is CookieKind.ADVERTISING and t.sets_cookies for t in self.cookies.tools)
        )

    def asked_beyond_need(self) -> list[tuple[int, str]]:
        """Items asked of people (source 'from_you') beyond what serving them needs, by index
        in collection.items with the reason: used for nothing, or only for marketing or
        advertising (bar the address opt-in marketing goes to). Empty when the store asks
        only for the minimum, so collection.asks_only_minimum may promise it."""
        uses: dict[DataCategory, set[Purpose]] = {}
        for use in self.use.purposes:
            for category in use.categories:
                uses.setdefault(category, set()).add(use.purpose)
        requested: set[DataCategory] = set()
        if self.marketing.consent is MarketingConsent.OPT_IN:
            for channel in self.marketing.channels:
                requested |= MARKETING_ADDRESS[channel]
        from generator.facts.data import sources_of

        beyond: list[tuple[int, str]] = []
        for i, item in enumerate(self.collection.items):
            if Source.FROM_YOU not in sources_of(item):
                continue
            purposes = uses.get(item.category, set())
            if not purposes:
                beyond.append((i, "is used for nothing"))
            elif purposes <= NOT_FOR_THE_PERSON and item.category not in requested:
                names = " and ".join(sorted(p.value for p in purposes))
                beyond.append((i, f"is used only for {names}"))
        return beyond

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
        yield from self._collection_clashes()
        yield from self._retention_clashes()
        yield from self._marketing_clashes()
        yield from self._payment_clashes()
        yield from self._cookie_clashes()
        yield from self._rights_clashes()
        yield from self._children_clashes()

    def _scope_clashes(self) -> Iterator[Clash]:
        b = self.business
        if b.us_consumers_per_year is not None:
            if b.us_consumers_per_year > b.consumers_per_year:
                yield Clash(
                    ("business.us_consumers_per_year", "business.consumers_per_year"),
                    f"{b.us_consumers_per_year:,} people in the US is more than the "
                    f"{b.consumers_per_year:,} people in all; raise the total or lower the US "
                    "count",
                )
            elif sum(b.consumers_by_state.values()) > b.us_consumers_per_year:
                yield Clash(
                    ("business.consumers_by_state", "business.us_consumers_per_year"),
                    "the states' counts add up to more than the people in the US; correct "
                    "one of them",
                )
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
        if self.collection.asks_only_minimum:
            for i, reason in self.asked_beyond_need():
                category = self.collection.items[i].category.value
                yield Clash(
                    (f"collection.items[{i}].category", "collection.asks_only_minimum"),
                    f"the store promises to ask only for the minimum information it needs, but "
                    f"'{category}' is asked of people and {reason}; use it to serve them, stop "
                    "asking for it, or drop the promise",
                )
        held = set(self.collection.sensitive_kinds)
        for i, r in enumerate(self.sharing.recipients):
            if r.sensitive_kinds is None:
                continue
            where = f"sharing.recipients[{i}].sensitive_kinds"
            if DataCategory.SENSITIVE not in r.categories:
                yield Clash(
                    (where, f"sharing.recipients[{i}].categories"),
                    "sensitive kinds are named for a recipient whose categories do not include "
                    "'sensitive'; add 'sensitive' to its categories or remove the kinds",
                )
            unheld = [k.value for k in r.sensitive_kinds if k not in held]
            if unheld:
                yield Clash(
                    (where, "collection.sensitive_kinds"),
                    f"{where} names {', '.join(unheld)}, which collection.sensitive_kinds does "
                    "not list; add them there or remove them here",
                )
            elif not r.sensitive_kinds and DataCategory.SENSITIVE in r.categories:
                yield Clash(
                    (where, f"sharing.recipients[{i}].categories"),
                    "the recipient gets 'sensitive' data but none of its kinds; name the kinds "
                    "it gets, or leave the list out if it gets them all",
                )
        if self.collection.sensitive_kinds and self.collection.never_collects_sensitive:
            yield Clash(
                ("collection.sensitive_kinds", "collection.never_collects_sensitive"),
                "the store promises never to collect sensitive data but lists sensitive kinds",
            )

    def _collection_clashes(self) -> Iterator[Clash]:
        from generator.facts.data import GIVEN_BY_THE_PERSON, OBSERVED, sources_of

        for i, item in enumerate(self.collection.items):
            sources = sources_of(item)
            handed_over = bool(GIVEN_BY_THE_PERSON & set(sources))
            if item.necessity in (Necessity.REQUIRED, Necessity.OPTIONAL) and not handed_over:
                from_where = ", ".join(s.value for s in sources)
                yield Clash(
                    (f"collection.items[{i}].necessity", f"collection.items[{i}].sources"),
                    f"'{item.category.value}' is {item.necessity.value}, but it comes from "
                    f"{from_where}, not from the person, so they have nothing to give or "
                    "leave out; remove necessity, or add from_you to sources",
                )
            elif item.necessity is Necessity.OPTIONAL and OBSERVED & set(sources):
                observed = " and ".join(f"'{s.value}'" for s in sources if s in OBSERVED)
                yield Clash(
                    (f"collection.items[{i}].necessity", f"collection.items[{i}].sources"),
                    f"'{item.category.value}' is optional, but it is also collected "
                    "automatically from the device or product, so people cannot leave it "
                    f"out; remove {observed} from sources, or remove necessity",
                )
        if not self.business.apps:
            for i, item in enumerate(self.collection.items):
                if CollectionPoint.APP in item.points:
                    yield Clash(
                        (f"collection.items[{i}].points", "business.apps"),
                        f"'{item.category.value}' is collected in your app, but business.apps "
                        "names no app, so the policy cannot say which app it covers",
                    )
                    break

    def _retention_clashes(self) -> Iterator[Clash]:
        # A category may have several rules only when each keeps it for different uses;
        # otherwise the policy would give the same data two periods.
        first: dict[DataCategory, int] = {}
        scopes: dict[DataCategory, list[tuple[int, frozenset[Purpose]]]] = {}
        for i, rule in enumerate(self.retention.rules):
            scope = frozenset(rule.purposes)
            for category in rule.categories:
                first.setdefault(category, i)
                for j, earlier in scopes.get(category, []):
                    if not scope or not earlier or scope & earlier:
                        yield Clash(
                            (f"retention.rules[{j}]", f"retention.rules[{i}]"),
                            f"'{category.value}' is in two retention rules for the same use, "
                            "so the policy would give it two periods; keep it in one rule, or "
                            "give each rule the purposes it keeps the data for (e.g. "
                            "[marketing] in one and [order_fulfilment] in the other)",
                        )
                scopes.setdefault(category, []).append((i, scope))
                unused = sorted(p.value for p in scope - self._purposes_using(category))
                if unused:
                    yield Clash(
                        (f"retention.rules[{i}].purposes", "use.purposes"),
                        f"a retention rule keeps '{category.value}' for "
                        f"{', '.join(unused)}, but no use of that purpose names "
                        f"'{category.value}'; add it to that use's categories or drop the "
                        "purpose from the rule",
                    )
        if not self.payments.stores_card_data and DataCategory.PAYMENT_CARD in first:
            i = first[DataCategory.PAYMENT_CARD]
            yield Clash(
                (f"retention.rules[{i}].categories", "payments.stores_card_data"),
                "payment card details have a retention period, but you say you do not keep "
                "card numbers; remove payment_card from the rule (the policy then says your "
                "payment processors hold them), or set payments.stores_card_data: true",
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
        if self.payments.stores_card_data and self.payments.processor_collects_card:
            yield Clash(
                ("payments.processor_collects_card", "payments.stores_card_data"),
                "card details are said to go straight to the processor yet be kept on your own "
                "systems; keep one of the two answers",
            )
        by_phone = any(
            item.category is DataCategory.PAYMENT_CARD and CollectionPoint.BY_PHONE in item.points
            for item in self.collection.items
        )
        if self.payments.processor_collects_card and by_phone:
            # The policy would say "we never see your full card number"; a card read out on
            # the phone is heard and typed by our own staff.
            yield Clash(
                ("payments.processor_collects_card", "collection.items"),
                "card details are said to go straight to the processor, but cards are also "
                "taken by phone, where your staff hear the number; set "
                "payments.processor_collects_card: false, or take phone payments by a link "
                "the customer pays through and remove by_phone from the card's points",
            )
        if self.payments.stores_card_data and not self.collects(DataCategory.PAYMENT_CARD):
            yield Clash(
                ("payments.stores_card_data", "collection.items"),
                "card data is said to be stored but 'payment_card' is not collected",
            )

    def _cookie_clashes(self) -> Iterator[Clash]:
        cookies = self.cookies
        cookie_tools = [tool for tool in cookies.tools if tool.sets_cookies]
        if not cookies.uses_cookies and (cookie_tools or cookies.pixels or cookies.third_party):
            yield Clash(
                ("cookies.uses_cookies", "cookies.tools"),
                "the store says it uses no cookies but lists tracking tools that set them, "
                "pixels or third-party cookies",
            )
        for i, tool in enumerate(cookies.tools):
            if cookies.uses_cookies and tool.sets_cookies and tool.kind not in cookies.kinds:
                yield Clash(
                    (f"cookies.tools[{i}].kind", "cookies.kinds"),
                    f"tool '{tool.name}' sets {tool.kind.value} cookies but cookies.kinds "
                    f"lacks '{tool.kind.value}'; add it, or set sets_cookies: false if the "
                    "tool stores nothing on the visitor's device",
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
        # The COPPA notice lists what is collected from children "only": a child's profile
        # kept by a store that knows children use it is among it.
        if (
            (kids.directed_to_children or kids.knows_of_child_users)
            and DataCategory.CHILD_PROFILE in self.categories
            and DataCategory.CHILD_PROFILE not in kids.child_data
        ):
            yield Clash(
                ("children.child_data", "collection.items"),
                "the store keeps child profiles and knows children under 13 use it, but "
                "children.child_data does not list child_profile",
            )
        used = {use.purpose for use in self.use.purposes}
        for purpose in kids.purposes or ():
            if purpose not in used:
                yield Clash(
                    ("children.purposes", "use.purposes"),
                    f"children's data is used to {purpose.value} but use.purposes does not "
                    "list that purpose; add it there, or remove it from children.purposes",
                )
        for way in kids.consent_ways_for_disclosure:
            if way not in kids.consent_ways:
                yield Clash(
                    ("children.consent_ways_for_disclosure", "children.consent_ways"),
                    f"disclosures need consent by {way.value}, which children.consent_ways "
                    "does not list",
                )
