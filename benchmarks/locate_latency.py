"""Subject-locate latency over a large identifier index (in-process, SQLite catalog).

Builds a catalog whose identifier index holds ``--records`` rows: ``--people`` synthetic people
(fingerprints of fake e-mail, personnummer-like and phone values, never real ones), each with a
CRM row holding all three and log lines holding one of them, spread over 8 containers. Then
resolves ``--queries`` random people by e-mail through :class:`datamap.subjects.SubjectResolver`
(index, linked identifiers to depth 3; no live foreign-key step, which depends on the source)
and prints p50/p90/p99/max latency, beside the bare index lookup of one fingerprint.
Checks on the way that every answer holds exactly the person's records (precision and recall).

    .venv/bin/python -m benchmarks.locate_latency                  # 1,000,000 rows
    .venv/bin/python -m benchmarks.locate_latency --records 100000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scan_support import format_table

KEY = b"pdmap-benchmark-key-0123456789ab"
CONTAINERS = 8


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pdmap-locate-") as folder:
        return run(args, Path(folder))


def run(args: argparse.Namespace, folder: Path) -> int:
    from datamap.catalog import ContainerResult, IdentifierEntry, open_catalog
    from datamap.subjects import SubjectResolver, parse_identifier
    from scanner.fingerprint import Fingerprinter

    fp = Fingerprinter(KEY)
    rng = random.Random(args.seed)
    per_person = 5  # 3 identifiers in the CRM row + 2 log lines
    people = args.records // per_person
    catalog = open_catalog(f"sqlite:///{folder / 'catalog.db'}")
    catalog.upsert_source("crm", "sql", "CRM", "x")
    catalog.upsert_source("logs", "logs", None, "x")
    run_id = catalog.start_run(True)
    began = time.perf_counter()
    crm = ContainerResult("crm", "customers", "table", primary_key=("id",))
    logs = [ContainerResult("logs", f"app-{i}.log", "file") for i in range(CONTAINERS - 1)]
    truth: dict[int, set[tuple[str, str]]] = {}
    lines = [0] * len(logs)
    for person in range(people):
        email = fp.fingerprint_normalised("EMAIL_ADDRESS", f"p{person}@example.se")
        pnr = fp.fingerprint_normalised("SE_PERSONNUMMER", f"pnr-{person}")
        phone = fp.fingerprint_normalised("PHONE_NUMBER", f"+4670{person:07d}")
        row = {"id": person + 1}
        crm.identifiers += [
            IdentifierEntry(email, "EMAIL_ADDRESS", "email", row),
            IdentifierEntry(pnr, "SE_PERSONNUMMER", "pnr", row),
            IdentifierEntry(phone, "PHONE_NUMBER", "phone", row),
        ]
        places = {("customers", f"id={person + 1}")}
        for value, kind in ((email, "EMAIL_ADDRESS"), (rng.choice((pnr, phone)), "?")):
            log = rng.randrange(len(logs))
            lines[log] += 1
            entity = (
                kind if kind != "?" else ("SE_PERSONNUMMER" if value == pnr else "PHONE_NUMBER")
            )
            logs[log].identifiers.append(IdentifierEntry(value, entity, None, {"line": lines[log]}))
            places.add((logs[log].container, f"line={lines[log]}"))
        truth[person] = places
    for result in [crm, *logs]:
        catalog.save(run_id, result)
    build_s = time.perf_counter() - began
    rows = catalog.identifier_count()
    del crm, logs

    resolver = SubjectResolver(catalog, fp)
    asked = rng.sample(range(people), min(args.queries, people))
    timings: list[float] = []
    lookups: list[float] = []
    exact = 0
    for person in asked:
        subject = parse_identifier(f"email:p{person}@example.se")
        began = time.perf_counter()
        found = resolver.resolve(subject)
        timings.append((time.perf_counter() - began) * 1000)
        got = {
            (loc.container, ",".join(f"{k}={v}" for k, v in loc.record.items()))
            for loc in found.locations
        }
        exact += got == truth[person]
        began = time.perf_counter()
        catalog.occurrences([fp.fingerprint_normalised("EMAIL_ADDRESS", subject.normalised)])
        lookups.append((time.perf_counter() - began) * 1000)
    catalog.close()

    def pct(values: list[float], q: float) -> float:
        return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]

    table = [
        ["index rows", rows],
        ["people", people],
        ["catalog build s", build_s],
        ["queries", len(asked)],
        ["answers exactly the person's records", f"{exact} / {len(asked)}"],
        ["resolve p50 ms", pct(timings, 50)],
        ["resolve p90 ms", pct(timings, 90)],
        ["resolve p99 ms", pct(timings, 99)],
        ["resolve max ms", max(timings)],
        ["index lookup p50 ms", pct(lookups, 50)],
        ["index lookup p99 ms", pct(lookups, 99)],
        ["target p99 <= 50 ms", "yes" if pct(timings, 99) <= 50 else "NO"],
    ]
    print(format_table(["measure", "value"], table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
