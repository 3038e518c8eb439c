"""Every ``PIPELINE_*`` setting, read from the environment in one place.

Other modules call :func:`get_settings` and never read ``os.environ`` themselves, so the
full list of knobs an operator has is this file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_home() -> Path:
    # A source checkout keeps its state beside the code; an installed package uses the cwd.
    if (PROJECT_ROOT / "pyproject.toml").exists():
        return PROJECT_ROOT / ".pipeline"
    return Path.cwd() / ".pipeline"


def _float(env: dict[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    return float(raw) if raw not in (None, "") else default


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    return int(raw) if raw not in (None, "") else default


def _csv(raw: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (raw or "").split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    # Where embedded state lives (pgserver data dir, throwaway AIRFLOW_HOME, demo output).
    home: Path
    # SQLAlchemy URL; None means the embedded pgserver under ``home``.
    database_url: str | None
    # A feeds file path, or comma-separated feed URLs.
    feeds: str
    # Origins (scheme://host:port) exempt from the private-address block: PIPELINE_FETCH_ALLOW
    # and the feeds file's fetch_allow list.
    fetch_allow: tuple[str, ...]
    user_agent: str
    contact_url: str
    connect_timeout_s: float
    read_timeout_s: float
    total_timeout_s: float
    max_body_bytes: int
    max_redirects: int
    per_host_concurrency: int
    per_host_delay_s: float
    max_concurrency: int
    # Feeds of one run polled at once (each waits mostly on its host's politeness delay).
    feed_concurrency: int
    # Worker processes that code articles while an ingest run fetches (0: in the run's own
    # process). Default: one per core; fetching is mostly waiting, and coding is the run's
    # main CPU cost (bench cycle: 2 workers on 2 cores finish well before 1).
    coder_processes: int
    retries: int
    backoff_base_s: float
    backoff_max_s: float
    respect_robots: bool
    # A feed whose last N polls failed is "failing": still polled, but with back-off.
    feed_failing_after: int
    # Back-off of a failing feed: the first wait, doubled per further failure, up to the max.
    feed_backoff_s: float
    feed_backoff_max_s: float
    # A run still 'running' without a sign of life for this long is closed as 'abandoned' by
    # the next run (docs/reliability.md).
    run_stale_minutes: float
    # Addresses news_ingest e-mails (Airflow's SMTP notifier) when a feed turns failing.
    feed_alert_email: tuple[str, ...]
    # The work one feed may cost one poll (docs/reliability.md): new entries fetched (the rest
    # wait for the next poll), dead letters recorded for its bad entries (the rest summarised
    # in one), seconds spent fetching its articles.
    max_entries_per_feed: int
    max_letters_per_feed: int
    feed_time_budget_s: float



def feeds_file_allow(feeds: str) -> tuple[str, ...]:
    """Origins the feeds file itself allows (its top-level ``fetch_allow`` list).

    Kept in the file so that adding a feed on a private origin (``feeds add --allow-private``)
    takes effect on the next run without restarting Airflow. A file that cannot be read allows
    nothing; the feed loader reports what is wrong with it.
    """
    import yaml

    path = Path(feeds)
    if "://" in feeds and not path.exists():
        return ()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return ()
    allow = data.get("fetch_allow") if isinstance(data, dict) else None
    return tuple(str(o).strip() for o in allow if str(o).strip()) if isinstance(allow, list) else ()


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    home = Path(env.get("PIPELINE_HOME") or _default_home()).resolve()
    contact = env.get("PIPELINE_CONTACT_URL", "https://github.com/newsevents/pipeline")
    feeds = env.get("PIPELINE_FEEDS") or str(PROJECT_ROOT / "seeds" / "feeds.yaml")
    allow = _csv(env.get("PIPELINE_FETCH_ALLOW")) + feeds_file_allow(feeds)
    return Settings(
        home=home,
        database_url=env.get("PIPELINE_DATABASE_URL") or None,
        feeds=feeds,
        fetch_allow=tuple(dict.fromkeys(o.rstrip("/").lower() for o in allow)),
        user_agent=env.get("PIPELINE_USER_AGENT") or f"newsevents-pipeline/0.1 (+{contact})",
        contact_url=contact,
        connect_timeout_s=_float(env, "PIPELINE_CONNECT_TIMEOUT", 5.0),
        read_timeout_s=_float(env, "PIPELINE_READ_TIMEOUT", 10.0),
        total_timeout_s=_float(env, "PIPELINE_TOTAL_TIMEOUT", 30.0),
        max_body_bytes=_int(env, "PIPELINE_MAX_BODY_BYTES", 10 * 1024 * 1024),
        max_redirects=_int(env, "PIPELINE_MAX_REDIRECTS", 5),
        per_host_concurrency=_int(env, "PIPELINE_PER_HOST_CONCURRENCY", 2),
        per_host_delay_s=_float(env, "PIPELINE_PER_HOST_DELAY", 1.0),
        max_concurrency=_int(env, "PIPELINE_MAX_CONCURRENCY", 16),
        feed_concurrency=_int(env, "PIPELINE_FEED_CONCURRENCY", 64),
        coder_processes=_int(env, "PIPELINE_CODER_PROCESSES", os.cpu_count() or 1),
        retries=_int(env, "PIPELINE_RETRIES", 3),
        backoff_base_s=_float(env, "PIPELINE_BACKOFF_BASE", 0.5),
        backoff_max_s=_float(env, "PIPELINE_BACKOFF_MAX", 30.0),
        respect_robots=env.get("PIPELINE_RESPECT_ROBOTS", "1") not in ("0", "false", "no"),
        feed_failing_after=max(1, _int(env, "PIPELINE_FEED_FAILING_AFTER", 3)),
        feed_backoff_s=_float(env, "PIPELINE_FEED_BACKOFF", 1800.0),
        feed_backoff_max_s=_float(env, "PIPELINE_FEED_BACKOFF_MAX", 6 * 3600.0),
        run_stale_minutes=_float(env, "PIPELINE_RUN_STALE_MINUTES", 60.0),
        feed_alert_email=_csv(env.get("PIPELINE_FEED_ALERT_EMAIL")),
        max_entries_per_feed=_int(env, "PIPELINE_MAX_ENTRIES_PER_FEED", 500),
        max_letters_per_feed=_int(env, "PIPELINE_MAX_LETTERS_PER_FEED", 100),
        feed_time_budget_s=_float(env, "PIPELINE_FEED_TIME_BUDGET", 600.0),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
