"""Relative dates against the publication date; planned versus occurred."""

import datetime as dt

from pipeline.extract.dates import filing_day, historical_year, resolve_date, resolve_month

PUB = dt.date(2024, 6, 20)  # a Thursday


def test_weekday_means_the_most_recent_such_day():
    assert resolve_date("met on Wednesday", PUB) == dt.date(2024, 6, 19)
    assert resolve_date("met on Thursday", PUB) == PUB


def test_weekday_of_a_planned_event_looks_ahead():
    assert resolve_date("will meet on Tuesday", PUB, planned=True) == dt.date(2024, 6, 25)


def test_yesterday_today_tomorrow():
    assert resolve_date("signed yesterday", PUB) == dt.date(2024, 6, 19)
    assert resolve_date("today", PUB) == PUB
    assert resolve_date("tomorrow", PUB) == dt.date(2024, 6, 21)


def test_day_and_month_take_the_nearest_year():
    assert resolve_date("on 7 September", PUB, planned=True) == dt.date(2024, 9, 7)
    assert resolve_date("on 7 September", PUB) == dt.date(2023, 9, 7)
    assert resolve_date("on May 3, 2021", PUB) == dt.date(2021, 5, 3)


def test_a_range_resolves_to_its_first_day():
    assert resolve_date("from 7 to 10 October 2024", PUB, planned=True) == dt.date(2024, 10, 7)


def test_spans_give_no_day():
    assert resolve_date("last week", PUB) is None
    assert resolve_date("next month", PUB, planned=True) is None


def test_no_publication_date_means_no_relative_date():
    assert resolve_date("on Wednesday", None) is None


def test_an_earlier_year_marks_a_historical_mention():
    assert historical_year("visited Beijing in 2019", PUB)
    assert not historical_year("visited Beijing on Monday", PUB)


def test_the_publication_weekday_is_the_same_day_even_for_a_plan():
    import datetime as dt

    from pipeline.extract.dates import resolve_date
    wed = dt.date(2024, 3, 13)
    assert resolve_date("will meet on Wednesday", wed, planned=True) == wed
    assert resolve_date("will meet next Wednesday", wed, planned=True) == dt.date(2024, 3, 20)
    assert resolve_date("met on Wednesday", wed) == wed


def test_with_an_anchor_the_day_named_nearest_the_event_word_wins():
    text = "held talks in Hanoi on Tuesday during a visit from June 17 to 21"
    assert resolve_date(text, PUB) == dt.date(2024, 6, 17)  # without an anchor: the calendar date
    assert resolve_date(text, PUB, anchor=text.index("talks")) == dt.date(2024, 6, 18)
    text = "arrived on Monday and met the premier on Wednesday"
    assert resolve_date(text, PUB, anchor=text.index("met")) == dt.date(2024, 6, 19)
    assert resolve_date(text, PUB, anchor=text.index("arrived")) == dt.date(2024, 6, 17)
    assert resolve_date("no day here", PUB, anchor=0) is None


def test_the_day_outside_the_events_clause_dates_it_when_the_sentence_names_one_only(extract):
    from events_of import of_type

    text = ("Ghanaian President Kofi Mensah yesterday played host to his Togolese counterpart, President "
            "Yawa Kouassi, at the Jubilee House, where the two leaders held closed-door talks on border security.")
    meeting = of_type(extract(text, "2026-03-05"), "meeting")[0]
    assert meeting["date"] == "2026-03-04"
    text = ("In Doha on Thursday, the emir of Qatar received Indonesian President Budi Hartono, while the two "
            "countries' trade ministers signed an agreement on halal certification.")
    signing = of_type(extract(text, "2026-03-06"), "signing")[0]
    assert signing["date"] == "2026-03-05"
    # two days named: which one is the event's is not the sentence's to say
    text = ("Kenyan President Daniel Otieno, who arrived on Monday, held talks on Wednesday with Prime Minister "
            "Tesfaye Alemu, and the two leaders witnessed the signing of five agreements.")
    signing = of_type(extract(text, "2026-03-06"), "signing")
    assert not signing or signing[0]["date"] in (None, "2026-03-04")


def test_a_month_without_a_day_dates_to_the_month_in_the_status_direction():
    feb = dt.date(2026, 2, 10)
    assert resolve_month("visited Moscow last December", feb) == "2025-12"
    assert resolve_month("met in March", feb) == "2025-03"
    assert resolve_month("will meet in March", feb, planned=True) == "2026-03"
    assert resolve_month("talks earlier this month", feb) == "2026-02"
    assert resolve_month("talks last month", feb) == "2026-01"
    assert resolve_month("will visit next month", feb, planned=True) == "2026-03"
    assert resolve_month("in mid-May 2024", feb) == "2024-05"
    # a day, a lower-case "may", or a span is no month of the event
    assert resolve_month("met on March 5", feb) is None
    assert resolve_month("we may meet soon", feb) is None
    assert resolve_month("ties frozen since March", feb) is None


def test_an_event_dated_only_by_its_month_carries_the_month(extract):
    from events_of import of_type

    events = extract("Vietnamese Prime Minister Tran Van Minh visited Seoul last December and held talks with "
                     "South Korean President Kang Min-ho.", "2026-02-10")
    visit = of_type(events, "visit")[0]
    assert visit["date"] == "2025-12"
    events = extract("Vietnamese Prime Minister Tran Van Minh visited Seoul on Monday, after talks in Hanoi "
                     "last December.", "2026-02-10")
    assert of_type(events, "visit")[0]["date"] == "2026-02-09"  # the day wins over a month


def test_a_day_weeks_ahead_beats_the_same_day_eleven_months_back():
    oct3 = dt.date(2025, 10, 3)
    assert resolve_date("consultations in Minsk on October 10-11", oct3) == dt.date(2025, 10, 10)
    assert resolve_date("met on September 28", oct3) == dt.date(2025, 9, 28)
    assert resolve_date("on 7 September", PUB) == dt.date(2023, 9, 7)  # months ahead: still the past one


def test_a_span_nearer_than_any_day_dates_nothing(extract):
    from events_of import of_type

    assert resolve_date("met in Sochi last week , and signed a deal on June 18", PUB, anchor=0) is None
    events = extract("Kazakh President Yerlan Dauletov met Uzbek President Timur Rashidov in Samarkand last week, "
                     "and the two leaders signed a water-sharing agreement on Tuesday.", "2026-03-05")
    assert of_type(events, "meeting")[0]["date"] is None
    assert of_type(events, "signing")[0]["date"] == "2026-03-03"


def test_a_visitor_who_is_there_now_is_there_on_the_publication_day(extract):
    from events_of import of_type

    events = extract("Ghanaian President Kwame Asante is in Lusaka on a three-day state visit to Zambia.", "2026-03-05")
    assert of_type(events, "visit")[0]["date"] == "2026-03-05"
    events = extract("Ghanaian President Kwame Asante visited Zambia, his office said.", "2026-03-05")
    assert of_type(events, "visit")[0]["date"] is None  # a past trip with no day named


def test_the_14th_is_a_day_of_the_month_the_status_points_to():
    assert resolve_date("held talks on the 14th", PUB) == dt.date(2024, 6, 14)
    assert resolve_date("will travel to Tokyo on the 28th", PUB, planned=True) == dt.date(2024, 6, 28)
    assert resolve_date("met on the 28th", PUB) == dt.date(2024, 5, 28)  # after the paper's day: last month's
    assert resolve_date("will meet on the 3rd", PUB, planned=True) == dt.date(2024, 7, 3)
    assert resolve_date("on the 14th of May", PUB) == dt.date(2024, 5, 14)
    assert resolve_date("on the 75th anniversary", PUB) is None


def test_the_following_morning_is_the_day_after_the_day_told_before(extract):
    from events_of import of_type

    events = extract("Danish Prime Minister Mette Holm flew into Manila on Sunday for a two-day visit.\n"
                     "She was received by Philippine President Ramon Cruz at Malacañang Palace the following "
                     "morning.", "2024-03-20")
    assert of_type(events, "visit")[0]["date"] == "2024-03-17"
    assert of_type(events, "meeting")[0]["date"] == "2024-03-18"


def test_a_planned_event_takes_the_one_day_ahead_its_sentence_opens_with(extract):
    from events_of import of_type

    events = extract("Dutch Prime Minister Jan de Vries arrived in Warsaw on Monday for a two-day visit.\n"
                     "On Tuesday de Vries is to meet Polish President Adam Nowak.", "2024-06-17")
    assert [m["date"] for m in of_type(events, "meeting")] == ["2024-06-18"]


def test_a_weekday_of_last_week_is_that_day_of_the_week_before():
    assert resolve_date("met on Monday last week", PUB) == dt.date(2024, 6, 10)
    assert resolve_date("talks on Friday of last week", PUB, anchor=0) == dt.date(2024, 6, 14)
    assert resolve_date("met on Monday", PUB) == dt.date(2024, 6, 17)


def test_the_datelines_filing_day_is_the_day_relative_dates_count_from(extract):
    # a feed stamped the next day (UTC) for a story the wire filed on Tuesday 2 March
    events = extract("HARARE, March 2 (Xinhua) -- Zimbabwean President Tendai Moyo held talks with visiting "
                     "Zambian President Chanda Mulenga today.", "2027-03-03")
    assert {e["date"] for e in events if e["type"] in ("meeting", "visit")} == {"2027-03-02"}


def test_a_filing_day_far_from_the_publication_day_is_no_anchor():
    published = dt.date(2027, 3, 3)
    assert filing_day("March 2", published) == dt.date(2027, 3, 2)
    assert filing_day("Feb. 10", published) is None  # a reprint or a wrong feed date: keep the paper's
    assert filing_day("2 March 2027", None) == dt.date(2027, 3, 2)
    assert filing_day("March 2", None) is None


def test_a_weekday_owning_the_talks_just_told_dates_them(extract):
    events = extract("Zambian President Chanda Mulenga met Malawian President Peter Banda in Lilongwe.\n"
                     "Tuesday's talks focused on a shared railway.", "2027-03-04")
    meeting = [e for e in events if e["type"] == "meeting"]
    assert [m["date"] for m in meeting] == ["2027-03-02"]


def test_day_words_of_code_switching_copy_resolve_like_english_ones(extract):
    events = extract("KUALA LUMPUR: Perdana Menteri Anwar Ibrahim semalam held talks with Thai Prime Minister "
                     "Somchai Wongsawat di Putrajaya.", "2027-03-04")
    meeting = [e for e in events if e["type"] == "meeting"][0]
    assert (meeting["date"], meeting["location"]) == ("2027-03-03", "Putrajaya")
    events = extract("MANILA - Pangulong Ferdinand Marcos Jr. noong Lunes held a bilateral meeting with "
                     "Vietnamese President Luong Cuong sa Malacañang.", "2027-03-04")
    assert [e["date"] for e in events if e["type"] == "meeting"] == ["2027-03-01"]
    assert resolve_date("linggo", PUB) is None  # a week, not Sunday
    assert resolve_date("noong Linggo", PUB) == dt.date(2024, 6, 16)


def test_an_event_of_a_background_month_borrows_no_day_from_todays_talks(extract):
    events = extract("Chinese President Xi Jinping held talks with Vietnamese President To Lam in Beijing on "
                     "Wednesday.\n\nXi recalled their meeting in Hanoi last December, when the two leaders "
                     "signed 36 agreements.", "2027-03-04")
    hanoi = {e["type"]: e["date"] for e in events if e.get("location") == "Hanoi"}
    assert hanoi == {"meeting": "2026-12", "signing": "2026-12", "visit": "2026-12"}


def test_each_leg_of_a_listed_tour_takes_the_day_written_after_it(extract):
    events = extract("Emirati Foreign Minister Saeed Al Nuaimi flew into Jordan on Friday, the last stop of a tour "
                     "that followed visits to Oman on Monday, Qatar on Tuesday and Bahrain on Wednesday.",
                     "2027-03-05")
    legs = {e["destination"]: e["date"] for e in events if e["type"] == "visit"}
    assert legs == {"Jordan": "2027-03-05", "Oman": "2027-03-01", "Qatar": "2027-03-02", "Bahrain": "2027-03-03"}


def test_a_trip_is_dated_by_the_first_day_its_mentions_tell(extract):
    events = extract("Indian Foreign Minister Ravi Menon met Egyptian President Omar Fathy in Cairo on Friday.\n"
                     "Menon arrived in Cairo on Thursday for a two-day visit.", "2027-03-05")
    assert [e["date"] for e in events if e["type"] == "visit"] == ["2027-03-04"]


def test_the_meeting_that_took_place_on_a_day_dates_the_talks_just_told(extract):
    events = extract("National Security Adviser Ravi Menon met Sri Lankan President Nimal Perera in New Delhi. "
                     "The meeting took place on Thursday, soon after Perera arrived.", "2027-03-05")
    assert [e["date"] for e in events if e["type"] == "meeting"] == ["2027-03-04"]


def test_a_month_of_last_or_next_year_is_in_that_year():

    assert resolve_month("In May of last year, he visited Washington", PUB) == "2023-05"
    assert resolve_month("will visit Tokyo in March next year", PUB, True) == "2025-03"


def test_earlier_in_the_day_under_a_dated_dateline_is_the_wires_day(extract):
    events = extract("New Delhi [India], March 6 (ANI): President Asha Rao received Angolan President Mario "
                     "Neto at Rashtrapati Bhavan and hosted a banquet for him.\n\nEarlier in the day, Prime "
                     "Minister Vikram Shah held talks with Neto at Hyderabad House.", "2027-03-07")
    talks = [e for e in events if e["type"] == "meeting" and any("Shah" in a["name"] for a in e["actors"])]
    assert [(t["location"], t["date"]) for t in talks] == [("New Delhi", "2027-03-06")]


def test_a_day_told_after_ahead_of_is_the_later_events_not_this_ones():
    text = "hosted him for a working dinner on Wednesday ahead of their formal talks on Thursday"
    assert resolve_date(text, PUB, anchor=text.index("dinner")) == dt.date(2024, 6, 19)
    text = "hosted him for a working dinner ahead of their formal talks on Tuesday"
    assert resolve_date(text, PUB, anchor=text.index("dinner")) is None


def test_talks_ahead_of_which_a_dinner_was_held_today_are_the_coming_days(extract):
    events = extract("Peruvian President Rosa Quispe on Thursday expressed her delight at hosting Chilean President "
                     "Ana Rojas for an informal dinner meeting in Lima ahead of their official discussions on Friday.",
                     "2024-06-20")
    days = sorted((e["status"], e["date"]) for e in events if e["type"] == "meeting")
    assert days == [("occurred", "2024-06-20"), ("planned", "2024-06-21")]


def test_the_day_of_a_return_is_not_the_day_of_the_visit_before_it():
    text = "concluded his tour with a visit to Canberra, returning to Manila Sunday evening"
    assert resolve_date(text, PUB, anchor=text.index("visit")) is None


def test_a_span_nearer_the_event_than_a_month_leaves_the_event_undated(extract):
    events = extract("Leader Kim Sol last week met Chinese President Wen Bo on his first trip abroad since taking "
                     "power in December 2019.", "2026-03-04")
    assert [(e["type"], e["date"]) for e in events if e["type"] == "meeting"] == [("meeting", None)]
    events = extract("Leader Kim Sol met Chinese President Wen Bo in Beijing in December, a week after the "
                     "border talks.", "2026-03-04")
    assert [e["date"] for e in events if e["type"] == "meeting"] == ["2025-12"]


def test_a_headlines_infinitive_is_a_plan_dated_ahead(extract):
    events = extract("Kenyan president to make state visit to Japan in June\n\nKenyan President Amina Wanjiru has "
                     "accepted an invitation to visit Japan, officials said on Tuesday.", "2026-03-03")
    visits = [(e["status"], e["date"]) for e in events if e["type"] == "visit"]
    assert visits and all(v == ("planned", "2026-06") for v in visits)


def test_the_trip_a_sentence_names_no_place_of_is_dated_by_it(extract):
    events = extract("Kenyan President Amina Wanjiru will make a state visit to Japan in June.\n\nWanjiru will make "
                     "the trip from June 3-5, the palace said.", "2026-04-23")
    assert [(e["status"], e["date"]) for e in events if e["type"] == "visit"] == [("planned", "2026-06-03")]


def test_a_tour_told_in_a_phrase_of_a_coming_arrival_is_that_arrival(extract):
    # (2026-05-13 is a Wednesday: 'Friday' ahead is the 15th, behind it the 8th)
    events = extract("President Lena Ortiz will arrive in Lisbon on Friday, on day four of her European tour.",
                     "2026-05-13")
    assert [(e["status"], e["date"]) for e in events if e["type"] == "visit"] == [("planned", "2026-05-15")]
    events = extract("President Lena Ortiz arrived in Lisbon on Friday, on day four of her European tour.",
                     "2026-05-13")
    assert [(e["status"], e["date"]) for e in events if e["type"] == "visit"] == [("occurred", "2026-05-08")]
    # a trip before the journey ('after') is its own: it keeps its own day
    events = extract("After her visit to Madrid on Monday, President Lena Ortiz will fly to Lisbon on Friday.",
                     "2026-05-13")
    days = dict((e["destination"], e["date"]) for e in events if e["type"] == "visit")
    assert days["Portugal"] == "2026-05-15" and days["Spain"] != "2026-05-15"
