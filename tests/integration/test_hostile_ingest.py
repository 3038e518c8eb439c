"""An ingest of a feed mixing 16 hostile items with 2 good ones, through the real CLI stages
into Postgres: the good articles load, each bad item is one dead letter, nothing reaches a
refused address, and it all ends in bounded time. Then `dead-letters retry` recovers a page
whose server came back."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fetch"))

from hostile_server import (  # noqa: E402
    GOOD_TEXT,
    HostileServer,
    RefusedListener,
    Reply,
    article_html,
    install,
    rss,
)

from pipeline.config import get_settings  # noqa: E402
from pipeline.ingest import ingest  # noqa: E402
from pipeline.retry import retry_dead_letters  # noqa: E402
from pipeline.sources import FeedSource  # noqa: E402


@pytest.fixture
def hostile_env(monkeypatch):
    with HostileServer() as server, RefusedListener() as trap:
        described = install(server, trap)
        # ingest() reads settings from the environment: the same small limits as the fetch tests.
        env = {
            "PIPELINE_FETCH_ALLOW": server.origin, "PIPELINE_CONNECT_TIMEOUT": "1", "PIPELINE_READ_TIMEOUT": "1.5",
            "PIPELINE_TOTAL_TIMEOUT": "2.5", "PIPELINE_MAX_BODY_BYTES": str(256 * 1024),
            "PIPELINE_PER_HOST_CONCURRENCY": "8", "PIPELINE_PER_HOST_DELAY": "0", "PIPELINE_RETRIES": "1",
            "PIPELINE_BACKOFF_BASE": "0.05", "PIPELINE_BACKOFF_MAX": "1",
        }
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        yield server, trap, described
    get_settings.cache_clear()


def test_sixteen_hostile_items_become_dead_letters_and_the_good_two_load(db, hostile_env):
    server, trap, described = hostile_env
    started = time.monotonic()
    summary = ingest([FeedSource(url=described["feed"])], engine=db)
    elapsed = time.monotonic() - started

    assert summary["status"] == "success"
    assert elapsed < 120
    with db.connect() as conn:
        urls = set(conn.execute(text("SELECT url FROM articles")).scalars())
        letters = conn.execute(text("SELECT stage, url, reason, detail FROM dead_letters")).mappings().all()
    assert len(urls) == 2
    assert any("/articles/good" in u for u in urls) and any("/articles/latin1" in u for u in urls)
    assert len(letters) == 16, [(r["reason"], r["url"]) for r in letters]
    assert sorted(r["reason"] for r in letters) == sorted(described["expected"].values())
    assert all(r["detail"] for r in letters)
    assert trap.connections == 0
    assert summary["dead_letters"] == 16


def test_dead_letters_retry_recovers_a_page_whose_server_came_back(db, hostile_env):
    server, _trap, _ = hostile_env
    state = {"down": True}

    def flaky(_handler):
        if state["down"]:
            return Reply(503, b"maintenance", {"Content-Type": "text/plain"})
        body = article_html("Ministers sign trade accord", GOOD_TEXT).encode()
        return Reply(200, body, {"Content-Type": "text/html; charset=utf-8"})

    page = server.route("/articles/flaky", flaky)
    feed = server.add("/flaky-feed.xml", rss([("Ministers sign trade accord", page)]),
                      content_type="application/rss+xml")
    ingest([FeedSource(url=feed)], engine=db)
    with db.connect() as conn:
        letter = conn.execute(text("SELECT reason, retryable, payload FROM dead_letters")).one()
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 0
    assert letter.retryable and letter.payload["feed"] == feed

    state["down"] = False
    summary = retry_dead_letters(db)
    assert (summary["retried"], summary["recovered"], summary["failed"]) == (1, 1, 0)
    with db.connect() as conn:
        article = conn.execute(text("SELECT a.url, f.url AS feed FROM articles a JOIN feeds f ON f.id = a.feed_id")).one()
        open_letters = conn.execute(text("SELECT count(*) FROM dead_letters WHERE resolved_at IS NULL")).scalar()
    assert article.url == page and article.feed == feed
    assert open_letters == 0
    assert summary["extracted"]["articles"] == 1


def test_the_dead_letters_command_lists_each_failure(db, hostile_env):
    import json
    import subprocess

    _server, _trap, described = hostile_env
    ingest([FeedSource(url=described["feed"])], engine=db)
    proc = subprocess.run([sys.executable, "-m", "pipeline", "dead-letters", "--json", "--limit", "100"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 16
    assert {r["reason"] for r in rows} == set(described["expected"].values())
