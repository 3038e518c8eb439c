"""Meetings and signings told without a verb that names both sides, and one event per
occurrence however often an article tells it (one structure per test)."""

from events_of import of_type


def _people(event: dict) -> set[str]:
    return {a["name"] for a in event["actors"] if a["kind"] == "person"}


def test_whose_talks_a_possessive_pronoun_says_takes_part_in_them(extract):
    events = extract("Kenyan President William Ruto arrived in Accra on Monday. During his meeting with "
                     "Ghanaian President John Mahama, trade and the free-trade area topped the agenda.")
    meetings = of_type(events, "meeting")
    assert len(meetings) == 1 and _people(meetings[0]) == {"William Ruto", "John Mahama"}


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
