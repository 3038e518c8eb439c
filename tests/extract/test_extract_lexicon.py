"""The word lists as data: one loader, validated files, generated regexes, shipped in the wheel."""

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.extract import CODER_VERSION, lexicon, vocabulary
from pipeline.extract.sentences import has_event_word
from pipeline.extract.wordforms import alternation, first_char_guard, forms

ROOT = Path(__file__).resolve().parents[2]
LEXICON_DIR = ROOT / "pipeline" / "extract" / "lexicon"


@pytest.mark.parametrize("name", lexicon.FILES)
def test_every_lexicon_file_loads_and_validates(name):
    data = lexicon.load(name)
    assert isinstance(data, dict) and data


def test_a_missing_file_raises_a_clear_error(tmp_path):
    with pytest.raises(lexicon.LexiconError, match=r"titles\.yaml is missing"):
        lexicon.read("titles", tmp_path)


def test_an_invalid_file_names_the_file_and_the_place(tmp_path):
    (tmp_path / "speech.yaml").write_text("speech_verbs: [say, tell]\nattribution_verbs: {express: 1}\n"
                                          "institutions: [ministry]\nvoices: [statement]\nbodies: {}\n"
                                          "foreign_attribution: [aniya]\nhome_institutions: [ministry]\n"
                                          "foreign_institutions: {ministère: ministry}\ninstitution_links: [of]\n"
                                              "name_cues: [dubbed]\nname_givers: [the]\nnamed_things: [plan]\n"
                                          "office_adjectives: [presidential]\nopinion_frames: [opinion]\n")
    with pytest.raises(lexicon.LexiconError, match=r"speech\.yaml is invalid at attribution_verbs"):
        lexicon.read("speech", tmp_path)
    (tmp_path / "names.yaml").write_text("particles: [bin, al\n")
    with pytest.raises(lexicon.LexiconError, match=r"names\.yaml is not valid YAML"):
        lexicon.read("names", tmp_path)


def test_yaml_words_that_look_like_booleans_stay_words():
    assert "On" in lexicon.load("names")["not_names"]
    assert "no" in lexicon.load("names")["abbreviations"]


def test_the_lists_content_hash_is_part_of_the_coder_version():
    assert re.fullmatch(r"spacy-rules-\d+\.\d+\+[0-9a-f]{8}", CODER_VERSION)
    assert CODER_VERSION.endswith("+" + lexicon.content_hash()[:8])
    assert lexicon.content_hash() == lexicon.content_hash()


@pytest.mark.parametrize("sentence", [
    "The minister made a stopover in Doha on the way home.",
    "She jetted into Nairobi on Monday.",
    "The president took him to the new port.",
    "The two leaders will sit down in Geneva.",
    "He left Paris on Monday for Rome.",
    "The envoy paid a courtesy call on the king.",
])
def test_the_pre_filter_keeps_sentences_the_rules_can_code(sentence):
    assert has_event_word(sentence)


def test_the_pre_filter_matches_every_form_of_every_trigger_lemma():
    for name, cls in lexicon.load("triggers")["classes"].items():
        if "prefilter" in cls:
            continue  # triggers only in the company its template names
        for lemma in cls["lemmas"]:
            for form in forms(lemma):
                assert has_event_word(f"They {form} there."), (name, form)


def test_background_sentences_are_not_parsed():
    assert not has_event_word("Shares in the State Department's contractor rose 3% on Tuesday.")


def test_no_word_list_is_written_again_in_the_code():
    # sentinel words from the lists: they live in the YAML files and nowhere in the coder's Python
    sentinels = ["spokeswoman", "sayyid", "memorandum", "stopover", "luncheon", "bint", "taoiseach",
                 "videoconference", "armistice", "reaffirm", "archipelago", "attract", "wrap", "insist"]
    for path in (ROOT / "pipeline" / "extract").rglob("*.py"):
        code = path.read_text(encoding="utf-8").lower()
        for word in sentinels:
            assert f'"{word}"' not in code and f"|{word}|" not in code, (path.name, word)


def test_titles_regexes_come_from_the_title_list():
    assert vocabulary.TITLE_NAME_RE.search("talks with Taoiseach Micheal Martin") is None  # not a name title
    m = vocabulary.TITLE_NAME_RE.search("talks with Crown Prince Mohammed bin Salman")
    assert m and m.group(1) == "Mohammed bin Salman"


def test_a_wheel_ships_the_lists_and_the_schema(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(ROOT),
                    "-w", str(tmp_path)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("pipeline-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        z.extractall(tmp_path / "site")
    for path in LEXICON_DIR.glob("*.yaml"):
        assert f"pipeline/extract/lexicon/{path.name}" in names
    assert "pipeline/extract/event.schema.json" in names
    # the installed copy loads its own lists, not the source checkout's
    probe = ("import pipeline.extract.lexicon as l, pipeline.extract.actors as a, pipeline.extract.record as r;"
             "print(l.__file__); print(len(a.actor_dictionary())); print(r.schema()['title'])")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site")},
                         capture_output=True, text=True, timeout=120, check=True).stdout.split()
    assert out[0].startswith(str(tmp_path / "site")) and int(out[1]) > 100 and out[2] == "EventRecord"


def test_an_alternation_written_as_a_tree_matches_what_the_flat_list_matches():
    words = ["meet", "meeting", "meetings", "met", "memorandum", "head of state", "head", "heads of state",
             "co-chair", "sit down", "sit"]
    flat = re.compile(rf"\b(?:{alternation(words, inflect=False, tree=False)})", re.I)
    tree = re.compile(rf"\b(?:{alternation(words, inflect=False)})", re.I)
    assert tree.pattern != flat.pattern
    text = ("The heads  of state met; a Meeting of heads of the two sides; the head of State will co-chair "
            "and sit down with the head; memoranda, meetings, meets")
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]
    # the longest form that lets the rest of the pattern match wins, as in the flat list
    alt = alternation(words, inflect=False)
    assert re.search(rf"(?:{alt})\b", "the heads of state", re.I).group(0) == "heads of state"
    assert re.search(rf"(?:{alt})(?= of)", "the head of state", re.I).group(0) == "head"


def test_a_first_character_guard_keeps_every_match_of_its_pattern():
    pattern = r"(?<![\w'])(?:(?:last|next)\s+)?(?:Monday|(?-i:Lunes)|day\s+after)\b|‘(?=\w)"
    guard = first_char_guard(pattern, re.I)
    assert guard.startswith("(?=[") and guard.endswith(pattern)
    # the letters that can open a match, and only them (in a case-insensitive pattern, either case)
    assert set(guard[4:guard.index("])")]) == set("lnMLd‘")
    text = ("Next Monday, LUNES and lunes; the day  after; last monday's ‘quote’ and ‘ alone; "
            "o'Monday, fastmonday, Lunes.")
    plain, guarded = re.compile(pattern, re.I), re.compile(guard, re.I)
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert plain.findall(text) == ["Next Monday", "day  after", "last monday", "‘", "Lunes"]
    # no guard where a match may open with any character, or with none
    for open_start in (r"\w+day", r"(?:on\s+)?", r"[^,]+,", r"(a)?\1"):
        assert first_char_guard(open_start) == open_start


def test_the_guarded_pre_filter_finds_what_the_plain_one_finds():
    plain = re.compile(vocabulary._prefilter_pattern(), re.I)
    assert vocabulary.EVENT_RE.pattern != plain.pattern
    sentences = [f"{w.capitalize()} in Paris." for c in vocabulary._TRIGGERS["classes"].values()
                 for lemma in c["lemmas"] for w in forms(lemma)] + ["Markets closed higher.", "Xi's visit, then"]
    for s in sentences:
        a, b = plain.search(s), vocabulary.EVENT_RE.search(s)
        assert (a and a.span()) == (b and b.span()), s
