"""Every example query of docs/analysts.md and the README, run as an analyst would: logged in
as a member of pipeline_analyst, against the demo data (the sample site ingested). The queries
are read from the markdown, so the guide cannot rot."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bench.guide_queries import guide_queries, readme_queries

GUIDE = guide_queries()


def test_the_guide_has_an_example_for_each_everyday_question():
    names = {q.name for q in GUIDE}
    assert len(GUIDE) >= 12 and len(names) == len(GUIDE)
    assert all(q.expect for q in GUIDE)


@pytest.mark.parametrize("query", GUIDE, ids=[q.name for q in GUIDE])
def test_each_guide_query_answers_as_the_analyst(analyst, query):
    with analyst.connect() as conn:
        assert conn.execute(text("SELECT current_user")).scalar().startswith("reader_")
        rows = conn.execute(text(query.sql)).all()
    assert rows, f"{query.name} returned nothing on the demo data"
    seen = " | ".join(str(v) for row in rows for v in row)
    missing = [value for value in query.expect if value not in seen]
    assert not missing, f"{query.name}: {missing} not in {seen[:500]}"


@pytest.mark.parametrize("sql", readme_queries())
def test_each_readme_query_answers_as_the_analyst(analyst, sql):
    with analyst.connect() as conn:
        assert conn.execute(text(sql)).all()
