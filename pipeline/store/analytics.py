"""Read-only questions the report asks, through the analyst views only (so the report runs
with an analyst's login as well as the writer's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, text


@dataclass(frozen=True)
class Window:
    since: date | None = None
    until: date | None = None

    @property
    def params(self) -> dict:
        return {"since": self.since, "until": self.until}


_IN_WINDOW = "(cast(:since AS date) IS NULL OR day >= :since) AND (cast(:until AS date) IS NULL OR day <= :until)"


def window_bounds(conn: Connection, window: Window) -> tuple[date | None, date | None, int]:
    """First day, last day and number of events in the window."""
    row = conn.execute(text(f"SELECT min(day), max(day), count(*) FROM v_events WHERE {_IN_WINDOW}"),
                       window.params).one()
    return row[0], row[1], row[2]


def events_per_day_by_type(conn: Connection, window: Window) -> list[dict]:
    return [dict(r) for r in conn.execute(text(
        f"""SELECT day, event_type, events FROM v_daily_event_counts WHERE {_IN_WINDOW}
            ORDER BY day, event_type"""), window.params).mappings()]


def most_active_actors(conn: Connection, window: Window, limit: int = 15) -> list[dict]:
    return [dict(r) for r in conn.execute(text(
        f"""SELECT actor, party, count(*) AS events,
                   count(*) FILTER (WHERE event_type = 'statement') AS statements
            FROM v_actor_activity WHERE kind = 'person' AND {_IN_WINDOW}
            GROUP BY actor_id, actor, party ORDER BY events DESC, actor LIMIT :n"""),
        {**window.params, "n": limit}).mappings()]


def most_active_parties(conn: Connection, window: Window, limit: int = 15) -> list[dict]:
    return [dict(r) for r in conn.execute(text(
        f"""SELECT party_code, max(party_name) AS party_name, sum(events) AS events
            FROM v_daily_party_counts WHERE {_IN_WINDOW}
            GROUP BY party_code ORDER BY events DESC, party_code LIMIT :n"""),
        {**window.params, "n": limit}).mappings()]


def who_met_whom(conn: Connection, window: Window, limit: int = 60) -> list[dict]:
    """Pairs of people in the same meeting, visit or signing, with how often."""
    return [dict(r) for r in conn.execute(text(
        f"""SELECT a.actor AS source, a.party AS source_party, c AS target, count(*) AS events
            FROM v_actor_activity a CROSS JOIN LATERAL unnest(a.counterparts) AS c
            WHERE a.kind = 'person' AND a.event_type IN ('meeting', 'visit', 'signing') AND a.actor < c
              AND {_IN_WINDOW.replace('day', 'a.day')}
            GROUP BY a.actor, a.party, c ORDER BY events DESC, source, target LIMIT :n"""),
        {**window.params, "n": limit}).mappings()]


def parties_of_people(conn: Connection, names: list[str]) -> dict[str, str | None]:
    rows = conn.execute(text("SELECT name, party FROM v_actors WHERE kind = 'person' AND name = ANY(:n)"),
                        {"n": names})
    return dict(rows.tuples().all())


def latest_statements(conn: Connection, window: Window, limit: int = 25) -> list[dict]:
    return [dict(r) for r in conn.execute(text(
        f"""SELECT statement_date AS day, speaker, speaker_country, quote, article_url, source, num_sources
            FROM v_statements WHERE {_IN_WINDOW.replace('day', 'statement_date')}
            ORDER BY statement_date DESC, published_at DESC NULLS LAST, event_id DESC LIMIT :n"""),
        {**window.params, "n": limit}).mappings()]


def counts_refreshed_at(conn: Connection):
    return conn.execute(text("SELECT max(refreshed_at) FROM v_daily_event_counts")).scalar()
