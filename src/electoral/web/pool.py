"""A bounded pool for the expensive requests (forecasts), so that the cheap ones stay fast.

A forecast not yet computed takes seconds of CPU.  Without a bound, 44 parallel requests
with distinct dates held every worker thread and stalled ``/api/health`` for 79 s.  Here:

- answers are cached by their normalised key (year, as-of date, simulations, seed), and a
  cached answer is served on the event loop without touching the pool;
- identical requests in flight share one computation;
- at most ``workers`` computations run at once, at most ``queue`` more wait; beyond that
  the request is refused at once with ``Busy`` (the API's 429 with ``Retry-After``).
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor

#: Forecasts computed at once, and waiting beyond those.
WORKERS = 2
QUEUE = 6
#: Answers kept (each about 60 kB of JSON).
CACHE = 128


class Busy(Exception):
    """The pool and its queue are full: come back in ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many forecasts in progress; retry after {retry_after} s")
        self.retry_after = retry_after


class WorkPool:
    """Run ``fn()`` for a key in a bounded thread pool, caching the bytes it returns."""

    def __init__(self, workers: int = WORKERS, queue: int = QUEUE, cache: int = CACHE) -> None:
        self.workers = workers
        self.capacity = workers + queue
        self._executor: ThreadPoolExecutor | None = None  # started on first use
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

    def retry_after(self) -> int:
        with self._lock:
            waves = max(1, math.ceil(len(self._inflight) / self.workers))
            return max(1, math.ceil(waves * self._seconds))

    def submit(self, key: Hashable, fn: Callable[[], bytes]) -> Future[bytes]:
        """The future of ``fn()`` for ``key``: an existing one if the key is in flight;
        ``Busy`` if the pool is full."""
        with self._lock:
            fut = self._inflight.get(key)
            if fut is not None:
                return fut
            if len(self._inflight) >= self.capacity:
                self.refused += 1
                waves = max(1, math.ceil(len(self._inflight) / self.workers))
                raise Busy(max(1, math.ceil(waves * self._seconds)))
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    self.workers, thread_name_prefix="electoral-work"
                )
            fut = self._executor.submit(self._timed, fn)
            self._inflight[key] = fut
        fut.add_done_callback(lambda f: self._done(key, f))
        return fut

    def _timed(self, fn: Callable[[], bytes]) -> bytes:
        t0 = time.perf_counter()
        body = fn()
        with self._lock:
            self._seconds = 0.7 * self._seconds + 0.3 * (time.perf_counter() - t0)
        return body

    def _done(self, key: Hashable, fut: Future[bytes]) -> None:
        with self._lock:
            self._inflight.pop(key, None)
            if not fut.cancelled() and fut.exception() is None:
                self._cache[key] = fut.result()
                self._cache.move_to_end(key)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)

    async def run(self, key: Hashable, fn: Callable[[], bytes]) -> bytes:
        """``fn()``'s bytes for ``key``: from the cache, a computation in flight, or a new
        one in the pool (``Busy`` when full)."""
        body = self.cached(key)
        if body is not None:
            return body
        # shielded: a client that goes away must not cancel a computation others share
        return await asyncio.shield(asyncio.wrap_future(self.submit(key, fn)))

    def close(self) -> None:
        """Stop the workers (queued work is cancelled); a later request starts new ones."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
