"""The event coder: one article's parsed sentences → event records, as named passes over an
`ArticleContext`:

    units → persons → places → subjects      (context: what the article names, and where)
    events (one builder per type) → consolidate  (signings, meetings, visits, one per occurrence)
    statements                                (quotations with their speakers)
    records                                   (the typed records handed to the store)

`prepare` (in `prepare`) finds the quotations and sentences and picks the sentences worth
parsing; the caller parses them (`runner`, batched over many articles with nlp.pipe) and
calls `code_document`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline.extract import gazetteer as gz
from pipeline.extract import lexicon
from pipeline.extract.actors import find_places
from pipeline.extract.consolidate import CityMention, consolidate, merge_mentions
from pipeline.extract.context import ArticleContext, persons_pass, places_pass, subjects_pass, units_pass
from pipeline.extract.dates import filing_day
from pipeline.extract.events import event_mentions
from pipeline.extract.prepare import Prepared, prepare
from pipeline.extract.record import EventRecord, to_record
from pipeline.extract.statements import statements

CODER_RULES = "spacy-rules-0.28"
# The rules' label plus the word lists' content hash: a changed list is a new coder version.
CODER_VERSION = f"{CODER_RULES}+{lexicon.content_hash()[:8]}"


def code_document(prep: Prepared, parsed: dict[int, Any], published: dt.date | None,
                  doc_id: str | None = None) -> list[EventRecord]:
    """The events of one prepared article; `parsed` maps candidate sentence indices to Docs."""
    if prep.dateline is not None:  # the wire's own date is the day relative dates count from
        published = filing_day(prep.dateline.date_text, published) or published
    ctx = ArticleContext(prep, published)
    units_pass(ctx, parsed)
    persons_pass(ctx)
    places_pass(ctx)
    subjects_pass(ctx)
    events = consolidate(event_mentions(ctx), prep.dateline, lambda: article_cities(ctx), prep.text, published)
    events.extend(merge_mentions(statements(ctx)))
    return [to_record(e, prep.source or prep.text, doc_id, CODER_VERSION) for e in events]


_LEFT_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$")


def article_cities(ctx: ArticleContext) -> list[CityMention]:
    """The cities the article names outside quotations (a venue or a seat of government by its
    city), not those left from ("flew in from Nairobi"); every sentence, parsed or not."""
    out = []
    for u in ctx.units:
        for s, _e, surface, place in find_places(u.text, u.start):
            if place.kind not in ("city", "seat") or ctx.in_quote(s, s + len(surface)):
                continue
            city = place.city if place.kind == "city" else gz.SEAT_CITY.get(gz.fold(surface).removeprefix("the "))
            if city and not _LEFT_FROM.search(ctx.text, max(0, s - 12), s):
                out.append(CityMention(u.index, city, place.code))
    return out


__all__ = ["CODER_VERSION", "Prepared", "prepare", "code_document"]
