"""The ``pdmap`` command line. Every command and option here is documented in README.md
(``tests/test_cli_docs.py`` fails otherwise).

Exit codes: 0 complete; 2 bad usage or invalid input (nothing written); 3 complete with
recorded problems (``--skip-invalid`` lines); 1 any other failure, with a message, never a
traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from pdmap import __version__
from pdmap.imports import defer_start_up_imports

if TYPE_CHECKING:
    from datamap.catalog import Catalog
    from datamap.erasure import ErasurePlan, ErasureReport
    from datamap.policy import Policy
    from datamap.subjects import SubjectIdentifier
    from pdmap.config import PdmapConfig

app = typer.Typer(
    name="pdmap",
    help="Personal-data discovery and data map for Swedish and English data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_INVALID = 2
EXIT_WITH_ISSUES = 3


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pdmap {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")
    ] = False,
) -> None:
    """pdmap finds personal data and maps it to the policy's categories."""
    del version
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@app.command()
def detect(
    input: Annotated[
        Path,
        typer.Option(
            "--input",
            "-i",
            help="JSON Lines input, one {id, text, language?} per line; - for stdin.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="JSON Lines output (written atomically); - for stdout."
        ),
    ],
    workers: Annotated[
        int,
        typer.Option("--workers", "-w", min=0, help="Worker processes; 0: one per core (max 4)."),
    ] = 0,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Texts per NER batch.")
    ] = 256,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid", help="Process valid lines and report invalid ones (exit 3)."
        ),
    ] = False,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help="Minimum score to report.")
    ] = 0.5,
    no_ner: Annotated[
        bool, typer.Option("--no-ner", help="Pattern recognizers only (no PERSON/LOCATION).")
    ] = False,
    config: Annotated[
        Path, typer.Option("--config", help="Configuration file (not needed by detect).")
    ] = Path("pdmap.yaml"),
) -> None:
    """Detect personal data in free texts (JSONL in, JSONL out, character offsets)."""
    del config
    from scanner.detect_io import DetectError, InvalidInput, run_detect
    from scanner.engine import DetectionEngine, EngineSettings
    from scanner.nlp import ModelMissing

    err = Console(stderr=True)
    settings = EngineSettings(score_threshold=threshold, ner=not no_ner)
    if workers == 0:
        workers = min(4, os.cpu_count() or 1)
    started = time.perf_counter()
    try:
        summary = run_detect(
            input,
            output,
            lambda: DetectionEngine.load(settings),
            workers=workers,
            batch_size=batch_size,
            skip_invalid=skip_invalid,
        )
    except InvalidInput as exc:
        for problem in exc.problems[:20]:
            err.print(f"[red]error[/red] {input}: {problem}", markup=True, highlight=False)
        if len(exc.problems) > 20:
            err.print(f"... and {len(exc.problems) - 20} more invalid lines")
        err.print("nothing was written; fix the lines or pass --skip-invalid", highlight=False)
        raise typer.Exit(EXIT_INVALID) from None
    except (DetectError, ModelMissing) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    elapsed = time.perf_counter() - started
    for problem in summary.problems[:20]:
        err.print(f"[yellow]skipped[/yellow] {input}: {problem}", highlight=False)
    if err.is_terminal:
        table = Table(title=f"pdmap detect: {summary.texts} texts in {elapsed:.1f} s")
        table.add_column("entity type")
        table.add_column("count", justify="right")
        for entity_type, count in sorted(summary.by_type.items()):
            table.add_row(entity_type, str(count))
        err.print(table)
    else:
        err.print(
            f"pdmap detect: texts={summary.texts} entities={summary.entities} "
            f"skipped={len(summary.problems)} seconds={elapsed:.2f}",
            highlight=False,
        )
    if summary.problems:
        raise typer.Exit(EXIT_WITH_ISSUES)


ConfigOption = Annotated[Path, typer.Option("--config", "-c", help="Configuration file (YAML).")]


def _fail(message: str) -> typer.Exit:
    Console(stderr=True).print(f"[red]error[/red] {message}", highlight=False)
    return typer.Exit(1)


@app.command()
def scan(
    config: ConfigOption = Path("pdmap.yaml"),
    source: Annotated[str | None, typer.Option("--source", help="Scan only this source.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Rescan every container.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
) -> None:
    """Scan the configured sources into the catalog (incremental unless --full).

    Exit code 0: complete; 3: complete with recorded scan issues; 1: failed.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from datamap.catalog import ContainerResult, open_catalog
    from pdmap.config import ConfigError, load_config
    from pdmap.scan import run_scan
    from scanner.fingerprint import KeyError_, load_or_create_key

    err = Console(stderr=True)
    try:
        cfg = load_config(config)
        if source is not None:
            cfg.source(source)
        key = load_or_create_key(cfg.base_dir / ".pdmap" / "secret.key")
        catalog = open_catalog(cfg.catalog_url())
    except (ConfigError, KeyError_) as exc:
        raise _fail(str(exc)) from None
    started = time.perf_counter()

    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not err.is_terminal,
    )  # fmt: skip
    job = bar.add_task("scanning", total=None)

    def plan(tasks: int, skipped: int) -> None:
        bar.update(job, total=tasks, description=f"scanning ({skipped} unchanged)")

    def progress(result: ContainerResult) -> None:
        bar.update(job, advance=1, description=f"{result.source}:{result.container}")

    try:
        with bar:
            summary = run_scan(
                cfg, catalog, key, source=source, full=full, workers=workers,
                on_container=progress, on_plan=plan,
            )  # fmt: skip
        if not err.is_terminal:  # CI: the issues as structured lines
            for issue in catalog.issues(summary.run_id):
                err.print(
                    f"issue source={issue.source} container={issue.container} kind={issue.kind}",
                    highlight=False,
                )
    finally:
        catalog.close()
    elapsed = time.perf_counter() - started
    err.print(
        f"pdmap scan: run={summary.run_id} scanned={summary.scanned} skipped={summary.skipped} "
        f"findings={summary.findings} identifiers={summary.identifiers} issues={summary.issues} "
        f"seconds={elapsed:.1f}",
        highlight=False,
    )
    if summary.issues:
        raise typer.Exit(EXIT_WITH_ISSUES)


@app.command()
def findings(
    config: ConfigOption = Path("pdmap.yaml"),
    format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, json, csv or table.")
    ] = "table",
    source: Annotated[str | None, typer.Option("--source", help="Only this source.")] = None,
) -> None:
    """What was found: one record per (source, container, field, entity type)."""
    from datamap.catalog import open_catalog
    from pdmap.config import ConfigError, load_config
    from reports.findings import render_findings

    if format not in ("jsonl", "json", "csv", "table"):
        raise _fail(f"--format must be jsonl, json, csv or table, not {format!r}")
    try:
        cfg = load_config(config)
        catalog = open_catalog(cfg.catalog_url())
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    try:
        rows = catalog.findings(source)
    finally:
        catalog.close()
    render_findings(rows, format, sys.stdout)


@app.command()
def demo(
    folder: Annotated[
        Path, typer.Option("--dir", "-d", help="Where to build the demo estate.")
    ] = Path("pdmap-demo"),
) -> None:
    """Build a small made-up estate (SQLite, logs, objects on a local S3 server), scan it and
    write the HTML data map; prints where everything is."""
    from pdmap.demo import run_demo

    err = Console(stderr=True)
    err.print(f"pdmap demo: building and scanning a made-up estate in {folder} ...")
    try:
        summary = run_demo(folder)
    except OSError as exc:
        raise _fail(f"cannot build the demo in {folder}: {exc}") from None
    out = Console()
    out.print(f"[bold]pdmap demo[/bold] in {summary.folder}", highlight=False)
    out.print(f"  sources: {', '.join(summary.sources)} (configuration: {summary.config})")
    out.print(
        f"  scanned {summary.scanned} containers: {summary.findings} findings,"
        f" {summary.identifiers} identifiers indexed, {summary.issues} scan issues"
    )
    cats = ", ".join(f"{c} ({n} fields)" for c, n in sorted(summary.categories.items()))
    out.print(f"  categories: {cats}")
    if summary.undeclared:
        out.print(f"  not declared by the policy: {', '.join(summary.undeclared)}")
    for where in summary.past_retention:
        out.print(f"  kept past its retention: {where}")
    out.print(f"  [bold]data map:[/bold] {summary.report}", highlight=False)
    out.print(
        f"  try: pdmap subject locate --config {summary.config} --identifier {summary.example}",
        highlight=False,
    )
    for note in summary.notes:
        out.print(f"  note: {note}", highlight=False)


@app.command()
def report(
    config: ConfigOption = Path("pdmap.yaml"),
    format: Annotated[
        str, typer.Option("--format", "-f", help="html, json, csv (the data map) or md.")
    ] = "html",
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write (atomically).")
    ] = Path("pdmap-report.html"),
    lang: Annotated[str, typer.Option("--lang", help="sv or en.")] = "en",
) -> None:
    """The data map, the Art. 30 record of processing and the policy gaps, from the catalog
    and the policy. No raw value is in it; the HTML is one file that works offline."""
    import io
    import os
    import tempfile

    from datamap.catalog import open_catalog
    from datamap.policy import PolicyError, load_policy
    from pdmap.config import ConfigError, load_config
    from reports.datamap import build_report
    from reports.render import FORMATS, render_report

    if format not in FORMATS:
        raise _fail(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    if lang not in ("sv", "en"):
        raise _fail(f"--lang must be sv or en, not {lang!r}")
    try:
        cfg = load_config(config)
        policy = load_policy(cfg.policy, cfg.base_dir)
        catalog = open_catalog(cfg.catalog_url())
    except (ConfigError, PolicyError) as exc:
        raise _fail(str(exc)) from None
    try:
        sources = {s.name: (s.type, s.system) for s in cfg.sources}
        model = build_report(catalog, policy, sources, lang)
    finally:
        catalog.close()
    buffer = io.StringIO()
    render_report(model, format, buffer)
    target = output.resolve()
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(buffer.getvalue())
        os.replace(temp, target)
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc}") from None
    Console(stderr=True).print(
        f"pdmap report: {len(model['data_map'])} fields with personal data,"
        f" {len(model['art30']['controller'])} processing activities -> {output}",
        highlight=False,
    )


token_app = typer.Typer(help="API tokens (only their hashes are stored).", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option("--role", help="reader, operator or admin.")],
    config: ConfigOption = Path("pdmap.yaml"),
) -> None:
    """Print a new API token (shown once; only its hash is kept in .pdmap/tokens.json)."""
    from pdmap.api import token_store
    from pdmap.config import ConfigError, load_config
    from pdmap.tokens import ROLES

    if role not in ROLES:
        raise _fail(f"--role must be one of {', '.join(ROLES)}, not {role!r}")
    try:
        cfg = load_config(config)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    typer.echo(token_store(cfg).create(role))


@app.command()
def serve(
    config: ConfigOption = Path("pdmap.yaml"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    lookups_per_minute: Annotated[
        int, typer.Option("--lookups-per-minute", min=1, help="Subject lookups per token.")
    ] = 120,
) -> None:
    """The HTTP API (OpenAPI at /openapi.json); every endpoint but /healthz needs a token."""
    import uvicorn

    from datamap.policy import PolicyError
    from pdmap.api import create_app
    from pdmap.config import ConfigError, load_config
    from scanner.fingerprint import KeyError_

    try:
        api = create_app(load_config(config), lookups_per_minute)
    except (ConfigError, KeyError_, PolicyError) as exc:
        raise _fail(str(exc)) from None
    uvicorn.run(api, host=host, port=port, log_level="warning")


subject_app = typer.Typer(
    help="Data-subject requests: locate (Art. 15), export (Art. 15/20), erase (Art. 17).",
    no_args_is_help=True,
)
app.add_typer(subject_app, name="subject")

IdentifierOption = Annotated[
    str,
    typer.Option(
        "--identifier", "-i",
        help="KIND:VALUE, KIND one of email, personnummer, phone (any usual written form).",
    ),
]  # fmt: skip


def _open_subject_request(
    identifier: str, config: Path
) -> tuple[SubjectIdentifier, PdmapConfig, bytes, Policy, Catalog]:
    """What every subject command starts with: the identifier (exit 2 when malformed), then
    the configuration, the scan's key, the policy and the catalog (exit 1 with a message)."""
    from datamap.catalog import open_catalog
    from datamap.policy import PolicyError, load_policy
    from datamap.subjects import IdentifierError, parse_identifier
    from pdmap.config import ConfigError, load_config
    from pdmap.subject import load_existing_key
    from scanner.fingerprint import KeyError_

    try:
        subject = parse_identifier(identifier)
    except IdentifierError as exc:
        Console(stderr=True).print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_INVALID) from None
    try:
        cfg = load_config(config)
        key = load_existing_key(cfg)
        policy = load_policy(cfg.policy, cfg.base_dir)
        catalog = open_catalog(cfg.catalog_url())
    except (ConfigError, KeyError_, PolicyError) as exc:
        raise _fail(str(exc)) from None
    return subject, cfg, key, policy, catalog


@subject_app.command("locate")
def subject_locate(
    identifier: IdentifierOption,
    config: ConfigOption = Path("pdmap.yaml"),
    format: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "table",
    depth: Annotated[
        int, typer.Option("--depth", min=0, max=5, help="Hops through linked identifiers.")
    ] = 3,
) -> None:
    """Where one person's data is: every record, how it was reached, with what confidence.

    Exit code 0: found or not (an empty list is an answer); 2: malformed identifier; 1: failed.
    """
    import json

    from pdmap.subject import audit_request, resolver_for

    if format not in ("json", "table"):
        raise _fail(f"--format must be json or table, not {format!r}")
    subject, cfg, key, policy, catalog = _open_subject_request(identifier, config)
    try:
        resolver = resolver_for(cfg, catalog, key, policy.category_map())
        resolver.max_depth = depth
        with resolver:
            resolution = resolver.resolve(subject)
    finally:
        catalog.close()
    audit_request(cfg, "locate", resolution, {"locations": len(resolution.locations)})
    err = Console(stderr=True)
    for warning in resolution.warnings:
        err.print(f"[yellow]warning[/yellow] {warning}", highlight=False)
    if format == "json":
        sys.stdout.write(json.dumps(resolution.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{subject.kind} {subject.masked}: {len(resolution.locations)} locations")
    for column in ("source", "container", "field", "record", "categories", "via", "conf."):
        table.add_column(column)
    for loc in resolution.locations:
        table.add_row(
            loc.source, loc.container, loc.field or "-",
            ", ".join(f"{k}={v}" for k, v in loc.record.items()),
            ", ".join(loc.categories), loc.via, f"{loc.confidence:.2f}",
        )  # fmt: skip
    Console().print(table)


@subject_app.command("export")
def subject_export(
    identifier: IdentifierOption,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The JSON file to write (mode 0600).")
    ],
    config: ConfigOption = Path("pdmap.yaml"),
    depth: Annotated[
        int, typer.Option("--depth", min=0, max=5, help="Hops through linked identifiers.")
    ] = 3,
) -> None:
    """The person's data itself, machine-readable, with the Art. 15 information (Art. 15, 20).

    Exit code 0: written; 3: written, but some records could not be read; 2: malformed
    identifier; 1: failed (nothing written).
    """
    from pdmap.subject import audit_request, export_document, resolver_for, write_private_json

    subject, cfg, key, policy, catalog = _open_subject_request(identifier, config)
    try:
        resolver = resolver_for(cfg, catalog, key, policy.category_map())
        resolver.max_depth = depth
        with resolver:
            resolution = resolver.resolve(subject)
        document, problems = export_document(cfg, resolution, key, policy, catalog)
    finally:
        catalog.close()
    try:
        write_private_json(output, document)
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc}") from None
    audit_request(cfg, "export", resolution, {"records": len(document["records"])})
    err = Console(stderr=True)
    err.print(
        f"pdmap subject export: {subject.kind} {subject.masked}: {len(document['records'])}"
        f" records, {len(document['not_read'])} not read -> {output}",
        highlight=False,
    )
    for warning in document["warnings"]:
        err.print(f"[yellow]warning[/yellow] {warning}", highlight=False)
    if document["not_read"] or problems:
        raise typer.Exit(EXIT_WITH_ISSUES)


@subject_app.command("erase")
def subject_erase(
    identifier: IdentifierOption,
    config: ConfigOption = Path("pdmap.yaml"),
    execute: Annotated[
        bool, typer.Option("--execute", help="Carry the plan out (default: only show it).")
    ] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "table",
    depth: Annotated[
        int, typer.Option("--depth", min=0, max=5, help="Hops through linked identifiers.")
    ] = 3,
) -> None:
    """Erasure (Art. 17): the plan of what is deleted, anonymised, redacted, held or skipped and
    why; with --execute it is carried out, verified and audited.

    Exit code 0: planned, or executed and verified; 3: executed with failures or identifiers
    left outside holds (listed); 2: malformed identifier; 1: failed.
    """

    from pdmap.subject import OpenConnectors, audit_request, eraser_for

    if format not in ("json", "table"):
        raise _fail(f"--format must be json or table, not {format!r}")
    subject, cfg, key, policy, catalog = _open_subject_request(identifier, config)
    connectors = OpenConnectors(cfg)
    eraser = eraser_for(cfg, catalog, key, policy, connectors)
    eraser.resolver.max_depth = depth
    try:
        plan = eraser.plan(eraser.resolver.resolve(subject))
        report = eraser.execute(plan) if execute else None
    finally:
        connectors.close()
        eraser.resolver.close()
        catalog.close()
    if report is None:
        audit_request(cfg, "erasure_plan", plan.resolution, {"summary": plan.summary()})
    _show_erasure(plan, report, format)
    if report is not None and not report.verified:
        raise typer.Exit(EXIT_WITH_ISSUES)


@subject_app.command("rectify")
def subject_rectify(
    identifier: IdentifierOption,
    entity_type: Annotated[
        str,
        typer.Option(
            "--entity-type",
            "-t",
            help="What is to be corrected: EMAIL_ADDRESS, PHONE_NUMBER, STREET_ADDRESS, PERSON...",
        ),
    ],
    config: ConfigOption = Path("pdmap.yaml"),
    format: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "table",
) -> None:
    """Rectification (Art. 16), a plan: every field of the person's records that would be
    corrected, and whom to tell. Nothing is changed."""
    _rights_plan("rectify", identifier, config, format, entity_type.upper())


@subject_app.command("restrict")
def subject_restrict(
    identifier: IdentifierOption,
    config: ConfigOption = Path("pdmap.yaml"),
    format: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "table",
) -> None:
    """Restriction (Art. 18), a plan: per container of the person's records, the categories
    held and the purposes whose processing stops, and whom to tell. Nothing is changed."""
    _rights_plan("restrict", identifier, config, format, None)


def _rights_plan(
    which: str, identifier: str, config: Path, format: str, entity_type: str | None
) -> None:
    import json

    from datamap.rights import rectification_plan, restriction_plan
    from pdmap.subject import audit_request, resolver_for
    from scanner.categories import DEFAULT_CATEGORIES

    if format not in ("json", "table"):
        raise _fail(f"--format must be json or table, not {format!r}")
    if entity_type is not None and entity_type not in DEFAULT_CATEGORIES:
        known = ", ".join(sorted(DEFAULT_CATEGORIES))
        Console(stderr=True).print(f"[red]error[/red] --entity-type is one of {known}")
        raise typer.Exit(EXIT_INVALID)
    subject, cfg, key, policy, catalog = _open_subject_request(identifier, config)
    systems = {s.name: s.system for s in cfg.sources}
    try:
        with resolver_for(cfg, catalog, key, policy.category_map()) as resolver:
            resolution = resolver.resolve(subject)
        findings = catalog.findings()
    finally:
        catalog.close()
    if entity_type is not None:
        plan = rectification_plan(resolution, entity_type, findings, policy, systems)
    else:
        plan = restriction_plan(resolution, findings, policy, systems)
    audit_request(cfg, f"{which}_plan", resolution, {"steps": len(plan["steps"])})
    if format == "json":
        sys.stdout.write(json.dumps(plan, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    table = Table(title=f"{which} {subject.kind} {subject.masked} (a plan: nothing is changed)")
    for column in ("action", "source", "container", "where", "reason"):
        table.add_column(column)
    for step in plan["steps"]:
        where = step.get("field") or ", ".join(step.get("categories", ()))
        table.add_row(step["action"], step["source"], step["container"], str(where), step["reason"])
    Console().print(table)


def _show_erasure(plan: ErasurePlan, report: ErasureReport | None, format: str) -> None:
    import json

    subject = plan.resolution.subject
    document = report.to_dict() if report is not None else plan.to_dict()
    if format == "json":
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        title = "executed" if report is not None else "plan (run with --execute to carry it out)"
        table = Table(title=f"erasure of {subject.kind} {subject.masked}: {title}")
        for column in ("action", "source", "container", "record", "fields", "reason"):
            table.add_column(column)
        for step in plan.steps:
            table.add_row(
                step.action, step.source, step.container,
                ", ".join(f"{k}={v}" for k, v in step.record.items()),
                ", ".join(step.fields), step.reason,
            )  # fmt: skip
        Console().print(table)
    err = Console(stderr=True)
    for problem in plan.problems:
        err.print(f"[yellow]warning[/yellow] {problem}", highlight=False)
    if report is None:
        return
    for step, error in report.failed:
        err.print(f"[red]failed[/red] {step.source}:{step.container}: {error}", highlight=False)
    for loc in report.remaining:
        err.print(
            f"[red]remaining[/red] {loc.source}:{loc.container} {loc.record}", highlight=False
        )
    err.print(
        f"pdmap subject erase: done={len(report.done)} failed={len(report.failed)}"
        f" held={plan.summary().get('hold', 0)} remaining={len(report.remaining)}"
        f" verified={str(report.verified).lower()}",
        highlight=False,
    )


#: Commands after which the console script ends the process at once (see :func:`main`).
FAST_EXIT_COMMANDS = frozenset({"detect"})


def main() -> None:
    """Console-script entry point.

    After ``detect`` the process ends with ``os._exit`` once stdout, stderr and logging are
    flushed: its output file is already written, fsynced and renamed, its worker pool joined,
    and it holds no connection or temporary file, so tearing down the interpreter (freeing the
    NER pipelines object by object, about 0.3 s) would only delay the exit. Every other command
    exits normally, so that connections close and temporary files are removed.

    OpenBLAS, which does the NER pipelines' matrix products (:mod:`scanner.ops`), is held to
    one thread per process unless ``OPENBLAS_NUM_THREADS`` says otherwise: the worker processes
    are the parallelism, and threads on top of them would only compete for the same cores.

    spaCy's own command-line package and Presidio's predefined recognizers are deferred
    (:mod:`pdmap.imports`): ``import spacy`` and ``import presidio_analyzer`` would otherwise
    load them, and everything they need, into every command that detects.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    defer_start_up_imports()
    try:
        app()
    except SystemExit as exc:
        command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
        if command not in FAST_EXIT_COMMANDS or not isinstance(exc.code, int | None):
            raise
        sys.stdout.flush()
        sys.stderr.flush()
        logging.shutdown()
        os._exit(exc.code or 0)


if __name__ == "__main__":
    main()
