"""The closed vocabularies a store profile is written in.

Every enum member has a plain-English label in ``LABELS``: the wizard offers
it as a choice and the clauses use it as the noun phrase in running text, so
the two can never disagree about what a value means.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum


class DataCategory(StrEnum):
    NAME = "name"
    EMAIL = "email"
    PHONE = "phone"
    POSTAL_ADDRESS = "postal_address"
    PAYMENT_CARD = "payment_card"
    BANK_ACCOUNT = "bank_account"
    CREDENTIALS = "credentials"
    ORDER_HISTORY = "order_history"
    BUSINESS_CONTACT = "business_contact"
    CUSTOMER_NUMBER = "customer_number"
    PRODUCT_SERIAL = "product_serial"
    PRODUCT_USAGE = "product_usage"
    DEVICE_AND_LOG = "device_and_log"
    APPROXIMATE_LOCATION = "approximate_location"
    PRECISE_LOCATION = "precise_location"
    BROWSING_ACTIVITY = "browsing_activity"
    SEARCH_TERMS = "search_terms"
    COMMUNICATIONS = "communications"
    CHAT_TRANSCRIPTS = "chat_transcripts"
    REVIEWS = "reviews"
    SURVEY_RESPONSES = "survey_responses"
    CONTEST_ENTRIES = "contest_entries"
    REFERRED_CONTACTS = "referred_contacts"
    GIFT_RECIPIENTS = "gift_recipients"
    WARRANTY_REGISTRATIONS = "warranty_registrations"
    LOYALTY = "loyalty"
    PREFERENCES = "preferences"
    CHILD_PROFILE = "child_profile"
    INFERENCES = "inferences"
    SENSITIVE = "sensitive"
    DATE_OF_BIRTH = "date_of_birth"
    CREDIT_INFORMATION = "credit_information"
    PHOTOS = "photos"
    CAMERA_FOOTAGE = "camera_footage"


class SensitiveKind(StrEnum):
    GOVERNMENT_ID = "government_id"
    ACCOUNT_LOGIN = "account_login"
    FINANCIAL_ACCOUNT_WITH_CODE = "financial_account_with_code"
    PRECISE_GEOLOCATION = "precise_geolocation"
    RACIAL_ETHNIC_ORIGIN = "racial_ethnic_origin"
    RELIGIOUS_BELIEFS = "religious_beliefs"
    HEALTH = "health"
    SEX_LIFE_ORIENTATION = "sex_life_orientation"
    UNION_MEMBERSHIP = "union_membership"
    BIOMETRIC = "biometric"
    GENETIC = "genetic"
    CITIZENSHIP_IMMIGRATION = "citizenship_immigration"
    CHILDREN = "children"
    COMMUNICATIONS_CONTENT = "communications_content"


class Source(StrEnum):
    FROM_YOU = "from_you"
    AUTOMATIC = "automatic"
    OUR_PRODUCTS = "our_products"
    SERVICE_PROVIDERS = "service_providers"
    PARTNERS = "partners"
    DATA_ENRICHMENT = "data_enrichment"
    DATA_BROKERS = "data_brokers"
    BUSINESS_DIRECTORIES = "business_directories"
    OTHER_CUSTOMERS = "other_customers"
    PUBLIC_SOURCES = "public_sources"
    OUR_RECORDS = "our_records"
    INFERRED = "inferred"
    CREDIT_BUREAUS = "credit_bureaus"
    OUR_CAMERAS = "our_cameras"
    PEOPLE_YOU_NAME = "people_you_name"
    # A child's details entered by a parent or guardian (a child profile set up by the
    # parent): collected from someone other than the child (GDPR Art 14; NZ IPP 3A).
    PARENT_OR_GUARDIAN = "parent_or_guardian"


class CollectionPoint(StrEnum):
    BROWSING = "browsing"
    APP = "app"
    REGISTRATION = "registration"
    CHECKOUT = "checkout"
    NEWSLETTER = "newsletter"
    SURVEY = "survey"
    CONTEST = "contest"
    SUPPORT = "support"
    LIVE_CHAT = "live_chat"
    REVIEW = "review"
    REFERRAL = "referral"
    WARRANTY = "warranty"
    LOYALTY = "loyalty"
    CONTACT_FORM = "contact_form"
    IN_STORE = "in_store"
    BY_PHONE = "by_phone"
    DELIVERY = "delivery"
    FINANCING = "financing"
    # A connected product (a bike with its own SIM, a meter) reports on its own, whether or
    # not anyone has the app open.
    PRODUCT = "product"


class AppPlatform(StrEnum):
    IOS = "ios"
    ANDROID = "android"


class Necessity(StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    AUTOMATIC = "automatic"


class Purpose(StrEnum):
    ORDER_FULFILMENT = "order_fulfilment"
    PAYMENT = "payment"
    ACCOUNT = "account"
    CUSTOMER_SERVICE = "customer_service"
    TRANSACTIONAL_MESSAGES = "transactional_messages"
    MARKETING = "marketing"
    PERSONALIZATION = "personalization"
    TARGETED_ADVERTISING = "targeted_advertising"
    ANALYTICS = "analytics"
    SITE_ADMINISTRATION = "site_administration"
    FRAUD_PREVENTION = "fraud_prevention"
    LEGAL_COMPLIANCE = "legal_compliance"
    PRODUCT_DEVELOPMENT = "product_development"
    CONTESTS = "contests"
    SURVEYS = "surveys"
    REVIEWS = "reviews"
    REFERRALS = "referrals"
    WARRANTY = "warranty"
    LOYALTY_PROGRAM = "loyalty_program"
    COMBINING_SOURCES = "combining_sources"
    AI_TRAINING = "ai_training"
    BUSINESS_PARTNERSHIPS = "business_partnerships"
    FINANCING = "financing"
    STORE_SECURITY = "store_security"


class LegalBasis(StrEnum):
    CONTRACT = "contract"
    CONSENT = "consent"
    LEGITIMATE_INTERESTS = "legitimate_interests"
    LEGAL_OBLIGATION = "legal_obligation"
    # UK GDPR Art 6(1)(ea) and Annex 1 (Data (Use and Access) Act 2025): UK only.
    RECOGNISED_LEGITIMATE_INTEREST = "recognised_legitimate_interest"


class DecisionGround(StrEnum):
    """What allows a solely automated decision with significant effects (GDPR Art 22(2))."""

    CONTRACT = "contract"
    EXPLICIT_CONSENT = "explicit_consent"
    AUTHORISED_BY_LAW = "authorised_by_law"


class RecipientKind(StrEnum):
    PAYMENT_PROCESSOR = "payment_processor"
    SHIPPING_CARRIER = "shipping_carrier"
    EMAIL_PROVIDER = "email_provider"
    SMS_PROVIDER = "sms_provider"
    LIVE_CHAT = "live_chat"
    ANALYTICS = "analytics"
    ADVERTISING = "advertising"
    HOSTING = "hosting"
    ECOMMERCE_PLATFORM = "ecommerce_platform"
    CUSTOMER_SUPPORT = "customer_support"
    WARRANTY = "warranty"
    SURVEY_VENDOR = "survey_vendor"
    FULFILMENT_PARTNER = "fulfilment_partner"
    SUPPLIER = "supplier"
    CUSTOMS_BROKER = "customs_broker"
    REVIEW_PLATFORM = "review_platform"
    OTHER_PROVIDER = "other_provider"
    FRAUD_PREVENTION = "fraud_prevention"
    AFFILIATE = "affiliate"
    MARKETING_PARTNER = "marketing_partner"
    DATA_BROKER = "data_broker"
    PROFESSIONAL_ADVISERS = "professional_advisers"
    CREDIT_BUREAU = "credit_bureau"
    LENDER = "lender"
    COLLECTION_AGENCY = "collection_agency"
    INSURER = "insurer"
    # Tax offices, courts, the police: data a law makes the store report, or hand over on a
    # lawful request (GDPR Art 13(1)(e) asks for the recipients; DAC7 seller reporting).
    PUBLIC_AUTHORITIES = "public_authorities"
    PEOPLE_YOU_NAME = "people_you_name"


class RecipientUse(StrEnum):
    """What a recipient may do with the data it receives."""

    ON_OUR_BEHALF = "on_our_behalf"
    OWN_PURPOSES = "own_purposes"
    OWN_MARKETING = "own_marketing"


class CookieKind(StrEnum):
    STRICTLY_NECESSARY = "strictly_necessary"
    PREFERENCES = "preferences"
    ANALYTICS = "analytics"
    ADVERTISING = "advertising"


class BannerAudience(StrEnum):
    """Where the visitors come from who see the cookie consent banner (consent
    management tools target it by region)."""

    EVERYONE = "everyone"
    EEA = "eea"
    UK = "uk"
    SWITZERLAND = "ch"
    QUEBEC = "quebec"


class CookieFallback(StrEnum):
    """What happens to a visitor who blocks cookies."""

    WORKS = "works"
    LIMITED = "limited"
    CANNOT_SHOP = "cannot_shop"


class DntResponse(StrEnum):
    HONORED = "honored"
    NOT_HONORED = "not_honored"


class AdProgram(StrEnum):
    NAI = "nai"
    DAA = "daa"
    DAAC = "daac"
    EDAA = "edaa"


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    POSTAL = "postal"
    PHONE = "phone"
    MESSAGING_APP = "messaging_app"
    # Notifications an app of the store's own shows on the person's phone or tablet.
    PUSH = "push"


class MarketingConsent(StrEnum):
    OPT_IN = "opt_in"
    OPT_OUT = "opt_out"


class Right(StrEnum):
    ACCESS = "access"
    CORRECT = "correct"
    DELETE = "delete"
    PORTABILITY = "portability"
    RESTRICT = "restrict"
    OBJECT = "object"
    OPT_OUT_SALE_SHARING = "opt_out_sale_sharing"
    OPT_OUT_TARGETED_ADS = "opt_out_targeted_ads"
    OPT_OUT_PROFILING = "opt_out_profiling"
    LIMIT_SENSITIVE = "limit_sensitive"
    WITHDRAW_CONSENT = "withdraw_consent"


class RequestMethod(StrEnum):
    ACCOUNT = "account"
    EMAIL = "email"
    WEB_FORM = "web_form"
    PHONE = "phone"
    TOLL_FREE = "toll_free"
    POSTAL = "postal"


class RetentionBasis(StrEnum):
    FIXED_PERIOD = "fixed_period"
    ACCOUNT_LIFETIME = "account_lifetime"
    UNTIL_UNSUBSCRIBE = "until_unsubscribe"
    UNTIL_DELETED = "until_deleted"
    WHILE_PUBLISHED = "while_published"
    LEGAL_REQUIREMENT = "legal_requirement"
    INDEFINITE = "indefinite"


class TimeUnit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


class ParentalConsentWay(StrEnum):
    """The FTC's ways of getting a parent's verifiable consent (16 CFR §312.5(b)(2), as
    amended in 2025)."""

    SIGNED_FORM = "signed_form"
    PAYMENT = "payment"
    TOLL_FREE_CALL = "toll_free_call"
    VIDEO_CALL = "video_call"
    GOVERNMENT_ID = "government_id"
    KNOWLEDGE_QUESTIONS = "knowledge_questions"
    FACE_MATCH = "face_match"
    EMAIL_PLUS = "email_plus"
    TEXT_PLUS = "text_plus"


class SecurityMeasure(StrEnum):
    TLS = "tls"
    ENCRYPTION_AT_REST = "encryption_at_rest"
    PASSWORD_HASHING = "password_hashing"
    ACCESS_CONTROL = "access_control"
    PCI_DSS = "pci_dss"
    FIREWALLS = "firewalls"
    PHYSICAL_SECURITY = "physical_security"
    SECURITY_POLICY = "security_policy"
    STAFF_TRAINING = "staff_training"
    AUDITS = "audits"
    CONFIDENTIALITY_AGREEMENTS = "confidentiality_agreements"


class Safeguard(StrEnum):
    ADEQUACY = "adequacy"
    SCC = "scc"
    DPF = "dpf"
    BCR = "bcr"
    UK_IDTA = "uk_idta"
    UK_ADDENDUM = "uk_addendum"
    CONSENT = "consent"
    CONTRACT_NECESSITY = "contract_necessity"
    PROVIDER_CONTRACT = "provider_contract"
    # Not a safeguard at all: a recipient that also uses the data for itself (an ad platform,
    # a marketplace) is bound only by its own terms, and a policy must not claim more.
    RECIPIENT_TERMS = "recipient_terms"


class TrustProgramKind(StrEnum):
    SEAL = "seal"
    DISPUTE_RESOLUTION = "dispute_resolution"


class ChangeNotice(StrEnum):
    POSTING = "posting"
    EMAIL = "email"
    BANNER = "banner"
    HOMEPAGE = "homepage"


class CcpaCategory(StrEnum):
    """The categories named in Cal. Civ. Code §1798.140(v)(1)."""

    IDENTIFIERS = "identifiers"
    CUSTOMER_RECORDS = "customer_records"
    PROTECTED_CLASSIFICATIONS = "protected_classifications"
    COMMERCIAL = "commercial"
    BIOMETRIC = "biometric"
    INTERNET_ACTIVITY = "internet_activity"
    GEOLOCATION = "geolocation"
    SENSORY = "sensory"
    PROFESSIONAL = "professional"
    EDUCATION = "education"
    INFERENCES = "inferences"
    SENSITIVE = "sensitive"


class LabelTable(Mapping[StrEnum, str]):
    """Labels keyed by member *and* enum.

    Members of different enums can share a value ('email' is a data category, a channel, a
    request method and a change notice); as plain dict keys they are equal and would
    overwrite each other's labels, so the table keys on (enum, value).
    """

    def __init__(self, pairs: Iterable[tuple[StrEnum, str]]) -> None:
        self._labels: dict[tuple[type[StrEnum], str], tuple[StrEnum, str]] = {}
        for member, text in pairs:
            key = (type(member), member.value)
            if key in self._labels:
                raise ValueError(f"{member!r} is labelled twice")
            self._labels[key] = (member, text)

    def __getitem__(self, member: StrEnum) -> str:
        if not isinstance(member, StrEnum):
            raise KeyError(member)
        try:
            return self._labels[(type(member), member.value)][1]
        except KeyError:
            raise KeyError(member) from None

    def __iter__(self) -> Iterator[StrEnum]:
        return (member for member, _ in self._labels.values())

    def __len__(self) -> int:
        return len(self._labels)


LABELS = LabelTable(
    [
        (DataCategory.NAME, "name"),
        (DataCategory.EMAIL, "email address"),
        (DataCategory.PHONE, "phone number"),
        (DataCategory.POSTAL_ADDRESS, "postal and shipping address"),
        (DataCategory.PAYMENT_CARD, "payment card details"),
        (DataCategory.BANK_ACCOUNT, "bank account details"),
        (DataCategory.CREDENTIALS, "account login and password"),
        (DataCategory.ORDER_HISTORY, "order and purchase history"),
        (DataCategory.BUSINESS_CONTACT, "business contact details (such as company name)"),
        (DataCategory.CUSTOMER_NUMBER, "customer or account number"),
        (DataCategory.PRODUCT_SERIAL, "product serial numbers"),
        (
            DataCategory.PRODUCT_USAGE,
            "product and app usage data (such as readings and error reports)",
        ),
        (DataCategory.DATE_OF_BIRTH, "date of birth"),
        (DataCategory.CREDIT_INFORMATION, "credit reports and credit scores"),
        (DataCategory.PHOTOS, "photos"),
        (DataCategory.CAMERA_FOOTAGE, "security camera video"),
        (DataCategory.DEVICE_AND_LOG, "device and log data (such as browser type and IP address)"),
        (DataCategory.APPROXIMATE_LOCATION, "approximate location"),
        (DataCategory.PRECISE_LOCATION, "precise location"),
        (
            DataCategory.BROWSING_ACTIVITY,
            "browsing activity (pages viewed and the site you came from)",
        ),
        (DataCategory.SEARCH_TERMS, "search terms"),
        (DataCategory.COMMUNICATIONS, "messages and correspondence with us"),
        (DataCategory.CHAT_TRANSCRIPTS, "live chat transcripts"),
        (DataCategory.REVIEWS, "product reviews"),
        (DataCategory.SURVEY_RESPONSES, "survey answers"),
        (DataCategory.CONTEST_ENTRIES, "contest and sweepstakes entries"),
        (DataCategory.REFERRED_CONTACTS, "referred friends' email addresses"),
        (DataCategory.GIFT_RECIPIENTS, "gift recipients' names and addresses"),
        (DataCategory.WARRANTY_REGISTRATIONS, "warranty registrations"),
        (DataCategory.LOYALTY, "loyalty program activity"),
        (DataCategory.PREFERENCES, "preferences and settings"),
        (
            DataCategory.CHILD_PROFILE,
            "children's profiles (such as a nickname, age, progress and what the child makes)",
        ),
        (DataCategory.INFERENCES, "interest profile (what we infer you may like)"),
        (DataCategory.SENSITIVE, "sensitive personal information"),
        (SensitiveKind.GOVERNMENT_ID, "government identification numbers"),
        (SensitiveKind.ACCOUNT_LOGIN, "account login with password"),
        (
            SensitiveKind.FINANCIAL_ACCOUNT_WITH_CODE,
            "card or account number with its security code",
        ),
        (SensitiveKind.PRECISE_GEOLOCATION, "precise geolocation"),
        (SensitiveKind.RACIAL_ETHNIC_ORIGIN, "racial or ethnic origin"),
        (SensitiveKind.RELIGIOUS_BELIEFS, "religious or philosophical beliefs"),
        (SensitiveKind.HEALTH, "health information"),
        (SensitiveKind.SEX_LIFE_ORIENTATION, "sex life or sexual orientation"),
        (SensitiveKind.UNION_MEMBERSHIP, "union membership"),
        (SensitiveKind.BIOMETRIC, "biometric data"),
        (SensitiveKind.GENETIC, "genetic data"),
        (SensitiveKind.CITIZENSHIP_IMMIGRATION, "citizenship or immigration status"),
        (SensitiveKind.CHILDREN, "personal data of a known child"),
        (SensitiveKind.COMMUNICATIONS_CONTENT, "contents of private messages"),
        (Source.FROM_YOU, "you, when you give it to us"),
        (Source.AUTOMATIC, "your device, automatically, when you use the site"),
        (Source.SERVICE_PROVIDERS, "our service providers"),
        (Source.PARTNERS, "our business partners"),
        (Source.DATA_ENRICHMENT, "data enrichment and verification services"),
        (Source.DATA_BROKERS, "data brokers"),
        (Source.BUSINESS_DIRECTORIES, "business directories"),
        (
            Source.OTHER_CUSTOMERS,
            "other people (for example, a friend who refers you or sends you a gift)",
        ),
        (Source.PUBLIC_SOURCES, "publicly available sources"),
        (Source.OUR_RECORDS, "our own records of your orders, account and dealings with us"),
        (Source.INFERRED, "our own analysis of other information we hold about you"),
        (Source.CREDIT_BUREAUS, "credit reporting agencies"),
        (Source.OUR_CAMERAS, "our security cameras, when you visit our premises"),
        (Source.PEOPLE_YOU_NAME, "people and businesses you ask to send it to us"),
        (Source.PARENT_OR_GUARDIAN, "a child's parent or guardian"),
        (Source.OUR_PRODUCTS, "our connected products and apps, automatically, as they are used"),
        (CollectionPoint.BROWSING, "browsing the site"),
        (CollectionPoint.APP, "using our app"),
        (AppPlatform.IOS, "iOS"),
        (AppPlatform.ANDROID, "Android"),
        (CollectionPoint.REGISTRATION, "creating an account"),
        (CollectionPoint.CHECKOUT, "placing an order"),
        (CollectionPoint.NEWSLETTER, "signing up for our newsletter"),
        (CollectionPoint.SURVEY, "answering a survey"),
        (CollectionPoint.CONTEST, "entering a contest or sweepstakes"),
        (CollectionPoint.SUPPORT, "contacting customer service"),
        (CollectionPoint.LIVE_CHAT, "using live chat"),
        (CollectionPoint.REVIEW, "writing a review"),
        (CollectionPoint.REFERRAL, "referring a friend"),
        (CollectionPoint.WARRANTY, "buying or registering a warranty"),
        (CollectionPoint.IN_STORE, "visiting or buying in our shops"),
        (CollectionPoint.BY_PHONE, "calling us"),
        (CollectionPoint.DELIVERY, "we deliver to you"),
        (CollectionPoint.FINANCING, "applying for financing or credit"),
        (CollectionPoint.PRODUCT, "our connected products are switched on"),
        (CollectionPoint.LOYALTY, "joining our loyalty program"),
        (CollectionPoint.CONTACT_FORM, "sending us a web form"),
        (Necessity.REQUIRED, "required"),
        (Necessity.OPTIONAL, "optional"),
        (Necessity.AUTOMATIC, "collected automatically"),
        (Purpose.ORDER_FULFILMENT, "process and deliver your orders"),
        (Purpose.PAYMENT, "take payment and issue refunds"),
        (Purpose.ACCOUNT, "create and run your account"),
        (Purpose.CUSTOMER_SERVICE, "answer your questions and give support"),
        (
            Purpose.TRANSACTIONAL_MESSAGES,
            "send you messages about your orders and account",
        ),
        (Purpose.MARKETING, "send you news and offers"),
        (Purpose.PERSONALIZATION, "tailor the site and recommendations to you"),
        (Purpose.TARGETED_ADVERTISING, "show you our ads on other sites"),
        (Purpose.ANALYTICS, "understand how the site is used"),
        (Purpose.SITE_ADMINISTRATION, "keep the site running and secure"),
        (Purpose.FRAUD_PREVENTION, "prevent fraud"),
        (Purpose.FINANCING, "arrange and run financing and credit you apply for"),
        (Purpose.STORE_SECURITY, "keep our premises, staff and customers safe"),
        (Purpose.LEGAL_COMPLIANCE, "meet our legal duties such as keeping tax records"),
        (Purpose.PRODUCT_DEVELOPMENT, "improve our products and services"),
        (Purpose.CONTESTS, "run contests and sweepstakes and notify winners"),
        (Purpose.SURVEYS, "run surveys"),
        (Purpose.REVIEWS, "publish your reviews"),
        (Purpose.REFERRALS, "send the invitations you ask us to send"),
        (Purpose.WARRANTY, "register and service warranties"),
        (Purpose.LOYALTY_PROGRAM, "run our loyalty program"),
        (Purpose.COMBINING_SOURCES, "combine what we hold with data from other sources"),
        (Purpose.AI_TRAINING, "train artificial intelligence models"),
        (Purpose.BUSINESS_PARTNERSHIPS, "set up reseller and business partnerships"),
        (LegalBasis.CONTRACT, "performance of a contract with you"),
        (LegalBasis.CONSENT, "your consent"),
        (LegalBasis.LEGITIMATE_INTERESTS, "our legitimate interests"),
        (LegalBasis.LEGAL_OBLIGATION, "a legal obligation"),
        (LegalBasis.RECOGNISED_LEGITIMATE_INTEREST, "a recognised legitimate interest (UK)"),
        (
            DecisionGround.CONTRACT,
            "it is necessary to enter into or carry out our contract with you",
        ),
        (DecisionGround.EXPLICIT_CONSENT, "you gave your explicit consent"),
        (DecisionGround.AUTHORISED_BY_LAW, "a law that also protects your rights allows it"),
        (RecipientKind.PAYMENT_PROCESSOR, "payment processors"),
        (RecipientKind.SHIPPING_CARRIER, "shipping carriers"),
        (RecipientKind.EMAIL_PROVIDER, "email service providers"),
        (RecipientKind.SMS_PROVIDER, "text message providers"),
        (RecipientKind.LIVE_CHAT, "live chat providers"),
        (RecipientKind.ANALYTICS, "analytics providers"),
        (RecipientKind.ADVERTISING, "advertising networks"),
        (RecipientKind.HOSTING, "hosting providers"),
        (RecipientKind.ECOMMERCE_PLATFORM, "our e-commerce platform"),
        (RecipientKind.CUSTOMER_SUPPORT, "customer support providers"),
        (RecipientKind.WARRANTY, "warranty and service companies"),
        (RecipientKind.SURVEY_VENDOR, "survey companies"),
        (RecipientKind.FULFILMENT_PARTNER, "authorized dealers and fulfilment partners"),
        (RecipientKind.SUPPLIER, "suppliers who send orders to you directly"),
        (RecipientKind.CUSTOMS_BROKER, "customs brokers"),
        (RecipientKind.REVIEW_PLATFORM, "review platforms"),
        (RecipientKind.OTHER_PROVIDER, "other service providers"),
        (RecipientKind.FRAUD_PREVENTION, "fraud prevention services"),
        (RecipientKind.AFFILIATE, "our affiliated companies"),
        (RecipientKind.MARKETING_PARTNER, "marketing partners"),
        (RecipientKind.DATA_BROKER, "data brokers"),
        (
            RecipientKind.PROFESSIONAL_ADVISERS,
            "professional advisers such as lawyers and accountants",
        ),
        (RecipientKind.CREDIT_BUREAU, "credit reporting agencies"),
        (RecipientKind.LENDER, "lenders and financing partners"),
        (RecipientKind.INSURER, "insurers"),
        (RecipientKind.PUBLIC_AUTHORITIES, "public authorities"),
        (RecipientKind.COLLECTION_AGENCY, "debt collection agencies"),
        (RecipientKind.PEOPLE_YOU_NAME, "people and businesses you ask us to send it to"),
        (RecipientUse.ON_OUR_BEHALF, "only to provide services to us"),
        (RecipientUse.OWN_PURPOSES, "for their own purposes"),
        (RecipientUse.OWN_MARKETING, "for their own marketing"),
        (CookieKind.STRICTLY_NECESSARY, "strictly necessary"),
        (CookieKind.PREFERENCES, "preference"),
        (CookieKind.ANALYTICS, "analytics"),
        (CookieKind.ADVERTISING, "advertising"),
        (CookieFallback.WORKS, "the site still works"),
        (CookieFallback.LIMITED, "some features stop working"),
        (CookieFallback.CANNOT_SHOP, "you cannot shop"),
        (DntResponse.HONORED, "honored"),
        (DntResponse.NOT_HONORED, "not honored"),
        (AdProgram.NAI, "the Network Advertising Initiative (NAI)"),
        (AdProgram.DAA, "the Digital Advertising Alliance (DAA)"),
        (AdProgram.DAAC, "the Digital Advertising Alliance of Canada (DAAC)"),
        (AdProgram.EDAA, "the European Interactive Digital Advertising Alliance (EDAA)"),
        (Channel.EMAIL, "email"),
        (Channel.SMS, "text message"),
        (Channel.POSTAL, "postal mail"),
        (Channel.PHONE, "phone"),
        (Channel.MESSAGING_APP, "messaging app (such as WhatsApp)"),
        (Channel.PUSH, "notifications from our app"),
        (MarketingConsent.OPT_IN, "only with your consent (opt-in)"),
        (MarketingConsent.OPT_OUT, "unless you tell us not to (opt-out)"),
        (Right.ACCESS, "access"),
        (Right.CORRECT, "correction"),
        (Right.DELETE, "deletion"),
        (Right.PORTABILITY, "portability"),
        (Right.RESTRICT, "restriction of processing"),
        (Right.OBJECT, "objection"),
        (Right.OPT_OUT_SALE_SHARING, "opting out of sale and sharing"),
        (Right.OPT_OUT_TARGETED_ADS, "opting out of targeted advertising"),
        (Right.OPT_OUT_PROFILING, "opting out of profiling"),
        (Right.LIMIT_SENSITIVE, "limiting the use of sensitive personal information"),
        (Right.WITHDRAW_CONSENT, "withdrawing consent"),
        (RequestMethod.ACCOUNT, "your account page"),
        (RequestMethod.EMAIL, "email"),
        (RequestMethod.WEB_FORM, "our web form"),
        (RequestMethod.PHONE, "phone"),
        (RequestMethod.TOLL_FREE, "our toll-free number"),
        (RequestMethod.POSTAL, "postal mail"),
        (RetentionBasis.FIXED_PERIOD, "a fixed period"),
        (RetentionBasis.ACCOUNT_LIFETIME, "while your account is open"),
        (RetentionBasis.UNTIL_UNSUBSCRIBE, "until you unsubscribe"),
        (RetentionBasis.UNTIL_DELETED, "until you delete it or ask us to"),
        (RetentionBasis.WHILE_PUBLISHED, "while it is published on our site"),
        (RetentionBasis.LEGAL_REQUIREMENT, "as long as the law requires"),
        (RetentionBasis.INDEFINITE, "with no set end date"),
        (TimeUnit.DAYS, "days"),
        (TimeUnit.MONTHS, "months"),
        (TimeUnit.YEARS, "years"),
        (ParentalConsentWay.SIGNED_FORM, "a consent form the parent signs and returns"),
        (ParentalConsentWay.PAYMENT, "a card or other payment that notifies the account holder"),
        (ParentalConsentWay.TOLL_FREE_CALL, "a call to our toll-free number"),
        (ParentalConsentWay.VIDEO_CALL, "a video call with our trained staff"),
        (ParentalConsentWay.GOVERNMENT_ID, "a check of a government ID, which we then delete"),
        (ParentalConsentWay.KNOWLEDGE_QUESTIONS, "questions only the parent can answer"),
        (ParentalConsentWay.FACE_MATCH, "a photo of the parent matched to their photo ID"),
        (ParentalConsentWay.EMAIL_PLUS, "an email from the parent, confirmed by a further step"),
        (ParentalConsentWay.TEXT_PLUS, "a text message to the parent, confirmed by a further step"),
        (SecurityMeasure.TLS, "encryption in transit (TLS)"),
        (SecurityMeasure.ENCRYPTION_AT_REST, "encryption of stored data"),
        (SecurityMeasure.PASSWORD_HASHING, "hashed passwords"),
        (SecurityMeasure.ACCESS_CONTROL, "access only for staff who need it"),
        (SecurityMeasure.PCI_DSS, "PCI DSS compliant card handling"),
        (SecurityMeasure.FIREWALLS, "firewalls"),
        (SecurityMeasure.PHYSICAL_SECURITY, "physical security of our premises and equipment"),
        (SecurityMeasure.SECURITY_POLICY, "a written information security policy"),
        (SecurityMeasure.STAFF_TRAINING, "staff training"),
        (SecurityMeasure.AUDITS, "regular security reviews"),
        (
            SecurityMeasure.CONFIDENTIALITY_AGREEMENTS,
            "confidentiality duties for staff and providers",
        ),
        (Safeguard.ADEQUACY, "an adequacy decision"),
        (Safeguard.SCC, "standard contractual clauses"),
        (Safeguard.DPF, "the EU-U.S. Data Privacy Framework"),
        (Safeguard.BCR, "binding corporate rules"),
        (Safeguard.UK_IDTA, "the UK International Data Transfer Agreement"),
        (Safeguard.UK_ADDENDUM, "the UK Addendum to the standard contractual clauses"),
        (Safeguard.CONSENT, "your explicit consent"),
        (Safeguard.CONTRACT_NECESSITY, "necessity for our contract with you"),
        (
            Safeguard.PROVIDER_CONTRACT,
            # What the contract binds the provider to, not a promise of equal protection,
            # which a store cannot give for a country whose law can override the contract.
            "contracts that require the recipient to keep the data secure and use it only for us",
        ),
        (
            Safeguard.RECIPIENT_TERMS,
            "only each recipient's own privacy terms, since each also uses the data for its "
            "own purposes",
        ),
        (TrustProgramKind.SEAL, "privacy seal"),
        (TrustProgramKind.DISPUTE_RESOLUTION, "dispute resolution program"),
        (BannerAudience.EVERYONE, "everyone"),
        (BannerAudience.EEA, "the European Economic Area"),
        (BannerAudience.UK, "the United Kingdom"),
        (BannerAudience.SWITZERLAND, "Switzerland"),
        (BannerAudience.QUEBEC, "Québec"),
        (ChangeNotice.POSTING, "posting the new version on this page"),
        (ChangeNotice.EMAIL, "emailing you if we have your email address"),
        (ChangeNotice.BANNER, "showing a notice on the site"),
        (ChangeNotice.HOMEPAGE, "showing a notice on our home page"),
        (CcpaCategory.IDENTIFIERS, "Identifiers"),
        (
            CcpaCategory.CUSTOMER_RECORDS,
            "Personal information categories listed in the California Customer Records statute",
        ),
        (
            CcpaCategory.PROTECTED_CLASSIFICATIONS,
            "Protected classification characteristics under California or federal law",
        ),
        (CcpaCategory.COMMERCIAL, "Commercial information"),
        (CcpaCategory.BIOMETRIC, "Biometric information"),
        (CcpaCategory.INTERNET_ACTIVITY, "Internet or other similar network activity"),
        (CcpaCategory.GEOLOCATION, "Geolocation data"),
        (CcpaCategory.SENSORY, "Audio, electronic, visual or similar information"),
        (CcpaCategory.PROFESSIONAL, "Professional or employment-related information"),
        (CcpaCategory.EDUCATION, "Non-public education information"),
        (CcpaCategory.INFERENCES, "Inferences drawn from other personal information"),
        (CcpaCategory.SENSITIVE, "Sensitive personal information"),
    ]
)

# Cal. Civ. Code §1798.140(v)(1): where each of our categories falls.
CCPA_CATEGORY_OF: dict[DataCategory, CcpaCategory] = {
    DataCategory.NAME: CcpaCategory.IDENTIFIERS,
    DataCategory.EMAIL: CcpaCategory.IDENTIFIERS,
    DataCategory.PHONE: CcpaCategory.CUSTOMER_RECORDS,
    DataCategory.POSTAL_ADDRESS: CcpaCategory.IDENTIFIERS,
    DataCategory.PAYMENT_CARD: CcpaCategory.CUSTOMER_RECORDS,
    DataCategory.BANK_ACCOUNT: CcpaCategory.CUSTOMER_RECORDS,
    DataCategory.CREDENTIALS: CcpaCategory.SENSITIVE,
    DataCategory.ORDER_HISTORY: CcpaCategory.COMMERCIAL,
    DataCategory.BUSINESS_CONTACT: CcpaCategory.PROFESSIONAL,
    DataCategory.CUSTOMER_NUMBER: CcpaCategory.IDENTIFIERS,
    DataCategory.PRODUCT_SERIAL: CcpaCategory.COMMERCIAL,
    # What a connected product or app reports over the network about its use: "internet or
    # other electronic network activity information ... regarding a consumer's interaction
    # with an internet website, application" (§1798.140(v)(1)(F)). Its location reports are
    # precise_location, a category (and a sensitive kind) of their own.
    DataCategory.PRODUCT_USAGE: CcpaCategory.INTERNET_ACTIVITY,
    DataCategory.DEVICE_AND_LOG: CcpaCategory.IDENTIFIERS,
    DataCategory.APPROXIMATE_LOCATION: CcpaCategory.GEOLOCATION,
    DataCategory.PRECISE_LOCATION: CcpaCategory.SENSITIVE,
    DataCategory.BROWSING_ACTIVITY: CcpaCategory.INTERNET_ACTIVITY,
    DataCategory.SEARCH_TERMS: CcpaCategory.INTERNET_ACTIVITY,
    DataCategory.COMMUNICATIONS: CcpaCategory.SENSORY,
    DataCategory.CHAT_TRANSCRIPTS: CcpaCategory.SENSORY,
    DataCategory.REVIEWS: CcpaCategory.SENSORY,
    # Answers people give about their tastes: "purchasing or consuming histories or
    # tendencies" (§1798.140(v)(1)(D)), not inferences drawn by the store.
    DataCategory.SURVEY_RESPONSES: CcpaCategory.COMMERCIAL,
    DataCategory.CONTEST_ENTRIES: CcpaCategory.COMMERCIAL,
    DataCategory.REFERRED_CONTACTS: CcpaCategory.IDENTIFIERS,
    DataCategory.GIFT_RECIPIENTS: CcpaCategory.IDENTIFIERS,
    DataCategory.WARRANTY_REGISTRATIONS: CcpaCategory.COMMERCIAL,
    DataCategory.LOYALTY: CcpaCategory.COMMERCIAL,
    # Settings and tastes the person tells us (sizes, favourite styles, a wedding date):
    # like survey answers, "purchasing or consuming histories or tendencies" (§1798.140(v)(1)
    # (D)); "inferences" (K) are what the store draws to profile them (our inferences kind).
    DataCategory.PREFERENCES: CcpaCategory.COMMERCIAL,
    # A nickname is an "alias" (§1798.140(v)(1)(A)); the profile is how the child is known.
    DataCategory.CHILD_PROFILE: CcpaCategory.IDENTIFIERS,
    DataCategory.INFERENCES: CcpaCategory.INFERENCES,
    DataCategory.SENSITIVE: CcpaCategory.SENSITIVE,
    # Age is a protected classification under California and federal law (§1798.140(v)(1)(C)).
    DataCategory.DATE_OF_BIRTH: CcpaCategory.PROTECTED_CLASSIFICATIONS,
    # "any other financial information" in Cal. Civ. Code §1798.80(e).
    DataCategory.CREDIT_INFORMATION: CcpaCategory.CUSTOMER_RECORDS,
    # "audio, electronic, visual ... or similar information" (§1798.140(v)(1)(H)).
    DataCategory.PHOTOS: CcpaCategory.SENSORY,
    DataCategory.CAMERA_FOOTAGE: CcpaCategory.SENSORY,
}


# Categories (and sensitive kinds) whose label is grammatically plural ("we keep them"),
# the rest singular.
PLURAL_LABELS = frozenset(
    {
        DataCategory.PAYMENT_CARD,
        SensitiveKind.GOVERNMENT_ID,
        DataCategory.BANK_ACCOUNT,
        DataCategory.CREDENTIALS,
        DataCategory.BUSINESS_CONTACT,
        DataCategory.PRODUCT_SERIAL,
        DataCategory.SEARCH_TERMS,
        DataCategory.COMMUNICATIONS,
        DataCategory.CHAT_TRANSCRIPTS,
        DataCategory.REVIEWS,
        DataCategory.SURVEY_RESPONSES,
        DataCategory.CONTEST_ENTRIES,
        DataCategory.REFERRED_CONTACTS,
        DataCategory.GIFT_RECIPIENTS,
        DataCategory.WARRANTY_REGISTRATIONS,
        DataCategory.PREFERENCES,
        DataCategory.CHILD_PROFILE,
        DataCategory.CREDIT_INFORMATION,
        DataCategory.PHOTOS,
    }
)


# Categories whose label already names whose data it is ("children's profiles", "referred
# friends' email addresses"): data about someone other than the reader, so a sentence
# listing data that reached us about the reader does not put "your" before them alone.
OWNED_LABELS = frozenset(
    {DataCategory.CHILD_PROFILE, DataCategory.REFERRED_CONTACTS, DataCategory.GIFT_RECIPIENTS}
)


def label(member: StrEnum) -> str:
    """The plain-English label of a vocabulary member."""
    return LABELS[member]


def sensitive_names(kinds: Sequence[SensitiveKind]) -> list[str]:
    """The names the policy gives the catch-all sensitive category: the kinds the store holds
    ('government identification numbers'); empty to keep the generic label. Naming the kinds
    means no sentence calls an ID number sensitive under a law that does not (APP: Privacy
    Act 1988 s.6(1)), nor hides what the data is."""
    return [LABELS[kind] for kind in kinds]


def sensitive_is_plural(kinds: Sequence[SensitiveKind]) -> bool:
    """Whether the sensitive category's name (see ``sensitive_label``) takes 'them'."""
    return len(kinds) > 1 or (len(kinds) == 1 and kinds[0] is SensitiveKind.GOVERNMENT_ID)
