"""The dead-letter queries: recording, the replay queue, replays, the operator's listing."""

from __future__ import annotations

from sqlalchemy import text

from pipeline.model import DeadLetter
from pipeline.store.dead_letters import (
    acknowledge,
    latest_dead_letters,
    open_retryable_letters,
    record_dead_letters,
    record_retry,
)


def _letters():
    return [DeadLetter("article", "http://a.test/1", "timeout", "read timed out", True, {"entry": {"url": "x"}}),
            DeadLetter("feed", "http://a.test/f", "not_a_feed", "HTML page", False, {"feed": "http://a.test/f"}),
            DeadLetter("article", "http://a.test/2", "http_error", "HTTP 503", True, {})]


def test_only_open_retryable_letters_are_queued_oldest_first(db):
    with db.begin() as conn:
        assert record_dead_letters(conn, _letters(), None) == 3
        queue = open_retryable_letters(conn, 10)
        assert [q["url"] for q in queue] == ["http://a.test/1", "http://a.test/2"]
        assert queue[0]["payload"] == {"entry": {"url": "x"}}
        assert len(open_retryable_letters(conn, 1)) == 1


def test_a_recovered_letter_leaves_the_queue_and_a_failed_one_keeps_its_new_reason(db):
    with db.begin() as conn:
        record_dead_letters(conn, _letters(), None)
        first, second = open_retryable_letters(conn, 10)
        record_retry(conn, first["id"], None)
        record_retry(conn, second["id"], DeadLetter("article", second["url"], "http_error", "HTTP 404", False))
        assert open_retryable_letters(conn, 10) == []
        listing = latest_dead_letters(conn, 10)
        everything = latest_dead_letters(conn, 10, include_handled=True)
    assert [r["url"] for r in listing] == ["http://a.test/2", "http://a.test/f"]  # newest first, open only
    assert listing[0]["detail"] == "HTTP 404" and listing[0]["retryable"] is False
    assert len(everything) == 3


def test_the_same_cause_again_is_one_row_with_its_occurrences_counted(db):
    with db.begin() as conn:
        record_dead_letters(conn, _letters(), None)
        first_seen = conn.execute(text("SELECT max(last_seen_at) FROM dead_letters")).scalar_one()
    with db.begin() as conn:
        # Same input, stage and reason (a new detail): counted; another reason: its own row.
        assert record_dead_letters(conn, [_letters()[2].__class__("article", "http://a.test/2", "http_error",
                                                                  "HTTP 502", True, {}),
                                          DeadLetter("article", "http://a.test/2", "timeout", "read timed out", True),
                                          DeadLetter("extract", None, "coder_error", "boom", False, {"article_id": 7}),
                                          DeadLetter("extract", None, "coder_error", "boom", False, {"article_id": 7}),
                                          DeadLetter("extract", None, "coder_error", "boom", False, {"article_id": 8})],
                                   None) == 5
        rows = conn.execute(text("SELECT url, reason, occurrences, detail, last_seen_at FROM dead_letters "
                                 "ORDER BY id")).all()
    assert [(r.url, r.reason, r.occurrences) for r in rows] == [
        ("http://a.test/1", "timeout", 1), ("http://a.test/f", "not_a_feed", 1), ("http://a.test/2", "http_error", 2),
        ("http://a.test/2", "timeout", 1), (None, "coder_error", 2), (None, "coder_error", 1)]
    assert rows[2].detail == "HTTP 502" and rows[2].last_seen_at > first_seen


def test_a_resolved_cause_that_recurs_is_open_again_but_a_handled_one_stays_quiet(db):
    with db.begin() as conn:
        record_dead_letters(conn, _letters(), None)
        timeout, _feed, http = (r["id"] for r in latest_dead_letters(conn, 10)[::-1])
        record_retry(conn, timeout, None)
        assert acknowledge(conn, [http]) == [http]
        assert acknowledge(conn, [http]) == []  # already handled
        record_dead_letters(conn, _letters(), None)
        open_ids = {r["id"] for r in latest_dead_letters(conn, 10)}
        assert open_retryable_letters(conn, 10)[0]["id"] == timeout
    assert timeout in open_ids and http not in open_ids


def test_a_replay_failing_for_a_reason_that_has_its_own_row_keeps_its_reason(db):
    with db.begin() as conn:
        record_dead_letters(conn, [DeadLetter("article", "http://a.test/9", "http_error", "HTTP 503", True),
                                   DeadLetter("article", "http://a.test/9", "timeout", "slow", True)], None)
        http = open_retryable_letters(conn, 10)[0]["id"]
        record_retry(conn, http, DeadLetter("article", "http://a.test/9", "timeout", "slow again", True))
        reasons = conn.execute(text("SELECT reason, detail FROM dead_letters ORDER BY id")).all()
    assert [tuple(r) for r in reasons] == [("http_error", "slow again"), ("timeout", "slow")]
