"""The CLI contracts that tests, evaluation tools and operators rely on, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys

from devtools import REPO_ROOT

DOCS = [
    {"doc_id": "a", "published": "2026-11-25", "title": "Pact signed",
     "text": "SEOUL, Nov 25 - Vietnamese Prime Minister Pham Minh Chinh and South Korean President Lee Jae-myung "
             "signed a trade agreement in Seoul on Tuesday.\n"
             "\"This agreement opens a new chapter for our two peoples,\" Pham told reporters."},
    {"doc_id": "b", "published": None, "title": "Markets",
     "text": "Asian shares closed higher on Friday as chipmakers rallied for a third session."},
]
TYPES = {"signing", "visit", "meeting", "statement"}


def _run(args, stdin):
    return subprocess.run([sys.executable, "-m", "pipeline", "extract", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


def _check_contract(ev):
    assert ev["type"] in TYPES
    assert isinstance(ev["actors"], list) and all({"name", "kind", "country"} <= set(a) for a in ev["actors"])
    assert isinstance(ev["parties"], list) and all({"name", "code"} <= set(p) for p in ev["parties"])
    assert ev["status"] in ("occurred", "planned")
    assert ev["date"] is None or len(ev["date"]) == 10
    assert {"start", "end", "text"} <= set(ev["evidence"])
    assert 0.0 <= ev["confidence"] <= 1.0
    assert {"cameo", "plover"} <= set(ev["codes"]) and ev["codes"]["cameo"]
    assert ev["coder_version"]
    for key in ("destination", "location"):
        assert key in ev
    if ev["type"] == "statement":
        assert ev["speaker"]["name"] and ev["quote"]


def test_jsonl_mode_prints_one_contract_event_per_line_on_stdout_only():
    proc = _run(["--jsonl", "-"], "".join(json.dumps(d) + "\n" for d in DOCS))
    assert proc.returncode == 0, proc.stderr[-2000:]
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert events, proc.stderr[-2000:]
    for ev in events:
        _check_contract(ev)
    assert {ev["doc_id"] for ev in events} == {"a"}
    signing = next(ev for ev in events if ev["type"] == "signing")
    text = DOCS[0]["text"]
    assert text[signing["evidence"]["start"]:signing["evidence"]["end"]] == signing["evidence"]["text"]
    statement = next(ev for ev in events if ev["type"] == "statement")
    assert statement["speaker"]["name"] == "Pham Minh Chinh"
    assert statement["quote"].startswith("This agreement opens a new chapter")


def test_plain_text_mode_takes_published_and_title(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(DOCS[0]["text"])
    proc = _run(["--published", "2026-11-25", "--title", "Pact signed", str(path)], "")
    assert proc.returncode == 0, proc.stderr[-2000:]
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    signing = next(ev for ev in events if ev["type"] == "signing")
    assert signing["date"] == "2026-11-24"  # "on Tuesday" before a Wednesday publication


def test_every_subcommand_has_help():
    for args in (["--help"], ["db", "upgrade", "--help"], ["ingest", "--help"], ["extract", "--help"],
                 ["feeds", "inspect", "--help"], ["dead-letters", "--help"]):
        proc = subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0 and "usage:" in proc.stdout, args


def test_developer_commands_live_outside_the_library():
    for args in (["demo", "--help"], ["airflow", "--help"]):
        proc = subprocess.run([sys.executable, "-m", "devtools", *args], capture_output=True, text=True, timeout=60,
                              cwd=REPO_ROOT)
        assert proc.returncode == 0 and "usage: python -m devtools" in proc.stdout, args
        gone = subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=60)
        assert gone.returncode == 2 and "invalid choice" in gone.stderr, args


def test_feeds_inspect_reports_a_good_feed_over_http_and_a_bad_local_file(fetch_env, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes, not a feed")
    env = {**__import__("os").environ, "PIPELINE_FETCH_ALLOW": fetch_env.origin}
    proc = subprocess.run([sys.executable, "-m", "pipeline", "feeds", "inspect", "--json", fetch_env.feed_url, str(bad)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 1  # one input is not a feed
    good, notes = (json.loads(line) for line in proc.stdout.splitlines())
    assert good["ok"] and good["entries"] == 6 and good["title"] == "Loopback Wire: World"
    assert not notes["ok"] and notes["problems"][0]["reason"] == "not_a_feed"


def _leaf_parsers(parser, path=()):
    import argparse

    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
    for action in subs:
        for name, child in action.choices.items():
            yield from _leaf_parsers(child, (*path, name))


def test_every_subcommands_help_says_what_it_does_and_what_each_option_means():
    from pipeline.cli import build_parser

    missing = []
    for path, parser in _leaf_parsers(build_parser()):
        if not parser.description:
            missing.append(f"{' '.join(path)}: no description")
        missing += [f"{' '.join(path)} {a.dest}: no help" for a in parser._actions
                    if a.help is None and a.dest != "help"]
    assert missing == []
