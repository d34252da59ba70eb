"""The template filters that word things: lists, plurals, articles, dates, addresses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from pydantic_core import Url

from generator.countries import address_layout, country_name, language_name
from generator.dates import long_date
from generator.errors import TemplateContractError
from generator.escape import Doing, Md, email_link, link, md, unescape_markdown
from generator.facts.data import called
from generator.facts.sensitive import catchall_kinds, received_kinds
from generator.model import StoreProfile, vocab
from generator.model.base import Duration, PostalAddress
from generator.model.practices import CollectedData, Recipient

Sized = Sequence[object] | set[object] | frozenset[object] | dict[object, object]


@pass_context
def label(context: Context, member: StrEnum) -> Md:
    """The plain-English label of a vocabulary member (our own text, so trusted).

    A kind of data the owner named (``CollectedData.called``) reads in their words,
    escaped, in every sentence that names it.
    The catch-all 'sensitive personal information' category is named by the kinds the store
    said it holds ('government identification numbers'; several in brackets after the
    generic name), so no sentence calls an ID number sensitive under a law that does not
    (APP: Privacy Act 1988 s.6(1)) or hides what it is."""
    profile = context.get("p")
    return label_for(profile if isinstance(profile, StoreProfile) else None, member)


def label_for(
    profile: StoreProfile | None,
    member: StrEnum,
    kinds: Sequence[vocab.SensitiveKind] | None = None,
) -> Md:
    """``label`` outside a template: the member's label as the policy of ``profile`` words it
    (the catch-all sensitive category named by that store's kinds, or by ``kinds`` when
    given: the ones one recipient gets)."""
    if isinstance(member, vocab.DataCategory):
        own = called(profile, member)
        if own:
            return md(own)  # the owner's words: escaped, never markup
    if isinstance(member, vocab.SensitiveKind) and profile is not None:
        # The one kind the named catch-all category holds is that same data: a law's list
        # of what is sensitive names it as the rest of the policy does.
        own = called(profile, vocab.DataCategory.SENSITIVE)
        if own and catchall_kinds(profile) == (member,):
            return md(own)
    if member is vocab.DataCategory.SENSITIVE:
        if kinds is None:
            kinds = list(catchall_kinds(profile)) if profile is not None else []
        names = vocab.sensitive_names(kinds)
        if len(names) == 1:
            return Md(names[0])
        if names:
            # Several kinds stay one category, so they read as one item in a list.
            return Md(f"{vocab.label(member)} ({_kinds(names)})")
    if isinstance(member, vocab.Purpose):
        return Doing(vocab.label(member))
    if member is vocab.Source.OTHER_CUSTOMERS and profile is not None:
        return Md(_other_people(profile))
    return Md(vocab.label(member))


# The examples of "other people" a store's own data supports: a referral only where it
# holds referred contacts, a gift only where it holds gift recipients under that name
# (Everbloom's guests, typed in by the couple, were said to come from "a friend who refers
# you", a programme it does not have).
_OTHER_PEOPLE = (
    (vocab.DataCategory.REFERRED_CONTACTS, "a friend who refers you"),
    (vocab.DataCategory.GIFT_RECIPIENTS, "someone who sends you a gift"),
)


def _other_people(profile: StoreProfile) -> str:
    held = set(profile.categories)
    examples = [
        text
        for category, text in _OTHER_PEOPLE
        if category in held and not called(profile, category)
    ]
    if not examples:
        return "other people"
    return f"other people (for example, {' or '.join(examples)})"


@pass_context
def label_under(context: Context, member: StrEnum, heading: StrEnum) -> Md:
    """``label`` for a kind listed under a heading that already names its class: the
    catch-all sensitive category under California's "Sensitive personal information" reads
    as its kinds alone, not "Sensitive personal information: sensitive personal
    information (...)" (Everbloom's read)."""
    profile = context.get("p")
    if (
        member is vocab.DataCategory.SENSITIVE
        and heading is vocab.CcpaCategory.SENSITIVE
        and isinstance(profile, StoreProfile)
        and not called(profile, member)
    ):
        names = vocab.sensitive_names(catchall_kinds(profile))
        if names:
            return _kinds(names)
    return label(context, member)


def _kinds(names: Sequence[str]) -> Md:
    """Sensitive kinds' names (our own text) as one alternative: 'A, or B and C'."""
    return _join([Md(name) for name in names], "or")


@pass_context
def received(context: Context, recipient: Recipient) -> list[Md]:
    """The labels of what one recipient gets: its categories, the sensitive one named by the
    kinds that recipient gets (``facts.sensitive.received_kinds``)."""
    profile = context.get("p")
    if not isinstance(profile, StoreProfile):
        return [label(context, c) for c in recipient.categories]
    kinds = received_kinds(profile, recipient)
    return [label_for(profile, c, kinds) for c in recipient.categories]


def _sensitive_kinds(context: Context) -> list[vocab.SensitiveKind]:
    profile = context.get("p")
    if not isinstance(profile, StoreProfile):
        return []
    return list(catchall_kinds(profile))


@pass_context
def labels(context: Context, members: Iterable[StrEnum]) -> list[Md]:
    return [label(context, m) for m in members]


def _join(items: Iterable[object], word: str) -> Md:
    # Web addresses join as links, as each prints on its own (templating.finalize).
    parts = [link(item) if isinstance(item, Url) else md(item) for item in items]
    if not parts:
        raise TemplateContractError(f"join_{word} got an empty list; guard it with 'if'")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        # Where a part has its own "and" or "or" (outside brackets), the join must show
        # where the two items meet: "name as well as order and purchase history" (a lone
        # comma before "and", "name, and order ...", read as a slip to a lawyer), "name, or
        # order and purchase history", and for two purposes, verb phrases that may follow
        # "to" or stand alone in a table, "prevent fraud, and keep the site running".
        bare = [re.sub(r"\([^()]*\)", "", str(part)) for part in parts]
        inner = any(f" {w} " in part for part in bare for w in ("and", "or"))
        if inner:
            doing = all(isinstance(part, Doing) for part in parts)
            joint = " as well as " if word == "and" and not doing else f", {word} "
            return Md(f"{parts[0]}{joint}{parts[1]}")
        return Md(f"{parts[0]} {word} {parts[1]}")
    return Md(f"{', '.join(parts[:-1])}, {word} {parts[-1]}")


def join_and(items: Iterable[object]) -> Md:
    """'A', 'A and B', 'A, B, and C' (serial comma), each part escaped unless trusted."""
    return _join(items, "and")


def join_plain(words: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C' as plain text, for the terminal and check's notes (no
    Markdown escaping, no serial comma)."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def join_or(items: Iterable[object]) -> Md:
    return _join(items, "or")


def _top_level_comma(text: str) -> bool:
    """A comma outside brackets: 'your device, automatically, ...' but not '(such as a, b)'."""
    depth = 0
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            return True
    return False


def join_from(items: Iterable[object]) -> Md:
    """'from A', 'from A and from B', 'from A, from B, and from C': each source with its own
    'from', so a source whose label has commas ('our connected products and apps,
    automatically, as they are used') never runs into the next one. Items with commas are
    set apart by semicolons when there are three or more."""
    parts = [Md(f"from {md(item)}") for item in items]
    if not parts:
        raise TemplateContractError("join_from got an empty list; guard it with 'if'")
    if len(parts) == 1:
        return parts[0]
    commas = any(_top_level_comma(part) for part in parts)
    if len(parts) == 2:
        return Md(f"{parts[0]}{',' if commas else ''} and {parts[1]}")
    sep = "; " if commas else ", "
    return Md(f"{sep.join(parts[:-1])}{sep}and {parts[-1]}")


@pass_context
def yours(context: Context, member: StrEnum) -> Md:
    """'your name'; a category whose label names its owner ('children's profiles') alone."""
    named = label(context, member)
    return named if member in vocab.OWNED_LABELS else Md(f"your {named}")


def plural(count: int | Sized, singular: str, plural_form: str) -> str:
    """The singular or plural word for a count (or for the length of a list)."""
    n = count if isinstance(count, int) else len(count)
    return singular if n == 1 else plural_form


def within_days(days: int, kind: str = "business") -> str:
    """When a request is acted on: "immediately" for 0 days, else "within N <kind> day(s)"."""
    if days == 0:
        return "immediately"
    return f"within {days} {kind} {plural(days, 'day', 'days')}"


@pass_context
def them(context: Context, categories: Sequence[object]) -> str:
    """'it' or 'them' for a list of data categories, by count and by each label's number."""
    items = list(categories)
    if items == [vocab.DataCategory.SENSITIVE]:
        kinds = _sensitive_kinds(context)
        if kinds:
            return "them" if len(kinds) == 1 and kinds[0] in vocab.PLURAL_LABELS else "it"
    return "them" if len(items) != 1 or items[0] in vocab.PLURAL_LABELS else "it"


# Words whose first letter misleads: 'an hour', 'a user', 'a one-time', 'an SMS'.
_AN_EXCEPTIONS = ("hour", "honest", "honor", "heir")
_A_EXCEPTIONS = ("uni", "use", "usu", "user", "euro", "eu", "one", "once", "u.s", "ur")
_VOWEL_SOUND_LETTERS = "AEFHILMNORSX"


def article(phrase: object) -> str:
    """'a' or 'an' for the phrase, by how its first word sounds."""
    text = str(phrase).lstrip("\\*_[(")
    first = text.split(" ", 1)[0]
    lower = first.lower()
    if not lower:
        return "a"
    if lower.startswith(_AN_EXCEPTIONS):
        return "an"
    if lower.startswith(_A_EXCEPTIONS):
        return "a"
    is_acronym = len(first) > 1 and first.isupper() and first.isalpha()
    if is_acronym:
        return "an" if first[0] in _VOWEL_SOUND_LETTERS else "a"
    return "an" if lower[0] in "aeiou" else "a"


def a_an(phrase: object) -> Md:
    """The phrase with 'a' or 'an' in front: 'an email address', 'a user ID'."""
    text = md(phrase)
    return Md(f"{article(unescape_markdown(text))} {text}")


def date_long(day: dt.date) -> Md:
    """'March 2, 2010', the same whatever the machine's locale."""
    return Md(long_date(day))


def capfirst(text: object) -> Md:
    """The text with its first letter in upper case (the rest untouched)."""
    value = md(text)
    for i, char in enumerate(value):
        if char.isalpha():
            return Md(value[:i] + char.upper() + value[i + 1 :])
    return value


def duration(period: Duration) -> Md:
    """'1 year', '18 months': the unit agrees with the amount."""
    word = vocab.label(period.unit)
    return Md(f"{period.amount} {word[:-1] if period.amount == 1 else word}")


def clause_end(text: object) -> Md:
    """User text to sit inside our own sentence: escaped, without its final full stop."""
    return Md(md(text).rstrip(" .;,"))


def sentence(text: object) -> Md:
    """User text as a whole sentence: capital first letter and closing punctuation."""
    value = capfirst(text)
    return value if value.endswith((".", "!", "?")) else Md(value + ".")


@pass_context
def item_phrase(context: Context, item: CollectedData) -> Md:
    """'payment card details (card number and expiry date)'."""
    name = label(context, item.category)
    if not item.details or not clause_end(item.details):
        return name
    # A label's own example in brackets gives way to the store's exact words.
    bare = name.split(" (", 1)[0]
    return Md(f"{bare} ({clause_end(item.details)})")


def flatten(lists: Iterable[Iterable[object]]) -> list[object]:
    return [item for inner in lists for item in inner]


def trusted(text: str) -> Md:
    """Mark a template's own literal Markdown as final. Never apply it to a user's value."""
    return Md(text)


def country(code: str) -> Md:
    """A country's name as it reads in running text ('the United States')."""
    return Md(country_name(code))


def language(code: str) -> Md:
    """A language's English name ('Spanish')."""
    return Md(language_name(code))


def address(postal: PostalAddress) -> Md:
    """A postal address on one line, in the country's own order: '1 Main St, Springfield, IL
    62701, United States', '14 quai Perrache, 69002 Lyon, France'.

    An address line names the country without the article running text gives it."""
    values = {
        "A": ", ".join(md(line) for line in postal.lines),
        "C": md(postal.city),
        "S": md(postal.region or ""),
        "Z": md(postal.postal_code or ""),
    }
    layout = address_layout(postal.country)
    parts = []
    for line in layout.split("%n"):
        text = _LAYOUT_FIELD.sub(lambda field: values.get(field.group(1), ""), line)
        # A part the owner left out leaves its separator behind ('Springfield, ').
        text = _SPACES.sub(" ", text).strip(" ,-")
        if text:
            parts.append(text)
    # A region or postcode the country's layout has no place for is still kept.
    parts += [values[f] for f in "SZ" if values[f] and f"%{f}" not in layout]
    parts.append(md(country_name(postal.country).removeprefix("the ")))
    return Md(", ".join(parts))


_LAYOUT_FIELD = re.compile(r"%([A-Z])")
_SPACES = re.compile(r"\s{2,}")


def contains(values: Iterable[object], member: object) -> bool:
    """Jinja test: ``items | selectattr("points", "contains", point)``."""
    return member in values


def lower_we(text: object) -> Md:
    """A sentence that continues after a colon in a list item: 'We keep' becomes 'we keep'.

    Only a leading "We" is lowered; any other word may be a name."""
    value = md(text)
    return Md("we" + value[2:]) if value.startswith("We ") else value


# What a person can ask of the store for each right, after "you can ask us to".
RIGHT_ASKS: dict[vocab.Right, str] = {
    vocab.Right.ACCESS: "see the personal information we hold about you",
    vocab.Right.CORRECT: "correct information that is wrong or out of date",
    vocab.Right.DELETE: "delete your personal information",
    vocab.Right.PORTABILITY: "get a copy of your information in a format you can reuse",
    vocab.Right.RESTRICT: "limit how we use your information while a concern is checked",
    vocab.Right.OBJECT: "stop using your information for a purpose you object to",
    vocab.Right.OPT_OUT_SALE_SHARING: "stop selling or sharing your personal information",
    vocab.Right.OPT_OUT_TARGETED_ADS: "stop using your information for targeted ads",
    vocab.Right.OPT_OUT_PROFILING: "stop using your information to profile you for decisions that affect you",
    vocab.Right.LIMIT_SENSITIVE: "limit how we use your sensitive personal information",
    vocab.Right.WITHDRAW_CONSENT: "withdraw any consent you gave us",
}


def right_ask(right: vocab.Right) -> Md:
    """'delete your personal information': the request a right lets a person make."""
    return Md(RIGHT_ASKS[right])


def count_of(number: int) -> str:
    """A count as English prints it: '21,500' (CLDR grouping through Babel)."""
    from babel.numbers import format_decimal

    return str(format_decimal(number, locale="en"))


FILTERS: dict[str, Any] = {
    "right_ask": right_ask,
    "lower_we": lower_we,
    "link": link,
    "email_link": email_link,
    "duration": duration,
    "clause_end": clause_end,
    "sentence": sentence,
    "item_phrase": item_phrase,
    "flatten": flatten,
    "trusted": trusted,
    "country": country,
    "them": them,
    "language": language,
    "address": address,
    "label": label,
    "labels": labels,
    "label_under": label_under,
    "received": received,
    "join_and": join_and,
    "join_or": join_or,
    "join_from": join_from,
    "yours": yours,
    "plural": plural,
    "count_of": count_of,
    "within_days": within_days,
    "a_an": a_an,
    "article": article,
    "date_long": date_long,
    "capfirst": capfirst,
    "md": md,
}


def single(values: Sequence[object]) -> bool:
    """Jinja test: a list of exactly one."""
    return len(values) == 1


TESTS: dict[str, Any] = {"contains": contains, "single": single}
