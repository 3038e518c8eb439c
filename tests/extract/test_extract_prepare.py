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


def test_a_dateline_under_a_headline_and_a_category_line_is_found_when_it_names_a_date_or_agency():
    text = ("Minister receives the Korean envoy\nDiplomacy | 2026-03-04\nUlaanbaatar /MONTSAME/. The Korean "
            "ambassador was received by the foreign minister.")
    dl = find_dateline(text)
    assert dl is not None and (dl.city, dl.code) == ("Ulaanbaatar", "MNG")
    assert text[dl.start:dl.end] == "Ulaanbaatar /MONTSAME/. "
    # a later line with neither date nor agency is a sentence, not a dateline
    assert find_dateline("Talks end without a deal\nBeijing: the two sides will meet again.") is None


def test_an_envoy_received_under_a_wire_dateline_below_the_headline_meets_in_the_datelines_city(extract):
    from events_of import of_type

    text = ("Foreign Minister receives Korean Ambassador\nPolitics | 2026-03-04\nUlaanbaatar /MONTSAME/. "
            "South Korean Ambassador to Mongolia Park Ji-hoon was received on March 4 by Mongolia's Minister "
            "of Foreign Affairs B.Battsetseg.")
    meeting = of_type(extract(text, "2026-03-04"), "meeting")[0]
    assert meeting["location"] == "Ulaanbaatar"
