"""scanner.ops.MatmulOps: the same products as thinc's blis-backed NumpyOps."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import NumpyOps

from scanner.ops import MatmulOps


@pytest.mark.parametrize(
    ("trans1", "trans2"), [(False, False), (True, False), (False, True), (True, True)]
)
def test_gemm_matches_numpy_ops(trans1: bool, trans2: bool) -> None:
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal((5, 7) if not trans1 else (7, 5)).astype("float32")
    y = rng.standard_normal((7, 3) if not trans2 else (3, 7)).astype("float32")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (5, 3)
    numpy.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    out = numpy.zeros((5, 3), dtype="float32")
    assert MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)
