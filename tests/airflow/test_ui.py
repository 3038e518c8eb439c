"""The Airflow UI in a real browser (Debian's Chromium driven by Playwright): log in, see the
project's DAGs, fill news_reprocess's trigger form and watch the run succeed.

The browser may only talk to loopback: every other request is aborted and reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from pipeline.config import PROJECT_ROOT

pytestmark = pytest.mark.airflow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
PARAMS = {"since": "Since", "until": "Until", "feeds": "Feeds", "coder_version": "Coder version", "dry_run": "Dry run"}
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (as root), or apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, api):  # noqa: ARG001 - the DAGs parsed and unpaused
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    from playwright.sync_api import expect

    # Assertions wait as long as actions do: on a busy 2-core machine the DAG list can take
    # longer than Playwright's 5 s default to render.
    expect.set_options(timeout=30_000)
    refused: list[str] = []

    def only_loopback(route):
        if urlsplit(route.request.url).hostname in LOOPBACK or route.request.url.startswith(("data:", "blob:")):
            return route.continue_()
        refused.append(route.request.url)
        return route.abort()

    page.route("**/*", only_loopback)
    yield page
    context.close()
    assert refused == [], f"the UI tried to reach beyond loopback: {refused}"


def _login(page, info) -> None:
    page.goto(f"{info.url}/")
    page.wait_for_url(re.compile(r"/auth/login"))  # no anonymous access: the UI asks for a login first
    page.get_by_label("Username").fill(info.username)
    page.get_by_label("Password").fill(info.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/auth/login" not in url)


def _open_reprocess_form(page, info):
    page.goto(f"{info.url}/dags/news_reprocess")
    page.get_by_role("button", name="Trigger").first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Run Parameters").wait_for()
    return dialog


def test_login_dag_list_and_a_dry_run_of_news_reprocess_from_its_trigger_form(page, api, standalone):
    from playwright.sync_api import expect

    _login(page, standalone)
    page.goto(f"{standalone.url}/dags")
    for dag_id in ("news_ingest", "news_reprocess", "refresh_analytics"):
        expect(page.get_by_role("link", name=dag_id, exact=True)).to_be_visible()

    dialog = _open_reprocess_form(page, standalone)
    for name, title in PARAMS.items():
        expect(dialog.locator(f"[name=element_{name}]")).to_have_count(1)
        expect(dialog.get_by_text(re.compile(rf"^{title}\s*\*?$"))).to_be_visible()  # "*": required

    dialog.locator("[name=element_since]").fill("2026-01-05")
    dialog.locator("[name=element_until]").fill("2026-01-06")
    # Coder version stays empty (the installed coder): the form must submit with that default.
    expect(dialog.locator("[name=element_coder_version]")).to_have_value("")
    dialog.locator("label:has([name=element_dry_run])").click()  # the switch; its input is hidden
    expect(dialog.locator("[name=element_dry_run]")).to_be_checked()
    trigger = dialog.get_by_role("button", name="Trigger")
    expect(trigger).to_be_enabled(timeout=5_000)
    trigger.click()

    page.wait_for_url(re.compile(r"/dags/news_reprocess/runs/"))
    run_id = page.url.rsplit("/runs/", 1)[1]
    run = api.wait_run("news_reprocess", unquote(run_id))
    assert run["state"] == "success"
    assert run["conf"]["dry_run"] is True and run["conf"]["since"] == "2026-01-05"
    assert not run["conf"].get("coder_version")
    summary = api.xcom("news_reprocess", run["dag_run_id"], "recluster")
    assert summary["dry_run"] is True and summary["mentions_added"] == 0
    page.reload()
    expect(page.get_by_text("Success").first).to_be_visible(timeout=60_000)
    expect(page.get_by_role("link", name="recluster").first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "airflow-news_reprocess-dry-run.png"))



@pytest.fixture
def broken_feeds(sources):
    """A new news site on a loopback origin Airflow was not started with, added with
    `feeds add --allow-private`, plus a 404 feed and a refused one; all read by the next run
    (no restart). The feeds file is restored afterwards."""
    import subprocess
    import sys

    from devtools.sample_site import SampleSite

    original = sources.feeds_file.read_text()
    with SampleSite() as site:
        added = subprocess.run([sys.executable, "-m", "pipeline", "feeds", "add", site.feed_url, "--allow-private",
                                "--feeds", str(sources.feeds_file)], capture_output=True, text=True, timeout=120)
        assert added.returncode == 0, added.stderr
        missing, refused = f"{sources.live.origin}/gone.xml", "http://127.0.0.2:9/feed.xml"
        listed = yaml.safe_load(sources.feeds_file.read_text())  # `feeds add` would refuse these, rightly
        listed["feeds"] += [{"url": missing}, {"url": refused}]
        sources.feeds_file.write_text(yaml.safe_dump(listed))
        yield {"good": site.feed_url, "live": sources.live.feed_url, "missing": missing, "refused": refused}
        sources.feeds_file.write_text(original)


def test_a_broken_feed_is_not_green_in_the_grid_while_the_run_loads_the_good_feed(page, api, standalone,
                                                                                   broken_feeds, airflow_engine):
    from playwright.sync_api import expect
    from sqlalchemy import text

    run = api.wait_run("news_ingest", api.trigger("news_ingest", {})["dag_run_id"], timeout=420)
    run_id = run["dag_run_id"]
    assert run["state"] == "success"
    instances = api.get(f"/dags/news_ingest/dagRuns/{run_id}/taskInstances", limit=100)["task_instances"]
    fetches = {ti["rendered_map_index"]: ti["state"] for ti in instances if ti["task_id"] == "fetch_feed"}
    assert fetches == {broken_feeds["good"]: "success", broken_feeds["live"]: "success",
                       broken_feeds["missing"]: "failed", broken_feeds["refused"]: "failed"}
    assert {ti["task_id"]: ti["state"] for ti in instances if ti["task_id"] not in ("fetch_feed", "extract_events")} == {
        "begin_run": "success", "list_feeds": "success", "plan_extraction": "success", "finish_run": "success"}
    summary = api.xcom("news_ingest", run_id, "finish_run")
    # A scheduled run queued before this one may have read the new feed first: then there is
    # nothing left to code here (no extraction task mapped), else every batch is coded.
    coded = {ti["state"] for ti in instances if ti["task_id"] == "extract_events"}
    assert coded == {"success"} if summary["articles_new"] else coded <= {"skipped"}, (coded, summary)
    assert {b["url"] for b in summary["broken_feeds"]} == {broken_feeds["missing"], broken_feeds["refused"]}
    with airflow_engine.connect() as conn:
        loaded = conn.execute(text(
            """SELECT count(DISTINCT a.id), count(DISTINCT m.id) FROM articles a
               JOIN event_mentions m ON m.article_id = a.id WHERE a.url LIKE :origin"""),
            {"origin": broken_feeds["good"].rsplit("/", 1)[0] + "/articles/%"}).one()
    assert loaded[0] > 0 and loaded[1] > 0

    _login(page, standalone)
    page.goto(f"{standalone.url}/dags/news_ingest/runs/{run_id}")
    expect(page.get_by_text("Success").first).to_be_visible(timeout=60_000)  # the run itself

    def badge(task_id: str) -> str:
        cell = page.get_by_test_id(f"grid-{run_id}-{task_id}").get_by_test_id("task-state-badge")
        expect(cell).to_be_visible()
        return cell.evaluate("e => getComputedStyle(e).backgroundColor")  # oklch(...) in this UI

    # The grid's fetch_feed cell is not the colour of the run's successful tasks.
    assert badge("fetch_feed") != badge("finish_run") == badge("begin_run")
    for url, state in ((broken_feeds["missing"], "Failed"), (broken_feeds["refused"], "Failed"),
                       (broken_feeds["good"], "Success")):  # each instance labelled by its feed's URL
        expect(page.get_by_role("row").filter(has_text=url)).to_contain_text(state)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "airflow-news_ingest-broken-feed.png"))


def test_refresh_analytics_skips_when_the_ingest_run_changed_nothing(api, broken_feeds):  # noqa: ARG001 - feeds in place
    for _ in range(2):  # the second run finds nothing new, whatever ran before
        run = api.wait_run("news_ingest", api.trigger("news_ingest", {})["dag_run_id"], timeout=420)
    assert run["state"] == "success"
    (event,) = api.get("/assets/events", source_dag_id="news_ingest", source_run_id=run["dag_run_id"])["asset_events"]
    assert event["extra"]["changed"] is False and event["extra"]["articles_new"] == 0
    assert event["extra"]["feeds_failed"] == 2

    def refresh_run():
        found = api.get("/assets/events", source_dag_id="news_ingest", source_run_id=run["dag_run_id"])
        created = [r for e in found["asset_events"] for r in e["created_dagruns"] if r["dag_id"] == "refresh_analytics"]
        return created[0] if created else None

    refresh = api.wait_run("refresh_analytics", api.wait("refresh_analytics to run on the event", refresh_run)["run_id"])
    consumed = api.get(f"/dags/refresh_analytics/dagRuns/{refresh['dag_run_id']}/upstreamAssetEvents")["asset_events"]
    (task,) = api.get(f"/dags/refresh_analytics/dagRuns/{refresh['dag_run_id']}/taskInstances")["task_instances"]
    # Several events may be consumed by one refresh run: it skips only when none changed anything.
    expected = "skipped" if all((e["extra"] or {}).get("changed") is False for e in consumed) else "success"
    assert (refresh["state"], task["state"]) == ("success", expected), consumed
