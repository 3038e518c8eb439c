"""The institutions an article names, so that a quotation an institution speaks has one speaker
under one name however the article refers to it.

"the Belarusian Foreign Ministry said … the ministry said … it said": one speaker, the Foreign
Ministry (of Belarus). "the official Korean Central News Agency (KCNA) … KCNA said": the agency
by its full name; "the MEA said" after "the Ministry of External Affairs": the ministry. Seats of
government ("the Kremlin said", `places.yaml` seats) and named bodies (state news agencies,
ministries known by their building: `speech.yaml` bodies) speak under their own names, with the
country they speak for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.extract import gazetteer as gz
from pipeline.extract.actors import actor_dictionary, context_code, fold_same_length, strip_title
from pipeline.extract.vocabulary import (
    BODY_NOUNS,
    FOREIGN_BODY_HEADS,
    INSTITUTION_LINKS,
    SPEAKING_BODIES,
    TITLE_WORDS,
)
from pipeline.extract.wordforms import alternation, compile_guarded


@dataclass(frozen=True)
class Institution:
    start: int
    end: int
    name: str  # the name events carry: "Foreign Ministry", "Korean Central News Agency", "Kremlin"
    head: str  # its head noun ("ministry"), or "body" for a seat or a named body
    code: str | None  # the country (or organisation) it speaks for
    acronym: str | None = None  # "KCNA" when the article defines it

    @property
    def initials(self) -> str:
        return "".join(w[0] for w in self.name.split() if w[0].isupper())

    @property
    def short_initials(self) -> set[str]:
        """The initials without what "and" joins on: "Ministry of Foreign and Diaspora Affairs"
        and "Ministry of Foreign Affairs and International Cooperation" are both an "MFA"."""
        words = self.name.split()
        out = set()
        for j, w in enumerate(words):
            if w == "and":
                for kept in (words[:j], words[:j] + words[j + 2:]):
                    out.add("".join(x[0] for x in kept if x[0].isupper()))
        return out


_CAP = r"[A-Z][\w'’.\-]*"
_HEADS = "|".join(sorted((w[0].upper() + w[1:] for w in BODY_NOUNS | set(FOREIGN_BODY_HEADS)), key=len, reverse=True))
# "of", "for", "de la", "de l'": a link, then (after "of", "the") what the body is of
_LINK = "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") + ("" if w.endswith("'") else r"\s+")
                         for w in sorted(INSTITUTION_LINKS, key=len, reverse=True)) + r")(?:the\s+)?"
_NAMED = compile_guarded(
    rf"(?<![\w'’])((?:{_CAP}\s+and\s+)?(?:{_CAP}\s+){{0,4}}(?:{_HEADS})(?:\s+{_LINK}{_CAP}(?:\s+(?:and\s+)?{_CAP}){{0,4}}){{0,2}})"
    r"(?![\w'’])(?:\s*\(([A-Z]{2,6})\))?")
# "the Chinese embassy", "Russia's foreign ministry": a head in lower case after a country's name
# or demonym (and up to two title words) is an institution of that country.
_LOWER_HEADS = "|".join(sorted(BODY_NOUNS, key=len, reverse=True))
_OF_COUNTRY = re.compile(
    rf"(?<![\w'’])([A-Z][\w\-]*(?:['’]s)?\s+(?:(?:{'|'.join(sorted(TITLE_WORDS, key=len, reverse=True))})\s+){{0,2}}"
    rf"(?:{_LOWER_HEADS}))(?![\w'’])")
# "Anwar Ibrahim's office", "Prabowo's office": a leader's office speaks for the leader's country
_PERSON_OFFICE = re.compile(r"(?<![\w'’])((?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w\-]*)['’]s\s+(office|administration)(?![\w'’])")
# "the office of South Korean President Yoon Suk-yeol": the same, written the other way round
_OFFICE_OF_PERSON = re.compile(r"(?<![\w'’])(office|administration)\s+of\s+((?:[A-Z][\w.'’\-]*\s+){0,5}[A-Z][\w\-]*)(?![\w'’])")
_ACRONYM_ALIAS = re.compile(r"^[a-z]{2,5}$")
_BODIES = re.compile(  # (a prefix tree: the same name wins as in the flat list, longest first)
    r"(?<![\w'’])(" + alternation(set(SPEAKING_BODIES) | set(gz.SEATS), inflect=False, space=re.escape(" "))
    + r")(?![\w'’])", re.I)
_OF_STATE = re.compile(rf"\s+{_LINK}([A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){{0,3}})$")
_SENTENCE_END = re.compile(r"\w{3,}\.\s+(?=[A-Z])")
_LEADING = re.compile(r"^(?:[Tt]he|[Aa]n?|[Oo]fficial)\s+")


def find_institutions(text: str) -> list[Institution]:
    """The institutions `text` names, in text order: named bodies and seats first, then names
    with a capitalised head, a country's lower-case one, a leader's office (none overlapping)."""
    found = _bodies(text)
    offices = "office" in text or "administration" in text  # (the last two scans' words, in lower case)
    for rx, make in ((_NAMED, _named_match), (_OF_COUNTRY, _of_country), (_PERSON_OFFICE, _leaders_office),
                     (_OFFICE_OF_PERSON, _office_of_leader)):
        if not offices and rx in (_PERSON_OFFICE, _OFFICE_OF_PERSON):
            continue
        for m in rx.finditer(text):
            if any(i.start < m.end(1) and m.start(1) < i.end for i in found):
                continue
            inst = make(text, m)
            if inst is not None:
                found.append(inst)
    return sorted(found, key=lambda i: i.start)


def _bodies(text: str) -> list[Institution]:
    found: list[Institution] = []
    for m in _BODIES.finditer(fold_same_length(text)):  # "Malacañang" as "Malacanang"
        key = gz.fold(m.group(1))
        if _ACRONYM_ALIAS.match(key) and not m.group(1).isupper():
            continue  # "spa", "wam": the short forms only in capitals
        if key in SPEAKING_BODIES:
            name, code = SPEAKING_BODIES[key]
        else:
            name, code = text[m.start(1):m.end(1)], gz.SEATS[key]
        if found and found[-1].name == name and text[found[-1].end:m.start(1)].strip() == "(":
            continue  # "Korean Central News Agency (KCNA)": one institution
        found.append(Institution(m.start(1), m.end(1), name, "body", code))
    return _as_the_article_names(text, found)


def _as_the_article_names(text: str, found: list[Institution]) -> list[Institution]:
    """A listed body the article never gives the listed name of goes by the fullest name it does
    give ("APS said", nowhere "Algerie Presse Service": APS), as people do (eval README: the
    fullest name the article gives)."""
    surfaces: dict[str, list[str]] = {}
    for i in found:
        surfaces.setdefault(i.name, []).append(text[i.start:i.end])
    renamed = {name: max(forms, key=len) for name, forms in surfaces.items()
               if gz.fold(name) in SPEAKING_BODIES and not any(gz.fold(f) == gz.fold(name) for f in forms)}
    return [replace(i, name=renamed[i.name]) if i.name in renamed else i for i in found]


def _named_match(_text: str, m: re.Match) -> Institution | None:
    return _named(m.start(1), m.group(1), m.group(2))


def _of_country(_text: str, m: re.Match) -> Institution | None:
    """ "the Chinese embassy": a lower-case head after a country or demonym."""
    first, *rest = m.group(1).split()
    place = gz.lookup(re.sub(r"['’]s$", "", first))
    if place is None or place.kind not in ("country", "demonym"):
        return None
    return _named(m.start(1), " ".join([first, *(w[0].upper() + w[1:] for w in rest)]), None)


def _leaders_office(text: str, m: re.Match) -> Institution | None:
    """ "Malaysian Prime Minister Anwar Ibrahim's office": the office, with the country its title
    (or the actor dictionary) gives the person."""
    owner = m.group(1)
    if gz.lookup(owner) is not None or owner.split()[0] in ("The", "This", "His", "Her", "Their"):
        return None  # "China's office", "The President's office" is found by its capital head
    code = context_code(text, m.end(1) - len(strip_title(owner) or owner), m.end(1))
    if code is None:
        ka = actor_dictionary().get(gz.fold(owner))
        code = ka.country if ka else None
    if code is None:
        return None
    return Institution(m.start(1), m.end(), f"{strip_title(owner)}'s {m.group(2)}", m.group(2), code)


def _office_of_leader(text: str, m: re.Match) -> Institution | None:
    """ "the office of South Korean President Yoon Suk-yeol": "Yoon Suk-yeol's office", with the
    country the title gives (a place after "of" is no leader: "the Office of Sudan")."""
    owner = strip_title(m.group(2))
    if not owner or owner == m.group(2) or gz.lookup(owner) is not None:
        return None
    code = context_code(text, m.end(2) - len(owner), m.end(2))
    if code is None:
        ka = actor_dictionary().get(gz.fold(owner))
        code = ka.country if ka else None
    if code is None:
        return None
    return Institution(m.start(1), m.end(2), f"{owner}'s {m.group(1)}", m.group(1), code)


def _named(start: int, phrase: str, acronym: str | None) -> Institution | None:
    """ "India's External Affairs Ministry" → External Affairs Ministry (IND): the country it
    speaks for goes to the code, out of the name, unless the name is a proper name the article
    defines an acronym for ("Korean Central News Agency (KCNA)")."""
    ends = list(_SENTENCE_END.finditer(phrase))
    if ends:  # "… on Monday. The Foreign Ministry": the name starts after the full stop
        start, phrase = start + ends[-1].end(), phrase[ends[-1].end():]
    lead = _LEADING.match(phrase)
    if lead:
        start, phrase = start + lead.end(), phrase[lead.end():]
    words = phrase.split()
    if len(words) > 2 and words[1] == "and" and gz.lookup(words[0]) is not None:
        # "Russia and Foreign Ministry officials": what "and" joins is no word of the name
        start, words = start + len(" ".join(words[:2])) + 1, words[2:]
        phrase = " ".join(words)
    code = None
    while len(words) > 2 and acronym is None:
        w = words[0]
        place = gz.lookup(re.sub(r"['’]s$", "", w))
        if place is None or place.kind not in ("country", "demonym", "org"):
            break
        code = code or place.code
        words = words[1:]
    if not any(w[0].isupper() for w in words[:-1]) and len(words) < 2:
        return None
    tail = _OF_STATE.search(" ".join(words)) if acronym is None else None
    state = gz.lookup(tail.group(1)) if tail else None
    if tail and state is not None and state.kind in ("country", "org") and tail.start() > 0:
        # "the Foreign Ministry of the DPRK": the ministry, speaking for the DPRK
        code, words = code or state.code, " ".join(words)[:tail.start()].split()
    if code is None:
        for w in re.findall(_CAP, phrase):
            place = gz.lookup(re.sub(r"['’]s$", "", w))
            if place is not None and place.kind in ("country", "demonym", "org"):
                code = place.code
                break
    name = " ".join(words)
    heads = [FOREIGN_BODY_HEADS.get(w.lower(), w.lower()) for w in words]
    head = next((h for h in reversed(heads) if h in BODY_NOUNS), heads[-1])
    return Institution(start, start + len(phrase), name, head, code, acronym)


def institution_at(insts: list[Institution], start: int, end: int) -> Institution | None:
    """The institution named at text[start:end]."""
    return next((i for i in insts if i.start < end and start < i.end), None)


def by_acronym(insts: list[Institution], acronym: str, before: int) -> Institution | None:
    """ "the MEA said": the last institution before `before` the acronym stands for."""
    for i in reversed([i for i in insts if i.start < before]):
        if i.acronym == acronym or (len(acronym) >= 2 and (i.initials == acronym or acronym in i.short_initials)):
            return i
    key = gz.fold(acronym)
    if key in SPEAKING_BODIES:
        name, code = SPEAKING_BODIES[key]
        return Institution(before, before + len(acronym), name, "body", code)
    return None


def by_head(insts: list[Institution], head: str, before: int) -> Institution | None:
    """ "the ministry said": the last institution before `before` with that head noun."""
    return next((i for i in reversed(insts) if i.start < before and i.head == head), None)


def last_before(insts: list[Institution], before: int, after: int) -> Institution | None:
    """The last institution named in text[after:before] ("it said", "the statement said")."""
    return next((i for i in reversed(insts) if after <= i.start < before), None)


def last_seat(insts: list[Institution], before: int) -> Institution | None:
    """The last seat of government named before `before` ("the Palace said" after "Malacañang")."""
    return next((i for i in reversed(insts) if i.start < before and i.head == "body" and gz.fold(i.name) in gz.SEATS), None)


def last_office(insts: list[Institution], before: int) -> Institution | None:
    """The last head of state's office or seat named before `before` ("a presidential official
    said" after "President Moon Jae-in's office" or "Cheong Wa Dae")."""
    return next((i for i in reversed(insts) if i.start < before and (i.head in ("office", "presidency")
                 or i.head == "body" and gz.fold(i.name) in gz.SEATS)), None)
