"""`feeds inspect` over files and URLs, the feedparser test corpus, and the connect-time guard."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from hostile_server import rss

from pipeline.fetch.errors import FetchError
from pipeline.fetch.guard import AllowList, GuardedBackend
from pipeline.fetch.inspect import inspect

# The shared corpus lives beside the checkout; the variable only lets a test run point elsewhere.
CORPUS = Path(os.environ.get("FETCH_TEST_FEEDPARSER_CORPUS", "/work/shared/corpora/feedparser-tests"))


def test_inspect_reports_files_and_urls(tmp_path, server, fetcher):
    good = tmp_path / "good.xml"
    good.write_bytes(rss([("a", "http://example.com/a"), ("b", "ftp://example.com/b")], title="Local"))
    bad = tmp_path / "bomb.xml"
    bad.write_bytes(b'<!DOCTYPE r [<!ENTITY a "x">]><rss/>')
    served = server.add("/served.xml", rss([("c", server.url("/c"))], title="Served"), content_type="application/rss+xml")
    reports = inspect([str(good), str(bad), str(tmp_path / "missing.xml"), served], fetcher=fetcher)
    assert [r["input"] for r in reports] == [str(good), str(bad), str(tmp_path / "missing.xml"), served]
    assert reports[0]["ok"] and reports[0]["title"] == "Local" and reports[0]["entries"] == 1
    assert [p["reason"] for p in reports[0]["problems"]] == ["bad_scheme"]
    assert not reports[1]["ok"] and reports[1]["problems"][0]["reason"] == "entity_declaration"
    assert not reports[2]["ok"] and reports[2]["problems"][0]["reason"] == "unreadable"
    assert reports[3]["ok"] and reports[3]["title"] == "Served" and reports[3]["entries"] == 1
    assert set(reports[0]) == {"input", "ok", "title", "entries", "problems"}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs /work/shared (the shared feedparser corpus); skipped only when it is absent")
def test_the_whole_feedparser_corpus_goes_through_inspect():
    """All 2,108 files of /work/shared/corpora/feedparser-tests: no unhandled error, one report each.

    Skips only when /work/shared is absent; the default suite passes without ../shared.
    """
    files = sorted(str(p) for p in CORPUS.rglob("*") if p.is_file())
    assert len(files) >= 2000
    reports = inspect(files)
    assert len(reports) == len(files)
    assert sum(r["ok"] for r in reports) > 0.95 * len(files)
    reasons = {p["reason"] for r in reports for p in r["problems"]}
    assert "internal_error" not in reasons
    assert reasons <= {"bad_link", "bad_scheme", "malformed_feed", "not_a_feed", "entity_declaration", "decode_error", "refused_address"}


def test_the_connect_time_guard_refuses_on_its_own(trap):
    """Even if the URL check were bypassed, the transport never opens a refused connection."""
    backend = GuardedBackend(AllowList([]))
    for host in ("127.0.0.2", "2130706434", "localhost"):
        with pytest.raises(FetchError) as info:
            asyncio.run(backend.connect_tcp(host, trap.port, timeout=1))
        assert info.value.reason == "refused_address"
    assert trap.connections == 0


def test_the_connect_time_guard_connects_to_the_address_it_checked(server, monkeypatch):
    """DNS is asked once; the connection goes to that answer, so a rebinding answer cannot follow."""
    import ipaddress

    from pipeline.fetch import guard

    calls = []

    async def one_answer_then_private(host, _port, _timeout):
        calls.append(host)
        return [ipaddress.ip_address("127.0.0.1")] if len(calls) == 1 else [ipaddress.ip_address("10.0.0.1")]

    monkeypatch.setattr(guard, "resolve", one_answer_then_private)
    monkeypatch.setattr(guard, "refusal", lambda ip: None if str(ip) == "127.0.0.1" else "private")

    async def connect():
        stream = await GuardedBackend(AllowList([])).connect_tcp("rebind.test", server.port, timeout=1)
        await stream.aclose()

    asyncio.run(connect())
    assert calls == ["rebind.test"]  # resolved exactly once for one connection
