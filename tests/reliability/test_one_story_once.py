"""One story stored once, also when two connections store it at the same moment, and the
migration that made content hashes unique keeps (and marks) the copies stored before it."""

from __future__ import annotations

import shutil
import threading
import time

from sqlalchemy import create_engine, text

from pipeline.model import Article
from pipeline.store.articles import insert_article
from pipeline.store.db import temporary_database
from pipeline.store.migrations import SQL_DIR, upgrade


def _article(url: str, body: str, canonical: str | None = None) -> Article:
    import hashlib

    return Article(url=url, canonical_url=canonical or url, title="t", text=body,
                   content_hash=hashlib.sha256(body.encode()).hexdigest())


def _race(engine, first: Article, second: Article) -> tuple[int | None, int | None]:
    """``first`` inserted and left uncommitted; ``second`` inserted from another connection
    meanwhile; then ``first`` commits. Returns both results."""
    results: dict[str, int | None] = {}
    with engine.connect() as a:
        a.begin()
        results["first"] = insert_article(a, first, None, None)

        def other() -> None:
            with engine.begin() as b:
                results["second"] = insert_article(b, second, None, None)

        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.5)
        still_waiting = thread.is_alive()  # the second insert waits for the first to commit
        a.commit()
    thread.join(timeout=30)
    assert still_waiting and not thread.is_alive()
    return results["first"], results.get("second")


def test_the_same_text_at_two_urls_from_two_connections_is_stored_once(db):
    first, second = _race(db, _article("http://127.0.0.1/a", "same story"), _article("http://127.0.0.1/b", "same story"))
    assert isinstance(first, int) and second is None
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 1


def test_the_same_canonical_url_from_two_connections_is_stored_once(db):
    canonical = "http://127.0.0.1/story"
    first, second = _race(db, _article("http://127.0.0.1/a?x=1", "first version", canonical),
                          _article("http://127.0.0.1/a?x=2", "updated version", canonical))
    assert isinstance(first, int) and second is None
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 1


def test_twenty_threads_storing_one_story_store_it_once(db):
    barrier = threading.Barrier(20)
    ids: list[int | None] = []

    def store(i: int) -> None:
        barrier.wait()
        with db.begin() as conn:
            ids.append(insert_article(conn, _article(f"http://127.0.0.1/copy/{i}", "one story"), None, None))

    threads = [threading.Thread(target=store, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(ids) == 20 and sum(1 for i in ids if i is not None) == 1
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 1


def test_the_migration_keeps_and_marks_copies_stored_before_it(tmp_path):
    before = tmp_path / "sql"
    before.mkdir()
    (this,) = SQL_DIR.glob("*_one_story_once.sql")
    for path in sorted(SQL_DIR.glob("*.sql")):
        if path.name < this.name:
            shutil.copy(path, before / path.name)
    with temporary_database("pipeline_mig") as url:
        engine = create_engine(url)
        try:
            upgrade(engine, before)
            with engine.begin() as conn:
                for i in range(3):
                    conn.execute(text("""INSERT INTO articles (url, canonical_url, text, content_hash)
                                         VALUES (:u, :u, 'same', 'h-same')"""), {"u": f"http://127.0.0.1/{i}"})
                conn.execute(text("""INSERT INTO articles (url, canonical_url, text, content_hash)
                                     VALUES ('http://127.0.0.1/other', 'http://127.0.0.1/other', 'other', 'h-other')"""))
            upgrade(engine)
            with engine.connect() as conn:
                rows = conn.execute(text("SELECT id, content_hash, near_duplicate_of FROM articles ORDER BY id")).all()
            assert [tuple(r) for r in rows] == [(1, "h-same", None), (2, "h-same:copy:2", 1),
                                                (3, "h-same:copy:3", 1), (4, "h-other", None)]
            with engine.begin() as conn:  # and a new copy is refused by the database itself
                inserted = conn.execute(text("""INSERT INTO articles (url, canonical_url, text, content_hash)
                                             VALUES ('http://127.0.0.1/new', 'http://127.0.0.1/new', 'same', 'h-same')
                                             ON CONFLICT DO NOTHING RETURNING id""")).first()
            assert inserted is None
        finally:
            engine.dispose()
