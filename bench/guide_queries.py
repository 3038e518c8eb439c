"""The example queries of docs/analysts.md (and README's analyst section), read from the
markdown itself, so the guide, its test and the query bench cannot drift apart.

A query is a ```sql block with a ``-- name: NAME`` line; ``-- expect: a, b`` lists values the
demo data must return. Blocks without a name (role administration) are not queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import PROJECT_ROOT

GUIDE = PROJECT_ROOT / "docs" / "analysts.md"
README = PROJECT_ROOT / "README.md"
_BLOCK = re.compile(r"```sql\n(.*?)```", re.S)
_NAME = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.M)
_EXPECT = re.compile(r"^--\s*expect:\s*(.+?)\s*$", re.M)


@dataclass(frozen=True)
class GuideQuery:
    name: str
    sql: str
    expect: tuple[str, ...]


def guide_queries(path: Path = GUIDE) -> list[GuideQuery]:
    queries = []
    for block in _BLOCK.findall(path.read_text(encoding="utf-8")):
        name = _NAME.search(block)
        if not name:
            continue
        expect = _EXPECT.search(block)
        queries.append(GuideQuery(name.group(1), block.strip().rstrip(";"),
                                  tuple(v.strip() for v in expect.group(1).split(",")) if expect else ()))
    return queries


def readme_queries(path: Path = README) -> list[str]:
    """SELECT statements in the README's analyst section."""
    text = path.read_text(encoding="utf-8")
    section = text.split("## For analysts", 1)[1].split("\n## ", 1)[0]
    out = []
    for block in _BLOCK.findall(section):
        for statement in block.split(";"):
            body = "\n".join(line for line in statement.splitlines() if not line.strip().startswith("--")).strip()
            if body.upper().startswith("SELECT"):
                out.append(body)
    return out
