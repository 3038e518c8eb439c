"""Postgres access: engine, migrations, bulk loads, event clustering."""
