"""The event coder: text → event dicts, in the order entities → actors → triggers → roles →
dates → consolidation.

`prepare` finds quotations and sentences and picks the sentences worth parsing; the caller
parses them (one by one, or batched over many articles with nlp.pipe); `code_document`
turns the parsed sentences into events.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.extract import gazetteer as gz
from pipeline.extract.actors import (
    TITLE_NOUNS,
    TITLE_WORDS,
    Mention,
    Registry,
    appositive_mentions,
    context_code,
    dictionary_mentions,
    find_places,
    gender_from_title,
    looks_like_name,
    name_tokens,
    strip_title,
    title_mentions,
    title_role_words,
)
from pipeline.extract.codes import codes_for
from pipeline.extract.consolidate import EventMention, merge_mentions
from pipeline.extract.dates import historical_year, resolve_date
from pipeline.extract.nlp import Sentence, candidates, split_sentences
from pipeline.extract.quotes import Quote, find_quotes, mask_quotes
from pipeline.extract.roles import (
    HQ_CITIES,
    PRONOUNS,
    ActorRef,
    PlaceMention,
    Unit,
    actor_of_token,
    clause_tokens,
    event_place,
    participants,
    person_at,
    place_at,
    visit_destinations,
    visitors,
)
from pipeline.extract.triggers import (
    SPEECH_LEMMAS,
    agreed_to_negotiate,
    find_triggers,
    is_cancelled,
    is_planned,
)

CODER_VERSION = "spacy-rules-0.8"


@dataclass
class Prepared:
    text: str
    quotes: list[Quote]
    sentences: list[Sentence]
    candidates: list[int]  # indices into sentences to parse


def prepare(text: str) -> Prepared:
    quotes = find_quotes(text)
    spans = [p for q in quotes for p in q.parts]
    sents = split_sentences(text, spans)
    dl = find_dateline(text)
    if dl and sents and sents[0].start < dl[3] < sents[0].end:
        # the parser reads "MANILA, Nov 23 - Japan and ..." as one noun phrase: cut the dateline off
        s0 = sents[0]
        sents[0] = Sentence(dl[3], s0.end, text[dl[3]:s0.end], s0.para)
    cands = candidates(sents, spans)
    return Prepared(text, quotes, sents, cands)


# --- entities ----------------------------------------------------------------------------------


def _in_quotes(quotes: list[Quote], s: int, e: int) -> bool:
    return any(a <= s and e <= b for q in quotes for a, b in q.parts)


def _person_mentions(text: str, units: list[Unit], quotes: list[Quote]) -> list[Mention]:
    found: list[Mention] = []
    for u in units:
        if u.doc is not None:
            for ent in u.doc.ents:
                if ent.label_ != "PERSON":
                    continue
                raw = ent.text
                name = strip_title(raw)
                if not name or not looks_like_name(name):
                    continue
                off = raw.find(name)
                s = u.start + ent.start_char + max(off, 0)
                found.append(Mention(s, s + len(name), name, "person", u.index, source="ner"))
        found.extend(title_mentions(text, u.start, u.end, u.index))
        found.extend(appositive_mentions(text, u.start, u.end, u.index))
        found.extend(dictionary_mentions(text, u.start, u.end, u.index))
    found = _non_overlapping(found)
    # short forms of names already seen ("Stoltenberg" after "Jens Stoltenberg"; "Nakatani"
    # after "Defence Minister Gen Nakatani")
    full = {m.text for m in found if len(m.text.split()) >= 2 or m.source == "title"}
    short_forms: set[str] = set()
    for f in full:
        for t in re.split(r"\s+", f):
            if (len(t) >= 3 and t[0].isupper() and t.lower().rstrip(".") not in TITLE_WORDS
                    and t.lower() not in ("bin", "al", "von", "der", "jr.") and gz.lookup(t) is None):
                short_forms.add(t)
    if short_forms:
        rx = re.compile(r"(?<![\w\-])(" + "|".join(re.escape(s) for s in sorted(short_forms, key=len, reverse=True)) + r")(?![\w\-])")
        for u in units:
            for m in rx.finditer(text, u.start, u.end):
                found.append(Mention(m.start(), m.end(), m.group(1), "person", u.index, source="short"))
        found = _non_overlapping(found)
    known = {}
    for m in found:
        m.in_quote = _in_quotes(quotes, m.start, m.end)
        m.gender = gender_from_title(text, m.start)
        before = text[max(0, m.start - 60):m.start].lower()
        m.titles = tuple(w for w in re.findall(r"[a-z\-]+", before)[-6:] if w in TITLE_NOUNS)
        after = re.match(r"\s*,\s+((?:the|a|an|[A-Z][\w'’]*'s)\s+[^,.;]{2,60})", text[m.end:m.end + 80])
        if after:
            m.titles += tuple(w for w in re.findall(r"[a-z\-]+", after.group(1).lower()) if w in TITLE_NOUNS)
        m.role_words = title_role_words(text[max(0, m.start - 60):m.start], after.group(1) if after else None)
    for m in found:
        m.code = context_code(text, m.start, m.end, known)
        if m.code:
            for t in m.text.split():
                known.setdefault(gz.fold(t), m.code)
    return found


def _non_overlapping(ms: list[Mention]) -> list[Mention]:
    order = {"dict": 0, "title": 1, "ner": 2, "short": 3}
    ms = sorted(ms, key=lambda m: (-(m.end - m.start), order.get(m.source, 9), m.start))
    kept: list[Mention] = []
    for m in ms:
        if any(k.start < m.end and m.start < k.end for k in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


_CAPITAL_AFTER = re.compile(r"(?:'s|’s)?\s+capital\b(?!\s+(?:of|markets?|flows?|goods|spending|investment))")


def _place_mentions(u: Unit, quotes: list[Quote]) -> list[PlaceMention]:
    out = []
    for s, e, surface, place in find_places(u.text, u.start):
        if place is not None and place.kind == "city" and place.city:
            surface = place.city  # the common English name ("Hà Nội" → "Hanoi")
        if place is not None and place.kind in ("demonym", "country"):
            # "the Ghanaian capital", "Ghana's capital": the capital city
            m = _CAPITAL_AFTER.match(u.text, e - u.start)
            city = gz.CAPITAL_OF.get(place.code)
            if m and city and (m.group(0)[:1] in "'’" if place.kind == "country"
                               else re.search(r"\bthe\s+$", u.text[:s - u.start][-6:])):
                cp = gz.lookup(city)
                if cp is not None:
                    e = u.start + m.end()
                    surface, place = cp.city, cp
        out.append(PlaceMention(s, e, surface, place, _in_quotes(quotes, s, e)))
    if u.doc is not None:
        for ent in u.doc.ents:
            if ent.label_ != "GPE" or gz.fold(ent.text) in gz.REGIONS:
                continue
            s, e = u.start + ent.start_char, u.start + ent.end_char
            if any(p.start < e and s < p.end for p in out):
                continue
            if u.text[ent.start_char:ent.start_char + 1].isupper():
                out.append(PlaceMention(s, e, ent.text, None if ent.label_ == "GPE" else None, _in_quotes(quotes, s, e)))
    for p in out:
        if p.place is None:
            pass
    return sorted(out, key=lambda p: p.start)


def _mark_subjects(units: list[Unit]) -> None:
    for u in units:
        if u.doc is None:
            continue
        for m in u.persons:
            span = u.doc.char_span(m.start - u.start, m.end - u.start, alignment_mode="expand")
            if span is None:
                continue
            r = span.root
            while r.dep_ in ("compound", "appos", "conj") and r.head.i != r.i and r.dep_ != "conj":
                r = r.head
            m.is_subject = r.dep_ in ("nsubj", "nsubjpass") or (
                r.dep_ == "conj" and r.head.dep_ in ("nsubj", "nsubjpass"))


GUEST_RE = re.compile(r"\battend\w*\b[^.;]{0,80}?\bas (?:an? |special |invited )*(?:guest|observer)s?\b", re.I)


# --- statements ---------------------------------------------------------------------------------

# Verbs that attribute a quotation: the speech verbs, and those translated copy uses ('"...,"
# expressed the chancellor', 'indicated the minister'); only for attribution, not for triggers.
ATTRIBUTION_LEMMAS = SPEECH_LEMMAS | {"express", "indicate", "assure", "manifest", "specify", "sustain"}


def _continued_speaker(unit: Unit, tok, reg: Registry, prev) -> ActorRef | None:
    """ '"...," he added' after another quotation: the previous quotation's speaker, when the
    text goes on in the same or the next paragraph, the pronoun's gender fits, and no other
    person has become the subject of a sentence in between."""
    if prev is None or tok.lower_ not in ("he", "she"):
        return None
    ref, para, end = prev
    if ref.kind != "person" or unit.para - para > 1:
        return None
    want = "m" if tok.lower_ == "he" else "f"
    if ref.person is not None and ref.person.gender and ref.person.gender != want:
        return None
    pos = unit.start + tok.idx
    for m in reg.mentions:
        if end <= m.start < pos and not m.in_quote and m.is_subject and reg.person(m) is not ref.person:
            return None
    return ref


def _speaker_for(unit: Unit, quote: Quote, reg: Registry, units_persons, prev=None) -> tuple[ActorRef | None, float]:
    """Speaker of a quotation from its own sentence: the subject of the nearest speech verb
    outside the quotation marks, "according to X", or the nearest name. `prev` is the previous
    quotation's (speaker, paragraph, end of its attribution) that "he added" may continue."""
    doc = unit.doc
    if doc is None:
        return None, 0.0
    qs, qe = quote.start - unit.start, quote.end - unit.start
    best = None
    for tok in doc:
        if unit.masked[tok.idx:tok.idx + 1] == " " and not tok.is_space:
            continue  # inside a quotation
        lem = tok.lemma_.lower()
        if lem in ATTRIBUTION_LEMMAS and tok.pos_ in ("VERB", "AUX"):
            dist = qs - tok.idx if tok.idx < qs else tok.idx - qe
            if best is None or abs(dist) < best[0]:
                best = (abs(dist), tok)
        if tok.lower_ == "according" and best is None:
            best = (abs(tok.idx - qe), tok)
    if best is not None:
        v = best[1]
        if v.lower_ == "according":
            for t in v.subtree:
                if t.dep_ == "pobj":
                    r = actor_of_token(unit, t, reg, units_persons)
                    if r:
                        return r[0], 0.85
        subs = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if v.lemma_.lower() == "quote" and v.tag_ != "VBN" or v.lemma_.lower() == "quote" and not subs:
            # "the agency quoted Sisi as saying": the quoted person speaks, not the agency
            objs = [c for c in v.children if c.dep_ == "dobj"]
            if objs:
                subs = objs
        if not subs:
            for a in list(v.ancestors)[:3]:
                if a.lemma_.lower() == "quote":  # "quoted X as saying", "X was quoted as describing"
                    subs = [c for c in a.children if c.dep_ == "dobj"] or [
                        c for c in a.children if c.dep_ in ("nsubjpass", "nsubj")]
                    break
        if not subs and v.dep_ in ("conj", "xcomp", "advcl") and v.head.i != v.i:
            subs = [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for s in subs:
            if unit.masked[s.idx:s.idx + 1] == " ":
                continue
            cont = _continued_speaker(unit, s, reg, prev)
            if cont is not None:
                return cont, 0.85
            r = actor_of_token(unit, s, reg, units_persons)
            if r and r[0].kind != "person" and place_at(unit, s) is not None:
                # "X said Baku was ready, calling it '...'": a place is a speaker only when no
                # person speaks in the sentence's speech frame above it
                up = _person_speaker_above(unit, v, reg, units_persons)
                if up is not None:
                    return up, 0.8
            if r:
                return r[0], 0.9 if r[0].kind == "person" and s.lower_ not in PRONOUNS else 0.8
            org = organisation_speaker(unit, s)
            if org is not None:
                return org, 0.8
        if v.idx > qe and v.lower_ != "according":
            # '"...," expressed the chancellor': inverted attribution parsed as an object
            for c in v.children:
                if c.dep_ in ("dobj", "attr", "npadvmod") and c.i == v.i + 1 + sum(
                        1 for d in c.children if d.i < c.i) and c.lemma_.lower() in TITLE_NOUNS:
                    r = actor_of_token(unit, c, reg, units_persons)
                    if r:
                        return r[0], 0.8
        # parse missed the subject: a name or pronoun next to the verb
        window = [t for t in doc[max(0, v.i - 4):v.i + 5] if t.i != v.i]
        for t in sorted(window, key=lambda t: abs(t.i - v.i)):
            if unit.masked[t.idx:t.idx + 1] == " ":
                continue
            if person_at(unit, t) or t.lower_ in ("he", "she"):
                cont = _continued_speaker(unit, t, reg, prev)
                if cont is not None:
                    return cont, 0.75
                r = actor_of_token(unit, t, reg, units_persons)
                if r:
                    return r[0], 0.75
    # no speech verb: a name right after the quote ('"...," Stoltenberg continued' misparsed)
    outside = [m for m in unit.persons if not m.in_quote]
    if outside and best is not None:
        m = min(outside, key=lambda m: min(abs(m.start - quote.end), abs(quote.start - m.end)))
        p = reg.person(m)
        return ActorRef(p.name, "person", p.code, p), 0.6
    return None, 0.0


def _person_speaker_above(unit: Unit, v, reg: Registry, units_persons) -> ActorRef | None:
    """The person subject of a speech verb governing `v`."""
    for a in list(v.ancestors)[:4]:
        if a.lemma_.lower() in ATTRIBUTION_LEMMAS and a.pos_ in ("VERB", "AUX"):
            for c in a.children:
                if c.dep_ in ("nsubj", "nsubjpass") and unit.masked[c.idx:c.idx + 1] != " ":
                    r = actor_of_token(unit, c, reg, units_persons)
                    if r and r[0].kind == "person":
                        return r[0]
    return None


ORG_SPEAKER_NOUNS = {
    "ministry", "government", "office", "embassy", "presidency", "department", "military", "army",
    "police", "agency", "commission", "council", "cabinet", "administration", "secretariat", "mission",
    "spokesperson", "spokesman", "spokeswoman", "statement", "party", "command", "navy",
}


def organisation_speaker(unit: Unit, tok) -> ActorRef | None:
    """ "India's External Affairs Ministry said": the institution, with its country."""
    if tok.lemma_.lower() not in ORG_SPEAKER_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    words = [t for t in tok.subtree if t.dep_ not in ("det", "punct", "relcl", "acl") and t.i <= tok.i
             and not any(a.dep_ in ("relcl", "acl", "prep") and a.i != tok.i for a in t.ancestors if a.i > tok.i - 20 and tok.is_ancestor(a))]
    name = " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s")
    code = None
    for t in tok.subtree:
        for p in unit.places:
            if p.start <= unit.start + t.idx < p.end and p.place is not None:
                code = p.place.code
                break
        if code:
            break
    if not name:
        return None
    kind = "organisation"
    return ActorRef(name, kind, code)


def _frame_speaker(unit: Unit, reg: Registry, units_persons) -> ActorRef | None:
    """The subject of a speech verb in a sentence that introduces a quotation ("Sandu said:")."""
    doc = unit.doc
    if doc is None:
        return None
    for tok in doc:
        if unit.masked[tok.idx:tok.idx + 1] == " " and not tok.is_space:
            continue
        if tok.lemma_.lower() in ATTRIBUTION_LEMMAS and tok.pos_ in ("VERB", "AUX"):
            for c in tok.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    r = actor_of_token(unit, c, reg, units_persons)
                    if r:
                        return r[0]
    return None


def _is_bare_quote(unit: Unit) -> bool:
    """The unit is nothing but quotation (plus punctuation)."""
    return not re.search(r"[A-Za-z]", unit.masked)


# --- the coder ----------------------------------------------------------------------------------


def code_document(prep: Prepared, parsed: dict[int, object], published: dt.date | None,
                  title: str | None, doc_id: str | None) -> list[dict]:
    text = prep.text
    units = []
    for i, s in enumerate(prep.sentences):
        masked = mask_quotes(s.text, s.start, prep.quotes)
        units.append(Unit(i, s.start, s.end, s.text, masked, s.para, parsed.get(i)))
    mentions = _person_mentions(text, units, prep.quotes)
    for m in mentions:
        units[m.unit].persons.append(m)
    dateline = find_dateline(text)
    for u in units:
        if u.doc is None:  # places are only read from parsed units (by the roles)
            continue
        u.places = [p for p in _place_mentions(u, prep.quotes) if not (dateline and p.start < dateline[3])]
    _mark_subjects(units)
    reg = Registry(mentions)
    units_persons = {u.index: u.persons for u in units}

    dl_end = dateline[3] if dateline else 0

    def earlier_groups(pos: int, status: str | None = None) -> list[ActorRef]:
        """What "the two leaders" means: the people of the last two-sided event before `pos`,
        or the last pair of people named in one sentence if that is more recent."""
        last_event = None
        for same in (True, False):  # an event of the same status first (planned with planned)
            for e in reversed(events):
                people = [a for a, _ in e.actors if a.kind == "person"]
                if (e.type in ("meeting", "signing") and len(people) >= 2 and units[e.unit].start < pos
                        and (not same or status is None or e.status == status)):
                    last_event = (e.unit, people)
                    break
            if last_event:
                break
        for v in range(len(units) - 1, -1, -1):
            if last_event and v <= last_event[0]:
                break
            ms = [m for m in units[v].persons if m.end <= pos and not m.in_quote]
            people = {}
            for m in ms:
                p = reg.person(m)
                people.setdefault(p.name, ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles))
            if len(people) == 2:
                return list(people.values())
            if len(people) > 2:
                break
        return list(last_event[1]) if last_event else []

    events: list[EventMention] = []
    for u in units:
        if u.doc is None:
            continue
        for trig in find_triggers(u.doc, u.masked):
            if is_cancelled(u.doc, trig):
                continue
            tok = u.doc[trig.i]
            idx = clause_tokens(tok)
            ctext = " ".join(u.doc[i].text for i in sorted(idx) if u.start + u.doc[i].idx >= dl_end
                             and u.masked[u.doc[i].idx:u.doc[i].idx + 1] != " ")
            if historical_year(ctext, published):
                continue
            planned = is_planned(u.doc, trig, u.masked)
            date = resolve_date(ctext, published, planned)
            if agreed_to_negotiate(u.doc, trig):
                planned = False  # the agreeing happened; a future start date is not the meeting's
                date = resolve_date(ctext, published, False)
                if date and published and date > published:
                    date = None
            if date and published and date > published and not planned:
                planned = True
            status = "planned" if planned else "occurred"
            ev_date = date.isoformat() if date else None
            if GUEST_RE.search(ctext) and trig.type in ("meeting", "visit"):
                continue  # "who attended the summit as a guest": not a participant of it
            same_day = bool(re.search(r"\b(?:the same day|that day|later that day|later in the day|later)\b", ctext, re.I))
            ev = (u.start, u.end)
            if trig.type in ("signing", "meeting"):
                refs = participants(u, tok, reg, units_persons, lambda pos, st=status: earlier_groups(pos, st))
                city, code, cname = event_place(u, tok, idx)
                role = "signatory" if trig.type == "signing" else "participant"
                n_part = len({r.key for r in refs if r.kind == "person"}) + len(
                    {r.code for r in refs if r.kind != "person"} - {r.code for r in refs if r.kind == "person"})
                if trig.type == "meeting" and n_part < 2:
                    continue
                if trig.type == "signing" and not refs:
                    continue
                if not _political(refs):
                    continue
                negotiation = tok.lemma_.lower() in ("negotiation", "negotiate")
                em = EventMention(
                    trig.type, [(r, role) for r in refs], u.index, ev, 0.8 if trig.type == "signing" else 0.75,
                    location=city or cname, destination=None, destination_code=code, date=ev_date,
                    status=status, negotiation=negotiation)
                em.same_day = same_day
                events.append(em)
            elif trig.type == "visit":
                vis = [r for r in visitors(u, tok, reg, units_persons) if not r.resident]
                if not vis or not _political(vis):
                    continue
                for city, code, cname in visit_destinations(u, tok, idx):
                    for v in vis:
                        if v.code and code and v.code == code:
                            continue  # at home: not a visit
                        if v.code in HQ_CITIES and code in HQ_CITIES[v.code]:
                            continue
                        em = EventMention(
                            "visit", [(v, "visitor")], u.index, ev, 0.8, location=city,
                            destination=cname, destination_code=code, date=ev_date, status=status)
                        em.same_day = same_day
                        events.append(em)
    merged = merge_mentions(events)
    share_context(merged, dateline)
    merged = merge_mentions(merged + _implied_visits(merged))
    merged = [e for e in merged if not (e.type == "visit" and not (e.destination or e.location))]
    merged.extend(merge_mentions(_statements(prep, units, reg, units_persons)))
    return [_to_dict(e, text, doc_id) for e in merged]


def _political(refs: list[ActorRef]) -> bool:
    """Events need a political actor: a state, an organisation, or a person with a country
    or a title (a footballer signing a contract or a storm arriving is not one)."""
    for r in refs:
        if r.code or (r.person is not None and r.person.titles):
            return True
    return False


DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z.'\- ]{1,30}?)(?:,\s*([A-Z][A-Za-z ]{2,30}?))?"
    r"(?:,?\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2})(?:,?\s*\d{4})?)?"
    r"\s*(?:\([^)]{1,30}\))?\s*[-–—]{1,2}\s")


def find_dateline(text: str) -> tuple[str, str, str, int] | None:
    """(city, code, country name, end offset) of a wire dateline ("MANILA, July 9 (Reuters) -")."""
    m = DATELINE.match(text)
    if not m:
        return None
    place = m.group(1).strip()
    pl = gz.lookup(place.title() if place.isupper() else place)
    if pl is None and m.group(2):
        pl2 = gz.lookup(m.group(2))
        if pl2 is not None and pl2.kind == "country":
            return place.title() if place.isupper() else place, pl2.code, pl2.name, m.end()
    if pl is None:
        return None
    city = pl.city if pl.kind == "city" else (place if gz.is_capital(place) else None)
    if city and city.isupper():
        city = city.title()
    return city, pl.code, pl.name, m.end()


def share_context(events: list[EventMention], dateline) -> None:
    """Fill a missing place or date from the same episode: an event about the same people in
    the same or the previous sentences ("Wang arrived in Canberra on Wednesday ... Wang held
    talks with Wong"), "the same day", or the dateline for talks and signings."""
    ordered = sorted(events, key=lambda e: e.unit)
    for e in ordered:
        if e.type == "statement":
            continue
        keys = e.person_keys() or e.keys()
        for f in sorted(ordered, key=lambda f: -f.unit):
            if f is e or min(f.units) > max(e.units) or f.status != e.status:
                continue
            gap = min(abs(a - b) for a in e.units for b in f.units)
            if gap > 2:
                continue
            if not (keys & (f.person_keys() or f.keys())):
                continue
            if not e.location and f.location:
                fcode = f.destination_code
                if e.type != "visit" or not e.destination_code or e.destination_code == fcode:
                    e.location = f.location
                    e.destination_code = e.destination_code or fcode
                    if e.type == "visit" and not e.destination:
                        e.destination = f.destination
            if not e.date and f.date and (gap <= 2 or getattr(e, "same_day", False)):
                e.date = f.date
            if e.location and e.date:
                break
        if not e.date and getattr(e, "same_day", False):
            prev = [f for f in ordered if f.unit < e.unit and f.date]
            if prev:
                e.date = prev[-1].date
        if e.type in ("signing", "meeting") and not e.location and dateline and dateline[0]:
            # the dateline is where the reporter is; it places the event only when one of the
            # parties is at home there (or at its organisation's seat)
            codes = {a.code for a, _ in e.actors if a.code}
            if dateline[1] in codes or any(dateline[1] in HQ_CITIES.get(c, ()) for c in codes):
                e.location, e.destination_code = dateline[0], dateline[1]


def _implied_visits(events: list[EventMention]) -> list[EventMention]:
    """A foreign official placed in a named city abroad for a signing or talks is visiting."""
    out = []
    for e in events:
        if e.type not in ("signing", "meeting") or not e.destination_code:
            continue
        host = e.destination_code
        for a, _role in e.actors:
            if a.kind != "person" or not a.code or a.resident or a.code == host:
                continue
            if a.code in HQ_CITIES and host in HQ_CITIES[a.code]:
                continue
            loc = e.location if e.location and gz.lookup(e.location) and gz.lookup(e.location).kind == "city" else None
            if loc is None and e.location and gz.lookup(e.location) is None:
                loc = e.location
            dest_code = host
            for b, _r in e.actors:  # at an organisation's seat, the organisation hosts
                if b.code in HQ_CITIES and host in HQ_CITIES[b.code] and b.code != a.code:
                    dest_code = b.code
            v = EventMention(
                "visit", [(a, "visitor")], e.unit, e.evidence, 0.6, location=loc,
                destination=gz.party(dest_code)["name"], destination_code=dest_code, date=e.date,
                status=e.status, implied=True)
            v.units = set(e.units)
            out.append(v)
    return out


def _statements(prep: Prepared, units: list[Unit], reg: Registry, units_persons) -> list[EventMention]:
    out: list[EventMention] = []
    last_speaker: tuple[ActorRef, int] | None = None  # (speaker, paragraph)
    prev: tuple[ActorRef, int, int] | None = None  # (speaker, paragraph, end of its sentence)
    unit_by_pos = [(u.start, u.end, u) for u in units]

    def unit_at(pos: int) -> Unit | None:
        for s, e, u in unit_by_pos:
            if s <= pos < e:
                return u
        return None

    for q in prep.quotes:
        u = unit_at(q.start) or unit_at(q.start - 1)
        if u is None:
            continue
        speaker, conf = _speaker_for(u, q, reg, units_persons, prev)
        if speaker is None and len(q.parts) > 1:
            ue = unit_at(q.end - 1)
            if ue is not None and ue is not u:
                speaker, conf = _speaker_for(ue, q, reg, units_persons, prev)
        if speaker is None and _is_bare_quote(u):
            # a quotation standing alone continues the speaker introduced just before it
            before = units[u.index - 1] if u.index > 0 else None
            frame = None
            if before is not None and u.para - before.para <= 1 and not _is_bare_quote(before):
                frame = _frame_speaker(before, reg, units_persons)
            if frame is not None:
                speaker, conf = frame, 0.7
            elif last_speaker and u.para - last_speaker[1] <= 2:
                speaker, conf = last_speaker[0], 0.6
        if speaker is None:
            # a speech verb's subject earlier in the paragraph ("X told reporters:") continues
            continue
        last_speaker = (speaker, units[-1].para if False else (unit_at(q.end - 1) or u).para)
        prev = (speaker, last_speaker[1], (unit_at(q.end - 1) or u).end)
        out.append(EventMention(
            "statement", [(speaker, "speaker")], u.index, (u.start, u.end), conf,
            speaker=speaker, quote=q.text, quote_span=(q.start, q.end)))
    return out


def _to_dict(e: EventMention, text: str, doc_id: str | None) -> dict:
    actors = []
    parties: dict[str, dict] = {}
    for a, role in e.actors:
        actors.append({"name": a.name, "kind": a.kind, "country": a.code, "role": role})
        if a.code:
            parties.setdefault(a.code, gz.party(a.code))
    third = bool(e.destination_code) and e.type == "meeting" and all(
        a.code != e.destination_code for a, _ in e.actors if a.code)
    s, t = e.evidence
    out = {
        "doc_id": doc_id,
        "type": e.type,
        "actors": actors,
        "parties": list(parties.values()),
        "destination": e.destination if e.type == "visit" else None,
        "location": e.location,
        "date": e.date,
        "status": e.status if e.type != "statement" else "occurred",
        "speaker": {"name": e.speaker.name, "country": e.speaker.code} if e.speaker else None,
        "quote": e.quote,
        "evidence": {"start": s, "end": t, "text": text[s:t]},
        "confidence": round(e.confidence, 3),
        "codes": codes_for(e.type, negotiation=e.negotiation, third_location=third),
        "coder_version": CODER_VERSION,
    }
    return out


__all__ = ["CODER_VERSION", "Prepared", "prepare", "code_document", "name_tokens"]
