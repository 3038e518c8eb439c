"""Logins for analysts: a role with a password that is a member of ``pipeline_analyst`` (the
views, nothing else), and the URL to connect with."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import Engine, make_url, text

ANALYST_ROLE = "pipeline_analyst"
_LOGIN_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def create_analyst_login(engine: Engine, name: str, password: str | None = None) -> str:
    """Create (or reset the password of) login ``name`` in ``pipeline_analyst``; return its URL.

    Needs a connection allowed to create roles (the database owner or a superuser).
    """
    if not _LOGIN_NAME.match(name):
        raise ValueError(f"{name!r}: a login is lower-case letters, digits and _, starting with a letter")
    if name == ANALYST_ROLE:
        raise ValueError(f"{ANALYST_ROLE} is the group role; choose a name for the person")
    password = password or secrets.token_urlsafe(18)
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
        # Identifiers cannot be bound; the name is checked above and the password is a literal
        # quoted by the server.
        quoted = conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar_one()
        verb = "ALTER" if exists else "CREATE"
        conn.exec_driver_sql(f'{verb} ROLE "{name}" LOGIN PASSWORD {quoted.replace("%", "%%")}')
        conn.exec_driver_sql(f'GRANT {ANALYST_ROLE} TO "{name}"')
    return make_url(engine.url).set(drivername="postgresql", username=name, password=password) \
        .render_as_string(hide_password=False)


def drop_analyst_login(engine: Engine, name: str) -> None:
    if not _LOGIN_NAME.match(name) or name == ANALYST_ROLE:
        raise ValueError(f"{name!r} is not an analyst login")
    with engine.begin() as conn:
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
