"""The list of feeds to poll: a YAML file (``seeds/feeds.yaml``) or comma-separated URLs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from pipeline.config import Settings, get_settings
from pipeline.store.clean import url_problem


class FeedListError(ValueError):
    """The feed list cannot be used (the message names the file or option, and the entry), or
    the feeds file cannot take this change (not a file, already listed, not listed)."""


def check_feed_url(url: object, where: str) -> str:
    """``url`` stripped, when it is an http(s) URL with a host that can be stored; else
    :class:`FeedListError` saying why (``file:///etc/passwd`` is refused here, before any
    database row exists for it)."""
    if not isinstance(url, str) or not url.strip():
        raise FeedListError(f"{where}: a feed needs a url (text), not {url!r}")
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise FeedListError(f"{where}: {url!r} is not a URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FeedListError(f"{where}: {url!r}: only http and https feeds can be polled")
    if not host:
        raise FeedListError(f"{where}: {url!r} has no host")
    problem = url_problem(url)
    if problem is not None:
        raise FeedListError(f"{where}: {problem.detail}")
    return url


@dataclass(frozen=True)
class FeedSource:
    url: str
    name: str | None = None
    # A dated archive for backfills: an URL template containing "{date}" (YYYY-MM-DD).
    archive: str | None = None


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise FeedListError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise FeedListError(f"{path}: not valid YAML: {exc.problem or exc.context}{where}") from None
    except yaml.YAMLError as exc:
        raise FeedListError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None


def _parse_file(path: Path) -> list[FeedSource]:
    data = _read_yaml(path)
    items = data.get("feeds", []) if isinstance(data, dict) else data
    if items is None:
        return []
    if not isinstance(items, list):
        raise FeedListError(f"{path}: 'feeds' must be a list of feeds (each a URL or {{url, name, archive}}), "
                            f"not a {type(items).__name__}")
    sources = []
    for i, item in enumerate(items):
        where = f"{path}: feeds[{i}]"
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict):
            raise FeedListError(f"{where} must be a URL or a mapping with a url, not {item!r}")
        url = check_feed_url(item.get("url"), where)
        name, archive = item.get("name"), item.get("archive")
        if name is not None and not isinstance(name, str):
            raise FeedListError(f"{where}.name must be text, not {name!r}")
        if archive is not None and (not isinstance(archive, str) or "{date}" not in archive):
            raise FeedListError(f"{where}.archive must be a URL containing {{date}}, not {archive!r}")
        if archive:
            check_feed_url(archive.replace("{date}", "2000-01-01"), f"{where}.archive")
        sources.append(FeedSource(url=url, name=name, archive=archive))
    return sources


def load_sources(spec: str | None = None, settings: Settings | None = None) -> list[FeedSource]:
    """Feeds from ``spec`` (a file path or comma-separated URLs), default ``PIPELINE_FEEDS``."""
    spec = spec or (settings or get_settings()).feeds
    path = Path(spec)
    if "://" not in spec or path.exists():
        if not path.exists():
            raise FileNotFoundError(f"feeds file {spec} does not exist")
        sources = _parse_file(path)
    else:
        sources = [FeedSource(url=check_feed_url(u, "feed list")) for u in spec.split(",") if u.strip()]
    seen, unique = set(), []
    for s in sources:
        if s.url not in seen:
            seen.add(s.url)
            unique.append(s)
    return unique


def feed_list_health(engine, sources: list[FeedSource]) -> list[dict]:
    """One object per feed: the configured ones in file order with their health, then the
    feeds the database knows that the file no longer lists (``disabled``)."""
    from pipeline.store.feeds import feed_health

    with engine.connect() as conn:
        known = {row["url"]: row for row in feed_health(conn)}
    configured = {s.url for s in sources}
    listed = []
    for s in sources:
        row = known.get(s.url)
        status = ("failing" if row["failing_since"] else "ok") if row else "ok"
        listed.append(_health_object(s.url, s.name, status, row))
    for url, row in known.items():
        if url not in configured:
            listed.append(_health_object(url, row["title"], "disabled", row))
    return listed


def _health_object(url: str, name: str | None, status: str, row) -> dict:
    def get(key: str, default=None):
        return row[key] if row is not None and row[key] is not None else default

    return {"url": url, "name": name or get("title"), "status": status,
            "consecutive_failures": get("consecutive_failures", 0),
            "last_success_at": get("last_success_at"), "last_error": get("last_error"),
            "last_polled_at": get("last_polled_at"), "last_poll_status": get("last_poll_status"),
            "failing_since": get("failing_since"), "next_poll_at": get("next_poll_at"),
            "last_new_articles": get("last_new_articles"), "new_articles_7d": get("new_articles_7d", 0),
            "open_dead_letters": get("open_dead_letters", 0)}


# --- editing the feeds file (feeds add / feeds remove) -------------------------------------------

NEW_FILE_HEADER = "# Feeds that news_ingest polls; edited by `python -m pipeline feeds add|remove`.\n"


def feeds_file(spec: str | None = None, settings: Settings | None = None) -> Path:
    """The feeds file the pipeline reads; refuses a comma-separated URL list (nothing to edit)."""
    spec = spec or (settings or get_settings()).feeds
    if "://" in spec and not Path(spec).exists():
        raise FeedListError("PIPELINE_FEEDS is a list of URLs, not a file: point it at a feeds file to edit")
    return Path(spec)


def _round_trip():
    from ruamel.yaml import YAML

    yaml_rt = YAML()  # round-trip mode: comments, order and quoting survive a load and dump
    yaml_rt.indent(mapping=2, sequence=4, offset=2)
    yaml_rt.width = 4096
    return yaml_rt


def _edit(path: Path, change, change_top=None) -> None:
    """Load ``path`` keeping its comments, apply ``change(feeds_list)`` (and ``change_top(the
    whole mapping)``), write it back atomically."""
    import os
    import tempfile

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml_rt = _round_trip()
    data = yaml_rt.load(path.read_text(encoding="utf-8")) if path.exists() else None
    if data is None:
        data = CommentedMap()
        if not path.exists():
            data.yaml_set_start_comment(NEW_FILE_HEADER.lstrip("# ").rstrip("\n"))
    if not isinstance(data, dict):
        raise FeedListError(f"{path}: expected a mapping with a 'feeds' list")
    if data.get("feeds") is None:
        data["feeds"] = CommentedSeq()
    change(data["feeds"])
    if change_top is not None:
        change_top(data)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            yaml_rt.dump(data, out)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)  # a reader (an Airflow task) sees the old file or the new, never half
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _url_of(item) -> str | None:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, dict) and item.get("url"):
        return str(item["url"]).strip()
    return None


def origin(url: str) -> str:
    """scheme://host:port of ``url``, the form fetch_allow lists."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def add_to_feeds_file(path: Path, source: FeedSource, allow_origin: bool = False) -> None:
    """Append ``source`` to the feeds file (created when missing), keeping its comments; with
    ``allow_origin``, also list its origin under ``fetch_allow`` (exempt from the address block)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if source.archive and "{date}" not in source.archive:
        raise FeedListError("--archive must contain {date} (YYYY-MM-DD)")

    def append(items) -> None:
        if any(_url_of(item) == source.url for item in items):
            raise FeedListError(f"{source.url} is already in {path}")
        entry = CommentedMap(url=source.url)
        if source.name:
            entry["name"] = source.name
        if source.archive:
            entry["archive"] = source.archive
        items.append(entry)

    def allow(data) -> None:
        if allow_origin:
            allowed = data.setdefault("fetch_allow", CommentedSeq())
            if origin(source.url) not in allowed:
                allowed.append(origin(source.url))

    _edit(path, append, allow)


def remove_from_feeds_file(path: Path, url: str) -> None:
    """Take ``url`` out of the feeds file, keeping the other entries and the comments."""
    if not path.exists():
        raise FeedListError(f"feeds file {path} does not exist")

    def drop(items) -> None:
        at = [i for i, item in enumerate(items) if _url_of(item) == url.strip()]
        if not at:
            raise FeedListError(f"{url} is not in {path}")
        for i in reversed(at):
            del items[i]

    _edit(path, drop)
