"""Assets shared by the project's DAGs (a plain module in the DAGs folder; no DAG here)."""

from airflow.sdk import Asset

# Emitted whenever events change (an ingest or a re-coding run); refresh_analytics listens.
NEWS_EVENTS = Asset("news_events")
