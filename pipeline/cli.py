"""``python -m pipeline``: the command line for operators and analysts.

Every subcommand has ``--help``. Machine-readable output goes to stdout; logs go to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence

log = logging.getLogger("pipeline")

# Exit codes: 0 done, 1 the run failed, 2 a usage mistake (one line on stderr), 3 the database
# is unavailable.
EXIT_DATABASE_UNAVAILABLE = 3


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("pgserver", "httpx", "httpcore", "trafilatura", "htmldate", "courlan"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


# --- db ---------------------------------------------------------------------------------

def cmd_db_upgrade(_args: argparse.Namespace) -> int:
    from pipeline.store.db import get_engine
    from pipeline.store.migrations import current_version, upgrade

    engine = get_engine()
    applied = upgrade(engine)
    for m in applied:
        print(f"applied {m.version:03d}_{m.name}")
    print(f"schema at version {current_version(engine)}" + ("" if applied else " (nothing to do)"))
    return 0


def cmd_db_url(_args: argparse.Namespace) -> int:
    from pipeline.store.db import get_engine

    print(get_engine().url.render_as_string(hide_password=True))
    return 0


# --- ingest -----------------------------------------------------------------------------

def cmd_ingest(args) -> int:
    from pipeline.ingest import ingest
    from pipeline.sources import FeedSource, check_feed_url, load_sources

    try:
        sources = ([FeedSource(url=check_feed_url(u, "--feed")) for u in args.feed] if args.feed
                   else load_sources(args.feeds))
    except (OSError, ValueError) as exc:
        print(f"error: cannot read the feed list: {exc}", file=sys.stderr)
        return 2
    if not sources:
        print("error: no feeds to poll", file=sys.stderr)
        return 2
    summary = ingest(sources)
    if args.json:
        print(json.dumps(summary, indent=2, default=str))
    else:
        print(f"run {summary['run_id']} {summary['status']}: {summary['summary']}")
        for poll in summary["feeds"]:
            print(f"  {poll['status']:12} {poll['feed_url']}  entries={poll['entries']} "
                  f"new={len(poll['article_ids'])} known={poll['skipped_known']} dead={poll['dead_letters']}")
    return 0 if summary["status"] == "success" else 1


# --- extract ----------------------------------------------------------------------------

def cmd_extract(args) -> int:
    from pipeline.extract.jsonl import main_jsonl, run_jsonl

    if args.jsonl:  # a bad line is reported on stderr and skipped; exit 2 at the end
        return main_jsonl(args.source, n_process=args.processes)
    try:
        raw = sys.stdin.buffer.read() if args.source == "-" else open(args.source, "rb").read()  # noqa: SIM115
    except OSError as exc:
        print(f"error: cannot read {args.source}: {exc.strerror}", file=sys.stderr)
        return 2
    doc = {"doc_id": args.doc_id, "text": raw.decode("utf-8", errors="replace"), "published": args.published,
           "title": args.title}
    summary = run_jsonl([json.dumps(doc)], sys.stdout, n_process=args.processes)
    return 2 if summary.refused else 0


# --- feeds ------------------------------------------------------------------------------

def cmd_feeds_inspect(args) -> int:
    from pipeline.fetch.inspect import inspect

    results = inspect(args.inputs)
    for r in results:
        if args.json:
            print(json.dumps(r, default=str))
        else:
            mark = "ok " if r.get("ok") else "BAD"
            problems = "; ".join(p if isinstance(p, str) else f"{p.get('reason')}: {p.get('detail')}"
                                 for p in r.get("problems") or [])
            print(f"{mark} {r['input']}  title={r.get('title')!r} entries={r.get('entries', 0)}"
                  + (f"  problems: {problems}" if problems else ""))
    return 0 if all(r.get("ok") for r in results) else 1


def cmd_feeds_list(args) -> int:
    from pipeline.ingest import prepare_database
    from pipeline.sources import feed_list_health, load_sources

    try:
        sources = load_sources(args.feeds)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read the feed list: {exc}", file=sys.stderr)
        return 2
    listed = feed_list_health(prepare_database(), sources)
    if args.json:
        print(json.dumps(listed, indent=2, default=str))
        return 0
    for f in listed:
        success = f"{f['last_success_at']:%Y-%m-%d %H:%M}" if f["last_success_at"] else "never"
        print(f"{f['status']:9} fails={f['consecutive_failures']:<3} last ok {success:16}  {f['url']}")
        if f["last_error"]:
            wait = f", next poll {f['next_poll_at']:%Y-%m-%d %H:%M}" if f["next_poll_at"] else ""
            print(f"          last error: {f['last_error']}{wait}")
    failing = sum(f["status"] == "failing" for f in listed)
    print(f"{len(listed)} feed{'' if len(listed) == 1 else 's'}, {failing} failing", file=sys.stderr)
    return 0


def cmd_feeds_add(args) -> int:
    from dataclasses import replace

    from pipeline.config import get_settings
    from pipeline.fetch import Fetcher
    from pipeline.sources import FeedListError, FeedSource, add_to_feeds_file, feeds_file, origin

    try:
        path = feeds_file(args.feeds)
        source = FeedSource(url=args.url.strip(), name=args.name, archive=args.archive)
        if source.archive and "{date}" not in source.archive:
            raise FeedListError("--archive must contain {date} (YYYY-MM-DD)")
    except FeedListError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # Inspect first: a feed that cannot be read now is refused with the reason.
    settings = get_settings()
    if args.allow_private:
        settings = replace(settings, fetch_allow=(*settings.fetch_allow, origin(source.url)))
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch_feed(source.url)
    if result.status == "error":
        why = "; ".join(f"{p.reason}: {p.detail}" for p in result.problems) or "unknown error"
        print(f"refused {source.url}: {why}", file=sys.stderr)
        return 1
    try:
        add_to_feeds_file(path, FeedSource(source.url, source.name or result.title, source.archive),
                          allow_origin=args.allow_private)
    except FeedListError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"added {source.url} ({result.title or 'untitled'}, {len(result.entries)} entries) to {path}; "
          "the next news_ingest run polls it")
    if not result.entries:
        print("warning: the feed has no entries yet", file=sys.stderr)
    return 0


def cmd_feeds_remove(args) -> int:
    from pipeline.sources import FeedListError, feeds_file, remove_from_feeds_file

    try:
        path = feeds_file(args.feeds)
        remove_from_feeds_file(path, args.url)
    except FeedListError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"removed {args.url} from {path}; its articles and events stay, `feeds list` shows it disabled")
    return 0


# --- dead letters -----------------------------------------------------------------------

def cmd_dead_letters(args) -> int:
    from pipeline.ingest import prepare_database

    engine = prepare_database()
    if args.action == "retry":
        from pipeline.retry import retry_dead_letters

        summary = retry_dead_letters(engine, limit=args.limit)
        print(json.dumps(summary) if args.json else
              f"retried {summary['retried']}: {summary['recovered']} recovered, {summary['failed']} failed again")
        return 0
    if args.action == "ack":
        return _ack_dead_letters(engine, args)
    from pipeline.store.dead_letters import latest_dead_letters

    with engine.connect() as conn:
        rows = latest_dead_letters(conn, args.limit, include_handled=args.all)
    for r in rows:
        if args.json:
            print(json.dumps(dict(r), default=str))
        else:
            state = "resolved" if r["resolved_at"] else "handled" if r["handled_at"] else "retry" if r["retryable"] else ""
            print(f"{r['id']:6} {r['last_seen_at']:%Y-%m-%d %H:%M} x{r['occurrences']:<4} {r['stage']:8} "
                  f"{r['reason']:20} {state:8} {r['url'] or '-'}\n        {r['detail'][:200]}")
    if not args.json:
        print(f"{len(rows)} dead letters shown" + ("" if args.all else " (open only; --all for handled ones)"),
              file=sys.stderr)
    return 0


def _ack_dead_letters(engine, args) -> int:
    from pipeline.store.dead_letters import acknowledge

    if not args.ids and not args.reason:
        print("error: dead-letters ack needs letter ids or --reason", file=sys.stderr)
        return 2
    with engine.begin() as conn:
        marked = acknowledge(conn, args.ids, args.reason)
    print(json.dumps({"handled": marked}) if args.json else f"marked {len(marked)} dead letters handled")
    missed = sorted(set(args.ids) - set(marked))
    if missed:
        print(f"not open (unknown, resolved or already handled): {' '.join(map(str, missed))}", file=sys.stderr)
    return 0 if not missed else 1


# --- re-coding ------------------------------------------------------------------------

def cmd_reprocess(args) -> int:
    from pipeline.reprocess import describe_reprocess, reprocess

    try:
        summary = reprocess({"since": args.since, "until": args.until, "feeds": args.feed,
                             "coder_version": args.coder_version, "dry_run": args.dry_run})
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary))
    print(describe_reprocess(summary), file=sys.stderr)
    return 0


def cmd_coder_versions(args) -> int:
    from pipeline.ingest import prepare_database
    from pipeline.reprocess import coder_versions, set_active_version

    engine = prepare_database()
    if args.activate or args.newest:
        try:
            set_active_version(engine, None if args.newest else args.activate)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    rows = coder_versions(engine)
    for row in rows:
        print(f"{'*' if row['active'] else ' '} {row['coder_version']:28} mentions={row['mentions']} "
              f"articles={row['articles']} articles_coded={row['articles_coded']}")
    shown = next((row for row in rows if row["active"]), None)
    if shown is not None:
        why = "chosen with --activate" if shown["chosen"] else "the version that has coded the most articles"
        print(f"* the views show {shown['coder_version']} ({why})")
    return 0


def cmd_prune(args) -> int:
    from pipeline.ingest import prepare_database
    from pipeline.reprocess import prune

    try:
        print(json.dumps(prune(prepare_database(), args.coder_version)))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_analyst_login(args) -> int:
    from pipeline.ingest import prepare_database
    from pipeline.store.roles import create_analyst_login, drop_analyst_login

    engine = prepare_database()
    try:
        if args.drop:
            drop_analyst_login(engine, args.name)
            print(f"dropped {args.name}", file=sys.stderr)
        else:
            password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
            print(create_analyst_login(engine, args.name, password))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _day(value: str | None):
    from datetime import date

    return date.fromisoformat(value) if value else None


def cmd_report(args) -> int:
    from pipeline.report import write_report
    from pipeline.store.analytics import Window
    from pipeline.store.db import get_engine

    try:
        window = Window(_day(args.since), _day(args.until))
    except ValueError as exc:
        print(f"error: --since/--until take YYYY-MM-DD: {exc}", file=sys.stderr)
        return 2
    summary = write_report(get_engine(), args.out, window)
    print(summary.path)
    print(f"{summary.events} events, {summary.charts} charts, {summary.statements} statements", file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    from pipeline.export import export_view
    from pipeline.store.db import get_engine

    try:
        summary = export_view(get_engine(), args.view, args.out, fmt=args.format, since=_day(args.since),
                              until=_day(args.until))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(summary.path)
    print(f"{summary.rows} rows of {summary.view}, {summary.bytes} bytes", file=sys.stderr)
    return 0


Subcommands = argparse._SubParsersAction  # what add_subparsers() returns


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1 (argparse exits 2 with one line otherwise)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be 1 or more")
    return number


def iso_day(value: str) -> str:
    """An argparse type: a day as YYYY-MM-DD (kept as text: the flows take the form's strings)."""
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a day as YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_database_commands(sub)
    _add_stage_commands(sub)
    _add_operator_commands(sub)
    _add_analyst_commands(sub)
    return p


def _add_database_commands(sub: Subcommands) -> None:
    db = sub.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True)
    up = db.add_parser("upgrade", help="apply pending migrations from sql/ (idempotent)",
                       description="Apply the numbered migrations in sql/ not applied yet (recorded in "
                                   "schema_migrations), all in one transaction; a no-op when up to date.")
    up.set_defaults(func=cmd_db_upgrade)
    url = db.add_parser("url", help="print the database URL in use (password hidden)",
                        description="Print the database URL the commands use: PIPELINE_DATABASE_URL, else the "
                                    "embedded Postgres under .pipeline/ (started if needed); password hidden.")
    url.set_defaults(func=cmd_db_url)


def _add_stage_commands(sub: Subcommands) -> None:
    ing = sub.add_parser("ingest", help="poll feeds, fetch new articles, extract events, load them",
                         description="Poll every feed once (the feeds file, or --feed/--feeds), fetch the "
                                     "articles not stored yet, code them and load the events; print one summary "
                                     "line and a line per feed. Inputs that fail become dead letters; the exit "
                                     "code is still 0 when the run completed.")
    ing.add_argument("--feed", action="append", default=[], metavar="URL", help="a feed URL (repeatable)")
    ing.add_argument("--feeds", metavar="FILE", help="a feeds file (default: PIPELINE_FEEDS or seeds/feeds.yaml)")
    ing.add_argument("--json", action="store_true", help="print the run summary as JSON")
    ing.set_defaults(func=cmd_ingest)

    ex = sub.add_parser("extract", help="code events from text (no database)",
                        description="Print one JSON event per line. With --jsonl, read JSON Lines "
                                    '{"doc_id","text","published","title"}; otherwise read one plain-text article.')
    ex.add_argument("source", nargs="?", default="-", help="a file, or - for stdin")
    ex.add_argument("--jsonl", action="store_true", help="the input is JSON Lines, one document per line")
    ex.add_argument("--published", type=iso_day, metavar="YYYY-MM-DD", help="publication date of a plain-text article")
    ex.add_argument("--title", help="title of a plain-text article")
    ex.add_argument("--doc-id", default="doc", help="doc_id for a plain-text article")
    ex.add_argument("--processes", type=positive_int, default=1, help="worker processes for --jsonl")
    ex.set_defaults(func=cmd_extract)

    feeds = sub.add_parser("feeds", help="feed tools").add_subparsers(dest="feeds_command", required=True)
    ins = feeds.add_parser("inspect", help="check feeds before adding them: ok, title, entries, problems",
                           description="Fetch (with the pipeline's fetch rules) or read each feed and print "
                                       "whether it can be used: OK or BAD, its title, its entries and the problems "
                                       "found. Nothing is stored.")
    ins.add_argument("inputs", nargs="+", metavar="PATH_OR_URL", help="a feed URL or a local feed file")
    ins.add_argument("--json", action="store_true", help="one JSON object per input")
    ins.set_defaults(func=cmd_feeds_inspect)
    ls = feeds.add_parser("list", help="the feeds and their health: ok, failing or disabled",
                          description="One line (or with --json one object) per feed: the configured ones with "
                                      "their health from the database (status, consecutive_failures, "
                                      "last_success_at, last_error, next_poll_at, new articles), then feeds "
                                      "the database knows that the file no longer lists (disabled).")
    ls.add_argument("--feeds", metavar="FILE", help="a feeds file (default: PIPELINE_FEEDS or seeds/feeds.yaml)")
    ls.add_argument("--json", action="store_true", help="a JSON array of feed objects")
    ls.set_defaults(func=cmd_feeds_list)
    add = feeds.add_parser("add", help="inspect a feed and, if it can be read, add it to the feeds file",
                           description="Fetch the feed first (with the pipeline's fetch rules) and refuse it with "
                                       "the reason when it cannot be read; otherwise append it to the feeds file "
                                       "(PIPELINE_FEEDS or --feeds), keeping the file's comments. The next "
                                       "news_ingest run polls it: no restart.")
    add.add_argument("url", help="the feed's URL (RSS, Atom or JSON Feed)")
    add.add_argument("--name", help="a name for the feed (default: the feed's own title)")
    add.add_argument("--archive", metavar="TEMPLATE", help="dated archive URL with {date} (YYYY-MM-DD), for backfills")
    add.add_argument("--feeds", metavar="FILE", help="the feeds file (default: PIPELINE_FEEDS or seeds/feeds.yaml)")
    add.add_argument("--allow-private", action="store_true",
                     help="the feed is on a private or loopback origin: list that origin under the file's "
                          "fetch_allow (read by every run, like PIPELINE_FETCH_ALLOW, without a restart)")
    add.set_defaults(func=cmd_feeds_add)
    rm = feeds.add_parser("remove", help="take a feed out of the feeds file (its articles stay)",
                          description="Remove the feed from the feeds file (comments kept). Its articles and "
                                      "events stay; feeds list shows it as disabled.")
    rm.add_argument("url", help="the feed's URL as the file lists it")
    rm.add_argument("--feeds", metavar="FILE", help="the feeds file (default: PIPELINE_FEEDS or seeds/feeds.yaml)")
    rm.set_defaults(func=cmd_feeds_remove)


def _add_operator_commands(sub: Subcommands) -> None:
    dl = sub.add_parser("dead-letters", help="inputs that could not be processed",
                        description="list: open letters, one per cause (stage, reason, input) with its "
                                    "occurrences, most recently seen first. retry: replay the retryable ones. "
                                    "ack ID... | --reason R: mark letters handled, so list shows them no more.")
    dl.add_argument("action", nargs="?", choices=["list", "retry", "ack"], default="list",
                    help="list (default), retry or ack")
    dl.add_argument("ids", nargs="*", type=int, metavar="ID", help="ack: the letters to mark handled")
    dl.add_argument("--reason", help="ack: every open letter with this reason (e.g. http_error)")
    dl.add_argument("--all", action="store_true", help="list: include resolved and handled ones")
    dl.add_argument("--limit", type=positive_int, default=50, help="at most this many (default 50)")
    dl.add_argument("--json", action="store_true", help="JSON: one object per letter (list), the counts (retry)")
    dl.set_defaults(func=cmd_dead_letters)

    rp = sub.add_parser("reprocess", help="re-code stored articles (no refetching) for a range of days",
                        description="Code the stored articles published from --since to --until again, without "
                                    "refetching, and recluster their events; print the counts as JSON. Under "
                                    "the installed coder's label the mentions are replaced; under a new "
                                    "--coder-version they are stored beside the old ones (the views switch to it "
                                    "once it has coded as many articles, or when chosen with coder-versions "
                                    "--activate). --dry-run only counts. One line saying what was done "
                                    "goes to stderr.")
    rp.add_argument("--since", required=True, type=iso_day, metavar="YYYY-MM-DD",
                    help="first publication day (UTC) to re-code")
    rp.add_argument("--until", type=iso_day, metavar="YYYY-MM-DD",
                    help="last publication day, inclusive (default: --since, so one day)")
    rp.add_argument("--feed", action="append", default=[], metavar="URL", help="only this feed (repeatable)")
    rp.add_argument("--coder-version", help="label to store mentions under (default: the installed coder)")
    rp.add_argument("--dry-run", action="store_true", help="count articles, change nothing")
    rp.set_defaults(func=cmd_reprocess)

    cv = sub.add_parser("coder-versions", help="list coder versions in the database; choose the one the views show",
                        description="One line per coder version with stored mentions (* marks the one the "
                                    "views show): its mentions, the articles they come from, and the articles "
                                    "it has coded (events found or not). Unless one is activated, the views "
                                    "show the version that has coded the most articles (the newest among "
                                    "equals): a newly installed coder takes over once the backlog is re-coded "
                                    "under it, not after its first few articles. --automatic goes back to that.")
    group = cv.add_mutually_exclusive_group()
    group.add_argument("--activate", metavar="VERSION", help="the views show this version")
    group.add_argument("--automatic", "--newest", dest="newest", action="store_true",
                       help="forget the chosen version: the views follow the version that has coded the most "
                            "articles (--newest is the old name)")
    cv.set_defaults(func=cmd_coder_versions)

    pr = sub.add_parser("prune", help="retire a coder version: delete its mentions and events",
                        description="Delete every mention and event of one coder version (the articles stay: "
                                    "reprocess can code them again). The version the views show is refused.")
    pr.add_argument("--coder-version", required=True, metavar="VERSION", help="the label, as coder-versions lists it")
    pr.set_defaults(func=cmd_prune)


def _add_analyst_commands(sub: Subcommands) -> None:
    from pipeline.store.exports import EXPORTABLE

    al = sub.add_parser("analyst-login", help="create a read-only login (in pipeline_analyst) and print its URL",
                        description="Create login NAME, a member of pipeline_analyst (the views, nothing else), "
                                    "with a generated password (or one read from stdin), and print the URL to "
                                    "connect with. Run again to reset the password.")
    al.add_argument("name", help="the login: lower-case letters, digits and _")
    al.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    al.add_argument("--drop", action="store_true", help="remove the login instead")
    al.set_defaults(func=cmd_analyst_login)

    rep = sub.add_parser("report", help="write a self-contained HTML report: charts and the latest statements",
                         description="One HTML file (plotly inlined: it opens offline and loads nothing from "
                                     "the network): events per day by type, the most active people and "
                                     "countries, who met whom, the latest statements. Prints the file's path.")
    rep.add_argument("--since", metavar="YYYY-MM-DD", help="first day (the date rule: coalesce(event_date, reported_date))")
    rep.add_argument("--until", metavar="YYYY-MM-DD", help="last day, inclusive")
    rep.add_argument("--out", required=True, metavar="FILE.html", help="the HTML file to write")
    rep.set_defaults(func=cmd_report)

    exp = sub.add_parser("export", help="export an analyst view as CSV or Parquet, streamed",
                         description="Stream a view to a file (server-side cursor: memory stays flat). CSV holds "
                                     "arrays and JSON as JSON text; Parquet holds arrays as list columns.")
    exp.add_argument("--view", required=True, choices=sorted(EXPORTABLE), help="the view to export")
    exp.add_argument("--since", metavar="YYYY-MM-DD", help="first day (the view's date column)")
    exp.add_argument("--until", metavar="YYYY-MM-DD", help="last day, inclusive")
    exp.add_argument("--format", choices=["csv", "parquet"], default="csv", help="csv (default) or parquet")
    exp.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    exp.set_defaults(func=cmd_export)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        from pipeline.store.faults import database_unavailable, one_line

        if not database_unavailable(exc):
            raise
        # Not a bug to debug but a server to bring back: one line, not a chained traceback.
        print(f"error: the database is unavailable ({one_line(exc, 200)}); the next run recovers once "
              "it is back", file=sys.stderr)
        return EXIT_DATABASE_UNAVAILABLE


if __name__ == "__main__":
    sys.exit(main())
