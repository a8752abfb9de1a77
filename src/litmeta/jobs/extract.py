"""Stage 2 (workflow/rules/extract.smk): spec + text -> per-paper tables, the review-wide
tables, the candidate finder, the PDF-route check and extracted/README.md."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def extract(
    *, spec: str, text: str, source: str, outcomes: str, cohorts: str, discrepancies: str
) -> None:
    """One paper's outcomes, cohorts and discrepancies; ``source`` is the paper's file as the
    rows cite it."""
    from ..extract.paper import extract_paper, write_paper

    write_paper(extract_paper(spec, text, source), outcomes, cohorts, discrepancies)


def combine(
    *,
    outcome_files: Sequence[str],
    cohort_files: Sequence[str],
    discrepancy_files: Sequence[str],
    outcomes: str,
    cohorts: str,
    discrepancies: str,
    coverage: str,
) -> None:
    """The per-paper tables concatenated and sorted, and the coverage table."""
    from ..extract.combine import combine as combine_tables

    combine_tables(
        outcome_files, cohort_files, discrepancy_files, outcomes, cohorts, discrepancies, coverage
    )


def characteristics(
    *,
    specs: Sequence[str],
    texts: Sequence[str],
    papers: Sequence[str],
    sheet: str,
    table: str,
) -> None:
    """results/characteristics.csv: every cohort x characteristic of the sheet's papers with
    its quote and line (``texts``), or "not reported"; a quote that differs from the paper's
    own characters (``papers``, which the rows cite) is marked normalised. A paper whose
    spec, text, own characters and cited file are those of an earlier run has its rows from
    the cache (``.cache/litmeta/characteristics``), its spec not read again: a 500-paper
    review compiled every spec's anchors again when one paper changed (3 s of CPU)."""
    import hashlib

    from ..cache import Store, file_digest
    from ..extract.characteristics import COLUMNS, paper_rows, sort_rows
    from ..extract.spec import load_spec
    from ..ingest import cited_files, own_texts
    from ..sheet import read_sheet
    from ..tables import write_csv

    sheet_rows = read_sheet(sheet)
    sources = cited_files(sheet_rows, list(papers))
    text_of = {Path(t).stem: t for t in texts}
    raws = own_texts(sheet_rows, list(papers))
    store = Store("characteristics")
    rows: list[dict[str, object]] = []
    for spec in specs:
        paper_id = Path(spec).stem
        raw = raws.get(paper_id)
        data = [
            str(spec),
            text_of[paper_id],
            sources.get(paper_id),
            file_digest([spec, text_of[paper_id]]),
            None if raw is None else hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        ]
        rows += store.value(
            f"characteristics/{paper_id}",
            data,
            lambda spec=spec: paper_rows(load_spec(spec), text_of, raws, sources),
        )
    write_csv(table, COLUMNS, sort_rows(rows))


def candidates(*, paper_id: str, text: str, candidates: str) -> None:
    """Every number of the paper's text with its line and guessed label (for writing specs)."""
    from ..extract.candidates import COLUMNS, find_candidates
    from ..tables import write_csv

    rows = find_candidates(paper_id, Path(text).read_text(encoding="utf-8"))
    write_csv(candidates, COLUMNS, rows)


def pdf_check(*, paper_id: str, text: str, check: str) -> None:
    """Typeset the paper's text as journal PDFs (four layouts), read them back through the
    PDF route, and count the sentences and table rows recovered (extracted/README.md)."""
    from ..pdf.check import COLUMNS, check_paper
    from ..tables import write_csv

    write_csv(check, COLUMNS, check_paper(paper_id, Path(text).read_text(encoding="utf-8")))


def extracted_readme(
    *,
    template: str,
    texts: Sequence[str],
    specs: Sequence[str],
    pdf_checks: Sequence[str],
    readme: str,
    evaluation: str,
    draft_evaluation: str,
    abstracts: str | None = None,
    measures: str | None = None,
) -> None:
    """extracted/README.md and its two evaluation tables (litmeta.extract.readme), copied
    from the cache (litmeta.cache) when the template, texts, specs and code are unchanged.
    ``measures``: the drafter's recorded measures (`litmeta draft-measure`)."""
    from ..atomic import write_bytes
    from ..cache import Store, digest, file_digest
    from ..extract.readme import write_readme

    extra = [p for p in (abstracts, measures) if p]
    given = [template, *texts, *specs, *pdf_checks, *extra]
    key = digest("extracted_readme", [[Path(p).name for p in given], file_digest(given)])
    outputs = {"README.md": readme, "evaluation.csv": evaluation}
    outputs["draft_evaluation.csv"] = draft_evaluation

    def compute() -> dict[str, bytes]:
        write_readme(
            template,
            texts,
            specs,
            readme,
            evaluation,
            draft_evaluation,
            pdf_checks,
            abstracts or "",
            measures or "",
        )
        return {name: Path(path).read_bytes() for name, path in outputs.items()}

    store = Store("extracted_readme")
    files = store.cached(key, compute, required=outputs)
    if store.hits:
        for name, path in outputs.items():
            write_bytes(path, files[name])


def draft_measure(*, abstracts: str, out: str) -> None:
    """benchmarks/draft_set/measures.json: the drafter's measures on text other than a
    review's papers (litmeta.extract.readme.measures_record), computed without the cache."""
    from ..atomic import write_text
    from ..extract.readme import measures_json, measures_record

    write_text(out, measures_json(measures_record(abstracts)))
    print(f"wrote {out}")
