"""Finding quoted spans in raw text (no model needed)."""

from pipeline.extract.quotes import find_quotes


def test_straight_and_curly_quotes_are_both_found():
    text = 'He said "we are ready" and she replied \u201cso are we\u201d.'
    assert [q.text for q in find_quotes(text)] == ["we are ready", "so are we"]


def test_a_quote_split_by_an_attribution_tag_is_two_spans():
    text = '"We had hoped for peace," he said, "but we were not heard."'
    assert [q.text for q in find_quotes(text)] == ["We had hoped for peace", "but we were not heard."]


def test_a_quote_left_open_and_reopened_in_the_next_paragraph_is_one_quotation():
    text = 'She said:\n"First paragraph of the speech.\n"Second paragraph, the end."\nAfterwards, silence.'
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].text == "First paragraph of the speech. Second paragraph, the end."
    assert len(quotes[0].parts) == 2


def test_british_single_quotes_are_found_but_apostrophes_are_not_quotes():
    text = "The minister\u2019s aide said \u2018we won\u2019t back down\u2019 on Monday."
    assert [q.text for q in find_quotes(text)] == ["we won\u2019t back down"]


def test_offsets_point_into_the_text():
    text = 'Intro. "Exact words here," said Ms Smith.'
    q = find_quotes(text)[0]
    assert text[q.start:q.end].rstrip(",") == "Exact words here"


def test_an_embedded_post_above_its_signature_line_is_a_quotation_of_its_author():
    text = ("The minister met his host.\nGreat talks today on trade. pic.twitter.com/AbC123\n"
            "\u2014 Vikram Rao (@MoS_Office) September 22, 2022\n\"A quoted line,\" he said.")
    quotes = find_quotes(text)
    post = quotes[0]
    assert post.text == "Great talks today on trade."
    assert post.signed is not None and text[post.signed[0]:post.signed[1]] == "Vikram Rao"
    assert [q.text for q in quotes[1:]] == ["A quoted line"] and quotes[1].signed is None



def test_two_apostrophes_for_a_double_mark_are_one_quotation_and_the_split_keeps_it_whole():
    from pipeline.extract.prepare import prepare

    text = ("''Glad to see the minister again. We spoke about ports and power,'' she wrote on Monday. "
            "The minister''s office did not reply.")
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == ["Glad to see the minister again. We spoke about ports and power"]
    assert text[quotes[0].start:quotes[0].start + 4] == "Glad"
    # the quotation is one analysis unit with its attribution
    assert prepare(text).sentences[0].text.endswith("she wrote on Monday.")


def test_a_post_quoted_between_two_apostrophe_marks_is_its_authors_statement(extract):
    from events_of import of_type

    text = ("Foreign Minister Amara Diallo met her Ghanaian counterpart in Accra on Monday.\n"
            "''Good talks with my colleague. Agreed to meet again soon,'' Diallo posted on X.")
    statement = of_type(extract(text, "2026-03-02"), "statement")[0]
    assert statement["speaker"]["name"] == "Amara Diallo"
    assert statement["quote"].startswith("Good talks with my colleague")
