"""Where presence is not told: the host who receives a guest, those sitting in on talks told,
what leaders discussed on a call, trips prevented or not planned, a background trip that places
nothing today, a state named for its leader's trip, lists of states one meets."""

from events_of import of_type


def _visits(events):
    return {(a["name"], v["destination"]) for v in of_type(events, "visit") for a in v["actors"]}


def _meetings(events):
    return [{a["name"] for a in m["actors"] if a["kind"] == "person"} for m in of_type(events, "meeting")]


def test_the_hosts_receiving_a_guest_at_their_palace_do_not_visit_the_guests_country(extract):
    events = extract("Ghanaian President Kofi Mensah, who is paying a state visit to Senegal, was received at "
                     "the Presidential Palace by Senegalese President Awa Diallo and Prime Minister Moussa Ba "
                     "on Friday.")
    assert _visits(events) == {("Kofi Mensah", "Senegal")}
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Kofi Mensah", "Awa Diallo", "Moussa Ba"})}


def test_a_guest_received_by_his_counterpart_at_the_national_palace_is_the_visitor(extract):
    events = extract("The President of Peru, Ana Quispe, was received on Thursday by her Mexican counterpart, "
                     "Luis Ortega, for an official working visit at the National Palace.")
    assert _visits(events) == {("Ana Quispe", "Mexico")}


def test_a_country_in_a_title_or_among_those_met_is_no_place_of_the_talks(extract):
    events = extract("Sultan Faisal bin Saeed of Oman received today Sheikh Hamad bin Khalid, UAE Minister of "
                     "Foreign Affairs, in Muscat.\nOn Saturday the Indian prime minister Arun Mehta will hold "
                     "bilateral meetings with the UK, Japan, Germany and Italy.")
    assert ("Faisal bin Saeed", "United Arab Emirates") not in _visits(events)
    assert not any(dest in ("Japan", "Germany", "Italy", "United Kingdom") for _who, dest in _visits(events))


def test_a_title_before_and_is_not_the_title_of_the_name_after_it(extract):
    events = extract("US President Tom Baker and PM Narendra Modi will hold a bilateral meeting on Friday.")
    people = {a["name"]: a["country"] for m in of_type(events, "meeting") for a in m["actors"] if a["kind"] == "person"}
    assert people == {"Tom Baker": "USA", "Narendra Modi": "IND"}
    events = extract("Kenyan Minister of Trade and Industry Jane Otieno met Narendra Modi in Delhi.")
    assert [a["country"] for m in of_type(events, "meeting") for a in m["actors"] if a["name"] == "Jane Otieno"] == ["KEN"]


def test_a_visit_of_last_year_places_none_of_todays_talks(extract):
    events = extract("LONDON: Indian Prime Minister Arun Mehta on Thursday met Bangladeshi Prime Minister Rina "
                     "Begum.\nThis marked their first meeting since the Bangladeshi leader's visit to New Delhi "
                     "last year.\nMehta also met Seychelles President Paul Hoareau.")
    assert ("Paul Hoareau", "India") not in _visits(events)
    assert all(m["location"] != "New Delhi" for m in of_type(events, "meeting"))


def test_those_attending_the_meeting_told_hold_no_talks_and_make_no_trip(extract):
    events = extract("Sheikh Hamad bin Khalid, Ruler of Dubai, today received Saudi Foreign Minister Prince "
                     "Nayef bin Saad at Expo City Dubai.\nThe meeting was attended by Dr. Salem Al Ali, Adviser to "
                     "the UAE President; Omar Al Marri, Minister of Cabinet Affairs.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Hamad bin Khalid", "Nayef bin Saad"})}
    assert all(who not in ("Salem Al Ali", "Omar Al Marri") for who, _dest in _visits(events))


def test_those_attending_the_meeting_told_at_its_venue_and_day_make_no_trip_nor_talks(extract):
    events = extract("Sheikh Hamad bin Khalid today received Saudi Foreign Minister Prince Nayef bin Saad at Al "
                     "Rawda Palace in Abu Dhabi.\nThe meeting at Al Rawda Palace on Tuesday was also attended by "
                     "Sheikh Mansour bin Khalid, Deputy Ruler of Fujairah; and Rashid Al Kaabi, Adviser to the "
                     "President.", published="2025-03-04")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Hamad bin Khalid", "Nayef bin Saad"})}
    assert {who for who, _dest in _visits(events)} == {"Nayef bin Saad"}


def test_a_list_of_those_attending_names_visitors_only_when_known_foreign(extract):
    events = extract("Sheikh Hamad bin Khalid today received Tongan King Tupou Lavaka, who is in the country to "
                     "attend the Abu Dhabi Water Forum, at Al Rawda Palace in Abu Dhabi.\nThe Al Rawda Council was "
                     "attended by Sheikh Mansour bin Khalid, Sheikh Saeed bin Khalid and Tongan Foreign Minister "
                     "Sione Fifita.")
    assert {who for who, _dest in _visits(events)} == {"Tupou Lavaka", "Sione Fifita"}


def test_those_present_at_the_meeting_or_accompanying_the_host_are_no_side(extract):
    events = extract("President Li Wen met a visiting delegation of overseas students in Beijing on Monday.\n"
                     "Zhou Ming, a member of the Standing Committee, and Gao Hua, the Premier, were present at "
                     "the meeting.")
    assert _meetings(events) == []
    events = extract("Indonesian President Budi Santoso held talks with Papua New Guinea Prime Minister Peter "
                     "Kila at the Bogor Palace on Thursday.\nDuring the meeting, the president was accompanied by "
                     "Trade Minister Dewi Lestari and Foreign Minister Hadi Wirawan.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Budi Santoso", "Peter Kila"})}


def test_what_leaders_discussed_right_after_a_call_is_the_call(extract):
    events = extract("Indian Prime Minister Arun Mehta spoke with Saudi Crown Prince Nayef bin Saad by phone on "
                     "Tuesday.\nA statement said that Mehta and Nayef discussed the global situation.")
    assert _meetings(events) == []
    events = extract("British Prime Minister John Hale invited US President Tom Baker during phone talks to a "
                     "vaccine summit.\nDuring the talks, the leaders also discussed trade.")
    assert _meetings(events) == [] and _visits(events) == set()


def test_talks_in_person_after_a_call_are_still_talks(extract):
    events = extract("Indian Prime Minister Arun Mehta spoke with Saudi Crown Prince Nayef bin Saad by phone on "
                     "Tuesday.\nIn Riyadh on Friday, Mehta and Nayef discussed trade.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Arun Mehta", "Nayef bin Saad"})}


def test_no_plans_to_meet_and_a_trip_prevented_are_neither(extract):
    events = extract("The State Department said there were no plans for Secretary of State Tom Baker to meet "
                     "Russian Foreign Minister Ivan Sokolov in Phnom Penh.\nCongress prevented Peruvian President "
                     "Ana Quispe from traveling to Mexico.")
    assert _meetings(events) == []
    assert _visits(events) == set()


def test_a_state_named_for_its_leaders_trip_is_that_trip(extract):
    events = extract("Egyptian President Omar Farouk arrived in Pakistan today on a day-long visit.\nThis is the "
                     "first bilateral visit by an Egyptian leader to Pakistan since the 1960s.")
    visits = of_type(events, "visit")
    assert len(visits) == 1
    assert [a["name"] for a in visits[0]["actors"]] == ["Omar Farouk"]


def test_a_gathering_the_talks_are_timed_by_or_held_beside_is_no_talks_of_its_own(extract):
    events = extract("Ahead of next week's G8 summit, British Prime Minister John Hale held talks with German "
                     "Chancellor Anna Vogel in Berlin.")
    assert [(m["status"], m["date"]) for m in of_type(events, "meeting")] == [("occurred", None)]
    events = extract("US President Tom Baker hosted a dinner for Korean President Kim Min-su on Thursday, ahead of "
                     "the leaders' official summit on Friday.", "2024-06-20")
    assert ("planned", "2024-06-21") in {(m["status"], m["date"]) for m in of_type(events, "meeting")}
    events = extract("US President Tom Baker and Indian Prime Minister Arun Mehta will hold a bilateral meeting "
                     "on Friday on the sidelines of the historic G20 meeting.")
    assert [m["status"] for m in of_type(events, "meeting")] == ["planned"]


def test_the_guest_met_at_the_airport_the_sentence_before_tells_holds_no_talks(extract):
    events = extract("US President Tom Baker left Britain today after a state visit.\nMr Baker arrived at the "
                     "airport at 8.59am in his helicopter.\nIn blustery conditions, he was met by Lord Chamberlain "
                     "John Peel, on behalf of the Queen.\nOn Monday Baker was received by British Prime Minister "
                     "John Hale at Downing Street.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Tom Baker", "John Hale"})}


def test_the_place_of_the_journey_after_the_talks_is_not_theirs(extract):
    events = extract("Kenyan President Mary Wanjiru will meet Japanese Prime Minister Ken Sato on Monday before "
                     "flying to a summit in Seoul.")
    assert ("Ken Sato", "South Korea") not in _visits(events)
    assert [m["location"] for m in of_type(events, "meeting")] == [None]
    events = extract("Kenyan President Mary Wanjiru held talks with Chinese President Li Wen in Beijing on Monday "
                     "before flying to Tokyo.")
    assert [m["location"] for m in of_type(events, "meeting")] == ["Beijing"]


def test_the_place_left_before_the_talks_is_not_theirs(extract):
    events = extract("US President Tom Baker met Chinese President Li Wen at the border on Sunday after leaving "
                     "Osaka, Japan, at the end of the G20 summit.")
    assert ("Li Wen", "Japan") not in _visits(events)
    assert all(m["location"] != "Osaka" for m in of_type(events, "meeting"))


def test_a_headline_infinitive_is_a_plan_and_its_short_country_name_a_country(extract):
    events = extract("Chinese President Li Wen to visit N. Korea this week\n\nLi Wen will visit North Korea for a "
                     "two-day visit starting this Thursday, state media said.")
    assert [(v["destination"], v["status"]) for v in of_type(events, "visit")] == [("North Korea", "planned")]


def test_a_states_trip_of_another_year_is_not_its_leaders_trip_today(extract):
    events = extract("Paraguayan President Luis Ortiz arrived in the US on Wednesday.\nThe last visit by a "
                     "Paraguayan president to the White House was on October 27th 2008.")
    ortiz = [v for v in of_type(events, "visit") if any(a["name"] == "Luis Ortiz" for a in v["actors"])]
    assert [v["date"] for v in ortiz] == ["2024-06-19"]


def test_the_hosts_companion_at_the_welcome_is_at_home(extract):
    events = extract("US President Tom Baker arrived in New Delhi on Sunday on a three-day visit to India.\nIn a "
                     "special gesture, Indian Prime Minister Arun Mehta, accompanied by his wife Kamla, received "
                     "Baker at the airport.")
    assert _visits(events) == {("Tom Baker", "India")}


def test_talks_two_leaders_may_hold_are_not_held(extract):
    events = extract("US President Tom Baker and Russian President Ivan Sokolov may briefly meet on the sidelines "
                     "of the APEC summit in Da Nang, the White House said.")
    assert [m["status"] for m in of_type(events, "meeting")] == ["planned"]


def test_a_tour_named_by_an_organisation_is_no_visit_to_it(extract):
    events = extract("Saudi Crown Prince Khalid bin Saad arrived in Abu Dhabi on Tuesday after a two-day visit to "
                     "Oman, as part of his GCC tour.\nKenyan President Mary Wanjiru will pay a visit to the EU "
                     "headquarters next week.")
    assert _visits(events) == {("Khalid bin Saad", "United Arab Emirates"), ("Khalid bin Saad", "Oman"),
                               ("Mary Wanjiru", "European Union")}


def test_a_country_inside_what_is_talked_about_is_no_place_of_the_talks(extract):
    for text in [
        "The two presidents welcomed constructive consultations by Foreign Minister Dara Whitcombe of Canada and "
        "Foreign Minister Ines Azevedo of Brazil over a peaceful settlement in Sudan.",
        "Canadian Foreign Minister Dara Whitcombe and her Brazilian counterpart Ines Azevedo met on Tuesday, "
        "spending two hours discussing the humanitarian crisis in Sudan.",
    ]:
        events = extract(text)
        assert _meetings(events) == [{"Dara Whitcombe", "Ines Azevedo"}], text
        assert _visits(events) == set(), text
    # (a meal or a span after "over" is no topic: the city still places the talks)
    events = extract("Canadian Foreign Minister Dara Whitcombe and her Brazilian counterpart Ines Azevedo held "
                     "talks over dinner in Nairobi on Tuesday.")
    assert _visits(events) == {("Dara Whitcombe", "Kenya"), ("Ines Azevedo", "Kenya")}


def test_a_guest_received_by_a_title_of_his_country_then_his_name_is_talked_with(extract):
    events = extract("Kenyan President Paul Otieno received the President of Tonga, Tupou Lavaka, in Nairobi on "
                     "Monday.\nOtieno also received the Prime Minister of Fiji, Ratu Vosa, at State House.",
                     published="2024-05-07")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Paul Otieno", "Tupou Lavaka"}),
                                                         frozenset({"Paul Otieno", "Ratu Vosa"})}
    assert ("Tupou Lavaka", "Kenya") in _visits(events)
    # a thing received is no guest
    assert _meetings(extract("Kenyan President Paul Otieno received the Order of the Star from the Senate.")) == []


def test_those_present_to_receive_a_guest_hold_no_talks_with_him(extract):
    events = extract("Tongan King Tupou Lavaka arrived in Nairobi on Monday for a state visit to Kenya.\n"
                     "Also present to receive the King were Kenyan Foreign Minister Jane Wanjiru and Defence "
                     "Minister Peter Kamau.")
    assert _meetings(events) == []
    assert _visits(events) == {("Tupou Lavaka", "Kenya")}


def test_ones_participation_in_a_summit_abroad_is_a_trip_there_not_talks(extract):
    events = extract("Palestinian Foreign Minister Omar Haddad met Azerbaijani President Elchin Mammadov in Baku on "
                     "Monday.\nHe stressed the importance of President Elchin Mammadov's participation in the "
                     "emergency summit in Istanbul.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Omar Haddad", "Elchin Mammadov"})}
    assert ("Elchin Mammadov", "Turkey") in _visits(events)


def test_a_visitors_spouse_named_with_him_later_is_on_the_trip_the_hosts_is_not(extract):
    events = extract("US Vice President Karen Hale arrived in Ghana on Sunday for a three-day visit, on a tour that "
                     "would take her to Zambia.\nHale and her husband, Tom Brandt, will be hosted at a State Banquet "
                     "at the Jubilee House by President Kofi Mensah in the evening.\nMensah and his wife, Ama "
                     "Owusu, received the guests.", published="2024-05-07")
    assert {(who, dest) for who, dest in _visits(events) if who != "Karen Hale"} == {("Tom Brandt", "Ghana")}
    # a daughter at an arrival is not given the whole trip
    events = extract("Tongan King Tupou Lavaka arrived in Nairobi on Monday for a state visit to Kenya.\n"
                     "Lavaka and his daughter, Mele Fonua, toured the national museum.")
    assert _visits(events) == {("Tupou Lavaka", "Kenya")}
