"""One self-contained HTML page about the events of a period: events per day by type, the
most active people and countries, who met whom, the latest statements with links to their
articles.

Charts are plotly figures; plotly.js is inlined once into the page (include_plotlyjs=True), so
the file opens anywhere, offline, and no request leaves it. The data comes from the analyst
views (pipeline.store.analytics), so an analyst's read-only login is enough to write it.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine

from pipeline.store import analytics

TYPE_COLOURS = {"meeting": "#1f77b4", "visit": "#2ca02c", "signing": "#d62728", "statement": "#9467bd"}
_PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


@dataclass(frozen=True)
class ReportSummary:
    path: Path
    events: int
    first_day: object
    last_day: object
    charts: int
    statements: int


def _figure_html(fig, first: bool) -> str:
    # The library once, in the first chart; the others reuse it.
    return fig.to_html(full_html=False, include_plotlyjs=bool(first), config=_PLOTLY_CONFIG)


def _layout(fig, title: str, height: int = 420) -> None:
    fig.update_layout(title={"text": title, "x": 0.01}, height=height, margin={"l": 60, "r": 20, "t": 50, "b": 50},
                      template="plotly_white", font={"family": "system-ui, sans-serif", "size": 12})


def _no_data(fig, message: str = "No events in this period") -> None:
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 16, "color": "#888"})


def events_per_day_chart(rows: list[dict]):
    import plotly.graph_objects as go

    fig = go.Figure()
    for kind, colour in TYPE_COLOURS.items():
        mine = [r for r in rows if r["event_type"] == kind]
        if mine:
            fig.add_bar(x=[r["day"] for r in mine], y=[r["events"] for r in mine], name=kind, marker_color=colour)
    fig.update_layout(barmode="stack", xaxis_title="day (coalesce(event_date, reported_date))",
                      yaxis_title="events", legend_title="type")
    if not rows:
        _no_data(fig)
    _layout(fig, "Events per day, by type")
    return fig


def ranking_chart(labels: list[str], values: list[int], title: str, colour: str):
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=list(reversed(values)), y=list(reversed(labels)), orientation="h",
                           marker_color=colour))
    fig.update_layout(xaxis_title="events")
    if not labels:
        _no_data(fig)
    _layout(fig, title, height=max(300, 28 * len(labels) + 100))
    return fig


def network_chart(pairs: list[dict], parties: dict[str, str | None]):
    """People as points on a circle (grouped by party), a line for each pair that met."""
    import plotly.graph_objects as go

    degree: dict[str, int] = {}
    for p in pairs:
        for who in (p["source"], p["target"]):
            degree[who] = degree.get(who, 0) + p["events"]
    people = sorted(degree, key=lambda n: (parties.get(n) or "~", n))
    position = {n: (math.cos(2 * math.pi * i / max(len(people), 1)), math.sin(2 * math.pi * i / max(len(people), 1)))
                for i, n in enumerate(people)}
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for p in pairs:
        (x0, y0), (x1, y1) = position[p["source"]], position[p["target"]]
        edge_x += [x0, x1, None]
        edge_y += [y0, y1, None]
    fig = go.Figure()
    fig.add_scatter(x=edge_x, y=edge_y, mode="lines", line={"width": 1, "color": "#9aa"}, hoverinfo="skip",
                    showlegend=False)
    fig.add_scatter(
        x=[position[n][0] for n in people], y=[position[n][1] for n in people], mode="markers+text",
        text=[f"{n} ({parties.get(n) or '?'})" for n in people], textposition="top center",
        marker={"size": [8 + 4 * math.sqrt(degree[n]) for n in people], "color": "#1f77b4"},
        hovertext=[f"{n} ({parties.get(n) or '?'}): {degree[n]} meetings, visits and signings" for n in people],
        hoverinfo="text", showlegend=False)
    fig.update_xaxes(visible=False, range=[-1.5, 1.5])
    fig.update_yaxes(visible=False, range=[-1.3, 1.3], scaleanchor="x")
    if not pairs:
        _no_data(fig, "No meetings, visits or signings between named people in this period")
    _layout(fig, "Who met whom (meetings, visits, signings)", height=560)
    return fig


def _statements_table(rows: list[dict]) -> str:
    if not rows:
        return "<p class='empty'>No statements in this period.</p>"
    body = "\n".join(
        "<tr><td>{day}</td><td>{speaker}</td><td>{party}</td><td class='quote'>“{quote}”</td>"
        "<td><a href=\"{url}\" rel=\"noopener noreferrer\" target=\"_blank\">{source}</a></td></tr>".format(
            day=html.escape(str(r["day"])), speaker=html.escape(r["speaker"] or "?"),
            party=html.escape(r["speaker_country"] or ""), quote=html.escape(r["quote"] or ""),
            url=html.escape(r["article_url"] or "", quote=True), source=html.escape(r["source"] or "article"))
        for r in rows)
    return ("<table><thead><tr><th>day</th><th>speaker</th><th>party</th><th>quote</th><th>article</th></tr>"
            f"</thead><tbody>{body}</tbody></table>")


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #222; }}
h1 {{ margin-bottom: .2rem; }} .meta {{ color: #666; margin-top: 0; }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }}
.chart {{ border: 1px solid #eee; border-radius: 6px; padding: .5rem; margin-bottom: 1rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
th, td {{ text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }}
td.quote {{ font-style: italic; }} .empty {{ color: #888; }}
@media (max-width: 900px) {{ .grid {{ grid-template-columns: 1fr; }} }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="meta">{meta}</p>
<div class="chart" id="chart-per-day">{per_day}</div>
<div class="grid">
<div class="chart" id="chart-actors">{actors}</div>
<div class="chart" id="chart-parties">{parties}</div>
</div>
<div class="chart" id="chart-network">{network}</div>
<h2>Latest statements</h2>
{statements}
<p class="meta">Dates follow one rule: day = coalesce(event_date, reported_date). Written by
<code>python -m pipeline report</code> from the analyst views; charts by plotly, inlined.</p>
</body>
</html>
"""


def _charts(conn: Connection, window: analytics.Window) -> list:
    """The report's four figures, in page order."""
    per_day = analytics.events_per_day_by_type(conn, window)
    actors = analytics.most_active_actors(conn, window)
    parties = analytics.most_active_parties(conn, window)
    pairs = analytics.who_met_whom(conn, window)
    people = sorted({p["source"] for p in pairs} | {p["target"] for p in pairs})
    party_of = analytics.parties_of_people(conn, people)
    return [
        events_per_day_chart(per_day),
        ranking_chart([f"{a['actor']} ({a['party'] or '?'})" for a in actors], [a["events"] for a in actors],
                      "Most active people", "#ff7f0e"),
        ranking_chart([f"{p['party_name'] or p['party_code']} ({p['party_code']})" for p in parties],
                      [int(p["events"]) for p in parties], "Most active countries and organisations", "#17becf"),
        network_chart(pairs, party_of),
    ]


def write_report(engine: Engine, out: Path, window: analytics.Window | None = None) -> ReportSummary:
    window = window or analytics.Window()
    with engine.connect() as conn:
        first, last, events = analytics.window_bounds(conn, window)
        charts = _charts(conn, window)
        statements = analytics.latest_statements(conn, window)
        refreshed = analytics.counts_refreshed_at(conn)
    divs = [_figure_html(fig, first=(i == 0)) for i, fig in enumerate(charts)]
    period = f"{window.since or first or '…'} to {window.until or last or '…'}"
    meta = (f"{events} events, {period}. Counts current as of "
            f"{refreshed:%Y-%m-%d %H:%M} UTC; " if refreshed else f"{events} events, {period}. ") + \
        f"written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC."
    page = _PAGE.format(title=html.escape(f"Political events, {period}"), meta=html.escape(meta),
                        per_day=divs[0], actors=divs[1], parties=divs[2], network=divs[3],
                        statements=_statements_table(statements))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return ReportSummary(out.resolve(), events, first, last, len(charts), len(statements))
