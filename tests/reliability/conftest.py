"""Fixtures for the reliability tests: a real HTTP server on loopback serving poisoned feeds
and pages, and ``ingest()``'s settings pointed at it with small limits."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fetch"))

from hostile_server import HostileServer  # noqa: E402

from pipeline.config import get_settings  # noqa: E402

FAST_FETCH = {
    "PIPELINE_CONNECT_TIMEOUT": "1", "PIPELINE_READ_TIMEOUT": "2", "PIPELINE_TOTAL_TIMEOUT": "4",
    "PIPELINE_PER_HOST_CONCURRENCY": "8", "PIPELINE_PER_HOST_DELAY": "0", "PIPELINE_RETRIES": "1",
    "PIPELINE_BACKOFF_BASE": "0.05", "PIPELINE_BACKOFF_MAX": "1",
}


@pytest.fixture
def server(monkeypatch):
    """A loopback HTTP server whose origin the fetcher may reach; settings re-read around it."""
    with HostileServer() as srv:
        monkeypatch.setenv("PIPELINE_FETCH_ALLOW", srv.origin)
        for key, value in FAST_FETCH.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        yield srv
    get_settings.cache_clear()
