"""The coder's output turned into the rows a load stages: one per mention, one per actor named
in it, and the party codes with their names.

Everything the database should hold as a code is resolved here: party names to ISO 3166
alpha-3 or organisation codes, a visit's destination to its country code, partial dates to a
day plus a precision. This runs for every mention a load sees, so it stays lean (orjson,
cached look-ups).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import orjson

from pipeline.store.actor_names import actor_name
from pipeline.store.keys import event_key, mention_key

if TYPE_CHECKING:
    from pipeline.store.load import ArticleRef

ROLES = frozenset({"participant", "visitor", "host", "speaker", "signatory"})
KINDS = frozenset({"person", "state", "organisation"})
PRECISIONS = frozenset({"day", "month", "year", "unknown"})
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


# The columns of a staged mention row, in order.
MENTION_COLUMNS = ("article_id", "coder_version", "mention_key", "event_key", "event_type", "event_date",
                   "date_precision", "status", "location", "destination", "destination_code", "quote",
                   "evidence_text", "evidence_start", "evidence_end", "confidence", "cameo_code", "plover_code",
                   "party_codes", "payload")


@dataclass
class StagedRows:
    mentions: list[tuple] = field(default_factory=list)  # MENTION_COLUMNS
    # Aligned with ``mentions``: each mention's actors as (name, kind, party code, role), in order.
    actors: list[tuple[tuple[str, str, str | None, str], ...]] = field(default_factory=list)
    parties: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (name, kind)
    per_article: dict[int, int] = field(default_factory=dict)  # article id -> mentions


@lru_cache(maxsize=4096)
def party_of(name: str | None, code: str | None) -> tuple[str, str, str] | None:
    """(code, name, kind) for a party or place as the coder gave it; None when it has no code."""
    from pipeline.extract import gazetteer as gz

    if not code and name:
        place = gz.lookup(name)
        code = place.code if place else None
    if not code:
        return None
    kind = "organisation" if code in gz.ORG_CODES else "state"
    return code, gz.party(code)["name"], kind


@lru_cache(maxsize=4096)  # a batch's mentions share a few hundred days
def parse_date(value: str | None, precision: str | None) -> tuple[date | None, str]:
    """The coder's date ("2026-11-24", "2026-11", "2026") as a day and its precision."""
    if not value:
        return None, "unknown"
    m = _PARTIAL_DATE.match(value)
    if not m:
        return None, "unknown"
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    inferred = "day" if m.group(3) else "month" if m.group(2) else "year"
    try:
        return date(year, month, day), precision if precision in PRECISIONS - {"unknown"} else inferred
    except ValueError:
        return None, "unknown"


@lru_cache(maxsize=65536)  # the same people in the same roles recur in every batch
def _actor_row(name: str, kind: str | None, country: str | None, role: str | None) -> tuple[str, str, str | None, str] | None:
    """(name, kind, party code, role) of an actor as the coder gave it, in the form identity
    works on (``actor_names``); None for a name that is not an actor."""
    named = actor_name(name, kind if kind in KINDS else "person", country or None)
    if named is None:  # not a person or organisation: never an actor
        return None
    return (*named, role if role in ROLES else "participant")


def _actor_rows(ev: dict) -> tuple[tuple[str, str, str | None, str], ...]:
    """The rows (``_actor_row``) of a mention's actors, the speaker included, each once."""
    found = [_actor_row(a["name"], a.get("kind"), a.get("country"), a.get("role"))
             for a in ev.get("actors") or () if a and a.get("name")]
    speaker = ev.get("speaker")
    if speaker and speaker.get("name"):
        found.append(_actor_row(speaker["name"], speaker.get("kind") or "person", speaker.get("country"), "speaker"))
    rows: list[tuple[str, str, str | None, str]] = []
    for row in found:
        if row is not None and row not in rows:
            rows.append(row)
    return tuple(rows)


def stage_rows(batch: Sequence[tuple[ArticleRef, list[dict]]], coder_version: str) -> StagedRows:
    out = StagedRows()
    seen: set[tuple[int, str]] = set()
    countries: set[str] = set()
    for ref, events in batch:
        out.per_article.setdefault(ref.id, 0)
        for ev in events:
            mkey = mention_key(ev)
            if (ref.id, mkey) in seen:  # the coder repeated itself: one mention
                continue
            seen.add((ref.id, mkey))
            out.per_article[ref.id] += 1
            codes = ev.get("codes") or {}
            evidence = ev.get("evidence") or {}
            party_codes = []
            for p in ev.get("parties") or []:
                resolved = p and party_of(p.get("name"), p.get("code"))
                if resolved and resolved[0] not in party_codes:
                    party_codes.append(resolved[0])
                    out.parties[resolved[0]] = resolved[1:]
            destination = party_of(ev.get("destination"), ev.get("destination_code")) \
                if ev.get("destination") or ev.get("destination_code") else None
            if destination is None and ev["type"] == "visit" and ev.get("location"):
                destination = party_of(ev["location"], None)  # a visit to Abidjan is a visit to CIV
            if destination:
                out.parties[destination[0]] = destination[1:]
            day, precision = parse_date(ev.get("date"), ev.get("date_precision"))
            out.mentions.append((
                ref.id, coder_version, mkey, event_key(ev, ref.published), ev["type"], day, precision,
                ev.get("status") or "occurred", ev.get("location"),
                destination[1] if destination else ev.get("destination"), destination[0] if destination else None,
                ev.get("quote"), evidence.get("text") or "", evidence.get("start") or 0, evidence.get("end") or 0,
                float(ev.get("confidence") or 0.0), codes.get("cameo"), codes.get("plover"), party_codes,
                orjson.dumps(ev).decode(),
            ))
            actors = _actor_rows(ev)
            countries.update(country for _name, _kind, country, _role in actors if country)
            out.actors.append(actors)
    for country in countries:  # the actors' parties, each once for the batch
        resolved = party_of(None, country)
        if resolved:
            out.parties[country] = resolved[1:]
    return out
