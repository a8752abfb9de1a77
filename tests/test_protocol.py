"""The shared contracts of litmeta.protocol agree with the places that restate them: the
config schema's analysis names, the spec schema's reason codes, the labels."""

from __future__ import annotations

import json
from importlib import resources

import yaml
from conftest import ROOT

from litmeta import protocol as P


def test_every_reason_code_has_a_text_and_a_label():
    assert set(P.REASON_TEXT) == set(P.REASON_LABELS) == set(P.REASON_CODES)
    assert all(code.isidentifier() and code.islower() for code in P.REASON_CODES)
    assert len(set(P.REASON_LABELS.values())) == len(P.REASON_LABELS)  # labels tell codes apart
    assert P.reason_text("") == "" and P.short_reason("") == ""


def test_the_spec_schema_offers_exactly_the_not_pooled_codes():
    schema = json.loads(
        resources.files("litmeta").joinpath("schemas/extraction_spec.schema.json").read_text()
    )
    cohort = schema["properties"]["cohorts"]["items"]["properties"]
    assert cohort["reason_code"]["enum"] == list(P.NOT_POOLED_CODES)
    assert cohort["setting"]["enum"] == list(P.SETTINGS)
    assert cohort["pooled_in"]["enum"] == list(P.POOLED_IN)


def test_the_config_schema_names_exactly_the_analyses():
    schema = yaml.safe_load((ROOT / "workflow/schemas/config.schema.yaml").read_text())
    assert schema["properties"]["analyses"]["items"]["enum"] == list(P.ANALYSES)


def test_labels_and_populations_cover_the_endpoints():
    assert list(P.ENDPOINT_LABELS) == list(P.PROTOCOL_ENDPOINTS)
    assert set(P.POPULATION) == set(P.ENDPOINTS)
    assert list(P.SETTING_LABELS) == list(P.SETTINGS)
