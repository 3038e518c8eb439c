"""`python -m pipeline.extract --jsonl -`: code JSON Lines documents from stdin (or a file)."""

from __future__ import annotations

import argparse
import logging
import sys

from pipeline.extract.jsonl import main_jsonl


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.extract", description=__doc__)
    ap.add_argument("--jsonl", required=True, metavar="PATH", help="JSON Lines input; '-' for stdin")
    ap.add_argument("--n-process", type=int, default=1)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    return main_jsonl(a.jsonl, n_process=a.n_process)


if __name__ == "__main__":
    sys.exit(main())
