"""One scheduler over all the feeds of a run: feeds are polled concurrently, and the articles
they store are coded in batches while the other feeds are still being fetched.

Politeness is not decided here. Every feed of a run shares one ``Fetcher``, whose client holds
the global request limit and, per host, robots.txt, the delay between requests and the number
of requests in flight. The scheduler only decides which feeds are in flight: a politeness delay
now keeps one host waiting, not the whole run. Feeds are started round-robin by host, so the
feeds queued behind one host's turn never hold every worker while other hosts sit idle.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")
R = TypeVar("R")


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def round_robin_by_host(items: Sequence[T], url: Callable[[T], str]) -> list[T]:
    """``items`` reordered so that consecutive items name different hosts where they can:
    the first item of every host, then the second of every host, and so on (stable)."""
    queues: OrderedDict[str, list[T]] = OrderedDict()
    for item in items:
        queues.setdefault(host_of(url(item)), []).append(item)
    ordered: list[T] = []
    depth = 0
    while len(ordered) < len(items):
        ordered.extend(q[depth] for q in queues.values() if depth < len(q))
        depth += 1
    return ordered


def run_concurrently(items: Sequence[T], work: Callable[[T], R], workers: int) -> list[R]:
    """``work(item)`` for every item, at most ``workers`` at a time; results in input order.

    An exception does not abandon work in flight (each item's own transactions finish), but no
    further item starts; the first exception is raised once the running ones are done.
    """
    if not items:
        return []
    workers = max(1, min(workers, len(items)))
    results: dict[int, R] = {}
    failure: BaseException | None = None
    queue = iter(enumerate(items))
    with concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="pipeline-feed") as pool:
        running: dict[concurrent.futures.Future[R], int] = {}
        while True:
            while failure is None and len(running) < workers and (nxt := next(queue, None)) is not None:
                running[pool.submit(work, nxt[1])] = nxt[0]
            if not running:
                break
            done, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                index = running.pop(future)
                try:
                    results[index] = future.result()
                except BaseException as exc:  # noqa: BLE001 - raised below, once the running ones are done
                    failure = failure or exc
    if failure is not None:
        raise failure
    return [results[i] for i in range(len(items))]


class BatchCoder:
    """Codes article ids in batches on background threads while producers keep adding them.

    ``code(ids)`` runs for batches of up to ``batch_size`` ids, each id once, on up to
    ``workers`` threads at a time; a batch starts as soon as it is full, or ``linger_s`` after
    its first id arrived. If ``code`` raises, coding stops (what is stored stays stored: the
    next run codes it, see ``article_codings``) and :meth:`close` raises that error once the
    producers are done.
    """

    def __init__(self, code: Callable[[list[int]], object], batch_size: int, linger_s: float = 0.5,
                 workers: int = 1):
        self._code = code
        self._batch_size = max(1, batch_size)
        self._linger_s = linger_s
        self._pending: list[int] = []
        self._seen: set[int] = set()
        self._closed = False
        self._lingering = False
        self._error: BaseException | None = None
        self._ready = threading.Condition()
        self._threads = [threading.Thread(target=self._run, name=f"pipeline-coder-{n}", daemon=True)
                         for n in range(max(1, workers))]
        for thread in self._threads:
            thread.start()

    def add(self, article_ids: Iterable[int]) -> None:
        with self._ready:
            fresh = [i for i in article_ids if i not in self._seen]
            self._seen.update(fresh)
            if self._error is None:
                self._pending.extend(fresh)
            self._ready.notify_all()

    def close(self) -> None:
        """Code what is still pending, stop the threads; raise the error coding stopped on."""
        with self._ready:
            self._closed = True
            self._ready.notify_all()
        for thread in self._threads:
            thread.join()
        if self._error is not None:
            raise self._error

    def _next_batch(self) -> list[int] | None:
        with self._ready:
            # One thread at a time waits for a batch to fill; the others wait for a full one.
            while not self._closed and self._error is None and (
                    not self._pending or (self._lingering and len(self._pending) < self._batch_size)):
                self._ready.wait()
            if not self._pending or self._error is not None:
                return None
            if len(self._pending) < self._batch_size and not self._closed:
                self._lingering = True
                deadline = time.monotonic() + self._linger_s
                while len(self._pending) < self._batch_size and not self._closed \
                        and (remaining := deadline - time.monotonic()) > 0:
                    self._ready.wait(remaining)
                self._lingering = False
            batch = self._pending[:self._batch_size]
            del self._pending[:self._batch_size]
            self._ready.notify_all()
            return batch

    def _run(self) -> None:
        while (batch := self._next_batch()) is not None:
            try:
                self._code(batch)
            except BaseException as exc:  # noqa: BLE001 - handed to close()
                with self._ready:
                    self._error = self._error or exc
                    self._pending.clear()
                    self._ready.notify_all()
                return
