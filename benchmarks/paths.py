"""Where the benchmarks find the repository and the shared data directory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

REPO_ROOT: Final[Path] = Path(__file__).resolve().parents[1]
BENCH_DATA_DIR: Final[Path] = REPO_ROOT / "benchmarks" / "data"
DATA_DIR_ENV: Final[str] = "PDMAP_SHARED_DATA"


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """Return the shared data directory.

    Order: the ``--data-dir`` value if given, else ``$PDMAP_SHARED_DATA``, else
    ``<repo>/../shared/data``.
    """
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env_value = os.environ.get(DATA_DIR_ENV)
    if env_value:
        return Path(env_value).expanduser().resolve()
    return (REPO_ROOT.parent / "shared" / "data").resolve()
