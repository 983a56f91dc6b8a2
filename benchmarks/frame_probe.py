"""PERSON and STREET_ADDRESS on sentence frames the detector was never tuned or trained on.

The labelled sets put names and addresses into the few contexts of their own templates; this
probe asks how detection copes with others. Three frame files, each written for this probe
without reading any labelled set or the NER's training templates, hold short English frames
in genres:

* ``benchmarks/data/person_frames.txt`` (``--entity person``, 399 frames in 32 genres:
  support notes, chat, e-mail headers and sign-offs, minutes, transcripts, HR and CRM notes,
  citations, sports, reviews, forms, logs, calendars, genealogy, ...) with ``{{name}}``,
  ``{{first}}`` or ``{{last}}`` where a person stands;
* ``benchmarks/data/person_web_frames.txt`` (``--entity person --frames web``, 240 frames in
  15 web and pop-culture genres: music, film and TV, books, biographies, headlines, gossip,
  forums, scripts, podcasts, history, banking requests, blogs, fan fiction, quotes; written in
  session 12 by a helper that read nothing else);
* ``benchmarks/data/address_frames.txt`` (``--entity address``, 275 frames in 26 genres:
  shipping, change of address, billing, signatures, courier notices, listings, job postings,
  forms, CSV, JSON and log lines, directories, labels, chat, ...) with
  ``{{address}}`` (a whole, often multi-line address), ``{{street}}`` (its street line) or
  ``{{inline}}`` (a whole address on one line, with commas).

Both use ``{{company}}``, ``{{city}}``, ``{{name}}`` (in address frames), ``{{number}}``, ...
for things that are not the entity; the ``negatives`` genres hold none of it. A frame tagged
``[lower]`` is typed without capitals: its filled text is lower-cased.

Values come from a seeded Faker of many countries (``--source faker``, default), or from
presidio-synth's **dev** values (``--source presidio-dev``: its PERSON values, or its merged
addresses; never its test templates). A gold span counts as found when a span of the entity's
type overlaps it by >= 50 % of the longer of the two (the benchmarks' span rule), exact when
the span equals it; a span that matches no gold one is a false positive, and one that
overlaps a distractor is counted apart. Rows are genres.

    python -m benchmarks.frame_probe [--entity person|address] [--fills 3] [--seed 7]
        [--misses 3] [--genre chat] [--source faker|presidio-dev] [--frames web|PATH]
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from faker import Faker

from benchmarks.datasets import load_presidio_synth
from benchmarks.scoring import OVERLAP_THRESHOLD, overlap_ratio

DATA_DIR = Path(__file__).resolve().parent / "data"
FRAMES = {"person": DATA_DIR / "person_frames.txt", "address": DATA_DIR / "address_frames.txt"}
# more frame files, by name (--frames web)
NAMED_FRAMES = {"web": DATA_DIR / "person_web_frames.txt"}
ENTITY_TYPES = {"person": "PERSON", "address": "STREET_ADDRESS"}
ADDRESS_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_AU", "en_CA", "de_DE", "de_AT", "de_CH", "fr_FR", "es_ES",
    "it_IT", "pt_BR", "pt_PT", "nl_NL", "nl_BE", "da_DK", "no_NO", "sv_SE", "fi_FI", "pl_PL",
    "cs_CZ", "hu_HU", "hr_HR", "ro_RO", "el_GR", "en_IN",
)  # fmt: skip
LOCALES = (
    "en_US", "en_GB", "en_IE", "en_AU", "en_IN", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT",
    "pt_BR", "nl_NL", "da_DK", "no_NO", "sv_SE", "fi_FI", "pl_PL", "cs_CZ", "hu_HU", "hr_HR",
    "ro_RO", "tr_TR", "et_EE", "id_ID", "vi_VN", "fil_PH", "sl_SI", "sk_SK",
)  # fmt: skip
PERSON_KEYS = frozenset({"name", "first", "last"})
ADDRESS_KEYS = frozenset({"address", "street", "inline"})
TARGET_KEYS = {"person": PERSON_KEYS, "address": ADDRESS_KEYS}
PRODUCTS = (
    "Nimbus Pro", "Ledgerly", "Quillpad", "Orbit CRM", "Tallyhub", "Brightdesk", "Zephyr Sync",
    "Mosaic Pay", "Harbor Notes", "Pixelmint", "Corvid Cloud", "Trellis",
)  # fmt: skip
TEAM_NAMES = ("Rovers", "Falcons", "United", "Wanderers", "Comets", "Harriers", "Owls", "Lions")
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_MILITARY_LINE = re.compile(r"\n\s*(?:APO|FPO|DPO)\s")


@dataclass(frozen=True)
class Frame:
    genre: str
    template: str
    lower: bool


@dataclass
class Case:
    genre: str
    text: str
    gold: list[tuple[int, int]]
    distractors: list[tuple[int, int]]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    exact: int = 0
    false_positives: int = 0
    on_distractors: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def read_frames(path: Path) -> list[Frame]:
    """Frames of ``path`` with their genre (the last ``## genre`` line above them); ``\\n``
    and ``\\t`` in a frame stand for a newline and a tab."""
    frames, genre = [], "untitled"
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            genre = line[3:].strip()
        elif line and not line.startswith("#"):
            lower = line.startswith("[lower] ")
            template = line.removeprefix("[lower] ").replace("\\n", "\n").replace("\\t", "\t")
            frames.append(Frame(genre, template, lower))
    return frames


class Values:
    """Fillers: the entity's own placeholders (``keys``) from ``target``, the rest (the
    distractors) from Faker en_US."""

    def __init__(
        self, rng: random.Random, keys: frozenset[str], target: Callable[[str], str], seed: int
    ) -> None:
        self._rng = rng
        self._keys = keys
        self._target = target
        self._fake = Faker("en_US")
        self._fake.seed_instance(seed)

    def __call__(self, key: str) -> str:
        if key in self._keys:
            return self._target(key)
        fake, rng = self._fake, self._rng
        distractors: dict[str, Callable[[], object]] = {
            "name": fake.name,
            "company": fake.company,
            "city": fake.city,
            "country": fake.country,
            "street": fake.street_name,
            "product": lambda: rng.choice(PRODUCTS),
            "team": lambda: f"{fake.city()} {rng.choice(TEAM_NAMES)}",
            "month": fake.month_name,
            "weekday": fake.day_of_week,
            "number": lambda: str(rng.randint(10_000, 9_999_999)),
            "date": lambda: fake.date(pattern=rng.choice(("%Y-%m-%d", "%d %B %Y", "%B %d"))),
            "phone": fake.phone_number,
        }
        if key not in distractors:
            raise ValueError(f"unknown placeholder {{{{{key}}}}}")
        return str(distractors[key]())


def _seeded_fakers(locales: Sequence[str], seed: int) -> list[Faker]:
    fakers = []
    for index, locale in enumerate(locales):
        fake = Faker(locale)
        fake.seed_instance(seed * 100 + index)
        fakers.append(fake)
    return fakers


def _dev_values(data_dir: Path | None, entity_type: str) -> list[str]:
    """presidio-synth's distinct **dev** values of ``entity_type``, sorted; not those typed
    without capitals, which presidio-synth only has in texts typed without capitals (the
    ``[lower]`` frames and ``--lowercase`` give those)."""
    values = {
        record.text[span.start : span.end]
        for record in load_presidio_synth(data_dir).select("dev")
        for span in record.spans
        if span.entity_type == entity_type
    }
    return sorted(value for value in values if value != value.lower())


def faker_names(rng: random.Random, seed: int) -> Callable[[str], str]:
    fakers = _seeded_fakers(LOCALES, seed)

    def pick(key: str) -> str:
        fake = rng.choice(fakers)
        if key == "first":
            return str(fake.first_name())
        if key == "last":
            return str(fake.last_name())
        roll = rng.random()
        if roll < 0.15:
            return str(fake.name())
        if roll < 0.25:
            initial = str(fake.first_name())[:1]
            return f"{fake.first_name()} {initial} {fake.last_name()}"
        return f"{fake.first_name()} {fake.last_name()}"

    return pick


def presidio_dev_names(rng: random.Random, data_dir: Path | None) -> Callable[[str], str]:
    values = _dev_values(data_dir, "PERSON")
    full = [value for value in values if " " in value]
    # single words of the names, not initials ("G.", "p")
    words = [word for value in values for word in value.split() if len(word.rstrip(".")) > 1]

    def pick(key: str) -> str:
        if key == "name":
            return rng.choice(full)
        return rng.choice(words)

    return pick


def faker_addresses(rng: random.Random, seed: int) -> Callable[[str], str]:
    fakers = _seeded_fakers(ADDRESS_LOCALES, seed)

    def pick(key: str) -> str:
        fake = rng.choice(fakers)
        if key == "street":
            return str(fake.street_address()).strip()
        address = str(fake.address()).strip()
        return _inline(address) if key == "inline" else address

    return pick


def presidio_dev_addresses(rng: random.Random, data_dir: Path | None) -> Callable[[str], str]:
    addresses = _dev_values(data_dir, "STREET_ADDRESS")
    # the street lines; a ship's name above its FPO line is none ("USNS Saibara\nFPO AP ...")
    streets = [
        address.split("\n", 1)[0].strip()
        for address in addresses
        if not _MILITARY_LINE.search(address)
    ]

    def pick(key: str) -> str:
        if key == "street":
            return rng.choice(streets)
        address = rng.choice(addresses)
        return _inline(address) if key == "inline" else address

    return pick


def _inline(address: str) -> str:
    """A multi-line address on one line: its lines joined by commas, without the stray
    ``???`` / ``>`` line prefixes some presidio-synth addresses carry (nobody types those
    inside a line)."""
    lines = (line.strip(" ,").lstrip("?> ").strip(" ,") for line in address.splitlines())
    return ", ".join(line for line in lines if line)


def fill(frame: Frame, values: Callable[[str], str], keys: frozenset[str]) -> Case:
    """The frame with its placeholders filled; gold spans are those of ``keys``;
    ``{{first}} {{last}}`` side by side is one name."""
    parts: list[str] = []
    gold: list[tuple[int, int]] = []
    distractors: list[tuple[int, int]] = []
    cursor = length = 0
    for match in PLACEHOLDER.finditer(frame.template):
        literal = frame.template[cursor : match.start()]
        parts.append(literal)
        length += len(literal)
        value = values(match.group(1))
        if frame.lower:
            value = value.lower()
        span = (length, length + len(value))
        if match.group(1) in keys:
            if gold and literal == " " and gold[-1][1] == length - 1:
                gold[-1] = (gold[-1][0], span[1])
            else:
                gold.append(span)
        else:
            distractors.append(span)
        parts.append(value)
        length += len(value)
        cursor = match.end()
    parts.append(frame.template[cursor:])
    text = "".join(parts)
    return Case(frame.genre, text.lower() if frame.lower else text, gold, distractors)


def score(
    cases: Sequence[Case], predictions: Sequence[Sequence[tuple[int, int]]]
) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for case, spans in zip(cases, predictions, strict=True):
        tally = tallies.setdefault(case.genre, Tally())
        tally.gold += len(case.gold)
        unmatched = list(spans)
        for start, end in case.gold:
            best = max(unmatched, key=lambda s: overlap_ratio(start, end, *s), default=None)
            if best is not None and overlap_ratio(start, end, *best) >= OVERLAP_THRESHOLD:
                unmatched.remove(best)
                tally.found += 1
                tally.exact += best == (start, end)
            else:
                found = " | ".join(case.text[s:e] for s, e in spans) or "-"
                tally.misses.append(f"{case.text[start:end]!r} in {case.text!r} -> {found!r}")
        for start, end in unmatched:
            tally.false_positives += 1
            if any(s < end and start < e for s, e in case.distractors):
                tally.on_distractors += 1
            tally.spurious.append(f"{case.text[start:end]!r} in {case.text!r}")
    return tallies


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.3f}" if whole else "     -"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fills", type=int, default=3, help="Fillings of each frame.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--misses", type=int, default=0, help="Misses and FPs shown per genre.")
    parser.add_argument("--genre", action="append", default=None, help="Only these genres.")
    parser.add_argument("--source", choices=("faker", "presidio-dev"), default="faker")
    parser.add_argument("--entity", choices=tuple(FRAMES), default="person")
    parser.add_argument(
        "--frames", default=None, help="A frame file, or 'web' (default: the entity's)."
    )
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument(
        "--lowercase", action="store_true", help="Every frame typed without capitals."
    )
    parser.add_argument(
        "--en-ner", type=Path, default=None, help="English NER weights (train_en_ner.py output)."
    )
    args = parser.parse_args(argv)
    from benchmarks.eval_detect import pdmap_settings
    from scanner.engine import DetectionEngine

    rng = random.Random(args.seed)
    sources = {
        ("person", "faker"): lambda: faker_names(rng, args.seed),
        ("person", "presidio-dev"): lambda: presidio_dev_names(rng, args.data_dir),
        ("address", "faker"): lambda: faker_addresses(rng, args.seed),
        ("address", "presidio-dev"): lambda: presidio_dev_addresses(rng, args.data_dir),
    }
    keys = TARGET_KEYS[args.entity]
    values = Values(rng, keys, sources[args.entity, args.source](), args.seed)
    path = NAMED_FRAMES.get(args.frames, Path(args.frames)) if args.frames else FRAMES[args.entity]
    frames = [
        Frame(
            f.genre, f.template.lower() if args.lowercase else f.template, f.lower or args.lowercase
        )
        for f in read_frames(path)
        if not args.genre or f.genre in args.genre
    ]
    cases = [fill(frame, values, keys) for frame in frames for _ in range(args.fills)]
    engine = DetectionEngine.load(pdmap_settings(args.en_ner))
    texts = [case.text for case in cases]
    results = engine.detect_batch(texts, ["en"] * len(texts))
    entity_type = ENTITY_TYPES[args.entity]
    predictions = [
        [(d.start, d.end) for d in detections if d.entity_type == entity_type]
        for detections in results
    ]
    tallies = score(cases, predictions)
    print(f"{'genre':22} {'texts':>5} {'gold':>5} {'found':>6} {'exact':>6} {'FP':>4} "
          f"{'FP-dis':>6} {'P':>6} {'F1':>6}")  # fmt: skip
    total = Tally()
    for genre in dict.fromkeys(case.genre for case in cases):
        tally = tallies[genre]
        for attribute in ("gold", "found", "exact", "false_positives", "on_distractors"):
            setattr(total, attribute, getattr(total, attribute) + getattr(tally, attribute))
        _row(genre, sum(c.genre == genre for c in cases), tally)
        for line in tally.misses[: args.misses]:
            print(f"    miss {line}")
        for line in tally.spurious[: args.misses]:
            print(f"    FP   {line}")
    _row("all", len(cases), total)
    return 0


def _row(genre: str, texts: int, tally: Tally) -> None:
    predicted = tally.found + tally.false_positives
    f1_whole = tally.gold + predicted
    print(
        f"{genre[:22]:22} {texts:5d} {tally.gold:5d} {_ratio(tally.found, tally.gold)} "
        f"{_ratio(tally.exact, tally.gold)} {tally.false_positives:4d} "
        f"{tally.on_distractors:6d} {_ratio(tally.found, predicted)} "
        f"{_ratio(2 * tally.found, f1_whole)}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
