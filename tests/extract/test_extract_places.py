"""Where events happen when their own sentence names only a country, or no place: the city of
the trip they belong to (its talks, the dateline, the one city of that country the article
names), and never the city of another leg of a tour or of a trip still to come."""

from events_of import of_type


def _one(events, t, actor):
    found = [e for e in of_type(events, t) if any(actor in a["name"] for a in e["actors"])]
    assert len(found) == 1, found
    return found[0]


def test_a_visit_to_a_country_takes_the_city_its_visitor_holds_talks_in(extract):
    events = extract("Kenyan President Daniel Otieno is on a three-day state visit to Ethiopia.\n"
                     "On Tuesday he held talks with Ethiopian Prime Minister Tesfaye Alemu in Addis Ababa.",
                     "2026-03-04")
    assert _one(events, "visit", "Otieno")["location"] == "Addis Ababa"


def test_a_visit_to_the_datelines_country_takes_the_datelines_city(extract):
    events = extract("ULAANBAATAR, March 4 (Montsame) -- Kazakh Foreign Minister Yerlan Nurlanov arrived on "
                     "Tuesday for an official visit to Mongolia.", "2026-03-04")
    visit = _one(events, "visit", "Nurlanov")
    assert (visit["destination"], visit["location"]) == ("Mongolia", "Ulaanbaatar")


def test_a_visit_takes_the_one_city_of_its_country_the_article_names_even_by_a_venue(extract):
    events = extract("Brazilian President Marta Souza begins a state visit to the United Kingdom on Tuesday.\n"
                     "A state banquet in her honour will be held at Buckingham Palace.", "2026-03-02")
    assert _one(events, "visit", "Souza")["location"] == "London"


def test_talks_planned_during_a_trip_under_way_take_the_trips_city(extract):
    events = extract("Malaysian Prime Minister Anwar Ibrahim arrived in Hanoi on Monday for a three-day "
                     "official visit.\nAnwar is scheduled to meet Vietnamese President Luong Cuong on Wednesday "
                     "before concluding his visit.", "2026-03-03")
    meeting = _one(events, "meeting", "Luong Cuong")
    assert (meeting["location"], meeting["date"]) == ("Hanoi", "2026-03-04")


def test_a_country_named_as_the_place_yields_to_the_datelines_city_in_it(extract):
    events = extract("PUTRAJAYA: Japanese Defence Minister Kenji Sato, in Malaysia on a two-day working visit, "
                     "paid a courtesy call on Prime Minister Anwar Ibrahim today.", "2026-03-04")
    assert _one(events, "meeting", "Sato")["location"] == "Putrajaya"
    assert _one(events, "visit", "Sato")["location"] == "Putrajaya"


def test_talks_ahead_of_a_trip_or_during_a_tour_do_not_take_a_trips_city(extract):
    events = extract("Chinese Foreign Minister Wang Yi met French Foreign Minister Jean-Noel Barrot on Monday "
                     "ahead of Barrot's visit to Beijing next month.", "2026-03-04")
    assert _one(events, "meeting", "Barrot")["location"] != "Beijing"
    events = extract("Saudi Crown Prince Mohammed bin Salman toured the Gulf this week, stopping in Muscat on "
                     "Monday and in Doha on Wednesday.\nHe held talks with the Kuwaiti crown prince, Sheikh "
                     "Sabah Al-Khalid Al-Sabah, on Thursday.", "2026-03-06")
    for meeting in of_type(events, "meeting"):
        assert meeting["location"] not in ("Muscat", "Doha")


def test_the_city_or_resort_of_a_place_the_gazetteer_does_not_know_places_the_event(extract):
    events = extract("Egyptian President Karim Mansour received Jordanian Foreign Minister Laith Haddad in the "
                     "coastal city of Marsa Matruh on Tuesday.", "2026-03-05")
    assert _one(events, "meeting", "Haddad")["location"] == "Marsa Matruh"
    events = extract("Russian President Pavel Orlov met Turkish President Selim Kaya in the Black Sea resort of "
                     "Gelendzhik on Tuesday.", "2026-03-05")
    assert _one(events, "meeting", "Kaya")["location"] == "Gelendzhik"


def test_a_visit_to_a_city_state_is_in_its_city_and_so_are_the_trips_talks(extract):
    events = extract("Chilean Foreign Minister Rosa Vidal is in Singapore on a two-day visit.\n"
                     "She and Foreign Minister Vivian Balakrishnan then held talks.", "2026-03-05")
    assert _one(events, "visit", "Vidal")["location"] == "Singapore"
    assert _one(events, "meeting", "Balakrishnan")["location"] == "Singapore"


def test_the_one_city_a_sentence_names_places_an_event_outside_its_clause(extract):
    events = extract("In Doha on Thursday, the emir of Qatar received Indonesian President Budi Hartono, while the "
                     "two countries' trade ministers signed an agreement on halal certification.", "2026-03-06")
    signing = of_type(events, "signing")[0]
    assert signing["location"] == "Doha"


def test_a_short_first_name_is_no_place_of_the_talks(extract):
    from events_of import of_type

    events = extract("DHAKA, Dec 15 (PTI) Indian President Ram Nath Kovind held talks with Bangladesh's "
                     "President, Md. Abdul Hamid, on Wednesday.", "2021-12-15")
    assert [m["location"] for m in of_type(events, "meeting")] == ["Dhaka"]


def test_a_presidential_palace_places_talks_in_its_city_not_the_datelines(extract):
    from events_of import of_type

    events = extract("ABUJA — President Bola Tinubu held talks with Brazilian President Luiz Inacio Lula da Silva "
                     "on Tuesday at the Alvorada Palace, the presidency said in a statement from Abuja.",
                     "2024-11-20")
    assert [m["location"] for m in of_type(events, "meeting")] == ["Brasilia"]
    assert [v["destination"] for v in of_type(events, "visit")] == ["Brazil"]  # Lula did not go to Nigeria


def test_talks_in_the_city_are_in_the_city_told_before(extract):
    from events_of import of_type

    events = extract("Japanese Prime Minister Kenji Sato welcomed Swedish Prime Minister Karl Berg to Hiroshima on "
                     "Friday.\nThe two leaders held talks at a hotel in the city.", "2023-05-19")
    assert [m["location"] for m in of_type(events, "meeting")] == ["Hiroshima"]


def test_talks_held_here_are_in_the_datelines_city_whoever_is_at_home_there(extract):
    events = extract("GENEVA, March 4 (Reuters) - Kenyan Foreign Minister Amina Otieno met Ethiopian Foreign "
                     "Minister Tesfaye Alemu on the sidelines of the Human Rights Council session here on Tuesday.",
                     "2027-03-04")
    meeting = _one(events, "meeting", "Otieno")
    assert (meeting["location"], meeting["date"]) == ("Geneva", "2027-03-02")
    assert _one(events, "visit", "Alemu")["location"] == "Geneva"


def test_the_hosts_seat_by_its_common_name_is_in_the_hosts_capital_not_the_callers(extract):
    events = extract("Kenyan President Amina Wanjiru on Monday hosted Indonesian President Budi Santoso at State "
                     "House, where the two leaders held talks on trade.", "2027-03-02")
    assert _one(events, "meeting", "Santoso")["location"] == "Nairobi"
    events = extract("Ugandan Foreign Minister Okello Odongo on Monday paid a courtesy call on Kenyan President "
                     "Amina Wanjiru at State House.", "2027-03-02")
    assert all(e["location"] != "Kampala" for e in events)


def test_a_seat_named_with_its_city_or_under_a_dateline_is_in_that_city(extract):
    events = extract("Nigerian President Musa Bello on Friday met Beninese President Paul Hounkpe at the "
                     "presidential villa, Abuja.", "2027-03-05")
    meeting = _one(events, "meeting", "Hounkpe")
    assert meeting["location"] == "Abuja"
    assert _one(events, "visit", "Hounkpe")["location"] == "Abuja"
    events = extract("NAIROBI, March 2 (Xinhua) -- Kenyan President Amina Wanjiru on Tuesday received Ugandan "
                     "Foreign Minister Okello Odongo at State House.", "2027-03-02")
    assert _one(events, "meeting", "Odongo")["location"] == "Nairobi"
    events = extract("Kenyan President Amina Wanjiru on Tuesday received Ugandan Foreign Minister Okello Odongo "
                     "at State House.", "2027-03-02")
    assert _one(events, "meeting", "Odongo")["location"] == "Nairobi"  # the receiving subject is the host


def test_a_guest_holding_talks_at_state_house_is_in_the_hosts_capital(extract):
    # the guest is the sentence's subject; the trip told before (or in the sentence) says who hosts
    events = extract("Peruvian President Rosa Quispe arrived in Kenya on Monday for a state visit.\n\n"
                     "Quispe held talks with President Amina Wanjiru at State House on Tuesday.", "2027-03-02")
    assert _one(events, "meeting", "Quispe")["location"] == "Nairobi"
    assert {e["actors"][0]["name"] for e in events if e["type"] == "visit"} == {"Rosa Quispe"}
    events = extract("Peruvian President Rosa Quispe held talks with President Amina Wanjiru at State House "
                     "on Tuesday, during her first visit to Kenya.", "2027-03-02")
    assert _one(events, "meeting", "Quispe")["location"] == "Nairobi"


def test_a_country_named_as_the_place_is_no_location(extract):
    events = extract("Kenyan President Amina Wanjiru held talks with Mozambican President Daniel Chapo in "
                     "Mozambique on Thursday.", "2027-03-05")
    assert [(e["type"], e["location"]) for e in events if e["type"] != "statement"] == [
        ("meeting", None), ("visit", None)]
    assert _one(events, "visit", "Wanjiru")["destination"] == "Mozambique"


def test_talks_planned_while_a_visitor_is_in_the_city_are_held_there(extract):
    events = extract("Brazilian President Marta Souza and Egyptian President Karim Fahmy are due to hold a summit "
                     "on Thursday.\nSouza is in Cairo for an investment conference that opened on Wednesday.\n"
                     "The two leaders are expected to discuss the fighting in Sudan at their summit.", "2027-03-04")
    meeting = _one(events, "meeting", "Fahmy")
    assert (meeting["status"], meeting["location"], meeting["date"]) == ("planned", "Cairo", "2027-03-04")


def test_a_trip_told_as_past_with_a_span_is_not_the_trip_of_todays_talks(extract):
    events = extract("NAIROBI - Ghanaian President Kofi Mensah says his first state visit to Kenya will deepen "
                     "ties.\nMensah spoke during bilateral talks with his Kenyan counterpart Amina Wanjiru.\n"
                     "He said that when Wanjiru visited Ghana three months ago they agreed to open new air routes.",
                     "2027-03-04")
    assert _one(events, "meeting", "Wanjiru")["location"] == "Nairobi"


def test_talks_of_the_two_leaders_just_received_at_a_seat_are_at_that_seat(extract):
    events = extract("Chilean President Ana Rojas was received by French President Paul Girard at the Elysee "
                     "Palace.\nThe two leaders held a one-on-one meeting followed by a working lunch.", None)
    assert _one(events, "meeting", "Girard")["location"] == "Paris"


def test_talks_told_right_after_an_arrival_are_in_the_arrivals_city_whoever_the_other_side_is(extract):
    events = extract("Thai Prime Minister Somchai Wongsa arrived in Ottawa on Tuesday for a Commonwealth-style "
                     "summit of Pacific partners.\nSoon after his arrival, Somchai met with Chilean President "
                     "Ana Rojas.", "2027-03-03")
    meeting = _one(events, "meeting", "Rojas")
    assert (meeting["location"], meeting["date"]) == ("Ottawa", "2027-03-02")


def test_talks_told_after_the_pair_was_received_take_that_sentences_day(extract):
    events = extract("Kenyan President Amina Wanjiru received Ghanaian President Kofi Mensah today.\n"
                     "During the meeting, which took place at State House in Nairobi, the two sides discussed "
                     "trade.", "2027-03-04")
    meeting = _one(events, "meeting", "Mensah")
    assert (meeting["location"], meeting["date"]) == ("Nairobi", "2027-03-04")


def test_a_visit_of_another_month_is_not_placed_in_the_datelines_city(extract):
    events = extract("NEW DELHI, March 4 (Wire) -- Nepalese Prime Minister Hari Karki held talks with Indian "
                     "Prime Minister Vijay Rao on Wednesday.\nThe last such visit from Nepal was in May 2019, when "
                     "then Prime Minister Ram Thapa visited India.", "2026-03-04")
    visit = _one(events, "visit", "Thapa")
    assert (visit["location"], visit["date"]) == (None, "2019-05")
    assert _one(events, "visit", "Karki")["location"] == "New Delhi"


def test_talks_placed_in_another_country_borrow_no_city_from_the_talks_before(extract):
    events = extract("Kenyan President Amina Wanjiru will hold talks with British Prime Minister Tom Hale in "
                     "London on Monday.\nWanjiru will then travel to Germany on Wednesday, where she will meet "
                     "German Chancellor Lena Vogt.", "2026-03-05")
    assert _one(events, "meeting", "Hale")["location"] == "London"
    assert _one(events, "meeting", "Vogt")["location"] != "London"


def test_a_place_in_what_a_document_is_about_is_not_where_it_was_signed(extract):
    events = extract("BEIJING, May 29 (Wire) -- Kenyan Foreign Minister Jane Odhiambo met Chinese Foreign Minister "
                     "Li Wei on Friday.\nThe two ministers signed an agreement regarding land for the Kenyan "
                     "consulate in Guangzhou.", "2026-05-29")
    assert [e["location"] for e in events if e["type"] == "signing"] == ["Beijing"]



def test_a_meeting_recalled_from_another_month_takes_neither_todays_city_nor_the_dateline(extract):
    events = extract("HANOI, Oct 20 -- Vietnamese President Lam Van Ba received Lao Prime Minister Sone Keo on Oct. 19.\n"
                     "He looked back on the meeting he had with Thai Prime Minister Anan Chai at the Mekong Pavilion "
                     "in September.", published="2023-10-20")
    recalled = [e for e in of_type(events, "meeting") if e["date"] == "2023-09"]
    assert len(recalled) == 1 and recalled[0]["location"] is None
    assert not [v for v in of_type(events, "visit") if v["date"] == "2023-09"]


def test_a_mayor_of_another_city_than_the_datelines_is_no_local_of_its_country(extract):
    events = extract("DAEGU, South Korea – Denver Mayor Laura Whitfield and Daegu Mayor Park Jin-ho on Tuesday signed "
                     "a friendship agreement at Daegu City Hall.\n"
                     "Whitfield is leading a delegation of business leaders on a five-day trip to South Korea.",
                     published="2025-04-09")
    assert [v["actors"][0]["name"] for v in of_type(events, "visit")] == ["Laura Whitfield"]
