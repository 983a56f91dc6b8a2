"""pdmap's detector: recognizers, NER, language routing, normalisation, fingerprints, masking.

The only package that touches raw values after a connector has read them.
"""

from scanner.categories import CategoryMap
from scanner.engine import Detection, DetectionEngine, EngineSettings
from scanner.fingerprint import Fingerprinter, load_or_create_key
from scanner.langid import LanguageGuesser
from scanner.masking import mask
from scanner.normalize import normalise
from scanner.personnummer import Personnummer, parse_personnummer

__all__ = [
    "CategoryMap",
    "Detection",
    "DetectionEngine",
    "EngineSettings",
    "Fingerprinter",
    "LanguageGuesser",
    "Personnummer",
    "load_or_create_key",
    "mask",
    "normalise",
    "parse_personnummer",
]
