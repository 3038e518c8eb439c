"""The event coder: article text + publication date → political event mentions.

Pure and deterministic: no I/O beyond loading the spaCy model and the actor dictionary once.
Each event is a dict in the project's extraction contract (see `coder._to_dict`).

Speed: only the sentences that can hold an event are parsed (`nlp.is_candidate`), many
articles' sentences go through one `nlp.pipe` call, and with ``n_process > 1`` whole chunks
of articles (pre-filter, spaCy and the rules) are coded in worker processes, so the rules
run on every core too. Chunking does not depend on ``n_process``: the output is the same
for 1 or N processes.
"""

from __future__ import annotations

import atexit
import datetime as dt
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator

from pipeline.extract.coder import CODER_VERSION, code_document, prepare
from pipeline.extract.nlp import bench_words_per_s, full_pipeline_baseline, load_nlp

__all__ = [
    "CODER_VERSION", "extract_events", "extract_many", "load_nlp", "full_pipeline_baseline",
    "bench_words_per_s", "close_pools",
]


def _as_date(value) -> dt.date | None:
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
                   doc_id: str | None = None) -> list[dict]:
    """Events in one article."""
    return _code_chunk([(text, published, title, doc_id)])[0]


def _code_chunk(items: list[tuple]) -> list[list[dict]]:
    """Events of each (text, published, title, doc_id); the candidate sentences of all the
    articles are parsed together through one nlp.pipe call (in this process)."""
    nlp = load_nlp()
    preps = [prepare(text or "") for text, *_ in items]
    sents = [(k, i) for k, prep in enumerate(preps) for i in prep.candidates]
    parsed: list[dict[int, object]] = [{} for _ in preps]
    texts = (parse_text(preps[k], i) for k, i in sents)
    for (k, i), doc in zip(sents, nlp.pipe(texts, batch_size=256), strict=True):
        parsed[k][i] = doc
    return [code_document(prep, parsed[k], _as_date(published), title, None if doc_id is None else str(doc_id))
            for k, (prep, (_t, published, title, doc_id)) in enumerate(zip(preps, items, strict=True))]


KEEP_QUOTE_WORDS = 1  # words kept at the end of each quotation
_TRAILING = re.compile(r"[\s,.;:!?…\-–—]*$")


def parse_text(prep, i: int) -> str:
    """What spaCy reads for sentence `i`: its text with the words inside quotation marks (all
    but the last, which keeps the parser's and NER's view of the quote's edge natural)
    replaced by one filler token of the same length. The rules never read quoted tokens
    (quotations are not the reporter's events, and a speaker is found outside the marks), so
    the model need not analyse them; the character offsets stay those of the sentence."""
    s = prep.sentences[i]
    chars = None
    for q in prep.quotes:
        for a, b in q.parts:
            lo, hi = max(a, s.start), min(b, s.end)
            if hi - lo < 8:
                continue
            seg = s.text[lo - s.start:hi - s.start]
            core = seg.strip()
            if not core:
                continue
            lead = seg.index(core[0])
            core = core[:len(core) - len(_TRAILING.search(core).group())]
            # the last words stay: they give the parser and NER the quotation's edge
            words = core.split(" ")
            core = " ".join(words[:-KEEP_QUOTE_WORDS]) if len(words) > KEEP_QUOTE_WORDS else ""
            if len(core) < 8:
                continue
            if chars is None:
                chars = list(s.text)
            x = lo - s.start + lead
            chars[x:x + len(core)] = "x" * len(core)
    return s.text if chars is None else "".join(chars)


def _item(d: dict) -> tuple:
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


_POOLS: dict[tuple[int, int], object] = {}  # (pid, n_process) -> worker pool


def _pool(n_process: int):
    """This process's pool of `n_process` coder workers, started on first use and kept for the
    life of the process (closed at exit): an ingest codes its documents in several calls, and
    starting a pool costs each call the fork and every worker's warm-up (first-touch page
    copies, the ruler's, lemmatizer's and gazetteer's lazy tables), about 0.2 s, as much as
    coding ~3,000 words. Keyed by pid, so a forked child never uses its parent's pool."""
    key = (os.getpid(), n_process)
    pool = _POOLS.get(key)
    if pool is None:
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:
            load_nlp()  # loaded once here; forked workers share it
            pool = multiprocessing.get_context("fork").Pool(n_process)
        else:
            pool = multiprocessing.get_context("spawn").Pool(n_process, initializer=load_nlp)
        _POOLS[key] = pool
    return pool


def close_pools() -> None:
    """Stop the worker pools this process started (also done at exit)."""
    for key in [k for k in _POOLS if k[0] == os.getpid()]:
        pool = _POOLS.pop(key)
        pool.terminate()
        pool.join()


atexit.register(close_pools)


def extract_many(docs: Iterable[dict], n_process: int = 1, batch_size: int = 8) -> Iterator[tuple[dict, list[dict]]]:
    """(doc, events) for each input doc, in input order.

    Docs are coded in chunks of `batch_size` articles. With ``n_process > 1`` and more than
    one chunk of input, chunks are coded in a pool of worker processes (a few chunks in
    flight at a time, so a long stream is not read ahead); the result is identical to
    ``n_process=1``. The pool is started on the first such call and reused by later ones
    (see `_pool`; `close_pools` stops it).
    """
    chunks = _chunks(docs, max(1, batch_size))
    if n_process <= 1:
        for chunk in chunks:
            yield from zip(chunk, _code_chunk([_item(d) for d in chunk]), strict=True)
        return
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None:  # too little input to pay for starting processes
        yield from zip(first, _code_chunk([_item(d) for d in first]), strict=True)
        return
    pending: deque = deque()
    pool = _pool(n_process)

    def submit(chunk):
        pending.append((chunk, pool.apply_async(_code_chunk, ([_item(d) for d in chunk],))))

    submit(first)
    submit(second)
    for chunk in chunks:
        while len(pending) >= 2 * n_process:
            done, res = pending.popleft()
            yield from zip(done, res.get(), strict=True)
        submit(chunk)
    while pending:
        done, res = pending.popleft()
        yield from zip(done, res.get(), strict=True)
