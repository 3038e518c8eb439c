"""The record the coder hands on: one event mention, typed (`EventRecord`) and described by a
JSON Schema shipped beside this module (`event.schema.json`); the tests check every record of
every dev article against the schema.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Literal, TypedDict

from pipeline.extract import gazetteer as gz
from pipeline.extract.codes import codes_for
from pipeline.extract.consolidate import EventMention

EventType = Literal["signing", "visit", "meeting", "statement"]


class ActorRecord(TypedDict):
    name: str
    kind: Literal["person", "state", "organisation"]
    country: str | None
    role: Literal["signatory", "participant", "visitor", "speaker"]


class PartyRecord(TypedDict):
    name: str
    code: str


class SpeakerRecord(TypedDict):
    name: str
    country: str | None


class EvidenceRecord(TypedDict):
    start: int
    end: int
    text: str


class CodesRecord(TypedDict):
    cameo: str
    plover: str | None
    plover_mode: str | None
    plover_context: str | None


class EventRecord(TypedDict):
    doc_id: str | None
    type: EventType
    actors: list[ActorRecord]
    parties: list[PartyRecord]
    destination: str | None
    location: str | None
    date: str | None
    status: Literal["occurred", "planned"]
    speaker: SpeakerRecord | None
    quote: str | None
    evidence: EvidenceRecord
    confidence: float
    codes: CodesRecord
    coder_version: str


@cache
def schema() -> dict:
    """The JSON Schema of an `EventRecord`."""
    return json.loads(resources.files("pipeline.extract").joinpath("event.schema.json").read_text("utf-8"))


def to_record(e: EventMention, text: str, doc_id: str | None, coder_version: str) -> EventRecord:
    actors: list[ActorRecord] = []
    parties: dict[str, PartyRecord] = {}
    for a, role in e.actors:
        actors.append({"name": a.name, "kind": a.kind, "country": a.code, "role": role})  # type: ignore[typeddict-item]
        if a.code:
            parties.setdefault(a.code, gz.party(a.code))  # type: ignore[arg-type]
    third = bool(e.destination_code) and e.type == "meeting" and all(
        a.code != e.destination_code for a, _ in e.actors if a.code)
    s, t = e.evidence
    return {
        "doc_id": doc_id,
        "type": e.type,  # type: ignore[typeddict-item]
        "actors": actors,
        "parties": list(parties.values()),
        "destination": e.destination if e.type == "visit" else None,
        "location": e.location,
        "date": e.date or e.month,  # a day, else the month ("2026-03") when only that is known
        "status": "occurred" if e.type == "statement" else e.status,  # type: ignore[typeddict-item]
        "speaker": {"name": e.speaker.name, "country": e.speaker.code} if e.speaker else None,
        "quote": e.quote,
        "evidence": {"start": s, "end": t, "text": text[s:t]},
        "confidence": round(e.confidence, 3),
        "codes": codes_for(e.type, negotiation=e.negotiation, third_location=third),  # type: ignore[typeddict-item]
        "coder_version": coder_version,
    }
