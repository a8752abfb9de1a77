"""The paper sheet and config/config.yaml: bad input stops the run naming file and field."""

import pytest
from conftest import ROOT, run, tool

from litmeta.errors import InputError
from litmeta.sheet import read_sheet, verify_papers


def test_sheet_verifies_against_the_files():
    papers = verify_papers(read_sheet(ROOT / "config/papers.tsv"), ROOT / "papers", "papers.tsv")
    assert [p.paper_id for p in papers] == [
        "zandee2021",
        "kalantarhormozi2020",
        "iqbal2024",
        "vanderzwan2019",
        "lazarenko2026",
    ]
    # fields the paper does not print stay empty (PROTOCOL.md)
    assert {p.paper_id: p.doi for p in papers}["zandee2021"] == ""


def test_checksum_mismatch_names_file_and_field(tmp_path):
    rows = read_sheet(ROOT / "config/papers.tsv")
    (tmp_path / rows[0]["file"]).write_text("an altered paper\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        verify_papers(rows[:1], tmp_path, "config/papers.tsv")
    msg = str(err.value)
    assert "config/papers.tsv:2 (field sha256)" in msg
    assert rows[0]["file"] in msg and "checksum mismatch" in msg


def test_missing_paper_names_file(tmp_path):
    rows = read_sheet(ROOT / "config/papers.tsv")
    with pytest.raises(InputError, match=r"papers.tsv:2 \(field file\).*missing"):
        verify_papers(rows[:1], tmp_path, "papers.tsv")


def test_path_outside_papers_dir_is_refused(tmp_path):
    rows = read_sheet(ROOT / "config/papers.tsv")
    rows[0]["file"] = "../config/config.yaml"
    with pytest.raises(InputError, match="outside"):
        verify_papers(rows[:1], ROOT / "papers", "papers.tsv")


def test_duplicate_paper_id(tmp_path):
    rows = read_sheet(ROOT / "config/papers.tsv")
    with pytest.raises(InputError, match="appears twice"):
        verify_papers([rows[0], rows[0]], ROOT / "papers", "papers.tsv")


def test_wrong_columns(tmp_path):
    sheet = tmp_path / "papers.tsv"
    sheet.write_text("paper_id\tfile\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"papers.tsv:1: columns are"):
        read_sheet(sheet)


def snakemake_dry(project, *extra):
    return run([tool("snakemake"), "-n", "--cores", "1", *extra], cwd=project)


@pytest.mark.e2e
def test_misspelt_config_key_stops_the_run(project):
    cfg = project / "config/config.yaml"
    cfg.write_text(cfg.read_text().replace("papers_dir:", "paper_dir:"), encoding="utf-8")
    proc = snakemake_dry(project)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "paper_dir" in out and "was unexpected" in out


@pytest.mark.e2e
def test_checksum_mismatch_stops_the_run(project):
    paper = project / "papers/002_3386326dee148d21.txt"
    paper.write_text(paper.read_text().replace("median PFS was 28.5", "median PFS was 29.5"))
    proc = snakemake_dry(project)
    assert proc.returncode != 0
    assert "config/papers.tsv:4 (field sha256): checksum mismatch" in proc.stdout + proc.stderr


@pytest.mark.e2e
def test_bad_sheet_field_is_named(project):
    sheet = project / "config/papers.tsv"
    sheet.write_text(sheet.read_text().replace("\t2024\t", "\tyear 2024\t"), encoding="utf-8")
    proc = snakemake_dry(project)
    assert proc.returncode != 0
    assert "config/papers.tsv:4" in proc.stdout + proc.stderr
