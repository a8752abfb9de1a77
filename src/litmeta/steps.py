"""The pipeline's steps as plain functions: what each Snakemake rule calls.

Per-paper steps run inside the Snakemake process (``run:`` blocks), so a review with
hundreds of papers does not pay a Python start-up and a pandas import per job.  They import
nothing heavy.  Each step logs one line, or the user error, to the rule's log file.
"""

from __future__ import annotations

import sys
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


def ingest(
    paper: str,
    out: str,
    max_bytes: int,
    max_pages: int,
    max_txt_bytes: int,
    max_seconds: float = 120.0,
) -> None:
    from .atomic import write_text
    from .ingest import PdfLimits, read_paper

    limits = PdfLimits(max_bytes=max_bytes, max_pages=max_pages, max_seconds=max_seconds)
    write_text(out, read_paper(paper, limits, max_txt_bytes))


def ingest_pdf(
    paper: str, out: str, layout: str, max_bytes: int, max_pages: int, max_seconds: float
) -> None:
    """A PDF paper: its text in reading order and the layout sidecar (page, column, box of
    every line; the running heads and page numbers dropped)."""
    from .atomic import write_text
    from .ingest import PdfLimits, read_paper_layout
    from .pdf.sidecar import COLUMNS, rows
    from .tables import write_csv

    limits = PdfLimits(max_bytes=max_bytes, max_pages=max_pages, max_seconds=max_seconds)
    text, pdf = read_paper_layout(paper, limits)
    if pdf is None:
        from .errors import InputError

        raise InputError(paper, "not a PDF", "name a .pdf file in the sheet for this paper")
    write_csv(layout, COLUMNS, rows(pdf.lines, pdf.dropped))
    write_text(out, text)


def extract(
    spec: str, text: str, source_file: str, outcomes: str, cohorts: str, discrepancies: str
) -> None:
    from .extract.paper import extract_paper, write_paper

    write_paper(extract_paper(spec, text, source_file), outcomes, cohorts, discrepancies)


def candidates(paper_id: str, text: str, out: str) -> None:
    from .extract.candidates import COLUMNS, find_candidates
    from .tables import write_csv

    rows = find_candidates(paper_id, Path(text).read_text(encoding="utf-8"))
    write_csv(out, COLUMNS, rows)


def _md_table(cols: tuple[str, ...], rows: list[dict]) -> str:
    table = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    table += ["| " + " | ".join(str(r[c]) for c in cols) + " |" for r in rows]
    return "\n".join(table)


def pdf_check(paper_id: str, text: str, out: str) -> None:
    """Typeset the paper's text as journal PDFs (four layouts), read them back through the
    PDF route, and count the sentences and table rows recovered (extracted/README.md)."""
    from .pdf.check import COLUMNS, check_paper
    from .tables import write_csv

    write_csv(out, COLUMNS, check_paper(paper_id, Path(text).read_text(encoding="utf-8")))


def extracted_readme(
    template: str,
    texts: list[str],
    specs: list[str],
    readme: str,
    evaluation: str,
    draft_evaluation: str,
    pdf_checks: list[str] = (),
) -> None:
    """:func:`write_extracted_readme`, copied from the cache (litmeta.cache) when the
    template, texts, specs and code are unchanged."""
    from .atomic import write_bytes
    from .cache import Store, digest, file_digest

    given = [template, *texts, *specs, *pdf_checks]
    key = digest("extracted_readme", [[Path(p).name for p in given], file_digest(given)])
    outputs = {"README.md": readme, "evaluation.csv": evaluation}
    outputs["draft_evaluation.csv"] = draft_evaluation

    def compute() -> dict[str, bytes]:
        write_extracted_readme(
            template, texts, specs, readme, evaluation, draft_evaluation, pdf_checks
        )
        return {name: Path(path).read_bytes() for name, path in outputs.items()}

    store = Store("extracted_readme")
    files = store.cached(key, compute)
    if store.hits:
        for name, path in outputs.items():
            write_bytes(path, files[name])


def _evaluate_reference(paper_id: str, spec: str, text_path: str) -> dict:
    """``draft_eval.evaluate_reference`` of one paper, cached (litmeta.cache) by its text,
    spec and the code: a review of 500 papers with one paper changed evaluates one draft."""
    import pickle

    from .cache import Store, digest, file_digest
    from .extract import draft_eval

    def compute() -> dict[str, bytes]:
        text = Path(text_path).read_text(encoding="utf-8")
        row = draft_eval.evaluate_reference(paper_id, spec, text)
        return {"row.pickle": pickle.dumps(row)}

    key = digest("draft_reference", [paper_id, file_digest([spec, text_path])])
    files = Store("draft_reference").cached(key, compute, paper_id)
    return pickle.loads(files["row.pickle"])


def write_extracted_readme(
    template: str,
    texts: list[str],
    specs: list[str],
    readme: str,
    evaluation: str,
    draft_evaluation: str,
    pdf_checks: list[str] = (),
) -> None:
    """Write extracted/README.md: the data dictionary plus measured figures, computed here,
    never typed: the candidate finder's recall/precision on synthetic papers with known
    values, and the drafted specs' correct/wrong/missing values on the reference papers
    (each against its reviewed spec) and on the synthetic papers (against their truth)."""
    from .atomic import write_text
    from .extract import draft_eval, styles
    from .extract.candidates import evaluate, find_candidates
    from .tables import write_csv

    synthetic = styles.corpus()
    cand_rows = []
    for style in styles.STYLES:
        papers = [p for p in synthetic if p.style == style]
        cands = [c for p in papers for c in find_candidates(p.paper_id, p.text)]
        truth = [
            {
                "paper_id": p.paper_id,
                "line": line,
                "value_text": text,
                "endpoint": e,
                "statistic": s,
            }
            for p in papers
            for (e, s), (_v, text, line) in p.truth.items()
        ]
        cand_rows.append({"style": style, "papers": len(papers), **evaluate(cands, truth)})
        cand_rows[-1]["_c"], cand_rows[-1]["_t"] = cands, truth
    everything = evaluate(
        [c for r in cand_rows for c in r["_c"]], [t for r in cand_rows for t in r["_t"]]
    )
    cand_rows.append({"style": "all", "papers": len(synthetic), **everything})
    for r in cand_rows:
        r.pop("_c", None), r.pop("_t", None)
        for k in ("recall", "label_recall", "precision"):
            r[k] = round(r[k], 3)
    cand_cols = (
        "style",
        "papers",
        "true_values",
        "candidates",
        "found",
        "recall",
        "labelled",
        "label_recall",
        "precision",
    )
    write_csv(evaluation, cand_cols, cand_rows)

    spec_of = {Path(spec).stem: spec for spec in specs}
    reference = [
        _evaluate_reference(Path(text).stem, spec_of[Path(text).stem], text)
        for text in sorted(texts, key=lambda t: Path(t).stem)
    ]
    synth = [
        draft_eval.evaluate_synthetic(p.paper_id, p.text, {k: v[0] for k, v in p.truth.items()})
        for p in synthetic
    ]
    by_style = [
        {
            **draft_eval.total(
                [r for r, p in zip(synth, synthetic, strict=True) if p.style == st], st, "synthetic"
            )
        }
        for st in styles.STYLES
    ]
    draft_rows = [
        *reference,
        draft_eval.total(reference, "reference papers", "reference"),
        *by_style,
        draft_eval.total(synth, "synthetic papers", "synthetic"),
    ]
    write_csv(draft_evaluation, draft_eval.COLUMNS, draft_rows)
    text = Path(template).read_text(encoding="utf-8")
    text = text.replace("{{candidate_evaluation}}", _md_table(cand_cols, cand_rows))
    text = text.replace("{{draft_evaluation}}", _md_table(draft_eval.COLUMNS, draft_rows))
    if "{{pdf_reading_order}}" in text:
        from .pdf.check import summary_table
        from .tables import read_rows

        checks = [r for path in pdf_checks for r in read_rows(path)]
        text = text.replace("{{pdf_reading_order}}", summary_table(checks))
    write_text(readme, text)


def harmonise(outcomes: str, cohorts: str, out: str) -> None:
    from .harmonise import ANALYSIS_COLUMNS, build_analysis_table
    from .tables import read_rows, write_csv

    write_csv(out, ANALYSIS_COLUMNS, build_analysis_table(read_rows(outcomes), read_rows(cohorts)))


def pool(
    analysis_table: str,
    analyses: list[str],
    exclusions: dict[str, list[str]],
    pooled: str,
    subgroups: str,
    loo: str,
    weights_out: str,
    abstract_only: Sequence[str] = (),
) -> None:
    """``abstract_only``: paper ids whose source is only an abstract (the paper sheet)."""
    from . import analyses as an
    from .cache import Store
    from .tables import read_rows, write_csv

    rows = read_rows(analysis_table)
    exclusions = {
        **exclusions,
        "sens_exclude_abstract_only": sorted(
            {r["cohort_id"] for r in rows if r["paper_id"] in set(abstract_only)}
        ),
    }
    store = Store("analyses")
    results, loo_rows = an.run_blocks(rows, analyses, exclusions, store)
    write_csv(
        pooled, an.POOLED_COLUMNS, sorted((an.pooled_row(p) for p in results), key=an.order_key)
    )
    tests = an.subgroup_tests(results) + an.setting_metaregression(results, store)
    print(
        f"analyses: {len(store.hits)} of {len(store.hits) + len(store.misses)} "
        "(endpoint x setting blocks, meta-regressions) from the cache",
        file=sys.stderr,
    )
    write_csv(subgroups, an.SUBGROUP_COLUMNS, sorted(tests, key=an.order_key))
    write_csv(loo, an.LOO_COLUMNS, loo_rows)
    write_csv(weights_out, an.WEIGHT_COLUMNS, an.weights(results))


def copy_file(src: str, dest: str) -> None:
    from .atomic import write_bytes

    write_bytes(dest, Path(src).read_bytes())


def extracted_readme_rule(i, o) -> None:
    """The `extracted_readme` rule: Snakemake's input and output objects by name (keeps the
    rule's run: block one call long, snakemake --lint)."""
    extracted_readme(
        i.template, i.texts, i.specs, o.readme, o.evaluation, o.draft_evaluation, i.pdf_checks
    )
