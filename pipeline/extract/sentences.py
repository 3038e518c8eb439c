"""Sentences and the pre-filter that decides which are worth the full spaCy pipeline.

Most of an article's sentences cannot hold an event (background, figures, colour), so the
tagger/parser/NER only run on sentences that carry a trigger word (`vocabulary.EVENT_RE`,
generated from the lexicon's trigger classes) or a quotation. The splitter keeps a
quotation inside one analysis unit, so a quote that runs over several sentences is
attributed as one span.

Everything here is linear in the text: one regex pass per paragraph, abbreviation checks
that look back a bounded number of characters, and quotation lookups by bisection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.quotes import QuoteIndex
from pipeline.extract.vocabulary import ABBREVIATIONS, EVENT_RE


@dataclass(frozen=True)
class Sentence:
    """One analysis unit: a sentence (or several, when a quotation runs across them)."""

    start: int
    end: int
    text: str
    para: int  # paragraph index


_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
_ABBREVIATION_LOOKBACK = 24  # longest abbreviation word (with its dots) looked at before a full stop
QUOTE_CHARS = "\"“”‘"


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - _ABBREVIATION_LOOKBACK), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # an initial, or initials run together: "S. Jaishankar", "K.P. Sharma Oli"
    return _INITIALS.fullmatch(word) is not None and text[dot - 1].isupper()


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def split_sentences(text: str, quotes: QuoteIndex | None = None) -> list[Sentence]:
    """Sentences with character offsets; sentences a quotation spans are merged into one unit."""
    out: list[Sentence] = []
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        para = text[ps:pe]
        cuts = [0]
        for m in _BOUNDARY.finditer(para):
            dot = m.start()
            if para[dot] == "." and _is_abbreviation(para, dot):
                continue
            cut = m.end()
            if quotes is not None and quotes.covering(ps + cut - 1) is not None:
                continue  # don't cut inside a quotation
            cuts.append(cut)
        cuts.append(len(para))
        for a, b in zip(cuts, cuts[1:], strict=False):
            seg = para[a:b]
            lead = len(seg) - len(seg.lstrip())
            seg = seg.strip()
            if seg:
                out.append(Sentence(ps + a + lead, ps + a + lead + len(seg), seg, pi))
    return out


def has_quote(sentence: str) -> bool:
    return any(q in sentence for q in QUOTE_CHARS)


def has_event_word(sentence: str) -> bool:
    return EVENT_RE.search(sentence) is not None


# A sentence that goes on naming the group the one before tells of ("They are A and B", "The
# others were C and D"): parsed with it, so that its names are found.
NAMES_A_GROUP_RE = re.compile(r"\s*(?i:they|these|those|the others?|the rest)\s+(?i:are|were|include[ds]?)\s+(?:the\s+)?[A-Z]")


def candidates(sents: list[Sentence], quotes: QuoteIndex | None = None) -> list[int]:
    """Indices of the sentences worth parsing: those with a quotation (single marks included)
    or a quote mark or an event word, and the sentence just before one that opens with a
    quotation (it may introduce its speaker)."""
    keep, opens = [], []
    for s in sents:
        inside = quotes.overlapping(s.start, s.end) if quotes is not None else []
        keep.append(bool(inside) or has_quote(s.text) or has_event_word(s.text))
        opens.append(s.text[:1] in QUOTE_CHARS or any(a - s.start <= 1 for a, _ in inside))
    for i in range(1, len(sents)):
        if opens[i] and sents[i].para - sents[i - 1].para <= 1:
            keep[i - 1] = True
        if keep[i - 1] and NAMES_A_GROUP_RE.match(sents[i].text):
            keep[i] = True  # "Six presidents arrived in Accra. They are A, B and C. The others are D and E."
    return [i for i, k in enumerate(keep) if k]
