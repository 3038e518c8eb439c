"""A feed of 16 hostile items and 2 good ones, served for real on loopback.

Every hostile item must end as a dead letter with the right reason, in bounded time; the good
items still come through; and nothing ever reaches the refused address (the trap on 127.0.0.2).
"""

from __future__ import annotations

import time

import pytest
from hostile_server import GOOD_TEXT, LATIN1_TEXT

from pipeline.model import Article, DeadLetter


def test_hostile_feed_yields_dead_letters_and_good_articles(hostile, server, trap, fetcher, settings):
    started = time.monotonic()
    feed = fetcher.fetch_feed(hostile["feed"])
    assert feed.status == "ok"
    results = list(fetcher.fetch_articles(feed.entries))
    elapsed = time.monotonic() - started

    articles = [r for r in results if isinstance(r, Article)]
    letters = feed.problems + [r for r in results if isinstance(r, DeadLetter)]
    by_title = {d.payload["entry"]["title"]: d for d in letters}

    assert sorted(a.title for a in articles) == sorted(["Trade agreement signed", "Élection à Genève"])
    assert {title: d.reason for title, d in by_title.items()} == hostile["expected"]
    assert len(letters) == 16
    assert all(d.detail for d in letters)
    assert all(d.stage == "article" for d in results if isinstance(d, DeadLetter))

    # Bounded: the slowest hostile item (1 byte/s) is cut at the total timeout, all run in parallel.
    assert elapsed < settings.total_timeout_s + 3
    assert trap.connections == 0
    assert "/leak" not in server.paths_requested()
    assert not [r for r in server.requests if r["headers"].get("Host", "").startswith("localhost")]


def test_good_articles_carry_text_metadata_and_fingerprints(hostile, fetcher):
    good = fetcher.fetch_feed(hostile["feed"]).entries
    by_path = {e.url.rsplit("/", 1)[-1]: e for e in good}
    article = fetcher.fetch_article(by_path["good"])
    assert isinstance(article, Article)
    assert "signed a trade agreement" in article.text
    assert article.text.startswith("The foreign ministers")  # the <h1> repeating the title is not body text
    assert article.canonical_url.endswith("/articles/good-canonical")  # rel=canonical, utm_* dropped
    assert article.author == "Jane Reporter"
    assert article.language == "en"
    assert article.source == "127.0.0.1"
    assert article.published_at is not None and article.published_at.tzinfo is not None
    assert len(article.content_hash) == 64
    assert -(2**63) <= article.simhash < 2**63
    assert GOOD_TEXT.split(".")[0] in article.text


def test_latin1_page_declared_as_nothing_decodes_correctly(hostile, fetcher):
    entry = next(e for e in fetcher.fetch_feed(hostile["feed"]).entries if e.url.endswith("/latin1"))
    article = fetcher.fetch_article(entry)
    assert isinstance(article, Article)
    assert "Le président français a déclaré mercredi à Genève" in article.text
    assert LATIN1_TEXT.split(".")[1].strip() in article.text
    assert article.title == "Élection à Genève"
    assert article.language == "fr"


@pytest.mark.usefixtures("hostile")
def test_hostile_feeds_are_refused(server, fetcher):
    for path, reason in [
        ("/entity-bomb.xml", "entity_declaration"),
        ("/xxe.xml", "entity_declaration"),
        ("/html-as-feed.xml", "not_a_feed"),
        ("/binary-feed.xml", "not_a_feed"),
        ("/bomb", "too_large"),
        ("/loop/a", "redirect_loop"),
        ("/redirect-file", "bad_scheme"),
        ("/does-not-exist", "http_error"),
    ]:
        result = fetcher.fetch_feed(server.url(path))
        assert result.status == "error", path
        assert [p.reason for p in result.problems] == [reason], path
        assert result.problems[0].stage == "feed"
        assert result.problems[0].payload == {"feed": server.url(path)}


def test_refused_feed_urls_are_never_connected_to(trap, fetcher):
    for url in (trap.url("/feed"), f"http://2130706434:{trap.port}/", f"http://0x7f000002:{trap.port}/",
                f"http://[::ffff:127.0.0.2]:{trap.port}/", f"http://0177.0.0.2:{trap.port}/", f"http://127.2:{trap.port}/"):
        result = fetcher.fetch_feed(url)
        assert [p.reason for p in result.problems] == ["refused_address"], url
    assert trap.connections == 0


def test_a_server_that_never_answers_times_out_at_the_read_timeout(server, fetcher, settings):
    def silent(_request):
        server.stopping.wait(10)  # accept, read the request, say nothing
        return None

    server.route("/silent", silent)
    started = time.monotonic()
    result = fetcher.fetch_feed(server.url("/silent"))
    assert [p.reason for p in result.problems] == ["timeout"]
    assert result.problems[0].retryable
    assert time.monotonic() - started < settings.read_timeout_s + 1.5


def test_article_urls_in_refused_spellings_are_never_connected_to(trap, fetcher):
    from pipeline.model import FeedEntry

    port = trap.port
    urls = [f"http://127.0.0.2:{port}/a", f"http://2130706434:{port}/b", f"http://0x7f000002:{port}/c",
            f"http://[::ffff:127.0.0.2]:{port}/d", f"http://0177.0.0.2:{port}/e", f"http://[::1]:{port}/f",
            f"http://localhost:{port}/g"]
    results = list(fetcher.fetch_articles(FeedEntry(url=u) for u in urls))
    assert sorted(r.reason for r in results) == ["refused_address"] * len(urls)
    assert trap.connections == 0
