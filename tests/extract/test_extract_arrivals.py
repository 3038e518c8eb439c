"""Arrivals told in the ways summit copy tells them: leaders listed as examples of a group,
a group named in the sentences after it, and an arrival in "the country" or at an airport the
gazetteer does not know (the place told before)."""

from events_of import of_type


def _visits(events):
    return {(v["actors"][0]["name"], v["destination"]) for v in of_type(events, "visit")}


def test_leaders_of_countries_such_as_these_are_the_visitors_not_the_countries(extract):
    events = extract("By Sunday evening the leaders of nine countries, such as Kenyan President Mary Wanjiru, "
                     "Chilean President Tomas Reyes and Indian Prime Minister Arun Mehta, had arrived in Seoul.",
                     published="2021-03-08")
    assert _visits(events) == {("Mary Wanjiru", "South Korea"), ("Tomas Reyes", "South Korea"),
                               ("Arun Mehta", "South Korea")}


def test_a_group_named_in_the_sentences_after_its_arrival(extract):
    events = extract("Four presidents arrived in Lusaka on Monday for the regional summit.\n"
                     "They are Mary Wanjiru of Kenya and Samuel Okafor of Nigeria.\n"
                     "The others are Tomas Reyes of Chile and Rosa Tavares of Brazil.\n"
                     "They were welcomed at the airport by President Peter Banda.", published="2021-03-08")
    assert _visits(events) == {("Mary Wanjiru", "Zambia"), ("Samuel Okafor", "Zambia"),
                               ("Tomas Reyes", "Zambia"), ("Rosa Tavares", "Zambia")}


def test_they_were_met_is_not_a_list_of_names(extract):
    events = extract("Four presidents arrived in Lusaka on Monday for the regional summit.\n"
                     "They were met at the airport by President Peter Banda.", published="2021-03-08")
    assert _visits(events) == set()


def test_touching_down_in_this_kingdom_is_an_arrival_at_the_dateline(extract):
    events = extract("RIYADH, Saudi Arabia - President Mark Lane touched down in this Gulf kingdom on Saturday "
                     "morning, his first stop abroad.", published="2019-04-13")
    assert _visits(events) == {("Mark Lane", "Saudi Arabia")}


def test_arriving_in_the_country_is_the_place_told_before(extract):
    events = extract("Leaders have begun arriving for the regional summit in the Philippines.\n"
                     "Earlier, other leaders such as Indonesian President Budi Santoso and Thai Prime Minister "
                     "Somchai Wong arrived in the country for the meeting.", published="2021-03-08")
    assert _visits(events) == {("Budi Santoso", "Philippines"), ("Somchai Wong", "Philippines")}


def test_an_unknown_airport_is_the_place_told_before_not_a_country_in_a_title(extract):
    events = extract("Delegations gathered for the summit in the Philippines on Sunday.\n"
                     "The plane carrying New Zealand Prime Minister Helen Ward landed at the Mabalacat "
                     "Airfield after lunch.", published="2021-03-08")
    assert _visits(events) == {("Helen Ward", "Philippines")}


def test_landing_in_the_country_at_home_is_no_visit(extract):
    events = extract("NAIROBI - Kenyan President Mary Wanjiru touched down in the country on Sunday after "
                     "a week of talks.", published="2021-03-08")
    assert _visits(events) == set()


def _statuses(events):
    return {(v["actors"][0]["name"], v["status"]) for v in of_type(events, "visit")}


def test_arrivals_told_in_turn_are_where_the_leaders_were_arriving(extract):
    events = extract("Leaders began arriving in Toronto on Thursday for the summit.\n"
                     "First to arrive was Kenyan President Mary Wanjiru. Next came Chilean President Tomas Reyes "
                     "and Indian Prime Minister Arun Mehta.", published="2010-06-24")
    assert _visits(events) == {("Mary Wanjiru", "Canada"), ("Tomas Reyes", "Canada"), ("Arun Mehta", "Canada")}
    assert _statuses(events) == {("Mary Wanjiru", "occurred"), ("Tomas Reyes", "occurred"),
                                 ("Arun Mehta", "occurred")}


def test_those_who_followed_the_first_to_arrive_arrived_too(extract):
    events = extract("Delegations began arriving in Toronto on Thursday for the summit.\n"
                     "Kenyan President Mary Wanjiru was among the first to arrive, followed by Chilean President "
                     "Tomas Reyes.", published="2010-06-24")
    assert _visits(events) == {("Mary Wanjiru", "Canada"), ("Tomas Reyes", "Canada")}


def test_next_came_talks_is_no_arrival(extract):
    events = extract("Leaders began arriving in Toronto on Thursday for the summit.\n"
                     "Next came a working dinner on trade.", published="2010-06-24")
    assert _visits(events) == set()


def test_the_heads_of_state_who_attended_are_those_the_sentence_names(extract):
    events = extract("Kenyan President Mary Wanjiru and other leaders took part in the regional summit in Brasilia.\n"
                     "The other heads of state who attended the summit were the President of Chile Tomas Reyes "
                     "and the Prime Minister of India Arun Mehta.", published="2023-05-31")
    assert _visits(events) == {("Mary Wanjiru", "Brazil"), ("Tomas Reyes", "Brazil"), ("Arun Mehta", "Brazil")}


def test_those_among_the_wreath_layers_in_the_city_told_before_visit_it(extract):
    events = extract("Leaders of the group paid their respects in Hiroshima on Friday.\n"
                     "Kenyan President Mary Wanjiru and Chilean President Tomas Reyes were among those who laid "
                     "wreaths at a cenotaph in the city's memorial park.", published="2023-05-19")
    assert _visits(events) == {("Mary Wanjiru", "Japan"), ("Tomas Reyes", "Japan")}


def test_the_companions_of_an_accompanied_arrival_arrive_with_it(extract):
    events = extract("Kenyan President Mary Wanjiru, accompanied by her husband Daniel Wanjiru and Foreign Minister "
                     "Peter Otieno, arrived in Lusaka on Monday.", published="2021-03-08")
    assert _visits(events) == {("Mary Wanjiru", "Zambia"), ("Daniel Wanjiru", "Zambia"), ("Peter Otieno", "Zambia")}


def test_every_companion_listed_after_accompanied_by_travels(extract):
    events = extract("Kenyan President Mary Wanjiru arrived in Lusaka on Monday for a state visit.\n"
                     "She was accompanied by her husband, Daniel Wanjiru, and Foreign Minister Peter Otieno.",
                     published="2021-03-08")
    assert _visits(events) == {("Mary Wanjiru", "Zambia"), ("Daniel Wanjiru", "Zambia"), ("Peter Otieno", "Zambia")}


def test_leaving_home_for_a_city_to_take_part_is_a_trip_there_not_a_city_visiting(extract):
    events = extract("Nearly a week long, the trip begins when Chilean President Tomas Reyes leaves Santiago on "
                     "Tuesday for London to take part in the economic summit.", published="2009-03-28")
    assert _visits(events) == {("Tomas Reyes", "United Kingdom")}


def test_leaders_expected_to_attend_include_those_named(extract):
    events = extract("SINGAPORE: Prime Minister Wei Ming Tan will make a working visit to Bali from Monday to attend "
                     "the regional summit.\nLeaders of major economies expected to attend include Kenyan President Mary Wanjiru and "
                     "Chilean President Tomas Reyes.", published="2022-11-14")
    assert _visits(events) == {("Wei Ming Tan", "Indonesia"), ("Mary Wanjiru", "Indonesia"),
                               ("Tomas Reyes", "Indonesia")}
    assert _statuses(events) == {("Wei Ming Tan", "planned"), ("Mary Wanjiru", "planned"),
                                 ("Tomas Reyes", "planned")}


def test_an_arrival_whose_title_and_name_are_both_subjects_is_the_persons(extract):
    events = extract("The secretary-general of the UN, Antonio Guterres arrived in Saudi Arabia on Thursday.",
                     published="2018-04-14")
    assert _visits(events) == {("Antonio Guterres", "Saudi Arabia")}


def test_the_leg_of_his_visit_keeps_him_the_traveller_of_the_next_leg(extract):
    events = extract("Chilean President Tomas Reyes left on Sunday for a trip to Europe.\n"
                     "The Belgian leg of his visit will include talks with Prime Minister Jan Peeters and a "
                     "meeting with King Albert.\nThursday will take him to Rome, where he is to meet Pope Leo.",
                     published="2014-03-24")
    assert ("Tomas Reyes", "Italy") in _visits(events)
    assert not any(v["actors"][0]["name"] in ("Jan Peeters", "Albert") for v in of_type(events, "visit"))


def test_his_schedule_including_talks_makes_them_his(extract):
    events = extract("Chilean President Tomas Reyes arrived in New Delhi on Friday evening.\n"
                     "His schedule for the day included bilateral talks with Indian Prime Minister Arun Mehta.",
                     published="2023-09-08")
    assert [{a["name"] for a in m["actors"] if a["kind"] == "person"} for m in of_type(events, "meeting")] == [
        {"Tomas Reyes", "Arun Mehta"}]


def _meeting_statuses(events):
    return [(frozenset(a["name"] for a in m["actors"] if a["kind"] == "person"), m["status"], m["date"])
            for m in of_type(events, "meeting")]


def test_talks_a_journey_is_made_for_are_still_to_come(extract):
    events = extract("Chilean President Tomas Reyes arrived in Nairobi on Monday for talks with Kenyan President "
                     "Mary Wanjiru.", published="2021-03-10")
    assert _meeting_statuses(events) == [(frozenset({"Tomas Reyes", "Mary Wanjiru"}), "planned", "2021-03-08")]
    assert _statuses(events) == {("Tomas Reyes", "occurred")}


def test_talks_a_journey_is_made_for_told_as_held_later_are_one_held_meeting(extract):
    events = extract("Chilean President Tomas Reyes flew to Nairobi on Monday to meet Kenyan President Mary "
                     "Wanjiru.\nThe two leaders discussed trade and security on Tuesday.", published="2021-03-10")
    assert _meeting_statuses(events) == [(frozenset({"Tomas Reyes", "Mary Wanjiru"}), "occurred", "2021-03-09")]


def test_expected_to_attend_the_summit_whose_city_was_told_far_up(extract):
    events = extract("The annual summit of the regional bloc opens in Kampala on Friday, officials said.\n"
                     "Security has been tightened across the city ahead of the gathering.\n"
                     "Roads around the venue will be closed from Thursday evening, police said.\n"
                     "Hotels reported full bookings for the week.\n"
                     "Kenyan President Mary Wanjiru is expected to attend the summit, her office said on Tuesday.",
                     published="2021-03-09")
    assert _visits(events) == {("Mary Wanjiru", "Uganda")}
    assert _statuses(events) == {("Mary Wanjiru", "planned")}


def test_attending_a_summit_never_placed_is_no_visit(extract):
    events = extract("Leaders met in Kampala last year to discuss trade.\n"
                     "Kenyan President Mary Wanjiru is expected to attend the summit, her office said on Tuesday.",
                     published="2021-03-09")
    assert _visits(events) == set()


def test_guests_received_at_the_airport_arrived_there(extract):
    events = extract("RIYADH: King Salman received at the airport several Arab presidents including Sudanese "
                     "President Omar Al-Bashir and Iraqi President Fuad Masum.\n"
                     "Kenyan President Mary Wanjiru was received at the airport by the Riyadh governor on Tuesday.",
                     published="2015-11-10")
    assert _visits(events) == {("Omar Al-Bashir", "Saudi Arabia"), ("Fuad Masum", "Saudi Arabia"),
                               ("Mary Wanjiru", "Saudi Arabia")}
    assert of_type(events, "meeting") == []


def test_received_at_the_airport_at_home_is_no_visit(extract):
    events = extract("NAIROBI: Kenyan President Mary Wanjiru was received at the airport by her deputy on her "
                     "return from Japan.", published="2015-11-10")
    assert ("Mary Wanjiru", "Kenya") not in _visits(events)


def test_arrivals_in_turn_take_the_day_the_arrivals_began(extract):
    events = extract("Leaders began arriving in Toronto on Thursday for the summit.\n"
                     "First to arrive was Kenyan President Mary Wanjiru.", published="2010-06-25")
    assert [(v["actors"][0]["name"], v["date"]) for v in of_type(events, "visit")] == [("Mary Wanjiru", "2010-06-24")]


def test_an_airport_welcome_belongs_to_the_visit_told_before_not_a_place_named_since(extract):
    events = extract("Kenyan President William Ruto arrived in Hanoi on Monday for a three-day visit, his "
                     "first to Vietnam since the floods in Cambodia.\n\n"
                     "Ruto was welcomed at the airport by Deputy Prime Minister Tran Luu Quang, and later "
                     "dined with President To Lam.", published="2024-05-08")
    visits = of_type(events, "visit")
    assert [v["destination"] for v in visits] == ["Vietnam"]


def test_a_journey_still_to_come_dates_the_talks_it_is_made_for_ahead(extract):
    # "will travel to X on the 28th for talks": the 28th ahead, and not the talks they last held
    events = extract("ANKARA, March 14 -- President Recep Tayyip Erdogan will travel to Rome on the 28th "
                     "for talks with Italian Prime Minister Giorgia Meloni, his office said Thursday.\n\n"
                     "The two leaders last met on the 2nd, on the sidelines of a summit in Brussels.",
                     published="2024-03-14")
    meetings = sorted((m["date"], m["status"]) for m in of_type(events, "meeting"))
    assert meetings == [("2024-03-02", "occurred"), ("2024-03-28", "planned")]
