"""Shared building blocks of the store profile."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, HttpUrl, StringConstraints

from generator.model.vocab import TimeUnit


class Part(BaseModel):
    """Base of every profile part: unknown keys are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True)


Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Phone = Annotated[
    str,
    StringConstraints(pattern=r"^\+?[0-9A-Z][0-9A-Z ().\-]{3,30}[0-9A-Z]$", max_length=32),
]
CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    Field(description="ISO 3166-1 alpha-2 country code, for example US, DE or CA."),
]
StateCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    Field(description="Two-letter US state or territory code, for example CA or TX."),
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
    email: EmailStr | None = None
    phone: Phone | None = None
    toll_free: Phone | None = Field(
        default=None, description="A toll-free number, for CCPA requests."
    )
    web_form: HttpUrl | None = None
    postal: PostalAddress | None = None

    def has_any(self) -> bool:
        return any((self.email, self.phone, self.toll_free, self.web_form, self.postal))


class Duration(Part):
    amount: int = Field(ge=1, le=1200)
    unit: TimeUnit
