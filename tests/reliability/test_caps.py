"""The work one feed may cost one poll is bounded: entries fetched, dead letters recorded,
seconds spent; one link listed many times is fetched once. What is left waits for the next
poll (the ETag is not saved), and one dead letter says so."""

from __future__ import annotations

import time

from hostile_server import GOOD_TEXT, article_html, rss
from sqlalchemy import text

from pipeline.config import get_settings
from pipeline.ingest import poll_feed
from pipeline.sources import FeedSource


def _settings(monkeypatch, **env: str) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()


def _pages(server, n: int, prefix: str = "/articles/p") -> list[tuple[str, str]]:
    items = []
    for i in range(n):
        body = GOOD_TEXT.replace("Tuesday", f"day {i}") + f" Reference number {i}."
        items.append((f"story {i}", server.add(f"{prefix}{i}", article_html(f"Story {i}", body))))
    return items


def _article_requests(server) -> list[str]:
    return [p for p in server.paths_requested() if p.startswith("/articles/")]


def test_a_feed_of_20000_entries_costs_one_capped_poll_and_one_summary_letter(db, server, monkeypatch):
    _settings(monkeypatch, PIPELINE_MAX_ENTRIES_PER_FEED="5", PIPELINE_MAX_LETTERS_PER_FEED="10")
    good = _pages(server, 8)
    bad = [(f"bad {i}", f"ftp://127.0.0.1/{i}") for i in range(10_000)]
    missing = [(f"missing {i}", server.url(f"/gone/{i}")) for i in range(10_000)]
    feed = server.add("/big.xml", rss(good + bad + missing), content_type="application/rss+xml",
                      headers={"ETag": '"big-1"'})

    poll = poll_feed(db, FeedSource(url=feed), None)
    assert poll.entries == 10_008 and len(poll.article_ids) == 5 and poll.deferred == 10_003
    assert len(_article_requests(server)) == 5 and not any(p.startswith("/gone/") for p in server.paths_requested())
    with db.connect() as conn:
        letters = conn.execute(text("SELECT reason, detail FROM dead_letters ORDER BY id")).all()
        etag = conn.execute(text("SELECT etag FROM feeds")).scalar()
    assert len(letters) == 12  # 10 bad links, one summary of the other 9,990, one for what waits
    assert [r.reason for r in letters[-2:]] == ["too_many_problems", "over_budget"]
    assert "9990 bad_scheme" in letters[-2].detail and "10003 new entries" in letters[-1].detail
    assert etag is None  # not saved: the next poll reads the feed in full and goes on

    again = poll_feed(db, FeedSource(url=feed), None)
    assert len(again.article_ids) == 3  # the three good pages the first poll left


def test_one_link_listed_fifty_times_is_fetched_once(db, server):
    (title, url), = _pages(server, 1)
    feed = server.add("/dups.xml", rss([(title, url)] * 50), content_type="application/rss+xml")
    poll = poll_feed(db, FeedSource(url=feed), None)
    assert (poll.entries, poll.duplicates, len(poll.article_ids)) == (50, 49, 1)
    assert _article_requests(server) == ["/articles/p0"]


def test_a_feed_stops_fetching_when_its_time_budget_runs_out(db, server, monkeypatch):
    _settings(monkeypatch, PIPELINE_FEED_TIME_BUDGET="2", PIPELINE_PER_HOST_CONCURRENCY="1",
              PIPELINE_MAX_CONCURRENCY="1")
    items = _pages(server, 20)
    for path in [u.split(server.origin)[1] for _, u in items]:
        page = server.routes[path]

        def slow(_handler, page=page):
            time.sleep(0.5)
            return page

        server.route(path, slow)
    feed = server.add("/slow.xml", rss(items), content_type="application/rss+xml", headers={"ETag": '"slow-1"'})
    started = time.monotonic()
    poll = poll_feed(db, FeedSource(url=feed), None)
    elapsed = time.monotonic() - started
    assert 1 <= len(poll.article_ids) < 20 and poll.deferred == 20 - len(poll.article_ids)
    assert elapsed < 2 + 8  # the budget, plus the fetches in flight when it ran out
    with db.connect() as conn:
        assert conn.execute(text("SELECT reason FROM dead_letters")).scalars().all() == ["over_budget"]
        assert conn.execute(text("SELECT etag FROM feeds")).scalar() is None
