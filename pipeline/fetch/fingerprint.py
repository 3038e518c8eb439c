"""Text fingerprints: an exact hash for identical texts, a SimHash for near-duplicates."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK64 = (1 << 64) - 1
SHINGLE = 3  # word trigrams: robust to small edits, sensitive to reordered paragraphs


def normalise_whitespace(text: str) -> str:
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """sha256 hex of the text with runs of whitespace collapsed (re-wrapping is not a new text)."""
    return hashlib.sha256(normalise_whitespace(text).encode("utf-8")).hexdigest()


def _features(text: str) -> Counter[str]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return Counter([" ".join(words)] if words else [])
    return Counter(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def simhash64(text: str) -> int:
    """64-bit SimHash of word trigrams, as a signed integer so it fits a Postgres bigint.

    Texts that differ by a few words land a few bits apart; compare with :func:`hamming`.
    """
    weights = [0] * 64
    for feature, count in _features(text).items():
        h = int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += count if (h >> bit) & 1 else -count
    value = 0
    for bit in range(64):
        if weights[bit] > 0:
            value |= 1 << bit
    return value - (1 << 64) if value >= 1 << 63 else value


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two 64-bit hashes, signed or unsigned."""
    return ((a ^ b) & _MASK64).bit_count()
