"""Where the reporter files from: the wire dateline an article opens with (no model needed)."""

from pipeline.extract.prepare import find_dateline


def test_datelines_with_a_colon_an_accented_name_a_source_tag_or_only_the_agency_are_found():
    found = {t: find_dateline(t) for t in (
        "SINGAPORE: Prime Minister Anwar arrived.", "HÀ NỘI — Premier Li left.",
        "(MENAFN- Kuwait News Agency (KUNA)) NEW DELHI, Sept 10 (KUNA) -- Modi met.",
        "Dhaka, Dec 15 (PTI) President Kovind held talks.", "Djibouti City, Sep 22 (ANI): The minister met.")}
    assert [(d.city, d.code) if d else None for d in found.values()] == [
        ("Singapore", "SGP"), ("Hanoi", "VNM"), ("New Delhi", "IND"), ("Dhaka", "BGD"), ("Djibouti City", "DJI")]
    assert find_dateline("Prime Minister: the talks went well.") is None
