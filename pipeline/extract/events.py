"""Event mentions from triggers: one builder per event type (signing, meeting, visit).

For every trigger in a parsed unit (`triggers.find_triggers`), `trigger_frame` reads what
all types share (the trigger's clause, status, date, whether it is cancelled, historical or
only attended as a guest); the type's builder then finds its actors and places (`roles`) and
returns its event mentions, which `consolidate` merges afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.extract import gazetteer as gz
from pipeline.extract import vocabulary
from pipeline.extract.actors import find_places
from pipeline.extract.consolidate import EventMention
from pipeline.extract.context import ArticleContext, Unit
from pipeline.extract.dates import (
    MONTH_ONLY_RE,
    SPAN_RE,
    WEEKDAYS,
    after_later_event_word,
    day_mentions,
    filing_day,
    historical_year,
    names_span,
    resolve_date,
    resolve_month,
    year_dropped,
)
from pipeline.extract.roles import (
    ActorRef,
    Place3,
    actor_of_token,
    clause_head,
    clause_tokens,
    dedupe,
    event_place,
    included_people,
    participants,
    person_at,
    person_ref,
    place_at,
    place_of_phrase,
    subject_of,
    visit_destinations,
    visitors,
)
from pipeline.extract.sentences import NAMES_A_GROUP_RE
from pipeline.extract.triggers import (
    SPEECH_LEMMAS,
    TRAVEL_LEMMAS,
    Trigger,
    agreed_to_negotiate,
    attends,
    find_triggers,
    for_place_subject,
    is_cancelled,
    is_planned,
    journey_of,
    left_from,
    sent_to,
    stands_in_for,
    the_talks_at,
)
from pipeline.extract.vocabulary import (
    AIRPORT_WORDS,
    FOLLOW_UP_RE,
    GATHERING_RE,
    ONE_SESSION_RE,
    ONE_TO_ONE_WORDS,
    REMOTE_RE,
    SEPARATE_RE,
    SESSION_FORMATS,
    SESSION_RE,
    TRIGGER_CLASSES,
)
from pipeline.extract.wordforms import alternation

GUEST_RE = re.compile(r"\battend\w*\b[^.;]{0,80}?\bas (?:an? |special |invited )*(?:guest|observer)s?\b", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")
_PLACE_BEFORE = re.compile(r"\b(?:in|to|at)\s+(?:the\s+)?$", re.I)
ARRIVAL_LEMMAS = vocabulary.ARRIVAL_VERBS | TRIGGER_CLASSES["touchdown_verbs"]
EARLIER_RE = re.compile(r"\b(?:(?:last|previous|past) (?:year|month|week|decade|spring|summer|autumn|winter)"
                        r"|(?:months|years|decades|(?:a|one) (?:year|month|decade)) (?:ago|before|earlier)|in (?:19|20)\d\d)\b",
                        re.I)
# "at the same ceremony", and a ceremony another event is timed by ("held talks before the
# signing ceremony"): the signing told before, not a new one, and not the clearer sentence
SAME_CEREMONY_RE = re.compile(r"\b(?:(?:the same|that|this) (?:ceremony|occasion|event|signing)"
                              r"|(?:before|after|ahead of|following) the (?:signing )?ceremony)\b", re.I)
# "talks at a hotel in the city": the city told before
THE_CITY_RE = re.compile(r"\b(?:in|at)\s+the\s+(?:same\s+)?city\b", re.I)
# "received him the following morning": the day after the day told before
DAY_AFTER_RE = re.compile(r"\b(?:the\s+(?:following|next)\s+(?:day|morning|afternoon|evening)|a\s+day\s+later)\b", re.I)
SAME_DAY_RE = re.compile(r"\b(?:the same day|that day|later that day|(?:later|earlier) in the day|later)\b", re.I)


@dataclass
class TriggerFrame:
    """What a trigger's clause says, whatever the event type."""

    trigger: Trigger
    tok: Any  # the trigger's spaCy token
    clause: set[int]  # token indices of its clause
    clause_text: str  # the clause outside quotations and the dateline
    status: str  # occurred | planned
    date: str | None
    same_day: bool  # "later that day": the date of the episode before
    month: str | None = None  # "YYYY-MM" when the clause names a month but no day ("in March")


def event_mentions(ctx: ArticleContext) -> list[EventMention]:
    """Every signing, meeting and visit mention of the article, in text order."""
    for u in ctx.parsed_units():
        frames = [trigger_frame(ctx, u, trig) for trig in find_triggers(u.doc, u.masked, u.text)]
        _trip_of_its_journey([f for f in frames if f is not None])
        for frame in frames:
            if frame is not None:
                trig = frame.trigger
                found = BUILDERS[trig.type](ctx, u, frame)
                for em in found:
                    em.month = frame.month
                    em.span = names_span(frame.clause_text) or (not frame.date and _head_clause_span(u, frame.tok))
                    em.day_after = frame.date is None and bool(DAY_AFTER_RE.search(u.masked))
                    if em.type != "visit" and not em.location and THE_CITY_RE.search(frame.clause_text):
                        em.location, em.destination_code = _city_told_before(ctx, u, em.destination_code)
                    if em.type == "meeting" and not (em.location and em.date):
                        _where_and_when_pair_was_received(ctx, u, em)
                    dl = ctx.prep.dateline
                    if em.type != "visit" and not em.location and dl is not None and dl.city and _says_here(u, frame):
                        em.location, em.destination_code = dl.city, dl.code  # "held talks here on Monday"
                    elif em.type != "visit" and not em.location and not (dl is not None and dl.city) and _says_here(u, frame):
                        em.location, em.destination_code = _gathering_here(ctx, u, em.destination_code)
                    if em.same_day and not em.date and _filed_on_a_day(ctx) and not any(e.date for e in ctx.events):
                        em.date = ctx.published.isoformat() if ctx.published else None  # "Earlier in the day" of the wire's day
                    if em.type != "visit" and not em.location and (m := gz.HOME_VENUE_RE.search(frame.clause_text)):
                        em.location, em.destination_code = _home_venue_city(ctx, u, frame, em, m)
                ctx.events.extend(found)
        ctx.events.extend(_spouses_on_the_trip(ctx, u))
    return ctx.events


def _trip_of_its_journey(frames: list[TriggerFrame]) -> None:
    """ "Trump will arrive in Abu Dhabi on Thursday, on day three of his Gulf tour": a trip noun
    in a phrase of a journey verb of the same clause (WITHIN_TRIP_PREPS) is that journey, of its
    status and day; read on its own, its past-looking clause made the tour held last Thursday."""
    for f in frames:
        if f.tok.pos_ != "NOUN":
            continue
        for g in frames:
            if g is f or g.trigger.type != f.trigger.type or g.tok.pos_ not in ("VERB", "AUX") \
                    or not g.tok.is_ancestor(f.tok) or (g.status, g.date) == (f.status, f.date):
                continue
            path = list(f.tok.ancestors)[:[a.i for a in f.tok.ancestors].index(g.tok.i)]
            if all(a.dep_ in ("pobj", "prep", "npadvmod", "nmod", "appos", "nummod") and (
                    a.dep_ != "prep" or a.lower_ in vocabulary.WITHIN_TRIP_PREPS) for a in path) \
                    and f.tok.dep_ == "pobj":
                f.status, f.date, f.month = g.status, g.date, g.month


def _spouses_on_the_trip(ctx: ArticleContext, u: Unit) -> list[EventMention]:
    """ "Harris and her husband, B, will be hosted at a banquet", "X's visit, during which he was
    accompanied by his wife, B": the spouse named right after a visitor of a trip told shortly
    before (or in this sentence) is on that trip too."""
    out: list[EventMention] = []
    for m in u.persons:
        if m.in_quote or not vocabulary.SPOUSE_BEFORE_RE.search(u.text, max(0, m.start - u.start - 20), m.start - u.start):
            continue
        spouse = person_ref(ctx.registry, m)
        if any(e.type == "visit" and spouse.key in e.person_keys() for e in [*ctx.events, *out]):
            continue
        before = [p for p in u.persons if p.end <= m.start and not p.in_quote]
        if not before:
            continue
        partner = person_ref(ctx.registry, before[-1])
        trips = [e for e in ctx.events if e.type == "visit" and partner.key in e.person_keys(("visitor",))
                 and 0 <= u.index - e.unit <= _SCENE_REACH and not (e.earlier or e.recalled)]
        if trips and partner.key != spouse.key:
            # (the trip under way before one still to come: "arrived in Ghana on a tour that
            # would take her to Tanzania and Zambia")
            t = ([e for e in trips if e.status == "occurred"] or trips)[-1]
            out.append(EventMention("visit", [(spouse, "visitor")], u.index, (u.start, u.end), 0.7, location=t.location,
                                    destination=t.destination, destination_code=t.destination_code, date=t.date,
                                    status=t.status))
    return out


_TRIP_TO_BEFORE = re.compile(r"\b(?:visit|trip|tour|arriv\w*|travel\w*)\s+(?:to|in)\s+(?:the\s+)?$", re.I)


def _trips_in(u: Unit) -> list[str]:
    """The countries the sentence names as a trip's ("during his first visit to Kenya")."""
    return [p.code for s, _e, _t, p in find_places(u.text, u.start)
            if p.kind == "country" and p.code and _TRIP_TO_BEFORE.search(u.text, 0, s - u.start)]


def _filed_on_a_day(ctx: ArticleContext) -> bool:
    """The dateline names the day the story was filed ("New Delhi [India], May 3 (ANI):"), so "earlier
    in the day" with no day told before is that day."""
    dl = ctx.prep.dateline
    return dl is not None and ctx.published is not None and filing_day(dl.date_text, ctx.published) is not None


def _home_venue_city(ctx: ArticleContext, u: Unit, f: TriggerFrame, em: EventMention,
                     m: re.Match[str]) -> tuple[str | None, str | None]:
    """ "received X at State House": the city written after the venue, else the capital of the
    host's country: the dateline's when one side is at home there, else the subject's, unless the
    subject is the one calling on the other ("paid a courtesy call on Y at the presidential palace")."""
    if m.group(2) and (named := gz.lookup(m.group(2))) is not None and named.kind == "city":
        return named.city, named.code
    codes = {a.code for a, _ in em.actors if a.code}
    dl = ctx.prep.dateline
    host = dl.code if dl is not None and dl.code in codes else None
    trips = _trips_in(u)
    if host is None:  # the guest's trip, told in the sentence or before, goes to the host
        told = [e.destination_code for e in reversed(ctx.events) if e.type == "visit" and not e.earlier]
        host = next((c for c in trips + told if c in codes), None)
    sides = [] if (sub := _receiving_side(f.tok)) is None else actor_of_token(u, sub, ctx.registry, ctx.units_persons)
    if host is None and sides:  # the subject is on a trip told before or in the sentence: it is hosted
        host = next((code for _city, code, _name in _visit_told_before(ctx, sides)), None) \
            or next((c for c in trips if c not in {r.code for r in sides}), None)
    if host is None and f.tok.lemma_.lower() not in vocabulary.CALLING_VERBS:
        host = next((r.code for r in sides if r.code in codes), None)
    city = gz.CAPITAL_OF.get(host or "")
    return (city, host) if city else (None, em.destination_code)


def _receiving_side(tok):
    """Who receives at the venue: the subject, or in the passive the agent ("X was received at
    the Presidential Palace by Y": Y is at home there, not X)."""
    if any(c.dep_ == "nsubjpass" for c in tok.children):
        agents = [x for c in tok.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
        return agents[0] if agents else None
    return subject_of(tok)


def _city_told_before(ctx: ArticleContext, u: Unit, code: str | None) -> tuple[str | None, str | None]:
    """ "held talks at a hotel in the city": the city the two sentences before name last."""
    for b in range(u.index - 1, max(-1, u.index - 3), -1):
        before = ctx.units[b]  # (a sentence left unparsed has no places yet: the gazetteer's)
        cities = [(s, p.city or surface, p.code) for s, _e, surface, p in find_places(before.text, before.start)
                  if p.kind == "city" and not ctx.in_quote(s, s + len(surface))]
        if cities:
            return cities[-1][1], code or cities[-1][2]
    return None, code


def _gathering_here(ctx: ArticleContext, u: Unit, code: str | None) -> tuple[str | None, str | None]:
    """ "held separate meetings here with A and B" in a story with no dateline city: the reporter
    is at the gathering the article told last, in a city ("on the sidelines of the summit in
    Antalya"), so the talks are held in that city."""
    for before in reversed(ctx.units[:u.index]):
        if not GATHERING_RE.search(before.masked):
            continue
        cities = [(p.city or surface, p.code) for s, _e, surface, p in find_places(before.text, before.start)
                  if p.kind == "city" and not ctx.in_quote(s, s + len(surface))
                  and _PLACE_BEFORE.search(before.text, 0, s - before.start)]
        if cities:
            return cities[-1][0], code or cities[-1][1]
    return None, code


def _where_and_when_pair_was_received(ctx: ArticleContext, u: Unit, em: EventMention) -> None:
    """ "X was welcomed by Y at the Elysee Palace. The two leaders had a one-on-one meeting", "Y
    received X today. During the meeting, ...": talks whose sentence names none of its people, or
    tells them as the meeting told, take the one place where, and the one day when, the sentence
    before, naming them all, puts them."""
    if u.index == 0 or (not em.anaphoric and any(not m.in_quote for m in u.persons)):
        return  # ("During the meeting, the Amir and Prince Faisal discussed": the meeting told)
    before = ctx.units[u.index - 1]
    names = {ctx.registry.person(m).name for m in before.persons if not m.in_quote}
    people = {a.name for a, _ in em.actors if a.kind == "person"}
    if len(people) < 2 or not people <= names:
        return
    places = {(p.city or gz.SEAT_CITY.get(gz.fold(surface).removeprefix("the ")) or surface, p.code)
              for s, _e, surface, p in find_places(before.text, before.start)
              if p.kind in ("city", "seat") and not ctx.in_quote(s, s + len(surface))
              and _PLACE_BEFORE.search(before.text, 0, s - before.start)}
    if not em.location and not em.destination_code and len(places) == 1:
        em.location, em.destination_code = places.pop()
    if not (em.date or em.span or em.month) and em.status == "occurred" and ctx.published is not None:
        day = sentence_day(ctx, before)
        em.date = day.isoformat() if day is not None else None


def trigger_frame(ctx: ArticleContext, u: Unit, trig: Trigger) -> TriggerFrame | None:
    """The trigger's clause, status and date; None when the event did not or will not happen
    (negated, cancelled, an invitation), belongs to an earlier year, or is attended as a guest."""
    if is_cancelled(u.doc, trig):
        return None
    tok = u.doc[trig.i]
    idx = clause_tokens(tok)
    dl_end = ctx.dateline_end
    tokens = (u.doc[i] for i in sorted(idx))
    words = [t for t in tokens if u.start + t.idx >= dl_end and u.masked[t.idx:t.idx + 1] != " "]
    ctext = " ".join(t.text for t in words)
    anchor = sum(len(t.text) + 1 for t in words if t.i < tok.i)  # the trigger's offset in ctext
    published = ctx.published
    if historical_year(ctext, published) or year_dropped(ctext, u.masked, published) or _when_of_a_year_gone(tok, published):
        return None  # (a day whose year the parse left outside the clause is of that year too)
    if GUEST_RE.search(ctext) and trig.type in ("meeting", "visit"):
        return None  # "who attended the summit as a guest": not a participant of it
    planned = is_planned(u.doc, trig, u.masked) or _time_clause_ahead(tok)
    # "arrived on Monday for talks with X": the day is the journey's, told as past; "will travel
    # to Tokyo on the 28th for talks with X": a journey still to come, its day ahead
    journey = journey_of(tok) if trig.type == "meeting" else None
    forward = planned and not (journey is not None and journey.tag_ in ("VBD", "VBN"))
    date = resolve_date(ctext, published, forward, anchor)
    if agreed_to_negotiate(u.doc, trig):
        planned = False  # the agreeing happened; a future start date is not the meeting's
        date = resolve_date(ctext, published, False, anchor)
        if date and published and date > published:
            date = None
    if date and published and date < published and _after_later_event_word(u, tok):
        # "hosted X on Wednesday ahead of their talks on Thursday": the talks come after a day
        # just gone or today, so their weekday is the coming one
        main = sentence_day(ctx, u)
        ahead = resolve_date(ctext, published, True, anchor) if main and main >= published - dt.timedelta(days=1) else None
        if ahead is not None and main is not None and ahead >= main:
            date, planned = ahead, planned or ahead > published
    if date and published and date > published and not planned:
        planned = True
    if date is None and published is not None and not names_span(ctext) and not (
            not forward and any(_time_clause_ahead(t) and not t.is_ancestor(tok) for t in u.doc)):
        date = (None if forward else _head_clause_day(ctx, u, tok)) or (
            None if forward and _within_a_trip(tok) else sentence_day(ctx, u, forward))
    month = resolve_month(ctext, published, planned) if date is None and not _span_nearer(ctext, anchor) else None
    if date is None and month is None and not names_span(ctext):
        month = _head_clause_month(ctx, u, tok, planned)
    if date is None and month is None and trig.type == "visit" and not planned and _present_state(tok, ctext):
        date = published  # "X is in Cairo on a state visit", "who is visiting Kenya": there as the paper goes out
    return TriggerFrame(trig, tok, idx, ctext, "planned" if planned else "occurred",
                        date.isoformat() if isinstance(date, dt.date) else None, bool(SAME_DAY_RE.search(ctext)), month)


def _time_clause_ahead(tok) -> bool:
    """ "a letter was signed ... when Mayor X visits Kobe on October 4": a clause of time told in
    the present under a past verb is still ahead (and its day is not the past event's)."""
    if tok.dep_ != "advcl" or tok.tag_ not in ("VBZ", "VBP") or not any(
            c.dep_ in ("mark", "advmod") and c.lower_ in vocabulary.TIME_CLAUSE_MARKS for c in tok.children):
        return False
    head = tok.head
    while head.tag_ in ("VBG", "VB") and head.dep_ in ("xcomp", "acl", "advcl") and head.head.i != head.i:
        head = head.head  # ("was signed stating the wish to ... when X visits")
    return head.tag_ in ("VBD", "VBN") and not any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP", "MD")
                                                    for c in head.children)


def _when_of_a_year_gone(tok, published: dt.date | None) -> bool:
    """ "The two cities first discussed ties when a trade mission visited Springfield in 2022": a
    "when" clause dates the event to its earlier year."""
    return any(c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ == "when" for m in c.children)
               and historical_year(" ".join(t.text for t in c.subtree), published) for c in tok.children)


def _span_nearer(ctext: str, anchor: int) -> bool:
    """ "Kim last week met Xi on his first trip since inheriting power in December 2011": a span
    nearer the event word than any month names its time; the month is another event's."""
    spans = [m.start() for m in SPAN_RE.finditer(ctext)]
    months = [m.start() for m in MONTH_ONLY_RE.finditer(ctext)]
    return bool(spans and months) and min(abs(s - anchor) for s in spans) < min(abs(m - anchor) for m in months)


# "the ministry said on Monday", "told reporters yesterday": the day of the telling
_TOLD_ON = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|confirmed)\b(?:\s+(?:reporters|journalists|the\s+\w+))?\s*$", re.I)


def _present_state(tok, ctext: str) -> bool:
    """The trigger tells where someone is now: "is in Cairo", "is visiting", "is on a visit"."""
    if names_span(ctext):
        return False
    for t in (tok, tok.head, tok.head.head):
        if t.lemma_ == "be" and t.tag_ in ("VBZ", "VBP"):
            return True
        if t.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in t.children):
            return True
        if t.pos_ in ("VERB", "AUX") and t is not tok:
            return False  # another verb governs it ("said his visit")
    return False


def _head_clause_day(ctx: ArticleContext, u: Unit, tok) -> dt.date | None:
    """ "held a one-on-one meeting with X on Saturday, which was followed by delegation-level
    talks": a relative clause's event is dated by the clause it hangs on."""
    head = clause_head(tok)
    if head.dep_ != "relcl" or head.head.i == head.i:
        return None
    idx = clause_tokens(head.head)
    text = " ".join(u.doc[i].text for i in sorted(idx) if u.masked[u.doc[i].idx:u.doc[i].idx + 1] != " ")
    day = resolve_date(text, ctx.published, False)
    return day if isinstance(day, dt.date) and ctx.published is not None and day <= ctx.published else None


def _head_clause_month(ctx: ArticleContext, u: Unit, tok, planned: bool) -> str | None:
    """ "their talks in Hanoi last December, when the two leaders signed 36 agreements": a
    relative or "when" clause's event is in the month of the clause it hangs on."""
    head = clause_head(tok)
    when = any(c.lower_ == "when" for c in head.children)
    if not (head.dep_ == "relcl" or (head.dep_ == "advcl" and when)) or head.head.i == head.i:
        return None
    idx = clause_tokens(head.head)
    text = " ".join(u.doc[i].text for i in sorted(idx) if u.masked[u.doc[i].idx:u.doc[i].idx + 1] != " ")
    return resolve_month(text, ctx.published, planned)


def _after_later_event_word(u: Unit, tok) -> bool:
    """The trigger's phrase is about a later event: "ahead of their talks", "prior to the summit"."""
    start = tok.left_edge.idx
    return after_later_event_word(u.masked[:start + 1], start + 1, 25)


def _head_clause_span(u: Unit, tok) -> bool:
    """ "when Xi visited South Africa two months ago, they spoke about ...": a relative or "when"
    clause's event is in the span the clause it hangs on names."""
    head = clause_head(tok)
    when = any(c.lower_ == "when" for c in head.children)
    if not (head.dep_ == "relcl" or (head.dep_ == "advcl" and when)) or head.head.i == head.i:
        return False
    idx = clause_tokens(head.head)
    return names_span(" ".join(u.doc[i].text for i in sorted(idx) if u.masked[u.doc[i].idx:u.doc[i].idx + 1] != " "))


def _within_a_trip(tok) -> bool:
    """ "arrived here Sunday on a three-day visit during which he will hold talks with X": talks
    told in a clause of the trip itself take no day of the sentence (the day is the arrival's)."""
    rel = next((a for a in [tok, *tok.ancestors] if a.dep_ == "relcl"), None)
    return rel is not None and rel.head.lemma_.lower() in _JOURNEY_NOUNS


def sentence_day(ctx: ArticleContext, u: Unit, planned: bool = False) -> dt.date | None:
    """The one day the sentence names outside the trigger's clause ("Tinubu yesterday played
    host to Sarr at the Villa, where the two held talks"; "In Riyadh on Thursday, X received Y,
    while their ministers signed ..."; "On November 23 Wen is to meet Medvedev"), when it names
    one only, past or (for a planned event) ahead; not the day something was said."""
    text = u.masked[max(0, ctx.dateline_end - u.start):]
    days = {d for s, _e, _r, d in day_mentions(text, ctx.published, planned)
            if not _TOLD_ON.search(text, max(0, s - 40), s) and not after_later_event_word(text, s)}
    if len(days) != 1:
        return None
    day = days.pop()
    if ctx.published is None:
        return day
    return day if (day >= ctx.published if planned else day <= ctx.published) else None


def build_signing(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[EventMention]:
    if f.tok.dep_ == "xcomp" and f.tok.head.lemma_.lower() in vocabulary.STILL_DUE_VERBS:
        return []  # "the protocol still has to be signed", "needs to be signed": not (yet) a signing
    refs = _parties(ctx, u, f)
    if len({r.code for r in refs if r.code}) < 2:
        refs = dedupe([*refs, *_signed_for(u, f)])
    if _sides_told_before(u, f, refs):
        sides = _last_sides(ctx, u.start + f.tok.idx) or (_pair_named_before(ctx, u) if not _of_an_earlier_year(ctx, f) else [])
        if sides:  # with the people the sentence names ("during a call the envoy paid on Minister X")
            refs = dedupe([*_named_in_sentence(ctx, u), *sides]) if not refs else sides
    if not refs or not political(refs):
        return []
    em = _two_sided(u, f, refs, "signatory", 0.8, negotiation=False)
    em.earlier = EARLIER_RE.search(f.clause_text) is not None
    em.anaphoric = SAME_CEREMONY_RE.search(f.clause_text) is not None or _told_document(f.tok)
    if _signed_document_told(f.tok):
        em.anaphoric, em.status, em.date = True, "occurred", None  # (not the main verb's time)
    return [em]


_THE = ("the", "this", "that")


def _definite(tok) -> bool:
    """Told as known: "the", "this" or "that" before it (the summit, this visit, that agreement)."""
    return any(c.dep_ == "det" and c.lower_ in _THE for c in tok.children)


def _signed_document_told(tok) -> bool:
    """ "Park said the friendship agreement, signed in front of both councils, would be followed
    by ...": a definite document with "signed" after it was signed, the signing told before,
    whatever the sentence's main verb says of the future."""
    head = tok.head
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and vocabulary.AGREEMENT_RE.fullmatch(head.text) is not None \
        and _definite(head)


def _told_document(tok) -> bool:
    """ "The MoU was signed by A and B", "X signed for the UAE while Y signed for his country",
    "present at the MoU signing ceremony": the document or signing told before (a definite
    document, no document at all, the signing itself), not another ceremony."""
    if tok.pos_ == "NOUN":
        noun = tok.head if tok.dep_ == "compound" else tok
        start = noun
        while start.i > 0 and not start.doc[start.i - 1].whitespace_:
            start = start.doc[start.i - 1]  # "the re-signing": the parse gives "the" to "re"
        return any(_definite(t) for t in start.doc[start.i:noun.i + 1])
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objs:  # "signed for the UAE", "signed on behalf of India"
        return any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in tok.children) \
            or tok.dep_ not in ("acl", "relcl", "amod", "xcomp") and any(c.dep_ == "nsubj" for c in tok.children)
    obj = objs[0]
    if obj.lemma_.lower() in ("it", "they", "these", "this", "that"):
        return True
    dets = [c.lower_ for c in obj.children if c.dep_ == "det"]
    return vocabulary.AGREEMENT_RE.fullmatch(obj.text) is not None and dets[:1] == ["the"] \
        and not any(c.dep_ in ("nummod", "poss") for c in obj.children)


_TWO_STATES = re.compile(r"\b(?:the two|both) (?:countries|nations|states|governments)\b", re.I)


def _sides_told_before(u: Unit, f: TriggerFrame, refs: list[ActorRef]) -> bool:
    """ "During the visit, 22 documents were signed", "Several documents are to be signed after
    the talks": an agentless passive names no side, so the sides are those of the visit or talks
    told before; so are "the two countries" when the pair of people told before are not two
    states ("the two countries want to build on an accord they signed in 2016")."""
    if _TWO_STATES.search(u.masked):
        return len({r.code for r in refs if r.code}) < 2
    tok = f.tok
    if refs or tok.tag_ != "VBN" or any(c.dep_ == "agent" or c.lower_ in _MAYBE for c in tok.children):
        return False  # "officials hope the deal can be signed this year": a wish; "it has to be signed": not yet
    if any(a.lemma_.lower() in vocabulary.WISH_VERBS for a in tok.ancestors):
        return False
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or tok.dep_ in ("acl", "relcl")


_MAYBE = {"can", "could", "may", "might", "should", "would", "must"}


def _signed_for(u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """ "signed by the chief negotiators of the EU and Chile", "signed on behalf of Ghana by X":
    the states the signatories act for."""
    tok = f.tok
    heads = [c for c in tok.children if c.dep_ == "agent"
             or (c.dep_ == "prep" and c.lower_ == "on" and any(x.lower_ == "behalf" for x in c.children))]
    spans = [(u.start + h.left_edge.idx, u.start + h.right_edge.idx + len(h.right_edge.text)) for h in heads]
    return [ActorRef(pl.place.name, "organisation" if pl.place.is_org else "state", pl.place.code)
            for pl in u.places if not pl.in_quote and pl.place is not None and pl.place.code
            and pl.place.kind not in ("city", "demonym") and any(lo <= pl.start < hi for lo, hi in spans)]


def _named_in_sentence(ctx: ArticleContext, u: Unit) -> list[ActorRef]:
    out = []
    for m in u.persons:
        if not m.in_quote:
            p = ctx.registry.person(m)
            out.append(ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles))
    return out


def _last_sides(ctx: ArticleContext, pos: int) -> list[ActorRef]:
    """The states of the last visit, meeting or signing told before `pos` that has two: its
    people's and parties' states and, for a visit, the host's."""
    for e in reversed(ctx.events):
        if e.type == "statement" or ctx.units[e.unit].start >= pos:
            continue
        codes = list(dict.fromkeys([*(a.code for a, _ in e.actors if a.code), *([e.destination_code] if e.destination_code else [])]))
        if len(codes) >= 2:
            return [ActorRef(gz.party(c)["name"], "organisation" if c in gz.ORG_CODES else "state", c) for c in codes]
    return []


def _of_an_earlier_year(ctx: ArticleContext, f: TriggerFrame) -> bool:
    """ "The framework was signed in August 1999": a month of an earlier year."""
    return bool(f.month and ctx.published and f.month[:4] < str(ctx.published.year))


def _pair_named_before(ctx: ArticleContext, u: Unit) -> list[ActorRef]:
    """ "China and the United States renewed a science accord in Beijing. Officials from the two
    governments signed a protocol": with no talks or trip told, the two states are the pair the
    sentence before names (and only them)."""
    before = ctx.units[u.index - 1].masked if u.index else ""
    codes = list(dict.fromkeys(p.code for _s, _e, _w, p in find_places(before) if p.kind == "country"))
    if len(codes) != 2:
        return []
    return [ActorRef(gz.party(c)["name"], "state", c) for c in codes]


def _spouses(ctx: ArticleContext, u: Unit) -> set[str]:
    """The people the sentence names as someone's kin ("Kishida and his wife Yuko welcomed the
    leaders", "first lady Jill Biden"): company at a ceremony, not a side of talks; on a trip,
    the traveller's company."""
    return {ctx.registry.person(m).name for m in u.persons
            if vocabulary.KIN_BEFORE_RE.search(u.text, max(0, m.start - u.start - 20), m.start - u.start)}


_HOSTING = TRIGGER_CLASSES["host_verbs"]


def _implied_host(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """ "X said he looks forward to hosting A and B": the host of a hosting with no subject of
    its own is the subject of the verb it hangs on (not the guests alone)."""
    tok = f.tok
    if tok.lemma_.lower() not in _HOSTING or tok.tag_ != "VBG" or any(c.dep_.startswith("nsubj") for c in tok.children):
        return []
    sub = _acting_subject(tok)
    return actor_of_token(u, sub, ctx.registry, ctx.units_persons) if sub is not None else []


def _followed_by_talks(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """ "X will call on President A, followed by a meeting with Minister B": the talks that follow
    are X's with B (however the parser hangs "followed"), not A's with B."""
    tok = f.tok
    if tok.dep_ != "pobj" or tok.head.dep_ != "agent" or tok.head.head.lemma_.lower() not in ("follow", "precede"):
        return []
    sub = _acting_subject(tok.head.head) or _acting_subject(tok.sent.root)
    own = [person_ref(ctx.registry, m) for t in tok.subtree if (m := person_at(u, t)) is not None and not m.in_quote]
    if sub is None or not own:
        return []
    return dedupe([*actor_of_token(u, sub, ctx.registry, ctx.units_persons), *own])


def build_meeting(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[EventMention]:
    if _provided_for(f.tok):
        return []
    refs = _followed_by_talks(ctx, u, f) or dedupe([*_parties(ctx, u, f), *_implied_host(ctx, u, f)])
    if refs:
        refs = dedupe([*_speaker_in_talks(ctx, u, f), *refs])
    if count_sides(refs) < 2:
        refs = dedupe([*refs, *_the_visiting_guest(ctx, u, f), *_met_visiting(ctx, u, f)])
    if (listed := _itinerary_item(ctx, u, f)) and count_sides(listed) >= 2:
        refs = listed
    spouses = _spouses(ctx, u)
    refs = [r for r in refs if r.kind != "person" or r.name not in spouses]
    if count_sides(refs) < 2 and refs:
        refs = dedupe([*_visitor_told_before(ctx, u, f, refs), *refs])
    anaphoric = told_before(u, f.tok) or _nth_time(f.tok)
    # "Before their talks, X welcomed Y, who arrived on Monday", "Friday's meeting will
    # strengthen ties": the day is the talks' told before, not one this sentence gives them
    owned = anaphoric and any(c.dep_ == "poss" for c in f.tok.children)
    # "Tuesday's talks focused on trade": a day as the owner is the talks' day (when told as held)
    day_owned = owned and f.status == "occurred" and f.date is not None and any(
        c.dep_ == "poss" and c.lower_ in _DAY_OWNERS for c in f.tok.children)
    # "The meeting took place on Thursday", "The talks were held on Friday": the day of the talks told
    told_day = anaphoric and not owned and f.status == "occurred" and f.date is not None \
        and f.tok.dep_ in ("nsubj", "nsubjpass") and f.tok.head.lemma_.lower() in _TOOK_PLACE
    if _part_of_a_call(ctx, u, f, anaphoric) or _met_on_arrival(ctx, u, f):
        return []
    if (anaphoric or the_talks_at(f.tok)) and _sitting_in(f.tok):
        return []  # "The meeting was attended by A and B": who sat in on the talks told, not talks of their own
    if count_sides(refs) < 2 or not political(refs):
        if day_owned or told_day:
            _date_told_talks(ctx, u, f)
        return []
    negotiation = f.tok.lemma_.lower() in ("negotiation", "negotiate")
    session = session_format(u, f.tok)
    # "agreed to hold a follow-up meeting", "will meet again": talks still to come, not those told
    follow_up = FOLLOW_UP_RE.search(" ".join([f.clause_text, *(a.lemma_ for a in f.tok.ancestors if a.pos_ == "VERB")])) \
        is not None
    out = []
    host = _host_of_visiting_guests(ctx, u, f)
    for side in separate_sessions(ctx, u, f, refs):
        em = _two_sided(u, f, side, "participant", 0.75, negotiation=negotiation)
        _host_the_talks(em, side, host)
        em.session = session
        em.earlier = EARLIER_RE.search(f.clause_text) is not None
        em.anaphoric = anaphoric
        em.follow_up = follow_up
        em.purpose = f.status == "planned" and journey_of(f.tok) is not None
        if owned and not day_owned:
            em.date = None
        out.append(em)
    return out




def _host_of_visiting_guests(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> str | None:
    """ "X held talks with his visiting counterparts from A and B": the country of the talks'
    subject, whose guests the others are (a person's country told)."""
    if not any(c.dep_ == "amod" and c.lower_ == "visiting" and c.head.lemma_.lower() in vocabulary.TITLE_NOUNS
               for i in f.clause for c in (u.doc[i],)):
        return None
    sub = _acting_subject(f.tok)
    if sub is None:
        return None
    people = [r for r in actor_of_token(u, sub, ctx.registry, ctx.units_persons) if r.kind == "person" and r.code]
    return people[0].code if len(people) == 1 else None


def _host_the_talks(em: EventMention, side: list[ActorRef], host: str | None) -> None:
    """Talks with a visiting guest, placed nowhere else, are held in the host's country."""
    if host and not em.destination_code and not em.location and any(a.code and a.code != host for a in side):
        em.destination_code = host


def _the_visiting_guest(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """ "Kovind will meet the visiting president on Friday": the visitor of the last trip told
    before, named by a title or a guest's word after "the visiting"."""
    for i in f.clause:
        t = u.doc[i]
        if t.dep_ in ("dobj", "pobj") and (t.lemma_.lower() in vocabulary.TITLE_NOUNS | vocabulary.GUEST_NOUNS) \
                and person_at(u, t) is None and any(c.dep_ == "amod" and c.lower_ == "visiting" for c in t.children):
            trips = [e for e in ctx.events if e.type == "visit" and max(e.units) <= u.index]
            return [a for a, _ in trips[-1].actors if a.kind == "person"] if trips else []
    return []


def _met_visiting(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """ "Xi met visiting US Secretary of State Rex Tillerson": the parser reads "visiting" as a
    verb of its own whose object is the guest; the guest is the one met."""
    tok = f.tok
    nxt = [c for c in tok.children if c.dep_ == "advcl" and c.i == tok.i + 1 and c.lower_ == "visiting"]
    objs = [o for c in nxt for o in c.children if o.dep_ == "dobj"]
    return [r for o in objs for r in actor_of_token(u, o, ctx.registry, ctx.units_persons)]


_LISTING_VERBS = TRIGGER_CLASSES["entourage_lists"]
_JOURNEY_NOUNS = vocabulary.ITINERARIES | TRIGGER_CLASSES["trip_nouns"] | TRIGGER_CLASSES["visit_words"]


def _itinerary_item(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """ "The Belgian leg of his trip will include a tour of the port and a meeting with X", "His
    programme includes a meeting with X": talks listed in someone's trip or programme are theirs
    with those they are with (not the places or people of the list's other items)."""
    item = f.tok
    if item.pos_ != "NOUN":
        return []
    while item.dep_ == "conj" and item.head.pos_ == "NOUN":
        item = item.head
    verb = item.head
    if item.dep_ != "dobj" or verb.lemma_.lower() not in _LISTING_VERBS:
        return []
    owner = next((t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree
                  if t.dep_ == "poss" and t.head.lemma_.lower() in _JOURNEY_NOUNS), None)
    if owner is None:
        return []
    withs = [o for c in f.tok.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]
    return dedupe([r for t in [owner, *withs] for r in actor_of_token(u, t, ctx.registry, ctx.units_persons)])


_IN_THE_TALKS = frozenset({"in", "during", "at"})
_WHILE = frozenset({"while", "when"})


def _speaker_in_talks(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """ "In talks with X, Y said …", "Y said while meeting X": the speaker speaks in the talks
    the speech is framed by, so holds them (the reporter of talks held by others is no side)."""
    tok = f.tok
    if tok.dep_ == "pobj" and tok.head.lower_ in _IN_THE_TALKS and tok.head.dep_ == "prep":
        verb = tok.head.head
    elif tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _WHILE for c in tok.children):
        verb = tok.head
    else:
        return []
    if verb.lemma_.lower() not in SPEECH_LEMMAS or verb.i == tok.i:
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    found = actor_of_token(u, subjects[0], ctx.registry, ctx.units_persons) if subjects else []
    return [r for r in found if r.kind == "person"]


def _part_of_a_call(ctx: ArticleContext, u: Unit, f: TriggerFrame, anaphoric: bool) -> bool:
    """ "Modi spoke with the Crown Prince by phone. ... Modi and Salman discussed the pandemic",
    "During the talks, the leaders discussed X": what people discussed, or "the talks", told
    right after a call and placed nowhere, is what they said on the call, not talks in person."""
    lem = f.tok.lemma_.lower()
    discussed = lem in TRIGGER_CLASSES["discussion_verbs"] and f.tok.pos_ == "VERB" or lem in TRIGGER_CLASSES["view_exchanges"]
    if not (anaphoric or discussed) or event_place(u, f.tok, f.clause)[0]:
        return False
    return any(REMOTE_RE.search(ctx.units[b].text) for b in range(max(0, u.index - 2), u.index))


_AIRPORT_RE = re.compile(rf"\b(?:{'|'.join(sorted(vocabulary.AIRPORT_WORDS))})s?\b", re.I)


def _met_by_whom(tok) -> bool:
    """ "he was met by X", "was received by X", "was greeted by X": someone meets the guest."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in {"meet", "receive", *vocabulary.WELCOME_LEMMAS} \
        and any(c.dep_ == "nsubjpass" for c in tok.children) and any(c.dep_ == "agent" for c in tok.children)


def _met_on_arrival(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> bool:
    """ "Obama arrived at the airport at 8.59am. ... he was met by Lord X": the guest met at the
    airport the sentence before tells, which is a welcome or a send-off, not talks (unless this
    sentence places the meeting elsewhere)."""
    tok = f.tok
    if tok.pos_ == "VERB" and tok.lemma_.lower() in {"meet", "receive", *vocabulary.WELCOME_LEMMAS} and any(
            c.dep_ == "nsubjpass" for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ in ("on", "upon") and any(
                x.dep_ == "pobj" and x.lemma_.lower() in vocabulary.ARRIVAL_NOUNS for x in c.children) for c in tok.children):
        return True  # "they were met on arrival by X": a welcome, wherever
    if tok.dep_ == "conj" and tok.head.lemma_.lower() in vocabulary.ARRIVAL_VERBS and any(
            c.dep_ == "auxpass" for c in tok.children) and any(c.dep_ == "agent" for c in tok.children) \
            and tok.lemma_.lower() in {"meet", "receive", *vocabulary.WELCOME_LEMMAS}:
        # "X arrived here this afternoon and was received by Minister Y": the welcome, unless
        # placed at a venue of its own ("... and was received by Y at Hyderabad House")
        return not event_place(u, tok, {t.i for t in tok.subtree})[0]
    if not _met_by_whom(tok) or event_place(u, tok, f.clause)[0]:
        return False

    return u.index > 0 and _AIRPORT_RE.search(ctx.units[u.index - 1].text) is not None


def _sitting_in(tok) -> bool:
    """The talks' noun tells who attended them: "the meeting was attended by", "were present at
    the meeting", "during the meeting, the president was accompanied by"."""
    head = tok.head
    if tok.dep_ in ("nsubjpass", "dobj") and attends(head):
        return True
    if tok.dep_ != "pobj" or head.dep_ != "prep":
        return False
    verb = head.head
    present = TRIGGER_CLASSES["presence_adjectives"]
    if head.lower_ in ("at", "in"):  # (the parser may hang "at the meeting" on "were", not on "present")
        return verb.lemma_.lower() in present or attends(verb) or verb.lemma_ == "be" and any(
            c.dep_ == "acomp" and c.lemma_.lower() in present for c in verb.children)
    return head.lower_ == "during" and verb.lemma_.lower() in TRIGGER_CLASSES["companion_words"]


def _provided_for(tok) -> bool:
    """ "signed a memorandum of understanding on political consultations", "a protocol on regular
    talks between the ministries": talks a document provides for, not talks held."""
    t = tok
    while t.dep_ in ("pobj", "prep") and t.head.i != t.i:
        t = t.head
        if t.pos_ in ("NOUN", "PROPN") and vocabulary.AGREEMENT_RE.fullmatch(t.lemma_):
            return True
    return False


_DAY_OWNERS = {*WEEKDAYS, "yesterday", "today"}
_TOOK_PLACE = {"take", "hold", "be", "happen", "occur"}


def _date_told_talks(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> None:
    """ "X met Y in Dar es Salaam. Tuesday's talks focused on trade.": the undated talks just told
    (in this sentence or the two before) took place that day."""
    for e in reversed(ctx.events):
        if e.type == "meeting" and u.index - 2 <= e.unit <= u.index and e.status == "occurred":
            if not e.date:
                e.date = f.date
            return


def _visitor_told_before(ctx: ArticleContext, u: Unit, f: TriggerFrame, refs: list[ActorRef]) -> list[ActorRef]:
    """ "Talks with Foreign Minister X followed": talks with no subject of their own are the
    visitor's whose trip the last sentences tell (X being someone else)."""
    tok = f.tok
    sub = _acting_subject(tok)
    guest = sub is not None and sub.lemma_.lower() in vocabulary.GUEST_NOUNS and any(
        c.lower_ == "the" or c.lower_ == "visiting" for c in sub.children)  # "The visiting dignitary will hold talks with X"
    if not guest and (tok.pos_ != "NOUN" or any(c.dep_ == "poss" for c in tok.children)
                      or tok.dep_ not in ("nsubj", "nsubjpass", "ROOT")
                      or not any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)):
        return []
    keys = {r.key for r in refs}
    for e in reversed(ctx.events):
        if e.type not in ("visit", "meeting") or e.status != f.status and not guest or e.unit < u.index - 4 or e.unit > u.index:
            continue
        if e.type == "visit":  # the visitor; at talks placed abroad, the foreign participant
            vis = [a for a, role in e.actors if role == "visitor" and a.kind == "person"]
        else:
            dl = ctx.prep.dateline
            where = e.destination_code or (dl.code if dl is not None else None)  # (the dateline's, still unshared)
            vis = [a for a, _ in e.actors if a.kind == "person" and a.code and where and a.code != where
                   and not a.resident]
        if vis:
            return vis if not keys & {a.key for a in vis} else []
    return []


_NEW_TALKS = {"first", "second", "third", "next", "another", "new", "further", "previous", "last", "earlier",
              "later", "future", "upcoming", "separate", "first-ever"}


def told_before(u: Unit, tok) -> bool:
    """ "Sitting in on the meeting were ...", "the talks lasted two hours": a definite meeting
    noun with no participants or qualifier of its own refers to talks already told."""
    if tok.pos_ != "NOUN" or tok.tag_ == "NNP" or _said_of_the_told(tok):
        return tok.pos_ == "NOUN" and tok.tag_ != "NNP"
    dets = [c for c in tok.children if c.dep_ == "det"]
    owner = [c for c in tok.children if c.dep_ == "poss"]
    if owner and not dets and _telling_owner(owner[0]):
        owner = []  # "their talks", "today's meeting": the talks the article tells
    elif not dets or dets[0].lower_ not in ("the", "that", "this", "those", "these"):
        return False
    for c in tok.children:
        if c.dep_ in ("nummod", "compound", "relcl", "acl") or c.lower_ in _NEW_TALKS or c in owner:
            return False
        if c.dep_ == "prep" and c.lower_ in ("with", "between", "of", "among", "in", "at", "on"):
            return False
        if c.dep_ == "amod" and (c.lower_ in _NEW_TALKS or c.ent_type_ in ("NORP", "GPE")):
            return False
    return person_at(u, tok) is None


def _said_of_the_told(tok) -> bool:
    """ "This is the PM's first meeting with X since …", "It was their third meeting this year":
    what the talks just told are, not other talks."""
    head = tok.head
    return tok.dep_ == "attr" and head.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.lower_ in ("this", "it", "that") for c in head.children) and any(
        c.ent_type_ == "ORDINAL" or c.lower_ in ("first", "first-ever", "last") for c in tok.children)


def _nth_time(tok) -> bool:
    """ "It was the third time the two leaders have met this year", "It was for the seventh time
    for the two to meet": a count of their meetings, of which the talks just told are the last."""
    head = tok.head
    if tok.dep_ == "relcl" and head.lemma_ == "time" and head.head.lemma_ == "be":
        times = [head]  # "It was the third time the two leaders have met"
    elif tok.dep_ == "advcl" and head.lemma_ == "be":
        times = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children
                 if o.dep_ == "pobj" and o.lemma_ == "time"]  # "It was for the seventh time for them to meet"
    else:
        return False
    return any(c.ent_type_ == "ORDINAL" or c.lower_ in ("first", "last") for t in times for c in t.children)


def _telling_owner(t) -> bool:
    """A possessive that points back rather than naming a side: "their" (the two told before)
    or the day of the talks ("today's meeting", "Friday's talks")."""
    low = t.lower_
    if t.tag_ == "PRP$":
        return low == "their"
    return not any(c.dep_ != "case" for c in t.children) and (low in ("today", "yesterday") or low in WEEKDAYS)


def session_format(u: Unit, tok) -> str | None:
    """The format the talks are qualified with ("one-on-one", "delegation-level"), if any."""
    right = max((c.right_edge for c in tok.children if c.dep_ == "prep"), key=lambda t: t.i, default=tok)
    m = SESSION_RE.search(u.masked[tok.left_edge.idx:right.idx + len(right.text)])
    if m is None:
        return None
    return SESSION_FORMATS.get(re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", m.group(1).lower())))


def separate_sessions(ctx: ArticleContext, u: Unit, f: TriggerFrame, refs: list[ActorRef]) -> list[list[ActorRef]]:
    """ "X met separately with A and B", "X met his counterparts from A, B and C", "X held
    bilateral talks with the A and B leaders": one meeting of the subject with each counterpart
    (a person, else a state none of the counterparts named acts for)."""
    if not SEPARATE_RE.search(f.clause_text) and not _one_to_one(u, f) and not _listed_counterparts(ctx, u, f):
        return [refs]
    owner = [c for c in f.tok.children if c.dep_ == "poss"]  # "Modi's separate talks included sessions with A and B"
    # "the separate meetings between President X and his counterparts from A and B": X holds them
    between = [o for p in f.tok.children if p.dep_ == "prep" and p.lower_ == "between" for o in p.children
               if o.dep_ == "pobj"] if f.tok.pos_ == "NOUN" else []
    sub = owner[0] if owner else between[0] if between else _acting_subject(f.tok)
    hosts = actor_of_token(u, sub, ctx.registry, ctx.units_persons) if sub is not None else []
    keys = {r.key for r in hosts}
    others = [r for r in refs if r.kind == "person" and r.key not in keys]
    taken = {r.code for r in [*hosts, *others] if r.code}
    others += [r for r in refs if r.kind != "person" and r.code and r.code not in taken]
    if not hosts or len(others) < 2:
        return [refs]
    return [[*hosts, o] for o in others]


_MEALS = TRIGGER_CLASSES["meal_nouns"] | TRIGGER_CLASSES["meal_verbs"]


def _listed_counterparts(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> bool:
    """ "X met with A and B", "X held talks with A, B and C": one verb or noun of talks with people
    listed is one meeting with all of them; one with each only when the text tells the sessions
    apart: "met A and B in turn", "received A and B, each for an hour", "met A and then B", "met A
    on Monday and B on Tuesday" (a time or place of each). Never when told as one session ("met A
    and B together", "a trilateral meeting"), at a meal, or with a couple ("President Joe Biden and
    first lady Jill Biden")."""
    tok = f.tok
    if tok.lemma_.lower() in _MEALS or ONE_SESSION_RE.search(f.clause_text):
        return False
    heads = [tok, tok.head] if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else [tok]  # "held talks with"
    objs = [o for h in heads for c in h.children
            for o in ([c] if c.dep_ == "dobj" and h.i == tok.i and tok.pos_ == "VERB"
                      else [o for o in c.children if o.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in ("with", "on")
                      else [])]
    for o in objs:
        # ("met A and then B": the parser may hang B on the verb)
        listed = [c for c in o.conjuncts if c.i > o.i] or [c for c in o.head.children if c.dep_ == "conj"
                                                           and c.pos_ in ("PROPN", "NOUN") and c.i > o.i]
        if not listed:
            continue
        people = dedupe([r for t in (o, *listed) for r in actor_of_token(u, t, ctx.registry, ctx.units_persons)
                         if r.kind == "person"])
        surnames = [r.name.split()[-1].lower() for r in people]
        if len(people) < 2 or len(set(surnames)) < len(surnames):
            continue
        if _one_each_told(u, f) or _told_in_sequence(o, listed) or _settings_of_each(o, listed):
            return True
    return False


def _one_each_told(u: Unit, f: TriggerFrame) -> bool:
    """The clause says the sessions were one with each ("in turn", "one after the other", "each
    for an hour"); "each" as a pronoun, not "each side" or "each country"."""
    if any(m.group(0).lower() != "each" for m in vocabulary.ONE_EACH_RE.finditer(f.clause_text)):
        return True
    doc = u.doc
    return any(doc[i].lower_ == "each" and doc[i].dep_ != "det" and not (i + 1 < len(doc) and doc[i + 1].lower_ == "other")
               for i in f.clause)


def _told_in_sequence(o, listed) -> bool:
    """ "met A and then B", "called on A, and afterwards on B": a word of sequence between the
    people listed (not inside a clause about one of them, "A, who later became ...", nor a
    title's "then": "then-Prime Minister B", "the then Speaker B")."""
    last = listed[-1].i
    return any(t.lower_ in vocabulary.SEQUENCE_ADVERBS and t.dep_ == "advmod" and t.head.dep_ != "compound"
               and t.nbor(1).text != "-" and not any(a.dep_ in ("relcl", "acl") and o.i < a.i for a in t.ancestors)
               for t in o.doc[o.i + 1:last])


_SETTING_ENTS = ("DATE", "TIME", "GPE", "LOC", "FAC")


def _settings_of_each(o, listed) -> bool:
    """ "met A on Monday and B on Tuesday", "met A in Paris and B in Rome": a time or place told
    between the people listed and another after the last (one told after the list only, "met A
    and B in Paris on Monday", is the one session's)."""
    holders = {o.i, o.head.i, *(c.i for c in listed)}
    at = [x.i for t in o.doc[o.i:] if t.head.i in holders and t.i != t.head.i
          for x in ([t] if t.dep_ == "npadvmod" and t.ent_type_ in ("DATE", "TIME")
                    else [p for p in t.children if p.dep_ == "pobj" and p.ent_type_ in _SETTING_ENTS]
                    if t.dep_ == "prep" and t.lower_ in ("in", "at", "on") else [])]
    last = listed[-1].i
    return any(o.i < i < last for i in at) and any(i > last for i in at)


def _acting_subject(tok):
    """The subject of the talks, not of the verb that reports them ("... before holding a
    bilateral meeting with X, Foreign Secretary Y confirmed": whose sentence the parser may
    hang the talks on); the reporting verb's own head's subject when there is one."""
    sub = subject_of(tok)
    for _ in range(3):
        if sub is None:
            return None
        verb = sub.head
        if verb.lemma_.lower() not in SPEECH_LEMMAS or verb.i == tok.i or not verb.is_ancestor(tok):
            return _itinerary_owner(sub)
        sub = subject_of(verb.head) if verb.head.i != verb.i else None
    return sub


def _itinerary_owner(sub):
    """ "X has a packed schedule, which includes meetings with A and B", "X's programme includes
    talks with A": the one whose schedule lists the talks holds them."""
    if sub.lower_ in ("which", "that") and sub.head.dep_ == "relcl":
        sub = sub.head.head
    if sub.lemma_.lower() not in vocabulary.ITINERARIES:
        return sub
    owner = [c for c in sub.children if c.dep_ == "poss"]
    return owner[0] if owner else subject_of(sub) or sub


_TALKS = vocabulary.TRIGGER_CLASSES["meeting_nouns"]


def _one_to_one(u: Unit, f: TriggerFrame) -> bool:
    """The trigger's talks are with counterparts ("his counterparts"), or bilateral (or listed
    with bilateral ones: "bilateral talks with A and B and a meeting with C"), or told in the
    plural ("courtesy calls on A and B")."""
    if f.tok.tag_ == "NNS" and f.tok.lemma_.lower() in vocabulary.PLURAL_SESSIONS:
        return True  # "paid courtesy calls on A and B", "held meetings with A and B"
    heads = {f.tok.i, f.tok.head.i} | {a.i for a in f.tok.ancestors if a.lower_ == "talks" or a.lemma_.lower() in _TALKS}
    for i in f.clause:
        t = u.doc[i]
        if t.lemma_.lower() not in ONE_TO_ONE_WORDS:
            continue
        if t.tag_ == "NNS" if t.pos_ == "NOUN" else t.head.i in heads:
            return True  # "his counterparts" (one counterpart is one meeting); "bilateral talks"
    return False


CONVENING_LEMMAS = TRIGGER_CLASSES["convening_verbs"]


def _travellers(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """Who the trigger says travels, by the kind of trigger."""
    reg, up = ctx.registry, ctx.units_persons
    if f.trigger.lemma == "accompany":
        return companions(ctx, u, f)
    if for_place_subject(f.tok) is not None:  # "leaves X for London to take part in ...": not London
        return [r for r in visitors(u, f.tok.head, reg, up) if not r.resident]
    if f.trigger.lemma == "hosted" and any(c.dep_ == "dobj" for c in f.tok.children):
        return [r for r in _guests(ctx, u, f) if r.kind == "person" and not r.resident]  # "Indonesia will host X"
    if f.trigger.lemma in ("attendee", "welcomed to"):
        return _attendees(u, f, reg)
    represented = _represented(ctx, u)
    if f.trigger.lemma in ("present", "gathering told"):  # everyone the clause puts at the gathering
        return [r for r in dedupe(visitors(u, f.tok, reg, up) + _parties(ctx, u, f))
                if r.kind == "person" and not r.resident and r.key not in represented]
    vis = [r for r in visitors(u, f.tok, reg, up) if not r.resident] or _traveller_so_far(ctx, u, f)
    vis = [r for r in vis if r.key not in represented]
    those = _named_as_those_who(u, f.tok, reg)
    if those and (not any(v.kind == "person" for v in vis) or f.tok.head.dep_ == "pobj"):
        vis = those
    if f.trigger.lemma in ARRIVAL_LEMMAS and vis:
        vis = dedupe(vis + _followed_by(u, f.tok, reg))
    if f.tok.lemma_.lower() in CONVENING_LEMMAS and not any(v.kind == "person" for v in vis):
        # "X was among the leaders who gathered in Hiroshima": the one person the sentence names
        named = _named_outside_quotes(u, reg)
        among = f.tok.dep_ == "relcl" and f.tok.head.head.lower_ == "among"  # "A and B were among the leaders who"
        vis = [r for r in named if not r.resident] if len(named) == 1 or among else []
    return vis


def _attendees(u: Unit, f: TriggerFrame, reg) -> list[ActorRef]:
    """Everyone the list names ("Among the attendees were A, B and C"), everyone a welcome's
    object names ("welcomed new leaders from A and B, X and Y, to the summit")."""
    if f.trigger.lemma == "attendee":
        return [r for r in _named_outside_quotes(u, reg) if not r.resident]
    return dedupe([r for c in f.tok.children if c.dep_ == "dobj" for t in c.subtree if t.dep_ != "poss"
                   and (m := person_at(u, t)) is not None and not m.in_quote and not (r := person_ref(reg, m)).resident])


def _represented(ctx: ArticleContext, u: Unit) -> set[str]:
    """Whom the sentence has someone represent ("X will represent President Y in Bali"): Y stays
    at home, whatever the parse offers as a traveller."""
    replaced = [x for t in u.doc if t.lemma_.lower() in TRIGGER_CLASSES["standing_in"] and (x := stands_in_for(t)) is not None]
    return {r.key for c in [*replaced, *(c for t in u.doc if t.lemma_.lower() in TRIGGER_CLASSES["representing"]
                                          for c in t.children if c.dep_ == "dobj")]
            for r in actor_of_token(u, c, ctx.registry, ctx.units_persons)}


def _named_as_those_who(u: Unit, tok, reg) -> list[ActorRef]:
    """ "The other heads of state who attended the summit are A, B and C": the people the "be"
    names after a group that travelled; "A and B were among those who laid wreaths": A and B;
    "Leaders expected to attend include A and B": A and B."""
    t = tok
    while t.dep_ == "xcomp" and t.head.i != t.i:
        t = t.head  # "expected to attend"
    if t.dep_ not in ("relcl", "acl"):
        return []
    group = t.head
    if group.dep_ == "pobj" and group.head.lower_ == "of" and group.head.head.pos_ in ("NOUN", "PROPN"):
        group = group.head.head  # "Leaders of major economies expected to attend"
    if group.dep_ == "pobj" and group.head.lower_ == "among" and group.head.head.lemma_ == "be":
        # "A and B were among those who laid wreaths": the subject of the "be"
        heads = [c for c in group.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        named = [person_ref(reg, m) for h in heads for t in (h, *h.conjuncts) if (m := person_at(u, t)) is not None
                 and not m.in_quote]
        return [r for r in dedupe(named) if not r.resident]
    if group.dep_ not in ("nsubj", "nsubjpass") or group.head.lemma_ not in ("be", "include"):
        return []
    be = group.head
    named = [person_ref(reg, m) for t in be.subtree if t.i > be.i and (m := person_at(u, t)) is not None
             and not m.in_quote]
    return [r for r in dedupe(named) if not r.resident]


def _followed_by(u: Unit, tok, reg) -> list[ActorRef]:
    """ "X was among the first to arrive, followed by Y and Z": those who came after arrive too."""
    above = {t.i for t in [tok, *tok.ancestors]}
    out: list[ActorRef] = []
    for t in u.doc:
        if t.lemma_ == "follow" and t.tag_ == "VBN" and t.dep_ == "advcl" and t.head.i in above:
            for x in (x for c in t.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"):
                out.extend(person_ref(reg, m) for y in (x, *x.conjuncts) if (m := person_at(u, y)) and not m.in_quote)
    return [r for r in out if not r.resident]


def _named_outside_quotes(u: Unit, reg) -> list[ActorRef]:
    """The people the sentence names outside its quotations, each once."""
    return dedupe([person_ref(reg, m) for m in u.persons if not m.in_quote])


def build_visit(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[EventMention]:
    vis = [] if _this_visit_told(ctx, u, f) else _travellers(ctx, u, f)
    members = [] if any(v.kind == "person" for v in vis) or f.trigger.lemma == "accompany" else _group_members(ctx, u, f)
    vis = members or vis
    joins = f.trigger.lemma == "accompany" or bool(members) or (
        _the_trip(f.tok) and all(v.kind == "person" for v in vis))
    if not vis or not (political(vis) or joins):
        return []  # (companions travel in an official party: the trip they join says so)
    if f.trigger.lemma in TRAVEL_LEMMAS:
        vis = dedupe(vis + _travelling_with(ctx, u, f))
    if any(v.kind == "person" for v in vis):
        vis = [v for v in vis if v.kind == "person"]  # "Tinubu ... after Japan, Brazil trip": places, not visitors
    dests, date, status = _trip_places(ctx, u, f, vis, bool(members))
    if not dests and date and f.tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in f.tok.children):
        _date_told_trip(ctx, u, vis, date, status)
    kin = _kin_homes(ctx, u, vis) | _represented_homes(u, f, vis)
    homes = {v.code or kin.get(v.key) for v in vis}
    if dests and None not in homes and all(code in homes for _c, code, _n in dests) and not _going_home(f.tok):
        dests = _abroad_places(u, f, homes) or dests  # "is back in Abuja after three days in Malabo"
    out = []
    accompanied = _accompanied(ctx, u, f) if f.trigger.lemma == "accompany" else []
    for city, code, cname in dests:
        leg_date = _leg_day(ctx, u, code, status) or date
        if code and any(r.code == code for r in accompanied):
            continue  # "Singh, accompanied by his wife, received Obama": the host's party is at home
        if code and _members_tour(f.tok, code):
            continue  # "his GCC tour that will include Qatar and Kuwait": its member states, not the organisation
        hosts = _hosts_at(ctx, code) if code and any(not (v.code or kin.get(v.key)) for v in vis) else set()
        for v in vis:
            if not _abroad_there(f, v.code or kin.get(v.key), code) or v.key in hosts:
                continue
            em = EventMention("visit", [(v, "visitor")], u.index, (u.start, u.end), 0.8, location=city,
                              destination=cname, destination_code=code, date=leg_date, status=status)
            em.same_day = f.same_day
            em.earlier = EARLIER_RE.search(f.clause_text) is not None  # "her visit to Delhi last year"
            out.append(em)
    return out


# Triggers that only place someone ("was in Paris", "present at the summit"): a visit only for
# someone known to be foreign there
_FOREIGNERS_ONLY = frozenset({"be", "present", "gathering told", "appearance", "hosted", "attendee", "tribute",
                              "welcomed to"})


def _abroad_there(f: TriggerFrame, home: str | None, code: str | None) -> bool:
    """The traveller from `home` is abroad at `code`: not at home (or at its organisation's
    seat), and, for a trigger that only places someone, known to be foreign there."""
    if home and code and (home == code or code in gz.HQ_CITIES.get(home, ())):
        return False
    return bool(home and code) or not (f.trigger.lemma in _FOREIGNERS_ONLY or _attended_by(f))


def _attended_by(f: TriggerFrame) -> bool:
    """ "The reception was attended by A, B and C": a list of those present, which names the
    hosts' own people as readily as guests (a visit only for those known to be foreign)."""
    return f.trigger.lemma == "attend" and f.tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in f.tok.children)


_RECEIVING = TRIGGER_CLASSES["hosted_guests"]


def _hosts_at(ctx: ArticleContext, code: str) -> set[str]:
    """Who received a guest in a sentence that told a visit to `code` ("X was welcomed at State
    House by President Y"): Y is at home there, whatever country the text gives him."""
    keys: set[str] = set()
    for u in (ctx.units[i] for i in sorted({em.unit for em in ctx.events if em.type == "visit" and em.destination_code == code})):
        for t in (t for t in (u.doc or ()) if t.lemma_.lower() in _RECEIVING and t.pos_ == "VERB"):
            agents = [x for c in t.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
            side = agents[0] if agents else None if t.tag_ == "VBN" else subject_of(t)  # ("welcomed by Y", "Y received X")
            if side is not None:
                keys.update(r.key for r in actor_of_token(u, side, ctx.registry, ctx.units_persons))
    return keys


def _kin_homes(ctx: ArticleContext, u: Unit, vis: list[ActorRef]) -> dict[str, str]:
    """The home of a traveller's kin told with no country ("X and his wife Y were welcomed in
    Lima", "first lady Y"): the home of the one traveller with a country they go with."""
    codes = {v.code for v in vis if v.code}
    if len(codes) != 1 or all(v.code for v in vis):
        return {}
    kin = _spouses(ctx, u)
    home = codes.pop()
    return {v.key: home for v in vis if not v.code and v.kind == "person" and v.name in kin}


def _represented_homes(u: Unit, f: TriggerFrame, vis: list[ActorRef]) -> dict[str, str]:
    """ "Laos will be represented by X": X is of the state represented (at home in Laos)."""
    if f.tok.lemma_.lower() not in TRIGGER_CLASSES["representing"]:
        return {}
    codes = [pl.place.code for c in f.tok.children if c.dep_ == "nsubjpass" and (pl := place_at(u, c)) is not None
             and pl.place is not None and pl.place.kind in ("country", "demonym")]
    return {v.key: codes[0] for v in vis if not v.code and v.kind == "person"} if codes else {}


_LEG_DAY = re.compile(r"\s+on\s+((?:last\s+|next\s+)?[A-Z]\w+(?:\s+\d{1,2}\b)?)")


def _this_visit_told(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> bool:
    """ "Ouyahia dubbed the talks successful, as part of this visit": "this visit", owned by no
    one, is the trip told before, not one of the sentence's subject."""
    tok = f.tok
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("this", "that") for c in tok.children) \
        and not any(c.dep_ in ("poss", "prep") and c.lower_ not in ("to", "in") for c in tok.children) \
        and any(e.type == "visit" and max(e.units) < u.index for e in ctx.events)


def _leg_day(ctx: ArticleContext, u: Unit, code: str | None, status: str) -> str | None:
    """ "visits to Oman on Monday, the UAE on Tuesday and Qatar on Wednesday": the day written
    right after a leg's place dates that leg."""
    for p in u.places:
        if p.in_quote or p.place is None or p.place.code != code or (m := _LEG_DAY.match(u.text, p.end - u.start)) is None:
            continue
        day = resolve_date(m.group(1), ctx.published, status == "planned")
        if isinstance(day, dt.date):
            return day.isoformat()
    return None


def _hosts_country(ctx: ArticleContext, u: Unit, tok) -> list[Place3]:
    """The country of whoever receives a "visiting" guest: the subject of the guest's verb."""
    verb = tok.head
    while verb.dep_ in ("compound", "appos", "conj") and verb.head.i != verb.i:
        verb = verb.head
    verb = verb.head
    for c in verb.children:
        if c.dep_ == "nsubj":
            for r in actor_of_token(u, c, ctx.registry, ctx.units_persons):
                if r.code:
                    return [(None, r.code, gz.party(r.code)["name"])]
    return []


def _titles_a_name(tok) -> bool:
    """ "Israel" in "Visiting Israel Prime Minister X": a place the title run of the name after it opens."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    while nxt is not None and nxt.dep_ == "compound" and nxt.ent_type_ != "PERSON" and nxt.head.i > nxt.i:
        nxt = nxt.head
    return tok.ent_type_ == "GPE" and nxt is not None and nxt.ent_type_ == "PERSON"


def _sole_place_after(u: Unit, verb) -> list[Place3]:
    """The one known place the sentence names after its verb, however deep ("was accorded a
    reception rounded off by a salute at the state house, Nairobi")."""
    found = {r for t in u.doc if t.i > verb.i and (r := place_of_phrase(u, t)) is not None and r[1]}
    return list(found) if len(found) == 1 else []


def _where_visiting(ctx: ArticleContext, u: Unit, tok) -> list[Place3]:
    """Where a guest called "visiting" is: the host's country ("Ruto received visiting X at State
    House": Kenya), or, with "Visiting X" opening the sentence (parsed as a gerund subject), the
    place of the sentence's verb ("Visiting Prime Minister X was accorded a reception in Nairobi")."""
    if tok.dep_ == "amod":
        return _hosts_country(ctx, u, tok)
    if tok.dep_ in ("csubj", "csubjpass") or _visiting_titled(tok):
        return visit_destinations(u, tok.head, clause_tokens(tok.head)) or _sole_place_after(u, tok.head)
    return []


def _visiting_titled(tok) -> bool:
    """ "Visiting Israel Prime Minister X was received in Nairobi": what "Visiting" opening the
    sentence has for object opens the title of the name after it, not a destination."""
    return tok.lower_ == "visiting" and tok.i == 0 and any(c.dep_ == "dobj" and _titles_a_name(c) for c in tok.children)


def _guests(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """Whom a host verb receives: its object, or those its object lists ("received several
    presidents including A and B")."""
    return [r for c in f.tok.children if c.dep_ == "dobj"
            for r in (included_people(u, c, ctx.registry) or actor_of_token(u, c, ctx.registry, ctx.units_persons))]


def _host_state(u: Unit, tok) -> list[Place3]:
    """ "Indonesia will host X": the hosting state is where X goes."""
    out: list[Place3] = []
    for c in tok.children:
        if c.dep_ == "nsubj" and (pl := place_at(u, c)) is not None and pl.place is not None and pl.place.kind == "country":
            out.append((None, pl.place.code, pl.place.name))
    return out


def _trip_places(ctx: ArticleContext, u: Unit, f: TriggerFrame, vis: list[ActorRef], members: bool = False
                 ) -> tuple[list[Place3], str | None, str]:
    """Where the visit goes (with its date and status): the places the clause names, else the
    dateline's ("a visit here"), else, for companions, the trip they join. (Members of a
    travelling delegation travel officially whatever their titles.)"""
    dests = _clause_destinations(ctx, u, f) if f.trigger.lemma != "gathering told" and not _visiting_titled(f.tok) else []
    date = f.date
    if not dests and f.trigger.lemma in ATTENDING:
        # "Among the attendees were ...", "X addressed the opening session": the gathering told
        dests, held = _gathering_before(ctx, u, own=f.trigger.lemma != "gathering told")
        if not dests:
            dests = _the_gathering_told(ctx, u, f) or _scene(ctx, u, {v.code for v in vis})
        if held is not None and date is None and f.status == "occurred" and f.trigger.lemma == "attendee":
            day = sentence_day(ctx, held)  # "The summit opened in Accra on Friday. Among the attendees ..."
            date = day.isoformat() if day else None
    if not dests and f.trigger.lemma == "tribute":
        city, code, name = event_place(u, f.tok, f.clause)  # "at the Tomb of the Unknown Soldier in Warsaw"
        dests = [(city, code, name)] if code else []
        if not dests and THE_CITY_RE.search(u.masked):  # "at a cenotaph in the city's Peace Park"
            dests = _told_place(ctx, u, {v.code for v in vis})
    if not dests and f.tok.lower_ == "visiting":
        dests = _where_visiting(ctx, u, f.tok)
    if not dests and ctx.prep.dateline is not None and _here(u, f):
        dl = ctx.prep.dateline  # "who began a three-day official visit here today": the dateline's place
        dests = [(dl.city, dl.code, dl.country)]
    if not dests and _arrives_at_told_place(u, f):
        dests, date = _told_arrival(ctx, u, f, vis, date)
    if not dests and (f.trigger.lemma == "accompany" or (_the_trip(f.tok) and all(v.kind == "person" for v in vis))):
        trip = _trip_of(ctx, u, vis, _delegation_codes(u, f))
        if trip is not None:
            return [(trip.location, trip.destination_code, trip.destination)], f.date or trip.date, trip.status
    if not (political(vis) or members):
        return [], date, f.status  # only joining an official trip makes an untitled person a visitor
    return [_with_city(ctx, u, f, d) for d in dests], date, f.status


# Triggers that put their people at a gathering without naming its place in the clause: "would be
# present at the summit", "attended the event", "took part in the talks", "among the attendees".
ATTENDING = frozenset({"attendee", "present", "gathering told", "welcomed to"}) | TRIGGER_CLASSES["attendance_verbs"] | TRIGGER_CLASSES["part_taking"]
_SCENE_REACH = 8  # sentences back a visit told still sets the scene


def _scene(ctx: ArticleContext, u: Unit, homes: set[str | None]) -> list[Place3]:
    """Where the article's other visitors were last told to be, in the sentences just before
    ("Biden and Modi will travel to Italy for the summit ... Trudeau would be present at the
    summit"): the place of a gathering that was not named again, for visitors known to be foreign
    there."""
    for em in reversed(ctx.events):
        if em.unit < u.index - _SCENE_REACH:
            break
        if em.type == "visit" and em.destination_code and not em.earlier and em.unit < u.index:
            known_abroad = None not in homes and em.destination_code not in homes  # (foreigners only)
            return [(em.location, em.destination_code, em.destination)] if known_abroad else []
    return []


def _arrives_at_told_place(u: Unit, f: TriggerFrame) -> bool:
    """ "touched down in this Middle Eastern kingdom", "arrived in the country", "landed at the
    Clark International Airport", "was the first to arrive": an arrival at a place the clause does
    not name."""
    tok = f.tok
    if not (tok.lemma_.lower() in ARRIVAL_LEMMAS or f.trigger.lemma in ARRIVAL_LEMMAS or f.trigger.lemma == "hosted") \
            or _going_home(tok):
        return False
    heads = [tok, *[c for c in tok.children if c.dep_ in ("prt", "advmod")]]
    preps = [c for h in heads for c in h.children if c.dep_ == "prep" or c.lower_ == "here"]
    if not preps:
        return True  # "First to arrive was X", "Next came A and B": where the arrivals told are
    for x in (x for c in preps if c.lower_ in ("in", "at", "on") for x in c.children if x.dep_ == "pobj"):
        lem = x.lemma_.lower()
        if lem in gz.PLACE_NOUNS and _definite(x):
            return True
        if lem in AIRPORT_WORDS and getattr(place_at(u, x), "place", None) is None:
            return True
        if _names_no_place(u, x):
            return True  # "arrived in succession", "arrived on the venue of the summit"
    return False


def _names_no_place(u: Unit, x) -> bool:
    """The object of an arrival's "in/at/on" is neither a place (known or not) nor a time: "in
    succession", "on the scene", "at the venue", not "in Lome", "on Monday"."""
    return x.pos_ in ("NOUN", "ADJ") and x.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME") \
        and place_at(u, x) is None and not any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME") for t in x.subtree)


def _told_arrival(ctx: ArticleContext, u: Unit, f: TriggerFrame, vis: list[ActorRef], date: str | None
                  ) -> tuple[list[Place3], str | None]:
    """Where and when an arrival at a place the clause does not name was: the place told (see
    `_told_place`), on the day the arrivals told before name ("Leaders began arriving in Lusaka on
    Wednesday. First to arrive was X.")."""
    dests = _visit_told_before(ctx, vis) or _told_place(ctx, u, {v.code for v in vis})
    if dests and date is None and f.status == "occurred" and (day := _arrivals_day(ctx, u)) is not None:
        date = day.isoformat()
    return dests, date


_ARRIVING_RE = re.compile(rf"\b(?:{alternation(sorted(ARRIVAL_LEMMAS))})\b", re.I)


def _arrivals_day(ctx: ArticleContext, u: Unit) -> dt.date | None:
    """The one day the arrivals told in the three sentences before name ("began arriving on Wednesday")."""
    for w in reversed(ctx.units[max(0, u.index - 3):u.index]):
        if _ARRIVING_RE.search(w.masked) and (day := sentence_day(ctx, w)) is not None:
            return day
    return None


def _visit_told_before(ctx: ArticleContext, vis: list[ActorRef]) -> list[Place3]:
    """Where the same visitors' visit told before went ("X arrived in Moscow on Monday ... X was
    welcomed at the airport by Y"): the airport is that visit's, whatever place was named since."""
    keys = {v.key for v in vis}
    for em in reversed(ctx.events):
        if em.type == "visit" and em.destination_code and not em.earlier \
                and any(a.key in keys for a, role in em.actors if role == "visitor"):
            return [(em.location, em.destination_code, em.destination)]
    return []


def _told_place(ctx: ArticleContext, u: Unit, homes: set[str | None]) -> list[Place3]:
    """The place "the country" or an unknown airport stands for: the dateline's, else the last
    country or city named as a place ("in", "to", "at") in the three sentences before (none where
    it is the visitors' home)."""
    dl = ctx.prep.dateline
    if dl is not None and dl.code:
        return [] if dl.code in homes else [(dl.city, dl.code, dl.country)]
    for w in reversed(ctx.units[max(0, u.index - 3):u.index]):  # (sentences not parsed too: the gazetteer's)
        for s, e, surface, place in reversed(find_places(w.text, w.start)):
            if place.kind not in ("country", "city") or ctx.in_quote(s, e) \
                    or not _PLACE_BEFORE.search(w.text, 0, s - w.start):
                continue  # (a place named as one, not the country in a title: "New Zealand Prime Minister")
            if place.code in homes:
                return []
            return [(surface if place.kind == "city" else None, place.code, place.name)]
    return []


def _clause_destinations(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[Place3]:
    if f.trigger.lemma == "accompany":
        return [d for d in visit_destinations(u, f.tok, f.clause) if d[1]]  # "accompanied B to Ankara"
    if _going_home(f.tok):
        return _left_places(u, f.tok)  # "flew home to Kenya from the United States": the trip ends
    if f.trigger.lemma == "hosted" and _host_state(u, f.tok):
        return _host_state(u, f.tok)
    dl = ctx.prep.dateline
    if dl is not None and dl.city and any(c.lower_ == "here" and c.dep_ == "advmod" for c in f.tok.children):
        return [(dl.city, dl.code, dl.country)]  # "arrived here after an event in Houston": the reporter's city
    return visit_destinations(u, f.tok, f.clause)


def _gathering_before(ctx: ArticleContext, u: Unit, own: bool = True) -> tuple[list[Place3], Unit | None]:
    """The city of the gathering the sentence's list of attendees belongs to: the one the sentence
    (unless not `own`: a city it names is not the gathering's) or one of the three before names
    with a city ("The summit opened in Accra on Friday. Among the attendees were ...")."""
    for w in reversed(ctx.units[max(0, u.index - 3):u.index + own]):
        if not GATHERING_RE.search(w.masked):
            continue
        for p in w.places:
            if not p.in_quote and p.place is not None and p.place.kind == "city" and (
                    own or _PLACE_BEFORE.search(w.text, 0, p.start - w.start)):  # (not "the Ruler of Dubai")
                return [(p.surface, p.place.code, p.place.name)], w
    dl = ctx.prep.dateline
    if dl is not None and dl.city and dl.code and GATHERING_RE.search(u.masked):
        return [(dl.city, dl.code, dl.country)], None  # a wire from the host city, the gathering's place told earlier
    return [], None


def _the_gathering_told(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[Place3]:
    """ "X is expected to attend the summit", its city told further up ("The summit opens in
    Kampala on Friday"): the city of the first sentence naming that gathering with one."""
    events = [c for c in f.tok.children if c.dep_ == "dobj"] + sent_to(f.tok)
    words = {e.lemma_.lower() for e in events if e.lemma_.lower() in vocabulary.GATHERINGS
             and _definite(e)}
    if not words:
        return []
    said = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words)))})\b", re.I)
    for w in ctx.units[:u.index]:
        if not said.search(w.masked):
            continue
        for s, e, surface, place in find_places(w.text, w.start):
            if place.kind == "city" and not ctx.in_quote(s, e):
                return [(surface, place.code, place.name)]
    return []


def _abroad_places(u: Unit, f: TriggerFrame, homes: set[str | None]) -> list[Place3]:
    """The places abroad the trigger's clause puts its visitors in ("in", "at", "to"), when the
    place chosen first is their home."""
    out: list[Place3] = []
    for p in u.places:
        if p.in_quote or p.place is None or p.place.kind not in ("country", "city") or p.place.code in homes:
            continue
        span = u.doc.char_span(p.start - u.start, p.end - u.start, alignment_mode="expand")
        if span is None or span.root.i not in f.clause or not _PLACE_BEFORE.search(u.text, 0, p.start - u.start):
            continue
        city = p.surface if p.place.kind == "city" else None
        out.append((city, p.place.code, p.place.name))
    return list(dict.fromkeys(out))


def _with_city(ctx: ArticleContext, u: Unit, f: TriggerFrame, dest: Place3) -> Place3:
    """A country visited takes the city of it the sentence names ("heads to Rwanda ... with
    Kagame as his host in Kigali"), not one the trip leaves from; an arrival in the dateline's
    country, the dateline's city ("ULAANBAATAR - X arrived today for a visit to Mongolia")."""
    city, code, name = dest
    if city or not code:
        return dest
    cities = {p.surface for p in u.places if not p.in_quote and p.place is not None and p.place.kind == "city"
              and p.place.code == code and not _FROM_BEFORE.search(u.text, 0, p.start - u.start)}
    if len(cities) == 1:
        return cities.pop(), code, name
    dl = ctx.prep.dateline
    arrival = f.status == "occurred" and any(t.lemma_.lower() in ARRIVAL_LEMMAS for t in [f.tok, *list(f.tok.ancestors)[:3]])
    if arrival and not cities and dl is not None and dl.city and dl.code == code:
        return dl.city, code, name
    return dest


def companions(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """Who travels together ("Travelling with him are A and B", "X, accompanied by A and B",
    "A is travelling with B to the summit"): everyone the sentence names outside quotations,
    and whom "with him" / "accompanied him" stands for; not residents (ambassadors)."""
    reg, up = ctx.registry, ctx.units_persons
    out: list[ActorRef] = []
    tok = f.tok
    if tok.lemma_.lower() == "accompany":
        # "A, who accompanied B", "B, accompanied by A and C", "A accompanied B to X", "A and a
        # delegation headed by C accompanied him" (him: whose trip it is, found by the trip)
        heads = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ not in ("him", "her")]
        heads += [x for c in tok.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
        # "accompanied by her husband, B, and Foreign Minister C": the parser may join C to the verb
        heads += [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "PROPN" and person_at(u, c) is not None]
        # "Besides his wife B, the President is accompanied by C": B comes along too
        heads += [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "besides" for x in c.children if x.dep_ == "pobj"]
        if tok.dep_ == "acl":
            heads.append(tok.head)
        for h in heads:
            out.extend(actor_of_token(u, h, reg, up))
            out.extend(person_ref(reg, m) for t in h.subtree if t.dep_ != "poss"
                       and (m := person_at(u, t)) is not None and not m.in_quote)
    if not out:
        for m in u.persons:
            if not m.in_quote:
                p = reg.person(m)
                out.append(ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles))
        for t in tok.subtree:
            if t.lower_ in ("him", "her") and t.dep_ in ("pobj", "dobj"):
                out.extend(actor_of_token(u, t, reg, up))
    return [r for r in dedupe(out) if r.kind == "person" and not r.resident]


def _members_tour(tok, code: str) -> bool:
    """A tour named by an organisation ("his GCC tour", "an EU tour") goes round its members."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ("tour", "trip", "swing"):
        return False
    return any(c.dep_ in ("compound", "nmod") and (p := gz.lookup(c.text)) is not None and p.kind == "org"
               and p.code == code for c in tok.children)


def _accompanied(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """Whom the companions accompany: "B, accompanied by A", "B was accompanied by A", "A
    accompanied B"."""
    tok = f.tok
    heads = [tok.head] if tok.dep_ == "acl" else []
    heads += [c for c in tok.children if c.dep_ == "nsubjpass" or c.dep_ == "dobj" and c.lower_ not in ("him", "her")]
    return [r for h in heads for r in actor_of_token(u, h, ctx.registry, ctx.units_persons) if r.kind == "person"]


COMPANION_LEMMAS = TRIGGER_CLASSES["companion_words"]


def _travelling_with(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """ "A is travelling with B to the summit": B travels too; not "with B as his host"."""
    out: list[ActorRef] = []
    if any(c.dep_ == "prep" and c.lower_ == "as" and any(x.lemma_.lower() in ("host", "hostess") for x in c.children)
           for c in f.tok.children):
        return out
    # "arrived, together with his wife B", "along with B": the "with" of the adverb too
    holders = [f.tok, *[c for c in f.tok.children if c.dep_ == "advmod" and c.lower_ in ("together", "along")]]
    holders += [s for s in f.tok.children if s.dep_ in ("nsubj", "nsubjpass") and any(  # "A, together with B, arrived"
        c.dep_ == "prep" and c.lower_ == "with" and any(a.lower_ in ("together", "along") for a in c.children)
        for c in s.children)]
    for c in (c for h in holders for c in h.children):
        if c.dep_ == "prep" and c.lower_ == "with":
            for x in c.children:
                if x.dep_ == "pobj":
                    out.extend(r for r in actor_of_token(u, x, ctx.registry, ctx.units_persons)
                               if r.kind == "person" and not r.resident)
                    # "with his wife, B": the name in apposition to the kin word
                    out.extend(person_ref(ctx.registry, m) for a in x.children if a.dep_ == "appos"
                               and x.lemma_.lower() in vocabulary.KIN_WORDS and (m := person_at(u, a)) is not None)
    # "A, accompanied by B and C, arrived in Lusaka": the participle's agents go where A goes
    for a in (a for sub in f.tok.children if sub.dep_ in ("nsubj", "nsubjpass") for c in sub.children
              if c.dep_ == "acl" and c.lemma_.lower() in COMPANION_LEMMAS for a in c.children if a.dep_ == "agent"):
        out.extend(person_ref(ctx.registry, m) for t in a.subtree if t.dep_ != "poss"
                   and (m := person_at(u, t)) is not None and not m.in_quote)
    return [r for r in dedupe(out) if not r.resident]


def _going_home(tok) -> bool:
    """ "flew home", "headed back", "on his way back from Kabul", "returning from Moscow"."""
    lem = tok.lemma_.lower()
    if lem in ("return", "way"):
        return bool(left_from(tok))
    return lem in TRAVEL_LEMMAS and any(
        c.lower_ in ("home", "back") and c.dep_ in ("advmod", "npadvmod", "prt") for c in tok.children)


def _left_places(u: Unit, tok) -> list[Place3]:
    """The places a journey home leaves: the visit that ends there."""
    return [p for x in left_from(tok) if (p := place_of_phrase(u, x)) is not None and p[1]]


def _date_told_trip(ctx: ArticleContext, u: Unit, vis: list[ActorRef], date: str, status: str) -> None:
    """ "Trump to make state visit to UK in June. Trump will make the trip from June 3-5": the trip
    a sentence names no place of is the one just told; its day dates that trip."""
    keys = {v.key for v in vis if v.kind == "person"}
    for e in reversed(ctx.events):
        if e.type == "visit" and u.index - 2 <= e.unit <= u.index and e.status == status and keys & e.person_keys({"visitor"}):
            if not e.date and (not e.month or date.startswith(e.month)):
                e.date = date
            return


def _the_trip(tok) -> bool:
    """ "were also on the trip", "joined the tour": being part of the trip the article tells of."""
    if tok.pos_ != "NOUN" or not _definite(tok):
        return False
    on_it = tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.lemma_.lower() == "be"
    return on_it or (tok.dep_ == "dobj" and tok.head.lemma_.lower() == "join")


def _says_here(u: Unit, f: TriggerFrame) -> bool:
    """ "talks on the sidelines of the session here": the reporter's place, whoever is at home there."""
    return any(u.doc[i].lower_ == "here" for i in f.clause)


def _here(u: Unit, f: TriggerFrame) -> bool:
    """The clause places its event at the reporter's: "a visit here", "flew in this morning";
    "MANILA - X today concluded his tour of East Asia": a trip ends where the wire is filed."""
    tok = f.tok
    ended = tok.dep_ == "dobj" and tok.head.lemma_.lower() in vocabulary.ENDING_VERBS and f.status == "occurred"
    return ended or _says_here(u, f) or (
        tok.lemma_.lower() in TRAVEL_LEMMAS and any(c.dep_ in ("prt", "prep") and c.lower_ == "in" for c in tok.children))


def _delegation_codes(u: Unit, f: TriggerFrame) -> set[str]:
    """The country of the delegation a member belongs to ("part of the Malaysian delegation")."""
    out = set()
    for t in f.tok.subtree:
        pl = place_at(u, t)
        if pl is not None and pl.place is not None and not pl.in_quote:
            out.add(pl.place.code)
    return out


def _trip_of(ctx: ArticleContext, u: Unit, vis: list[ActorRef], codes: set[str] | frozenset[str] = frozenset()
             ) -> EventMention | None:
    """The trip of one of `vis` the article leads with (the companions go there too)."""
    keys = {r.key for r in vis}
    for e in ctx.events:
        if e.type == "visit" and e.unit <= u.index and keys & e.person_keys({"visitor"}) and e.destination_code:
            return e
    codes = {r.code for r in vis if r.code} | set(codes)
    for e in ctx.events:  # "X, part of the Malaysian delegation": the trip of X's country's delegation
        if e.type == "visit" and e.unit <= u.index and e.destination_code and codes & {
                a.code for a, role in e.actors if role == "visitor"}:
            return e
    # else the trip the article leads with, when it tells of one trip only
    trips = {e.destination_code for e in ctx.events if e.type == "visit" and e.unit <= u.index and e.destination_code}
    if len(trips) == 1:
        return next(e for e in ctx.events if e.type == "visit" and e.destination_code)
    return None


def _traveller_so_far(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """Whose trip "the visits to Oman and Qatar" are when the sentence names nobody: the one
    visitor of the article's visits so far."""
    if f.tok.pos_ != "NOUN" or any(not m.in_quote for m in u.persons):
        return []
    earlier = {a.key: a for e in ctx.events if e.type == "visit" and e.unit < u.index
               for a, role in e.actors if role == "visitor" and a.kind == "person"}
    return list(earlier.values()) if len(earlier) == 1 else []


COLLECTIVES = vocabulary.COLLECTIVES
_MEMBERS_RE = re.compile(r"\bmembers?\b|\bcompris\w*|\bconsist\w* of\b|\binclud\w*|\bmade up of\b|\bled by\b|"
                         r"\bheaded by\b", re.I)
_AMONG_RE = re.compile(r"\bamong (?:the |them|those)(?:\w+ )?(?:arrivals?|visitors|delegates|members|them|those)?\b", re.I)
_BULLET_RE = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)])\s")




def _unnamed_office_holders(u: Unit, sub) -> bool:
    """ "Six presidents arrived in Accra": holders of an office the sentence does not name."""
    return sub.tag_ == "NNS" and sub.lemma_.lower() in vocabulary.TITLE_NOUNS and not any(not m.in_quote for m in u.persons)


def _they_are_run(ctx: ArticleContext, first: Unit) -> list[Unit]:
    """The sentences that go on naming a group: "They are A and B. The others are C and D."."""
    out = [first]
    for nxt in ctx.units[first.index + 1:first.index + 4]:
        if nxt.index != out[-1].index + 1 or not NAMES_A_GROUP_RE.match(nxt.text.strip()):
            break
        out.append(nxt)
    return out


def _group_members(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    """Who "the group" or "the delegation" that travels is: the people its own phrase names
    ("a delegation led by A"), else those the next sentence lists as its members ("Its members
    are A, B and C"), else a list of names set out after it ("This morning's arrivals:" then one
    line each)."""
    sub = subject_of(f.tok)
    if sub is not None and sub.lemma_.lower() not in COLLECTIVES and not _unnamed_office_holders(u, sub):
        sub = next((c for c in sub.head.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.lemma_.lower() in COLLECTIVES), None)  # (past a dateline the parser made a subject)
    if sub is None or not (sub.lemma_.lower() in COLLECTIVES or _unnamed_office_holders(u, sub)):
        return []
    reg = ctx.registry
    out = [person_ref(reg, m) for t in sub.subtree if (m := person_at(u, t)) is not None and not m.in_quote]
    # "a delegation arrived in Paris, consisting of A and B": the members set out after the verb
    out += [r for c in f.tok.children if c.dep_ == "advcl" and c.lemma_.lower() in vocabulary.MEMBERSHIP_VERBS
            for t in c.subtree if (m := person_at(u, t)) is not None and not m.in_quote
            and not (r := person_ref(reg, m)).resident]
    among = _AMONG_RE.search(u.masked)
    if among is not None:  # "...; among the arrivals was the Prime Minister of Tonga, X"
        out += [person_ref(reg, m) for m in u.persons if not m.in_quote and m.start >= u.start + among.end()]
    if out:
        return dedupe(out)
    listing = False
    for nxt in ctx.units[u.index + 1:u.index + 12]:
        text = nxt.text.strip()
        bullet = _BULLET_RE.match(text) is not None
        if nxt.index == u.index + 1 and not bullet and not text.endswith(":"):
            if NAMES_A_GROUP_RE.match(text):  # "Six presidents arrived ... They are A, B and C. The others are D and E."
                return dedupe([person_ref(reg, m) for w in _they_are_run(ctx, nxt) for m in w.persons if not m.in_quote])
            if _MEMBERS_RE.search(nxt.masked) and not _MEMBERS_RE.search(u.masked):
                return dedupe([person_ref(reg, m) for m in nxt.persons if not m.in_quote])
            return []
        if bullet:
            listing = True
            out.extend(person_ref(reg, m) for m in nxt.persons if not m.in_quote)
        elif listing and (nxt.persons or (not text.endswith(":") and len(text) > 12)):
            break  # the list has ended
    return dedupe(out)


BUILDERS: dict[str, Callable[[ArticleContext, Unit, TriggerFrame], list[EventMention]]] = {
    "signing": build_signing, "meeting": build_meeting, "visit": build_visit}


def _parties(ctx: ArticleContext, u: Unit, f: TriggerFrame) -> list[ActorRef]:
    return participants(u, f.tok, ctx.registry, ctx.units_persons,
                        lambda pos, title=None, leaders=False: earlier_groups(ctx, pos, f.status, title, leaders))


def _two_sided(u: Unit, f: TriggerFrame, refs: list[ActorRef], role: str, confidence: float, *,
               negotiation: bool) -> EventMention:
    city, code, cname = event_place(u, f.tok, f.clause)
    if not (city or code) and len(_cities_in(u)) == 1:
        # "In Riyadh on Thursday, X received Y, while their ministers signed ...": the one city
        # the sentence places things in, outside the trigger's clause
        city, code, cname = event_place(u, f.tok, None)
    em = EventMention(f.trigger.type, [(r, role) for r in refs], u.index, (u.start, u.end), confidence,
                      location=city or cname, destination=None, destination_code=code, date=f.date,
                      status=f.status, negotiation=negotiation)
    em.same_day = f.same_day
    em.other_cities = tuple(p.surface for p in u.places if not p.in_quote and p.place is not None and p.place.kind == "city"
                            and not _FROM_BEFORE.search(u.text, 0, p.start - u.start))  # "the first trip from New Delhi"
    em.away = _in_named_area(u, f)
    return em


_AT = frozenset({"in", "inside", "at", "on", "near", "along"})


def _in_named_area(u: Unit, f: TriggerFrame) -> bool:
    """The clause places its event in a named area that is no city ("inside the Demilitarised
    Zone", "at the Dead Sea"): the model's LOC, the object of a locative preposition."""
    return any(e.label_ == "LOC" and e.root.i in f.clause and e.root.dep_ == "pobj" and e.root.head.lower_ in _AT
               for e in u.doc.ents)


def _cities_in(u: Unit) -> set[str]:
    return {p.surface for p in u.places if not p.in_quote and (p.place is None or p.place.kind in ("city", "seat"))}


def count_sides(refs: list[ActorRef]) -> int:
    """People, plus states and organisations none of the people acts for."""
    people = {r.key for r in refs if r.kind == "person"}
    return len(people) + len({r.code for r in refs if r.kind != "person"} - {r.code for r in refs if r.kind == "person"})


def political(refs: list[ActorRef]) -> bool:
    """Events need a political actor: a state, an organisation, or a person with a country
    or a title (a footballer signing a contract or a storm arriving is not one)."""
    return any(r.code or (r.person is not None and r.person.titles) for r in refs)


def earlier_groups(ctx: ArticleContext, pos: int, status: str | None = None, title: str | None = None,
                   leaders: bool = False) -> list[ActorRef]:
    """What "the two leaders" means: the people of the last two-sided event before `pos`,
    or the last pair of people named in one sentence if that is more recent; "the two
    speakers" (`title`), the last two of that office named in one sentence with others; "the
    two leaders" (`leaders`) are no pair of ministers or aides, both titled, neither as a leader."""
    last_event = _last_pair_event(ctx, pos, status, leaders)
    units, reg = ctx.units, ctx.registry
    # an office two people of the article hold ("the two presidents"), not a loose word ("the
    # two top diplomats"): the pair must hold it
    office = title in vocabulary.TITLE_NOUNS and sum(title in p.titles for p in reg.people.values()) >= 2
    for v in range(len(units) - 1, -1, -1):
        if last_event and v <= last_event[0]:
            break
        named: dict[str, ActorRef] = {}
        titled: dict[str, ActorRef] = {}
        for m in units[v].persons:
            if m.end <= pos and not m.in_quote:
                p = reg.person(m)
                ref = named.setdefault(p.name, ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles))
                if title and (title in p.titles or _titled_so(units[v], m, title)):
                    titled[p.name] = ref
        if len(named) == 2 and leaders and not _leaders(list(named.values())):
            continue  # "the two leaders" after "the meeting will involve minister A and his counterpart B"
        if len(named) == 2 and (not office or len(titled) == 2):
            return list(named.values())  # ("the two presidents": not two ministers named since)
        if len(titled) == 2:
            return list(titled.values())  # "speaker A and speaker B, according to C, A's press secretary"
        if len(named) > 2:
            break
    return list(last_event[1]) if last_event else []


def _titled_so(u: Unit, m, title: str) -> bool:
    """The sentence gives the person the title, before the name ("Armenian speaker A") or in
    an appositive after it ("B, speaker of Azerbaijan's parliament")."""
    before = u.text[max(0, m.start - u.start - 40):m.start - u.start]
    after = u.text[m.end - u.start:m.end - u.start + 40]
    word = re.escape(title)
    return re.search(rf"\b{word}\W*(?:[\w.'’-]+\W+){{0,1}}$", before, re.I) is not None or re.match(
        rf"^\s*,\s*(?:the\s+)?(?:\w+\s+){{0,2}}{word}\b", after, re.I) is not None


def _leaders(people: list[ActorRef]) -> bool:
    """Not all of them titled with none of their titles a leader's office."""
    return any(p.person is None or not p.person.titles or p.person.titles & vocabulary.LEADER_OFFICES for p in people)


def _last_pair_event(ctx: ArticleContext, pos: int, status: str | None,
                     leaders: bool = False) -> tuple[int, list[ActorRef]] | None:
    """(unit, people) of the last meeting or signing of two people or more before `pos`; one
    of the same status first (planned with planned); for "the two leaders", not one of ministers."""
    for same in (True, False):
        for e in reversed(ctx.events):
            people = [a for a, _ in e.actors if a.kind == "person"]
            if e.type not in ("meeting", "signing") or len(people) < 2 or ctx.units[e.unit].start >= pos:
                continue
            if leaders and not _leaders(people):
                continue
            if not same or status is None or e.status == status:
                return e.unit, people
    return None
