"""The coder end to end, one behaviour per test (the model loads once per session)."""

from events_of import of_type

from pipeline.extract import CODER_VERSION

KEYS = {"doc_id", "type", "actors", "parties", "destination", "location", "date", "status", "speaker",
        "quote", "evidence", "confidence", "codes", "coder_version"}


def test_events_follow_the_extraction_contract(extract):
    text = ('President Vladimir Putin and leader Kim Jong-un signed a partnership agreement when the two '
            'leaders met in Pyongyang on Wednesday.\n"This is a historic day," Putin said.')
    events = extract(text)
    assert {e["type"] for e in events} == {"signing", "meeting", "visit", "statement"}
    for e in events:
        assert set(e) == KEYS
        assert e["coder_version"] == CODER_VERSION
        assert 0.0 <= e["confidence"] <= 1.0
        assert text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]
        for a in e["actors"]:
            assert set(a) == {"name", "kind", "country", "role"}
    signing = of_type(events, "signing")[0]
    assert {a["name"] for a in signing["actors"] if a["kind"] == "person"} == {"Vladimir Putin", "Kim Jong-un"}
    assert {p["code"] for p in signing["parties"]} == {"RUS", "PRK"}
    assert signing["location"] == "Pyongyang" and signing["date"] == "2024-06-19"
    assert signing["codes"]["cameo"] == "057"


def test_a_foreign_leader_at_a_signing_abroad_is_visiting(extract):
    visits = of_type(extract("Russian President Vladimir Putin and North Korean leader Kim Jong-un signed "
                             "a treaty in Pyongyang on Wednesday."), "visit")
    assert [(v["actors"][0]["name"], v["destination"], v["location"]) for v in visits] == [
        ("Vladimir Putin", "North Korea", "Pyongyang")]


def test_a_quote_split_by_he_said_yields_two_statements(extract):
    text = ('Irish Prime Minister Simon Harris spoke in Dublin. "We had hoped for a peace process," he said, '
            '"but we acted to keep hope alive."')
    st = of_type(extract(text), "statement")
    assert [s["quote"] for s in st] == ["We had hoped for a peace process", "but we acted to keep hope alive."]
    assert {s["speaker"]["name"] for s in st} == {"Simon Harris"}


def test_he_said_resolves_to_the_person_named_before(extract):
    text = ('Leader Kim Jong-un emphasised the agreement was defensive.\n'
            '"Times have changed," he said.')
    st = of_type(extract(text), "statement")
    assert st[0]["speaker"] == {"name": "Kim Jong-un", "country": "PRK"}


def test_a_title_in_front_of_a_short_name_is_resolved_to_the_full_name(extract):
    text = ('Vladimir Putin arrived in Pyongyang on Wednesday.\n'
            '"A new document has been prepared," President Putin said.')
    st = of_type(extract(text), "statement")
    assert st[0]["speaker"]["name"] == "Vladimir Putin"


def test_indirect_speech_is_not_a_statement(extract):
    text = "Kremlin spokesman Dmitry Peskov said the talks had been useful and would continue."
    assert of_type(extract(text), "statement") == []


def test_a_quoted_fragment_in_indirect_speech_is_a_statement(extract):
    text = 'Jens Stoltenberg said North Korea had provided "a large amount of ammunition" to Russia.'
    st = of_type(extract(text), "statement")
    assert [(s["speaker"]["name"], s["quote"]) for s in st] == [("Jens Stoltenberg", "a large amount of ammunition")]


def test_a_capital_can_speak_for_its_country(extract):
    text = 'Moscow said the talks showed Washington\'s "double standards" on sanctions.'
    st = of_type(extract(text), "statement")
    assert st and st[0]["speaker"]["country"] == "RUS"


def test_a_bare_quote_paragraph_continues_the_speaker_who_introduced_it(extract):
    text = ('Moldovan President Maia Sandu spoke to reporters. Sandu said:\n'
            '"We have clear evidence of interference.\n'
            '"Their aim was to undermine the democratic process."')
    st = of_type(extract(text), "statement")
    assert len(st) == 1 and st[0]["speaker"]["name"] == "Maia Sandu"
    assert st[0]["quote"].endswith("democratic process.")


def test_phone_calls_are_not_meetings(extract):
    text = ("Egyptian President Abdel Fattah el-Sisi and U.S. Secretary of State Antony Blinken discussed "
            "a ceasefire in a phone call on Tuesday.")
    assert of_type(extract(text), "meeting") == []


def test_an_invitation_alone_is_not_a_visit(extract):
    text = "Indonesian President Joko Widodo has invited Pope Francis to visit Jakarta."
    assert of_type(extract(text), "visit") == []


def test_an_ambassador_is_a_resident_not_a_visitor(extract):
    text = ("Indonesia's ambassador to the Holy See, Michael Trias Kuncahyono, met Vatican Secretary of State "
            "Pietro Parolin in Rome last week.")
    events = extract(text)
    assert of_type(events, "meeting")
    assert of_type(events, "visit") == []


def test_a_visit_with_talks_is_both_a_visit_and_a_meeting(extract):
    text = ("British Foreign Secretary David Lammy was in Tokyo on Thursday for talks with Japanese Foreign "
            "Minister Takeshi Iwaya.")
    events = extract(text, "2024-10-18")
    visit = of_type(events, "visit")[0]
    assert (visit["actors"][0]["name"], visit["destination"], visit["location"], visit["date"]) == (
        "David Lammy", "Japan", "Tokyo", "2024-10-17")
    assert {a["name"] for a in of_type(events, "meeting")[0]["actors"]} >= {"David Lammy", "Takeshi Iwaya"}


def test_will_visit_next_week_is_planned(extract):
    events = extract("U.S. Secretary of State Antony Blinken will travel to China next week.")
    visit = of_type(events, "visit")[0]
    assert visit["status"] == "planned" and visit["destination"] == "China"


def test_agreeing_to_negotiate_is_not_a_signing(extract):
    text = "The European Union and Australia agreed on Wednesday to resume negotiations on a trade agreement."
    assert of_type(extract(text), "signing") == []


def test_sport_markets_and_weather_yield_no_events(extract):
    texts = [
        "Arsenal signed a new goalkeeper last summer, and the two sides met twice last season.",
        "Shares of Nvidia rose after the company signed a supply deal with a Taiwanese partner.",
        "Storm Boris arrived in central Europe on Saturday, flooding dozens of towns.",
    ]
    for t in texts:
        assert extract(t) == [], t


def test_repeated_mentions_of_one_signing_are_one_event(extract):
    text = ("Russian President Vladimir Putin and North Korean leader Kim Jong-un signed a treaty in Pyongyang "
            "on Wednesday.\nThe agreement, signed by President Putin and Leader Kim yesterday, replaces a 1961 pact.")
    assert len(of_type(extract(text), "signing")) == 1


def test_the_coder_is_deterministic(extract):
    text = 'Wang Yi arrived in Canberra on Wednesday. "We will keep talking," Australian Foreign Minister Penny Wong said.'
    assert extract(text) == extract(text)


def test_a_wire_dateline_does_not_confuse_the_lead_sentence(extract):
    text = ("MANILA, Nov 23 - Japan and the Philippines signed a reciprocal access agreement on Sunday "
            "that allows their troops to train on each other's soil.")
    signing = of_type(extract(text, "2026-11-23"), "signing")[0]
    assert {p["code"] for p in signing["parties"]} == {"JPN", "PHL"}
    assert signing["location"] == "Manila" and signing["date"] == "2026-11-22"


def test_a_surname_introduced_after_a_title_is_recognised_alone(extract):
    text = ("Japanese Defence Minister Gen. Nakatani is on a two-day visit to Manila.\n"
            '"We share the same sea," Nakatani said.')
    st = of_type(extract(text), "statement")
    assert st and st[0]["speaker"] == {"name": "Nakatani", "country": "JPN"}


def test_a_news_agency_dateline_with_a_slashed_agency_places_home_talks_and_is_not_an_actor(extract):
    text = ("KAZAN, March 4. /TASS/. Russian Deputy Prime Minister Alexei Overchuk held talks with "
            "Armenian Deputy Prime Minister Mher Grigoryan on Tuesday.")
    meeting = of_type(extract(text, "2026-03-04"), "meeting")[0]
    assert meeting["location"] == "Kazan" and meeting["date"] == "2026-03-03"
    text = ("Osaka, Mar. 4 (Jiji Press)--Japanese Foreign Minister Takeshi Iwaya met Philippine "
            "Foreign Secretary Enrique Manalo on Tuesday.")
    meeting = of_type(extract(text, "2026-03-04"), "meeting")[0]
    assert {a["name"] for a in meeting["actors"] if a["kind"] == "person"} == {"Takeshi Iwaya", "Enrique Manalo"}
    assert meeting["location"] == "Osaka" and meeting["date"] == "2026-03-03"
