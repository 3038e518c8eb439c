"""Event dates resolved against the article's publication date, and planned-vs-occurred.

Only expressions that name one day resolve ("on Wednesday", "yesterday", "on 7 September",
"May 3, 2024"); spans ("last week", "next month") give no date but still tell the status.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pipeline.extract import lexicon
from pipeline.extract.wordforms import compile_guarded

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    m: i + 1
    for i, ms in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")]
    )
    for m in ms
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_RANGE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:to|-|–|and|until)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
# "on the 28th", "from the 14th": a day of the month the paper is in (or the next or last one)
_ORDINAL_DAY = re.compile(
    rf"\b(?:on|from|until|till|by|since)\s+the\s+(\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:{_MONTH_RE})\b)"
    r"(?!\s+(?:century|anniversary|time|round|day|edition|session|summit|meeting|congress|plenary)\b)", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DIGIT = re.compile(r"\d")
_DAYS = lexicon.load("dates")
# weekday name (English or of code-switching copy, lower-cased) -> 0 for Monday
_WEEKDAY_INDEX = {**{w: i for i, w in enumerate(WEEKDAYS)},
                  **{f.lower(): WEEKDAYS.index(w) for w, fs in _DAYS["weekdays"].items() for f in fs}}
_PAST_PARTICLES = frozenset(_DAYS["past_particles"])
_FOREIGN_WEEKDAYS = "|".join(f for fs in _DAYS["weekdays"].values() for f in fs)
_PARTICLES = "|".join(sorted([*_DAYS["past_particles"], *_DAYS["on_particles"]], key=len, reverse=True))
_WEEKDAY = compile_guarded(rf"\b(?:(last|next|this|on|coming|{_PARTICLES})\s+)?(" + "|".join(WEEKDAYS)
                      + rf"|(?-i:{_FOREIGN_WEEKDAYS}))\b", re.I)
_FOREIGN_RELATIVE = {f: w for w, fs in _DAYS["relative_days"].items() for f in fs}
_RELATIVE = compile_guarded(r"\b(yesterday|today|tomorrow|tonight|earlier today|last night|last evening|this morning|"
                       r"this afternoon|this evening|the day before yesterday|day after tomorrow|"
                       + "|".join(sorted(_FOREIGN_RELATIVE, key=len, reverse=True)) + r")\b", re.I)

PLANNED_RE = re.compile(
    r"\b(will|shall|'ll|is to|are to|was to|were to|is due to|are due to|is set to|are set to|"
    r"is expected to|are expected to|was expected to|were expected to|expects to|is scheduled to|"
    r"are scheduled to|scheduled for|plans to|planned to|is planning to|are planning to|intends to|"
    r"is preparing to|are preparing to|aims to|hopes to|upcoming|forthcoming|next (week|month|year)|"
    r"later this (week|month|year)|tomorrow|is going to|are going to|would)\b",
    re.I,
)


def _year_for(month: int, day: int, published: dt.date, planned: bool) -> dt.date | None:
    """The year that puts month/day nearest the publication date, in the status's direction;
    a day weeks ahead rather than eleven months back when the text did not say it was planned
    ("talks in Minsk on October 10" in an October 3 paper)."""
    best = _in_direction(month, day, published, planned)
    if not planned and (best is None or (published - best).days > 300):
        ahead = _in_direction(month, day, published, True)
        if ahead is not None and (ahead - published).days <= 45:
            return ahead
    return best


def _in_direction(month: int, day: int, published: dt.date, planned: bool) -> dt.date | None:
    best = None
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        delta = (d - published).days
        if planned and delta < -1:
            continue
        if not planned and delta > 1:
            continue
        if best is None or abs(delta) < abs((best - published).days):
            best = d
    return best


def resolve_date(text: str, published: dt.date | None, planned: bool = False,
                 anchor: int | None = None) -> dt.date | None:
    """The single day the text names, resolved against `published`; None when there is none.
    With `anchor` (the event word's offset in `text`), the day named nearest to it: "held talks
    in Hanoi on Tuesday, during a visit from January 6 to 8" is Tuesday."""
    if anchor is not None:
        found: list[tuple[int, int, dt.date | None]] = [
            (_distance(text, s, e, anchor), rank, d) for s, e, rank, d in day_mentions(text, published, planned)]
        found = [f for f in found if f[0] < _LATER]  # (a later event's day is not this event's)
        if found:  # a span nearer than any day ("met last week, and signed on May 1") dates nothing
            found += [(_distance(text, m.start(), m.end(), anchor), 9, None) for m in _SPAN.finditer(text)]
        return min(found, key=lambda f: f[:2])[2] if found else None
    d = _iso_date(text) or _calendar_date(text, published, planned)
    if d is not None or published is None:
        return d
    m = _ORDINAL_DAY.search(text)
    d = _day_of_month(int(m.group(1)), published, planned) if m else None
    return d or _relative_date(text, published) or _weekday_date(text, published, planned)


def filing_day(date_text: str | None, published: dt.date | None) -> dt.date | None:
    """The day a dateline says the story was filed ("BEIJING, Nov. 28 (Xinhua) --"), when it is
    within two days of `published` (a feed's timestamp may be a time zone ahead or behind) or
    names its year; relative days ("on Tuesday", "yesterday") count from it."""
    if not date_text:
        return None
    day = _calendar_date(date_text, published, False)
    if day is None or (published is not None and abs((day - published).days) > 2):
        return None
    return day


def _day_of_month(day: int, published: dt.date, planned: bool) -> dt.date | None:
    """ "on the 28th": that day of the publication month, else of the month after (planned) or
    before (occurred), whichever the status points to."""
    if not 1 <= day <= 31:
        return None
    month = published.month
    if planned and day < published.day - 1:
        month += 1
    elif not planned and day > published.day + 1:
        month -= 1
    year, month = published.year + (month - 1) // 12, (month - 1) % 12 + 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_OTHER_CLAUSE = re.compile(r"\band\b|;")
_NEXT_CLAUSE = re.compile(r",\s*and\b|;")
_LATER = 10_000  # the distance of a day told after "ahead of" (see _distance)
_LATER_EVENT = re.compile(r"\b(?:" + "|".join(map(re.escape, _DAYS["later_event_words"])) + r")\b", re.I)
_SPAN = re.compile(r"\b(?:(?:earlier|later)\s+)?(?:last|this|next|past|previous|coming)\s+(?:week|month|year|weekend)\b|"
                   r"\brecently\b|\b(?:weeks|months|days|years)\s+(?:ago|earlier|later)\b", re.I)


def after_later_event_word(text: str, start: int, reach: int = 60) -> bool:
    """The day at `start` is told in a phrase about a later event ("ahead of their talks on Thursday")."""
    return _LATER_EVENT.search(text, max(0, start - reach), start) is not None


def _distance(text: str, start: int, end: int, anchor: int) -> int:
    """How far a day is from the event word: one after it ("met X on Monday") is nearer than one
    before it, and one before it across "and" ("arrived on Monday and met") belongs to another verb."""
    if start <= anchor < end:
        return 0
    if start > anchor:  # after it across ", and" or ";": another clause's ("met X, and signed Y on May 1"); after
        # "ahead of": a later event's, farther than any day before ("hosted X on Wednesday ahead of their talks on Thursday")
        if _LATER_EVENT.search(text, anchor, start):
            return start - anchor + _LATER
        return start - anchor + (100 if _NEXT_CLAUSE.search(text, anchor, start) else 0)
    return 2 * (anchor - end) + (100 if _OTHER_CLAUSE.search(text, end, anchor) else 0)


def day_mentions(text: str, published: dt.date | None, planned: bool = False) -> list[tuple[int, int, int, dt.date]]:
    """Every expression naming one day: (start, end, rank, day); rank orders them when they are
    equally near (an ISO date, a calendar date, "yesterday", a weekday)."""
    out: list[tuple[int, int, int, dt.date]] = []
    digits = _DIGIT.search(text) is not None  # (ISO, calendar and ordinal days are in digits)
    for m in _ISO.finditer(text) if digits else ():
        d = _iso_date(m.group(0))
        if d is not None:
            out.append((m.start(), m.end(), 0, d))
    for m, d in _calendar_matches(text, published, planned):
        if not any(s <= m.start() < e for s, e, _r, _d in out):
            out.append((m.start(), m.end(), 1, d))
    if published is None:
        return out
    for m in _ORDINAL_DAY.finditer(text) if digits else ():
        d = _day_of_month(int(m.group(1)), published, planned)
        if d is not None:
            out.append((m.start(), m.end(), 1, d))
    for m in _RELATIVE.finditer(text):
        out.append((m.start(), m.end(), 2, published + dt.timedelta(days=_relative_days(m.group(1)))))
    for m in _WEEKDAY.finditer(text):
        d = _weekday_date(text[m.start():m.end() + 16], published, planned)
        if d is not None:
            out.append((m.start(), m.end(), 3, d))
    return out


def _iso_date(text: str) -> dt.date | None:
    m = _ISO.search(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def _calendar_date(text: str, published: dt.date | None, planned: bool) -> dt.date | None:
    """ "7 September", "May 3, 2024", "7-9 March" (the first day)."""
    return next((d for _m, d in _calendar_matches(text, published, planned)), None)


def _calendar_matches(text: str, published: dt.date | None, planned: bool) -> Iterator[tuple[re.Match, dt.date]]:
    if _DIGIT.search(text) is None:
        return  # (every calendar date has a day in digits; most clauses have none)
    for rx, order in ((_RANGE, "dm"), (_DAY_MONTH, "dm"), (_MONTH_DAY, "md")):
        for m in rx.finditer(text):
            if order == "dm":
                day, mon, year = int(m.group(1)), MONTHS[m.group(2).lower()], m.group(3)
            else:
                mon, day, year = MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3)
            if m.group(0).lower().startswith("may") and order == "md" and not year and not m.group(0)[0].isupper():
                continue  # "may 3" is a month only when capitalised
            d = _dated(year, mon, day, published, planned)
            if d is not None:
                yield m, d


def _dated(year: str | None, mon: int, day: int, published: dt.date | None, planned: bool) -> dt.date | None:
    if year:
        try:
            return dt.date(int(year), mon, day)
        except ValueError:
            return None
    return _year_for(mon, day, published, planned) if published else None


_RELATIVE_DAYS = {"yesterday": -1, "last night": -1, "last evening": -1, "the day before yesterday": -2, "tomorrow": 1,
                  "day after tomorrow": 2}


def _relative_days(word: str) -> int:
    word = word.lower()
    return _RELATIVE_DAYS.get(_FOREIGN_RELATIVE.get(word, word), 0)


def _relative_date(text: str, published: dt.date) -> dt.date | None:
    m = _RELATIVE.search(text)
    if m is None:
        return None
    return published + dt.timedelta(days=_relative_days(m.group(1)))


_OF_LAST_WEEK = re.compile(r",?\s+(?:of\s+)?last\s+week\b", re.I)


def _weekday_date(text: str, published: dt.date, planned: bool) -> dt.date | None:
    m = _WEEKDAY.search(text)
    if m is None:
        return None
    mod = (m.group(1) or "").lower()
    wd = _WEEKDAY_INDEX[m.group(2).lower()]
    if mod in _PAST_PARTICLES:  # "noong Lunes": the Monday gone by
        mod, planned = "", False
    if _OF_LAST_WEEK.match(text, m.end()):
        # "on Monday last week": that day in the week before the paper's
        return published - dt.timedelta(days=published.weekday() + 7 - wd)
    diff = (published.weekday() - wd) % 7  # days back to the most recent such weekday
    if mod in ("next", "coming") or (planned and mod != "last"):
        ahead = (wd - published.weekday()) % 7
        if ahead == 0 and mod in ("next", "coming"):
            ahead = 7  # "on Wednesday" in Wednesday's paper is that day; "next Wednesday" a week on
        return published + dt.timedelta(days=ahead)
    if mod == "last" and diff == 0:
        diff = 7
    return published - dt.timedelta(days=diff)


_MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS if len(m) > 3 or m == "may")
# "in March", "last December", "in early May 2025", "mid-June": a capitalised month with no day
_MONTH_ONLY = re.compile(
    r"\b(?i:(in|last|next|this|coming|early|mid|late|earlier in|later in|in early|in mid|in late))[\s-]+"
    rf"({_MONTH_NAMES})\b(?!\.?\s*\d{{1,2}}\b)(?:,?\s+((?:19|20)\d{{2}}))?")
_RELATIVE_MONTH = re.compile(r"\b(earlier this|later this|this|last|next|past|previous|coming)\s+month\b", re.I)
_OF_YEAR = re.compile(r",?\s+(?:of\s+)?(last|this|next|the\s+previous|the\s+following)\s+year\b", re.I)
_YEAR_SHIFT = {"last": -1, "this": 0, "next": 1, "the previous": -1, "the following": 1}
_MONTH_SHIFT = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}


def resolve_month(text: str, published: dt.date | None, planned: bool = False) -> str | None:
    """The month the text dates its event to when it names no day: "in March", "last December",
    "earlier this month", "next month", "in early May 2025" → "YYYY-MM"; None when there is none."""
    for m in _MONTH_ONLY.finditer(text):
        mod, month = m.group(1).lower(), MONTHS[m.group(2).lower()]
        if m.group(3):
            return f"{int(m.group(3)):04d}-{month:02d}"
        if published is None:
            return None
        if (rel := _OF_YEAR.match(text, m.end())) is not None:  # "in May of last year", "in March next year"
            return f"{published.year + _YEAR_SHIFT[rel.group(1).lower()]:04d}-{month:02d}"
        ahead = mod in ("next", "coming") or (planned and mod != "last")
        year = published.year
        if ahead and (month < published.month or (month == published.month and mod in ("next", "coming"))):
            year += 1
        elif not ahead and (month > published.month or (month == published.month and mod == "last")):
            year -= 1
        return f"{year:04d}-{month:02d}"
    rel = _RELATIVE_MONTH.search(text)
    if rel is None or published is None:
        return None
    shift = _MONTH_SHIFT.get(rel.group(1).lower(), 0)
    index = published.year * 12 + published.month - 1 + shift
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def names_span(text: str) -> bool:
    """The text dates its event to a span, not a day ("last week", "recently", "days later")."""
    return _SPAN.search(text) is not None


def looks_planned(text: str) -> bool:
    return PLANNED_RE.search(text) is not None


_YEAR = re.compile(r"\b(?:in|since|back in|of)\s+((?:19|20)\d{2})\b")


def historical_year(text: str, published: dt.date | None) -> bool:
    """The sentence dates its event to an earlier year ("visited Beijing in 2019")."""
    if published is None:
        return False
    return any(int(m.group(1)) < published.year for m in _YEAR.finditer(text))


def year_dropped(clause: str, sentence: str, published: dt.date | None) -> bool:
    """The clause names a day without its year, and the sentence gives that day an earlier year
    ("On January 31, 1979, Deng and Carter signed the agreement": the parse hangs the year off
    the date, and the clause's "January 31" alone would be this January's)."""
    if published is None:
        return False
    days = {(d.month, d.day) for m, d in _calendar_matches(clause, published, False) if not m.group(3)}
    return any(m.group(3) and d.year < published.year and (d.month, d.day) in days
               for m, d in _calendar_matches(sentence, published, False))


SPAN_RE = _SPAN  # for the rules that weigh a span against a month told in one clause
MONTH_ONLY_RE = _MONTH_ONLY
