"""The JSON Lines loop behind `python -m pipeline.extract --jsonl -`."""

import io
import json

from pipeline.extract import extract_many
from pipeline.extract.jsonl import run_jsonl

DOCS = [
    {"doc_id": "a", "published": "2024-07-09", "title": "Pact",
     "text": "Polish Prime Minister Donald Tusk and Ukrainian President Volodymyr Zelensky signed a security "
             "agreement in Warsaw on Monday."},
    {"doc_id": "b", "published": None, "title": "Weather", "text": "Rain is expected on Friday."},
    {"doc_id": "c", "published": "2024-07-09", "title": None, "text": '"We are allies," Tusk said.'},
]


def test_run_jsonl_writes_one_event_per_line_with_its_doc_id(nlp):
    out = io.StringIO()
    n = run_jsonl(io.StringIO("".join(json.dumps(d) + "\n" for d in DOCS) + "not json\n"), out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert n == len(lines) > 0
    assert {e["doc_id"] for e in lines} <= {"a", "c"}
    assert any(e["type"] == "signing" and e["doc_id"] == "a" for e in lines)


def test_extract_many_yields_in_input_order_in_small_batches(nlp):
    got = [d["doc_id"] for d, _ in extract_many(DOCS, batch_size=2)]
    assert got == ["a", "b", "c"]
