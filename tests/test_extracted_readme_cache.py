"""extracted/README.md's measures on text other than the papers (synthetic papers, held-out
abstracts) are cached apart from the papers' (issue 28): a changed paper re-measures that
paper's draft only, and the README is the one computed without a cache."""

from __future__ import annotations

from pathlib import Path

from litmeta.extract import readme
from litmeta.jobs.extract import extracted_readme
from litmeta.sheet import read_sheet

ROOT = Path(__file__).resolve().parents[1]


def test_a_changed_paper_does_not_measure_the_abstracts_again(tmp_path, monkeypatch):
    ids = sorted(r["paper_id"] for r in read_sheet(ROOT / "config/papers.tsv"))
    specs = tmp_path / "specs"
    specs.mkdir()
    for p in ids:
        (specs / f"{p}.yaml").write_bytes((ROOT / f"config/extraction/{p}.yaml").read_bytes())
    measured = []
    real = readme._measure_without_papers

    def counted(abstracts):
        measured.append(abstracts)
        return real(abstracts)

    monkeypatch.setattr(readme, "_measure_without_papers", counted)

    def run(name: str) -> bytes:
        out = tmp_path / name
        out.mkdir()
        extracted_readme(
            template=str(ROOT / "workflow/report/extracted_README.template.md"),
            texts=[str(ROOT / f"extracted/text/{p}.txt") for p in ids],
            specs=[str(specs / f"{p}.yaml") for p in ids],
            pdf_checks=[],
            readme=str(out / "README.md"),
            evaluation=str(out / "evaluation.csv"),
            draft_evaluation=str(out / "draft_evaluation.csv"),
            abstracts=str(ROOT / "benchmarks/draft_set/abstracts.yaml"),
        )
        return b"".join((out / f).read_bytes() for f in sorted(p.name for p in out.iterdir()))

    monkeypatch.setenv("LITMETA_CACHE_DIR", str(tmp_path / "cache"))
    first = run("first")
    changed = specs / f"{ids[0]}.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "# reviewed again\n", "utf-8")
    second = run("second")
    assert len(measured) == 1  # the second run took the abstracts' measure from the cache
    monkeypatch.setenv("LITMETA_CACHE_DIR", "")
    assert second == run("uncached") == first
    assert len(measured) == 2
