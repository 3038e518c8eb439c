"""Canonical URLs and text fingerprints."""

from __future__ import annotations

import pytest

from pipeline.fetch import canonicalize_url, hamming, simhash64
from pipeline.fetch.fingerprint import content_hash


@pytest.mark.parametrize(
    "raw, canonical",
    [
        ("HTTP://News.Example.COM:80/a/b?id=7&utm_source=rss&utm_medium=feed#comments", "http://news.example.com/a/b?id=7"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://example.com/p?fbclid=abc&gclid=def", "https://example.com/p"),
        ("https://example.com/p?b=2&a=1&mc_cid=3", "https://example.com/p?b=2&a=1"),
        ("https://user:secret@example.com/p", "https://example.com/p"),
        ("https://example.com./p", "https://example.com/p"),
        ("http://[::1]:8080/p#x", "http://[::1]:8080/p"),
        ("https://example.com/a%20b?q=%C3%A9", "https://example.com/a%20b?q=%C3%A9"),
    ],
)
def test_canonical_url_drops_tracking_fragments_and_default_ports(raw, canonical):
    assert canonicalize_url(raw) == canonical


@pytest.mark.parametrize("junk", ["", "not a url", "http://[oops", "javascript:void(0)"])
def test_canonicalize_never_raises(junk):
    assert isinstance(canonicalize_url(junk), str)


TEXT = (
    "The foreign ministers of both countries signed a trade agreement in the capital on Tuesday, ending two "
    "years of negotiations. The president welcomed the deal and said tariffs on agricultural goods would be "
    "lifted within six months. Opposition leaders criticised the speed of the talks."
)


def test_simhash_is_a_signed_64_bit_integer():
    values = [simhash64(TEXT), simhash64("completely different words about football and weather"), simhash64("")]
    for value in values:
        assert -(2**63) <= value < 2**63


def test_a_lightly_edited_copy_is_near_and_an_unrelated_text_is_far():
    edited = TEXT.replace("Tuesday", "Wednesday").replace("six months", "six weeks")
    other = "Heavy rain flooded the valley overnight; rescue teams evacuated two villages and the river kept rising."
    assert hamming(simhash64(TEXT), simhash64(edited)) <= 12
    assert hamming(simhash64(TEXT), simhash64(other)) >= 16
    assert hamming(simhash64(TEXT), simhash64(TEXT)) == 0


def test_hamming_treats_signed_and_unsigned_alike():
    assert hamming(-1, 0) == 64
    assert hamming(-1, (1 << 64) - 1) == 0


def test_content_hash_ignores_rewrapping():
    assert content_hash("a  b\n\nc ") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def _simhash_by_definition(text: str) -> int:
    """SimHash as usually written: +count / -count per bit and feature, then the sign per bit."""
    import hashlib

    from pipeline.fetch.fingerprint import _features

    weights = [0] * 64
    for feature, count in _features(text).items():
        h = int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += count if (h >> bit) & 1 else -count
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return value - (1 << 64) if value >= 1 << 63 else value


def test_the_fast_simhash_equals_the_definition_on_every_kind_of_text():
    from devtools.watchlist import wire_story

    texts = [TEXT, "", "one", "two words", "a a a a a a a a", "Ünïcödé wörds, ça va? 東京 と 大阪 " * 5,
             *(wire_story(site, n).text for site in (1, 7, 33) for n in range(4)), TEXT * 40]
    assert [simhash64(t) for t in texts] == [_simhash_by_definition(t) for t in texts]
