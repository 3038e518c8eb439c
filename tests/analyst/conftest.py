"""The demo data (the sample site's articles ingested), loaded once per module into the
emptied test database, and an analyst login to read it with."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, make_url, text

from pipeline.store.roles import create_analyst_login, drop_analyst_login


@pytest.fixture(scope="module")
def demo(engine):
    """The writer's engine over the demo data."""
    from devtools.sample_site import SampleSite
    from pipeline.config import get_settings
    from pipeline.ingest import ingest
    from pipeline.sources import FeedSource

    mp = pytest.MonkeyPatch()
    with SampleSite() as site:
        mp.setenv("PIPELINE_FETCH_ALLOW", site.origin)
        mp.setenv("PIPELINE_PER_HOST_DELAY", "0")
        get_settings.cache_clear()
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE articles, feeds, ingest_runs, dead_letters, actors, parties, coder_versions,"
                              " daily_event_counts, daily_party_counts RESTART IDENTITY CASCADE"))
            conn.execute(text("UPDATE pipeline_settings SET active_coder_version = NULL"))
        summary = ingest([FeedSource(url=site.feed_url)], engine=engine)
    mp.undo()
    get_settings.cache_clear()
    assert summary["status"] == "success" and summary["events"] > 0
    return engine


@pytest.fixture(scope="module")
def analyst_url(demo):
    name = f"reader_{uuid.uuid4().hex[:8]}"
    url = create_analyst_login(demo, name)
    yield make_url(url).set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    drop_analyst_login(demo, name)


@pytest.fixture(scope="module")
def analyst(analyst_url):
    engine = create_engine(analyst_url)
    yield engine
    engine.dispose()
