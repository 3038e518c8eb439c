"""Every event dated by one rule, and daily counts that agree with v_events after every change."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, date, datetime

from sqlalchemy import text

from pipeline.model import Article
from pipeline.reprocess import prune, refresh_analytics, set_active_version
from pipeline.store import articles, load


def _article(conn, n: int, day: int = 20) -> load.ArticleRef:
    body = f"article {n}"
    art = Article(url=f"http://127.0.0.1/{n}", canonical_url=f"http://127.0.0.1/{n}", title="t", text=body,
                  source=f"outlet{n % 3}.test", published_at=datetime(2026, 11, day, 23, 30, tzinfo=UTC),
                  content_hash=hashlib.sha256(body.encode()).hexdigest())
    return load.ArticleRef(articles.insert_article(conn, art, None, None), date(2026, 11, day))


def _event(kind: str, when: str | None, n: int = 0, **extra) -> dict:
    ev = {"type": kind, "date": when, "status": "occurred", "location": None, "destination": None,
          "actors": [{"name": f"Person {n}", "kind": "person", "country": "KEN", "role": "participant"}],
          "parties": [{"name": "Kenya", "code": "KEN"}, {"name": "Ethiopia", "code": "ETH"}],
          "speaker": None, "quote": None, "evidence": {"start": n, "end": n + 5, "text": f"sentence {n}"},
          "confidence": 0.8, "codes": {"cameo": "040", "plover": "CONSULT"}, "coder_version": "t"}
    if kind == "statement":
        ev.update(speaker={"name": f"Person {n}", "country": "KEN"}, quote=f"words number {n}", parties=[])
    return {**ev, **extra}


def _agree(db) -> tuple[int, int]:
    with db.connect() as conn:
        events = conn.execute(text("SELECT count(*) FROM v_events")).scalar_one()
        counted = conn.execute(text("SELECT coalesce(sum(events), 0) FROM v_daily_event_counts")).scalar_one()
        by_day = conn.execute(text(
            """SELECT day, event_type, count(*) FROM v_events GROUP BY 1, 2
               EXCEPT SELECT day, event_type, events FROM v_daily_event_counts""")).all()
        parties = conn.execute(text(
            """SELECT day, event_type, p, count(*) FROM v_events, unnest(parties) p GROUP BY 1, 2, 3
               EXCEPT SELECT day, event_type, party_code, events FROM v_daily_party_counts""")).all()
    assert by_day == [] and parties == []
    return events, counted


def test_every_event_has_a_reported_date_and_undated_ones_take_it_as_their_day(db):
    with db.begin() as conn:
        ref = _article(conn, 1, day=24)
        load.load_mentions(conn, [(ref, [_event("statement", None, 1), _event("meeting", "2026-11-22", 2)])], "t")
    with db.connect() as conn:
        rows = conn.execute(text(
            "SELECT event_type, event_date, reported_date, day, date_precision FROM v_events ORDER BY 1")).all()
        stmt = conn.execute(text("SELECT statement_date, date_resolved FROM v_statements")).one()
    # Published 23:30 UTC on the 24th: the reported day is the UTC day, whatever the session's time zone.
    assert [tuple(r) for r in rows] == [
        ("meeting", date(2026, 11, 22), date(2026, 11, 24), date(2026, 11, 22), "day"),
        ("statement", None, date(2026, 11, 24), date(2026, 11, 24), "unknown")]
    assert tuple(stmt) == (date(2026, 11, 24), False)


def test_a_month_or_year_is_kept_with_its_precision(db):
    with db.begin() as conn:
        ref = _article(conn, 1)
        load.load_mentions(conn, [(ref, [_event("visit", "2026-12", 1, destination="India"),
                                         _event("meeting", "2027", 2, status="planned")])], "t")
    with db.connect() as conn:
        rows = conn.execute(text("SELECT event_type, event_date, date_precision FROM v_events ORDER BY 1")).all()
    assert [tuple(r) for r in rows] == [("meeting", date(2027, 1, 1), "year"), ("visit", date(2026, 12, 1), "month")]


def test_daily_counts_follow_every_load_recoding_and_prune(db):
    with db.begin() as conn:
        refs = [_article(conn, n, day=20 + n % 3) for n in range(6)]
    batch = [(ref, [_event("meeting", None, i), _event("statement", None, i + 100)]) for i, ref in enumerate(refs)]
    with db.begin() as conn:
        load.load_mentions(conn, batch, "t")
    events, counted = _agree(db)
    assert events == counted == 9  # meetings with the same parties on the same day are one event
    with db.connect() as conn:
        refreshed = conn.execute(text("SELECT min(refreshed_at) FROM v_daily_event_counts")).scalar_one()
    assert refreshed is not None

    # Re-coding finds less in two articles: their statements go, the meetings others reported stay.
    with db.begin() as conn:
        load.load_mentions(conn, [(refs[0], [_event("meeting", None, 0)]), (refs[1], [])], "t")
    assert _agree(db) == (7, 7)

    # A second coder version over one article: the views keep the version that coded all six.
    with db.begin() as conn:
        load.load_mentions(conn, [(refs[2], [_event("signing", "2026-11-01", 7)])], "t2")
    assert _agree(db) == (7, 7)
    # Chosen, then the first one pruned: counts follow the version shown.
    set_active_version(db, "t2")
    assert _agree(db) == (1, 1)
    prune(db, "t")
    assert _agree(db) == (1, 1)
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM daily_event_counts WHERE coder_version = 't'")).scalar() == 0


def test_a_rebuild_gives_the_counts_the_loads_kept(db):
    with db.begin() as conn:
        refs = [_article(conn, n, day=20 + n % 4) for n in range(8)]
        load.load_mentions(conn, [(r, [_event("meeting", None, i)]) for i, r in enumerate(refs)], "t")
    with db.connect() as conn:
        before = conn.execute(text("SELECT day, event_type, events FROM v_daily_event_counts ORDER BY 1, 2")).all()
    refresh_analytics(db)
    with db.connect() as conn:
        after = conn.execute(text("SELECT day, event_type, events FROM v_daily_event_counts ORDER BY 1, 2")).all()
    assert before == after and len(before) == 4


def test_two_loads_of_the_same_event_at_once_count_every_mention(db):
    """Each load re-clusters from committed rows under one lock, so neither overwrites the other."""
    with db.begin() as conn:
        refs = [_article(conn, n, day=21) for n in range(8)]
    same = _event("signing", "2026-11-20", 0)
    errors: list[BaseException] = []

    def load_one(ref):
        try:
            with db.begin() as conn:
                load.load_mentions(conn, [(ref, [same])], "t")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=load_one, args=(r,)) for r in refs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with db.connect() as conn:
        row = conn.execute(text("SELECT num_mentions, num_articles, num_sources FROM v_events")).one()
        counts = conn.execute(text("SELECT events, mentions FROM v_daily_event_counts")).one()
    assert tuple(row) == (8, 8, 3)
    assert tuple(counts) == (1, 8)
