"""`feeds add` and `feeds remove` through the real CLI: a good feed on the loopback sample
site is inspected and added, a bad one refused with its reason; the file keeps its comments."""

from __future__ import annotations

import subprocess
import sys

import yaml

from pipeline.sources import load_sources

ORIGINAL = """# Our feeds. Keep this comment.
feeds:
  # the wire service
  - url: http://127.0.0.1:1/existing.xml
    name: Existing   # its name
"""


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "feeds", *args], capture_output=True, text=True,
                          timeout=120)


def test_feeds_add_inspects_a_good_feed_and_appends_it_keeping_the_comments(fetch_env, tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    proc = _cli("add", fetch_env.feed_url, "--archive", fetch_env.archive_template(), "--feeds", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "6 entries" in proc.stdout
    written = path.read_text(encoding="utf-8")
    assert written.startswith(ORIGINAL)  # nothing above the new entry moved or lost its comment
    assert [(s.url, s.name, s.archive) for s in load_sources(str(path))] == [
        ("http://127.0.0.1:1/existing.xml", "Existing", None),
        (fetch_env.feed_url, "Loopback Wire: World", fetch_env.archive_template())]
    again = _cli("add", fetch_env.feed_url, "--feeds", str(path))
    assert again.returncode == 2 and "already in" in again.stderr
    assert path.read_text(encoding="utf-8") == written


def test_feeds_add_refuses_a_feed_that_cannot_be_read_with_the_reason(fetch_env, tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    missing = _cli("add", f"{fetch_env.origin}/gone.xml", "--feeds", str(path))
    assert missing.returncode == 1 and "http_error: HTTP 404" in missing.stderr
    not_a_feed = _cli("add", f"{fetch_env.origin}/articles/{fetch_env.articles[0].slug}.html", "--feeds", str(path))
    assert not_a_feed.returncode == 1 and "refused" in not_a_feed.stderr
    refused = _cli("add", "http://127.0.0.2:9/feed.xml", "--feeds", str(path))
    assert refused.returncode == 1 and "refused_address" in refused.stderr
    bad_archive = _cli("add", fetch_env.feed_url, "--archive", "http://127.0.0.1/a.xml", "--feeds", str(path))
    assert bad_archive.returncode == 2 and "{date}" in bad_archive.stderr
    assert path.read_text(encoding="utf-8") == ORIGINAL


def test_feeds_remove_takes_one_entry_out_and_keeps_the_rest(fetch_env, tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text(ORIGINAL + f"  - url: {fetch_env.feed_url}\n", encoding="utf-8")
    proc = _cli("remove", fetch_env.feed_url, "--feeds", str(path))
    assert proc.returncode == 0, proc.stderr
    assert path.read_text(encoding="utf-8") == ORIGINAL
    assert _cli("remove", fetch_env.feed_url, "--feeds", str(path)).returncode == 2


def test_feeds_add_creates_a_missing_file_and_refuses_a_url_list(fetch_env, tmp_path, monkeypatch):
    path = tmp_path / "new.yaml"
    assert _cli("add", fetch_env.feed_url, "--feeds", str(path)).returncode == 0
    assert yaml.safe_load(path.read_text())["feeds"][0]["url"] == fetch_env.feed_url
    monkeypatch.setenv("PIPELINE_FEEDS", f"{fetch_env.feed_url},http://127.0.0.1:1/x.xml")
    proc = _cli("add", fetch_env.feed_url)
    assert proc.returncode == 2 and "not a file" in proc.stderr


def test_feeds_add_allow_private_lists_the_origin_in_the_file_for_every_later_run(fetch_env, tmp_path, monkeypatch):
    from pipeline.config import load_settings

    monkeypatch.delenv("PIPELINE_FETCH_ALLOW")  # the sample site is now a private origin like any other
    path = tmp_path / "feeds.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    refused = _cli("add", fetch_env.feed_url, "--feeds", str(path))
    assert refused.returncode == 1 and "refused_address" in refused.stderr
    proc = _cli("add", fetch_env.feed_url, "--allow-private", "--feeds", str(path))
    assert proc.returncode == 0, proc.stderr
    assert yaml.safe_load(path.read_text())["fetch_allow"] == [fetch_env.origin]
    assert fetch_env.origin in load_settings({"PIPELINE_FEEDS": str(path)}).fetch_allow
    assert fetch_env.origin not in load_settings({"PIPELINE_FEEDS": fetch_env.feed_url}).fetch_allow
