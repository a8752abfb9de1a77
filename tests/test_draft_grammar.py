"""Issue 23: a drafted value has positive evidence that it is the named statistic of the
named cohort ("respectively" over arms, follow-up, NR wordings, ranges, MR), and the spec
vocabulary, advice and always-valid drafts that go with it (PROTOCOL Amendment 2)."""

import math
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.cli import cli
from litmeta.errors import InputError
from litmeta.extract import draft_eval
from litmeta.extract.anchor import AnchorError, match_once
from litmeta.extract.draft import draft_yaml
from litmeta.extract.numbers import PATTERNS, TYPE_FORMS, parse
from litmeta.extract.paper import extract_table
from litmeta.extract.spec import load_spec
from litmeta.textindex import TextIndex

ROOT = Path(__file__).resolve().parents[1]

_ARMS = st.sampled_from(
    [
        ("177Lu-DOTATATE", "octreotide LAR"),
        ("group A", "group B"),
        ("PRRT alone", "PRRT plus capecitabine"),
    ]
)
_RATES = st.sampled_from([("objective response rates", "orr"), ("disease control rates", "dcr")])


def _truth(entry: dict) -> dict:
    return draft_eval.evaluate_abstract(entry)


@settings(max_examples=12, deadline=None)
@given(
    arms=_ARMS,
    rate=_RATES,
    n=st.tuples(st.integers(20, 300), st.integers(20, 300)),
    k=st.tuples(st.floats(0.05, 0.95), st.floats(0.05, 0.95)),
    sizes=st.booleans(),
    kind=st.sampled_from(["arms", "groups", "cohorts"]),
)
def test_respectively_over_arms_never_gives_two_statistics(arms, rate, n, k, sizes, kind):
    """ "the DCRs were 88% and 67% in the A and B arms, respectively" is one statistic of
    two cohorts: drafted for the arms (when they are printed with their sizes) or left out,
    never as two statistics of one cohort."""
    (a, b), (words, endpoint) = arms, rate
    pct = [round(100 * int(ni * ki) / ni) for ni, ki in zip(n, k, strict=True)]
    short = [a.removeprefix("group "), b.removeprefix("group ")] if "group" in a else [a, b]
    intro = f"Patients were randomised to {a} (n = {n[0]}) or {b} (n = {n[1]}). " if sizes else ""
    text = (
        f"{intro}The {words} were {pct[0]}% and {pct[1]}% in the {short[0]} and {short[1]} "
        f"{kind}, respectively."
    )
    truth = {a: {f"{endpoint}.events_pct": pct[0]}, b: {f"{endpoint}.events_pct": pct[1]}}
    if sizes:
        for lab, ni in zip((a, b), n, strict=True):
            truth[lab]["cohort_size.n_enrolled"] = ni
    got = _truth({"id": "toy", "style": "arms", "text": text, "truth": truth})
    assert got["wrong"] == 0, (text, got)
    if not sizes:
        assert got["drafted"] == 0, (text, got)


@settings(max_examples=12, deadline=None)
@given(
    nr=st.sampled_from(["not reached", "had not been reached", "was not yet reached"]),
    fu=st.integers(6, 90),
    fu_first=st.booleans(),
    surv=st.sampled_from([("overall survival", "os_median"), ("PFS", "pfs_median")]),
)
def test_a_number_governed_by_follow_up_is_never_an_endpoint(nr, fu, fu_first, surv):
    words, endpoint = surv
    verb = "" if nr.startswith(("had", "was")) else "was "
    if fu_first:
        sentence = f"At a median follow-up of {fu} months, median {words} {verb}{nr}."
    else:
        sentence = f"Median {words} {verb}{nr} at a median follow-up of {fu} months."
    text = f"Forty patients were treated. {sentence}"
    truth = {
        "": {
            "cohort_size.n_enrolled": 40,
            f"{endpoint}.median": "NR",
            "followup_median.median": fu,
        }
    }
    got = _truth({"id": "toy", "style": "followup", "text": text, "truth": truth})
    assert got["wrong"] == 0, (text, got)
    drafted, _ = draft_eval.draft_values("toy", text + "\n")
    assert math.isnan(drafted[("toy", endpoint, "median")][0]), (text, drafted)
    assert drafted[("toy", "followup_median", "median")][0] == fu


@settings(max_examples=10, deadline=None)
@given(
    tail=st.sampled_from(["", " in the two cohorts", " among responders", " in the PRRT arm"]),
    values=st.tuples(st.integers(5, 40), st.integers(41, 90)),
)
def test_respectively_pairs_terms_only_when_nothing_but_units_follow_the_values(tail, values):
    text = (
        "A total of 50 patients were treated. The median PFS and OS were "
        f"{values[0]} and {values[1]} months{tail}, respectively.\n"
    )
    drafted, _ = draft_eval.draft_values("toy", text)
    if not tail:
        assert drafted[("toy", "pfs_median", "median")][0] == values[0]
        assert drafted[("toy", "os_median", "median")][0] == values[1]
    else:
        assert ("toy", "pfs_median", "median") not in drafted
        assert "respectively" in draft_yaml("toy", text)


def test_arms_printed_with_their_sizes_become_cohorts_with_their_values(tmp_path):
    text = (
        "Patients were assigned to 177Lu-DOTATATE (n = 116) or high-dose octreotide LAR "
        "(n = 113). The disease control rates were 88% and 67% in the 177Lu-DOTATATE and "
        "octreotide LAR arms, respectively. Median progression-free survival was not reached "
        "in the 177Lu-DOTATATE arm and 8.4 months in the octreotide LAR arm.\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    lu, lar = ids["177Lu-DOTATATE"], ids["high-dose octreotide LAR"]
    assert drafted[(lu, "dcr", "events_pct")][0] == 88
    assert drafted[(lar, "dcr", "events_pct")][0] == 67
    assert drafted[(lu, "cohort_size", "n_efficacy")][0] == 116
    assert math.isnan(drafted[(lu, "pfs_median", "median")][0])
    assert drafted[(lar, "pfs_median", "median")][0] == 8.4
    assert not any(e == "orr" for (_c, e, _s) in drafted)
    # derived per Amendment 1: 88 % of 116 is 102 patients
    assert drafted[(lu, "dcr", "events")][0] == 102


def test_an_arm_sentence_in_a_one_cohort_draft_is_left_out():
    text = (
        "A total of 60 patients were treated. Grade 3 or 4 thrombocytopenia occurred in 2% of "
        "patients in the control arm and 5% in the PRRT arm.\n"
    )
    out = draft_yaml("toy", text)
    assert "tox_g3plus" not in "".join(v["anchor"] for v in yaml.safe_load(out)["values"])


def test_values_of_groups_after_the_first_make_the_first_doubtful():
    text = (
        "A total of 68 patients were treated. The DCR was 70.0% in pancreatic and 86.8% in "
        "non-pancreatic NET.\n"
    )
    out = draft_yaml("toy", text)
    assert "dcr." not in "".join(v["anchor"] for v in yaml.safe_load(out)["values"])
    assert "groups or arms?" in out


def test_minor_response_counts_in_dcr_not_orr(tmp_path):
    text = (
        "Of 37 patients, 2 (5.4%) had a complete response, 10 (27.0%) a partial response, "
        "6 (16.2%) a minor response and 12 (32.4%) stable disease.\n"
    )
    out = draft_yaml("toy", text)
    assert "{best_response.mr}" in out
    path = tmp_path / "toy.yaml"
    path.write_text(out, encoding="utf-8")
    table = extract_table(load_spec(path), text, "paper.txt")
    assert table.get("toy", "orr.events").value == 12
    assert table.get("toy", "dcr.events").value == 30


def test_a_range_is_kept_as_a_range_never_as_a_ci():
    text = "A total of 74 patients were treated. Median PFS was 26 months (range 3-58).\n"
    drafted, _ = draft_eval.draft_values("toy", text)
    assert drafted[("toy", "pfs_median", "median")][0] == 26
    assert drafted[("toy", "pfs_median", "range_low")][0] == 3
    assert drafted[("toy", "pfs_median", "range_high")][0] == 58
    assert ("toy", "pfs_median", "ci_low") not in drafted


@pytest.mark.parametrize(
    "printed", ["not reached", "not been reached", "not yet reached", "not yet been reached"]
)
def test_nr_wordings_are_nr(printed):
    got = parse("median", printed)
    assert math.isnan(got.value) and got.text == "NR"
    m = match_once(TextIndex(f"Median OS had {printed}.\n"), "Median OS had {os_median.median}.")
    assert m.captures[0].parsed.text == "NR"


def test_documented_placeholder_types_are_the_implemented_ones():
    doc = (ROOT / "docs/extraction_specs.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^  - `(\w+)`: (.+)$", doc, flags=re.M))
    assert set(listed) == set(PATTERNS) == set(TYPE_FORMS)
    assert listed == TYPE_FORMS
    # `any` only skips: a value placeholder of that type is an error naming the rule
    with pytest.raises(AnchorError, match="only \\{_:any\\}"):
        match_once(TextIndex("Median OS was 3 months.\n"), "Median OS was {os_median.median:any}")
    match_once(TextIndex("Median OS was 3 months.\n"), "Median OS was {_:any} months")


def test_an_unreadable_token_is_named_with_the_accepted_forms(tmp_path):
    text = "Results\nMedian OS was 1O months (95% CI 7.9-38.1).\n"
    paper = tmp_path / "paper.txt"
    paper.write_text(text, encoding="utf-8")
    spec = tmp_path / "toy.yaml"
    spec.write_text(
        "paper_id: toy\ncohorts:\n  - {id: toy, setting: initial, pooled_in: initial}\n"
        "values:\n  - cohort: toy\n    section: results\n"
        "    anchor: 'Median OS was {os_median.median} months'\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        extract_table(load_spec(spec), text, str(paper))
    msg = str(exc.value)
    assert "{os_median.median} (type median) cannot read the printed token '1O'" in msg
    assert "median reads a number, NR" in msg
    assert str(paper) in msg and "paper changed" not in msg


@pytest.mark.parametrize("body", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_an_empty_or_non_mapping_spec_is_a_one_line_error(tmp_path, body):
    spec = tmp_path / "toy.yaml"
    spec.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_spec(spec)
    assert str(spec) in str(exc.value) and "None is not" not in str(exc.value)
    assert exc.value.reason.count("\n") == 0


def test_draft_spec_out_writes_atomically_and_a_failed_draft_leaves_no_file(tmp_path):
    paper = tmp_path / "p.txt"
    paper.write_text("Results\nNothing numeric here.\n", encoding="utf-8")
    out = tmp_path / "toy.yaml"
    runner = CliRunner()
    res = runner.invoke(cli, ["draft-spec", str(paper), "--paper-id", "toy", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert load_spec(out).values == ()
    assert res.output == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.txt", "toy.yaml"]
    bad = tmp_path / "bad.yaml"
    res = runner.invoke(
        cli, ["draft-spec", str(tmp_path / "none.txt"), "--paper-id", "bad", "-o", str(bad)]
    )
    assert res.exit_code != 0 and not bad.exists()


def test_held_out_abstracts_give_no_wrong_value():
    rows = [
        draft_eval.evaluate_abstract(a)
        for a in draft_eval.load_abstracts(ROOT / "benchmarks/draft_set/abstracts.yaml")
    ]
    assert len(rows) >= 20
    assert sum(r["wrong"] for r in rows) == 0, [r for r in rows if r["wrong"]]


def test_the_readme_evaluation_names_the_paper_as_the_paper_and_the_spec_as_the_spec(tmp_path):
    text_path = ROOT / "extracted/text/iqbal2024.txt"
    spec = tmp_path / "iqbal2024.yaml"
    spec.write_text(
        (ROOT / "config/extraction/iqbal2024.yaml")
        .read_text(encoding="utf-8")
        .replace("median PFS was {pfs_median.median}", "median PFS is {pfs_median.median}"),
        encoding="utf-8",
    )
    text = text_path.read_text(encoding="utf-8")
    with pytest.raises(InputError) as exc:
        draft_eval.evaluate_reference("iqbal2024", spec, text, str(text_path))
    assert exc.value.where.startswith(str(spec))
    assert f"anchor not found in {text_path}" in exc.value.reason


def test_a_cohort_split_into_two_parts_gives_three_cohorts_each_with_its_values():
    text = (
        "Of 68 patients treated with PRRT, 30 had pancreatic NET and 38 non-pancreatic NET. "
        "The DCR was 79.4% in all patients, 70.0% in pancreatic and 86.8% in non-pancreatic "
        "NET. Median PFS was 20.3 months overall, 15.1 months for pancreatic and 25.6 months "
        "for non-pancreatic NET. Median overall survival was 40.2 months.\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    assert set(ids) == {"all", "pancreatic", "non-pancreatic"}
    want = {"all": (68, 79.4, 20.3), "pancreatic": (30, 70.0, 15.1)}
    want["non-pancreatic"] = (38, 86.8, 25.6)
    for lab, (n, dcr, pfs) in want.items():
        assert drafted[(ids[lab], "cohort_size", "n_efficacy")][0] == n
        assert drafted[(ids[lab], "dcr", "events_pct")][0] == dcr
        assert drafted[(ids[lab], "pfs_median", "median")][0] == pfs
    # "overall survival" names no cohort: a sentence naming none is left out
    assert not any(e == "os_median" for (_c, e, _s) in drafted)
    # parts that do not add up to the whole are not a split
    drafted, labels = draft_eval.draft_values("toy", text.replace("38 non", "37 non"))
    assert len(labels) == 1


def test_a_lettered_group_keeps_its_noun_so_an_article_never_names_it():
    text = (
        "Patients were divided into group A (n = 20) and group B (n = 30). A partial response "
        "was seen in 5 patients. Median PFS was 30 and 20 months in group A and group B, "
        "respectively.\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    assert sorted(labels.values()) == ["group A", "group B"]
    ids = {lab: cid for cid, lab in labels.items()}
    assert drafted[(ids["group A"], "pfs_median", "median")][0] == 30
    assert drafted[(ids["group B"], "pfs_median", "median")][0] == 20
    assert not any(e == "best_response" for (_c, e, _s) in drafted)


def test_respectively_over_arms_needs_one_statistic_named_before_the_values():
    text = (
        "Patients were divided into group A (n = 20) and group B (n = 30). PR and SD were 5 "
        "and 10 in group A and group B, respectively.\n"
    )
    drafted, _labels = draft_eval.draft_values("toy", text)
    assert not any(e == "best_response" for (_c, e, _s) in drafted)
