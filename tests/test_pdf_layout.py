"""The PDF route on typeset journal articles (tests/pdf_render.py draws them from the papers'
.txt: columns, justified glyph-positioned text without space characters, ligatures,
hyphenation, running heads, ruled tables) and its limits."""

from __future__ import annotations

import csv
import functools
import tempfile
from pathlib import Path

import pytest
from conftest import PAPERS, ROOT
from pdf_render import JournalLayout, render_journal_pdf

from litmeta.errors import InputError
from litmeta.extract.paper import extract_paper
from litmeta.ingest import PdfLimits, read_paper, read_paper_layout
from litmeta.pdf import layout
from litmeta.pdf.sidecar import COLUMNS, places, rows


def _values(spec: Path, text: str, tmp: Path, name: str) -> dict:
    path = tmp / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    out = extract_paper(spec, path, "paper")
    return {
        (o["cohort_id"], o["endpoint"], o["statistic"]): (o["value"], o["value_text"], o["status"])
        for o in out.outcomes
    }


@pytest.fixture(scope="module")
def journal_pdf(tmp_path_factory):
    """paper_id -> (its journal PDF, page count), each typeset once for the module."""
    folder = tmp_path_factory.mktemp("journal")

    @functools.cache
    def typeset(paper_id: str) -> tuple[Path, int]:
        pdf = folder / f"{paper_id}.pdf"
        src = ROOT / "papers" / PAPERS[paper_id]
        return pdf, render_journal_pdf(src.read_text(encoding="utf-8"), pdf)

    return typeset


@functools.cache
def _txt_values(paper_id: str) -> dict:
    """The values extracted from the paper's .txt, computed once for the module."""
    with tempfile.TemporaryDirectory() as tmp:
        return _values(
            _spec(paper_id), read_paper(ROOT / "papers" / PAPERS[paper_id]), Path(tmp), "txt"
        )


def _spec(paper_id: str) -> Path:
    return ROOT / "config" / "extraction" / f"{paper_id}.yaml"


#: each paper through the journal PDF route is slow (~2.5 s): end-to-end, out of the fast
#: loop (pytest -m "not e2e"), whose layout checks below still typeset and read a paper
JOURNAL_PAPERS = [pytest.param(p, marks=pytest.mark.e2e) for p in sorted(PAPERS)]


@pytest.mark.parametrize("paper_id", JOURNAL_PAPERS)
def test_journal_pdf_gives_the_same_values_as_the_txt(tmp_path, journal_pdf, paper_id):
    pdf, pages = journal_pdf(paper_id)
    assert pages > 3
    want = _txt_values(paper_id)
    got = _values(_spec(paper_id), read_paper(pdf), tmp_path, "pdf")
    assert got == want
    assert len(want) > 20


@pytest.fixture(scope="module")
def vanderzwan(journal_pdf):
    pdf, _pages = journal_pdf("vanderzwan2019")
    return pdf, *read_paper_layout(pdf)


def test_columns_are_read_one_after_the_other(vanderzwan):
    _, text, pdf = vanderzwan
    lines = text.split("\n")
    # page 1: full-width title and abstract, then the left column, then the right one
    first = [ln.column for ln in pdf.lines if ln.page == 1]
    assert first[0] == "full width"
    assert first.index("right") > first.index("left")
    assert "left" not in first[first.index("right") :]
    # words are spaced although the PDF has no space characters, ligatures are spelt out
    assert "Median PFS was 14.6 months (95% CI 12.4-16.9) following" in " ".join(lines)
    assert "\ufb01" not in text and "ﬂ" not in text
    # no running head or page number is left in the text; each is recorded as dropped
    assert "Journal of Synthetic Nuclear Medicine" not in text
    kinds = {d.kind for d in pdf.dropped}
    assert kinds == {"running head", "page number"}
    assert len([d for d in pdf.dropped if d.kind == "page number"]) == max(
        ln.page for ln in pdf.lines
    )


def test_tables_come_out_one_row_per_line_with_tabs(vanderzwan):
    _, text, pdf = vanderzwan
    lines = text.split("\n")
    assert "Male, <i>n</i> (%)\t95 (56.5)\t95 (56.5)\t9 (69.2)" in lines
    assert "Yes\t98 (58.3)\t152 (90.5)\t11 (84.6)\t<0.01" in lines
    row = lines.index("Yes\t98 (58.3)\t152 (90.5)\t11 (84.6)\t<0.01")
    assert pdf.lines[row].kind == "table" and pdf.lines[row].column == "full width"


def test_layout_sidecar_maps_every_line(vanderzwan, tmp_path):
    _, text, pdf = vanderzwan
    table = rows(pdf.lines, pdf.dropped)
    numbered = [r for r in table if r["line"] != ""]
    assert [r["line"] for r in numbered] == list(range(1, len(text.rstrip("\n").split("\n")) + 1))
    assert all(r["x0"] < r["x1"] and r["top"] < r["bottom"] for r in table)
    path = tmp_path / "p.layout.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, COLUMNS)
        w.writeheader()
        w.writerows(table)
    where = places(path)
    n = next(i for i, ln in enumerate(text.split("\n"), 1) if "Median PFS was 14.6" in ln)
    assert where[n] == "page 1, full width"
    n = next(i for i, ln in enumerate(text.split("\n"), 1) if ln == "Introduction")
    assert where[n] == "page 1, left column"


def test_three_columns(tmp_path):
    src = ROOT / "papers" / PAPERS["zandee2021"]
    pdf = tmp_path / "z.pdf"
    render_journal_pdf(src.read_text(encoding="utf-8"), pdf, JournalLayout(columns=3))
    text, found = read_paper_layout(pdf)
    assert {"left", "middle", "right"} <= {ln.column for ln in found.lines}
    assert _values(_spec("zandee2021"), text, tmp_path, "pdf") == _txt_values("zandee2021")


def test_ruled_tables_inside_a_column(tmp_path):
    """Booktabs tables set inside one column (zandee2021 has no table: vanderzwan2019's):
    found by their rules, read one row per line in their column, the text beside them
    intact (without the rules' tables: 78 rows exact of 128, 3 in the right column)."""
    from litmeta.pdf.check import compare

    text = read_paper(ROOT / "papers" / PAPERS["vanderzwan2019"])
    pdf = tmp_path / "c.pdf"
    render_journal_pdf(text, pdf, JournalLayout(table_in_column=True))
    got_text, found = read_paper_layout(pdf)
    lines = got_text.split("\n")
    columns = {"left": 0, "right": 0}
    for row, ln in zip(lines, found.lines, strict=False):
        if ln.kind == "table" and ln.column in columns and "\t" in row:
            columns[ln.column] += 1
    assert min(columns.values()) >= 30
    got = compare(text, got_text)
    assert got["rows_exact"] >= 126  # of 128, as when the tables span the page
    assert got["in_order"] == got["sentences"]


def test_word_gap_ratio_sits_inside_the_plateau(vanderzwan, monkeypatch):
    """The words of a page are the same for every ratio from 0.05 to 0.20 of the font size
    (kerning is at most 0.04 em, a justified space at least 0.24 em): the chosen
    X_TOLERANCE_RATIO is inside that range, and the edges show the ratio matters."""
    import pdfplumber

    pdf_path = vanderzwan[0]
    chosen = layout.X_TOLERANCE_RATIO

    def words(ratio):
        monkeypatch.setattr(layout, "X_TOLERANCE_RATIO", ratio)
        with pdfplumber.open(pdf_path) as pdf:
            return [w["text"] for w in layout.page_words(pdf.pages[1])]

    plateau = [words(r) for r in (0.05, 0.1, chosen, 0.15, 0.2)]
    assert all(p == plateau[0] for p in plateau)
    assert words(0.02) != plateau[0]  # kerned glyph pairs fall apart
    assert words(0.3) != plateau[0]  # tightly justified words run together
    assert 0.05 <= chosen <= 0.2


def test_time_limit_stops_the_reader_inside_a_page(tmp_path):
    """One page with 150 000 glyphs takes seconds to read: the child is stopped at the limit,
    during page 1, and the message names the key that raises it."""
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "dense.pdf"
    c = canvas.Canvas(str(pdf), invariant=1)
    t = c.beginText()
    t.setFont("Helvetica", 1)
    for i in range(150_000):
        t.setTextOrigin(10 + (i % 500), 10 + (i // 500) % 800)
        t.textOut("x")
    c.drawText(t)
    c.save()
    with pytest.raises(InputError) as err:
        read_paper(pdf, PdfLimits(max_seconds=1.5))
    msg = str(err.value)
    assert "(page 1): reading the PDF took over 1.5 s and was stopped" in msg
    assert "pdf_limits.max_seconds" in msg


def test_config_schema_accepts_max_seconds():
    import jsonschema
    import yaml

    schema = yaml.safe_load((ROOT / "workflow/schemas/config.schema.yaml").read_text())
    config = yaml.safe_load((ROOT / "config/config.yaml").read_text())
    assert config["pdf_limits"]["max_seconds"] > 0
    jsonschema.validate(config, schema)
    config["pdf_limits"]["max_seconds"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(config, schema)


def test_check_counts_sentences_in_order_and_exact_rows():
    from litmeta.pdf.check import compare

    text = (
        "One two three four five six seven.\nEight nine ten eleven twelve thir-\n"
        "teen fourteen. Short one.\nA\t1 (2)\t3\n"
    )
    same = (
        "One two three four five six seven. Eight nine ten\n"
        "eleven twelve thirteen fourteen.\nA\t1 (2)\t3\n"
    )
    assert compare(text, same) == {
        "sentences": 2,
        "contiguous": 2,
        "in_order": 2,
        "table_rows": 1,
        "rows_exact": 1,
    }
    swapped = (
        "Eight nine ten eleven twelve thirteen fourteen.\n"
        "One two three four five six seven.\nA 1 (2) 3\n"
    )
    got = compare(text, swapped)
    assert (got["contiguous"], got["in_order"], got["rows_exact"]) == (2, 1, 0)


@pytest.mark.e2e
def test_pdf_paper_through_the_pipeline(project):
    """A PDF paper in the sheet: rule ingest_pdf writes its text and layout sidecar, its
    values equal the .txt's, and the evidence page cites page and column."""
    import hashlib
    import subprocess

    from conftest import tool

    txt = project / "papers" / PAPERS["zandee2021"]
    pdf = txt.with_suffix(".pdf")
    render_journal_pdf(txt.read_text(encoding="utf-8"), pdf)
    txt.unlink()
    sheet = project / "config" / "papers.tsv"
    lines = sheet.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if cells[0] == "zandee2021":
            cells[1] = pdf.name
            cells[2] = hashlib.sha256(pdf.read_bytes()).hexdigest()
            lines[i] = "\t".join(cells)
    sheet.write_text("\n".join(lines), encoding="utf-8")

    def table(path):
        with open(path, newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    def values(path):
        return {(r["cohort_id"], r["endpoint"], r["statistic"]): r["value"] for r in table(path)}

    before = values(ROOT / "extracted" / "zandee2021.csv")
    targets = ["extracted/zandee2021.csv", "results/evidence.html"]
    proc = subprocess.run(
        [tool("snakemake"), "--cores", "2", *targets],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert values(project / "extracted" / "zandee2021.csv") == before
    layout_rows = table(project / "extracted" / "text" / "zandee2021.layout.csv")
    text_lines = (project / "extracted/text/zandee2021.txt").read_text().rstrip("\n").split("\n")
    assert len([r for r in layout_rows if r["line"]]) == len(text_lines)
    assert any(r["kind"] == "page number" for r in layout_rows)
    html = (project / "results" / "evidence.html").read_text(encoding="utf-8")
    assert f"{pdf.name}</a>, page " in html
    assert "column, line " in html and "of extracted/text/zandee2021.txt" in html


# --- issue 24: layout classes of publisher PDFs, each on a generated PDF ----------------------

_HYGIENE = (
    "The treatment was effective and well tolerated in the identified patients, with a hazard "
    "ratio of 0.62\u29834\u2984 for progression (95% CI 1.29\u20131.80) in the official analysis. "
)


def _article(body: str) -> str:
    return (
        "A synthetic trial\n\nAbstract\n\nShort abstract of the trial in one sentence.\n\n"
        f"Introduction\n\n{body}\n"
    )


def test_glyph_hygiene_ligature_spaces_size_noise_and_superscripts(tmp_path):
    """Space glyphs drawn inside ligatures, font sizes off in the 14th decimal (en dashes and
    one glyph in eleven) and a superscript citation marker after a number: plain pdfplumber
    words fall apart ("identifi e d", "1.29 – 1.80"); the reader's do not, and the marker
    stays a word of its own ("0.62 4", never "0.624")."""
    import pdfplumber

    pdf = tmp_path / "g.pdf"
    render_journal_pdf(_article(_HYGIENE * 4), pdf, JournalLayout(glyph_noise=True))
    with pdfplumber.open(pdf) as doc:
        plain = " ".join(w["text"] for w in doc.pages[0].extract_words(extra_attrs=["size"]))
    assert "offi cial" in plain
    assert "1.29 \u2013 1.80" in plain
    # pdfium reads font sizes in single precision, where the noise vanishes; pdfplumber's
    # pages keep it (and the reader's rounding must remove it)
    for text in _both_backends(pdf):
        assert text.count("was effective and well tolerated in the identified patients") == 4
        assert text.count("ratio of 0.62 4 for progression (95% CI 1.29-1.80) in the officia") == 4
        assert "0.624" not in text


def _both_backends(pdf: Path) -> list[str]:
    """The reader's text of ``pdf``, whitespace runs as one space: its pages read by pdfium
    (the PDF route) and by pdfplumber."""
    import contextlib
    import io

    import pdfplumber

    from litmeta.normalise import normalise_text
    from litmeta.pdf.reader import extract

    with contextlib.redirect_stderr(io.StringIO()):
        lines, _ = extract(pdf, 10, pdfplumber.open)
    plumber = normalise_text("\n".join(ln.text for ln in lines))
    return [" ".join(read_paper(pdf).split()), " ".join(plumber.split())]


@pytest.mark.parametrize("scale", [1.0, 0.8, 0.6])
def test_a_superscript_after_a_number_never_joins_it(tmp_path, scale):
    """A citation mark set as a superscript right after a number, in a smaller size or in
    the body's own size raised by a quarter of it (within the gap pdfplumber's lines allow):
    the mark is a word of its own, "28 1 months" (as the .txt route reads "28\u00b9"),
    never "281 months"; a number printed whole on the baseline stays whole."""
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "sup.pdf"
    c = canvas.Canvas(str(pdf), invariant=1)
    t = c.beginText()
    t.setTextOrigin(72, 700)
    t.setFont("Times-Roman", 10)
    t.textOut("Median overall survival was 28")
    t.setFont("Times-Roman", 10 * scale)
    t.setRise(2.5)
    t.textOut("12")
    t.setFont("Times-Roman", 10)
    t.setRise(0)
    t.textOut(" months and 2024 patients were seen in 1998.")
    c.drawText(t)
    c.save()
    for text in _both_backends(pdf):
        assert (
            text == "Median overall survival was 28 12 months and 2024 patients were seen in 1998."
        )


_CROWDED = JournalLayout(
    glyph_noise=True,
    margin_stack=True,
    side_notes=True,
    affiliations=True,
    footnote=True,
    figure_between_columns=True,
    figure_text=True,
    front_box=True,
)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """zandee2021 typeset with every layout class of issue 24 at once: side notes on every
    page, a column of affiliations beside the front matter, a footnote at the foot of page
    1's left column, a framed box of key points atop its right column, a flow chart (text in
    boxes) and its caption between the columns of page 2, a two-line running head and a
    three-line footer, and the glyph noise above."""
    pdf = tmp_path_factory.mktemp("crowded") / "z.pdf"
    src = ROOT / "papers" / PAPERS["zandee2021"]
    render_journal_pdf(src.read_text(encoding="utf-8"), pdf, _CROWDED)
    return pdf, *read_paper_layout(pdf)


def test_crowded_layout_gives_the_same_values_as_the_txt(crowded, tmp_path):
    _, text, _ = crowded
    assert _values(_spec("zandee2021"), text, tmp_path, "pdf") == _txt_values("zandee2021")


def test_margin_stacks_are_dropped_line_by_line(crowded):
    """Each line of a two-line head and a three-line footer is found by its repetition on
    other pages and by standing, with the lines of its stack, in the page's margin band."""
    _, text, pdf = crowded
    pages = max(ln.page for ln in pdf.lines)
    kinds = {}
    for d in pdf.dropped:
        kinds.setdefault(d.text.split()[0], []).append(d.kind)
    assert kinds["Original"] == ["running head"] * pages
    assert kinds["https://doi.org/10.5555/jsnm.2024.0001"] == ["running foot"]
    assert kinds["JSNM"] == ["running foot"] * pages
    assert kinds["Synthetic"].count("running foot") == pages  # the citation line
    for gone in ("Original research", "doi.org/10.5555", "Open access", "J Synth Nucl Med"):
        assert gone not in text


def test_notes_figures_and_front_boxes_get_blocks_of_their_own(crowded):
    """Side notes, the affiliation column, the footnote, the flow chart's boxes and its
    caption are no longer inside any sentence: each is a block of its own kind, set after
    the sentence that the page break or the figure interrupts."""
    _, text, pdf = crowded
    by_kind: dict[str, list[str]] = {}
    for ln in pdf.lines:
        by_kind.setdefault(ln.kind, []).append(ln.text)
    body = "\n".join(by_kind["text"])
    for stray in (
        "Key point",
        "Corresponding",
        "Department of Nuclear Medicine, Synthetic",
        "Assessed for eligibility",
        "Fig. 9",
        "Randomised (n",
        "Strengths and limitations",
        "box of key points",
    ):
        assert stray not in body, stray
    box = " ".join(by_kind["box"])
    assert box.startswith("Strengths and limitations of this study A synthetic box of key")
    assert box.endswith("It reads as a block of its own, after the sentence it would interrupt.")
    assert not any("key points" in t for t in by_kind["figure"])
    assert any(t.startswith("Key point 3.2:") for t in by_kind["aside"])
    assert any(t.startswith("1 Department of Nuclear Medici") for t in by_kind["aside"])
    assert by_kind["footnote"][0].startswith("* Corresponding author: A. Synthetic")
    assert "Assessed for eligibility (n = 412)" in by_kind["figure"]
    assert "Allocated to control (n = 107)" in by_kind["figure"]
    assert by_kind["caption"] == [
        "Fig. 9 Schematic overview of the study design (synthetic figure)."
    ]
    # every block comes after a sentence's end (or after another block)
    for prev, ln in zip(pdf.lines, pdf.lines[1:], strict=False):
        if ln.kind not in ("text", "table") and prev.kind == "text":
            assert prev.text.rstrip(")\"'").endswith((".", "?", "!", ":")), prev.text
    assert {ln.column for ln in pdf.lines if ln.kind == "aside"} == {"margin"}


def test_the_layout_sidecar_says_what_each_block_is(crowded, tmp_path):
    """The sidecar that rule ingest_pdf writes gives each line kept out of the running text
    its kind (side note and affiliation column: aside; box; footnote; flow chart: figure;
    caption) and each line left out its own (running head, running foot, page number)."""
    from litmeta.jobs.ingest import ingest_pdf
    from litmeta.tables import read_rows

    pdf = crowded[0]
    text, sidecar = tmp_path / "z.txt", tmp_path / "z.layout.csv"
    ingest_pdf(
        paper=str(pdf),
        text=str(text),
        layout=str(sidecar),
        max_bytes=10**8,
        max_pages=100,
        max_seconds=60,
    )
    lines = text.read_text(encoding="utf-8").split("\n")
    kind = {}
    for r in read_rows(sidecar):
        said = lines[int(r["line"]) - 1] if r["line"] else r["dropped_text"]
        kind.setdefault(r["kind"], []).append((said, r["column"]))
    assert ("Key point 1.1: this margin", "margin") in kind["aside"]
    assert ("1 Department of Nuclear Medici-", "margin") in kind["aside"]
    assert ("Strengths and limitations of this", "right") in kind["box"]
    assert kind["footnote"][0] == ("* Corresponding author: A. Synthetic, Department of", "left")
    assert ("Assessed for eligibility (n = 412)", "full width") in kind["figure"]
    assert [t for t, _ in kind["caption"]] == [
        "Fig. 9 Schematic overview of the study design (synthetic figure)."
    ]
    assert ("JSNM · Open access · CC BY 4.0", "") in kind["running foot"]
    assert ("Original research", "") in kind["running head"]
    assert ("1", "") in kind["page number"]
    assert set(kind) == {
        "text",
        "aside",
        "box",
        "footnote",
        "figure",
        "caption",
        "running head",
        "running foot",
        "page number",
    }


@pytest.mark.parametrize("in_column", [False, True], ids=["full width", "in a column"])
def test_unruled_tables_come_out_as_rows(tmp_path, in_column):
    """Tables set without any rule, across the page or inside one column: found from their
    aligned columns of numbers, read one row per line with tab-separated cells instead of
    being cut into columns by the column splitter, and the text beside them intact."""
    from litmeta.pdf.check import compare

    text = read_paper(ROOT / "papers" / PAPERS["vanderzwan2019"])
    pdf = tmp_path / "u.pdf"
    render_journal_pdf(text, pdf, JournalLayout(unruled=True, table_in_column=in_column))
    got_text, found = read_paper_layout(pdf)
    lines = got_text.split("\n")
    for row in (
        "Limited\t23 (13.7)\t23 (13.9)\t1 (7.7)\t1.00",
        "Score 2\t9 (5.4)\t14 (8.4)\t0 (0.0)\t0.39",
        "Yes\t46 (46.5)\t98 (58.3)\t0.08",
    ):
        assert row in lines
        assert found.lines[lines.index(row)].kind == "table"
    got = compare(text, got_text)
    assert got["rows_exact"] >= 50  # of 128; was 10 (full width) and 16 (in a column)
    assert got["in_order"] >= 310  # of 316


def test_a_caption_in_a_column_takes_no_line_of_the_other_column(tmp_path):
    """vanderzwan2019 with a box atop page 1's right column: on page 7 the paragraph "Table
    5 ..." opens the left column just below Table 5. It is that table's caption, its four
    lines and no more: the rows of the page run across the gutter, and the caption used to
    take in both columns' text down the page (8 sentences broken)."""
    from litmeta.pdf.check import compare

    text = read_paper(ROOT / "papers" / PAPERS["vanderzwan2019"])
    pdf = tmp_path / "box.pdf"
    render_journal_pdf(text, pdf, JournalLayout(front_box=True))
    got_text, found = read_paper_layout(pdf)
    captions = [ln for ln in found.lines if ln.kind == "caption"]
    assert " ".join(ln.text for ln in captions).startswith("Table 5 PFS, OS and median")
    assert len(captions) == 4 and {ln.column for ln in captions} == {"left"}
    got = compare(text, got_text)
    assert got["contiguous"] == got["sentences"]
    assert got["rows_exact"] >= 126


def test_tables_move_out_of_a_sentence_broken_off_after_a_percentage(tmp_path):
    """lazarenko2026 beside an affiliation column: page 4 ends "... a partial response (PR)
    was observed in 38.5%", two pages of tables follow, the sentence ends on page 6. The
    line is running text (body size, as wide as its column's lines) ending in a number, so
    it is broken off and the tables wait for the sentence's end; the paper's values are the
    .txt's (this layout stopped on an anchor not found)."""
    src = ROOT / "papers" / PAPERS["lazarenko2026"]
    pdf = tmp_path / "aff.pdf"
    render_journal_pdf(src.read_text(encoding="utf-8"), pdf, JournalLayout(affiliations=True))
    text = read_paper(pdf)
    assert (
        "a partial response (PR) was observed in 38.5% (n = 5), stable disease (SD) in 38.5%"
        in " ".join(text.split())
    )
    assert _values(_spec("lazarenko2026"), text, tmp_path, "pdf") == _txt_values("lazarenko2026")


def test_a_table_row_read_as_text_is_no_sentence_broken_off():
    """A line ending in a number is broken off only when it is running text. On the tests'
    default typesetting of vanderzwan2019 (one column, one size: tests/pdf_render.py) a
    page ends on the table row "Moderate 76 (76.8) 122 (72.6) 0.47", read as text, and the
    table goes on atop the next page: the row is short beside the column's lines, so the
    table stays where it is (it was carried pages down the text: tests/test_ingest.py::
    test_pdf_route_gives_the_same_text). Likewise a row in a smaller print than the body."""
    from litmeta.pdf.floats import read_through
    from litmeta.pdf.layout import Line

    def line(text, page, x1=500.0, kind="text", height=7.0):
        return Line(text, page, "full width", 30.0, 700.0, x1, 700.0 + height, kind)

    body = [
        line(f"running text of the paper, line {i} of the column, and so on", 1) for i in range(9)
    ]
    table = [line("Extensive\t15 (15.2)\t23 (13.7)\t0.06", 2, 300.0, "table")]
    after = [line("The efficacy of salvage therapy was compared.", 2)]
    for row in (
        line("Moderate 76 (76.8) 122 (72.6) 0.47", 1, 174.24),
        line("Moderate, wide and in small print 76 (76.8) 122 (72.6) 0.47", 1, height=6.0),
    ):
        lines = body + [row] + table + after
        assert read_through(lines) == lines
    broken = line("them, a partial response (PR) was observed in 38.5%", 1, 490.0)
    lines = body + [broken] + table + after
    assert read_through(lines) == body + [broken] + after + table


def test_a_framed_box_atop_a_column_keeps_the_columns(tmp_path):
    """A frame drawn a little outside the column around a box of key points: the box's
    lines are a box, and the lines of the column beside it are still the left column's
    (the frame's edge, standing off the column's, used to hide the gutter: full width)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "box.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 9)
    for k in range(1, 40):
        c.drawString(50, 771 - 11 * k, f"Left column line {k} of the running text goes on.")
    c.rect(295, 640, 250, 125, stroke=1, fill=0)
    for k in range(1, 10):
        c.drawString(300, 751 - 11 * k, f"Box line {k}: the study is small and single centre.")
    for k in range(1, 28):
        c.drawString(300, 631 - 11 * k, f"Right column line {k} of the running text goes on.")
    c.save()
    _, found = read_paper_layout(pdf)
    got = {(ln.text.split()[0], ln.kind, ln.column) for ln in found.lines}
    assert got == {("Left", "text", "left"), ("Box", "box", "right"), ("Right", "text", "right")}


def test_a_page_sized_background_is_not_a_figure(tmp_path):
    """Some publishers fill a page-sized rectangle before the text: the text on it is still
    the running text, not a figure's."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "bg.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4, invariant=1)
    c.setFillGray(0.97)
    c.rect(0, 0, *A4, fill=1, stroke=0)
    c.setFillGray(0)
    c.setFont("Helvetica", 10)
    for i in range(5):
        c.drawString(72, 700 - 14 * i, f"Line {i} of the running text on a tinted page.")
    c.save()
    _, found = read_paper_layout(pdf)
    assert [ln.kind for ln in found.lines] == ["text"] * 5


# --- issue 24: reading order from the content stream where it is plausible ---------------


def _two_columns(path: Path, stream: str) -> None:
    """A page of two columns of 20 lines; line 10 of the left column ends in an address that
    runs across the gutter into the right column, whose line 10 is blank (a paragraph break),
    so no gutter runs from the top of the page to its bottom. ``stream``: "reading" writes
    the left column, then the right one; "rows" writes line by line across the columns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    items = []
    for k in range(1, 21):
        y = 760 - 12 * k
        left = f"Left column, line {k}, of the running text."
        if k == 10:
            left = "Left column, line 10, see https://doi.org/10.5555/abcdefghijkl"
        items.append((y, 50, left))
        if k != 10:
            items.append((y, 300, f"Right column, line {k}, of the running text."))
    if stream == "reading":
        items.sort(key=lambda t: (t[1], -t[0]))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    for y, x, text in items:
        c.drawString(x, y, text)
    c.save()


def test_reading_order_follows_the_stream_where_the_gutter_is_blocked(tmp_path):
    """An address running across the gutter leaves the geometry no gutter: it reads the top
    of the right column before the bottom of the left one. Written in reading order, the
    stream's order is plausible and is followed; written line by line across the columns, it
    is not (every other step goes back into a column already left) and the geometry's order
    is kept."""
    pdf = tmp_path / "gutter.pdf"
    _two_columns(pdf, "reading")
    _, found = read_paper_layout(pdf)
    names = [
        ln.text.split(",")[0].split()[0][0] + ln.text.split(",")[1].split()[1] for ln in found.lines
    ]
    assert names == [f"L{k}" for k in range(1, 21)] + [f"R{k}" for k in range(1, 21) if k != 10]
    assert {ln.order for ln in found.lines} == {"stream"}
    _two_columns(pdf, "rows")
    _, found = read_paper_layout(pdf)
    names = [
        ln.text.split(",")[0].split()[0][0] + ln.text.split(",")[1].split()[1] for ln in found.lines
    ]
    assert names[:10] == [f"L{k}" for k in range(1, 10)] + ["R1"]  # the geometry's order
    assert {ln.order for ln in found.lines} == {"geometry"}


_PROSE = " ".join(
    f"Sentence {k} of the running text reports that {k * 3} patients were treated and {k} "
    "of them progressed within the first year of follow-up."
    for k in range(1, 90)
)


@pytest.mark.parametrize("stream", ["rows", "shuffled"])
def test_a_scrambled_stream_is_read_by_geometry(tmp_path, stream):
    """The same two-column article written with its lines interleaved across the columns or
    in a shuffled order reads exactly as when it is written in reading order: the stream's
    order is implausible there (benchmarks/README.md: such pages score 0.70 at most, pages
    written in reading order 0.94 or more; the threshold is 0.8), so the geometry orders
    each page."""
    text = _article(_PROSE)
    plain, scrambled = tmp_path / "plain.pdf", tmp_path / "scrambled.pdf"
    render_journal_pdf(text, plain)
    render_journal_pdf(text, scrambled, JournalLayout(stream_order=stream))
    want, base = read_paper_layout(plain)
    got, found = read_paper_layout(scrambled)
    assert got == want
    assert max(ln.page for ln in found.lines) >= 2
    columns = [ln for ln in base.lines if ln.column in ("left", "right")]
    assert {ln.order for ln in columns} == {"stream"}
    assert {ln.order for ln in found.lines if ln.column in ("left", "right")} == {"geometry"}


def test_a_table_and_its_caption_move_out_of_a_sentence_across_a_page(tmp_path):
    """Tables set as floats at the top of the next page with their captions above them: a
    sentence that crosses the page break reads through, the caption ("Table 2 ...") is a
    caption line set with its table after that sentence, and a running head's rule above the
    caption is not taken for the table's top rule."""
    from litmeta.pdf.check import compare

    text = read_paper(ROOT / "papers" / PAPERS["vanderzwan2019"])
    pdf = tmp_path / "captions.pdf"
    render_journal_pdf(text, pdf, JournalLayout(table_captions=True))
    got_text, found = read_paper_layout(pdf)
    lines = found.lines
    captions = [i for i, ln in enumerate(lines) if ln.text.startswith("Table ")]
    assert len(captions) >= 8
    moved = 0
    for i in captions:
        assert lines[i].kind == "caption", lines[i].text
        after = next(ln for ln in lines[i + 1 :] if ln.kind != "caption")
        assert after.kind == "table" and after.page == lines[i].page
        before = lines[i - 1]
        if before.kind == "text":
            assert before.text.rstrip(")\"'").endswith((".", "?", "!", ":")), before.text
        moved += before.page != lines[i].page
    assert moved >= 2  # captions whose table opened a page in the middle of a sentence
    got = compare(text, got_text)
    assert got["contiguous"] == got["sentences"]
    assert got["rows_exact"] >= 126


def test_three_column_front_page(tmp_path):
    """Page 1's front matter set in three columns above the two columns of the body: each
    front column is read to its end before the next, and every sentence stays whole."""
    from litmeta.pdf.check import compare

    text = read_paper(ROOT / "papers" / PAPERS["zandee2021"])
    pdf = tmp_path / "front.pdf"
    render_journal_pdf(text, pdf, JournalLayout(front_columns=3))
    got_text, found = read_paper_layout(pdf)
    first = [ln.column for ln in found.lines if ln.page == 1]
    assert {"left", "middle", "right"} <= set(first)
    middle = first.index("middle")
    assert "left" not in first[middle : first.index("right")]
    got = compare(text, got_text)
    assert got["contiguous"] == got["sentences"]
    assert got["in_order"] == got["sentences"]


@pytest.mark.parametrize("unruled", [False, True], ids=["ruled", "unruled"])
def test_wrapped_table_cells_stay_one_cell(tmp_path, unruled):
    """Cells wider than 80 pt set on two or three lines at the text's leading, rows further
    apart: each wrapped line joins its row's cell (a label's next line, a header's "(n =
    168)", a label ending below the last number) instead of becoming a row of its own."""
    from litmeta.pdf.check import compare

    text = read_paper(ROOT / "papers" / PAPERS["vanderzwan2019"])
    pdf = tmp_path / "wrapped.pdf"
    render_journal_pdf(text, pdf, JournalLayout(wrap_cells=80, unruled=unruled))
    got_text, found = read_paper_layout(pdf)
    lines = got_text.split("\n")
    rows = [
        "Unknown, <i>n</i> (%)\t5 (-)\t7 (-)",
        "Age (years), median (range)\t64 (37-83)\t59 (32-78)",
    ]
    if not unruled:
        rows += [
            "Stomach ulcer caused by NET, coiling necessary due to severe melaena and "
            "haematemesis\t1",
            "Reason\tNumber of patients (<i>n</i> = 15)",
        ]
    for row in rows:
        assert row in lines
        assert found.lines[lines.index(row)].kind == "table"
    got = compare(text, got_text)
    assert got["rows_exact"] >= (70 if unruled else 126)  # as many as unwrapped
    assert got["in_order"] == got["sentences"]


_LONG_TABLE = ["Site of metastasis\tControl (n = 99)\tRetreatment (n = 168)\tp value"] + [
    f"Site {k}\t{k} ({k / 0.99:.1f})\t{2 * k} ({2 * k / 1.68:.1f})\t0.{k:02d}" for k in range(1, 81)
]


def test_a_header_repeated_on_a_continuation_page_is_no_row(tmp_path):
    """A table of 80 rows set as a float crosses onto the next page, where its header is
    printed again, as publishers do: the repeated header is left out of the text (the
    sidecar lists it, kind `repeated table header`), so the header stands once and every
    data row follows it in order, exactly as the .txt has them."""
    from litmeta.pdf.continued import KIND

    para = "The retreatment group was compared with the control group at every site. " * 12
    text = _article(f"{para}\n\n" + "\n".join(_LONG_TABLE) + f"\n\n{para}\n\n{para}")
    pdf = tmp_path / "long.pdf"
    render_journal_pdf(text, pdf, JournalLayout())
    got_text, found = read_paper_layout(pdf)
    lines = got_text.split("\n")
    assert lines.count(_LONG_TABLE[0]) == 1
    start = lines.index(_LONG_TABLE[0])
    assert lines[start : start + len(_LONG_TABLE)] == _LONG_TABLE
    repeated = [d for d in found.dropped if d.kind == KIND]
    assert [d.text for d in repeated] == [_LONG_TABLE[0]] * len(repeated)
    pages = {ln.page for ln in found.lines if ln.kind == "table"}
    assert len(repeated) == len(pages) - 1 >= 1


def test_text_lines_opening_with_superscript_isotopes_are_no_table(tmp_path):
    """vanderzwan2019 with side notes narrowing the columns: on page 7 the lines of both
    columns open with names like "[⁹⁰Y-DOTA,Tyr³]octreotate," in a row. Their digits are
    superscripts, no numbers, so the lines are no cells of an unruled table (they were joined
    across the columns, tab by tab, and a discrepancy's anchor was not found); the values are
    the .txt's."""
    src = ROOT / "papers" / PAPERS["vanderzwan2019"]
    pdf = tmp_path / "notes.pdf"
    render_journal_pdf(src.read_text(encoding="utf-8"), pdf, JournalLayout(side_notes=True))
    text, found = read_paper_layout(pdf)
    assert not [ln.text for ln in found.lines if ln.kind == "table" and "octreot" in ln.text]
    line = next(ln for ln in found.lines if "cumulative OS in patients" in ln.text)
    assert line.kind == "text" and "\t" not in line.text
    assert _values(_spec("vanderzwan2019"), text, tmp_path, "pdf") == _txt_values("vanderzwan2019")


def test_an_unruled_table_whose_column_heads_are_wider_than_its_columns(tmp_path):
    """vanderzwan2019's Table 5 set without rules: its last head, "Median (95% CI)", sticks
    out past the column of p values below it. A short segment on the table's first rows
    that sticks out a little widens the table instead of rejecting it (its rows came out
    column by column and the PFS anchor was not found); anything else that sticks out
    still rejects it, and no sentence is broken that was not before (one is, at a page
    break, with or without this)."""
    from litmeta.pdf.check import compare

    src = ROOT / "papers" / PAPERS["vanderzwan2019"]
    text = read_paper(src)
    pdf = tmp_path / "u.pdf"
    render_journal_pdf(src.read_text(encoding="utf-8"), pdf, JournalLayout(unruled=True))
    got_text, found = read_paper_layout(pdf)
    lines = got_text.split("\n")
    row = (
        "All tumours\t168 (100)\t35.4 (33.0-37.8)\t14.6 (12.4-16.9)\t13 (100)\t14.2 (9.8-18.5)"
        "\t99 (100)\t35.5 (30.3-40.7)\t0.86 ^b"
    )
    assert row in lines and found.lines[lines.index(row)].kind == "table"
    got = compare(text, got_text)
    assert got["rows_exact"] >= 64  # of 128; 47 before
    assert got["contiguous"] >= got["sentences"] - 1


def test_a_new_tables_header_is_kept_after_its_caption():
    """A table opening the next page with the same header as the table closing the page
    before is another table when a caption of its own stands between them ("Table 3 ..."):
    its header stays. A caption "Table 2 (continued)" does not make it another table."""
    from litmeta.pdf.continued import drop_repeated_headers
    from litmeta.pdf.layout import Line

    def row(text, page, top, j, kind="table"):
        return Line(text, page, "full width", 48.0, top, 500.0, top + 7.0, kind, "", j)

    head = "Characteristic\tControl\tTreated"
    before = [row(head, 1, 600.0, 0), row("Age\t61\t60", 1, 610.0, 1)]
    for caption, dropped in (("Table 3 Outcomes at 12 months", 0), ("Table 2 (continued)", 1)):
        lines = [*before, row(caption, 2, 60.0, 0, "caption")]
        lines += [row(head, 2, 70.0, 0), row("Male\t40\t41", 2, 80.0, 1)]
        kept, gone = drop_repeated_headers(lines)
        assert [d.text for d in gone] == [head] * dropped
        assert len(kept) == len(lines) - dropped


def test_text_set_up_the_margin_is_dropped_whole(tmp_path):
    """A download notice set vertically in the left margin of every page (as BMJ journals
    stamp theirs; Clinical Science prints its name so, benchmarks/real_pdfs/): its glyphs
    came out a letter or two a line among the body's lines. It is dropped, one line a page,
    its text whole in the sidecar, and the values are the .txt's."""
    src = ROOT / "papers" / PAPERS["vanderzwan2019"]
    pdf = tmp_path / "stamp.pdf"
    pages = render_journal_pdf(
        src.read_text(encoding="utf-8"), pdf, JournalLayout(margin_stamp=True)
    )
    text, found = read_paper_layout(pdf)
    stamps = [d for d in found.dropped if d.kind == "rotated margin text"]
    assert [d.page for d in stamps] == list(range(1, pages + 1))
    assert stamps[1].text == (
        "J Synth Nucl Med: first published as 10.5555/jsnm-2024-000002 on 5 May 2024. "
        "Downloaded from https://jsnm.example.org on 7 December 2026 by guest."
    )
    assert not [ln for ln in found.lines if len(ln.text.strip()) <= 2]
    assert "Downloaded" not in text and "jsnm-2024" not in text
    assert _values(_spec("vanderzwan2019"), text, tmp_path, "pdf") == _txt_values("vanderzwan2019")


def _small_table_in_a_column(path: Path) -> None:
    """A page of two columns of running text with, atop the right column, a table set in
    small print as Clinical Science sets its Table 2 (benchmarks/real_pdfs/): its caption's
    number set apart from its title, a rule above the caption, rules above and below a
    single column head ("Parameter") a point narrower than the others, no head over the
    values, and a rule under the last row."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setLineWidth(0.5)
    rows = [
        ("Resolution (A)", "2.2"),
        ("Space group", "P1"),
        ("Number of molecules in ASU", "2"),
        ("Redundancy", "3.9 (3.9)"),
        ("Total/unique reflections", "281360/73018"),
        ("Completeness (%)", "91.4 (88.7)"),
        ("Protein main chain (chain A/B)", "25.5/29.8"),
        ("Solvent", "25.8"),
    ]
    top = 780.0
    c.line(308, top, 538, top)
    c.setFont("Helvetica-Bold", 7.5)
    c.drawString(308, top - 9, "Table 2")
    c.setFont("Helvetica", 7.5)
    c.drawString(345, top - 9, "Crystallographic statistics of the complex")
    c.drawString(308, top - 18, "Values in parentheses are for the last resolution shell.")
    c.line(309, top - 23, 537, top - 23)
    c.drawString(309, top - 32, "Parameter")
    c.line(309, top - 36, 537, top - 36)
    y = top - 46
    for label, value in rows:
        c.drawString(309, y, label)
        c.drawString(426, y, value)
        y -= 12
    c.line(308, y + 6, 538, y + 6)
    c.setFont("Helvetica", 9.5)
    for k in range(1, 51):
        c.drawString(58, 790 - 13 * k, f"Left column line {k} of the running text here.")
    for k in range(1, 36):
        c.drawString(308, y - 6 - 13 * k, f"Right column line {k} of the running text.")
    c.save()


def test_a_small_table_in_a_column_with_a_lone_column_head(tmp_path):
    """The table is read row by row, label and value tab-joined, and its caption is one
    line: its rules were not paired (their ends differ by a point), its one column head
    was no header, and the table was taken for a side note, read column by column, the
    caption's title cut from its number."""
    pdf = tmp_path / "table.pdf"
    _small_table_in_a_column(pdf)
    _, found = read_paper_layout(pdf)
    table = [ln.text for ln in found.lines if ln.kind == "table"]
    assert "Total/unique reflections\t281360/73018" in table
    assert "Protein main chain (chain A/B)\t25.5/29.8" in table
    assert table.index("Resolution (A)\t2.2") < table.index("Solvent\t25.8")
    captions = [ln.text for ln in found.lines if ln.kind == "caption"]
    assert captions[0] == "Table 2 Crystallographic statistics of the complex"
    assert not [ln for ln in found.lines if ln.kind == "aside"]
    text = [ln.text for ln in found.lines if ln.kind == "text"]
    assert text[0] == "Left column line 1 of the running text here."
    assert text[50] == "Right column line 1 of the running text."


@pytest.mark.parametrize(
    ("paper_id", "row"),
    [("iqbal2024", "Female\t13(52%)"), ("lazarenko2026", None)],
)
def test_a_small_print_table_in_a_column_is_read_row_by_row(tmp_path, paper_id, row):
    """Unruled tables set inside a column in the tables' small print: a table with one
    column of numbers is found by no pair of number columns, and its row labels and its
    values, each one run a line clear of the body, were two side notes read one after the
    other (iqbal2024's "Female 13(52%) Male 12(48%)" and a value of lazarenko2026 were not
    found). Side by side on shared rows, the values numbers, they are one table's columns,
    read row by row; the values are the .txt's."""
    src = ROOT / "papers" / PAPERS[paper_id]
    pdf = tmp_path / "table.pdf"
    layout_ = JournalLayout(unruled=True, table_in_column=True)
    render_journal_pdf(src.read_text(encoding="utf-8"), pdf, layout_)
    text, found = read_paper_layout(pdf)
    if row:
        assert row in [ln.text for ln in found.lines if ln.kind == "table"]
    assert _values(_spec(paper_id), text, tmp_path, "pdf") == _txt_values(paper_id)


def test_a_column_of_two_p_values_ends_its_rows(tmp_path):
    """vanderzwan2019's Table 7 without rules: its p-value column holds one value under
    its head, too few rows to be found as a column of numbers, and small print clear of
    the body, so "0.56" was read as a side note after the page and the row "Any 8 (3.5%)
    4 (2.2%) 0.56" its anchor needs was not found. A number cell on a table row's
    baseline, right of its last cell, ends that row; the values are the .txt's."""
    src = ROOT / "papers" / PAPERS["vanderzwan2019"]
    pdf = tmp_path / "unruled.pdf"
    render_journal_pdf(src.read_text(encoding="utf-8"), pdf, JournalLayout(unruled=True))
    text, found = read_paper_layout(pdf)
    assert "Any\t8 (3.5%)\t4 (2.2%)\t0.56" in [ln.text for ln in found.lines if ln.kind == "table"]
    assert "0.56" not in [ln.text for ln in found.lines if ln.kind == "aside"]
    assert _values(_spec("vanderzwan2019"), text, tmp_path, "pdf") == _txt_values("vanderzwan2019")


def _subscripts(path: Path) -> None:
    """Running text with subscripts set smaller and lowered ("P₂", "Kᵢ") and a "±" printed
    as a "+" over a "−" in one box, as Clinical Science sets them (benchmarks/real_pdfs/)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)

    def run(x: float, y: float, text: str, size: float = 10.0) -> float:
        c.setFont("Helvetica", size)
        c.drawString(x, y, text)
        return x + c.stringWidth(text, "Helvetica", size)

    for k in range(1, 13):
        y = 760 - 13 * k
        if k == 4:
            x = run(60, y, "the prominence of the P")
            x = run(x, y - 3, "2", 7)
            run(x, y, " position in conferring N-selectivity and the presence of a")
        elif k == 6:
            x = run(60, y, "inhibition (K")
            x = run(x, y - 3, "i", 7)
            x = run(x, y, " = 11.21 ")
            run(x, y - 2, "+")
            run(x, y - 6, "\u2212")
            run(x + c.stringWidth("+", "Helvetica", 10), y, " 0.74 nM) in a similar range to the")
        else:
            run(60, y, f"Line {k} of the running text of the paper, set in one column.")
    c.save()


def test_subscripts_stand_on_their_line_and_a_stacked_plus_minus_is_one(tmp_path):
    """A subscript stood on a line of its own between two lines of its sentence (a stray
    "2" inside a sentence), and a "±" drawn as two glyphs came out "+ −"."""
    pdf = tmp_path / "sub.pdf"
    _subscripts(pdf)
    _, found = read_paper_layout(pdf)
    lines = [ln.text for ln in found.lines]
    assert len(lines) == 12
    assert (
        lines[3]
        == "the prominence of the P 2 position in conferring N-selectivity and the presence of a"
    )
    assert lines[5] == "inhibition (K i = 11.21 ± 0.74 nM) in a similar range to the"


def _side_notes_close_by(path: Path) -> None:
    """A justified abstract in 9 pt with a column of 6.5 pt notes beside it, 8.5 pt right of
    its right edge (less than the text's size) and on its baselines, as The Lancet's
    journals set the journal, dates and addresses beside a summary (benchmarks/real_pdfs/)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    prose = (
        "Internet-based interventions for smoking cessation could help millions of people "
        "stop smoking at very low unit costs; however, long-term evidence is scarce and such "
        "interventions might be less effective for smokers with low socioeconomic status "
        "than for those with high status because of lower online literacy to engage with "
        "websites. We aimed to assess a new interactive internet-based intervention for "
        "smoking cessation that was designed with particular attention directed to people "
        "with low socioeconomic status. We did this online randomised controlled trial in "
        "the UK between two dates, with participants aged 18 years and older who smoked "
        "every day, randomly assigned to the new website or to an information-only website. "
    )
    words = (prose * 2).split(" ")[:-1]
    notes = ["Lancet Respir Med 2014", "Published Online", "September 25, 2014", "See Comment"]
    left, right, y, k = 37.0, 476.0, 760.0, 0
    while words:
        line: list[str] = []
        while words and c.stringWidth(" ".join([*line, words[0]]), "Times-Roman", 9) < 439:
            line.append(words.pop(0))
        text = c.beginText(left, y)
        text.setFont("Times-Roman", 9)
        if words:  # justified: the spaces take up what the words leave
            spare = right - left - c.stringWidth(" ".join(line), "Times-Roman", 9)
            text.setWordSpace(spare / (len(line) - 1))
        text.textLine(" ".join(line))
        c.drawText(text)
        if k < len(notes):
            c.setFont("Helvetica", 6.5)
            c.drawString(right + 8.5, y, notes[k])
        y -= 11
        k += 1
    c.save()


def test_side_notes_close_to_justified_text_are_no_part_of_its_lines(tmp_path):
    """The notes' gap from the text (8.5 pt) is under a font size, so each note was read as
    the end of the text's line ("...stop smoking at very Lancet Respir Med 2014 low unit
    costs"); a gap of half a size where the size drops by more than a tenth ends the line."""
    pdf = tmp_path / "side.pdf"
    _side_notes_close_by(pdf)
    _, found = read_paper_layout(pdf)
    text = " ".join(ln.text for ln in found.lines if ln.kind == "text")
    assert "at very low unit costs; however, long-term evidence" in text
    assert "Lancet" not in text and "Published" not in text
    notes = [ln.text for ln in found.lines if ln.kind == "aside"]
    assert notes == ["Lancet Respir Med 2014", "Published Online", "September 25, 2014"] + [
        "See Comment"
    ]


def _rules_in_pieces(path: Path) -> None:
    """Running text, then a small-print table whose top rule is a hairline rectangle left
    open (a path pdfminer calls a curve) and whose header's rule is drawn column by column,
    its cells centred, with a label-only row ("Diet") after its first two rows, as BMC
    Cancer sets its tables (benchmarks/real_pdfs/)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    for k in range(8):
        c.drawString(
            57, 780 - 13 * k, f"Line {k + 1} of the running text of the paper, set across."
        )
    left, right = 57.0, 539.0
    cols = [57.0, 190.0, 290.0, 390.0, 521.0]
    rows = [
        ("Variable", "Baseline mean (SD)", "Six weeks mean (SD)", "Change (95%CI)", "p"),
        ("MVPA, mins/week", "66.6 (21.1)", "217.3 (34.7)", "150.7 (22.7 110.5)", "<0.01"),
        ("TV viewing, hrs/week", "12.9 (1.7)", "11.5 (1.6)", "-1.4 (-4.0 1.2)", "0.28"),
        ("Diet", "", "", "", ""),
        ("Red meat, serves/week", "2.8 (1.5)", "2.8 (1.5)", "0.02 (-0.6 0.6)", "0.93"),
        ("Fruit, serves/day", "1.8 (0.9)", "2.2 (1.2)", "0.3 (-0.3 0.9)", "0.27"),
        ("Alcohol, drinks/day", "1.9 (0.3)", "1.5 (0.3)", "-0.4 (-0.8 0.1)", "0.13"),
    ]
    top = 660.0
    p = c.beginPath()  # the top rule: a hairline rectangle's path, never closed
    p.moveTo(left, top)
    p.lineTo(right, top)
    p.lineTo(right, top - 0.1)
    p.lineTo(left, top - 0.1)
    c.drawPath(p, stroke=0, fill=1)
    c.setFont("Helvetica", 8)
    for i, row in enumerate(rows):
        y = top - 10 - 15 * i
        c.drawString(left, y, row[0])
        for x0, x1, cell in zip(cols[1:], [*cols[2:], right], row[1:], strict=True):
            c.drawCentredString((x0 + x1) / 2, y, cell)  # centred: no edges line up
        if i == 0:  # the header's rule, one piece per column
            for x0, x1 in zip(cols, [*cols[1:], right], strict=True):
                c.rect(x0, y - 4, x1 - x0, 0.1, stroke=0, fill=1)
    c.rect(left, top - 15 * len(rows) - 2, right - left, 0.1, stroke=0, fill=1)
    c.setFont("Helvetica", 10)
    for k in range(8):
        c.drawString(
            57, 540 - 13 * k, f"Line {k + 9} of the running text of the paper, set across."
        )
    c.save()


def test_a_table_ruled_by_an_open_path_and_a_rule_in_pieces_is_one_table(tmp_path):
    """The open top rule was no rule and the header's pieces were rules of other widths, so
    the table was left to the unruled finder: here it lost the header; on BMC Cancer's page
    it lost the two rows above the label-only row too, read as text with their p values
    as a side note ("MVPA, mins/week 66.6 (21.1) 217.3 (34.7) 150.7 (22.7 110.5)")."""
    pdf = tmp_path / "pieces.pdf"
    _rules_in_pieces(pdf)
    _, found = read_paper_layout(pdf)
    table = [ln.text for ln in found.lines if ln.kind == "table"]
    assert table[:4] == [
        "Variable\tBaseline mean (SD)\tSix weeks mean (SD)\tChange (95%CI)\tp",
        "MVPA, mins/week\t66.6 (21.1)\t217.3 (34.7)\t150.7 (22.7 110.5)\t<0.01",
        "TV viewing, hrs/week\t12.9 (1.7)\t11.5 (1.6)\t-1.4 (-4.0 1.2)\t0.28",
        "Diet",
    ]
    assert len(table) == 7
    assert not [ln for ln in found.lines if ln.kind == "aside"]


def _panel_in_two_columns(path: Path) -> None:
    """A shaded panel whose text is set in two columns, as The Lancet's journals set
    "Research in context" on an article's second page, above two columns of running text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFillGray(0.9)
    c.rect(50, 560, 495, 230, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont("Helvetica", 8)
    for col, x in enumerate((60.0, 305.0)):
        for k in range(12):
            c.drawString(x, 770 - 11 * k, f"Panel column {col + 1} line {k + 1} of the evidence")
    c.setFont("Helvetica", 10)
    for col, x in enumerate((50.0, 305.0)):
        for k in range(30):
            c.drawString(x, 530 - 13 * k, f"Body column {col + 1}, line {k + 1} of the text.")
    c.save()


def test_a_panel_set_in_two_columns_is_read_column_by_column(tmp_path):
    """The panel's lines were read top to bottom across both of its columns, so each of its
    sentences had the other column's lines inside it."""
    pdf = tmp_path / "panel.pdf"
    _panel_in_two_columns(pdf)
    _, found = read_paper_layout(pdf)
    box = [ln.text for ln in found.lines if ln.kind == "box"]
    want = [f"Panel column {c} line {k} of the evidence" for c in (1, 2) for k in range(1, 13)]
    assert box == want


def _references_beside_text(path: Path) -> None:
    """A back-matter page in two columns of small print: declarations on the left, a
    reference list on the right whose entries open with their number and whose next lines
    are indented, as BMC sets the last pages of an article."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 7.5)
    for k in range(60):
        c.drawString(57, 780 - 9 * k, f"Declarations line {k + 1} in the left column of the page.")
    y = 780.0
    for n in range(12, 32):
        c.drawString(305, y, f"{n}. Author A, Author B. Title of reference {n}, first line of it.")
        for k in range(2 if n % 2 else 1):
            y -= 9
            c.drawString(320, y, f"Journal name and pages of reference {n}, line {k + 2}.")
        y -= 11
    c.save()


def test_a_reference_list_with_hanging_indents_is_a_column(tmp_path):
    """Fewer than half the list's lines start at its left edge (the others at the indent), so
    the gutter beside it was no column's edge and the two columns were read as one, line by
    line across the page; a hanging indent now counts as the column's edge."""
    pdf = tmp_path / "refs.pdf"
    _references_beside_text(pdf)
    _, found = read_paper_layout(pdf)
    lines = [ln.text for ln in found.lines]
    assert lines[:60] == [
        f"Declarations line {k} in the left column of the page." for k in range(1, 61)
    ]
    assert lines[60] == "12. Author A, Author B. Title of reference 12, first line of it."
    assert lines[61] == "Journal name and pages of reference 12, line 2."


def _small_print_references(path: Path) -> None:
    """A page of running text, then a page whose two columns of small print (a reference
    list) keep their baselines in step, some of their lines short and ending in a volume
    and pages, as The Lancet sets its references."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 10)
    for k in range(60):
        c.drawString(
            57, 780 - 12 * k, f"Line {k + 1} of the running text of the paper, in the body."
        )
    c.showPage()
    c.setFont("Times-Roman", 7)
    for col, x in enumerate((51.0, 276.0)):
        for k in range(40):
            y = 780 - 8 * k
            if k % 4 == 3:
                c.drawString(x, y, f"2015; {col + 2}{k}: 879-85.")
            else:
                c.drawString(x, y, f"Column {col + 1} reference line {k + 1}, authors and title.")
    c.save()


def test_two_columns_of_small_print_text_are_no_table(tmp_path):
    """Each column of the reference list was an aside and the right one, on the left one's
    baselines with ten short lines holding numbers, was taken for the values of a
    small-print table: the two columns came out joined line by line with tabs."""
    pdf = tmp_path / "refs.pdf"
    _small_print_references(pdf)
    _, found = read_paper_layout(pdf)
    page = [ln for ln in found.lines if ln.page == 2]
    assert not [ln for ln in page if ln.kind == "table" or "\t" in ln.text]
    left = [ln.text for ln in page if ln.x0 < 200]
    assert left[0] == "Column 1 reference line 1, authors and title."
    assert left[3] == "2015; 23: 879-85."


def _panel_table(c, x0: float, x1: float, top: float, rows, cols, shade: bool) -> float:
    """A table in a framed, tinted panel, as The Lancet sets them: every other row drawn on
    white cell rectangles (one per cell), the rows between on the panel's tint; a row of
    one cell is a group's label, a label of two lines (set closer than the rows) has its
    values on the first."""
    pitch = [12 + 8.5 * (len(r[0].split("|")) - 1) for r in rows]
    height = sum(pitch) + 30
    c.setFillColorRGB(0.98, 0.9, 0.9)
    c.rect(x0, top - height, x1 - x0, height, stroke=1, fill=1)
    y = top - 20
    for i, (label, *values) in enumerate(rows):
        if shade and i % 2 == 0:
            c.setFillGray(1)
            edges = [x0 + 6, *cols, x1 - 6]
            for a, b in zip(edges, edges[1:], strict=False):
                c.rect(a, y - pitch[i] + 9, b - a, pitch[i], stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont("Helvetica", 7)
        for k, part in enumerate(label.split("|")):
            c.drawString(x0 + 9, y - 8.5 * k, part)
        for x, v in zip(cols, values, strict=False):
            c.drawString(x + 3, y, v)
        y -= pitch[i]
    return top - height


def _lancet_panels(path: Path) -> None:
    """Page 1: running text in the left column, beside it a table in a panel (short lines
    of text in the body's larger print, on the table's baselines); page 2: two panels side
    by side, each a table whose group labels run over its columns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 9)
    for k in range(50):
        c.drawString(37, 780 - 11 * k, f"Line {k + 1} of running text beside the panel.")
    rows = [
        ("Total|participants", "978", "494"),
        ("Participants in|Lofa, Liberia", "200", "99"),
        ("Age|(years)", "41.5 (16.4)", "42.8 (16.1)"),
        ("Weight|(kg)", "51.6 (8.40)", "51.6 (7.90)"),
        ("Skin microfilariae density across|all participants", "38.8 (30.5)", "41.2 (31.3)"),
        ("Skin microfilariae density among|adults", "39.4 (31.0)", "41.9 (31.7)"),
        ("Skin microfilariae density among|12-17-year-olds", "29.2 (17.7)", "27.0 (15.3)"),
        (
            "Microfilariae in the anterior|chamber across both eyes in"
            "|participants with more than|10 in the anterior chamber",
            "26.1 (19.6)",
            "26.1 (18.2)",
        ),
    ]
    _panel_table(c, 262, 520, 790, rows, [420, 470], shade=True)
    c.showPage()
    groups = [
        ("Serious adverse events",),
        ("Any grade", "39 (4%)", "17 (3%)", "0", "0"),
        ("1", "1 (<1%)", "0", "0", "0"),
        ("2", "12 (1%)", "9 (2%)", "0", "0"),
        ("Unrelated adverse events",),
        ("Any grade", "950 (97%)", "483 (98%)", "50 (91%)", "23 (96%)"),
        ("1", "897 (92%)", "458 (93%)", "48 (87%)", "23 (96%)"),
        ("2", "611 (63%)", "305 (62%)", "13 (24%)", "1 (4%)"),
    ]
    _panel_table(c, 43, 255, 790, groups, [88, 128, 168, 208], shade=True)
    _panel_table(c, 262, 476, 790, groups, [307, 347, 387, 427], shade=True)
    c.save()


def test_tables_in_tinted_panels_come_out_as_rows(tmp_path):
    """The Lancet's tables (benchmarks/real_pdfs/lancet_opoku2018.pdf): each white row was
    a ruled grid of its own (its cell rectangles), the tinted rows between asides; found
    from their columns instead, the labels took in the running text beside the panel (its
    short lines), two panels side by side were one table, a group's label running over the
    columns ("Serious adverse events") merged the label column with the first values, and
    the rows with labels over two lines were too few for a table."""
    pdf = tmp_path / "panels.pdf"
    _lancet_panels(pdf)
    _, found = read_paper_layout(pdf)
    table = [ln.text for ln in found.lines if ln.kind == "table" and ln.page == 1]
    assert table == [
        "Total participants\t978\t494",
        "Participants in Lofa, Liberia\t200\t99",
        "Age (years)\t41.5 (16.4)\t42.8 (16.1)",
        "Weight (kg)\t51.6 (8.40)\t51.6 (7.90)",
        "Skin microfilariae density across all participants\t38.8 (30.5)\t41.2 (31.3)",
        "Skin microfilariae density among adults\t39.4 (31.0)\t41.9 (31.7)",
        "Skin microfilariae density among 12-17-year-olds\t29.2 (17.7)\t27.0 (15.3)",
        (
            "Microfilariae in the anterior chamber across both eyes in participants with more"
            " than 10 in the anterior chamber\t26.1 (19.6)\t26.1 (18.2)"
        ),
    ]
    text = [ln.text for ln in found.lines if ln.kind == "text" and ln.page == 1]
    assert text == [f"Line {k} of running text beside the panel." for k in range(1, 51)]
    page2 = [ln for ln in found.lines if ln.kind == "table" and ln.page == 2]
    want = [
        "Serious adverse events",
        "Any grade\t39 (4%)\t17 (3%)\t0\t0",
        "1\t1 (<1%)\t0\t0\t0",
        "2\t12 (1%)\t9 (2%)\t0\t0",
        "Unrelated adverse events",
        "Any grade\t950 (97%)\t483 (98%)\t50 (91%)\t23 (96%)",
        "1\t897 (92%)\t458 (93%)\t48 (87%)\t23 (96%)",
        "2\t611 (63%)\t305 (62%)\t13 (24%)\t1 (4%)",
    ]
    assert [ln.text for ln in page2 if ln.x0 < 250] == want
    assert [ln.text for ln in page2 if ln.x0 > 250] == want


def _header_rule_short(path: Path) -> None:
    """Running text, then a table under rules of the page's width except the header's,
    5 pt shorter at its right end, as JMIR sets its tables: its first rows are a label with
    two values and a group's label over an indented row."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 10)
    for k in range(6):
        c.drawString(43, 790 - 13 * k, f"Line {k + 1} of the running text above the table.")
    c.setFont("Times-Roman", 9)
    c.drawString(43, 700, "Table 1. Characteristics of the participants in the trial.")
    c.setLineWidth(0.5)
    c.line(42, 690, 553, 690)
    c.drawString(286, 678, "Intervention (n=123)")
    c.drawString(430, 678, "Control (n=125)")
    c.line(43, 670, 548, 670)
    rows = [
        ("Age in years, mean (SD)", "", "28.1 (4.9)", "27.2 (4.9)"),
        ("Gender, n (%)", "", "", ""),
        ("", "Female", "73 (59.3)", "79 (63.2)"),
        ("Weight status", "", "", ""),
        ("", "Normal BMI 23.0-24.9", "24 (19.5)", "33 (26.4)"),
        ("", "Overweight BMI 25.0-29.9", "83 (67.5)", "70 (56.0)"),
        ("WHO-5 score", "", "11.8 (4.7)", "12.9 (4.5)"),
    ]
    for i, row in enumerate(rows):
        for x, cell in zip((47, 143, 286, 430), row, strict=True):
            c.drawString(x, 655 - 16 * i, cell)
    c.line(42, 540, 553, 540)
    c.setFont("Times-Roman", 10)
    for k in range(6):
        c.drawString(43, 515 - 13 * k, f"Line {k + 7} of the running text below the table.")
    c.save()


def test_a_header_rule_shorter_than_the_tables_other_rules(tmp_path):
    """The header's rule, 5 pt short of the others, was no rule of the table, so its rules
    made no triple and the table was left to the unruled finder, which lost its first rows
    (JMIR mHealth, benchmarks/real_pdfs/): rules whose ends differ by up to 2% of their
    length are one table's."""
    pdf = tmp_path / "short.pdf"
    _header_rule_short(pdf)
    _, found = read_paper_layout(pdf)
    table = [" ".join(ln.text.split()) for ln in found.lines if ln.kind == "table"]
    assert table == [
        "Intervention (n=123) Control (n=125)",
        "Age in years, mean (SD) 28.1 (4.9) 27.2 (4.9)",
        "Gender, n (%)",
        "Female 73 (59.3) 79 (63.2)",
        "Weight status",
        "Normal BMI 23.0-24.9 24 (19.5) 33 (26.4)",
        "Overweight BMI 25.0-29.9 83 (67.5) 70 (56.0)",
        "WHO-5 score 11.8 (4.7) 12.9 (4.5)",
    ]


def _counts_over_percentages(path: Path) -> None:
    """Two ruled tables as PAIN sets them: the first with each count's percentage on the
    line below it, the rows set no further apart than those lines; the second with a head
    over each pair of columns, the last one wider than the gap between its two columns,
    and each value's range below it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 10)
    for k in range(5):
        c.drawString(57, 790 - 13 * k, f"Line {k + 1} of the running text above the tables.")
    c.setFont("Times-Roman", 7.5)
    c.setLineWidth(0.5)
    c.drawString(57, 715, "Table 3")
    c.drawString(57, 706, "Analysis of contacts onto different types of projection neuron.")
    c.line(57, 700, 539, 700)
    heads = ("Rat", "Total cells", "NK1r cells", "Giant cells", "Lacking cells", "Contacts (%)")
    xs = (66, 140, 215, 290, 365, 440)
    for x, h in zip(xs, heads, strict=True):
        c.drawString(x, 690, h)
    c.line(57, 684, 539, 684)
    rows = [
        ("1", "254", "183|(72%)", "7|(2.8%)", "64|(25.2%)", "28"),
        ("2", "190", "134|(70.5%)", "3|(1.6%)", "53|(27.9%)", "26.9"),
        ("Mean", "207.8", "148.5|(71.6%)", "4.5|(2.1%)", "54.8|(26.3%)", "26.1"),
    ]
    y = 674.0
    for row in rows:
        for x, cell in zip(xs, row, strict=True):
            for k, part in enumerate(cell.split("|")):
                c.drawString(x, y - 8.5 * k, part)
        y -= 17
    c.line(57, y + 5, 539, y + 5)
    c.drawString(57, 580, "Table 4")
    c.drawString(57, 571, "Contact density on projection neurons.")
    c.line(57, 565, 539, 565)
    pairs = (("Group one", 150), ("Group two", 250), ("Third group of boutons", 350))
    for head, x in pairs:
        c.drawString(x, 555, head)
        c.line(x, 550, x + 90, 550)
    for _, x in pairs:
        c.drawString(x, 541, "Number")
        c.drawString(x + 50, 541, "Density")
    c.line(57, 535, 539, 535)
    rows4 = [
        ("Lacking (n = 20)", "79.9|(30-210)", "31.6|(20.8-45.9)", "0.2|(0-2)", "0.1|(0-0.5)"),
        ("Positive (n = 18)", "43.6|(14-145)", "8.5|(2.8-24.3)", "3.2|(0-7)", "0.6|(0-1.5)"),
    ]
    y = 525.0
    for label, *cells in rows4:
        c.drawString(60, y, label)
        extra = (
            ("26.5|(5-99)", "9.7|(4-22.4)")
            if label.startswith("L")
            else ("87.7|(23-137)", "16.8|(9.3-31.8)")
        )
        for x, cell in zip((150, 200, 250, 300, 350, 400), [*cells, *extra], strict=True):
            for k, part in enumerate(cell.split("|")):
                c.drawString(x, y - 8.5 * k, part)
        y -= 20
    c.line(57, y + 5, 539, y + 5)
    c.setFont("Times-Roman", 10)
    for k in range(5):
        c.drawString(57, 440 - 13 * k, f"Line {k + 6} of the running text below the tables.")
    c.save()


def test_a_count_over_its_percentage_and_a_head_over_two_columns(tmp_path):
    """PAIN (benchmarks/real_pdfs/pain_baseer2014.pdf): a line of bracketed values under
    the counts, set as close as the rows, was a row of its own ("(72%) (2.8%) (25.2%)"); and
    a head wider than the gap between its two columns made one cell of two values and
    their ranges ("26.5 9.7 (5-99) (4-22.4)", a value misread), now the columns are the
    strips free of words on the rows of values."""
    pdf = tmp_path / "pain.pdf"
    _counts_over_percentages(pdf)
    _, found = read_paper_layout(pdf)
    table = [ln.text for ln in found.lines if ln.kind == "table"]
    assert "1\t254\t183 (72%)\t7 (2.8%)\t64 (25.2%)\t28" in table
    assert "Mean\t207.8\t148.5 (71.6%)\t4.5 (2.1%)\t54.8 (26.3%)\t26.1" in table
    assert not [t for t in table if t.lstrip().startswith("(")]
    want = "\t".join(
        ["Lacking (n = 20)", "79.9 (30-210)", "31.6 (20.8-45.9)", "0.2 (0-2)", "0.1 (0-0.5)"]
        + ["26.5 (5-99)", "9.7 (4-22.4)"]
    )
    assert want in table


def _caption_atop_pages(path: Path) -> None:
    """Three pages, each opening with the same table caption (a table running over them, as
    BMC sets a long table on landscape pages, its running head up the side), each with a
    running foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for page in range(3):
        c.setFont("Helvetica", 8)
        c.drawString(57, 30, "Epton et al. BMC Public Health 2014, 14:563")
        c.setFont("Helvetica-Bold", 9)
        c.drawString(57, 800, "Table 2 Estimated marginal means and p values of the outcomes")
        c.setFont("Helvetica", 9)
        for k in range(20):
            y = 770 - 14 * k
            c.drawString(57, y, f"Outcome {page * 20 + k + 1}")
            c.drawString(300, y, f"{5 + k}.{page}1")
            c.drawString(400, y, f".{k + 10}")
        c.showPage()
    c.save()


def test_a_table_caption_repeated_atop_its_pages_is_no_running_head(tmp_path):
    """The caption of a table running over three pages stood atop each of them, so it was
    dropped as a running head (BMC Public Health, benchmarks/real_pdfs/epton2014)."""
    pdf = tmp_path / "caption.pdf"
    _caption_atop_pages(pdf)
    lines, found = read_paper_layout(pdf)
    caption = "Table 2 Estimated marginal means and p values of the outcomes"
    assert [ln.text for ln in found.lines].count(caption) == 3
    assert not [d for d in found.dropped if d.text == caption]
    heads = [d for d in found.dropped if d.kind == "running foot"]
    assert [d.text for d in heads] == ["Epton et al. BMC Public Health 2014, 14:563"] * 3


def _banner_over_title(path: Path) -> None:
    """BMC's first page: a band across the page ("RESEARCH  Open Access"), a logo just below
    its right end, the article's title beside the logo, then running text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFillColorRGB(0.2, 0.6, 0.6)
    c.rect(57, 735, 482, 17, stroke=0, fill=1)
    c.rect(484, 708, 23, 22, stroke=0, fill=1)  # the logo
    c.setFillGray(1)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(61, 739, "RESEARCH")
    c.drawString(461, 739, "Open Access")
    c.setFillGray(0)
    c.setFont("Helvetica", 20)
    c.drawString(57, 706, "Promoting physical activity among")
    c.drawString(57, 684, "adolescent girls: a group trial")
    c.setFont("Times-Roman", 10)
    for k in range(30):
        c.drawString(57, 640 - 13 * k, f"Line {k + 1} of the running text of the paper.")
    c.save()


def test_a_banner_across_the_page_is_no_part_of_a_figure(tmp_path):
    """The band and the logo below it were joined into one figure, which took in the title's
    first line (Int J Behav Nutr Phys Act, benchmarks/real_pdfs/okely2017)."""
    pdf = tmp_path / "banner.pdf"
    _banner_over_title(pdf)
    text, found = read_paper_layout(pdf)
    assert not [ln for ln in found.lines if ln.kind == "figure"]
    assert "Promoting physical activity among adolescent girls: a group trial" in " ".join(
        text.split()
    )


def test_labels_far_left_of_a_tables_numbers_are_its_labels(tmp_path):
    """A table across the page without rules, its labels at the page's left and its numbers
    from the middle on, more than 12 font sizes apart: the labels were read as text lines
    and the numbers as rows of their own (BMC Public Health's continued Table 1,
    benchmarks/real_pdfs/epton2014)."""
    pdf = tmp_path / "far.pdf"
    _caption_atop_pages(pdf)
    _, found = read_paper_layout(pdf)
    table = [ln.text for ln in found.lines if ln.kind == "table"]
    assert "Outcome 1\t5.01\t.10" in table
    assert "Outcome 60\t24.21\t.29" in table
    assert not [ln for ln in found.lines if ln.text.startswith("Outcome") and ln.kind != "table"]


def _table_on_its_side(path: Path, angle: int) -> None:
    """A page of running text, then an upright page with a wide table turned a quarter
    (``angle`` 90: reading up the page; -90: down it), its heads over four lines (groups,
    then heads over two lines), as BMC's journals set a wide table; the running head stays
    upright."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 10)
    for k in range(50):
        c.drawString(57, 780 - 13 * k, f"Line {k + 1} of the running text of the paper.")
    c.showPage()
    c.setFont("Helvetica", 8)
    c.drawString(57, 815, "Okely et al. Int J Behav Nutr Phys Act (2017) 14:81")
    c.saveState()
    c.translate(*((450, 60) if angle == 90 else (200, 780)))
    c.rotate(angle)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(0, 10, "Table 1 Intention-to-treat analysis for primary outcomes")
    c.setLineWidth(0.5)
    c.line(0, 0, 700, 0)
    c.setFont("Helvetica", 8)
    c.drawString(150, -12, "Baseline")
    c.drawString(450, -12, "Follow-up")
    for x, head in (
        (150, "Intervention"),
        (250, "Control"),
        (450, "Intervention"),
        (550, "Control"),
    ):
        c.drawString(x, -26, head)
    c.drawString(620, -12, "Est. of effect")
    c.drawString(620, -21, "(95% CI)")
    for x, n in ((150, "566"), (250, "633"), (450, "306"), (550, "298")):
        c.drawString(x, -36, f"(n = {n})")
    c.line(0, -42, 700, -42)
    rows = [
        ("Light activity, mins/day", "271.50", "261.87", "239.61", "239.14", "-4.69"),
        ("Moderate activity, mins/day", "33.13", "32.23", "25.65", "25.00", "-0.53"),
        ("Vigorous activity, mins/day", "2.40", "2.82", "1.33", "1.50", "0.24"),
        ("Sedentary activity, mins/day", "476.10", "480.43", "497.43", "508.2", "-2.81"),
    ]
    for i, row in enumerate(rows):
        for x, cell in zip((0, 150, 250, 450, 550, 620), row, strict=True):
            c.drawString(x, -56 - 16 * i, cell)
    c.line(0, -56 - 16 * len(rows), 700, -56 - 16 * len(rows))
    c.restoreState()
    c.save()


@pytest.mark.parametrize("angle", [90, -90])
def test_a_table_turned_on_its_side_is_read_turned_back(tmp_path, angle):
    """A page whose glyphs are nearly all set on their side is read turned back: the table
    came out as glyphs scattered over lines of a few characters (Int J Behav Nutr Phys Act,
    benchmarks/real_pdfs/okely2017); a header of four lines makes a booktabs table's head."""
    pdf = tmp_path / "turned.pdf"
    _table_on_its_side(pdf, angle)
    _, found = read_paper_layout(pdf)
    page = [ln for ln in found.lines if ln.page == 2]
    table = [ln.text for ln in page if ln.kind == "table"]
    assert table[-4:] == [
        "Light activity, mins/day\t271.50\t261.87\t239.61\t239.14\t-4.69",
        "Moderate activity, mins/day\t33.13\t32.23\t25.65\t25.00\t-0.53",
        "Vigorous activity, mins/day\t2.40\t2.82\t1.33\t1.50\t0.24",
        "Sedentary activity, mins/day\t476.10\t480.43\t497.43\t508.2\t-2.81",
    ]
    assert "Table 1 Intention-to-treat analysis for primary outcomes" in [ln.text for ln in page]


@pytest.mark.parametrize("in_column", [False, True], ids=["full width", "in a column"])
def test_labels_right_of_a_tables_numbers_are_its_labels(tmp_path, in_column):
    """kalantarhormozi2020's Table 2 sets its labels after its numbers ("3  3  Leucopenia"):
    set without rules, the labels were left out of the table (asides or text) and the spec's
    anchor was not found, a loud stop (benchmarks/pdf_values.py, three layouts)."""
    text = read_paper(ROOT / "papers" / PAPERS["kalantarhormozi2020"])
    pdf = tmp_path / "k.pdf"
    render_journal_pdf(text, pdf, JournalLayout(unruled=True, table_in_column=in_column))
    got_text, found = read_paper_layout(pdf)
    lines = got_text.split("\n")
    rows = ["Grade II\tGrade I\tSide effect", "3\t3\tLeucopenia", "3\t7\tAnemia"]
    rows += ["-\t2\tNephrotoxicity", "-\t2\tThrombocytopenia"]
    at = lines.index(rows[0])
    assert lines[at : at + 5] == rows
    assert all(found.lines[at + k].kind == "table" for k in range(5))


def _caption_in_a_frame_over_a_table(path: Path) -> None:
    """BMC's page of a flow chart in a frame (its top and bottom edges drawn as lines 4 pt
    inside the ends of the table's rules), the figure's number set apart from its title at
    the frame's foot, two columns of running text, then a table under three rules."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setLineWidth(0.5)
    for x0, y0, x1, y1 in ((61, 752, 535, 752), (61, 440, 535, 440), (61, 440, 61, 752)):
        c.line(x0, y0, x1, y1)
    c.line(535, 440, 535, 752)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(66, 448, "Figure 1")
    c.setFont("Helvetica", 8)
    c.drawString(110, 448, "CONSORT flow chart of the study participants.")
    c.setFont("Times-Roman", 10)
    for k in range(8):
        c.drawString(57, 420 - 12 * k, f"Left line {k + 1} of the running text here.")
        c.drawString(305, 420 - 12 * k, f"Right line {k + 1} of the running text here.")
    c.setFont("Helvetica-Bold", 9)
    c.drawString(57, 310, "Table 1 Pairwise comparisons between the two groups")
    c.line(57, 300, 539, 300)
    c.setFont("Helvetica", 8)
    c.drawString(57, 288, "Outcomes")
    c.drawString(200, 288, "Time points")
    c.drawString(300, 288, "Group A (n = 94)")
    c.drawString(420, 288, "Group B (n = 112)")
    c.line(57, 282, 539, 282)
    rows = [
        ("Handwashing", "Time 1", "6.22 (1.99)", "6.21 (1.56)"),
        ("-", "Time 2", "7.25 (1.91)", "8.68 (1.74)"),
        ("Intention", "Time 1", "2.02 (0.86)", "1.95 (0.67)"),
        ("-", "Time 2", "2.86 (0.66)", "2.65 (0.84)"),
    ]
    for i, row in enumerate(rows):
        for x, cell in zip((57, 200, 300, 420), row, strict=True):
            c.drawString(x, 268 - 14 * i, cell)
    c.line(57, 206, 539, 206)
    c.save()


def test_a_figure_caption_between_frame_edges_is_no_table_header(tmp_path):
    """The frame's top and bottom edges, 4 pt short of the table's rules at each end, were
    taken for the table's top rules with the figure's caption ("Figure 1   CONSORT flow
    chart", number set apart) as its header: the two columns of text below became a table
    read across the gutter, and the table lost its top rule (BMC Public Health,
    benchmarks/real_pdfs/lhakhang2015). A figure's caption is no table's header."""
    pdf = tmp_path / "framed.pdf"
    _caption_in_a_frame_over_a_table(pdf)
    _, found = read_paper_layout(pdf)
    text = [ln.text for ln in found.lines if ln.kind == "text"]
    assert text[:2] == [
        "Left line 1 of the running text here.",
        "Left line 2 of the running text here.",
    ]
    assert "Right line 1 of the running text here." in text
    table = [" ".join(ln.text.split()) for ln in found.lines if ln.kind == "table"]
    assert table == [
        "Outcomes Time points Group A (n = 94) Group B (n = 112)",
        "Handwashing Time 1 6.22 (1.99) 6.21 (1.56)",
        "- Time 2 7.25 (1.91) 8.68 (1.74)",
        "Intention Time 1 2.02 (0.86) 1.95 (0.67)",
        "- Time 2 2.86 (0.66) 2.65 (0.84)",
    ]


def _captions_side_by_side(path: Path) -> None:
    """Two framed charts side by side, each with its caption of four lines at its foot, the
    right one's lines 5 pt higher than the left one's (BMC), then running text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setLineWidth(0.5)
    for x0, y0, x1, y1 in ((57, 440, 282, 750), (305, 446, 530, 750)):  # frames of lines
        c.lines([(x0, y0, x1, y0), (x1, y0, x1, y1), (x1, y1, x0, y1), (x0, y1, x0, y0)])
    c.rect(70, 560, 200, 170)
    c.rect(318, 566, 200, 164)
    left = [
        "Figure 2 Handwashing frequency levels for two",
        "experimental conditions at three measurement",
        "points in time (first motivation, then",
        "self-regulation).",
    ]
    right = [
        "Figure 3 Self-efficacy levels for two experimental",
        "conditions at three measurement points in time",
        "(first self-regulation, then motivation, as the",
        "other group).",
    ]
    c.setFont("Helvetica", 8)
    for k, (a, b) in enumerate(zip(left, right, strict=True)):
        c.drawString(62, 535 - 10 * k, a)
        c.drawString(310, 540 - 10 * k, b)
    c.setFont("Times-Roman", 10)
    for k in range(10):
        c.drawString(57, 410 - 12 * k, f"Left line {k + 1} of the running text here.")
        c.drawString(305, 410 - 12 * k, f"Right line {k + 1} of the running text here.")
    c.save()


def test_two_captions_side_by_side_out_of_step_keep_their_lines(tmp_path):
    """The page's rows run across both captions, the left one's and the right one's in
    turn, so each caption stopped after its first line (the rest read as asides, or the
    other caption's lines inside it): BMC Public Health, benchmarks/real_pdfs/lhakhang2015.
    Each caption keeps all its lines, one caption after the other."""
    pdf = tmp_path / "captions.pdf"
    _captions_side_by_side(pdf)
    text, found = read_paper_layout(pdf)
    captions = [ln.text for ln in found.lines if ln.kind == "caption"]
    assert captions == [
        "Figure 2 Handwashing frequency levels for two",
        "experimental conditions at three measurement",
        "points in time (first motivation, then",
        "self-regulation).",
        "Figure 3 Self-efficacy levels for two experimental",
        "conditions at three measurement points in time",
        "(first self-regulation, then motivation, as the",
        "other group).",
    ]


def _forest_plots_in_frames(path: Path) -> None:
    """Two forest plots one above the other, each in a frame of its own, each between two
    rules of one length (heads of the columns above the top one), each with its caption
    under the bottom rule, inside the frame, starting left of the rules (SpringerPlus)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setLineWidth(0.5)
    for n, top in ((2, 745), (3, 445)):
        c.rect(57, top - 260, 482, 260)
        c.setFont("Helvetica", 7)
        c.drawString(105, top - 12, "Study")
        c.drawString(450, top - 12, "%")
        c.drawString(105, top - 26, "ID")
        c.drawString(370, top - 26, "HR (95% CI)")
        c.drawString(450, top - 26, "Weight")
        c.line(100, top - 32, 496, top - 32)
        for i in range(8):
            y = top - 48 - 18 * i
            c.drawString(105, y, f"Author{i + 1} {2008 + i}")
            c.drawString(370, y, f"{1 + i / 10:.2f} ({0.5 + i / 20:.2f}, {3 + i / 5:.2f})")
            c.drawString(450, y, f"{10 + i:.2f}")
            c.line(250 + 5 * i, y + 2, 330 + 3 * i, y + 2)
        c.line(100, top - 200, 496, top - 200)
        c.setFont("Helvetica-Bold", 7)
        c.drawString(62, top - 215, f"Fig. {n}")
        c.setFont("Helvetica", 7)
        c.drawString(84, top - 215, f"Meta-analysis of the effect of the marker on outcome {n}")
    c.setFont("Times-Roman", 10)
    for k in range(8):
        c.drawString(57, 160 - 12 * k, f"Line {k + 1} of the running text below the plots.")
    c.save()


def test_rules_of_two_framed_figures_make_no_table_across_the_frames(tmp_path):
    """The bottom rule of the upper plot and the two rules of the lower one made a rule
    triple whose header was the upper plot's caption and the lower plot's column heads: a
    table across the gap between the frames, the caption cut in two ("Fig. 2" apart from
    its title; SpringerPlus, benchmarks/real_pdfs/li2016). No table crosses a frame's
    edge."""
    pdf = tmp_path / "plots.pdf"
    _forest_plots_in_frames(pdf)
    text, found = read_paper_layout(pdf)
    lines = [ln.text for ln in found.lines]
    for n in (2, 3):
        assert f"Fig. {n} Meta-analysis of the effect of the marker on outcome {n}" in lines


def _open_table(path: Path) -> None:
    """Trials' Table 2: a caption, a top rule and a header's rule across the page, the one
    column head at the far right, then rows of a label at the left and one value at the far
    right to the page's foot (the table goes on overleaf: no rule below it), group labels
    among them, one with a note mark raised after it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(57, 760, "Table 2 Sample characteristics")
    c.setLineWidth(0.5)
    c.line(57, 752, 539, 752)
    c.setFont("Helvetica", 7.5)
    c.drawString(427, 743, "Total sample (N = 99)")
    c.line(57, 739, 539, 739)
    rows = [
        ("Female (n, (%))", "55 (56.1)"),
        ("Age (mean (SD); median (IQR))", "46.6 (11.3); 47.5 (38.3 - 55.4)"),
        ("Ethnicity (n, (%))", ""),
        ("White British", "95 (96.0)"),
        ("Employed (n, (%))", "54 (54.5)"),
        ("Job status", ""),
        ("A to C1", "9 (9.0)"),
        ("C2 to E (excluding unemployed)", "45 (45.5)"),
        ("Expired air CO (ppm), mean (SD)", "18.0 (8.0)"),
        ("FTND (mean (SD); median (IQR))", "5.6 (2.0); 6 (4 - 7)"),
    ]
    for i, (label, value) in enumerate(rows):
        y = 727 - 11.3 * i
        c.setFont("Helvetica", 7.5)
        c.drawString(57, y, label)
        c.drawString(427, y, value)
        if label == "Job status":
            c.setFont("Helvetica", 5.5)
            c.drawString(57 + c.stringWidth(label, "Helvetica", 7.5), y + 4, "b")
    c.save()


def test_a_table_with_no_rule_at_its_foot_and_one_column_of_values(tmp_path):
    """One column of values is no unruled table, and two rules make no triple, so the
    values of Trials' Table 2 (benchmarks/real_pdfs/thompson2015) came out as asides and
    footnotes, apart from their labels. A top rule and a header's rule with rows below them
    that mostly end in a value make a table down to its last close row; and a label's note
    mark, raised, no longer makes its row look like the wrapped line of the row above."""
    pdf = tmp_path / "open.pdf"
    _open_table(pdf)
    _, found = read_paper_layout(pdf)
    table = [" ".join(ln.text.split()) for ln in found.lines if ln.kind == "table"]
    assert table == [
        "Total sample (N = 99)",
        "Female (n, (%)) 55 (56.1)",
        "Age (mean (SD); median (IQR)) 46.6 (11.3); 47.5 (38.3 - 55.4)",
        "Ethnicity (n, (%))",
        "White British 95 (96.0)",
        "Employed (n, (%)) 54 (54.5)",
        "Job status b",
        "A to C1 9 (9.0)",
        "C2 to E (excluding unemployed) 45 (45.5)",
        "Expired air CO (ppm), mean (SD) 18.0 (8.0)",
        "FTND (mean (SD); median (IQR)) 5.6 (2.0); 6 (4 - 7)",
    ]


def _continued_table(path: Path) -> None:
    """A table's rest overleaf (BMC Public Health's Table 1 continued): its caption, a top
    rule, no heads, two rows of values under a group's label, two rows of group labels,
    three more rows of values, the foot rule, then running text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(57, 770, "Table 1 Baseline characteristics of the sample (Continued)")
    c.setLineWidth(0.5)
    c.line(57, 762, 539, 762)
    rows = [
        ("BMI", ()),
        ("Mean BMI self-report", ("22.06", "3.71", "662", "22.24", "3.81", "695")),
        ("Mean BMI objective", ("22.28", "3.85", "54", "22.06", "3.88", "54")),
        ("Social cognition variables", ()),
        ("Fruit & veg", ()),
        ("Self-efficacy", ("5.71", "1.48", "703", "5.80", "1.36", "733")),
        ("Perceived control", ("5.51", "1.47", "703", "5.53", "1.45", "733")),
        ("Intention", ("5.24", "1.47", "703", "5.39", "1.45", "733")),
    ]
    c.setFont("Helvetica", 8)
    for i, (label, values) in enumerate(rows):
        y = 750 - 11 * i
        c.drawString(57, y, label)
        for x, v in zip((250, 300, 350, 400, 450, 500), values, strict=False):
            c.drawString(x, y, v)
    c.line(57, 660, 539, 660)
    c.setFont("Times-Roman", 10)
    for k in range(8):
        c.drawString(57, 630 - 12 * k, f"Line {k + 1} of the running text below the table.")
    c.save()


def test_the_rest_of_a_table_between_two_rules_and_no_heads_is_one_table(tmp_path):
    """Its first two rows, above two rows of group labels, were too few for a column of
    numbers: their values came out as asides (benchmarks/real_pdfs/epton2014, left by lane
    pdf6). A top rule and a foot rule with rows between them that mostly end in a value are
    a table, heads or not."""
    pdf = tmp_path / "continued.pdf"
    _continued_table(pdf)
    _, found = read_paper_layout(pdf)
    table = [" ".join(ln.text.split()) for ln in found.lines if ln.kind == "table"]
    assert table == [
        "BMI",
        "Mean BMI self-report 22.06 3.71 662 22.24 3.81 695",
        "Mean BMI objective 22.28 3.85 54 22.06 3.88 54",
        "Social cognition variables",
        "Fruit & veg",
        "Self-efficacy 5.71 1.48 703 5.80 1.36 733",
        "Perceived control 5.51 1.47 703 5.53 1.45 733",
        "Intention 5.24 1.47 703 5.39 1.45 733",
    ]


def _wrapped_cells_going_on(path: Path) -> None:
    """BMC Cancer's Table 1: a top rule and a header's rule across the page, heads of eight
    columns, rows whose cells wrap over two to ten lines (a column of adjusted variables),
    few lines ending in a number, down to the page's foot (the table goes on overleaf)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(57, 760, "Table 1 Characteristic of studies included in the meta-analysis")
    c.setLineWidth(0.5)
    c.line(57, 752, 539, 752)
    c.setFont("Helvetica", 7.5)
    heads = ("Author", "Year", "Country", "Sample", "Exposure", "Outcome", "Adjusted variable")
    xs = (57, 120, 160, 230, 280, 340, 420)
    for x, head in zip(xs, heads, strict=True):
        c.drawString(x, 742, head)
    c.drawString(515, 742, "NOS")
    c.line(57, 736, 539, 736)
    rows = [
        (
            ["Chiranjeev", "Dash [13]"],
            ["2014"],
            ["US"],
            ["3668"],
            ["T2DM", "(804)"],
            ["CRA (917)"],
            ["age, educational status, body", "mass index, physical activity,", "and aspirin use"],
            "8",
        ),
        (
            ["Heike Ursula", "[14]"],
            ["2012"],
            ["German"],
            ["1554"],
            ["T2DM", "(166)"],
            ["Colorectal", "neoplasia (389)"],
            ["age and sex"],
            "8",
        ),
        (
            ["Tomomi", "Marugame", "[15]"],
            ["2002"],
            ["Japan"],
            ["1389"],
            ["Newly", "diagnosed", "T2DM (41)"],
            ["CRA (560)"],
            ["hospital, rank in the Self", "Defense Forces, alcohol use"],
            "7",
        ),
        (
            ["Hongha T Vu", "[20]"],
            ["2014"],
            ["USA"],
            ["250"],
            ["T2DM", "(125)"],
            ["CRA (56)"],
            ["ethnicity, body mass index,", "smoking, and alcohol use"],
            "7",
        ),
    ]
    y = 724.0
    for *cells, score in rows:
        for x, lines in zip(xs, cells, strict=True):
            for k, text in enumerate(lines):
                c.drawString(x, y - 9 * k, text)
        c.drawString(515, y, score)
        y -= 9 * max(len(lines) for lines in cells) + 5
    c.save()


def test_a_table_of_wrapped_cells_with_no_foot_rule_is_a_table(tmp_path):
    """Few of its lines end in a number, so neither the rows under its two rules nor the
    unruled finder made it a table: the column splitter cut it down the middle and read
    its left half's lines, then its right half's (benchmarks/real_pdfs/yu2016). Heads of
    three columns or more over lines a third of which have three cells or more are a
    table's."""
    pdf = tmp_path / "wrapped.pdf"
    _wrapped_cells_going_on(pdf)
    _, found = read_paper_layout(pdf)
    table = [" ".join(ln.text.split()) for ln in found.lines if ln.kind == "table"]
    assert "Heike Ursula 2012 German 1554 T2DM Colorectal age and sex 8" in table
    assert "Tomomi 2002 Japan 1389 Newly CRA (560) hospital, rank in the Self 7" in table
    assert not [ln for ln in found.lines if ln.kind == "text" and "Japan" in ln.text]


def _overprinted(path: Path) -> None:
    """A forest plot's estimates set in bold by drawing each line twice, the second time
    0.01 pt to the right and after the rest of the plot (Stata's graphs), beside its
    running text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 10)
    for k in range(5):
        c.drawString(57, 790 - 13 * k, f"Line {k + 1} of the running text above the plot.")
    rows = [
        ("Yu", "4.76 (0.56, 40.64)", "3.85"),
        ("Damin", "27.67 (1.64, 466.16)", "2.56"),
        ("de Villiers", "2.81 (0.75, 10.49)", "6.73"),
        ("Overall", "4.02 (2.42, 6.68)", "100.00"),
    ]
    c.setFont("Helvetica", 7)
    for dx in (0, 0.01):
        for i, (study, es, weight) in enumerate(rows):
            c.drawString(100 + dx, 700 - 12 * i, study)
            c.drawString(400 + dx, 700 - 12 * i, es)
            c.drawString(480 + dx, 700 - 12 * i, weight)
    c.save()


def test_a_glyph_drawn_over_itself_is_one_glyph(tmp_path):
    """Each estimate came out twice, interleaved: "4.02 4.02 (2.42, (2.42, 6.68) 6.68)"
    (Infectious Agents and Cancer 2016's forest plot, checked, not in the benchmark set);
    a value read from such a line could be the wrong one."""
    pdf = tmp_path / "overprint.pdf"
    _overprinted(pdf)
    text, found = read_paper_layout(pdf)
    flat = " ".join(text.split())
    assert "Overall 4.02 (2.42, 6.68) 100.00" in flat
    assert "Yu 4.76 (0.56, 40.64) 3.85" in flat
    assert flat.count("4.02") == 1
