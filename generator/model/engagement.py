"""Cookies and tracking, and marketing messages."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field, field_validator, model_validator

from generator.model.base import (
    SAID,
    CompanyName,
    Email,
    Name,
    Part,
    Phrase,
    PostalAddress,
    ServiceRef,
    WebAddress,
    empty_list,
    service_or,
)
from generator.model.vocab import (
    AdProgram,
    BannerAudience,
    Channel,
    CookieFallback,
    CookieKind,
    DntResponse,
    MarketingConsent,
)


class TrackingTool(Part):
    model_config = ConfigDict(json_schema_extra=service_or("name", "kind"))

    service: ServiceRef | None = Field(
        default=None,
        description="A service from the catalog (`policygen services`), e.g. "
        "'google-analytics-4': its facts fill every field you leave out here; your answers win.",
    )
    name: CompanyName = Field(description="e.g. 'Google Analytics' or 'Meta Pixel'.")
    provider: CompanyName | None = None
    kind: CookieKind
    sets_cookies: bool = Field(
        default=True,
        description="False for a tool that stores and reads nothing on the visitor's device "
        "(no cookies, local storage or fingerprint), e.g. Plausible or Fathom Analytics.",
    )
    purpose: Phrase | None = Field(
        default=None, description="What it is used for, e.g. 'measure which pages are read'."
    )
    opt_out_url: WebAddress | None = None

    @model_validator(mode="before")
    @classmethod
    def _fill_from_catalog(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("service") is not None:
            # Imported here: the catalog loads only for answers that name a service.
            from generator.services.fill import fill_tool

            return fill_tool(data)
        return data


class Cookies(Part):
    uses_cookies: bool = True
    kinds: list[CookieKind] = Field(default_factory=lambda: [CookieKind.STRICTLY_NECESSARY])
    session: bool = True
    persistent: bool = False
    third_party: bool = False
    pixels: bool = Field(default=False, description="Pixels, web beacons or clear GIFs.")
    tools: list[TrackingTool] = Field(default_factory=empty_list)
    others_track_only_on: Phrase | None = Field(
        default=None,
        description="Where other companies' cookies, pixels and tags run, when not on every "
        "page; it completes 'when you use …', e.g. 'our shop pages, never the Kids Zone or "
        "the app'.",
    )
    remembers: list[Name] = Field(
        default_factory=empty_list,
        description="What cookies store, e.g. 'shopping cart', 'login', 'country and language'.",
    )
    without_cookies: CookieFallback = CookieFallback.LIMITED
    consent_banner: bool = False
    banner_for: list[BannerAudience] = Field(
        default_factory=lambda: [BannerAudience.EVERYONE],
        min_length=1,
        description="Who sees the consent banner: everyone, or only visitors from the regions "
        "listed (eea, uk, ch, quebec); elsewhere optional cookies are then on until the "
        "visitor turns them off.",
    )
    do_not_track: DntResponse = DntResponse.NOT_HONORED
    global_privacy_control: bool = Field(
        default=False, description="Whether the Global Privacy Control signal is honored."
    )
    signal_status_shown: bool = Field(
        default=False,
        description="The site shows a visitor whose browser sends an opt-out preference signal "
        "that it was honored, e.g. 'Opt-Out Request Honored' (11 CCR §7025(c)(6)).",
    )
    settings_link: bool = Field(
        default=False,
        description="A link on every page reopens the cookie choices, so consent is as easy "
        "to withdraw as to give.",
    )
    settings_link_text: Name = Field(
        default="Cookie settings",
        description="The link's words on your site, e.g. 'Manage cookies' or 'Your Privacy "
        "Choices'.",
    )
    uk_exempt_kinds: list[CookieKind] = Field(
        default_factory=empty_list,
        description="Kinds set for UK visitors without asking, under PECR's exemptions "
        "(analytics to improve the site, preferences for its look or functions).",
    )
    ad_programs: list[AdProgram] = Field(default_factory=empty_list)
    identify_only_with_consent: bool = Field(
        default=False,
        description="Cookies never gather details that identify a person unless they agree.",
    )

    @field_validator("banner_for", mode="before")
    @classmethod
    def _one_audience_as_list(cls, value: Any) -> Any:
        # Files of schema version 3 and before held one audience, the regions joined.
        if isinstance(value, str):
            return OLD_BANNER_AUDIENCES.get(value, [value])
        return value

    @field_validator("banner_for")
    @classmethod
    def _everyone_alone(cls, value: list[BannerAudience]) -> list[BannerAudience]:
        if BannerAudience.EVERYONE in value and len(value) > 1:
            raise ValueError(
                "'everyone' already takes in every region; list either everyone or the regions"
            )
        return list(dict.fromkeys(value))

    @property
    def banner_everywhere(self) -> bool:
        """Whether every visitor is asked first, wherever they visit from (Québec's s.8.1
        and Canada's consent reach visitors a banner for Europe skips)."""
        return self.consent_banner and BannerAudience.EVERYONE in self.banner_for

    def banner_shown_in(self, region: BannerAudience) -> bool:
        """Whether visitors from the region are asked first, by a banner for them or for all."""
        return self.consent_banner and (self.banner_everywhere or region in self.banner_for)


OLD_BANNER_AUDIENCES = {
    "eea_uk": [BannerAudience.EEA, BannerAudience.UK],
    "eea_uk_ch": [BannerAudience.EEA, BannerAudience.UK, BannerAudience.SWITZERLAND],
}


class Unsubscribe(Part):
    link_in_message: bool = True
    reply_stop: bool = Field(
        default=False, description="Reply STOP to a text or messaging-app message."
    )
    reply_word: Name | None = Field(
        default=None,
        description="The word people reply with to stop, when it is not STOP (e.g. SAIR).",
    )
    email: Email | None = None
    email_subject_word: Name | None = Field(default=None, description="e.g. REMOVE.")
    account_settings: bool = False
    web_page: WebAddress | None = None
    postal: PostalAddress | None = None
    confirmation_email: bool = Field(
        default=False, description="You may send one email to confirm an unsubscribe."
    )
    per_address: bool = Field(
        default=False,
        description="Someone with more than one email address must unsubscribe each one.",
    )

    def ways(self) -> int:
        """How many ways to unsubscribe the store offers."""
        return sum(
            bool(way)
            for way in (
                self.link_in_message,
                self.reply_stop,
                self.email,
                self.account_settings,
                self.web_page,
                self.postal,
            )
        )

    def has_any(self) -> bool:
        return self.ways() > 0


class Marketing(Part):
    channels: list[Channel] = Field(
        default_factory=empty_list, description="Leave empty for no marketing."
    )
    consent: MarketingConsent = MarketingConsent.OPT_IN
    opt_out_channels: list[Channel] = Field(
        default_factory=empty_list,
        description="With consent opt_in: channels you still use for everyone unless they say "
        "no, e.g. a printed catalogue by post.",
    )
    double_opt_in: bool = False

    @field_validator("opt_out_channels")
    @classmethod
    def _push_needs_permission(cls, value: list[Channel]) -> list[Channel]:
        if Channel.PUSH in value:
            raise ValueError(
                "an app shows notifications only after the person allows them on their "
                "device, so push cannot be sent unless they agree; remove push from this list"
            )
        return value

    reply_only_forms: bool = Field(
        default=False,
        description="Some forms only answer a request: they have no marketing sign-up box.",
    )
    existing_customers: bool = Field(
        default=False,
        description="Past customers get offers without signing up, unless they opt out (in "
        "Europe and the UK only about products like the ones they bought).",
    )
    purchased_opt_in_lists: bool = Field(
        default=False, description="You email people from rented lists certified as opt-in."
    )
    names_list_source: bool = Field(
        default=False,
        description="With rented lists: the email header names the list the address came "
        "from, where possible.",
    )
    referral_emails: bool = Field(
        default=False, description="Invitations to friends a customer names."
    )
    third_party_offers: bool = Field(
        default=False, description="You send offers from selected partners to your list."
    )
    unsubscribe: Unsubscribe = Field(default_factory=Unsubscribe)
    opt_out_days: int = Field(
        default=10,
        json_schema_extra=SAID,
        ge=0,
        le=30,
        description="Business days to honor an opt-out; 0 when it takes effect immediately.",
    )
    transactional_notices: bool = Field(
        default=True, description="Order and account notices continue after an unsubscribe."
    )
