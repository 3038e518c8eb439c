"""Keys that decide identity: of a mention within an article, and of an event across articles.

Kept apart from the SQL so the clustering rule is readable and unit-tested on its own.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from functools import lru_cache

import orjson


@lru_cache(maxsize=65536)  # the same names and places recur in every batch
def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def _digest(obj) -> str:
    # orjson: the loader computes two keys per mention, and json.dumps alone cost more than the
    # whole database side of a load.
    return hashlib.sha1(orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)).hexdigest()[:20]


_NOT_IN_MENTION_KEY = ("doc_id", "confidence", "coder_version")


def mention_key(event: dict) -> str:
    """Stable for the same coder output: re-running a coder on the same text changes nothing."""
    body = dict(event)  # a copy in C, three keys off: a third of the cost of a filtering comprehension
    for k in _NOT_IN_MENTION_KEY:
        body.pop(k, None)
    return _digest(body)


def _parties(event: dict) -> list[str]:
    return sorted({(p.get("code") or _norm(p.get("name"))) for p in event.get("parties") or [] if p})


def _people(event: dict, role: str | None = None) -> list[str]:
    return sorted({
        _norm(a.get("name"))
        for a in event.get("actors") or []
        if a and a.get("kind") == "person" and (role is None or a.get("role") == role)
    })


def event_key(event: dict, published: date | None) -> str:
    """Mentions with the same key, in any article, are one real-world event.

    The day is the event's own date or, failing that, the article's publication day: two
    undated reports of "Putin visits Beijing" a year apart are not the same visit.
    """
    day = event.get("date") or (published.isoformat() if published else "undated")
    kind = event["type"]
    if kind == "statement":
        speaker = _norm((event.get("speaker") or {}).get("name"))
        words = _norm(event.get("quote")).split()
        # Near-identical quotes (punctuation, a trimmed tail) across copies are one statement.
        return _digest([kind, speaker, " ".join(words[:12])])
    if kind == "visit":
        who = _people(event, "visitor") or _people(event) or _parties(event)
        where = _norm(event.get("destination")) or _norm(event.get("location"))
        return _digest([kind, day, who, where])
    who = _parties(event) or _people(event)
    return _digest([kind, day, who])
