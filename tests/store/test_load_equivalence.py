"""The bulk load gives the same database whatever the batching: one batch of many articles
holds exactly what loading them article by article holds, and loading again writes nothing."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import text

from pipeline.model import Article
from pipeline.store import articles, load
from tests.store.content import database_content

VERSION = "eq-1"


def _person(name, country, role="participant"):
    return {"name": name, "kind": "person", "country": country, "role": role}


def _state(name, code, role="participant"):
    return {"name": name, "kind": "state", "country": code, "role": role}


def _event(kind, day, actors, parties, evidence, *, confidence=0.8, **extra):
    return {"type": kind, "date": day, "status": "occurred", "location": extra.pop("location", None),
            "destination": extra.pop("destination", None), "actors": actors,
            "parties": [{"name": None, "code": c} for c in parties], "speaker": extra.pop("speaker", None),
            "quote": extra.pop("quote", None), "evidence": {"start": 0, "end": len(evidence), "text": evidence},
            "confidence": confidence, "codes": {"cameo": extra.pop("cameo", "040"), "plover": "CONSULT"},
            "coder_version": VERSION, **extra}


def _statement(speaker, country, quote, day=None, confidence=0.9):
    return _event("statement", day, [_person(speaker, country, "speaker")], [country] if country else [],
                  f'"{quote}," {speaker} said.', confidence=confidence, speaker={"name": speaker, "country": country},
                  quote=quote, cameo="010")


SIGNING = _event("signing", "2026-11-24", [_person("Lee Jae-myung", "KOR", "signatory"),
                                           _person("Pham Minh Chinh", "VNM", "signatory")],
                 ["KOR", "VNM"], "Lee and Pham signed a trade pact in Seoul.", location="Seoul", cameo="057")
SIGNING_DIACRITICS = {**SIGNING, "actors": [_person("Lee Jae-myung", "KOR", "signatory"),
                                            _person("Phạm Minh Chính", "VNM", "signatory")],
                      "evidence": {"start": 5, "end": 60, "text": "Phạm Minh Chính and Lee signed the pact."},
                      "confidence": 0.9}
STATES_MEETING = _event("meeting", "2026-11-25", [_state("Japan", "JPN"), _state("Philippines", "PHL")],
                        ["JPN", "PHL"], "Japan and the Philippines held talks.")
VISIT = _event("visit", "2026-11-25", [_person("Recep Tayyip Erdoğan", "TUR", "visitor"),
                                       _person("Friedrich Merz", "DEU", "host")],
               ["TUR", "DEU"], "Erdoğan arrived in Berlin for talks with Merz.", destination="Germany",
               location="Berlin", cameo="042")
UN_MEETING = _event("meeting", None, [_person("Antonio Guterres", None), _person("Antonio Guterres", "UNO"),
                                      {"name": "United Nations", "kind": "organisation", "country": "UNO",
                                       "role": "participant"}],
                    ["UNO"], "Guterres met the delegates.")


def _corpus() -> list[tuple[str, str, int, list[dict]]]:
    """(url, outlet, day of November, coder output) for each article."""
    return [
        ("http://127.0.0.1/a/1", "a.test", 24, [SIGNING, _statement("Erdogan", "TUR", "We will not back down")]),
        ("http://127.0.0.1/b/1", "b.test", 24, [SIGNING_DIACRITICS, SIGNING_DIACRITICS, STATES_MEETING]),
        ("http://127.0.0.1/c/1", "c.test", 25, [VISIT, _statement("Tayyip Erdogan", "TUR",
                                                                  "We will not back down, ever", confidence=0.95)]),
        ("http://127.0.0.1/a/2", "a.test", 25, [UN_MEETING, _statement("Kim", "PRK", "The drills are a threat")]),
        ("http://127.0.0.1/b/2", "b.test", 26, [_statement("Kim Jong Un", "PRK", "We are ready", "2026-11-26"),
                                                _statement("Kim Yo Jong", "PRK", "The drills are a threat"),
                                                STATES_MEETING]),
        ("http://127.0.0.1/c/2", "c.test", 26, [_statement("Antonio Guterres", None, "Peace is possible"), VISIT]),
        ("http://127.0.0.1/d/1", None, 26, [{**VISIT, "evidence": {"start": 0, "end": 9, "text": "Erdoğan came."}}]),
        # Published before the others, loaded after them: the events' first article and day move.
        ("http://127.0.0.1/e/1", "e.test", 23, [{**SIGNING, "confidence": 0.5,
                                                 "evidence": {"start": 0, "end": 9, "text": "A pact."}},
                                                _statement("Kim", "PRK", "The drills are a threat")]),
    ]


def _store_articles(db) -> list[load.ArticleRef]:
    refs = []
    with db.begin() as conn:
        for url, outlet, day, _ in _corpus():
            published = datetime(2026, 11, day, 9, tzinfo=UTC)
            art = Article(url=url, canonical_url=url, title="t", text=url, source=outlet, published_at=published,
                          content_hash=hashlib.sha256(url.encode()).hexdigest())
            refs.append(load.ArticleRef(articles.insert_article(conn, art, None, None), published.date()))
    return refs


def _batch(refs: list[load.ArticleRef], recoded: bool = False) -> list[tuple[load.ArticleRef, list[dict]]]:
    batch = [(ref, list(events)) for ref, (*_, events) in zip(refs, _corpus(), strict=True)]
    if recoded:  # a later coder pass: one mention gone, one changed, two new
        batch[0][1].pop(1)
        batch[2][1][0] = {**VISIT, "location": "Potsdam"}
        batch[6][1].append(_statement("Friedrich Merz", "DEU", "Europe must act together", "2026-11-26"))
        batch[3][1].append({**UN_MEETING, "evidence": {"start": 90, "end": 99, "text": "They met again."},
                            "confidence": 0.95})  # a second mention of an event from the same article
    return batch


def _content(db) -> dict[str, list[tuple]]:
    with db.connect() as conn:
        return database_content(conn)


def _reset(db) -> None:
    with db.begin() as conn:
        conn.execute(text("TRUNCATE article_codings, coder_versions, event_mentions, events, actors, actor_aliases, "
                          "parties, daily_event_counts, daily_party_counts, articles RESTART IDENTITY CASCADE"))


def test_one_batch_holds_what_loading_article_by_article_holds(db):
    refs = _store_articles(db)
    for item in _batch(refs):
        with db.begin() as conn:
            load.load_mentions(conn, [item], VERSION)
    one_by_one = _content(db)
    _reset(db)
    refs = _store_articles(db)
    with db.begin() as conn:
        result = load.load_mentions(conn, _batch(refs), VERSION)
    assert _content(db) == one_by_one
    assert result.mentions == result.mentions_added == len(one_by_one["event_mentions"]) == 16
    # The signing (in two spellings) and the visit are each one event of three mentions, the
    # states' meeting and Kim's statement of two; five other statements and the UN meeting are
    # one event each.
    assert sorted(row[20] for row in one_by_one["events"]) == [1] * 6 + [2] * 2 + [3] * 2  # num_mentions


def test_a_recoding_batch_holds_what_a_fresh_load_of_its_output_holds(db):
    refs = _store_articles(db)
    with db.begin() as conn:
        load.load_mentions(conn, _batch(refs), VERSION)
    with db.begin() as conn:
        result = load.load_mentions(conn, _batch(refs, recoded=True), VERSION)
    recoded = _content(db)
    _reset(db)
    refs = _store_articles(db)
    with db.begin() as conn:
        load.load_mentions(conn, _batch(refs, recoded=True), VERSION)
    fresh = _content(db)
    assert (result.mentions_added, result.mentions_removed) == (3, 2)
    # Actors and their spellings are kept once seen; everything derived from mentions is equal.
    for table in ("event_mentions", "events", "article_codings", "daily_event_counts", "daily_party_counts"):
        assert recoded[table] == fresh[table], table


def test_loading_the_same_batch_again_writes_no_row(db):
    refs = _store_articles(db)
    with db.begin() as conn:
        load.load_mentions(conn, _batch(refs), VERSION)

    def raw() -> dict[str, list[tuple]]:
        with db.connect() as conn:
            return {t: [tuple(r) for r in conn.execute(text(f"SELECT *, xmin::text FROM {t} ORDER BY 1, 2, 3"))]
                    for t in ("event_mentions", "events", "actors", "actor_aliases", "article_codings",
                              "daily_event_counts", "daily_party_counts", "parties")}

    before = raw()
    with db.begin() as conn:
        again = load.load_mentions(conn, _batch(refs), VERSION)
    assert raw() == before
    assert (again.mentions_added, again.mentions_removed, again.events_touched) == (0, 0, 0)


def test_events_grown_article_by_article_equal_events_rebuilt_from_all_their_mentions(db):
    # A load that only adds mentions to an event builds it from the stored event and the new
    # mentions; a re-clustering rebuilds it from every mention. Both must give the same rows.
    refs = _store_articles(db)
    for item in [*_batch(refs), *_batch(refs, recoded=True)]:  # the re-coding adds a second mention of
        with db.begin() as conn:                               # an event to an article that had one
            load.load_mentions(conn, [item], VERSION)
    grown = _content(db)
    with db.begin() as conn:
        keys = list(conn.execute(text("SELECT event_key FROM events")).scalars())
        assert load.recompute_events(conn, VERSION, keys) == len(grown["events"]) == 10
    assert _content(db) == grown
