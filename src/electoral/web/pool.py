"""A bounded pool for the expensive requests (forecasts), so that the cheap ones stay fast.

A forecast not yet computed takes seconds of CPU.  Without a bound, 44 parallel requests
with distinct dates held every worker thread and stalled ``/api/health`` for 79 s.  Here:

- answers are cached by their normalised key (year, as-of date, simulations, seed), and a
  cached answer is served on the event loop without touching the pool;
- identical requests in flight share one computation;
- at most ``workers`` computations run at once, at most ``queue`` more wait; beyond that
  the request is refused at once with ``Busy`` (the API's 429 with ``Retry-After``);
- ``electoral serve`` runs them in worker processes at a lower priority, so that they do
  not hold the interpreter lock the server's event loop needs (tests use threads).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import multiprocessing as mp
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
)
from typing import Any

#: Forecasts computed at once, and waiting beyond those.
WORKERS = 2
QUEUE = 6
#: Answers kept (each about 60 kB of JSON).
CACHE = 128


def _timed(fn: Callable[..., bytes], *args: Any) -> tuple[float, bytes]:
    t0 = time.perf_counter()
    body = fn(*args)
    return time.perf_counter() - t0, body


def _lower_priority() -> None:  # pragma: no cover - runs in the worker processes
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)


class Busy(Exception):
    """The pool and its queue are full: come back in ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many forecasts in progress; retry after {retry_after} s")
        self.retry_after = retry_after


class WorkPool:
    """Run ``fn()`` for a key in a bounded thread pool, caching the bytes it returns."""

    def __init__(
        self,
        workers: int = WORKERS,
        queue: int = QUEUE,
        cache: int = CACHE,
        *,
        processes: bool = False,
    ) -> None:
        self.workers = workers
        self.processes = processes
        self.capacity = workers + queue
        self._executor: Executor | None = None  # started on first use
        self._lock = threading.Lock()
        self._inflight: dict[Hashable, Future[bytes]] = {}
        self._cache: OrderedDict[Hashable, bytes] = OrderedDict()
        self._cache_size = cache
        self._seconds = 5.0  # a running estimate of one computation's duration
        self.refused = 0

    def cached(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._cache.get(key)
            if body is not None:
                self._cache.move_to_end(key)
            return body

    def _retry_after(self) -> int:
        """Seconds until the work in flight is likely done (called holding the lock)."""
        waves = max(1, math.ceil(len(self._inflight) / self.workers))
        return max(1, math.ceil(waves * self._seconds))

    def submit(self, key: Hashable, fn: Callable[..., bytes], *args: Any) -> Future[bytes]:
        """The future of ``fn(*args)`` for ``key``: an existing one if the key is in flight;
        ``Busy`` if the pool is full.  In a process pool ``fn`` and ``args`` must pickle
        (a module-level function and plain values)."""
        with self._lock:
            shared = self._inflight.get(key)
            if shared is not None:
                return shared
            if len(self._inflight) >= self.capacity:
                self.refused += 1
                raise Busy(self._retry_after())
            if self._executor is None:
                self._executor = self._start()
            timed: Future[tuple[float, bytes]] = self._executor.submit(_timed, fn, *args)
            out: Future[bytes] = Future()
            self._inflight[key] = out
        timed.add_done_callback(lambda t: self._done(key, t, out))
        return out

    def _start(self) -> Executor:
        if not self.processes:
            return ThreadPoolExecutor(self.workers, thread_name_prefix="electoral-work")
        # Separate processes: a computation holds no lock the server's event loop needs
        # (the GIL), and runs at a lower priority than the server.
        return ProcessPoolExecutor(
            self.workers, mp_context=mp.get_context("spawn"), initializer=_lower_priority
        )

    def _done(self, key: Hashable, timed: Future[tuple[float, bytes]], fut: Future[bytes]) -> None:
        error = None if timed.cancelled() else timed.exception()
        with self._lock:
            self._inflight.pop(key, None)
            if timed.cancelled():
                pass
            elif error is None:
                seconds, body = timed.result()
                self._seconds = 0.7 * self._seconds + 0.3 * seconds
                self._cache[key] = body
                self._cache.move_to_end(key)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            elif isinstance(error, BrokenExecutor):
                self._executor = None  # a worker died: the next request starts new ones
        if timed.cancelled():
            fut.cancel()
        elif error is not None:
            fut.set_exception(error)
        else:
            fut.set_result(timed.result()[1])

    async def run(self, key: Hashable, fn: Callable[..., bytes], *args: Any) -> bytes:
        """``fn(*args)``'s bytes for ``key``: from the cache, a computation in flight, or a
        new one in the pool (``Busy`` when full)."""
        body = self.cached(key)
        if body is not None:
            return body
        # shielded: a client that goes away must not cancel a computation others share
        return await asyncio.shield(asyncio.wrap_future(self.submit(key, fn, *args)))

    def close(self) -> None:
        """Stop the workers (queued work is cancelled); a later request starts new ones."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
