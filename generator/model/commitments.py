"""People's rights, retention, security, children, transfers, and the policy itself."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import Field, field_validator, model_validator

from generator.model.base import (
    SAID,
    Contact,
    CountryCode,
    Duration,
    Email,
    LanguageCode,
    Name,
    Part,
    Phrase,
    Sentence,
    Text,
    WebAddress,
    empty_list,
)
from generator.model.vocab import (
    ChangeNotice,
    DataCategory,
    ParentalConsentWay,
    Purpose,
    RequestMethod,
    RetentionBasis,
    Right,
    Safeguard,
    SecurityMeasure,
    TrustProgramKind,
)


class FinancialIncentive(Part):
    name: Name = Field(description="e.g. 'Ink Rewards' or '10% off for newsletter sign-up'.")
    description: Sentence
    categories: list[DataCategory] = Field(min_length=1)
    value_explanation: Sentence = Field(description="How you value the data, in good faith.")
    how_to_join: Sentence
    how_to_withdraw: Sentence


class RequestCount(Part):
    """One kind of request in last year's figures (11 CCR §7102)."""

    kind: Right = Field(
        description="access, delete, correct, opt_out_sale_sharing or limit_sensitive"
    )
    received: int = Field(ge=0)
    complied: int = Field(ge=0, description="Complied with in whole or in part.")
    denied: int = Field(ge=0)
    median_days: int = Field(ge=0, description="Median days to respond.")
    mean_days: int | None = Field(
        default=None, ge=0, description="Mean days to respond (a data broker must publish it)."
    )
    denied_why: Phrase | None = Field(
        default=None,
        description="Why requests were denied, with counts, e.g. '1,200 because we could "
        "not verify the requester, 300 because the law let us keep the data' (a data "
        "broker must publish it).",
    )

    @model_validator(mode="after")
    def _answered_at_most_received(self) -> RequestCount:
        if self.complied + self.denied > self.received:
            raise ValueError("'complied' and 'denied' together exceed 'received'")
        return self


class RequestMetrics(Part):
    """Last calendar year's privacy request figures, published by very large businesses."""

    year: int = Field(ge=2020, le=2100)
    counts: list[RequestCount] = Field(min_length=1)


class Complaints(Part):
    """A complaints route (UK DPA 2018 s.164A; Québec Law 25 s.3.2)."""

    url: WebAddress | None = Field(
        default=None, description="An online form for privacy complaints."
    )
    process: Text | None = Field(
        default=None,
        description="How you handle a complaint: who looks at it and how quickly you answer.",
    )


class Rights(Part):
    offered_to_everyone: bool = Field(
        default=True,
        description="Whether every customer gets the rights, not only where law requires.",
    )
    rights: list[Right] = Field(
        default_factory=lambda: [Right.ACCESS, Right.CORRECT, Right.DELETE],
    )
    methods: list[RequestMethod] = Field(
        default_factory=lambda: [RequestMethod.EMAIL], min_length=1
    )
    review_before_order: bool = Field(
        default=False,
        description="Customers can review and edit details before confirming an order.",
    )
    verification: Sentence = Field(
        default="We match the details you give us with the details we already hold.",
        description="How you confirm a requester's identity.",
    )
    authorized_agents: bool = Field(default=True, json_schema_extra=SAID)
    response_days: int = Field(default=45, ge=1, le=90, json_schema_extra=SAID)
    appeals: bool = Field(default=True, json_schema_extra=SAID)
    appeal_email: Email | None = Field(
        default=None,
        description="Where people send an appeal, when not by replying to your answer "
        "(e.g. appeals@yourstore.com).",
    )
    appeal_days: int | None = Field(
        default=None,
        ge=1,
        le=90,
        description="Days you take to decide an appeal, when you promise fewer than the law "
        "allows (60 in most US states, 45 in some).",
    )
    non_discrimination: bool = Field(default=True, json_schema_extra=SAID)
    deletion_limits: Sentence | None = Field(
        default=None, description="What you must keep after a deletion request, and why."
    )
    incentives: list[FinancialIncentive] = Field(default_factory=empty_list)
    request_metrics: RequestMetrics | None = Field(
        default=None,
        description="Last year's request figures; California requires them at 10 million "
        "consumers a year.",
    )
    contact: Contact | None = Field(
        default=None,
        description="Where privacy requests go, when it differs from business.contact "
        "(e.g. a support address); a way left blank here falls back to business.contact.",
    )
    opt_out_link: WebAddress | None = Field(
        default=None,
        description="The page your 'Do Not Sell or Share My Personal Information' (or 'Your "
        "Privacy Choices') link opens, with the opt-out form on it.",
    )
    limit_link: WebAddress | None = Field(
        default=None,
        description="The page your 'Limit the Use of My Sensitive Personal Information' link "
        "opens, with the form on it.",
    )
    complaints: Complaints | None = Field(
        default=None, description="How people complain to you about your use of their data."
    )


class RetentionRule(Part):
    categories: list[DataCategory] = Field(min_length=1)
    purposes: list[Purpose] = Field(
        default_factory=empty_list,
        description="Only for these uses of the data; leave empty for every use. The same "
        "email address can be kept until you unsubscribe for marketing ([marketing]) and "
        "for 6 years with the order records ([order_fulfilment, legal_compliance]).",
    )
    basis: RetentionBasis
    period: Duration | None = Field(
        default=None, description="How long, for a fixed period or after the account closes."
    )
    counted_from: Phrase | None = Field(
        default=None,
        description="When a fixed period starts, e.g. 'your last order' or 'the end of the "
        "tax year' (read as 'for 3 years after your last order').",
    )
    details: Sentence | None = None

    @field_validator("counted_from")
    @classmethod
    def _without_after(cls, value: str | None) -> str | None:
        return without_after(value)

    @model_validator(mode="after")
    def _fixed_period_needs_length(self) -> RetentionRule:
        if self.basis is RetentionBasis.FIXED_PERIOD and self.period is None:
            raise ValueError("a fixed-period rule needs 'period' (amount and unit)")
        return self


class Retention(Part):
    rules: list[RetentionRule] = Field(default_factory=empty_list)
    default_criteria: Sentence = Field(
        default="We keep personal information only as long as we need it for the purposes in "
        "this policy.",
        description="The rule for anything no specific rule covers.",
    )


class Incident(Part):
    """A past breach the owner chooses to tell customers about."""

    when: Name = Field(description="When it happened, as precisely as you know, e.g. 'July 2024'.")
    what: Sentence = Field(
        description="What happened and whose data, e.g. 'A supplier left its order portal "
        "open for nine days, exposing 3,100 customers' names, addresses and orders.'"
    )
    done: Sentence | None = Field(
        default=None,
        description="What you did, e.g. 'We wrote to everyone affected, reported it to the "
        "Privacy Commissioner and stopped using the supplier.'",
    )


class Security(Part):
    measures: list[SecurityMeasure] = Field(
        default_factory=lambda: [SecurityMeasure.TLS, SecurityMeasure.ACCESS_CONTROL]
    )
    # An unanswered file makes no promise beyond the law's: telling everyone of every
    # breach is the owner's to offer (three lawyer's reads found it promised by default).
    breach_notice: bool = Field(
        default=False,
        description="You tell everyone whose data a breach exposes, not only where the law "
        "requires it (when the breach puts them at risk of harm).",
    )
    incidents: list[Incident] = Field(
        default_factory=empty_list, description="Past breaches you tell customers about."
    )
    staff_roles: Text | None = Field(
        default=None,
        description="Who on your staff may handle personal data at each stage, from "
        "collection to destruction (Québec Law 25 s.3.2).",
    )


def without_after(value: str | None) -> str | None:
    """The start of a period as the sentence's "after ..." wants it: an owner who typed
    "after your last order" means the same as "your last order"."""
    if value is None:
        return None
    stripped = re.sub(r"^(counted from|starting from|after|from)\s+", "", value, flags=re.I)
    return stripped or value


class Children(Part):
    minimum_age: int = Field(
        default=13, ge=0, le=21, description="Youngest age allowed to use the site."
    )
    directed_to_children: bool = False
    knows_of_child_users: bool = Field(
        default=False, description="You actually know some users are under 13."
    )
    parental_consent_method: Sentence | None = Field(
        default=None, description="How a parent's verifiable consent is obtained."
    )
    consent_ways: list[ParentalConsentWay] = Field(
        default_factory=empty_list,
        description="The FTC's verifiable-consent methods you use (16 CFR §312.5(b)(2)); "
        "email_plus and text_plus only if you disclose no child's information.",
    )
    consent_ways_for_disclosure: list[ParentalConsentWay] = Field(
        default_factory=empty_list,
        description="Of consent_ways, the ones a parent must use before children's "
        "information is given to others for their own use or made public (16 CFR "
        "§312.5(b)(2): email_plus and text_plus only where nothing is disclosed). Left "
        "empty, any of consent_ways may cover them.",
    )
    child_data: list[DataCategory] = Field(default_factory=empty_list)
    purposes: list[Purpose] | None = Field(
        default=None,
        description="What you use children's data for, of your purposes (16 CFR "
        "§312.4(d)(2)). Left out, every purpose that uses a kind of children's data, except "
        "advertising, marketing, profiling, AI training and partnerships, which count only "
        "when listed here.",
    )
    made_public: Sentence | None = Field(
        default=None,
        description="How children's information can be made public, if it can (16 CFR "
        "§312.4(d)(2)), e.g. 'A parent can switch on the gallery, where other children see "
        "a child's programs under a nickname after we check them.'",
    )
    sells_data_of_under_16: bool = False
    deletes_if_found: bool = Field(
        default=False,
        description="You promise to delete personal information you learn you collected "
        "from a child below the minimum age.",
    )
    no_sale_or_ads_under_18: bool = Field(
        default=False,
        json_schema_extra=SAID,
        description="You neither sell the data of people you know or should know are under 18 "
        "nor use it for targeted advertising (Maryland Com. Law §14-4707).",
    )
    retention_need: Text | None = Field(
        default=None,
        description="Your written retention policy for children's data: why you need to keep "
        "it (16 CFR §312.10).",
    )
    deleted_after: Duration | None = Field(
        default=None, description="When children's data is deleted at the latest."
    )
    deleted_counted_from: Phrase | None = Field(
        default=None,
        description="When that period starts, e.g. 'the profile was last used' (read as "
        "'12 months after the profile was last used'); left out, from collection.",
    )

    @field_validator("deleted_counted_from")
    @classmethod
    def _counted_without_after(cls, value: str | None) -> str | None:
        return without_after(value)

    collects_voice_audio: bool = Field(
        default=False, description="You collect audio files containing a child's voice."
    )
    voice_audio_use: Text | None = Field(
        default=None,
        description="How those audio files are used and when they are deleted.",
    )


class Transfer(Part):
    destination: CountryCode
    safeguard: Safeguard
    recipients: Phrase | None = Field(
        default=None, description="Who receives it there, e.g. 'our US email provider'."
    )


class TrustProgram(Part):
    name: Name
    kind: TrustProgramKind
    url: WebAddress | None = None
    complaint_url: WebAddress | None = None


class International(Part):
    transfers: list[Transfer] = Field(default_factory=empty_list)
    trust_programs: list[TrustProgram] = Field(default_factory=empty_list)
    brazil_transfer_page: WebAddress | None = Field(
        default=None,
        description="Your page in Portuguese on international transfers of data from Brazil "
        "(Res. CD/ANPD 19/2024).",
    )
    worldwide_processing: bool = Field(
        default=False,
        description="You may move and use data in any country where needed to run the "
        "store, without naming the countries.",
    )


class ChatAssistant(Part):
    """A chat assistant that talks with visitors (EU AI Act Art 50(1); Cal. B&P §17941)."""

    name: Name | None = Field(default=None, description="What the assistant is called.")
    provider: Name | None = Field(default=None, description="Whose technology runs it.")
    ai: bool = Field(default=True, description="It is an AI system rather than a fixed script.")
    sells: bool = Field(default=True, description="It helps people choose or buy products.")
    says_it_is_a_bot: bool = Field(
        default=False,
        description="It tells people clearly at the start of every chat that they are talking "
        "to an AI or a bot, not a person.",
    )


class Other(Part):
    third_party_links: bool = True
    public_reviews: bool = False
    review_consent: bool = Field(default=False, description="You ask before publishing a review.")
    governing_language: Name | None = Field(
        default=None, description="The language that governs if translations differ."
    )
    terms_url: WebAddress | None = None
    disputes_under_terms: bool = Field(
        default=False,
        description="Privacy disputes follow the terms of sale (arbitration, limits).",
    )
    third_party_data_consent: bool = Field(
        default=False, description="Customers who give others' details must have their permission."
    )
    chat_assistant: ChatAssistant | None = Field(
        default=None, description="A chat assistant or bot on your site; leave empty if none."
    )


class Revision(Part):
    date: dt.date
    changes: list[Text] = Field(min_length=1)
    practices_changed: bool = True
    material: bool = Field(
        default=False,
        description="A material change: new kinds of data, uses, recipients, sales or "
        "countries, less choice or longer retention (policygen diff says which). People "
        "must be told before it takes effect, so check wants the policy dated to take effect "
        "after this date.",
    )


class Policy(Part):
    effective_date: dt.date
    last_updated: dt.date | None = None
    language: Name = Field(default="en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    change_notice: list[ChangeNotice] = Field(
        default_factory=lambda: [ChangeNotice.POSTING], min_length=1
    )
    new_uses_need_consent: bool = Field(
        default=False,
        json_schema_extra=SAID,
        description="You ask before using old data in a new way (the policy then promises it).",
    )
    revisions: list[Revision] = Field(default_factory=empty_list)
    linked_from_home_and_forms: bool = Field(
        default=False,
        description="A link to this policy is on the home page and on every page that asks "
        "for personal information.",
    )
    french_version: WebAddress | None = Field(
        default=None,
        description="Where the French version of this policy is (Québec's Charter of the French "
        "language).",
    )
    selling_languages: list[LanguageCode] = Field(
        default_factory=empty_list,
        description="Every language your store sells in (site, checkout, customer service), "
        "as two-letter codes such as en or es. Empty: not answered, and the policy makes no "
        "claim about languages.",
    )
    accessibility: Text | None = Field(
        default=None,
        description="How people with disabilities can get this policy in another format, e.g. "
        "'Call us for a large-print or audio version.'",
    )
    old_data_keeps_old_terms: bool = Field(
        default=False,
        description="Data collected under an earlier version stays under that version's terms "
        "unless people are told directly and given a choice.",
    )

    @property
    def updated(self) -> dt.date:
        """The policy's own date: when it was last updated, else when it took effect."""
        return self.last_updated or self.effective_date

    @property
    def takes_effect_later(self) -> bool:
        """Published before its effective date: the text says 'takes effect', not 'took'."""
        return self.effective_date > self.updated

    @property
    def in_force_from(self) -> dt.date:
        """The day this text first governs: a policy published ahead of its effective date
        must meet the laws of that later day."""
        return max(self.updated, self.effective_date)
