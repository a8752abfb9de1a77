"""litmeta draft-spec: drafts that validate and run as written, never a guessed value."""

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.cli import cli
from litmeta.extract import draft_eval, styles
from litmeta.extract.draft import draft_yaml
from litmeta.extract.spec import load_spec
from litmeta.jobs import extract as jobs
from litmeta.sheet import read_sheet

ROOT = Path(__file__).resolve().parents[1]
SHEET = read_sheet(ROOT / "config/papers.tsv")


@pytest.mark.parametrize("row", SHEET, ids=[r["paper_id"] for r in SHEET])
def test_draft_of_each_paper_validates_and_runs_through_show(row, tmp_path):
    paper = ROOT / "papers" / row["file"]
    runner = CliRunner()
    drafted = runner.invoke(cli, ["draft-spec", str(paper), "--paper-id", row["paper_id"]])
    assert drafted.exit_code == 0, drafted.output
    spec = tmp_path / f"{row['paper_id']}.yaml"
    spec.write_text(drafted.output, encoding="utf-8")
    assert load_spec(spec).values  # valid against the schema
    shown = runner.invoke(cli, ["show", str(spec), str(paper)])
    assert shown.exit_code == 0, shown.output
    assert "# check: setting" in drafted.output


def test_draft_values_are_the_printed_ones_and_ambiguity_is_left_out():
    text = (
        "Results\n"
        "A total of 40 patients were treated. A partial response was seen in 9 patients (22.5%)"
        " and stable disease in 20 patients (50%). Median PFS was 18.2 months (95% CI: 0-25.1)."
        "\nThe ORR was 22.5% in patients with liver metastases.\n"
        "PR or SD in 29 patients.\n"
    )
    out = draft_yaml("toy", text)
    data = yaml.safe_load(out)
    anchors = " ".join(v["anchor"] for v in data["values"])
    assert "{best_response.pr} patients ({best_response.pr_pct}%)" in anchors
    assert "(95% CI: {pfs_median.ci_low}-{pfs_median.ci_high})" in anchors
    assert "liver metastases" not in anchors and "PR or SD" not in anchors
    assert "a subgroup" in out  # left out, with a comment
    truth = {
        ("cohort_size", "n_enrolled"): 40,
        ("best_response", "pr"): 9,
        ("best_response", "sd"): 20,
        ("pfs_median", "median"): 18.2,
        ("pfs_median", "ci_low"): 0,
        ("pfs_median", "ci_high"): 25.1,
    }
    got = draft_eval.evaluate_synthetic("toy", text, truth)
    assert got["wrong"] == 0 and got["missing"] == 0


def test_same_statistic_printed_differently_is_left_out():
    text = (
        "Results\nMedian PFS was 20.1 months in the abstract sense.\n"
        "Median PFS was 22.0 months after all.\nA total of 30 patients were treated.\n"
    )
    out = draft_yaml("toy", text)
    assert "pfs_median.median" not in "".join(v["anchor"] for v in yaml.safe_load(out)["values"])
    assert "printed differently" in out


def test_a_number_in_words_is_read_whole_or_left_out_never_misread():
    # a count in words must never come back as another number (e.g. "Forty-two" as 2);
    # the count type reads words since issue 18 item 1, so it now comes back as 42
    text = "Results\nForty-two patients were included.\nMedian OS was 30.5 months.\n"
    drafted, _labels = draft_eval.draft_values("toy", text)
    assert drafted[("toy", "cohort_size", "n_enrolled")][0] == 42
    truth = {("cohort_size", "n_enrolled"): 42, ("os_median", "median"): 30.5}
    assert draft_eval.evaluate_synthetic("toy", text, truth)["wrong"] == 0


def test_nothing_to_draft_still_gives_a_valid_spec_with_the_passages_to_read(tmp_path):
    out = draft_yaml("toy", "Results\nNothing here. The ORR was high in most of 12 cases.\n")
    spec = tmp_path / "toy.yaml"
    spec.write_text(out, encoding="utf-8")
    loaded = load_spec(spec)
    assert loaded.values == () and [c.id for c in loaded.cohorts] == ["toy"]
    assert "values: []" in out and "line 2: 'The ORR was high" in out


def test_bad_paper_id_is_a_clear_error(tmp_path):
    paper = tmp_path / "p.txt"
    paper.write_text("Results\nMedian OS was 30.5 months.\n", encoding="utf-8")
    import sys

    from litmeta.cli import main

    argv = sys.argv
    sys.argv = ["litmeta", "draft-spec", str(paper), "--paper-id", "Bad-ID"]
    try:
        with pytest.raises(SystemExit) as exc:
            main()
    finally:
        sys.argv = argv
    assert exc.value.code == 2


def test_synthetic_styles_are_deterministic_and_carry_their_truth():
    a, b = styles.make("respectively", 1), styles.make("respectively", 1)
    assert a.text == b.text and a.truth == b.truth
    for p in styles.corpus(1):
        for (_e, _s), (_value, printed, line) in p.truth.items():
            assert printed in p.lines[line - 1]
    assert styles.in_words(112) == "one hundred and twelve"
    assert styles.in_words(96, capital=True) == "Ninety-six"


def _readme(tmp_path, specs_dir):
    ids = [r["paper_id"] for r in SHEET]
    out = {k: str(tmp_path / k) for k in ("README.md", "ev.csv", "dev.csv")}
    jobs.extracted_readme(
        template=str(ROOT / "workflow/report/extracted_README.template.md"),
        texts=[str(ROOT / f"extracted/text/{p}.txt") for p in ids],
        specs=[str(specs_dir / f"{p}.yaml") for p in ids],
        # the PDF reading-order check is off by default (config pdf_check_papers: 0)
        pdf_checks=[],
        readme=out["README.md"],
        evaluation=out["ev.csv"],
        draft_evaluation=out["dev.csv"],
        abstracts=str(ROOT / "benchmarks/draft_set/abstracts.yaml"),
    )
    with open(out["dev.csv"], encoding="utf-8") as fh:
        rows = {r["paper_id"]: r for r in csv.DictReader(fh)}
    return Path(out["README.md"]).read_text(), rows


@pytest.mark.e2e
def test_readme_figures_are_computed_from_the_specs(tmp_path):
    """Change the input (drop the reviewed spec's survival entry) and the figures change."""
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "config/extraction", specs)
    readme, rows = _readme(tmp_path, specs)
    assert "{{" not in readme
    assert int(rows["reference papers"]["wrong"]) <= 0.02 * int(rows["reference papers"]["drafted"])
    spec = specs / "zandee2021.yaml"
    data = yaml.safe_load(spec.read_text())
    data["values"] = [v for v in data["values"] if "pfs_median.median" not in v["anchor"]]
    spec.write_text(yaml.safe_dump(data, sort_keys=False))
    readme2, rows2 = _readme(tmp_path, specs)
    before, after = rows["zandee2021"], rows2["zandee2021"]
    assert int(after["truth"]) == int(before["truth"]) - 2
    assert int(after["unverified"]) == int(before["unverified"]) + 2
    assert readme2 != readme


@pytest.mark.e2e
def test_committed_readme_holds_the_computed_figures(tmp_path):
    readme, _rows = _readme(tmp_path, ROOT / "config/extraction")
    assert readme == (ROOT / "extracted/README.md").read_text()


_TEMPLATES = (
    "{n} patients were included. A partial response was seen in {pr} patients and stable "
    "disease in {sd} patients.",
    "Of the {n} patients, {pr} ({prp}%) had a partial response, {sd} had stable disease.",
    "Partial response and stable disease were observed in {pr} and {sd} patients, "
    "respectively, among {n} patients.",
    "Best response: PR in {pr}, SD in {sd} of {n} patients.",
)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(20, 2000),
    pr_share=st.floats(0.05, 0.4),
    words=st.booleans(),
    template=st.sampled_from(_TEMPLATES),
    pfs=st.floats(1, 99).map(lambda x: round(x, 1)),
)
def test_drafted_values_are_printed_values_or_left_out(n, pr_share, words, template, pfs):
    """Whatever the numbers and their form, a drafted value is the printed one, never
    another number: the property the 2 % acceptance bound rests on."""
    pr = max(1, int(n * pr_share))
    sd = n - pr - 1
    show = styles.in_words if words and n < 1000 else str
    first = show(n)
    sentence = template.format(
        n=first[0].upper() + first[1:] if template.startswith("{n}") else first,
        pr=show(pr),
        sd=show(sd),
        prp=f"{100 * pr / n:.1f}",
    )
    text = f"Results\n{sentence}\nMedian PFS was {pfs} months.\n"
    truth = {
        ("best_response", "pr"): pr,
        ("best_response", "sd"): sd,
        ("best_response", "pr_pct"): round(100 * pr / n, 1),
        ("pfs_median", "median"): pfs,
        **{("cohort_size", s): n for s in ("n_enrolled", "n_efficacy", "n_safety")},
    }
    got = draft_eval.evaluate_synthetic("toy", text, truth)
    assert got["wrong"] == 0, (text, got)


def test_the_population_a_sentence_counts_in_comes_with_its_values():
    # the spec checks need an n for every count and median: a sentence printing its own
    # population ("Of 13 patients,", "(n = 17)") gives it, so the entry is not dropped
    text = (
        "Results\n"
        "Of 13 evaluable patients, 5 (38.5%) achieved an ORR and 7 (53.8%) achieved SD.\n"
        "The median PFS for the patients treated (n = 17) was 12.2 months (95% CI, 11.3-NE).\n"
    )
    out = draft_yaml("toy", text)
    assert "{best_response.n|orr.n} evaluable patients, {orr.events}" in out
    assert "(n = {pfs_median.n})" in out
    drafted, _labels = draft_eval.draft_values("toy", text)
    assert drafted[("toy", "best_response", "n")][0] == 13
    assert drafted[("toy", "orr", "events")][0] == 5
    assert drafted[("toy", "pfs_median", "n")][0] == 17
    assert drafted[("toy", "pfs_median", "median")][0] == 12.2


def test_a_qualified_population_may_be_a_subgroup_and_is_not_taken():
    # "in 40 patients with pancreatic NET" may be a subgroup: its n is not drafted, so the
    # median (which has no other n) is left out rather than given a subgroup's n
    text = "Results\nIn 40 patients with pancreatic NET, median PFS was 20.1 months.\n"
    assert "values: []" in draft_yaml("toy", text)


def test_cohort_size_sentence_with_qualifiers_before_the_verb():
    text = (
        "Results\n"
        "16 NET patients including 8 males and 8 females were enrolled in this study.\n"
        "The median OS was 23 months (95% CI: 7.9-38.1).\n"
    )
    drafted, _labels = draft_eval.draft_values("toy", text)
    assert drafted[("toy", "cohort_size", "n_enrolled")][0] == 16
    assert drafted[("toy", "os_median", "median")][0] == 23


def test_labelled_cohort_sizes_go_to_their_cohorts():
    label_use = " ".join(f"{lab} was given." for lab in ("R-PRRT", "RR-PRRT") for _ in range(3))
    text = (
        f"Abstract\n{label_use}\nResults\n"
        "Safety was evaluated in 181 R-PRRT patients and 13 RR-PRRT patients.\n"
        "AML was diagnosed in 2 patients and MDS in 3 patients after R-PRRT.\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    assert drafted[(ids["R-PRRT"], "cohort_size", "n_safety")][0] == 181
    assert drafted[(ids["RR-PRRT"], "cohort_size", "n_safety")][0] == 13
    assert drafted[(ids["R-PRRT"], "mds_aml", "mds")][0] == 3


def test_an_alternative_takes_the_place_of_a_rejected_primary():
    # the results sentence has no n (rejected by the checks); the abstract prints the same
    # median with its population, so the abstract entry becomes the primary one
    text = (
        "Abstract\nOf 30 patients, the median PFS was 14.0 months.\n"
        "Results\nThe median PFS was 14.0 months (see figure), in line with others.\n"
    )
    drafted, _labels = draft_eval.draft_values("toy", text)
    assert drafted[("toy", "pfs_median", "median")][0] == 14.0
    assert drafted[("toy", "pfs_median", "n")][0] == 30


def test_stacked_toxicity_table_rows_are_drafted_under_their_grade():
    # a table whose text layer prints each toxicity on its own line and each grade below it
    table = (
        "Table 2. Toxicity, n (%)\n\nAnemia\n Grade 2 4 (20)\n Grade 3 1 (5)\n Grade 4 0\n"
        "Thrombocytopenia\n Grade 3 3 (15)\n Grade 4 0\n"
    )
    text = f"Results\nA total of 20 patients were treated.\n\n{table}"
    drafted, _labels = draft_eval.draft_values("toy", text)
    assert drafted[("toy", "tox_g3plus_anemia", "g3")][0] == 1
    assert drafted[("toy", "tox_g3plus_anemia", "g3_pct")][0] == 5
    assert drafted[("toy", "tox_g3plus_anemia", "g4")][0] == 0
    assert drafted[("toy", "tox_g3plus_thrombocytopenia", "g3")][0] == 3
    assert not any(s.startswith("g2") for (_c, _e, s) in drafted)
    # without a table caption above, such lines are not read as a table
    loose = text.replace("Table 2. Toxicity, n (%)", "Toxicity, n (%)")
    drafted, _labels = draft_eval.draft_values("toy", loose)
    assert not any(e.startswith("tox_") for (_c, e, _s) in drafted)


def test_two_numbers_joined_by_and_are_not_one_and_respectively_never_shifts():
    # "five and fourteen" are two numbers (only "hundred and"/"thousand and" join one); a
    # value the drafter cannot place must not shift the "respectively" pairing onto the n
    text = (
        "Results\nPartial response and stable disease were observed in five and fourteen "
        "patients, respectively, among twenty patients.\n"
    )
    truth = {("best_response", "pr"): 5, ("best_response", "sd"): 14}
    assert draft_eval.evaluate_synthetic("toy", text, truth)["wrong"] == 0
    text = (
        "Results\nA total of one hundred and twelve patients were treated.\n"
        "Median OS was 9 months.\n"
    )
    drafted, _labels = draft_eval.draft_values("toy", text)
    assert drafted[("toy", "cohort_size", "n_enrolled")][0] == 112
