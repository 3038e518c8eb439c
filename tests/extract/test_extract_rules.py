"""Behaviour of the rules on phrasings beyond the plain "visited"/"met"/"signed" (one per test)."""

from events_of import of_type


def test_departing_for_a_city_is_a_planned_visit_with_each_leg(extract):
    events = extract("Kenyan Foreign Minister Amina Odhiambo departs Nairobi today for Kampala, where she is "
                     "expected to hold talks with Ugandan Foreign Minister Henry Oryem, and from there to Kigali.")
    visits = of_type(events, "visit")
    assert {(v["destination"], v["location"], v["status"]) for v in visits} == {
        ("Uganda", "Kampala", "planned"), ("Rwanda", "Kigali", "planned")}
    meeting = of_type(events, "meeting")[0]
    assert meeting["location"] == "Kampala" and meeting["status"] == "planned"


def test_expected_in_a_foreign_city_is_a_planned_visit(extract):
    visits = of_type(extract("Peruvian Foreign Minister Lucia Paredes is expected in Santiago on Thursday for "
                             "consultations with Chilean officials."), "visit")
    assert [(v["destination"], v["status"]) for v in visits] == [("Chile", "planned")]


def test_being_received_by_a_leader_is_a_meeting(extract):
    meetings = of_type(extract("Indonesian Trade Minister Budi Santoso was received by Malaysian Prime Minister "
                               "Anwar Ibrahim in Putrajaya on Monday."), "meeting")
    assert {a["name"] for a in meetings[0]["actors"] if a["kind"] == "person"} == {"Budi Santoso", "Anwar Ibrahim"}


def test_an_airport_welcome_is_a_visit_but_not_a_meeting(extract):
    events = extract("Chilean President Gabriel Boric arrived in Lima on Monday and was received at the airport "
                     "by Peruvian Foreign Minister Elmer Schialer.")
    assert [v["destination"] for v in of_type(events, "visit")] == ["Peru"]
    assert of_type(events, "meeting") == []


def test_a_courtesy_call_on_a_leader_is_a_meeting(extract):
    events = extract("Indonesian Trade Minister Budi Santoso paid a courtesy call on Malaysian Prime Minister "
                     "Anwar Ibrahim in Putrajaya.")
    assert len(of_type(events, "meeting")) == 1
    assert [v["destination"] for v in of_type(events, "visit")] == ["Malaysia"]


def test_leaders_of_several_countries_sign_for_their_states(extract):
    signing = of_type(extract("The military leaders of Chad, Sudan and Libya signed a border accord on Monday."),
                      "signing")[0]
    assert {p["code"] for p in signing["parties"]} == {"TCD", "SDN", "LBY"}
    assert signing["location"] is None


def test_countries_inking_mous_is_a_signing(extract):
    signing = of_type(extract("Ghana and Togo inked four MoUs on trade and energy on Tuesday."), "signing")
    assert {p["code"] for p in signing[0]["parties"]} == {"GHA", "TGO"}


def test_neither_side_signing_is_no_signing(extract):
    assert of_type(extract("Neither delegation signed any agreement during the summit in Geneva."), "signing") == []


def test_trying_to_broker_talks_is_not_a_meeting(extract):
    assert of_type(extract("France is trying to broker talks between Armenia and Azerbaijan."), "meeting") == []


def test_flying_into_the_demonym_capital_is_a_visit_for_each_traveller(extract):
    visits = of_type(extract("Ivorian President Alassane Ouattara and Togolese President Faure Gnassingbe flew into "
                             "the Ghanaian capital on Saturday."), "visit")
    assert {(v["actors"][0]["name"], v["destination"], v["location"]) for v in visits} == {
        ("Alassane Ouattara", "Ghana", "Accra"), ("Faure Gnassingbe", "Ghana", "Accra")}


def test_a_diacritic_city_takes_its_common_english_name(extract):
    meeting = of_type(extract("Vietnamese President Luong Cuong received Malaysian Prime Minister Anwar Ibrahim "
                              "in Hà Nội on Monday."), "meeting")[0]
    assert meeting["location"] == "Hanoi"


def test_honorifics_and_a_country_possessive_are_not_part_of_a_name(extract):
    events = extract("Omani Foreign Minister Sayyid Badr bin Hamad Albusaidi met Chile's Alberto van Klaveren "
                     "in Tehran.")
    names = {a["name"] for a in of_type(events, "meeting")[0]["actors"] if a["kind"] == "person"}
    assert names == {"Badr bin Hamad Albusaidi", "Alberto van Klaveren"}


def test_a_summit_someone_is_due_to_attend_abroad_is_a_planned_visit(extract):
    visits = of_type(extract("Laotian Prime Minister Sonexay Siphandone arrived in Phnom Penh ahead of the Mekong "
                             "summit in Bangkok, which he is due to attend on Friday."), "visit")
    assert {(v["destination"], v["status"]) for v in visits} == {("Cambodia", "occurred"), ("Thailand", "planned")}


def test_words_an_agency_quotes_someone_as_saying_are_that_persons(extract):
    text = ('Egyptian Foreign Minister Sameh Shoukry met Jordanian Foreign Minister Ayman Safadi in Amman.\n'
            'The state news agency quoted Shoukry as saying Cairo "will never accept" the plan.\n'
            'Safadi was quoted as describing the talks as "frank and useful".')
    st = {s["quote"]: s["speaker"]["name"] for s in of_type(extract(text), "statement")}
    assert st == {"will never accept": "Sameh Shoukry", "frank and useful": "Ayman Safadi"}


def test_single_curly_quotes_mark_a_quotation(extract):
    text = "Jordanian Foreign Minister Ayman Safadi called the corridor ‘a lifeline for the people of Gaza’."
    st = of_type(extract(text), "statement")
    assert [(s["speaker"]["name"], s["quote"]) for s in st] == [("Ayman Safadi", "a lifeline for the people of Gaza")]


def test_agreeing_to_begin_negotiations_is_not_a_meeting(extract):
    events = extract("Peruvian President Rosa Quispe met Chilean President Tomas Rojas in Lima on Monday. "
                     "The two leaders agreed to begin negotiations on a water treaty next year.")
    assert len(of_type(events, "meeting")) == 1


def test_attending_talks_as_an_observer_is_not_a_meeting(extract):
    events = extract("Norway's ambassador to Sudan, Lars Eide, who attended the talks as an observer, said "
                     "his government backed the ceasefire.")
    assert of_type(events, "meeting") == [] and of_type(events, "visit") == []


def test_the_trigger_rules_see_only_the_words_they_read(nlp, monkeypatch):
    """`find_triggers` skips the tokens no rule reads; offering it every token finds the same."""
    from pipeline.extract import triggers

    texts = ["The two sides signed a memorandum, and the signing was followed by talks over lunch.",
             "She visited Kenya, then travelled with him to Accra, where they dined with the president.",
             "Talks with the bilateral team followed; he called on the king and was received by the emir.",
             "The minister took part in the summit in Doha on his way home from Paris and sat down with Li.",
             "Also present were A and B; he headed the delegation to the forum in Cairo as host."]
    docs = [nlp(t) for t in texts]
    gated = [triggers.find_triggers(d, d.text) for d in docs]
    assert all(gated)

    class EveryWord:
        def __contains__(self, word):
            return True

    monkeypatch.setattr(triggers, "_RULE_WORDS", EveryWord())
    assert [triggers.find_triggers(d, d.text) for d in docs] == gated
