"""Developer tooling for a source checkout, kept out of the ``pipeline`` library (and its wheel).

- ``demo``: ``make demo`` (the sample site, news_ingest through Airflow, the analyst's view).
- ``airflow_local``: a throwaway local Airflow for the demo, the tests and ``make airflow``.
- ``sample_site``: the loopback news site serving ``seeds/articles`` (demo, tests, bench).

Run it as ``python -m devtools {demo,airflow}`` from the repository root.
"""

from pathlib import Path

# The checkout these tools serve: its dags/ and seeds/ (devtools is never installed elsewhere).
REPO_ROOT = Path(__file__).resolve().parent.parent
