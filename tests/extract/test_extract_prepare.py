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


def test_wire_datelines_with_slashed_agencies_an_hour_a_bracketed_country_or_no_space_are_found():
    found = [find_dateline(t) for t in (
        "KAZAN, March 4. /TASS/. The governor opened the forum.",
        "ST PETERSBURG, March 4, 09:40 /TASS/. The talks began.",
        "Ulaanbaatar /MONTSAME/. The foreign minister left for Tokyo.",
        "Osaka, Mar. 4 (Jiji Press)--The mayor met the envoy.",
        "Mumbai [India], March 4 (ANI): The minister arrived.",
        "DOHA, (Gulf Wire / QNA - 04th March, 2025) The emir received the envoy.",
        "Jeddah, March 04, 2025, SPA -- The crown prince met the minister.",
        "BERLIN, March 4. The chancellor flew to Paris.",
    )]
    assert [(d.city, d.code) if d else None for d in found] == [
        ("Kazan", "RUS"), ("St Petersburg", "RUS"), ("Ulaanbaatar", "MNG"), ("Osaka", "JPN"),
        ("Mumbai", "IND"), ("Doha", "QAT"), ("Jeddah", "SAU"), ("Berlin", "DEU")]
    text = "Osaka, Mar. 4 (Jiji Press)--The mayor met the envoy."
    assert text[found[3].end:].startswith("The mayor")
    # a dash glued to a word is no dateline's end ("Washington-based"), nor is a bare list
    assert find_dateline("Washington-based analysts said the talks failed.") is None
    assert find_dateline("Russia, China and Iran held drills.") is None
