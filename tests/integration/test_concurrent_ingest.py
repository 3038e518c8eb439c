"""One ingest run over feeds on several loopback hosts (127.0.2.x): hosts are fetched at the
same time, each host within its politeness limits, and every article is stored and coded."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import text

from devtools.sample_site import SampleSite
from devtools.watchlist import WatchList, wire_story
from pipeline.config import get_settings
from pipeline.ingest import ingest
from pipeline.sources import FeedSource


@pytest.fixture
def politeness(monkeypatch):
    def configure(origins: list[str], *, per_host: int, delay_s: float) -> None:
        monkeypatch.setenv("PIPELINE_FETCH_ALLOW", ",".join(origins))
        monkeypatch.setenv("PIPELINE_PER_HOST_CONCURRENCY", str(per_host))
        monkeypatch.setenv("PIPELINE_PER_HOST_DELAY", str(delay_s))
        get_settings.cache_clear()

    yield configure
    get_settings.cache_clear()


def _overlap(a: list[tuple[str, float, float]], b: list[tuple[str, float, float]]) -> float:
    """Seconds during which a request to one site and a request to the other were both open."""
    return sum(max(0.0, min(ea, eb) - max(sa, sb)) for (_p, sa, ea), (_q, sb, eb) in itertools.product(a, b))


def test_two_hosts_are_fetched_at_once_and_neither_exceeds_its_per_host_limit(db, politeness):
    # Host 127.0.2.1 serves two feeds (two ports: one host for politeness), 127.0.2.2 one feed.
    a1 = SampleSite([wire_story(1, n) for n in range(4)], host="127.0.2.1", latency_s=0.2)
    a2 = SampleSite([wire_story(2, n) for n in range(4)], host="127.0.2.1", latency_s=0.2)
    b = SampleSite([wire_story(3, n) for n in range(4)], host="127.0.2.2", latency_s=0.2)
    with a1, a2, b:
        politeness([a1.origin, a2.origin, b.origin], per_host=1, delay_s=0)
        summary = ingest([FeedSource(url=s.feed_url) for s in (a1, a2, b)], engine=db)
    host_a = sorted(a1.timeline + a2.timeline, key=lambda r: r[1])
    assert summary["status"] == "success" and summary["articles_new"] == 12
    # Host A's requests never overlapped one another, across its two feeds (each takes 0.2 s; the
    # server notes a request's end just after sending it, so allow that moment)...
    assert all(nxt[1] >= prev[2] - 0.05 for prev, nxt in itertools.pairwise(host_a)), host_a
    # ...while host B was being fetched at the same time (sequential polling overlaps 0 s).
    assert _overlap(host_a, b.timeline) > 0.6
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(DISTINCT article_id) FROM article_codings")).scalar() == 12


def test_the_per_host_delay_spaces_every_request_to_a_host_whatever_feed_it_serves(db, politeness):
    a1 = SampleSite([wire_story(4, n) for n in range(3)], host="127.0.2.3")
    a2 = SampleSite([wire_story(5, n) for n in range(3)], host="127.0.2.3")
    with a1, a2:
        politeness([a1.origin, a2.origin], per_host=2, delay_s=0.3)
        ingest([FeedSource(url=a1.feed_url), FeedSource(url=a2.feed_url)], engine=db)
    starts = sorted(start for _p, start, _e in a1.timeline + a2.timeline)
    assert len(starts) == 2 + 2 + 6  # robots.txt (per origin), the feeds, the articles
    # Measured where the server starts handling, so a busy machine shifts single starts a little:
    # every gap is most of the delay, and the requests as a whole take the delays they owe.
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.15, gaps
    assert starts[-1] - starts[0] >= 9 * 0.3 - 0.1, gaps


def test_fifty_feeds_on_ten_hosts_store_and_code_every_article_once(db, politeness):
    with WatchList(10, 5, network="127.0.2") as watch:
        politeness(watch.origins, per_host=2, delay_s=0)
        summary = ingest([FeedSource(url=u) for u in watch.feed_urls], engine=db)
    assert summary["status"] == "success"
    assert [p["feed_url"] for p in summary["feeds"]] == watch.feed_urls  # polls in the feed list's order
    with db.connect() as conn:
        row = conn.execute(text("""SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT url) FROM articles),
                                          (SELECT count(*) FROM article_codings),
                                          (SELECT count(*) FROM v_events WHERE event_type = 'signing')""")).one()
    assert tuple(row[:3]) == (50, 50, 50)
    assert row[3] > 0
    assert summary["articles_new"] == 50 and summary["events"] > 0


def test_articles_a_run_stored_but_could_not_code_are_coded_by_the_next_run(db, politeness, monkeypatch):
    from pipeline import ingest as ingest_module

    with WatchList(3, 4, network="127.0.2") as watch:
        politeness(watch.origins, per_host=2, delay_s=0)
        sources = [FeedSource(url=u) for u in watch.feed_urls]

        def database_gone(*_args, **_kwargs):
            raise ConnectionError("database went away while coding")

        monkeypatch.setattr(ingest_module, "extract_articles", database_gone)
        with pytest.raises(ConnectionError):
            ingest(sources, engine=db)
        monkeypatch.undo()
        politeness(watch.origins, per_host=2, delay_s=0)
        with db.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 12
            assert conn.execute(text("SELECT count(*) FROM article_codings")).scalar() == 0
            assert conn.execute(text("SELECT status FROM ingest_runs")).scalar() == "failed"
        second = ingest(sources, engine=db)
    assert {p["status"] for p in second["feeds"]} == {"not_modified"}  # ETags were recorded...
    with db.connect() as conn:  # ...and the stored articles still got coded
        assert conn.execute(text("SELECT count(*) FROM article_codings")).scalar() == 12
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 12


def test_articles_are_coded_while_other_feeds_are_still_being_fetched(db, politeness):
    from pipeline.extract import extract_many
    from pipeline.extract.runner import start_pool

    politeness([], per_host=1, delay_s=0.5)
    processes = get_settings().coder_processes
    start_pool(processes)  # a warm coder: this test is about overlap, not the model's load time
    list(extract_many([{"doc_id": "warm", "text": "The minister met the president."}], n_process=processes))
    # Two hosts, 32 requests each, 0.5 s apart: about 16 s of fetching; the first batch of 25
    # articles is stored about half way through.
    with WatchList(2, 30, network="127.0.2") as watch:
        politeness(watch.origins, per_host=1, delay_s=0.5)
        summary = ingest([FeedSource(url=u) for u in watch.feed_urls], engine=db)
    assert summary["articles_new"] == 60
    with db.connect() as conn:
        first_coded, last_fetched, coded = conn.execute(text(
            """SELECT (SELECT min(coded_at) FROM article_codings), (SELECT max(fetched_at) FROM articles),
                      (SELECT count(*) FROM article_codings)""")).one()
    assert coded == 60
    assert first_coded < last_fetched  # coding after fetching everything would be later
