"""CAMEO and PLOVER codes."""

from pipeline.extract.codes import codes_for


def test_signing_is_cameo_057_plover_support():
    assert codes_for("signing") == {"cameo": "057", "plover": "SUPPORT", "plover_mode": None,
                                    "plover_context": "diplomatic"}


def test_visit_is_042_consult_visit():
    c = codes_for("visit")
    assert (c["cameo"], c["plover"], c["plover_mode"]) == ("042", "CONSULT", "visit")


def test_meeting_in_a_third_country_is_044():
    assert codes_for("meeting")["cameo"] == "040"
    assert codes_for("meeting", third_location=True)["cameo"] == "044"
    assert codes_for("meeting", negotiation=True)["cameo"] == "046"


def test_statements_have_no_plover_category():
    assert codes_for("statement") == {"cameo": "010", "plover": None, "plover_mode": None, "plover_context": None}
