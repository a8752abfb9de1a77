"""Write tests/metafor/fixtures/small_study_inputs.csv: pools with k >= 10 cohorts taken from
the synthetic corpus (benchmarks/corpus/, N = 30, seed 0; its true values), the inputs of
tests/metafor/small_study.R.

    python tests/metafor/small_study_inputs.py && Rscript tests/metafor/small_study.R

tests/test_small_study_metafor.py regenerates these rows from the corpus and checks they are
the ones R saw.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402

N, SEED = 30, 0
#: (dataset, endpoint, setting) of the corpus pools used as fixtures
POOLS = (
    ("corpus_orr_initial", "orr", "initial"),
    ("corpus_dcr_initial", "dcr", "initial"),
    ("corpus_anemia_initial", "tox_g3plus_anemia", "initial"),
)


def corpus_rows(out_dir: Path) -> list[dict[str, object]]:
    """One row per cohort of each pool: dataset, cohort, events, n (sorted by cohort)."""
    corpus.write_corpus(out_dir, N, SEED)
    truth = corpus.load_truth(out_dir)
    rows = []
    for dataset, endpoint, setting in POOLS:
        for paper in sorted(truth):
            for cid, c in sorted(truth[paper]["cohorts"].items()):
                v = c["values"]
                if c["pooled_in"] != setting or f"{endpoint}.events" not in v:
                    continue
                rows.append(
                    {
                        "dataset": dataset,
                        "cohort": cid,
                        "events": v[f"{endpoint}.events"],
                        "n": v[f"{endpoint}.n"],
                    }
                )
    return rows


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        rows = corpus_rows(Path(tmp) / "corpus")
    out = ROOT / "tests/metafor/fixtures/small_study_inputs.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ("dataset", "cohort", "events", "n"), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {out}")
