"""STREET_ADDRESS recall on Faker's addresses of many countries, in short English frames.

The labelled sets draw their addresses from a few generators; this probe asks how the street
recognizer copes with the address layouts of 38 Faker locales (MIT): Italian ``Via Roma, 12``,
Polish ``pl. Grottgera 80/73\\n84-054 Słupsk``, Dutch ``1234 AB`` postcodes, hyphenated German
streets, Romanian ``Nr.``/``Bl.``/``Ap.`` parts, US suffixes beyond the common ones. Each
address is placed in one of a few frames (after a label, after a cue phrase, alone on lines)
and counts as found when a STREET_ADDRESS span overlaps it by >= 50 % of the longer of the two
(the benchmarks' span rule); ``exact`` counts spans equal to the whole address. The values come
from a seeded Faker, not from any labelled set, so the figures are fit for tuning.

``--source presidio-dev`` asks the other question: presidio-synth's own address strings (its
**dev** templates only, merged into whole addresses as ``benchmarks.datasets`` does), each put
into every one of eight sentence frames written for this probe (:data:`DEV_FRAMES`), so that
an address is found by its own shape rather than by the dev template around it; rows are the
frames.

    python -m benchmarks.address_probe [--per-locale 40] [--seed 5] [--misses 2]
    python -m benchmarks.address_probe --source presidio-dev [--misses 2]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

from benchmarks.datasets import load_presidio_synth
from benchmarks.scoring import OVERLAP_THRESHOLD, overlap_ratio
from scanner.engine import DetectionEngine

LOCALES = (
    "en_US", "en_GB", "en_IE", "en_AU", "en_IN", "en_NZ", "en_CA", "de_DE", "de_AT", "de_CH",
    "fr_FR", "fr_CA", "fr_CH", "es_ES", "es_MX", "es_AR", "it_IT", "pt_BR", "pt_PT", "nl_NL",
    "nl_BE", "da_DK", "no_NO", "sv_SE", "fi_FI", "pl_PL", "cs_CZ", "sk_SK", "hu_HU", "sl_SI",
    "hr_HR", "ro_RO", "tr_TR", "et_EE", "id_ID", "vi_VN", "fil_PH", "el_GR",
)  # fmt: skip
FRAMES = (
    "Please send the documents to {a}.",
    "My new address is {a}",
    "Address: {a}\nThanks!",
    "She lives at {a}, next to the school.",
    "Ship to:\n{a}\n\nOrder 55123",
    "The parcel was delivered to {a} yesterday.",
)

DEV_FRAMES = (
    "Please send the package to {a}.",
    "Address:\n{a}\nPhone: see file",
    "We moved to {a} last spring.",
    "{a}",
    "My billing address is {a}, thanks.",
    "Customer lives at {a} and wants a refund.",
    "Can you update my address to {a}?",
    "Deliver to: {a}",
)


@dataclass
class Tally:
    found: int = 0
    exact: int = 0
    total: int = 0


def probe(per_locale: int, seed: int) -> list[tuple[str, str, str, int, int]]:
    """(locale, address, text, start, end) for ``per_locale`` addresses of each locale."""
    rng = random.Random(seed)
    cases = []
    for index, locale in enumerate(LOCALES):
        fake = Faker(locale)
        fake.seed_instance(seed * 100 + index)
        for _ in range(per_locale):
            address = fake.address().strip()
            frame = rng.choice(FRAMES)
            start = frame.index("{a}")
            cases.append((locale, address, frame.format(a=address), start, start + len(address)))
    return cases


def presidio_dev_probe(data_dir: Path | None) -> list[tuple[str, str, str, int, int]]:
    """(frame, address, text, start, end): every distinct address of presidio-synth's dev
    templates in every frame of :data:`DEV_FRAMES`."""
    dataset = load_presidio_synth(data_dir)
    addresses = sorted(
        {
            record.text[span.start : span.end]
            for record in dataset.select("dev")
            for span in record.spans
            if span.entity_type == "STREET_ADDRESS"
        }
    )
    cases = []
    for number, frame in enumerate(DEV_FRAMES, start=1):
        start = frame.index("{a}")
        for address in addresses:
            text = frame.replace("{a}", address)
            cases.append((f"frame {number}", address, text, start, start + len(address)))
    return cases


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-locale", type=int, default=40)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--misses", type=int, default=2, help="Misses shown per locale.")
    parser.add_argument("--source", choices=("faker", "presidio-dev"), default="faker")
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.source == "faker":
        cases = probe(args.per_locale, args.seed)
        rows = list(LOCALES)
    else:
        cases = presidio_dev_probe(args.data_dir)
        rows = [f"frame {number}" for number in range(1, len(DEV_FRAMES) + 1)]
    engine = DetectionEngine.load()
    texts = [text for _, _, text, _, _ in cases]
    results = engine.detect_batch(texts, ["en"] * len(texts))
    tallies: dict[str, Tally] = {}
    misses: dict[str, list[str]] = {}
    for (locale, address, text, start, end), detections in zip(cases, results, strict=True):
        tally = tallies.setdefault(locale, Tally())
        tally.total += 1
        spans = [(d.start, d.end) for d in detections if d.entity_type == "STREET_ADDRESS"]
        if any(overlap_ratio(start, end, s, e) >= OVERLAP_THRESHOLD for s, e in spans):
            tally.found += 1
            tally.exact += (start, end) in spans
        else:
            found = " | ".join(text[s:e] for s, e in spans) or "-"
            misses.setdefault(locale, []).append(f"{address!r} -> {found!r}")
    print(f"{'locale':8} {'found':>7} {'exact':>7}")
    total = Tally()
    for locale in rows:
        tally = tallies[locale]
        total.found += tally.found
        total.exact += tally.exact
        total.total += tally.total
        print(f"{locale:8} {tally.found / tally.total:7.3f} {tally.exact / tally.total:7.3f}")
        for line in misses.get(locale, [])[: args.misses]:
            print(f"         miss {line}")
    print(f"{'all':8} {total.found / total.total:7.3f} {total.exact / total.total:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
