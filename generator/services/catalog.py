"""The service catalog: every YAML file under ``catalog/``, validated once, on first use."""

from __future__ import annotations

import difflib
import functools
import hashlib
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from generator import yamltree
from generator.errors import PolicygenError, UsageError, echo
from generator.services.model import KIND_MAP, Service, ServiceKind

CATALOG_DIR = Path(__file__).parent / "catalog"


class CatalogError(PolicygenError):
    """A catalog file is broken: a bug in policygen's data, not in the user's answers."""


class UnknownService(UsageError):
    """No catalog entry matches what was asked for."""


class Catalog:
    """The entries, by id, with search by name, alias and kind."""

    def __init__(self, services: Iterable[Service], digest: str = "") -> None:
        self.by_id: dict[str, Service] = {}
        self._names: dict[str, str] = {}
        for service in services:
            if service.id in self.by_id:
                raise CatalogError(f"service id {service.id!r} is used twice")
            self.by_id[service.id] = service
            for name in (service.id, service.name, *service.aliases):
                key = fold(name)
                owner = self._names.setdefault(key, service.id)
                if owner != service.id:
                    raise CatalogError(
                        f"{service.id}: name or alias {name!r} already names {owner}"
                    )

        self._digest = digest

    def __len__(self) -> int:
        return len(self.by_id)

    @property
    def version(self) -> str:
        """Which catalog this is: the last day any fact was checked, the number of entries
        and a digest of the files' text, e.g. '2026-12-07/156/3f9a0c1b'."""
        days = [f.checked for s in self.by_id.values() for f in s.fact_groups().values()]
        last = max(days).isoformat() if days else "empty"
        return f"{last}/{len(self)}/{self._digest or 'unhashed'}"

    def services(self) -> list[Service]:
        """Every entry, ordered by id."""
        return sorted(self.by_id.values(), key=lambda s: s.id)

    def get(self, query: str) -> Service | None:
        """The entry whose id, name or alias is ``query`` (case and accents ignored)."""
        owner = self._names.get(fold(query))
        return self.by_id[owner] if owner else None

    def lookup(self, query: str) -> Service:
        """Like ``get``, but an unknown name is an error that suggests near names."""
        service = self.get(query)
        if service is not None:
            return service
        near = [s.id for s in self.search(query)][:5] or self.close(query)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise UnknownService(
            f"no service {echo(query)} in the catalog{hint} (`policygen services` lists them all)"
        )

    def close(self, query: str) -> list[str]:
        """Ids of entries whose id, name or alias is spelled nearly like ``query``."""
        # 0.85: 'Klavio' finds Klaviyo (0.92), 'AliExpress' no longer finds DHL Express (0.8).
        names = difflib.get_close_matches(fold(query), list(self._names), n=5, cutoff=0.85)
        return list(dict.fromkeys(self._names[name] for name in names))

    def search(self, query: str) -> list[Service]:
        """Entries whose id, name or alias contains ``query``, or whose kind is ``query``,
        ordered by id."""
        key = fold(query)
        kinds = {k for k in ServiceKind if key in (fold(k.value), fold(KIND_MAP[k].label))}
        return [
            s
            for s in self.services()
            if s.kind in kinds or any(key in fold(n) for n in (s.id, s.name, *s.aliases))
        ]

    def match(self, typed: str) -> list[Service]:
        """The entries an owner means by a typed name: the one it names exactly (id, name
        or alias), else every entry whose names contain it (several when it is ambiguous,
        'Google'); none when nothing does."""
        service = self.get(typed)
        if service is not None:
            return [service]
        key = fold(typed)
        if not key:
            return []
        return [s for s in self.services() if any(key in fold(n) for n in (s.name, *s.aliases))]

    def by_kind(self) -> dict[ServiceKind, list[Service]]:
        """Entries grouped by kind, every kind present (in declaration order)."""
        groups: dict[ServiceKind, list[Service]] = {kind: [] for kind in ServiceKind}
        for service in self.services():
            groups[service.kind].append(service)
        return groups


def fold(text: str) -> str:
    """Text as names are compared: no case, no accents, no punctuation or spaces."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.casefold() if c.isalnum())


def load_file(path: Path) -> Service:
    """One catalog file as a validated entry; its id must match the file name."""
    try:
        data = yamltree.load(path.read_text(encoding="utf-8"))
        service = Service.model_validate(data)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise CatalogError(f"{path.name}: {details}") from None
    except (OSError, yamltree.YAMLError, yamltree.TreeError, ValueError) as exc:
        raise CatalogError(f"{path.name}: {exc}") from None
    if service.id != path.stem:
        raise CatalogError(f"{path.name}: id {service.id!r} does not match the file name")
    return service


def load_catalog(folder: Path = CATALOG_DIR) -> Catalog:
    """Every ``*.yaml`` file in ``folder`` as one catalog."""
    paths = sorted(folder.glob("*.yaml"))
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return Catalog((load_file(path) for path in paths), digest.hexdigest()[:8])


@functools.cache
def catalog() -> Catalog:
    """The built-in catalog, loaded and validated on first use, then kept."""
    return load_catalog()
