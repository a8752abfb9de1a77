"""Bad inputs of the error catalogue (docs/errors.md): each function damages a scratch copy
of the project the way a user might; tests/test_errors.py runs Snakemake on it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from pdf_render import render_pdf

ZANDEE = "papers/000_d189e26277214b44.txt"
KALANTAR = "papers/001_456edcc85d21e7e1.txt"
IQBAL = "papers/002_3386326dee148d21.txt"
LAZARENKO = "papers/004_e3fedb2602bf74ac.txt"


def _edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, (rel, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _resign(project: Path, rel: str) -> None:
    """Update the paper's sha256 in the sheet, as a user who changed it on purpose would."""
    name = Path(rel).name
    sheet = project / "config/papers.tsv"
    lines = sheet.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if len(cells) > 2 and Path(cells[1]).stem == Path(name).stem:
            cells[1] = name
            cells[2] = hashlib.sha256((project / rel).read_bytes()).hexdigest()
            lines[i] = "\t".join(cells)
    sheet.write_text("\n".join(lines), encoding="utf-8")


def _edit_paper(project: Path, rel: str, old: str, new: str) -> None:
    _edit(project, rel, old, new)
    _resign(project, rel)


def _replace_paper_with_pdf(project: Path, make: Callable[[Path], None]) -> None:
    pdf = project / ZANDEE.replace(".txt", ".pdf")
    make(pdf)
    (project / ZANDEE).unlink()
    _resign(project, str(pdf.relative_to(project)))


def missing_paper(p: Path) -> None:
    (p / KALANTAR).unlink()


def checksum_changed(p: Path) -> None:
    _edit(p, IQBAL, "median PFS was 28.5 months", "median PFS was 26.5 months")


def number_altered(p: Path) -> None:
    _edit_paper(p, KALANTAR, "16 NET patients included 8 males", "16 NET patients included 9 males")


def anchor_matches_twice(p: Path) -> None:
    path = p / IQBAL
    path.write_text(path.read_text() + "median PFS was 28.5 months. Median OS was not reached.\n")
    _resign(p, IQBAL)


def unknown_endpoint(p: Path) -> None:
    _edit(p, "config/extraction/zandee2021.yaml", "{best_response.pr}", "{best_respons.pr}")


def unknown_cohort(p: Path) -> None:
    _edit(
        p,
        "config/extraction/iqbal2024.yaml",
        "  - cohort: iqbal2024\n    section: results",
        "  - cohort: iqbal2023\n    section: results",
    )


def unknown_statistic(p: Path) -> None:
    _edit(p, "config/extraction/zandee2021.yaml", "{best_response.pr}", "{best_response.prr}")


def count_exceeds_n(p: Path) -> None:
    _edit_paper(
        p,
        IQBAL,
        "and 14 patients with stable disease",
        "and 34 patients with stable disease",
    )


def non_integer_count(p: Path) -> None:
    _edit_paper(
        p, ZANDEE, "sponse was observed in 2 patients", "sponse was observed in 2.5 patients"
    )
    _edit(p, "config/extraction/zandee2021.yaml", "{best_response.pr}", "{best_response.pr:num}")


def ci_not_bracketing(p: Path) -> None:
    _edit_paper(p, LAZARENKO, "22.5 months (95% CI, 19.7–29.0)", "22.5 months (95% CI, 23.7–29.0)")


def percent_disagrees(p: Path) -> None:
    _edit_paper(p, ZANDEE, "observed in 2 patients (9%)", "observed in 2 patients (19%)")


def config_key_misspelt(p: Path) -> None:
    _edit(p, "config/config.yaml", "papers_dir:", "paper_dir:")


def unknown_analysis(p: Path) -> None:
    _edit(p, "config/config.yaml", "  - leave_one_out\n", "  - leave_one_out\n  - sens_trim_fill\n")


def spec_not_yaml(p: Path) -> None:
    _edit(p, "config/extraction/iqbal2024.yaml", "paper_id: iqbal2024", "paper_id: [iqbal2024")


def truncated_pdf(p: Path) -> None:
    def make(pdf: Path) -> None:
        render_pdf((p / ZANDEE).read_text(), pdf)
        pdf.write_bytes(pdf.read_bytes()[:2000])

    _replace_paper_with_pdf(p, make)


def encrypted_pdf(p: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    def make(pdf: Path) -> None:
        c = canvas.Canvas(
            str(pdf), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0), invariant=1
        )
        c.drawString(72, 720, "Results: a partial response was observed in 2 patients")
        c.save()

    _replace_paper_with_pdf(p, make)


def pdf_without_text(p: Path) -> None:
    from reportlab.pdfgen import canvas

    def make(pdf: Path) -> None:
        c = canvas.Canvas(str(pdf), invariant=1)
        c.rect(72, 72, 300, 500, fill=1)
        c.save()

    _replace_paper_with_pdf(p, make)


def wrong_encoding(p: Path) -> None:
    path = p / ZANDEE
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    _resign(p, ZANDEE)


def empty_paper(p: Path) -> None:
    (p / ZANDEE).write_text("\n\n", encoding="utf-8")
    _resign(p, ZANDEE)


SCENARIOS: dict[str, Callable[[Path], None]] = {
    "E01": missing_paper,
    "E02": checksum_changed,
    "E03": number_altered,
    "E04": anchor_matches_twice,
    "E05": unknown_endpoint,
    "E06": unknown_cohort,
    "E07": unknown_statistic,
    "E08": count_exceeds_n,
    "E09": non_integer_count,
    "E10": ci_not_bracketing,
    "E11": percent_disagrees,
    "E12": config_key_misspelt,
    "E13": unknown_analysis,
    "E14": spec_not_yaml,
    "E15": truncated_pdf,
    "E16": encrypted_pdf,
    "E17": pdf_without_text,
    "E18": wrong_encoding,
    "E19": empty_paper,
}


def path_outside(p: Path) -> None:
    _edit(p, "config/papers.tsv", "\t000_d189e26277214b44.txt\t", "\t../config/config.yaml\t")


SCENARIOS["E20"] = path_outside


def pdf_too_slow(p: Path) -> None:
    """One page with 300 000 glyph objects: reading it takes far longer than 3 s."""
    from reportlab.pdfgen import canvas

    def make(pdf: Path) -> None:
        c = canvas.Canvas(str(pdf), invariant=1)
        t = c.beginText()
        t.setFont("Helvetica", 1)
        for i in range(300_000):
            t.setTextOrigin(10 + (i % 500), 10 + (i // 500) % 800)
            t.textOut("x")
        c.drawText(t)
        c.save()

    _replace_paper_with_pdf(p, make)
    _edit(p, "config/config.yaml", "  max_seconds: 120", "  max_seconds: 3")


SCENARIOS["E50"] = pdf_too_slow
