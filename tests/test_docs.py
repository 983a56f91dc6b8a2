"""The documentation stays true: every CLI command and option is in the README, the README's
test command is what CI runs, and each package's ``__all__`` names real objects."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from pdmap.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[Any]:
    group: Any = typer.main.get_command(app)
    return [group, *group.commands.values()]


@pytest.mark.parametrize("command", commands(), ids=lambda c: c.name or "pdmap")
def test_every_command_and_option_documented(command: Any) -> None:
    if command.name != "pdmap":
        assert f"`pdmap {command.name}`" in README
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert f"`{opt}`" in README, f"{command.name}: {opt} is not in README.md"


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in README
    assert re.search(r"^python -m pytest -q$", ci, re.MULTILINE)


@pytest.mark.parametrize("package", ["scanner", "connectors", "datamap", "reports", "pdmap"])
def test_public_surface_is_complete(package: str) -> None:
    module = importlib.import_module(package)
    names = module.__all__
    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(module, name), f"{package}.__all__ names missing {name}"
