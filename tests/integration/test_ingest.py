"""`ingest` from the loopback sample site into a real Postgres, checked row by row."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys

import pytest
from sqlalchemy import text

from devtools.sample_site import load_articles
from pipeline.ingest import ingest
from pipeline.sources import FeedSource


def test_ingest_stores_each_sample_article_once_with_its_text_and_metadata(db, fetch_env):
    summary = ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    assert summary["status"] == "success"
    expected = {a.slug: a for a in load_articles()}
    with db.connect() as conn:
        rows = conn.execute(text("SELECT url, canonical_url, title, text, published_at, source FROM articles")).mappings().all()
    assert len(rows) == len(expected) == summary["articles_new"]
    for row in rows:
        slug = row["url"].rsplit("/", 1)[1].removesuffix(".html")
        art = expected[slug]
        assert row["canonical_url"] == row["url"]
        assert art.title in row["title"]
        for paragraph in art.paragraphs:
            assert paragraph[:60] in row["text"]
        assert row["published_at"] == art.published
        assert row["source"] == "127.0.0.1"


def test_a_second_ingest_is_answered_304_and_adds_nothing(db, fetch_env):
    ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    with db.connect() as conn:
        before = conn.execute(text("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM event_mentions),"
                                   " (SELECT count(*) FROM events)")).one()
        etag = conn.execute(text("SELECT etag FROM feeds")).scalar_one()
    assert etag
    second = ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    assert second["feeds"][0]["status"] == "not_modified"
    assert second["articles_new"] == 0
    with db.connect() as conn:
        after = conn.execute(text("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM event_mentions),"
                                  " (SELECT count(*) FROM events)")).one()
    assert tuple(after) == tuple(before)
    assert fetch_env.requests.count("/feed.xml") == 2


def test_ingest_codes_the_events_an_analyst_expects(db, fetch_env):
    ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    with db.connect() as conn:
        events = conn.execute(text("SELECT event_type, parties, actor_names AS actors FROM v_events")).mappings().all()
        speakers = set(conn.execute(text("SELECT speaker FROM v_statements")).scalars())
        market_mentions = conn.execute(text(
            """SELECT count(*) FROM event_mentions m JOIN articles a ON a.id = m.article_id
               WHERE a.url LIKE '%asian-markets-close-higher%'""")).scalar_one()
        run = conn.execute(text("SELECT status, articles_new, mentions, events FROM ingest_runs")).one()
    signings = [e for e in events if e["event_type"] == "signing"]
    assert any({"VNM", "KOR"} <= set(e["parties"]) for e in signings)
    assert any("Mark Rutte" in e["actors"] for e in events if e["event_type"] == "visit")
    assert {"Mark Rutte", "Volodymyr Zelensky", "William Ruto"} <= speakers
    assert market_mentions == 0
    assert run.status == "success" and run.articles_new == 6 and run.events == len(events)


@pytest.mark.usefixtures("db", "database_url_for_tests")
def test_the_cli_ingest_prints_a_json_summary(fetch_env):
    proc = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--feed", fetch_env.feed_url, "--json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout)
    assert summary["status"] == "success" and summary["articles_new"] == 6


def test_an_unreadable_feed_list_exits_non_zero_with_a_clear_message(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--feeds", str(tmp_path / "missing.yaml")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "feed list" in proc.stderr


def test_a_failed_dag_run_closes_its_ingest_run_as_failed(db):
    from pipeline.ingest import mark_run_failed, start_run

    run_pk = start_run(db, dag_id="news_ingest", run_id="scheduled__2026-11-28T00:00:00+00:00", coder="c1")
    mark_run_failed(db, "news_ingest", "scheduled__2026-11-28T00:00:00+00:00")
    with db.connect() as conn:
        row = conn.execute(text("SELECT status, finished_at FROM ingest_runs WHERE id = :id"), {"id": run_pk}).one()
    assert row.status == "failed" and row.finished_at is not None


def test_a_run_that_dies_mid_feed_loses_nothing(db, fetch_env, monkeypatch):
    """The feed's ETag is recorded only once its articles are in, and articles stored but not
    coded are coded by the next run: a crash loses nothing and duplicates nothing."""
    from pipeline import ingest as ingest_module

    calls = {"n": 0}
    real_insert = ingest_module.articles.insert_article

    def crash_on_third(conn, article, feed_id, run_id):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("worker killed")
        return real_insert(conn, article, feed_id, run_id)

    monkeypatch.setattr(ingest_module.articles, "insert_article", crash_on_third)
    with contextlib.suppress(RuntimeError):
        ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    monkeypatch.setattr(ingest_module.articles, "insert_article", real_insert)
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 2
        assert conn.execute(text("SELECT etag FROM feeds")).scalar() is None

    second = ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    assert second["feeds"][0]["status"] == "ok"
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 6
        assert conn.execute(text("SELECT count(DISTINCT url) FROM articles")).scalar() == 6
        # The two articles the dead run stored were coded by the next one.
        assert conn.execute(text("SELECT count(*) FROM article_codings")).scalar() == 6
