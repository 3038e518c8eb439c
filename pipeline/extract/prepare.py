"""An article made ready for parsing: cut to the coded size, its quotations, its sentences,
its dateline, and the sentences worth parsing (the pre-filter).

`prepare` is linear in the text. The caller parses the candidate sentences (one by one, or
batched over many articles with `nlp.pipe`) with `model_text`, which hides quoted words
from the model, and hands the parses to `coder.code_document`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract import gazetteer as gz
from pipeline.extract.quotes import Quote, QuoteIndex, find_quotes
from pipeline.extract.sentences import Sentence, candidates, split_sentences
from pipeline.extract.vocabulary import NAME_ABBREVIATION_STOP_RE

# Characters of an article that are coded; the rest is cut (at a paragraph or word boundary
# near the limit) and the cut logged by the runner. 200,000 characters is ~30,000 words,
# ten times a long feature; beyond it a text is a dump, not an article, and the coder's
# time would grow with it.
MAX_TEXT_CHARS = 200_000


@dataclass(frozen=True)
class Dateline:
    """A wire dateline ("MANILA, July 9 (Reuters) -"): where the reporter files from."""

    city: str | None
    code: str
    country: str
    end: int  # offset just after the dateline
    start: int = 0  # where it starts: after a headline and a category line, a later line's start
    date_text: str | None = None  # the day it is filed on as written ("Nov. 28", "8 September 2014")


@dataclass
class Prepared:
    text: str
    quotes: list[Quote]
    quote_index: QuoteIndex
    sentences: list[Sentence]
    candidates: list[int]  # indices into sentences to parse
    dateline: Dateline | None = None
    original_length: int = 0  # > len(text) when the text was cut to MAX_TEXT_CHARS
    source: str = ""  # the article's own characters (`text` reads its guillemets as curly quotes)

    @property
    def truncated(self) -> bool:
        return self.original_length > len(self.text)


def cut_text(text: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """`text` up to `max_chars`, ending at the last paragraph break (else space) in the last
    tenth before the limit, so no sentence is coded half."""
    if len(text) <= max_chars:
        return text
    floor = max_chars - max_chars // 10
    for sep in ("\n", " "):
        cut = text.rfind(sep, floor, max_chars)
        if cut > 0:
            return text[:cut]
    return text[:max_chars]


# Guillemets (« », as copy written or translated from French, Russian or Arabic quotes) are read as
# curly double quotation marks, one character for one, so every offset stays the article's own.
_GUILLEMETS = str.maketrans("«»", "“”")


def prepare(text: str, max_chars: int = MAX_TEXT_CHARS) -> Prepared:
    original = len(text)
    source = cut_text(text, max_chars)
    text = source.translate(_GUILLEMETS)
    quotes = find_quotes(text)
    index = QuoteIndex(quotes)
    sents = split_sentences(text, index)
    dl = find_dateline(text)
    k = next((i for i, s in enumerate(sents) if s.start < dl.end < s.end), None) if dl else None
    if dl and k is not None and sents[k].start <= dl.start + 1:
        # the parser reads "MANILA, Nov 23 - Japan and ..." as one noun phrase: cut the dateline off
        s0 = sents[k]
        sents[k] = Sentence(dl.end, s0.end, text[dl.end:s0.end], s0.para)
    return Prepared(text, quotes, index, sents, candidates(sents, index), dl, original, source)


# "MANILA, July 9 (Reuters) - ", "SINGAPORE: ", "HÀ NỘI — ", "Dhaka, Dec 15 (PTI) ", after a
# source tag "(MENAFN- Kuwait News Agency (KUNA)) ": a place (any script, capitalised), an optional
# country (", Kenya" or " [India]"), date (and hour) and agency, then a dash, a colon, or nothing
# after the agency's parenthesis. Wire variants: "MOSCOW, December 2. /TASS/. ", "Ulaanbaatar
# /MONTSAME/. ", "Tokyo, Dec. 2 (Jiji Press)--", "ABU DHABI, (Pakistan Point News / WAM - 02nd May,
# 2021) ", "Riyadh, December 02, 2026, SPA -- ", "MOSCOW, December 15. " (a date closed by a full
# stop), "New Delhi/UNI: ", a line of its own ending in the year ("WASHINGTON, September 30, 2014").
_S = r"[^\S\n]"  # a space within the dateline's line (a dateline never runs over a line break)
_DL_DATE = (r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?)"
            r"(?:,?\s*\d{4})?(?:,?\s*\d{1,2}:\d{2})?").replace(r"\s", _S)
DATELINE = re.compile(r"^\s*" + (
    r"(?:\((?:[^()\n]|\([^()\n]*\)){1,80}\)\s*)?"
    r"((?![a-z])[^\W\d_][\w.'’\- ]{1,30}?)(?:,\s*((?![a-z])[^\W\d_][\w. ]{2,30}?)|\s*\[([^\]\n]{2,30})\])?"
    r"(?:,?\s*\((?=[^)\n]{0,60}\d{4}\))[^)\n]{1,70}\))?"
    rf"(?:,?\s*({_DL_DATE}))?"
    r"(?:\.?\s*(\([^)\n]{1,30}\)|/[A-Z][\w\-. ]{1,20}/|/[A-Z][A-Za-z]{1,12}(?=\s*[-–—:]))|,\s*[A-Z]{2,8}(?=\s*[-–—:]))?")
    .replace(r"\s", _S)
    + r"(?:\s*(?:[-–—]{1,2}|:)\s|(?<=\))\s*(?:[-–—]{1,2}|:)?\s*(?=\S)|(?<=/)\.?\s|(?<=\d)\.\s+(?=[A-Z])"
    r"|(?<=\d{4})[^\S\n]*(?=\n))")
# The agency first and the place and date in parentheses: "RSS (KATHMANDU, 29 March 2022) – ",
# "PNA (MANILA, 4 March) - ".
AGENCY_FIRST = re.compile(r"^\s*" + (
    r"[A-Z][\w&.\-]{1,15}(?:\s+[A-Z][\w&.\-]{1,15}){0,2}\s*"
    rf"\(\s*((?![a-z])[^\W\d_][\w.'’\- ]{{1,30}}?)(?:,\s*((?![a-z])[^\W\d_][\w. ]{{2,30}}?))??(?:,?\s*({_DL_DATE}))?\s*\)"
    r"\s*(?:[-–—]{1,2}|:)").replace(r"\s", _S) + r"\s")

# Lines a page may put above its dateline: a date, the outlet, a headline, a photo's caption, a
# "Date: … | Source: …" line.
_LINES_ABOVE = 8
_LINE_ABOVE_CHARS = 300


def find_dateline(text: str) -> Dateline | None:
    """The wire dateline the text opens with, when its place is known; or, under a headline and
    a few lines of page furniture (a category, a date, a caption: "Foreign Minister receives
    envoy\nPolitics | 2020-03-16\nUlaanbaatar /MONTSAME/. ..."), one that names its date or agency
    or is a city written in capitals ("BEIJING - ") or followed by a colon or dash ("New Delhi: ")."""
    first = _dateline_at(text, 0)
    if first is not None and first.city is not None:
        return first
    # a country alone is a headline's prefix as often ("Kenya: Ruto in Mozambique for Talks"):
    # the wire's own dateline with its city under it is where the reporter is
    return _dateline_below(text, first.code if first is not None else None) or first


def _dateline_below(text: str, country: str | None = None) -> Dateline | None:
    start, above = 0, 0
    while above < _LINES_ABOVE:
        nl = text.find("\n", start, start + _LINE_ABOVE_CHARS + 1)
        if nl < 0:
            return None
        above += bool(text[start:nl].strip())
        start = nl + 1
        if not text[start:text.find("\n", start) % (len(text) + 1)].strip():
            continue  # a blank line
        m = _match(text, start)
        found = _dateline_at(text, start) if m else None
        if found is not None and m is not None:
            wire = m.re is AGENCY_FIRST or bool(m.group(4) or m.group(5))
            if wire or (found.city is not None and (m.group(1).strip().isupper() or found.code == country
                                                    or _CITY_THEN_COLON.match(text, start))):
                return found
    return None


# "New Delhi: Prime Minister ...", "Beijing - Chinese Premier ...": a city's name alone, then a colon
# or a dash, opening the line under a headline (Indian and Chinese sites print their dateline so)
_CITY_THEN_COLON = re.compile(r"[^\S\n]*(?![a-z])[^\W\d_][\w.'’\- ]{1,30}?[^\S\n]*(?::|[-–—]{1,2})[^\S\n]+(?=[A-Z])")


def _match(text: str, start: int) -> re.Match[str] | None:
    """The dateline's match at `start` whose place the gazetteer knows (of the two forms)."""
    first = None
    for pattern in (DATELINE, AGENCY_FIRST):
        m = pattern.match(text[start:start + 200])
        if m is not None and _place_of(m) is not None:
            return m
        first = first or m
    return first


def _place_of(m: re.Match[str]) -> tuple[str, gz.Place | None, str | None] | None:
    """(the place as written, what the gazetteer knows of it, its country as written)."""
    place = m.group(1).strip()
    if place.endswith(".") and "." not in place[:-1]:
        place = place[:-1]  # "Astana. July 4. KazTAG -": the full stop ends the place, it is no part of it
    pl = gz.lookup(place.title() if place.isupper() else place)
    if pl is not None and pl.kind == "demonym":
        pl = None  # "Chinese, Russian presidents hold talks" is a headline, not a place
    country = m.group(2) or (m.group(3) if m.re is DATELINE else None)
    if pl is None and not (country and (pl2 := gz.lookup(country)) is not None and pl2.kind == "country"):
        return None
    return place, pl, country


def _dateline_at(text: str, start: int) -> Dateline | None:
    m = _match(text, start)
    if not m:
        return None
    known = _place_of(m)
    if known is None:
        return None
    place, pl, country = known
    day = _date_of(m)
    if pl is None and country:
        pl2 = gz.lookup(country)
        if pl2 is not None and pl2.kind == "country":
            return Dateline(place.title() if place.isupper() else place, pl2.code, pl2.name, start + m.end(), start, day)
    if pl is None:
        return None
    city = pl.city if pl.kind == "city" else (place if gz.is_capital(place) else None)
    if city and city.isupper():
        city = city.title()
    return Dateline(city, pl.code, pl.name, start + m.end(), start, day)


_DATE_IN_PARENS = re.compile(r"\(\s*(" + _DL_DATE + r")\s*\)")


def _date_of(m: re.Match[str]) -> str | None:
    """The date the dateline is filed on, as written: "BEIJING, Nov. 28 (Xinhua)", "PNA (MANILA,
    4 March)", "KUCHING (June 22):"."""
    if m.re is AGENCY_FIRST:
        return m.group(3)
    if m.group(4):
        return m.group(4)
    if m.group(2) and re.fullmatch(_DL_DATE, m.group(2).strip()):
        return m.group(2).strip()  # "BEIJING, May 16 (Xinhua)": the date in the country's place
    tag = _DATE_IN_PARENS.fullmatch(m.group(5) or "")
    return tag.group(1) if tag else None


KEEP_QUOTE_WORDS = 1  # words kept at the end of each quotation
_TRAILING_PUNCT = ",.;:!?…-–—"


def _strip_trailing(core: str) -> str:
    end = len(core)
    while end and (core[end - 1].isspace() or core[end - 1] in _TRAILING_PUNCT):
        end -= 1
    return core[:end]


def model_text(prep: Prepared, i: int) -> str:
    """What spaCy reads for sentence `i`: its text with the words inside quotation marks (all
    but the last, which keeps the parser's and NER's view of the quote's edge natural)
    replaced by one filler token of the same length. The rules never read quoted tokens
    (quotations are not the reporter's events, and a speaker is found outside the marks), so
    the model need not analyse them; the character offsets stay those of the sentence."""
    s = prep.sentences[i]
    chars = None
    for a, b in prep.quote_index.overlapping(s.start, s.end):
        lo, hi = max(a, s.start), min(b, s.end)
        if hi - lo < 8:
            continue
        seg = s.text[lo - s.start:hi - s.start]
        core = seg.strip()
        if not core:
            continue
        lead = seg.index(core[0])
        core = _strip_trailing(core)
        words = core.split(" ")
        core = " ".join(words[:-KEEP_QUOTE_WORDS]) if len(words) > KEEP_QUOTE_WORDS else ""
        if len(core) < 8:
            continue
        if chars is None:
            chars = list(s.text)
        x = lo - s.start + lead
        chars[x:x + len(core)] = "x" * len(core)
    for m in NAME_ABBREVIATION_STOP_RE.finditer(s.text):
        if chars is None:
            chars = list(s.text)
        chars[m.start(1)] = " "  # "Engr. Abdullahi Sule": one name to the parser, not two sentences
    return s.text if chars is None else "".join(chars)
