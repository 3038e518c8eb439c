"""parse_feed_bytes: every feed format to the same normalised entries, hostile documents refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hostile_server import ENTITY_BOMB, XXE_FEED

from pipeline.fetch import parse_feed_bytes

BASE = "https://news.example.org/feeds/world.xml"

RSS20 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World &amp; Politics</title><link>https://news.example.org/</link>
<item><title>Ministers sign accord</title><link>/2025/06/accord.html?utm_source=rss#top</link>
<guid isPermaLink="false">accord-1</guid><pubDate>Tue, 03 Jun 2025 09:30:00 +0200</pubDate>
<author>desk@example.org (Jane Reporter)</author>
<description>&lt;p&gt;The &lt;b&gt;accord&lt;/b&gt; was signed.&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</description></item>
<item><title>No date</title><link>https://news.example.org/b</link></item>
</channel></rss>"""

RSS091 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old school</title><link>http://old.example.com/</link><description>d</description>
<item><title>Summit</title><link>http://old.example.com/summit</link><description>Leaders met.</description></item>
</channel></rss>"""

RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://rdf.example.com/"><title>RDF feed</title><link>http://rdf.example.com/</link><description>d</description></channel>
<item rdf:about="http://rdf.example.com/visit"><title>State visit</title><link>http://rdf.example.com/visit</link>
<dc:date>2025-06-03T10:00:00Z</dc:date></item></rdf:RDF>"""

ATOM10 = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.net/news/"><title type="html">Atom &lt;i&gt;news&lt;/i&gt;</title>
<id>urn:feed</id><updated>2025-06-03T12:00:00Z</updated>
<entry><title>Talks resume</title><id>urn:uuid:1</id><link rel="alternate" href="talks.html"/>
<published>2025-06-03T11:00:00-04:00</published><author><name>A. Writer</name></author>
<summary type="html">&lt;p&gt;Talks &lt;em&gt;resumed&lt;/em&gt;&lt;/p&gt;</summary></entry></feed>"""

ATOM03 = b"""<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Atom 0.3</title><modified>2025-06-03T12:00:00Z</modified>
<entry><title>Old Atom</title><link rel="alternate" type="text/html" href="http://atom03.example.com/e1"/>
<id>tag:atom03,2025:1</id><issued>2025-06-03T08:00:00Z</issued><modified>2025-06-03T08:00:00Z</modified></entry></feed>"""


def test_rss20_entries_are_normalised():
    result = parse_feed_bytes(RSS20, BASE, "application/rss+xml")
    assert result.status == "ok" and result.problems == []
    assert result.title == "World & Politics"
    first, second = result.entries
    assert first.url == "https://news.example.org/2025/06/accord.html"
    assert first.guid == "accord-1"
    assert first.published == datetime(2025, 6, 3, 7, 30, tzinfo=UTC)
    assert first.summary == "The accord was signed."
    assert "desk@example.org" in first.author
    assert second.published is None


def test_rss091_with_external_doctype_is_parsed_without_its_dtd():
    result = parse_feed_bytes(RSS091, "http://old.example.com/rss")
    assert result.status == "ok"
    assert [e.url for e in result.entries] == ["http://old.example.com/summit"]


def test_rss10_rdf():
    result = parse_feed_bytes(RSS10, "http://rdf.example.com/rss")
    assert result.status == "ok"
    (entry,) = result.entries
    assert entry.url == "http://rdf.example.com/visit"
    assert entry.published == datetime(2025, 6, 3, 10, 0, tzinfo=UTC)


def test_atom10_resolves_xml_base_and_keeps_timezone():
    result = parse_feed_bytes(ATOM10, "https://atom.example.net/feed")
    assert result.status == "ok"
    assert result.title == "Atom news"
    (entry,) = result.entries
    assert entry.url == "https://atom.example.net/news/talks.html"
    assert entry.published == datetime(2025, 6, 3, 15, 0, tzinfo=UTC)
    assert entry.published.tzinfo is not None
    assert entry.summary == "Talks resumed"
    assert entry.author == "A. Writer"


def test_atom03():
    result = parse_feed_bytes(ATOM03, "http://atom03.example.com/feed")
    assert result.status == "ok"
    assert [e.url for e in result.entries] == ["http://atom03.example.com/e1"]


def test_json_feed_is_parsed_by_us():
    body = json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON news",
        "home_page_url": "https://json.example.com/",
        "authors": [{"name": "Feed Desk"}],
        "items": [
            {"id": "1", "url": "https://json.example.com/a?utm_campaign=x", "title": "Treaty ratified",
             "content_html": "<p>The treaty was <b>ratified</b>.</p>", "date_published": "2025-06-03T09:00:00+02:00"},
            {"id": 2, "external_url": "/relative/b", "title": "Relative", "content_text": "Plain text",
             "authors": [{"name": "B"}]},
            {"id": "3", "url": "javascript:alert(1)"},
            "not an object",
        ],
    }).encode()
    result = parse_feed_bytes(body, "https://json.example.com/feed.json", "application/feed+json")
    assert result.status == "ok" and result.title == "JSON news"
    a, b = result.entries
    assert a.url == "https://json.example.com/a" and a.summary == "The treaty was ratified."
    assert a.published == datetime(2025, 6, 3, 7, 0, tzinfo=UTC) and a.author == "Feed Desk"
    assert b.url == "https://json.example.com/relative/b" and b.guid == "2" and b.author == "B"
    assert sorted(p.reason for p in result.problems) == ["bad_scheme", "malformed_feed"]


def test_json_that_is_not_a_json_feed():
    result = parse_feed_bytes(b'{"hello": "world"}', BASE, "application/json")
    assert result.status == "error" and result.problems[0].reason == "not_a_feed"
    result = parse_feed_bytes(b'{"version": "https://jsonfeed.org/version/1", "items": [', BASE, "application/feed+json")
    assert result.status == "error" and result.problems[0].reason == "malformed_feed"


def test_malformed_feed_keeps_good_entries_and_reports_the_problem():
    broken = RSS20.replace(b"</channel></rss>", b"<item><title>Broken & unescaped</title><link>https://news.example.org/c</link></item>")
    result = parse_feed_bytes(broken, BASE)
    assert result.status == "ok"
    assert len(result.entries) >= 2
    assert [p.reason for p in result.problems] == ["malformed_feed"]
    assert result.problems[0].stage == "feed"


def test_entity_bomb_and_xxe_are_refused_before_parsing():
    for body in (ENTITY_BOMB, XXE_FEED):
        result = parse_feed_bytes(body, BASE)
        assert result.status == "error"
        assert [p.reason for p in result.problems] == ["entity_declaration"]


def test_one_line_bomb_and_utf16_bomb_are_refused():
    one_line = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>'
    assert parse_feed_bytes(one_line, BASE).problems[0].reason == "entity_declaration"
    utf16 = XXE_FEED.decode().replace('version="1.0"?>', 'version="1.0" encoding="utf-16"?>').encode("utf-16")
    assert parse_feed_bytes(utf16, BASE).problems[0].reason == "entity_declaration"


def test_doctype_text_inside_cdata_is_not_a_declaration():
    body = b'<rss version="2.0"><channel><item><link>http://x.example/a</link><description><![CDATA[ <!DOCTYPE ]]></description></item></channel></rss>'
    result = parse_feed_bytes(body, BASE)
    assert result.status == "ok" and len(result.entries) == 1


def test_html_binary_and_empty_bodies_are_not_feeds():
    html = b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hello</p></body></html>"
    assert parse_feed_bytes(html, BASE, "application/rss+xml").problems[0].reason == "not_a_feed"
    assert parse_feed_bytes(bytes(range(256)) * 10, BASE).problems[0].reason == "not_a_feed"
    assert parse_feed_bytes(b"", BASE).problems[0].reason == "not_a_feed"


def test_bad_links_become_entry_problems_with_the_entry_as_payload():
    body = b"""<rss version="2.0"><channel><title>t</title>
    <item><title>file</title><link>file:///etc/passwd</link></item>
    <item><title>ftp</title><link>ftp://example.com/x</link></item>
    <item><title>js</title><link>javascript:alert(1)</link></item>
    <item><title>none</title></item>
    <item><title>ok</title><link>http://example.com/ok</link></item></channel></rss>"""
    result = parse_feed_bytes(body, BASE)
    assert [e.title for e in result.entries] == ["ok"]
    assert [p.reason for p in result.problems] == ["bad_scheme", "bad_scheme", "bad_scheme", "bad_link"]
    assert result.problems[0].payload["entry"]["title"] == "file"


def test_private_address_links_are_refused_when_the_allow_list_is_known():
    body = b"""<rss version="2.0"><channel><title>t</title>
    <item><link>http://169.254.169.254/latest/meta-data/</link></item>
    <item><link>http://0x7f000001:8080/</link></item>
    <item><link>http://[::ffff:10.0.0.1]/</link></item>
    <item><link>http://127.0.0.1:8765/allowed</link></item>
    <item><link>http://example.com/public</link></item></channel></rss>"""
    result = parse_feed_bytes(body, BASE, fetch_allow=["http://127.0.0.1:8765"])
    assert [e.url for e in result.entries] == ["http://127.0.0.1:8765/allowed", "http://example.com/public"]
    assert [p.reason for p in result.problems] == ["refused_address"] * 3


def test_a_bytes_body_that_looks_like_a_path_is_never_opened():
    result = parse_feed_bytes(b"/etc/passwd", BASE)
    assert result.status == "error" and result.entries == []
