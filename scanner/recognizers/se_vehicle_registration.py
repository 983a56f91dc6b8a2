"""SE_VEHICLE_REGISTRATION: Swedish number plates (``ABC 123``, ``ABC 12D``); context required.

Letters I, Q, V, Å, Ä and Ö are never used; the last position of the newer format is a digit
or a letter other than O.
"""

from __future__ import annotations

from typing import ClassVar

from scanner.recognizers.base import WEAK, RegexRecognizer

_L = "[A-HJ-PR-UW-Z]"


class PdmapSeVehicleRegistrationRecognizer(RegexRecognizer):
    ENTITY = "SE_VEHICLE_REGISTRATION"
    REQUIRES = r"\d"
    FLAGS = 0  # plates are written in capitals
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (
        ("plate", rf"(?<![\w\-])(?:{_L}{{3}})\s?\d{{2}}[0-9A-HJ-NPR-UW-Z](?![\w\-])", WEAK),
    )
    CONTEXT = ("registration", "plate", "licence plate", "license plate", "car", "vehicle", "reg")
    CONTEXT_KEY = "SE_VEHICLE_REGISTRATION"
