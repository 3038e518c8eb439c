"""Who said it: speakers given by title, by pronoun after another quotation, after the verb, and
places that must not take a person's words (one behaviour per test)."""

from events_of import of_type


def _speakers(events):
    return [(s["speaker"]["name"] if s["speaker"] else None, s["quote"]) for s in of_type(events, "statement")]


def test_a_portfolio_title_resolves_to_the_person_introduced_with_it(extract):
    events = extract("Trade Minister Lars Holmqvist of Sweden arrived in Oslo on Monday. He met Norwegian "
                     "officials and the head of the port authority, Erik Dahl.\n"
                     "\"Our ports can share one customs window,\" the trade chief said.")
    assert _speakers(events) == [("Lars Holmqvist", "Our ports can share one customs window")]


def test_a_title_with_its_country_and_no_article_is_the_person_introduced_with_it(extract):
    events = extract("Ghanaian Foreign Minister Efua Mensah met Kenyan Foreign Minister Joseph Kamau in Accra on "
                     "Monday.\nKenyan Foreign Minister, for his part, expressed hope that the talks \"will open a "
                     "new chapter.\"")
    assert _speakers(events) == [("Joseph Kamau", "will open a new chapter.")]


def test_a_demonym_and_portfolio_pick_that_countrys_minister(extract):
    events = extract("Polish Energy Minister Tomasz Wrona hosted Czech Energy Minister Pavel Kral in Warsaw. "
                     "Polish Health Minister Anna Lis briefed reporters later.\n"
                     "\"Coal will be gone from our grid by 2040,\" the Polish energy chief said.")
    assert _speakers(events) == [("Tomasz Wrona", "Coal will be gone from our grid by 2040")]


def test_he_added_continues_the_previous_quotations_speaker(extract):
    events = extract("Dutch Foreign Minister Pieter de Groot met Belgian officials on Monday. Belgian Interior "
                     "Minister Marc Peeters also attended.\n"
                     "\"The ports of Antwerp and Rotterdam compete, but they also depend on each other,\" the "
                     "Dutch foreign minister said.\n"
                     "\"We should act as one harbour,\" he added.")
    assert [s for s, _ in _speakers(events)] == ["Pieter de Groot", "Pieter de Groot"]


def test_a_new_subject_in_between_takes_the_pronoun(extract):
    events = extract("\"We want more trains,\" Austrian Transport Minister Josef Huber said on Friday.\n"
                     "Swiss Transport Minister Urs Brunner rejected the plan.\n"
                     "\"The tunnel is full,\" he said.")
    assert _speakers(events)[-1] == ("Urs Brunner", "The tunnel is full")


def test_a_capital_in_the_reported_clause_does_not_take_the_speakers_words(extract):
    events = extract("Ghanaian Foreign Minister Kwame Asante said Accra was ready to host the talks, calling "
                     "the plan \"a fair deal for the whole coast\".")
    assert _speakers(events) == [("Kwame Asante", "a fair deal for the whole coast")]


def test_said_the_minister_after_the_quote(extract):
    events = extract("Uruguayan Foreign Minister Sofia Arrieta flew to Asuncion on Tuesday.\n"
                     "\"Mercosur must open up,\" said the Uruguayan minister.")
    assert _speakers(events) == [("Sofia Arrieta", "Mercosur must open up")]


def test_translated_inverted_attribution_expressed_the_chancellor(extract):
    events = extract("Peruvian Foreign Minister Elmer Quispe met Bolivian President Luis Arce in La Paz on Tuesday.\n"
                     "\"Trade across the lake must be free of smugglers,\" expressed the Peruvian chancellor.")
    assert _speakers(events) == [("Elmer Quispe", "Trade across the lake must be free of smugglers")]


def test_a_standalone_quotation_then_he_said_colon_codes_the_whole_article(extract):
    # used to raise TypeError in the 'he added' continuation and lose every event of the article
    events = extract("Russian President Vladimir Putin met Kim Jong-un in Pyongyang on Wednesday.\n"
                     "\"We are brothers in arms and will stand together.\"\n"
                     "He said: \"The treaty is a breakthrough.\"\n")
    assert ("Vladimir Putin", "The treaty is a breakthrough.") in _speakers(events)
    assert any(e["type"] == "meeting" for e in events)


def test_a_name_cut_off_after_the_closing_mark_speaks_the_quotation_before_it(extract):
    events = extract("Ambassador Lena Ostrova met the minister on Thursday. The ambassador answered online.\n"
                     "\u201cThank you for the warm welcome!\u201d Ostrova wrote, adding that she was glad to be there.")
    assert _speakers(events)[0] == ("Lena Ostrova", "Thank you for the warm welcome!")


def test_a_question_then_a_name_and_any_verb_back_is_attributed(extract):
    events = extract("Reporters shouted questions at Foreign Minister Arvid Sten as he walked in.\n"
                     "\"Who invited you?\" Sten shot back, and walked on.")
    assert _speakers(events) == [("Arvid Sten", "Who invited you?")]


def test_he_said_in_the_frame_before_continues_the_quoted_speaker(extract):
    events = extract("\"There were several short conversations,\" spokesman Ravi Menon told reporters.\n"
                     "The two leaders, he said, had sat together at lunch and at dinner. \"So I am sure they "
                     "have talked.\"\n"
                     "Prime Minister Anil Kapoor then flew home.")
    assert [s for s, _ in _speakers(events)] == ["Ravi Menon", "Ravi Menon"]


def test_a_quotation_alone_takes_the_speaker_reported_two_paragraphs_up(extract):
    events = extract("Speaking at the ceremony, President Ade Okafor said the pact would create jobs.\n"
                     "Trade and security were also on the agenda.\n"
                     "\u201cWe talked about peace and growth on our continent.\u201d")
    assert _speakers(events) == [("Ade Okafor", "We talked about peace and growth on our continent.")]


def test_code_switching_attribution_names_the_speaker_or_continues_it(extract):
    events = extract("Dumating si President Ramon Dizon galing Jakarta.\n"
                     "\u201cI am glad to be home,\u201d sabi ni Dizon.\n"
                     "\u201cThe trip was fruitful,\u201d aniya.\n"
                     "Foreign Minister Hari Thapa ne bhi baat ki. \u201cHindi was used in all the talks,\u201d "
                     "Thapa ne reporters ko bataya.")
    assert [s for s, _ in _speakers(events)] == ["Ramon Dizon", "Ramon Dizon", "Hari Thapa"]


def test_an_embedded_post_is_its_authors_statement(extract):
    events = extract("Minister of State Vikram Rao held talks with the prime minister on Thursday.\n"
                     "Glad to call on the Prime Minister today. Discussed ways to deepen our ties.\n"
                     "\u2014 Vikram Rao (@MoS_Office) September 22, 2022\n"
                     "The two sides also signed a visa waiver.")
    assert _speakers(events) == [("Vikram Rao", "Glad to call on the Prime Minister today. Discussed ways to "
                                                "deepen our ties.")]


def test_forms_of_address_between_a_title_and_the_name_are_skipped(extract):
    # Malaysian copy stacks honours after the office: "Home Minister Datuk Seri Dr <name>"
    events = extract("KUALA LUMPUR, May 9 — Transport Minister Datuk Seri Dr Halim Rosli Yusof said the rail "
                     "link would open next year.\n"
                     "\"The trains are already being tested,\" he said in a statement today.")
    assert _speakers(events) == [("Halim Rosli Yusof", "The trains are already being tested")]


def test_military_ranks_and_indian_honorifics_are_not_part_of_the_name(extract):
    events = extract("Navy spokesperson Commodore Ramon Lagdameo Cruz said two ships were shadowed. "
                     "\"They kept a distance of two miles,\" Cruz said.\n"
                     "Shri Arvind Kumar Mehta inaugurated the new terminal. \"Our ports are our future,\" "
                     "Mehta said.")
    assert [s for s, _ in _speakers(events)] == ["Ramon Lagdameo Cruz", "Arvind Kumar Mehta"]


def test_an_embassy_named_in_lower_case_after_a_demonym_speaks_for_its_country(extract):
    events = extract("The Turkish embassy in Athens replied on Friday. \"Ankara wants calm waters,\" the "
                     "embassy said in a statement.")
    statements = of_type(events, "statement")
    assert [(s["speaker"]["name"], s["speaker"]["country"]) for s in statements] == [("Turkish Embassy", "TUR")]


def test_a_surname_with_an_article_prefix_is_found_without_it(extract):
    events = extract("CAIRO — President Abdel Karim El-Masri received the Sudanese envoy on Sunday.\n"
                     "A spokesman quoted Masri as saying that Egypt \"will keep the crossings open\".")
    assert _speakers(events) == [("Abdel Karim El-Masri", "will keep the crossings open")]


def test_a_name_opening_an_unparsed_sentence_takes_the_next_he_said(extract):
    events = extract("UN Special Representative Lucia Ferraro Benn hoped to bring the two presidents together. "
                     "\"We were told the other side would not come,\" President Tomas Adler said.\n"
                     "Ferraro Benn herself was unusually frank. \"Nobody can want peace more than the parties,\" "
                     "he said.")
    assert [s for s, _ in _speakers(events)] == ["Tomas Adler", "Lucia Ferraro Benn"]


def test_the_minister_is_the_minister_who_acted_not_the_prime_minister_named_after(extract):
    events = extract("Foreign Minister Ravi Shastri Menon on Monday received Ambassador Paul Carver, weeks "
                     "before Prime Minister Anil Kapoor Das travels to Ottawa.\n"
                     "\"A warm welcome to our new partner in Delhi,\" the minister posted after the meeting.")
    assert [s for s, _ in _speakers(events)] == ["Ravi Shastri Menon"]


def test_kenyan_copy_he_posed_and_said_the_portfolio_cs(extract):
    events = extract("NAIROBI, June 3 – Water CS Peter Kirui Mwangi and his Mining counterpart Halima Abdi Wario "
                     "dismissed talk of a split.\n"
                     "\"How many times must we say we are united?\" he posed.\n"
                     "\"The new park will change lives here,\" said the Mining CS.")
    assert [s for s, _ in _speakers(events)] == ["Peter Kirui Mwangi", "Halima Abdi Wario"]


def test_a_two_letter_surname_is_found_on_second_mention(extract):
    events = extract("MANILA — Senator Ramon Go, a close aide of the President, dismissed the reports.\n"
                     "\"Walang katotohanan iyan,\" sabi ni Go.")
    assert _speakers(events) == [("Ramon Go", "Walang katotohanan iyan")]


def test_the_palace_speaks_for_the_seat_named_before_it(extract):
    events = extract("MANILA — Malacañang issued a statement on Tuesday.\n"
                     "\"The President is healthy and fully in charge,\" the Palace said.")
    statements = of_type(events, "statement")
    assert [(s["speaker"]["name"], s["speaker"]["country"]) for s in statements] == [("Malacañang", "PHL")]


def test_a_title_inside_a_quotation_before_a_name_is_not_that_persons_title(extract):
    events = extract("President Ramon Villa Santos left Manila on Monday.\n"
                     "\"We informed the President early,\" spokesperson Ana Lim Reyes said.\n"
                     "\"We informed the President,\" Reyes added.\n"
                     "\"Our ties are strong,\" the president said in Tokyo.")
    assert _speakers(events)[-1] == ("Ramon Villa Santos", "Our ties are strong")


def test_an_apposition_with_a_form_of_address_gives_the_speakers_country(extract):
    events = extract("The Ghanaian High Commissioner, Mr. Kofi Mensah-Bonsu, spoke for the envoys. \"Our two "
                     "peoples are one,\" Mensah-Bonsu said.")
    assert [s["speaker"]["country"] for s in of_type(events, "statement")] == ["GHA"]


def test_the_city_an_embassy_is_in_is_not_whom_its_spokesperson_speaks_for(extract):
    events = extract("A spokesperson for the Chinese embassy in Washington, Zhou Minghua, replied by email. "
                     "\"The US side should stop sowing discord,\" Zhou said.")
    assert [s["speaker"]["country"] for s in of_type(events, "statement")] == ["CHN"]


def test_a_leaders_office_speaks_for_the_leaders_country(extract):
    events = extract("Thai Prime Minister Anan Chaiwat's office said he welcomed the remarks. \"Our region needs "
                     "more dialogue, not less,\" it said.")
    assert [(s["speaker"]["name"], s["speaker"]["country"]) for s in of_type(events, "statement")] == [
        ("Anan Chaiwat's office", "THA")]


def test_he_after_he_met_someone_is_still_the_first_he(extract):
    events = extract("Foreign Minister Tomas Varga Kiss arrived in Vienna on Monday.\n"
                     "He met Austrian Chancellor Franz Huber Lindner at the chancellery.\n"
                     "\"Our rivers connect us,\" he told reporters afterwards.")
    assert _speakers(events) == [("Tomas Varga Kiss", "Our rivers connect us")]


def test_a_thing_named_after_a_person_is_no_mention_of_them(extract):
    events = extract("The minister, Ravi Kumar Nair, opened a school. She laid flowers at the Indira Devi statue.\n"
                     "\"This school is a promise kept,\" she said.")
    assert [s for s, _ in _speakers(events)] != ["Indira Devi"]


def test_a_quote_before_and_another_speakers_verb_belongs_to_the_first(extract):
    events = extract("Mr. Lindqvist greeted his guest with \"Tervetuloa,\" and Mr. Okafor answered, \"Thank you, "
                     "Prime Minister.\"")
    assert [s for s, _ in _speakers(events)] == ["Lindqvist", "Okafor"]


def test_rejected_the_claims_as_a_quoted_word_is_the_subjects_statement(extract):
    events = extract("Peru's Foreign Ministry rejected the claims as \"absurd\" and recalled its ambassador.")
    assert [(s["speaker"]["country"], s["quote"]) for s in of_type(events, "statement")] == [("PER", "absurd")]


def test_a_name_and_a_colon_before_a_quotation_is_its_speaker(extract):
    events = extract("Foreign Minister Ana Kovac of Croatia met Slovenian President Marko Zupan in Ljubljana.\n"
                     "Zupan: \"Our borders must stay open to each other's workers.\"")
    assert _speakers(events) == [("Marko Zupan", "Our borders must stay open to each other's workers.")]


def test_a_colon_lead_in_that_names_no_one_gives_no_speaker(extract):
    events = extract("BREAKING: \"The border will reopen at midnight.\"")
    assert _speakers(events) == []


def test_an_account_relaying_anothers_words_is_not_their_speaker(extract):
    events = extract("Croatian President Ivo Maric hosted Slovenian President Marko Zupan in Zagreb on Monday.\n\n"
                     "Zupan: Our borders must stay open to each other's workers. pic.twitter.com/Ab12Cd34Ef\n\n"
                     "— Balkan News Desk (@BalkanDesk) June 3, 2024\n\n"
                     "BREAKING: Maric says Croatia will open two new crossings. pic.twitter.com/Zz12Yy34Xx\n\n"
                     "— Adriatic Wire (@AdriaWire) June 3, 2024\n")
    assert _speakers(events) == [("Marko Zupan", "Our borders must stay open to each other's workers.")]


def test_a_short_form_before_a_name_does_not_end_the_sentence_or_cut_the_speaker(extract):
    events = extract("\"The bridge will be finished by March,\" said Engr. Dave Okoro, the works minister.")
    assert _speakers(events) == [("Dave Okoro", "The bridge will be finished by March")]


def test_a_quoted_name_of_a_document_or_plan_is_no_statement(extract):
    events = extract("President Grace Nakato said on Monday that the two countries had signed the \"Lake Basin "
                     "Partnership Charter\" and would follow the \"Green Corridors\" plan. \"We have waited "
                     "ten years for this,\" she said.")
    assert _speakers(events) == [("Grace Nakato", "We have waited ten years for this")]


def test_a_nickname_a_slogan_or_a_so_called_phrase_is_no_statement(extract):
    events = extract("Minister Aisha Mwale, known as \"the Quiet Broker\", told reporters that the so-called "
                     "\"border formula\" was dead. Crowds outside chanted \"no more delays\" as she spoke. "
                     "\"The talks will go on,\" Mwale said.")
    assert _speakers(events) == [("Aisha Mwale", "The talks will go on")]


def test_a_title_cased_quotation_a_speaker_gives_a_name_is_a_name_and_a_lower_case_one_is_speech(extract):
    events = extract("Dubbed \"Operation Calm Waters\", the patrol was announced by Defence Minister Tomas Ilunga "
                     "on Tuesday. Ilunga branded the smugglers' tactics \"reckless\".")
    assert _speakers(events) == [("Tomas Ilunga", "reckless")]


def test_the_theme_of_a_summit_is_no_statement(extract):
    events = extract("The theme of the summit is \"Financing Our Own Future.\" Host President Ama Serwaa said "
                     "leaders had chosen \"shared prosperity\" as the theme for next year.")
    assert _speakers(events) == []


def test_he_is_not_the_person_the_quotation_names(extract):
    events = extract("The meeting, according to party secretary Jonas Weber, was unplanned, and Otto Brandt asked "
                     "Mayor Karl Sommer to stay for coffee.\n\n"
                     "\"We stood and talked and Brandt insisted we sit down,\" he said.")
    assert _speakers(events) == [("Jonas Weber", "We stood and talked and Brandt insisted we sit down")]


def test_he_is_not_the_person_the_quotation_thanks(extract):
    events = extract("Daniel Mwangi, the president-elect, toured the capital on Monday.\n\n"
                     "The president-elect arrived at noon and was welcomed by outgoing President Peter Otieno.\n\n"
                     "\"Thank you President Otieno, for the tour and the briefing,\" he said.")
    assert [s for s, _ in _speakers(events)] == ["Daniel Mwangi"]


def test_a_place_in_the_titles_relative_clause_is_not_the_speaker(extract):
    events = extract("\"There has been no discussion of a summit,\" Lee Sang-woo, senior presidential secretary, "
                     "told reporters on Sunday.\n\n"
                     "The secretary, who accompanied the president on his trip to India and Switzerland, went on "
                     "to say, \"The president can wait for the right moment.\"")
    assert [s for s, _ in _speakers(events)] == ["Lee Sang-woo", "Lee Sang-woo"]


def test_a_short_title_with_a_country_finds_the_holder_whose_country_was_not_given(extract):
    events = extract("Prime Minister Tom Hale wrote a post about the visit on his account on Monday.\n\n"
                     "\"Both countries will gain from this,\" the New Zealand PM said.")
    assert _speakers(events) == [("Tom Hale", "Both countries will gain from this")]


def test_the_institutions_official_is_the_person_introduced_with_it(extract):
    events = extract("Kremlin spokesman Ivan Sorokin told reporters on Monday that no call was planned.\n\n"
                     "Asked about the reports, the Kremlin official replied: \"I can neither confirm nor deny it.\"")
    assert _speakers(events) == [("Ivan Sorokin", "I can neither confirm nor deny it.")]


def test_the_office_of_a_president_speaks_as_that_presidents_office(extract):
    events = extract("The office of Kenyan President Daniel Mwangi said on Sunday it had \"no comment\" on the reports.")
    assert _speakers(events) == [("Daniel Mwangi's office", "no comment")]


def test_a_statement_issued_by_an_embassy_is_the_embassys(extract):
    events = extract("According to a statement issued by the US Embassy, Ambassador John Hale met the opposition "
                     "leader to discuss \"a broad range of issues, including trade\".")
    assert _speakers(events) == [("US Embassy", "a broad range of issues, including trade")]


def test_the_statement_read_is_the_person_who_spoke_in_it(extract):
    events = extract("President Amos Kiptoo met the former Tanzanian leader at a hotel in Arusha on Friday.\n\n"
                     "In a statement, President Kiptoo said the two discussed regional trade. Kiptoo added that "
                     "they also spoke about water.\n\n"
                     "\"We agreed to keep our borders open to traders,\" the statement read in part.")
    assert _speakers(events) == [("Amos Kiptoo", "We agreed to keep our borders open to traders")]


def test_a_ministry_named_with_and_keeps_its_whole_name(extract):
    events = extract("\"The embassy will reopen within weeks,\" the Syrian Foreign and Expatriates Ministry said "
                     "in a post on Monday.")
    assert _speakers(events) == [("Foreign and Expatriates Ministry", "The embassy will reopen within weeks")]


def test_a_nickname_inside_a_name_and_an_accounts_handle_are_no_statements(extract):
    events = extract("Foreign Minister Retno Marsudi said President Joko \"Jokowi\" Widodo would attend the summit. "
                     "She posted photos on her account, \"RetnoMarsudiFM\", later.")
    assert _speakers(events) == []


def test_dp_before_a_name_is_a_title(extract):
    events = extract("President Paul Njoroge and his deputy Samuel Ruto met at State House on Thursday during a "
                     "cabinet meeting. Deputy President Ruto was among those invited.\n\n"
                     "The two have not been seeing eye to eye.\n\n"
                     "In a rejoinder, the DP told the President, \"Sorry, my boss. I am a phone call away,\" "
                     "DP Ruto said.")
    assert [s for s, _ in _speakers(events)] == ["Samuel Ruto"]


def test_a_presidential_official_speaks_for_the_presidents_office_and_he_added_goes_on(extract):
    events = extract("SEOUL, June 10 -- South Korean President Han Jae-won's office said Monday a summit this month looked "
                     "unlikely.\n\n"
                     "\"Realistically, the timing is difficult,\" a presidential official told reporters.\n\n"
                     "But the official still left the door open.\n\n"
                     "\"Talks can start once conditions are met,\" he added.")
    assert [s for s, _ in _speakers(events)] == ["Han Jae-won's office", "Han Jae-won's office"]


def test_he_added_two_paragraphs_on_continues_the_speaker_when_no_one_new_steps_in(extract):
    events = extract("\"The border stays open,\" Kenyan Interior Minister Otieno Wafula said on Friday.\n\n"
                     "The ministry has reopened three crossings this month, with help from a team led by "
                     "Moses Okello.\n\n"
                     "\"Traders need certainty,\" he added.")
    assert [s for s, _ in _speakers(events)] == ["Otieno Wafula", "Otieno Wafula"]


def test_guillemets_mark_quotations_and_a_communique_speaks_for_its_agency(extract):
    events = extract("« The prime minister will arrive in Algiers on Monday, » the communiqué of APS stated. "
                     "Prime Minister Karim Benali called the visit « important ».")
    # (by the name the article gives it: eval README, the fullest name the article gives)
    assert _speakers(events) == [("APS", "The prime minister will arrive in Algiers on Monday"),
                                 ("Karim Benali", "important")]


def test_a_quotation_after_a_participle_of_speech_is_the_participles_subjects(extract):
    events = extract("\"Our two countries are old friends,\" Norwegian President Anna Berg said.\n"
                     "For his part, Swedish Prime Minister Tomas Lind echoed her remarks, pointing to trade.\n"
                     "\"Energy is where we cooperate most.\"")
    assert [s for s, _ in _speakers(events)] == ["Anna Berg", "Tomas Lind"]


def test_in_his_opinion_gives_the_quotation_to_the_man_quoted_before(extract):
    events = extract("\"We talked for an hour after the press conference,\" Finnish Foreign Minister Eero Laine "
                     "said on Thursday.\n"
                     "In his opinion, \"the results will come soon.\"")
    assert [s for s, _ in _speakers(events)] == ["Eero Laine", "Eero Laine"]


def test_according_to_the_report_is_the_agency_that_reported(extract):
    events = extract("Kim Jong Un received a Laotian delegation in Pyongyang on Thursday, the Korean Central News "
                     "Agency (KCNA) reported Friday.\n"
                     "Kim and the Laotian envoy Boun Phommavong held talks and \"shared views on friendship,\" "
                     "according to the report.")
    assert _speakers(events) == [("Korean Central News Agency", "shared views on friendship")]


def test_words_an_agency_relays_in_a_persons_reported_speech_are_the_persons(extract):
    events = extract("Lao President Bounmy Vongsa received Thai envoy Anan Srisuk on Thursday, the Lao News Agency "
                     "reported.\n"
                     "Bounmy said relations had \"entered a new stage,\" the report said.")
    assert _speakers(events) == [("Bounmy Vongsa", "entered a new stage")]
