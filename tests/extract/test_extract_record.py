"""The record contract: every record of every dev article matches the shipped JSON Schema (as a
Singer SDK stream's records match theirs), and the TypedDict says the same."""

import json
from pathlib import Path
from typing import get_type_hints

import jsonschema
import pytest

from pipeline.extract import extract_many
from pipeline.extract.record import EventRecord, schema

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def dev_records(nlp):
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    return [(d, ev) for d, evs in extract_many(docs) for ev in evs]


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


def test_every_dev_record_matches_the_schema(dev_records):
    validator = jsonschema.Draft202012Validator(schema())
    assert len(dev_records) > 150
    for doc, ev in dev_records:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(ev)]
        assert not errors, (doc["doc_id"], ev["type"], errors)
        assert doc["text"][ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]


def test_the_typed_dict_and_the_schema_name_the_same_fields():
    assert set(get_type_hints(EventRecord)) == set(schema()["required"]) == set(schema()["properties"])


def test_the_schema_refuses_a_statement_without_a_speaker(dev_records):
    statement = next(ev for _d, ev in dev_records if ev["type"] == "statement")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**statement, "speaker": None}, schema())
