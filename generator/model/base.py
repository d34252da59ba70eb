"""Shared building blocks of the store profile."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    ValidationError,
    field_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError, Url, core_schema

from generator.model.vocab import TimeUnit


def empty_list() -> list[Any]:
    """A new empty list: the default of every list answer.

    The same default as ``default_factory=list``, built faster: pydantic reads each default
    factory's signature when it builds the validators, and reading the builtin ``list``'s
    takes about 0.2 ms against 0.01 ms for a Python function (about 10 ms a build for the
    ~50 list answers).
    """
    return []


class Part(BaseModel):
    """Base of every profile part: unknown keys are errors, text is trimmed, and no text
    answer carries a control character (see ``check_text``)."""

    # defer_build: a build validates one StoreProfile, whose validator holds every part,
    # so the parts' own validators and serializers are built only if something uses them.
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, validate_default=True, defer_build=True
    )

    # After each field's own validation, so nested parts are left to their own check and
    # a problem is reported at the innermost field.
    @field_validator("*", mode="after")
    @classmethod
    def _plain_text_only(cls, value: Any) -> Any:
        check_text(value)
        return value


# Control characters other than tab and line feed: C0, DEL and C1. They move a terminal's
# cursor, hide text, or (NUL) end strings early in the tools a policy is pasted into.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional embeddings and overrides (closed by PDF, U+202C) and isolates (closed by
# PDI, U+2069). Left open, one reverses the text after it, ours included (Trojan Source).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")
_ISOLATES = frozenset("\u2066\u2067\u2068")


def check_text(value: Any) -> None:
    """Refuse control characters other than tab and newline, and unpaired bidi controls,
    anywhere in a text answer (or in the texts of a list or mapping of answers; nested
    parts check their own fields)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, BaseModel):
            continue
        if isinstance(item, str):
            _check_string(item)
        elif isinstance(item, list | tuple):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())


def _check_string(text: str) -> None:
    control = _CONTROL.search(text)
    if control:
        raise ValueError(
            f"contains the control character U+{ord(control.group()):04X} at character "
            f"{control.start() + 1}; remove it (only tabs and line breaks are allowed)"
        )
    if not _BIDI.search(text):
        return
    opened: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if char in _EMBEDDINGS or char in _ISOLATES:
            opened.append((char, index))
        elif char in ("\u202c", "\u2069"):
            wanted = _EMBEDDINGS if char == "\u202c" else _ISOLATES
            if not opened or opened[-1][0] not in wanted:
                _unpaired(char, index)
            opened.pop()
    if opened:
        _unpaired(*opened[-1])


def _unpaired(char: str, index: int) -> None:
    raise ValueError(
        f"contains the unpaired text-direction control U+{ord(char):04X} at character "
        f"{index + 1}; remove it (it would reverse the text around it)"
    )


Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


def _has_a_word(value: str) -> str:
    # A name of dots or dashes alone reads as punctuation in every sentence it sits in.
    if not any(char.isalnum() for char in value):
        raise ValueError("write a name with at least one letter or number")
    return value


Name = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_has_a_word)]
# A service catalog entry's id, name or alias, written as an id: 'klaviyo', 'meta-pixel'.
ServiceRef = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$", max_length=60)
]


def service_or(*fields: str) -> Callable[[dict[str, Any]], None]:
    """JSON Schema for a part that names a catalog service or else answers ``fields``:
    the catalog fills them (services.fill), so either is enough."""

    def adjust(schema: dict[str, Any]) -> None:
        schema["required"] = [f for f in schema.get("required", []) if f not in fields]
        if not schema["required"]:
            del schema["required"]
        schema["anyOf"] = [{"required": ["service"]}, {"required": list(fields)}]

    return adjust


# Marks a field whose answer means something even when it equals the default: the policy
# promises its value only where the owner gave it ("appeals: true" said, not assumed), so
# a saved file keeps it (generator.answers.answers_from_profile).
SAID: dict[str, Any] = {"said": True}


def is_said(info: FieldInfo) -> bool:
    """Whether a model field is marked ``SAID``."""
    extra = info.json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("said"))


# A leading bracket is the usual US way to write an area code: "(916) 555-0138".
PHONE_PATTERN = r"^\+?\(?[0-9A-Z][0-9A-Z ().\-]{3,30}[0-9A-Z]$"
CODE_PATTERN = r"^[A-Z]{2}$"


def _phone(value: str) -> str:
    if not re.fullmatch(PHONE_PATTERN, value):
        raise ValueError(
            "not a phone number: use digits, spaces and ( ) . - with an optional leading +, "
            "for example +1 503-555-0100 or 1-800-ASK-ACME"
        )
    return value


def _code(kind: str, known: Callable[[str], bool]) -> Callable[[str], str]:
    # People type "us" or "ca"; the codes are upper case by definition, so accept both.
    def check(value: str) -> str:
        code = value.strip().upper()
        if not re.fullmatch(CODE_PATTERN, code) or not known(code):
            raise ValueError(f"not a two-letter {kind} code; for example {_EXAMPLES[kind]}")
        return code

    return check


def _is_country(code: str) -> bool:
    from generator.countries import is_country

    return is_country(code)


def _language(value: str) -> str:
    # ISO 639-1 codes as CLDR knows them ("en", "es"); lower case by definition.
    from generator.countries import is_language

    code = value.strip().lower()
    if not re.fullmatch(r"[a-z]{2}", code) or not is_language(code):
        raise ValueError("not a two-letter language code; for example en, es or fr")
    return code


def _is_us_state(code: str) -> bool:
    from generator.countries import US_STATES

    return code in US_STATES


# Canada's provinces and territories (Canada Post codes).
_PROVINCES = frozenset(
    ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
)


_EXAMPLES = {
    "country": "US, DE or CA (the EU is not a country: list its member states)",
    "US state": "CA, TX or NY",
    "Canadian province": "QC, ON or BC",
}

Phone = Annotated[
    str,
    AfterValidator(_phone),
    Field(max_length=32, json_schema_extra={"pattern": PHONE_PATTERN}),
]
CountryCode = Annotated[
    str,
    AfterValidator(_code("country", _is_country)),
    Field(
        description="ISO 3166-1 alpha-2 country code, for example US, DE or CA.",
        json_schema_extra={"pattern": CODE_PATTERN},
    ),
]
CURRENCY_PATTERN = r"^[A-Z]{3}$"


def _currency(value: str) -> str:
    # ISO 4217 codes as CLDR knows them ("EUR", "usd"); upper case by definition.
    from babel.numbers import list_currencies

    code = value.strip().upper()
    if not re.fullmatch(CURRENCY_PATTERN, code) or code not in list_currencies():
        raise ValueError("not a three-letter ISO 4217 currency code; for example EUR, USD or AUD")
    return code


CurrencyCode = Annotated[
    str,
    AfterValidator(_currency),
    Field(
        description="ISO 4217 currency code, for example EUR, USD or AUD.",
        json_schema_extra={"pattern": "^[A-Za-z]{3}$"},
    ),
]
LanguageCode = Annotated[
    str,
    AfterValidator(_language),
    Field(
        description="ISO 639-1 language code, for example en, es or fr.",
        json_schema_extra={"pattern": "^[A-Za-z]{2}$"},
    ),
]
ProvinceCode = Annotated[
    str,
    AfterValidator(_code("Canadian province", _PROVINCES.__contains__)),
    Field(
        description="Two-letter Canadian province or territory code, for example QC or ON.",
        json_schema_extra={"pattern": CODE_PATTERN},
    ),
]
StateCode = Annotated[
    str,
    AfterValidator(_code("US state", _is_us_state)),
    Field(
        description="Two-letter US state or territory code, for example CA or TX.",
        json_schema_extra={"pattern": CODE_PATTERN},
    ),
]


class _HttpAddress:
    """Marks a field as an http(s) address, parsed by pydantic-core's URL parser.

    This is what pydantic's ``HttpUrl`` checks, without importing ``pydantic.networks``
    (and the ``importlib.metadata`` it pulls in), which cost every build about 25 ms.
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        url = core_schema.url_schema(max_length=2083, allowed_schemes=["http", "https"])
        return core_schema.no_info_wrap_validator_function(_with_url_advice, url)


def _with_url_advice(value: Any, parse: core_schema.ValidatorFunctionWrapHandler) -> Url:
    # The parser's own words ("relative URL without a base") don't tell a store owner
    # what to type; the same advice reaches the wizard and answers files alike.
    try:
        url: Url = parse(value)
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["type"] not in ("url_parsing", "url_scheme"):
            raise
        raise PydanticCustomError(
            error["type"],
            "{reason}; write the whole address, starting with https://, "
            "for example https://www.acme.example",
            {"reason": error["msg"]},
        ) from None
    _publishable(url)
    return url


# Host names that only mean something on the owner's own machine or network.
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet")


def _publishable(url: Url) -> None:
    """A web address a published policy may link to: no user name or password in it, and
    a host on the public internet (not this computer or a private network)."""
    if url.username or url.password:
        raise PydanticCustomError(
            "url_credentials",
            "a web address with a user name or password in it would publish them; "
            "remove the part before '@'",
        )
    host = (url.host or "").lower().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        import ipaddress

        local = not ipaddress.ip_address(host).is_global
    except ValueError:
        local = host == "localhost" or host.endswith(_LOCAL_SUFFIXES) or "." not in host
    if local:
        raise PydanticCustomError(
            "url_local",
            "'{host}' is a local or private address that readers of the policy cannot open; "
            "give the public address, for example https://www.acme.example",
            {"host": host},
        )


WebAddress = Annotated[Url, _HttpAddress]

# Addresses of the common shape (ASCII dot-atom @ ASCII host names) that email-validator
# is known to accept: a test checks this against email-validator itself. Anything else
# goes to email-validator, which stays the authority; it costs ~27 ms to import, so
# most builds no longer pay for it.
_PLAIN_EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9]|-(?!-)){0,61}(?<!-)\.)+[A-Za-z]{2,63})"
)
_SPECIAL_USE_TLDS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def _email(value: str) -> str:
    plain = _PLAIN_EMAIL.fullmatch(value)
    if (
        plain
        and len(plain["local"]) <= 64
        and len(value) <= 254
        and plain["domain"].rsplit(".", 1)[1].lower() not in _SPECIAL_USE_TLDS
    ):
        return f"{plain['local']}@{plain['domain'].lower()}"
    return _email_by_validator(value)


def _email_by_validator(value: str) -> str:
    import email_validator

    try:
        checked = email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        raise PydanticCustomError(
            "value_error", "value is not a valid email address: {reason}", {"reason": str(exc)}
        ) from None
    return checked.normalized


Email = Annotated[
    str,
    AfterValidator(_email),
    Field(json_schema_extra={"format": "email"}),
]


class PostalAddress(Part):
    lines: list[Name] = Field(min_length=1, description="Street lines, attention lines, PO box.")
    city: Name
    region: Name | None = Field(default=None, description="State, province or county.")
    postal_code: Annotated[str, StringConstraints(min_length=2, max_length=12)] | None = None
    country: CountryCode


class Contact(Part):
    """Ways to reach a person or department."""

    name: Name | None = Field(
        default=None, description="Person or department, e.g. 'Privacy Office'."
    )
    email: Email | None = None
    phone: Phone | None = None
    toll_free: Phone | None = Field(
        default=None, description="A toll-free number, for CCPA requests."
    )
    fax: Phone | None = Field(default=None, description="A fax number people can send to.")
    web_form: WebAddress | None = None
    postal: PostalAddress | None = None

    def has_any(self) -> bool:
        return any((self.email, self.phone, self.toll_free, self.fax, self.web_form, self.postal))


class Duration(Part):
    amount: int = Field(ge=1, le=1200)
    unit: TimeUnit


# ---- free text with a grammatical slot --------------------------------------------------
# Each free-text answer fills one slot of a sentence of ours. A Sentence stands on its own
# after one of ours ("We keep them for 7 years. <Sentence>"); a Phrase sits inside one of ours
# ("payment card details (<Phrase>)", "Purpose: <Phrase>."). The checks refuse what would read
# as a fragment, and say how the text would read.

# Words that continue someone else's sentence rather than start one of their own.
_CONTINUATIONS = re.compile(r"^(and|or|nor|then|of|which|plus|thereafter)\b", re.IGNORECASE)
# A full stop that ends a sentence, not an abbreviation: followed by a capital letter.
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z])[.!?]\s+[A-Z]")


def _brackets(value: str) -> None:
    depth = 0
    for char in value:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0 or depth > 1:
            raise ValueError(
                "brackets are unbalanced or nested; use commas, or one pair of brackets"
            )
    if depth:
        raise ValueError("a bracket is opened and not closed")


def _sentence(value: str) -> str:
    text = value.strip()
    _brackets(text)
    if _CONTINUATIONS.match(text):
        raise ValueError(
            f"this reads as the end of another sentence ('... {text}'); write a whole "
            "sentence that makes sense on its own, e.g. 'We delete entries when the contest "
            "ends.'"
        )
    text = text[0].upper() + text[1:]
    if text.endswith(".."):
        text = text.rstrip(".") + "."
    return text if text.endswith((".", "!", "?")) else text + "."


def _phrase(value: str) -> str:
    text = value.strip().rstrip(".").rstrip()
    if not text:
        raise ValueError("write a few words")
    _brackets(text)
    if "(" in text:
        raise ValueError(
            f"this sits inside our own brackets, so its brackets would nest ('... ({text})'); "
            "use commas instead"
        )
    if _SENTENCE_BREAK.search(text):
        raise ValueError(
            f"write a few words, not sentences: this goes inside one of our sentences "
            f"('... ({text}).'); put the rest in another answer or shorten it"
        )
    return text


def _company(value: str) -> str:
    text = value.strip()
    if "(" in text or ")" in text:
        raise ValueError(
            "names are printed inside our own brackets (as in 'Payment processors (Stripe and "
            "PayPal)'), so a name cannot hold brackets; give the name alone, with commas if "
            "needed, and say what it does in purpose"
        )
    # "Stripe, PayPal, and Klarna" split on its commas leaves "and Klarna"; the policy joins
    # names with its own "and", so the owner's joining word goes (files written before the
    # wizard dropped it still load, and print "and Klarna" once).
    joined = re.match(r"(?:and|or|&)\s+(?=\S)", text, flags=re.IGNORECASE)
    return text[joined.end() :] if joined else text


CompanyName = Annotated[
    Name,
    AfterValidator(_company),
    Field(json_schema_extra={"slot": "name"}),
]
"""A company's name as it is listed in our brackets (no brackets of its own)."""

Sentence = Annotated[
    Text,
    AfterValidator(_sentence),
    Field(json_schema_extra={"slot": "sentence"}),
]
"""Free text that stands as a whole sentence after one of ours."""

Phrase = Annotated[
    Text,
    AfterValidator(_phrase),
    Field(json_schema_extra={"slot": "phrase"}),
]
"""A few words that sit inside one of our sentences (no full stop, no brackets)."""
