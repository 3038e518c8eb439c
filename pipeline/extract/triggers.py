"""Words that make a sentence an event of one of the four types, and the cues that
cancel (negation, invitation, phone call) or defer (planned) it.

Works on one parsed sentence; tokens inside quotation marks never trigger (what a speaker
says happened is their statement, not the reporter's event).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.extract import gazetteer as gz
from pipeline.extract import vocabulary

# The lexicon's trigger classes (triggers.yaml) and cues, by the names the rules use.
_C = vocabulary.TRIGGER_CLASSES
SPEECH_LEMMAS = vocabulary.SPEECH_LEMMAS
AGREEMENT_WORDS = vocabulary.AGREEMENT_RE
PHONE_RE = vocabulary.REMOTE_RE
CANCEL_LEMMAS = vocabulary.CANCEL_LEMMAS
PLAN_HEADS = vocabulary.PLAN_HEADS
INTENT_HEADS = vocabulary.INTENT_HEADS
DEPART_LEMMAS = _C["departure_verbs"]
PLANNED_MODIFIERS = vocabulary.PLANNED_MODIFIERS
AIRPORT_WORDS = vocabulary.AIRPORT_WORDS
WELCOME_LEMMAS = vocabulary.WELCOME_LEMMAS
TRAVEL_LEMMAS = _C["travel_verbs"] | _C["heading_verbs"]
ARRIVAL_VERBS = vocabulary.ARRIVAL_VERBS


@dataclass(frozen=True)
class Trigger:
    type: str  # signing | visit | meeting
    i: int  # token index in the sentence doc
    lemma: str
    implied: bool = False


def _in_quote(tok, masked: str) -> bool:
    rel = tok.idx
    return rel < len(masked) and masked[rel] == " " and not tok.is_space


@dataclass(frozen=True)
class _Word:
    """One token as the trigger rules read it, with what its sentence says overall."""

    tok: Any
    lem: str
    low: str
    pos: str
    has_agreement: bool  # the sentence names something that can be signed
    phone: bool  # the sentence tells of remote contact


# A few words in quotation marks name a thing, they quote no speaker ('signed a "comprehensive
# document"'): an agreement word there counts.
_SCARE_QUOTE = re.compile(r'["\u201c]([^"\u201d.,;]{1,40})["\u201d]')

# A rule's answer: NO_MATCH lets the next rule try; None consumes the word without a trigger.
NO_MATCH: Any = object()


def find_triggers(doc, masked: str, text: str | None = None) -> list[Trigger]:
    """Event triggers in a parsed sentence. `masked` is the sentence text with quotations blanked,
    `text` (if given) the sentence as written. Each word is offered to the signing, then the
    visit, then the meeting rules; the first rule that claims it decides (it may decide that the
    word triggers nothing)."""
    # (the parse's text only blanks words of the sentence: without a double quotation mark in
    # the sentence there is no scare quote in it, and the Doc's text need not be built)
    has_agreement = AGREEMENT_WORDS.search(masked) is not None or (text is None or '"' in text or "\u201c" in text) and any(
        AGREEMENT_WORDS.search(m.group(1)) and len(m.group(1).split()) <= 4 for m in _SCARE_QUOTE.finditer(doc.text))
    phone = PHONE_RE.search(masked) is not None
    out: list[Trigger] = []
    for tok in doc:
        if not (tok.lemma_.lower() in _RULE_WORDS or tok.lower_ in _RULE_WORDS) or _in_quote(tok, masked):
            continue  # (no rule reads this word: it triggers nothing)
        w = _Word(tok, tok.lemma_.lower(), tok.lower_, tok.pos_, has_agreement, phone)
        for rule in _RULES:
            found = rule(w)
            if found is not NO_MATCH:
                if found is not None:
                    out.append(found)
                break
        placing = _placing(tok, w.lem, phone)
        if placing is not None:
            out.append(Trigger("visit", tok.i, placing))  # (besides the talks the word may be)
        if _calls_at_someones(tok):
            out.append(Trigger("meeting", tok.i, "call on"))  # (besides the visit the word may be)
        elif _chaired_with_someone(tok):
            out.append(Trigger("meeting", tok.i, "co-chair"))  # (besides the presence the word may be)
    return out


def _placing(tok, lem: str, phone: bool) -> str | None:
    """The kind of visit a word tells by placing someone somewhere, if it does."""
    if _at_a_gathering(tok):
        return "present"
    if not phone and _at_the_gathering_told(tok):  # (not "will appear at the summit virtually")
        return "gathering told"
    if _appearance_in_a_place(tok):
        return "appearance"
    if _hosted(tok, lem):
        return "hosted"
    return "welcomed to" if _welcomed_to_gathering(tok, lem) else None


def _hosted(tok, lem: str) -> bool:
    """ "X was hosted at the Elysee in Paris by Y", "was welcomed in Beijing by Y" (a guest with
    a place), "Indonesia will host X next week" (a state hosting a person)."""
    if lem not in _C["hosted_guests"] or tok.pos_ != "VERB":
        return False
    if _received_at_airport(tok):
        return True  # "X was received at the airport by Y", "Y received X at the airport": X arrived
    if tok.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in tok.children):
        return _placed(tok, ("at", "in"))
    if lem in WELCOME_LEMMAS and any(c.dep_ == "dobj" and c.ent_type_ == "PERSON" for c in tok.children) \
            and _placed(tok, ("to",)):
        return True  # "welcomed X to Hiroshima": the guest is there
    return lem == "host" and any(c.dep_ == "nsubj" and c.ent_type_ == "GPE" for c in tok.children) and any(
        c.dep_ == "dobj" and c.ent_type_ == "PERSON" for c in tok.children)


def _welcomed_to_gathering(tok, lem: str) -> bool:
    """ "X welcomed A and B to the summit": the guests are at the gathering (its place told in
    the article), the welcome is no talks."""
    return lem in WELCOME_LEMMAS and tok.pos_ == "VERB" and any(c.dep_ == "dobj" for c in tok.children) and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(x.dep_ == "pobj" and x.lemma_.lower() in vocabulary.GATHERINGS
                                                      for x in c.children) for c in tok.children)


def _received_at_airport(tok) -> bool:
    """A guest (a passive subject, or the object of "received") met at an airport: an arrival."""
    guest = any(c.dep_ == "nsubjpass" for c in tok.children) if tok.tag_ == "VBN" else any(
        c.dep_ == "dobj" for c in tok.children)
    return guest and any(c.dep_ == "prep" and c.lower_ in ("at", "on") and any(
        x.dep_ == "pobj" and x.lemma_.lower() in AIRPORT_WORDS for x in c.children) for c in tok.children)


def _attendee_word(tok, lem: str, pos: str) -> bool:
    """ "Among the attendees were A and B", "A and B were among the participants", "Also present
    were A and B"."""
    if lem in _C["attendee_nouns"]:
        if tok.tag_ == "NNS" and any(c.lower_ in ("including", "such") for c in tok.children):
            return True  # "with attendees including A, B and C", "participants such as A and B"
        if tok.tag_ == "NNS" and tok.dep_ == "nsubj" and _lists_them(tok.head):
            return True  # "Attendees included A and B"
        return tok.dep_ == "pobj" and tok.head.lower_ == "among" and tok.head.head.lemma_ == "be"
    if lem in _C["presence_adjectives"] and pos == "ADJ" and tok.dep_ == "amod" and tok.head.lower_ == "those":
        return tok.head.dep_ == "nsubj" and _lists_them(tok.head.head)  # "Those present included A and B"
    return lem in _C["presence_adjectives"] and pos == "ADJ" and tok.dep_ == "acomp" and tok.head.lemma_ == "be" \
        and not _there_to_receive(tok)


def _lists_them(verb) -> bool:
    """The verb sets out who its subject is: "were", "included", "comprised"."""
    return verb.lemma_ == "be" or verb.lemma_.lower() in vocabulary.MEMBERSHIP_VERBS


def _there_to_receive(tok) -> bool:
    """ "Also present to receive the US President were A and B": those present receive the guest
    (the hosts), they are not visiting."""
    return any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in WELCOME_LEMMAS | vocabulary.RECEPTION_VERBS
               for c in tok.children)


def _the_talks_told(tok) -> bool:
    """What is attended is "the meeting", "the talks" with nothing of their own: talks already told."""
    return any(c.dep_ in ("dobj", "nsubjpass") and the_talks_at(c) for c in tok.children)


def the_talks_at(noun) -> bool:
    """ "the meeting", "the talks at the palace on Wednesday": definite talks qualified by no more
    than their venue or day (no new city, no participants), so the talks already told."""
    return noun.lower_ in ("meeting", "talks", "discussions") \
        and any(x.dep_ == "det" and x.lower_ in ("the", "that", "this") for x in noun.children) \
        and not any(x.dep_ in ("compound", "amod", "nummod", "poss", "relcl", "acl")
                    or x.dep_ == "prep" and not _venue_or_day(x) for x in noun.children)


def _venue_or_day(prep) -> bool:
    """ "at the palace", "on Wednesday": a place that is no city or country, or a day."""
    return prep.lower_ in ("at", "on") and all(
        p.ent_type_ not in ("GPE", "LOC", "NORP", "PERSON") for p in prep.children if p.dep_ == "pobj")


def attended_gathering(tok) -> bool:
    """The verb's object is a gathering or an occasion ("addressed the summit", "chaired the
    forum"), not an audience or a thing ("addressed reporters", "opened an embassy")."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in vocabulary.GATHERINGS for c in tok.children)


def for_place_subject(clause):
    """ "leaves Washington for London to take part in the summit", parsed as "for London to take
    part" with London its subject: London (the "for" of a departure)."""
    if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
        return None
    return next((c for c in clause.children if c.dep_ == "nsubj" and c.ent_type_ in ("GPE", "LOC")), None)


def attends(tok) -> bool:
    """The word is attending something: "attended", "participated in", "took part in",
    "addressed the summit"."""
    lem = tok.lemma_.lower()
    if lem in _C["attendance_verbs"]:
        return True
    if lem == "take":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _C["part_taking"] for c in tok.children)
    if lem in _C["delegation_leading"]:
        return any(c.dep_ == "dobj" and c.lemma_.lower() == "delegation" for c in tok.children) and bool(
            sent_to(tok))
    if lem in _C["standing_in"]:
        return stands_in_for(tok) is not None
    if lem in _C["representing"]:
        return any(x.lemma_.lower() in vocabulary.GATHERINGS or x.ent_type_ == "GPE" for x in sent_to(tok)) or (
            tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)  # "China will be represented by X"
            and any(c.dep_ == "nsubjpass" and c.ent_type_ in ("GPE", "NORP") for c in tok.children))
    return lem in _C["gathering_roles"] and tok.pos_ == "VERB" and attended_gathering(tok)


def stands_in_for(tok):
    """Whom "fill in for" / "stand in for" has someone replace: the object of its "for"."""
    if tok.pos_ != "VERB" or not any(c.dep_ == "prt" and c.lower_ == "in" for c in tok.children):
        return None
    return next((x for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                 for x in c.children if x.dep_ == "pobj"), None)


def sent_to(tok) -> list:
    """Where a delegation is led or a state represented: the "to/at/in" objects of the verb or of
    its delegation ("led the delegation to the summit", "represented Kenya at the talks")."""
    holders = [tok, *[c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in ("delegation", "part")]]
    return [x for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("to", "at", "in")
            for x in c.children if x.dep_ == "pobj"]


def left_from(tok) -> list:
    """The "from" phrases of a journey home: "returning from Moscow", "on his way back from
    Washington" (the parser hangs them on the verb or on its "back")."""
    heads = [tok, *[c for c in tok.children if c.lower_ in ("back", "home") and c.dep_ in ("advmod", "npadvmod", "prt")]]
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in ("back", "home") and nxt not in heads:
        heads.append(nxt)  # "on his way back from X", wherever the parser hung the "back"
    return [x for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
            for x in c.children if x.dep_ == "pobj"]


def _at_a_gathering(tok) -> bool:
    """ "at the Pacific Islands Forum in Honiara", "on the sidelines of the summit in Antalya": a
    gathering held in a named place that the clause puts its people at."""
    return _gathering_at(tok) and _placed(tok, ("in",))


def _gathering_at(tok) -> bool:
    """A gathering's word after "at" or "on the sidelines of"."""
    if tok.dep_ != "pobj" or (tok.lower_ not in _C["gathering_nouns"] and tok.lemma_.lower() not in _C["gathering_nouns"]):
        return False
    prep = tok.head
    return prep.lower_ == "at" or (prep.lower_ == "of" and prep.head.lower_ in vocabulary.SIDELINE_WORDS)


def _appearance_in_a_place(tok) -> bool:
    """ "a speech in France", "will deliver another speech in the Czech Republic", "hold a
    roundtable in Turkey": a public appearance placed by its own "in", or by the verb it is the
    object of."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _C["appearance_nouns"]:
        return False
    return _placed(tok, ("in",)) or tok.dep_ == "dobj" and _placed(tok.head, ("in",))


def _at_the_gathering_told(tok) -> bool:
    """ "At the nuclear summit, A will meet B", "on the sidelines of the forum": a gathering the
    article placed before, named again by "the" with no place of its own."""
    if not _gathering_at(tok) or _placed(tok, ("in",)) or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return False
    # someone named or "he" is there: the subject of the verb the phrase belongs to ("A will meet B"),
    # not a topic ("Palestine will top discussions at the summit")
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and (
        c.ent_type_ == "PERSON" or c.lower_ in ("he", "she", "they")
        or c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "LOC", "NORP", "FAC")) for c in verb.children)


def _signing_rule(w: _Word) -> Trigger | None:
    tok, lem, low, pos = w.tok, w.lem, w.low, w.pos
    if lem in _C["signing_verbs"] or low == "signing":
        if low.startswith("signal") or (pos == "NOUN" and low != "signing"):
            return None
        if w.has_agreement or low == "signing" or _signs_for_a_party(tok):
            return Trigger("signing", tok.i, lem)
        return None
    if lem in _C["concluding_verbs"] and pos == "VERB" and w.has_agreement and any(
            AGREEMENT_WORDS.search(c.text) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
        return Trigger("signing", tok.i, lem)
    return NO_MATCH


def _handover_rule(w: _Word) -> Trigger | None:
    """Signed texts exchanged, signatures put to a text."""
    tok, lem, pos = w.tok, w.lem, w.pos
    if lem in _C["exchange_words"] and w.has_agreement:
        # "exchanged a set of cooperation documents", "witnessed the exchange of 12 agreements"
        return Trigger("signing", tok.i, "exchange") if _exchanges_agreements(tok) else None
    if lem in _C["signature_nouns"] and pos == "NOUN" and w.has_agreement and tok.head.lemma_.lower() in (
            "put", "affix", "set", "add"):
        return Trigger("signing", tok.i, "sign")  # "put their signatures to an agreement"
    return NO_MATCH


def _exchanges_agreements(tok) -> bool:
    """What is exchanged (the verb's object, the noun's "of" phrase) is something signed."""
    things = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    things += [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for x in c.children if x.dep_ == "pobj"]
    for t in things:  # "a set of documents": the head, or the noun of its "of" phrase
        heads = [t, *(x for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for x in c.children)]
        if any(AGREEMENT_WORDS.search(h.text) and h.lemma_.lower() not in ("plan", "program", "programme")
               for h in heads):
            return True
    return False


def _travel_rule(w: _Word) -> Trigger | None:
    """Visit words and verbs of travel, arrival and departure."""
    tok, lem, low, pos = w.tok, w.lem, w.low, w.pos
    if (lem in _C["visit_words"] or low in ("visit", "visits", "visited", "visiting")) and low not in ("visitor", "visitors"):
        return Trigger("visit", tok.i, "visit")
    if lem in TRAVEL_LEMMAS and pos == "VERB":
        return _journey(tok, lem)
    if _comes(tok, lem, pos):
        return Trigger("visit", tok.i, "arrive")
    if lem in _C["companion_words"] and pos == "VERB" or lem in _C["delegation_members"] and _of_a_delegation(tok):
        return Trigger("visit", tok.i, "accompany")
    if lem in _C["entourage_lists"] and pos == "VERB" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in vocabulary.ENTOURAGES for c in tok.children):
        return Trigger("visit", tok.i, "accompany")  # "The delegation also included A and B"
    return NO_MATCH


def _comes(tok, lem: str, pos: str) -> bool:
    """ "Next came A, B and C" (an arrival in turn), "Pavel came to Ukraine in March" (coming to
    a named place, not "came to power")."""
    if pos != "VERB":
        return False
    if lem in _C["arrival_turns"] and any(c.dep_ == "advmod" and c.i == tok.i - 1 for c in tok.children):
        return True
    return lem in _C["coming_verbs"] and _placed(tok, ("to",))


def _journey(tok, lem: str) -> Trigger | None:
    """A verb of travel with somewhere to go, someone to go with, or a gathering to go to."""
    if any(c.lower_ in ("in", "at", "to", "into") for c in tok.children):
        return Trigger("visit", tok.i, lem)
    if any(c.lower_ == "on" and not any(x.ent_type_ in ("DATE", "TIME") for x in c.children) for c in tok.children):
        return Trigger("visit", tok.i, lem)  # "arrived on the venue of the summit" (not "on Tuesday")
    if any(c.lower_ == "here" and c.dep_ == "advmod" for c in tok.children):
        return Trigger("visit", tok.i, lem)  # "arrived here on Sunday night": at the dateline's place
    if lem == "travel" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return Trigger("visit", tok.i, "accompany")  # "travelling with him are A and B"
    if _for_a_gathering(tok):
        return Trigger("visit", tok.i, "attend")  # "arrived on Tuesday for the summit": where it is held
    return None


def _for_a_gathering(tok) -> bool:
    """ "A and B arrived for the summit": a journey to a gathering the verb does not place."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(
        x.dep_ == "pobj" and (x.lemma_.lower() in vocabulary.GATHERINGS or x.lemma_.lower() in _C["gathering_nouns"])
        and not any(y.dep_ == "prep" and y.lower_ in ("with", "between") for y in x.children)
        for x in c.children) for c in tok.children)


def _of_a_delegation(tok) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        x.dep_ == "pobj" and x.lemma_.lower() == "delegation" for x in c.children) for c in tok.children)


def _arrival_rule(w: _Word) -> Trigger | None:
    """Landings, stops, presence abroad, reaching a place, departing for one."""
    tok, lem, pos = w.tok, w.lem, w.pos
    if lem in _C["touchdown_verbs"] and pos == "VERB" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        # "touched down in Lome": a landing
        return Trigger("visit", tok.i, "land") if any(c.lower_ in ("in", "at") for c in tok.children) else None
    if lem in _C["stop_words"] and _placed(tok, ("in", "at", "over")):
        return Trigger("visit", tok.i, "stop")  # "stopped in Moscow", "the stop in Doha"
    if lem in _C["presence_verbs"] and pos in ("AUX", "VERB") and tok.dep_ not in ("aux", "auxpass") \
            and _placed(tok, ("in",)):
        return Trigger("visit", tok.i, "be")  # "were already in Kathmandu" (foreigners only: events)
    if lem in _C["reaching_verbs"] and pos == "VERB" and any(
            c.dep_ == "dobj" and (c.ent_type_ in ("GPE", "LOC", "FAC") or _names_a_place(c))
            for c in tok.children):
        return Trigger("visit", tok.i, lem)  # "had already reached Kathmandu"
    if lem in DEPART_LEMMAS and pos == "VERB" and any(c.dep_ == "prep" and c.lower_ == "for" or for_place_subject(c) is not None
                                                      for c in tok.children):
        return Trigger("visit", tok.i, lem)  # "departs Abuja today for Accra"
    return NO_MATCH


def _attendance_rule(w: _Word) -> Trigger | None:
    """Attending a gathering, taking part in it, addressing or chairing it, leading a delegation
    to it (placed by roles); being listed among its attendees."""
    tok, lem, pos = w.tok, w.lem, w.pos
    if pos == "VERB" and attends(tok):
        # "attended the summit in Washington", "took part in ...", "led the delegation to ..."; not
        # "addressed the summit by video link", nor "the meeting was attended by A" (sitting in on talks told)
        return None if w.phone or _the_talks_told(tok) else Trigger("visit", tok.i, "attend")
    if _attendee_word(tok, lem, pos):
        return Trigger("visit", tok.i, "attendee")
    if lem in vocabulary.ATTENDANCE_NOUNS and pos == "NOUN" and any(c.dep_ == "poss" for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
                x.dep_ == "pobj" and x.lemma_.lower() in vocabulary.GATHERINGS for x in c.children) for c in tok.children):
        return Trigger("visit", tok.i, "attend")  # "X's participation in the summit in Istanbul"
    if lem in _C["convening_verbs"] and pos == "VERB" and _placed(tok, ("in", "at", "on")):
        return Trigger("visit", tok.i, "be")  # "leaders who gathered in Hiroshima" (foreigners only: events)
    return NO_MATCH


def _presence_rule(w: _Word) -> Trigger | None:
    """Being expected somewhere, being taken somewhere, trips."""
    tok, lem, pos = w.tok, w.lem, w.pos
    if lem in _C["expected_in"] and tok.tag_ in ("VBN", "JJ") and any(c.dep_ == "prep" and c.lower_ in ("in", "at") for c in tok.children) \
            and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        return Trigger("visit", tok.i, "expect")  # "is expected in Cairo", "is due in Nairobi on Tuesday"
    if lem in _C["escort_verbs"] and any(c.lower_ == "to" for c in tok.children) and any(
            c.dep_ == "dobj" and (c.lower_ in ("him", "her") or c.ent_type_ == "PERSON") for c in tok.children):
        return Trigger("visit", tok.i, "take")
    if lem in _C["trip_nouns"] and pos in ("NOUN", "VERB"):
        return Trigger("visit", tok.i, lem)
    if (lem in _C["tribute_verbs"] or w.low in _C["tribute_verbs"]) and pos == "VERB" and any(  # ("lay" as "lie")
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in vocabulary.TRIBUTES for c in tok.children):
        return Trigger("visit", tok.i, "tribute")  # "laid a wreath at ... in Warsaw" (foreigners only: events)
    if w.phone:
        return None  # remote contact: no meeting
    return NO_MATCH


def _talks_rule(w: _Word) -> Trigger | None:
    """Meeting verbs and nouns."""
    tok, lem, low, pos = w.tok, w.lem, w.low, w.pos
    if lem in _C["meeting_verbs"] and pos == "VERB" and _met_by_officials(tok) and _at_airport(tok):
        return None  # "was met at the airport by officials of both countries": a welcome, not talks
    if lem in _C["meeting_verbs"] and pos == "VERB" or low in ("meeting", "meetings") and pos == "NOUN":
        # (not "on the sidelines of the G20 meeting": the gathering, not talks of its own)
        return None if pos == "NOUN" and _on_its_sidelines(tok) else Trigger("meeting", tok.i, "meet")
    if (low == "talks" or lem in _C["meeting_nouns"]) and _not_talks_of_its_own(tok, lem, pos):
        return None
    if low == "talks" or lem in _C["meeting_nouns"] and pos == "NOUN" and low not in ("meeting", "meetings"):
        return Trigger("meeting", tok.i, lem if low != "talks" else "talks")
    return NO_MATCH


def _bilateral_rule(w: _Word) -> Trigger | None:
    """ "held bilaterals with A and B", "had a bilateral with X": the adjective standing for its
    meeting noun; "a bilateral meeting": the head noun triggers."""
    tok, lem, pos = w.tok, w.lem, w.pos
    if lem not in _C["bilateral_nouns"]:
        return NO_MATCH
    if (pos == "NOUN" or tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")) and not _not_talks_of_its_own(tok, lem, pos):
        return Trigger("meeting", tok.i, lem)
    return None


def _not_talks_of_its_own(tok, lem: str, pos: str) -> bool:
    if tok.dep_ == "compound" and pos in ("NOUN", "PROPN"):
        return True  # "summit diplomacy", "the talks process": a kind of something else (or the head triggers)
    if _on_its_sidelines(tok):
        return True  # "on the sidelines of the summit": where the talks are, not talks of their own
    # "in Abidjan for the AU-EU summit": a named gathering one goes to (a visit), not talks
    if lem == "summit" and tok.dep_ == "pobj" and tok.head.lower_ in ("for", "to") and any(
            c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in tok.children):
        return True
    if lem == "summit" and _timed_by(tok) and any(c.dep_ in ("compound", "nmod") and c.text[:1].isupper()
                                                  for c in tok.children):
        return True  # "ahead of next week's G8 summit, X held talks with Y": a named gathering they are timed by
    if lem == "summit" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in vocabulary.GATHERING_DRAWS:
        return True  # "the summit includes leaders from 20 countries, with attendees including A": who attends
    return lem == "summit" and (_attended_summit(tok) or _gone_to(tok) or _scene_of_the_doings(tok))


def _scene_of_the_doings(tok) -> bool:
    """ "posed for a photo at the summit", "shook hands at the summit", "were together in the
    lounge before the opening of the summit": the gathering is where (or when) they are, not talks
    of theirs; "at their summit", "at the bilateral summit", a summit with someone, are."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("at", "of", "during"):
        return False
    return not any(c.dep_ == "poss" or c.lower_ in vocabulary.ONE_TO_ONE_WORDS or "-" in c.text
                   or c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children)


def _gone_to(tok) -> bool:
    """ "arrived in Dhahran ahead of the summit", "have arrived at the venue of the summit": a
    summit (not one with someone) whose nearest verb is a journey's is the gathering gone to."""
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children):
        return False
    t = tok
    while t.dep_ in ("pobj", "prep") or t.dep_ in ("advmod", "npadvmod") and t.pos_ != "VERB":
        if t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ == "VERB" or t.pos_ == "AUX":  # ("welcomed A and B to the summit": they came to it)
            return t.lemma_.lower() in _GOING_LEMMAS or attends(t) or _welcomed_to_gathering(t, t.lemma_.lower())
    return False


def _timed_by(tok) -> bool:
    """The word tells when something else happens: "ahead of", "on the eve of", "before", "after"."""
    prep = tok.head
    return tok.dep_ == "pobj" and (prep.lower_ in ("before", "after", "following", "during") or (
        prep.lower_ == "of" and prep.head.lower_ in ("ahead", "eve")))


def _on_its_sidelines(tok) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in vocabulary.SIDELINE_WORDS


_GOING_LEMMAS = TRAVEL_LEMMAS | DEPART_LEMMAS | _C["reaching_verbs"] | {"arrival", "trip", "journey"}


def _attended_summit(tok) -> bool:
    """ "A, B, C and D attended the G20 summit", "arrived on Tuesday for the summit": a summit
    one attends or travels to is where each goes (a visit), not talks among those going; a
    summit with someone ("arrived for a summit with Biden") is talks."""
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children):
        return False
    if tok.dep_ == "dobj":
        return attends(tok.head)
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ in ("in", "at") and (attends(prep.head) or prep.head.lemma_.lower() in vocabulary.ATTENDANCE_NOUNS):
        return True  # "took part in the summit", "participated in the summit", "his participation in the summit"
    # ("leaders gathered in Accra for the summit": those convening for it)
    return prep.lower_ in ("for", "to") and prep.head.lemma_.lower() in _GOING_LEMMAS | _C["convening_verbs"]


def _call_rule(w: _Word) -> Trigger | None:
    """Courtesy calls, calling on someone, consultations."""
    tok, lem, low, pos = w.tok, w.lem, w.low, w.pos
    if lem == "call" and pos == "NOUN" and any(c.lower_ == "courtesy" for c in tok.children):
        return Trigger("meeting", tok.i, "courtesy call")
    if lem == "call" and pos == "VERB" and _calls_on_someone(tok):
        return Trigger("meeting", tok.i, "call on")  # "called on Prime Minister X"
    if lem in _C["consultation_words"] and pos in ("NOUN", "VERB") and (
            pos == "VERB" or low.endswith("s") or any(c.lower_ in ("with", "between") for c in tok.children)):
        return Trigger("meeting", tok.i, lem)
    return NO_MATCH


def _hosting_rule(w: _Word) -> Trigger | None:
    """Receiving, hosting, discussing together."""
    tok, lem, pos = w.tok, w.lem, w.pos
    if lem in WELCOME_LEMMAS | {"receive"} and pos == "VERB" and (_at_airport(tok) or _back_home(tok)):
        return None  # an airport welcome, a welcome home, is protocol, not talks (the visit is coded by its own verb)
    if lem == "receive" and pos == "VERB" and any(c.dep_ == "agent" for c in tok.children):
        return Trigger("meeting", tok.i, lem)  # "was received by the prime minister"
    if lem in _C["host_verbs"] and pos == "VERB":
        # (not "Also present to receive the President were A and B": a welcoming line)
        return Trigger("meeting", tok.i, lem) if (_hosts_someone(tok) or _occasion_for(tok)) and not (
            tok.dep_ in ("xcomp", "advcl") and tok.head.lemma_.lower() in _C["presence_adjectives"]) else None
    if lem in _C["discussion_verbs"] and pos == "VERB":
        # "the leaders also talked about X" follows a phone call as often as talks: "talk"
        # needs the people its sentence names ("he and his host talked", "talked with X")
        return Trigger("meeting", tok.i, lem) if _together(tok, named=lem == "talk") else None
    if lem in _C["view_exchanges"] and _exchanges_views(tok):
        return Trigger("meeting", tok.i, "exchange views") if pos == "NOUN" or _together(tok) else None
    return NO_MATCH


def _occasion_for(tok) -> bool:
    """ "hosted a reception for Ambassador X", "hosted a banquet in honour of Y": an occasion
    hosted for someone."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in vocabulary.HOSTED_OCCASIONS and any(
        x.dep_ == "prep" and x.lower_ in ("for", "in") for x in [*c.children, *tok.children]) for c in tok.children)


def _calls_at_someones(tok) -> bool:
    """ "visited National Security Adviser X's office", "visited the residence of Y": someone's
    office or home visited is a call on them."""
    if tok.lemma_.lower() not in _C["visit_words"] or tok.pos_ != "VERB":
        return False
    for c in tok.children:
        if c.dep_ != "dobj" or c.lemma_.lower() not in vocabulary.CALL_PLACES:
            continue
        owners = [x for x in c.children if x.dep_ == "poss"] + [
            o for x in c.children if x.dep_ == "prep" and x.lower_ == "of" for o in x.children if o.dep_ == "pobj"]
        if any(o.pos_ == "PROPN" and o.ent_type_ not in ("GPE", "NORP", "LOC", "FAC") for o in owners):
            return True  # (a name the tagger may take for an organisation's: "Advisor Ajit Doval's")
    return False


def _chaired_with_someone(tok) -> bool:
    """ "co-chaired the Strategic Dialogue with his Japanese counterpart X", "chaired the joint
    commission with Y": what one chairs with someone is talks with them."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in vocabulary.COCHAIRING_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "with" and any(x.dep_ == "pobj" for x in c.children) for c in tok.children)


def _together(tok, named: bool = False) -> bool:
    """The verb's people act together: "with X", "A and B discussed", "the two leaders
    discussed" (not when `named`: only a subject of several)."""
    if any(c.lower_ == "with" for c in tok.children):
        return True
    if not named and any(c.dep_ == "conj" for c in tok.head.children):
        return True
    return any(c.dep_ == "nsubj" and (any(x.dep_ == "conj" for x in c.children) or not named and (
        c.tag_ in ("NNS", "NNPS") or c.lower_ in ("they", "both"))) for c in tok.children)


def _exchanges_views(tok) -> bool:
    """ "exchanged views on X", "an exchange of views with Y"."""
    if tok.pos_ == "VERB":
        return any(c.dep_ == "dobj" and c.lower_ == "views" for c in tok.children)
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("have", "hold") and _together(tok.head):
        # "A and B had in-depth exchanges on X", "held exchanges with Y" (people: not "Laos and
        # Vietnam have had cultural exchanges")
        sides = [c for c in [*tok.head.children, *tok.children] if c.dep_ == "nsubj" or c.dep_ == "prep" and c.lower_ == "with"]
        return any(t.ent_type_ == "PERSON" for c in sides for t in c.subtree)
    return tok.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "of" and any(x.lower_ == "views" for x in c.children)
                                      for c in tok.children)


_MEAL_VERB_FORMS = frozenset(f for lemma in _C["meal_verbs"] for f in vocabulary.lemma_forms(lemma))  # "dined": "din"


def _meal_rule(w: _Word) -> Trigger | None:
    tok, lem, pos = w.tok, w.lem, w.pos
    if lem in _C["meal_nouns"] and pos == "NOUN":
        return Trigger("meeting", tok.i, lem)
    if (lem in _C["meal_verbs"] or w.low in _MEAL_VERB_FORMS) and pos == "VERB" and tok.tag_ != "VBG":
        together = any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children) or any(
            c.dep_ in ("nsubj", "nsubjpass") and (c.tag_ in ("NNS", "NNPS") or any(x.dep_ == "conj" for x in c.children))
            for c in tok.children)
        return Trigger("meeting", tok.i, lem) if together else None  # "dined with X", "the two presidents dined"
    if lem in _C["session_nouns"] and pos == "NOUN" and _formatted(tok):
        return Trigger("meeting", tok.i, "session")
    if lem in _C["sitting_verbs"] and any(c.lower_ == "down" for c in tok.children):
        return Trigger("meeting", tok.i, "sit")
    return NO_MATCH


def _onward_rule(w: _Word) -> Trigger | None:
    """Legs told with a light verb: "then goes on to Hanoi", "will make stops in Israel and Italy";
    the journey home from one ("returning from Moscow")."""
    tok, lem, pos = w.tok, w.lem, w.pos
    if lem in _C["onward_verbs"] and pos == "VERB" and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children) \
            and _placed(tok, ("to",)):
        return Trigger("visit", tok.i, "go")
    if lem in _C["return_words"] and (pos == "VERB" or lem == "way" and pos == "NOUN") and any(
            x.ent_type_ in ("GPE", "LOC") or gz.lookup(x.text) is not None for x in left_from(tok)):
        return Trigger("visit", tok.i, "return")
    if lem in _C["stop_words"] and pos == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("make", "have") \
            and _placed(tok.head, ("in", "at")):
        return Trigger("visit", tok.i, "stop")
    return NO_MATCH


_RULES = (_signing_rule, _handover_rule, _attendance_rule, _travel_rule, _arrival_rule, _onward_rule, _presence_rule, _bilateral_rule, _talks_rule, _call_rule, _hosting_rule,
          _meal_rule)
# Every word by which a rule above (or `_at_a_gathering`, `_hosted`) claims a token, as its lemma
# or its lower-case form: the trigger classes' lemmas and the words the rules name. A token that
# is none of them triggers nothing, so `find_triggers` does not offer it to the rules (most
# tokens of a sentence). Rules that read a word's written form ("signing", "talks", "visited") find
# it among the classes' forms; a rule that claims a word outside the classes adds its list here.
_RULE_WORDS: frozenset[str] = frozenset().union(
    *_C.values(), *(vocabulary.lemma_forms(lem) for lems in _C.values() for lem in lems),
    TRAVEL_LEMMAS, DEPART_LEMMAS, WELCOME_LEMMAS, _MEAL_VERB_FORMS, vocabulary.ONE_TO_ONE_WORDS,
    vocabulary.ATTENDANCE_NOUNS)


def _formatted(tok) -> bool:
    """A session qualified by a format of talks ("an expanded session", "the plenary session")."""
    return any(c.dep_ in ("amod", "compound") and vocabulary.SESSION_RE.fullmatch(
        " ".join(t.text for t in c.subtree)) for c in tok.children)


def _calls_on_someone(tok) -> bool:
    """ "called on Prime Minister X" (the parser may make X the verb's object, leaving "on" bare
    or with a piece of the title: "call on vice-president X" as "on vice", X the object)."""
    def someone(x) -> bool:
        return x.ent_type_ == "PERSON" or x.lemma_.lower() in ("counterpart", "president", "minister", "leader")
    ons = [c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ == "on"]
    called = any(someone(x) for c in ons for x in c.children) or any(
        o.i == tok.i + 1 and c.dep_ == "dobj" and someone(c) and c.left_edge.i == o.right_edge.i + 1
        for c in tok.children for o in ons)
    return called and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)


def _hosts_someone(tok) -> bool:
    """ "received X", "hosted his counterpart", "received the President of Tonga, X" (a title,
    capitalised or not)."""
    def guest(c) -> bool:
        return c.ent_type_ in ("PERSON", "NORP") or c.lemma_.lower() in (
            "counterpart", "delegation", "leader", "talks", "summit") or c.lemma_.lower() in vocabulary.TITLE_NOUNS
    if any(c.dep_ == "dobj" and guest(c) for c in tok.children):
        return True
    # "received on Monday (at X Palace) the President of Y, Z": the object after the day or venue,
    # which the parser hangs on them as an apposition
    return not any(c.dep_ == "dobj" for c in tok.children) and any(
        a.dep_ == "appos" and a.i > tok.i and a.lemma_.lower() in vocabulary.TITLE_NOUNS
        and any(d.dep_ == "det" and d.lower_ == "the" for d in a.children)
        for c in tok.children if c.dep_ == "prep" for x in c.children if x.dep_ == "pobj" for a in x.children)


def _placed(tok, preps: tuple[str, ...]) -> bool:
    """The word has a place phrase of its own ("in Kathmandu", "at Vnukovo Airport", "at The
    Lodge in Canberra": a venue in a named place)."""
    return any(c.dep_ == "prep" and c.lower_ in preps and any(
        x.dep_ == "pobj" and (x.ent_type_ in ("GPE", "LOC", "FAC") or _in_a_place(x) or _known_place(x))
        for x in c.children)
        for c in tok.children)


def _names_a_place(tok) -> bool:
    """The word, or the name it heads, is a place of the gazetteer ("reached Sri Lanka", which
    the tagger may take for a person's name)."""
    return gz.lookup(tok.text) is not None or gz.lookup(" ".join(t.text for t in tok.subtree)) is not None


def _known_place(tok) -> bool:
    """A city or country of the gazetteer the tagger did not take for a place ("in Accra")."""
    p = gz.lookup(tok.text) if tok.pos_ == "PROPN" else None
    return p is not None and p.kind in ("city", "country")


def _in_a_place(tok) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(
        x.dep_ == "pobj" and x.ent_type_ == "GPE" for x in c.children) for c in tok.children)


def _signs_for_a_party(tok) -> bool:
    """ "X signed for the United States": signing on a state's behalf (the document is named
    elsewhere)."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(x.ent_type_ in ("GPE", "LOC", "NORP", "ORG")
                                                             for x in c.children if x.dep_ == "pobj")
               for c in tok.children)


def _met_by_officials(tok) -> bool:
    """ "was met ... by officials of both countries": met by people the sentence does not name."""
    agents = [x for c in tok.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
    return bool(agents) and not any(t.ent_type_ == "PERSON" for a in agents for t in a.subtree)


def _back_home(tok) -> bool:
    """ "was received back home by X", "welcomed him back": a return home is met, not talked with."""
    return any(c.dep_ in ("advmod", "prt") and (c.lower_ == "back" or c.lower_ == "home" and any(
        x.lower_ == "back" for x in c.children)) for c in tok.children)


_OWN_CLAUSE_STOPS = frozenset({"relcl", "acl", "ccomp", "xcomp", "advcl", "parataxis"})
_AIRPORT_PREPS = frozenset({"at", "on", "in", "upon", "after"})


def _at_airport(tok) -> bool:
    """ "was received at the airport by X", "welcomed on the tarmac", "was received by A, B and
    other officials at the airport", "received her counterpart with a cordial reception at the
    airport", "welcomed X as he arrived at the Presidential Airport": an airport phrase of the
    verb's own clause (wherever the parser hangs it), or of the arrival it is timed by."""
    todo, seen = [tok], set()
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.i in seen:
                continue
            seen.add(c.i)
            if c.dep_ in _OWN_CLAUSE_STOPS and not (c.dep_ == "advcl" and c.lemma_.lower() in ARRIVAL_VERBS):
                continue
            if c.lemma_.lower() in AIRPORT_WORDS and c.dep_ == "pobj" and c.head.lower_ in _AIRPORT_PREPS:
                return True
            if c.lemma_.lower() in vocabulary.ARRIVAL_NOUNS and c.dep_ == "pobj" and c.head.lower_ in ("on", "upon"):
                return True  # "were met on arrival by X": a welcome as at the airport
            todo.append(c)
    return False


def ancestors_and_self(tok):
    yield tok
    yield from tok.ancestors


def agreed_to_negotiate(doc, trig: Trigger) -> bool:
    """ "X and Y agreed on Tuesday to begin negotiations": the talks where they agreed took place
    (the meeting is that one, occurred); the negotiations themselves are not yet a meeting."""
    tok = doc[trig.i]
    return trig.type == "meeting" and tok.lemma_.lower() in ("negotiation", "negotiate") and any(
        t.lemma_.lower() in ("agree", "decide", "consent") and t.pos_ == "VERB" for t in list(tok.ancestors)[:4])


def is_cancelled(doc, trig: Trigger) -> bool:
    """Negated, cancelled, refused or only an invitation."""
    tok = doc[trig.i]
    chain = [tok, *list(tok.ancestors)[:4]]
    return (_governed_by_a_cancel(tok, chain) or _denied_party(tok, chain[:2])
            or (trig.type == "meeting" and any(t.lemma_.lower() in INTENT_HEADS for t in chain[1:] if t.pos_ == "VERB"))
            or _negated_itself(tok) or (trig.type == "meeting" and _only_weighed(tok)))


def _governed_by_a_cancel(tok, chain) -> bool:
    """A negation, a cancelling verb or an invitation over the trigger, up to the reporting verb."""
    for t in chain:
        if any(c.dep_ == "neg" for c in t.children) and t.lemma_ not in SPEECH_LEMMAS:
            return True
        if t.i != tok.i and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
            return True  # "there were no plans for X to meet Y"
        if t.lemma_.lower() in CANCEL_LEMMAS or _phrasal(t) in CANCEL_LEMMAS or _plan_that_was(t) or (
                t.lemma_.lower() in ("invite", "invitation") and t.i != tok.i):
            return True
        if t.i != tok.i and t.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() == "invitation"
                                                     for c in t.children):
            return True  # "sent X a formal invitation to the summit": only invited
        if t.lemma_.lower() in SPEECH_LEMMAS and t.i != tok.i:
            break
    return False


def _plan_that_was(t) -> bool:
    """ "had been expected in Tokyo", "had been due to visit": a plan told in the past perfect is
    one that fell through (news says so when the trip did not happen)."""
    plan = t.lemma_ in PLAN_HEADS or (t.lemma_ == "be" and any(
        c.dep_ in ("acomp", "xcomp") and c.lemma_ in PLAN_HEADS for c in t.children))
    auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
    return plan and "had" in auxes and ("been" in auxes or t.lower_ == "been")


def _phrasal(t) -> str:
    """A verb with its particle ("put off"), or the bare lemma."""
    prt = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
    return f"{t.lemma_.lower()} {prt}" if prt else t.lemma_.lower()


def _denied_party(tok, chain) -> bool:
    """ "neither leader signed", "no agreement was signed", "nothing was signed"."""
    for t in chain:
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and (
                    c.lower_ in ("nothing", "neither", "none") or any(
                        d.dep_ in ("det", "preconj") and d.lower_ in ("neither", "no") for d in c.children)):
                return True
        if t.lemma_.lower() in SPEECH_LEMMAS and t.i != tok.i:
            break
    return False


def _only_weighed(tok) -> bool:
    """ "discussed the possibility of a meeting", "a chance of them meeting informally": talks
    whose possibility is all that is told."""
    for t in [tok, *list(tok.ancestors)[:2]]:
        if t.dep_ in ("pobj", "pcomp") and t.head.lower_ == "of" and t.head.head.lemma_.lower() in vocabulary.POSSIBILITY_NOUNS:
            return True
    return False


def _negated_itself(tok) -> bool:
    # (not a clause of others' doings: "attended the event after officials cancelled a meeting")
    return any(c.dep_ == "neg" or c.lower_ in ("no",)
               or c.lemma_.lower() in ("cancel", "postponed", "cancelled", "canceled", "aborted")
               and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children) for c in tok.children)


_PLANNED_WINDOW = re.compile(r"\b(next (week|month|year)|later this (week|month|year)|tomorrow|is to|are to|"
                             r"is due|are due|is set|are set|scheduled)\b", re.I)
_LEAVING_LEMMAS = DEPART_LEMMAS | {"go"}  # in the news present ("departs", "goes on to"): a plan


def is_planned(doc, trig: Trigger, masked: str) -> bool:
    tok = doc[trig.i]
    # "is expected in Cairo"; "departs today for Accra", "goes on to Hanoi" (news present = plan);
    # "arrived in Nairobi for talks with X", "flew in to meet X": the talks are still to come
    if trig.lemma == "expect" or (trig.lemma in _LEAVING_LEMMAS and tok.tag_ in ("VBZ", "VBP")) \
            or (trig.type == "meeting" and journey_of(tok) is not None):
        return True
    if tok.lemma_.lower() in _C["arrival_turns"] and trig.lemma == "arrive":
        return tok.tag_ not in ("VBD", "VBN")  # "Next came A and B" (not "next week")
    if (turn := _arrival_turn(tok)) is not None:
        return any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "would") for c in turn.children)
    if _planned_in_chain(tok) or _headline_infinitive(tok):
        return True
    if any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children) and tok.head.lemma_ in ("be",):
        return True
    # "is to visit", "next week", "later this month" close to the trigger
    start = max(0, tok.idx - 40)
    return _PLANNED_WINDOW.search(masked[start:tok.idx + len(tok.text) + 40]) is not None


_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _headline_infinitive(tok) -> bool:
    """A headline's "X to visit Y", "Trump to make state visit to UK in June": an infinitive hung
    on its subject in a line with no finite verb announces a plan."""
    if any(t.tag_ in _FINITE for t in tok.sent):
        return False
    return any(any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children) and t.head.dep_ == "ROOT"
               for t in [tok, *list(tok.ancestors)[:2]])


def journey_of(tok):
    """The journey talks `tok` are made for ("arrived" of "arrived for talks with X", "flew" of
    "flew to Nairobi to meet X"), or None."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "for":
        verb = tok.head.head
    elif tok.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        verb = tok.head
    else:
        return None
    ok = verb.pos_ == "VERB" and verb.lemma_.lower() in _JOURNEY_LEMMAS
    return verb if ok else None


_JOURNEY_LEMMAS = TRAVEL_LEMMAS | DEPART_LEMMAS | _C["touchdown_verbs"]


def _arrival_turn(tok):
    """ "First to arrive was X", "X was among the first to arrive", "the last to land": an
    infinitive that tells a turn is as past as its "be" (returned), not a plan."""
    if not any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children):
        return None
    ordinal = any(c.ent_type_ == "ORDINAL" and c.dep_ == "advmod" for c in tok.children) or (
        tok.dep_ == "relcl" and tok.head.ent_type_ == "ORDINAL")
    if not ordinal:
        return None
    return next((t for t in [tok, *list(tok.ancestors)[:3]] if t.lemma_ == "be"), None)


_SETTING_PREPS = {"in", "during", "at", "after", "following", "on", "since", "before", "over"}


def _planned_in_chain(tok) -> bool:
    """A future auxiliary, a planning modifier or a planning verb over the trigger, up to the
    reporting verb."""
    # "In their first talks, the two leaders agreed to ...": talks in a phrase of the planning
    # verb set its scene, they are not its plan (but "expected in Cairo for talks" plans them)
    prev = tok
    for t in [tok, *list(tok.ancestors)[:3]]:
        for c in t.children:
            # ("the two presidents may briefly meet on the sidelines": not (yet) held)
            if c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "shall", "'ll", "would", "wo") or (
                    c.dep_ == "aux" and c.lower_ in ("may", "might", "could")
                    and not any(x.dep_ == "aux" and x.lower_ == "have" for x in t.children)):
                return True
            if c.lower_ in PLANNED_MODIFIERS and c.dep_ in ("amod", "advmod", "compound"):
                return True
        if t.lemma_ in PLAN_HEADS and t.i != tok.i and t.pos_ in ("VERB", "ADJ", "AUX") and not (
                prev.dep_ == "prep" and prev.lower_ in _SETTING_PREPS):
            return True
        if t.lemma_ == "be" and any(c.dep_ == "acomp" and c.lemma_ in PLAN_HEADS for c in t.children):
            return True  # "is due in Nairobi on Tuesday for a visit"
        prev = t
        if t.dep_ in ("xcomp",) and any(c.lower_ == "to" for c in t.children) and t.head.lemma_ in ("be",):
            return True
        if t.lemma_ in ("say", "tell", "announce") and t.i != tok.i:
            break
    return False
