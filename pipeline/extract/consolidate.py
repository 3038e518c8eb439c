"""One event per real-world occurrence per article: merging repeated mentions, sharing place
and date within an episode, and the visits implied by talks abroad.

A signing mentioned three times, or a meeting first reported with both leaders and later
with one, collapses into one event: mentions of a type merge when their participants
overlap (one set contains the other, or they share two) and their dates and statuses do not
disagree (two verbs of one sentence tell one meeting whatever status each suggests, and so do
the same people's talks told as held and then as due with no day, place or cue of later talks
of their own; talks recalled from a named month are not today's; names compare without
diacritics). "The meeting", "the talks" with nothing of their own join the
latest talks told before them that share a side. Documents signed for the same sides in one
sentence or the next ones are one ceremony, whoever signed which (but not a signing its clause
sets in an earlier year), and so is one "signed between the governments of A and B" with no
signatory named, wherever the article tells it; "the MoU was signed by A and B", "X signed for
Ghana", "those present at the signing ceremony" tell the last signing told before. The merged event keeps the most informative
sentence as evidence and gains a little confidence for each extra mention.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pipeline.extract import gazetteer as gz
from pipeline.extract.vocabulary import MANY_SIDED_RE

if TYPE_CHECKING:
    from pipeline.extract.prepare import Dateline
    from pipeline.extract.roles import ActorRef


@dataclass
class EventMention:
    type: str
    actors: list[tuple[ActorRef, str]]  # (actor, role)
    unit: int
    evidence: tuple[int, int]
    confidence: float
    location: str | None = None
    destination: str | None = None
    destination_code: str | None = None
    date: str | None = None
    status: str = "occurred"
    speaker: ActorRef | None = None
    quote: str | None = None
    quote_span: tuple[int, int] | None = None
    implied: bool = False
    negotiation: bool = False
    mentions: int = 1
    same_day: bool = False
    day_after: bool = False  # "the following morning": the day after the episode before
    units: set[int] = field(default_factory=set)
    extra_parties: list[str] = field(default_factory=list)  # codes
    other_cities: tuple[str, ...] = ()  # cities its sentence names (the dateline yields to them)
    away: bool = False  # its clause places it in a named area that is no city (the dateline yields to it)
    session: str | None = None  # "one-on-one", "delegation-level": talks held in several sessions
    month: str | None = None  # "YYYY-MM": the month the text dates it to when no day is known
    span: bool = False  # its clause dates it to a span ("last week"): no day to borrow
    anaphoric: bool = False  # "the meeting", "those talks": the talks told before, not new ones
    earlier: bool = False  # its clause sets it back in time ("last year"): not today's ceremony, trip or talks
    recalled: bool = False  # dated to a month gone weeks before the article ("last met in Tashkent in November")
    follow_up: bool = False  # its clause tells talks still to come ("meet again", "agreed to hold"): other talks
    purpose: bool = False  # talks a journey is made for ("arrived for talks with X"): held once told so

    def __post_init__(self):
        if not self.units:
            self.units = {self.unit}

    def keys(self, roles=None) -> set[str]:
        out = set()
        for a, role in self.actors:
            if roles and role not in roles:
                continue
            out.add(a.key)
            if a.code:
                out.add(f"#{a.code}")
        return out

    def person_keys(self, roles=None) -> set[str]:
        return {a.key for a, role in self.actors if a.kind == "person" and (not roles or role in roles)}

    def richness(self) -> int:
        return (
            2 * bool(self.location) + bool(self.destination) + bool(self.date)
            + len(self.person_keys()) + (0 if self.implied else 2)
        )


def _compatible(a: EventMention, b: EventMention) -> bool:
    if a.type != b.type or _apart_in_time(a, b):
        return False
    if a.type == "statement":
        return a.speaker is not None and b.speaker is not None and a.speaker.key == b.speaker.key and a.quote == b.quote
    if a.type == "visit":
        return _same_trip(a, b)
    return _same_talks(a, b)


def _apart_in_time(a: EventMention, b: EventMention) -> bool:
    """Dates, statuses or an earlier year that tell two occurrences apart."""
    if a.date and b.date and a.date != b.date and a.type != "visit" and not _purpose_then_held(a, b):
        return True  # (a trip spans days: a visit's mentions may carry different ones)
    if _other_months(a, b):
        return True  # "held talks on Tuesday ... recalling their meeting in Lima last November"
    if a.status != b.status and not (a.implied or b.implied) and a.type != "visit" and not _one_talks(a, b):
        return True
    if a.recalled != b.recalled and a.type != "visit":
        return True  # "held talks" (undated) ... "the two last met in Tashkent in November": two meetings
    return a.type == "signing" and a.earlier != b.earlier  # "signed by the two countries last year"


def _same_undated_talks(a: EventMention, b: EventMention) -> bool:
    """Talks of the same people told as due and as held, neither dated ("Doval and Kwatra held
    a meeting with Dahal"; "he was later joined by Kwatra and Doval for their scheduled
    meeting"): one meeting, the status of the report that it was held prevailing."""
    if a.type != "meeting" or any(e.date or e.month or e.span for e in (a, b)):
        return False
    pa, pb = _folded(a.person_keys()), _folded(b.person_keys())
    return len(pa) >= 2 and pa == pb


def _one_talks(a: EventMention, b: EventMention) -> bool:
    """Mentions that tell one occurrence whatever status each suggests."""
    return _one_sentence(a, b) or _same_undated_talks(a, b) or _told_due_and_held(a, b) or _purpose_then_held(a, b)


def _purpose_then_held(a: EventMention, b: EventMention) -> bool:
    """The talks a journey was made for, then told as held by the same people ("X arrived in
    Nairobi on Monday for talks with Y" ... "the two leaders discussed trade"): one meeting, held."""
    if (pair := _due_and_held(a, b)) is None:
        return False
    due, held = pair
    return due.purpose and min(held.units) >= min(due.units) and not (due.date and held.date and held.date < due.date)


def _due_and_held(a: EventMention, b: EventMention) -> tuple[EventMention, EventMention] | None:
    """(the due mention, the held one) when the two tell the same people's talks, one as planned
    and one as occurred; else None."""
    if a.type != "meeting" or {a.status, b.status} != {"occurred", "planned"}:
        return None
    pa, pb = _folded(a.person_keys()), _folded(b.person_keys())
    if len(pa) < 2 or pa != pb:
        return None
    return (a, b) if a.status == "planned" else (b, a)


def _other_months(a: EventMention, b: EventMention) -> bool:
    """One dated to a named month only ("in February", not "last month", which often dates
    something else in the clause: "the venue of their first summit last month"), the other to
    another month (or a day in another month); not for a trip, whose sentences often name the
    month of something else ("sworn in last month")."""
    if a.type == "visit" or not (a.month and not a.date and not a.span or b.month and not b.date and not b.span):
        return False
    ma, mb = (a.date or "")[:7] or a.month, (b.date or "")[:7] or b.month
    return bool(ma and mb and ma != mb)


def _told_due_and_held(a: EventMention, b: EventMention) -> bool:
    """The same people's talks told as held and then as due, the due ones with no day, month, place
    or cue of later talks of their own ("X held talks with Y on Friday" ... "after the talks between
    X and Y, agreements will be signed"; "X went on to call on Y"): one meeting, held."""
    if (pair := _due_and_held(a, b)) is None:
        return False
    due, held = pair
    if min(due.units) < min(held.units):
        return False  # "their formal meeting is due tonight" ... "they first met in March"
    if due.follow_up or due.month or due.span or (due.date and due.date != held.date):
        return False  # "the two leaders agreed to meet again", "talks scheduled for Wednesday"
    return not (due.location and held.location and gz.fold(due.location) != gz.fold(held.location))


def _one_sentence(a: EventMention, b: EventMention) -> bool:
    """Two mentions from one sentence (one dated at most): "Anwar is to meet Lee, who is hosting
    him" tells one meeting, whatever status each verb suggests."""
    return a.type != "statement" and bool(a.units & b.units) and not (a.date and b.date)


def _same_trip(a: EventMention, b: EventMention) -> bool:
    if a.earlier != b.earlier and "planned" not in (a.status, b.status) and _day((b if a.earlier else a).date) \
            and a.unit != b.unit and not (a.date and b.date and _near_in_time(a, b, _RECALLED_DAYS)):
        return False  # "a year earlier, after talks in Moscow" and today's talks there: two trips
    va, vb = a.person_keys({"visitor"}) or a.keys({"visitor"}), b.person_keys({"visitor"}) or b.keys({"visitor"})
    if not (va & vb) and not _state_of_the_visitor(a, b) and not _state_of_the_visitor(b, a):
        return False
    # one trip per destination country in an article, whatever cities it takes in
    if a.destination_code and b.destination_code:
        return a.destination_code == b.destination_code
    return not (a.location and b.location and a.location != b.location)


def _state_of_the_visitor(a: EventMention, b: EventMention) -> bool:
    """A trip told with the state as the visitor ("the first visit to China by a senior American
    diplomat", a headline's "Chinese president arrives") is the trip of the person of that state
    the article names."""
    states = {x.code for x, role in a.actors if role == "visitor" and x.kind != "person" and x.code}
    people = [x for x, role in b.actors if role == "visitor" and x.kind == "person"]
    if a.earlier != b.earlier or a.date and b.date and a.date[:7] != b.date[:7]:
        return False  # "the last visit by a Paraguayan president was in 2008": another trip
    return bool(states) and not a.person_keys({"visitor"}) and bool(people) and all(x.code in states for x in people)


def _same_talks(a: EventMention, b: EventMention) -> bool:
    """Meetings and signings: the same place and session, and one side's participants within
    the other's (or two in common)."""
    if a.destination_code and b.destination_code and a.destination_code != b.destination_code:
        return False  # talks in Lilongwe and consultations in Lusaka are two meetings
    if a.session and b.session and a.session != b.session:
        return False  # a one-on-one, then delegation-level talks: two sessions
    if a.type == "signing" and _one_ceremony(a, b):
        return True
    if a.type == "meeting" and _other_counterparts(a, b):
        return False  # one minister with his Slovak, then his Swedish counterpart: two meetings
    pa, pb = _folded(a.person_keys()), _folded(b.person_keys())
    if pa and pb:
        return pa <= pb or pb <= pa or len(pa & pb) >= 2
    ka, kb = a.keys(), b.keys()
    return (bool(ka) and bool(kb) and (ka <= kb or kb <= ka or len(ka & kb) >= 2)
            or _states_of_untold_people(a, b) or _states_of_untold_people(b, a))


def _states_of_untold_people(a: EventMention, b: EventMention) -> bool:
    """`a` names only states, `b` the people; each state of `a` is one of `b`'s or can be the
    country of one of `b`'s people whose country the article does not tell ("N. Korea's delegation
    chief meets Russian party leader" ... "Kim Su-gil met with Zyuganov on Tuesday")."""
    if a.person_keys() or not b.person_keys():
        return False
    ca, cb = {x.code for x, _ in a.actors if x.code}, {x.code for x, _ in b.actors if x.code}
    untold = sum(1 for x, _ in b.actors if x.kind == "person" and not x.code)
    return len(ca) >= 2 and bool(ca & cb) and 0 < len(ca - cb) <= untold


def _other_counterparts(a: EventMention, b: EventMention) -> bool:
    """Each meeting has a side the other lacks and they share one side only: the same person
    meeting two counterparts (the people named for both sides agree, one side a state)."""
    ca, cb = {x.code for x, _ in a.actors if x.code}, {x.code for x, _ in b.actors if x.code}
    # ("President Bush" with no country told: the person the two share is the side they share)
    shared = len(ca & cb) == 1 or not ca & cb and bool(_folded(a.person_keys()) & _folded(b.person_keys()))
    return shared and bool(ca - cb) and bool(cb - ca)


def _folded(keys: set[str]) -> set[str]:
    """Person keys compared without case and diacritics ("Inácio" is "Inacio")."""
    return {gz.fold(k) for k in keys}


def _one_ceremony(a: EventMention, b: EventMention) -> bool:
    """Documents signed by the same sides, told in one sentence or the next ones ("the leaders
    witnessed the exchange of 12 agreements, signed by ministers A and B"; "C and D signed a
    third MoU at the same ceremony"): one signing, whoever put pen to which paper."""
    ca, cb = {x.code for x, _ in a.actors if x.code}, {x.code for x, _ in b.actors if x.code}
    if a.units & b.units and (ca & cb or _folded(a.person_keys()) & _folded(b.person_keys())):
        return True  # "the presidents witnessed the signing of four agreements, signed by A and B": one
    if not ca or not cb or max(len(ca), len(cb)) < 2 or not (ca <= cb or cb <= ca):
        return False  # (one side's signatory may be a name the article gives no country)
    if not (a.person_keys() and b.person_keys()):
        return True  # "a MoU was signed between the governments of A and B": the signing told, wherever
    if ca == cb and a.status == b.status and (not (a.date or a.month or a.span)) != (not (b.date or b.month or b.span)):
        return True  # the same two sides' signing told again with no time of its own: the one dated
    return min(abs(i - j) for i in a.units for j in b.units) <= 2


def _merge_into(keep: EventMention, other: EventMention) -> None:
    status = keep.status
    held = (_same_undated_talks(keep, other) or _told_due_and_held(keep, other) or _purpose_then_held(keep, other)) \
        and "occurred" in (status, other.status)
    seen = {a.key for a, _ in keep.actors}
    visiting = {a.code for a, role in keep.actors if role == "visitor" and a.kind == "person"}
    for a, role in other.actors:
        if role == "visitor" and a.kind != "person" and a.code in visiting:
            continue  # "an Egyptian leader's visit" merged into Mursi's: Egypt is his state, not another visitor
        if a.key not in seen:
            keep.actors.append((a, role))
            seen.add(a.key)
    # a planned leg of an occurred trip ("is due to travel to Harbin on Friday") does not
    # place or date the trip
    borrow = not (keep.type == "visit" and keep.status == "occurred" and other.status == "planned")
    for attr in ("location", "destination", "destination_code", "date"):
        if borrow and not getattr(keep, attr) and getattr(other, attr):
            setattr(keep, attr, getattr(other, attr))
    if keep.type == "visit" and status == other.status == "occurred" and _day(other.date) and _day(keep.date) \
            and other.date < keep.date:  # type: ignore[operator]
        keep.date = other.date  # a trip is dated by its first day told ("arrived on Thursday ... met X on Friday")
    if keep.implied and not other.implied:
        keep.status = other.status
        keep.implied = False
    if held or keep.type == "visit" and "occurred" in (status, other.status):
        keep.status = "occurred"
    if held and keep.purpose and other.status == "occurred" and other.date:
        keep.date = other.date  # the talks' own day, not the journey's
    keep.purpose = keep.purpose and other.purpose and not held
    keep.session = keep.session or other.session
    keep.month = keep.month or other.month
    keep.units |= other.units
    keep.negotiation = keep.negotiation or other.negotiation
    keep.mentions += other.mentions
    keep.confidence = min(0.99, max(keep.confidence, other.confidence) + 0.03)


def _day(date: str | None) -> bool:
    return bool(date) and len(date or "") == 10


def _antecedent(out: list[EventMention], m: EventMention) -> EventMention | None:
    """The talks "the meeting" refers back to: the latest earlier ones of its type that share
    a participant or a side, whatever its status
    ("Tillerson said he hoped the meeting would open the way"); of all the people it names when
    some earlier talks have them ("their meeting" of A and B, after talks of A and B and then of
    A and C)."""
    by_side: EventMention | None = None
    partial: EventMention | None = None
    for o in reversed(out):
        if o.type != m.type or o.anaphoric or min(o.units) > min(m.units):
            continue
        if o.date and m.date and o.date != m.date or _other_months(o, m):
            return partial or by_side
        if m.month and m.location and m.location != o.location and not (o.date or o.month or "").startswith(m.month):
            return partial or by_side  # "their meeting in Hanoi last December": earlier talks elsewhere, not those just told
        po, pm = _folded(o.person_keys()), _folded(m.person_keys())
        if po & pm:
            if len(pm) >= 2 and not pm <= po:
                partial = partial or o
                continue
            return o
        if by_side is None and o.keys() & m.keys():
            if not (po and pm):
                return partial or o  # (those "sitting in on the meeting" may be new names of the same sides)
            by_side = o  # ("the two leaders" named: older talks of theirs told before others of their sides)
            continue
        return partial or by_side  # only the latest talks: an older one is not what "the meeting" means
    return partial or by_side


def _told_signing(out: list[EventMention], m: EventMention) -> EventMention | None:
    """The ceremony "the MoU was signed by A and B" or "those present at the signing ceremony"
    refer back to: the latest signing told before, of the same time, unless the mention names
    two sides of its own that ceremony lacks."""
    if m.type != "signing":
        return None
    for o in reversed(out):  # (a standing "signed the agreement" is a ceremony told, though it tells one before)
        if o.type != "signing" or min(o.units) > min(m.units):
            continue
        if o.earlier != m.earlier or o.date and m.date and o.date != m.date:
            return None
        if o.status != m.status and (m.date or m.month or m.span):
            return None  # ("the signing is due on Friday": a ceremony of its own; with no time, the one told)
        co, cm = {x.code for x, _ in o.actors if x.code}, {x.code for x, _ in m.actors if x.code}
        return o if len(cm - co) < 2 else None
    return None


def merge_mentions(mentions: list[EventMention]) -> list[EventMention]:
    """Collapse repeated mentions of the same occurrence; order of first mention is kept."""
    out: list[EventMention] = []
    for m in _retold_one_each(mentions):
        if m.anaphoric and (ante := _antecedent(out, m)) is not None:
            _merge_into(ante, m)  # the told talks keep their evidence and status
            continue
        if m.anaphoric and (ante := _told_signing(out, m)) is not None:
            sides = {x.code for x, _ in ante.actors if x.code}
            m.actors = [(x, role) for x, role in m.actors if not x.code or x.code in sides]
            _merge_into(ante, m)  # (a side the ceremony lacks is a title's country, not a signatory's)
            continue
        targets = [o for o in out if _compatible(o, m)]
        if _restates_apart(m, targets):
            continue  # "held meetings with A and B and discussed ties": the meetings told, one each
        target = targets[0] if targets else None
        if target is None:
            out.append(m)
            continue
        told_done = m.type == "visit" and m.status == "occurred" and target.status == "planned" and not target.implied
        if told_done or (m.richness() > target.richness()
                         and not (m.type == "visit" and m.status == "planned" and target.status == "occurred")):
            # the clearer sentence becomes the evidence (for a trip, the one telling it happened:
            # "received visiting X in Nairobi" over "X is scheduled to travel to Mombasa");
            # keep the first position in the list
            idx = out.index(target)
            _merge_into(m, target)
            out[idx] = m
        else:
            _merge_into(target, m)
    return _told_one_each(out)


def _retold_one_each(mentions: list[EventMention]) -> list[EventMention]:
    """Talks of one person with several told together ("called on A and B") whose every
    counterpart the article tells met by that person on their own, in other sentences ("went to
    meet A and later met B at his residence"): the sessions were one with each, so the talks told
    together are those meetings told again, one each, not a meeting of them all ("After the talks
    with A, X is to be received by B": its other trigger tells B's apart)."""
    out: list[EventMention] = []
    for m in mentions:
        people = {k: a for a, _ in m.actors if a.kind == "person" for k in _folded({a.key})}
        host = None
        if m.type == "meeting" and len(people) >= 3:  # (the pairs only for talks of three or more)
            pairs = [_folded(o.person_keys()) for o in mentions if o.type == "meeting" and o is not m
                     and len(o.person_keys()) == 2 and not (o.date and m.date and o.date != m.date)
                     and not _other_months(o, m) and o.recalled == m.recalled]  # (any status: "went to meet A")
            host = next((h for h in people if all({h, k} in pairs for k in people if k != h)), None)
        if host is None:
            out.append(m)
            continue
        for k, a in people.items():
            if k == host:
                continue
            codes = {people[host].code, a.code}
            out.append(replace(m, actors=[(x, role) for x, role in m.actors
                                          if x.kind == "person" and x.key in (people[host].key, a.key)
                                          or x.kind != "person" and x.code in codes], units=set(m.units)))
    return out


def _told_one_each(out: list[EventMention]) -> list[EventMention]:
    """Talks told by states only ("PM holds bilateral talks with Turkey, Spain") whose states are
    the counterparts of meetings told apart, one each, by someone the states are not ("Modi held
    bilaterals with Spain and Turkey"): those meetings retold, not talks between the states."""
    kept = list(out)
    for m in out:
        cm = {x.code for x, _ in m.actors if x.code}
        if m.type != "meeting" or m.person_keys() or len(cm) < 2:
            continue
        each = [o for o in kept if o is not m and o.type == "meeting" and o.person_keys() and o.status == m.status
                and not _apart_in_time(o, m) and len({x.code for x, _ in o.actors if x.code} & cm) == 1]
        for person in {k for o in each for k in _folded(o.person_keys())}:
            told = [o for o in each if person in _folded(o.person_keys())]  # the same person on the other side
            if len(told) >= 2 and {c for o in told for x, _ in o.actors if (c := x.code) in cm} == cm:
                told[0].mentions += m.mentions
                kept.remove(m)
                break
    return kept


def _restates_apart(m: EventMention, targets: list[EventMention]) -> bool:
    """Talks of one sentence whose people cover two of its meetings told apart (one with each
    counterpart): the sentence's other verb telling them together, not one meeting of them all."""
    own = [o for o in targets if o.type == "meeting" and o.units & m.units]
    return any(not _compatible(a, b) for i, a in enumerate(own) for b in own[i + 1:])


@dataclass(frozen=True)
class CityMention:
    """A city (or a venue's or seat's city) the article names outside quotations."""

    unit: int
    city: str
    code: str


def consolidate(mentions: list[EventMention], dateline: Dateline | None,
                cities: Callable[[], Sequence[CityMention]] = tuple, text: str = "",
                published: dt.date | None = None) -> list[EventMention]:
    """The article's events from its signing, meeting and visit mentions: repeats merged, place
    and date shared within each episode, visits implied by talks or signings abroad added, and
    the city of each trip given to its visits and talks."""
    for m in mentions:
        m.recalled = not m.date and bool(m.month) and _weeks_before(m, published)
    merged = merge_mentions(mentions)
    share_context(merged, dateline, published, _gathering_in_datelines_city(dateline, text))
    merged = merge_mentions(merged + implied_visits(merged))
    for v in implied_visits(place_trips(merged, dateline, cities, text)):
        if not any(_compatible(o, v) for o in merged):
            merged.append(v)  # talks placed on a trip: the third country's leader met there visits too
    for e in merged:
        if e.location and not _city_like(e.location):
            e.location = None  # "talks in Mozambique": a country is no location (a city-state's name is)
    return [e for e in merged if not (e.type == "visit" and not (e.destination or e.location))]


def share_context(events: list[EventMention], dateline: Dateline | None, published: dt.date | None = None,
                  gathering_here: bool = False) -> None:
    """Fill a missing place or date from the same episode: an event about the same people in
    the same or the previous sentences ("Wang arrived in Canberra on Wednesday ... Wang held
    talks with Wong"), "the same day", or the dateline for talks and signings (for any talks
    when the article holds a gathering of many states there: `gathering_here`)."""
    ordered = sorted(events, key=lambda e: e.unit)
    for e in ordered:
        if e.type == "statement":
            continue
        if not e.date and e.day_after:
            days = [f.date for f in ordered if f.unit < e.unit and f.date and len(f.date) == 10]
            if days and days[-1]:
                e.date = (dt.date.fromisoformat(days[-1]) + dt.timedelta(days=1)).isoformat()
        if not e.date and e.same_day:
            # "Earlier in the day, A and B held talks": the day of the last talks or signing
            # told (a trip spans days), else of the last event
            prev = [f for f in ordered if f.unit < e.unit and f.date]
            talks = [f for f in prev if f.type != "visit"]
            if prev:
                e.date = (talks or prev)[-1].date
        _borrow_from_episode(e, ordered)
        filed_there = dateline is not None and bool(dateline.city) and not _weeks_before(e, published)
        if e.type in ("signing", "meeting") and not e.location and not e.destination_code and dateline and filed_there:
            abroad = _trip_abroad(e, ordered, dateline)
            if abroad is not None:  # "ISLAMABAD - Khan reached Sri Lanka ... will hold meetings with X during the visit"
                e.location, e.destination_code = abroad.location, abroad.destination_code
                continue
            # the dateline is where the reporter is; it places the event only when one of the
            # parties is at home there (or at its organisation's seat)
            codes = {a.code for a, _ in e.actors if a.code}
            elsewhere = e.away or (e.other_cities and dateline.city not in e.other_cities)
            if not elsewhere and (dateline.code in codes or any(dateline.code in gz.HQ_CITIES.get(c, ()) for c in codes)
                                  or (gathering_here and len(codes) > 1)):
                # ("KAMPALA - ... the summit in Kampala ... A and B held talks": leaders of two
                # other states meet at the gathering)
                e.location, e.destination_code = dateline.city, dateline.code


def _gathering_in_datelines_city(dateline: Dateline | None, text: str) -> bool:
    """A sentence of the article holds a gathering of many states in the dateline's city ("the
    two-day summit in Kampala"): the reporter is at it."""
    if dateline is None or not dateline.city:
        return False
    for m in re.finditer(rf"\b(?:in|at)\s+{re.escape(dateline.city)}\b", text):
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        stop = min((i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i >= 0), default=len(text))
        if MANY_SIDED_RE.search(text, start, stop):
            return True
    return False


_RECALLED_DAYS = 14


def _weeks_before(e: EventMention, published: dt.date | None) -> bool:
    """The event ended weeks before the article ("the meeting he had with Putin at the Vostochny
    Spaceport in September", filed from Pyongyang in October): the dateline tells where the
    article is written, not where that past event was."""
    when = e.date or e.month
    if published is None or not when or not when[:4].isdigit():
        return False
    year = int(when[:4])
    if len(when) == 10:
        end = dt.date.fromisoformat(when)
    elif len(when) == 7:
        month = int(when[5:7])
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    else:
        end = dt.date(year, 12, 31)
    return end < published - dt.timedelta(days=_RECALLED_DAYS)


def _trip_abroad(e: EventMention, ordered: list[EventMention], dateline: Dateline) -> EventMention | None:
    """The trip away from the dateline's country, told within four sentences of the event's
    (before or after: "Earlier, X called on Y. X landed in China on Monday"), that one of its
    people makes to the country of the others: the talks are held there (planned on a trip
    under way), not where the reporter files from."""
    keys = e.person_keys()
    for v in sorted(ordered, key=lambda f: abs(f.unit - e.unit)):
        if v.type != "visit" or abs(e.unit - v.unit) > 4 or not v.destination_code or not _of_its_time(e, v) \
                or v.earlier:
            continue
        if v.destination_code != dateline.code and keys & v.person_keys({"visitor"}) and _hosted(e, v) and any(
                a.code == v.destination_code for a, _ in e.actors):
            return v
    return None


def _borrow_from_episode(e: EventMention, ordered: list[EventMention]) -> None:
    keys = e.person_keys() or e.keys()
    for f in sorted(ordered, key=lambda f: -f.unit):
        if f is e or min(f.units) > max(e.units) or f.status != e.status:
            continue
        gap = min(abs(a - b) for a in e.units for b in f.units)
        if gap > 2 or not (keys & (f.person_keys() or f.keys())):
            continue
        # (a trip or talks set back in time, "her visit to New Delhi last year", do not place today's)
        if not e.location and f.location and not (f.type == "visit" and e.type != "visit" and not _hosted(e, f)) \
                and not (f.earlier and not e.earlier) and not _other_months(e, f):
            # (nor a meeting of another month today's talks: "the meeting he had with Putin at the
            # Vostochny Spaceport in September", recalled at talks in Pyongyang in October)
            fcode = f.destination_code  # (talks with a third country's leader are not held on the visit)
            # (nor talks its sentence places in another country: "travel to France, where X will meet Y")
            if not e.destination_code or not fcode or e.destination_code == fcode:
                e.location = f.location
                e.destination_code = e.destination_code or fcode
                if e.type == "visit" and not e.destination:
                    e.destination = f.destination
        if not e.date and f.date and not e.span and not e.month and not (e.earlier and not f.earlier):
            e.date = f.date  # (not to one dated to its own month: "their meeting in Hanoi last December",
            # nor to one set back in time: "a year earlier, after talks in Moscow, A and B signed")
        if e.location and (e.date or e.span or e.month):
            break


def implied_visits(events: list[EventMention]) -> list[EventMention]:
    """A foreign official placed in a named city abroad for a signing or talks is visiting (a
    minister signing for a delegation whose leader's trip the article tells travels with it, and
    visits too)."""
    out = []
    for e in events:
        if e.type not in ("signing", "meeting") or not e.destination_code:
            continue
        host = e.destination_code
        for a, _role in e.actors:
            if a.kind != "person" or not a.code or a.resident or a.code == host:
                continue
            if host in gz.HQ_CITIES.get(a.code, ()):
                continue
            place = gz.lookup(e.location) if e.location else None
            loc = e.location if place is not None and place.kind == "city" else None
            if loc is None and e.location and place is None:
                loc = e.location
            dest_code = host
            for b, _r in e.actors:  # at an organisation's seat, the organisation hosts
                if b.code and host in gz.HQ_CITIES.get(b.code, ()) and b.code != a.code:
                    dest_code = b.code
            if dest_code != host and any(f.type == "visit" and f.destination_code == host and a.key in f.keys({"visitor"})
                                         for f in events):
                continue  # (already visiting the host country: the organisation's seat is on that trip)
            v = EventMention(
                "visit", [(a, "visitor")], e.unit, e.evidence, 0.6, location=loc,
                destination=gz.party(dest_code)["name"], destination_code=dest_code, date=e.date,
                status=e.status, implied=True, month=e.month, earlier=e.earlier)
            v.units = set(e.units)
            out.append(v)
    return out


def place_trips(events: list[EventMention], dateline: Dateline | None, cities: Callable[[], Sequence[CityMention]],
                text: str = "") -> list[EventMention]:
    """Cities for events the sentence places by country only, or not at all ("on a state visit to
    Egypt", "the two leaders held talks"): a visit takes the city where its visitor's talks in
    that country are placed, else the dateline's city in that country, else the one city of that
    country the article names (`cities`, asked only then); talks and signings of a visitor take the city of the trip; and a
    country named as the place yields to the dateline's city in it. Returns the talks and
    signings placed on a trip."""
    for v in events:
        if v.type == "visit" and v.destination_code and not _city_like(v.location):
            city = _trip_city(v, events, dateline, cities)
            if city:
                v.location = city
    placed = []
    # trips to a gathering of many states' leaders ("in Osaka for the G20 summit"): talks held on
    # them with a third country's leader are held there
    summits = {id(v) for v in events if v.type == "visit" and MANY_SIDED_RE.search(text, *v.evidence)}
    for e in events:
        if e.type not in ("signing", "meeting") or _city_like(e.location):
            continue
        arrival = bool(_ON_ARRIVAL.search(text, *e.evidence))
        trip = _trip_of(e, events, arrival or bool(_DURING_TRIP.search(text, *e.evidence))
                        and not _BEFORE_TRIP.search(text, *e.evidence), arrival, summits)
        if trip is not None:
            placed.append(e)
            e.location, e.destination_code = trip.location, trip.destination_code
            if arrival and not e.date and trip.date:
                e.date = trip.date  # "Soon after his arrival, X met Y": the day of the arrival
        elif e.location and dateline and dateline.city:
            named = gz.lookup(e.location)
            if named is not None and named.code == dateline.code:
                e.location = dateline.city
    return placed


def _city_like(location: str | None) -> bool:
    """A city, a venue or a place the gazetteer does not know; not a country or organisation."""
    if not location:
        return False
    place = gz.lookup(location)
    return place is None or place.kind in ("city", "seat") or _city_state(place.code) == location


def _city_state(code: str | None) -> str | None:
    """The capital of a country that is one city ("Singapore"), named as the country is."""
    capital = gz.CAPITAL_OF.get(code or "")
    return capital if capital and code and gz.fold(capital) == gz.fold(gz.country_name(code)) else None


def _trip_city(v: EventMention, events: list[EventMention], dateline: Dateline | None,
               cities: Callable[[], Sequence[CityMention]]) -> str | None:
    code, visitors = v.destination_code, v.person_keys({"visitor"})
    if _city_state(code):
        return _city_state(code)
    talks = [e for e in events if e.type in ("signing", "meeting") and e.destination_code == code
             and _city_like(e.location) and visitors & e.person_keys() and _near_in_time(e, v)]
    if talks:
        return min(talks, key=lambda e: min(abs(a - b) for a in e.units for b in v.units)).location
    if dateline is not None and dateline.city and dateline.code == code and not ((v.month or v.span) and not v.date):
        return dateline.city  # (not a trip of another time: "in May 2019, when X visited India")
    named = {gz.fold(c.city): c.city for c in cities() if c.code == code}
    return next(iter(named.values())) if len(named) == 1 else None


# "during the visit", "before concluding his visit", "the visit will also see the signing": the
# sentence places its event within the trip; "ahead of his visit" does not.
_DURING_TRIP = re.compile(r"\b(?:visit|trip|tour|stay|stopover)\b", re.I)
# "Soon after his arrival, X met Y", "Upon arrival, ...": talks at the arrival's city, whoever the
# other side is (the leader of a third country at the same summit)
_ON_ARRIVAL = re.compile(r"\b(?:on|upon|after|soon after|shortly after)\s+(?:(?:his|her|their|the)\s+)?arrival\b", re.I)
_BEFORE_TRIP = re.compile(r"\b(?:ahead of|in preparation for|to prepare|preparing|prepared|before|after)\s+(?:the\s+|his\s+|her\s+|their\s+|(?-i:[A-Z])[\w'’]*\s+)*(?:visit|trip|tour)\b", re.I)


def _trip_of(e: EventMention, events: list[EventMention], during: bool = False,
             arrival: bool = False, summits: set[int] | frozenset[int] = frozenset()) -> EventMention | None:
    """The visit, placed in a city, of one of the event's participants that the event belongs
    to: the visitor's only destination (or the one the event's sentence names), at about the
    same time; talks planned during a trip under way only when their sentence names its country
    or the trip (`during`); those told right on `arrival`, or on a trip to a gathering of many
    states (`summits`), with a third country's leader too."""
    people = e.person_keys()

    def summit(v: EventMention) -> bool:  # (told in a sentence of its own: "meets X before flying to a summit in Seoul" is not)
        return id(v) in summits and not v.units & e.units

    trips = [v for v in events if v.type == "visit" and v.destination_code and people & v.person_keys({"visitor"})
             and _of_its_time(e, v) and (e.earlier or not v.earlier)]  # (not "her visit to Delhi last year")
    if e.destination_code:
        trips = [v for v in trips if v.destination_code == e.destination_code]
    elif len({v.destination_code for v in trips}) > 1:
        return None  # a tour: which leg the talks belong to is the sentence's to say
    trips = [v for v in trips if _city_like(v.location) and (_hosted(e, v) or arrival or summit(v)) and (
        v.status == e.status or (v.status == "occurred" and (e.destination_code or during or _under_way(e, v))))]
    if not trips:
        return None
    return min(trips, key=lambda v: min(abs(a - b) for a in e.units for b in v.units))


def _hosted(e: EventMention, v: EventMention) -> bool:
    """The visit's country may host the event: no other participant with a country, or one of it."""
    visitors = v.keys({"visitor"})
    codes = {a.code for a, _ in e.actors if a.code and a.key not in visitors}
    return not codes or v.destination_code in codes


def _of_its_time(e: EventMention, v: EventMention) -> bool:
    """The trip may be the one the event belongs to: not one its sentence dates to a span or a
    month of its own ("when Xi visited South Africa two months ago" is not the trip of today's
    talks in Beijing), nor one days away from it."""
    if v.date:  # (a trip dated to its day: a month or span a merged mention told is not its time)
        return _near_in_time(e, v)
    if v.span and not e.span:
        return False
    return not (v.month and v.month != (e.month or (e.date or "")[:7] or None))


def _under_way(e: EventMention, v: EventMention) -> bool:
    """Talks planned on or within three days after the day a trip is told as begun ("Putin is in
    Beijing ... Xi and Putin will hold talks on Wednesday"): they are held on that trip."""
    if e.status != "planned" or v.status != "occurred" or not (e.date and v.date) or len(e.date) < 10 or len(v.date) < 10:
        return False
    return 0 <= (dt.date.fromisoformat(e.date) - dt.date.fromisoformat(v.date)).days <= 3


def _near_in_time(a: EventMention, b: EventMention, days: int = 4) -> bool:
    if not (a.date and b.date):
        return True
    try:
        return abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days) <= days
    except ValueError:
        return a.date[:7] == b.date[:7]
