"""The coder's word lists, as data: one loader for every file in this package.

Each list exists once, in one YAML file shipped as package data (pyproject's package-data),
and every regex or word set of the coder is generated from it: titles (`titles.yaml`), name
particles and abbreviations (`names.yaml`), day words of code-switching copy (`dates.yaml`), speech verbs and speaking institutions
(`speech.yaml`), event triggers, agreement words and cues (`triggers.yaml`), irregular word
forms (`english.yaml`), places (`places.yaml`), organisations (`organisations.yaml`) and the
actor dictionary (`actors.yaml`).

`load(name)` reads and validates a file against its JSON Schema and raises `LexiconError`
naming the file on a missing or invalid one: a coder without its lists would code silently
worse, so it must not start. `content_hash()` digests every file; it is part of
`CODER_VERSION`, so a changed list is a new coder version.
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

FILES = ("actors", "dates", "english", "names", "organisations", "places", "speech", "titles", "triggers")

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}
_CODE = {"type": "string", "pattern": "^[A-Z][A-Z0-9]{1,9}$"}
_CODE_MAP = {"type": "object", "additionalProperties": _CODE}
_STRING_MAP = {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}}


def _obj(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict:
    return {"type": "object", "properties": {**required, **(optional or {})}, "required": sorted(required),
            "additionalProperties": False}


SCHEMAS: dict[str, dict] = {
    "actors": _obj({"people": {"type": "array", "items": _obj(
        {"name": {"type": "string", "minLength": 2}},
        {"aliases": _WORDS, "country": {"anyOf": [_CODE, {"type": "null"}]}, "titles": _WORDS,
         "gender": {"enum": ["m", "f", None]}})}}),
    "dates": _obj({"weekdays": {"type": "object", "additionalProperties": _WORDS},
                   "relative_days": {"type": "object", "additionalProperties": _WORDS},
                   "past_particles": _WORDS, "on_particles": _WORDS, "later_event_words": _WORDS}),
    "english": _obj({"irregular": {"type": "object", "additionalProperties": _WORDS}}),
    "names": _obj({"particles": _WORDS, "not_names": _WORDS, "headline_verbs": _WORDS, "not_name_words": _WORDS,
                   "name_stops": _WORDS, "abbreviations": _WORDS, "named_after": _WORDS,
                   "inner_titles": _WORDS, "name_abbreviations": _WORDS,
                   "organisation_links": _WORDS}),
    "organisations": _obj({
        "organisations": {"type": "object", "additionalProperties": _obj(
            {"name": {"type": "string"}, "aliases": _WORDS}, {"seated_in": {"type": "array", "items": _CODE}})},
        "state_enclaves": {"type": "object", "additionalProperties": {"type": "array", "items": _CODE}},
        "demonyms": _CODE_MAP}),
    "places": _obj({
        "short_names": _STRING_MAP, "country_aliases": _CODE_MAP, "demonyms": _CODE_MAP, "capitals": _CODE_MAP,
        "capital_of": _STRING_MAP, "cities": _CODE_MAP, "us_places": _WORDS, "city_names": _STRING_MAP,
        "regions": _WORDS, "place_nouns": _WORDS, "venues": _STRING_MAP, "home_venues": _WORDS,
        "seats": {"type": "object", "additionalProperties": _obj({"code": _CODE, "city": {"type": "string"}})}}),
    "speech": _obj({"speech_verbs": _WORDS, "attribution_verbs": _WORDS, "institutions": _WORDS, "home_institutions": _WORDS,
                    "foreign_institutions": _STRING_MAP, "institution_links": _WORDS, "voices": _WORDS,
                    "foreign_attribution": _WORDS, "opinion_frames": _WORDS, "office_adjectives": _WORDS, "name_cues": _WORDS, "name_givers": _WORDS, "named_things": _WORDS,
                    "bodies": {"type": "object", "additionalProperties": _obj({"code": _CODE, "aliases": _WORDS})}}),
    "titles": _obj({"heads": _WORDS, "name_titles": _WORDS, "ranks": _WORDS, "honorifics": _WORDS,
                    "modifiers": _WORDS, "portfolios": _STRING_MAP, "title_countries": _CODE_MAP,
                    "domestic_titles": _WORDS, "local_offices": _WORDS, "leader_offices": _WORDS, "female_forms": _WORDS, "male_forms": _WORDS,
                    "short_titles": _STRING_MAP}),
    "triggers": _obj({
        "classes": {"type": "object", "additionalProperties": _obj(
            {"type": {"enum": ["signing", "visit", "meeting"]}, "lemmas": _WORDS},
            {"prefilter": {"type": "string", "pattern": r"\{w\}"}})},
        "agreements": _WORDS, "gatherings": _WORDS, "welcome_verbs": _WORDS, "vehicles": _WORDS, "airport_words": _WORDS, "arrival_nouns": _WORDS, "possibility_nouns": _WORDS, "hosted_occasions": _WORDS, "guest_nouns": _WORDS, "cochairing_verbs": _WORDS, "call_places": _WORDS, "remote_cues": _WORDS,
        "tributes": _WORDS, "kin_words": _WORDS, "entourages": _WORDS, "itineraries": _WORDS,
        "cancel_verbs": _WORDS, "plan_verbs": _WORDS, "intent_verbs": _WORDS, "planned_modifiers": _WORDS,
        "session_formats": _WORDS, "separate_cues": _WORDS, "one_session_cues": _WORDS, "follow_up_cues": _WORDS, "one_to_one_words": _WORDS, "plural_sessions": _WORDS,
        "sideline_words": _WORDS, "arrival_verbs": _WORDS, "ending_verbs": _WORDS, "collectives": _WORDS, "membership_verbs": _WORDS, "time_clause_marks": _WORDS,
        "one_each_cues": _WORDS, "sequence_adverbs": _WORDS,
        "gathering_draws": _WORDS, "calling_verbs": _WORDS, "reception_verbs": _WORDS, "wish_verbs": _WORDS,
        "still_due_verbs": _WORDS, "attendance_nouns": _WORDS, "many_sided_gatherings": _WORDS,
        "spouse_words": _WORDS, "within_trip_preps": _WORDS}),
}


class _WordLoader(yaml.SafeLoader):
    """YAML without implicit booleans: in a word list "on", "no" and "yes" are words."""


_WordLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class LexiconError(RuntimeError):
    """A word list is missing or does not have the shape the coder reads."""


def _raw(name: str, root: Traversable | None = None) -> bytes:
    if name not in SCHEMAS:
        raise LexiconError(f"unknown lexicon file {name!r}; known: {', '.join(FILES)}")
    path = (root or resources.files(__name__)).joinpath(f"{name}.yaml")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"lexicon file {name}.yaml is missing from {root or __name__} "
                           f"(a broken install?): {exc}") from exc


def read(name: str, root: Traversable | None = None) -> dict:
    """The validated content of lexicon file `name` in `root` (default: this package)."""
    return parse(name, _raw(name, root))


def parse(name: str, raw: bytes) -> dict:
    """The validated content of lexicon file `name` given its bytes."""
    import jsonschema

    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_WordLoader)  # noqa: S506 - a SafeLoader
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(f"lexicon file {name}.yaml is not valid YAML: {exc}") from exc
    try:
        jsonschema.validate(data, SCHEMAS[name])
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        raise LexiconError(f"lexicon file {name}.yaml is invalid at {where}: {exc.message}") from exc
    return data


@cache
def load(name: str) -> dict:
    """The content of lexicon file `name` (cached; raises `LexiconError` when missing or invalid)."""
    return read(name)


@lru_cache(maxsize=1)
def content_hash() -> str:
    """SHA-256 over every lexicon file (name and bytes, in name order): the lists' identity."""
    h = hashlib.sha256()
    for name in FILES:
        h.update(name.encode() + b"\0" + _raw(name) + b"\0")
    return h.hexdigest()
