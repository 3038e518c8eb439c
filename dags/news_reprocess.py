"""news_reprocess: re-derive events from stored articles (no refetching), under the installed
coder version or a new label. Start it from the UI's trigger form; ``dry_run`` only counts
what would be re-coded.

One mapped `reprocess_chunk` per day that has articles, each labelled by its day; a range with
more such days than `pipeline.reprocess.MAX_CHUNKS` (100) is cut into at most that many
chunks of consecutive days (labelled `first..last`), so any range runs. `news_events` is
announced after a real run only: a dry run changes nothing and triggers no
`refresh_analytics`."""

from __future__ import annotations

import logging

from airflow.sdk import Asset, Param, dag, get_current_context, task

log = logging.getLogger(__name__)

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
                       description="First publication day (UTC) to re-code. Empty: the day of the Logical "
                                   "Date above."),
        "until": Param(None, type=["null", "string"], format="date", title="Until",
                       description="Last publication day to re-code, inclusive. Empty: the same day as Since "
                                   "(one day only)."),
        "feeds": Param(None, type=["null", "array"], items={"type": "string"}, title="Feeds",
                       description="Feed URLs, one per line, as the feeds file lists them: only their articles "
                                   "are re-coded. Empty: every feed."),
        "coder_version": Param(None, type=["null", "string"], title="Coder version",
                               description="Label to store the new mentions under. Empty: the installed coder's "
                                           "label (its mentions are replaced). A new label is stored beside the "
                                           "existing ones; the views switch to it once it has coded as many "
                                           "articles as the version they show, unless a version is activated "
                                           "(python -m pipeline coder-versions --activate LABEL)."),
        "dry_run": Param(False, type="boolean", title="Dry run",
                         description="Only count the articles and chunks the run would re-code (see the plan "
                                     "and recluster logs); change nothing and announce no news_events."),
    },
)
def news_reprocess():
    @task
    def plan() -> dict:
        from pipeline.reprocess import describe_plan, plan_reprocess

        ctx = get_current_context()
        logical = ctx.get("logical_date") or ctx["dag_run"].run_after
        planned = plan_reprocess(ctx["params"], default_day=logical.date())
        log.info("%s", describe_plan(planned))
        return planned

    @task
    def chunks(p: dict) -> list[dict]:
        return p["chunks"]

    # The grid and the logs name each instance by its day (or first..last) instead of 0, 1, 2.
    @task(max_active_tis_per_dagrun=2, map_index_template="{{ chunk_label }}")
    def reprocess_chunk(chunk: dict, p: dict) -> dict:
        from pipeline.reprocess import describe_chunk
        from pipeline.reprocess import reprocess_chunk as run_chunk
        from pipeline.store.db import get_engine

        get_current_context()["chunk_label"] = chunk["label"]  # type: ignore[typeddict-unknown-key]
        result = run_chunk(get_engine(), chunk, p["coder_version"], p["feeds"], p["dry_run"])
        log.info("%s", describe_chunk(result))
        return result

    @task
    def recluster(p: dict, results: list[dict]) -> dict:
        from pipeline.reprocess import describe_reprocess, finish_reprocess
        from pipeline.store.db import get_engine

        summary = finish_reprocess(get_engine(), p, results)
        log.info("%s", describe_reprocess(summary))
        return summary

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
