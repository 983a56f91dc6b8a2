"""MAC_ADDRESS: hardware addresses (colon/dash separated pairs, or Cisco dotted triples)."""

from __future__ import annotations

from typing import ClassVar

from scanner.recognizers.base import WEAK, RegexRecognizer


class PdmapMacAddressRecognizer(RegexRecognizer):
    ENTITY = "MAC_ADDRESS"
    REQUIRES = r"[:\-.]"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        (
            "pairs",
            r"(?<![\w:\-])[0-9a-f]{2}([:\-])(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}(?![\w:\-])",
            0.85,
        ),
        ("cisco", r"(?<![\w.])[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}(?![\w.])", WEAK),
    )
    CONTEXT = ("mac", "hwaddr", "ether", "hardware", "device", "wifi", "bssid", "enhet")

    def check(self, value: str) -> bool:
        digits = value.replace(":", "").replace("-", "").replace(".", "").lower()
        return digits not in ("000000000000", "ffffffffffff")
