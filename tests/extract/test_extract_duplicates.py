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
