"""The coder's copy of the spaCy model runs faster components than the stock model, and
annotates every token exactly as the stock model does."""

from __future__ import annotations

import json

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from pipeline.config import PROJECT_ROOT
from pipeline.extract.nlp import FastTransitionParser, load_stock_nlp

COLUMNS = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE, SENT_START]


@pytest.fixture(scope="module")
def stock():
    return load_stock_nlp()


def _dev_texts(n: int) -> list[str]:
    paths = sorted((PROJECT_ROOT / "tests" / "extract" / "gold").glob("*.json"))[:n]
    return [json.loads(p.read_text())["text"] for p in paths]


def test_the_coder_decodes_the_parser_and_the_entities_in_python(nlp):
    assert {"fast_parser", "fast_ner"} <= set(nlp.pipe_names)
    assert not {"parser", "ner"} & set(nlp.pipe_names)


def test_every_token_is_annotated_as_by_the_stock_model(nlp, stock):
    texts = _dev_texts(12)
    # whole articles, and their sentences one by one (the coder parses sentences in batches)
    texts += [s.text for d in stock.pipe(texts[:4]) for s in d.sents]
    texts += ["", " ", "Yes.", "\n\n"]
    ours = list(nlp.pipe(texts, batch_size=16))
    theirs = list(stock.pipe(texts, batch_size=16))
    for a, b in zip(ours, theirs, strict=True):
        assert a.to_array(COLUMNS).tolist() == b.to_array(COLUMNS).tolist(), a.text[:80]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]


def test_one_document_alone_is_decoded_as_in_a_batch(nlp):
    text = "Prime Minister Kari Lund met President Omar Haddad in Amman on Tuesday."
    alone, batched = nlp(text), list(nlp.pipe([text, "The talks lasted two hours."]))[0]
    assert alone.to_array(COLUMNS).tolist() == batched.to_array(COLUMNS).tolist()
    assert [e.text for e in alone.ents if e.label_ == "PERSON"] == ["Kari Lund", "Omar Haddad"]


def test_a_beam_decoder_is_left_to_spacy(stock):
    ner = stock.get_pipe("ner")
    assert FastTransitionParser.handles(ner)
    ner.cfg["beam_width"] = 4
    try:
        assert not FastTransitionParser.handles(ner)
    finally:
        ner.cfg["beam_width"] = 1
