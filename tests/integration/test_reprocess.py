"""Re-coding stored articles: same version changes nothing, a new label adds a version beside
the old one, the views follow the newest unless one is chosen, and prune retires a version."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from pipeline.ingest import coder_version, ingest
from pipeline.reprocess import MAX_CHUNKS, plan_chunks, plan_reprocess, reprocess_chunk
from pipeline.sources import FeedSource
from pipeline.store.feeds import ensure_feed


def _cli(*args):
    proc = subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def _snapshot(db):
    with db.connect() as conn:
        return (conn.execute(text("SELECT id, mention_key, event_id FROM event_mentions ORDER BY id")).all(),
                conn.execute(text("SELECT id, num_mentions, updated_at FROM events ORDER BY id")).all())


def test_recoding_with_the_same_version_changes_no_row(db, fetch_env):
    ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    before = _snapshot(db)
    proc = subprocess.run([sys.executable, "-m", "pipeline", "reprocess", "--since", "2026-11-20", "--until",
                           "2026-11-30"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout)
    assert summary["articles"] == 6 and summary["mentions_added"] == 0
    assert _snapshot(db) == before
    # stdout stays one JSON object; the person at the terminal gets one line on stderr.
    assert proc.stderr.strip().splitlines()[-1].startswith(
        f"re-coded 6 articles published from 2026-11-20 to 2026-11-30 under {summary['coder_version']}: ")


def test_a_new_version_sits_beside_the_old_until_pruned(db, fetch_env):
    ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    with db.connect() as conn:
        old_version, old_mentions = conn.execute(text(
            "SELECT coder_version, count(*) FROM event_mentions GROUP BY 1")).one()
        old_events = conn.execute(text("SELECT count(*) FROM v_events")).scalar()

    dry = json.loads(_cli("reprocess", "--since", "2026-11-20", "--until", "2026-11-30",
                          "--coder-version", "next-test", "--dry-run"))
    assert dry["articles"] == 6 and dry["mentions"] == 0
    new = json.loads(_cli("reprocess", "--since", "2026-11-20", "--until", "2026-11-30", "--coder-version", "next-test"))
    assert new["mentions_added"] == old_mentions
    with db.connect() as conn:
        per_version = dict(conn.execute(text("SELECT coder_version, count(*) FROM event_mentions GROUP BY 1")).all())
        shown = conn.execute(text("SELECT DISTINCT coder_version FROM v_events")).scalars().all()
    assert per_version == {old_version: old_mentions, "next-test": old_mentions}
    assert shown == ["next-test"]  # the newest version, by default

    # Re-running the old coder does not flip the views back to it.
    _cli("reprocess", "--since", "2026-11-20", "--until", "2026-11-30")
    listing = _cli("coder-versions")
    assert "* next-test" in listing

    _cli("coder-versions", "--activate", old_version)
    with db.connect() as conn:
        assert conn.execute(text("SELECT DISTINCT coder_version FROM v_events")).scalars().all() == [old_version]
        assert conn.execute(text("SELECT count(*) FROM v_events")).scalar() == old_events

    refused = subprocess.run([sys.executable, "-m", "pipeline", "prune", "--coder-version", old_version],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "activate another" in refused.stderr
    pruned = json.loads(_cli("prune", "--coder-version", "next-test"))
    assert pruned["mentions_deleted"] == old_mentions
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM event_mentions WHERE coder_version = 'next-test'")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM events WHERE coder_version = 'next-test'")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM article_codings WHERE coder_version = 'next-test'")).scalar() == 0


def test_a_plan_fills_in_the_run_day_the_installed_coder_and_all_feeds(db):
    plan = plan_reprocess({"since": None, "until": None, "feeds": [], "coder_version": "", "dry_run": False},
                          default_day=date(2026, 11, 25), engine=db)
    # No articles that day: one chunk, the whole range, so the run still reports its zeros.
    assert plan == {"since": "2026-11-25", "until": "2026-11-25",
                    "chunks": [{"since": "2026-11-25", "until": "2026-11-25", "label": "2026-11-25", "articles": 0}],
                    "coder_version": coder_version(), "feeds": None, "dry_run": False}
    with db.begin() as conn:
        ensure_feed(conn, "http://a.test/f")
    three = plan_reprocess({"since": "2026-11-29", "until": "2026-12-01", "feeds": ["http://a.test/f"],
                            "coder_version": "v2", "dry_run": True}, engine=db)
    assert [c["label"] for c in three["chunks"]] == ["2026-11-29..2026-12-01"]
    assert three["feeds"] == ["http://a.test/f"] and three["coder_version"] == "v2" and three["dry_run"] is True
    with pytest.raises(ValueError, match="before since"):
        plan_reprocess({"since": "2026-11-26", "until": "2026-11-25"}, engine=db)
    with pytest.raises(ValueError, match="first day"):
        plan_reprocess({}, engine=db)
    # A mistyped feed URL is refused by name, not re-coded as "0 articles".
    with pytest.raises(ValueError, match=r"no such feed: http://a\.test/typo \(the feeds"):
        plan_reprocess({"since": "2026-11-29", "feeds": ["http://a.test/f", "http://a.test/typo"]}, engine=db)


def test_a_plan_maps_only_the_days_that_have_articles_one_chunk_each(db, fetch_env):
    ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    with db.connect() as conn:
        days = conn.execute(text("""SELECT (published_at AT TIME ZONE 'UTC')::date::text, count(*)
                                    FROM articles GROUP BY 1 ORDER BY 1""")).all()
    assert len(days) > 1
    plan = plan_reprocess({"since": "2000-01-01", "until": "2030-01-01"}, engine=db)
    assert [(c["label"], c["articles"]) for c in plan["chunks"]] == [(d, n) for d, n in days]
    assert all(c["since"] == c["until"] == c["label"] for c in plan["chunks"])
    with db.begin() as conn:
        ensure_feed(conn, "http://other.test/f")
    other_feed = plan_reprocess({"since": "2000-01-01", "until": "2030-01-01", "feeds": ["http://other.test/f"]},
                                engine=db)
    assert other_feed["chunks"] == [{"since": "2000-01-01", "until": "2030-01-01",
                                     "label": "2000-01-01..2030-01-01", "articles": 0}]

    # One chunk over the whole range re-codes exactly what the day-by-day chunks do.
    whole = reprocess_chunk(db, {"since": "2000-01-01", "until": "2030-01-01"}, coder_version(), dry_run=True)
    assert whole["articles"] == sum(n for _, n in days) == 6


def _days(n: int, start: date = date(2000, 1, 1)) -> list[date]:
    return [start + timedelta(days=i) for i in range(n)]


def test_thirty_years_of_daily_articles_map_to_at_most_max_chunks_of_consecutive_days():
    days = _days((date(2030, 1, 1) - date(2000, 1, 1)).days + 1)
    counts = [(d, 1 + (i % 7)) for i, d in enumerate(days)]  # 10,959 days, uneven volumes
    chunks = plan_chunks(counts)
    assert 0.9 * MAX_CHUNKS <= len(chunks) <= MAX_CHUNKS
    # In order, no day twice, none left out, every article counted once.
    assert chunks[0]["since"] == "2000-01-01" and chunks[-1]["until"] == "2030-01-01"
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert date.fromisoformat(after["since"]) == date.fromisoformat(before["until"]) + timedelta(days=1)
    assert sum(c["articles"] for c in chunks) == sum(n for _, n in counts)
    # Balanced by articles: no chunk holds more than twice the average.
    assert max(c["articles"] for c in chunks) <= 2 * sum(n for _, n in counts) / len(chunks)
    assert all(c["label"] == f"{c['since']}..{c['until']}" for c in chunks)


def test_a_busy_day_gets_a_chunk_of_its_own_and_short_ranges_map_by_day():
    days = _days(300)
    counts = [(d, 10_000 if i == 150 else 1) for i, d in enumerate(days)]
    chunks = plan_chunks(counts, max_chunks=10)
    assert len(chunks) <= 10
    assert {"since": days[150].isoformat(), "until": days[150].isoformat(), "label": days[150].isoformat(),
            "articles": 10_000} in chunks
    assert sum(c["articles"] for c in chunks) == 10_299
    per_day = plan_chunks(counts[:10], max_chunks=10)
    assert [c["label"] for c in per_day] == [d.isoformat() for d in days[:10]]
    assert plan_chunks([]) == []


def test_a_new_coder_takes_over_the_views_only_once_it_has_coded_as_many_articles(db, fetch_env):
    """After a new coder is installed, its first articles must not empty the views: the version
    that has coded the most articles is shown until the backlog is re-coded."""
    ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    with db.connect() as conn:
        old_version = conn.execute(text("SELECT DISTINCT coder_version FROM event_mentions")).scalar_one()
        old_events = conn.execute(text("SELECT count(*) FROM v_events")).scalar()
        days = conn.execute(text("""SELECT (published_at AT TIME ZONE 'UTC')::date::text, count(*)
                                    FROM articles GROUP BY 1 ORDER BY 1""")).all()
    first_day, first_count = days[0]
    assert first_count < 6

    # The new coder codes one day's articles: stored, but the views keep the old history.
    partial = json.loads(_cli("reprocess", "--since", first_day, "--coder-version", "next-test"))
    assert partial["articles"] == first_count and partial["mentions_added"] > 0
    assert partial["coder_not_shown"].startswith(
        f"the views still show {old_version} (6 articles coded) until next-test (so far {first_count} article")
    with db.connect() as conn:
        assert conn.execute(text("SELECT DISTINCT coder_version FROM v_events")).scalars().all() == [old_version]
        assert conn.execute(text("SELECT count(*) FROM v_events")).scalar() == old_events
    listing = _cli("coder-versions")
    assert f"* {old_version}" in listing and f"articles_coded={first_count}" in listing
    assert "the version that has coded the most articles" in listing

    # Once it has coded every article, it is shown.
    whole = json.loads(_cli("reprocess", "--since", "2026-11-20", "--until", "2026-11-30",
                            "--coder-version", "next-test"))
    assert whole["coder_not_shown"] is None
    with db.connect() as conn:
        assert conn.execute(text("SELECT DISTINCT coder_version FROM v_events")).scalars().all() == ["next-test"]
        coded = dict(conn.execute(text("SELECT coder_version, articles_coded FROM coder_versions")).all())
    assert coded == {old_version: 6, "next-test": 6}

    # An operator's choice wins, and the log line of a run under the other version says so.
    _cli("coder-versions", "--activate", old_version)
    again = json.loads(_cli("reprocess", "--since", first_day, "--coder-version", "next-test"))
    assert "chosen with coder-versions --activate" in again["coder_not_shown"]
    _cli("coder-versions", "--automatic")
    with db.connect() as conn:
        assert conn.execute(text("SELECT active_coder_version()")).scalar() == "next-test"

    # Deleting an article's codings (the article deleted) counts down.
    with db.begin() as conn:
        conn.execute(text("DELETE FROM articles WHERE id = (SELECT min(id) FROM articles)"))
        assert conn.execute(text("SELECT articles_coded FROM coder_versions WHERE coder_version = 'next-test'")
                            ).scalar() == 5
