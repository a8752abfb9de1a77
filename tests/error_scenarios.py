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


# Certainty of evidence (issue 15): risk-of-bias files and GRADE thresholds.
def rob_anchor_not_found(p: Path) -> None:
    _edit(
        p, "config/risk_of_bias/iqbal2024.yaml", "have not been well characterized.", "are unknown."
    )


def rob_score_out_of_range(p: Path) -> None:
    _edit(p, "config/risk_of_bias/zandee2021.yaml", "  aim:\n    score: 2", "  aim:\n    score: 3")


def grade_threshold_misspelt(p: Path) -> None:
    _edit(p, "config/config.yaml", "  few_cohorts_k: 5", "  few_cohort_k: 5")


SCENARIOS["E63"] = rob_anchor_not_found
SCENARIOS["E64"] = rob_score_out_of_range
SCENARIOS["E65"] = grade_threshold_misspelt


def moderator_unknown(p: Path) -> None:
    _edit(
        p,
        "config/config.yaml",
        "  moderators: [year, share_g3, share_pancreas, followup_months]",
        "  moderators: [decade]",
    )


SCENARIOS["E66"] = moderator_unknown


# --- issue 26 (lane characteristics): the table of characteristics of included cohorts -------
def characteristic_missing(p: Path) -> None:
    _edit(
        p,
        "config/extraction/iqbal2024.yaml",
        "  - cohorts: [iqbal2024]\n    items: [followup_months]\n"
        '    not_reported: "imaging about every 3 months; no follow-up duration"\n',
        "",
    )


def characteristic_twice(p: Path) -> None:
    _edit(
        p,
        "config/extraction/iqbal2024.yaml",
        "    items: [activity_gbq]\n",
        "    items: [age]\n",
    )


def characteristic_number_typed(p: Path) -> None:
    _edit(
        p,
        "config/extraction/iqbal2024.yaml",
        '  - anchor: "The median age was {iqbal2024.age:num} years (range 45 - 79)."\n',
        "  - cohorts: [iqbal2024]\n    item: age\n    value: 63\n"
        '    anchor: "The median age was 63 years (range 45 - 79)."\n',
    )


def characteristic_unknown(p: Path) -> None:
    _edit(p, "config/extraction/iqbal2024.yaml", "{iqbal2024.age:num}", "{iqbal2024.height:num}")


def characteristic_two_forms(p: Path) -> None:
    _edit(
        p,
        "config/extraction/iqbal2024.yaml",
        '    not_reported: "up to 4 cycles; no median"\n',
        '    not_reported: "up to 4 cycles; no median"\n'
        '    anchor: "Treatment with up to 4 cycles"\n',
    )


def characteristic_anchor_not_found(p: Path) -> None:
    _edit(p, "config/extraction/iqbal2024.yaml", "(range 45 - 79).", "(range 45 - 78).")


SCENARIOS["E71"] = characteristic_missing
SCENARIOS["E72"] = characteristic_twice
SCENARIOS["E73"] = characteristic_number_typed
SCENARIOS["E74"] = characteristic_unknown
SCENARIOS["E75"] = characteristic_two_forms
SCENARIOS["E76"] = characteristic_anchor_not_found


# --- issue 14 (lane proto): decisions read a code, so a cohort not pooled must state one ------
def not_pooled_without_code(p: Path) -> None:
    _edit(p, "config/extraction/vanderzwan2019.yaml", "    reason_code: overlap\n", "")


SCENARIOS["E70"] = not_pooled_without_code
# --- issue 18 (lane num): a new paper in styles nobody wrote patterns for ----------------------
# An abstract-only paper: numbers in words, responses only as percentages, a CI with a 0 lower
# bound and one with NE, a mean and an upper bound (not extractable), an en dash in an anchor.
NEW_PAPER = "papers/newstyle2025.txt"
NEW_DIR = Path(__file__).parent / "new_paper"
NEW_PAPER_TEXT = (NEW_DIR / "newstyle2025.txt").read_text(encoding="utf-8")
NEW_SPEC = (NEW_DIR / "newstyle2025.yaml").read_text(encoding="utf-8")


def add_new_paper(p: Path, text: str = NEW_PAPER_TEXT, spec: str = NEW_SPEC) -> None:
    (p / NEW_PAPER).write_text(text, encoding="utf-8")
    (p / "config/extraction/newstyle2025.yaml").write_text(spec, encoding="utf-8")
    sha = hashlib.sha256((p / NEW_PAPER).read_bytes()).hexdigest()
    row = ["newstyle2025", "newstyle2025.txt", sha, "New S et al. Abstract 2025", "2025", "", ""]
    sheet = p / "config/papers.tsv"
    lines = sheet.read_text(encoding="utf-8").rstrip("\n").split("\n")
    sheet.write_text("\n".join([*lines, "\t".join([*row, "abstract, n=96", "abstract"])]) + "\n")


def new_paper_count_without_n(p: Path) -> None:
    """The cohort size is captured as enrolled and efficacy only: the toxicity has no n."""
    sizes = "{cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety}"
    add_new_paper(
        p, spec=NEW_SPEC.replace(sizes, "{cohort_size.n_enrolled|cohort_size.n_efficacy}")
    )


def new_paper_median_without_n(p: Path) -> None:
    """The cohort size is captured as enrolled and safety only: the medians have no n."""
    sizes = "{cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety}"
    add_new_paper(p, spec=NEW_SPEC.replace(sizes, "{cohort_size.n_enrolled|cohort_size.n_safety}"))


def new_paper_percent_misread(p: Path) -> None:
    add_new_paper(
        p,
        text=NEW_PAPER_TEXT.replace("One pat.;", "One pat. (12 %);"),
        spec=NEW_SPEC.replace(
            "{tox_g3plus_thrombocytopenia.g3} pat.",
            "{tox_g3plus_thrombocytopenia.g3} pat. ({tox_g3plus_thrombocytopenia.g3_pct} %)",
        ),
    )


def new_paper_upper_bound_only(p: Path) -> None:
    add_new_paper(p, spec=NEW_SPEC.replace("{pfs_median.ci_low}\u2013", "{_}\u2013"))


def new_paper_placeholder_inside_number(p: Path) -> None:
    add_new_paper(
        p,
        spec=NEW_SPEC.replace(
            "{cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety} patients",
            "Ninety-{cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety} patients",
        ),
    )


def new_paper_median_zero(p: Path) -> None:
    add_new_paper(
        p,
        text=NEW_PAPER_TEXT.replace(
            "Median PFS was 14 months (95% CI: 0\u201316)",
            "Median PFS was 0 months (95% CI: 0\u201316)",
        ),
    )


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


SCENARIOS.update(
    {
        "E55": new_paper_count_without_n,
        "E56": new_paper_median_without_n,
        "E57": new_paper_percent_misread,
        "E58": new_paper_upper_bound_only,
        "E59": new_paper_placeholder_inside_number,
        "E60": new_paper_median_zero,
        "E61": add_new_paper,
    }
)


def new_paper_outputs_ok(p: Path) -> None:
    """E61: the printed values, derived where Amendment 1 says so, carried to every table."""
    import csv

    def rows(rel: str) -> list[dict[str, str]]:
        with open(p / rel, newline="", encoding="utf-8") as fh:
            return [r for r in csv.DictReader(fh) if "newstyle2025" in r.get("cohort_id", "")]

    got = {
        (r["endpoint"], r["statistic"]): (r["value"], r["status"])
        for r in rows("extracted/outcomes.csv")
    }
    assert got[("cohort_size", "n_enrolled")] == ("96", "reported")
    assert got[("tox_g3plus_thrombocytopenia", "g3")] == ("1", "reported")
    assert got[("best_response", "pr")] == ("15", "derived")
    assert got[("best_response", "sd")] == ("63", "derived")
    assert got[("best_response", "pd")] == ("18", "derived")
    assert got[("orr", "events")] == ("15", "derived")
    assert got[("pfs_median", "ci_low")] == ("0", "reported")
    coverage = {r["endpoint"]: r["coverage"] for r in rows("extracted/coverage.csv")}
    assert coverage["tox_g3plus_renal"] == "reported, not extractable"
    table = {r["endpoint"]: r for r in rows("results/analysis_table.csv")}
    assert table["pfs_median"]["ci_low"] == "0" and table["pfs_median"]["included"] == "false"
    assert table["orr"]["included"] == "true"
    pooled = (p / "results/pooled.csv").read_text(encoding="utf-8")
    assert "sens_exclude_abstract_only,orr,initial" in pooled
    assert "abstract only" in (p / "results/evidence.html").read_text(encoding="utf-8")


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


SCENARIOS["E62"] = pdf_too_slow


# --- issue 23 (lane drafter): spec files that are not specs, advice that names the token,
# and drafted specs accepted unreviewed -------------------------------------------------------
IQBAL_SPEC = "config/extraction/iqbal2024.yaml"


def spec_empty(p: Path) -> None:
    """What `draft-spec > spec.yaml` used to leave when the draft failed: an empty file."""
    (p / IQBAL_SPEC).write_text("", encoding="utf-8")


def spec_not_a_mapping(p: Path) -> None:
    (p / IQBAL_SPEC).write_text("- paper_id: iqbal2024\n- cohorts: []\n", encoding="utf-8")


def placeholder_cannot_read_token(p: Path) -> None:
    """The anchor's words are in the paper, but its placeholder cannot read the token."""
    _edit_paper(p, IQBAL, "Median OS was not reached.", "Median OS was not quite reached.")


def value_placeholder_of_type_any(p: Path) -> None:
    _edit(
        p, IQBAL_SPEC, "Median OS was {os_median.median}.", "Median OS was {os_median.median:any}."
    )


DRAFTED_ARMS = (
    "Patients were randomised to 177Lu-DOTATATE (n = 116) or high-dose octreotide LAR "
    "(n = 113). The disease control rates were 88% and 67% in the 177Lu-DOTATATE and "
    "octreotide LAR arms, respectively. Median progression-free survival was not reached in "
    "the 177Lu-DOTATATE arm and 8.4 months in the octreotide LAR arm. Median overall survival "
    "had not been reached at a median follow-up of 16 months.\n"
)
# several cohorts in the style issue 23's recall work reads: a subsection per cohort, the
# population in the sentence before ("Among them"), a toxicity table with a column pair per
# cohort, and a grade 1-2 only table that implies no grade 3-4 event
DRAFTED_SECTIONS = (
    "Re-treatment with PRRT: a two-course series\n\nResults\n\n"
    "We treated patients with R-PRRT and RR-PRRT. R-PRRT followed a first relapse; RR-PRRT a "
    "second relapse. Both R-PRRT and RR-PRRT were given with lutetium.\n\n"
    "Outcome after R-PRRT\n\nA total of 40 patients received two cycles.\n\n"
    "Response could be assessed in 36 patients. Among them, 10 (27.8%) had a partial response "
    "and 20 (55.6%) stable disease.\n\n"
    "RR-PRRT\n\nA total of 12 patients received two more cycles.\n\n"
    "Response could be assessed in 11 patients. Of these, 3 (27.3%) had a partial response.\n\n"
    "Table 2. Haematological toxicity\n\n"
    "Event\tR-PRRT (n = 40)\t\tRR-PRRT (n = 12)\t\n"
    "\tGrade 3\tGrade 4\tGrade 3\tGrade 4\n"
    "Platelets\t2\t1\t1\t0\n"
)
# one cohort: the n printed after a median, a printed "no grade >= 3" zero, and a toxicity
# table with grade 1 and 2 columns only (grade 3 and 4 implied zero)
DRAFTED_SINGLE = (
    "Lutetium PRRT in one centre\n\nResults\n\nA total of 25 patients were treated. Median "
    "PFS was 18.5 months (95% CI 12.0-25.0) in 24 patients. No grade 3 or higher "
    "haematological toxicity was observed.\n\nTable 2. Adverse events (CTCAE v5.0)\n\n"
    "Event\tGrade 1\tGrade 2\nNausea\t5\t1\nRenal toxicity\t2\t-\n"
)
DRAFTED_NOTHING = (
    "PRRT in neuroendocrine tumours: a narrative review\n\n"
    "We summarise the literature on peptide receptor radionuclide therapy. Response rates "
    "varied widely between series.\n"
)


def add_drafted_paper(p: Path, paper_id: str, text: str) -> Path:
    """A new abstract added as README "Adding a paper" says, its spec the `litmeta draft-spec
    -o` draft accepted as written: the paper file, its sheet row and the drafted spec."""
    from click.testing import CliRunner

    from litmeta.cli import cli

    paper = p / "papers" / f"{paper_id}.txt"
    paper.write_text(text, encoding="utf-8")
    spec = p / "config/extraction" / f"{paper_id}.yaml"
    res = CliRunner().invoke(
        cli, ["draft-spec", str(paper), "--paper-id", paper_id, "-o", str(spec)]
    )
    assert res.exit_code == 0, res.output
    sha = hashlib.sha256(paper.read_bytes()).hexdigest()
    row = [paper_id, paper.name, sha, "Drafted D et al. Abstract 2026", "2026", "", ""]
    sheet = p / "config/papers.tsv"
    lines = sheet.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines.append("\t".join([*row, "abstract", "abstract"]))
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spec


def drafted_specs_accepted_unreviewed(p: Path) -> None:
    """Four new papers whose specs are `litmeta draft-spec -o` drafts, accepted as written:
    one with two arms ("respectively" over arms, follow-up, NR wording), one where the
    drafter finds nothing (a valid spec without values), one with a subsection per cohort and
    one with a single cohort."""
    for paper_id, text in (
        ("draftarms2026", DRAFTED_ARMS),
        ("draftnone2026", DRAFTED_NOTHING),
        ("draftsections2026", DRAFTED_SECTIONS),
        ("draftsingle2026", DRAFTED_SINGLE),
    ):
        add_drafted_paper(p, paper_id, text)


def drafted_outputs_ok(p: Path) -> None:
    """E104: the arms are two cohorts with one DCR each; follow-up is not survival; the paper
    with nothing drafted is in the outputs with nothing reported."""
    import csv

    def rows(rel: str, paper_id: str) -> list[dict[str, str]]:
        with open(p / rel, newline="", encoding="utf-8") as fh:
            return [r for r in csv.DictReader(fh) if paper_id in r.get("cohort_id", "")]

    got = {
        (r["cohort_id"], r["endpoint"], r["statistic"]): r["value"]
        for r in rows("extracted/outcomes.csv", "draftarms2026")
    }
    lu, lar = "draftarms2026_177ludotatate", "draftarms2026_highdoseoctreotidelar"
    assert got[(lu, "dcr", "events_pct")] == "88" and got[(lar, "dcr", "events_pct")] == "67"
    assert got[(lu, "dcr", "events")] == "102" and got[(lar, "dcr", "events")] == "76"
    assert not any(e == "orr" for (_c, e, _s) in got)
    assert got[(lar, "pfs_median", "median")] == "8.4"
    assert got[(lu, "pfs_median", "median")] == ""  # NR: no number
    assert not any(e == "os_median" and v == "16" for (_c, e, _s), v in got.items())
    cohorts = {r["cohort_id"] for r in rows("extracted/cohorts.csv", "draft")}
    assert {lu, lar, "draftnone2026"} <= cohorts
    assert rows("extracted/outcomes.csv", "draftnone2026") == []
    # a cohort per subsection and per table column pair, each with its own values
    got = {
        (r["cohort_id"], r["endpoint"], r["statistic"]): r["value"]
        for r in rows("extracted/outcomes.csv", "draftsections2026")
    }
    r, rr = "draftsections2026_rprrt", "draftsections2026_rrprrt"
    assert got[(r, "best_response", "pr")] == "10" and got[(r, "best_response", "n")] == "36"
    assert got[(rr, "best_response", "pr")] == "3" and got[(rr, "best_response", "n")] == "11"
    assert got[(r, "tox_g3plus_thrombocytopenia", "g3")] == "2"
    assert got[(r, "tox_g3plus_thrombocytopenia", "g4")] == "1"
    assert got[(rr, "tox_g3plus_thrombocytopenia", "g3")] == "1"
    assert got[(rr, "tox_g3plus_thrombocytopenia", "g4")] == "0"
    status = {
        (r["endpoint"], r["statistic"]): (r["value"], r["status"])
        for r in rows("extracted/outcomes.csv", "draftsingle2026")
    }
    assert status[("pfs_median", "median")] == ("18.5", "reported")
    assert status[("pfs_median", "n")] == ("24", "reported")  # printed after the median
    assert status[("tox_g3plus_any_hematologic", "g3g4")] == ("0", "reported")  # "No grade 3"
    assert status[("tox_g3plus_renal", "g3")] == ("0", "implied")  # grade 1-2 table only
    assert status[("tox_g3plus_renal", "g4")] == ("0", "implied")


# --- issue 25 (lane reliability): no silent number from units, marks or duplicates -----------
def cohort_declared_twice(p: Path) -> None:
    """The same cohort (22 patients) declared a second time, in another setting."""
    _edit(
        p,
        "config/extraction/zandee2021.yaml",
        "values:\n",
        "  - id: zandee2021\n    setting: salvage\n    pooled_in: salvage\n\nvalues:\n",
    )


def median_in_weeks(p: Path) -> None:
    """A median and its CI printed in weeks: converted to months, with a judgement row."""
    add_new_paper(
        p,
        text=NEW_PAPER_TEXT.replace("Median PFS was 14 months", "Median PFS was 14 weeks"),
        spec=NEW_SPEC.replace("{pfs_median.median} months", "{pfs_median.median} weeks"),
    )


def median_in_weeks_outputs_ok(p: Path) -> None:
    import csv

    with open(p / "extracted/newstyle2025.csv", newline="", encoding="utf-8") as fh:
        got = {r["statistic"]: r for r in csv.DictReader(fh) if r["endpoint"] == "pfs_median"}
    # 14 and 16 weeks in months (7 / 30.4375 months a week); the 0 bound stays 0
    assert (got["median"]["value"], got["median"]["status"]) == ("3.22", "derived")
    assert (got["ci_high"]["value"], got["ci_low"]["value"]) == ("3.68", "0")
    notes = (p / "extracted/discrepancies.csv").read_text(encoding="utf-8")
    assert "pfs_median.median printed as 14 weeks: 3.22 months" in notes
    with open(p / "results/analysis_table.csv", newline="", encoding="utf-8") as fh:
        (row,) = [
            r
            for r in csv.DictReader(fh)
            if (r["cohort_id"], r["endpoint"]) == ("newstyle2025", "pfs_median")
        ]
    assert (row["median"], row["ci_low"], row["ci_high"]) == ("3.22", "0", "3.68")


def footnote_mark_after_median(p: Path) -> None:
    """'28.5¹ months': the footnote mark never joins the number (not 28.51 or 285)."""
    _edit_paper(p, IQBAL, "median PFS was 28.5 months.", "median PFS was 28.5\u00b9 months.")
    _edit(
        p,
        "config/extraction/iqbal2024.yaml",
        "median PFS was {pfs_median.median} months.",
        "median PFS was {pfs_median.median}\u00b9 months.",
    )


def footnote_mark_outputs_ok(p: Path) -> None:
    import csv

    with open(p / "extracted/iqbal2024.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["endpoint"] == "pfs_median"]
    assert [(r["statistic"], r["value"]) for r in rows if r["statistic"] == "median"] == [
        ("median", "28.5")
    ]


def percent_above_100(p: Path) -> None:
    add_new_paper(
        p,
        text=NEW_PAPER_TEXT.replace(
            "Partial response was seen in 16 %", "Partial response was seen in 160 %"
        ),
    )


def ci_of_zero_width(p: Path) -> None:
    _edit_paper(p, LAZARENKO, "22.5 months (95% CI, 19.7–29.0)", "22.5 months (95% CI, 22.5–22.5)")


def zero_width_ci_outputs_ok(p: Path) -> None:
    """The extraction stops with a named error; the pooled results stay (no traceback from
    the pooling, and pooled.csv is not removed)."""
    assert (p / "results/pooled.csv").is_file()


SCENARIOS.update(
    {
        "E81": cohort_declared_twice,
        "E82": median_in_weeks,
        "E83": footnote_mark_after_median,
        "E84": percent_above_100,
        "E85": ci_of_zero_width,
    }
)
# scenarios that end in a completed run: what their outputs must hold
OUTPUT_CHECKS = {
    "E61": new_paper_outputs_ok,
    "E82": median_in_weeks_outputs_ok,
    "E83": footnote_mark_outputs_ok,
    "E85": zero_width_ci_outputs_ok,
}


# --- issue 25: inputs stay inside the project; refusals never show a file's content ----------
SECRET = "s3cr3t-outside-the-project"


def _outside_file(p: Path, name: str) -> Path:
    """A file beside (not inside) the project, holding what must never be shown."""
    target = p.parent / name
    target.write_text(f"paper_id: {SECRET}\n{SECRET}: [{SECRET}]\n", encoding="utf-8")
    return target


def spec_links_outside(p: Path) -> None:
    spec = p / "config/extraction/zandee2021.yaml"
    spec.unlink()
    spec.symlink_to(_outside_file(p, "spec.yaml"))


def rob_links_outside(p: Path) -> None:
    rob = p / "config/risk_of_bias/zandee2021.yaml"
    rob.unlink()
    rob.symlink_to(_outside_file(p, "rob.yaml"))


def rob_dir_outside(p: Path) -> None:
    _outside_file(p, "zandee2021.yaml")
    _edit(p, "config/config.yaml", "risk_of_bias_dir: config/risk_of_bias", "risk_of_bias_dir: ..")


def sheet_name_with_shell_syntax(p: Path) -> None:
    """A sheet whose name holds a space and `$(touch PWNED)`: passed to the shell rules
    quoted, it runs nothing and breaks nothing."""
    name = "config/my papers $(touch PWNED).tsv"
    (p / "config/papers.tsv").rename(p / name)
    _edit(p, "config/config.yaml", "papers_sheet: config/papers.tsv", f"papers_sheet: '{name}'")


def sheet_name_outputs_ok(p: Path) -> None:
    assert not list(p.rglob("PWNED")), "a command in the sheet's name was run"
    assert (p / "results/pooled.csv").is_file()


SCENARIOS.update(
    {
        "E86": spec_links_outside,
        "E87": rob_links_outside,
        "E88": rob_dir_outside,
        "E89": sheet_name_with_shell_syntax,
    }
)
OUTPUT_CHECKS["E89"] = sheet_name_outputs_ok


# --- issue 25: messages that name the real problem; CSV cells a spreadsheet will not run -----
def nul_bytes_in_utf8_paper(p: Path) -> None:
    """NUL bytes (a damaged copy) in UTF-8 text: named as such, not called UTF-16."""
    path = p / ZANDEE
    data = path.read_bytes()
    cut = data.index(b"\n") + 1
    path.write_bytes(data[:cut] + b"\0" * 2000 + data[cut:])
    _resign(p, ZANDEE)


def cohort_label_formula(p: Path) -> None:
    _edit(
        p,
        "config/extraction/zandee2021.yaml",
        "    description: first PRRT course",
        '    label: "=HYPERLINK(\\"http://x\\",\\"PRRT\\")"\n    description: first PRRT course',
    )


def cohort_label_outputs_ok(p: Path) -> None:
    import csv

    with open(p / "extracted/cohorts.csv", newline="", encoding="utf-8") as fh:
        labels = {r["cohort_id"]: r["label"] for r in csv.DictReader(fh)}
    assert labels["zandee2021"] == '\'=HYPERLINK("http://x","PRRT")'
    from litmeta.tables import read_rows

    rows = read_rows(p / "extracted/cohorts.csv")  # read back as written in the spec
    assert {r["cohort_id"]: r["label"] for r in rows}["zandee2021"].startswith("=HYPERLINK")


SCENARIOS.update({"E90": nul_bytes_in_utf8_paper, "E91": cohort_label_formula})
OUTPUT_CHECKS["E91"] = cohort_label_outputs_ok


# --- issue 25: the PDF reader is bounded in memory as well as time ----------------------------
def pdf_stream_bomb(p: Path) -> None:
    """The probe's case: a 1 MB PDF whose content stream inflates to 1 GB, under the default
    limits (formerly 2.1 GB of memory)."""
    from pdf_render import bomb_pdf

    _replace_paper_with_pdf(p, lambda pdf: bomb_pdf(pdf, 1024))


def pdf_memory_bomb(p: Path) -> None:
    """A PDF whose reading needs more memory than the reader child is given."""
    from pdf_render import bomb_pdf

    _replace_paper_with_pdf(p, lambda pdf: bomb_pdf(pdf, 400))
    _edit(
        p,
        "config/config.yaml",
        "  max_seconds: 120",
        "  max_memory_mb: 300\n  max_stream_mb: 2000\n  max_seconds: 120",
    )


SCENARIOS.update({"E92": pdf_stream_bomb, "E93": pdf_memory_bomb})


# --- issue 25: nothing stale ------------------------------------------------------------------
def plot_formats_narrowed(p: Path) -> None:
    """plot_formats narrowed to SVG: the PNG and PDF plots of the earlier run are removed."""
    _edit(p, "config/config.yaml", "plot_formats: [svg, png, pdf]", "plot_formats: [svg]")


def plot_formats_outputs_ok(p: Path) -> None:
    left = sorted(f.name for f in (p / "results/plots").iterdir() if f.suffix != ".svg")
    assert left == [], left  # every plot rule, bubble plots included, follows plot_formats
    assert not (p / "results/plots/forest_orr.png").exists()
    committed = Path(__file__).resolve().parents[1] / "results/plots"
    svgs = sorted(f.name for f in (p / "results/plots").glob("*.svg"))
    assert svgs == sorted(f.name for f in committed.glob("*.svg"))  # every SVG kept


SCENARIOS["E94"] = plot_formats_narrowed
OUTPUT_CHECKS["E94"] = plot_formats_outputs_ok


def paper_removed(p: Path) -> None:
    """A paper taken out of the sheet: its six per-paper files go after the run."""
    sheet = p / "config/papers.tsv"
    lines = sheet.read_text(encoding="utf-8").split("\n")
    sheet.write_text("\n".join(ln for ln in lines if not ln.startswith("iqbal2024\t")))


def paper_removed_outputs_ok(p: Path) -> None:
    left = [f for f in (p / "extracted").rglob("*") if f.is_file() and "iqbal2024" in f.name]
    assert left == [], left
    assert "iqbal2024" not in (p / "results/analysis_table.csv").read_text(encoding="utf-8")


SCENARIOS["E95"] = paper_removed
OUTPUT_CHECKS["E95"] = paper_removed_outputs_ok


# issue 23 (lane drafter): spec files that are not specs, advice naming the token, drafts
SCENARIOS.update(
    {
        "E100": spec_empty,
        "E101": spec_not_a_mapping,
        "E102": placeholder_cannot_read_token,
        "E103": value_placeholder_of_type_any,
        "E104": drafted_specs_accepted_unreviewed,
    }
)
OUTPUT_CHECKS["E104"] = drafted_outputs_ok


# --- issue 25 (lane reliability, part 2): every case of the probe through the real Snakemake --
def _alias_bomb(levels: int = 15) -> str:
    """About 1 KB of nested YAML aliases: 9**15 strings if anything expanded them."""
    lines = ['a0: &a0 ["lol"]'] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)
    ]
    return "\n".join(lines) + "\n"


def rob_alias_bomb(p: Path) -> None:
    """A risk-of-bias file replaced by a 1 KB alias bomb (formerly 107 s and 6 GB)."""
    (p / "config/risk_of_bias/zandee2021.yaml").write_text(_alias_bomb(), encoding="utf-8")


def configfile_alias_bomb(p: Path) -> None:
    """`snakemake --configfile override.yaml`, the override a 1 KB alias bomb whose last key
    is a real one (Snakemake loads it before the Snakefile runs, keeping each alias as a
    shared reference; the schema check's message then expanded it for ever)."""
    (p / "override.yaml").write_text(_alias_bomb() + "analyses: *a15\n", encoding="utf-8")


def moderator_dropped(p: Path) -> None:
    """followup_months taken off the moderators: its bubble plots go after the run."""
    _edit(
        p,
        "config/config.yaml",
        "moderators: [year, share_g3, share_pancreas, followup_months]",
        "moderators: [year, share_g3, share_pancreas]",
    )


def moderator_dropped_outputs_ok(p: Path) -> None:
    plots = p / "results/plots"
    assert not list(plots.glob("bubble_followup_months*")), sorted(plots.iterdir())
    assert len(list(plots.glob("bubble_share_g3.*"))) == 3
    assert "followup_months" not in (p / "results/meta_regression.csv").read_text("utf-8")


SCENARIOS.update({"E96": rob_alias_bomb, "E97": configfile_alias_bomb, "E98": moderator_dropped})
OUTPUT_CHECKS["E98"] = moderator_dropped_outputs_ok
# Snakemake options a scenario is run with (besides --cores 2)
SNAKEMAKE_ARGS = {"E97": ["--configfile", "override.yaml"]}
