"""The catalog as `policygen services` prints it: a list grouped by kind, or one entry's
facts with where each comes from."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from generator.model.vocab import LABELS
from generator.services.model import KIND_MAP, Facts, Service, ServiceKind


def list_text(services: Iterable[Service]) -> str:
    """Entries grouped by kind (kinds in catalog order), one line each."""
    chosen = list(services)
    lines: list[str] = []
    for kind in ServiceKind:
        group = sorted((s for s in chosen if s.kind == kind), key=lambda s: s.name.casefold())
        if not group:
            continue
        lines.append(f"{KIND_MAP[kind].label} ({kind.value}, {len(group)})")
        width = max(len(s.id) for s in group)
        for s in group:
            confirmed = sum(f.confirmed for f in s.fact_groups().values())
            mark = f"  [{confirmed} confirmed]" if confirmed else ""
            lines.append(f"  {s.id:<{width}}  {s.name} ({s.vendor.name}){mark}")
    groups = [f for s in chosen for f in s.fact_groups().values()]
    confirmed = sum(f.confirmed for f in groups)
    lines.append("")
    lines.append(
        f"{len(chosen)} services; {confirmed} of {len(groups)} fact groups confirmed "
        "from the vendor's own pages (`policygen services ID` shows one)."
    )
    return "\n".join(lines) + "\n"


def _provenance(facts: Facts) -> list[str]:
    state = "confirmed" if facts.confirmed else "NOT confirmed"
    lines = [f"    {state}; checked {facts.checked.isoformat()}; source {facts.source}"]
    if facts.note:
        lines.append(f"    note: {facts.note}")
    return lines


def _labels(values: Iterable[Any]) -> str:
    return ", ".join(f"{LABELS[v]} ({v.value})" for v in values) or "none listed"


def _known(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def show_text(s: Service) -> str:
    """Every fact of one entry, each group followed by its provenance."""
    info = KIND_MAP[s.kind]
    cookie = f"'{info.cookie.value}'" if info.cookie else "none (not a tracking tool)"
    lines = [f"{s.name} [{s.id}]", f"  kind: {s.kind.value} ({info.label})"]
    if s.also:
        lines.append(f"  also used as: {', '.join(k.value for k in s.also)}")
    lines.append(
        f"  in an answers file: recipient kind '{info.recipient.value}', tool kind {cookie}"
    )
    if info.note:
        lines.append(f"    ({info.note})")
    if s.aliases:
        lines.append(f"  also called: {', '.join(s.aliases)}")
    if s.regions:
        lines.append(f"  used by stores in: {', '.join(s.regions)}")

    v = s.vendor
    where = f" ({v.country})" if v.country else ""
    entity = f"; contracting entity {v.legal_entity}" if v.legal_entity else ""
    lines += ["", f"  vendor: {v.name}{where}{entity}", *_provenance(v.facts)]

    lines += [
        "",
        f"  data: {_labels(s.data.categories)}",
        f"  purposes: {_labels(s.data.purposes)}",
        *_provenance(s.data.facts),
    ]

    lines += ["", f"  role: {s.role.role.value}: {s.role.reason}", *_provenance(s.role.facts)]

    c = s.ccpa
    lines += ["", f"  CCPA usual setup: sale {_known(c.sale)}, sharing {_known(c.share)}"]
    for setting in c.changed_by:
        url = f" <{setting.url}>" if setting.url else ""
        lines.append(f"    changed by {setting.name}: {setting.effect}{url}")
    lines += _provenance(c.facts)

    k = s.cookies
    lines += ["", f"  sets cookies: {_known(k.sets_cookies)}"]
    for item in k.items:
        life = item.lifetime or "lifetime unknown"
        lines.append(f"    {item.name}: {life}, {item.party.value}-party, {item.category.value}")
    lines += _provenance(k.facts)

    t = s.transfers
    places = ", ".join(t.locations) or "unknown"
    tools = ", ".join(tool.value for tool in t.tools) or "unknown"
    lines += ["", f"  processes data in: {places}; transfer tools: {tools}", *_provenance(t.facts)]

    links = s.links
    lines.append("")
    lines.append(f"  privacy policy: {links.privacy_policy or 'unknown'}")
    if links.opt_out:
        lines.append(f"  opt-out: {links.opt_out}")
    if links.dpa:
        lines.append(f"  data processing terms: {links.dpa}")
    lines += _provenance(links.facts)

    d = s.detect
    if d.urls or d.cookies or d.snippets:
        lines += ["", "  `policygen scan` looks for:"]
        for label, patterns in (("urls", d.urls), ("cookies", d.cookies), ("snippets", d.snippets)):
            if patterns:
                lines.append(f"    {label}: {'  '.join(patterns)}")
    return "\n".join(lines) + "\n"


def as_json(data: Service | list[Service]) -> str:
    """One entry, or a list of entries, as JSON (dates as ISO text)."""
    if isinstance(data, Service):
        payload: Any = data.model_dump(mode="json", exclude_defaults=False)
    else:
        payload = [s.model_dump(mode="json") for s in data]
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
