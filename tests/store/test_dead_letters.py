"""The dead-letter queries: recording, the replay queue, replays, the operator's listing."""

from __future__ import annotations

from pipeline.model import DeadLetter
from pipeline.store.dead_letters import (
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
        everything = latest_dead_letters(conn, 10, include_resolved=True)
    assert [r["url"] for r in listing] == ["http://a.test/2", "http://a.test/f"]  # newest first, open only
    assert listing[0]["detail"] == "HTTP 404" and listing[0]["retryable"] is False
    assert len(everything) == 3
