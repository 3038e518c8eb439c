"""Signings whose sentence names no signatory: the sides are those of the visit or talks told before."""

from events_of import of_type


def _codes(event: dict) -> set[str]:
    return {p["code"] for p in event["parties"]}


def test_documents_signed_during_a_visit_are_the_visits_sides(extract):
    signings = of_type(extract("Kazakh President Kassym-Jomart Tokayev arrived in Tashkent on Monday for a state visit. "
                               "He held talks with his host on water and transit. "
                               "Altogether, 14 documents were signed during the visit, covering energy, rail and customs."),
                       "signing")
    assert len(signings) == 1 and {"KAZ", "UZB"} <= _codes(signings[0])


def test_documents_to_be_signed_after_talks_are_a_planned_signing(extract):
    signings = of_type(extract("Indian Prime Minister Narendra Modi lands in Hanoi on Thursday on a two-day visit. "
                               "A series of cooperation agreements is to be signed after the talks, officials said."),
                       "signing")
    assert len(signings) == 1 and {"IND", "VNM"} <= _codes(signings[0])
    assert signings[0]["status"] == "planned"


def test_the_two_countries_are_the_states_of_the_trip_told_before(extract):
    signings = of_type(extract("Ghanaian Trade Minister Kofi Mensah is on a working visit to Morocco this week. "
                               "He is due to meet Industry Minister Ryad Mezzour and Finance Minister Nadia Fettah. "
                               "The two countries hope to build on a trade accord that they signed last year."), "signing")
    assert len(signings) == 1 and {"GHA", "MAR"} <= _codes(signings[0])


def test_a_sentence_naming_its_signatory_joins_the_agentless_one(extract):
    signings = of_type(extract("Peruvian Foreign Minister Javier Gonzalez arrived in Quito on Tuesday for talks. "
                               "Two memoranda were signed on Wednesday during a call he paid on Foreign Minister Gabriela Sommerfeld. "
                               "Foreign Minister Sommerfeld signed both documents for Ecuador."), "signing")
    assert len(signings) == 1 and {"PER", "ECU"} <= _codes(signings[0])


def test_a_hoped_for_or_still_due_signing_is_none(extract):
    text = ("EU trade chief Maros Sefcovic and Indian Commerce Minister Piyush Goyal met in Brussels on Monday. "
            "Both hope the trade agreement can be signed before the summer. "
            "The investment protocol still has to be signed by both governments.")
    assert of_type(extract(text), "signing") == []


def test_initialling_an_agreement_is_signing_it(extract):
    signings = of_type(extract("The European Union and Chile initialled an updated association agreement in Brussels "
                               "on Friday."), "signing")
    assert len(signings) == 1 and _codes(signings[0]) == {"EU", "CHL"}


def test_putting_pen_to_paper_on_a_treaty_is_signing_it(extract):
    signings = of_type(extract("Indian Finance Minister Nirmala Sitharaman and British Chancellor Rachel Reeves put pen "
                               "to paper on a bilateral investment treaty in London on Monday."), "signing")
    assert len(signings) == 1 and _codes(signings[0]) == {"IND", "GBR"}


def test_the_states_a_passive_signing_names_its_signatories_for(extract):
    signings = of_type(extract("The accord was initialled by the chief negotiators of Canada and Ecuador in Ottawa "
                               "on Tuesday."), "signing")
    assert len(signings) == 1 and _codes(signings[0]) == {"CAN", "ECU"}
    signings = of_type(extract("The memorandum was signed on behalf of Senegal by Foreign Minister Yassine Fall and on "
                               "behalf of Japan by Foreign Minister Takeshi Iwaya."), "signing")
    assert len(signings) == 1 and _codes(signings[0]) == {"SEN", "JPN"}


def test_agencies_of_two_states_sign_for_their_states(extract):
    events = extract("Saudi Arabia's Public Investment Fund signed a memorandum of understanding with Indonesia's "
                     "Danantara in Jakarta on Monday.")
    signings = [e for e in events if e["type"] == "signing"]
    assert len(signings) == 1
    assert sorted((a["name"], a["kind"], a["country"]) for a in signings[0]["actors"]) == [
        ("Danantara", "organisation", "IDN"), ("Public Investment Fund", "organisation", "SAU")]
    assert sorted(p["code"] for p in signings[0]["parties"]) == ["IDN", "SAU"]


def test_an_agency_named_after_its_state_keeps_the_states_name(extract):
    events = extract("The Qatar Investment Authority and the Indonesia Investment Authority signed a memorandum of "
                     "understanding in Doha on Monday.")
    signings = [e for e in events if e["type"] == "signing"]
    assert [sorted(a["name"] for a in s["actors"]) for s in signings] == [
        ["Indonesia Investment Authority", "Qatar Investment Authority"]]


def test_a_portfolio_in_a_title_is_no_agency(extract):
    events = extract("Chilean Defence Minister Rodrigo Salvatierra signed a protocol with Argentine Defence Minister "
                     "Julián Echeverri in Santiago on Tuesday.")
    signings = [e for e in events if e["type"] == "signing"]
    assert len(signings) == 1 and {a["kind"] for a in signings[0]["actors"]} == {"person"}


def test_a_ceremony_that_times_other_talks_is_the_signing_told_before(extract):
    # The lead tells the signing; "before the signing ceremony" only times the talks, so the
    # signing keeps the lead as its evidence (analysts read the sentence that says "signed").
    text = ("ACCRA, May 6 - Ghanaian President John Mahama and Togolese President Faure Gnassingbe signed "
            "a border cooperation accord on Tuesday during Gnassingbe's visit to Accra.\n"
            "The two presidents held talks at Jubilee House before the signing ceremony, officials said.")
    signings = of_type(extract(text), "signing")
    assert len(signings) == 1
    assert "signed a border cooperation accord" in signings[0]["evidence"]["text"]



def test_the_memorandum_signed_by_named_people_is_the_signing_told_before(extract):
    # The second sentence names the signatories by their offices only: the definite "the
    # memorandum" is the document the lead told, one ceremony (a title's country adds no side).
    text = ("Kenya and Norway on Thursday signed a memorandum of understanding on fisheries research in Nairobi. "
            "The memorandum was signed by Wanjiru Kamau, Principal Secretary of the State Department for Blue "
            "Economy, and Lars Eide, Director of the Norwegian research council.")
    signings = of_type(extract(text), "signing")
    assert len(signings) == 1 and _codes(signings[0]) == {"KEN", "NOR"}


def test_people_present_at_the_signing_ceremony_add_no_ceremony_or_side(extract):
    text = ("Nepal and Bangladesh signed four agreements on power trade and transit in Kathmandu on Monday. "
            "Energy Minister Deepak Khadka, Minister for Commerce Tapan Das and Foreign Secretary Amrit Rai "
            "were present at the signing ceremony.")
    signings = of_type(extract(text), "signing")
    assert len(signings) == 1 and _codes(signings[0]) == {"NPL", "BGD"}


def test_the_agreement_signed_by_other_sides_another_day_is_a_signing_of_its_own(extract):
    text = ("Chile and Peru signed a customs agreement in Lima on Monday. "
            "A week later, the agreement was signed by Bolivian President Luis Arce and Paraguayan President "
            "Santiago Pena in Asuncion.")
    signings = of_type(extract(text), "signing")
    assert len(signings) == 2


def test_a_day_whose_year_the_sentence_gives_apart_is_that_years(extract):
    # "On March 4, 1998," heads the sentence: the signing is of 1998, not this March.
    text = ("Vietnamese and Thai officials renewed a fisheries accord in Bangkok on Friday. "
            "On March 4, 1998, Vietnamese Prime Minister Phan Van Khai and Thai Prime Minister Chuan Leekpai "
            "signed the first version of the accord.")
    signings = of_type(extract(text, published="2024-06-08"), "signing")
    assert not any((s["date"] or "").startswith("2024-03") for s in signings)


def test_a_document_named_in_quotation_marks_is_signed(extract):
    # A few words in quotation marks name the document; they quote nobody.
    text = ('Kenyan President William Ruto and Ethiopian Prime Minister Abiy Ahmed have signed a "strategic '
            'framework" at the close of their talks in Addis Ababa.')
    signings = of_type(extract(text), "signing")
    assert len(signings) == 1 and _codes(signings[0]) == {"KEN", "ETH"}


def test_the_two_governments_are_the_pair_named_just_before_when_no_talks_are_told(extract):
    text = ("Brazil and Japan renewed their space cooperation accord in Tokyo on Tuesday. "
            "Officials from the two governments signed a protocol extending it by ten years.")
    signings = of_type(extract(text), "signing")
    assert len(signings) == 1 and _codes(signings[0]) == {"BRA", "JPN"}



def test_an_earlier_years_signing_takes_no_pair_from_the_sentence_before(extract):
    text = ("Cabinet approved the renewal of the trade framework between Ghana and Togo on Thursday. "
            "The framework was signed between the two governments in March 2009 in Lome.")
    assert of_type(extract(text), "signing") == []


def test_legal_instruments_are_signed_documents(extract):
    text = "Zambia and Malawi signed on Tuesday, in Lusaka, six legal instruments on trade, health and transport."
    signings = of_type(extract(text), "signing")
    assert len(signings) == 1 and _codes(signings[0]) == {"ZMB", "MWI"} and signings[0]["location"] == "Lusaka"



def test_a_place_in_what_the_signed_documents_are_for_is_not_the_ceremonys(extract):
    text = "Nigeria and Morocco signed agreements worth $25 billion to build and run a fertiliser plant in Mombasa."
    signings = of_type(extract(text), "signing")
    assert len(signings) == 1 and signings[0]["location"] is None


def test_leaders_witnessing_and_ministers_signing_in_one_sentence_are_one_signing(extract):
    events = extract("ACCRA, 14 May 2025 – President Kofi Boateng received President Awa Sarr of Senegal on Wednesday.\n"
                     "The two presidents witnessed the signing of four agreements on fisheries and energy, signed by "
                     "Foreign Minister Efua Mensah and her Senegalese counterpart Moussa Fall.", published="2025-05-14")
    assert len(of_type(events, "signing")) == 1


def test_the_agreement_signed_told_again_under_a_future_verb_is_the_signing_told(extract):
    events = extract("Tartu Mayor Liis Tamm and Turku Mayor Mikko Laine signed a twinning agreement on Tuesday.\n"
                     "Laine said the twinning agreement, signed in front of both city councils, would be followed by "
                     "a formal pact within two years.", published="2025-04-09")
    signings = of_type(events, "signing")
    assert len(signings) == 1 and signings[0]["status"] == "occurred"


def test_a_present_tense_when_clause_is_a_trip_ahead_and_does_not_date_the_signing(extract):
    events = extract("Mayor Ken Sato of Kobe led a delegation to Springfield on June 30 to sign a letter of intent "
                     "with Mayor Ann Lee.\n"
                     "The guests toured a school and the fire station in the morning.\n"
                     "They later had lunch with business leaders of the town.\n"
                     "In the evening the city council took up a motion on the twinning.\n"
                     "The motion was carried, and a letter of intent was signed expressing the wish to complete the "
                     "twinning when Mayor Ann Lee visits Kobe on October 4.", published="2015-07-02")
    signings = of_type(events, "signing")
    assert [(s["date"], s["status"]) for s in signings] == [("2015-06-30", "occurred")]
    lee = [v for v in of_type(events, "visit") if v["actors"][0]["name"] == "Ann Lee"]
    assert [(v["date"], v["status"]) for v in lee] == [("2015-10-04", "planned")]


def test_the_same_two_sides_signing_again_with_no_time_of_its_own_is_the_ceremony_told(extract):
    events = extract("Japanese Foreign Minister Taro Ito signed a letter of intent with US Secretary of State "
                     "Jane Cole in Washington on Monday.\n"
                     "The two then toured a museum.\n"
                     "They later had lunch with business leaders.\n"
                     "In the evening they attended a concert.\n"
                     "At the ceremony, a letter of intent on trade was also signed by Japanese Trade Minister Ken Mori "
                     "and US Commerce Secretary Paul Grant.", published="2015-07-02")
    signings = of_type(events, "signing")
    assert len(signings) == 1 and signings[0]["date"] == "2015-06-29"
    assert {a["name"] for a in signings[0]["actors"]} >= {"Taro Ito", "Ken Mori"}
