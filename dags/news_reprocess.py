"""news_reprocess: re-derive events from stored articles (no refetching), under the installed
coder version or a new label. Start it from the UI's trigger form; ``dry_run`` only counts
what would be re-coded.

One mapped `reprocess_chunk` per day that has articles, each labelled by its day; a range with
more such days than `pipeline.reprocess.MAX_CHUNKS` (100) is cut into at most that many
chunks of consecutive days (labelled `first..last`), so any range runs. `news_events` is
announced after a real run only: a dry run changes nothing and triggers no
`refresh_analytics`."""

from __future__ import annotations

from airflow.sdk import Asset, Param, dag, get_current_context, task

# Emitted whenever events change; refresh_analytics is scheduled on it. Assets are
# identified by name, so each DAG file declares it rather than importing a shared module
# (the DAGs folder is not importable everywhere the files are parsed).
NEWS_EVENTS = Asset("news_events")


@dag(
    dag_id="news_reprocess",
    schedule=None,
    catchup=False,
    max_active_runs=1,
    tags=["news", "reprocess"],
    doc_md=__doc__,
    params={
        "since": Param(None, type=["null", "string"], format="date", title="Since",
                       description="First publication day to re-code (default: the run's logical day)."),
        "until": Param(None, type=["null", "string"], format="date", title="Until",
                       description="Last publication day to re-code, inclusive (default: since)."),
        "feeds": Param(None, type=["null", "array"], items={"type": "string"}, title="Feeds",
                       description="Only articles from these feed URLs (empty: all feeds)."),
        "coder_version": Param(None, type=["null", "string"], title="Coder version",
                               description="Label to store the mentions under (empty: the installed coder)."),
        "dry_run": Param(False, type="boolean", title="Dry run", description="Count articles, change nothing."),
    },
)
def news_reprocess():
    @task
    def plan() -> dict:
        from pipeline.reprocess import plan_reprocess

        ctx = get_current_context()
        logical = ctx.get("logical_date") or ctx["dag_run"].run_after
        return plan_reprocess(ctx["params"], default_day=logical.date())

    @task
    def chunks(p: dict) -> list[dict]:
        return p["chunks"]

    # The grid and the logs name each instance by its day (or first..last) instead of 0, 1, 2.
    @task(max_active_tis_per_dagrun=2, map_index_template="{{ chunk_label }}")
    def reprocess_chunk(chunk: dict, p: dict) -> dict:
        from pipeline.reprocess import reprocess_chunk as run_chunk
        from pipeline.store.db import get_engine

        get_current_context()["chunk_label"] = chunk["label"]  # type: ignore[typeddict-unknown-key]
        return run_chunk(get_engine(), chunk, p["coder_version"], p["feeds"], p["dry_run"])

    @task
    def recluster(p: dict, results: list[dict]) -> dict:
        from pipeline.reprocess import finish_reprocess
        from pipeline.store.db import get_engine

        return finish_reprocess(get_engine(), p, results)

    @task(outlets=[NEWS_EVENTS])
    def announce(summary: dict) -> None:
        """Emit `news_events` (with the run's counts) unless nothing could have changed: a
        skipped task emits no asset event."""
        from airflow.sdk.exceptions import AirflowSkipException

        if summary["dry_run"]:
            raise AirflowSkipException("dry run: nothing changed, news_events not announced")
        get_current_context()["outlet_events"][NEWS_EVENTS].extra = {
            k: summary[k] for k in ("coder_version", "since", "until", "articles", "mentions_added", "events")}

    p = plan()
    results = reprocess_chunk.partial(p=p).expand(chunk=chunks(p))
    announce(recluster(p, results))


news_reprocess()
