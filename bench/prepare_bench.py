"""Sentence preparation on one-paragraph texts of growing size: linear, and capped.

A page of one endless paragraph is what a broken site or a hostile one serves; preparation
(quotations, sentences, the pre-filter) must grow with the text, not its square. Figures:
time per size, and each size's time per character against the smallest size's (≈ 1 when
linear, ≈ the size ratio when quadratic).
"""

from __future__ import annotations

import random
import time

from pipeline.extract.prepare import MAX_TEXT_CHARS, prepare

SIZES = (50_000, 200_000, 500_000, 2_000_000)
_WORDS = [
    "the", "minister", "said", "talks", "would", "continue", "and", "officials", "met", "in",
    "the", "capital", "on", "Tuesday", "to", "sign", "a", "deal", "after", "the", "president",
    "visited", "the", "region",
]


def one_paragraph(chars: int, seed: int = 9) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        sentence = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 25))).capitalize() + "."
        if rng.random() < 0.1:
            sentence = f'"{sentence}" the spokesman said.'
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)[:chars]


def _seconds(text: str, max_chars: int) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        prepare(text, max_chars=max_chars)
        best = min(best, time.perf_counter() - started)
    return best


def run() -> dict[str, float]:
    figures: dict[str, float] = {}
    base = None
    for size in SIZES:
        text = one_paragraph(size)
        uncapped = _seconds(text, 10**9)
        per_char = uncapped / size
        base = base or per_char
        figures[f"prepare_uncapped_{size}_s"] = uncapped
        figures[f"prepare_uncapped_{size}_per_char_vs_{SIZES[0]}"] = per_char / base
    figures[f"prepare_capped_{SIZES[-1]}_s"] = _seconds(one_paragraph(SIZES[-1]), MAX_TEXT_CHARS)
    return figures
