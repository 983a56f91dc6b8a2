"""IP_ADDRESS: IPv4 (dotted quad) and IPv6 addresses, validated with :mod:`ipaddress`."""

from __future__ import annotations

import ipaddress
from typing import ClassVar

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


IPV4_PATTERN = _V4
IPV6_PATTERN = _V6


class PdmapIpAddressRecognizer(RegexRecognizer):
    ENTITY = "IP_ADDRESS"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("ipv4", _V4, 0.85),
        ("ipv6", _V6, 0.85),
    )
    CONTEXT = ("ip", "client", "remote", "address", "host", "from", "src", "source")
    CONTEXT_KEY = "IP_ADDRESS"
    # A four-part version or build number is not an address.
    REJECT_BEFORE = (
        r"(?<![^\W_])(?:version|versionen|ver|v|build|release|firmware|fw|sw|os|app_version"
        r"|client_version|agent|rev|revision|oid)\.?[\s\"':=]{0,4}"
        # Chrome/126.0.0.0, "upgrade to 10.2.0.1", "uppgraderat till 4.1.0.2"
        r"|[A-Za-z][\w.\-]*/|(?<![^\W_])(?:upgraded?|updated?|uppgrader\w*|uppdater\w*)\s(?:to|till)\s"
    )

    def check(self, value: str) -> bool:
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return False
        # "::" alone and short colon runs such as "12:30:" are not addresses.
        return not (address.version == 6 and value.count(":") < 3 and "::" not in value[1:-1])
