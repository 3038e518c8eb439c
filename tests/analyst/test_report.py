"""`pipeline report` opened in a real browser (Debian's Chromium driven by Playwright): the
charts are drawn, nothing is requested beyond the file itself, the console stays clean. The
screenshot is kept in test-artifacts/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report(analyst_url):
    """Written by the CLI with an analyst's read-only login, as an analyst would."""
    out = ARTIFACTS / "report.html"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "report", "--since", "2026-11-01", "--until",
                           "2026-11-30", "--out", str(out)], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "PIPELINE_DATABASE_URL": analyst_url})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert Path(proc.stdout.strip()) == out.resolve()
    return out


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (what .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_the_report_is_one_file_with_the_charting_library_inside(report):
    page = report.read_text(encoding="utf-8")
    assert "<script src=" not in page and "<link" not in page and "@import" not in page
    assert len(page) > 1_000_000  # plotly.js itself is inlined
    assert page.count('class="plotly-graph-div"') == 4


def test_the_report_draws_its_charts_offline_with_a_clean_console(report, browser):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda route: route.continue_() if route.request.url == report.as_uri() else route.abort())
    page.goto(report.as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 8", timeout=30_000)

    bars = page.locator("#chart-per-day .trace.bars .point").count()
    people = page.locator("#chart-actors .trace.bars .point").count()
    parties = page.locator("#chart-parties .trace.bars .point").count()
    nodes = page.locator("#chart-network .scatterlayer .trace").nth(1).locator(".point").count()
    links = page.locator("table tbody tr td a[href^='http']").count()
    legend = page.locator("#chart-per-day .legendtext").evaluate_all("els => els.map(e => e.textContent)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    context.close()

    assert requests == [report.as_uri()], f"the report requested more than itself: {requests}"
    assert errors == []
    assert bars >= 5 and people >= 5 and parties >= 5 and nodes >= 4
    assert set(legend) == {"meeting", "visit", "signing", "statement"}
    assert links >= 5


def test_an_empty_period_still_writes_a_page(analyst_url, tmp_path):
    out = tmp_path / "empty.html"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "report", "--since", "1999-01-01", "--until",
                           "1999-01-31", "--out", str(out)], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "PIPELINE_DATABASE_URL": analyst_url})
    assert proc.returncode == 0, proc.stderr[-2000:]
    page = out.read_text(encoding="utf-8")
    assert "No events in this period" in page and "No statements in this period." in page
