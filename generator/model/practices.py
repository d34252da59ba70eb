"""What the store collects, why, and who receives it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import ConfigDict, Field, model_validator

from generator.model.base import (
    SAID,
    CompanyName,
    Contact,
    Name,
    Part,
    Phrase,
    Sentence,
    ServiceRef,
    Text,
    WebAddress,
    empty_list,
    service_or,
)
from generator.model.vocab import (
    CollectionPoint,
    DataCategory,
    DecisionGround,
    LegalBasis,
    Necessity,
    Purpose,
    RecipientKind,
    RecipientUse,
    SensitiveKind,
    Source,
)


class CollectedData(Part):
    category: DataCategory
    called: Phrase | None = Field(
        default=None,
        description="What the policy calls this data everywhere, when the kind's own name "
        "says more or less than you hold, e.g. 'photo ID type and the last four digits of "
        "its number' for government identification numbers, or 'video and audio from our "
        "cameras' for security camera video. The law still treats it as the kind you picked.",
    )
    details: Phrase | None = Field(
        default=None,
        description="What exactly, in a few words, e.g. 'card number and expiry date'.",
    )
    sources: list[Source] = Field(
        default_factory=empty_list,
        description="Where it comes from; leave empty for where this kind of data comes from "
        "by its nature (name from the person, device data from the device, order history "
        "from the store's own records, an interest profile from inference).",
    )
    points: list[CollectionPoint] = Field(
        default_factory=empty_list, description="Where on the site it is collected."
    )
    necessity: Necessity | None = Field(
        default=None,
        description="Whether the person must give it (required) or may leave it out "
        "(optional); only for data the person hands over. Leave empty if you don't say.",
    )
    required_at: list[CollectionPoint] = Field(
        default_factory=empty_list,
        description="Where it is required, when not everywhere you collect it (e.g. when "
        "placing an order, but not in our shops); elsewhere the person chooses. Only for "
        "required data, and only among its collection points.",
    )
    if_not_provided: Sentence | None = Field(
        default=None, description="What happens if the person does not provide it."
    )

    @model_validator(mode="after")
    def _required_somewhere(self) -> CollectedData:
        # Saying where it is required means it is required (somewhere), and only where it
        # is collected at all: anything else would be two answers that cannot both be true.
        if set(self.required_at) == set(self.points):
            self.required_at = []  # required everywhere it is collected: said plainly
        if not self.required_at:
            return self
        if self.necessity is not Necessity.REQUIRED:
            raise ValueError(
                "required_at says where this data is required, but necessity is not "
                "'required'; set necessity: required, or remove required_at"
            )
        stray = [p.value for p in self.required_at if p not in self.points]
        if stray:
            raise ValueError(
                f"required_at names {', '.join(stray)}, where this data is not collected "
                "(points); add it to points or remove it from required_at"
            )
        return self


class ConsumerHealthData(Part):
    """Data that identifies a person's physical or mental health (RCW 19.373.010; Nevada SB 370)."""

    kinds: list[Name] = Field(
        min_length=1,
        description="What health data, e.g. 'purchases of pregnancy tests' or "
        "'answers to our skin-care quiz'.",
    )
    purposes: list[Sentence] = Field(
        min_length=1,
        description="Why you collect and use it, one sentence each, e.g. 'To fill your orders.'",
    )
    sources: list[Source] = Field(default_factory=lambda: [Source.FROM_YOU], min_length=1)
    shared_with: list[RecipientKind] = Field(
        default_factory=empty_list, description="Kinds of third parties it is shared with."
    )
    affiliates: list[Name] = Field(
        default_factory=empty_list, description="Affiliates it is shared with, by name."
    )
    policy_url: WebAddress | None = Field(
        default=None,
        description="Your separate Consumer Health Data Privacy Policy, when it has its own page.",
    )
    linked_from_homepage: bool = Field(
        default=False,
        description="Your home page has a prominent link to the consumer health data policy.",
    )
    consent_to_collect: bool = Field(
        default=False, description="You ask for separate consent before collecting it."
    )
    consent_to_share: bool = Field(
        default=False,
        description="You ask for separate consent before sharing it (or never share it).",
    )


class Collection(Part):
    items: list[CollectedData] = Field(min_length=1)
    sensitive_kinds: list[SensitiveKind] = Field(
        default_factory=empty_list,
        description="Kinds of sensitive data collected; leave empty if none.",
    )
    never_collects_sensitive: bool = Field(
        default=False,
        description="Promise never to ask for health, beliefs, ethnic origin and the like.",
    )
    visit_without_giving_data: bool = Field(
        default=True, description="Whether people can browse without giving personal data."
    )
    links_cookies_to_identity: bool = Field(
        default=True,
        json_schema_extra=SAID,
        description="Whether cookie and log data is tied to named customers.",
    )
    contest_winners_published: bool = False
    winners_published_with_consent: bool = Field(
        default=False,
        description="Contest winners' names are published only if the winner agrees.",
    )
    asks_only_minimum: bool = Field(
        default=False,
        description="Promise to ask people only for the minimum information needed to serve "
        "them: nothing asked of them only for marketing or advertising, nothing asked and unused.",
    )
    consumer_health_data: ConsumerHealthData | None = Field(
        default=None,
        description="Consumer health data you collect (Washington My Health My Data Act, "
        "Nevada SB 370); leave empty if none.",
    )
    biometric_policy_url: WebAddress | None = Field(
        default=None,
        description="Your published biometric data policy: retention schedule, incident "
        "response and deletion deadlines (Colorado C.R.S. §6-1-1314).",
    )

    def categories(self) -> list[DataCategory]:
        return [item.category for item in self.items]

    @model_validator(mode="after")
    def _each_category_once(self) -> Collection:
        seen: set[DataCategory] = set()
        for item in self.items:
            if item.category in seen:
                raise ValueError(
                    f"category '{item.category}' is listed twice; merge the two entries"
                )
            seen.add(item.category)
        return self


class PurposeUse(Part):
    purpose: Purpose
    categories: list[DataCategory] = Field(min_length=1)
    legal_basis: LegalBasis | None = Field(default=None, description="GDPR legal basis.")
    uk_legal_basis: LegalBasis | None = Field(
        default=None,
        description="The UK GDPR basis, only where it differs from legal_basis: e.g. analytics "
        "that needs cookie consent in the EU but that the UK's Data (Use and Access) Act 2025 "
        "exempts, so it rests on legitimate interests there.",
    )
    legitimate_interest: Text | None = Field(
        default=None, description="The interest pursued, when the basis is legitimate interests."
    )
    details: Phrase | None = Field(
        default=None,
        description="A short phrase saying more about this use, e.g. 'a monthly newsletter'. "
        "A purpose listed twice (say, marketing by consent for the newsletter and by "
        "legitimate interests for customers) tells its entries apart by this.",
    )


class AutomatedDecision(Part):
    description: Sentence
    logic: Sentence
    significance: Sentence
    significant: bool = Field(
        default=True,
        description="It has legal or similarly significant effects on people (GDPR Art 22), "
        "e.g. deciding whether they may pay by invoice.",
    )
    solely_automated: bool = Field(
        default=True, description="No person takes part in the decision."
    )
    staff_can_change: bool = Field(
        default=False,
        description="The program decides, and a member of staff can change its decision "
        "afterwards (an override). The decision is still the program's: a person who can "
        "only overrule it does not take part in making it (EDPB WP251rev.01, on Art 22).",
    )
    ground: DecisionGround | None = Field(
        default=None,
        description="What allows it (GDPR Art 22(2)): contract, explicit_consent or "
        "authorised_by_law.",
    )
    categories: list[DataCategory] = Field(
        default_factory=empty_list, description="The kinds of personal data the program uses."
    )


class Use(Part):
    purposes: list[PurposeUse] = Field(min_length=1)
    automated_decisions: list[AutomatedDecision] = Field(default_factory=empty_list)
    aggregate_statistics: bool = Field(
        default=False, description="Whether you study aggregate, de-identified customer behavior."
    )
    trains_language_models: bool | None = Field(
        default=None,
        description="Whether you collect, use or sell personal data to train large language "
        "models (Connecticut requires the policy to say which, from July 2026). Leave empty "
        "if not asked. An ai_training purpose trains AI models, which may or may not be "
        "language models; this answer says which.",
    )

    def purpose_set(self) -> set[Purpose]:
        return {use.purpose for use in self.purposes}

    def distinct_purposes(self) -> tuple[Purpose, ...]:
        """Each purpose once, in the order the answers first name it."""
        return tuple(dict.fromkeys(use.purpose for use in self.purposes))

    @model_validator(mode="after")
    def _repeated_purposes_told_apart(self) -> Use:
        # One purpose may rest on two footings (a newsletter by consent, offers to customers
        # by legitimate interests); the policy then names each use by its details.
        seen: set[tuple[Purpose, str]] = set()
        counts = Counter(use.purpose for use in self.purposes)
        for use in self.purposes:
            key = (use.purpose, (use.details or "").strip().lower())
            if key in seen or (counts[use.purpose] > 1 and not key[1]):
                times = counts[use.purpose]
                raise ValueError(
                    f"purpose '{use.purpose}' is listed "
                    + ("twice" if times == 2 else f"{times} times")
                    + (f" with the same details '{use.details}'" if key in seen else "")
                    + f"; merge the {'two ' if times == 2 else ''}entries, or give each one "
                    "'details' saying which use it is (e.g. 'our newsletter')"
                )
            seen.add(key)
        return self


class Payments(Part):
    processors: list[CompanyName] = Field(
        default_factory=empty_list, description="e.g. Stripe, PayPal."
    )
    stores_card_data: bool = Field(
        default=False, description="Whether card numbers are kept on your own systems."
    )
    processor_collects_card: bool = Field(
        default=False,
        description="Card details are typed into the payment processor's own form, so you never "
        "see or receive the full card number.",
    )
    authorize_then_capture: bool = Field(
        default=False, description="Card authorized at order, charged only at shipping."
    )


class Recipient(Part):
    model_config = ConfigDict(json_schema_extra=service_or("kind", "categories"))

    service: ServiceRef | None = Field(
        default=None,
        description="A service from the catalog (`policygen services`), e.g. 'klaviyo': its "
        "facts fill every field you leave out here; your answers win.",
    )
    kind: RecipientKind
    names: list[CompanyName] = Field(
        default_factory=empty_list, description="Named companies, optional."
    )
    categories: list[DataCategory] = Field(min_length=1)
    sensitive_kinds: list[SensitiveKind] | None = Field(
        default=None,
        description="When it gets 'sensitive' data, which of your sensitive kinds it gets "
        "(e.g. only religious_beliefs). Leave empty when it gets every kind you collect.",
    )
    purpose: Phrase | None = Field(default=None, description="Why they receive it, in a few words.")
    use: RecipientUse = RecipientUse.ON_OUR_BEHALF
    sale: bool = Field(
        default=False, description="Given for money or other valuable consideration."
    )
    gives_value: bool | None = Field(
        default=None,
        description="Whether the recipient gives you anything of value for the data (money, "
        "ad or analytics services, discounts, data in return). Leave empty for the usual "
        "answer for its kind: yes for ad networks, analytics, marketing partners, data "
        "brokers and affiliates, no for the rest. Decides, with 'use', whether the "
        "disclosure is a sale.",
    )
    cross_context_ads: bool = Field(
        default=False, description="Shared for advertising based on activity across other sites."
    )
    with_consent_only: bool = Field(
        default=False, description="Shared only after the person agrees."
    )
    may_onward_share: bool = Field(
        default=False, description="May pass data to its own subcontractors to complete an order."
    )
    opt_out_available: bool = Field(
        default=False, description="People can ask you to stop this sharing."
    )
    policy_url: WebAddress | None = None
    terms: Sentence | None = Field(
        default=None,
        description="What holds them to it, or what you cannot check, in a sentence, e.g. "
        "'Our contracts require suppliers to delete order details 90 days after delivery; we "
        "cannot check their systems ourselves.'",
    )
    gets_childrens_data: bool | None = Field(
        default=None,
        description="It receives data collected from children under 13 (COPPA). Left "
        "out, it counts when it gets a kind of data you collect from children, except an "
        "ad network or marketer (unless children.purposes lists ads or marketing) and an "
        "analytics tool (unless children.purposes lists analytics).",
    )

    @model_validator(mode="before")
    @classmethod
    def _fill_from_catalog(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("service") is not None:
            # Imported here: the catalog loads only for answers that name a service.
            from generator.services.fill import fill_recipient

            return fill_recipient(data)
        return data


class Sharing(Part):
    recipients: list[Recipient] = Field(default_factory=empty_list)
    aggregate_to_partners: bool = Field(
        default=False, description="Aggregate statistics shared with advertisers or partners."
    )
    legal_requests: bool = Field(
        default=True, description="Disclosure to meet subpoenas and the law."
    )
    protect_rights: bool = Field(
        default=True, description="Disclosure to enforce terms or protect safety."
    )
    business_transfers: bool = Field(
        default=True, description="Data passes on in a merger or sale."
    )
    fraud_exchange: bool = Field(
        default=False, description="Data exchanged with other companies to prevent fraud."
    )
    transfer_keeps_promises: bool = Field(
        default=False,
        description="In a merger or sale, the buyer must keep the promises of this policy.",
    )
    marketing_opt_out_contact: Contact | None = Field(
        default=None,
        description="Where to ask that your data stop going to others for their own marketing "
        "(California Shine the Light), when it differs from the privacy contact.",
    )
    requires_confidentiality: bool = Field(
        default=True,
        json_schema_extra=SAID,
        description="Service providers are bound by contract to keep data confidential.",
    )

    @property
    def other_disclosures(self) -> bool:
        """Whether data may go out besides to the recipients: to the law, to protect rights,
        to fight fraud, or to a new owner."""
        return any(
            (self.legal_requests, self.protect_rights, self.fraud_exchange, self.business_transfers)
        )
