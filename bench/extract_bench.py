"""Coder throughput against the full spaCy pipeline over every sentence of the same texts.

The corpus is `bench.corpus.bench_texts`: the project's event-dense texts mixed with general
wire copy (see `bench.corpus`; the share of general copy is printed). The baseline is the
full pipeline as shipped (all components, every sentence) through `nlp.pipe` in one process; the coder
is `extract_many(n_process=2)` (`extract_speedup_vs_full_pipeline`), and also in this one
process, `n_process=1` (`extract_speedup_one_process`: per word, with no help from a second
core). The coder's spaCy copy (`pipeline.extract.nlp.load_nlp`) has the same weights and gives
the same annotations as the baseline's; it runs faster components. The machine is shared and
noisy, so the three are timed in alternating rounds and the best round of each is kept.

On a busy machine read `extract_speedup_one_process`: the kernel shares the CPU between
sessions (sched_autogroup), not processes, so while other sessions keep both cores busy a
second worker gets no more CPU than one (measured at load ~8-10: the two workers used the
same CPU time as one process and took as long or longer).

`extract_many` keeps its worker pool for the life of the process (a real ingest codes its
documents in many calls and reuses it), so the rounds measure steady-state throughput: the
pool is started once, before the rounds, by a warm-up call, which is reported on its own (pool
start plus coding the first 16 documents) as `extract_pool_start_s`, not hidden.
"""

from __future__ import annotations

import time

from bench.corpus import bench_texts, mix, words


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run(repeat: int = 2, rounds: int = 5, n_process: int = 2) -> dict[str, float]:
    from pipeline.extract import extract_many
    from pipeline.extract.nlp import load_stock_nlp

    docs = bench_texts(repeat)
    n_words = words(docs)
    nlp = load_stock_nlp()  # the model as shipped, all components
    list(extract_many(docs[:2]))  # warm both paths (model load, lazy tables)
    list(nlp.pipe([d["text"] for d in docs[:2]]))
    # start the coder's long-lived worker pool (2 chunks, so it is used), timed on its own
    pool_start = _timed(lambda: list(extract_many(docs[:16], n_process=n_process)))

    baseline = coder = one = float("inf")
    for _ in range(rounds):
        baseline = min(baseline, _timed(lambda: list(nlp.pipe((d["text"] for d in docs), batch_size=32))))
        coder = min(coder, _timed(lambda: list(extract_many(docs, n_process=n_process))))
        one = min(one, _timed(lambda: list(extract_many(docs, n_process=1))))
    return {
        "extract_words": n_words,
        "extract_docs": len(docs),
        **{f"extract_{k}": round(v, 3) for k, v in mix(docs).items()},
        "extract_n_process": n_process,
        "extract_words_per_s": n_words / coder,
        "extract_full_pipeline_words_per_s": n_words / baseline,
        "extract_speedup_vs_full_pipeline": baseline / coder,
        "extract_one_process_words_per_s": n_words / one,
        "extract_speedup_one_process": baseline / one,
        "extract_pool_start_s": round(pool_start, 3),
    }
