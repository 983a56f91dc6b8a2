"""Start-up: keep packages a detecting process never uses out of its imports.

Two imports cost a ``pdmap detect`` run time for code it never calls:

- ``spacy/__init__.py`` imports ``spacy.cli.info`` only to re-export :func:`spacy.info`, and
  that loads the whole ``spacy.cli`` package: every training and project command with weasel,
  jinja2 and an HTTP client, about 0.2 s.
- ``presidio_analyzer``'s recognizer registry imports ``presidio_analyzer.predefined_recognizers``
  for three NLP-engine recognizer classes, and that package's ``__init__`` imports every one of
  Presidio's predefined recognizers, whose class bodies compile some 170 patterns (the URL
  recognizer's alone takes 0.1 s): about 0.2 s for recognizers pdmap never registers.

:func:`defer_start_up_imports`, called before spaCy and Presidio are first imported, makes the
import system give stand-ins for these packages. A stand-in hands out what its deferral lists
as cheap (the three recognizer classes, from the submodule that defines them; ``spacy.info``,
imported on its first call); the first other use (an attribute such as ``spacy.cli.download``
or ``predefined_recognizers.EmailRecognizer``, or for ``spacy.cli`` any submodule import)
swaps in the real package, so nothing behaves differently except that only a process that
uses it pays for it.

One use is not seen: Presidio's name-based loader (``RecognizerRegistry.
load_predefined_recognizers``, recognizers named in a YAML file) looks its classes up among
``EntityRecognizer``'s subclasses, which exist only once the real package has run. pdmap never
uses it (its registry is built from its own recognizers, :func:`scanner.recognizers.
build_registry`), and only pdmap's command-line entry point installs the stand-ins; code that
loads Presidio's predefined recognizers in such a process calls :func:`undefer` first.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "PRESIDIO_PREDEFINED",
    "SPACY_CLI",
    "Deferral",
    "defer",
    "defer_start_up_imports",
    "deferred",
    "undefer",
]


@dataclass(frozen=True)
class Deferral:
    """One package whose import waits for its first real use."""

    #: the deferred package's dotted name
    package: str
    #: attribute -> submodule (relative to ``package``) that defines it without the package's
    #: ``__init__``; the stand-in gives these without swapping
    cheap: Mapping[str, str] = field(default_factory=dict)
    #: submodule -> names of its functions the stand-in submodule gives; each imports the real
    #: package on its first call (``spacy.cli.info.info``, which ``import spacy`` re-exports)
    functions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: whether importing any other submodule swaps in the real package first (``spacy.cli``'s
    #: submodules register themselves in the package's command app)
    swap_on_submodule: bool = False


SPACY_CLI = Deferral("spacy.cli", functions={"spacy.cli.info": ("info",)}, swap_on_submodule=True)

_NLP_ENGINE_RECOGNIZERS = "nlp_engine_recognizers"
PRESIDIO_PREDEFINED = Deferral(
    "presidio_analyzer.predefined_recognizers",
    cheap={
        "SpacyRecognizer": _NLP_ENGINE_RECOGNIZERS,
        "StanzaRecognizer": _NLP_ENGINE_RECOGNIZERS,
        "TransformersRecognizer": _NLP_ENGINE_RECOGNIZERS,
    },
)


class _DeferredModule(types.ModuleType):
    """A stand-in that becomes the real module on first attribute access, except for the
    attributes its deferral lists as cheap."""

    def __init__(self, name: str, deferral: Deferral) -> None:
        super().__init__(name)
        self.__dict__["_pdmap_deferral"] = deferral

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__") and attribute.endswith("__"):
            raise AttributeError(attribute)  # the import machinery probing, not a use
        deferral: Deferral = self.__dict__["_pdmap_deferral"]
        source = deferral.cheap.get(attribute) if self.__name__ == deferral.package else None
        if source is not None:
            value = getattr(importlib.import_module(f"{deferral.package}.{source}"), attribute)
            setattr(self, attribute, value)
            return value
        return getattr(_load_real(deferral, self.__name__), attribute)


def _lazy_function(deferral: Deferral, module: str, name: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(_load_real(deferral, module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Gives a deferral's stand-ins until the real package is needed."""

    def __init__(self, deferral: Deferral, path: str) -> None:
        self.deferral = deferral
        self.path = path

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        deferral = self.deferral
        if fullname == deferral.package:
            spec = importlib.machinery.ModuleSpec(fullname, self, is_package=True)
            spec.submodule_search_locations = [self.path]  # its submodules load as usual
            return spec
        if fullname in deferral.functions:
            return importlib.machinery.ModuleSpec(fullname, self)
        if deferral.swap_on_submodule and fullname.startswith(deferral.package + "."):
            _load_real(deferral, deferral.package)  # then the normal finders load it
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _DeferredModule(spec.name, self.deferral)

    def exec_module(self, module: types.ModuleType) -> None:
        for name in self.deferral.functions.get(module.__name__, ()):
            setattr(module, name, _lazy_function(self.deferral, module.__name__, name))


def _load_real(deferral: Deferral, name: str) -> types.ModuleType:
    """Remove the finder and the stand-ins, import the real package and return ``name``."""
    sys.meta_path[:] = [
        finder
        for finder in sys.meta_path
        if not (isinstance(finder, _Finder) and finder.deferral is deferral)
    ]
    for stand_in in (*deferral.functions, deferral.package):
        if isinstance(sys.modules.get(stand_in), _DeferredModule):
            del sys.modules[stand_in]
    package = importlib.import_module(deferral.package)
    # submodules imported under the stand-in are reused by the real __init__, which then finds
    # them in sys.modules and so does not bind them as its attributes
    prefix = deferral.package + "."
    for module_name, module in list(sys.modules.items()):
        child = module_name[len(prefix) :]
        if module_name.startswith(prefix) and "." not in child and not hasattr(package, child):
            setattr(package, child, module)
    parent_name, _, attribute = deferral.package.rpartition(".")
    parent = sys.modules.get(parent_name)
    if parent is not None:
        setattr(parent, attribute, package)
    return importlib.import_module(name)


def undefer(deferral: Deferral) -> None:
    """Swap in ``deferral``'s real package now (nothing happens if it is not deferred)."""
    if deferred(deferral):
        _load_real(deferral, deferral.package)


def deferred(deferral: Deferral) -> bool:
    """Whether ``deferral``'s package is (still) a stand-in in this process."""
    return isinstance(sys.modules.get(deferral.package), _DeferredModule) or any(
        isinstance(finder, _Finder) and finder.deferral is deferral for finder in sys.meta_path
    )


def defer(deferral: Deferral) -> bool:
    """Install ``deferral``'s stand-ins unless its top-level package is imported already (its
    ``__init__`` may have imported the package); True if they were installed."""
    top, _, rest = deferral.package.partition(".")
    if top in sys.modules or deferred(deferral):
        return False
    spec = importlib.util.find_spec(top)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return False
    path = "/".join((next(iter(spec.submodule_search_locations)), *filter(None, rest.split("."))))
    sys.meta_path.insert(0, _Finder(deferral, path))
    return True


def defer_start_up_imports() -> None:
    """Defer spaCy's command-line package and Presidio's predefined recognizers."""
    defer(SPACY_CLI)
    defer(PRESIDIO_PREDEFINED)
