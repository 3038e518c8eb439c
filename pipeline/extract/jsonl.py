"""JSON Lines in, JSON Lines out: the loop behind `python -m pipeline.extract --jsonl -` and the
main CLI's `extract --jsonl`."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from typing import IO

from pipeline.extract import extract_many

log = logging.getLogger(__name__)


def _read_docs(instream: IO[str]) -> Iterator[dict]:
    for n, line in enumerate(instream, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            log.warning("line %d: not JSON (%s); skipped", n, exc)
            continue
        if not isinstance(d, dict):
            log.warning("line %d: not an object; skipped", n)
            continue
        yield d


def run_jsonl(instream: IO[str], outstream: IO[str], n_process: int = 1) -> int:
    """Code every document read from `instream`; write one event per line. Returns events written."""
    written = 0
    docs = 0
    for _doc, events in extract_many(_read_docs(instream), n_process=n_process):
        docs += 1
        for ev in events:
            outstream.write(json.dumps(ev, ensure_ascii=False) + "\n")
            written += 1
    outstream.flush()
    log.info("coded %d documents, %d events", docs, written)
    return written


if __name__ == "__main__":  # pragma: no cover
    run_jsonl(sys.stdin, sys.stdout)
