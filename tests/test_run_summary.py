"""The one line a run ends with (finish_run's log line in Airflow, `pipeline ingest`'s summary)
is read by people: counts of one are singular."""

from __future__ import annotations

from pipeline.ingest import describe_run


def test_the_summary_line_says_one_feed_and_many_articles():
    line = describe_run({"feeds_polled": 1, "articles_new": 6, "events": 1, "dead_letters": 0}, [])
    assert line == "1 feed polled, 0 failing, 6 new articles, 1 event, 0 dead letters"


def test_the_summary_line_names_each_broken_feed_and_why():
    broken = [{"url": "http://a.example/rss", "error": "HTTP 404", "skipped": False},
              {"url": "http://b.example/rss", "error": None, "skipped": True}]
    line = describe_run({"feeds_polled": 3, "articles_new": 1, "events": 0, "dead_letters": 1}, broken)
    assert line == ("3 feeds polled, 2 failing (http://a.example/rss: HTTP 404; "
                    "http://b.example/rss: unknown error (backing off)), 1 new article, 0 events, 1 dead letter")


def test_a_feeds_line_says_what_a_poll_found():
    from pipeline.ingest import FeedPoll

    poll = FeedPoll(feed_url="http://a.example/rss", status="ok", entries=1, article_ids=[7], skipped_known=0)
    assert poll.describe() == "http://a.example/rss: ok, 1 entry, 1 new article, 0 already stored, 0 dead letters"
    assert FeedPoll(feed_url="http://a.example/rss", status="not_modified").describe() == (
        "http://a.example/rss: unchanged since the last poll (HTTP 304 Not Modified), nothing to fetch")


def test_a_backfill_poll_names_the_archive_it_read_instead_of_the_live_feed():
    from pipeline.ingest import FeedPoll

    poll = FeedPoll(feed_url="http://a.example/rss", status="ok", entries=12, article_ids=[], skipped_known=1,
                    archive="http://a.example/archive/2026-11-25.xml")
    assert poll.describe() == ("http://a.example/rss: backfill from its archive http://a.example/archive/2026-11-25.xml:"
                               " ok, 12 entries in the archive, 0 new articles inside the run's interval,"
                               " 1 already stored, 0 dead letters")
