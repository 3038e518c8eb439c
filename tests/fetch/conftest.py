"""Fixtures for fetch tests: a hostile loopback server, a trap on 127.0.0.2, small-limit settings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # so `import hostile_server` works anywhere

from hostile_server import HostileServer, RefusedListener, install, test_settings  # noqa: E402


@pytest.fixture
def server():
    with HostileServer() as srv:
        yield srv


@pytest.fixture
def trap():
    with RefusedListener() as listener:
        yield listener


@pytest.fixture
def hostile(server, trap):
    """The server with every hostile route installed; returns install()'s description."""
    return install(server, trap)


@pytest.fixture
def settings(server):
    return test_settings(server)


@pytest.fixture
def fetcher(settings):
    from pipeline.fetch import Fetcher

    with Fetcher(settings) as f:
        yield f
