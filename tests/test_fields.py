"""Field classification: names, values, decoys (table test)."""

from __future__ import annotations

import pytest

from scanner.columns import ColumnHints
from scanner.engine import DetectionEngine
from scanner.fields import FieldClassifier
from scanner.fingerprint import Fingerprinter
from tests.conftest import skatteverket_numbers

PNR = skatteverket_numbers()[100:140]
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Per", "Eva", "Johan", "Sara", "Nils"]


def types(classifier: FieldClassifier, field: str | None, values: list[object]) -> set[str]:
    return {r.entity_type for r in classifier.classify(field, values)}


@pytest.fixture(scope="module")
def classifier(pattern_engine: DetectionEngine) -> FieldClassifier:
    return FieldClassifier(pattern_engine, ColumnHints.load(), Fingerprinter(b"k" * 32))


@pytest.mark.parametrize(
    ("field", "values", "expected"),
    [
        ("epost", [f"user{i}@example.se" for i in range(30)], {"EMAIL_ADDRESS"}),
        ("c7", [f"user{i}@example.se" for i in range(30)], {"EMAIL_ADDRESS"}),  # opaque name
        ("pnr", [p[2:] for p in PNR], {"SE_PERSONNUMMER"}),  # bare 10 digits + name hint
        ("x1", [p[2:] for p in PNR], set()),  # bare 10 digits, no hint: not enough
        ("x2", [f"{p[:8]}-{p[8:]}" for p in PNR], {"SE_PERSONNUMMER"}),
        ("tel", [f"070-{i:03d} 45 67" for i in range(100, 130)], {"PHONE_NUMBER"}),
        ("fnamn", FIRST * 3, {"PERSON"}),
        ("ort", ["Stockholm", "Göteborg", "Malmö", "Uppsala"] * 5, {"LOCATION"}),
        ("adr", [f"Storgatan {i}" for i in range(1, 30)], {"STREET_ADDRESS"}),
        ("client_ip", [f"10.0.{i}.{i + 1}" for i in range(30)], {"IP_ADDRESS"}),
        (
            "meddelande",
            [
                f"Hej, ring mig på 070-{i:03d} 45 67 eller mejla a{i}@exempel.se tack"
                for i in range(100, 120)
            ],
            {"PHONE_NUMBER", "EMAIL_ADDRESS"},
        ),
        # decoys
        ("sku", [f"SKU-{i:05d}-X" for i in range(30)], set()),
        ("ean", ["7310865004703", "7350053850019", "5701234567899", "4006381333931"] * 5, set()),
        ("price", [199.0, 249.5, 1299, 15.25] * 5, set()),
        ("version", [f"10.{i}.0.{i + 1}" for i in range(20)], set()),
        ("created_at", [f"2024-03-{d:02d}T10:15:00" for d in range(1, 28)], set()),
        ("id", [f"{i:08x}-1c2d-4e5f-8a9b-0123456789ab" for i in range(20)], set()),
        ("order_no", [str(4500000000 + i * 7919) for i in range(40)], set()),
        ("settings", ['{"theme": "dark", "lang": "sv"}'] * 10, set()),
        ("payload", [b"\x00\x01binary"] * 5, set()),
        ("notes", [None, "", "  "], set()),
    ],
)
def test_field_classification(
    classifier: FieldClassifier, field: str, values: list[object], expected: set[str]
) -> None:
    assert types(classifier, field, values) == expected


def test_results_carry_no_raw_values(classifier: FieldClassifier) -> None:
    values = [f"user{i}@example.se" for i in range(10)]
    (result,) = classifier.classify("epost", values)
    assert result.count == 10
    assert result.sampled == 10
    assert 0.5 < result.confidence <= 0.99
    assert len(result.fingerprints) == 10
    serialised = repr(result)
    assert not any(v in serialised for v in values)
    assert result.previews[0] == "u***@e***.se"
