"""Quoted spans in raw text: straight and curly double quotes, British single quotes, and
quotations that run over several paragraphs (a paragraph left open and the next one
re-opened is the same quotation, by typographic convention).

Attribution to a speaker needs the parse and the actors, so it lives in the coder; this
module only finds the spans.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pipeline.extract.wordforms import compile_guarded

OPENERS = {'"': '"', "“": "”", "„": "“"}
_SINGLE_OPEN = compile_guarded(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘(?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])’(?=[\s.,;:!?)\]—–-]|$)")


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the first quoted character (inside the marks)
    end: int  # offset just after the last quoted character
    text: str  # the quoted words; paragraphs of a multi-paragraph quote joined by a space
    parts: tuple[tuple[int, int], ...]  # (start, end) inside each paragraph
    closed: bool = True
    signed: tuple[int, int] | None = None  # an embedded post: where its author's name is
    relayed: bool = False  # the post relays another's words ("X: …"): `signed` is X's lead-in

    @property
    def words(self) -> int:
        return len(self.text.split())


# Two apostrophes for a double quotation mark (''Pleased to meet him,'' he tweeted), as some
# outlets' systems write it: read as one mark, the apostrophe next to the quoted words.
_TWO_APOSTROPHES = re.compile(r"(?<!\w)''(?=\w)|(?<=[\w.,!?…])''(?!\w)")


def _as_double(match: re.Match[str]) -> str:
    return ' "' if match.end() < len(match.string) and match.string[match.end()].isalnum() else '" '


def _double_quotes(para: str) -> tuple[list[tuple[int, int]], int | None]:
    """(closed spans, offset of an opening mark left open at the paragraph end)."""
    if "''" in para:
        para = _TWO_APOSTROPHES.sub(_as_double, para)  # (same length: the offsets stay)
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = None
    for i, ch in enumerate(para):
        if open_at is None:
            if ch in OPENERS:
                open_at, closer = i, OPENERS[ch]
            elif ch == "”":  # a stray closer: treat as an opener of straight type
                open_at, closer = i, "”"
        else:
            if ch == closer or (closer == '"' and ch == "”") or (closer == "”" and ch == '"'):
                spans.append((open_at + 1, i))
                open_at = None
            elif ch == "“" and closer == "”":
                open_at = i  # a re-opened quote without closing: restart
    return spans, open_at


def _single_quotes(para: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    while True:
        m = _SINGLE_OPEN.search(para, pos)
        if not m:
            break
        c = _SINGLE_CLOSE.search(para, m.end())
        if not c:
            break
        spans.append((m.end(), c.start()))
        pos = c.end()
    return spans


def _clean(s: str) -> str:
    s = s.strip()
    s = re.sub(r"\s+", " ", s)
    return s.rstrip(",").strip()


def find_quotes(text: str) -> list[Quote]:
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    quotes: list[Quote] = []
    pending: list[tuple[int, int]] | None = None  # parts of a quote still open
    for ps, pe in paras:
        para = text[ps:pe]
        if not para.strip():
            continue
        spans, open_at = _double_quotes(para)
        if not spans and open_at is None and '"' not in para and "“" not in para and "''" not in para:
            spans = _single_quotes(para)
        lead = len(para) - len(para.lstrip())
        if pending is not None:
            # the previous paragraph left a quote open; it continues only if this one re-opens
            if spans and spans[0][0] == lead + 1 and para.lstrip()[0] in OPENERS:
                s0, e0 = spans.pop(0)
                parts = pending + [(ps + s0, ps + e0)]
                quotes.append(_make(text, parts, True))
                pending = None
            elif open_at is not None and open_at == lead and not spans:
                pending = pending + [(ps + open_at + 1, pe)]
                continue
            else:
                quotes.append(_make(text, pending, False))
                pending = None
        for s, e in spans:
            quotes.append(_make(text, [(ps + s, ps + e)], True))
        if open_at is not None:
            pending = [(ps + open_at + 1, pe)]
    if pending is not None:
        quotes.append(_make(text, pending, False))
    quotes.extend(embedded_posts(text, paras, quotes))
    return sorted((q for q in quotes if q.text), key=lambda q: q.start)


# The signature line under an embedded social-media post: "— Name (@handle) September 22, 2022"
_SIGNATURE = re.compile(r"\s*[—–-]+\s*(?P<name>[^()\n@]{2,80}?)\s*\(@\w{1,30}\)")
# A post opening with a name and a colon relays that speaker's words ("Wickremesinghe: …")
_RELAY_LEAD = re.compile(r"(?P<name>(?:[A-Z][\w.'’\-]*\s+){0,5}[A-Z][\w.'’\-]*)\s*:\s+(?=\S)")
_POST_TAIL = re.compile(r"(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+))+\s*$")


def embedded_posts(text: str, paras: list[tuple[int, int]], quotes: list[Quote]) -> list[Quote]:
    """Posts embedded in the page (a paragraph, then the signature line naming its author): the
    paragraph is the author's words though it carries no quotation marks."""
    out = []
    for i in range(1, len(paras)):
        sig = _SIGNATURE.match(text, paras[i][0], paras[i][1])
        if sig is None:
            continue
        ps, pe = paras[i - 1]
        body = text[ps:pe]
        if any(c in body for c in '"“”') or any(q.start < pe and ps < q.end for q in quotes):
            continue
        tail = _POST_TAIL.search(body)
        lead = len(body) - len(body.lstrip())
        end = ps + (tail.start() if tail else len(body.rstrip()))
        signed, relayed = (sig.start("name"), sig.end("name")), False
        relay = _RELAY_LEAD.match(body, lead)
        if relay is not None:  # an account relaying another's words: "Wickremesinghe: India has …"
            signed, relayed, lead = (ps + relay.start("name"), ps + relay.end("name")), True, relay.end()
        if end > ps + lead:
            out.append(Quote(ps + lead, end, _clean(text[ps + lead:end]), ((ps + lead, end),), True,
                             signed=signed, relayed=relayed))
    return out


def _make(text: str, parts: list[tuple[int, int]], closed: bool) -> Quote:
    words = " ".join(_clean(text[s:e]) for s, e in parts)
    return Quote(parts[0][0], parts[-1][1], words, tuple(parts), closed)


class QuoteIndex:
    """The quoted parts of one text, sorted, for lookups by position in O(log n): which parts
    overlap a sentence, whether a span is quoted. (Parts never overlap each other.)"""

    def __init__(self, quotes: list[Quote]):
        self.parts = sorted(p for q in quotes for p in q.parts)
        self._starts = [a for a, _ in self.parts]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts that overlap text[start:end], in order."""
        i = bisect.bisect_left(self._starts, end)
        out = []
        while i > 0 and self.parts[i - 1][1] > start:
            i -= 1
            out.append(self.parts[i])
        return out[::-1]

    def inside(self, start: int, end: int) -> bool:
        """text[start:end] lies inside one quoted part."""
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self.parts[i - 1][1] >= end

    def covering(self, pos: int) -> tuple[int, int] | None:
        """The part that strictly contains `pos` (a < pos < b), if any."""
        i = bisect.bisect_left(self._starts, pos)
        if i > 0 and self.parts[i - 1][1] > pos:
            return self.parts[i - 1]
        return None

    def mask(self, text: str, offset: int) -> str:
        """`text` (which starts at `offset`) with quoted characters and their marks blanked out."""
        parts = self.overlapping(offset - 1, offset + len(text) + 1)
        if not parts:
            return text
        chars = list(text)
        for s, e in parts:
            a, b = max(s - 1 - offset, 0), min(e + 1 - offset, len(chars))
            chars[a:b] = " " * max(0, b - a)
        return "".join(chars)


def mask_quotes(text: str, offset: int, quotes: list[Quote]) -> str:
    """`text` (which starts at `offset`) with quoted characters and marks blanked out."""
    return QuoteIndex(quotes).mask(text, offset)
