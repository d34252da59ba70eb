"""What a typed answer means: text split into lists, checked by the model field's own
validation, and a stored answer shown back as the text a user would type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from generator.wizard.questionnaire import FieldSpec, Kind, Question, period_text


def messages(exc: ValidationError, items: int = 0) -> str:
    """The model's messages; 'item N' only says which one when there are several."""
    out = []
    for error in exc.errors():
        message = error["msg"].removeprefix("Value error, ")
        loc = [p for p in error["loc"] if isinstance(p, int)]
        out.append(f"item {loc[0] + 1}: {message}" if loc and items > 1 else message)
    return "; ".join(out)


def split_list(text: str) -> list[str]:
    """Entries split on commas, or on semicolons when an entry itself has a comma.

    A comma inside brackets never splits: "Tremont Delivery (Mississauga, Ontario), FedEx"
    is two entries, not three.
    """
    separator = ";" if ";" in text else ","
    parts, current, depth = [], "", 0
    for char in text:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == separator and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    entries = [part.strip() for part in parts if part.strip()]
    # "Stripe, PayPal, and Klarna": the last entry's "and" only joins the list.
    if len(entries) > 1:
        entries[-1] = re.sub(r"^(?:and|or|&)\s+", "", entries[-1], flags=re.IGNORECASE)
    return entries


@dataclass
class Parsed:
    value: Any = None
    error: str | None = None
    empty: bool = False


def parse_text(question: Question, text: str) -> Parsed:
    """Turn typed text into the stored answer, using the model field's own validation."""
    spec = question.spec
    text = text.strip()
    if question.data.upper:
        text = text.upper()
    if spec.kind is Kind.TEXT_LIST:
        raw: Any = split_list(text)
        if not raw and not spec.required and spec.min_items == 0:
            return Parsed(empty=True)
    elif spec.kind is Kind.MAPPING:
        if not text:
            return Parsed(empty=True)
        pairs = _pairs(text)
        if pairs is None:
            return Parsed(error="write each as a code and a number, e.g. 'CA 2300, VA 118000'")
        raw = pairs
    elif spec.kind is Kind.DURATION:
        if not text:
            return (
                Parsed(error="an answer is needed here")
                if question.data.required
                else Parsed(empty=True)
            )
        match = re.fullmatch(r"(\d[\d,]*)\s*(day|month|year)s?", text.lower())
        if match is None:
            return Parsed(error="write a number and days, months or years, e.g. '3 years'")
        raw = {"amount": match.group(1).replace(",", ""), "unit": match.group(2) + "s"}
    elif spec.kind is Kind.NUMBER:
        raw = text.replace(",", "").replace("_", "")
    else:
        raw = text
    if raw == "" and spec.optional and not question.data.required:
        return Parsed(empty=True)
    if raw == "" and spec.kind is not Kind.TEXT_LIST:
        return Parsed(error="an answer is needed here")
    return validated(spec, raw)


def _pairs(text: str) -> dict[str, str] | None:
    """'CA 2300, VA 118,000' (or 'CA: 2300') as {'CA': '2300', 'VA': '118000'}; None if
    an entry is not a code followed by a number."""
    pairs: dict[str, str] = {}
    for entry in re.split(r"[,;]\s+(?=[A-Za-z])", text):
        match = re.fullmatch(r"\s*([A-Za-z]{2})\s*[:=]?\s*([\d,_ ]+)\s*", entry)
        if match is None:
            return None
        pairs[match.group(1).upper()] = re.sub(r"[,_ ]", "", match.group(2))
    return pairs


def validated(spec: FieldSpec, raw: Any) -> Parsed:
    try:
        value = spec.adapter.validate_python(raw)
    except ValidationError as exc:
        for fixed in (_with_https(raw), _without_brackets(raw)):
            if fixed is not None:
                retry = validated(spec, fixed)
                if retry.error is None:
                    return retry
        return Parsed(error=messages(exc, len(raw) if isinstance(raw, list) else 0))
    return Parsed(value=spec.adapter.dump_python(value, mode="json"))


def _without_brackets(raw: Any) -> Any:
    """'Avis Vérifiés (Skeepers)' where the policy puts the answer inside its own brackets
    reads 'Avis Vérifiés – Skeepers'; None if there are no brackets to take out. Dashes, not
    commas: an aside of its own list ('the co-op (age range, income band)') would otherwise
    read as more items of the outer list."""

    def fix(text: Any) -> Any:
        if not isinstance(text, str) or "(" not in text:
            return text
        flat = re.sub(r"\s*\(([^()]*)\)\s*", lambda m: f" – {m[1].strip()} – ", text)
        flat = re.sub(r"\s+–\s*([.;:])", r"\1", flat)
        flat = re.sub(r"–\s*,", "–", flat)
        return re.sub(r"\s+", " ", flat).strip(" ,–")

    fixed = [fix(v) for v in raw] if isinstance(raw, list) else fix(raw)
    return None if fixed == raw else fixed


def _with_https(raw: Any) -> Any:
    """'shop.example' for a web address means https://shop.example; None if nothing to add."""

    def fix(text: Any) -> Any:
        if isinstance(text, str) and "." in text and "://" not in text and "@" not in text:
            return "https://" + text
        return text

    fixed = [fix(v) for v in raw] if isinstance(raw, list) else fix(raw)
    return None if fixed == raw else fixed


def as_text(question: Question, value: Any) -> str:
    """A stored answer as the text a user would type for it."""
    if value is None:
        return ""
    if question.kind is Kind.DURATION and isinstance(value, dict):
        return period_text(value)  # "1 month", as typed (the parser takes either)
    if isinstance(value, dict):
        return ", ".join(f"{key} {number}" for key, number in value.items())
    if isinstance(value, list):
        entries = [str(v) for v in value]
        if any("," in e for e in entries):
            # Semicolons separate; the last one keeps a single entry with a comma whole.
            return "; ".join(entries) + ";"
        return ", ".join(entries)
    return str(value)


CLEAR = "-"
SHORT_DEFAULT = 40


def meaning(typed: str, shown: str) -> str:
    """Enter keeps the answer shown in brackets; a lone '-' clears it."""
    typed = typed.strip()
    if typed == "":
        return shown
    if typed == CLEAR:
        return ""
    return typed


def clearable(spec: FieldSpec) -> bool:
    """Whether a blank answer is allowed, so '-' can clear a given one."""
    return (
        spec.optional
        or spec.kind is Kind.MAPPING
        or (spec.kind is Kind.TEXT_LIST and spec.min_items == 0)
    )


def with_default(prompt: str, shown: str) -> str:
    return f"{prompt} [{shown}]" if shown and len(shown) <= SHORT_DEFAULT else prompt


def text_help(help_text: str | None, shown: str, *, clearable: bool) -> str | None:
    notes = [help_text] if help_text else []
    if len(shown) > SHORT_DEFAULT:
        notes.append(f"Enter keeps: {shown}")
    if shown and clearable:
        notes.append(f"Type {CLEAR} to clear it.")
    return " ".join(notes) or None
