"""PROTOCOL Amendment 1 extraction rules and the spec checks before pooling (issue 18 items
2-3), on constructed papers: the printed values, or an InputError naming spec file and entry."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_checks import SIZE, run_spec

from litmeta.errors import InputError
from litmeta.extract.derive import count_fits
from litmeta.extract.numbers import decimals

PCT_ONLY = (
    "Ninety-six patients were treated. Partial response was seen in 16 %, stable disease in "
    "66 % and progression in 19 % of patients."
)
PCT_ANCHORS = [
    {"anchor": "{cohort_size.n_enrolled|cohort_size.n_efficacy} patients were treated"},
    {
        "anchor": "Partial response was seen in {best_response.pr_pct} %, stable disease in "
        "{best_response.sd_pct} % and progression in {best_response.pd_pct} %"
    },
]


def judgements(table, kind="judgement_derived"):
    return sorted(d.detail for d in table.discrepancies if d.kind == kind)


def test_counts_from_percentages_when_exactly_one_fits(tmp_path):
    table = run_spec(tmp_path, PCT_ONLY, PCT_ANCHORS)
    got = {s: table.get("toy2020", f"best_response.{s}") for s in ("pr", "sd", "pd")}
    assert {s: v.value for s, v in got.items()} == {"pr": 15, "sd": 63, "pd": 18}
    assert {v.status for v in got.values()} == {"derived"}
    assert table.num("toy2020", "orr.events") == 15  # CR 0 implied: 15 + 63 + 18 = 96
    assert table.num("toy2020", "dcr.events") == 78
    assert any("best_response.pr = 15 derived from the printed 16%" in d for d in judgements(table))


def test_no_count_when_none_or_several_fit(tmp_path):
    text = "Ninety-six patients were treated. The ORR was 16.6 % and the DCR 50 %."
    anchors = [
        PCT_ANCHORS[0],
        {"anchor": "ORR was {orr.events_pct} % and the DCR {dcr.events_pct} %"},
    ]
    table = run_spec(tmp_path, text, anchors)
    assert table.get("toy2020", "orr.events") is None  # 16/96 = 16.67, no c gives 16.6
    assert table.num("toy2020", "dcr.events") == 48
    [why] = judgements(table, "judgement_not_derived")
    assert "orr.events not derived from the printed 16.6% of n = 96" in why
    text3 = "Three patients were treated. The ORR was 50 %."
    table = run_spec(
        tmp_path,
        text3,
        [
            {"anchor": "{cohort_size.n_enrolled|cohort_size.n_efficacy} patients were treated"},
            {"anchor": "The ORR was {orr.events_pct} %"},
        ],
    )
    assert table.get("toy2020", "orr.events") is None  # 1/3 = 33 %, 2/3 = 67 %: none fits


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 400), c=st.integers(0, 400), places=st.integers(0, 2))
def test_count_fits_returns_only_counts_that_round_to_the_print(n, c, places):
    c = min(c, n)
    printed = f"{100 * c / n:.{places}f}"
    fits = count_fits(float(printed), printed, n)
    assert c in fits  # the true count always fits
    for f in fits:
        assert abs(100 * f / n - float(printed)) <= 0.5 * 10 ** -decimals(printed) + 1e-9


def test_percentage_far_from_its_count_stops_the_run(tmp_path):
    text = "We included 22 patients. A partial response in 2 patients (45%), stable disease in 15."
    resp = {
        "anchor": "partial response in {best_response.pr} patients ({best_response.pr_pct}%), "
        "stable disease in {best_response.sd}"
    }
    with pytest.raises(InputError) as exc:
        run_spec(tmp_path, text, [SIZE, resp])
    msg = str(exc.value)
    assert "toy2020.yaml values[1]" in msg and "best_response.pr_pct = 45%" in msg
    assert "discrepancies:" in msg and "\n" in msg and msg.count("\n") <= 2
    # acknowledged by the spec: a discrepancy row, the run goes on
    known = {
        "kind": "percent_mismatch",
        "cohort": "toy2020",
        "endpoint": "best_response",
        "detail": "the paper prints 45% for 2 of 22",
        "anchors": ["partial response in 2 patients (45%)"],
    }
    table = run_spec(tmp_path, text, [SIZE, resp], discrepancies=[known])
    assert "percent_mismatch" in [d.kind for d in table.discrepancies]


def test_mismatch_within_one_patient_stays_a_discrepancy(tmp_path):
    text = "We included 22 patients. A partial response in 2 patients (13%), stable disease in 15."
    resp = {
        "anchor": "partial response in {best_response.pr} patients ({best_response.pr_pct}%), "
        "stable disease in {best_response.sd}"
    }
    table = run_spec(tmp_path, text, [SIZE, resp])  # 13% of 22 = 2.86: 0.75 patients off
    assert "percent_mismatch" in [d.kind for d in table.discrepancies]


def test_percentage_checked_against_derived_n(tmp_path):
    """The n a value ends up with comes from the cohort size here; 2.9% cannot be 1 of 35."""
    text = "Thirty five patients (pat.) were treated. Grade 3 anaemia in 10 pat. (2.9%)."
    anchors = [
        {"anchor": "{cohort_size.n_enrolled|cohort_size.n_safety} patients (pat.) were treated"},
        {"anchor": "anaemia in {tox_g3plus_anemia.g3} pat. ({tox_g3plus_anemia.g3_pct}%)"},
    ]
    with pytest.raises(InputError, match=r"values\[1\].*tox_g3plus_anemia.g3_pct = 2.9%"):
        run_spec(tmp_path, text, anchors)


@pytest.mark.parametrize(
    ("text", "anchors", "entry", "says"),
    [
        (
            "The ORR was 9 patients.",
            [{"anchor": "The ORR was {orr.events} patients"}],
            "values[0]",
            "orr.events = 9 has no n",
        ),
        (
            "Median PFS was 14 months (95% CI 9-20).",
            [
                {
                    "anchor": "Median PFS was {pfs_median.median} months (95% CI "
                    "{pfs_median.ci_low}-{pfs_median.ci_high})"
                }
            ],
            "values[0]",
            "pfs_median.median = 14 has no n",
        ),
        (
            "We included 22 patients. Median PFS was not reached (95% CI 20-9).",
            [
                SIZE,
                {
                    "anchor": "Median PFS was {pfs_median.median} (95% CI "
                    "{pfs_median.ci_low}-{pfs_median.ci_high})"
                },
            ],
            "values[1]",
            "CI lower bound 20 is above the upper bound 9",
        ),
        (
            "We included 22 patients. Median PFS was 14 months (upper 95% limit 20).",
            [
                SIZE,
                {
                    "anchor": "Median PFS was {pfs_median.median} months (upper 95% limit "
                    "{pfs_median.ci_high})"
                },
            ],
            "values[1]",
            "only the CI ci_high is captured",
        ),
        (
            "We included 22 patients. Median OS was 0 months.",
            [SIZE, {"anchor": "Median OS was {os_median.median} months"}],
            "values[1]",
            "must be above 0",
        ),
        (
            "We included 0 patients. ORR 0 patients.",
            [SIZE, {"anchor": "ORR {orr.events} patients"}],
            "values[0]",
            "a population must have patients",
        ),
    ],
)
def test_spec_mistakes_are_named_errors(tmp_path, text, anchors, entry, says):
    with pytest.raises(InputError) as exc:
        run_spec(tmp_path, text, anchors)
    msg = str(exc.value)
    assert f"toy2020.yaml {entry}" in msg and says in msg, msg
    assert msg.count("\n") <= 2  # one or two lines and the fix


def test_ci_lower_bound_zero_and_ne_are_allowed(tmp_path):
    text = "We included 22 patients. Median PFS was 4 months (95% CI: 0-16), OS 30 (95% CI 20-NE)."
    anchors = [
        SIZE,
        {
            "anchor": "Median PFS was {pfs_median.median} months (95% CI: {pfs_median.ci_low}-"
            "{pfs_median.ci_high}), OS {os_median.median} (95% CI {os_median.ci_low}-"
            "{os_median.ci_high})"
        },
    ]
    table = run_spec(tmp_path, text, anchors)
    assert table.num("toy2020", "pfs_median.ci_low") == 0
    assert table.num("toy2020", "pfs_median.ci_high") == 16


def test_litmeta_show_names_the_spec_mistake(tmp_path):
    """`litmeta show` runs the same checks as the extract step, without a traceback."""
    from conftest import ROOT, run, tool

    new = ROOT / "tests/new_paper"
    spec = (new / "newstyle2025.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "newstyle2025.yaml"
    bad.write_text(spec.replace("|cohort_size.n_efficacy|cohort_size.n_safety}", "}"))
    proc = run([tool("litmeta"), "show", str(bad), str(new / "newstyle2025.txt")])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"error: {bad} values[3]" in proc.stderr and "has no n" in proc.stderr
    good = run(
        [tool("litmeta"), "show", str(new / "newstyle2025.yaml"), str(new / "newstyle2025.txt")]
    )
    assert good.returncode == 0, good.stderr
    assert "cohort_size.n_enrolled = Ninety-six [reported]" in good.stdout
    assert "not_extractable" in good.stdout


def test_not_extractable_entry_errors_are_named(tmp_path):
    text = "We included 22 patients. Renal toxicity in < 1 %."
    bad = {"cohort": "toy2020", "endpoint": "tox_renal", "anchor": "Renal toxicity in < 1 %",
           "reason": "bound_only"}  # fmt: skip
    with pytest.raises(InputError, match=r"not_extractable\[0\]: unknown protocol endpoint"):
        run_spec(tmp_path, text, [SIZE], not_extractable=[bad])
    missing = {**bad, "endpoint": "tox_g3plus_renal", "anchor": "Renal toxicity in < 2 %"}
    with pytest.raises(InputError, match=r"not_extractable\[0\]: anchor not found"):
        run_spec(tmp_path, text, [SIZE], not_extractable=[missing])


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 300),
    count=st.integers(0, 300),
    pct=st.integers(0, 1000),
    places=st.integers(0, 1),
)
def test_percentage_rule_property(tmp_path_factory, n, count, pct, places):
    """A printed percentage: silent when it rounds from count / n, a percent_mismatch row
    within one patient, otherwise the run stops naming the entry (never silently kept)."""
    count = min(count, n)
    printed = f"{pct / 10:.{places}f}"
    text = f"We included {n} patients. Response in {count} patients ({printed}%)."
    anchors = [
        SIZE,
        {"anchor": "Response in {best_response.pr} patients ({best_response.pr_pct}%)"},
    ]
    tmp = tmp_path_factory.mktemp("pct")
    half = 0.5 * 10**-places
    low, high = (float(printed) - half) * n / 100, (float(printed) + half) * n / 100
    off = max(low - count, count - high, 0)
    try:
        table = run_spec(tmp, text, anchors)
    except InputError as exc:
        assert off > 1 and "values[1]" in str(exc)
        return
    assert off <= 1 + 1e-9
    flagged = "percent_mismatch" in [d.kind for d in table.discrepancies]
    assert flagged == (off > 1e-9)
