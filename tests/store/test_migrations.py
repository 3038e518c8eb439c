from sqlalchemy import create_engine, inspect, text

from pipeline.store.migrations import discover, upgrade

CONTRACT_TABLES = {"feeds", "articles", "actors", "actor_aliases", "parties", "event_mentions", "events",
                   "ingest_runs", "dead_letters", "daily_event_counts", "daily_party_counts"}
CONTRACT_VIEWS = {"v_events", "v_statements", "v_event_mentions", "v_daily_event_counts", "v_daily_party_counts",
                  "v_actor_activity", "v_actors", "v_feed_health"}


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
    assert set(insp.get_table_names()) >= CONTRACT_TABLES
    assert set(insp.get_view_names()) >= CONTRACT_VIEWS
    event_cols = {c["name"] for c in insp.get_columns("events")}
    assert {"event_type", "event_date", "reported_date", "date_precision", "num_mentions", "num_articles",
            "num_sources"} <= event_cols
    assert any(u["column_names"] == ["url"] for u in insp.get_unique_constraints("articles"))
    assert "text" in {c["name"] for c in insp.get_columns("articles")}


def test_the_analyst_role_can_read_views_only(engine):
    with engine.connect() as conn:
        can_view = conn.execute(text("SELECT has_table_privilege('pipeline_analyst', 'v_events', 'SELECT')")).scalar()
        can_table = conn.execute(text("SELECT has_table_privilege('pipeline_analyst', 'articles', 'SELECT')")).scalar()
    assert can_view and not can_table


def test_every_view_column_says_what_it_means(engine):
    with engine.connect() as conn:
        missing = conn.execute(text(
            """SELECT c.relname || '.' || a.attname FROM pg_class c
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
               WHERE c.relkind = 'v' AND c.relnamespace = 'public'::regnamespace AND c.relname LIKE 'v\\_%'
                 AND col_description(c.oid, a.attnum) IS NULL""")).scalars().all()
        views = conn.execute(text(
            """SELECT count(*) FROM pg_class c WHERE c.relkind = 'v' AND c.relname LIKE 'v\\_%'
                 AND c.relnamespace = 'public'::regnamespace AND obj_description(c.oid) IS NOT NULL""")).scalar()
    assert missing == []
    assert views == len(CONTRACT_VIEWS)


def test_the_feed_health_migration_folds_repeated_dead_letters_into_one_row_per_cause(tmp_path):
    import shutil

    from pipeline.store.db import temporary_database
    from pipeline.store.migrations import SQL_DIR

    before = tmp_path / "sql"
    before.mkdir()
    cutoff = next(m.version for m in discover() if m.name == "feed_health")
    for mig in discover():
        if mig.version < cutoff:
            shutil.copy(mig.path, before / mig.path.name)
    with temporary_database("pipeline_mig") as url:
        engine = create_engine(url)
        upgrade(engine, before)
        with engine.begin() as conn:
            for day in (1, 2, 3):
                conn.execute(text("""INSERT INTO dead_letters (stage, url, reason, detail, created_at, resolved_at)
                                     VALUES ('feed', 'http://127.0.0.1/f', 'http_error', :d, :t, NULL)"""),
                             {"d": f"HTTP 40{day}", "t": f"2026-11-0{day}T00:00:00Z"})
            conn.execute(text("""INSERT INTO dead_letters (stage, url, reason, detail)
                                 VALUES ('feed', 'http://127.0.0.1/g', 'http_error', 'HTTP 500')"""))
        upgrade(engine, SQL_DIR)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT url, occurrences, detail, created_at::date AS first, last_seen_at::date "
                                     "AS last FROM dead_letters ORDER BY url")).all()
        engine.dispose()
    assert [(r.url, r.occurrences, r.detail) for r in rows] == [("http://127.0.0.1/f", 3, "HTTP 403"),
                                                                 ("http://127.0.0.1/g", 1, "HTTP 500")]
    assert (str(rows[0].first), str(rows[0].last)) == ("2026-11-01", "2026-11-03")
