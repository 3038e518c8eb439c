"""Re-coding stored articles: same version changes nothing, a new label adds a version beside
the old one, the views follow the newest unless one is chosen, and prune retires a version."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import text

from pipeline.ingest import coder_version, ingest
from pipeline.reprocess import plan_reprocess
from pipeline.sources import FeedSource


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
    summary = json.loads(_cli("reprocess", "--since", "2026-11-20", "--until", "2026-11-30"))
    assert summary["articles"] == 6 and summary["mentions_added"] == 0
    assert _snapshot(db) == before


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
    assert plan == {"since": "2026-11-25", "until": "2026-11-25", "days": ["2026-11-25"],
                    "coder_version": coder_version(), "feeds": None, "dry_run": False}
    three = plan_reprocess({"since": "2026-11-29", "until": "2026-12-01", "feeds": ["http://a.test/f"],
                            "coder_version": "v2", "dry_run": True}, engine=db)
    assert three["days"] == ["2026-11-29", "2026-11-30", "2026-12-01"]
    assert three["feeds"] == ["http://a.test/f"] and three["coder_version"] == "v2" and three["dry_run"] is True
    with pytest.raises(ValueError, match="before since"):
        plan_reprocess({"since": "2026-11-26", "until": "2026-11-25"}, engine=db)
    with pytest.raises(ValueError, match="first day"):
        plan_reprocess({}, engine=db)
