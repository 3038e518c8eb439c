"""Meetings and signings told without a verb that names both sides, and one event per
occurrence however often an article tells it (one structure per test)."""

import pytest
from events_of import of_type


def _people(event: dict) -> set[str]:
    return {a["name"] for a in event["actors"] if a["kind"] == "person"}


def test_whose_talks_a_possessive_pronoun_says_takes_part_in_them(extract):
    events = extract("Kenyan President William Ruto arrived in Accra on Monday. During his meeting with "
                     "Ghanaian President John Mahama, trade and the free-trade area topped the agenda.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"William Ruto", "John Mahama"}


def test_the_leader_of_a_delegation_met_is_the_one_met_and_of_its_country(extract):
    events = extract("HANOI, March 4 -- Vietnamese President Pham Duc Anh received a Laotian delegation headed by "
                     "politburo member Somsak Phanthavong on Wednesday.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Pham Duc Anh", "Somsak Phanthavong"}
    visitor = [a for v in of_type(events, "visit") for a in v["actors"]]
    assert [(a["name"], a["country"]) for a in visitor] == [("Somsak Phanthavong", "LAO")]


def test_their_meeting_stands_for_the_pair_named_before(extract):
    events = extract("Lithuanian President Gitanas Nauseda and Latvian President Edgars Rinkevics met in Riga on "
                     "Monday. Their next meeting is scheduled for the autumn.")
    meetings = of_type(events, "meeting")
    assert [m["status"] for m in meetings] == ["occurred", "planned"]
    assert _people(meetings[1]) == {"Gitanas Nauseda", "Edgars Rinkevics"}


def test_a_sentence_opening_with_meeting_someone_is_the_subjects_meeting(extract):
    meetings = of_type(extract("Meeting Slovak President Peter Pellegrini on Tuesday, Austrian Chancellor Karl "
                               "Nehammer asked for support on energy links."), "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Peter Pellegrini", "Karl Nehammer"}


def test_after_meeting_someone_the_speaker_is_the_one_who_met(extract):
    events = extract("After meeting Finnish President Alexander Stubb in Helsinki, Estonian Prime Minister "
                     "Kristen Michal told reporters the two sides would share air-defence plans.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Alexander Stubb", "Kristen Michal"}
    assert meetings[0]["location"] == "Helsinki"


def test_those_sitting_in_on_the_meeting_join_the_meeting_told_before(extract):
    events = extract("Vietnamese Public Security Minister Luong Tam Quang, in Thailand on a working visit, paid a "
                     "courtesy call on Thai Prime Minister Paetongtarn Shinawatra in Bangkok on Monday. Sitting in "
                     "on the meeting were Thai Interior Minister Anutin Charnvirakul and Vietnam's ambassador "
                     "Pham Viet Hung.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1
    assert {"Luong Tam Quang", "Paetongtarn Shinawatra", "Anutin Charnvirakul"} <= _people(meetings[0])
    assert meetings[0]["status"] == "occurred"


def test_talks_in_a_phrase_of_a_planning_verb_are_the_talks_that_took_place(extract):
    events = extract("Japanese Prime Minister Shigeru Ishiba and Philippine President Ferdinand Marcos Jr. met in "
                     "Manila on Tuesday. In their talks, the two leaders agreed to expand coast guard drills.")
    meetings = of_type(events, "meeting")
    assert [(m["status"], m["location"]) for m in meetings] == [("occurred", "Manila")]


def test_a_plan_and_a_host_clause_in_one_sentence_tell_one_meeting(extract):
    events = extract("Malaysian Prime Minister Anwar Ibrahim is to meet his counterpart Lawrence Wong, who is "
                     "hosting him at the Istana.")
    meetings = of_type(events, "meeting")
    assert [m["status"] for m in meetings] == ["planned"]


def test_someones_separate_talks_with_several_leaders_are_one_meeting_each(extract):
    events = extract("Indian Prime Minister Narendra Modi's separate talks included sessions with French President "
                     "Emmanuel Macron, German Chancellor Olaf Scholz and Nigerian President Bola Tinubu.")
    meetings = of_type(events, "meeting")
    assert sorted(sorted(_people(m)) for m in meetings) == [
        ["Bola Tinubu", "Narendra Modi"], ["Emmanuel Macron", "Narendra Modi"], ["Narendra Modi", "Olaf Scholz"]]


def test_a_meeting_word_qualifying_another_noun_is_no_meeting(extract):
    events = extract("Ties between Hanoi and Manila have warmed since 2022, when the two governments restored "
                     "regular summit diplomacy.")
    assert of_type(events, "meeting") == []


def test_talks_of_other_people_in_a_subordinate_clause_do_not_borrow_the_main_clauses_parties(extract):
    events = extract("The leaders of Guinea, Mali and Niger signed a security pact in Conakry on Saturday, a day "
                     "before the regional bloc's own leaders met in Accra.")
    assert [m["location"] for m in of_type(events, "meeting") if m["location"] == "Accra"] == []
    assert {p["code"] for p in of_type(events, "signing")[0]["parties"]} == {"GIN", "MLI", "NER"}


def test_a_reception_upon_arrival_at_the_airport_is_a_welcome_not_a_meeting(extract):
    events = extract("Upon his arrival at the presidential airport, Kazakh President Kassym-Jomart Tokayev was "
                     "received by Qatari Deputy Emir Abdullah bin Hamad Al Thani.")
    assert of_type(events, "meeting") == []


def test_exchanging_signed_documents_is_a_signing_but_exchanging_views_is_not(extract):
    events = extract("Thailand and Cambodia exchanged a package of cooperation documents in Bangkok on Monday in "
                     "front of Thai Prime Minister Paetongtarn Shinawatra and Cambodian Prime Minister Hun Manet.")
    assert {p["code"] for p in of_type(events, "signing")[0]["parties"]} == {"THA", "KHM"}
    views = extract("Thai Prime Minister Paetongtarn Shinawatra and Cambodian Prime Minister Hun Manet exchanged "
                    "views on the border plan in Bangkok.")
    assert of_type(views, "signing") == []


def test_putting_signatures_to_an_agreement_is_a_signing(extract):
    events = extract("In Dakar, Senegalese President Bassirou Diomaye Faye and Mauritanian President Mohamed Ould "
                     "Ghazouani put their signatures to an agreement on the offshore gas field.")
    assert _people(of_type(events, "signing")[0]) == {"Bassirou Diomaye Faye", "Mohamed Ould Ghazouani"}


def test_the_ministers_who_signed_are_those_of_the_talks_before(extract):
    events = extract("Bolivian Foreign Minister Celinda Sosa held talks with Paraguayan Foreign Minister Ruben "
                     "Ramirez Lezcano in Asuncion on Monday. Three documents were signed at the meeting by the "
                     "ministers.")
    assert _people(of_type(events, "signing")[0]) == {"Celinda Sosa", "Ruben Ramirez Lezcano"}


def test_documents_signed_by_ministers_while_leaders_look_on_are_one_signing(extract):
    events = extract("Kenyan President William Ruto and Tanzanian President Samia Suluhu Hassan witnessed the "
                     "exchange of six agreements in Dar es Salaam on Monday, which were signed by Kenyan Foreign "
                     "Minister Musalia Mudavadi and Tanzanian Foreign Minister January Makamba.")
    signings = of_type(events, "signing")
    assert len(signings) == 1
    assert {"Musalia Mudavadi", "January Makamba"} <= _people(signings[0])


def test_a_signing_of_an_earlier_year_stays_apart_from_todays_ceremony(extract):
    events = extract("Rwanda and Burundi signed four cooperation agreements in Kigali on Tuesday. Rwanda and "
                     "Burundi also signed a transport accord last year.")
    assert len(of_type(events, "signing")) == 2


def test_mous_signed_at_the_same_ceremony_by_other_ministers_are_one_signing(extract):
    events = extract("Chilean Foreign Minister Alberto van Klaveren and Peruvian Foreign Minister Elmer Schialer "
                     "signed two memoranda in Lima on Monday. Chilean Trade Undersecretary Claudia Sanhueza and "
                     "Peruvian Trade Minister Ursula Desilu Leon signed a third memorandum at the same ceremony.")
    signings = of_type(events, "signing")
    assert len(signings) == 1 and {"Claudia Sanhueza", "Elmer Schialer"} <= _people(signings[0])


def test_a_session_of_a_named_format_after_a_one_on_one_is_a_second_meeting(extract):
    events = extract("Mexican President Claudia Sheinbaum and Canadian Prime Minister Mark Carney held a one-on-one "
                     "meeting in Mexico City on Wednesday. The two leaders then moved into an expanded session "
                     "with their ministers.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 2
    assert all(_people(m) == {"Claudia Sheinbaum", "Mark Carney"} for m in meetings)


def test_dining_together_is_a_meeting(extract):
    events = extract("On Tuesday evening Mexican President Claudia Sheinbaum and Canadian Prime Minister Mark "
                     "Carney dined privately at the National Palace in Mexico City.")
    meetings = of_type(events, "meeting")
    assert [_people(m) for m in meetings] == [{"Claudia Sheinbaum", "Mark Carney"}]


def test_dining_alone_somewhere_is_no_meeting(extract):
    assert of_type(extract("The Italian foreign minister was dining at a restaurant in Rome when the news "
                           "broke."), "meeting") == []


def test_the_leader_a_series_of_talks_starts_with_is_met(extract):
    events = extract("Australian Prime Minister Anthony Albanese has held bilateral meetings with several Pacific "
                     "leaders, beginning with Tongan Prime Minister Aisake Eke.")
    meetings = of_type(events, "meeting")
    assert [_people(m) for m in meetings] == [{"Anthony Albanese", "Aisake Eke"}]


def _sides(event: dict) -> list[str]:
    return sorted(p["code"] for p in event["parties"])


def test_meeting_ones_counterparts_from_several_states_is_one_meeting_with_each(extract):
    events = extract("Czech Foreign Minister Jan Lipavsky met his counterparts from Slovakia, Sweden and Finland on "
                     "the sidelines of the OSCE ministerial council in Valletta on Thursday.")
    meetings = of_type(events, "meeting")
    assert sorted(_sides(m) for m in meetings) == [["CZE", "FIN"], ["CZE", "SVK"], ["CZE", "SWE"]]
    assert {m["location"] for m in meetings} == {"Valletta"}  # the counterparts' states are not the place


def test_counterparts_named_by_a_list_of_nationalities_are_one_meeting_each(extract):
    events = extract("Czech Foreign Minister Jan Lipavsky met his Slovak, Swedish and Finnish counterparts in "
                     "Valletta on Thursday.")
    assert sorted(_sides(m) for m in of_type(events, "meeting")) == [["CZE", "FIN"], ["CZE", "SVK"], ["CZE", "SWE"]]


def test_bilateral_talks_with_several_leaders_and_a_meeting_with_another_are_one_meeting_each(extract):
    events = extract("On the margins of the summit in Antalya, Indian Prime Minister Narendra Modi had bilateral "
                     "talks with the Turkish and Spanish leaders and a meeting with Saudi Arabia's King Salman bin "
                     "Abdulaziz Al Saud.")
    meetings = of_type(events, "meeting")
    assert sorted(_sides(m) for m in meetings) == [["ESP", "IND"], ["IND", "SAU"], ["IND", "TUR"]]
    assert all("Narendra Modi" in _people(m) for m in meetings)


def test_one_counterpart_is_one_meeting(extract):
    events = extract("Iran's foreign minister Hossein Amir-Abdollahian, who accompanied President Ebrahim Raisi, "
                     "also met his Turkish counterpart Hakan Fidan in Ankara.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Hossein Amir-Abdollahian", "Hakan Fidan"}


def test_courtesy_calls_on_two_leaders_are_one_meeting_each(extract):
    events = extract("Indian Prime Minister Narendra Modi arrived in Kathmandu on Friday. He also paid courtesy calls on "
                     "Nepali President Bidya Devi Bhandari and Nepali Vice-President Nanda Bahadur Pun.")
    meetings = of_type(events, "meeting")
    assert sorted(sorted(_people(m)) for m in meetings) == [
        ["Bidya Devi Bhandari", "Narendra Modi"], ["Nanda Bahadur Pun", "Narendra Modi"]]


def test_a_call_on_two_leaders_together_is_one_meeting(extract):
    events = extract("Indian Prime Minister Narendra Modi later called on Nepali President Bidya Devi Bhandari and "
                     "Nepali Vice-President Nanda Bahadur Pun together in Kathmandu.")
    assert len(of_type(events, "meeting")) == 1


def test_a_call_due_on_several_leaders_listed_is_one_meeting_with_all(extract):
    events = extract("During his stay, Kenyan Foreign Minister Musalia Mudavadi will also call on Prime Minister "
                     "Ahmed Barre, Speaker Halima Warsame and army chief General Yusuf Dheere.")
    meetings = of_type(events, "meeting")
    assert [sorted(_people(m)) for m in meetings] == [
        ["Ahmed Barre", "Halima Warsame", "Musalia Mudavadi", "Yusuf Dheere"]]
    assert meetings[0]["status"] == "planned"


def test_talks_with_two_people_listed_are_one_meeting(extract):
    events = extract("Kenyan Foreign Minister Musalia Mudavadi met with Somali Prime Minister Ahmed Barre and "
                     "Speaker Halima Warsame in Mogadishu on Monday.")
    meetings = of_type(events, "meeting")
    assert [sorted(_people(m)) for m in meetings] == [["Ahmed Barre", "Halima Warsame", "Musalia Mudavadi"]]


@pytest.mark.parametrize("told", [
    "met Somali Prime Minister Ahmed Barre and Speaker Halima Warsame in turn on Monday",
    "met Somali Prime Minister Ahmed Barre and Speaker Halima Warsame one after the other on Monday",
    "received Somali Prime Minister Ahmed Barre and Speaker Halima Warsame, each for half an hour, on Monday",
    "met Somali Prime Minister Ahmed Barre and then Speaker Halima Warsame in Mogadishu on Monday",
    "met Somali Prime Minister Ahmed Barre in Mogadishu and Speaker Halima Warsame in Baidoa",
])
def test_people_listed_met_one_after_the_other_are_one_meeting_each(extract, told):
    meetings = of_type(extract(f"Kenyan Foreign Minister Musalia Mudavadi {told}."), "meeting")
    assert sorted(sorted(_people(m)) for m in meetings) == [
        ["Ahmed Barre", "Musalia Mudavadi"], ["Halima Warsame", "Musalia Mudavadi"]]


@pytest.mark.parametrize("title", ["then-Prime Minister", "the then Prime Minister"])
def test_a_titles_then_is_no_session_after_another(extract, title):
    events = extract(f"Kenyan Foreign Minister Musalia Mudavadi met with Speaker Halima Warsame and {title} Ahmed "
                     "Barre in Mogadishu.")
    assert len(of_type(events, "meeting")) == 1


def test_each_side_is_no_session_of_each(extract):
    events = extract("Kenyan Foreign Minister Musalia Mudavadi met Somali Prime Minister Ahmed Barre and Speaker "
                     "Halima Warsame on Monday to hear each side's concerns.")
    assert len(of_type(events, "meeting")) == 1


def test_talks_with_people_listed_each_retold_on_their_own_are_those_meetings(extract):
    events = extract("Newly elected Senate President Amina Yusuf called on President Peter Kamau and Vice President "
                     "John Otieno on Tuesday. Yusuf met Kamau at State House in the morning. She met Otieno at his "
                     "official residence in the afternoon.")
    meetings = of_type(events, "meeting")
    assert sorted(sorted(_people(m)) for m in meetings) == [
        ["Amina Yusuf", "John Otieno"], ["Amina Yusuf", "Peter Kamau"]]


def test_talks_with_people_listed_one_retold_stay_one_meeting(extract):
    events = extract("Kenyan Foreign Minister Musalia Mudavadi met with Somali Prime Minister Ahmed Barre and "
                     "Speaker Halima Warsame in Mogadishu on Monday. Mudavadi met Barre at Villa Somalia.")
    meetings = of_type(events, "meeting")
    assert [sorted(_people(m)) for m in meetings] == [["Ahmed Barre", "Halima Warsame", "Musalia Mudavadi"]]


def test_people_listed_each_told_apart_and_their_meeting_after_them(extract):
    events = extract("Kenyan Foreign Minister Musalia Mudavadi and Ethiopian Foreign Minister Taye Atske Selassie "
                     "began talks in Nairobi on Tuesday. The ministry had said Taye would meet Mudavadi and President "
                     "William Ruto during his stay. This is their third meeting this year. After the talks with "
                     "Mudavadi, Taye is to be received by Ruto.")
    meetings = of_type(events, "meeting")
    assert sorted(sorted(_people(m)) for m in meetings) == [
        ["Musalia Mudavadi", "Taye Atske Selassie"], ["Taye Atske Selassie", "William Ruto"]]


@pytest.mark.parametrize("item", ["a tour of the Port of Antwerp", "a visit to the Menin Gate"])
def test_talks_listed_in_a_trip_are_the_travellers_not_the_other_items(extract, item):
    events = extract("Kenyan President William Ruto leaves for Europe on Monday. The Belgian leg of his trip will "
                     f"include {item} with Prime Minister Alexander De Croo and King Philippe, and a meeting with "
                     "European Council President Charles Michel.")
    assert [sorted(_people(m)) for m in of_type(events, "meeting")] == [["Charles Michel", "William Ruto"]]


def test_a_lunch_and_a_meeting_with_a_guest_are_with_the_guest(extract):
    events = extract("Kenyan President William Ruto will host a lunch and a meeting with Tanzanian President Samia "
                     "Suluhu Hassan on Friday.")
    assert [sorted(_people(m)) for m in of_type(events, "meeting")] == [["Samia Suluhu Hassan", "William Ruto"]]


def test_a_call_on_a_lowercase_hyphenated_title_is_a_meeting(extract):
    events = extract("Kenyan President William Ruto arrived in Delhi on Sunday. Mr Ruto will also call on "
                     "vice-president Venkaiah Naidu.")
    assert [sorted(_people(m)) for m in of_type(events, "meeting")] == [["Venkaiah Naidu", "William Ruto"]]


def test_received_on_arrival_by_a_minister_is_a_welcome_not_talks(extract):
    events = extract("Ghanaian President John Mahama arrived in Delhi this afternoon on his first foreign trip and "
                     "was received by Union minister Hardeep Puri.")
    assert of_type(events, "meeting") == []


def test_received_after_arrival_at_a_venue_of_its_own_is_talks(extract):
    events = extract("Ghanaian President John Mahama arrived in Delhi this afternoon and was received by Prime "
                     "Minister Narendra Modi at Hyderabad House.")
    assert [sorted(_people(m)) for m in of_type(events, "meeting")] == [["John Mahama", "Narendra Modi"]]


def test_talks_in_a_clause_of_the_trip_take_not_the_arrivals_day(extract):
    events = extract("Ghanaian President John Mahama arrived here Sunday on a three-day state visit during which he "
                     "will hold talks with Prime Minister Narendra Modi.\nMr Mahama will hold talks with Mr Modi on "
                     "Monday after a ceremonial reception.", published="2018-12-16")
    meetings = of_type(events, "meeting")
    assert [(sorted(_people(m)), m["date"]) for m in meetings] == [(["John Mahama", "Narendra Modi"], "2018-12-17")]


def test_calls_made_separately_on_two_leaders_are_one_meeting_each(extract):
    events = extract("Kenyan President William Ruto called separately on Prime Minister Narendra Modi and President "
                     "Droupadi Murmu.")
    assert sorted(sorted(_people(m)) for m in of_type(events, "meeting")) == [
        ["Droupadi Murmu", "William Ruto"], ["Narendra Modi", "William Ruto"]]


def test_met_visiting_guest_is_met(extract):
    events = extract("Chinese President Xi Jinping met visiting Kenyan Foreign Minister Musalia Mudavadi in Beijing "
                     "on Saturday, discussing trade.")
    assert [sorted(_people(m)) for m in of_type(events, "meeting")] == [["Musalia Mudavadi", "Xi Jinping"]]


def test_a_meeting_with_a_leader_and_the_leaders_spouse_is_one(extract):
    events = extract("Ghanaian President John Mahama met with French President Emmanuel Macron and first lady "
                     "Brigitte Macron at the Elysee Palace on Monday.")
    assert len(of_type(events, "meeting")) == 1


def test_meetings_of_someone_of_no_known_country_with_listed_states_stay_apart(extract):
    events = extract("President Halvorsen has held private meetings today with the leaders of Chile, Peru and Bolivia.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 3


def test_exchanging_views_is_a_meeting_and_its_topic_no_place(extract):
    events = extract("Singaporean Foreign Minister Vivian Balakrishnan and Indonesian Foreign Minister Retno Marsudi "
                     "exchanged views on regional developments, including the situation in Myanmar.")
    meetings = of_type(events, "meeting")
    assert [_people(m) for m in meetings] == [{"Vivian Balakrishnan", "Retno Marsudi"}]
    assert meetings[0]["location"] is None and of_type(events, "visit") == []


def test_he_and_his_host_talking_is_a_meeting_with_the_host_told_before(extract):
    events = extract("Nigerian President Bola Tinubu and Equatorial Guinea's President Teodoro Obiang Nguema "
                     "Mbasogo signed a pipeline agreement in Malabo on Thursday. He and his host also talked about "
                     "food security and trade.")
    meetings = of_type(events, "meeting")
    assert [_people(m) for m in meetings] == [{"Bola Tinubu", "Teodoro Obiang Nguema Mbasogo"}]


def test_leaders_who_talked_after_a_phone_call_did_not_meet(extract):
    events = extract("US President Barack Obama spent an hour on the phone with Chinese President Hu Jintao on "
                     "Thursday. The presidents also talked about trade.")
    assert of_type(events, "meeting") == []


def test_a_tete_a_tete_then_talks_between_delegations_are_two_meetings(extract):
    events = extract("Vietnamese Prime Minister Pham Minh Chinh held a tete-a-tete with his Singaporean counterpart "
                     "Lawrence Wong in Singapore before the two leaders chaired talks between their delegations.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 2 and all(_people(m) == {"Pham Minh Chinh", "Lawrence Wong"} for m in meetings)


def test_a_one_on_one_talks_of_delegations_and_a_call_on_the_legislature_head_are_three_meetings(extract):
    events = extract("Chinese President Xi Jinping on Monday held a one-on-one meeting with Brazilian President Luiz "
                     "Inacio Lula da Silva in Beijing. The two then held delegation-level talks. Lula later called on "
                     "National People's Congress chairman Zhao Leji.")
    meetings = of_type(events, "meeting")
    assert sorted(sorted(_people(m)) for m in meetings) == [
        ["Luiz Inacio Lula da Silva", "Xi Jinping"], ["Luiz Inacio Lula da Silva", "Xi Jinping"],
        ["Luiz Inacio Lula da Silva", "Zhao Leji"]]


def test_talks_in_a_relative_clause_take_the_day_of_the_meeting_they_follow(extract):
    events = extract("Indian Prime Minister Narendra Modi, who arrived in Kathmandu on Friday, held a one-on-one "
                     "meeting with Nepali Prime Minister Khadga Prasad Oli on Saturday, which was followed by "
                     "delegation-level talks.", "2025-05-11")
    meetings = of_type(events, "meeting")
    assert [m["date"] for m in meetings] == ["2025-05-10", "2025-05-10"]


def test_talks_earlier_in_the_day_take_the_day_of_the_signing_not_of_the_trip(extract):
    events = extract("The Qatar Investment Authority signed a memorandum of understanding with Indonesia's Danantara "
                     "sovereign fund in Doha on Tuesday. The signing was witnessed by Qatari Emir Sheikh Tamim bin "
                     "Hamad Al Thani and Indonesian President Prabowo Subianto, who is on a state visit to Qatar. "
                     "Earlier in the day, Sheikh Tamim and President Prabowo held talks at the Amiri Diwan.",
                     "2025-05-14")
    meetings = of_type(events, "meeting")
    assert [(m["date"], m["location"]) for m in meetings] == [("2025-05-13", "Doha")]


def test_the_two_speakers_are_the_two_named_speakers_not_the_press_secretary(extract):
    events = extract("Armenian speaker Alen Simonyan and Azerbaijani speaker Sahiba Gafarova were in Geneva, "
                     "according to Simonyan's press secretary Nelly Ghulyan. The two speakers first met in Geneva "
                     "in March.")
    meetings = of_type(events, "meeting")
    assert [_people(m) for m in meetings] == [{"Alen Simonyan", "Sahiba Gafarova"}]


def test_talks_with_someone_that_followed_are_the_visitors_talks(extract):
    events = extract("India's Minister of State for External Affairs V. Muraleedharan met Djibouti's Prime Minister "
                     "Abdoulkader Kamil Mohamed in Djibouti City on Thursday. Talks with Foreign Minister Mahmoud Ali "
                     "Youssouf followed.")
    meetings = of_type(events, "meeting")
    assert sorted(sorted(_people(m)) for m in meetings) == [
        ["Abdoulkader Kamil Mohamed", "V. Muraleedharan"], ["Mahmoud Ali Youssouf", "V. Muraleedharan"]]


def test_an_invitation_sent_to_a_summit_is_no_meeting(extract):
    events = extract("Pakistan on Saturday sent Indian Prime Minister Atal Bihari Vajpayee a formal invitation, "
                     "through diplomatic channels, to the SAARC summit planned for January.")
    assert of_type(events, "meeting") == []


def test_tea_with_someone_is_a_meeting(extract):
    events = extract("Indonesian President Prabowo Subianto had tea with Malaysian Prime Minister Anwar Ibrahim at "
                     "his official residence in Putrajaya on Monday.")
    assert [_people(m) for m in of_type(events, "meeting")] == [{"Prabowo Subianto", "Anwar Ibrahim"}]


def test_travelling_together_to_a_named_summit_is_no_meeting_of_the_travellers(extract):
    events = extract("Nigerian President Muhammadu Buhari is in Abidjan for the AU-EU summit, with party leader Bola "
                     "Tinubu in tow.")
    assert of_type(events, "meeting") == []


def test_who_speaks_at_talks_takes_part_in_them(extract):
    events = extract("Turkmenistan wants to broaden its relations with Russia, Turkmen Foreign Minister Rashid Meredov "
                     "said today at talks in Moscow with his Russian counterpart Sergei Lavrov.")
    meetings = of_type(events, "meeting")
    assert [_people(m) for m in meetings] == [{"Rashid Meredov", "Sergei Lavrov"}]


def test_who_speaks_after_talks_with_someone_had_them(extract):
    events = extract("Kenya and Uganda will fast-track a fuel pipeline, Kenyan President William Ruto said on "
                     "Wednesday after talks with his Ugandan counterpart Yoweri Museveni in Nairobi.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and {"William Ruto", "Yoweri Museveni"} <= _people(meetings[0])


def test_bilaterals_with_listed_states_are_one_meeting_each(extract):
    events = extract("On the margins of the APEC summit in Lima, Indonesian President Joko Widodo held bilaterals "
                     "with Chile, Peru and Mexico on Saturday.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 3 and all(_people(m) == {"Joko Widodo"} for m in meetings)


def test_a_bilateral_standing_for_its_meeting_is_one(extract):
    events = extract("Indian Prime Minister Narendra Modi also had a bilateral with Japanese Prime Minister Fumio "
                     "Kishida on Friday, while bilateral trade figures were released in Tokyo.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Narendra Modi", "Fumio Kishida"}


def test_a_speech_opening_in_talks_with_someone_is_the_speakers_talks(extract):
    events = extract("In talks with Chilean President Rosa Vidal on Monday, Peruvian President Hugo Salas said "
                     "the two neighbours should share a port.")
    meetings = of_type(events, "meeting")
    assert [_people(m) for m in meetings] == [{"Hugo Salas", "Rosa Vidal"}]


def test_who_speaks_while_meeting_someone_meets_them(extract):
    events = extract("Ghana and Togo will open a joint border post, Ghanaian President Kofi Mensah said while "
                     "meeting Togolese Prime Minister Yawa Akakpo in Accra on Tuesday.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and {"Kofi Mensah", "Yawa Akakpo"} <= _people(meetings[0])


def test_leaders_arriving_ahead_of_a_summit_hold_no_talks_among_themselves(extract):
    events = extract("Zambian President Hakainde Hichilema, Malawian President Lazarus Chakwera and Namibian President "
                     "Nangolo Mbumba arrived in Maputo on Friday ahead of the summit that opens on Saturday.")
    assert of_type(events, "meeting") == []
    assert len(of_type(events, "visit")) == 3


def test_leaders_arrived_at_the_venue_of_a_summit_hold_no_talks_among_themselves(extract):
    events = extract("Several heads of state, including Ghanaian President John Mahama and Senegalese President "
                     "Bassirou Diomaye Faye, have arrived at the venue of the summit in Lome.")
    assert of_type(events, "meeting") == []


def test_guests_met_on_arrival_are_welcomed_not_in_talks(extract):
    events = extract("Ivorian President Alassane Ouattara arrived in Abuja on Monday for the ECOWAS summit. He was "
                     "met on arrival by Nigerian Vice-President Kashim Shettima.")
    assert of_type(events, "meeting") == []


def test_the_possibility_of_a_meeting_discussed_on_a_call_is_no_meeting(extract):
    events = extract("Kenyan Foreign Minister Musalia Mudavadi and his Tanzanian counterpart Mahmoud Thabit Kombo spoke "
                     "by telephone on Sunday. The two agreed to keep in touch and discussed the possibility of a "
                     "face-to-face meeting before the end of the year.")
    assert of_type(events, "meeting") == []


def test_talks_of_a_named_owner_told_in_passing_are_theirs_not_the_subjects(extract):
    events = extract("Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday "
                     "afternoon, shortly after Abiy's talks with Kenyan Foreign Minister Musalia Mudavadi.")
    meetings = of_type(events, "meeting")
    assert sorted(sorted(_people(m)) for m in meetings) == [
        ["Abiy Ahmed", "Musalia Mudavadi"], ["Abiy Ahmed", "William Ruto"]]


def test_a_reception_hosted_for_an_ambassador_is_a_meeting_with_them(extract):
    events = extract("Cambodian Foreign Minister Sok Chenda Sophea on Tuesday hosted a reception for Thai Ambassador "
                     "Somchai Prasert in Phnom Penh.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Sok Chenda Sophea", "Somchai Prasert"}


def test_visiting_someones_office_is_a_call_on_them(extract):
    events = extract("Ugandan Foreign Minister Jeje Odongo arrived in Nairobi on Sunday. On Monday he visited "
                     "Kenyan Foreign Minister Musalia Mudavadi's office at Old Treasury.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Jeje Odongo", "Musalia Mudavadi"}


def test_counterparts_a_relative_clause_lists_are_one_meeting_each(extract):
    events = extract("Indian External Affairs Minister S Jaishankar held bilateral meetings in New York on Monday "
                     "with counterparts that included Chile, Peru and Ghana.")
    meetings = of_type(events, "meeting")
    assert sorted(sorted(p["name"] for p in m["parties"]) for m in meetings) == [
        ["Chile", "India"], ["Ghana", "India"], ["India", "Peru"]]


def test_the_visiting_dignitarys_talks_are_the_visitor_told_befores(extract):
    events = extract("Chilean President Gabriel Boric arrived in Nairobi on Sunday on a three-day state visit. The "
                     "visiting dignitary will also hold talks with Kenyan President William Ruto.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Gabriel Boric", "William Ruto"}
    assert meetings[0]["status"] == "planned"


def test_a_courtesy_call_on_a_leader_named_by_title_is_on_the_leader_told_before(extract):
    events = extract("Ghanaian President John Mahama arrived in Abuja on Saturday. Liberian President Joseph Boakai "
                     "is scheduled to pay a courtesy call on the Ghanaian president at his hotel on Sunday.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Joseph Boakai", "John Mahama"}
    assert meetings[0]["status"] == "planned"


def test_the_visiting_president_is_the_visitor_told_before(extract):
    events = extract("LISBON - Chilean President Rosa Vidal arrived here on Thursday night on a three-day visit.\n"
                     "President Joao Mendes will meet the visiting president on Friday evening.", published="2020-02-14")
    meetings = of_type(events, "meeting")
    assert [_people(m) for m in meetings] == [{"Joao Mendes", "Rosa Vidal"}] and meetings[0]["status"] == "planned"


def test_exchanges_two_leaders_had_are_talks(extract):
    events = extract("Chinese President Xi Jinping and Lao President Thongloun Sisoulith had in-depth exchanges in "
                     "Beijing on Thursday on major issues of common concern.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Xi Jinping", "Thongloun Sisoulith"}


def test_cultural_exchanges_two_countries_have_had_are_no_talks(extract):
    assert of_type(extract("Laos and Vietnam have had cultural exchanges for centuries."), "meeting") == []


def test_talks_told_as_the_subject_of_a_passive_report_keep_their_people(extract):
    events = extract("Ghanaian President John Mahama leaves for Paris on Thursday. Mahama's meeting with French "
                     "President Emmanuel Macron has been confirmed by the Elysee.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"John Mahama", "Emmanuel Macron"}


def test_a_dialogue_co_chaired_with_a_counterpart_is_a_meeting_with_them(extract):
    events = extract("Kenyan Foreign Minister Musalia Mudavadi co-chaired the Kenya-Uganda Strategic Dialogue in "
                     "Kampala on Thursday with his Ugandan counterpart Jeje Odongo.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"Musalia Mudavadi", "Jeje Odongo"}


def test_a_guest_received_after_the_day_and_the_venue_is_met_and_visits(extract):
    # the parser hangs "the President of ..." on the day or the venue as an apposition
    for text in ("KUWAIT CITY, March 3 -- His Highness the Amir Sheikh Nasser Al-Sabah received on Monday at "
                 "Bayan Palace the President of the Swiss Confederation, Hans Keller, and his delegation.",
                 "KUWAIT CITY, March 3 -- Amir Sheikh Nasser Al-Sabah received on Monday the President of the "
                 "Swiss Confederation, Hans Keller, and his accompanying delegation."):
        events = extract(text)
        meetings = of_type(events, "meeting")
        assert len(meetings) == 1 and "Hans Keller" in _people(meetings[0]), events
    # a day with no guest after it is no talks
    assert not of_type(extract("The Amir received on Monday the greetings of the nation, the day of the holiday."),
                       "meeting")
