"""Coder throughput against the full spaCy pipeline over every sentence of the same texts."""

from __future__ import annotations

import time

from bench.corpus import own_texts, words


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run(repeat: int = 3) -> dict[str, float]:
    from pipeline.extract import extract_many, load_nlp

    docs = own_texts() * repeat
    n_words = words(docs)
    nlp = load_nlp()
    list(extract_many(docs[:2]))  # warm both paths (model load, lazy tables)
    list(nlp.pipe([d["text"] for d in docs[:2]]))

    baseline = _timed(lambda: list(nlp.pipe((d["text"] for d in docs), batch_size=32)))
    coder = _timed(lambda: list(extract_many(docs, n_process=2)))
    return {
        "extract_words": n_words,
        "extract_words_per_s": n_words / coder,
        "extract_full_pipeline_words_per_s": n_words / baseline,
        "extract_speedup_vs_full_pipeline": baseline / coder,
    }
