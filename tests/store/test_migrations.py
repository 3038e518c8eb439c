from sqlalchemy import create_engine, inspect, text

from pipeline.store.migrations import discover, upgrade

CONTRACT_TABLES = {"feeds", "articles", "actors", "event_mentions", "mention_actors", "events", "ingest_runs",
                   "dead_letters"}
CONTRACT_VIEWS = {"v_events", "v_statements", "v_event_mentions", "v_daily_event_counts"}


def _schema_snapshot(engine):
    with engine.connect() as conn:
        return conn.execute(text(
            """SELECT table_name, column_name, data_type FROM information_schema.columns
               WHERE table_schema = 'public' ORDER BY 1, 2""")).all()


def test_migrations_are_numbered_and_unique():
    versions = [m.version for m in discover()]
    assert versions == sorted(versions) and len(versions) == len(set(versions))
    assert versions[0] == 1


def test_applying_migrations_twice_changes_nothing(database_url_for_tests):
    engine = create_engine(database_url_for_tests)
    upgrade(engine)
    before = _schema_snapshot(engine)
    assert upgrade(engine) == []
    assert _schema_snapshot(engine) == before
    with engine.connect() as conn:
        recorded = conn.execute(text("SELECT count(*) FROM schema_migrations")).scalar_one()
    assert recorded == len(discover())
    engine.dispose()


def test_the_analyst_contract_exists(engine):
    insp = inspect(engine)
    assert CONTRACT_TABLES <= set(insp.get_table_names())
    assert CONTRACT_VIEWS <= set(insp.get_view_names())
    event_cols = {c["name"] for c in insp.get_columns("events")}
    assert {"event_type", "event_date", "num_mentions", "num_articles", "num_sources"} <= event_cols
    assert any(u["column_names"] == ["url"] for u in insp.get_unique_constraints("articles"))
    assert "text" in {c["name"] for c in insp.get_columns("articles")}


def test_the_analyst_role_can_read_views_only(engine):
    with engine.connect() as conn:
        can_view = conn.execute(text("SELECT has_table_privilege('pipeline_analyst', 'v_events', 'SELECT')")).scalar()
        can_table = conn.execute(text("SELECT has_table_privilege('pipeline_analyst', 'articles', 'SELECT')")).scalar()
    assert can_view and not can_table
