"""Unit and property tests of issue 13's input checks: the strict sheet, encodings, YAML
without aliases, paths inside the project, dangling exclusions, unwritable outputs, and
job errors without the package's frames."""

import codecs
import errno
import pickle
import string
import traceback
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from litmeta import atomic
from litmeta.encoding import decode_utf8
from litmeta.errors import InputError, OutputError
from litmeta.jobs.log import job_log
from litmeta.review_inputs import check_exclusions, check_writable, inside_project
from litmeta.sheet import COLUMNS, read_sheet
from litmeta.yamlsafe import AliasRefused, load_no_aliases

HEADER = "\t".join(COLUMNS)
cell = st.text(  # a NUL byte is refused by name (tests/test_issue25.py)
    alphabet=st.characters(blacklist_characters='\t\n\r"\0', blacklist_categories=("Cs",)),
    max_size=20,
).map(lambda s: unicodedata.normalize("NFC", s))


@given(st.lists(st.tuples(*[cell] * len(COLUMNS)), min_size=1, max_size=5))
def test_sheet_round_trips(tmp_path_factory, rows):
    rows = [r for r in rows if "".join(r).strip()]  # a blank line is skipped, not a row
    if not rows:
        return
    sheet = tmp_path_factory.mktemp("s") / "papers.tsv"
    sheet.write_text(HEADER + "\n" + "\n".join("\t".join(r) for r in rows) + "\n", "utf-8")
    assert read_sheet(sheet) == [dict(zip(COLUMNS, r, strict=True)) for r in rows]


@given(st.integers(min_value=0, max_value=len(COLUMNS) - 1), st.integers(2, 4))
def test_a_quote_anywhere_names_its_line_and_field(tmp_path_factory, field, line):
    rows = [["x"] * len(COLUMNS) for _ in range(3)]
    rows[line - 2][field] = 'a "quoted" value'
    sheet = tmp_path_factory.mktemp("s") / "papers.tsv"
    sheet.write_text(HEADER + "\n" + "\n".join("\t".join(r) for r in rows) + "\n", "utf-8")
    with pytest.raises(InputError) as err:
        read_sheet(sheet)
    assert err.value.where == f"{sheet}:{line} (field {COLUMNS[field]})"


def test_header_error_shows_no_foreign_line(tmp_path):
    sheet = tmp_path / "papers.tsv"
    sheet.write_text("root:x:0:0:" + "secret" * 100 + "\n", "utf-8")
    with pytest.raises(InputError) as err:
        read_sheet(sheet)
    assert "secret" * 6 not in str(err.value)


def test_bom_dropped_and_nfc():
    nfd = unicodedata.normalize("NFD", "naïve café")
    assert decode_utf8(codecs.BOM_UTF8 + nfd.encode(), "f", "paper") == "naïve café"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_gets_the_utf16_fix(encoding):
    with pytest.raises(InputError) as err:
        decode_utf8("Results: 12 of 20 patients\n".encode(encoding), "p.txt", "paper")
    assert "UTF-16" in err.value.reason and "iconv -f UTF-16" in err.value.fix


def test_yaml_aliases_refused_before_expansion():
    levels = ['a0: &a0 ["lol"]'] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)
    ]
    with pytest.raises(AliasRefused) as err:  # 9**29 strings if expanded
        load_no_aliases("\n".join(levels))
    assert err.value.problem_mark.line == 1
    assert load_no_aliases("a: &x [1]\nb: 2\n") == {"a": [1], "b": 2}  # an anchor alone is fine


def test_paths_stay_inside_the_project(tmp_path):
    (tmp_path / "papers").mkdir()
    assert inside_project(tmp_path, "papers", "papers_dir") == "papers"
    assert inside_project(tmp_path, str(tmp_path / "papers"), "papers_dir") == "papers"
    assert inside_project(tmp_path, "./config/../papers/", "papers_dir") == "papers"
    for outside in ("/etc/passwd", "../papers", "papers/../../x"):
        with pytest.raises(InputError) as err:
            inside_project(tmp_path, outside, "papers_sheet")
        assert "outside the project" in err.value.reason


def test_exclusions_must_name_declared_cohorts(tmp_path):
    (tmp_path / "p1.yaml").write_text("cohorts:\n  - id: p1\n  - id: p1_b\n", "utf-8")
    check_exclusions({"sens_exclude_preprint": ["p1", "p1_b"]}, ["p1", "p10"], str(tmp_path))
    for bad in ("p2", "p1_c"):
        with pytest.raises(InputError):
            check_exclusions({"sens_exclude_preprint": [bad]}, ["p1"], str(tmp_path))


def test_read_only_folder_named(tmp_path, monkeypatch):
    monkeypatch.setattr("os.access", lambda path, mode: False)
    with pytest.raises(InputError) as err:
        check_writable([str(tmp_path)])
    assert err.value.where == f"{tmp_path}/"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_write_failure_names_the_file_and_leaves_nothing(tmp_path, monkeypatch, code):
    def fail(*args):
        raise OSError(code, "simulated")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OutputError) as err:
        atomic.write_text(tmp_path / "out.csv", "a,b\n")
    assert err.value.where == str(tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == []
    # it survives the trip back from a plotting worker
    again = pickle.loads(pickle.dumps(err.value))
    assert str(again) == str(err.value) and isinstance(again, OutputError)


def test_job_log_keeps_only_the_callers_frame(tmp_path):
    def deep():
        raise InputError("spec.yaml values[0]", "anchor not found")

    def rule():  # stands for Snakemake's __rule_extract
        with job_log(str(tmp_path / "x.log"), "extract"):
            deep()

    with pytest.raises(InputError) as err:
        rule()
    frames = [f.name for f in traceback.extract_tb(err.value.__traceback__)]
    assert "rule" in frames and "deep" not in frames and "__exit__" not in frames
    assert (tmp_path / "x.log").read_text().startswith("error: spec.yaml values[0]")


def test_printable_ascii_sheet_fields_are_kept_verbatim(tmp_path):
    text = string.printable.replace("\t", "").replace('"', "").replace("\n", "")
    text = text.replace("\r", "").replace("\x0b", "").replace("\x0c", "")
    sheet = tmp_path / "papers.tsv"
    sheet.write_text(HEADER + "\n" + "\t".join([text] * len(COLUMNS)) + "\n", "utf-8")
    assert read_sheet(sheet)[0]["citation"] == text


def test_pool_command_passes_its_options_to_the_job(monkeypatch):
    """The click layer only parses: --analysis and --exclude (what the rule makes of the
    config's `analyses` and `exclusions`) arrive as the job's arguments, in order."""
    from click.testing import CliRunner

    from litmeta.cli import cli
    from litmeta.jobs import pool

    calls = []
    monkeypatch.setattr(pool, "pool", lambda **kwargs: calls.append(kwargs))
    args = ["pool", "results/analysis_table.csv", "--analysis", "sens_dl", "--analysis"]
    args += ["primary", "--exclude", "sens_exclude_preprint=a,b", "--exclude"]
    args += ["sens_exclude_symptomatic=", "--pooled", "p", "--subgroups", "s", "--loo", "l"]
    result = CliRunner().invoke(cli, [*args, "--weights", "w"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (call,) = calls
    assert call["analyses"] == ["sens_dl", "primary"]
    excluded = {"sens_exclude_preprint": ["a", "b"], "sens_exclude_symptomatic": []}
    assert call["exclusions"] == excluded
    assert (call["pooled"], call["weights"], call["papers"]) == ("p", "w", None)
    unknown = CliRunner().invoke(cli, [*args, "--weights", "w", "--analysis", "sens_trim_fill"])
    assert unknown.exit_code == 2 and "unknown analysis 'sens_trim_fill'" in unknown.output
