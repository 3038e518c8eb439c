"""What the coder knows about one article while coding it (`ArticleContext`), and the passes
that fill it in, in order: units (the analysed sentences), persons, places, subjects.

Each pass reads what the earlier ones wrote and adds one kind of annotation, the way a
spaCy pipeline's components each set their own attributes on a Doc.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.extract import gazetteer as gz
from pipeline.extract.actors import (
    Mention,
    Registry,
    appositive_mentions,
    context_code,
    dictionary_mentions,
    find_places,
    gender_from_title,
    kin_mentions,
    left_title_run,
    looks_like_name,
    strip_title,
    title_mentions,
    title_role_words,
)
from pipeline.extract.dates import MONTHS as _MONTHS
from pipeline.extract.prepare import Prepared
from pipeline.extract.vocabulary import (
    DOMESTIC_TITLE_RE,
    HEADLINE_VERBS,
    HONORIFIC_RE,
    HONORIFIC_WORDS,
    LOCAL_OFFICES,
    NAMED_AFTER_RE,
    NOT_NAME_WORDS,
    ORGANISATION_LINK_AFTER_RE,
    ORGANISATION_RUN_RE,
    PARTICLES,
    STOP_NAME_WORDS,
    TITLE_NOUNS,
    TITLE_WORDS,
    TRIGGER_CLASSES,
)

if TYPE_CHECKING:
    from pipeline.extract.consolidate import EventMention
    from pipeline.extract.institutions import Institution


@dataclass
class PlaceMention:
    start: int
    end: int
    surface: str
    place: gz.Place | None  # None: a place the gazetteer doesn't know (an unlisted city)
    in_quote: bool = False


@dataclass
class Unit:
    """One analysed sentence and what was found in it."""

    index: int
    start: int
    end: int
    text: str
    masked: str  # the text with quotations blanked
    para: int
    doc: Any = None  # the spaCy Doc, for parsed (candidate) sentences
    persons: list[Mention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)

    def span(self, tok) -> tuple[int, int]:
        return self.start + tok.idx, self.start + tok.idx + len(tok.text)


@dataclass
class ArticleContext:
    prep: Prepared
    published: dt.date | None
    units: list[Unit] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    registry: Registry = field(default_factory=lambda: Registry([]))
    events: list[EventMention] = field(default_factory=list)  # event mentions found so far, in order
    institutions: list[Institution] = field(default_factory=list)  # named by the text (statements read them)
    _unit_starts: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.prep.text

    @property
    def dateline_end(self) -> int:
        dl = self.prep.dateline  # (one under a headline is cut off its sentence; the headline stays)
        return dl.end if dl and dl.start == 0 else 0

    @property
    def units_persons(self) -> dict[int, list[Mention]]:
        return {u.index: u.persons for u in self.units}

    def parsed_units(self) -> list[Unit]:
        return [u for u in self.units if u.doc is not None]

    def unit_at(self, pos: int) -> Unit | None:
        """The unit holding text offset `pos`."""
        i = bisect.bisect_right(self._unit_starts, pos) - 1
        if i >= 0 and self.units[i].start <= pos < self.units[i].end:
            return self.units[i]
        return None

    def in_quote(self, start: int, end: int) -> bool:
        return self.prep.quote_index.inside(start, end)


# --- pass 1: units ----------------------------------------------------------------------------


def units_pass(ctx: ArticleContext, parsed: dict[int, Any]) -> None:
    """One unit per sentence, with its quotation-masked text and its parse (if parsed)."""
    index = ctx.prep.quote_index
    ctx.units = [Unit(i, s.start, s.end, s.text, index.mask(s.text, s.start), s.para, parsed.get(i))
                 for i, s in enumerate(ctx.prep.sentences)]
    ctx._unit_starts = [u.start for u in ctx.units]


# --- pass 2: persons ------------------------------------------------------------------------------


def persons_pass(ctx: ArticleContext) -> None:
    """Person mentions (NER, titles, appositions, the actor dictionary, then short forms of the
    names found), annotated with quote, gender, titles and country; grouped by person."""
    text, units = ctx.text, ctx.units
    found = _non_overlapping([m for u in units for m in _names_in(text, u)])
    found = _non_overlapping(found + _short_forms(text, units, found))
    found = [m for m in found if not NAMED_AFTER_RE.match(text, m.end)]  # "the Gandhi statue"
    for m in found:
        _annotate(ctx, m)
    known: dict[str, str] = {}
    home = ctx.prep.dateline.code if ctx.prep.dateline else None
    city = ctx.prep.dateline.city if ctx.prep.dateline else None
    for m in found:
        m.code = (context_code(text, m.start, m.end, known) or represented_code(text, m.start, m.end)
                  or (home if _domestic_office(text, m, ctx.units[m.unit].start, city) else None))
        if m.code:
            for t in m.text.split():
                known.setdefault(gz.fold(t), m.code)
    for m in found:
        units[m.unit].persons.append(m)
    ctx.mentions = found
    ctx.registry = Registry(found)


def _names_in(text: str, u: Unit) -> list[Mention]:
    found: list[Mention] = []
    if u.doc is not None:
        for ent in u.doc.ents:
            if ent.label_ != "PERSON":
                continue
            if ORGANISATION_LINK_AFTER_RE.match(u.text, ent.end_char):
                continue  # "Pakistan Tehreek" of "Pakistan Tehreek-e-Insaf": a party, no person
            name = strip_title(ent.text)
            org = ORGANISATION_RUN_RE.match(name)
            if org:  # "Pakistan Tehreek-e-Insaf Imran Khan": the party, then the person
                name = strip_title(name[org.end():])
            name = name[_place_of_prefix(u.text[:ent.start_char + max(ent.text.find(name), 0)], name):]
            if not name or not looks_like_name(name):
                continue
            if all(w.lower() in TITLE_WORDS or (p := gz.lookup(w)) is not None and p.kind == "demonym"
                   for w in name.split()):
                continue  # "Qatari Emir" cut off "Qatari Emir Hamad Saleh": a title, whose name comes next
            if _PLACE_OF.search(u.text, 0, ent.start_char):
                continue  # "the truce village of Panmunjom": a place the tagger took for a person
            s0 = u.start + ent.start_char + max(ent.text.find(name), 0)
            cut = _honorific_rest(text, s0, name, u.start)
            s0, name = s0 + cut, name[cut:]
            s, e = s0 if cut else _name_start(text, s0, u.start), s0 + len(name)
            found.append(Mention(s, e, text[s:e], "person", u.index, source="ner"))
    found.extend(title_mentions(text, u.start, u.end, u.index))
    found.extend(appositive_mentions(text, u.start, u.end, u.index))
    found.extend(kin_mentions(text, u.start, u.end, u.index))
    found.extend(dictionary_mentions(text, u.start, u.end, u.index))
    return found


# "President of Bolivia | Alvaro Garcia", "Secretary General of the United | Nations Antonio Guterres":
# a title's "of" and the place's first words, right before a name the tagger began with the place
_OF_PLACE_BEFORE = re.compile(r"\b(?:of|for|to|in)\s+(?:the\s+)?((?:[A-Z][\w'’\-]*\s+){0,2})$")


def _place_of_prefix(before: str, name: str) -> int:
    """How much of a tagged name's start is the place of the title before it ("President of
    Bolivia Alvaro Garcia" tagged "Bolivia Alvaro Garcia"): 0 when none. Two name words must
    remain ("Minister of State Israel Katz" keeps "Israel Katz")."""
    m = _OF_PLACE_BEFORE.search(before, max(0, len(before) - 60))
    if m is None:
        return 0
    words, lead = name.split(), m.group(1).split()
    for k in (3, 2, 1):
        if k <= len(words) - 2 and (p := gz.lookup(" ".join(lead + words[:k]))) is not None \
                and p.kind in ("country", "org", "city"):
            return len(" ".join(words[:k])) + 1
    return 0


def _honorific_rest(text: str, s: int, name: str, floor: int) -> int:
    """How much of a name's start is the rest of a form of address whose first word the tagger
    left out ("Tan | Sri Mohd Zuki Ali", "Datuk | Seri Anwar Ibrahim"): 0 when none."""
    m = _WORD_BEFORE.search(text, max(floor, s - 30), s)
    if m is None:
        return 0
    joined = f"{m.group(1)} {name}"
    h = HONORIFIC_RE.match(joined)
    if h is None or h.end() <= len(m.group(1)) + 1 or len(joined[h.end():].split()) < 2:
        return 0
    return h.end() - len(m.group(1)) - 1


def _domestic_office(text: str, m: Mention, floor: int, dateline_city: str | None = None) -> bool:
    """The title right before the name is an office held at home ("Interior Cabinet Secretary",
    "Police spokesperson", "Governor")."""
    words = left_title_run(text, m.start)
    phrase = " ".join(words)
    return bool(words) and text.rfind(phrase, floor, m.start) >= 0 and DOMESTIC_TITLE_RE.search(phrase) is not None \
        and not _another_places_office(words, dateline_city)


def _another_places_office(words: list[str], dateline_city: str | None) -> bool:
    """ "Denver Mayor Laura Whitfield" in copy datelined DAEGU: the office of a place named
    before it, not the dateline's city ("Daegu Mayor Park Jin-ho" stays Korean)."""
    if len(words) < 2 or not dateline_city or words[-1].lower() not in LOCAL_OFFICES:
        return False
    place = words[-2]
    return place[:1].isupper() and place.lower() not in TITLE_WORDS and gz.lookup(place) is None \
        and gz.fold(place) != gz.fold(dateline_city)


_PLACE_OF = re.compile(
    r"\b(?:village|town|city|province|county|district|region|port|island|islands|capital|state|municipality"
    r"|resort|enclave|oblast|prefecture)\s+of\s+$", re.I)
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+)[ \t]$")


def _name_start(text: str, s: int, floor: int) -> int:
    """Where a name starts when the tagger cut off its first word ("(KPA) Choe Ryong Hae" tagged
    as "Ryong Hae"): one capitalised word right before it that is no title, place, stop word or
    sentence start."""
    m = _WORD_BEFORE.search(text, max(floor, s - 30), s)
    if m is None or m.start(1) <= floor:
        return s
    before = text[max(floor, m.start(1) - 2):m.start(1)]
    if not before.strip(" ") or before.strip()[-1:] in ".:\"“”":
        return s  # a sentence's first word
    if _never_a_first_name(m.group(1)):
        return s
    w0 = _WORD_BEFORE.search(text, max(floor, m.start(1) - 30), m.start(1))
    if w0 is not None and gz.lookup(f"{w0.group(1)} {m.group(1)}") is not None:
        return s  # "of the United Nations | Antonio Guterres": the end of a place's name
    return m.start(1)


def _never_a_first_name(w: str) -> bool:
    low = w.lower()
    return (w in STOP_NAME_WORDS or w in HEADLINE_VERBS or low in TITLE_WORDS | NOT_NAME_WORDS | HONORIFIC_WORDS
            or low in _MONTHS or gz.lookup(w) is not None)


def _short_forms(text: str, units: list[Unit], found: list[Mention]) -> list[Mention]:
    """Short forms of names already seen ("Stoltenberg" after "Jens Stoltenberg"; "Nakatani"
    after "Defence Minister Gen Nakatani")."""
    full = {m.text for m in found if len(m.text.split()) >= 2 or m.source == "title"}
    forms: set[str] = set()
    for f in full:
        words = re.split(r"\s+", f)
        if len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]", words[-1]):
            forms.add(words[-1])  # a two-letter surname ("Bong Go", "Xi", "Li") on second mention
        for t in words:
            article = re.match(r"([A-Za-z]{1,3})-(?=[A-Z]\w{2})", t)
            if article is not None and article.group(1).lower() in PARTICLES:
                t = t[article.end():]  # "El-Sisi" is "Sisi" on second mention
            if (len(t) >= 3 and t[0].isupper() and t.lower().rstrip(".") not in TITLE_WORDS
                    and t.lower() not in PARTICLES | {"jr."} and gz.lookup(t) is None):
                forms.add(t)
    # the full names too: a name the tagger cut short elsewhere ("Ryong Hae") is found whole
    forms |= {f for f in full if len(f.split()) >= 2}
    if not forms:
        return []
    rx = re.compile(r"(?<![\w\-])(" + "|".join(re.escape(s) for s in sorted(forms, key=len, reverse=True))
                    + r")(?![\w\-])")
    return [Mention(m.start(), m.end(), m.group(1), "person", u.index, source="short")
            for u in units for m in rx.finditer(text, u.start, u.end) if not _inside_other_name(text, m.start(), m.end())]


_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w'’\-]*)\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z][a-z]")


def _inside_other_name(text: str, start: int, end: int) -> bool:
    """A short form that is a word of another name ("Ryong" in "Ji Jae Ryong"): a capitalised
    word that is no title or stop word runs into it."""
    m = _CAPITALISED_BEFORE.search(text, max(0, start - 30), start)
    if m is not None and "\n" not in m.group(0):
        w = m.group(1)
        if not (w in STOP_NAME_WORDS or w.lower().rstrip(".") in TITLE_WORDS or gz.lookup(w) is not None):
            return True
    after = _CAPITALISED_AFTER.match(text, end)
    if after is not None and "\n" not in after.group(0):
        w = re.match(r"[\w'’\-]+", text[after.end() - 2:])
        word = w.group(0) if w else ""
        return not (word in STOP_NAME_WORDS or word in HEADLINE_VERBS or word.lower() in TITLE_WORDS
                    or gz.lookup(word) is not None)
    return False


_REPRESENTED_BEFORE = re.compile(
    r"\b((?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3})\s+(?:was|were|is|are|will be)\s+represented\s+by\s+"
    r"(?:(?:Mr|Mrs|Ms|Dr|H\.E)\.?\s+)?$")
_ACTS_FOR_AFTER = re.compile(
    r"^(?:,[^,.;]{2,80},)?\s+(?:signed|spoke|voted|signs|will sign)\s+(?:for|on behalf of)\s+"
    r"((?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3})")


def represented_code(text: str, start: int, end: int) -> str | None:
    """The country a name stands for when the sentence says so: "Egypt was represented by X",
    "X, Minister of Foreign Affairs, signed for the Marshall Islands"."""
    phrases = []
    m = _REPRESENTED_BEFORE.search(text, max(0, start - 80), start)
    if m is not None and m.end() == start:
        phrases.append(m.group(1))
    a = _ACTS_FOR_AFTER.match(text[end:end + 160])
    if a is not None:
        phrases.append(a.group(1))
    for phrase in phrases:
        for _s, _e, _surface, place in find_places(phrase):
            if place.kind in ("country", "org"):
                return place.code
    return None


_PRIME_MINISTER_BEFORE = re.compile(r"\bprime\s+minister\s+(?:[\w'’.]+\s+){0,3}$")
_APPOSITION_AFTER = re.compile(r"\s*,\s+((?:the|a|an|[A-Z][\w'’]*'s)\s+[^,.;]{2,60})")


def _annotate(ctx: ArticleContext, m: Mention) -> None:
    text = ctx.text
    m.in_quote = ctx.in_quote(m.start, m.end)
    m.gender = gender_from_title(text, m.start)
    # the title words before it in its own sentence ("… Ambassador Ouyang Yujing. Wang said": no title)
    before = text[max(0, ctx.units[m.unit].start, m.start - 60):m.start].lower()
    before = re.split(r"[\"“”]", before)[-1]  # not the words of a quotation before it
    m.titles = tuple(w for w in re.findall(r"[a-z\-]+", before)[-6:] if w in TITLE_NOUNS)
    if _PRIME_MINISTER_BEFORE.search(before):
        m.titles += ("prime minister",)  # "the minister" is rather someone else
    after = _APPOSITION_AFTER.match(text[m.end:m.end + 80])
    if after:
        m.titles += tuple(w for w in re.findall(r"[a-z\-]+", after.group(1).lower()) if w in TITLE_NOUNS)
    m.role_words = title_role_words(text[max(0, m.start - 60):m.start], after.group(1) if after else None)


_SOURCE_ORDER = {"dict": 0, "title": 1, "ner": 2, "short": 3}


def _non_overlapping(ms: list[Mention]) -> list[Mention]:
    """The longest mentions that do not overlap (ties: dictionary, title, NER, short form)."""
    ms = sorted(ms, key=lambda m: (-(m.end - m.start), _SOURCE_ORDER.get(m.source, 9), m.start))
    kept: list[Mention] = []
    starts: list[int] = []  # kept, sorted by start, for overlap checks by bisection
    for m in ms:
        i = bisect.bisect_left(starts, m.end)
        if i > 0 and kept[i - 1].end > m.start:
            continue
        kept.insert(i, m)
        starts.insert(i, m.start)
    return kept


# --- pass 3: places -------------------------------------------------------------------------------

_CAPITAL_AFTER = re.compile(r"(?:'s|’s)?\s+capital\b(?!\s+(?:of|markets?|flows?|goods|spending|investment))")


def places_pass(ctx: ArticleContext) -> None:
    """Places named in each parsed unit outside the dateline (the roles read them)."""
    dl_end = ctx.dateline_end
    for u in ctx.parsed_units():
        u.places = [p for p in _places_in(ctx, u) if not (dl_end and p.start < dl_end)]


# "the coastal city of El Alamein", "the Black Sea resort of Sochi": a place, whether or not the
# gazetteer or the tagger knows it
_CITY_OF = re.compile(r"\b(?:city|town|resort|port|village|capital) of ((?:Al-|El |Al |St\.? |San |Santa )?[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,2})")


def _places_in(ctx: ArticleContext, u: Unit) -> list[PlaceMention]:
    out = []
    for s, e, surface, place in find_places(u.text, u.start):
        if place.kind == "city" and place.city:
            surface = place.city  # the common English name ("Hà Nội" → "Hanoi")
        if place.kind in ("demonym", "country"):
            s, e, surface, place = _capital_of(u, s, e, surface, place)
        out.append(PlaceMention(s, e, surface, place, ctx.in_quote(s, e)))
    for m in _CITY_OF.finditer(u.text):
        s, e = u.start + m.start(1), u.start + m.end(1)
        if not any(p.start < e and s < p.end for p in out):
            out.append(PlaceMention(s, e, m.group(1), None, ctx.in_quote(s, e)))
    for ent in u.doc.ents:
        if ent.label_ != "GPE" or gz.fold(ent.text) in gz.REGIONS:
            continue
        s, e = u.start + ent.start_char, u.start + ent.end_char
        if any(p.start < e and s < p.end for p in out):
            continue
        if ent.text.endswith(".") and re.match(r"\s+[A-Z][a-z]", u.text[ent.end_char:]):
            continue  # "Md. Abdul Hamid": the short form of a first name, no place
        if u.text[ent.start_char:ent.start_char + 1].isupper():
            out.append(PlaceMention(s, e, ent.text, None, ctx.in_quote(s, e)))
    return sorted(out, key=lambda p: p.start)


def _capital_of(u: Unit, s: int, e: int, surface: str, place: gz.Place):
    """ "the Ghanaian capital", "Ghana's capital": the capital city."""
    m = _CAPITAL_AFTER.match(u.text, e - u.start)
    city = gz.CAPITAL_OF.get(place.code)
    if m and city and (m.group(0)[:1] in "'’" if place.kind == "country"
                       else re.search(r"\bthe\s+$", u.text[:s - u.start][-6:])):
        cp = gz.lookup(city)
        if cp is not None:
            return s, u.start + m.end(), cp.city, cp
    return s, e, surface, place


# --- pass 4: subjects -----------------------------------------------------------------------------


_PRONOUN_OPENING = re.compile(r"^\s*(?:(?:Later|Then|Earlier|Also|Meanwhile),?\s+)?(He|She)\s+(?!said|says|told|added)[a-z]")
# "The Belgium leg of his visit will include talks with A and B": the trip is his, whom the
# sentence before meant, not A's
_TRIP_ALT = "|".join(sorted(TRIGGER_CLASSES["trip_nouns"] | TRIGGER_CLASSES["visit_words"]))
_TRIP_OPENING = re.compile(rf"^\s*The\s+(?:[\w-]+\s+){{0,3}}of\s+(his|her)\s+(?:(?:\w+-)?\w+\s+)?(?:{_TRIP_ALT})s?\b")
_OPENING_TITLE_RUN = re.compile(r"^[\s\"“‘']*(?:(?:[A-Z][\w'’.\-]*|the|a|an|[a-z]+['’]s)\s+){0,5}$")


def subjects_pass(ctx: ArticleContext) -> None:
    """Which person mentions are the grammatical subject of their clause; in a sentence left
    unparsed, the name opening it after its title words ("Kovač himself was blunt", "EU envoy
    Kovač had hoped")."""
    for u in ctx.units:
        if u.doc is None:
            for m in u.persons:
                m.is_subject = (not m.in_quote and _OPENING_TITLE_RUN.match(ctx.text, u.start, m.start) is not None
                                and not re.match(r"['’]s\b", ctx.text[m.end:m.end + 3]))
    ctx.registry.pronoun_openings = {
        u.index: (u.start + o.start(1), o.group(1)) for u in ctx.units
        if (o := _PRONOUN_OPENING.match(u.masked) or _TRIP_OPENING.match(u.masked))}
    for u in ctx.parsed_units():
        for m in u.persons:
            span = u.doc.char_span(m.start - u.start, m.end - u.start, alignment_mode="expand")
            if span is None:
                continue
            r = span.root
            while r.dep_ in ("compound", "appos") and r.head.i != r.i:
                r = r.head
            m.is_subject = r.dep_ in ("nsubj", "nsubjpass") or (
                r.dep_ == "conj" and r.head.dep_ in ("nsubj", "nsubjpass"))
