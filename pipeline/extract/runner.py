"""Running the coder over many articles: batching, the worker pool, and failure isolation.

Only the sentences that can hold an event are parsed (`sentences.candidates`), the
candidate sentences of a chunk of articles go through one `nlp.pipe` call, and with
``n_process > 1`` whole chunks (pre-filter, spaCy and the rules) are coded in worker
processes, so the rules run on every core too. Chunking does not depend on ``n_process``:
the output is the same for 1 or N processes.

The coder never raises for an article's text: a text that is not a string codes as no
events, a text over `prepare.MAX_TEXT_CHARS` is coded up to that size (the cut is logged),
and an unexpected error in one article is logged with its doc_id and costs that article
only (the rest of its chunk is coded one by one).
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.extract.coder import code_document
from pipeline.extract.nlp import load_nlp
from pipeline.extract.prepare import MAX_TEXT_CHARS, Prepared, model_text, prepare
from pipeline.extract.record import EventRecord

log = logging.getLogger(__name__)

Item = tuple[str, Any, Any, Any]  # (text, published, title, doc_id)


def as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def extract_events(text: str, published: dt.date | None = None, title: str | None = None,
                   doc_id: str | None = None) -> list[EventRecord]:
    """Events in one article."""
    return code_chunk([(text, published, title, doc_id)])[0]


def _prepare(text: Any, doc_id: Any) -> Prepared:
    if not isinstance(text, str):
        text = ""
    prep = prepare(text)
    if prep.truncated:
        log.warning("doc %s: text of %d characters coded up to %d (MAX_TEXT_CHARS=%d)",
                    doc_id, prep.original_length, len(prep.text), MAX_TEXT_CHARS)
    return prep


def code_chunk(items: list[Item]) -> list[list[EventRecord]]:
    """Events of each (text, published, title, doc_id); the candidate sentences of all the
    articles are parsed together through one nlp.pipe call (in this process). An article
    that fails is coded again alone, and codes as no events if it fails again."""
    try:
        return _code_together(items)
    except Exception:  # noqa: BLE001 - isolate the article at fault, below
        if len(items) == 1:
            log.exception("doc %s: the coder failed; coded as no events", items[0][3])
            return [[]]
        return [code_chunk([item])[0] for item in items]


def _code_together(items: list[Item]) -> list[list[EventRecord]]:
    nlp = load_nlp()
    preps = [_prepare(text, doc_id) for text, _p, _t, doc_id in items]
    sents = [(k, i) for k, prep in enumerate(preps) for i in prep.candidates]
    parsed: list[dict[int, Any]] = [{} for _ in preps]
    texts = (model_text(preps[k], i) for k, i in sents)
    for (k, i), doc in zip(sents, nlp.pipe(texts, batch_size=256), strict=True):
        parsed[k][i] = doc
    # (the title is not coded: headlines restate the lead in a grammar of their own)
    return [code_document(prep, parsed[k], as_date(published), None if doc_id is None else str(doc_id))
            for k, (prep, (_t, published, _title, doc_id)) in enumerate(zip(preps, items, strict=True))]


def _item(d: dict) -> Item:
    return (d.get("text") or "", d.get("published"), d.get("title"), d.get("doc_id"))


def _chunks(docs: Iterable[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for d in docs:
        chunk.append(d)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_POOLS: dict[tuple[int, int], Any] = {}  # (pid, n_process) -> worker pool


def _pool(n_process: int, preload: bool = True):
    """This process's pool of `n_process` coder workers, started on first use and kept for the
    life of the process (closed at exit): an ingest codes its documents in several calls, and
    starting a pool costs each call the fork and every worker's warm-up (first-touch page
    copies, the ruler's, lemmatizer's and gazetteer's lazy tables), about 0.2 s, as much as
    coding ~3,000 words. Keyed by pid, so a forked child never uses its parent's pool.

    ``preload``: load the model here before forking, so the workers share it; otherwise each
    worker loads its own, in the background, while this process goes on (an ingest fetches
    meanwhile; loading takes seconds)."""
    key = (os.getpid(), n_process)
    pool = _POOLS.get(key)
    if pool is None:
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods and preload:
            load_nlp()  # loaded once here; forked workers share it
            pool = multiprocessing.get_context("fork").Pool(n_process)
        elif "fork" in methods:
            pool = multiprocessing.get_context("fork").Pool(n_process, initializer=load_nlp)
        else:
            pool = multiprocessing.get_context("spawn").Pool(n_process, initializer=load_nlp)
        _POOLS[key] = pool
    return pool


def start_pool(n_process: int) -> None:
    """Start this process's pool of ``n_process`` coder workers now, each loading the model in
    the background. A caller about to start threads calls this first: forking a process that
    runs other threads can copy a lock another thread holds into the workers. Once the pool
    runs, `extract_many` with the same ``n_process`` codes in it, however little the input
    (and with ``n_process=1``: in one worker process, not in this one)."""
    _pool(max(1, n_process), preload=False)


def close_pools() -> None:
    """Stop the worker pools this process started (also done at exit)."""
    for key in [k for k in _POOLS if k[0] == os.getpid()]:
        pool = _POOLS.pop(key)
        pool.terminate()
        pool.join()


atexit.register(close_pools)


def extract_many(docs: Iterable[dict], n_process: int = 1,
                 batch_size: int = 8) -> Iterator[tuple[dict, list[EventRecord]]]:
    """(doc, events) for each input doc, in input order.

    Docs are coded in chunks of `batch_size` articles. With ``n_process > 1`` and more than
    one chunk of input, chunks are coded in a pool of worker processes (a few chunks in
    flight at a time, so a long stream is not read ahead); the result is identical to
    ``n_process=1``. The pool is started on the first such call and reused by later ones
    (see `_pool`; `close_pools` stops it); a pool started by `start_pool` is used for any
    input, with ``n_process=1`` too.
    """
    chunks = _chunks(docs, max(1, batch_size))
    started = (os.getpid(), max(1, n_process)) in _POOLS
    if n_process <= 1 and not started:
        for chunk in chunks:
            yield from zip(chunk, code_chunk([_item(d) for d in chunk]), strict=True)
        return
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None and not started:  # too little input to pay for starting processes
        yield from zip(first, code_chunk([_item(d) for d in first]), strict=True)
        return
    pending: deque = deque()
    pool = _pool(max(1, n_process))

    def submit(chunk):
        pending.append((chunk, pool.apply_async(code_chunk, ([_item(d) for d in chunk],))))

    submit(first)
    if second is not None:
        submit(second)
    for chunk in chunks:
        while len(pending) >= 2 * n_process:
            done, res = pending.popleft()
            yield from zip(done, res.get(), strict=True)
        submit(chunk)
    while pending:
        done, res = pending.popleft()
        yield from zip(done, res.get(), strict=True)
