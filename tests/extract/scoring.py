"""A self-contained re-implementation of the evaluation's matching, so the dev-set floor test
runs without ../shared: per type, one prediction matches at most one gold event (signing /
meeting: a shared participant; visit: the visitor and, where gold names one, the place;
statement: the speaker and >= 60% word overlap of the quote)."""

from __future__ import annotations

import re
import unicodedata

TYPES = ("signing", "visit", "meeting", "statement")
TITLES = {"president", "prime", "minister", "leader", "mr", "mrs", "ms", "dr", "secretary", "general",
          "foreign", "the", "of", "his", "her", "he", "chancellor", "king", "queen", "sir", "state"}
ALIASES = {"us": "united states", "usa": "united states", "uk": "united kingdom", "britain": "united kingdom",
           "eu": "european union", "un": "united nations", "kremlin": "russia", "moscow": "russia",
           "washington": "united states", "beijing": "china", "dprk": "north korea"}


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = s.replace("'s", "")
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def tokens(s: str) -> frozenset[str]:
    return frozenset(t for t in norm(s).split() if t not in TITLES and len(t) > 1)


def key(s: str) -> str:
    n = norm(s)
    n = n[4:] if n.startswith("the ") else n
    return ALIASES.get(n, n)


def names(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v] if v.strip() else []
    if isinstance(v, dict):
        return [v[k] for k in ("name", "code", "country") if isinstance(v.get(k), str) and v[k]]
    return [n for x in v for n in names(x)]


def same_person(a: str, b: str) -> bool:
    ta, tb = tokens(a), tokens(b)
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def overlap(g: dict, p: dict) -> bool:
    gn = names(g.get("actors")) + names(g.get("parties"))
    pn = names(p.get("actors")) + names(p.get("parties"))
    if {key(x) for x in gn} & {key(x) for x in pn}:
        return True
    return any(same_person(a, b) for a in gn for b in pn)


def place_ok(g: list[str], p: list[str]) -> bool:
    if not g:
        return not p
    return any(key(a) == key(b) or norm(a) in norm(b) or norm(b) in norm(a) for a in g for b in p)


def matches(g: dict, p: dict) -> bool:
    if p.get("type") != g["type"]:
        return False
    if g["type"] == "statement":
        gs, ps = names(g.get("speaker")), names(p.get("speaker"))
        if not (any(key(a) == key(b) for a in gs for b in ps) or any(same_person(a, b) for a in gs for b in ps)):
            return False
        gw, pw = set(norm(g.get("quote") or "").split()), set(norm(p.get("quote") or "").split())
        return bool(gw and pw) and max(len(gw & pw) / len(gw), len(gw & pw) / len(pw)) >= 0.6
    if g["type"] == "visit" and (g.get("destination") or g.get("location")):
        gp = names(g.get("destination")) + names(g.get("location"))
        pp = names(p.get("destination")) + names(p.get("location"))
        if not place_ok(gp, pp):
            return False
    return overlap(g, p)


def score(docs: list[dict], preds: dict[str, list[dict]]) -> dict[str, dict[str, int]]:
    counts = {t: {"tp": 0, "fp": 0, "fn": 0} for t in TYPES}
    for d in docs:
        gold = [e for e in d["events"] if e["type"] in TYPES]
        used = [False] * len(gold)
        for p in preds.get(d["doc_id"], []):
            if p["type"] not in TYPES:
                continue
            hit = next((i for i, g in enumerate(gold) if not used[i] and matches(g, p)), None)
            if hit is None:
                counts[p["type"]]["fp"] += 1
            else:
                used[hit] = True
                counts[p["type"]]["tp"] += 1
        for i, g in enumerate(gold):
            if not used[i]:
                counts[g["type"]]["fn"] += 1
    return counts


def f1(c: dict[str, int]) -> float:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def micro_f1(counts: dict[str, dict[str, int]]) -> float:
    tot = {k: sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")}
    return f1(tot)
