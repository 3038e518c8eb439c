"""The dev set (tests/extract/gold): per-type F1 floors, scored by a self-contained re-implementation
of the evaluation's matching; plus the project's own scorer when ../shared is present."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from scoring import TYPES, f1, micro_f1, score

from pipeline.extract import extract_many

GOLD = Path(__file__).parent / "gold"
SHARED_SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score_events.py"
# Just under what spacy-rules-0.10 measures (2026-12-02: signing 0.958, visit 0.900, meeting 0.893,
# statement 0.967, micro 0.925 by the shared scorer); a new article that drops a type below waits in pending.
FLOORS = {"signing": 0.94, "visit": 0.93, "meeting": 0.93, "statement": 0.98}  # statement: 0.991 at spacy-rules-0.21


@pytest.fixture(scope="module")
def dev_scores(nlp):
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    preds = {d["doc_id"]: evs for d, evs in extract_many(docs)}
    return score(docs, preds)


def test_the_dev_set_has_forty_articles_of_every_type():
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    assert len(docs) >= 40
    assert {e["type"] for d in docs for e in d["events"]} == set(TYPES)
    assert sum(1 for d in docs if not d["events"]) >= 4  # negatives


@pytest.mark.parametrize("event_type", TYPES)
def test_per_type_f1_floor(dev_scores, event_type):
    assert f1(dev_scores[event_type]) >= FLOORS[event_type], dev_scores[event_type]


def test_micro_f1_floor(dev_scores):
    assert micro_f1(dev_scores) >= 0.92, dev_scores


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="../shared/eval is not present")
def test_the_project_scorer_agrees(nlp):
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, str(SHARED_SCORER), str(GOLD), "--cmd", f"{sys.executable} -m pipeline.extract --jsonl -"],
        cwd=root, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert float(last.split()[-1]) >= 0.92, proc.stdout
