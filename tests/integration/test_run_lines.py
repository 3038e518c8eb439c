"""plan_extraction's log line says why a run codes articles it did not store (a coder upgrade,
or a run that died before coding): in the UI a run with '0 new articles' coding six is a puzzle."""

from __future__ import annotations

from sqlalchemy import text

from pipeline.ingest import coder_version, describe_extraction_plan, ingest, start_run
from pipeline.sources import FeedSource


def test_the_extraction_plan_tells_this_runs_articles_from_earlier_uncoded_ones(db, fetch_env):
    first = ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    with db.connect() as conn:
        stored = conn.execute(text("SELECT id FROM articles ORDER BY id")).scalars().all()
    assert describe_extraction_plan(db, first["run_id"], [stored]) == "6 articles to code in 1 batch"

    later = start_run(db, dag_id="news_ingest", run_id="manual__later")
    assert describe_extraction_plan(db, later, [stored[:3], stored[3:]]) == (
        f"6 articles to code in 2 batches: 0 stored by this run, 6 stored earlier and not yet coded by "
        f"{coder_version()} (at most 500 such per run)")
    assert describe_extraction_plan(db, later, []) == "0 articles to code in 0 batches"


def test_a_feed_whose_stories_are_stored_under_other_urls_counts_them_as_already_stored(db, fetch_env, monkeypatch):
    """The same six stories on a second origin: none is new, and the poll says where they
    went ('6 already stored'), not 'entries=6 new=0 known=0'."""
    from devtools.sample_site import SampleSite
    from pipeline.config import get_settings
    from pipeline.ingest import poll_feed

    ingest([FeedSource(url=fetch_env.feed_url)], engine=db)
    with SampleSite(port=0) as mirror:
        monkeypatch.setenv("PIPELINE_FETCH_ALLOW", f"{fetch_env.origin},{mirror.origin}")
        get_settings.cache_clear()
        poll = poll_feed(db, mirror.feed_url, None)
    assert (poll.entries, len(poll.article_ids), poll.skipped_known) == (6, 0, 6)
    assert "0 new articles, 6 already stored" in poll.describe()
