"""The event coder: article text + publication date → political event mentions.

Pure and deterministic: no I/O beyond loading the spaCy model and the actor dictionary once.
Each event is a dict in the project's extraction contract (see `coder._to_dict`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from pipeline.extract.coder import CODER_VERSION, code_document, prepare
from pipeline.extract.nlp import bench_words_per_s, full_pipeline_baseline, load_nlp

__all__ = [
    "CODER_VERSION", "extract_events", "extract_many", "load_nlp", "full_pipeline_baseline",
    "bench_words_per_s",
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
    nlp = load_nlp()
    prep = prepare(text or "")
    parsed = dict(zip(prep.candidates, nlp.pipe(prep.sentences[i].text for i in prep.candidates), strict=True))
    return code_document(prep, parsed, _as_date(published), title, doc_id)


def extract_many(docs: Iterable[dict], n_process: int = 1, batch_size: int = 32) -> Iterator[tuple[dict, list[dict]]]:
    """(doc, events) for each input doc, in input order; candidate sentences of many docs are
    parsed together through nlp.pipe."""
    nlp = load_nlp()
    chunk: list[tuple[dict, object]] = []

    def flush():
        sents = [(k, i, prep.sentences[i].text) for k, (_d, prep) in enumerate(chunk) for i in prep.candidates]
        parsed: list[dict[int, object]] = [{} for _ in chunk]
        texts = (s for _k, _i, s in sents)
        for (k, i, _s), doc in zip(sents, nlp.pipe(texts, batch_size=batch_size * 8, n_process=n_process), strict=True):
            parsed[k][i] = doc
        for k, (d, prep) in enumerate(chunk):
            yield d, code_document(prep, parsed[k], _as_date(d.get("published")), d.get("title"),
                                   None if d.get("doc_id") is None else str(d.get("doc_id")))

    for d in docs:
        chunk.append((d, prepare(d.get("text") or "")))
        if len(chunk) >= batch_size:
            yield from flush()
            chunk = []
    if chunk:
        yield from flush()
