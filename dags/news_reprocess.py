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
        from datetime import date

        from pipeline.ingest import coder_version, prepare_database
        from pipeline.reprocess import days_between

        prepare_database()
        ctx = get_current_context()
        params = ctx["params"]
        logical = ctx.get("logical_date") or ctx["dag_run"].run_after
        since = date.fromisoformat(params["since"]) if params.get("since") else logical.date()
        until = date.fromisoformat(params["until"]) if params.get("until") else since
        return {"since": since.isoformat(), "until": until.isoformat(),
                "days": days_between(since, until),
                "coder_version": params.get("coder_version") or coder_version(),
                "feeds": params.get("feeds") or None, "dry_run": bool(params.get("dry_run"))}

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
        from datetime import date

        from pipeline.reprocess import recluster as run_recluster
        from pipeline.store.db import get_engine

        events = 0 if p["dry_run"] else run_recluster(
            get_engine(), p["coder_version"], date.fromisoformat(p["since"]), date.fromisoformat(p["until"]))
        return {"articles": sum(c["articles"] for c in chunks), "mentions": sum(c["mentions"] for c in chunks),
                "mentions_added": sum(c["mentions_added"] for c in chunks), "events": events,
                "dry_run": p["dry_run"]}

    p = plan()
    chunks = reprocess_day.partial(p=p).expand(day=days(p))
    recluster(p, chunks)


news_reprocess()
