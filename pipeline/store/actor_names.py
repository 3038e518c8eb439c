"""Which names the coder gave are actors, and in what form they enter identity.

Applied at the store boundary to every actor of every mention, whatever coder version wrote
it, before ``identity`` decides which actor row a name is:

- a name with no capital letter ("ministry", "the statement") or a title alone ("Councillor",
  "Professor") is not an actor; neither is a person's "name" holding a digit ("COP29") or a city
  or other place ("Panmunjom" when the gazetteer knows it);
- a country or organisation given as a person ("Russia", "NATO") is that state or organisation,
  and so is a capital ("Moscow said": the government seated there); a seat of government ("the
  Kremlin", "the Blue House") is an organisation of its country;
- a person's "name" ending in an office word ("External Affairs Ministry") is an organisation
  ("India's External Affairs Ministry" is "External Affairs Ministry" of IND); one holding such
  a word elsewhere is a fragment of a title or a document ("Diaspora Affairs", "Paris
  Agreement"), not an actor;
- forms of address are not part of a person's name ("Professor David J. Francis", "Asiwaju Bola
  Tinubu", "Crown Prince Mohammed bin Salman"), nor a dangling particle where the coder cut a
  name short ("Mohammed bin Abdulrahman Al" → "Mohammed bin Abdulrahman", which the identity
  rules then join to the full name when one is known);
- a person the actor dictionary knows under this spelling is the dictionary's person, with the
  dictionary's party code when the article gave none ("Sergey Lavrov" → "Sergei Lavrov", RUS).

The word lists are the coder's (``pipeline/extract/lexicon``): one list, two readers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract import gazetteer as gz
from pipeline.extract import lexicon
from pipeline.extract.vocabulary import HONORIFIC_RE, NOT_NAME_WORDS, PARTICLES, TITLE_WORDS

_POSSESSIVE_PLACE = re.compile(r"^((?:the\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2})(?:'s|’s)\s+(?=[A-Z])")
_EDGE = " ,;:()[]\"'“”‘’-–—"
# Forms of address and title abbreviations ("CS": Kenya's Cabinet Secretary) that the honorifics
# list does not hold because the coder keeps them among titles; before a name never part of it.
_ADDRESS = re.compile(r"^(?:(?:Crown\s+Prince|Professor|Asiwaju|Alhaji|Seri|Tun|Engr\.?|CS)\s+)+")


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, tuple[str, str | None]]:
    """Folded spelling → (the dictionary's name, its party code), for multi-word spellings."""
    out: dict[str, tuple[str, str | None]] = {}
    for p in lexicon.load("actors")["people"]:
        for alias in [p["name"], *(p.get("aliases") or [])]:
            if " " in alias.strip():
                out.setdefault(gz.fold(alias), (p["name"], p.get("country")))
    return out


def _key(name: str) -> str:
    """The SQL ``fold_name``: case, diacritics and punctuation ignored."""
    return " ".join(re.sub(r"[\W_]+", " ", gz.fold(name)).split())


def _words(name: str) -> list[str]:
    return [w.strip(".,'’").lower() for w in name.split()]


def _strip_address(name: str) -> str:
    prev = None
    while prev != name:
        prev = name
        for rx in (HONORIFIC_RE, _ADDRESS):
            rest = rx.sub("", name)
            if rest != name and rest[:1].isupper():
                name = rest
    return name


def _strip_dangling(name: str) -> str:
    toks = name.split()
    while len(toks) > 1 and toks[-1].lower() in PARTICLES:
        toks.pop()
    return " ".join(toks)


def _place_actor(name: str) -> tuple[str, str, str | None] | None | bool:
    """A name the gazetteer resolves: the state, organisation or seat it is (or None: a city, not
    an actor); False when the gazetteer does not know it."""
    place = gz.lookup(name)
    if place is None:
        return False
    if place.kind == "country":
        return place.name, "state", place.code
    if place.kind == "org":
        return place.name, "organisation", place.code
    if place.kind == "seat":
        return name, "organisation", place.code
    if place.kind == "city" and gz.is_capital(name):
        return place.name, "state", place.code  # "Moscow said": the government seated there
    return None


@lru_cache(maxsize=65536)  # a pure function of its arguments, and the same people recur in every batch
def actor_name(name: str, kind: str, code: str | None) -> tuple[str, str, str | None] | None:
    """(name, kind, party code) of the actor the coder named, or None when it is not an actor."""
    name = " ".join(name.split()).strip(_EDGE)
    if not name or not any(c.isupper() for c in name):
        return None
    if kind == "state":
        return name, kind, code
    m = _POSSESSIVE_PLACE.match(name)
    if m:
        owner = gz.lookup(m.group(1))
        if owner is not None and owner.kind in ("country", "org"):
            name, code = name[m.end():], code or owner.code
    place = _place_actor(name)
    if place is not False:
        return place  # type: ignore[return-value]
    words = _words(name)
    if any(w in NOT_NAME_WORDS for w in words):
        # "External Affairs Ministry" heads a body; "Diaspora Affairs" or "Paris Agreement" does not
        return (name, "organisation", code) if words[-1] in _BODY_HEADS else None
    return _person_name(name, code) if kind == "person" else (name, kind, code)


def _person_name(name: str, code: str | None) -> tuple[str, str, str | None] | None:
    name = _strip_dangling(_strip_address(name))
    words = _words(name)
    if any(ch.isdigit() for ch in name) or all(w in TITLE_WORDS or w in _TITLE_ONLY for w in words):
        return None
    known = _dictionary().get(gz.fold(name))
    if known is not None and (code is None or known[1] is None or code == known[1]):
        # another spelling takes the dictionary's; the same one, only its party code
        return known[0] if _key(known[0]) != _key(name) else name, "person", code or known[1]
    return name, "person", code


# Titles the coder's lists do not hold as title words but that never make a name alone.
_TITLE_ONLY = frozenset({"councillor", "councilor", "professor", "excellency", "majesty", "highness"})
# Office words that end an organisation's name; the other office words ("affairs", "treaty",
# "summit") end a portfolio, a document or a meeting, none of them an actor.
_BODY_HEADS = NOT_NAME_WORDS - frozenset({"affairs", "mous", "mou", "agreement", "agreements", "memorandum", "treaty",
                                          "summit", "forum", "conference"})
