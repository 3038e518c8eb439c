"""The actor dictionary is searched by first character; it finds exactly what its one big
alternation finds."""

from __future__ import annotations

from pipeline.extract.actors import _dict_forms, _dict_matches, _dict_regex, dictionary_mentions


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(1), m.end(1), m.group(1)) for m in matches]


def test_every_name_in_every_company_is_found_as_by_the_full_regex():
    forms = _dict_forms()
    assert len(forms) > 100
    texts = [
        " ".join(forms),  # each name on its own
        "x" + "|".join(forms),  # glued to a word on the left: only the separators break words
        ",".join(f + "s" for f in forms),  # glued to a word on the right
        "".join(forms[:80]),  # names running into each other
        "; ".join(f"President {f}'s aide met {f.upper()} and {f.lower()}" for f in forms[:200]),
    ]
    for text in texts:
        assert _spans(_dict_matches(text)) == _spans(_dict_regex().finditer(text))


def test_a_multi_word_dictionary_name_in_a_sentence_is_a_person_mention():
    name = next(f for f in _dict_forms() if " " in f)
    text = f"Talks opened as {name} arrived."
    found = dictionary_mentions(text, 0, len(text), 0)
    assert [m.text for m in found] == [name]
