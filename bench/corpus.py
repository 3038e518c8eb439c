"""Texts the benchmarks run on: the project's own sample and dev-set articles."""

from __future__ import annotations

import json

from pipeline.config import PROJECT_ROOT
from pipeline.sample_site import load_articles


def own_texts() -> list[dict]:
    docs = [{"doc_id": a.slug, "text": a.text, "title": a.title, "published": a.published.date().isoformat()}
            for a in load_articles()]
    for path in sorted((PROJECT_ROOT / "tests" / "extract" / "gold").glob("*.json")):
        d = json.loads(path.read_text())
        docs.append({k: d.get(k) for k in ("doc_id", "text", "title", "published")})
    return docs


def words(docs: list[dict]) -> int:
    return sum(len(d["text"].split()) for d in docs)
