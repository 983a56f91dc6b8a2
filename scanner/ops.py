"""Matrix products for the NER pipelines through numpy (OpenBLAS) instead of blis.

thinc's ``NumpyOps.gemm`` calls blis, whose kernels run about a third as fast as the
OpenBLAS that numpy ships with on the machines pdmap is measured on (30 against 95 GFLOPS on
one core for the 288x288 products of en_core_web_sm's tok2vec). :class:`MatmulOps` is
``NumpyOps`` with ``gemm`` done by ``numpy.matmul``; everything else, including the parser's
own C loop, is unchanged, and the entities found are the same. :func:`use_matmul` switches a
loaded pipeline's models to it. ``pdmap`` limits OpenBLAS to one thread per process
(``OPENBLAS_NUM_THREADS=1``, see ``pdmap.cli.main``): its worker processes are the parallelism.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.language import Language
from thinc.api import Model, NumpyOps

__all__ = ["MatmulOps", "use_matmul"]


class MatmulOps(NumpyOps):  # type: ignore[misc]
    name = "pdmap_matmul"

    def gemm(
        self,
        x: Any,
        y: Any,
        out: Any | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        if trans1:
            x = x.T
        if trans2:
            y = y.T
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


def use_matmul(nlp: Language) -> None:
    """Make every model of ``nlp``'s components use :class:`MatmulOps` (parameters stay as
    they are: both ops keep them in numpy arrays)."""
    ops = MatmulOps()
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
