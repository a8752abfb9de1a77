"""One synthetic paper from its seed, and the corpus files: papers, specs, sheet, truth."""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from litmeta.sheet import COLUMNS as SHEET_COLUMNS  # the paper sheet's columns, in order

from .core import Doc
from .frontiers import style_frontiers
from .preprint import style_preprint
from .prose import INITIALS, SURNAMES
from .realworld import style_realworld
from .retreatment import style_retreatment
from .symptomatic import style_symptomatic

#: paper ``i`` has style ``STYLES[i % 5]``; one module per style
STYLES = ("symptomatic", "preprint", "frontiers", "retreatment", "realworld")
STYLE_FUNCS = {
    "symptomatic": style_symptomatic,
    "preprint": style_preprint,
    "frontiers": style_frontiers,
    "retreatment": style_retreatment,
    "realworld": style_realworld,
}

CORRECTION = "Correction notice: a typographical error in the affiliations was corrected."


@dataclass(frozen=True)
class Paper:
    paper_id: str
    style: str
    file: str
    text: str
    spec: dict
    truth: dict
    row: dict[str, str]


def make_paper(i: int, seed: int = 0) -> Paper:
    rng = random.Random(f"litmeta-corpus:{seed}:{i}")
    style = STYLES[i % len(STYLES)]
    surname = rng.choice(SURNAMES)
    year = rng.randint(2012, 2026)
    paper_id = f"{surname}{year}s{i:04d}"
    doc = Doc(rng, paper_id)
    meta: dict = {"year": year, "nth": i // len(STYLES)}  # nth paper of its style
    STYLE_FUNCS[style](doc, meta)
    text = doc.text()
    file = f"{i:04d}_{rng.getrandbits(64):016x}.txt"
    spec = {"paper_id": paper_id, "cohorts": doc.cohorts, "values": doc.values}
    if doc.derive:
        spec["derive"] = doc.derive
    if doc.notes:
        spec["discrepancies"] = doc.notes
    doi = f"10.{rng.randint(1000, 99999)}/syn.{year}.{i:04d}" if rng.random() < 0.8 else ""
    row = {
        "paper_id": paper_id,
        "file": file,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "citation": f"{surname.capitalize()} {rng.choice(INITIALS)}{rng.choice(INITIALS)} et al. "
        f"{meta['journal']} {year};{rng.randint(10, 120)}:{rng.randint(1, 900)} (synthetic)",
        "year": str(year),
        "doi": doi,
        "licence": rng.choice(("CC BY 4.0", "CC BY", "publisher (quote only)", "journal")),
        "design": meta["design"],
        "source": "full_text",
    }
    truth = {"paper_id": paper_id, "style": style, "file": file, "cohorts": doc.truth}
    return Paper(paper_id, style, file, text, spec, truth, row)


def spec_yaml(paper: Paper, seed: int, i: int) -> str:
    head = (
        # the header names the generator as it always has, so corpora stay byte-identical
        f"# Synthetic paper {i} (style {paper.style}, seed {seed}) written by "
        "benchmarks/corpus.py.\n"
        f"# Line numbers refer to papers/{paper.file}.\n"
    )
    body = yaml.safe_dump(paper.spec, sort_keys=False, allow_unicode=True, width=100)
    return head + body


def write_corpus(out_dir: str | Path, n: int, seed: int = 0) -> list[Paper]:
    """Write ``n`` papers (0 .. n-1) with specs, sheet and truth under ``out_dir``."""
    out = Path(out_dir)
    for sub in ("papers", "extraction", "truth"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    papers = []
    lines = ["\t".join(SHEET_COLUMNS)]
    for i in range(n):
        p = make_paper(i, seed)
        (out / "papers" / p.file).write_bytes(p.text.encode("utf-8"))
        (out / "extraction" / f"{p.paper_id}.yaml").write_text(
            spec_yaml(p, seed, i), encoding="utf-8"
        )
        (out / "truth" / f"{p.paper_id}.json").write_text(
            json.dumps(p.truth, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        lines.append("\t".join(p.row[c] for c in SHEET_COLUMNS))
        papers.append(p)
    (out / "papers.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return papers


def config_overrides(corpus_dir: str | Path) -> list[str]:
    """``--config`` arguments that point the pipeline at a corpus. The corpus has none of
    the review's cohorts, so its exclusion analyses exclude nothing (named in config.yaml,
    the review's cohort ids would stop the run as dangling names)."""
    d = str(corpus_dir)
    return [
        f"papers_sheet={d}/papers.tsv",
        f"papers_dir={d}/papers",
        f"specs_dir={d}/extraction",
        "exclusions={sens_exclude_preprint: [], sens_exclude_symptomatic: []}",
    ]


def load_truth(corpus_dir: str | Path) -> dict[str, dict]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(Path(corpus_dir, "truth").glob("*.json"))
    }


def touch_paper(corpus_dir: str | Path, paper_id: str) -> str:
    """Edit one paper (append a correction notice) and its sha256 in the sheet; return it."""
    sheet = Path(corpus_dir, "papers.tsv")
    rows = [line.split("\t") for line in sheet.read_text(encoding="utf-8").splitlines()]
    head = rows[0]
    for row in rows[1:]:
        if row[head.index("paper_id")] == paper_id:
            path = Path(corpus_dir, "papers", row[head.index("file")])
            path.write_text(path.read_text(encoding="utf-8") + CORRECTION + "\n", encoding="utf-8")
            row[head.index("sha256")] = hashlib.sha256(path.read_bytes()).hexdigest()
            break
    else:
        raise KeyError(paper_id)
    sheet.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    return row[head.index("sha256")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python benchmarks/corpus",
        description="Synthetic corpus: N papers in the styles of the five real ones, "
        "with specs and true values.",
    )
    ap.add_argument("out_dir", help="folder to write papers/, extraction/, truth/, papers.tsv")
    ap.add_argument("--n", type=int, default=5, help="number of papers (default 5)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = ap.parse_args(argv)
    papers = write_corpus(args.out_dir, args.n, args.seed)
    cohorts = sum(len(p.truth["cohorts"]) for p in papers)
    print(f"wrote {len(papers)} papers, {cohorts} cohorts to {args.out_dir}")
    return 0
