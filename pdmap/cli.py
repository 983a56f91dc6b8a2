"""The ``pdmap`` command line. Every command and option here is documented in README.md
(``tests/test_cli_docs.py`` fails otherwise).

Exit codes: 0 complete; 2 bad usage or invalid input (nothing written); 3 complete with
recorded problems (``--skip-invalid`` lines); 1 any other failure, with a message, never a
traceback.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pdmap import __version__

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
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
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


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
