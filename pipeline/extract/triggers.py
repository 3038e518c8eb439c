"""Words that make a sentence an event of one of the four types, and the cues that
cancel (negation, invitation, phone call) or defer (planned) it.

Works on one parsed sentence; tokens inside quotation marks never trigger (what a speaker
says happened is their statement, not the reporter's event).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AGREEMENT_WORDS = re.compile(
    r"\b(agreements?|accords?|deals?|pacts?|treat(y|ies)|memorand(um|a)|mous?|protocols?|declarations?|"
    r"contracts?|charters?|communiqu[eé]s?|documents?|conventions?|roadmaps?|arrangements?|"
    r"partnerships?|joint statements?|letters? of intent|frameworks?|laws?|bills?|decrees?|"
    r"ceasefires?|truces?|armistices?|programmes?|programs?|plans?)\b",
    re.I,
)
SPEECH_LEMMAS = {
    "say", "tell", "add", "continue", "stress", "emphasise", "emphasize", "note", "warn", "insist",
    "explain", "describe", "call", "declare", "state", "remark", "urge", "argue", "assert", "reply",
    "respond", "acknowledge", "recall", "underline", "underscore", "write", "tweet", "post",
    "announce", "claim", "admit", "comment", "observe", "affirm", "reiterate", "vow", "pledge",
    "promise", "predict", "suggest", "quip", "joke", "complain", "lament", "boast", "concede",
    "confirm", "deny", "maintain", "highlight", "ask", "answer", "caution", "hail", "dismiss",
    "brand", "label", "term", "dub", "characterise", "characterize", "accuse", "thank", "praise",
    "conclude", "summarise", "summarize", "put", "point", "recount", "criticise",
    "criticize", "condemn", "demand", "proclaim", "mention", "sum", "quote", "speak", "reaffirm",
}
PHONE_RE = re.compile(r"\b(phone|telephone|videoconference|video link|video call|virtual(ly)?|by video|"
                      r"a call|the call|call with|joint call|phone call|phoned|online meeting)\b", re.I)
CANCEL_LEMMAS = {"cancel", "postpone", "scrap", "refuse", "decline", "fail", "deny", "reject", "delay",
                 "abandon", "suspend", "halt"}
PLAN_HEADS = {"expect", "set", "plan", "schedule", "due", "intend", "prepare", "hope", "aim", "want",
              "go", "seek", "propose", "agree", "wish", "like", "offer", "decide", "consider", "try"}
# Heads that make talks someone's aim, not an occurrence ("trying to broker talks").
INTENT_HEADS = {"broker", "mediate", "facilitate", "try", "seek", "attempt", "hope", "want", "wish",
                "push", "urge", "demand", "press"}
DEPART_LEMMAS = {"depart", "leave"}
PLANNED_MODIFIERS = {"upcoming", "forthcoming", "planned", "proposed", "scheduled", "next", "possible",
                     "future", "potential", "expected", "prospective"}


@dataclass(frozen=True)
class Trigger:
    type: str  # signing | visit | meeting
    i: int  # token index in the sentence doc
    lemma: str
    implied: bool = False


def _in_quote(tok, masked: str, offset: int) -> bool:
    rel = tok.idx
    return rel < len(masked) and masked[rel] == " " and not tok.is_space


def find_triggers(doc, masked: str) -> list[Trigger]:
    """Event triggers in a parsed sentence. `masked` is the sentence text with quotations blanked."""
    out: list[Trigger] = []
    has_agreement = AGREEMENT_WORDS.search(masked) is not None
    phone = PHONE_RE.search(masked) is not None
    for tok in doc:
        if _in_quote(tok, masked, 0):
            continue
        lem = tok.lemma_.lower()
        low = tok.lower_
        pos = tok.pos_
        if lem in ("sign", "ink", "seal") or low == "signing":
            if low.startswith("signal") or (pos == "NOUN" and low != "signing"):
                continue
            if has_agreement or low == "signing":
                out.append(Trigger("signing", tok.i, lem))
        elif lem == "conclude" and pos == "VERB" and has_agreement and any(
            AGREEMENT_WORDS.search(c.text) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
        ):
            out.append(Trigger("signing", tok.i, lem))
        elif (lem == "visit" or low in ("visit", "visits", "visited", "visiting")) and low not in ("visitor", "visitors"):
            out.append(Trigger("visit", tok.i, "visit"))
        elif lem in ("arrive", "land", "fly", "travel", "head", "jet") and pos == "VERB":
            if any(c.lower_ in ("in", "at", "to", "into") for c in tok.children):
                out.append(Trigger("visit", tok.i, lem))
        elif lem in DEPART_LEMMAS and pos == "VERB" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
            out.append(Trigger("visit", tok.i, lem))  # "departs Abuja today for Accra"
        elif lem == "attend" and pos == "VERB":
            out.append(Trigger("visit", tok.i, lem))  # "attend the summit in Washington" (placed by roles)
        elif lem == "expect" and tok.tag_ == "VBN" and any(c.dep_ == "prep" and c.lower_ in ("in", "at") for c in tok.children) \
                and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            out.append(Trigger("visit", tok.i, lem))  # "is expected in Cairo"
        elif lem == "take" and any(c.lower_ == "to" for c in tok.children) and any(
                c.dep_ == "dobj" and (c.lower_ in ("him", "her") or c.ent_type_ == "PERSON") for c in tok.children):
            out.append(Trigger("visit", tok.i, "take"))
        elif lem in ("trip", "tour", "stopover") and pos in ("NOUN", "VERB"):
            out.append(Trigger("visit", tok.i, lem))
        elif phone:
            continue
        elif lem == "meet" and pos == "VERB" or low in ("meeting", "meetings") and pos == "NOUN":
            out.append(Trigger("meeting", tok.i, "meet"))
        elif low == "talks" or lem in ("summit", "negotiation") and pos == "NOUN":
            out.append(Trigger("meeting", tok.i, lem if low != "talks" else "talks"))
        elif low == "bilateral" and tok.head.lower_ in ("meeting", "talks", "session"):
            continue  # the head noun triggers
        elif lem == "call" and pos == "NOUN" and any(c.lower_ == "courtesy" for c in tok.children):
            out.append(Trigger("meeting", tok.i, "courtesy call"))
        elif lem == "call" and pos == "VERB" and any(
                c.dep_ == "prep" and c.lower_ == "on" and any(x.ent_type_ == "PERSON" or x.lemma_.lower() in
                                                               ("counterpart", "president", "minister", "leader")
                                                               for x in c.children) for c in tok.children) \
                and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            out.append(Trigger("meeting", tok.i, "call on"))  # "called on Prime Minister X"
        elif lem in ("consultation", "dialogue") and pos in ("NOUN", "VERB") and (
                pos == "VERB" or low.endswith("s") or any(c.lower_ in ("with", "between") for c in tok.children)):
            out.append(Trigger("meeting", tok.i, lem))
        elif lem in ("receive", "welcome", "greet") and pos == "VERB" and _at_airport(tok):
            continue  # an airport welcome is protocol, not talks (the visit is coded by its own verb)
        elif lem == "receive" and pos == "VERB" and any(c.dep_ == "agent" for c in tok.children):
            out.append(Trigger("meeting", tok.i, lem))  # "was received by the prime minister"
        elif lem in ("host", "receive") and pos == "VERB":
            if any(c.dep_ == "dobj" and (c.ent_type_ in ("PERSON", "NORP") or c.lemma_ in
                   ("counterpart", "delegation", "leader", "minister", "president", "talks", "summit"))
                   for c in tok.children):
                out.append(Trigger("meeting", tok.i, lem))
        elif lem in ("discuss", "confer") and pos == "VERB":
            if any(c.lower_ == "with" for c in tok.children) or any(c.dep_ == "conj" for c in tok.head.children):
                out.append(Trigger("meeting", tok.i, lem))
        elif lem in ("dinner", "lunch", "luncheon", "breakfast") and pos == "NOUN":
            out.append(Trigger("meeting", tok.i, lem))
        elif lem == "sit" and any(c.lower_ == "down" for c in tok.children):
            out.append(Trigger("meeting", tok.i, "sit"))
    return out


AIRPORT_WORDS = {"airport", "airfield", "airbase", "tarmac", "terminal"}


def _at_airport(tok) -> bool:
    """ "was received at the airport by X", "welcomed on the tarmac": the place phrase hangs
    off the verb."""
    return any(c.dep_ == "prep" and c.lower_ in ("at", "on", "in")
               and any(w.lemma_.lower() in AIRPORT_WORDS for w in c.subtree) for c in tok.children)


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
    for t in chain:
        if any(c.dep_ == "neg" for c in t.children) and t.lemma_ not in SPEECH_LEMMAS:
            return True
        if t.lemma_.lower() in CANCEL_LEMMAS or t.lemma_.lower() in ("invite", "invitation") and t.i != tok.i:
            return True
        if t.lemma_.lower() in SPEECH_LEMMAS and t.i != tok.i:
            break
    for t in chain[:2]:
        # "neither leader signed", "no agreement was signed", "nothing was signed"
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and (
                    c.lower_ in ("nothing", "neither", "none") or any(
                        d.dep_ in ("det", "preconj") and d.lower_ in ("neither", "no") for d in c.children)):
                return True
        if t.lemma_.lower() in SPEECH_LEMMAS and t.i != tok.i:
            break
    if trig.type == "meeting" and any(t.lemma_.lower() in INTENT_HEADS for t in chain[1:] if t.pos_ == "VERB"):
        return True
    for c in tok.children:
        if c.dep_ == "neg" or c.lower_ in ("no",):
            return True
        if c.lemma_.lower() in ("cancel", "postponed", "cancelled", "canceled", "aborted"):
            return True
    return False


def is_planned(doc, trig: Trigger, masked: str) -> bool:
    tok = doc[trig.i]
    if trig.lemma == "expect" or (trig.lemma in DEPART_LEMMAS and tok.tag_ in ("VBZ", "VBP")):
        return True  # "is expected in Cairo"; "departs today for Accra" (news present = plan)
    chain = [tok, *list(tok.ancestors)[:3]]
    for t in chain:
        for c in t.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "shall", "'ll", "would", "wo"):
                return True
            if c.lower_ in PLANNED_MODIFIERS and c.dep_ in ("amod", "advmod", "compound"):
                return True
            if c.dep_ == "npadvmod" or c.dep_ == "prep":
                pass
        if t.lemma_ in PLAN_HEADS and t.i != tok.i and t.pos_ in ("VERB", "ADJ", "AUX"):
            return True
        if t.dep_ in ("xcomp",) and any(c.lower_ == "to" for c in t.children) and t.head.lemma_ in ("be",):
            return True
        if t.lemma_ in ("say", "tell", "announce") and t.i != tok.i:
            break
    if any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children) and tok.head.lemma_ in ("be",):
        return True
    # "is to visit", "next week", "later this month" close to the trigger
    start = max(0, tok.idx - 40)
    window = masked[start:tok.idx + len(tok.text) + 40]
    if re.search(r"\b(next (week|month|year)|later this (week|month|year)|tomorrow|is to|are to|"
                 r"is due|are due|is set|are set|scheduled)\b", window, re.I):
        return True
    return False
