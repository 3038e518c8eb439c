"""Who did what where, for one trigger in one parsed sentence: signatories and meeting
participants, the visitor and the place visited, the speaker of a quotation.

Inputs are the sentence's spaCy doc, its actor mentions and place mentions (with offsets
relative to the article); outputs are plain records the coder turns into events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract import gazetteer as gz
from pipeline.extract.actors import Mention, Person, Registry
from pipeline.extract.context import PlaceMention, Unit
from pipeline.extract.triggers import DEPART_LEMMAS, TRAVEL_LEMMAS, attends, for_place_subject, sent_to
from pipeline.extract.vocabulary import (
    GATHERINGS,
    ITINERARIES,
    SPEECH_LEMMAS,
    TITLE_NOUNS,
    TRIGGER_CLASSES,
    VEHICLES,
    WELCOME_LEMMAS,
)

PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
PLACE_PREP = re.compile(r"(?:\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ii]nside|[Oo]utside|di|sa|city of|town of|resort of|port of|capital,?)\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s+){0,5}|[A-Z][\w'’\-]*,\s+)$")
CLAUSE_DEPS = {"advcl", "relcl", "ccomp", "parataxis", "acl"}
GROUP_SUBJECT = re.compile(r"^(?:the two|both|the pair|the two sides|both sides)\b"
                           r"|^the (?:\w+ )?(?:leaders|ministers|presidents|premiers|heads of (?:state|government))$", re.I)
HQ_CITIES = gz.HQ_CITIES  # an organisation's own officials at home are not visitors


def clause_head(tok):
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def clause_tokens(tok, head=None) -> set[int]:
    """Token indices of the clause the trigger sits in: the nearest verb's subtree without the
    subordinate or coordinated clauses that do not contain the trigger, plus the subjects a
    controlled verb shares ("is expected to hold talks")."""
    h = head if head is not None else clause_head(tok)
    out: set[int] = set()
    stack = [h]
    while stack:
        t = stack.pop()
        out.add(t.i)
        for c in t.children:
            sub_clause = c.dep_ in CLAUSE_DEPS or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
            if sub_clause and not (c.i == tok.i or c.is_ancestor(tok)) and not (
                    t.i == tok.i and c.dep_ in ("acl", "relcl")):
                continue
            stack.append(c)
    t = h
    for _ in range(3):
        if t.dep_ in ("xcomp", "conj") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            t = t.head
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    out.update(x.i for x in c.subtree)
        else:
            break
    return out


def clause_text(doc, idx: set[int]) -> str:
    return " ".join(doc[i].text for i in sorted(idx))


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


def subtree_place_code(unit: Unit, tok, own_words: bool = False) -> str | None:
    """The code of the first known place in the token's subtree ("India's … Ministry" → IND);
    with `own_words`, outside its relative clause ("the secretary, who went with him to India,"
    is no Indian)."""
    clauses = [c for c in tok.children if own_words and c.dep_ in ("relcl", "acl") and c.i > tok.i]
    for t in tok.subtree:
        if any(c.left_edge.i <= t.i <= c.right_edge.i for c in clauses):
            continue
        pl = place_at(unit, t)
        if pl is not None and pl.place is not None:
            return pl.place.code
    return None


def actor_of_token(unit: Unit, tok, reg: Registry, units_persons, subject_person=None) -> list[ActorRef]:
    """The actor a (subject/object) token stands for, with its coordinated siblings."""
    out: list[ActorRef] = []
    for t in [tok, *[c for c in tok.conjuncts]]:
        ref = _single_actor(unit, t, reg, units_persons, subject_person)
        if ref is not None:
            out.append(ref)
    return out


RELATIVE_PRONOUNS = {"who", "that"}


def person_ref(reg: Registry, m: Mention) -> ActorRef:
    p = reg.person(m)
    return ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles)


def _as_person(p: Person) -> ActorRef:
    return ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles)


def _state_ref(code: str) -> ActorRef:
    return ActorRef(gz.party(code)["name"], "organisation" if code in gz.ORG_CODES else "state", code)


def _single_actor(unit: Unit, tok, reg: Registry, units_persons, subject_person=None) -> ActorRef | None:
    if tok.lower_ in RELATIVE_PRONOUNS and tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "X, who had travelled to Monrovia": X
    low = tok.lower_
    # (a pronoun first: "He and his host, President X, talked": the parser may hang X on "He")
    m = _name_at_or_under(unit, tok) if low not in PRONOUNS or tok.pos_ != "PRON" else None
    m = m or _delegation_leader(unit, tok)
    if m is not None and not m.in_quote:
        return person_ref(reg, m)
    if low in PRONOUNS:
        if low in ("his", "her") and subject_person is not None:
            return subject_person
        p = reg.resolve_pronoun(unit.start + tok.idx, unit.index, low, units_persons)
        return _as_person(p) if p else None
    pl = place_at(unit, tok)
    if pl is not None and pl.place is not None and pl.place.kind in ("country", "org", "seat", "demonym", "city"):
        return ActorRef(pl.place.name, "organisation" if pl.place.is_org else "state", pl.place.code)
    if tok.lemma_.lower() in TITLE_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
        return _titled_actor(unit, tok, reg)
    return None


def _delegation_leader(unit: Unit, tok) -> Mention | None:
    """ "met a Chinese delegation led by X": the one who leads it stands for the delegation."""
    if tok.lemma_.lower() != "delegation":
        return None
    for c in tok.children:
        if c.dep_ == "acl" and c.lemma_.lower() in TRIGGER_CLASSES["delegation_leading"]:
            for a in c.children:
                if a.dep_ == "agent":
                    for o in a.children:
                        m = _name_at_or_under(unit, o) if o.dep_ == "pobj" else None
                        if m is not None and not m.in_quote:
                            return m
    return None


def _name_at_or_under(unit: Unit, tok) -> Mention | None:
    """The name at the token, or under it: "President Putin" → root "Putin", or a compound child."""
    m = person_at(unit, tok)
    if m is None:
        for c in tok.children:
            if c.dep_ in ("compound", "appos"):
                m = person_at(unit, c)
                if m:
                    break
    return m


def _titled_actor(unit: Unit, tok, reg: Registry) -> ActorRef | None:
    """A title noun: the person an appositive names ("the Minister of Foreign Affairs of X,
    NAME,"), the state of "Chinese officials", the person "the minister" stands for, else the
    state the title belongs to. A name that closes the title comes first: in "President of X
    NAME and his wife B" the appositive B is the wife's."""
    named = _name_closing_title(unit, tok)
    if named is not None:
        return person_ref(reg, named)
    for t in tok.subtree:
        if t.dep_ == "appos" or t.head.dep_ == "appos":
            m = person_at(unit, t)
            if m is not None and not m.in_quote:
                return person_ref(reg, m)
    if tok.tag_ in ("NNS", "NNPS"):
        code = subtree_place_code(unit, tok)
        return _state_ref(code) if code else None  # "Chinese officials"
    code = subtree_place_code(unit, tok, own_words=True)
    # "the minister", "his host"; and a singular title with its country and no article, as
    # translated copy has it ("US Secretary of State, for its part, said"): the person so introduced
    if any(c.lower_ == "the" or c.dep_ == "poss" for c in tok.children) or (code and _bare_title(tok)):
        roles = tuple(c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod"))
        p = reg.resolve_nominal(unit.start + tok.idx, tok.lemma_.lower(), code, roles)
        if p:
            return _as_person(p)
    return _state_ref(code) if code else None


def _bare_title(tok) -> bool:
    """A capitalised singular title with no article and no name after it, as a subject ("US
    Secretary of State, for its part, said"; not "a Paraguayan president", not "Prime Minister
    Shinzo Abe", not "will involve Russian Foreign Minister")."""
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return (tok.dep_ == "nsubj" and tok.tag_ in ("NN", "NNP") and tok.text[:1].isupper() and not any(c.dep_ == "det" for c in tok.children)
            and (nxt is None or nxt.pos_ != "PROPN"))


def _name_closing_title(unit: Unit, tok) -> Mention | None:
    """ "State Councillor and Minister of Public Security Wang Xiaohong": the name that ends a
    title phrase the parse heads with its first title noun."""
    doc = unit.doc
    for t in doc[tok.i + 1:min(len(doc), tok.i + 12)]:
        m = person_at(unit, t)
        if m is not None:
            return m if not m.in_quote and tok.is_ancestor(t) else None
        if not (t.pos_ == "PROPN" or t.lower_ in ("and", "of", "for", "the", "&")):
            return None
    return None


def subject_of(tok):
    """nsubj of the verb the token belongs to, climbing xcomp/conj/advcl chains."""
    t = tok
    for _ in range(5):
        subs = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subs:
            return subs[0]
        if t.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "relcl",
                      "npadvmod", "attr") and t.head.i != t.i:
            t = t.head
            continue
        break
    return None


def speech_frames(doc):
    """Speech verbs outside the quoted text, with their subjects."""
    for tok in doc:
        if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX"):
            yield tok


def participants(unit: Unit, tok, reg: Registry, units_persons, earlier_groups=None) -> list[ActorRef]:
    """Signatories / meeting participants: people and states acting in the trigger's clause,
    not the person reporting it ("X said Y and Z met"). When the clause names fewer than two,
    the enclosing clause is tried ("X and Y signed ... when the two leaders met"), and "the two
    leaders" stands for the last pair of people named."""
    doc = unit.doc
    own = _between_sides(unit, tok, reg, units_persons)
    if own:
        return own
    head = clause_head(tok)
    refs: list[ActorRef] = []
    for _ in range(3):
        idx = clause_tokens(tok, head)
        # (other talks the clause tells with their own owner and counterpart are not these talks')
        idx -= {t.i for i in idx if i != tok.i and _named_owner_with(doc[i]) is not None and not doc[i].is_ancestor(tok)
                for t in doc[i].subtree}
        # ("will include a tour of the port with A and B, and a meeting with C": whom another item
        # of the list is with is not whom the talks are with)
        idx -= _other_items_with(tok)
        # "with his counterparts that included Iran, Bulgaria and Turkey": those the clause's people include
        idx |= {t.i for i in list(idx) for c in doc[i].children if c.dep_ == "relcl" and c.lemma_.lower() in _LISTING
                and any(x.dep_ == "nsubj" and x.lower_ in ("that", "which", "who") for x in c.children) for t in c.subtree}
        refs = _clause_participants(unit, idx, tok, reg, units_persons)
        group = [doc[i] for i in idx if doc[i].dep_ in ("nsubj", "nsubjpass", "pobj", "dobj")
                 and GROUP_SUBJECT.match(" ".join(t.text for t in doc[i].subtree))]
        if not group and _count(refs) < 2:
            group = [c for c in tok.children if c.dep_ == "poss" and c.lower_ == "their"]  # "their talks"
        if not group and _count(refs) < 2:
            group = [doc[i] for i in idx if _unnamed_host(unit, doc[i])]  # "he and his host talked"
        if group and earlier_groups is not None:
            prev = earlier_groups(unit.start + group[0].idx, _group_title(group[0]), group[0].lemma_.lower() == "leader")
            codes = {pl.place.code for pl in unit.places if pl.place is not None
                     and any(pl.start <= unit.start + t.idx < pl.end for t in group[0].subtree)}
            if codes:
                prev = [r for r in prev if r.code in codes]
            if STATES_GROUP.search(" ".join(t.text for t in group[0].subtree)):
                prev = _as_states(prev)  # "the two countries": the states of the last pair
            if prev:
                refs = dedupe(refs + prev)
                break
        if _count(refs) >= 2 or (head.dep_ == "advcl" and _own_unnamed_subject(head)):
            break  # "... a day before its own leaders met in Abuja": other people's talks
        if head.dep_ in ("advcl", "conj", "xcomp", "acl", "relcl", "pcomp") and head.head.i != head.i:
            head = clause_head(head.head)
            continue
        break
    return refs


def _other_items_with(tok) -> set[int]:
    """Talks listed with other items, each saying whom it is with ("will include a visit to the
    cemetery with A and B, and a meeting with C"): the other items' tokens (not the talks')."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return set()
    own = {t.i for t in tok.subtree}
    out: set[int] = set()
    for c in tok.conjuncts:
        if c.lemma_.lower() in _TALK_NOUNS:
            continue
        theirs = {t.i for t in c.subtree} - own - {t.i for x in c.conjuncts if x.i > c.i for t in x.subtree}
        if any(tok.doc[i].dep_ == "prep" and tok.doc[i].lower_ == "with" for i in theirs):
            out |= theirs
    return out


def _between_sides(unit: Unit, tok, reg: Registry, units_persons) -> list[ActorRef]:
    """ "X briefed the media on the meeting between A and B", "X attended the talks between A and
    B": talks whose own "between" phrase names two sides or more are theirs, not the sentence's
    subject's."""
    if tok.pos_ != "NOUN":
        return []
    betweens = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"]
    if not betweens:
        return _owned_talks(unit, tok, reg, units_persons)
    idx = {t.i for b in betweens for t in b.subtree}
    refs = _clause_participants(unit, idx, tok, reg, units_persons)
    return refs if _count(refs) >= 2 else []


_TALK_NOUNS = TRIGGER_CLASSES["meeting_nouns"] | {"meeting"}
_LISTING = TRIGGER_CLASSES["entourage_lists"]


def _named_owner_with(tok):
    """The named owner of talks that say whom they are with ("Abe's talks with Wen"), else None."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _TALK_NOUNS and tok.lower_ != "talks":
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None or not any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return None
    return owner


def _owned_talks(unit: Unit, tok, reg: Registry, units_persons) -> list[ActorRef]:
    """ "soon after Abe's talks with Premier Wen": talks a named owner holds with someone are
    theirs, not those of the sentence's subject."""
    if _named_owner_with(tok) is None:
        return []
    idx = {t.i for c in tok.children if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "with" for t in c.subtree}
    refs = _clause_participants(unit, idx, tok, reg, units_persons)
    return refs if _count(refs) >= 2 else []


def _group_title(t) -> str | None:
    """The office a group names its people by ("the two speakers": speaker), if any."""
    lem = t.lemma_.lower()
    return lem if t.pos_ == "NOUN" and lem not in ("leader", "head", "official", "side", "country") else None


def _unnamed_host(unit: Unit, t) -> bool:
    """ "his host", "her hosts" with no name: the other side of the talks told before."""
    return t.lemma_.lower() == "host" and t.pos_ == "NOUN" and person_at(unit, t) is None and any(
        c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in t.children) and not any(
        c.dep_ == "appos" for c in t.children)


def _own_unnamed_subject(head) -> bool:
    """A subordinate clause with a subject of its own that names nobody ("its own leaders",
    "regional officials"): not the people of the clause it hangs on."""
    return any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.ent_type_ == ""
               and not GROUP_SUBJECT.match(" ".join(t.text for t in c.subtree)) for c in head.children)


STATES_GROUP = re.compile(r"\b(?:countries|nations|states|governments)\b", re.I)


def _as_states(refs: list[ActorRef]) -> list[ActorRef]:
    codes = list(dict.fromkeys(r.code for r in refs if r.code))
    if len(codes) < 2:
        return refs
    return [ActorRef(gz.party(c)["name"], "organisation" if c in gz.ORG_CODES else "state", c) for c in codes]


def _count(refs: list[ActorRef]) -> int:
    persons = {r.key for r in refs if r.kind == "person"}
    codes = {r.code for r in refs if r.kind != "person"} - {r.code for r in refs if r.kind == "person"}
    return len(persons) + len(codes)


def _clause_participants(unit: Unit, idx: set[int], tok, reg: Registry, units_persons) -> list[ActorRef]:
    """The people named in the clause (not those reporting it), the people and states its
    pronoun and title subjects/objects stand for, and the states acting in it."""
    doc = unit.doc
    excluded = _reporters(unit, idx, tok)
    lo = min(doc[i].idx for i in idx) + unit.start
    hi = max(doc[i].idx + len(doc[i].text) for i in idx) + unit.start
    refs = _named_in_clause(unit, idx, reg, excluded, (lo, hi))
    refs += _nominal_participants(unit, idx, reg, units_persons)
    refs += [person_ref(reg, m) for i in sorted(idx) if (m := _delegation_leader(unit, doc[i])) is not None]
    refs += _owners(unit, tok, reg, units_persons)
    refs += _first_of_series(unit, idx, reg)
    refs += _acting_states(unit, idx, (lo, hi))
    return dedupe(refs)


def _reporters(unit: Unit, idx: set[int], tok) -> set[int]:
    """Char starts of the person mentions that report the event, not act in it ("X said ...",
    "according to X")."""
    doc = unit.doc
    excluded: set[int] = set()
    if _opening_participle(tok):
        return excluded  # "Meeting X on Monday, Y said ...": Y is the one who met X
    for v in speech_frames(doc):
        if v.i == tok.i or v.is_ancestor(tok) is False and v.i not in idx:
            continue
        if tok.head.i == v.i and tok.dep_ == "dobj":
            continue  # "put their signatures to": the verb acts on the trigger, it reports nothing
        if tok.is_ancestor(v):
            continue
        if tok.dep_ == "pobj" and tok.head.head.i == v.i and tok.head.lower_ in _AT_TALKS:
            continue  # "X said at talks in Moscow with Y": who speaks at the talks takes part in them
        for c in v.children:
            if c.dep_ == "nsubjpass" and (c.i == tok.i or c.is_ancestor(tok)):
                continue  # "Modi's meeting with Meloni is confirmed": what is told, not who tells it
            if c.dep_ in ("nsubj", "nsubjpass"):
                excluded.update(m.start for t in c.subtree if (m := person_at(unit, t)))
    for t in doc:
        if t.lower_ == "according":
            excluded.update(m.start for d in t.subtree if (m := person_at(unit, d)))
    return excluded


_OPENERS = {"after", "while", "when", "before", "upon", "on"}
_AT_TALKS = {"at", "during", "after", "before", "following"}


def _opening_participle(tok) -> bool:
    """ "Meeting X on Monday, Y asked ...", "After meeting X, Y said ...": the sentence opens
    with the meeting verb, whose subject is the main clause's (however the parser tags it)."""
    if tok.lower_ not in ("meeting", "talking") or tok.i > 1:
        return False
    return tok.i == 0 or tok.doc[0].lower_ in _OPENERS


def _named_in_clause(unit: Unit, idx: set[int], reg: Registry, excluded: set[int],
                     bounds: tuple[int, int]) -> list[ActorRef]:
    lo, hi = bounds
    refs: list[ActorRef] = []
    for m in unit.persons:
        if m.in_quote or m.start in excluded or not (lo <= m.start < hi):
            continue
        span = unit.doc.char_span(m.start - unit.start, m.end - unit.start, alignment_mode="expand")
        if span is None or not any(t.i in idx for t in span):
            continue
        if span.root.dep_ == "poss" and span.root.head.lemma_.lower() in TITLE_NOUNS:
            continue  # "Moon's special envoys met Kim": the envoys act, not the one who sent them
        refs.append(person_ref(reg, m))
    return refs


def _nominal_participants(unit: Unit, idx: set[int], reg: Registry, units_persons) -> list[ActorRef]:
    """Pronoun and title subjects/objects of the clause."""
    doc = unit.doc
    refs: list[ActorRef] = []
    for i in sorted(idx):
        c = doc[i]
        if c.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
            continue
        if c.dep_ == "pobj" and c.head.lower_ not in ("with", "between", "by", "and") and not (
                c.head.lower_ == "on" and c.head.head.lemma_.lower() == "call"):  # "a courtesy call on the prime minister"
            continue
        if (c.lower_ in PRONOUNS and c.lower_ not in ("his", "her")) or (
                c.lemma_.lower() in TITLE_NOUNS and person_at(unit, c) is None and c.tag_ != "NNS"):
            other = _met_by_others(unit, c, reg, units_persons)
            refs.extend([other] if other is not None else actor_of_token(unit, c, reg, units_persons))
        elif c.lemma_.lower() in TITLE_NOUNS | {"delegation", "government", "representative"} and c.tag_ == "NNS":
            # "the leaders of Mali, Niger and Chad signed", "met his counterparts from Slovakia and
            # Sweden", "talks with the Turkish and Spanish leaders": the states they stand for
            refs.extend(_states_in(unit, c))
    return refs


_OBJECT_PRONOUNS = {"him": "m", "her": "f"}


def _met_by_others(unit: Unit, c, reg: Registry, units_persons) -> ActorRef | None:
    """ "Premier A and Chairman B will also meet with him": "him" is none of the clause's named
    subjects, and in talks someone of another state than theirs: the nearest such person told
    in the sentence before it or in the four before (subjects first); None when there is no
    such subject or person (the usual reading then applies)."""
    if c.lower_ not in _OBJECT_PRONOUNS or c.dep_ not in ("dobj", "pobj"):
        return None
    verb = c.head if c.dep_ == "dobj" else c.head.head
    subjects = {m.start for x in verb.children if x.dep_ in ("nsubj", "nsubjpass")
                for t in x.subtree if (m := person_at(unit, t)) is not None}
    codes = {code for m in unit.persons if m.start in subjects and (code := reg.person(m).code)}
    if not codes:
        return None
    want, pos = _OBJECT_PRONOUNS[c.lower_], unit.start + c.idx
    groups = [[m for m in unit.persons if m.end <= pos]]
    groups += [units_persons.get(i, []) for i in range(unit.index - 1, max(-1, unit.index - 5), -1)]
    for ms in groups:
        for m in sorted((m for m in ms if not m.in_quote and m.start not in subjects), key=lambda m: (not m.is_subject, m.start)):
            p = reg.person(m)
            if p.code and p.code not in codes and (not p.gender or p.gender == want):
                return _as_person(p)
    return None


def _owners(unit: Unit, tok, reg: Registry, units_persons) -> list[ActorRef]:
    """ "his talks with X", "during her meeting with X", "his schedule included talks with X":
    whose talks a possessive pronoun says."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return []
    holders = [tok]
    if tok.dep_ == "dobj":
        holders += [c for c in tok.head.children if c.dep_ == "nsubj" and c.lemma_.lower() in ITINERARIES]
    return [r for h in holders for c in h.children if c.dep_ == "poss" and c.lower_ in ("his", "her")
            for r in actor_of_token(unit, c, reg, units_persons)]


def _first_of_series(unit: Unit, idx: set[int], reg: Registry) -> list[ActorRef]:
    """ "meetings with several leaders, starting with X": the one the series names."""
    out: list[ActorRef] = []
    for t in unit.doc:
        if t.dep_ == "advcl" and t.tag_ == "VBG" and t.lemma_.lower() in ("start", "begin") and t.head.i in idx \
                and any(c.dep_ == "prep" and c.lower_ == "with" for c in t.children):
            out.extend(person_ref(reg, m) for x in t.subtree if (m := person_at(unit, x)) is not None and not m.in_quote)
    return dedupe(out)


def _acting_states(unit: Unit, idx: set[int], bounds: tuple[int, int]) -> list[ActorRef]:
    """States acting (subjects, "with X", "between X and Y"), not places."""
    lo, hi = bounds
    in_clause = {unit.start + unit.doc[i].idx for i in idx}
    refs: list[ActorRef] = []
    for pl in unit.places:
        if pl.in_quote or pl.place is None:
            continue
        if pl.place.kind == "city" and not gz.is_capital(pl.surface):
            continue
        if pl.start not in in_clause and not lo <= pl.start < hi:
            continue
        root = _acting_root(unit, pl, idx)
        if root is None or not _acting_position(root):
            continue
        agency = _agency_of(unit, pl, root)
        if agency is not None:
            refs.append(agency)
            continue
        refs.append(ActorRef(pl.place.name, "organisation" if pl.place.is_org else "state", pl.place.code))
    return refs


def _agency_of(unit: Unit, pl: PlaceMention, root) -> ActorRef | None:
    """ "Saudi Arabia's Public Investment Fund signed ... with Indonesia's Danantara", "the
    Indonesia Investment Authority": a state's agency or company acts, for its state (by the
    name the text gives it after the state's)."""
    if pl.place is None or pl.place.kind not in ("country", "demonym") or root.pos_ not in ("PROPN", "NOUN") \
            or root.lemma_.lower() in TITLE_NOUNS or unit.span(root)[0] < pl.end:
        return None
    state = unit.doc.char_span(pl.start - unit.start, pl.end - unit.start, alignment_mode="expand")
    if state is None or not _agency_head(unit, root, state.root):
        return None
    # a country's own name opens the agency's ("the Qatar Investment Authority"); a possessive
    # or a demonym does not ("Indonesia's Danantara", "the Saudi Public Investment Fund")
    own = pl.place.kind == "country" and unit.text[pl.end - unit.start:pl.end - unit.start + 2] not in ("'s", "’s")
    name = unit.text[(pl.start if own else pl.end) - unit.start:unit.span(root)[1] - unit.start]
    name = re.sub(r"^(?:'s|’s)?\s+", "", name).strip()
    if not name or not name[0].isupper() or gz.lookup(name) is not None:
        return None
    return ActorRef(name, "organisation", pl.place.code)


def _acting_root(unit: Unit, pl: PlaceMention, idx: set[int]):
    """The token a state mention acts through, or None when it is a place or part of a title."""
    span = unit.doc.char_span(pl.start - unit.start, pl.end - unit.start, alignment_mode="expand")
    if span is None or span.root.i not in idx or pl.place is None:
        return None
    root = span.root
    if person_at(unit, root.head) is not None and root.head.i != root.i:
        return None  # "Russian President Putin": part of a person's title
    if root.dep_ in ("poss", "compound", "amod") and _agency_head(unit, root.head, root):
        return root.head  # "Indonesia's Danantara", "the Saudi Public Investment Fund"
    if pl.place.kind == "demonym":
        noun = _listed_under(root) if root.pos_ == "ADJ" else root.head
        if noun.lemma_.lower() not in TITLE_NOUNS | {"delegation", "government", "side", "team", "official"}:
            return None
        root = noun
        if person_at(unit, root) is not None:
            return None
    return root


def _agency_head(unit: Unit, head, state) -> bool:
    """A proper noun after the state's name that is no person, place or title, nor part of
    one ("Chilean Defence Minister"): the name of an agency or company ("Danantara", or "the
    Danantara sovereign fund")."""
    if head.dep_ == "compound" or head.i <= state.i:
        return False
    if head.pos_ == "NOUN" and head.lemma_.lower() not in TITLE_NOUNS:
        head = next((c for c in head.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"
                     and c.i > state.i), head)
    return head.pos_ == "PROPN" and head.text[:1].isupper() and head.ent_type_ in ("ORG", "FAC", "GPE", "") and head.lemma_.lower() not in TITLE_NOUNS \
        and person_at(unit, head) is None and getattr(place_at(unit, head), "place", None) is None


def _listed_people(unit: Unit, tok, reg: Registry) -> list[ActorRef]:
    """Everyone a subject lists ("A, his Indian counterpart B, Sri Lankan President C and D"),
    whatever the parser made of the commas; not the people of a clause inside it."""
    out = []
    # ("Prime Minister of Malaysia A, President of the Philippines B": the "of" belongs to a title
    # before a name, the parser hanging each next name on the one before)
    inner = {t.i for c in tok.subtree if c.dep_ in ("relcl", "acl", "prep") and c.i != tok.i
             and not _title_of(c) for t in c.subtree}
    for t in tok.subtree:
        if t.i in inner or t.dep_ == "poss":
            continue
        m = person_at(unit, t)
        if m is not None and not m.in_quote:
            p = reg.person(m)
            out.append(ActorRef(p.name, "person", p.code, p, resident="ambassador" in p.titles))
    return out


def _title_of(prep) -> bool:
    """ "of"/"for"/"in" after a capitalised title ("Minister of Malaysia", "Head of the Office")."""
    head = prep.head
    return (prep.dep_ == "prep" and prep.lower_ in ("of", "for", "in") and head.lemma_.lower() in TITLE_NOUNS
            and head.text[:1].isupper())


def included_people(unit: Unit, tok, reg: Registry) -> list[ActorRef]:
    """The people a plural noun lists as its examples ("leaders including A", "other leaders
    such as A and B", "ministers like A"): they, not the group, are who acts."""
    if tok.tag_ not in ("NNS", "NNPS"):
        # "Most of the officials, including A and B", "Several of the leaders such as A": the group counted
        return next((included_people(unit, x, reg) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                     for x in c.children if x.dep_ == "pobj" and x.tag_ in ("NNS", "NNPS")), [])
    out: list[ActorRef] = []
    # "the leaders of 14 countries, such as A and B": the parser hangs the examples on the countries
    owners = [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
              for x in c.children if x.dep_ == "pobj" and x.tag_ in ("NNS", "NNPS")]
    for c in [c for t in (tok, *owners) for c in t.children]:
        such_as = c.lower_ == "as" and c.i > 0 and tok.doc[c.i - 1].lower_ == "such"
        if c.lower_ in ("including", "like") or such_as:
            out.extend(person_ref(reg, m) for t in c.subtree if (m := person_at(unit, t)) is not None and not m.in_quote)
    return [r for r in dedupe(out) if not r.resident]


def _states_in(unit: Unit, tok) -> list[ActorRef]:
    out = []
    for t in tok.subtree:
        if t.dep_ in ("relcl", "acl"):
            break
        pl = place_at(unit, t)
        if pl is None or pl.in_quote or pl.place is None or pl.place.kind not in ("country", "demonym", "org"):
            continue
        if pl.place.kind == "demonym" and _listed_under(t).i != tok.i:
            continue
        kind = "organisation" if pl.place.is_org else "state"
        out.append(ActorRef(pl.place.name, kind, pl.place.code))
    return out


def _listed_under(t):
    """What a listed modifier qualifies: "Finnish" in "his Slovak, Swedish and Finnish
    counterparts" hangs on "Swedish" as its conjunct; the list's first item on the noun."""
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.head


def _acting_position(root) -> bool:
    t = root
    while t.dep_ in ("conj", "appos", "compound") and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("nsubj", "nsubjpass"):
        return True
    if t.dep_ == "pobj" and t.head.lower_ in ("with", "between", "by", "among"):
        return True
    if t.dep_ == "dobj" and t.head.lemma_.lower() in ("meet", "host", "receive"):
        return True
    if t.dep_ == "dobj" and t.head.lemma_.lower() in _LISTING and t.head.dep_ == "relcl" and _acting_position(t.head.head):
        return True  # "with his counterparts that included Iran and Turkey": those the counterparts include
    return t.dep_ == "poss" and t.head.lemma_.lower() in TITLE_NOUNS | {"delegation", "government"}


def dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    seen: dict[str, ActorRef] = {}
    for r in refs:
        seen.setdefault(r.key, r)
    return list(seen.values())


HOST_VERBS = TRIGGER_CLASSES["host_verbs"] | WELCOME_LEMMAS


def visitors(unit: Unit, tok, reg: Registry, units_persons) -> list[ActorRef]:
    """Who travels: the possessor or "by" agent of a visit noun, the guest of a host verb
    ("X hosted Y ... during her visit"), else the clause subject."""
    main_subject = _main_subject(unit, reg, units_persons)
    special = _carried_or_described(unit, tok, reg, units_persons)
    if special is not None:
        return special
    if tok.pos_ in ("NOUN", "PROPN"):
        r = _visit_noun_visitors(unit, tok, reg, units_persons, main_subject)
        if r:
            return r
    sub = subject_of(tok)
    if sub is None and tok.pos_ == "VERB":
        # "President X heads to Rwanda" parsed with the name as the verb's compound
        sub = next((c for c in tok.children if c.dep_ in ("compound", "npadvmod") and c.i < tok.i
                    and person_at(unit, c) is not None), None)
    if sub is not None and person_at(unit, sub) is None and sub.lemma_.lower() in TITLE_NOUNS:
        # "The secretary-general of the UN, Antonio Guterres arrived": the parser gives the verb two
        # subjects, the title and the name
        sub = next((c for c in sub.head.children if c.dep_ == sub.dep_ and c.i != sub.i
                    and person_at(unit, c) is not None), sub)
    if sub is not None:
        r = _subject_visitors(unit, tok, sub, reg, units_persons)
        if r or sub.lemma_.lower() in VEHICLES:
            return r  # (a vehicle's passengers, not whoever reports its landing)
    # fall back: the sentence's subject, else its only person
    if main_subject is not None:
        return [main_subject]
    persons = [m for m in unit.persons if not m.in_quote]
    if len({reg.person(m).name for m in persons}) == 1:
        return [person_ref(reg, persons[0])]
    return []


def _carried_or_described(unit: Unit, tok, reg: Registry, units_persons) -> list[ActorRef] | None:
    """The visitor a word names itself: "received visiting Ethiopian Prime Minister X" (X), "took
    him to Kabul" (him); None when it names none."""
    if tok.dep_ == "amod" and tok.lower_ == "visiting":
        t = tok.head
        while person_at(unit, t) is None and t.dep_ == "compound" and t.head.i != t.i:
            t = t.head
        return actor_of_token(unit, t, reg, units_persons)
    if attends(tok) and tok.tag_ == "VBN":  # "the summit was attended by A, B and C"
        agents = [x for c in tok.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
        if agents:
            return [r for x in agents for r in dedupe(actor_of_token(unit, x, reg, units_persons)
                                                      + _listed_people(unit, x, reg))]
    if tok.lemma_ == "take":
        for c in tok.children:
            if c.dep_ == "dobj" and (r := actor_of_token(unit, c, reg, units_persons)):
                return r
    return None


def _carried(unit: Unit, vehicle, reg: Registry, units_persons) -> list[ActorRef]:
    """Who a vehicle carries: "the plane carrying A and B", "A's aircraft", "his jet", "the
    presidential jet" (the president the article names)."""
    out: list[ActorRef] = []
    for c in vehicle.children:
        if c.dep_ == "poss":
            out.extend(actor_of_token(unit, c, reg, units_persons))
        elif c.dep_ == "acl" and c.lemma_.lower() in ("carry", "bear", "bring", "transport", "fly"):
            for x in c.children:
                if x.dep_ == "dobj":
                    out.extend(actor_of_token(unit, x, reg, units_persons))
                    out.extend(_listed_people(unit, x, reg))
        elif c.dep_ == "prep" and c.lower_ in ("of", "with"):
            for x in c.children:
                if x.dep_ == "pobj":
                    out.extend(actor_of_token(unit, x, reg, units_persons))
        elif c.dep_ == "amod" and c.lower_ in ("presidential", "royal"):
            p = reg.resolve_nominal(unit.start + vehicle.idx, "president" if c.lower_ == "presidential" else "king", None)
            if p is not None:
                out.append(_as_person(p))
    return [r for r in dedupe(out) if r.kind == "person"]


def _main_subject(unit: Unit, reg: Registry, units_persons) -> ActorRef | None:
    """The person the sentence's root verb has as subject (a name, not a pronoun)."""
    root = [t for t in unit.doc if t.dep_ == "ROOT"]
    if root:
        s = [c for c in root[0].children if c.dep_ in ("nsubj", "nsubjpass")]
        if s and s[0].lower_ not in PRONOUNS:
            refs = actor_of_token(unit, s[0], reg, units_persons)
            return refs[0] if refs and refs[0].kind == "person" else None
    return None


def _guest_of(unit: Unit, verb, reg: Registry, units_persons) -> list[ActorRef]:
    guests = [x for x in verb.children if x.dep_ == "dobj"]
    return actor_of_token(unit, guests[0], reg, units_persons) if guests else []


def _visit_noun_visitors(unit: Unit, tok, reg: Registry, units_persons, main_subject) -> list[ActorRef]:
    """ "her visit" (the guest when a host verb governs it), "the visit by X", "the Modi visit"."""
    for c in tok.children:
        if c.dep_ == "poss":
            verb = clause_head(tok)
            if c.lower_ in ("his", "her") and verb.lemma_.lower() in HOST_VERBS:
                r = _guest_of(unit, verb, reg, units_persons)
                if r:
                    return r
            r = actor_of_token(unit, c, reg, units_persons, subject_person=main_subject)
            if r:
                return r
        if c.dep_ == "prep" and c.lower_ == "by":
            for x in c.children:
                if x.dep_ == "pobj" and (r := actor_of_token(unit, x, reg, units_persons)):
                    return r
        if c.dep_ in ("compound", "amod") and person_at(unit, c):
            return actor_of_token(unit, c, reg, units_persons)
    return []


def _subject_visitors(unit: Unit, tok, sub, reg: Registry, units_persons) -> list[ActorRef]:
    """The guest of a host verb over a visit noun, the people a vehicle carries, else the subject
    and everyone it lists."""
    if sub.lemma_.lower() in VEHICLES:
        return _carried(unit, sub, reg, units_persons)
    included = included_people(unit, sub, reg)
    if included:
        return included
    verb = sub.head
    if verb.lemma_.lower() in HOST_VERBS and tok.pos_ == "NOUN":
        r = _guest_of(unit, verb, reg, units_persons)
        if r:
            return r
    r = actor_of_token(unit, sub, reg, units_persons)
    return dedupe(r + _listed_people(unit, sub, reg)) if r else []


def event_place(unit: Unit, tok=None, idx: set[int] | None = None) -> tuple[str | None, str | None, str | None]:
    """(city, country code, country/org name) where the sentence places its event: the
    "in/at" place nearest the trigger, preferring one inside the trigger's clause."""
    cands = []
    where_head = _where_head(tok)
    topic = _topic_tokens(tok)
    for p in unit.places:
        if p.in_quote or unit.text[p.end - unit.start:p.end - unit.start + 2] in ("'s", "’s"):
            continue  # "Seoul's presidential office": a government, not where the event is
        before = unit.text[: p.start - unit.start]
        span = None
        if unit.doc is not None:
            span = unit.doc.char_span(p.start - unit.start, p.end - unit.start, alignment_mode="expand")
        is_where = where_head is not None and span is not None and span.root.i == where_head.i
        if not PLACE_PREP.search(before) and not is_where:
            continue
        if span is not None and (_not_where(span.root, before, topic, p.place is not None and p.place.kind not in ("city", "seat"))
                                 or _in_a_topic(span.root, tok)):
            continue
        if span is not None and tok is not None and _journey_after(span.root, tok):
            continue
        if p.place is not None and p.place.kind not in ("city", "country", "seat"):
            continue
        inside = True
        if idx is not None and span is not None:
            inside = span.root.i in idx or is_where
        if idx is not None and span is None:
            inside = False
        if not inside:
            continue
        dist = abs(p.start - (unit.start + tok.idx)) if tok is not None else p.start
        cands.append((not is_where, p.place is not None and p.place.kind == "country", dist, p))
    if not cands:
        return None, None, None
    cands.sort(key=lambda c: c[:3])
    return _resolved_place(unit, cands[0][3], [c[3] for c in cands])


def _journey_after(root, tok) -> bool:
    """ "is expected to meet X before flying to a summit in Myanmar", "met Kim at the DMZ after
    leaving Osaka": the place of a journey before or after the event, not where the event is."""
    for a in root.ancestors:
        if a.i == tok.i:
            return False
        if a.lemma_.lower() in DEPART_LEMMAS and a.pos_ == "VERB":
            return True
        if a.lemma_.lower() in TRAVEL_LEMMAS and (
                a.dep_ == "pcomp" and a.head.lower_ == "before" or any(c.dep_ == "mark" and c.lower_ == "before" for c in a.children)):
            return True
    return False


def _not_where(root, before: str, topic: set[int], state: bool = True) -> bool:
    """A place named as something else than where the event is."""
    if not PLACE_PREP.search(before[-40:].split(",")[-1] if "," in before[-3:] else before) \
            and any(a.dep_ in ("nsubj", "nsubjpass") for a in [root, *root.ancestors]):
        return True  # "the leaders of Chad, Sudan and Libya": a list in the subject, not "City, Country"
    # "exchanged views on the region, including the situation in Myanmar": what, not where;
    # "met his counterparts from Slovakia, Sweden and Finland": whom, not where
    return root.i in topic or _whose_state(root, state)


_TOPIC_VERBS = TRIGGER_CLASSES["discussion_verbs"] | TRIGGER_CLASSES["view_exchanges"]


def _topic_tokens(tok) -> set[int]:
    """What a discussion is about: the object of "discussed" or "exchanged views on", the
    "on"/"about" phrase of "talked"; of the verb the trigger hangs on when it is a noun ("will
    discuss the situation in Ukraine in their summit")."""
    if tok is None:
        return set()
    about = _about_tokens(tok)
    verb = tok if tok.pos_ == "VERB" else next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
    if verb is None or verb.lemma_.lower() not in _TOPIC_VERBS:
        return about
    heads = [c for c in verb.children if c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in ("on", "about", "over")]
    heads += [x for c in verb.children if c.dep_ == "dobj" for x in c.children if x.dep_ == "prep" and x.lower_ in ("on", "about")]
    topic = {t.i for h in heads for t in h.subtree}
    return about | (topic if verb is tok else topic - {t.i for t in tok.subtree})


_ABOUT = {"regarding", "concerning", "about"}
_ABOUT_OR_OVER = frozenset(_ABOUT | {"over"})


def _in_a_topic(root, tok) -> bool:
    """A place inside what is talked about, below the trigger's own words: "welcome consultations
    by A and B over a political transition in Syria", "met on Tuesday, spending an hour discussing
    the war in Syria" (not "talks over dinner in Paris", nor "over two days")."""
    for a in root.ancestors:
        if tok is not None and a.i == tok.i:
            return False
        if a.dep_ == "dobj" and a.head.pos_ == "VERB" and a.head.lemma_.lower() in _TOPIC_VERBS:
            return True
        if a.dep_ == "pobj" and a.head.lower_ in _ABOUT_OR_OVER and a.ent_type_ not in ("DATE", "TIME") \
                and a.lemma_.lower() not in GATHERINGS:
            return True
    return False
SIGNING_LEMMAS = TRIGGER_CLASSES["signing_verbs"] | TRIGGER_CLASSES["concluding_verbs"]


def _about_tokens(tok) -> set[int]:
    """What the event or its document is about: "the signing of an agreement regarding land for
    the consulate in Guangzhou", "talks about the port in Mombasa"."""
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj"),
             *(o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj")]
    about = {t.i for h in heads for p in h.children if p.dep_ in ("prep", "acl") and p.lower_ in _ABOUT
             for t in p.subtree}
    if tok.lemma_.lower() in SIGNING_LEMMAS:  # what a document is for: "agreements worth $43 billion to
        # explore gas in Alaska", "signed on areas ranging from railways to a yoga college in Kunming"
        things = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        things += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "on" for o in p.children if o.dep_ == "pobj"]
        about |= {t.i for h in things for v in h.subtree if v.dep_ in ("acl", "xcomp") and v.pos_ == "VERB"
                  and v.i != tok.i for t in v.subtree}
    return about


def _whose_state(t, state: bool = True) -> bool:
    """A state named as whom people act for or whom they meet: "his counterparts from Slovakia,
    Sweden and Finland", "the ministers of Chad and Niger", "UAE Minister of Foreign Affairs",
    "bilateral meetings with the UK, Japan and Italy"."""
    while t.dep_ in ("conj", "appos") and t.head.i != t.i:  # (the parser may hang a list item as an apposition)
        t = t.head
    if t.dep_ == "compound" and t.head.lemma_.lower() in TITLE_NOUNS:
        return True
    if state and t.dep_ == "pobj" and t.head.lower_ in ("with", "between"):
        return True
    return t.dep_ == "pobj" and t.head.lower_ in ("from", "of") and t.head.head.lemma_.lower() in TITLE_NOUNS


def _where_head(tok):
    """ "Samarkand, where he will meet X": the relative clause's head noun is the place."""
    head = clause_head(tok) if tok is not None else None
    has_where = False
    while head is not None:
        has_where = has_where or any(c.lower_ == "where" for c in head.children)
        if head.dep_ not in ("xcomp", "conj") or head.head.i == head.i:
            break
        head = head.head  # "where she is expected to hold talks"
    if head is not None and head.dep_ == "relcl" and has_where:
        noun = head.head
        if noun.ent_type_ in ("DATE", "TIME") and noun.dep_ == "pobj" and noun.head.head.i != noun.head.i:
            # "travel to Germany on Wednesday, where she will meet X": the place the journey goes to
            verb = noun.head.head
            return next((o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "in", "at")
                         for o in p.children if o.dep_ == "pobj"), noun)
        return noun
    return None


def _resolved_place(unit: Unit, p: PlaceMention, cands: list[PlaceMention]) -> tuple[str | None, str | None, str | None]:
    """(city, code, name) of the chosen place mention; a country yields to a city of it named
    in the same sentence; an unknown city takes the country named right after it."""
    if p.place is not None and p.place.kind == "seat":
        return gz.SEAT_CITY.get(gz.fold(p.surface).removeprefix("the ")), p.place.code, p.place.name
    if p.place is not None and p.place.kind == "country":
        # a city in the same sentence inside that country is more precise
        for q in cands:
            if q.place is not None and q.place.kind == "city" and q.place.code == p.place.code:
                return q.surface, q.place.code, q.place.name
        return None, p.place.code, p.place.name
    if p.place is not None:
        return p.surface, p.place.code, p.place.name
    after = unit.text[p.end - unit.start:p.end - unit.start + 40]
    m = re.match(r",\s+([A-Z][\w ]+)", after)
    if m:
        pl = gz.lookup(m.group(1).strip())
        if pl is not None and pl.kind == "country":
            return p.surface, pl.code, pl.name
    return p.surface, None, None


# What may stand between two places of one list: "Oman on Monday, the UAE on Tuesday and Qatar"
_LIST_GAP = re.compile(r"^(?:\s+(?:on|in)\s+(?:the\s+)?[\w\-]+(?:\s+\d{1,2})?)?\s*(?:,|,?\s+and|,?\s+then)\s+(?:(?:the|then|finally)\s+)*$")


def _listed_places(unit: Unit, found: list[tuple[str | None, str | None, str | None]]):
    """The places listed after a destination ("visits to Oman on Monday, the UAE on Tuesday,
    Qatar on Wednesday and Bahrain on Thursday"): each is a destination of the tour, whatever
    the parser made of the list."""
    codes = {c for _city, c, _n in found if c}
    places = [p for p in unit.places if not p.in_quote and p.place is not None
              and p.place.kind in ("country", "city")]
    out = []
    for k, p in enumerate(places):
        if p.place is None or p.place.code not in codes:
            continue
        for q in places[k + 1:]:
            prev = places[places.index(q) - 1]
            if q.place is None or not _LIST_GAP.match(unit.text[prev.end - unit.start:q.start - unit.start]):
                break
            out.append((q.surface if q.place.kind == "city" else None, q.place.code, q.place.name))
        break
    return out


Place3 = tuple[str | None, str | None, str | None]  # (city, country code, country/org name)




def _venue_of(unit: Unit, t) -> Place3 | None:
    """ "to the African Union-European Union Summit, which takes place in Abidjan": the city a
    gathering is held in, not the organisation its name carries."""
    if t.lemma_.lower() not in GATHERINGS:
        return None
    for x in t.subtree:
        if x.dep_ == "pobj" and x.head.lower_ in ("in", "at") and x.head.head.i != x.i and (
                x.head.head.i == t.i or x.head.head.dep_ in ("relcl", "acl")):
            found = place_of_phrase(unit, x)
            if found is not None and found[1]:
                return found
    return None


def _attended_venues(tok) -> list:
    """Only the venue of what is attended: "attend the summit in Washington", "the summit in
    Washington, which he will attend", "participated in the forum in Doha", "the summit in
    Cairo, attended by X", "the inauguration of the new president in Dakar", "a session of the
    conference, organised in Geneva"."""
    led = tok.lemma_.lower() in TRIGGER_CLASSES["delegation_leading"] | TRIGGER_CLASSES["representing"]
    events = [] if led else [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() != "part"]
    out: list = []
    for x in sent_to(tok):  # "participated in the forum", "led the delegation to the summit / to Moscow"
        if x.lemma_.lower() in GATHERINGS:
            events.append(x)
        elif led:
            out.append(x)
    t = tok
    while t.dep_ in ("xcomp", "acomp", "relcl", "acl", "advcl") and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl"):
            events.append(t.head)
            break
        if t.dep_ == "advcl":  # "hosted the summit in Cairo, attended by X": what the host verb has
            if any(c.dep_ == "agent" for c in t.children):
                events.extend(c for c in t.head.children if c.dep_ == "dobj")
            break
        t = t.head
    for e in _occasions(events):
        out.extend(y for x in e.children if x.dep_ == "prep" and x.lower_ in ("in", "at")
                   for y in x.children if y.dep_ == "pobj")
        if e.lemma_.lower() in GATHERINGS:  # "the conference, organised in Geneva"
            out.extend(y for v in e.children if v.dep_ == "acl" and v.tag_ == "VBN" for x in v.children
                       if x.dep_ == "prep" and x.lower_ in ("in", "at") for y in x.children if y.dep_ == "pobj")
    return out


def _occasions(events: list) -> list:
    """What is attended and the gathering its "of" phrases name ("the first session of the
    committee for the World Conference"): a "for" phrase only into a gathering."""
    out: list = []
    todo = list(events)
    while todo and len(out) < 8:
        e = todo.pop(0)
        out.append(e)
        for c in e.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "for"):
                todo.extend(x for x in c.children if x.dep_ == "pobj" and x.pos_ in ("NOUN", "PROPN")
                            and (c.lower_ == "of" or x.lemma_.lower() in GATHERINGS))
    return out


def _next_leg(tok) -> list:
    """ "... and from there to Beijing": the next leg, wherever the parser attached it."""
    doc = tok.doc
    out: list = []
    for t in doc[tok.i + 1:]:
        if t.lower_ == "on" and t.head.i == tok.i and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            out.extend(y for y in doc[t.i + 1].children if y.dep_ == "pobj")  # "..., then on to Brasilia"
        if t.lower_ == "there" and t.i >= 1 and doc[t.i - 1].lower_ == "from":
            for x in doc[t.i + 1:t.i + 4]:
                if x.lower_ == "to":
                    out.extend(y for y in x.children if y.dep_ == "pobj")
                    break
    return out


def place_of_phrase(unit: Unit, t) -> Place3 | None:
    """The place a destination phrase names: a city (with its country), a country, an
    organisation or a seat of government; an unknown place by its surface."""
    found: Place3 | None = None
    for x in [t, *[y for y in t.children if y.dep_ in ("appos", "compound")]]:
        pl = place_at(unit, x)
        if pl is None or pl.in_quote:
            continue
        if pl.place is None:
            if found is None:
                found = (pl.surface, None, None)
        elif pl.place.kind == "city":
            found = (pl.surface, pl.place.code, pl.place.name)
        elif pl.place.kind in ("country", "org", "seat"):
            if found is not None and found[1] is None and found[0]:
                found = (found[0], pl.place.code, pl.place.name)
            elif found is None:
                city = gz.SEAT_CITY.get(gz.fold(pl.surface).removeprefix("the ")) if pl.place.kind == "seat" else None
                found = (city, pl.place.code, pl.place.name)
        if found and found[1]:
            break
    return found


def _destination_phrases(unit: Unit, tok) -> list:
    """The tokens that may name where the trigger goes: its objects and "to/in/at" phrases,
    "for" after a departure ("departs Abuja for Accra": Abuja is left), the place compounds of a
    trip noun, the venue of what is attended, and the next leg."""
    if attends(tok):
        cands = _attended_venues(tok)
        return cands + _next_leg(tok) if cands else []
    cands = []
    departs = tok.lemma_.lower() in ("depart", "leave")
    for c in tok.children:
        if c.dep_ in ("dobj", "pobj", "npadvmod", "attr") and not departs:
            cands.append(c)
        if c.dep_ in ("compound", "nmod") and tok.pos_ == "NOUN" and c.i < tok.i and place_at(unit, c) is not None \
                and tok.lemma_.lower() not in GATHERINGS:
            cands.append(c)  # "the Moscow trip", "after a Japan, Brazil tour"
        if c.dep_ == "prep" and c.lower_ in (("for", "to") if departs else ("to", "in", "at", "of", "into")):
            cands.extend(x for x in c.children if x.dep_ == "pobj")
        if departs and (x := for_place_subject(c)) is not None:
            cands.append(x)
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("make", "have"):
        cands.extend(x for c in tok.head.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
                     for x in c.children if x.dep_ == "pobj")  # "will make stops in Israel and Italy"
    return cands + _next_leg(tok)


def _site_of(unit: Unit, tok):
    """ "a visit to a war memorial", "toured a factory": the site seen (a common noun, not a
    place, a person or a gathering), or None."""
    for c in tok.children:
        objs = [c] if c.dep_ == "dobj" else [x for x in c.children if x.dep_ == "pobj"] if (
            c.dep_ == "prep" and c.lower_ == "to") else []
        for x in objs:
            if x.pos_ == "NOUN" and x.lemma_.lower() not in PLACE_NOUNS and place_at(unit, x) is None \
                    and person_at(unit, x) is None and x.lemma_.lower() not in GATHERINGS:
                return x
    return None


def _site_places(unit: Unit, site) -> list[Place3]:
    """Where a site is: its own "in/at" phrase ("a factory in Shenzhen"), not a place its
    description names ("a memorial to soldiers killed in Korea")."""
    out: list[Place3] = []
    for c in site.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "near"):
            out.extend(p for x in c.children if x.dep_ == "pobj" and (p := place_of_phrase(unit, x)) is not None)
    return out


PLACE_NOUNS = gz.PLACE_NOUNS


def visit_destinations(unit: Unit, tok, idx: set[int] | None = None) -> list[tuple[str | None, str | None, str | None]]:
    """[(city, country code, country/org name)] the visit goes to; several for "to X and Y"."""
    cands = _destination_phrases(unit, tok)
    if not cands and attends(tok):
        return []
    out: list[Place3] = []
    for c in cands:
        for t in [c, *c.conjuncts]:
            found = _venue_of(unit, t) or place_of_phrase(unit, t)
            if found is not None:
                # "Ottawa, Canada": the country named right after an unknown city
                if found[1] is None:
                    city, code, name = event_place(unit, tok, idx)
                    if city is None or city == found[0]:  # (not the next city of a list: "to X, Maputo and Y")
                        found = (found[0], code, name)
                out.append(found)
    out.extend(_listed_places(unit, out))
    out = list(dict.fromkeys(out))
    site = _site_of(unit, tok) if not out else None
    if site is not None:
        out = _site_places(unit, site)
    elif not out:
        city, code, name = event_place(unit, tok, idx)
        if city or code:
            out.append((city, code, name))
    return out
