"""`python -m pipeline.extract --jsonl -`: code JSON Lines documents from stdin (or a file)."""

from __future__ import annotations

import argparse
import logging
import sys

from pipeline.extract.jsonl import run_jsonl


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.extract", description=__doc__)
    ap.add_argument("--jsonl", required=True, metavar="PATH", help="JSON Lines input; '-' for stdin")
    ap.add_argument("--n-process", type=int, default=1)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    if a.jsonl == "-":
        run_jsonl(sys.stdin, sys.stdout, n_process=a.n_process)
    else:
        with open(a.jsonl, encoding="utf-8") as fh:
            run_jsonl(fh, sys.stdout, n_process=a.n_process)
    return 0


if __name__ == "__main__":
    sys.exit(main())
