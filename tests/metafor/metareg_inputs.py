"""Write tests/metafor/fixtures/metareg_inputs.csv: the k = 24 corpus pools of
small_study_inputs.py (synthetic corpus, benchmarks/corpus/, N = 30, seed 0) with two
cohort-level moderators from the corpus paper sheet: ``year`` (numeric) and ``style`` (the
corpus paper style, categorical, 5 levels). The inputs of tests/metafor/metareg.R.

    python tests/metafor/metareg_inputs.py && Rscript tests/metafor/metareg.R

tests/test_metaregression_metafor.py regenerates these rows from the corpus and checks they
are the ones R saw.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import small_study_inputs  # noqa: E402

from litmeta.sheet import read_sheet  # noqa: E402

COLUMNS = ("dataset", "cohort", "events", "n", "year", "style")


def corpus_rows(out_dir: Path) -> list[dict[str, object]]:
    """small_study_inputs' rows, each with its paper's year and style."""
    rows = small_study_inputs.corpus_rows(out_dir)
    truth = corpus.load_truth(out_dir)
    paper_of = {cid: pid for pid, t in truth.items() for cid in t["cohorts"]}
    year = {r["paper_id"]: r["year"] for r in read_sheet(out_dir / "papers.tsv")}
    for r in rows:
        pid = paper_of[r["cohort"]]
        r["year"] = year[pid]
        r["style"] = truth[pid]["style"]
    return rows


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        rows = corpus_rows(Path(tmp) / "corpus")
    out = ROOT / "tests/metafor/fixtures/metareg_inputs.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {out}")
