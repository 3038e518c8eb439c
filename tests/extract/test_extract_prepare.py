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


def test_a_dateline_under_page_furniture_is_found_a_headline_with_a_demonym_is_none():
    # a page's date, its outlet, a headline and a "Date: | Source:" line above the wire dateline
    text = ("March 9, 2026\nAgency Feed (En)\n\nLeader receives a visiting delegation\n\n"
            "Date: 08/03/2026 | Source: Agency Feed | Read the original\n\n"
            "Pyongyang, March 8 (KCNA) -- The delegation was received at the guest house.")
    dl = find_dateline(text)
    assert dl is not None and (dl.city, dl.code) == ("Pyongyang", "PRK")
    assert text[dl.end:].startswith("The delegation")
    # a headline opening with two demonyms, a caption, then a city in capitals with a dash; the
    # agency's parenthesis two lines down is not part of a dateline on the headline's line
    text = ("Chinese, Kenyan leaders hold talks\n\n(Wire)\nUpdated: 2026-03-04 10:00\n"
            "The two presidents review an honour guard in Beijing on March 4, 2026. [Photo/Wire]\n\n"
            "BEIJING - The two presidents held talks here on Wednesday.")
    dl = find_dateline(text)
    assert dl is not None and (dl.city, dl.code) == ("Beijing", "CHN") and text[dl.end:].startswith("The two presidents held")
    # a city in capitals below a headline is a dateline; one in title case without date or agency is not
    assert find_dateline("Talks go on\nBy A. Reporter\nNAIROBI: The envoy arrived.").city == "Nairobi"
    assert find_dateline("Talks go on\nNairobi: the envoy arrived.") is None


def test_a_dateline_naming_the_agency_first_and_the_place_and_date_in_parentheses_is_found():
    text = "PNA (MANILA, 4 March 2026) – The foreign secretary met his Thai counterpart."
    dl = find_dateline(text)
    assert dl is not None and (dl.city, dl.code) == ("Manila", "PHL")
    assert text[dl.end:].startswith("The foreign secretary")
    under = "Envoys meet\n\n\nPNA (MANILA, 4 March 2026) – The foreign secretary met the envoy."
    assert find_dateline(under).city == "Manila"


def test_talks_in_a_named_area_are_not_placed_in_the_datelines_city(extract):
    from events_of import of_type

    for head in ("", "Source: Wire | March 4, 2026 10:00 AM\n"):
        text = (head + "SEOUL: South Korean President Lee Hae-won and North Korean leader Kim Jong Un held talks "
                "inside the Demilitarized Zone on Wednesday.")
        events = extract(text, "2026-03-04")
        assert of_type(events, "meeting")[0]["location"] != "Seoul"
        assert of_type(events, "visit") == []
    # talks with no place of their own still take the dateline's city of the host
    text = "SEOUL: South Korean President Lee Hae-won held talks with Japanese Prime Minister Ito Kenji on Wednesday."
    assert of_type(extract(text, "2026-03-04"), "meeting")[0]["location"] == "Seoul"


def test_a_dateline_with_the_agency_after_a_slash_is_found():
    text = "New Delhi/UNI: The prime minister began talks with his guest."
    dl = find_dateline(text)
    assert dl is not None and (dl.city, dl.code) == ("New Delhi", "IND") and text[dl.end:].startswith("The prime")
    assert find_dateline("and/or: the talks may resume.") is None


def test_a_datelines_filing_day_is_kept_as_written_wherever_the_wire_puts_it():
    found = [find_dateline(t) for t in (
        "HARARE, Nov. 28 (Xinhua) -- The president met the envoy.",
        "LUSAKA, March 6 - The minister arrived.",
        "Port Louis, 8 September 2025 (GIS) – The prime minister left.",
        "PNA (CEBU, 4 March) - The governor met the envoy.",
        "MAPUTO (Lusa) - The minister arrived.",
    )]
    assert [d.date_text if d else "none" for d in found] == ["Nov. 28", "March 6", "8 September 2025", "4 March", None]


def test_a_dateline_on_a_line_of_its_own_ending_in_the_year_is_found_under_a_headline():
    found = find_dateline("Ruto hosts dinner for Samia\nNAIROBI, March 4, 2027\nKenyan President William Ruto gave")
    assert found is not None and (found.city, found.date_text) == ("Nairobi", "March 4, 2027")
    assert find_dateline("Tea exports, 2027\nKenya sold more tea.") is None


def test_a_country_prefixing_a_headline_yields_to_the_datelines_city_below_it():
    found = find_dateline("Kenya: Ruto in Maputo for Talks With Chapo\n\nNairobi — President William Ruto flew out.")
    assert found is not None and (found.city, found.code) == ("Nairobi", "KEN")
    found = find_dateline("Kenya: Ruto in Maputo for Talks With Chapo\n\nPresident William Ruto flew out.")
    assert found is not None and (found.city, found.code) == (None, "KEN")


def test_a_city_then_a_colon_or_dash_opening_the_line_under_a_headline_is_a_dateline():
    dl = find_dateline("Leaders hold talks in the capital\n\nNew Delhi: Prime Minister Rao hosted the envoy.")
    assert dl is not None and (dl.city, dl.code) == ("New Delhi", "IND")
    dl = find_dateline("Premier meets envoy\nUpdated: 2026-03-04 00:13\n(Wire)\nBeijing - The premier met the envoy.")
    assert dl is not None and dl.city == "Beijing"
    assert find_dateline("Leaders hold talks\n\nNew Delhi: the envoy arrived.") is None  # (a sentence's colon)
    assert find_dateline("Leaders hold talks\n\nIndia: A new chapter opens.") is None  # (a country: a headline's)


def test_a_dateline_written_with_full_stops_gives_the_city_without_one():
    dl = find_dateline("Astana. July 4. KazTAG - President Kassym-Jomart Tokayev received the envoy.")
    assert (dl.city, dl.code) == ("Astana", "KAZ")
