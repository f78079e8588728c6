"""Small linear algebra on one BLAS thread.

The forecast's matrices are small (51 states, a few hundred pollsters).  OpenBLAS splits
even those over its threads, and on a busy machine the threads wait for each other: a
51 x 51 eigendecomposition took 16 ms with the default threads and 0.6 ms on one, on the
project's two-core machine under load.  ``single_threaded`` runs a function with BLAS
limited to one thread (``threadpoolctl``), restoring the setting afterwards.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

P = ParamSpec("P")
R = TypeVar("R")


@functools.cache
def _controller() -> ThreadpoolController:
    return ThreadpoolController()


def single_threaded(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` with BLAS on one thread while it runs."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with _controller().limit(limits=1, user_api="blas"):
            return fn(*args, **kwargs)

    return run
