"""extracted/README.md: the data dictionary (workflow/report/extracted_README.template.md)
with its measured figures, computed here, never typed: the candidate finder on synthetic
papers, the drafted specs against the reviewed ones, and the PDF route's reading order."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def _md_table(cols: tuple[str, ...], rows: list[dict]) -> str:
    table = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    table += ["| " + " | ".join(str(r[c]) for c in cols) + " |" for r in rows]
    return "\n".join(table)


def _evaluate_reference(paper_id: str, spec: str, text_path: str) -> dict:
    """``draft_eval.evaluate_reference`` of one paper, cached (litmeta.cache) by its text,
    spec and the code: a review of 500 papers with one paper changed evaluates one draft."""
    from ..cache import Store, file_digest
    from . import draft_eval

    def compute() -> dict:
        text = Path(text_path).read_text(encoding="utf-8")
        return draft_eval.evaluate_reference(paper_id, spec, text, text_path)

    data = [paper_id, file_digest([spec, text_path])]
    return Store("draft_reference").value("draft_reference", data, compute)


#: the drafter's and candidate finder's measures on the held-out abstracts and the synthetic
#: papers, recorded by `litmeta draft-measure` (a test keeps it current with the code)
MEASURES = "benchmarks/draft_set/measures.json"


def measures_record(abstracts: str) -> dict:
    """What :func:`_measure_without_papers` measures on ``abstracts``, with the digest of the
    abstracts file it was measured on: the content of :data:`MEASURES`."""
    from ..cache import file_digest

    return {
        "command": "litmeta draft-measure",
        "abstracts": Path(abstracts).name,
        "abstracts_sha256": file_digest([abstracts])[0],
        "measures": _measure_without_papers(abstracts),
    }


def measures_json(record: dict) -> str:
    """:func:`measures_record` as the bytes of :data:`MEASURES`: JSON with one table row a
    line, so that a change of the drafter shows in a diff as the rows it changed."""
    import json

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = [f" {dump(k)}: {dump(v)}," for k, v in record.items() if k != "measures"]
    body = []
    for key, value in record["measures"].items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            rows = ",\n".join(f"   {dump(row)}" for row in value)
            body.append(f"  {dump(key)}: [\n{rows}\n  ]")
        else:
            body.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + "\n".join(head) + '\n "measures": {\n' + ",\n".join(body) + "\n }\n}\n"


def recorded_measures(abstracts_sha256: str, measures: str) -> dict | None:
    """The measures recorded in ``measures`` when they were measured on the abstracts file
    of this sha256, else None: an abstract added or changed is measured again here."""
    import json

    if not measures or not Path(measures).is_file():
        return None
    record = json.loads(Path(measures).read_text(encoding="utf-8"))
    if record.get("abstracts_sha256") != abstracts_sha256:
        return None
    return record["measures"]


def _measured_without_papers(abstracts: str, measures: str = "") -> dict:
    """What extracted/README.md measures on text other than the review's papers: the
    candidate finder and the drafter on the synthetic papers, and the drafter on the held-out
    abstracts (``abstracts``). These measure the drafter, not the review (issue 28): they are
    read from ``measures`` (:data:`MEASURES`, recorded by `litmeta draft-measure`) when it
    was measured on this abstracts file, so a cold regeneration does not measure them again.
    Otherwise computed, and cached (litmeta.cache) by the abstracts file and the code: it
    does not change when a paper does, and it was most of the job's time when one paper of a
    large review changed."""
    from ..cache import Store, file_digest

    digest = file_digest([abstracts]) if abstracts else None
    if abstracts:
        recorded = recorded_measures(digest[0], measures)
        if recorded is not None:
            return recorded
    data = [abstracts, digest]
    return Store("draft_measures").value(
        "draft_measures", data, lambda: _measure_without_papers(abstracts)
    )


def _measure_without_papers(abstracts: str) -> dict:
    """:func:`_measured_without_papers`, computed."""
    from . import draft_eval, styles
    from .candidates import evaluate, find_candidates

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
    cand_cols = [
        "style",
        "papers",
        "true_values",
        "candidates",
        "found",
        "recall",
        "labelled",
        "label_recall",
        "precision",
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
    held = draft_eval.load_abstracts(abstracts) if abstracts else []
    held_rows = [draft_eval.evaluate_abstract(a) for a in held]
    held_styles = sorted({a["style"] for a in held})
    return {
        "cand_cols": cand_cols,
        "cand_rows": cand_rows,
        "synth": synth,
        "by_style": by_style,
        "held_rows": held_rows,
        "held_style": [a["style"] for a in held],
        "held_styles": held_styles,
    }


def write_readme(
    template: str,
    texts: list[str],
    specs: list[str],
    readme: str,
    evaluation: str,
    draft_evaluation: str,
    pdf_checks: list[str] = (),
    abstracts: str = "",
    measures: str = "",
) -> None:
    """Write extracted/README.md: the data dictionary plus measured figures, computed here,
    never typed: the candidate finder's recall/precision on synthetic papers with known
    values, and the drafted specs' correct/wrong/missing values on the reference papers
    (each against its reviewed spec) and on the synthetic papers (against their truth)."""
    from ..atomic import write_text
    from ..tables import write_csv
    from . import draft_eval

    measured = _measured_without_papers(abstracts, measures)
    cand_cols, cand_rows = measured["cand_cols"], measured["cand_rows"]
    write_csv(evaluation, cand_cols, cand_rows)

    spec_of = {Path(spec).stem: spec for spec in specs}
    reference = [
        _evaluate_reference(Path(text).stem, spec_of[Path(text).stem], text)
        for text in sorted(texts, key=lambda t: Path(t).stem)
    ]
    synth, by_style = measured["synth"], measured["by_style"]
    held_rows, held_styles = measured["held_rows"], measured["held_styles"]
    draft_rows = [
        *reference,
        draft_eval.total(reference, "reference papers", "reference"),
        *by_style,
        draft_eval.total(synth, "synthetic papers", "synthetic"),
        *(
            draft_eval.total(
                [r for r, s in zip(held_rows, measured["held_style"], strict=True) if s == st],
                f"held-out {st}",
                "held-out",
            )
            for st in held_styles
        ),
        *([draft_eval.total(held_rows, "held-out abstracts", "held-out")] if held_rows else []),
    ]
    write_csv(draft_evaluation, draft_eval.COLUMNS, draft_rows)
    text = Path(template).read_text(encoding="utf-8")
    text = text.replace("{{candidate_evaluation}}", _md_table(cand_cols, cand_rows))
    text = text.replace("{{draft_evaluation}}", _md_table(draft_eval.COLUMNS, draft_rows))
    if "{{pdf_reading_order}}" in text:
        text = text.replace("{{pdf_reading_order}}", _pdf_reading_order(pdf_checks))
    write_text(readme, text)


#: extracted/README.md without the PDF route's reading-order check (the default)
PDF_CHECK_OFF = (
    "Not measured in this run (config `pdf_check_papers: 0`, the default: the check measures"
    " the reader, not the review). `snakemake --cores 4 --config pdf_check_papers=5` measures"
    " it here; the figures last measured, with that command, are in benchmarks/README.md."
)


def _pdf_reading_order(pdf_checks: Sequence[str]) -> str:
    """The reading-order table, or :data:`PDF_CHECK_OFF`; the typesetting modules (which use
    matplotlib's fonts) are imported only when papers were checked."""
    if not pdf_checks:
        return PDF_CHECK_OFF
    from ..pdf.check import summary_table
    from ..tables import read_rows

    return summary_table([r for path in pdf_checks for r in read_rows(path)])
