"""The read-only role, used as an analyst would: a login in pipeline_analyst reads every view
and nothing else."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from pipeline.model import Article
from pipeline.store import articles, feeds, load
from pipeline.store.roles import create_analyst_login, drop_analyst_login

VIEWS = ("v_events", "v_event_mentions", "v_statements", "v_actor_activity", "v_actors", "v_daily_event_counts",
         "v_daily_party_counts", "v_feed_health")
TABLES = ("articles", "events", "event_mentions", "actors", "actor_aliases", "feeds", "dead_letters",
          "ingest_runs", "pipeline_settings", "coder_versions", "daily_event_counts", "parties")


@pytest.fixture
def analyst(db):
    with db.begin() as conn:
        art = Article(url="http://127.0.0.1/a", canonical_url="http://127.0.0.1/a", title="t", text="body",
                      source="a.test", published_at=datetime(2026, 11, 25, tzinfo=UTC),
                      content_hash=hashlib.sha256(b"body").hexdigest())
        feed = feeds.ensure_feed(conn, "http://127.0.0.1/feed.xml").id
        ref = load.ArticleRef(articles.insert_article(conn, art, feed, None), date(2026, 11, 25))
        meeting = {"type": "meeting", "date": "2026-11-25", "status": "occurred", "location": "Nairobi",
                   "destination": None, "speaker": None, "quote": None,
                   "actors": [{"name": "William Ruto", "kind": "person", "country": "KEN", "role": "host"},
                              {"name": "Abiy Ahmed", "kind": "person", "country": "ETH", "role": "participant"}],
                   "parties": [{"name": "Kenya", "code": "KEN"}, {"name": "Ethiopia", "code": "ETH"}],
                   "evidence": {"start": 0, "end": 4, "text": "They met."}, "confidence": 0.8,
                   "codes": {"cameo": "040", "plover": "CONSULT"}, "coder_version": "t"}
        statement = {**meeting, "type": "statement", "actors": [], "speaker": {"name": "William Ruto", "country": "KEN"},
                     "quote": "Our two nations share a future", "parties": [{"name": "Kenya", "code": "KEN"}]}
        load.load_mentions(conn, [(ref, [meeting, statement])], "t")
    name = f"analyst_{uuid.uuid4().hex[:8]}"
    url = create_analyst_login(db, name, password="s3cret-%-'quote")
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    yield engine
    engine.dispose()
    drop_analyst_login(db, name)


def test_the_login_url_names_the_analyst_and_the_database(analyst, db):
    assert analyst.url.username.startswith("analyst_") and analyst.url.password == "s3cret-%-'quote"
    assert analyst.url.database == db.url.database
    with analyst.connect() as conn:
        assert conn.execute(text("SELECT current_user")).scalar() == analyst.url.username


@pytest.mark.parametrize("view", VIEWS)
def test_an_analyst_reads_every_view(analyst, view):
    with analyst.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {view}")).scalar() > 0


@pytest.mark.parametrize("table", TABLES)
def test_an_analyst_cannot_read_base_tables(analyst, table):
    with analyst.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
        conn.execute(text(f"SELECT * FROM {table} LIMIT 1"))


@pytest.mark.parametrize("statement", [
    "INSERT INTO events (coder_version, event_key, event_type, status, num_mentions, num_articles, num_sources,"
    " first_seen, last_seen, reported_date) VALUES ('x', 'x', 'visit', 'occurred', 1, 1, 1, now(), now(), now())",
    "UPDATE pipeline_settings SET active_coder_version = 'x'",
    "DELETE FROM v_daily_event_counts",
    "UPDATE v_actors SET name = 'x'",
    "CREATE TABLE public.scratch (x int)",
    "TRUNCATE daily_event_counts",
])
def test_an_analyst_cannot_write(analyst, statement):
    # refused for want of rights, or because the view cannot be written through at all
    with analyst.connect() as conn, pytest.raises((ProgrammingError, OperationalError),
                                                  match="permission denied|cannot update view"):
        conn.execute(text(statement))
