"""One actor per person across articles and spellings; parties and destinations as codes."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime

from sqlalchemy import create_engine, make_url, text

from pipeline.model import Article
from pipeline.store import articles, load
from pipeline.store.roles import create_analyst_login, drop_analyst_login


def _article(conn, n: int) -> load.ArticleRef:
    body = f"article body {n}"
    art = Article(url=f"http://127.0.0.1/{n}", canonical_url=f"http://127.0.0.1/{n}", title="t", text=body,
                  source=f"outlet{n}.test", published_at=datetime(2026, 11, 20 + n, 9, tzinfo=UTC),
                  content_hash=hashlib.sha256(body.encode()).hexdigest())
    return load.ArticleRef(articles.insert_article(conn, art, None, None), date(2026, 11, 20 + n))


def _statement(speaker: str, country: str | None, quote: str, **extra) -> dict:
    return {"type": "statement", "date": None, "status": "occurred", "location": None, "destination": None,
            "actors": [{"name": speaker, "kind": "person", "country": country, "role": "speaker"}],
            "parties": [{"name": None, "code": country}] if country else [],
            "speaker": {"name": speaker, "country": country}, "quote": quote,
            "evidence": {"start": 0, "end": 10, "text": f'"{quote}," {speaker} said.'}, "confidence": 0.9,
            "codes": {"cameo": "010", "plover": None}, "coder_version": "t", **extra}


def _meeting(*people: tuple[str, str], day: str = "2026-11-21") -> dict:
    return {"type": "meeting", "date": day, "status": "occurred", "location": "Ankara", "destination": None,
            "actors": [{"name": n, "kind": "person", "country": c, "role": "participant"} for n, c in people],
            "parties": [{"name": None, "code": c} for c in sorted({c for _, c in people if c})],
            "speaker": None, "quote": None, "evidence": {"start": 0, "end": 5, "text": "They met."},
            "confidence": 0.8, "codes": {"cameo": "040", "plover": "CONSULT"}, "coder_version": "t"}


def _load(db, *docs: list[dict], start: int = 1) -> None:
    """Each list of events is one article, each article loaded in its own batch."""
    for n, events in enumerate(docs, start=start):
        with db.begin() as conn:
            ref = _article(conn, n)
            load.load_mentions(conn, [(ref, events)], "t")


def _actors(db) -> list[tuple]:
    with db.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT name, kind, party, aliases FROM v_actors WHERE kind = 'person' ORDER BY name"))]


def test_the_same_person_under_two_spellings_in_two_articles_is_one_actor(db):
    _load(db, [_statement("Pham Minh Chinh", "VNM", "Trade will double by 2030")],
          [_statement("Phạm Minh Chính", "VNM", "Our partnership has never been stronger")])
    assert _actors(db) == [("Phạm Minh Chính", "person", "VNM", ["Pham Minh Chinh", "Phạm Minh Chính"])]
    with db.connect() as conn:
        speakers = conn.execute(text("SELECT DISTINCT speaker_id FROM v_statements")).scalars().all()
    assert len(speakers) == 1


def test_a_surname_and_the_full_name_are_one_person_whichever_comes_first(db):
    for order in ([("Erdogan", "TUR")], [("Recep Tayyip Erdogan", "TUR")]), \
                 ([("Recep Tayyip Erdoğan", "TUR")], [("Erdoğan", "TUR")]):
        with db.begin() as conn:
            conn.execute(text("TRUNCATE articles, event_mentions, events, actors, actor_aliases, "
                              "daily_event_counts, daily_party_counts RESTART IDENTITY CASCADE"))
        first, second = order
        _load(db, [_meeting(*first, ("Vladimir Putin", "RUS"))],
              [_meeting(*second, ("Vladimir Putin", "RUS"), day="2026-11-22")])
        names = [a[0] for a in _actors(db)]
        assert len(names) == 2 and names[1] == "Vladimir Putin", names
        assert names[0] in ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan")
        with db.connect() as conn:
            activity = conn.execute(text(
                "SELECT actor, day, counterparts FROM v_actor_activity WHERE actor = :n ORDER BY day"),
                {"n": names[0]}).all()
        assert [(r.day, r.counterparts) for r in activity] == [
            (date(2026, 11, 21), ["Vladimir Putin"]), (date(2026, 11, 22), ["Vladimir Putin"])]


def test_a_surname_two_people_share_stays_apart(db):
    _load(db, [_meeting(("Kim Jong Un", "PRK"), ("Kim Yo Jong", "PRK"))], [_statement("Kim", "PRK", "We are ready")])
    assert [a[0] for a in _actors(db)] == ["Kim", "Kim Jong Un", "Kim Yo Jong"]


def test_a_surname_of_another_country_is_another_person(db):
    _load(db, [_statement("Abiy Ahmed", "ETH", "The line will power the region")],
          [_statement("Ahmed", "SOM", "Talks will continue")])
    assert [(a[0], a[2]) for a in _actors(db)] == [("Abiy Ahmed", "ETH"), ("Ahmed", "SOM")]


def test_a_person_without_a_party_joins_the_one_person_of_that_name(db):
    _load(db, [_statement("Gen Nakatani", None, "We share the same sea")],
          [_statement("Gen Nakatani", "JPN", "The agreement makes the region safer")],
          [_statement("GEN NAKATANI", None, "Exercises will resume")])
    assert _actors(db) == [("Gen Nakatani", "person", "JPN", ["GEN NAKATANI", "Gen Nakatani"])]


def test_a_person_the_coder_names_twice_is_in_the_event_once(db):
    doubled = _meeting(("Recep Tayyip Erdoğan", "TUR"), ("Recep Tayyip Erdogan", "TUR"), ("Vladimir Putin", "RUS"))
    _load(db, [doubled])
    with db.connect() as conn:
        event = conn.execute(text("SELECT actor_names, actors FROM v_events")).one()
        mention = conn.execute(text("SELECT actors FROM v_event_mentions")).scalar_one()
    assert event.actor_names == ["Recep Tayyip Erdoğan", "Vladimir Putin"]
    assert [a["name"] for a in mention] == ["Recep Tayyip Erdoğan", "Vladimir Putin"]


def test_states_are_one_actor_per_code_with_the_gazetteer_name(db):
    signing = {**_meeting(), "type": "signing", "actors": [
        {"name": "Viet Nam", "kind": "state", "country": "VNM", "role": "signatory"},
        {"name": "Republic of Korea", "kind": "state", "country": "KOR", "role": "signatory"}],
        "parties": [{"name": "Viet Nam", "code": None}, {"name": "South Korea", "code": "KOR"}]}
    again = {**signing, "date": "2026-11-25", "actors": [
        {"name": "Vietnam", "kind": "state", "country": "VNM", "role": "signatory"},
        {"name": "South Korea", "kind": "state", "country": "KOR", "role": "signatory"}]}
    _load(db, [signing], [again])
    with db.connect() as conn:
        states = conn.execute(text("SELECT name, party FROM v_actors WHERE kind = 'state' ORDER BY 1")).all()
        events = conn.execute(text("SELECT parties, party_names, actor_names FROM v_events ORDER BY day")).all()
    assert [tuple(s) for s in states] == [("South Korea", "KOR"), ("Vietnam", "VNM")]
    assert {(tuple(e.parties), tuple(e.party_names)) for e in events} == {(("KOR", "VNM"), ("South Korea", "Vietnam"))}
    assert all(e.actor_names == ["South Korea", "Vietnam"] for e in events)


def test_a_visit_destination_is_a_code_with_its_name(db):
    visit = {**_meeting(("Emmanuel Macron", "FRA")), "type": "visit", "location": "New Delhi",
             "destination": "India", "actors": [{"name": "Emmanuel Macron", "kind": "person", "country": "FRA",
                                                 "role": "visitor"}]}
    _load(db, [visit])
    with db.connect() as conn:
        row = conn.execute(text("SELECT destination_code, destination, actors FROM v_events")).one()
    assert (row.destination_code, row.destination) == ("IND", "India")
    assert row.actors[0]["role"] == "visitor" and row.actors[0]["party"] == "FRA"


def test_middle_names_left_out_and_forms_of_address_are_the_same_person(db):
    _load(db, [_meeting(("Professor Arthur Peter Mutharika", "MWI"), ("Hakainde Hichilema", "ZMB"))],
          [_meeting(("Arthur Mutharika", "MWI"), ("Hakainde Hichilema", "ZMB"), day="2026-11-23")],
          [_statement("Mutharika", None, "The corridor will carry our sugar")])
    people = {a[0]: (a[2], a[3]) for a in _actors(db)}
    assert people == {"Arthur Peter Mutharika": ("MWI", ["Arthur Mutharika", "Arthur Peter Mutharika", "Mutharika"]),
                      "Hakainde Hichilema": ("ZMB", ["Hakainde Hichilema"])}
    with db.connect() as conn:
        said = conn.execute(text("SELECT speaker, speaker_country FROM v_statements")).one()
    assert tuple(said) == ("Arthur Peter Mutharika", "MWI")


def test_a_title_abbreviation_or_form_of_address_does_not_make_another_person(db):
    _load(db, [_meeting(("Musalia Mudavadi", "KEN"), ("Subrahmanyam Jaishankar", "IND"))],
          [_statement("CS Musalia Mudavadi", None, "Our tea will reach new markets")])
    assert [(a[0], a[2]) for a in _actors(db)] == [("Musalia Mudavadi", "KEN"), ("Subrahmanyam Jaishankar", "IND")]


def test_a_party_less_surname_two_coded_people_share_stays_apart(db):
    _load(db, [_meeting(("Kim Jong Un", "PRK"), ("Kim Keon Hee", "KOR"))], [_statement("Kim", None, "We are ready")])
    assert [(a[0], a[2]) for a in _actors(db)] == [("Kim", None), ("Kim Jong Un", "PRK"), ("Kim Keon Hee", "KOR")]


def test_a_name_the_coder_cut_short_joins_the_full_name(db):
    _load(db, [_meeting(("Mohammed bin Abdulrahman Al", "QAT"), ("Bui Thanh Son", "VNM"))],
          [_meeting(("Mohammed bin Abdulrahman Al Thani", "QAT"), ("Bui Thanh Son", "VNM"), day="2026-11-22")])
    names = [a[0] for a in _actors(db)]
    assert names == ["Bui Thanh Son", "Mohammed bin Abdulrahman Al Thani"]


def test_names_that_are_not_people_or_organisations_never_become_actors(db):
    junk = _meeting(("Councillor", "CHN"), ("Wang Xiaohong", "CHN"), ("Diaspora Affairs", "IND"), ("COP29", None),
                    ("Anwar Ibrahim", "MYS"))
    _load(db, [junk, _statement("the ministry", None, "Talks were frank"),
               _statement("Russia", "RUS", "Double standards on sanctions")],
          [_statement("India's External Affairs Ministry", None, "The visit reaffirms our friendship")])
    with db.connect() as conn:
        actors = conn.execute(text("SELECT name, kind, party FROM v_actors ORDER BY kind, name")).all()
        meeting = conn.execute(text("SELECT actor_names FROM v_events WHERE event_type = 'meeting'")).scalar_one()
        speakers = conn.execute(text("SELECT speaker, speaker_country FROM v_statements ORDER BY 1")).all()
    assert [tuple(a) for a in actors if a.kind != "state"] == [
        ("External Affairs Ministry", "organisation", "IND"),
        ("Anwar Ibrahim", "person", "MYS"), ("Wang Xiaohong", "person", "CHN")]
    assert ("Russia", "state", "RUS") in [tuple(a) for a in actors]
    assert sorted(meeting) == ["Anwar Ibrahim", "Wang Xiaohong"]
    assert [tuple(s) for s in speakers] == [("External Affairs Ministry", "IND"), ("Russia", "RUS"), (None, None)]


def test_an_analyst_finds_one_person_under_any_spelling(db):
    _load(db, [_meeting(("Recep Tayyip Erdoğan", "TUR"), ("Vladimir Putin", "RUS"))],
          [_statement("H.E. Recep Tayyip Erdogan", "TUR", "Grain must move")],
          [_statement("Erdogan", None, "The corridor stays open")])
    name = f"analyst_{uuid.uuid4().hex[:8]}"
    engine = create_engine(make_url(create_analyst_login(db, name, password="pw")).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT actor_id, name, party, aliases FROM v_actors "
                                      "WHERE fold_name(name) LIKE '%' || fold_name('erdogan')")).all()
            said = conn.execute(text("SELECT DISTINCT speaker_id FROM v_statements")).scalars().all()
            activity = conn.execute(text("SELECT event_type FROM v_actor_activity WHERE actor_id = :a ORDER BY 1"),
                                    {"a": found[0].actor_id}).scalars().all()
    finally:
        engine.dispose()
        drop_analyst_login(db, name)
    assert [(f.name, f.party, f.aliases) for f in found] == [
        ("Recep Tayyip Erdoğan", "TUR", ["Erdogan", "Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"])]
    assert said == [found[0].actor_id]
    assert activity == ["meeting", "statement", "statement"]


def test_an_event_lists_the_party_of_every_actor_and_a_visit_the_country_of_its_city(db):
    said = _statement("Arthur Peter Mutharika", None, "We will double exports")
    trip = {**_meeting(("Geoffrey Onyeama", "NGA")), "type": "visit", "location": "Nairobi", "destination": None,
            "parties": [], "actors": [{"name": "Geoffrey Onyeama", "kind": "person", "country": "NGA", "role": "visitor"}]}
    _load(db, [_meeting(("Arthur Peter Mutharika", "MWI"), ("Hakainde Hichilema", "ZMB"))], [said, trip])
    with db.connect() as conn:
        statement = conn.execute(text("SELECT parties, party_names FROM v_events WHERE event_type = 'statement'")).one()
        visit = conn.execute(text("SELECT parties, destination_code, destination FROM v_events "
                                  "WHERE event_type = 'visit'")).one()
        counted = conn.execute(text("SELECT party_code FROM v_daily_party_counts WHERE event_type = 'statement'")).all()
    assert (statement.parties, statement.party_names) == (["MWI"], ["Malawi"])
    assert tuple(visit) == (["NGA"], "KEN", "Kenya")
    assert [c.party_code for c in counted] == ["MWI"]


def test_v_actors_lists_the_actors_of_the_active_coder_version_with_their_activity(db):
    with db.begin() as conn:
        ref = _article(conn, 1)
        load.load_mentions(conn, [(ref, [_meeting(("Councillor Chen", "CHN"), ("Anwar Ibrahim", "MYS"))])], "old")
    with db.begin() as conn:  # re-coded: the newer coder reads the name right
        load.load_mentions(conn, [(ref, [_meeting(("Chen Wenqing", "CHN"), ("Anwar Ibrahim", "MYS")),
                                         _statement("Anwar Ibrahim", "MYS", "Both sides gain")])], "new")
    with db.connect() as conn:
        rows = conn.execute(text("SELECT name, events, first_day, last_day FROM v_actors "
                                 "WHERE kind = 'person' ORDER BY name")).all()
    assert [tuple(r) for r in rows] == [("Anwar Ibrahim", 2, date(2026, 11, 21), date(2026, 11, 21)),
                                        ("Chen Wenqing", 1, date(2026, 11, 21), date(2026, 11, 21))]
