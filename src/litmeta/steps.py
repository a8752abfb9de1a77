"""The pipeline's steps as plain functions: what each Snakemake rule calls.

Per-paper steps run inside the Snakemake process (``run:`` blocks), so a review with
hundreds of papers does not pay a Python start-up and a pandas import per job.  They import
nothing heavy.  Each step logs one line, or the user error, to the rule's log file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import InputError


class step_log:
    """``with step_log(log, rule): steps.extract(...)`` in a rule's ``run:``.

    Writes what happened to ``log``. A user error (:class:`InputError`) leaves with its call
    stack cut after the rule's own frame, so Snakemake shows the message
    and the rule's location (which it needs to format the error), no frame of the package."""

    def __init__(self, log: str | Sequence[str], name: str) -> None:
        self.log = Path(log if isinstance(log, str) else log[0])  # a rule's `log` or a path
        self.name = name

    def __enter__(self) -> step_log:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.start = time.perf_counter()
        return self

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> bool:
        if exc is None:
            elapsed = time.perf_counter() - self.start
            self.log.write_text(f"{self.name}: ok ({elapsed:.3f} s)\n", encoding="utf-8")
        elif isinstance(exc, InputError):
            self.log.write_text(f"error: {exc}\n", encoding="utf-8")
            if tb is not None:  # keep the rule's frame (tb's first entry), drop the package's
                tb.tb_next = None  # type: ignore[attr-defined]
            exc.__suppress_context__ = True
        return False  # never swallow


def logged(log: str, step: Callable[..., object], *args: object, **kwargs: object) -> None:
    """Run ``step`` under :class:`step_log` (its error then also shows this frame: rules use
    ``with step_log(...)`` directly)."""
    with step_log(log, step.__name__):
        step(*args, **kwargs)


def ingest(paper: str, out: str, max_bytes: int, max_pages: int, max_txt_bytes: int) -> None:
    from .atomic import write_text
    from .ingest import PdfLimits, read_paper

    limits = PdfLimits(max_bytes=max_bytes, max_pages=max_pages)
    write_text(out, read_paper(paper, limits, max_txt_bytes))


def extract(
    spec: str, text: str, source_file: str, outcomes: str, cohorts: str, discrepancies: str
) -> None:
    from .extract.paper import extract_paper, write_paper

    write_paper(extract_paper(spec, text, source_file), outcomes, cohorts, discrepancies)


def candidates(paper_id: str, text: str, out: str) -> None:
    from .atomic import write_csv
    from .extract.candidates import find_candidates

    rows = find_candidates(paper_id, Path(text).read_text(encoding="utf-8"))
    write_csv(out, ("paper_id", "line", "kind", "value_text", "quote"), rows)


def extracted_readme(
    template: str, outcomes: str, candidate_files: list[str], readme: str, evaluation: str
) -> None:
    """Write extracted/README.md: the data dictionary plus the candidate finder's measured
    recall and precision (per paper and overall), computed here, never typed."""
    from .atomic import write_csv, write_text
    from .extract.candidates import evaluate
    from .extract.combine import read_rows

    truth = read_rows(outcomes)
    rows = []
    all_candidates: list[dict] = []
    for path in candidate_files:
        cands = read_rows(path)
        all_candidates.extend(cands)
        paper_id = Path(path).stem
        rows.append(
            {
                "paper_id": paper_id,
                **evaluate(cands, [o for o in truth if o["paper_id"] == paper_id]),
            }
        )
    rows.append({"paper_id": "all", **evaluate(all_candidates, truth)})
    for r in rows:
        r["recall"] = round(r["recall"], 3)
        r["precision"] = round(r["precision"], 3)
    cols = ("paper_id", "spec_values", "candidates", "matched", "recall", "precision")
    write_csv(evaluation, cols, rows)
    table = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    table += ["| " + " | ".join(str(r[c]) for c in cols) + " |" for r in rows]
    text = Path(template).read_text(encoding="utf-8")
    write_text(readme, text.replace("{{candidate_evaluation}}", "\n".join(table)))


def harmonise(outcomes: str, cohorts: str, out: str) -> None:
    from .atomic import write_csv
    from .extract.combine import read_rows
    from .harmonise import ANALYSIS_COLUMNS, build_analysis_table

    write_csv(out, ANALYSIS_COLUMNS, build_analysis_table(read_rows(outcomes), read_rows(cohorts)))


def pool(
    analysis_table: str,
    analyses: list[str],
    exclusions: dict[str, list[str]],
    pooled: str,
    subgroups: str,
    loo: str,
    weights_out: str,
) -> None:
    from . import analyses as an
    from .atomic import write_csv
    from .extract.combine import read_rows

    rows = read_rows(analysis_table)
    results = an.run_analyses(rows, analyses, exclusions)
    write_csv(
        pooled, an.POOLED_COLUMNS, sorted((an.pooled_row(p) for p in results), key=an.order_key)
    )
    write_csv(subgroups, an.SUBGROUP_COLUMNS, sorted(an.subgroup_tests(results), key=an.order_key))
    loo_rows = an.leave_one_out(rows) if "leave_one_out" in analyses else []
    write_csv(loo, an.LOO_COLUMNS, loo_rows)
    write_csv(weights_out, an.WEIGHT_COLUMNS, an.weights(results))


def copy_file(src: str, dest: str) -> None:
    from .atomic import write_bytes

    write_bytes(dest, Path(src).read_bytes())
