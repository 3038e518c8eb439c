"""The spaCy model loads once per session; tests call the coder through `extract`."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract import extract_events, load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    def run(text: str, published: str | None = "2024-06-20") -> list[dict]:
        pub = dt.date.fromisoformat(published) if published else None
        return extract_events(text, pub, None, "t")

    return run

