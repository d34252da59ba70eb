"""Who the store is, where it sells, and how big it is."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator

from generator.countries import home_currency
from generator.model.base import (
    Contact,
    CountryCode,
    CurrencyCode,
    Name,
    Part,
    Phrase,
    PostalAddress,
    ProvinceCode,
    StateCode,
    WebAddress,
    empty_list,
)
from generator.model.vocab import AppPlatform


class Operator(Part):
    """A service provider that runs the store for a brand."""

    name: Name
    role: Phrase = Field(default="runs this online store on the brand's behalf")


class ParentCompany(Part):
    name: Name
    policy_url: WebAddress | None = Field(
        default=None, description="The parent's own privacy policy, which covers its other sites."
    )


class App(Part):
    """An app of the store's own that this policy covers."""

    name: Name = Field(description="The app's name as its store listing shows it.")
    platforms: list[AppPlatform] = Field(
        default_factory=empty_list,
        description="Where it runs; leave empty to name no platform.",
    )


class Representative(Part):
    """An EU or UK representative under GDPR Art 27, or a Swiss one under FADP Art 14."""

    name: Name
    contact: Contact


# How many units of another currency one unit of the store's was worth.
Rate = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class Revenue(Part):
    """Gross revenue last year, in the currency the store keeps its accounts in.

    Laws with revenue thresholds compare it in their own currency (``generator.money``)."""

    amount: int = Field(default=0, ge=0, description="Gross revenue last year, in `currency`.")
    # Unanswered, the address country's (Business._home_country_by_default).
    currency: CurrencyCode | None = Field(
        default=None,
        description="The currency of `amount` (default: the currency of the address's country).",
    )
    rates: dict[CurrencyCode, Rate] = Field(
        default_factory=dict,
        description="Your own exchange rates, if you want them used instead of the reference "
        "rates: how many units of each currency one unit of yours was worth, e.g. "
        "{USD: 1.08, AUD: 1.64} for revenue in EUR.",
    )


_HOME_DEFAULTS = ("established_in", "sells_to_countries", "data_stored_in")


class Business(Part):
    legal_name: Name = Field(description="The company's registered name, e.g. 'Acme Supplies LLC'.")
    store_name: Name = Field(description="The name customers know the store by.")
    websites: list[WebAddress] = Field(min_length=1, description="The store's web addresses.")
    operator: Operator | None = None
    parent: ParentCompany | None = None
    affiliates: list[Name] = Field(
        default_factory=empty_list,
        description="Affiliated companies or sites this policy also covers.",
    )
    excluded_affiliates: list[Name] = Field(
        default_factory=empty_list,
        description="Affiliated companies or sites this policy does not cover, "
        "e.g. 'our parent's other brands'.",
    )
    apps: list[App] = Field(
        default_factory=empty_list,
        description="Your own apps this policy also covers, e.g. a shopping app or the app "
        "that works with a product you sell; leave empty if you have none.",
    )
    network_name: Name | None = Field(
        default=None, description="A network of stores this policy covers, e.g. 'Acme Network'."
    )
    address: PostalAddress
    contact: Contact = Field(description="The privacy contact: at least one way to reach you.")
    privacy_officer: Contact | None = Field(
        default=None,
        description="The person accountable for privacy, by name or title (PIPEDA privacy "
        "officer; Québec's person in charge of the protection of personal information).",
    )
    dpo: Contact | None = Field(default=None, description="Data protection officer, if appointed.")
    eu_representative: Representative | None = None
    uk_representative: Representative | None = None
    swiss_representative: Representative | None = Field(
        default=None,
        description="Your representative in Switzerland (FADP Art 14), if your business is "
        "based abroad and processes Swiss customers' data regularly, on a large scale and "
        "with a high risk to them; the policy publishes its name and address.",
    )
    employees: int = Field(default=1, ge=1)
    revenue: Revenue = Field(
        default_factory=Revenue, description="Gross revenue last year, in the store's currency."
    )
    consumers_per_year: int = Field(
        default=0, ge=0, description="People whose personal data you handle in a year, all regions."
    )
    us_consumers_per_year: int | None = Field(
        default=None,
        ge=0,
        description="How many of them live in the United States, where known; a state you "
        "give no count for may then hold at most the US people not counted elsewhere.",
    )
    consumers_by_state: dict[StateCode, int] = Field(
        default_factory=dict,
        description="Consumers a year per US state, where known; otherwise the total is used.",
    )
    most_in_other_states: int | None = Field(
        default=None,
        ge=0,
        description="The most consumers a year in any one US state that consumers_by_state "
        "does not list, where known (e.g. 40000 when the rest are spread thin); without it, "
        "each unlisted state may hold every US consumer not counted elsewhere.",
    )
    revenue_share_from_selling_data: int = Field(
        default=0, ge=0, le=100, description="Percent of revenue from selling or sharing data."
    )
    sba_small_business: bool = Field(
        default=True, description="Whether the company is a small business by US SBA standards."
    )
    # Unanswered, these three are the address's country (see _home_country_by_default).
    established_in: list[CountryCode] = Field(
        default_factory=empty_list,
        min_length=1,
        description="Countries where you have offices (default: the address's country).",
    )
    sells_to_countries: list[CountryCode] = Field(
        default_factory=empty_list,
        min_length=1,
        description="Countries you sell to (default: the address's country).",
    )
    sells_to_us_states: list[StateCode] | None = Field(
        default=None, description="US states you sell to; leave empty for all of them."
    )
    data_stored_in: list[CountryCode] = Field(
        default_factory=empty_list,
        min_length=1,
        description="Countries customer data is stored in (default: the address's country).",
    )
    sells_to_ca_provinces: list[ProvinceCode] | None = Field(
        default=None,
        description="Canadian provinces you sell to, when you sell to Canada; leave empty for "
        "all of them.",
    )
    visitors_tracked_in: list[CountryCode] = Field(
        default_factory=empty_list,
        description="Countries you do not sell to whose visitors your analytics or advertising "
        "tools still track, e.g. EU visitors to a US-only store (GDPR Art 3(2)(b)).",
    )
    physical_shops: bool = Field(
        default=False,
        description="You also sell in your own shops, showrooms or other premises, not only "
        "online.",
    )
    data_broker: bool = Field(
        default=False,
        description="You sell personal data of people you have no direct relationship with "
        "(a California data broker, Civ. Code §1798.99.80).",
    )
    provides_health_service: bool = Field(
        default=False,
        description="You provide a health service and hold health information "
        "(Australian Privacy Act s.6D(4)(b)).",
    )
    commonwealth_contractor: bool = Field(
        default=False,
        description="You are a contracted service provider for an Australian Government "
        "contract (Privacy Act s.6D(4)(e)).",
    )

    @model_validator(mode="before")
    @classmethod
    def _home_country_by_default(cls, data: Any) -> Any:
        # Where a store has offices, sells and keeps data defaults to the country of its
        # address, not to the United States: an unanswered default must not bring in
        # laws of a country the store never named.
        if not isinstance(data, dict):
            return data
        address = data.get("address")
        country = address.get("country") if isinstance(address, dict) else None
        if not isinstance(country, str) or not country.strip():
            return data
        home = [country.strip().upper()]
        filled: dict[str, Any] = {key: home for key in _HOME_DEFAULTS if key not in data}
        revenue = data.get("revenue", {})
        currency = home_currency(home[0])
        if isinstance(revenue, dict) and "currency" not in revenue and currency:
            filled["revenue"] = {**revenue, "currency": currency}
        return {**data, **filled} if filled else data
