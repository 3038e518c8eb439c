"""News feeds → political events → Postgres."""

__version__ = "0.1.0"
