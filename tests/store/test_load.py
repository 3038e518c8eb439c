"""The loader against a real Postgres: idempotent mentions, clustering across articles."""

import gc
import hashlib
from datetime import UTC, date, datetime

import psycopg
import pytest
from sqlalchemy import text

from pipeline.model import Article, DeadLetter
from pipeline.store import articles, dead_letters, load


def _article(conn, url, source, body="text"):
    art = Article(url=url, canonical_url=url, title="t", text=body, source=source,
                  published_at=datetime(2026, 11, 25, 9, tzinfo=UTC),
                  content_hash=hashlib.sha256(body.encode()).hexdigest(), simhash=None)
    return articles.insert_article(conn, art, None, None)


def _signing(evidence_start=0):
    return {
        "type": "signing", "date": "2026-11-25", "status": "occurred", "location": "Seoul", "destination": None,
        "actors": [{"name": "Lee Jae-myung", "kind": "person", "country": "KOR", "role": "signatory"},
                   {"name": "Pham Minh Chinh", "kind": "person", "country": "VNM", "role": "signatory"}],
        "parties": [{"name": "South Korea", "code": "KOR"}, {"name": "Vietnam", "code": "VNM"}],
        "speaker": None, "quote": None,
        "evidence": {"start": evidence_start, "end": evidence_start + 20, "text": "They signed a pact."},
        "confidence": 0.8, "codes": {"cameo": "057", "plover": "AGREE"}, "coder_version": "test-1",
    }


def _statement():
    return {
        "type": "statement", "date": "2026-11-25", "status": "occurred", "location": None, "destination": None,
        "actors": [], "parties": [{"name": "Vietnam", "code": "VNM"}],
        "speaker": {"name": "Pham Minh Chinh", "country": "VNM"}, "quote": "This agreement opens a new chapter",
        "evidence": {"start": 30, "end": 80, "text": "\"This agreement opens a new chapter,\" Pham said."},
        "confidence": 0.9, "codes": {"cameo": "010", "plover": "CONSULT"}, "coder_version": "test-1",
    }


def test_an_article_is_stored_once_by_url_and_by_content(db):
    with db.begin() as conn:
        first = _article(conn, "http://127.0.0.1/a", "a.test", "same words")
        again = _article(conn, "http://127.0.0.1/a", "a.test", "same words")
        copy = _article(conn, "http://127.0.0.1/copy", "b.test", "same words")
    assert first is not None and again is None and copy is None


def test_reloading_the_same_coder_output_changes_no_row(db):
    with db.begin() as conn:
        aid = _article(conn, "http://127.0.0.1/a", "a.test")
    batch = [(load.ArticleRef(aid, date(2026, 11, 25)), [_signing(), _statement()])]
    with db.begin() as conn:
        first = load.load_mentions(conn, batch, "test-1")
    with db.connect() as conn:
        snapshot = conn.execute(text("SELECT id, event_id, created_at FROM event_mentions ORDER BY id")).all()
        events = conn.execute(text("SELECT id, updated_at FROM events ORDER BY id")).all()
    with db.begin() as conn:
        second = load.load_mentions(conn, batch, "test-1")
    with db.connect() as conn:
        assert conn.execute(text("SELECT id, event_id, created_at FROM event_mentions ORDER BY id")).all() == snapshot
        assert conn.execute(text("SELECT id, updated_at FROM events ORDER BY id")).all() == events
    assert (first.mentions, first.mentions_added) == (2, 2)
    assert (second.mentions, second.mentions_added, second.mentions_removed) == (2, 0, 0)


def test_one_signing_in_two_sources_is_one_event_with_two_sources(db):
    with db.begin() as conn:
        a = _article(conn, "http://127.0.0.1/a", "a.test", "one")
        b = _article(conn, "http://127.0.0.1/b", "b.test", "two")
        load.load_mentions(conn, [(load.ArticleRef(a, date(2026, 11, 25)), [_signing(0)]),
                                  (load.ArticleRef(b, date(2026, 11, 26)), [_signing(40)])], "test-1")
    with db.connect() as conn:
        rows = conn.execute(text("SELECT * FROM v_events")).mappings().all()
    assert len(rows) == 1
    ev = rows[0]
    assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (2, 2, 2)
    assert ev["parties"] == ["KOR", "VNM"]
    assert ev["actor_names"] == ["Lee Jae-myung", "Pham Minh Chinh"]
    assert [(a["name"], a["role"], a["party"]) for a in ev["actors"]] == [
        ("Lee Jae-myung", "signatory", "KOR"), ("Pham Minh Chinh", "signatory", "VNM")]


def test_a_mention_the_coder_no_longer_finds_is_removed_with_its_event(db):
    with db.begin() as conn:
        aid = _article(conn, "http://127.0.0.1/a", "a.test")
        ref = load.ArticleRef(aid, date(2026, 11, 25))
        load.load_mentions(conn, [(ref, [_signing(), _statement()])], "test-1")
    with db.begin() as conn:
        result = load.load_mentions(conn, [(ref, [_statement()])], "test-1")
    with db.connect() as conn:
        types = conn.execute(text("SELECT event_type FROM events ORDER BY 1")).scalars().all()
    assert result.mentions_removed == 1 and types == ["statement"]


def test_statements_view_names_the_speaker(db):
    with db.begin() as conn:
        aid = _article(conn, "http://127.0.0.1/a", "a.test")
        load.load_mentions(conn, [(load.ArticleRef(aid, None), [_statement()])], "test-1")
    with db.connect() as conn:
        row = conn.execute(text("SELECT speaker, speaker_country, quote FROM v_statements")).one()
    assert tuple(row) == ("Pham Minh Chinh", "VNM", "This agreement opens a new chapter")


def test_views_show_only_the_active_coder_version(db):
    with db.begin() as conn:
        aid = _article(conn, "http://127.0.0.1/a", "a.test")
        ref = load.ArticleRef(aid, None)
        load.load_mentions(conn, [(ref, [_signing()])], "old")
        load.load_mentions(conn, [(ref, [_signing(), _statement()])], "new")
        conn.execute(text("UPDATE pipeline_settings SET active_coder_version = 'old'"))
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM v_events")).scalar() == 1
        conn.execute(text("UPDATE pipeline_settings SET active_coder_version = 'new'"))
        assert conn.execute(text("SELECT count(*) FROM v_events")).scalar() == 2


def test_dead_letters_are_recorded_with_reason_and_payload(db):
    letter = DeadLetter(stage="article", url="http://127.0.0.1/x", reason="timeout", detail="no bytes in 2 s",
                        retryable=True, payload={"entry": {"url": "http://127.0.0.1/x"}})
    with db.begin() as conn:
        assert dead_letters.record_dead_letters(conn, [letter], None) == 1
        row = conn.execute(text("SELECT stage, reason, retryable, payload FROM dead_letters")).one()
    assert tuple(row) == ("article", "timeout", True, {"entry": {"url": "http://127.0.0.1/x"}})


def test_event_actors_are_the_people_when_any_are_named_else_the_states(db):
    with_states = {**_signing(), "actors": _signing()["actors"] + [
        {"name": "Vietnam", "kind": "state", "country": "VNM", "role": "signatory"}]}
    states_only = {**_signing(), "date": "2026-11-20", "actors": [
        {"name": "Japan", "kind": "state", "country": "JPN", "role": "signatory"},
        {"name": "Philippines", "kind": "state", "country": "PHL", "role": "signatory"}],
        "parties": [{"name": "Japan", "code": "JPN"}, {"name": "Philippines", "code": "PHL"}]}
    with db.begin() as conn:
        aid = _article(conn, "http://127.0.0.1/a", "a.test")
        load.load_mentions(conn, [(load.ArticleRef(aid, None), [with_states, states_only])], "test-1")
    with db.connect() as conn:
        rows = conn.execute(text("SELECT event_date, actor_names AS actors FROM v_events ORDER BY event_date")).all()
    assert [r.actors for r in rows] == [["Japan", "Philippines"], ["Lee Jae-myung", "Pham Minh Chinh"]]


def test_an_undated_statement_takes_the_publication_day_and_says_so(db):
    undated = {**_statement(), "date": None}
    with db.begin() as conn:
        aid = _article(conn, "http://127.0.0.1/a", "a.test")
        load.load_mentions(conn, [(load.ArticleRef(aid, None), [undated])], "test-1")
    with db.connect() as conn:
        row = conn.execute(text("SELECT statement_date, date_resolved FROM v_statements")).one()
    assert row.statement_date == date(2026, 11, 25) and row.date_resolved is False


def test_a_syndicated_copy_points_at_the_first_copy(db):
    from devtools.sample_site import load_articles
    from pipeline.fetch import simhash64

    stories = load_articles()
    original = stories[0].text + "\n" + stories[1].text
    syndicated = (original.replace("their aides said", "aides said")
                  + "\n(Reporting by Minh Tran; editing by the Asia desk)")
    unrelated = stories[2].text + "\n" + stories[3].text
    ids = []
    with db.begin() as conn:
        for n, body in enumerate([original, syndicated, unrelated]):
            art = Article(url=f"http://127.0.0.1/{n}", canonical_url=f"http://127.0.0.1/{n}", title="t", text=body,
                          source=f"s{n}.test", content_hash=hashlib.sha256(body.encode()).hexdigest(),
                          simhash=simhash64(body))
            ids.append(articles.insert_article(conn, art, None, None))
        rows = dict(conn.execute(text("SELECT id, near_duplicate_of FROM articles")).all())
    assert rows == {ids[0]: None, ids[1]: ids[0], ids[2]: None}


def test_mentions_of_an_article_that_is_not_stored_are_refused_and_nothing_is_written(db):
    with db.begin() as conn:
        stored = _article(conn, "http://127.0.0.1/a", "a.test")
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match=f"article {stored + 1} is not stored"), \
            db.begin() as conn:
        load.load_mentions(conn, [(load.ArticleRef(stored, date(2026, 11, 25)), [_signing()]),
                                  (load.ArticleRef(stored + 1, date(2026, 11, 25)), [_statement()])], "test-1")
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM event_mentions")).scalar() == 0


def test_deleting_or_truncating_articles_takes_their_mentions_with_them(db):
    with db.begin() as conn:
        a = _article(conn, "http://127.0.0.1/a", "a.test", "one")
        b = _article(conn, "http://127.0.0.1/b", "b.test", "two")
        load.load_mentions(conn, [(load.ArticleRef(a, date(2026, 11, 25)), [_signing(), _statement()]),
                                  (load.ArticleRef(b, date(2026, 11, 25)), [_signing()])], "test-1")
    with db.begin() as conn:
        conn.execute(text("DELETE FROM articles WHERE id = :a"), {"a": a})
        assert conn.execute(text("SELECT article_id, count(*) FROM event_mentions GROUP BY 1")).all() == [(b, 1)]
    with db.begin() as conn:
        conn.execute(text("TRUNCATE articles CASCADE"))
        assert conn.execute(text("SELECT count(*) FROM event_mentions")).scalar() == 0


def test_a_mention_stores_its_party_codes_actors_and_roles_as_the_coder_gave_them(db):
    no_actors = {**_signing(40), "actors": [], "parties": [], "evidence": {"start": 40, "end": 50, "text": "A pact."}}
    with db.begin() as conn:
        aid = _article(conn, "http://127.0.0.1/a", "a.test")
        load.load_mentions(conn, [(load.ArticleRef(aid, date(2026, 11, 25)), [_signing(), no_actors])], "test-1")
    with db.connect() as conn:
        rows = conn.execute(text(
            """SELECT m.party_codes, array(SELECT a.name FROM unnest(m.actor_ids) WITH ORDINALITY AS x (id, n)
                                           JOIN actors a ON a.id = x.id ORDER BY x.n), m.actor_roles
               FROM event_mentions m ORDER BY m.evidence_start""")).all()
    assert [tuple(r) for r in rows] == [(["KOR", "VNM"], ["Lee Jae-myung", "Pham Minh Chinh"], ["signatory", "signatory"]),
                                        ([], [], [])]


def test_the_cycle_collector_never_runs_during_a_load_and_is_left_as_found(db):
    """A load allocates a row, keys and arrays per mention: with the collector on, it walked the
    process's whole heap every few thousand of them (half the client's time of a large load)."""
    with db.begin() as conn:
        ids = [_article(conn, f"http://127.0.0.1/{n}", "a.test", f"body {n}") for n in range(300)]
    batch = [(load.ArticleRef(aid, date(2026, 11, 25)),
              [{**_signing(n), "evidence": {"start": n, "end": n + 9, "text": f"Pact {n}."}} for n in range(10)])
             for aid in ids]  # 3,000 mentions: far past the collector's threshold of allocations
    runs: list[int] = []

    def count(phase, info):
        if phase == "start":
            runs.append(info["generation"])

    gc.callbacks.append(count)
    try:
        with db.begin() as conn:
            before = len(runs)  # (len: no allocation, so no collection, between the two counts)
            result = load.load_mentions(conn, batch, "test-1")
            after = len(runs)
        gc.collect()
    finally:
        gc.callbacks.remove(count)
    assert result.mentions_added == 3000
    assert after == before and len(runs) > after  # none during the load; they run again after it
    assert gc.isenabled()
    gc.disable()
    try:
        with db.begin() as conn:
            load.load_mentions(conn, batch, "test-1")
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()
