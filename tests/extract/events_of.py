"""Helpers the coder's tests import by module name (tests/extract is on sys.path). Not in
conftest.py: `from conftest import …` resolves to whichever conftest was imported first, which
breaks when tests/extract runs with another directory (tests/analyst has a conftest too)."""

from __future__ import annotations


def of_type(events: list[dict], t: str) -> list[dict]:
    return [e for e in events if e["type"] == t]
