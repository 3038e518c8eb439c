"""The analyst role reads every view there is, found in the catalogue rather than listed by
hand, so a view added later without its grant (or calling a function that reads a base table
with the caller's rights) fails here."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, make_url, text

from pipeline.store.roles import create_analyst_login, drop_analyst_login


def test_every_view_in_the_schema_is_readable_as_the_analyst_role(db):
    with db.connect() as conn:
        views = conn.execute(text("SELECT viewname FROM pg_views WHERE schemaname = 'public' ORDER BY 1")).scalars().all()
    assert len(views) >= 7
    name = f"reliab_{uuid.uuid4().hex[:8]}"
    analyst = create_engine(make_url(create_analyst_login(db, name)).set(drivername="postgresql+psycopg"))
    try:
        with analyst.connect() as conn:
            for view in views:
                conn.execute(text(f'SELECT * FROM "{view}" LIMIT 1')).all()  # raises on "permission denied"
            assert conn.execute(text("SELECT active_coder_version()")).scalar() is None  # runs, empty database
    finally:
        analyst.dispose()
        drop_analyst_login(db, name)
