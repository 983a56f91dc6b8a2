"""Start-up: keep spaCy's command-line interface out of ``import spacy``.

``spacy/__init__.py`` imports ``spacy.cli.info`` only to re-export :func:`spacy.info`, and
that loads the whole ``spacy.cli`` package: every training and project command with weasel,
jinja2 and an HTTP client, about 0.2 s of a ``pdmap detect`` run that never uses any of it.
:func:`defer_spacy_cli`, called before spaCy is first imported, makes the import system give
``spacy.cli`` and ``spacy.cli.info`` as stand-ins; the first real use (``spacy.info()``, an
attribute such as ``spacy.cli.download``, ``import spacy.cli.train``) swaps in the real package,
so nothing behaves differently except that only a process that uses it pays for it.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Sequence
from typing import Any

__all__ = ["defer_spacy_cli", "spacy_cli_deferred"]

_PACKAGE = "spacy.cli"
_INFO = "spacy.cli.info"


class _DeferredModule(types.ModuleType):
    """A stand-in that becomes the real module on first attribute access."""

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__") and attribute.endswith("__"):
            raise AttributeError(attribute)  # the import machinery probing, not a use
        return getattr(_load_real(self.__name__), attribute)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real one, imported on the first call."""
    return _load_real(_INFO).info(*args, **kwargs)


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Gives the stand-ins for ``spacy.cli`` and ``spacy.cli.info`` until the real ones are
    needed; any other ``spacy.cli.*`` import swaps in the real package first."""

    def __init__(self, cli_path: str) -> None:
        self.cli_path = cli_path

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname == _PACKAGE:
            spec = importlib.machinery.ModuleSpec(fullname, self, is_package=True)
            spec.submodule_search_locations = [self.cli_path]
            return spec
        if fullname == _INFO:
            return importlib.machinery.ModuleSpec(fullname, self)
        if fullname.startswith(_PACKAGE + "."):
            _load_real(_PACKAGE)  # then the normal finders load the submodule
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _DeferredModule(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        if module.__name__ == _INFO:
            module.info = _info  # type: ignore[attr-defined]  # what spacy/__init__ imports


def _load_real(name: str) -> types.ModuleType:
    """Remove the finder and the stand-ins, import the real ``spacy.cli`` and return ``name``."""
    sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, _Finder)]
    for stand_in in (_INFO, _PACKAGE):
        if isinstance(sys.modules.get(stand_in), _DeferredModule):
            del sys.modules[stand_in]
    package = importlib.import_module(_PACKAGE)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = package  # type: ignore[attr-defined]
    return importlib.import_module(name)


def spacy_cli_deferred() -> bool:
    """Whether ``spacy.cli`` is (still) a stand-in in this process."""
    return isinstance(sys.modules.get(_PACKAGE), _DeferredModule) or any(
        isinstance(finder, _Finder) for finder in sys.meta_path
    )


def defer_spacy_cli() -> bool:
    """Install the stand-ins unless spaCy is imported already; True if they were installed."""
    if "spacy" in sys.modules or spacy_cli_deferred():
        return False
    spec = importlib.util.find_spec("spacy")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return False
    cli_path = f"{next(iter(spec.submodule_search_locations))}/cli"
    sys.meta_path.insert(0, _Finder(cli_path))
    return True
