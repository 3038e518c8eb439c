"""A watch list of loopback news sites: many sites, each on its own loopback address with its
own RSS feed of distinct wire stories (a ministers' meeting, a signing, a quote), for the
freshness bench and the concurrency tests.

    python -m devtools.watchlist SITES ARTICLES [LATENCY_S] [NETWORK]
        # serves SITES sites on NETWORK.1, NETWORK.2, ... (default 127.0.1), ARTICLES stories
        # each; prints one feed URL per line, then serves until killed

The stories are generated from a few sentence patterns written for this project; every one
differs in its people, places, subjects and figures, so none is a copy of another.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta

from devtools.sample_site import SampleArticle, SampleSite

# (adjective, capital) of states the coder knows.
STATES = [
    ("French", "Paris"), ("German", "Berlin"), ("Indian", "New Delhi"), ("Japanese", "Tokyo"),
    ("Brazilian", "Brasilia"), ("Kenyan", "Nairobi"), ("Canadian", "Ottawa"), ("Mexican", "Mexico City"),
    ("Indonesian", "Jakarta"), ("Turkish", "Ankara"), ("Egyptian", "Cairo"), ("Polish", "Warsaw"),
    ("Spanish", "Madrid"), ("Nigerian", "Abuja"), ("Australian", "Canberra"), ("Argentine", "Buenos Aires"),
    ("Vietnamese", "Hanoi"), ("Swedish", "Stockholm"), ("Chilean", "Santiago"), ("Moroccan", "Rabat"),
]
GIVEN = ["Amara", "Lukas", "Priya", "Kenji", "Rafael", "Wanjiru", "Claire", "Diego", "Sari", "Emre",
         "Nadia", "Tomasz", "Lucia", "Chinedu", "Grace", "Mateo", "Linh", "Erik", "Camila", "Youssef"]
FAMILY = ["Okafor", "Brandt", "Raman", "Sato", "Moreira", "Kamau", "Tremblay", "Ortega", "Wibowo", "Aydin",
          "Haddad", "Nowak", "Serrano", "Eze", "Hughes", "Alvarez", "Pham", "Lindqvist", "Rojas", "Benali"]
SUBJECTS = ["fisheries", "rail freight", "vaccine production", "border trade", "grain exports",
            "student exchanges", "port investment", "solar power", "water management", "customs data"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _person(k: int) -> str:
    return f"{GIVEN[k % len(GIVEN)]} {FAMILY[(k * 7 + k // len(GIVEN)) % len(FAMILY)]}"


def wire_story(site: int, n: int) -> SampleArticle:
    """Story ``n`` of site ``site``: distinct in people, places, subjects and figures."""
    k = site * 131 + n
    a, b = STATES[k % len(STATES)], STATES[(k * 3 + 1 + site) % len(STATES)]
    if a == b:
        b = STATES[(STATES.index(a) + 1) % len(STATES)]
    guest, host = _person(k), _person(k + 11)
    subject, other = SUBJECTS[k % len(SUBJECTS)], SUBJECTS[(k + 3) % len(SUBJECTS)]
    day = WEEKDAYS[k % len(WEEKDAYS)]
    c = STATES[(k * 7 + 5) % len(STATES)]
    analyst = _person(k + 23)
    year = 2015 + k % 9
    published = datetime(2026, 11, 2, 6, tzinfo=UTC) + timedelta(minutes=7 * n + site)
    paragraphs = (
        f"{b[1].upper()}, Nov 2 - {a[0]} Foreign Minister {guest} met {b[0]} Foreign Minister {host} in "
        f"{b[1]} on {day} for talks on {subject}, officials said.",
        f"The two ministers signed a memorandum on {other} after the talks, according to a statement "
        f"from the {b[0]} foreign ministry.",
        f'"We have agreed to meet again before the end of the year," {guest.split()[-1]} told reporters.',
        f"Trade between the two countries reached {12 + k % 90}.{site % 10} billion dollars last year, "
        f"up {3 + n % 17} percent, according to figures published by desk {site}-{n}.",
        f"Officials on both sides called the talks on {subject} the most detailed in several years. The "
        f"delegations spent much of the day on technical questions, among them inspection rules, financing "
        f"and the timetable for a first review, according to two people familiar with the discussions who "
        f"asked not to be named because the sessions were closed.",
        f"Business groups in {a[1]} welcomed the outcome. The national chamber of commerce said firms had "
        f"waited since {year} for clearer rules on {other}, and that a stable framework would let smaller "
        f"exporters plan {2 + k % 5} or {3 + k % 5} years ahead instead of one season at a time.",
        f"Relations have been uneven. A quarrel over {subject} tariffs in {year} froze ministerial contacts "
        f"for {4 + k % 14} months, and trade fell by about a fifth before it began to recover.",
        f'Analysts were cautious. "Signing a memorandum is the easy part; the working groups are where '
        f'these plans usually stall," said {analyst}, who studies trade policy at a university in {b[1]}. '
        f'"The test is whether they meet on schedule and publish what they agree."',
        f"The ministers are due to see each other again at a regional forum in {c[1]} in the spring, the "
        f"statement said, where officials expect the first progress report on {subject} to be presented.",
    )
    return SampleArticle(f"story-{site}-{n}", f"{a[0]} and {b[0]} ministers meet on {subject} ({site}-{n})",
                         published, f"Desk {site}", paragraphs)


def addresses(sites: int, network: str = "127.0.1") -> list[str]:
    """``sites`` loopback addresses ``network.1`` onwards (at most 254)."""
    if not 1 <= sites <= 254:
        raise ValueError("between 1 and 254 sites per network")
    return [f"{network}.{i}" for i in range(1, sites + 1)]


class WatchList:
    """``with WatchList(50, 10, latency_s=0.05) as w: w.feed_urls`` serves the sites until exit."""

    def __init__(self, sites: int, articles: int, latency_s: float = 0.0, network: str = "127.0.1"):
        self.sites = [SampleSite([wire_story(i, n) for n in range(articles)], host=host, latency_s=latency_s)
                      for i, host in enumerate(addresses(sites, network), 1)]
        self._stack = ExitStack()

    @property
    def origins(self) -> list[str]:
        return [s.origin for s in self.sites]

    @property
    def feed_urls(self) -> list[str]:
        return [s.feed_url for s in self.sites]

    def __enter__(self) -> WatchList:
        for site in self.sites:
            self._stack.enter_context(site)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def __iter__(self) -> Iterator[SampleSite]:
        return iter(self.sites)


def main(argv: list[str]) -> None:
    sites, articles = int(argv[0]), int(argv[1])
    latency = float(argv[2]) if len(argv) > 2 else 0.0
    network = argv[3] if len(argv) > 3 else "127.0.1"
    with WatchList(sites, articles, latency, network) as watch:
        for url in watch.feed_urls:
            print(url, flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main(sys.argv[1:])
