"""Who did what where, for one trigger in one parsed sentence: signatories and meeting
participants, the visitor and the place visited, the speaker of a quotation.

Inputs are the sentence's spaCy doc, its actor mentions and place mentions (with offsets
relative to the article); outputs are plain records the coder turns into events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract import gazetteer as gz
from pipeline.extract.actors import TITLE_NOUNS, Mention, Person, Registry
from pipeline.extract.triggers import SPEECH_LEMMAS

PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
PLACE_PREP = re.compile(r"(?:\b(?:in|at|to|near|inside|into|for|of)\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s+){0,4}|,\s+)$")
HQ_CITIES = {  # an organisation's own officials at home are not visitors
    "NATO": {"BEL"}, "EU": {"BEL", "LUX"}, "UN": {"USA", "CHE", "AUT", "KEN"}, "AU": {"ETH"},
    "ASEAN": {"IDN"}, "WHO": {"CHE"}, "WTO": {"CHE"}, "IMF": {"USA"}, "WB": {"USA"}, "OSCE": {"AUT"},
    "IAEA": {"AUT"}, "OPEC": {"AUT"}, "GCC": {"SAU"}, "ARL": {"EGY"}, "OAS": {"USA"}, "SCO": {"CHN"},
    "ECOWAS": {"NGA"}, "OECD": {"FRA"}, "ICC": {"NLD"}, "ICRC": {"CHE"},
}


@dataclass
class PlaceMention:
    start: int
    end: int
    surface: str
    place: gz.Place | None  # None: a place the gazetteer doesn't know (an unlisted city)
    in_quote: bool = False


@dataclass
class ActorRef:
    name: str
    kind: str  # person | state | organisation
    code: str | None
    person: Person | None = None
    resident: bool = False

    @property
    def key(self) -> str:
        return self.name if self.kind == "person" else f"#{self.code or self.name}"


@dataclass
class Unit:
    """One analysed sentence and what was found in it."""

    index: int
    start: int
    end: int
    text: str
    masked: str
    para: int
    doc: object | None = None
    persons: list[Mention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)

    def span(self, tok) -> tuple[int, int]:
        return self.start + tok.idx, self.start + tok.idx + len(tok.text)


def person_at(unit: Unit, tok) -> Mention | None:
    s, e = unit.span(tok)
    for m in unit.persons:
        if m.start <= s < m.end or m.start < e <= m.end:
            return m
    return None


def place_at(unit: Unit, tok) -> PlaceMention | None:
    s, e = unit.span(tok)
    for p in unit.places:
        if p.start <= s < p.end:
            return p
    return None


def actor_of_token(unit: Unit, tok, reg: Registry, units_persons, subject_person=None) -> list[ActorRef]:
    """The actor a (subject/object) token stands for, with its coordinated siblings."""
    out: list[ActorRef] = []
    for t in [tok, *[c for c in tok.conjuncts]]:
        ref = _single_actor(unit, t, reg, units_persons, subject_person)
        if ref is not None:
            out.append(ref)
    return out


def _single_actor(unit: Unit, tok, reg: Registry, units_persons, subject_person=None) -> ActorRef | None:
    m = person_at(unit, tok)
    if m is None:
        # a name's head may be a title noun: "President Putin" → root "Putin"; or compound child
        for c in tok.children:
            if c.dep_ in ("compound", "appos"):
                m = person_at(unit, c)
                if m:
                    break
    if m is not None and not m.in_quote:
        p = reg.person(m)
        return ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles)
    low = tok.lower_
    if low in PRONOUNS:
        if low in ("his", "her") and subject_person is not None:
            return subject_person
        p = reg.resolve_pronoun(unit.start + tok.idx, unit.index, low, units_persons)
        if p:
            return ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles)
        return None
    pl = place_at(unit, tok)
    if pl is not None and pl.place is not None and pl.place.kind in ("country", "org", "seat", "demonym", "city"):
        kind = "organisation" if pl.place.is_org else "state"
        return ActorRef(pl.place.name, kind, pl.place.code)
    if tok.lemma_.lower() in TITLE_NOUNS and tok.pos_ == "NOUN":
        code = None
        for t in tok.subtree:
            pl = place_at(unit, t)
            if pl is not None and pl.place is not None:
                code = pl.place.code
                break
        if tok.tag_ in ("NNS",) and code:  # "Chinese officials"
            pl_name = gz.party(code)["name"]
            return ActorRef(pl_name, "organisation" if code in gz.ORG_CODES else "state", code)
        if any(c.lower_ == "the" or c.dep_ == "poss" for c in tok.children):
            p = reg.resolve_nominal(unit.start + tok.idx, tok.lemma_.lower(), code)
            if p:
                return ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles)
        if code:
            return ActorRef(gz.party(code)["name"], "organisation" if code in gz.ORG_CODES else "state", code)
    return None


def subject_of(tok):
    """nsubj of the verb the token belongs to, climbing xcomp/conj/advcl chains."""
    t = tok
    for _ in range(5):
        subs = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subs:
            return subs[0]
        if t.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "relcl",
                      "npadvmod", "attr") and t.head is not t:
            t = t.head
            continue
        break
    return None


def speech_frames(doc):
    """Speech verbs outside the quoted text, with their subjects."""
    for tok in doc:
        if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX"):
            yield tok


def participants(unit: Unit, tok, reg: Registry, units_persons) -> list[ActorRef]:
    """Signatories / meeting participants: people and states acting in the trigger's sentence,
    not the person reporting it ("X said Y and Z met")."""
    doc = unit.doc
    excluded: set[int] = set()  # char starts of excluded person mentions
    for v in speech_frames(doc):
        if v.i == tok.i or tok not in v.subtree:
            continue
        if tok.is_ancestor(v):
            continue
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                for t in c.subtree:
                    m = person_at(unit, t)
                    if m:
                        excluded.add(m.start)
    for t in doc:
        if t.lower_ == "according":
            for d in t.subtree:
                m = person_at(unit, d)
                if m:
                    excluded.add(m.start)
    refs: list[ActorRef] = []
    for m in unit.persons:
        if m.in_quote or m.start in excluded:
            continue
        p = reg.person(m)
        refs.append(ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles))
    # pronoun and nominal subjects/objects of the trigger's clause
    cand_toks = []
    chain = [tok, *list(tok.ancestors)[:3]]
    for t in chain:
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") or (c.dep_ == "prep" and c.lower_ in ("with", "between", "by")):
                cand_toks.append(c)
                if c.dep_ == "prep":
                    cand_toks.extend(x for x in c.children if x.dep_ == "pobj")
        if t.lemma_.lower() in SPEECH_LEMMAS and t is not tok:
            break
    for c in cand_toks:
        if c.lower_ in PRONOUNS:
            refs.extend(actor_of_token(unit, c, reg, units_persons))
        elif c.lemma_.lower() in TITLE_NOUNS and person_at(unit, c) is None:
            refs.extend(actor_of_token(unit, c, reg, units_persons))
    # states acting (subjects, "with X", "between X and Y"), not places
    for pl in unit.places:
        if pl.in_quote or pl.place is None or pl.place.kind == "city":
            continue
        span = doc.char_span(pl.start - unit.start, pl.end - unit.start, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if person_at(unit, root.head) is not None and root.head is not root:
            continue  # "Russian President Putin": part of a person's title
        if pl.place.kind == "demonym":
            if root.head.lemma_.lower() not in TITLE_NOUNS | {"delegation", "government", "side", "team", "official"}:
                continue
            root = root.head
            if person_at(unit, root) is not None:
                continue
        ok = _acting_position(root)
        if not ok:
            continue
        kind = "organisation" if pl.place.is_org else "state"
        refs.append(ActorRef(pl.place.name, kind, pl.place.code))
    return _dedupe(refs)


def _acting_position(root) -> bool:
    t = root
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ in ("nsubj", "nsubjpass"):
        return True
    if t.dep_ == "pobj" and t.head.lower_ in ("with", "between", "by", "among"):
        return True
    if t.dep_ == "dobj" and t.head.lemma_.lower() in ("meet", "host", "receive"):
        return True
    if t.dep_ == "poss" and t.head.lemma_.lower() in TITLE_NOUNS | {"delegation", "government"}:
        return True
    return False


def _dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    seen: dict[str, ActorRef] = {}
    for r in refs:
        seen.setdefault(r.key, r)
    return list(seen.values())


def visitors(unit: Unit, tok, reg: Registry, units_persons) -> list[ActorRef]:
    """Who travels: the possessor or "by" agent of a visit noun, else the clause subject."""
    doc = unit.doc
    main_subject = None
    root = [t for t in doc if t.dep_ == "ROOT"]
    if root:
        s = [c for c in root[0].children if c.dep_ in ("nsubj", "nsubjpass")]
        if s and s[0].lower_ not in PRONOUNS:
            refs = actor_of_token(unit, s[0], reg, units_persons)
            main_subject = refs[0] if refs else None
    if tok.pos_ == "NOUN" or tok.pos_ == "PROPN":
        for c in tok.children:
            if c.dep_ == "poss":
                r = actor_of_token(unit, c, reg, units_persons, subject_person=main_subject)
                if r:
                    return r
            if c.dep_ == "prep" and c.lower_ == "by":
                for x in c.children:
                    if x.dep_ == "pobj":
                        r = actor_of_token(unit, x, reg, units_persons)
                        if r:
                            return r
            if c.dep_ in ("compound", "amod"):
                m = person_at(unit, c)
                if m:
                    return actor_of_token(unit, c, reg, units_persons)
    sub = subject_of(tok)
    if sub is not None:
        r = actor_of_token(unit, sub, reg, units_persons)
        if r:
            return r
    # fall back: the sentence's subject, else its only person
    if main_subject is not None:
        return [main_subject]
    persons = [m for m in unit.persons if not m.in_quote]
    if len({reg.person(m).name for m in persons}) == 1:
        p = reg.person(persons[0])
        return [ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles)]
    return []


def event_place(unit: Unit, tok=None, prefer_after: int | None = None) -> tuple[str | None, str | None, str | None]:
    """(city, country code, country/org name) where the sentence places its event."""
    city = code = name = None
    cands = [p for p in unit.places if not p.in_quote]
    for p in cands:
        before = unit.text[: p.start - unit.start]
        if not PLACE_PREP.search(before):
            continue
        if re.search(r"\bfrom\s+(?:the\s+)?$", before):
            continue
        if p.place is None or p.place.kind == "city":
            if city is None:
                city = p.surface
                if p.place is not None:
                    code, name = p.place.code, p.place.name
                else:
                    # "Kazan, Russia": a country right after an unknown city
                    after = unit.text[p.end - unit.start:p.end - unit.start + 40]
                    m = re.match(r",\s+([A-Z][\w ]+)", after)
                    if m:
                        pl = gz.lookup(m.group(1).strip())
                        if pl is not None and pl.kind == "country":
                            code, name = pl.code, pl.name
        elif p.place.kind == "country" and code is None:
            code, name = p.place.code, p.place.name
    return city, code, name


def visit_destination(unit: Unit, tok) -> tuple[str | None, str | None, str | None]:
    """(city, country code, country/org name) the visit goes to."""
    doc = unit.doc
    # direct object / "to" / "of" phrase of the trigger
    cands = []
    for c in tok.children:
        if c.dep_ in ("dobj", "pobj", "npadvmod", "attr"):
            cands.append(c)
        if c.dep_ == "prep" and c.lower_ in ("to", "in", "at", "of", "into"):
            cands.extend(x for x in c.children if x.dep_ == "pobj")
    city = code = name = None
    for c in cands:
        for t in [c, *c.conjuncts, *[x for x in c.children if x.dep_ in ("appos", "compound")]]:
            pl = place_at(unit, t)
            if pl is None or pl.in_quote:
                continue
            if pl.place is None or pl.place.kind == "city":
                city = city or pl.surface
                if pl.place is not None and code is None:
                    code, name = pl.place.code, pl.place.name
            elif pl.place.kind in ("country", "org") and code is None:
                code, name = pl.place.code, pl.place.name
            elif pl.place.kind == "seat" and code is None:
                code, name = pl.place.code, pl.place.name
        if city or code:
            break
    if city and code is None:
        c2, code2, name2 = event_place(unit)
        code, name = code2, name2
    if not (city or code):
        city, code, name = event_place(unit)
    del doc
    return city, code, name
