"""Catalog facts in answers files: a recipient or tracking tool that names a catalog
service (``service: klaviyo``) gets the catalog's facts for every field the owner left
out. The owner's answers always win; `check` notes where they differ from the catalog and
which filled-in facts the catalog could not confirm.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from generator.errors import echo
from generator.grammar import join_plain
from generator.model.vocab import DataCategory, label
from generator.services.catalog import catalog
from generator.services.model import Role, Service, ServiceKind

if TYPE_CHECKING:
    from generator.model import StoreProfile

# Which fact group each filled field rests on (None: the kind mapping, ours, not a fact).
RECIPIENT_GROUPS: dict[str, str | None] = {
    "kind": None,
    "names": "vendor",
    "categories": "data",
    "use": "role",
    "cross_context_ads": "ccpa",
    "sale": "ccpa",
    "policy_url": "links",
}
TOOL_GROUPS: dict[str, str | None] = {
    "name": None,
    "provider": "vendor",
    "kind": None,
    "sets_cookies": "cookies",
    "purpose": "data",
    "opt_out_url": "links",
}


def find(value: str) -> Service:
    """The entry an answers file names, by id, name or alias; unknown is a ValueError
    that the answers loader reports at the recipient or tool."""
    known = catalog()
    service = known.get(value)
    if service is None:
        near = [s.id for s in known.search(value)][:3] or known.close(value)[:3]
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise ValueError(
            f"service {echo(value)} is not in the catalog{hint} (`policygen services` lists them)"
        )
    return service


def recipient_defaults(
    service: Service, collected: Collection[str] | None = None
) -> dict[str, Any]:
    """What the catalog says for each recipient field it can answer; given the categories
    the store collects, its data narrowed to those (the full list when none is left, so
    the clash says what to add or remove)."""
    # The company, not the product: a policy names who receives the data ("Meta"), and
    # the tool list names the product ("Meta Pixel from Meta").
    out: dict[str, Any] = {"kind": service.recipient_kind.value, "names": [service.vendor.name]}
    if service.kind is ServiceKind.HOSTING and collected:
        # A host keeps whatever the store keeps on it: every kind the store collects, not
        # the catalog's typical few (Rodamón's AWS was said to get none of the bikes'
        # data it hosts; Everbloom's none of the sensitive data). Card details are the
        # exception: they go to the payment processor, and a store that keeps them says so.
        hosted = [c for c in DataCategory if c is not DataCategory.PAYMENT_CARD]
        out["categories"] = [c.value for c in hosted if c.value in collected]
    elif service.data.categories:
        typical = [c.value for c in service.data.categories]
        kept = [c for c in typical if collected is None or c in collected]
        out["categories"] = kept or typical
    if service.role.role is Role.SERVICE_PROVIDER:
        out["use"] = "on_our_behalf"
    elif service.role.role is Role.THIRD_PARTY:
        out["use"] = "own_purposes"
    if service.ccpa.share is not None:
        out["cross_context_ads"] = service.ccpa.share
    if service.ccpa.sale is not None:
        out["sale"] = service.ccpa.sale
    if service.links.privacy_policy:
        out["policy_url"] = service.links.privacy_policy
    return out


def tool_defaults(service: Service) -> dict[str, Any]:
    """What the catalog says for each tracking-tool field it can answer."""
    out: dict[str, Any] = {"name": service.name, "provider": service.vendor.name}
    if service.cookie_kind is not None:
        out["kind"] = service.cookie_kind.value
    if service.cookies.sets_cookies is not None:
        out["sets_cookies"] = service.cookies.sets_cookies
    if service.data.purposes:
        # What the catalog says the service is for, in the words the policy uses for
        # each purpose ("understand how the site is used"); a purpose with its own "and"
        # is kept apart by a semicolon so the list still reads as a list.
        words = [label(p) for p in service.data.purposes]
        several = len(words) > 2 or any(" and " in w for w in words)
        out["purpose"] = "; ".join(words) if several else join_plain(words)
    if service.links.opt_out:
        out["opt_out_url"] = service.links.opt_out
    return out


def _fill(data: dict[str, Any], defaults: dict[str, Any], service: Service) -> dict[str, Any]:
    # Only keys the owner did not write: an answer, even an empty one, is the owner's.
    return {**defaults, **data, "service": service.id}


def fill_recipient(data: Any) -> Any:
    """A recipient's raw answers with the named service's facts filled in."""
    if not isinstance(data, dict) or not isinstance(data.get("service"), str):
        return data
    service = find(data["service"])
    return _fill(data, recipient_defaults(service), service)


def fill_tool(data: Any) -> Any:
    """A tracking tool's raw answers with the named service's facts filled in."""
    if not isinstance(data, dict) or not isinstance(data.get("service"), str):
        return data
    service = find(data["service"])
    if service.cookie_kind is None and "kind" not in data:
        raise ValueError(
            f"{service.name} is a {service.kind.value} service, not a tracking tool on the "
            "site; name it under sharing.recipients, or give this tool's kind"
        )
    return _fill(data, tool_defaults(service), service)


def narrow_to_collected(data: dict[str, Any]) -> dict[str, Any]:
    """Answers in which a recipient names a catalog service and leaves out its categories,
    with those categories narrowed to the ones the store says it collects.

    A catalog entry lists what such a service typically receives; a store that does not
    collect, say, device data cannot give it to anyone, and saying so would clash with
    its own collection answers. When nothing is left, the recipient keeps the catalog's
    full list and the clash says what to add or remove.
    """
    sharing = data.get("sharing")
    collection = data.get("collection")
    if not isinstance(sharing, dict) or not isinstance(sharing.get("recipients"), list):
        return data
    items = collection.get("items") if isinstance(collection, dict) else None
    if not isinstance(items, list):
        return data
    collected = {
        str(item["category"]) for item in items if isinstance(item, dict) and "category" in item
    }
    recipients: list[Any] = []
    for recipient in sharing["recipients"]:
        if (
            isinstance(recipient, dict)
            and isinstance(recipient.get("service"), str)
            and "categories" not in recipient
        ):
            service = catalog().get(recipient["service"])
            kept = recipient_defaults(service, collected).get("categories") if service else None
            if kept:
                recipient = {**recipient, "categories": kept}
        recipients.append(recipient)
    return {**data, "sharing": {**sharing, "recipients": recipients}}


def _plain(value: Any) -> Any:
    """A field's value as comparable data: enums as values, addresses without a final /."""
    if isinstance(value, list):
        return sorted(_plain(v) for v in value)
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    return text.rstrip("/") if text.startswith(("http://", "https://")) else text


def _notes_for(
    where: str, item: Any, service: Service, defaults: dict[str, Any], groups: dict[str, str | None]
) -> list[str]:
    facts = service.fact_groups()
    differ: list[str] = []
    resting: set[str] = set()
    for name, catalog_value in defaults.items():
        group = groups[name]
        same = _plain(getattr(item, name)) == _plain(catalog_value)
        # The owner may name the company as they like ("Meta Platforms, Inc.") and say
        # in their own words what a tool is for; neither is a fact that differs.
        if not same and name not in ("names", "purpose"):
            basis = f"its {group} facts" if group else "its kind"
            if group == "ccpa" and service.ccpa.changed_by:
                settings = join_plain([setting.name for setting in service.ccpa.changed_by])
                basis += f"; {settings} changes this"
            differ.append(
                f"{name} is {_plain(getattr(item, name))!r} where the catalog says "
                f"{_plain(catalog_value)!r} ({basis})"
            )
        elif same and group and not facts[group].confirmed:
            resting.add(group)
    notes = []
    label = f"{where} ({service.name}, catalog service {service.id})"
    if differ:
        notes.append(f"{label}: {'; '.join(differ)}; the policy follows your answers.")
    if resting:
        notes.append(
            f"{label}: answers that match the catalog rest on its "
            f"{join_plain(sorted(resting))} facts, which the catalog could not confirm from "
            f"the vendor's own documents; check them (`policygen services {service.id}`)."
        )
    return notes


def _same(value: Any, fact: Any) -> bool:
    if isinstance(value, str) and isinstance(fact, str) and value.startswith("https://"):
        return value.rstrip("/") == fact.rstrip("/")
    return bool(value == fact)


def own_answers(item: BaseModel, facts: dict[str, Any]) -> dict[str, Any]:
    """A recipient's or tool's answers as the owner gives them in a file: its service,
    then only what the catalog's ``facts`` do not already say (a field the catalog does
    not fill is left out when it is the model's default, as every answer is). So a file
    keeps following the catalog where the owner agreed with it, and an owner's answer
    that differs from the catalog is kept even when it equals the model's default."""
    full = item.model_dump(mode="json")
    given = item.model_dump(mode="json", exclude_defaults=True)
    out: dict[str, Any] = {"service": full["service"]}
    for key, value in full.items():
        if key == "service":
            continue
        if key in facts:
            if not _same(value, facts[key]):
                out[key] = value
        elif key in given:
            out[key] = value
    return out


def without_catalog_facts(profile: StoreProfile, dumped: dict[str, Any]) -> dict[str, Any]:
    """Dumped answers whose recipients and tools that name a service keep only what
    ``own_answers`` keeps."""
    collected = {c.value for c in profile.categories}
    sharing = dumped.get("sharing")
    if isinstance(sharing, dict) and "recipients" in sharing:
        sharing["recipients"] = [
            own_answers(r, recipient_defaults(catalog().lookup(r.service), collected))
            if r.service
            else answer
            for r, answer in zip(profile.sharing.recipients, sharing["recipients"], strict=True)
        ]
    cookies = dumped.get("cookies")
    if isinstance(cookies, dict) and "tools" in cookies:
        cookies["tools"] = [
            own_answers(t, tool_defaults(catalog().lookup(t.service))) if t.service else answer
            for t, answer in zip(profile.cookies.tools, cookies["tools"], strict=True)
        ]
    return dumped


def service_notes(profile: StoreProfile) -> list[str]:
    """`check` notes for recipients and tools that name catalog services."""
    notes: list[str] = []
    for i, recipient in enumerate(profile.sharing.recipients):
        if recipient.service:
            service = catalog().lookup(recipient.service)
            if service.role.role is Role.DEPENDS:
                # The catalog leaves `use` to the owner here, and the model's default
                # (on our behalf) may not be true of this service.
                notes.append(
                    f"sharing.recipients[{i}] ({service.name}, catalog service {service.id}): "
                    f"whether it uses the data for itself depends ({service.role.reason}); the "
                    f"policy says use: {recipient.use.value}, so check that this is so."
                )
            notes += _notes_for(
                f"sharing.recipients[{i}]",
                recipient,
                service,
                recipient_defaults(service, {c.value for c in profile.categories}),
                RECIPIENT_GROUPS,
            )
    for i, tool in enumerate(profile.cookies.tools):
        if tool.service:
            service = catalog().lookup(tool.service)
            notes += _notes_for(
                f"cookies.tools[{i}]", tool, service, tool_defaults(service), TOOL_GROUPS
            )
    return notes
