"""``python -m devtools``: the developer commands behind ``make demo`` and ``make airflow``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pipeline.cli import setup_logging


def cmd_demo(args: argparse.Namespace) -> int:
    from devtools.demo import run_demo

    return run_demo(port=args.port, use_airflow=not args.no_airflow)


def cmd_airflow(args: argparse.Namespace) -> int:
    from devtools.airflow_local import run_standalone

    return run_standalone(port=args.port)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m devtools", description=__doc__.splitlines()[0])
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="serve the sample site on loopback, run news_ingest through Airflow, show the result")
    demo.add_argument("--port", type=int, default=8765, help="loopback port for the sample site (default 8765)")
    demo.add_argument("--no-airflow", action="store_true", help="ingest directly, without Airflow")
    demo.set_defaults(func=cmd_demo)

    af = sub.add_parser("airflow", help="run `airflow standalone` on 127.0.0.1 with this project's DAGs")
    af.add_argument("--port", type=int, default=8080)
    af.set_defaults(func=cmd_airflow)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
