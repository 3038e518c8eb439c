"""Attendance lists: every named foreign attendee of a gathering abroad is one visit; a welcome
to the gathering is no talks."""

from events_of import of_type


def _visits(events):
    return {(v["actors"][0]["name"], v["destination"]) for v in of_type(events, "visit")}


def test_each_name_of_a_list_of_titles_of_states_arrives(extract):
    events = extract("Apia, May 6 - The Pacific leaders' summit opens on Tuesday.\n"
                     "On Monday, Prime Minister of Fiji Ratu Tevita, President of Kiribati Ioane Teiwaki and "
                     "Prime Minister of Tonga Sione Fifita arrived in Apia one after another.",
                     published="2024-05-06")
    assert _visits(events) == {("Ratu Tevita", "Samoa"), ("Ioane Teiwaki", "Samoa"), ("Sione Fifita", "Samoa")}


def test_a_delegation_set_out_after_its_arrival_travels_but_not_the_resident_ambassador(extract):
    events = extract("A Kenyan delegation arrived in Paris on Monday, consisting of Foreign Minister Ann "
                     "Otieno, Trade Minister Peter Kamau and Kenya's Ambassador to France Mary Wanjiru.")
    assert _visits(events) == {("Ann Otieno", "France"), ("Peter Kamau", "France")}


def test_leaders_welcomed_to_the_summit_attend_it_and_the_welcome_is_no_meeting(extract):
    events = extract("The Pacific leaders' summit opened in Apia on Monday.\n"
                     "Samoan Prime Minister Tala Vaai welcomed two new leaders, Fijian Prime Minister Ratu "
                     "Tevita and Tongan Prime Minister Sione Fifita, to the summit.")
    assert _visits(events) == {("Ratu Tevita", "Samoa"), ("Sione Fifita", "Samoa")}
    assert of_type(events, "meeting") == []


def test_a_host_welcoming_his_own_ministers_to_the_summit_makes_no_visit(extract):
    events = extract("The Pacific leaders' summit opened in Apia on Monday.\n"
                     "Samoan Prime Minister Tala Vaai welcomed Samoan Finance Minister Lupe Fa'asavalu to the summit.")
    assert of_type(events, "visit") == []


def test_a_photo_or_a_handshake_at_a_summit_is_presence_not_talks(extract):
    for text in ("Kenyan President Daniel Mwangi and Ghanaian President Kwame Asante posed for a photo at the "
                 "summit in Addis Ababa on Friday.",
                 "Kenyan President Daniel Mwangi shook hands with Ghanaian President Kwame Asante at the summit "
                 "in Addis Ababa on Friday."):
        events = extract(text, published="2024-05-10")
        assert of_type(events, "meeting") == []
        assert _visits(events) == {("Daniel Mwangi", "Ethiopia"), ("Kwame Asante", "Ethiopia")}


def test_their_own_summit_or_talks_told_at_a_summit_stay_a_meeting(extract):
    for text in ("Kenyan President Daniel Mwangi and Ghanaian President Kwame Asante shook hands at their summit "
                 "in Addis Ababa on Friday.",
                 "Kenyan President Daniel Mwangi met Ghanaian President Kwame Asante at the summit in Addis Ababa "
                 "on Friday."):
        meetings = of_type(extract(text, published="2024-05-10"), "meeting")
        assert [{a["name"] for a in m["actors"] if a["kind"] == "person"} for m in meetings] == [
            {"Daniel Mwangi", "Kwame Asante"}]


def test_leaders_who_lay_wreaths_abroad_visit_however_the_tagger_reads_lay(extract):
    events = extract("Leaders of the summit, including British Prime Minister Tom Ashby and Canadian Prime Minister "
                     "Claire Dubois, lay wreaths at the Peace Memorial Museum in Hiroshima.")
    assert _visits(events) == {("Tom Ashby", "Japan"), ("Claire Dubois", "Japan")}


def test_attending_the_event_after_others_cancelled_something_is_still_attending(extract):
    events = extract("Eighteen leaders of the regional summit attended a gala dinner in Vientiane, Laos on Wednesday.\n"
                     "Both US President Mark Hale and Philippine President Jose Ramos attended the event after "
                     "officials cancelled a meeting between the two.", published="2016-09-07")
    assert _visits(events) == {("Mark Hale", "Laos"), ("Jose Ramos", "Laos")}
    events = extract("Eighteen leaders of the regional summit attended a gala dinner in Vientiane, Laos on Wednesday.\n"
                     "The visit of US President Mark Hale, cancelled, was not made up.", published="2016-09-07")
    assert ("Mark Hale", "Laos") not in _visits(events)


def test_attendees_or_those_present_set_out_as_the_subject_of_include_or_be_are_visitors(extract):
    for second in ("Attendees included Kenyan President Daniel Mwangi and Nigerian President Bola Ade.",
                   "Those present included Kenyan President Daniel Mwangi and Nigerian President Bola Ade.",
                   "Those present were Kenyan President Daniel Mwangi and Nigerian President Bola Ade."):
        events = extract("The summit opened in Accra on Friday.\n" + second, published="2024-05-10")
        assert _visits(events) == {("Daniel Mwangi", "Ghana"), ("Bola Ade", "Ghana")}, second
    events = extract("The summit opened in Accra on Friday.\nAttendees included Ghanaian Vice President Kojo Mensah.",
                     published="2024-05-10")
    assert of_type(events, "visit") == []  # (the host's own people)


def test_leaders_gathering_for_a_summit_are_not_in_talks_among_themselves(extract):
    events = extract("Leaders including Kenyan President Daniel Mwangi, Nigerian President Bola Ade and Senegalese "
                     "President Macky Ndiaye gathered in Accra on Friday for the summit.", published="2024-05-10")
    assert of_type(events, "meeting") == []
    assert {n for n, _d in _visits(events)} == {"Daniel Mwangi", "Bola Ade", "Macky Ndiaye"}


def test_a_state_represented_at_the_gathering_by_someone_sends_him_there_unless_it_is_the_host(extract):
    events = extract("Regional leaders are gathering in Vientiane for the annual summit.\n"
                     "Ghana will be represented by Vice President Kojo Mensah.", published="2024-10-08")
    assert _visits(events) == {("Kojo Mensah", "Laos")}
    assert of_type(events, "visit")[0]["status"] == "planned"
    events = extract("Regional leaders are gathering in Vientiane for the annual summit.\n"
                     "Laos will be represented by Deputy Prime Minister Saleum Kommasith.", published="2024-10-08")
    assert of_type(events, "visit") == []


def test_one_who_fills_in_for_a_leader_goes_to_the_gathering_and_the_leader_stays_home(extract):
    events = extract("Regional leaders are gathering in Vientiane for the annual summit.\n"
                     "Kenyan Foreign Minister Ann Otieno will stand in for President Daniel Mwangi.",
                     published="2024-10-08")
    assert _visits(events) == {("Ann Otieno", "Laos")}
    events = extract("Police officer John Smith filled in for his colleague in London.")
    assert of_type(events, "visit") == []
