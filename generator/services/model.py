"""What the catalog knows about one service a store may use, and how sure it is.

Each fact group (vendor, data, role, ccpa, cookies, transfers, links) carries the day it
was last checked, the page it was checked against, and whether that page is the vendor's
own public document confirming it (``confirmed``). A group that could not be confirmed
says so and may be left empty: the catalog never fills a gap with a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from generator.model.vocab import CookieKind, DataCategory, Purpose, RecipientKind, Safeguard

ServiceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Url = Annotated[str, StringConstraints(pattern=r"^https://[^\s]+$", max_length=500)]
# ISO 3166-1 alpha-2, or EEA for the region when a vendor names only that.
Place = Annotated[str, StringConstraints(pattern=r"^(?:[A-Z]{2}|EEA)$")]


class Entry(BaseModel):
    """Base of every catalog model: unknown keys are errors, so a typo is never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ServiceKind(StrEnum):
    """What a service does for a store; one kind per entry (the main one)."""

    PLATFORM = "platform"
    # Servers, storage and databases the store's own site runs on (a cloud or a hosting
    # company): it holds whatever the store keeps there, not only what passes through a CDN.
    HOSTING = "hosting"
    PAYMENT = "payment"
    BNPL = "bnpl"
    SHIPPING = "shipping"
    SHIPPING_SOFTWARE = "shipping_software"
    EMAIL = "email"
    SMS = "sms"
    ANALYTICS = "analytics"
    ADVERTISING = "advertising"
    REVIEWS = "reviews"
    LOYALTY = "loyalty"
    SUPPORT = "support"
    FRAUD = "fraud"
    CONSENT = "consent"
    CDN_SECURITY = "cdn_security"
    SEARCH = "search"
    PERSONALIZATION = "personalization"
    AI_ASSISTANT = "ai_assistant"


class Role(StrEnum):
    """The part a service usually plays for a store's customer data."""

    # Processes on the store's behalf only (GDPR processor; CCPA service provider).
    SERVICE_PROVIDER = "service_provider"
    # Also uses the data for its own purposes (GDPR controller; CCPA third party).
    THIRD_PARTY = "third_party"
    # Both, for different data or different settings; the reason says which.
    DEPENDS = "depends"


class Party(StrEnum):
    FIRST = "first"
    THIRD = "third"


class Facts(Entry):
    """Where a fact group comes from and when it was last looked at."""

    checked: dt.date
    source: Url
    confirmed: bool = Field(
        description="True only when `source` is the vendor's own public document and it "
        "says what this group says; false for anything not confirmed that way."
    )
    note: Text | None = None


class Vendor(Entry):
    name: Text
    legal_entity: Text | None = Field(
        default=None, description="The company that contracts with stores, e.g. 'Klaviyo, Inc.'."
    )
    country: Place | None = None
    facts: Facts


class Data(Entry):
    categories: list[DataCategory] = Field(
        default_factory=list, description="Data the service typically receives from a store."
    )
    purposes: list[Purpose] = Field(default_factory=list)
    facts: Facts


class RoleFacts(Entry):
    role: Role
    reason: Text
    facts: Facts


class Setting(Entry):
    """A setting that changes how the law sees the sharing, e.g. Limited Data Use."""

    name: Text
    effect: Text
    url: Url | None = None


class Ccpa(Entry):
    """Whether the usual setup is a 'sale' or 'sharing' (Cal. Civ. Code §1798.140(ad),
    (ah)); None where the catalog does not know."""

    sale: bool | None = None
    share: bool | None = None
    changed_by: list[Setting] = Field(default_factory=list)
    facts: Facts


class Cookie(Entry):
    name: Text = Field(description="As set; `<id>` stands for a per-site part of the name.")
    lifetime: Text | None = Field(default=None, description="e.g. '2 years', 'session'.")
    party: Party
    category: CookieKind


class Cookies(Entry):
    sets_cookies: bool | None = Field(
        default=None, description="False for a service that stores nothing on the device."
    )
    items: list[Cookie] = Field(default_factory=list)
    facts: Facts

    @model_validator(mode="after")
    def _items_need_cookies(self) -> Self:
        if self.items and self.sets_cookies is False:
            raise ValueError("lists cookies but says it sets none")
        return self


TRANSFER_TOOLS = (
    Safeguard.DPF,
    Safeguard.SCC,
    Safeguard.BCR,
    Safeguard.UK_IDTA,
    Safeguard.UK_ADDENDUM,
    Safeguard.ADEQUACY,
)


class Transfers(Entry):
    locations: list[Place] = Field(
        default_factory=list, description="Where it processes data (countries or EEA)."
    )
    tools: list[Safeguard] = Field(
        default_factory=list, description="Transfer tools it relies on: dpf, scc, bcr, …"
    )
    facts: Facts

    @model_validator(mode="after")
    def _tools_only(self) -> Self:
        wrong = [t for t in self.tools if t not in TRANSFER_TOOLS]
        if wrong:
            raise ValueError(f"not a transfer tool a vendor names: {', '.join(wrong)}")
        return self


class Links(Entry):
    privacy_policy: Url | None = None
    opt_out: Url | None = None
    dpa: Url | None = Field(default=None, description="Its data processing terms.")
    facts: Facts


class Detect(Entry):
    """How `policygen scan` recognises the service in a saved page or HAR file.

    Each pattern is a case-insensitive regular expression; scripts and requests are
    matched against URLs, cookies against cookie names, snippets against page text.
    """

    urls: list[Text] = Field(default_factory=list)
    cookies: list[Text] = Field(default_factory=list)
    snippets: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _compiles(self) -> Self:
        for pattern in [*self.urls, *self.cookies, *self.snippets]:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
        return self


class Service(Entry):
    """One catalog entry: a service online stores commonly use."""

    id: ServiceId
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    kind: ServiceKind
    also: list[ServiceKind] = Field(
        default_factory=list, description="Other kinds it is often used as."
    )
    regions: list[Place] = Field(
        default_factory=list, description="Markets where stores commonly use it."
    )
    vendor: Vendor
    data: Data
    role: RoleFacts
    ccpa: Ccpa
    cookies: Cookies
    transfers: Transfers
    links: Links
    detect: Detect = Field(default_factory=Detect)

    def fact_groups(self) -> dict[str, Facts]:
        """Every fact group's provenance, by group name, in file order."""
        return {
            "vendor": self.vendor.facts,
            "data": self.data.facts,
            "role": self.role.facts,
            "ccpa": self.ccpa.facts,
            "cookies": self.cookies.facts,
            "transfers": self.transfers.facts,
            "links": self.links.facts,
        }

    @property
    def recipient_kind(self) -> RecipientKind:
        """The kind of recipient this service is in an answers file."""
        return KIND_MAP[self.kind].recipient

    @property
    def cookie_kind(self) -> CookieKind | None:
        """The kind of tracking tool it is in an answers file; None when it is not one."""
        return KIND_MAP[self.kind].cookie


class KindInfo(BaseModel):
    """How a service kind maps onto the answers model's vocabularies."""

    model_config = ConfigDict(frozen=True)

    label: str
    recipient: RecipientKind
    cookie: CookieKind | None
    # Why the mapping is only the closest fit, where it is not exact.
    note: str | None = None


KIND_MAP: dict[ServiceKind, KindInfo] = {
    ServiceKind.PLATFORM: KindInfo(
        label="e-commerce platforms",
        recipient=RecipientKind.ECOMMERCE_PLATFORM,
        cookie=CookieKind.STRICTLY_NECESSARY,
    ),
    ServiceKind.HOSTING: KindInfo(
        label="hosting and cloud infrastructure",
        recipient=RecipientKind.HOSTING,
        # Servers and databases set no cookies of their own on the store's pages.
        cookie=None,
    ),
    ServiceKind.PAYMENT: KindInfo(
        label="payments",
        recipient=RecipientKind.PAYMENT_PROCESSOR,
        cookie=CookieKind.STRICTLY_NECESSARY,
    ),
    ServiceKind.BNPL: KindInfo(
        label="buy now, pay later and lenders",
        recipient=RecipientKind.LENDER,
        cookie=CookieKind.STRICTLY_NECESSARY,
    ),
    ServiceKind.SHIPPING: KindInfo(
        label="shipping carriers", recipient=RecipientKind.SHIPPING_CARRIER, cookie=None
    ),
    ServiceKind.SHIPPING_SOFTWARE: KindInfo(
        label="shipping and tracking software",
        recipient=RecipientKind.OTHER_PROVIDER,
        cookie=None,
        note="listed among 'other service providers': it handles orders and addresses "
        "for us but neither packs nor carries them",
    ),
    ServiceKind.EMAIL: KindInfo(
        label="email marketing",
        recipient=RecipientKind.EMAIL_PROVIDER,
        cookie=CookieKind.ADVERTISING,
        note="its on-site form and tracking script count as marketing cookies",
    ),
    ServiceKind.SMS: KindInfo(
        label="text messages", recipient=RecipientKind.SMS_PROVIDER, cookie=CookieKind.ADVERTISING
    ),
    ServiceKind.ANALYTICS: KindInfo(
        label="analytics", recipient=RecipientKind.ANALYTICS, cookie=CookieKind.ANALYTICS
    ),
    ServiceKind.ADVERTISING: KindInfo(
        label="advertising", recipient=RecipientKind.ADVERTISING, cookie=CookieKind.ADVERTISING
    ),
    ServiceKind.REVIEWS: KindInfo(
        label="reviews", recipient=RecipientKind.REVIEW_PLATFORM, cookie=CookieKind.PREFERENCES
    ),
    ServiceKind.LOYALTY: KindInfo(
        label="loyalty and referrals",
        recipient=RecipientKind.OTHER_PROVIDER,
        cookie=CookieKind.PREFERENCES,
        note="listed among 'other service providers': it runs our loyalty program for us",
    ),
    ServiceKind.SUPPORT: KindInfo(
        label="customer support and chat",
        recipient=RecipientKind.CUSTOMER_SUPPORT,
        cookie=CookieKind.PREFERENCES,
        note="a chat widget alone is 'live_chat'",
    ),
    ServiceKind.FRAUD: KindInfo(
        label="fraud prevention",
        recipient=RecipientKind.FRAUD_PREVENTION,
        cookie=CookieKind.STRICTLY_NECESSARY,
    ),
    ServiceKind.CONSENT: KindInfo(
        label="cookie consent",
        recipient=RecipientKind.OTHER_PROVIDER,
        cookie=CookieKind.STRICTLY_NECESSARY,
        note="listed among 'other service providers': it serves the banner and keeps the "
        "consent record",
    ),
    ServiceKind.CDN_SECURITY: KindInfo(
        label="CDN and security",
        recipient=RecipientKind.HOSTING,
        cookie=CookieKind.STRICTLY_NECESSARY,
    ),
    ServiceKind.SEARCH: KindInfo(
        label="site search",
        recipient=RecipientKind.OTHER_PROVIDER,
        cookie=CookieKind.ANALYTICS,
        note="listed among 'other service providers': it holds the catalog and answers searches",
    ),
    ServiceKind.PERSONALIZATION: KindInfo(
        label="personalization and recommendations",
        recipient=RecipientKind.OTHER_PROVIDER,
        cookie=CookieKind.PREFERENCES,
        note="listed among 'other service providers': it recommends products for us",
    ),
    ServiceKind.AI_ASSISTANT: KindInfo(
        label="AI shopping assistants",
        recipient=RecipientKind.CUSTOMER_SUPPORT,
        cookie=CookieKind.PREFERENCES,
        note="no recipient kind for AI assistants; 'customer support providers' is the closest",
    ),
}
