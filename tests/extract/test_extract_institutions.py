"""Institutions quoted as speakers: seats of government, state news agencies, ministries named once
and referred to again (one behaviour per test)."""

from events_of import of_type

from pipeline.extract.institutions import find_institutions


def _speakers(events):
    return [((s["speaker"] or {}).get("name"), (s["speaker"] or {}).get("country"))
            for s in of_type(events, "statement")]


def test_a_seat_of_government_speaks_under_its_own_name_for_its_country(extract):
    events = extract("\"The talks covered the rail link and the border,\" the Blue House said in a statement.")
    assert _speakers(events) == [("Blue House", "KOR")]


def test_a_news_agency_defined_by_its_acronym_speaks_under_its_full_name(extract):
    events = extract("The official Zambezi Central News Agency (ZCNA) reported the visit on Friday.\n"
                     "ZCNA said the trip was \"a new page in the friendship of the two peoples.\"")
    assert _speakers(events) == [("Zambezi Central News Agency", None)]


def test_a_listed_state_agency_speaks_for_its_country_by_the_fullest_name_the_article_gives(extract):
    # (eval README: the fullest name the article gives; an article that only says "KCNA" never
    # gives the listed full name, so the speaker is "KCNA", still for North Korea)
    events = extract("KCNA said the talks were held \"in a warm and comradely atmosphere.\"")
    assert _speakers(events) == [("KCNA", "PRK")]
    events = extract("The Korean Central News Agency reported the talks on Friday.\n"
                     "KCNA said the talks were held \"in a warm and comradely atmosphere.\"")
    assert _speakers(events) == [("Korean Central News Agency", "PRK")]


def test_an_acronym_stands_for_the_ministry_named_before(extract):
    events = extract("The visit was announced by the Ministry of External Affairs on Sunday.\n"
                     "\"The visit gave fresh momentum to our ties,\" the MEA said in a statement.")
    assert _speakers(events) == [("Ministry of External Affairs", None)]


def test_the_ministry_and_it_refer_back_to_the_ministry_named_with_its_country(extract):
    events = extract("Oslo will send an envoy to Minsk, the Belarusian Foreign Ministry said on Tuesday.\n"
                     "The two sides discussed \"pending consular questions,\" it said.\n"
                     "\"The envoy is ready to travel,\" the ministry said.")
    assert _speakers(events) == [("Foreign Ministry", "BLR"), ("Foreign Ministry", "BLR")]


def test_the_statement_said_is_the_body_that_issued_it(extract):
    events = extract("The two prime ministers will open the bridge, Wisma Putra said in a statement yesterday.\n"
                     "\"It will bring the two peoples closer,\" the statement said.")
    assert _speakers(events) == [("Wisma Putra", "MYS")]


def test_the_office_said_is_the_office_named_before(extract):
    events = extract("The Presidential Office on Monday dismissed reports of a planned stopover.\n"
                     "\"These reports are speculation,\" the office said in a statement.")
    assert _speakers(events) == [("Presidential Office", None)]


def test_the_subject_next_to_the_verb_speaks_not_the_name_opening_the_sentence(extract):
    events = extract("Host leader Kim Jong Un, who had invited him, \"met the guest at the airport,\" the "
                     "Kremlin said.")
    assert _speakers(events) == [("Kremlin", "RUS")]


def test_institutions_found_in_text_drop_the_country_but_keep_a_defined_proper_name():
    names = [(i.name, i.code, i.acronym) for i in find_institutions(
        "India's External Affairs Ministry and the official Korean Central News Agency (KCNA) met.")]
    assert names == [("External Affairs Ministry", "IND", None), ("Korean Central News Agency", "PRK", None)]


def test_a_spokesperson_for_the_ministry_speaks_for_the_ministry_not_the_agency_quoting_it(extract):
    events = extract("The Foreign Ministry of the DPRK denounced the drills on Monday.\n"
                     "\"They threaten our security,\" the ministry said.\n"
                     "KCNA quoted a spokesperson for the ministry as saying: \"We will defend our borders.\"")
    assert _speakers(events) == [("Foreign Ministry", "PRK"), ("Foreign Ministry", "PRK")]


def test_a_ministry_spokesperson_is_the_ministry_named_before(extract):
    events = extract("Estonia will answer any new deployment, the Estonian Defence Ministry said on Wednesday.\n"
                     "\"Such steps will not go unanswered,\" a ministry spokesperson told reporters.")
    assert _speakers(events) == [("Defence Ministry", "EST")]


def test_a_ministry_named_without_its_state_speaks_for_the_datelines_country(extract):
    events = extract("ACCRA, May 2 (Reuters) - The Ministry of Foreign Affairs said on Thursday that the "
                     "border would reopen. \"The measures have served their purpose,\" the ministry said.")
    assert _speakers(events) == [("Ministry of Foreign Affairs", "GHA")]


def test_an_embassy_named_without_its_state_takes_no_country_from_the_dateline(extract):
    events = extract("ACCRA, May 2 (Reuters) - \"The visa office will reopen next week,\" the Embassy said "
                     "in a post on X.")
    assert _speakers(events) == [("Embassy", None)]


def test_a_ministry_of_a_named_state_speaks_under_its_name_without_the_state():
    names = [(i.name, i.code) for i in find_institutions(
        "The Foreign Ministry of the DPRK and the Ministry of Foreign Affairs of Ethiopia met.")]
    assert names == [("Foreign Ministry", "PRK"), ("Ministry of Foreign Affairs", "ETH")]


def test_a_page_named_in_french_is_the_institution_it_names(extract):
    events = extract("On its Facebook page, the Présidence de la République du Sénégal wrote: \"Le chef de "
                     "l'Etat a reçu son homologue ce mercredi.\"")
    assert _speakers(events) == [("Présidence de la République", "SEN")]


def test_the_embassys_post_read_is_the_embassy_named_before(extract):
    events = extract("The Indian Embassy in Lima announced the visit on Tuesday. \"The minister will be in Lima on "
                     "8 July,\" the embassy's post read.")
    assert _speakers(events) == [("Indian Embassy", "IND")]


def test_according_to_a_statement_from_the_presidency_is_the_presidency(extract):
    events = extract("According to a statement from the Turkish presidency, \"Turkey is ready to host talks "
                     "between the sides.\"")
    assert _speakers(events) == [("Turkish Presidency", "TUR")]


def test_it_read_after_a_ministrys_note_is_the_ministry(extract):
    events = extract("The Estonian Foreign Ministry issued a short note in the evening. \"The minister will travel "
                     "to Astana on Wednesday,\" it read.")
    assert _speakers(events) == [("Foreign Ministry", "EST")]


def test_mfa_stands_for_a_foreign_ministry_whose_name_joins_a_second_portfolio(extract):
    events = extract("Kenya's Ministry of Foreign and Diaspora Affairs called for a ceasefire on Monday.\n"
                     "In a post on X, the MFA said: \"Dialogue remains the only path to peace.\"")
    assert _speakers(events) == [("Ministry of Foreign and Diaspora Affairs", "KEN")]


def test_a_spokesman_named_in_apposition_speaks_himself(extract):
    events = extract("The Estonian Foreign Ministry called for calm on Monday.\n"
                     "The Spokesman of the Ministry, Mr. Peeter Tamm, said: \"We are in touch with both sides.\"")
    assert _speakers(events) == [("Peeter Tamm", None)]


def test_the_bodies_scan_as_a_tree_finds_what_the_flat_list_finds():
    import re

    from pipeline.extract import gazetteer as gz
    from pipeline.extract.institutions import _BODIES, SPEAKING_BODIES

    names = sorted(set(SPEAKING_BODIES) | set(gz.SEATS), key=len, reverse=True)
    flat = re.compile(r"(?<![\w'’])(" + "|".join(re.escape(a) for a in names) + r")(?![\w'’])", re.I)
    assert _BODIES.pattern != flat.pattern
    text = ("The Elysee Palace and the Elysee, KCNA and the Korean Central News Agency (KCNA), Anadolu Agency, "
            "Anadolu's, the Blue  House, BLUE HOUSE, Downing Streets, the Kremlin’s aide, Malacanang.")
    assert [m.span(1) for m in _BODIES.finditer(text)] == [m.span(1) for m in flat.finditer(text)]
    assert "elysee palace" in {m.group(1).lower() for m in _BODIES.finditer(text)}
