"""Feed health and quiet dead letters, through real ingests against the loopback sample site:
a 404 feed and a feed on a refused address beside a good one."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from pipeline.config import get_settings
from pipeline.ingest import ingest


@pytest.fixture
def three_feeds(fetch_env, monkeypatch, tmp_path):
    """A feeds file: the good sample feed, a 404 on the same site, a loopback address outside
    PIPELINE_FETCH_ALLOW (refused by the guard before any connection). Failing after 2."""
    missing = f"{fetch_env.origin}/gone.xml"
    refused = "http://127.0.0.2:9/feed.xml"
    feeds_file = tmp_path / "feeds.yaml"
    feeds_file.write_text(f"# operators' feed list\nfeeds:\n  - url: {fetch_env.feed_url}\n    name: Wire\n"
                          f"  - url: {missing}\n  - url: {refused}\n", encoding="utf-8")
    monkeypatch.setenv("PIPELINE_FEEDS", str(feeds_file))
    monkeypatch.setenv("PIPELINE_FEED_FAILING_AFTER", "2")
    get_settings.cache_clear()
    yield {"good": fetch_env.feed_url, "missing": missing, "refused": refused, "file": feeds_file, "site": fetch_env}
    get_settings.cache_clear()


def _feeds_list(*extra: str) -> list[dict]:
    proc = subprocess.run([sys.executable, "-m", "pipeline", "feeds", "list", "--json", *extra],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def _letters(db) -> list:
    with db.connect() as conn:
        return conn.execute(text("SELECT url, stage, reason, occurrences FROM dead_letters ORDER BY url")).all()


def test_two_ingests_leave_one_dead_letter_per_cause_and_count_the_failures(db, three_feeds):
    first = ingest(engine=db)
    after_one = _letters(db)
    second = ingest(engine=db)
    after_two = _letters(db)

    assert len(after_two) == len(after_one) == 2
    assert {(r.url, r.stage, r.occurrences) for r in after_two} == {
        (three_feeds["missing"], "feed", 2), (three_feeds["refused"], "feed", 2)}
    assert {r.reason for r in after_two} == {"http_error", "refused_address"}

    listed = {f["url"]: f for f in _feeds_list()}
    assert listed[three_feeds["missing"]]["consecutive_failures"] == 2
    assert listed[three_feeds["refused"]]["consecutive_failures"] == 2
    assert listed[three_feeds["missing"]]["status"] == listed[three_feeds["refused"]]["status"] == "failing"
    assert listed[three_feeds["missing"]]["last_error"] == "HTTP 404"
    assert listed[three_feeds["good"]]["status"] == "ok" and listed[three_feeds["good"]]["last_success_at"]
    assert listed[three_feeds["good"]]["consecutive_failures"] == 0 and listed[three_feeds["good"]]["last_error"] is None
    assert listed[three_feeds["good"]]["new_articles_7d"] == 6

    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 6
        assert conn.execute(text("SELECT count(*) FROM v_events")).scalar_one() > 0
    # Each run names what broke, in its return value and its one line.
    assert first["articles_new"] == 6 and second["articles_new"] == 0 and second["changed"] is False
    assert {b["url"] for b in second["broken_feeds"]} == {three_feeds["missing"], three_feeds["refused"]}
    assert second["feeds_polled"] == 3 and second["feeds_failed"] == 2
    assert second["summary"].startswith("3 feeds polled, 2 failing (")
    assert f"{three_feeds['missing']}: HTTP 404" in second["summary"]


def test_a_failing_feed_is_left_alone_until_its_back_off_ends_then_polled_again(db, three_feeds):
    ingest(engine=db)
    ingest(engine=db)
    site = three_feeds["site"]
    requests_before = site.requests.count("/gone.xml")
    third = ingest(engine=db)  # both bad feeds are failing: their back-off (30 min) has not ended
    assert site.requests.count("/gone.xml") == requests_before
    skipped = {p["feed_url"]: p for p in third["feeds"] if p["status"] == "backoff"}
    assert set(skipped) == {three_feeds["missing"], three_feeds["refused"]}
    assert skipped[three_feeds["missing"]]["error"] == "HTTP 404"
    assert {r.occurrences for r in _letters(db)} == {2}
    assert {b["url"] for b in third["broken_feeds"] if b["skipped"]} == set(skipped)
    assert "(backing off)" in third["summary"]

    with db.begin() as conn:  # the back-off ends
        conn.execute(text("UPDATE feeds SET next_poll_at = :t WHERE next_poll_at IS NOT NULL"),
                     {"t": datetime.now(UTC) - timedelta(seconds=1)})
    ingest(engine=db)
    assert site.requests.count("/gone.xml") == requests_before + 1
    listed = {f["url"]: f for f in _feeds_list()}
    assert listed[three_feeds["missing"]]["consecutive_failures"] == 3
    wait = datetime.fromisoformat(listed[three_feeds["missing"]]["next_poll_at"]) - datetime.now(UTC)
    assert timedelta(minutes=55) < wait <= timedelta(minutes=60)  # doubled after a further failure


def test_a_feed_that_answers_again_is_ok_and_its_failure_count_resets(db, three_feeds):
    site = three_feeds["site"]
    ingest(engine=db)
    ingest(engine=db)
    original = site.route
    site.route = lambda path, base: original("/feed.xml" if path == "/gone.xml" else path, base)
    with db.begin() as conn:
        conn.execute(text("UPDATE feeds SET next_poll_at = NULL"))
    ingest(engine=db)
    listed = {f["url"]: f for f in _feeds_list()}
    back = listed[three_feeds["missing"]]
    assert (back["status"], back["consecutive_failures"], back["last_error"], back["next_poll_at"]) == ("ok", 0, None, None)
    assert listed[three_feeds["refused"]]["status"] == "failing"


def test_a_feed_taken_out_of_the_file_is_listed_as_disabled(db, three_feeds):
    ingest(engine=db)
    path = three_feeds["file"]
    path.write_text(path.read_text(encoding="utf-8").replace(f"  - url: {three_feeds['refused']}\n", ""),
                    encoding="utf-8")
    listed = {f["url"]: f for f in _feeds_list()}
    assert listed[three_feeds["refused"]]["status"] == "disabled"
    ingest(engine=db)
    with db.connect() as conn:
        rows = dict(conn.execute(text("SELECT url, status FROM v_feed_health")).all())
    assert rows[three_feeds["refused"]] == "disabled" and rows[three_feeds["good"]] == "ok"


@pytest.mark.usefixtures("three_feeds")
def test_dead_letters_ack_hides_handled_letters_until_asked(db):
    ingest(engine=db)

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pipeline", "dead-letters", *args],
                              capture_output=True, text=True, timeout=120)

    def listed(*args: str) -> list[dict]:
        return [json.loads(line) for line in cli("list", "--json", *args).stdout.splitlines()]

    rows = listed()
    assert len(rows) == 2 and {r["occurrences"] for r in rows} == {1}
    refused = next(r for r in rows if r["reason"] == "refused_address")
    proc = cli("ack", str(refused["id"]))
    assert proc.returncode == 0 and "marked 1" in proc.stdout
    assert [r["reason"] for r in listed()] == ["http_error"]
    assert cli("ack", "--reason", "http_error").returncode == 0
    assert listed() == []
    assert {r["reason"] for r in listed("--all")} == {"http_error", "refused_address"}
    assert all(r["handled_at"] for r in listed("--all"))
    again = cli("ack", str(refused["id"]))
    assert again.returncode == 1 and str(refused["id"]) in again.stderr
    # The same causes again: counted on their rows, still quiet.
    with db.begin() as conn:
        conn.execute(text("UPDATE feeds SET next_poll_at = NULL"))
    ingest(engine=db)
    assert listed() == []
    assert {r["occurrences"] for r in listed("--all")} == {2}
    assert cli("ack").returncode == 2


def test_an_operators_replay_polls_a_failing_feed_despite_its_back_off(db, three_feeds):
    from pipeline.retry import retry_dead_letters

    ingest(engine=db)
    ingest(engine=db)  # failing now, in back-off
    site = three_feeds["site"]
    original = site.route
    site.route = lambda path, base: original("/feed.xml" if path == "/gone.xml" else path, base)
    with db.begin() as conn:  # 404 is not retryable by itself; the operator asks anyway
        conn.execute(text("UPDATE dead_letters SET retryable = true WHERE reason = 'http_error'"))
    summary = retry_dead_letters(db)
    assert summary["recovered"] == 1, summary
    back = {f["url"]: f for f in _feeds_list()}[three_feeds["missing"]]
    assert (back["status"], back["consecutive_failures"]) == ("ok", 0)


def test_overlapping_runs_each_count_their_own_poll_of_a_feed(db, three_feeds):
    """A backfill runs several intervals at once on the same feeds: each run's summary reads its
    own polls, not whichever run wrote the feed's latest-poll columns last."""
    from pipeline.ingest import finish_run, poll_feed, start_run

    urls = [three_feeds["good"], three_feeds["missing"]]
    first, second = start_run(db, run_id="overlap-1"), start_run(db, run_id="overlap-2")
    for url in urls:
        poll_feed(db, url, first)
    poll_feed(db, three_feeds["good"], second)  # the later run polls the good feed only, last

    one = finish_run(db, first, status="success", feed_urls=urls, extract={})
    two = finish_run(db, second, status="success", feed_urls=urls, extract={})
    assert (one["feeds_polled"], one["feeds_failed"]) == (2, 1)
    assert [b["url"] for b in one["broken_feeds"]] == [three_feeds["missing"]]
    assert one["articles_new"] == 6
    assert (two["feeds_polled"], two["feeds_failed"]) == (1, 0)


def test_a_backfill_run_counts_its_archive_polls(db, three_feeds):
    """A backfill run reads dated archive pages instead of the live feed: those polls are the
    run's too (feeds_polled), though they leave the feed's live health alone."""
    from pipeline.ingest import finish_run, poll_source, start_run
    from pipeline.sources import FeedSource

    source = FeedSource(url=three_feeds["good"], archive=three_feeds["good"] + "?day={date}")
    start, end = datetime(2026, 11, 24, tzinfo=UTC), datetime(2026, 11, 24, 0, 15, tzinfo=UTC)
    runs = [start_run(db, run_id=f"backfill-{n}", interval_start=start, interval_end=end) for n in (1, 2)]
    for run in runs:
        polled = poll_source(db, source, run, interval_start=start, interval_end=end, backfill=True)
        assert polled["status"] == "ok", polled
    for run in runs:
        summary = finish_run(db, run, status="success", feed_urls=[source.url], extract={})
        assert (summary["feeds_polled"], summary["feeds_failed"]) == (1, 0), summary
    listed = {f["url"]: f for f in _feeds_list()}
    assert listed[source.url]["last_success_at"] is None  # archive polls are not the live feed's health
