"""IP_ADDRESS: IPv4 (dotted quad) and IPv6 addresses, validated with :mod:`ipaddress`."""

from __future__ import annotations

import ipaddress
import re
from typing import Any, ClassVar

from scanner.langid import function_words
from scanner.recognizers.base import RegexRecognizer

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_V4 = rf"(?<![\w.\-])(?P<value>{_OCTET}(?:\.{_OCTET}){{3}})(?![\w\-]|\.\d)"
_H = r"[0-9a-f]{1,4}"
_V6 = (
    r"(?<![\w:.])(?P<value>(?:"
    rf"::ffff:{_OCTET}(?:\.{_OCTET}){{3}}"
    rf"|(?:{_H}:){{7}}{_H}"
    rf"|(?:{_H}:){{1,7}}:"
    rf"|(?:{_H}:){{1,6}}:{_H}"
    rf"|(?:{_H}:){{1,5}}(?::{_H}){{1,2}}"
    rf"|(?:{_H}:){{1,4}}(?::{_H}){{1,3}}"
    rf"|(?:{_H}:){{1,3}}(?::{_H}){{1,4}}"
    rf"|(?:{_H}:){{1,2}}(?::{_H}){{1,5}}"
    rf"|{_H}:(?::{_H}){{1,6}}"
    rf"|::(?:{_H}:){{0,5}}{_H}"
    r"))(?![\w:])"
)


#: Score of an IPv4 address in prose before context: below the engine's 0.5 threshold.
PROSE_SCORE = 0.45
# a log line (timestamp, level), key=value or JSON: addresses there need no context word
_LOG_SHAPE = re.compile(
    r"^\s*[\[{]|\d{2}:\d{2}:\d{2}|\b(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE)\b|[\w\-]=\S"
)
# "10.20.0.0/16": a prefix length after the address
_PREFIX_AFTER = re.compile(r"/(\d{1,3})(?![\w.])")
_RELEASED_AFTER = re.compile(
    r"[ \t]+(?:is\sout|was\sreleased|released|ships|är\sute|släpptes|släpps|är\ssläppt)\b",
    re.IGNORECASE,
)


def _version_like(value: str) -> bool:
    """``7.1.0.12``, ``2.3.4.5``: every part below 32 (a random public address has that chance
    about once in 2,000), and not the private ``10.0.0.0/8``, whose small numbers are usual."""
    parts = [int(part) for part in value.split(".")]
    return parts[0] != 10 and all(part < 32 for part in parts)


IPV4_PATTERN = _V4
IPV6_PATTERN = _V6


class PdmapIpAddressRecognizer(RegexRecognizer):
    ENTITY = "IP_ADDRESS"
    REQUIRES = r"[.:]"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("ipv4", _V4, 0.85),
        ("ipv6", _V6, 0.85),
    )
    CONTEXT = (
        "ip", "remote", "address", "host", "from", "src", "source", "server", "blocked",
        "login", "logged", "connect", "connection", "ping", "gateway", "proxy", "dns",
        "firewall", "attempts", "request", "requests", "origin", "peer", "via", "whitelist",
        "allowlist", "blacklist", "blocklist", "unblock", "router", "network", "vpn",
        "resolver", "nameserver", "upstream",
    )  # fmt: skip
    CONTEXT_KEY = "IP_ADDRESS"
    # A four-part version or build number is not an address, nor is a section number or a
    # broadcast address ("brd 192.168.1.255").
    REJECT_BEFORE = (
        r"(?<![^\W_])(?:version|versionen|ver|v|build|release|firmware|fw|sw|os|app_version"
        r"|brd|broadcast|client_version|agent|rev|revision|oid|patch|hotfix|service\s?pack|update"
        r"|uppdatering(?:en)?|driver|drivrutin(?:en)?|sdk|api|plugin|pkg|package|paket(?:et)?"
        r"|ios|ipados|android|macos|windows|linux|kernel|installed|installerade?|installerat"
        r"|running|kör|section|sektion|avsnitt(?:et)?|kapitel|chapter|paragraph|paragraf|clause"
        r"|klausul|punkt|step|steg|release\snotes\sfor|app|appen|schema|bundle|module|modul"
        r"|library|lib|component|komponent|firefox|chrome|safari|edge|opera|outlook|office|teams"
        r"|zoom|slack|bankid|java|node|python|ubuntu|debian|docker|nginx|apache|tomcat"
        r"|postgresql|mysql|mariadb|redis|excel|acrobat|reader|citrix|vmware|esxi|fortios"
        r"|anyconnect|globalprotect|tag|releasen|bygge|versions|bygg"
        r"|rolled\sout|rollout|deployed|shipped|driftsatt[ea]?|lanserade?"
        # compounds: appVersion, osVersion, fwVersion, Klientversion, Mobilapp, Produktkod
        r"|[a-zåäö_\-]+(?:version|versionen|app|appen|kod|koden|code))\.?"
        # "version number 2.0.0.1", "Build no. 4.1.0.2", "build_number", "Versionsnummer"
        r"(?:[\s_\-]?(?:number|no\.?|nr\.?|nummer|num))?"
        # "Versionen är 2.0.0.1", "the build is now 4.1.0.2"
        r"(?:\s(?:is|är|was|var)(?:\snow|\snu)?)?[\s\"':=(]{0,4}"
        # "Sent from Outlook 16.0.5.1", "Skickat från Mail 16.0.1.2": a signature's app
        r"|(?<![^\W_])(?:sent|skickat)\s(?:from|från)\s(?:my\s|min\s)?[\w\-]+\s"
        r"|§\s?"
        # Chrome/126.0.0.0, "upgrade the agent to 10.2.0.1", "uppgraderat till 4.1.0.2",
        # "upgraded from 6.1.2.3", "nedgraderade från 4.0.0.1" (but "settings updated from
        # 10.0.0.5" names where the change came from)
        r"|[A-Za-z][\w.\-]*/"
        r"|(?<![^\W_])(?:upgraded?|updated?|uppgrader\w*|uppdater\w*)(?:\s[\w\-]+){0,2}\s(?:to|till)\s"
        r"|(?<![^\W_])(?:upgraded?|downgraded?|uppgrader\w*|nedgrader\w*)(?:\s[\w\-]+){0,2}"
        r"\s(?:from|från)\s"
    )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
        """In a written sentence a dotted quad is as often a version (``the app 5.2.1.0``,
        ``BankID 7.1.0.12``) as an address, so there it scores below the threshold and only a
        context word (``IP``, ``från``, ``from``, ``host``, ...) reports it; in log lines,
        key=value and JSON it stands alone, unless it reads like a version there too: small
        numbers only (``2.3.4.5``, ``1.2.0.0``; not the private ``10.x``), which a random
        address almost never is."""
        results = super().analyze(text, entities, nlp_artifacts)
        dotted = [r for r in results if ":" not in text[r.start : r.end]]
        prose = function_words(text, limit=1) >= 1 and not _LOG_SHAPE.search(text)
        for result in dotted:
            if prose or _version_like(text[result.start : result.end]):
                result.score = PROSE_SCORE
        return results

    def accept(self, text: str, start: int, end: int, pattern: str) -> tuple[int, int] | None:
        """A dotted quad announced as a release ("2.1.0.4 is out") is a version, and an
        address with a prefix length and no host bits (``10.20.0.0/16``) names a network, not
        a machine (``inet 192.168.1.20/24`` is one)."""
        if _RELEASED_AFTER.match(text, end):
            return None
        if (prefix := _PREFIX_AFTER.match(text, end)) is not None:
            try:
                ipaddress.ip_network(f"{text[start:end]}/{prefix.group(1)}", strict=True)
            except ValueError:
                pass  # host bits set, or no valid prefix: an interface's address
            else:
                return None
        return super().accept(text, start, end, pattern)

    def check(self, value: str) -> bool:
        return machine_address(value)


def machine_address(value: str) -> bool:
    """A valid address that can stand for one machine, so for whoever uses it: not the
    unspecified ``0.0.0.0``/``::``, loopback ``127.0.0.1``/``::1``, multicast, ``0.x``, or
    the reserved ``240.0.0.0/4`` where netmasks (``255.255.255.0``) and the broadcast address
    fall. Shared by the recognizer and the identifier index (:mod:`scanner.identifiers`)."""
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    # "::" alone and short colon runs such as "12:30:" are not addresses.
    if address.version == 6 and value.count(":") < 3 and "::" not in value[1:-1]:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # "::ffff:192.0.2.7" is the IPv4 client
    if address.is_unspecified or address.is_loopback or address.is_multicast:
        return False
    return not (
        isinstance(address, ipaddress.IPv4Address)
        and (address.is_reserved or value.startswith("0."))
    )
