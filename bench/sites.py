"""Serve the fetch benchmark's loopback sites from a separate process, so the servers' CPU
does not compete with the client being measured for the GIL.

    python -m bench.sites HOSTS PAGES [LATENCY_S]   # prints one origin per line, serves until killed
"""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime

from devtools.sample_site import SampleArticle, SampleSite


def articles(host: int, pages: int) -> list[SampleArticle]:
    body = ("The ministers met in the capital on Tuesday to discuss trade, energy and security, "
            "officials said, adding that talks would continue next month. ") * 6
    return [SampleArticle(f"story-{host}-{n}", f"Story {n} from host {host}", datetime(2026, 11, 2, tzinfo=UTC),
                          "Bench Desk", (f"Report {n} of host {host}.", body, f"Closing line {n}."))
            for n in range(pages)]


def main(hosts: int, pages: int, latency_s: float = 0.0) -> None:
    sites = [SampleSite(articles(h, pages), host=f"127.0.0.{h}", latency_s=latency_s).start()
             for h in range(1, hosts + 1)]
    for s in sites:
        print(s.origin, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)
