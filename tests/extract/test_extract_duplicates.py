"""One meeting per occurrence: the same talks told as due and as held, or referred back to by
'their'/'today's' talks, are not coded twice (structures seen in wire copy and readouts)."""

from events_of import of_type


def _people(event: dict) -> set[str]:
    return {a["name"] for a in event["actors"] if a["kind"] == "person"}


def test_undated_talks_told_as_held_then_as_scheduled_are_one_meeting(extract):
    events = extract("Kenyan Foreign Minister Musalia Mudavadi and Interior Minister Kipchumba Murkomen held a "
                     "meeting with Ugandan President Yoweri Museveni during his three-day visit to Kenya. After the "
                     "welcome ceremony at the airport, Museveni drove to his hotel in Nairobi, where he was later "
                     "joined by Mudavadi and Murkomen for their scheduled meeting.", published="2025-03-12")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and meetings[0]["status"] == "occurred"
    assert _people(meetings[0]) == {"Musalia Mudavadi", "Kipchumba Murkomen", "Yoweri Museveni"}


def test_the_leaders_exchanging_views_later_is_the_talks_told_first(extract):
    events = extract("Holding bilateral talks a week after the regional summit in Arusha, Kenyan President William "
                     "Ruto and Tanzanian President Samia Suluhu Hassan agreed to ease checks at border posts. "
                     "Officials said trade had doubled in two years. A joint commission will meet in May. The "
                     "leaders also exchanged views on security in the Great Lakes region.", published="2025-03-12")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and meetings[0]["status"] == "occurred"


def test_todays_meeting_is_the_meeting_told_before(extract):
    events = extract("Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on "
                     "Friday. Ruto said today's meeting would deepen the partnership between the two nations.",
                     published="2025-03-14")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and meetings[0]["status"] == "occurred" and meetings[0]["date"] == "2025-03-14"


def test_a_dated_meeting_and_talks_due_elsewhere_stay_two(extract):
    events = extract("Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on "
                     "Friday. The two leaders will meet again at a summit in Kampala.", published="2025-03-14")
    meetings = of_type(events, "meeting")
    assert sorted(m["status"] for m in meetings) == ["occurred", "planned"]


def test_before_their_talks_takes_no_day_from_an_arrival_in_its_sentence(extract):
    events = extract("Tanzanian President Samia Suluhu Hassan held talks on Wednesday with Kenyan President "
                     "William Ruto in Dodoma. Before their talks, Hassan hosted a welcome ceremony for Ruto, who "
                     "arrived in Dodoma on Monday.", published="2025-03-12")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and meetings[0]["date"] == "2025-03-12"


def test_a_weekdays_meeting_said_to_strengthen_ties_is_the_meeting_told(extract):
    events = extract("Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan on the sidelines "
                     "of the summit on Friday. Ruto said Friday's meeting will strengthen the partnership between "
                     "the two nations.", published="2025-03-15")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and meetings[0]["status"] == "occurred" and meetings[0]["date"] == "2025-03-14"


def test_talks_last_evening_are_the_day_before_and_apart_from_todays(extract):
    events = extract("Tanzanian President Samia Suluhu Hassan today held formal talks with Kenyan President "
                     "William Ruto in Dodoma. Last evening, the two presidents held a meeting at the State House "
                     "over dinner.", published="2025-03-12")
    meetings = of_type(events, "meeting")
    assert sorted(m["date"] for m in meetings) == ["2025-03-11", "2025-03-12"]


def test_this_is_someones_first_meeting_with_x_is_the_meeting_just_told(extract):
    events = extract("Prime Minister Narendra Modi met Chinese President Xi Jinping in Bishkek on Thursday. It was "
                     "the PM's first meeting with the Chinese leader after the Lok Sabha elections gave him a "
                     "second term.", published="2019-06-13")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and {"Narendra Modi", "Xi Jinping"} <= _people(meetings[0])


def test_looking_forward_to_hosting_someone_is_no_visit_yet(extract):
    events = extract("Kenyan Foreign Minister Musalia Mudavadi met Tanzanian Foreign Minister Mahmoud Thabit Kombo "
                     "in Dodoma on Tuesday. Kombo said he looks forward to hosting Mudavadi and Kenyan Defence "
                     "Minister Soipan Tuya.", published="2025-03-12")
    assert not [e for e in of_type(events, "visit") if "Soipan Tuya" in _people(e) and e["status"] == "occurred"]
    assert [m["status"] for m in of_type(events, "meeting") if "Soipan Tuya" in _people(m)] in ([], ["planned"])


def test_talks_recalled_from_a_named_month_stay_apart_from_todays(extract):
    events = extract("Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan in "
                     "Dodoma on Tuesday. Recalling their meeting in Arusha in January, Ruto said the border posts "
                     "had since reopened.", published="2025-03-12")
    meetings = of_type(events, "meeting")
    assert sorted((m["date"], m["location"]) for m in meetings) == [("2025-01", "Arusha"), ("2025-03-11", "Dodoma")]


def test_the_same_leaders_talks_told_as_held_and_then_as_due_are_one_meeting(extract):
    events = extract("Ugandan President Yoweri Museveni held talks with Kenyan President William Ruto at State "
                     "House in Nairobi on Monday. Trade in dairy and sugar topped the agenda. Officials said that "
                     "after the talks between Museveni and Ruto, four agreements will be signed.",
                     published="2025-03-11")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and meetings[0]["status"] == "occurred" and meetings[0]["date"] == "2025-03-10"


def test_talks_the_leaders_agreed_to_hold_later_stay_apart(extract):
    events = extract("Ugandan President Yoweri Museveni held talks with Kenyan President William Ruto at State "
                     "House in Nairobi on Monday. Museveni and Ruto agreed to hold a follow-up meeting with their "
                     "energy ministers.", published="2025-03-11")
    meetings = of_type(events, "meeting")
    assert sorted(m["status"] for m in meetings) == ["occurred", "planned"]


def test_a_memorandum_signed_between_the_governments_is_the_ceremony_told_before(extract):
    events = extract("Saudi Crown Prince Mohammed bin Salman received British Prime Minister Boris Johnson at "
                     "Al-Yamamah Palace in Riyadh on Wednesday. During the meeting, the Crown Prince and Johnson "
                     "signed a memorandum setting up a strategic partnership council. Their talks also covered "
                     "energy prices. The two sides reviewed regional issues. The council met for the first time on "
                     "the sidelines of the talks. A memorandum on the council's secretariat was signed between the "
                     "governments of Saudi Arabia and the United Kingdom.", published="2022-03-17")
    signings = of_type(events, "signing")
    assert len(signings) == 1 and signings[0]["date"] == "2022-03-16"


def test_a_residence_road_is_no_participant_of_the_talks_held_there(extract):
    events = extract("Indian Prime Minister Narendra Modi and Nepalese Prime Minister Pushpa Kamal Dahal on Thursday "
                     "sat down for talks in the capital. The ongoing talks being held at Prime Minister Modi's "
                     "official residence — 7, Lok Kalyan Marg in New Delhi — will cover trade and energy.",
                     published="2023-06-01")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Narendra Modi", "Pushpa Kamal Dahal"}


def test_a_presidential_house_is_no_participant_of_the_talks_held_there(extract):
    events = extract("KATHMANDU: Nepalese President Bidya Devi Bhandari and visiting Chinese President Xi Jinping "
                     "held talks at Rastrapati Bhavan in Sheetal Niwas this evening. The talks covered trade and "
                     "transit.", published="2019-10-12")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Bidya Devi Bhandari", "Xi Jinping"}


def test_the_meeting_room_of_the_two_leaders_is_not_their_predecessors_meeting(extract):
    events = extract("South Korean President Yoon Suk Yeol held a brief meeting with Japanese Prime Minister Fumio "
                     "Kishida in New York on Wednesday. Former President Moon Jae-in and Japanese Prime Minister "
                     "Shinzo Abe held the previous summit of the two countries in December 2019. The two leaders "
                     "talked without a set agenda, and reporters did not enter the meeting room.",
                     published="2022-09-22")
    meetings = of_type(events, "meeting")
    assert sorted((m["date"], tuple(sorted(_people(m)))) for m in meetings) == [
        ("2019-12", ("Moon Jae-in", "Shinzo Abe")), ("2022-09-21", ("Fumio Kishida", "Yoon Suk Yeol"))]


def test_meetings_held_with_two_leaders_and_discussed_together_stay_one_each(extract):
    events = extract("Kenyan President William Ruto held meetings with Ugandan President Yoweri Museveni and "
                     "Tanzanian President Samia Suluhu Hassan in Arusha on Friday and discussed regional trade.",
                     published="2025-03-15")
    meetings = of_type(events, "meeting")
    assert sorted(tuple(sorted(_people(m))) for m in meetings) == [
        ("Samia Suluhu Hassan", "William Ruto"), ("William Ruto", "Yoweri Museveni")]


def test_the_seventh_time_the_leaders_meet_is_the_meeting_just_told(extract):
    events = extract("Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol held talks in "
                     "San Francisco on Thursday. It was for the seventh time for the two leaders to meet this year.",
                     published="2023-11-17")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and meetings[0]["status"] == "occurred"


def test_separate_meetings_between_a_president_and_two_counterparts_are_two(extract):
    events = extract("Bilateral ties dominated the separate meetings on Wednesday in Luanda between the Angolan "
                     "President, Joao Lourenco, and his counterparts from Namibia and Mali.", published="2019-09-19")
    meetings = of_type(events, "meeting")
    assert sorted(p["name"] for m in meetings for p in m["parties"] if p["name"] != "Angola") == ["Mali", "Namibia"]
    assert len(meetings) == 2


def test_one_ministers_name_spelled_two_ways_tells_one_meeting(extract):
    events = extract("Pakistani Foreign Minister Shah Mehmood Qureshi met his Chinese counterpart Wang Yi in New York "
                     "on Sunday. Foreign Minister Makhdoom Shah Mahmood Qureshi met State Councilor and Foreign "
                     "Minister of China Wang Yi on the sidelines of the UN General Assembly session in New York.",
                     published="2018-09-24")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and "Makhdoom Shah Mahmood Qureshi" in _people(meetings[0])


def test_the_crown_prince_is_not_the_prince_named_last(extract):
    events = extract("French President Emmanuel Macron hosted Saudi Crown Prince Mohammed bin Salman for dinner at "
                     "the Elysee Palace in Paris on Thursday. The visiting delegation includes Energy Minister Prince "
                     "Abdulaziz bin Salman. The crown prince will discuss closer cooperation in all fields with "
                     "Macron, a Saudi channel reported.", published="2022-07-28")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Mohammed bin Salman", "Emmanuel Macron"}


def test_consultations_a_protocol_provides_for_are_no_meeting(extract):
    events = extract("Kenyan President William Ruto received Ugandan President Yoweri Museveni at State House in "
                     "Nairobi on Tuesday. The two sides signed a protocol on political consultations between the "
                     "Kenyan Foreign Minister Musalia Mudavadi and Ugandan Foreign Minister Jeje Odongo.",
                     published="2019-08-14")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"William Ruto", "Yoweri Museveni"}


def test_a_closed_session_then_an_expanded_meeting_are_two_sessions(extract):
    events = extract("Egyptian President Abdel Fattah El-Sisi received Angolan President Joao Lourenco at the "
                     "presidential palace in Cairo on Tuesday. The two presidents held a closed session of talks, "
                     "followed by an expanded meeting attended by both delegations.", published="2025-04-30")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 2 and all({"Abdel Fattah El-Sisi", "Joao Lourenco"} <= _people(m) for m in meetings)


def test_a_headline_line_above_the_lead_tells_the_leads_meeting(extract):
    events = extract("Lao Leader Meets Visiting Thai Minister\n"
                     "VIENTIANE, March 3 -- Lao President Thongsing Vongkham met with visiting Thai Foreign Minister "
                     "Anucha Srisuk in Vientiane on Monday, the state news agency said.", published="2025-03-04")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Thongsing Vongkham", "Anucha Srisuk"}


def test_talks_told_by_states_then_by_a_delegate_of_no_told_country_are_one_meeting(extract):
    events = extract("MOSCOW, Feb 14 -- Laos's ruling party envoy has held talks with Russian Communist Party leader "
                     "Gennady Zyuganov, Russian media said.\n"
                     "Boun Kheo, a member of the party's politburo, met with Zyuganov on Tuesday at the State Duma.",
                     published="2024-02-14")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and "Boun Kheo" in _people(meetings[0])


def test_talks_dated_by_a_when_clause_of_an_earlier_year_are_no_talks_of_today(extract):
    events = extract("Tartu Mayor Liis Tamm and Turku Mayor Mikko Laine signed a twinning agreement on Tuesday.\n"
                     "The two mayors first discussed ties when a Turku trade mission visited Tartu in 2019.",
                     published="2025-04-09")
    assert of_type(events, "meeting") == []


def test_this_visit_is_the_trip_told_before_not_the_subjects(extract):
    events = extract("Kazakh Prime Minister Olzhas Bektenov paid an official visit to Uzbekistan on Monday.\n"
                     "Prime Minister Abdulla Aripov called the talks in Tashkent successful, as part of this visit "
                     "which follows last year's forum.", published="2025-03-12")
    assert [v["actors"][0]["name"] for v in of_type(events, "visit")] == ["Olzhas Bektenov"]


def test_undated_talks_today_and_the_last_meeting_months_ago_are_two_meetings(extract):
    events = extract("DOHA, March 5 – Qatar and Kenya signed three agreements in Doha on Tuesday.\n"
                     "Qatari Foreign Minister Omar Al-Kuwari held talks with his Kenyan counterpart Amina Wanjiru, after "
                     "which the two ministers signed the documents.\n"
                     "The two ministers last met in Nairobi in November.", published="2025-03-05")
    meetings = sorted(of_type(events, "meeting"), key=lambda m: m["date"] or "")
    assert [(m["location"], m["date"]) for m in meetings] == [("Nairobi", "2024-11"), ("Doha", "2025-03-04")]


def test_a_headline_of_talks_with_two_states_is_the_bilaterals_told_one_each(extract):
    events = extract("PM holds bilateral talks with Chile, Peru\n"
                     "On the sidelines of the summit in Lima, Indian Prime Minister Anil Sharma held bilaterals with Chile "
                     "and Peru on Sunday.", published="2025-03-10")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 2 and all("Anil Sharma" in _people(m) for m in meetings)


def test_the_re_signing_said_to_mark_a_new_chapter_is_the_signing_told(extract):
    events = extract("Mayor Ann Holt of Leeds signed a friendship agreement with Mayor Ken Oda of Sakai, Japan on "
                     "Monday.\nHolt said the re-signing of the sister city tie was going to mark a new chapter for "
                     "the two cities.", published="2025-03-11")
    signings = of_type(events, "signing")
    assert len(signings) == 1 and signings[0]["status"] == "occurred"


def test_the_re_signing_joins_a_signing_of_the_agreement_told_first(extract):
    events = extract("Mayor Ann Holt of Leeds met Mayor Ken Oda of Sakai, Japan on Monday and re-signed the twinning "
                     "agreement between the two cities.\nHolt said the re-signing of the twinning tie was going to "
                     "mark a new chapter for the two cities.", published="2025-03-11")
    signings = of_type(events, "signing")
    assert len(signings) == 1 and signings[0]["status"] == "occurred"


def test_the_two_leaders_are_no_pair_of_ministers_named_since(extract):
    events = extract("Chilean President Ana Ruiz and Peruvian President Tomas Vega will hold a private meeting during "
                     "their summit in Quito, an aide said.\n"
                     "Chilean Foreign Minister Luis Soto and his Peruvian counterpart Marta Rios will also attend, the "
                     "aide added.\n"
                     "When asked if the two leaders could hold a one-on-one meeting, the aide said it was up to them.",
                     published="2025-03-10")
    meetings = of_type(events, "meeting")
    assert [_people(m) for m in meetings] == [{"Ana Ruiz", "Tomas Vega"}]


def test_a_trip_set_back_a_year_and_today_s_to_the_same_country_are_two_visits(extract):
    events = extract("Kenyan Foreign Minister Mary Wanjiru held talks in Tokyo on Monday with Japanese Foreign "
                     "Minister Ken Sato.\nA year earlier, after talks in Tokyo, Wanjiru and Sato signed a memorandum "
                     "on trade.")
    visits = of_type(events, "visit")
    assert sorted((v["actors"][0]["name"], v["destination"], v["date"] or "") for v in visits) == [
        ("Mary Wanjiru", "Japan", ""), ("Mary Wanjiru", "Japan", "2024-06-17")]
    # (the signing a year before does not take today's date)
    assert [s["date"] for s in of_type(events, "signing")] == [None]


def test_a_trip_told_today_with_no_time_of_its_own_stays_one_visit(extract):
    # (an undated mention whose clause names another time is the same trip: one visit)
    events = extract("Kenyan Foreign Minister Mary Wanjiru arrived in Tokyo for talks with Japanese Foreign "
                     "Minister Ken Sato, some 200 days after their meeting in Nairobi in 2023.\nWanjiru is in Tokyo "
                     "until Friday.")
    assert [v["actors"][0]["name"] for v in of_type(events, "visit")] == ["Mary Wanjiru"]
