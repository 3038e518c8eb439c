"""Poison input costs one item, never a run: a NUL in a feed link, in a JSON Feed URL and in a
canonical link, a 6,000-character URL, NULs in page text, all listed before a good feed. Served
by a real HTTP server on loopback, stored in the real Postgres."""

from __future__ import annotations

import time
from dataclasses import replace

from hostile_server import GOOD_TEXT, article_html, json_feed, rss
from sqlalchemy import text

from pipeline.ingest import ingest, store_article
from pipeline.model import Article
from pipeline.sources import FeedSource
from pipeline.store.clean import MAX_URL_BYTES

OTHER_TEXT = ("The defence ministers of the two neighbours met in the border town on Monday and agreed to "
              "reopen three crossings that were closed last year. Officials said patrols would be shared.")
THIRD_TEXT = ("Parliament voted on Wednesday to approve the budget after a night of debate. The finance "
              "minister said the vote showed confidence in the plan to cut the deficit within four years.")


def _poisoned_site(server):
    s = server
    good = s.add("/articles/good", article_html("Trade agreement signed", GOOD_TEXT))
    nul_text = s.add("/articles/nul-text", article_html("Crossings reopen", OTHER_TEXT.replace("border", "bor\x00der")))
    nul_canonical = s.add("/articles/nul-canonical",
                          article_html("Budget approved", THIRD_TEXT, canonical="/articles/budget\x00x"))
    long_url = s.add("/articles/" + "x" * 6000, article_html("Long", GOOD_TEXT))
    rss_feed = s.add("/poison.xml", rss([("nul link", s.url("/articles/a\x00b")), ("long link", long_url),
                                          ("nul text", nul_text), ("nul canonical", nul_canonical)]),
                     content_type="application/rss+xml", headers={"ETag": '"poison-v1"'})
    json_url = s.add("/poison.json", json_feed([{"id": "1", "url": s.url("/articles/j\x00k"), "title": "x"},
                                                 {"id": "2", "url": s.url("/articles/\ud800"), "title": "y"}]),
                     content_type="application/feed+json")
    good_feed = s.add("/good.xml", rss([("good", good)]), content_type="application/rss+xml")
    return [FeedSource(url=rss_feed), FeedSource(url=json_url), FeedSource(url=good_feed)]


def test_a_poisoned_feed_before_a_good_one_costs_only_its_bad_items(db, server):
    sources = _poisoned_site(server)
    started = time.monotonic()
    first = ingest(sources, engine=db)
    elapsed = time.monotonic() - started

    assert first["status"] == "success"
    assert elapsed < 300
    with db.connect() as conn:
        stored = dict(conn.execute(text("SELECT url, text FROM articles")).all())
        letters = conn.execute(text("SELECT reason, url FROM dead_letters ORDER BY id")).all()
        etag = conn.execute(text("SELECT etag FROM feeds WHERE url = :u"), {"u": sources[0].url}).scalar()
        coded = conn.execute(text("SELECT count(*) FROM article_codings")).scalar()
    paths = sorted(u.split("/articles/")[1] for u in stored)
    assert paths == ["good", "nul-canonical", "nul-text"]
    assert all("\x00" not in body for body in stored.values())
    reasons = sorted(r.reason for r in letters if r.reason != "malformed_feed")
    assert reasons == ["bad_link", "bad_link", "bad_link", "url_too_long"], letters
    assert any(r.url and "%00" in r.url for r in letters)  # the refused link is shown, escaped
    assert all(r.url is None or len(r.url.encode()) <= MAX_URL_BYTES for r in letters)
    assert etag == '"poison-v1"'
    assert coded == 3  # every stored article went through the coder
    assert not any("x" * 6000 in p for p in server.paths_requested())  # the long link was never fetched

    second = ingest(sources, engine=db)
    assert second["status"] == "success"
    assert second["articles_new"] == 0
    assert server.requests[-1]["headers"].get("If-None-Match") in (None, '"poison-v1"')
    assert any(r["headers"].get("If-None-Match") == '"poison-v1"' for r in server.requests)


def test_a_value_postgres_refuses_is_a_dead_letter_and_the_transaction_goes_on(db):
    article = Article(url="http://127.0.0.1/a", canonical_url="http://127.0.0.1/a", title="t\x00itle",
                      text="body \x00 text", content_hash="h1", simhash=2 ** 70)
    with db.begin() as conn:
        out_of_range = store_article(conn, article, None, "http://127.0.0.1/feed", None)
        too_long = store_article(conn, replace(article, canonical_url="http://127.0.0.1/" + "c" * 6000, simhash=1),
                                 None, None, None)
        stored = store_article(conn, replace(article, simhash=1), None, None, None)
    assert out_of_range.reason == "store_error" and out_of_range.detail.startswith("not stored: ")
    assert "\n" not in out_of_range.detail and "[SQL:" not in out_of_range.detail  # one line, no statement dump
    assert out_of_range.payload["feed"] == "http://127.0.0.1/feed"
    assert too_long.reason == "url_too_long"
    assert isinstance(stored, int)
    with db.connect() as conn:
        row = conn.execute(text("SELECT title, text FROM articles")).one()
    assert (row.title, row.text) == ("title", "body  text")


def test_a_feed_whose_url_cannot_be_stored_is_a_dead_letter_and_the_next_feed_is_polled(db, server):
    good = server.add("/articles/good", article_html("Trade agreement signed", GOOD_TEXT))
    feed = server.add("/good.xml", rss([("good", good)]), content_type="application/rss+xml")
    summary = ingest([FeedSource(url=server.url("/f\x00eed.xml")), FeedSource(url=feed)], engine=db)
    assert summary["status"] == "success"
    assert [p["status"] for p in summary["feeds"]] == ["error", "ok"]
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 1
        letter = conn.execute(text("SELECT stage, reason, url FROM dead_letters")).one()
    assert (letter.stage, letter.reason) == ("feed", "bad_link") and "%00" in letter.url
