"""Relative dates against the publication date; planned versus occurred."""

import datetime as dt

from pipeline.extract.dates import historical_year, resolve_date

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
