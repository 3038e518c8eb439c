"""Visits told without the plain "visited": companions, presence abroad, stopovers, tours
over several places in one sentence, relative clauses, signing for a state abroad."""

from events_of import of_type


def _visits(events):
    return {(v["actors"][0]["name"], v["destination"]) for v in of_type(events, "visit")}


def test_those_travelling_with_a_visitor_visit_too(extract):
    events = extract("Ghanaian President Kwame Asante arrived in Lusaka on Monday for a state visit.\n"
                     "Travelling with him are Foreign Minister Efua Mensah and Trade Minister Kojo Boateng.")
    assert _visits(events) == {("Kwame Asante", "Zambia"), ("Efua Mensah", "Zambia"), ("Kojo Boateng", "Zambia")}


def test_a_title_of_a_state_then_the_name_is_the_visitor_and_not_the_wife_after_it(extract):
    events = extract("President of Ghana Kwame Asante, together with his wife Ama, arrived in Lusaka on Monday "
                     "for a state visit.")
    assert ("Kwame Asante", "Zambia") in _visits(events)
    events = extract("The Speaker of the National Assembly of Ghana Kojo Boateng arrived in Lusaka on Monday "
                     "for talks.")
    assert _visits(events) == {("Kojo Boateng", "Zambia")}


def test_who_accompanied_the_visitor_visits_but_not_his_host(extract):
    events = extract("Chilean President Rosa Vidal arrived in Lima on Monday for talks.\n"
                     "Chile's foreign minister Tomas Reyes, who accompanied Vidal, also met his Peruvian "
                     "counterpart Elmer Schialer.")
    assert _visits(events) == {("Rosa Vidal", "Peru"), ("Tomas Reyes", "Peru")}


def test_travelling_with_someone_to_a_city_makes_both_visitors(extract):
    events = extract("Kenyan Trade Minister Joseph Kamau is travelling with President Mary Wanjiru to Kampala "
                     "for the regional summit.")
    assert _visits(events) == {("Joseph Kamau", "Uganda"), ("Mary Wanjiru", "Uganda")}


def test_foreign_leaders_already_in_a_city_are_visiting(extract):
    events = extract("By Tuesday evening, Pakistani Prime Minister Imran Qadir and Sri Lankan President Nimal "
                     "Perera were already in Kathmandu for the summit.")
    assert _visits(events) == {("Imran Qadir", "Nepal"), ("Nimal Perera", "Nepal")}


def test_being_in_ones_own_capital_is_no_visit(extract):
    events = extract("Nepalese Prime Minister Ram Thapa was in Kathmandu on Tuesday for the summit.")
    assert of_type(events, "visit") == []


def test_a_stop_in_a_foreign_city_is_a_visit(extract):
    events = extract("On his way to the summit in Hanoi, US President John Miller stopped in Moscow on Wednesday.")
    assert ("John Miller", "Russia") in _visits(events)


def test_a_tour_over_several_countries_is_one_visit_per_destination(extract):
    events = extract("Saudi Foreign Minister Faisal Rahman arrived in Kuwait on Friday.\n"
                     "The Kuwait stop follows visits to Oman on Monday, the UAE on Tuesday, Qatar on Wednesday "
                     "and Bahrain on Thursday.")
    assert {d for _n, d in _visits(events)} == {"Kuwait", "Oman", "United Arab Emirates", "Qatar", "Bahrain"}
    assert {n for n, _d in _visits(events)} == {"Faisal Rahman"}


def test_the_person_a_relative_clause_describes_travels(extract):
    events = extract("Egypt was represented by Mr. Omar Farouk, Assistant Minister for African Affairs, who "
                     "had travelled to Monrovia as the president's special envoy.")
    assert _visits(events) == {("Omar Farouk", "Liberia")}


def test_signing_for_a_state_in_a_foreign_city_is_a_signing_and_a_visit(extract):
    events = extract("In Los Angeles, Joseph Grant, the Special Envoy, signed for the United States, and "
                     "Lani Kabua, Minister of Foreign Affairs, signed for the Marshall Islands.")
    signing = of_type(events, "signing")
    assert len(signing) == 1 and {p["code"] for p in signing[0]["parties"]} == {"USA", "MHL"}
    assert _visits(events) == {("Lani Kabua", "United States")}


def test_a_visit_here_is_a_visit_to_the_dateline_place(extract):
    events = extract("HANOI, Jan. 8 - Lao Prime Minister Somsak Vong, who began a three-day official visit here "
                     "today, was received by Vietnam's top leadership.")
    assert {(v["actors"][0]["name"], v["destination"], v["location"]) for v in of_type(events, "visit")} == {
        ("Somsak Vong", "Vietnam", "Hanoi")}


def test_flying_in_is_arriving_at_the_dateline_place_with_the_delegation(extract):
    events = extract("SINGAPORE - Malaysian Prime Minister Hamid Osman flew in this morning on an official visit.\n"
                     "Foreign Minister Dr Aziz Rahman, part of the Malaysian delegation, was also at the airport.")
    assert _visits(events) == {("Hamid Osman", "Singapore"), ("Aziz Rahman", "Singapore")}


def test_a_city_left_from_does_not_keep_the_dateline_from_placing_talks(extract):
    events = extract("Djibouti, Sep 22 - India's Minister of State Vijay Menon sat down on Thursday with Djibouti's "
                     "Prime Minister, Ali Kamil, during the first ministerial trip from New Delhi.")
    meeting = of_type(events, "meeting")[0]
    assert meeting["location"] == "Djibouti"
    assert ("Vijay Menon", "Djibouti") in _visits(events)


def test_flying_home_from_a_country_ends_a_visit_there_and_the_party_was_on_it(extract):
    events = extract("President Samuel Otieno flew home to Kenya from the United States on Friday, ending a "
                     "four-day state visit.\n"
                     "First Lady Grace Otieno and a delegation headed by Foreign Minister Paul Mwangi accompanied "
                     "him. Council of Governors chair Ruth Njeri was also on the trip.")
    # (by the last two words of each name: "First Lady" is a title the tagger keeps)
    assert {(" ".join(n.split()[-2:]), d) for n, d in _visits(events)} == {
        ("Samuel Otieno", "United States"), ("Grace Otieno", "United States"),
        ("Paul Mwangi", "United States"), ("Ruth Njeri", "United States")}


def test_saying_something_about_the_visit_is_not_being_on_it(extract):
    events = extract("Russian President Pavel Orlov arrived in Pyongyang on Tuesday.\n"
                     "Kremlin aide Igor Sokolov said the visit shows that Russia is open to cooperation.")
    assert _visits(events) == {("Pavel Orlov", "North Korea")}


def test_travelling_to_a_summit_named_for_an_organisation_goes_where_it_is_held(extract):
    events = extract("Ghanaian Trade Minister Kofi Mensah is travelling to the 5th African Union-European Union "
                     "Summit, which takes place in Abidjan, Ivory Coast, on Wednesday and Thursday.")
    assert {(v["destination"], v["location"]) for v in of_type(events, "visit")} == {("Ivory Coast", "Abidjan")}


def test_the_people_a_plane_carries_arrive_not_the_spokesman_reporting_it(extract):
    events = extract("The aircraft carrying Malawian President Grace Banda and Foreign Minister Peter Chirwa "
                     "touched down in Lusaka at 3 pm on Monday, presidential spokesman Moses Phiri said.")
    assert _visits(events) == {("Grace Banda", "Zambia"), ("Peter Chirwa", "Zambia")}


def test_a_leaders_own_plane_touching_down_abroad_is_his_arrival(extract):
    events = extract("Ivorian President Alassane Kone's plane touched down at the international airport in "
                     "Malabo, Equatorial Guinea, on Tuesday evening.")
    assert {(v["actors"][0]["name"], v["destination"], v["location"]) for v in of_type(events, "visit")} == {
        ("Alassane Kone", "Equatorial Guinea", "Malabo")}


def test_a_presidential_jet_landing_at_home_is_no_visit_for_anyone(extract):
    events = extract("ABUJA - Nigerian President Musa Danjuma ended a state visit to Ghana on Wednesday.\n"
                     "The presidential jet landed in Abuja early on Thursday, his spokesman Tunde Bello said.")
    assert _visits(events) == {("Musa Danjuma", "Ghana")}


def test_the_host_named_with_a_travelling_leader_does_not_travel(extract):
    events = extract("Tanzanian President Neema Mushi heads to Rwanda on Tuesday for a two-day state visit, "
                     "with President Jean Habimana as her host in Kigali.")
    assert {(v["actors"][0]["name"], v["destination"], v["location"]) for v in of_type(events, "visit")} == {
        ("Neema Mushi", "Rwanda", "Kigali")}


def test_back_home_after_days_abroad_is_a_visit_to_the_place_abroad(extract):
    events = extract("Nigerian President Musa Danjuma is back in Abuja after three days in Senegal on an "
                     "official visit.")
    assert _visits(events) == {("Musa Danjuma", "Senegal")}


def test_being_due_in_a_city_on_a_weekday_is_a_planned_visit_that_day(extract):
    events = extract("Austrian Chancellor Karl Huber is due in Nairobi on Tuesday for a two-day visit.",
                     published="2024-05-10")  # a Friday
    [v] = of_type(events, "visit")
    assert (v["destination"], v["status"], v["date"]) == ("Kenya", "planned", "2024-05-14")


def test_the_next_leg_told_as_then_on_to_a_city_is_a_visit_too(extract):
    events = extract("Nigerian President Musa Danjuma flew from Tokyo to Los Angeles for a stopover, then on "
                     "to Brasilia.")
    assert _visits(events) == {("Musa Danjuma", "United States"), ("Musa Danjuma", "Brazil")}


def test_a_small_states_capital_places_the_visit_in_its_country(extract):
    events = extract("Australian Foreign Minister Claire Dawson arrived in Honiara on Sunday.")
    assert _visits(events) == {("Claire Dawson", "Solomon Islands")}


def test_a_trip_put_off_is_no_visit(extract):
    events = extract("Foreign Minister Omar Baig of Pakistan on Sunday put off his planned official trip to Japan.")
    assert of_type(events, "visit") == []


def test_a_plan_told_in_the_past_perfect_fell_through(extract):
    events = extract("Pakistani Foreign Minister Omar Baig had been expected in Tokyo from March 3 to 5 for talks "
                     "with Prime Minister Ken Sato.", published="2019-03-01")
    assert of_type(events, "visit") == [] and of_type(events, "meeting") == []


def test_having_been_in_a_city_is_still_a_visit(extract):
    events = extract("Pakistani Foreign Minister Omar Baig had been in Tokyo for two days when the news broke.")
    assert _visits(events) == {("Omar Baig", "Japan")}


def test_going_on_to_a_city_in_an_itinerary_is_a_planned_leg(extract):
    events = extract("Canadian Prime Minister Anne Leblanc arrived in Singapore on Thursday.\n"
                     "She then goes on to Hanoi for the regional summit.")
    assert {(v["destination"], v["status"]) for v in of_type(events, "visit")} == {
        ("Singapore", "occurred"), ("Vietnam", "planned")}


def test_stops_made_in_a_list_of_countries_are_one_visit_each(extract):
    events = extract("Canadian Prime Minister Anne Leblanc leaves for Egypt on Friday and will make stops next "
                     "week in Jordan, Lebanon and Cyprus.")
    assert {d for _n, d in _visits(events)} == {"Egypt", "Jordan", "Lebanon", "Cyprus"}


def test_an_arrival_in_the_datelines_country_is_in_the_datelines_city(extract):
    events = extract("ULAANBAATAR, May 3 - Chinese Foreign Minister Zhao Ming arrived today for an official "
                     "visit to Mongolia.", published="2024-05-03")
    assert {(v["destination"], v["location"]) for v in of_type(events, "visit")} == {("Mongolia", "Ulaanbaatar")}


def test_a_visit_to_a_site_on_a_trip_is_not_a_visit_to_a_place_its_story_names(extract):
    events = extract("Russian President Pavel Orlov arrived in Pyongyang on Tuesday.\n"
                     "His programme also includes a visit to a memorial to sailors who died fighting in Korea.")
    assert _visits(events) == {("Pavel Orlov", "North Korea")}


def test_the_members_of_a_group_listed_in_the_next_sentence_travel_with_it(extract):
    events = extract("The group landed in Canberra on Sunday, the embassy said. Its members are former trade "
                     "secretary Helen Brooks, former senator Mark Ellison and Ambassador-at-large Tom Reyes.")
    assert {n for n, _d in _visits(events)} == {"Helen Brooks", "Mark Ellison", "Tom Reyes"}
    assert {d for _n, d in _visits(events)} == {"Australia"}


def test_a_delegation_led_by_someone_travels_with_its_leader(extract):
    events = extract("A delegation led by Senator Mark Ellison arrived in Canberra on Sunday.")
    assert {n for n, _d in _visits(events)} == {"Mark Ellison"}


def test_an_arrivals_list_set_out_line_by_line_names_the_visitors(extract):
    events = extract("Apia, Sunday 5 May 2024 - Another group of forum leaders reached Apia today for the "
                     "leaders meeting.\n"
                     "This morning's arrivals:\n"
                     "- Hon. Ratu Tevita, Prime Minister of Fiji\n"
                     "- H.E. Ioane Teiwaki, President of Kiribati\n"
                     "The meeting opens on Monday.", published="2024-05-05")
    assert _visits(events) == {("Ratu Tevita", "Samoa"), ("Ioane Teiwaki", "Samoa")}


def test_a_group_whose_next_sentence_lists_no_members_has_no_visitors(extract):
    events = extract("The group landed in Canberra on Sunday. Officials said the talks would start on Monday.")
    assert of_type(events, "visit") == []


def test_leaders_placed_at_a_forum_in_a_city_abroad_are_visiting(extract):
    events = extract("Fijian Prime Minister Ratu Tevita greets Australian Prime Minister Claire Dawson at the "
                     "Pacific Islands Forum in Apia.")
    assert _visits(events) == {("Ratu Tevita", "Samoa"), ("Claire Dawson", "Samoa")}


def test_speaking_on_the_sidelines_of_a_summit_abroad_is_being_there(extract):
    events = extract("On the sidelines of the G20 summit in Antalya, Indian Prime Minister Ravi Menon spoke with "
                     "reporters.")
    assert {(v["actors"][0]["name"], v["destination"], v["location"]) for v in of_type(events, "visit")} == {
        ("Ravi Menon", "Turkey", "Antalya")}


def test_the_host_at_a_summit_in_his_own_country_is_not_visiting(extract):
    events = extract("Turkish President Kemal Aydin spoke at the G20 summit in Antalya.")
    assert of_type(events, "visit") == []


def test_on_the_way_back_from_a_capital_that_trip_happened_and_the_one_met_there_stayed_home(extract):
    events = extract("On his way back from Washington, Indian Prime Minister Ravi Menon met Irish Prime Minister "
                     "Sean Walsh at Shannon airport in Ireland.")
    assert _visits(events) == {("Ravi Menon", "United States"), ("Ravi Menon", "Ireland")}


def test_returning_from_a_capital_ends_a_visit_there(extract):
    events = extract("Returning from Moscow, Chinese President Li Wei held talks in Astana with Kazakh President "
                     "Nurlan Abenov.")
    assert _visits(events) == {("Li Wei", "Russia"), ("Li Wei", "Kazakhstan")}


def test_being_hosted_at_a_palace_in_a_capital_abroad_is_a_visit(extract):
    events = extract("South African President Thabo Nkosi was hosted at the Elysee Palace in Paris by French "
                     "President Claire Martin.")
    assert {(v["actors"][0]["name"], v["destination"], v["location"]) for v in of_type(events, "visit")} == {
        ("Thabo Nkosi", "France", "Paris")}


def test_a_conference_with_a_number_in_its_name_is_nobody_he_could_be(extract):
    events = extract("Nigerian President Musa Danjuma attended TICAD9 in Yokohama, Japan.\n"
                     "When TICAD9 closed, he flew from Yokohama to Los Angeles for a stopover.")
    assert ("Musa Danjuma", "United States") in _visits(events)


def test_a_stay_in_a_city_abroad_is_a_visit(extract):
    events = extract("During his stay in Manila, Japanese Prime Minister Kenji Sato will address the Philippine "
                     "Congress.")
    assert {(v["actors"][0]["name"], v["destination"], v["status"]) for v in of_type(events, "visit")} == {
        ("Kenji Sato", "Philippines", "planned")}


def test_a_state_hosting_a_leader_is_the_leaders_destination(extract):
    events = extract("Indonesia will host Australian Prime Minister Claire Dawson next week.")
    assert {(v["actors"][0]["name"], v["destination"], v["status"]) for v in of_type(events, "visit")} == {
        ("Claire Dawson", "Indonesia", "planned")}


def test_being_welcomed_in_a_capital_abroad_is_a_visit_but_not_for_the_host(extract):
    events = extract("German Chancellor Karl Huber was welcomed in Beijing by Chinese Premier Li Wei on Sunday.")
    assert _visits(events) == {("Karl Huber", "China")}


def test_a_trip_told_done_keeps_its_own_city_and_day_over_a_leg_still_planned(extract):
    events = extract("NAIROBI - Kenyan President Paul Otieno on Monday received visiting Ethiopian Prime Minister "
                     "Dawit Bekele at State House in Nairobi.\n"
                     "Bekele is scheduled to travel to Mombasa on Tuesday, Kenyan officials said.",
                     published="2024-05-07")
    [v] = of_type(events, "visit")
    assert (v["actors"][0]["name"], v["location"], v["date"], v["status"]) == (
        "Dawit Bekele", "Nairobi", "2024-05-06", "occurred")


def test_a_visiting_guest_received_by_a_leader_visits_the_leaders_country(extract):
    events = extract("Kenyan President Paul Otieno on Monday received visiting Ethiopian Prime Minister Dawit "
                     "Bekele at State House.", published="2024-05-07")
    assert _visits(events) == {("Dawit Bekele", "Kenya")}


def test_each_leader_a_summit_abroad_was_attended_by_visits_the_host_country(extract):
    events = extract("The summit in Cairo on Sunday was attended by Qatari Emir Hamad Saleh, Sudanese President "
                     "Omar Idris and Somali President Abdi Warsame.")
    assert _visits(events) == {("Hamad Saleh", "Egypt"), ("Omar Idris", "Egypt"), ("Abdi Warsame", "Egypt")}


def test_the_host_of_a_summit_attended_by_guests_is_not_visiting(extract):
    events = extract("Egyptian President Karim Mansour hosted the summit in Cairo on Sunday, attended by Qatari "
                     "Emir Hamad Saleh and Somali President Abdi Warsame.")
    assert _visits(events) == {("Hamad Saleh", "Egypt"), ("Abdi Warsame", "Egypt")}


def test_taking_part_in_or_addressing_a_summit_abroad_is_being_there(extract):
    events = extract("Ghanaian President Kofi Mensah took part in the regional summit in Abuja on Sunday.\n"
                     "Ukrainian President Taras Bondar addressed the Arab League summit in Jeddah on Friday.\n"
                     "Philippine President Jose Reyes participated in the ASEAN summit in Vientiane.")
    assert _visits(events) == {("Kofi Mensah", "Nigeria"), ("Taras Bondar", "Saudi Arabia"),
                               ("Jose Reyes", "Laos")}


def test_addressing_a_summit_by_video_link_or_addressing_reporters_is_no_visit(extract):
    events = extract("Ukrainian President Taras Bondar addressed the Arab League summit in Jeddah by video link.\n"
                     "Kenyan President Paul Otieno addressed reporters in Addis Ababa.")
    assert of_type(events, "visit") == []


def test_attending_an_occasion_whose_of_phrase_names_the_city_is_a_visit(extract):
    events = extract("French President Louis Girard attended the inauguration of Senegal's new president in Dakar "
                     "on Tuesday.\n"
                     "Armenian speaker Aram Petrosyan is attending the first session of the committee for the "
                     "World Conference of Speakers, organised in Geneva by the Inter-Parliamentary Union.")
    assert _visits(events) == {("Louis Girard", "Senegal"), ("Aram Petrosyan", "Switzerland")}


def test_attending_the_funeral_of_someone_killed_somewhere_is_not_going_there(extract):
    events = extract("Indian Prime Minister Ravi Menon attended the funeral of a soldier killed in Nepal.")
    assert of_type(events, "visit") == []


def test_a_title_the_tagger_cut_off_a_leaders_name_is_nobody_travelling(extract):
    events = extract("Qatari Emir Hamad Saleh and Bahraini King Isa Rashid arrived in Riyadh on Tuesday.")
    assert _visits(events) == {("Hamad Saleh", "Saudi Arabia"), ("Isa Rashid", "Saudi Arabia")}


def test_an_unknown_city_in_a_list_does_not_take_the_next_citys_country(extract):
    events = extract("Indonesian President Adi Santoso began a tour on Sunday with a stop in Nairobi, before "
                     "heading to Eldoret, Maputo and Pretoria.")
    assert ("Adi Santoso", "Mozambique") in _visits(events)
    assert all(v["location"] != "Eldoret" or v["destination"] != "Mozambique" for v in of_type(events, "visit"))


def test_the_leaders_a_group_is_said_to_include_are_the_visitors_not_their_states(extract):
    events = extract("Regional leaders including Malian President Amadou Keita have started to arrive in Accra.\n"
                     "Earlier, other leaders such as Gambian President Lamin Jallow and Liberian President Joseph "
                     "Tubman arrived in Accra for the summit.")
    assert _visits(events) == {("Amadou Keita", "Ghana"), ("Lamin Jallow", "Ghana"), ("Joseph Tubman", "Ghana")}


def test_leading_a_delegation_to_a_summit_or_representing_a_state_at_an_occasion_abroad_is_a_visit(extract):
    events = extract("Cuban President Mario Ortega led his country's delegation to the summit in Kampala.\n"
                     "Ghanaian Foreign Minister Efua Mensah headed the Ghanaian delegation at the talks in Geneva.\n"
                     "The Saudi foreign minister, Faisal Rahman, represented the kingdom at the inauguration in Dakar.")
    assert _visits(events) == {("Mario Ortega", "Uganda"), ("Efua Mensah", "Switzerland"),
                               ("Faisal Rahman", "Senegal")}


def test_leading_a_delegation_in_negotiations_or_at_home_is_no_visit(extract):
    events = extract("Kenyan Foreign Minister Joseph Kamau led the Kenyan delegation in the negotiations.\n"
                     "Kenyan President Paul Otieno led the delegation at the summit in Nairobi.\n"
                     "Kenyan Trade Minister Jane Wambui represented Kenya in the negotiations.")
    assert of_type(events, "visit") == []


def test_being_hosted_at_a_residence_in_a_capital_abroad_is_a_visit(extract):
    events = extract("Chinese Premier Li Wei was hosted by Australian Prime Minister Claire Dawson at The Lodge "
                     "in Canberra on Monday.")
    assert {(v["actors"][0]["name"], v["destination"], v["location"]) for v in of_type(events, "visit")} == {
        ("Li Wei", "Australia", "Canberra")}


def test_the_attendees_listed_after_a_summit_abroad_visit_its_city_on_its_day(extract):
    events = extract("The regional summit opened in Accra on Friday.\n"
                     "Among the attendees were Malian President Amadou Keita and Gambian President Lamin Jallow.\n"
                     "Also present were Ghanaian President Kofi Mensah and Liberian President Joseph Tubman.",
                     published="2024-05-11")
    assert {(v["actors"][0]["name"], v["destination"], v["location"], v["date"]) for v in of_type(events, "visit")} == {
        ("Amadou Keita", "Ghana", "Accra", "2024-05-10"), ("Lamin Jallow", "Ghana", "Accra", "2024-05-10"),
        ("Joseph Tubman", "Ghana", "Accra", "2024-05-10")}


def test_those_present_with_no_gathering_told_or_residents_are_not_visiting(extract):
    events = extract("Kenyan President Paul Otieno spoke in Nairobi on Friday.\n"
                     "Also present was Ugandan President Yoweri Okello.\n"
                     "The regional summit opened in Accra on Friday.\n"
                     "Also present were the British ambassador, Tom Hale, and Ghanaian officials.")
    assert of_type(events, "visit") == []


def test_addressing_or_chairing_a_session_of_a_conference_told_before_is_being_at_it(extract):
    events = extract("Trade ministers from 40 countries met at a ministerial conference in Geneva that closed on "
                     "Tuesday.\n"
                     "Kenyan Trade Minister Jane Wambui addressed the opening session, and India's Commerce "
                     "Minister Ravi Menon chaired a panel on fertiliser supplies.\n"
                     "Swiss Economy Minister Anna Keller chaired the closing plenary.", published="2024-09-18")
    assert _visits(events) == {("Jane Wambui", "Switzerland"), ("Ravi Menon", "Switzerland")}


def test_a_minister_signing_abroad_on_the_leaders_trip_visits_too(extract):
    events = extract("Malaysian Prime Minister Aziz Rahman arrived in Hanoi on Monday for a two-day official visit.\n"
                     "Malaysian Foreign Minister Faridah Ismail signed a memorandum on diplomatic training with her "
                     "Vietnamese counterpart Tran Van Minh in Hanoi on Monday.", published="2024-05-07")
    assert _visits(events) == {("Aziz Rahman", "Vietnam"), ("Faridah Ismail", "Vietnam")}


def test_being_among_the_leaders_who_gathered_in_a_city_abroad_is_a_visit(extract):
    events = extract("Malian President Amadou Keita and Gambian President Lamin Jallow were among the leaders who "
                     "gathered in Accra.\n"
                     "Thousands of protesters gathered in Nairobi on Tuesday.\n"
                     "Kenyan ministers convened in Nairobi on Sunday.")
    assert _visits(events) == {("Amadou Keita", "Ghana"), ("Lamin Jallow", "Ghana")}


def test_arriving_here_is_arriving_at_the_datelines_city_not_where_the_trip_came_from(extract):
    events = extract("ADDIS ABABA, March 4 (ENA) -- Kenyan President Amina Wanjiru arrived here on Sunday night "
                     "after attending a business forum in Kigali.", "2027-03-04")
    visits = [e for e in events if e["type"] == "visit" and e["destination"] == "Ethiopia"]
    assert [(v["location"], v["date"]) for v in visits] == [("Addis Ababa", "2027-02-28")]
    assert all(e["location"] != "Kigali" for e in events if e["type"] == "visit" and e["destination"] == "Ethiopia")


def test_talks_held_here_in_a_story_without_dateline_are_at_the_gathering_told_before(extract):
    text = ("On the margins of the regional summit in Antalya, Chilean President Gabriel Rojas held talks with "
            "Spain and Turkey.\n"
            "Rojas and Canadian Prime Minister Jean Tremblay, an aide said, were together at lunch for an hour.\n"
            "Mr. Tremblay held discussions in separate meetings here with Japan's Prime Minister Kenji Sato and "
            "Brazil's President Ana Souza on Sunday.")
    events = extract(text, published="2024-03-11")
    meetings = [m for m in of_type(events, "meeting") if "Jean Tremblay" in {a["name"] for a in m["actors"]}]
    assert len(meetings) == 2 and all(m["location"] == "Antalya" for m in meetings)
    assert {("Kenji Sato", "Turkey"), ("Ana Souza", "Turkey"), ("Jean Tremblay", "Turkey")} <= _visits(events)
    # a dateline's city stays the reporter's place, whatever gathering was told before
    events = extract("NAIROBI, March 10 -- Leaders met at the regional summit in Antalya last week.\n"
                     "Kenyan President Amina Wanjiru held talks here with Japan's Prime Minister Kenji Sato on "
                     "Sunday.", published="2024-03-11")
    assert {m["location"] for m in of_type(events, "meeting") if "Kenji Sato" in {a["name"] for a in m["actors"]}} \
        == {"Nairobi"}


def test_talks_of_two_foreign_leaders_in_a_story_filed_from_a_summits_city_are_held_there(extract):
    text = ("KAMPALA, May 5 -- Leaders of twelve states attended the two-day regional summit in Kampala.\n"
            "Ghanaian President Kwame Asante and Chilean President Rosa Vidal held talks on Sunday.")
    events = extract(text, published="2024-05-05")
    assert {m["location"] for m in of_type(events, "meeting")} == {"Kampala"}
    assert {("Kwame Asante", "Uganda"), ("Rosa Vidal", "Uganda")} <= _visits(events)
    # no gathering in the reporter's city: the dateline places only talks with someone at home there
    events = extract("KAMPALA, May 5 -- Ugandan farmers expect a good harvest this year.\n"
                     "Ghanaian President Kwame Asante and Chilean President Rosa Vidal held talks on Sunday.",
                     published="2024-05-05")
    assert not _visits(events) and {m["location"] for m in of_type(events, "meeting")} == {None}
