"""The coder returns events or none for any text, in bounded time: a property-based test composes
articles from dev sentences and hostile pieces (unbalanced and nested quote marks, empty and
huge paragraphs, non-Latin scripts, control characters); the JSON Lines loop keeps going past
bad documents."""

import datetime as dt
import io
import json
import logging
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_events
from pipeline.extract.jsonl import run_jsonl
from pipeline.extract.prepare import MAX_TEXT_CHARS, prepare
from pipeline.extract.record import schema
from pipeline.extract.sentences import split_sentences

GOLD = Path(__file__).parent / "gold"


def _dev_sentences() -> list[str]:
    out = []
    for p in sorted(GOLD.glob("*.json"))[:30]:
        text = json.loads(p.read_text(encoding="utf-8"))["text"]
        out.extend(s.text for s in split_sentences(text))
    return out


DEV = _dev_sentences()
QUOTES = ['"', "“", "”", "‘", "’", "'", "„", "«", "»"]
NON_LATIN = st.text(st.sampled_from("Путин встретился с Си Цзиньпином 習近平會見普京 التقى الرئيس 대통령은 서울에서 ─ ©"),
                    min_size=1, max_size=80)
CONTROL = st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Co"]), min_size=1, max_size=12)
PIECE = st.one_of(
    st.sampled_from(DEV),
    st.sampled_from(QUOTES),
    st.builds(lambda s, q: q + s, st.sampled_from(DEV), st.sampled_from(QUOTES)),  # unbalanced
    st.builds(lambda s, a, b: f"{a}He said {b}{s}{b} and left{a}", st.sampled_from(DEV), st.sampled_from(QUOTES),
              st.sampled_from(QUOTES)),  # nested
    NON_LATIN,
    CONTROL,
    st.just(""),
    st.text(max_size=40),
)
PARAGRAPH = st.lists(PIECE, max_size=6).map(" ".join)
ARTICLE = st.lists(PARAGRAPH, max_size=8).map("\n".join)
VALIDATOR = jsonschema.Draft202012Validator(schema())


def _check(text: str, events: list[dict]) -> None:
    for ev in events:
        assert not list(VALIDATOR.iter_errors(ev)), ev
        s, e = ev["evidence"]["start"], ev["evidence"]["end"]
        assert 0 <= s <= e <= len(text) and text[s:e] == ev["evidence"]["text"]


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(text=ARTICLE, published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))))
def test_any_article_codes_to_valid_records_or_none(nlp, caplog, text, published):
    with caplog.at_level(logging.ERROR, logger="pipeline.extract"):
        events = extract_events(text, published, None, "h")
    # the runner would turn an exception into "no events" and log it: none may be logged
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], text
    _check(text, events)


def test_a_300_kb_paragraph_is_coded_up_to_the_limit_and_the_cut_logged(nlp, caplog):
    lead = ("Russian President Vladimir Putin and North Korean leader Kim Jong-un signed a partnership treaty "
            "in Pyongyang on Wednesday. ")
    filler = "Markets were calm and the weather was mild across the region that week. "
    text = lead + filler * (300_000 // len(filler))
    assert len(text) > 300_000
    with caplog.at_level(logging.WARNING, logger="pipeline.extract.runner"):
        events = extract_events(text, dt.date(2024, 6, 20), None, "big")
    assert any(e["type"] == "signing" for e in events)
    assert any("doc big" in r.getMessage() and str(MAX_TEXT_CHARS) in r.getMessage() for r in caplog.records)
    _check(text, events)


def test_the_cut_ends_at_a_paragraph_or_word_boundary():
    text = ("word " * 50_000) + "\n" + ("other " * 10_000)
    prep = prepare(text)
    assert prep.truncated and len(prep.text) <= MAX_TEXT_CHARS and prep.text.endswith("word")


def test_empty_and_blank_texts_give_no_events(nlp):
    for text in ("", " ", "\n\n\n", "\x00\x01\x02", "“", '"' * 1000):
        assert extract_events(text, None) == []


def test_the_jsonl_loop_reports_bad_documents_and_codes_the_good_ones(nlp, capsys):
    good = {"doc_id": "good", "published": "2024-07-09",
            "text": "Polish Prime Minister Donald Tusk and Ukrainian President Volodymyr Zelensky signed a "
                    "security agreement in Warsaw on Monday."}
    lines = [json.dumps({"doc_id": "num", "text": 123}).encode(), b"{not json", b"[1, 2]",
             b'{"doc_id": "latin1", "text": "caf\xe9"}', json.dumps(good).encode(),
             json.dumps({"doc_id": "pub", "text": "x", "published": "yesterday"}).encode()]
    out = io.StringIO()
    summary = run_jsonl(lines, out)
    err = capsys.readouterr().err.splitlines()
    assert summary.refused == 5 and summary.documents == 1
    assert {json.loads(x)["doc_id"] for x in out.getvalue().splitlines()} == {"good"}
    assert any("'num'" in e and "text must be a string" in e for e in err)
    assert any("line 2" in e and "not valid JSON" in e for e in err)
    assert any("'latin1'" in e and "not UTF-8" in e for e in err)
    assert any("'pub'" in e and "ISO date" in e for e in err)
