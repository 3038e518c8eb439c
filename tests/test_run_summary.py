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
