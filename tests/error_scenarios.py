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


# Issue 13 (reliability II): emptiness, dangling names, the strict sheet, encodings, bounds,
# paths. Numbered from E41 so that other branches' rows (E21...) do not collide.


def _sheet_lines(p: Path) -> list[str]:
    return (p / "config/papers.tsv").read_text(encoding="utf-8").split("\n")


def header_only_sheet(p: Path) -> None:
    (p / "config/papers.tsv").write_text(_sheet_lines(p)[0] + "\n", encoding="utf-8")


def no_analyses(p: Path) -> None:
    text = (p / "config/config.yaml").read_text(encoding="utf-8")
    start = text.index("analyses:\n")
    end = text.index("\n\n", start)
    (p / "config/config.yaml").write_text(
        text[:start] + "analyses: []" + text[end:], encoding="utf-8"
    )


def exclusion_misspelt(p: Path) -> None:
    _edit(p, "config/config.yaml", "[kalantarhormozi2020]", "[kalantarhormozi2021]")


def exclusion_unknown_cohort(p: Path) -> None:
    _edit(p, "config/config.yaml", "[zandee2021]", "[zandee2021_symptomatic]")


def quote_in_sheet(p: Path) -> None:
    _edit(p, "config/papers.tsv", "\tretrospective", '\t"retrospective', count=1)


def tab_in_sheet_field(p: Path) -> None:
    _edit(p, "config/papers.tsv", "Zandee WT et al.", "Zandee WT\tet al.")


def spec_missing(p: Path) -> None:
    (p / "config/extraction/kalantarhormozi2020.yaml").unlink()
    _edit_paper(p, KALANTAR, "16 NET patients included 8 males", "16 NET patients included 9 males")


def utf16_paper(p: Path) -> None:
    path = p / ZANDEE
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    _resign(p, ZANDEE)


def utf16_sheet(p: Path) -> None:
    sheet = p / "config/papers.tsv"
    sheet.write_bytes(sheet.read_text(encoding="utf-8").encode("utf-16"))


def txt_over_limit(p: Path) -> None:
    _edit(p, "config/config.yaml", "max_txt_bytes: 20000000", "max_txt_bytes: 50000")
    (p / "extracted/text/vanderzwan2019.txt").unlink()  # its paper is 51009 bytes


def spec_alias_bomb(p: Path) -> None:
    spec = p / "config/extraction/iqbal2024.yaml"
    levels = ['lol0: &l0 ["lol"]'] + [
        f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)
    ]
    spec.write_text(spec.read_text(encoding="utf-8") + "\n".join(levels) + "\n", encoding="utf-8")


def empty_config(p: Path) -> None:
    (p / "config/config.yaml").write_text("", encoding="utf-8")


def papers_dir_outside(p: Path) -> None:
    _edit(p, "config/config.yaml", "papers_dir: papers", "papers_dir: /tmp")


def sheet_outside(p: Path) -> None:
    _edit(p, "config/config.yaml", "papers_sheet: config/papers.tsv", "papers_sheet: /etc/passwd")


SCENARIOS.update(
    {
        "E41": header_only_sheet,
        "E42": no_analyses,
        "E43": exclusion_misspelt,
        "E44": exclusion_unknown_cohort,
        "E45": quote_in_sheet,
        "E46": tab_in_sheet_field,
        "E47": spec_missing,
        "E48": utf16_paper,
        "E49": utf16_sheet,
        "E50": txt_over_limit,
        "E51": spec_alias_bomb,
        "E52": empty_config,
        "E53": papers_dir_outside,
        "E54": sheet_outside,
    }
)
