import pytest

from litmeta.tables import format_cell, write_csv


def test_failed_write_leaves_neither_file_nor_temp(tmp_path):
    out = tmp_path / "table.csv"

    def rows():
        yield {"a": 1}
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_csv(out, ("a",), rows())
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_previous_complete_file(tmp_path):
    out = tmp_path / "table.csv"
    write_csv(out, ("a",), [{"a": 1}])

    def rows():
        yield {"a": 2}
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_csv(out, ("a",), rows())
    assert out.read_text() == "a\n1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_cells_are_stable():
    assert [format_cell(x) for x in (None, True, 3.0, 0.1 + 0.2, float("nan"), "x")] == [
        "",
        "true",
        "3",
        "0.3",
        "",
        "x",
    ]
