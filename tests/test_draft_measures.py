"""The drafter's measures on the held-out abstracts and synthetic papers are recorded in
benchmarks/draft_set/measures.json by `litmeta draft-measure` (issue 28: they measure the
drafter, not the review, so a cold regeneration copies them instead of measuring them).
The record must be what the code measures now, and a run measures them itself when the
abstracts file is not the one they were recorded on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from litmeta.cli import cli
from litmeta.extract import readme

ROOT = Path(__file__).resolve().parents[1]
ABSTRACTS = ROOT / "benchmarks/draft_set/abstracts.yaml"
RECORDED = ROOT / readme.MEASURES


def test_the_recorded_measures_are_what_the_code_measures_now(tmp_path, monkeypatch):
    monkeypatch.setenv("LITMETA_CACHE_DIR", "")
    out = tmp_path / "measures.json"
    result = CliRunner().invoke(
        cli, ["draft-measure", "--abstracts", str(ABSTRACTS), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == RECORDED.read_bytes(), (
        f"{RECORDED.relative_to(ROOT)} is stale: run `litmeta draft-measure` and commit it"
    )


def _counting(monkeypatch) -> list[str]:
    measured: list[str] = []
    real = readme._measure_without_papers

    def counted(abstracts):
        measured.append(abstracts)
        return real(abstracts)

    monkeypatch.setattr(readme, "_measure_without_papers", counted)
    monkeypatch.setenv("LITMETA_CACHE_DIR", "")
    return measured


def test_a_run_copies_the_record_of_its_abstracts_file(monkeypatch):
    measured = _counting(monkeypatch)
    got = readme._measured_without_papers(str(ABSTRACTS), str(RECORDED))
    assert measured == []
    assert got == json.loads(RECORDED.read_text(encoding="utf-8"))["measures"]


def test_another_abstracts_file_is_measured_here(tmp_path, monkeypatch):
    measured = _counting(monkeypatch)
    changed = tmp_path / "abstracts.yaml"
    shutil.copyfile(ABSTRACTS, changed)
    with changed.open("a", encoding="utf-8") as f:
        f.write("  # one more line: another file\n")
    got = readme._measured_without_papers(str(changed), str(RECORDED))
    assert measured == [str(changed)]
    # the same abstracts (a comment added), so the same measures as the record
    assert (
        json.loads(readme.measures_json({"measures": got}))["measures"]
        == json.loads(RECORDED.read_text(encoding="utf-8"))["measures"]
    )


def test_no_record_means_measured_here(tmp_path, monkeypatch):
    measured = _counting(monkeypatch)
    readme._measured_without_papers(str(ABSTRACTS), str(tmp_path / "absent.json"))
    assert measured == [str(ABSTRACTS)]
