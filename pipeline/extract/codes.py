"""CAMEO and PLOVER codes for the four event types.

PLOVER categories/modes follow the Open Event Data Alliance's CAMEO→PLOVER table (2021):
057 → SUPPORT; 040/046 → CONSULT; 042/043 → CONSULT, mode "visit"; 044 → CONSULT, mode
"third-party". CAMEO's public-statement family (01x) has no PLOVER category, so statements
carry plover None.
"""

from __future__ import annotations

CAMEO_TO_PLOVER: dict[str, tuple[str | None, str | None, str | None]] = {
    "010": (None, None, None),  # make public statement: not a PLOVER event
    "040": ("CONSULT", None, None),
    "042": ("CONSULT", "visit", None),
    "043": ("CONSULT", "visit", None),
    "044": ("CONSULT", "third-party", None),
    "046": ("CONSULT", None, "diplomatic"),
    "057": ("SUPPORT", None, "diplomatic"),
}


def cameo_for(event_type: str, *, negotiation: bool = False, third_location: bool = False,
              host_view: bool = False) -> str:
    if event_type == "signing":
        return "057"
    if event_type == "visit":
        return "043" if host_view else "042"
    if event_type == "meeting":
        if negotiation:
            return "046"
        return "044" if third_location else "040"
    return "010"


def codes_for(event_type: str, **kw) -> dict:
    cameo = cameo_for(event_type, **kw)
    plover, mode, context = CAMEO_TO_PLOVER[cameo]
    return {"cameo": cameo, "plover": plover, "plover_mode": mode, "plover_context": context}
