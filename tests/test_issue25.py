"""Issue 25 (Reliability III): units, footnote marks, duplicates, impossible percentages and
zero-width CIs never give a silent number (unit tests; the Snakemake runs are E81-E85 of
tests/test_errors.py)."""

import pytest

from litmeta.errors import InputError
from litmeta.extract.paper import extract_table
from litmeta.extract.spec import load_spec
from litmeta.extract.units import printed_unit
from litmeta.normalise import normalise_line, normalise_text

SPEC = """paper_id: demo
cohorts:
  - {{id: demo, setting: initial, pooled_in: initial}}
values:
  - cohort: demo
    section: results
    anchor: "In {{cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety}} patients"
  - cohort: demo
    section: results
    anchor: "{anchor}"
"""


def extract(tmp_path, text, anchor):
    spec = tmp_path / "demo.yaml"
    spec.write_text(SPEC.format(anchor=anchor), encoding="utf-8")
    table = extract_table(load_spec(spec), normalise_text("In 40 patients.\n" + text), "p.txt")
    return {v.ref: v for v in table.primary.values()}, table.discrepancies


@pytest.mark.parametrize(
    ("after", "unit"),
    [
        (" months (95% CI 20-30)", "month"),
        (" weeks", "week"),
        (" wk.", "week"),
        (" (95% CI 20-36) weeks", "week"),
        (" days", "day"),
        (" years", "year"),
        (") and median OS was 40 weeks", None),  # another value's unit
        (" ^d (46.7-56.2) days", None),  # a footnote letter is not 'd'ays
        (". Median OS was 40 weeks", None),
        ("", None),
    ],
)
def test_printed_unit(after, unit):
    assert printed_unit(after) == unit


@pytest.mark.parametrize(
    ("text", "median", "low", "high"),
    [
        ("Median PFS was 28 weeks (95% CI 20-36 weeks).", 6.44, 4.6, 8.28),
        ("Median PFS was 28 (95% CI 20-36) weeks.", 6.44, 4.6, 8.28),
        ("Median PFS was 28 weeks (95% CI 20-36).", 6.44, 4.6, 8.28),
        ("Median PFS was 300 days (95% CI 200-400 days).", 9.86, 6.57, 13.14),
        ("Median PFS was 28 months (95% CI 20-36).", 28, 20, 36),
    ],
)
def test_median_in_weeks_or_days_is_converted_with_a_judgement(tmp_path, text, median, low, high):
    numbers = [t.strip("().") for t in text.replace("-", " ").split() if t.strip("().").isdigit()]
    anchor = text
    for number, ref in zip(numbers, ("median", "ci_low", "ci_high"), strict=True):
        anchor = anchor.replace(number, f"{{pfs_median.{ref}}}", 1)
    got, notes = extract(tmp_path, text, anchor)
    assert (got["pfs_median.median"].value, got["pfs_median.ci_low"].value) == (median, low)
    assert got["pfs_median.ci_high"].value == high
    converted = [d for d in notes if "printed as" in d.detail]
    assert len(converted) == (0 if median == 28 else 3)
    assert all(d.kind == "judgement_derived" for d in converted)


@pytest.mark.parametrize("mark", ["\u00b9", "<sup>1</sup>", "$^{1}$", "\u00b2\u00b3"])
def test_a_footnote_mark_after_a_digit_never_joins_the_number(tmp_path, mark):
    assert normalise_line(f"28{mark} months").startswith("28 ")
    assert normalise_line("[\u00b9\u2077\u2077Lu]") == "[177Lu]"  # an isotope keeps its mass
    text = f"Median PFS was 28{mark} months."
    # the mark copied into the anchor: the number is 28
    got, _ = extract(tmp_path, text, f"Median PFS was {{pfs_median.median}}{mark} months")
    assert got["pfs_median.median"].value == 28
    # left out of the anchor: a loud error naming the token the placeholder cannot read
    # (issue 23's advice), never 281
    with pytest.raises(InputError, match=r"cannot read the printed token '28 \d+'"):
        extract(tmp_path, text, "Median PFS was {pfs_median.median} months")


def test_a_cohort_declared_twice_is_refused(tmp_path):
    spec = tmp_path / "demo.yaml"
    text = SPEC.format(anchor="x {orr.events}").replace(
        "values:", "  - {id: demo, setting: salvage, pooled_in: salvage}\nvalues:"
    )
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_spec(spec)
    assert err.value.where.endswith("cohorts[1]") and "already declared by cohorts[0]" in str(
        err.value
    )


def test_a_percentage_above_100_stops(tmp_path):
    with pytest.raises(InputError, match="150% is above 100%"):
        extract(tmp_path, "Response in 150 %.", "Response in {orr.events_pct} %")


def test_an_alternative_count_above_n_stops(tmp_path):
    spec_text = SPEC.format(anchor="ORR {orr.events} of") + (
        "  - cohort: demo\n    section: abstract\n    role: alternative\n"
        '    anchor: "abstract ORR {orr.events}"\n'
    )
    spec = tmp_path / "demo.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    text = normalise_text("In 40 patients.\nORR 10 of 40.\nabstract ORR 41.")
    with pytest.raises(InputError, match="orr.events = 41 exceeds n = 40"):
        extract_table(load_spec(spec), text, "p.txt")


def test_a_ci_of_zero_width_is_a_named_error(tmp_path):
    with pytest.raises(InputError) as err:
        extract(
            tmp_path,
            "Median PFS was 14.6 months (95% CI 14.6-14.6).",
            "Median PFS was {pfs_median.median} months (95% CI {pfs_median.ci_low}-"
            "{pfs_median.ci_high})",
        )
    assert "the CI 14.6-14.6 has zero width" in err.value.reason
    assert err.value.where.startswith(str(tmp_path / "demo.yaml") + " values[1] (p.txt:2)")


BOMB = "\n".join(
    ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)]
)


def test_a_risk_of_bias_alias_bomb_is_refused_at_once(tmp_path):
    from litmeta.certainty.minors import _read

    rob = tmp_path / "zandee2021.yaml"
    rob.write_text(BOMB, encoding="utf-8")
    with pytest.raises(InputError) as err:
        _read(rob)
    assert err.value.where == f"{rob}:2" and "aliases" in err.value.reason


@pytest.mark.parametrize("content", ["root:x:0:0:SECRET" * 50, "- SECRET\n- list", "SECRET"])
def test_a_file_that_is_not_a_mapping_is_refused_without_its_content(tmp_path, content):
    from litmeta.certainty.minors import _read

    for path, read in ((tmp_path / "demo.yaml", load_spec), (tmp_path / "demo2.yaml", _read)):
        path.write_text(content, encoding="utf-8")
        with pytest.raises(InputError) as err:
            read(path)
        assert "SECRET" not in str(err.value)


def test_a_long_value_is_cut_in_schema_messages(tmp_path):
    spec = tmp_path / "demo.yaml"
    spec.write_text(SPEC.format(anchor="x {orr.events}").replace("initial}", "x" * 5000 + "}"))
    with pytest.raises(InputError) as err:
        load_spec(spec)
    assert len(str(err.value)) < 400


def test_files_read_through_configured_folders_stay_inside(tmp_path):
    from litmeta.review_inputs import check_files_inside

    root = tmp_path / "project"
    (root / "config").mkdir(parents=True)
    (tmp_path / "outside.yaml").write_text("SECRET", encoding="utf-8")
    (root / "config/inside.yaml").write_text("a: 1", encoding="utf-8")
    (root / "config/link_in.yaml").symlink_to(root / "config/inside.yaml")
    (root / "config/link_out.yaml").symlink_to(tmp_path / "outside.yaml")
    check_files_inside(root, ["config/inside.yaml", "config/link_in.yaml"])
    with pytest.raises(InputError) as err:
        check_files_inside(root, ["config/link_out.yaml"])
    assert err.value.where == "config/link_out.yaml" and "SECRET" not in str(err.value)
    assert "outside the project" in err.value.reason


def test_shell_rules_quote_every_path():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    blocks = 0
    for smk in (root / "workflow/rules").glob("*.smk"):
        text = smk.read_text(encoding="utf-8")
        for block in re.findall(r"shell:\n((?:\s+\".*\"\n)+)", text):
            blocks += 1
            unquoted = re.findall(r"\{(?:input|output|log|params\.out_dir)[^}:]*\}", block)
            assert not unquoted, (smk.name, unquoted)
    assert blocks >= 8


@pytest.mark.parametrize(
    "manifest",
    ["{}", "[]", '{"../../outside": "' + "0" * 64 + '"}', '{"a.svg": 1}', "not json"],
)
def test_a_cache_entry_is_a_hit_only_with_a_full_manifest(tmp_path, manifest):
    from litmeta.cache import MANIFEST, Store

    key = "cd" * 32
    store = Store("x", tmp_path)
    store.put(key, {"a.svg": b"<svg/>", "a.png": b"png"})
    assert store.get(key, required=["a.svg", "a.png"]) is not None
    assert store.get(key, required=["a.pdf"]) is None  # the product has a file it lacks
    (tmp_path / "x" / "cd" / key / MANIFEST).write_text(manifest, encoding="utf-8")
    assert store.get(key) is None
    computed = store.cached("ef" * 32, lambda: {"b.svg": b"new"}, required=["b.svg"])
    assert computed == {"b.svg": b"new"}


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from(list("'=+-@\t\r0.5ax ")), max_size=8))
def test_formula_escaping_round_trips(text):
    from litmeta.tables import FORMULA_START, format_cell, formula_safe, unescape_cell

    safe = formula_safe(text)
    assert format_cell(text) == safe  # its fast path for most cells changes nothing
    assert unescape_cell(safe) == text
    if safe.startswith(FORMULA_START) and len(safe) > 1:
        float(safe)  # only a number is left starting with a formula character


def test_csv_cells_are_written_formula_safe_and_read_back(tmp_path):
    from litmeta.tables import read_rows, write_csv

    rows = [{"a": "=1+2", "b": "-", "c": -0.5}, {"a": "@SUM(A1)", "b": "'=x", "c": "-x"}]
    write_csv(tmp_path / "t.csv", ["a", "b", "c"], rows)
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert text.split("\n")[1:3] == ["'=1+2,-,-0.5", "'@SUM(A1),''=x,'-x"]
    assert read_rows(tmp_path / "t.csv") == [
        {"a": "=1+2", "b": "-", "c": "-0.5"},
        {"a": "@SUM(A1)", "b": "'=x", "c": "-x"},
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("Results: 12 of 20\n".encode("utf-16-le"), "UTF-16"),
        ("Results: 12 of 20\n".encode("utf-16-be"), "UTF-16"),
        (b"Results\n" + b"\0" * 3000 + b"12 of 20\n", "3000 NUL byte(s)"),
        (b"Results\n2\x008 months\n", "1 NUL byte(s)"),  # never read as 28
    ],
)
def test_nul_bytes_in_utf8_are_named_as_such(data, reason):
    from litmeta.encoding import decode_utf8

    with pytest.raises(InputError) as err:
        decode_utf8(data, "p.txt", "paper")
    assert reason in err.value.reason
    if "NUL" in reason:
        assert err.value.where == "p.txt:2" and "iconv" not in err.value.fix


@pytest.mark.e2e
def test_snakemake_recomputes_plots_whose_cache_entries_have_empty_manifests(
    project, tmp_path, monkeypatch
):
    """A cache entry whose manifest lists no file is a miss: the plots job draws every plot
    again (before, it took the empty entry as a hit, failed with Snakemake's "filesystem
    latency" message and deleted every plot)."""
    import re

    from conftest import ROOT, run, tool

    from litmeta.cache import MANIFEST

    cache = tmp_path / "cache"
    monkeypatch.setenv("LITMETA_CACHE_DIR", str(cache))
    proc = run([tool("snakemake"), "--cores", "2", "-R", "plots"], cwd=project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    manifests = list((cache / "plots").rglob(MANIFEST))
    assert manifests
    for manifest in manifests:
        manifest.write_text("{}", encoding="utf-8")
    proc = run([tool("snakemake"), "--cores", "2", "-R", "plots"], cwd=project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    log = (project / "logs/plots.log").read_text(encoding="utf-8")
    assert re.search(r"plots: 0 from the cache, [1-9]\d* drawn", log), log
    for path in (ROOT / "results/plots").iterdir():
        assert (project / "results/plots" / path.name).read_bytes() == path.read_bytes()


def test_risk_of_bias_traffic_light_pages_and_removes_stale_pages(tmp_path):
    from litmeta.jobs.certainty import risk_of_bias_plots
    from litmeta.plots.risk_of_bias import PAGE_COHORTS
    from litmeta.tables import write_csv

    def rob(n):
        rows = [
            {"cohort_id": f"c{i:05d}", "item_no": no, "label": f"item {no}", "score": "2"}
            for i in range(n)
            for no in range(1, 9)
        ]
        write_csv(tmp_path / "rob.csv", ["cohort_id", "item_no", "label", "score"], rows)

    out = tmp_path / "plots"
    out.mkdir()
    rob(2 * PAGE_COHORTS + 5)
    risk_of_bias_plots(rob=str(tmp_path / "rob.csv"), out_dir=str(out), formats=["svg"])
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "risk_of_bias_summary.svg",
        "risk_of_bias_traffic_light.svg",
        "risk_of_bias_traffic_light_page2.svg",
        "risk_of_bias_traffic_light_page3.svg",
    ]
    sizes = [(out / n).stat().st_size for n in names if "traffic" in n]
    assert max(sizes) < 1_000_000  # a page of 60 cohorts, not the whole review
    assert "page 3 of 3" in (out / "risk_of_bias_traffic_light_page3.svg").read_text()
    rob(10)  # fewer cohorts: the old pages go
    risk_of_bias_plots(rob=str(tmp_path / "rob.csv"), out_dir=str(out), formats=["svg"])
    assert sorted(p.name for p in out.iterdir()) == names[:2]


def test_stale_outputs_are_the_files_no_rule_produces(tmp_path):
    from litmeta.review_inputs import remove_stale_outputs

    files = [
        "extracted/zandee2021.csv",
        "extracted/cohorts/zandee2021.csv",
        "extracted/gone2020.csv",  # a removed paper
        "extracted/cohorts/gone2020.csv",
        "extracted/text/gone2020.txt",
        "results/plots/forest_orr.svg",
        "results/plots/forest_orr_page2.svg",  # a page of an expected plot
        "results/plots/forest_orr.png",  # a dropped format
        "results/plots/forest_orr_page2.png",
        "results/plots/bubble_decade.svg",  # a dropped moderator
        "results/report.html",  # built on request
    ]
    for rel in files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    expected = [
        "extracted/zandee2021.csv",
        "extracted/cohorts/zandee2021.csv",
        "results/plots/forest_orr.svg",
    ]
    removed = remove_stale_outputs(expected, tmp_path)
    assert removed == [
        "extracted/cohorts/gone2020.csv",
        "extracted/gone2020.csv",
        "extracted/text/gone2020.txt",
        "results/plots/bubble_decade.svg",
        "results/plots/forest_orr.png",
        "results/plots/forest_orr_page2.png",
    ]
    assert sorted(
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
    ) == sorted(set(files) - set(removed))


@pytest.mark.e2e
def test_a_fresh_clone_reruns_a_paper_swapped_before_its_first_run(project):
    """The digests of the committed outputs' inputs are committed (.litmeta/inputs/): a clone
    (no Snakemake metadata) whose sheet points, before its first run, at a corrected copy of
    a paper (older than every output: median PFS 26 months, not 28) reruns that paper's jobs,
    and only those, and its outputs carry the corrected number (before: the old numbers,
    exit 0)."""
    import csv
    import hashlib
    import os
    import re

    from conftest import run, tool

    old = 946684800  # 2000-01-01
    src = project / "papers/000_d189e26277214b44.txt"
    fixed = project / "papers/000_corrected.txt"
    text = src.read_text(encoding="utf-8")
    assert text.count("survival of 28\u00a0months") == 1
    fixed.write_text(text.replace("survival of 28\u00a0", "survival of 26\u00a0"), "utf-8")
    sheet = project / "config/papers.tsv"
    sha = hashlib.sha256(fixed.read_bytes()).hexdigest()
    text = sheet.read_text(encoding="utf-8")
    old_sha = hashlib.sha256(src.read_bytes()).hexdigest()
    sheet.write_text(
        text.replace("000_d189e26277214b44.txt", "000_corrected.txt").replace(old_sha, sha),
        encoding="utf-8",
    )
    # every file of the clone at one time (git checks files out in an arbitrary order, and
    # Snakemake reruns a job whose input is newer than its output), the swapped ones older:
    # only the committed digests can tell that zandee2021's paper changed
    same = 1_700_000_000
    for path in project.rglob("*"):
        os.utime(path, (same, same))
    for path in (fixed, sheet):
        os.utime(path, (old, old))
    assert not (project / ".snakemake").exists()
    proc = run([tool("snakemake"), "-n", "--cores", "2"], cwd=project)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    jobs = re.findall(r"^(?:local)?rule (\w+):\n(?:    .*\n)*", out, flags=re.MULTILINE)
    per_paper = set(re.findall(r"wildcards: paper_id=(\w+)", out))
    assert "ingest" in jobs and per_paper == {"zandee2021"}, out[-3000:]
    proc = run([tool("snakemake"), "--cores", "2"], cwd=project)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    with open(project / "extracted/zandee2021.csv", newline="", encoding="utf-8") as fh:
        got = {(r["endpoint"], r["statistic"]): r for r in csv.DictReader(fh)}
    assert got[("pfs_median", "median")]["value"] == "26"
    assert got[("pfs_median", "median")]["source_file"] == "papers/000_corrected.txt"
    with open(project / "results/analysis_table.csv", newline="", encoding="utf-8") as fh:
        (row,) = [
            r
            for r in csv.DictReader(fh)
            if (r["cohort_id"], r["endpoint"]) == ("zandee2021", "pfs_median")
        ]
    assert row["median"] == "26"


def test_breaking_a_long_token_is_linear_in_its_length(tmp_path, monkeypatch):
    """The reader's self-check (the PDF check) typesets a token of 1,000, 3,000 and 9,000
    characters with the same work per character: every glyph measurement goes through
    ``render._kern``, counted here (before: 30, 78 and 221 calls a character, quadratic; a
    3,000-character token took 6.5 min in the whole check)."""
    from litmeta.pdf import render

    calls = [0]
    original = render._kern

    def counted(prev, ch):
        calls[0] += 1
        return original(prev, ch)

    monkeypatch.setattr(render, "_kern", counted)

    def work(n: int) -> int:
        calls[0] = 0
        render.render_journal_pdf(f"Intro line.\nA token {'x' * n} ends.\n", tmp_path / "t.pdf")
        return calls[0]

    base = work(0)
    per_char = [(work(n) - base) / n for n in (1000, 3000, 9000)]
    assert max(per_char) < 20, per_char
    assert per_char[2] < 1.2 * per_char[0], per_char


@pytest.mark.e2e
def test_a_decompression_bomb_stays_within_the_memory_cap(tmp_path):
    """A 1 MB PDF inflating to 1 GB, its stream cap lifted: the reader child is stopped by
    ``max_memory_mb`` and its peak resident memory, measured, stays under it."""
    import subprocess
    import sys

    from pdf_render import bomb_pdf

    pdf = tmp_path / "bomb.pdf"
    bomb_pdf(pdf, 1024)
    assert pdf.stat().st_size < 1_200_000
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from litmeta.errors import InputError\n"
        "from litmeta.ingest import PdfLimits, read_pdf\n"
        "try:\n"
        "    read_pdf(Path(sys.argv[1]), PdfLimits(max_memory_mb=400, max_stream_mb=4096))\n"
        "except InputError as exc:\n"
        "    print(exc.reason)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(pdf)], capture_output=True, text=True, check=True
    )
    reason, peak_mb = done.stdout.strip().splitlines()
    assert reason == "reading the PDF needed over 400 MB and was stopped", done.stdout
    assert int(peak_mb) < 400, peak_mb


def test_every_yaml_the_package_reads_goes_through_the_no_alias_loader():
    """No yaml.load / safe_load / full_load outside litmeta.yamlsafe, in the package or the
    workflow (the held-out abstracts of extracted/README.md were read with safe_load)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = [*root.glob("src/litmeta/**/*.py"), root / "Snakefile"]
    files += [*root.glob("workflow/rules/*.smk")]
    loads = re.compile(r"yaml\.(?:safe_|full_|unsafe_)?load(?:_all)?\(")
    found = [
        f.relative_to(root).as_posix()
        for f in files
        if f.name != "yamlsafe.py" and loads.search(f.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_every_configured_path_is_checked_inside_the_project():
    """A config key that names a file or folder (every top-level string of the schema) is in
    review_inputs.PATH_KEYS, which the Snakefile resolves inside the project: a new path
    key cannot be added without it (issue 25: 'any future one')."""
    from pathlib import Path

    from litmeta.review_inputs import PATH_KEYS
    from litmeta.yamlsafe import load_no_aliases

    schema = Path(__file__).resolve().parents[1] / "workflow/schemas/config.schema.yaml"
    props = load_no_aliases(schema.read_text(encoding="utf-8"))["properties"]
    assert {k for k, v in props.items() if v.get("type") == "string"} == set(PATH_KEYS)


def test_configfile_overrides_are_read_without_aliases(tmp_path, monkeypatch):
    """check_config_files (the Snakefile's first statement): a YAML or JSON override passes
    (JSON indented with tabs too, which is no YAML); an alias stops with the file's line."""
    from litmeta.review_inputs import check_config_files

    monkeypatch.chdir(tmp_path)
    (tmp_path / "config").mkdir()
    (tmp_path / "config/config.yaml").write_text("analyses: [primary]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("analyses: [primary]\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{\n\t"analyses": ["primary"]\n}\n', encoding="utf-8")
    check_config_files([tmp_path / "a.yaml", tmp_path / "b.json"])
    (tmp_path / "c.yaml").write_text("x: &a [1]\ny: *a\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        check_config_files([tmp_path / "a.yaml", tmp_path / "c.yaml"])
    assert err.value.where == "c.yaml:2" and "aliases" in err.value.reason
