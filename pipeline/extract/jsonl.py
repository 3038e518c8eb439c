"""JSON Lines in, JSON Lines out: the loop behind `python -m pipeline extract --jsonl -` (and
`python -m pipeline.extract --jsonl -`).

Input: one document per line, `{"doc_id", "text", "published", "title"}`. Output: one event
per line. A bad line (not UTF-8, not JSON, not an object, a field of the wrong type) costs
that line only: one error line on stderr naming its doc_id (or line number), the other
documents are coded, and the summary says how many were refused, so the caller can exit
non-zero at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from pipeline.extract.runner import extract_many

log = logging.getLogger(__name__)


@dataclass
class JsonlSummary:
    documents: int = 0  # coded
    events: int = 0
    refused: int = 0  # bad lines, reported on stderr

    def __int__(self) -> int:  # the number of events written (what run_jsonl used to return)
        return self.events


class BadDocument(ValueError):
    """A line that is not a document the coder can read."""


def parse_line(line: bytes | str, n: int) -> dict[str, Any]:
    """The document on line `n`, checked; raises `BadDocument` with a message naming it."""
    if isinstance(line, bytes):
        raw = line
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadDocument(f"line {n}{_doc_hint(raw)}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        d = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadDocument(f"line {n}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(d, dict):
        raise BadDocument(f"line {n}: a JSON {type(d).__name__}, not an object with doc_id and text")
    name = f"doc {d['doc_id']!r} (line {n})" if "doc_id" in d else f"line {n}"
    if d.get("doc_id") is not None and not isinstance(d["doc_id"], str | int):
        raise BadDocument(f"{name}: doc_id must be a string or a number, not {type(d['doc_id']).__name__}")
    for key in ("text", "title"):
        if d.get(key) is not None and not isinstance(d[key], str):
            raise BadDocument(f"{name}: {key} must be a string, not {type(d[key]).__name__}")
    pub = d.get("published")
    if pub not in (None, ""):
        try:
            dt.date.fromisoformat(str(pub)[:10])
        except ValueError:
            raise BadDocument(f"{name}: published must be an ISO date (YYYY-MM-DD), not {pub!r}") from None
    return d


def _doc_hint(raw: bytes) -> str:
    """ ' (doc "x")' when the doc_id can be read from an undecodable line."""
    try:
        d = json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError:
        return ""
    return f" (doc {d['doc_id']!r})" if isinstance(d, dict) and "doc_id" in d else ""


def read_docs(instream: Iterable[bytes | str], summary: JsonlSummary) -> Iterator[dict]:
    for n, line in enumerate(instream, 1):
        if not line.strip():
            continue
        try:
            yield parse_line(line, n)
        except BadDocument as exc:
            summary.refused += 1
            print(f"error: {exc}; skipped", file=sys.stderr, flush=True)


def run_jsonl(instream: IO[bytes] | IO[str] | Iterable[bytes | str], outstream: IO[str],
              n_process: int = 1) -> JsonlSummary:
    """Code every document read from `instream` (bytes lines preferred: a line that is not
    UTF-8 is then refused alone); write one event per line."""
    summary = JsonlSummary()
    for _doc, events in extract_many(read_docs(instream, summary), n_process=n_process):
        summary.documents += 1
        for ev in events:
            outstream.write(json.dumps(ev, ensure_ascii=False) + "\n")
            summary.events += 1
    outstream.flush()
    log.info("coded %d documents, %d events%s", summary.documents, summary.events,
             f"; {summary.refused} bad lines skipped" if summary.refused else "")
    return summary


def main_jsonl(source: str, n_process: int = 1) -> int:
    """Run over a path or '-' (stdin), read as bytes; the exit code: 0, or 2 when a line was refused."""
    if source == "-":
        summary = run_jsonl(sys.stdin.buffer, sys.stdout, n_process=n_process)
    else:
        try:
            fh = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            print(f"error: cannot read {source}: {exc.strerror}", file=sys.stderr)
            return 2
        with fh:
            summary = run_jsonl(fh, sys.stdout, n_process=n_process)
    return 2 if summary.refused else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main_jsonl("-"))
