"""The word sets and regexes the rules read, each generated from one lexicon list.

Nothing here is a list of its own: titles, particles, speech verbs, triggers, agreement words
and cues come from `pipeline/extract/lexicon/*.yaml`, and every regex that looks for them is
built from the same entries (with their inflected forms, `wordforms.forms`), so the sentence
pre-filter, the name finders and the trigger rules cannot drift apart.
"""

from __future__ import annotations

import re

from pipeline.extract import lexicon
from pipeline.extract.wordforms import alternation, compile_guarded, forms

_TITLES = lexicon.load("titles")
_NAMES = lexicon.load("names")
_SPEECH = lexicon.load("speech")
_TRIGGERS = lexicon.load("triggers")


def _words(entries) -> set[str]:
    return {w for e in entries for w in e.lower().split()} - {"of", "the"}


def _bare(word: str) -> str:
    return word.rstrip(".")


# --- titles -------------------------------------------------------------------------------------

TITLE_NOUNS: frozenset[str] = frozenset(_TITLES["heads"])
HONORIFICS: tuple[str, ...] = tuple(_TITLES["honorifics"])
RANKS: tuple[str, ...] = tuple(_TITLES["ranks"])
NAME_TITLES: tuple[str, ...] = tuple(_TITLES["name_titles"])
ROLE_SYNONYMS: dict[str, str] = dict(_TITLES["portfolios"])
ROLE_WORDS: frozenset[str] = frozenset(ROLE_SYNONYMS)
TITLE_COUNTRY: dict[str, str] = dict(_TITLES["title_countries"])
SHORT_TITLES: dict[str, str] = dict(_TITLES["short_titles"])
# Offices held at home (their holders are of the dateline's country when the text names none)
DOMESTIC_TITLE_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(_TITLES["domestic_titles"], key=len, reverse=True))
    + r")\b", re.I)
# Words right before a name that give its gender ("Mrs Banda", "First lady Grace Banda")
FEMALE_BEFORE_RE = re.compile(rf"\b(?:{alternation(_TITLES['female_forms'], inflect=False)})\.?,?\s+$", re.I)
MALE_BEFORE_RE = re.compile(rf"\b(?:{alternation(_TITLES['male_forms'], inflect=False)})\.?,?\s+$", re.I)
# Words that are part of a title, not of a name (lower-case; with and without a final dot).
TITLE_WORDS: frozenset[str] = frozenset(
    TITLE_NOUNS | _words(NAME_TITLES) | _words(_TITLES["modifiers"]) | ROLE_WORDS
    | {h for h in HONORIFICS if " " not in h} | {_bare(h) for h in HONORIFICS if " " not in h}
    | {h.rstrip("'") for h in HONORIFICS if " " not in h}
    | set(RANKS) | {_bare(r) for r in RANKS})


def _cased(entry: str) -> str:
    """A title as written before a name: a lower-case entry in either case of its first letter."""
    body = re.escape(entry).replace(r"\ ", r"\s+").replace(r"\-", "[- ]")
    if entry[:1].islower():
        return f"[{entry[0].upper()}{entry[0]}]{body[1:]}"
    return body


def _dotted(entry: str) -> str:
    """An abbreviation with an optional final dot ("Mr" and "Mr."), capitalised."""
    cap = entry.upper() if "." in entry.rstrip(".") else " ".join(w[:1].upper() + w[1:] for w in entry.split(" "))
    body = re.escape(cap.rstrip(".")).replace(r"\ ", r"\s+").replace(r"\.", r"\.\s?").replace("'", "['’]?")
    return body + (r"\.?" if entry.endswith(".") else "")


# Everything written right before a person's name: titles, ranks, honorifics (longest first).
_BEFORE_NAME = "|".join(
    x for _, x in sorted({(len(e), _cased(e)) for e in NAME_TITLES} | {(len(e), _dotted(e)) for e in RANKS}
                         | {(len(e), _dotted(e)) for e in HONORIFICS}, key=lambda t: (-t[0], t[1])))
BEFORE_NAME_RE = re.compile(rf"(?:{_BEFORE_NAME})\s+$")

PARTICLES: frozenset[str] = frozenset(_NAMES["particles"])
# Particles inside a name, also capitalised as in "Mohammed bin Abdulrahman Al Thani" and "Abu
# Bakr", so that the name is not cut before its last word.
_PARTICLE_ALT = "|".join(sorted(PARTICLES | {p.capitalize() for p in PARTICLES if len(p) > 1},
                                key=lambda p: (-len(p), p)))
NAME_TOKEN = r"[A-Z][\w’'.\-]*"
# a word after a name's first, also a particle joined by a hyphen to the family name ("Ali al-Sadiq")
_LATER_NAME_TOKEN = rf"(?:(?:{'|'.join(sorted(PARTICLES, key=len, reverse=True))})-)?{NAME_TOKEN}"
_HONORIFIC_ALT = "|".join(sorted({_dotted(h) for h in HONORIFICS}, key=len, reverse=True))
# "President Vladimir Putin", "Foreign Minister Wang Yi", "leader Kim Jong-un", "Mr Stoltenberg";
# forms of address between the title and the name are skipped ("Minister Datuk Seri Dr X")
# the portfolio of "Minister of Foreign Affairs X", "Minister for Trade and Industry X"
_PORTFOLIO = "|".join(sorted({w.capitalize() for w in _words(_TITLES["modifiers"]) | ROLE_WORDS if w.isalpha()},
                             key=len, reverse=True))
TITLE_NAME_RE = compile_guarded(
    rf"\b(?:{_BEFORE_NAME})(?:\s+(?:of|for)(?:\s+(?:the|and|&))?(?:\s+(?:{_PORTFOLIO})(?:\s+(?:and|&))?)+)?"
    rf"\s+(?:(?:{_HONORIFIC_ALT})\s+)*(?!(?:{_PORTFOLIO})\b)({NAME_TOKEN}(?:\s+(?:(?:{_PARTICLE_ALT})\s+)*{_LATER_NAME_TOKEN}){{0,3}})")
# "Special Envoy for Sudan Ramtane Lamamra", "Ambassador to China Li Wei": a place between the
# title and the name (the caller splits the place off)
# "Minister of Foreign Affairs of Sri Lanka Dinesh Gunawardena": a portfolio, then the place
TITLE_FOR_PLACE_RE = compile_guarded(
    rf"\b(?:{_BEFORE_NAME})(?:\s+(?:of|for)(?:\s+(?:the|and|&))?(?:\s+(?:{_PORTFOLIO})(?:\s+(?:and|&))?)+)?"
    rf"\s+(?:for|to|of|in)\s+(?:the\s+)?({NAME_TOKEN}(?:\s+{NAME_TOKEN}){{2,5}})")
# "Speaker of the Council of the Nation X Y", "Leader of the Opposition in the National Assembly X Y":
# a body named by capitalised words between the title and the name (the caller cuts the name
# after the body's last word)
TITLE_OF_BODY_RE = compile_guarded(
    rf"\b(?:{_BEFORE_NAME})\s+of\s+the\s+((?:{NAME_TOKEN}|of|the|in|and|&)(?:\s+(?:{NAME_TOKEN}|of|the|in|and|&)){{2,12}})")
# ", NAME," after a title phrase ("the Minister of Foreign Affairs of X, NAME,")
APPOSITIVE_NAME_RE = re.compile(
    rf",\s+((?:{_dotted('dr.')}\s+|{_dotted('mr.')}\s+|{_dotted('ms.')}\s+|{_dotted('mrs.')}\s+)?"
    rf"[A-Z][\w'’\-]+(?:\s+(?:(?:{_PARTICLE_ALT})\s+)*[A-Z][\w'’\-]+){{1,4}})\s*,")

_LEADING = "|".join(["the", "former", "acting", "then", "his", "her"]
                    + sorted({_dotted(h).lower() for h in HONORIFICS}, key=len, reverse=True))
_MODIFIER_ALT = alternation(set(_TITLES["modifiers"]) | set(ROLE_WORDS), inflect=False)
_TITLE_ALT = alternation({t.lower() for t in NAME_TITLES} | set(TITLE_NOUNS), inflect=False, tree=False).replace(
    "\\-", "[- ]")
_RANK_ALT = "|".join(_dotted(r).lower() for r in RANKS)
# Title words in front of a name, repeated ("Deputy Prime Minister", "Russia's Foreign Minister")
TITLE_PREFIX_RE = re.compile(
    rf"^(?:(?:{_LEADING})\s+|(?:[A-Z][a-z]+(?:'s)?\s+){{0,2}}(?:(?:{_MODIFIER_ALT})\s+)*(?:{_TITLE_ALT}|{_RANK_ALT})\s+)+",
    re.I)
# Honorifics in front of a name of three words or more ("Sayyid Badr Albusaidi")
HONORIFIC_RE = re.compile(
    "^(?:" + "|".join(sorted({_dotted(h) for h in HONORIFICS} | {_cased("Sheikh")}, key=len, reverse=True))
    + r")\s+")

# The words of the forms of address of several words ("Tan Sri", "Datuk Seri", "His Highness"):
# never the first word of the name after them
HONORIFIC_WORDS: frozenset[str] = frozenset(w for h in HONORIFICS if " " in h for w in h.split())
NOT_NAMES: frozenset[str] = frozenset(_NAMES["not_names"])
# Titles that are also a word of a name after a given name ("Hassan Sheikh Mohamud")
INNER_TITLES: frozenset[str] = frozenset(_NAMES["inner_titles"])
HEADLINE_VERBS: frozenset[str] = frozenset(_NAMES["headline_verbs"])
LOCAL_OFFICES: frozenset[str] = frozenset(_TITLES["local_offices"])
# Offices "the two leaders" can mean
LEADER_OFFICES: frozenset[str] = frozenset(_TITLES["leader_offices"])
NOT_NAME_WORDS: frozenset[str] = frozenset(_NAMES["not_name_words"])
# An organisation's name up to its hyphen-linked word ("Pakistan Tehreek-e-Insaf ") at a name's start
_ORG_LINKS = "|".join(map(re.escape, _NAMES["organisation_links"]))
# right after a tagged name, a link that makes it the start of an organisation's name ("Pakistan
# Tehreek" of "Pakistan Tehreek-e-Insaf")
ORGANISATION_LINK_AFTER_RE = re.compile(rf"-(?:{_ORG_LINKS})-[A-Z]")
ORGANISATION_RUN_RE = re.compile(
    rf"^.*\b[A-Z][\w'’]*-(?:{_ORG_LINKS})-[A-Z][\w'’]*(?:\s+|$)")
NAME_STOPS: frozenset[str] = frozenset(_NAMES["name_stops"])
STOP_NAME_WORDS: frozenset[str] = NOT_NAMES | NAME_STOPS
ABBREVIATIONS: frozenset[str] = frozenset(_NAMES["abbreviations"]) | frozenset(_NAMES["name_abbreviations"])
# The full stop of a short form in front of a name ("Engr. Abdullahi Sule", "Lt. Col. Ali"),
# which the parser would read as a sentence's end (group 1: the stop)
NAME_ABBREVIATION_STOP_RE = re.compile(
    r"\b(?:" + "|".join(sorted((a.capitalize() for a in _NAMES["name_abbreviations"]), key=len, reverse=True))
    + r")(\.)(?=[ \t]+[A-Z])")
# "the Gandhi statue", "the Nelson Mandela Foundation": a name naming a thing, not a person
NAMED_AFTER_RE = re.compile(rf"\s+(?:{alternation(_NAMES['named_after'], inflect=False)})\b", re.I)

# --- speech ---------------------------------------------------------------------------------------

SPEECH_LEMMAS: frozenset[str] = frozenset(_SPEECH["speech_verbs"])
# Verbs that attribute a quotation: the speech verbs and those translated copy uses.
ATTRIBUTION_LEMMAS: frozenset[str] = SPEECH_LEMMAS | frozenset(_SPEECH["attribution_verbs"])
# Nouns heading an institution's name ("the Foreign Ministry") and nouns for its voice ("the
# statement said"); both speak for an institution.
# Quotation marks around a name, a slogan or a title: the words before the opening mark that say
# so whatever is quoted; those before a Title-Cased quotation; the nouns after one
_NAME_CUES = alternation(_SPEECH["name_cues"], inflect=False)
# ('the slogan "…"', 'The theme of the summit is "…"', 'chose "…" as the theme')
NAME_CUE_BEFORE_RE = re.compile(
    rf"\b(?:{_NAME_CUES})(?:\s+(?:of|for)\s+(?:the\s+)?[\w'’\-]+(?:\s+[\w'’\-]+)?)?(?:\s+(?:is|was|will\s+be))?:?\s*$",
    re.I)
NAME_CUE_AFTER_RE = re.compile(rf"^[,.]?\s+as\s+(?:the|its|his|her|their|a|an)\s+(?:{_NAME_CUES})\b", re.I)
NAME_GIVER_BEFORE_RE = re.compile(rf"(?:\b(?:{alternation(_SPEECH['name_givers'], inflect=False)})|['’]s)\s*$", re.I)
NAMED_THING_AFTER_RE = re.compile(rf"^\s*(?:{alternation(_SPEECH['named_things'], inflect=False)})s?\b", re.I)
BODY_NOUNS: frozenset[str] = frozenset(_SPEECH["institutions"])
VOICE_NOUNS: frozenset[str] = frozenset(_SPEECH["voices"])
# "In his opinion, " / "in her words:" right before a quotation (the pronoun is the speaker)
OPINION_FRAME_RE = re.compile(
    rf"\b(?:in|to)\s+(his|her)\s+(?:{alternation(_SPEECH['opinion_frames'], inflect=False)})\s*[,:]?\s*$", re.I)
OFFICE_ADJECTIVES: frozenset[str] = frozenset(_SPEECH["office_adjectives"])
# Heads in other languages (folded as written) -> the English head they stand for; the words
# linking a head to what it is of.
FOREIGN_BODY_HEADS: dict[str, str] = dict(_SPEECH["foreign_institutions"])
INSTITUTION_LINKS: tuple[str, ...] = tuple(_SPEECH["institution_links"])
# Heads of a state's own bodies, which speak for the dateline's country when named without one.
HOME_BODY_NOUNS: frozenset[str] = frozenset(_SPEECH["home_institutions"]) & BODY_NOUNS
INSTITUTION_NOUNS: frozenset[str] = BODY_NOUNS | VOICE_NOUNS
# Every inflected form of the attribution verbs ("said", "wrote", "adds"), for text without a parse.
SPEECH_FORMS: frozenset[str] = frozenset(f for lemma in ATTRIBUTION_LEMMAS for f in forms(lemma))


def _foreign_attribution(phrase: str) -> str:
    out = re.escape(phrase).replace(r"\{name\}", r"(?P<name>(?:[A-Z][\w.'’\-]*\s+){0,4}[A-Z][\w.'’\-]*)")
    out = out.replace(r"\ …\ ", r"\s+(?:\S+\s+){0,3}?").replace(r"\ ", r"\s+")
    # a name first may follow a few words of the other language ("Nepal ke Foreign Minister X ne")
    return r"(?:[^\s\"“”]+\s+){0,3}?" + out if phrase.startswith("{name}") else out


# Attribution in the other language of code-switching copy, right after a quotation, each with
# the speaker's name (group "name") or meaning "he/she said"; the named ones first.
FOREIGN_ATTRIBUTIONS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(r"^[\s,;:—–-]*" + _foreign_attribution(p) + r"(?![\w'’])")
    for p in sorted(_SPEECH["foreign_attribution"], key=lambda p: ("{name}" not in p, -len(p))))
# Named speaking bodies: folded alias -> (name, country code)
SPEAKING_BODIES: dict[str, tuple[str, str]] = {
    alias: (name, b["code"]) for name, b in _SPEECH["bodies"].items() for alias in b["aliases"]}

# --- triggers and cues -----------------------------------------------------------------------------

TRIGGER_CLASSES: dict[str, frozenset[str]] = {
    name: frozenset(c["lemmas"]) for name, c in _TRIGGERS["classes"].items()}
TRIGGER_TYPES: dict[str, str] = {name: c["type"] for name, c in _TRIGGERS["classes"].items()}
AGREEMENT_RE = re.compile(rf"\b(?:{alternation(_TRIGGERS['agreements'])})\b", re.I)
REMOTE_RE = re.compile(rf"\b(?:{alternation(_TRIGGERS['remote_cues'], inflect=False)})\b", re.I)
WELCOME_LEMMAS: frozenset[str] = frozenset(_TRIGGERS["welcome_verbs"])
# What is attended, addressed or chaired: the gatherings and occasions, with the nouns that place one
GATHERINGS: frozenset[str] = frozenset(_TRIGGERS["gatherings"]) | TRIGGER_CLASSES["gathering_nouns"]
_GATHERING_ALT = f"(?:{alternation(sorted(GATHERINGS))})"
GATHERING_RE = re.compile(rf"\b{_GATHERING_ALT}\b", re.I)
AIRPORT_WORDS: frozenset[str] = frozenset(_TRIGGERS["airport_words"])
ARRIVAL_NOUNS: frozenset[str] = frozenset(_TRIGGERS["arrival_nouns"])
POSSIBILITY_NOUNS: frozenset[str] = frozenset(_TRIGGERS["possibility_nouns"])
HOSTED_OCCASIONS: frozenset[str] = frozenset(_TRIGGERS["hosted_occasions"])
GUEST_NOUNS: frozenset[str] = frozenset(_TRIGGERS["guest_nouns"])
COCHAIRING_VERBS: frozenset[str] = frozenset(_TRIGGERS["cochairing_verbs"])
CALL_PLACES: frozenset[str] = frozenset(_TRIGGERS["call_places"])
TRIBUTES: frozenset[str] = frozenset(_TRIGGERS["tributes"])
ENTOURAGES: frozenset[str] = frozenset(_TRIGGERS["entourages"])
KIN_WORDS: frozenset[str] = frozenset(_TRIGGERS["kin_words"])
# "his wife Olena", "her husband, Jose Reyes", "first lady Jill Biden", "..., daughter Ivanka": the
# kin's name (one to four capitalised words) after a possessive or inside a list
_KIN_ALT = alternation(_TRIGGERS["kin_words"], inflect=False)
KIN_NAME_RE = re.compile(
    rf"(?:\b(?:his|her|their|and)\s+(?:{_KIN_ALT})|,\s+(?:{_KIN_ALT})|\bfirst\s+(?:lady|gentleman))\s*,?\s+"
    rf"((?-i:[A-Z])[\w'’\-]+(?:\s+(?-i:[A-Z])[\w'’\-]+){{0,3}})", re.I)
KIN_BEFORE_RE = re.compile(rf"\b(?:{_KIN_ALT})\s*,?\s*$", re.I)
SPOUSE_BEFORE_RE = re.compile(rf"\b(?:{alternation(_TRIGGERS['spouse_words'], inflect=False)})\s*,?\s*$", re.I)
WITHIN_TRIP_PREPS: frozenset[str] = frozenset(_TRIGGERS["within_trip_preps"])
ITINERARIES: frozenset[str] = frozenset(_TRIGGERS["itineraries"])
VEHICLES: frozenset[str] = frozenset(_TRIGGERS["vehicles"])
CANCEL_LEMMAS: frozenset[str] = frozenset(_TRIGGERS["cancel_verbs"])
PLAN_HEADS: frozenset[str] = frozenset(_TRIGGERS["plan_verbs"])
INTENT_HEADS: frozenset[str] = frozenset(_TRIGGERS["intent_verbs"])
PLANNED_MODIFIERS: frozenset[str] = frozenset(_TRIGGERS["planned_modifiers"])
# spelling (folded) -> the format's name
SESSION_FORMATS: dict[str, str] = {
    w.lower(): entry.split("|")[0] for entry in _TRIGGERS["session_formats"] for w in entry.split("|")}
SESSION_RE = re.compile(
    r"\b(" + "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*")
                      for w in sorted(SESSION_FORMATS, key=len, reverse=True)) + r")\b", re.I)
SEPARATE_RE = re.compile(rf"\b(?:{alternation(_TRIGGERS['separate_cues'], inflect=False)})\b", re.I)
# (a clause's text is its tokens joined by spaces: "follow - up")
FOLLOW_UP_RE = re.compile(rf"\b(?:{alternation(_TRIGGERS['follow_up_cues'], inflect=False)})\b".replace(r"\-", r"\s*-\s*"),
                          re.I)
ONE_SESSION_RE = re.compile(rf"\b(?:{alternation(_TRIGGERS['one_session_cues'], inflect=False)})\b".replace(r"\-", r"\s*-\s*"),
                            re.I)
# ("each other" is no session of each: "met A and B to discuss each other's concerns")
ONE_EACH_RE = re.compile(rf"\b(?:{alternation(_TRIGGERS['one_each_cues'], inflect=False)})\b(?!\s+other\b)", re.I)
SEQUENCE_ADVERBS: frozenset[str] = frozenset(_TRIGGERS["sequence_adverbs"])
ONE_TO_ONE_WORDS: frozenset[str] = frozenset(_TRIGGERS["one_to_one_words"])
PLURAL_SESSIONS: frozenset[str] = frozenset(_TRIGGERS["plural_sessions"])
SIDELINE_WORDS: frozenset[str] = frozenset(_TRIGGERS["sideline_words"])
MANY_SIDED_RE = re.compile(rf"\b(?:{alternation(_TRIGGERS['many_sided_gatherings'])})\b", re.I)
ARRIVAL_VERBS: frozenset[str] = frozenset(_TRIGGERS["arrival_verbs"])
ENDING_VERBS: frozenset[str] = frozenset(_TRIGGERS["ending_verbs"])
COLLECTIVES: frozenset[str] = frozenset(_TRIGGERS["collectives"])
MEMBERSHIP_VERBS: frozenset[str] = frozenset(_TRIGGERS["membership_verbs"])
TIME_CLAUSE_MARKS: frozenset[str] = frozenset(_TRIGGERS["time_clause_marks"])
GATHERING_DRAWS: frozenset[str] = frozenset(_TRIGGERS["gathering_draws"])
CALLING_VERBS: frozenset[str] = frozenset(_TRIGGERS["calling_verbs"])
RECEPTION_VERBS: frozenset[str] = frozenset(_TRIGGERS["reception_verbs"])
STILL_DUE_VERBS: frozenset[str] = frozenset(_TRIGGERS["still_due_verbs"])
WISH_VERBS: frozenset[str] = frozenset(_TRIGGERS["wish_verbs"]) | STILL_DUE_VERBS
ATTENDANCE_NOUNS: frozenset[str] = frozenset(_TRIGGERS["attendance_nouns"])


def _prefilter_pattern() -> str:
    parts = []
    for c in _TRIGGERS["classes"].values():
        alt = f"(?:{alternation(c['lemmas'])})"
        parts.append(c.get("prefilter", "{w}").replace("{w}", alt).replace("{g}", _GATHERING_ALT))
    return r"\b(?:" + "|".join(parts) + r")\b"


# The sentence pre-filter: a sentence with none of these (and no quotation) holds no event.
EVENT_RE = compile_guarded(_prefilter_pattern(), re.I)


def lemma_forms(lemma: str) -> frozenset[str]:
    return forms(lemma)
