"""A coded article whose records Postgres refuses costs that article, not its batch: the batch
is loaded again one article at a time and the refused one becomes a 'load' dead letter."""

from __future__ import annotations

import hashlib

from sqlalchemy import text

import pipeline.extract as extract_package
from pipeline.ingest import extract_articles
from pipeline.model import Article
from pipeline.store.articles import insert_article

MEETING = {"type": "meeting", "date": "2026-11-25", "status": "occurred", "location": "Nairobi",
           "destination": None, "speaker": None, "quote": None,
           "actors": [{"name": "William Ruto", "kind": "person", "country": "KEN", "role": "host"},
                      {"name": "Abiy Ahmed", "kind": "person", "country": "ETH", "role": "participant"}],
           "parties": [{"name": "Kenya", "code": "KEN"}, {"name": "Ethiopia", "code": "ETH"}],
           "evidence": {"start": 0, "end": 9, "text": "They met."}, "confidence": 0.8,
           "codes": {"cameo": "040", "plover": "CONSULT"}}


def test_a_refused_record_costs_its_article_and_the_batch_loads(db, monkeypatch):
    with db.begin() as conn:
        ids = [insert_article(conn, Article(url=f"http://127.0.0.1/{i}", canonical_url=f"http://127.0.0.1/{i}",
                                            title="t", text=f"body {i}",
                                            content_hash=hashlib.sha256(f"body {i}".encode()).hexdigest()),
                              None, None) for i in range(3)]
    poisoned = str(ids[1])

    def coder(docs, n_process=1):  # noqa: ARG001 - the coder's signature
        for doc in docs:
            record = {**MEETING, "evidence": {**MEETING["evidence"], "text": "They\x00 met."}} \
                if doc["doc_id"] == poisoned else dict(MEETING)
            yield doc, [{**record, "location": f"Nairobi {doc['doc_id']}", "coder_version": "t"}]

    monkeypatch.setattr(extract_package, "extract_many", coder)
    summary = extract_articles(db, ids, coder="t")
    assert (summary.articles, summary.dead_letters) == (2, 1)
    with db.connect() as conn:
        coded = set(conn.execute(text("SELECT article_id FROM article_codings")).scalars())
        letter = conn.execute(text("SELECT stage, reason, detail FROM dead_letters")).one()
    assert coded == {ids[0], ids[2]}
    assert (letter.stage, letter.reason) == ("load", "load_error") and f"article {ids[1]}" in letter.detail
