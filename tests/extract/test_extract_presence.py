"""Who was where, and who only stood beside whom: summits attended and journeys to them (a
visit each, not talks among those going), airport receptions, the one reporting talks, the
people a "with him" means."""

from events_of import of_type


def _visits(events):
    return {(v["actors"][0]["name"], v["destination"]) for v in of_type(events, "visit")}


def _meetings(events):
    return [{a["name"] for a in m["actors"] if a["kind"] == "person"} for m in of_type(events, "meeting")]


def test_leaders_attending_a_summit_visit_its_host_but_hold_no_talks_together(extract):
    events = extract("Brazilian President Rosa Tavares, Kenyan President Mary Wanjiru, Indian Prime Minister "
                     "Arun Mehta and Chilean President Tomas Reyes attended the G20 summit in Rio de Janeiro "
                     "on Monday.")
    assert _meetings(events) == []
    assert _visits(events) == {("Mary Wanjiru", "Brazil"), ("Arun Mehta", "Brazil"),
                               ("Tomas Reyes", "Brazil")}


def test_arriving_for_a_summit_is_a_visit_to_where_it_is_held_not_talks(extract):
    events = extract("Leaders began arriving in Johannesburg on Monday for the BRICS summit.\n"
                     "Chinese President Li Wen and Brazilian President Rosa Tavares arrived for the summit "
                     "on Tuesday.")
    assert _meetings(events) == []
    assert _visits(events) == {("Li Wen", "South Africa"), ("Rosa Tavares", "South Africa")}


def test_a_summit_with_someone_is_still_talks(extract):
    events = extract("Chinese President Li Wen arrived in Ottawa on Tuesday for a summit with Canadian "
                     "Prime Minister Anne Tremblay.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Li Wen", "Anne Tremblay"})}


def test_the_attendees_a_summit_includes_visit_its_city(extract):
    events = extract("Indian Prime Minister Arun Mehta arrived in Tianjin on Saturday for the SCO summit.\n"
                     "The summit includes leaders from over 20 countries, with attendees including Russian "
                     "President Ivan Sokolov, Iranian President Reza Karimi and Kenyan President Mary Wanjiru.")
    assert _meetings(events) == []
    assert _visits(events) == {("Arun Mehta", "China"), ("Ivan Sokolov", "China"), ("Reza Karimi", "China"),
                               ("Mary Wanjiru", "China")}


def test_officials_receiving_a_guest_at_the_airport_hold_no_talks(extract):
    events = extract("Chinese President Li Wen arrived in San Francisco on Tuesday for the APEC meeting.\n"
                     "He was received by California Governor Mark Lane, U.S. Treasury Secretary Janet Hill "
                     "and other U.S. officials at San Francisco International Airport.")
    assert _meetings(events) == []
    assert _visits(events) == {("Li Wen", "United States")}


def test_a_cordial_reception_at_the_airport_is_no_meeting(extract):
    events = extract("Indian Prime Minister Arun Mehta reached Dhaka on Saturday morning.\n"
                     "Bangladeshi Prime Minister Rina Begum received her Indian counterpart with a cordial "
                     "reception at the airport.")
    assert _meetings(events) == []


def test_a_reception_then_talks_elsewhere_is_still_a_meeting(extract):
    events = extract("Kenyan President Mary Wanjiru arrived in Kampala on Monday.\n"
                     "She was received by Ugandan President John Okello at State House, where the two leaders "
                     "held talks.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Mary Wanjiru", "John Okello"})}


def test_the_official_confirming_a_bilateral_meeting_does_not_hold_it(extract):
    events = extract("Prime Minister Arun Mehta of India will today address the plenary session of the summit "
                     "in Tianjin, before holding a bilateral meeting with Russian President Ivan Sokolov, "
                     "Foreign Secretary Vikram Rao confirmed.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Arun Mehta", "Ivan Sokolov"})}


def test_laying_a_wreath_in_a_city_abroad_is_being_there(extract):
    events = extract("French President Claire Martin laid a wreath at the Tomb of the Unknown Soldier in Warsaw "
                     "on Monday.")
    assert _visits(events) == {("Claire Martin", "Poland")}


def test_laying_a_wreath_at_home_is_no_visit(extract):
    events = extract("Kenyan President Mary Wanjiru laid a wreath at the Uhuru Gardens memorial in Nairobi on "
                     "Monday.")
    assert _visits(events) == set()


def test_addressing_a_foreign_parliament_in_its_capital_is_a_visit(extract):
    events = extract("Turkish President Kemal Aydin addressed the Pakistani parliament in Islamabad on Thursday.")
    assert _visits(events) == {("Kemal Aydin", "Pakistan")}


def test_the_guest_welcomed_to_a_city_is_there(extract):
    events = extract("Japanese Prime Minister Kenji Sato welcomed US President Mark Lane to Hiroshima on Friday.")
    assert _visits(events) == {("Mark Lane", "Japan")}


def test_those_a_travelling_delegation_includes_travel_with_it(extract):
    events = extract("Kyrgyz President Nurlan Osmonov left for Beijing on Thursday to attend the Belt and Road "
                     "Forum.\nThe official delegation includes Foreign Minister Azamat Beishenov and Economy "
                     "Minister Oleg Pankov.")
    assert _visits(events) == {("Nurlan Osmonov", "China"), ("Azamat Beishenov", "China"), ("Oleg Pankov", "China")}


def test_him_whom_hosts_will_also_meet_is_the_guest_not_one_of_them(extract):
    events = extract("BEIJING - French President Paul Girard arrived in Beijing on Thursday, starting his state "
                     "visit to China.\nDuring his trip, Chinese President Li Wen will hold talks with Girard.\n"
                     "Chinese Premier Zhao Ming and Chinese Vice President Chen Hua will also meet with him.")
    assert all("Paul Girard" in m for m in _meetings(events))
    assert {"Zhao Ming", "Chen Hua"} <= set().union(*_meetings(events))


def test_a_hosts_wife_is_no_side_of_the_summit(extract):
    events = extract("Japanese Prime Minister Kenji Sato and his wife Mariko Sato welcomed the leaders on Friday, "
                     "as they started the first day of their summit.")
    assert _meetings(events) == []


def test_who_looks_forward_to_hosting_guests_is_their_host(extract):
    events = extract("Kenyan Foreign Minister Paul Kamau said he looks forward to hosting his Ugandan counterpart "
                     "John Okello and Tanzanian Foreign Minister Asha Mwinyi in Nairobi later this year.")
    meetings = of_type(events, "meeting")
    assert meetings and all(m["status"] == "planned" for m in meetings)
    assert all("Paul Kamau" in {a["name"] for a in m["actors"]} for m in meetings)


def test_hosting_with_a_subject_of_its_own_keeps_it(extract):
    events = extract("After hosting Ugandan President John Okello, Kenyan President Mary Wanjiru flew to Kigali.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"John Okello", "Mary Wanjiru"})}


def test_the_minister_briefing_on_talks_between_two_leaders_held_none(extract):
    events = extract("BALI, Indonesia -- Chinese Foreign Minister Wang Jun briefed the media here on Monday on the "
                     "meeting between Chinese President Li Wen and his U.S. counterpart, Mark Lane.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Li Wen", "Mark Lane"})}


def test_the_two_presidents_are_the_two_presidents_not_the_two_ministers_named_since(extract):
    events = extract("President of Kazakhstan Nurlan Abenov arrived in Abu Dhabi on Wednesday on a state visit.\n"
                     "UAE President Sheikh Khalid bin Saeed welcomed Abenov on his arrival.\n"
                     "The Kazakh delegation also included Foreign Minister Daniyar Sarsen and Energy Minister "
                     "Aigul Temir.\nLater in the day, the two presidents held talks at the palace.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Khalid bin Saeed", "Nurlan Abenov"})}


def test_attendees_of_a_summit_told_from_its_host_city_are_there(extract):
    events = extract("ADDIS ABABA, Feb 14 - Heads of state began arriving in Addis Ababa on Friday for the summit.\n"
                     "Ghanaian President Kofi Asante arrived in the morning.\n"
                     "Nigerian President Musa Bello is expected on Sunday.\n"
                     "The summit draws leaders from across the continent, with attendees including South African "
                     "President Thabo Nkosi and Egyptian Prime Minister Omar Farouk.", published="2025-02-14")
    assert {("Thabo Nkosi", "Ethiopia"), ("Omar Farouk", "Ethiopia")} <= _visits(events)


def test_reaching_a_country_the_tagger_takes_for_a_name_is_arriving(extract):
    events = extract("Kenyan President Mary Wanjiru on Tuesday reached Sri Lanka on a two-day official visit.")
    assert _visits(events) == {("Mary Wanjiru", "Sri Lanka")}


def test_talks_planned_on_a_trip_abroad_are_not_at_the_home_dateline(extract):
    events = extract("ISLAMABAD - Pakistani Prime Minister Tariq Aziz on Tuesday reached Sri Lanka on a two-day "
                     "official visit.\nHe was welcomed at the airport.\nHe also inspected a guard of honour.\n"
                     "The Pakistani premier will hold meetings with Sri Lankan President Nimal Perera during the "
                     "visit.", published="2021-02-23")
    assert _visits(events) == {("Tariq Aziz", "Sri Lanka")}
    assert all(m["location"] != "Islamabad" for m in of_type(events, "meeting"))


def test_a_tour_concluded_under_a_foreign_dateline_ends_there(extract):
    events = extract("MANILA, Philippines - US President Mark Lane today abruptly concluded his two-week tour of "
                     "East Asia, declaring progress on trade.", published="2017-11-14")
    assert _visits(events) == {("Mark Lane", "Philippines")}


def test_a_tour_concluded_under_a_home_dateline_is_no_visit_there(extract):
    events = extract("NAIROBI - Kenyan President Mary Wanjiru on Sunday wrapped up her tour of Europe.")
    assert _visits(events) == set()


def test_talks_on_a_trip_told_after_them_are_not_at_the_home_dateline(extract):
    events = extract("NEW DELHI - Indian External Affairs Minister Arun Mehta raised the attack at the SCO foreign "
                     "ministers' meeting in the Chinese port city of Tianjin on Tuesday.\nEarlier, Mehta called on "
                     "Chinese President Li Wen.\nThe minister landed in China on Monday on a two-day visit.",
                     published="2025-07-16")
    assert ("Li Wen", "India") not in _visits(events)
    assert all(m["location"] != "New Delhi" for m in of_type(events, "meeting"))


def test_a_welcome_back_home_is_no_meeting(extract):
    events = extract("ENTEBBE - Ugandan President John Okello has returned home from a three-day working visit in "
                     "the United Kingdom.\nOkello was received back home by the Head of Civil Service Peter Mugisha.")
    assert _meetings(events) == []
    assert _visits(events) == {("John Okello", "United Kingdom")}


def test_discussions_with_someone_are_talks(extract):
    events = extract("Ugandan President John Okello arrived in Nairobi this afternoon for a state visit.\nDuring "
                     "his stay, the President will engage in high-level discussions with Kenyan President Mary "
                     "Wanjiru.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"John Okello", "Mary Wanjiru"})}


def test_the_meetings_a_schedule_lists_are_its_owners(extract):
    events = extract("Turkish President Kemal Aydin has a packed schedule, which includes meetings with Chinese "
                     "President Li Wen and US President Mark Lane.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Kemal Aydin", "Li Wen"}),
                                                         frozenset({"Kemal Aydin", "Mark Lane"})}


def test_the_two_top_diplomats_are_the_last_pair_named_whatever_their_titles(extract):
    events = extract("A joint news briefing by Foreign Minister Wang Jun and visiting US Secretary of State Mark "
                     "Lane was delayed for about three hours on Wednesday afternoon.\nInitially, the long-awaited "
                     "meeting in Beijing of the two top diplomats was tentatively scheduled to begin at 9:30 am.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Wang Jun", "Mark Lane"})}


def test_met_at_the_airport_by_unnamed_officials_is_no_meeting(extract):
    events = extract("Ulaanbaatar /MONTSAME/. Wang Jun, State Councilor and Minister of Foreign Affairs of the "
                     "People's Republic of China, arrived today, September 15, for an official visit to Mongolia at "
                     "the invitation of Mongolia's Minister of Foreign Affairs N.Batbold.\nHe was met at Buyant-Ukhaa "
                     "International Airport by officials of both countries.", published="2020-09-15")
    assert _meetings(events) == []


def test_met_at_the_airport_by_a_named_leader_stays_a_meeting(extract):
    events = extract("Russian President Ivan Sokolov met US President Mark Lane at Vnukovo Airport on Wednesday, "
                     "and the two leaders talked for an hour.")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Ivan Sokolov", "Mark Lane"})}


def test_those_present_to_receive_a_guest_are_hosts_not_visitors(extract):
    events = extract("ABU DHABI (WAM) US President Mark Lane arrived in Abu Dhabi on Thursday on a state visit to "
                     "the UAE.\nUAE President Sheikh Mohamed bin Zayed Al Nahyan welcomed the US President and his "
                     "accompanying delegation as they arrived at the Presidential Airport.\n"
                     "Also present to receive the US President were His Highness Sheikh Tahnoon bin Zayed Al "
                     "Nahyan, Deputy Ruler of Abu Dhabi and National Security Adviser; His Highness Sheikh Abdullah "
                     "bin Zayed Al Nahyan, Deputy Prime Minister and Minister of Foreign Affairs; and Yousef Al "
                     "Otaiba, UAE Ambassador to the United States, with other senior officials.",
                     published="2025-05-15")
    assert _visits(events) == {("Mark Lane", "United Arab Emirates")}


def test_those_present_at_a_summit_abroad_still_visit(extract):
    events = extract("The summit opened in Accra on Friday.\nAlso present were Kenyan President Mary Wanjiru and "
                     "Nigerian President Musa Bello.")
    assert _visits(events) == {("Mary Wanjiru", "Ghana"), ("Musa Bello", "Ghana")}


def test_the_meeting_that_follows_a_call_is_the_callers(extract):
    events = extract("Sri Lankan Foreign Minister Nimal Perera will also call on the Ethiopian President Abebe "
                     "Kebede, followed by a meeting with the Ethiopian Foreign Minister Hon. Dr. Tesfaye Bekele, "
                     "today, in Addis Ababa.", published="2016-08-01")
    assert {frozenset(m) for m in _meetings(events)} == {frozenset({"Nimal Perera", "Abebe Kebede"}),
                                                         frozenset({"Nimal Perera", "Tesfaye Bekele"})}


def test_leaders_present_at_a_summit_told_without_its_place_go_where_the_others_travel(extract):
    events = extract("Indian Prime Minister Arun Mehta will leave for Portugal on Thursday to attend the summit.\n"
                     "Apart from Mehta, French President Luc Moreau and Canadian Prime Minister Anne Tremblay "
                     "would be present at the summit.")
    assert _visits(events) == {("Arun Mehta", "Portugal"), ("Luc Moreau", "Portugal"),
                               ("Anne Tremblay", "Portugal")}


def test_being_present_at_the_forum_goes_to_the_forums_city(extract):
    events = extract("The forum opens in Astana on Monday.\n"
                     "Turkish President Ali Demir and Uzbek President Timur Karimov will be present at the forum.")
    assert _visits(events) == {("Ali Demir", "Kazakhstan"), ("Timur Karimov", "Kazakhstan")}


def test_attending_the_summit_with_no_place_in_a_home_story_is_no_visit(extract):
    events = extract("Kenyan President Mary Wanjiru opened the new railway in Mombasa on Monday.\n"
                     "She will attend the summit in person, her office said.")
    assert of_type(events, "visit") == []


def test_leaders_arriving_in_succession_arrive_where_the_summit_is(extract):
    events = extract("President Ana Costa welcomed heads of state to the venue of the regional summit in Maputo "
                     "on Friday. Zambian President Peter Banda was the first to arrive.\n"
                     "In addition, Kenyan President John Otieno and Rwandan Prime Minister Paul Habimana arrived "
                     "in succession.")
    assert _visits(events) == {("Peter Banda", "Mozambique"), ("John Otieno", "Mozambique"),
                               ("Paul Habimana", "Mozambique")}


def test_most_of_the_officials_including_a_and_b_arrived_names_a_and_b(extract):
    events = extract("RIYADH: Leaders from Arab nations have converged on Riyadh for the summit. Most of the "
                     "foreign officials including President Luis Vargas of Peru and Egyptian President Omar Fathy "
                     "have arrived on the venue of the summit.")
    assert {("Luis Vargas", "Saudi Arabia"), ("Omar Fathy", "Saudi Arabia")} <= _visits(events)


def test_a_wife_arriving_together_with_the_president_visits_too(extract):
    events = extract("Ukrainian President Oleh Marchenko, together with his wife Olena, arrived in Prague on Sunday.")
    assert _visits(events) == {("Oleh Marchenko", "Czech Republic"), ("Olena", "Czech Republic")}


def test_kin_greeted_with_the_guest_share_the_guests_country(extract):
    events = extract("Chilean President Ramon Ortiz and his wife Clara Vidal were greeted at the airport in Lima "
                     "by Peruvian officials.")
    assert _visits(events) == {("Ramon Ortiz", "Peru"), ("Clara Vidal", "Peru")}


def test_family_listed_among_companions_travel_with_the_president(extract):
    events = extract("US President Tom Ward arrived in New Delhi on Monday.\n"
                     "Ward is accompanied by first lady Ellen Ward, daughter Ruth, son-in-law Jack Stone and "
                     "several of his top officials.")
    assert _visits(events) == {("Tom Ward", "India"), ("Ellen Ward", "India"), ("Ruth", "India"),
                               ("Jack Stone", "India")}


def test_the_hosts_wife_at_home_is_no_visitor(extract):
    events = extract("Polish President Adam Nowak was welcomed in Rome by Italian President Marco Bruni and his "
                     "wife Anna Bruni.")
    assert _visits(events) == {("Adam Nowak", "Italy")}


def test_people_at_the_summit_told_before_visit_its_city(extract):
    events = extract("The third security summit is held in The Hague on Monday and Tuesday.\n"
                     "At the security summit, US President Tom Ward will encounter Chinese President Wei Chen.")
    assert _visits(events) == {("Tom Ward", "Netherlands"), ("Wei Chen", "Netherlands")}


def test_the_summit_as_a_topic_puts_no_one_there(extract):
    events = extract("Arab leaders will gather for a summit in Dammam on Sunday.\n"
                     "In a ministerial meeting on Thursday, Egyptian Foreign Minister Sameh Hassan said that "
                     "Palestine will top discussions at the summit.")
    assert ("Sameh Hassan", "Saudi Arabia") not in _visits(events)


def test_speaking_at_the_conference_does_not_take_the_place_its_sentence_names(extract):
    events = extract("NATO defence ministers ended two days of meetings at the alliance's headquarters in "
                     "Brussels on Friday.\n"
                     "Speaking at the closing news conference, Secretary General Jens Stoltenberg said allies "
                     "would lead a long-term assistance effort for Kyiv.")
    assert of_type(events, "visit") == []


def test_the_president_a_minister_represents_stays_at_home(extract):
    events = extract("Petrov will represent President Ivan Sokolov in Bali.")
    assert ("Ivan Sokolov", "Indonesia") not in _visits(events)


def test_appearing_at_the_summit_virtually_is_no_visit(extract):
    events = extract("The G20 summit opens in Bali on Tuesday.\n"
                     "Ukrainian President Oleh Marchenko will appear at the summit virtually.")
    assert of_type(events, "visit") == []


def test_a_visiting_leader_told_first_in_the_sentence_is_where_its_verb_is(extract):
    events = extract("Visiting Israeli Prime Minister Dan Levi was accorded a state reception in Nairobi.")
    assert _visits(events) == {("Dan Levi", "Kenya")}


def test_a_house_of_parliament_and_a_ministry_word_are_no_visitors(extract):
    events = extract("Indian President Ram Kovar arrived in Athens on Saturday.\n"
                     "He is accompanied by Minister of State Vikram Rao, Lok Sabha members Dinesh Kashyap and "
                     "Nitin Rai, and Tarun Mehra, Minister of Culture and International Co-operation.")
    visitors = {name for name, _dest in _visits(events)}
    assert {"Ram Kovar", "Vikram Rao", "Dinesh Kashyap", "Nitin Rai"} <= visitors
    assert not visitors & {"Lok Sabha", "Co-operation"}


def test_a_speech_given_abroad_is_a_visit_there(extract):
    events = extract("US President Tom Ward's agenda includes a speech in France on trade.\n"
                     "He will deliver another speech in the Czech Republic.")
    assert _visits(events) == {("Tom Ward", "France"), ("Tom Ward", "Czech Republic")}


def test_a_speech_at_home_is_no_visit(extract):
    events = extract("Kenyan President Daniel Mwangi gave a speech in Nairobi on Monday.")
    assert of_type(events, "visit") == []


def test_the_represented_president_is_not_put_at_the_summit(extract):
    events = extract("The regional summit opens in Maputo on Saturday.\n"
                     "Angolan Foreign Minister Rui Mendes will represent Angolan President Joao Neto at the summit.")
    assert _visits(events) == {("Rui Mendes", "Mozambique")}


def test_coming_to_a_named_place_is_a_visit_there(extract):
    events = extract("Czech President Karel Novak came to Kyiv in March for talks.\n"
                     "Kenyan President Daniel Mwangi came to power in 2022.")
    assert _visits(events) == {("Karel Novak", "Ukraine")}


def test_the_wife_besides_whom_others_accompany_the_president_travels_too(extract):
    events = extract("Indian President Ram Kovar left on Saturday for a visit to Greece.\n"
                     "Besides his wife Sunita, the President is accompanied by Minister of State Vikram Rao.")
    assert _visits(events) == {("Ram Kovar", "Greece"), ("Sunita", "Greece"), ("Vikram Rao", "Greece")}


def test_a_country_opening_a_visiting_leaders_title_is_his_not_the_destination(extract):
    events = extract("Visiting Peru Prime Minister Rosa Quispe was accorded a state reception in Nairobi.")
    assert _visits(events) == {("Rosa Quispe", "Kenya")}


def test_a_visiting_leader_is_where_the_one_place_the_sentence_names_is_however_deep(extract):
    events = extract("Visiting Peru Prime Minister Rosa Quispe was this morning accorded an elaborate state "
                     "reception rounded off by a 21-gun salute at the state house, Nairobi.")
    assert _visits(events) == {("Rosa Quispe", "Kenya")}


def test_leaders_met_on_a_trip_to_a_summit_are_in_its_city_too(extract):
    events = extract("On Friday, Indian Prime Minister Arun Mehta held talks with Canadian Prime Minister Anne "
                     "Tremblay and Kenyan President Mary Wanjiru.\nTrade and climate finance were on the agenda.\n"
                     "Officials said the talks went well.\nMehta, who is in Osaka for the G20 summit, met Indonesian "
                     "President Rudi Hartono on Saturday.", "2024-06-29")
    assert _visits(events) == {("Arun Mehta", "Japan"), ("Rudi Hartono", "Japan"), ("Anne Tremblay", "Japan"),
                               ("Mary Wanjiru", "Japan")}
    assert {m["location"] for m in of_type(events, "meeting")} == {"Osaka"}


def test_a_third_country_s_leader_met_on_a_bilateral_trip_is_not_placed_on_it(extract):
    events = extract("Indian Prime Minister Arun Mehta arrived in Tokyo on Friday for talks with Japanese Prime "
                     "Minister Kenji Sato.\nOn Saturday, Mehta held talks with Canadian Prime Minister Anne Tremblay.",
                     "2024-06-29")
    assert _visits(events) == {("Arun Mehta", "Japan")}


def test_talks_with_a_visiting_counterpart_are_held_in_the_host_s_country(extract):
    events = extract("Kenyan Foreign Minister Mary Wanjiru on Sunday held talks with her visiting Brazilian "
                     "counterpart Paulo Ramos.")
    assert _visits(events) == {("Paulo Ramos", "Kenya")}
    # ("visiting" not said of a person: no trip told)
    events = extract("Kenyan Foreign Minister Mary Wanjiru on Sunday held talks with Brazilian Foreign Minister "
                     "Paulo Ramos on visiting rights for seafarers.")
    assert _visits(events) == set()
