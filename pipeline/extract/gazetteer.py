"""Places and organisations → stable codes.

Countries come from pycountry (ISO 3166 alpha-3) plus the names newsrooms actually use
("North Korea", "Britain", "DPRK"), demonyms ("Russian"), metonyms for governments
("Moscow said", "the Kremlin") and a table of capitals and major cities so a city can be
placed in its country. Organisations with stable codes (NATO, EU, UN, ...) sit beside them.
The tables are the lexicon's `places.yaml` and `organisations.yaml`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from pipeline.extract import lexicon

_PLACES = lexicon.load("places")
_ORGS = lexicon.load("organisations")

# Short common English names for codes where pycountry's name is formal or awkward.
SHORT_NAMES: dict[str, str] = _PLACES["short_names"]
# Extra spellings -> alpha-3 (folded).
COUNTRY_ALIASES: dict[str, str] = _PLACES["country_aliases"]
DEMONYMS: dict[str, str] = _PLACES["demonyms"]
# Capitals and cities that news places events in -> alpha-3. Capitals first (also metonyms).
CAPITALS: dict[str, str] = _PLACES["capitals"]
PLACE_NOUNS: frozenset[str] = frozenset(_PLACES["place_nouns"])
# Written forms whose common English name differs by more than accents (the name events carry).
CITY_CANON: dict[str, str] = _PLACES["city_names"]
# "the Ghanaian capital": the first CAPITALS entry of a country is its capital.
CAPITAL_OF: dict[str, str] = dict(_PLACES["capital_of"])
for _k, _c in CAPITALS.items():
    CAPITAL_OF.setdefault(_c, CITY_CANON.get(_k) or _k.title())
CITIES: dict[str, str] = {**_PLACES["cities"], **{p: "USA" for p in _PLACES["us_places"]}}
# Regions and continents: never a destination or a city.
REGIONS: frozenset[str] = frozenset(_PLACES["regions"])
# Seats of government used for the government itself ("the Kremlin said"), and their cities.
SEATS: dict[str, str] = {k: v["code"] for k, v in _PLACES["seats"].items()}
SEAT_CITY: dict[str, str] = {k: v["city"] for k, v in _PLACES["seats"].items()}
# Venues named instead of their city ("at Hyderabad House"): venue -> the city (a CAPITALS or
# CITIES key once folded).
VENUES: dict[str, str] = _PLACES["venues"]
# "at State House", "at the presidential villa, Abuja": the host's seat, by its common name
HOME_VENUE_RE = re.compile(
    r"\b(?:at|in|inside)\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s+)?(?i:(" + "|".join(
        re.escape(v).replace(r"\ ", r"\s+").replace("'", "['’]") for v in sorted(_PLACES["home_venues"], key=len, reverse=True))
    + r"))\b(?:\s*,?\s*([A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?))?")


@dataclass(frozen=True)
class Org:
    code: str
    name: str  # short common English name used as the party name


ORGS: dict[str, Org] = {alias: Org(code, o["name"]) for code, o in _ORGS["organisations"].items()
                        for alias in o["aliases"]}
ORG_DEMONYMS: dict[str, str] = _ORGS["demonyms"]  # "European leaders"
# Countries where an organisation (or an enclave state) is at home: its officials there are not
# visitors, and a meeting there is hosted by it.
HQ_CITIES: dict[str, frozenset[str]] = {
    **{code: frozenset(o["seated_in"]) for code, o in _ORGS["organisations"].items() if o.get("seated_in")},
    **{code: frozenset(c) for code, c in _ORGS["state_enclaves"].items()},
}


def fold(s: str) -> str:
    """Lower-case, strip accents and curly apostrophes: the key every lookup uses."""
    s = s.replace("’", "'").replace("‘", "'")  # (before the ASCII step, which would drop them)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = s.lower().strip()
    s = re.sub(r"\s+", " ", s)
    return s


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                idx[fold(v)] = c.alpha_3
    idx.update(COUNTRY_ALIASES)
    return idx


def country_name(code: str) -> str:
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


@dataclass(frozen=True)
class Place:
    """A resolved name: a country, an organisation, or a city inside a country."""

    code: str  # ISO alpha-3 or org code
    kind: str  # "country" | "org" | "city" | "demonym" | "seat"
    name: str  # canonical short name of the country/org (for cities: the country's name)
    city: str | None = None  # the city as written, for kind == "city"

    @property
    def is_org(self) -> bool:
        return self.code in ORG_CODES


ORG_CODES = {o.code for o in ORGS.values()}
ORG_NAMES = {o.code: o.name for o in ORGS.values()}


def _strip_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


_SAINT = re.compile(r"^st\.?\s+(?!petersburg|john's|george's)")


@lru_cache(maxsize=8192)
def lookup(text: str) -> Place | None:
    """Resolve a surface string to a country / organisation / city, or None. (Cached: the rules
    ask about the same few hundred surfaces again and again, ~40 times per article; a Place is
    immutable.)"""
    dotted = re.sub(r"'s?$", "", fold(text).strip(" ,;:"))  # ("Ghana's", "the Maldives'")
    key = re.sub(r"'s?$", "", dotted.strip(" ."))
    # "U.S." and "U.K." are known with their final dot; a sentence's full stop is not part of a name
    for k in dict.fromkeys((dotted, key) if dotted.endswith(".") and "." in dotted[:-1] else (key,)):
        if not k:
            continue
        k = _SAINT.sub("saint ", k)  # "St. Vincent and the Grenadines", "St Kitts": the gazetteer's "Saint"
        keys = (k, _strip_the(k))
        place = _country_or_org(text, keys) or _city_or_seat(text, keys) or _venue_or_demonym(keys[1])
        if place is not None:
            return place
    if "-" in text.strip("-"):  # "Abu-Dhabi", "Dar-es-Salaam", "Nur-Sultan": the spaced form's place
        return lookup(text.replace("-", " "))
    return None


def _country_or_org(text: str, keys: tuple[str, str]) -> Place | None:
    idx = _country_index()
    for k in keys:
        if k in idx and not (k in ("us",) and text.strip() == "us"):
            code = idx[k]
            return Place(code, "country", country_name(code))
    for k in keys:
        if k in ORGS and not (len(k) <= 3 and " " not in k and "." not in k and not text.strip().isupper()):
            # "UN", "WHO": the short forms only in capitals ("Kim Jong Un", "who")
            o = ORGS[k]
            return Place(o.code, "org", o.name)
    return None


def _city_or_seat(text: str, keys: tuple[str, str]) -> Place | None:
    for k in keys:
        code = CAPITALS.get(k) or CITIES.get(k)
        if code:
            return Place(code, "city", country_name(code), city=CITY_CANON.get(k, text.strip()))
    for k in keys:
        if SEATS.get(k):
            return Place(SEATS[k], "seat", country_name(SEATS[k]))
    return None


def _venue_or_demonym(bare: str) -> Place | None:
    if bare in VENUES:
        return _city(VENUES[bare])
    if bare.endswith("s") and bare not in DEMONYMS and bare[:-1] in DEMONYMS:
        bare = bare[:-1]  # "Russians"
    if bare in DEMONYMS:
        return Place(DEMONYMS[bare], "demonym", country_name(DEMONYMS[bare]))
    if bare in ORG_DEMONYMS:
        code = ORG_DEMONYMS[bare]
        return Place(code, "demonym", ORG_NAMES[code])
    return None


def _city(name: str) -> Place | None:
    """The city a venue is in, as the gazetteer places it."""
    k = fold(name)
    code = CAPITALS.get(k) or CITIES.get(k)
    return Place(code, "city", country_name(code), city=CITY_CANON.get(k, name)) if code else None


def is_capital(text: str) -> bool:
    return _strip_the(fold(text)) in CAPITALS


def party(code: str) -> dict:
    """The contract's party object for a code."""
    return {"name": ORG_NAMES.get(code) or country_name(code), "code": code}


@lru_cache(maxsize=1)
def surface_forms() -> list[str]:
    """Every multi-word or capitalised surface form, longest first (for text scanning)."""
    forms = set(_country_index()) | set(ORGS) | set(CAPITALS) | set(CITIES) | set(SEATS) | set(VENUES) | set(DEMONYMS)
    return sorted(forms, key=len, reverse=True)
