"""``make bench``: performance figures as ``name=value`` lines.

Figures are ratios against a baseline measured in the same run where one exists: this
machine is shared and noisy, so absolute numbers move from run to run.

    python -m bench              # everything
    python -m bench extract      # one group: extract, fetch, load, queries, export, cycle, prepare
"""

from __future__ import annotations

import sys
import time

from bench import (
    cycle_bench,
    export_bench,
    extract_bench,
    fetch_bench,
    load_bench,
    prepare_bench,
    queries_bench,
)

GROUPS = {"extract": extract_bench.run, "fetch": fetch_bench.run, "load": load_bench.run,
          "queries": queries_bench.run, "export": export_bench.run, "cycle": cycle_bench.run,
          "prepare": prepare_bench.run}


def main(argv: list[str]) -> int:
    chosen = argv or list(GROUPS)
    unknown = [g for g in chosen if g not in GROUPS]
    if unknown:
        print(f"unknown bench group(s): {', '.join(unknown)}; choose from {', '.join(GROUPS)}", file=sys.stderr)
        return 2
    for name in chosen:
        started = time.perf_counter()
        for key, value in GROUPS[name]().items():
            print(f"{key}={value:.4g}" if isinstance(value, float) else f"{key}={value}", flush=True)
        print(f"bench_{name}_seconds={time.perf_counter() - started:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
