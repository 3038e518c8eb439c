from datetime import date

from pipeline.store.keys import event_key, mention_key

SIGNING = {
    "type": "signing", "date": "2026-11-25", "status": "occurred",
    "actors": [{"name": "Pham Minh Chinh", "kind": "person", "country": "VNM", "role": "signatory"}],
    "parties": [{"name": "Vietnam", "code": "VNM"}, {"name": "South Korea", "code": "KOR"}],
    "evidence": {"start": 0, "end": 10, "text": "x"}, "confidence": 0.9, "coder_version": "a",
}


def test_the_same_signing_reported_by_two_articles_has_one_event_key():
    other = {**SIGNING, "parties": list(reversed(SIGNING["parties"])), "evidence": {"start": 50, "end": 90, "text": "y"}}
    assert event_key(SIGNING, date(2026, 11, 25)) == event_key(other, date(2026, 11, 26))


def test_signings_on_different_days_are_different_events():
    later = {**SIGNING, "date": "2026-12-01"}
    assert event_key(SIGNING, None) != event_key(later, None)


def test_undated_events_are_told_apart_by_publication_day():
    undated = {**SIGNING, "date": None}
    assert event_key(undated, date(2025, 1, 1)) != event_key(undated, date(2026, 1, 1))


def test_a_statement_is_keyed_by_speaker_and_quote_not_by_punctuation():
    a = {"type": "statement", "speaker": {"name": "Mark Rutte"}, "quote": "We will stand with Ukraine."}
    b = {"type": "statement", "speaker": {"name": "Mark Rutte"}, "quote": "we will stand with Ukraine"}
    c = {"type": "statement", "speaker": {"name": "Volodymyr Zelensky"}, "quote": "We will stand with Ukraine."}
    assert event_key(a, None) == event_key(b, None) != event_key(c, None)


def test_mention_key_ignores_confidence_and_coder_version_but_not_content():
    assert mention_key(SIGNING) == mention_key({**SIGNING, "confidence": 0.1, "coder_version": "b"})
    assert mention_key(SIGNING) != mention_key({**SIGNING, "status": "planned"})
