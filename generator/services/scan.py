"""`policygen scan`: which catalog services a store's own saved pages or HAR files show.

Reads only the files given (no network access). In a page, script and link addresses are
matched against each entry's ``detect.urls`` and each line against its
``detect.snippets``; in a HAR file (the browser's record of a visit), every request's
address against ``detect.urls`` and every cookie sent or set against ``detect.cookies``.
Plain text that merely names a service is not evidence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import UsageError, echo, one_line
from generator.services.catalog import Catalog, fold
from generator.services.model import Service, ServiceKind

if TYPE_CHECKING:
    from generator.model import StoreProfile

# Addresses in page text: absolute or protocol-relative URLs, and the values of the
# attributes that load something (relative paths such as /wp-content/plugins/… included).
_URL = re.compile(r"(?:https?:)?//[^\s\"'<>()\\]+", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"\b(?:src|href|data-src|action)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE
)
# A saved page or HAR larger than this is not something a browser saved from a shop.
MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Evidence:
    """Where a service showed itself: file, line or request, and what matched."""

    file: str
    where: str  # "line 12" or "request 3"
    what: str  # "url", "cookie" or "snippet"
    text: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.what} {self.text}"


@dataclass(frozen=True)
class Finding:
    service: Service
    evidence: tuple[Evidence, ...]


class _Patterns:
    """Each entry's detection patterns, compiled once."""

    def __init__(self, services: Iterable[Service]) -> None:
        def compiled(patterns: list[str]) -> list[re.Pattern[str]]:
            return [re.compile(p, re.IGNORECASE) for p in patterns]

        self.entries = [
            (s, compiled(s.detect.urls), compiled(s.detect.cookies), compiled(s.detect.snippets))
            for s in services
            if s.detect.urls or s.detect.cookies or s.detect.snippets
        ]


def _short(text: str, limit: int = 120) -> str:
    return one_line(text, limit)


def _page_urls(line: str) -> list[str]:
    found = [m.group() for m in _URL.finditer(line)]
    for m in _ATTRIBUTE.finditer(line):
        value = m.group(1) if m.group(1) is not None else m.group(2)
        if value and value not in found:
            found.append(value)
    return found


def _scan_page(name: str, text: str, patterns: _Patterns) -> Iterator[tuple[Service, Evidence]]:
    for number, line in enumerate(text.splitlines(), start=1):
        urls = _page_urls(line)
        for service, url_res, _cookie_res, snippet_res in patterns.entries:
            hit = next((u for u in urls for r in url_res if r.search(u)), None)
            if hit is not None:
                yield service, Evidence(name, f"line {number}", "url", _short(hit))
                continue
            for r in snippet_res:
                m = r.search(line)
                if m:
                    yield service, Evidence(name, f"line {number}", "snippet", _short(m.group()))
                    break


def _har_cookies(entry: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for part in ("request", "response"):
        for cookie in entry.get(part, {}).get("cookies", []) or []:
            if isinstance(cookie, dict) and isinstance(cookie.get("name"), str):
                names.append(cookie["name"])
        for header in entry.get(part, {}).get("headers", []) or []:
            if not isinstance(header, dict):
                continue
            key = str(header.get("name", "")).lower()
            value = str(header.get("value", ""))
            if key == "set-cookie":
                names.append(value.split("=", 1)[0].strip())
            elif key == "cookie":
                names += [c.split("=", 1)[0].strip() for c in value.split(";") if "=" in c]
    return list(dict.fromkeys(n for n in names if n))


def _scan_har(name: str, data: Any, patterns: _Patterns) -> Iterator[tuple[Service, Evidence]]:
    try:
        entries = data["log"]["entries"]
        if not isinstance(entries, list):
            raise TypeError
    except (KeyError, TypeError):
        raise UsageError(f"{name}: not a HAR file (no log.entries)") from None
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            continue
        url = str(entry.get("request", {}).get("url", ""))
        cookies = _har_cookies(entry)
        for service, url_res, cookie_res, _snippet_res in patterns.entries:
            if url and any(r.search(url) for r in url_res):
                yield service, Evidence(name, f"request {number}", "url", _short(url))
            for cookie in cookies:
                if any(r.search(cookie) for r in cookie_res):
                    yield service, Evidence(name, f"request {number}", "cookie", _short(cookie))
        # A page's own HTML inside the HAR (when the browser kept response bodies).
        content = entry.get("response", {}).get("content", {})
        if isinstance(content, dict) and "html" in str(content.get("mimeType", "")):
            body = content.get("text")
            if isinstance(body, str) and content.get("encoding") != "base64":
                yield from _scan_page(f"{name} request {number}", body, patterns)


def scan_files(paths: Iterable[Path], known: Catalog) -> list[Finding]:
    """Every catalog service the files show, with all its evidence, ordered by kind then id.

    A file ending in .har is read as a HAR (JSON) file, anything else as a saved page.
    """
    patterns = _Patterns(known.services())
    evidence: dict[str, list[Evidence]] = {}
    services: dict[str, Service] = {}
    for path in paths:
        name = str(path)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise UsageError(f"{echo(name)}: larger than {MAX_BYTES // 1_000_000} MB")
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise UsageError(f"cannot read {echo(name)}: {exc.strerror or exc}") from None
        if path.suffix.lower() == ".har":
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{echo(name)}: not a HAR file ({exc.msg})") from None
            hits = _scan_har(name, data, patterns)
        else:
            hits = _scan_page(name, text, patterns)
        for service, ev in hits:
            services[service.id] = service
            if ev not in evidence.setdefault(service.id, []):
                evidence[service.id].append(ev)
    kinds = list(ServiceKind)
    return [
        Finding(services[sid], tuple(evidence[sid]))
        for sid in sorted(services, key=lambda s: (kinds.index(services[s].kind), s))
    ]


def disclosed(service: Service, profile: StoreProfile) -> bool:
    """Whether the answers already name ``service``: by catalog id, by its name or an alias
    (a tool or recipient name), or by its vendor as a recipient of the matching kind."""
    return disclosed_by(service, profile) is not None


def disclosed_by(service: Service, profile: StoreProfile) -> str | None:
    """The first answer that names ``service`` (``cookies.tools[0]``,
    ``sharing.recipients[2]``), as ``disclosed`` decides; None when none does."""
    names = {fold(n) for n in (service.name, *service.aliases)}
    for i, tool in enumerate(profile.cookies.tools):
        if tool.service == service.id or fold(tool.name) in names:
            return f"cookies.tools[{i}]"
    for i, recipient in enumerate(profile.sharing.recipients):
        named = {fold(n) for n in recipient.names}
        if (
            recipient.service == service.id
            or named & names
            or (recipient.kind is service.recipient_kind and fold(service.vendor.name) in named)
        ):
            return f"sharing.recipients[{i}]"
    return None
