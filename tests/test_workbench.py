"""The extraction workbench (`litmeta workbench`): comment-keeping spec edits, the server's
security (loopback, token, project paths, escaping) and that the page shows exactly what the
pipeline says (litmeta show lines, error messages, coverage classes)."""

from __future__ import annotations

import http.client
import re
import threading
import urllib.parse
from pathlib import Path

import pytest
import yaml
from conftest import PAPERS, ROOT

from litmeta.errors import InputError
from litmeta.workbench import specedit
from litmeta.workbench.server import Workbench, project_paths, serve

HEADER = "paper_id\tfile\tsha256\tcitation\tyear\tdoi\tlicence\tdesign\tsource\n"
EVIL = '<script>alert("x")</script> "><img src=x onerror=alert(1)> &amp;'
PAPER = (
    "Abstract\n"
    f"Title {EVIL}\n"
    "## Results\n"
    "Sixteen patients were treated. A partial response was observed in 5 patients (31%).\n"
    f"Note {EVIL} in the results.\n"
    "Median overall survival was 23 months (95% CI 7.9-38.1).\n"
)


def tiny_project(root: Path, paper: str = PAPER, file: str = "p.txt") -> Path:
    (root / "config").mkdir(parents=True)
    (root / "papers").mkdir()
    (root / "papers/p.txt").write_text(paper, encoding="utf-8")
    row = f"tiny2020\t{file}\t0\tTiny\t2020\t\tCC BY\tn=16\tfull_text\n"
    (root / "config/papers.tsv").write_text(HEADER + row, encoding="utf-8")
    return root


class Client:
    """Requests to a running workbench, with the Host header a browser would send."""

    def __init__(self, bench: Workbench) -> None:
        self.bench = bench
        self.server = serve(bench)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        head = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if body is not None:
            body = urllib.parse.urlencode(body)
            head["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=head)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read().decode("utf-8")

    def page(self, query: str = ""):
        return self.request("GET", f"/?token={self.bench.token}{query}")

    def edit(self, **form):
        return self.request("POST", "/edit", {"token": self.bench.token, **form})

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tiny(tmp_path):
    bench = Workbench(tiny_project(tmp_path / "proj"), "tiny2020")
    client = Client(bench)
    yield client
    client.close()


# ---------------------------------------------------------------- spec edits


def test_edits_keep_every_comment_and_untouched_line():
    text = (ROOT / "config/extraction/kalantarhormozi2020.yaml").read_text(encoding="utf-8")
    item = {"cohort": "kalantarhormozi2020", "section": "results", "anchor": 'a "b" {orr.n}'}
    added = specedit.append_item(text, "values", item, comment="line 9: confirmed")
    data, new = yaml.safe_load(text), yaml.safe_load(added)
    assert new["values"] == [*data["values"], item]
    assert {k: v for k, v in new.items() if k != "values"} == {
        k: v for k, v in data.items() if k != "values"
    }
    kept = [ln for ln in text.splitlines() if ln.lstrip().startswith("#")]
    assert all(ln in added.splitlines() for ln in kept)
    assert "  # line 9: confirmed" in added.splitlines()
    assert specedit.remove_item(added, "values", len(data["values"])) == text
    flipped = specedit.set_key(text, "cohorts", 0, "pooled_in", "none")
    assert yaml.safe_load(flipped)["cohorts"][0]["pooled_in"] == "none"
    assert len(flipped.splitlines()) == len(text.splitlines())
    assert specedit.set_key(flipped, "cohorts", 0, "pooled_in", "initial") == text


def test_an_empty_spec_grows_into_a_block_list_and_back():
    text = specedit.EMPTY.format(paper_id="x")
    one = specedit.append_item(text, "cohorts", {"id": "x", "setting": "initial"})
    two = specedit.append_item(one, "cohorts", {"id": "x_b", "setting": "salvage"})
    assert [c["id"] for c in yaml.safe_load(two)["cohorts"]] == ["x", "x_b"]
    assert specedit.remove_item(specedit.remove_item(two, "cohorts", 1), "cohorts", 0) == text


@pytest.mark.parametrize("value", ["plain", "with: colon", "# hash", "yes", "12", "", " x", "a'b"])
def test_scalars_read_back_as_the_same_string(value):
    assert yaml.safe_load(f"k: {specedit.scalar(value)}")["k"] == value


# ---------------------------------------------------------------- security


def test_binds_to_loopback_only(tiny):
    assert tiny.server.server_address[0] == "127.0.0.1"


def test_every_request_needs_the_token(tiny):
    status, _, body = tiny.request("GET", "/")
    assert status == 403 and "tiny2020" not in body
    status, _, _ = tiny.request("GET", "/?token=wrong")
    assert status == 403
    status, headers, body = tiny.page()
    assert status == 200 and "tiny2020" in body
    cookie = headers["Set-Cookie"].split(";")[0]
    assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
    status, _, _ = tiny.request("GET", "/", headers={"Cookie": cookie})
    assert status == 200


def test_every_write_needs_the_token_in_the_form(tiny):
    before = tiny.bench.spec_text
    cookie = tiny.page()[1]["Set-Cookie"].split(";")[0]
    form = {"action": "add_cohort", "id": "tiny2020"}
    for extra in ({}, {"token": "wrong"}):
        status, _, _ = tiny.request("POST", "/edit", {**form, **extra}, {"Cookie": cookie})
        assert status == 403
    assert tiny.bench.spec_text == before
    status, headers, _ = tiny.edit(**form)
    assert status == 303 and headers["Location"].startswith("/")
    assert "- id: tiny2020" in tiny.bench.spec_text


def test_a_write_from_another_site_is_refused(tiny):
    status, _, _ = tiny.request(
        "POST",
        "/edit",
        {"token": tiny.bench.token, "action": "add_cohort", "id": "tiny2020"},
        {"Origin": "http://evil.example"},
    )
    assert status == 403 and "- id: tiny2020" not in tiny.bench.spec_text


def test_another_host_name_is_refused(tiny):
    """DNS rebinding: a page of evil.example resolved to 127.0.0.1 sends its own Host."""
    status, _, body = tiny.request(
        "GET", f"/?token={tiny.bench.token}", headers={"Host": "evil.example"}
    )
    assert status == 403 and "tiny2020" not in body


@pytest.mark.parametrize(
    "path",
    ["/../../etc/passwd", "/config/papers.tsv", "/papers/p.txt", "/%2e%2e/%2e%2e/etc/passwd"],
)
def test_no_file_is_served(tiny, path):
    status, _, body = tiny.request("GET", f"{path}?token={tiny.bench.token}")
    assert status == 404 and "Tiny" not in body and "root:" not in body


def test_paths_outside_the_project_are_refused(tmp_path):
    root = tiny_project(tmp_path / "a", file="../../../../etc/passwd")
    with pytest.raises(InputError, match="points outside"):
        project_paths(root, "tiny2020")
    root = tiny_project(tmp_path / "b")
    with pytest.raises(InputError, match="not a paper id"):
        project_paths(root, "../tiny2020")
    (root / "config/config.yaml").write_text("specs_dir: /tmp\n", encoding="utf-8")
    with pytest.raises(InputError, match="outside the project folder"):
        project_paths(root, "tiny2020")
    with pytest.raises(InputError, match="not in the sheet"):
        project_paths(tiny_project(tmp_path / "c"), "other2020")


def test_paper_text_is_escaped_everywhere(tiny):
    tiny.edit(action="add_cohort", id="tiny2020")
    anchor = 'Note <script>alert("x")</script> "><img src=x onerror=alert(1)> &amp; in'
    tiny.edit(action="add_value", cohort="tiny2020", section="results", anchor=anchor)
    status, headers, body = tiny.page()
    assert status == 200
    assert "<script>alert" not in body and "<img" not in body
    assert "&lt;script&gt;alert" in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "&amp;amp;" in body  # the paper's own "&amp;" shown as typed
    assert len(re.findall(r"<script\b", body)) == 1  # the page's own, with this response's nonce
    nonce = re.search(r'<script nonce="([^"]+)">', body).group(1)
    assert f"script-src 'nonce-{nonce}'" in headers["Content-Security-Policy"]
    # the message naming the entry's error and the picked number's panel are escaped too
    pick = re.search(r'href="/\?pick=(\d+)#L4"', body).group(1)
    _, _, picked = tiny.page(f"&pick={pick}")
    assert "<script>alert" not in picked and "<img" not in picked


# ---------------------------------------------------------------- what the pipeline says


@pytest.fixture(scope="module")
def kalantar():
    return Workbench(ROOT, "kalantarhormozi2020")


def test_each_entry_shows_what_litmeta_show_prints(kalantar):
    from click.testing import CliRunner

    from litmeta.cli import cli

    spec = "config/extraction/kalantarhormozi2020.yaml"
    out = (
        CliRunner()
        .invoke(cli, ["show", spec, f"papers/{PAPERS['kalantarhormozi2020']}", "--all"])
        .output
    )
    ev = kalantar.evaluation()
    shown = [ln for lines in ev.entry_lines.values() for ln in lines]
    assert shown and set(shown) <= set(out.splitlines())
    reported = [ln for ln in out.splitlines() if ln.endswith("[reported]")]
    assert set(reported) <= set(shown)
    assert not ev.errors and not ev.entry_errors


def test_errors_are_the_pipelines_messages(kalantar, tmp_path):
    from litmeta.extract.paper import extract_paper

    text = kalantar.spec_text.replace(
        "{os_median.median} months (95%CI:{os_median.ci_low}",
        "{os_median.median} weeks (95%CI:{os_median.ci_low}",
        1,
    )
    kalantar.spec_text = text
    try:
        ev = kalantar.evaluation()
    finally:
        kalantar.spec_text = kalantar.saved_text
    spec = tmp_path / "kalantarhormozi2020.yaml"
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        extract_paper(spec, ROOT / "extracted/text/kalantarhormozi2020.txt", kalantar.paper.source)
    expected = str(exc.value).replace(str(spec), "config/extraction/kalantarhormozi2020.yaml")
    assert list(ev.entry_errors.values()) == [expected]
    assert "values[4]" in expected and not ev.errors
    assert ev.entry_lines  # the other entries still show their values


def test_coverage_is_coverage_csv_s_classification(kalantar):
    from litmeta.tables import read_rows
    from litmeta.workbench.model import coverage

    rows = {
        (r["cohort_id"], r["endpoint"]): r["coverage"]
        for r in read_rows(ROOT / "extracted/coverage.csv")
        if r["paper_id"] == "kalantarhormozi2020"
    }
    got = {
        (c["cohort_id"], row["endpoint"]): (c["coverage"], c["class"])
        for row in coverage(kalantar.paper, kalantar.evaluation())
        for c in row["cohorts"]
    }
    assert {k: v[0] for k, v in got.items()} == rows
    for coverage_class, page_class in got.values():
        if coverage_class in ("reported", "derived", "implied"):
            assert page_class == "confirmed"
        elif coverage_class == "not reported":
            assert page_class in ("found", "not reported")


def test_save_is_atomic_and_never_silent_with_errors(tiny):
    spec = tiny.bench.spec_path
    tiny.edit(action="save")
    assert not spec.exists()  # an empty spec fails the checks: not saved yet
    assert "not saved" in tiny.bench.message and tiny.bench.confirm_save
    _, _, body = tiny.page()
    assert "Save with these errors" in body and "should be non-empty" in body
    tiny.edit(action="save", force="1")
    assert spec.read_text(encoding="utf-8") == tiny.bench.spec_text
    assert "with 1 error(s) shown below" in tiny.bench.message
    assert not list(spec.parent.glob(".*.tmp"))


def test_a_clicked_number_offers_an_anchor_that_matches_once(tiny):
    from litmeta.extract.anchor import match_once

    tiny.edit(action="add_cohort", id="tiny2020")
    _, _, body = tiny.page()
    pick = re.search(r'href="/\?pick=(\d+)#L6"', body).group(1)  # "23" months
    status, _, _ = tiny.edit(action="choose", pick=pick, ref="os_median.median", cohort="tiny2020")
    assert status == 303, tiny.bench.message
    anchor = specedit.items(tiny.bench.spec_text, "values")[0]["anchor"]
    hit = match_once(tiny.bench.paper.index, anchor)
    assert [(c.field.name, c.parsed.text) for c in hit.captures] == [("os_median.median", "23")]
    assert "# line 6: confirmed in the workbench (chosen)" in tiny.bench.spec_text


def test_a_pdf_paper_shows_each_lines_page_and_column(tmp_path):
    """The page and column of every line, as the layout sidecar records them."""
    from pdf_render import render_pdf

    from litmeta.ingest import read_paper_layout
    from litmeta.pdf.sidecar import rows

    root = tiny_project(tmp_path / "proj", file="p.pdf")
    render_pdf(PAPER + "\n" * 80 + "Second page: 12 patients.\n", root / "papers/p.pdf")
    text, pdf = read_paper_layout(root / "papers/p.pdf")
    bench = Workbench(root, "tiny2020")
    client = Client(bench)
    try:
        _, _, body = client.page()
    finally:
        client.close()
    where = re.findall(r'<span class="lw" title="([^"]*)">', body)
    sidecar = [r for r in rows(pdf.lines, pdf.dropped) if r["line"]]  # as ingest writes it
    assert where[: len(sidecar)] == [f"page {r['page']}, {r['column']}" for r in sidecar]
    assert (
        len(set(where)) >= 2
        and set(where[len(pdf.lines) :]) <= {""}
        and "&lt;script&gt;" in body
        and "<script>alert" not in body
    )


def workbench_catalogue() -> dict[str, tuple[list[str], int]]:
    rows = {}
    for line in (ROOT / "docs/errors.md").read_text(encoding="utf-8").split("\n"):
        m = re.match(r"\| (W\d+) \| [^|]+ \| (.+) \| (\d+) \|$", line)
        if m:
            shown = [p.strip()[1:-1] for p in m.group(2).split("<br>")]
            rows[m.group(1)] = (shown, int(m.group(3)))
    return rows


@pytest.mark.parametrize(
    "key, paper_id, file",
    [
        ("W01", "../papers/x", "p.txt"),
        ("W02", "smith2030", "p.txt"),
        ("W03", "tiny2020", "../../../etc/passwd"),
    ],
)
def test_launch_errors_are_documented(key, paper_id, file, tmp_path):
    from conftest import run, tool

    shown, status = workbench_catalogue()[key]
    root = tiny_project(tmp_path / "proj", file=file)
    proc = run([tool("litmeta"), "workbench", paper_id, "--no-browser"], cwd=root)
    assert proc.returncode == status
    assert proc.stderr.splitlines() == shown and "Traceback" not in proc.stderr


def test_a_cohort_the_drafter_did_not_propose_can_be_added(tiny):
    tiny.edit(action="add_cohort", id="tiny2020_b", setting="salvage")
    assert specedit.items(tiny.bench.spec_text, "cohorts") == [
        {"id": "tiny2020_b", "setting": "salvage", "pooled_in": "salvage"}
    ]
    tiny.edit(action="add_cohort", id="tiny2020_c", setting="<script>")
    assert "unknown setting" in tiny.bench.message
    assert len(specedit.items(tiny.bench.spec_text, "cohorts")) == 1


def test_the_command_serves_the_page_on_loopback(tmp_path):
    import subprocess
    import urllib.request

    from conftest import tool

    root = tiny_project(tmp_path / "proj")
    proc = subprocess.Popen(
        [tool("litmeta"), "workbench", "tiny2020", "--no-browser"],
        cwd=root,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stderr.readline()
        address = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", line).group(0)
        with urllib.request.urlopen(address, timeout=30) as resp:
            assert resp.status == 200 and "tiny2020" in resp.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_spec_changed_on_disk_is_never_overwritten(tiny):
    tiny.edit(action="add_cohort", id="tiny2020")
    spec = tiny.bench.spec_path
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text("# written in an editor meanwhile\n", encoding="utf-8")
    tiny.edit(action="save", force="1")
    tiny.edit(action="save", force="1")
    assert spec.read_text(encoding="utf-8") == "# written in an editor meanwhile\n"
    assert "changed on disk" in tiny.bench.message
    tiny.edit(action="revert")
    assert tiny.bench.spec_text == "# written in an editor meanwhile\n"


def test_the_candidates_are_the_candidate_finders_with_or_without_a_second_process(
    kalantar, monkeypatch
):
    from litmeta.extract.candidates import find_candidates
    from litmeta.workbench import model

    text = kalantar.paper.text
    assert kalantar.paper.candidates == find_candidates("kalantarhormozi2020", text)
    monkeypatch.setattr(model, "_second_process", lambda: None)
    alone = model.Paper("kalantarhormozi2020", kalantar.paper_path, kalantar.paper.source)
    assert alone.candidates == kalantar.paper.candidates
    assert [e.anchor for e in alone.drafted] == [e.anchor for e in kalantar.paper.drafted]


@pytest.mark.e2e
@pytest.mark.parametrize("paper_id", sorted(PAPERS))
def test_every_committed_spec_shows_its_extraction_without_errors(paper_id):
    """Each of the five papers opens with its committed spec: no error, every extracted
    value of extracted/<paper_id>.csv under its entry, every captured number marked."""
    from litmeta.tables import read_rows

    bench = Workbench(ROOT, paper_id)
    ev = bench.evaluation()
    assert not ev.errors and not ev.entry_errors
    shown = {
        tuple(re.match(r"\s*(\d+)\s+(\S+)\s+(\S+) = .* \[(\w+)\]", ln).groups())
        for lines in ev.entry_lines.values()
        for ln in lines
    }
    committed = {
        (r["line"], r["cohort_id"], f"{r['endpoint']}.{r['statistic']}", r["status"])
        for r in read_rows(ROOT / f"extracted/{paper_id}.csv")
        if r["spec_entry"].startswith("values[")
    }
    assert committed == shown
    marks = bench.paper.marks(ev.captures)
    spec_marks = [m for m in marks.values() if m.style == "spec"]
    assert {(i, ref) for m in spec_marks for i, ref in m.spec} == {
        (i, ref) for i, ref, _s, _e in ev.captures
    }
