"""The lines news_reprocess's tasks log (and `pipeline reprocess` prints on stderr): what a
run will re-code, what each chunk did, what the run did; a dry run says it changed nothing."""

from __future__ import annotations

from pipeline.reprocess import describe_chunk, describe_plan, describe_reprocess

PLAN = {"since": "2026-11-20", "until": "2026-11-30", "feeds": None, "coder_version": "v2", "dry_run": True,
        "chunks": [{"since": "2026-11-24", "until": "2026-11-24", "label": "2026-11-24", "articles": 2},
                   {"since": "2026-11-25", "until": "2026-11-25", "label": "2026-11-25", "articles": 4}]}


def test_the_plan_says_what_will_be_re_coded_and_a_dry_run_says_would():
    assert describe_plan(PLAN) == ("dry run: would re-code 6 articles published from 2026-11-20 to 2026-11-30 "
                                   "(all feeds) under v2, in 2 chunks")
    one_day = {**PLAN, "until": "2026-11-20", "dry_run": False, "feeds": ["http://a/rss"],
               "chunks": [{"since": "2026-11-20", "until": "2026-11-20", "label": "2026-11-20", "articles": 0}]}
    assert describe_plan(one_day) == ("re-coding 0 articles published on 2026-11-20 (1 feed(s)) under v2, in 1 chunk"
                                      " (no stored article was published in that range)")


def test_a_chunk_and_the_run_say_what_they_did():
    chunk = {"since": "2026-11-24", "until": "2026-11-25", "articles": 1, "mentions": 5, "mentions_added": 2,
             "mentions_removed": 1, "dry_run": False}
    assert describe_chunk(chunk) == "from 2026-11-24 to 2026-11-25: 1 article re-coded, 5 mentions (2 new, 1 removed)"
    assert describe_chunk({**chunk, "dry_run": True}) == "from 2026-11-24 to 2026-11-25: 1 article (dry run: not re-coded)"
    summary = {"coder_version": "v2", "since": "2026-11-20", "until": "2026-11-30", "chunks": 2, "articles": 6,
               "mentions": 22, "mentions_added": 22, "events": 20, "dry_run": False}
    assert describe_reprocess(summary) == ("re-coded 6 articles published from 2026-11-20 to 2026-11-30 under v2: "
                                           "22 mentions (22 new), 20 events reclustered")
    assert describe_reprocess({**summary, "dry_run": True}) == (
        "dry run, nothing changed: 6 articles published from 2026-11-20 to 2026-11-30 would be re-coded under v2")
