"""news_reprocess: re-derive events from stored articles (no refetching), one mapped task
per day, under the installed coder version or a new label. Start it from the UI's trigger
form; ``dry_run`` only counts what would be re-coded."""

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
    def days(p: dict) -> list[str]:
        return p["days"]

    @task(max_active_tis_per_dagrun=2)
    def reprocess_day(day: str, p: dict) -> dict:
        from pipeline.reprocess import reprocess_day as run_day
        from pipeline.store.db import get_engine

        return run_day(get_engine(), day, p["coder_version"], p["feeds"], p["dry_run"])

    @task(outlets=[NEWS_EVENTS])
    def recluster(p: dict, chunks: list[dict]) -> dict:
        from pipeline.reprocess import finish_reprocess
        from pipeline.store.db import get_engine

        return finish_reprocess(get_engine(), p, chunks)

    p = plan()
    chunks = reprocess_day.partial(p=p).expand(day=days(p))
    recluster(p, chunks)


news_reprocess()
