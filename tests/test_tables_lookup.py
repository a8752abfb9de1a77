"""Tables' lookups (issue 28): answered from an index of the table instead of a scan per
lookup (which made the certainty and summary jobs quadratic in the cohorts), with the rows
and order of the scan, also after a row is appended."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.tables import Tables

VALUES = st.sampled_from(["a", "b", "c"])
ROW = st.fixed_dictionaries(
    {
        "analysis": VALUES,
        "endpoint": VALUES,
        "setting": VALUES,
        "cohort_id": VALUES,
        "item": VALUES,
        "weight": st.sampled_from(["1", "2.5", ""]),
        "tag": st.integers(0, 10**6).map(str),
    }
)
TABLES = ("analysis", "pooled", "subgroups", "weights", "loo", "characteristics")


def _scan_first(rows, columns, values):
    return next((r for r in rows if tuple(r[c] for c in columns) == values), None)


def _scan(rows, columns, values):
    return [r for r in rows if tuple(r[c] for c in columns) == values]


@settings(max_examples=60, deadline=None)
@given(
    tables=st.fixed_dictionaries({t: st.lists(ROW, max_size=12) for t in TABLES}),
    keys=st.lists(st.tuples(VALUES, VALUES, VALUES), min_size=1, max_size=6),
    extra=ROW,
)
def test_lookups_are_those_of_a_scan(tables, keys, extra):
    t = Tables(**tables)
    for _ in range(2):  # then again after a row is appended to every table
        for a, b, c in keys:
            assert t.pooled_row(a, b, c) is _scan_first(
                t.pooled, ("analysis", "endpoint", "setting"), (a, b, c)
            )
            r = _scan_first(t.weights, ("endpoint", "setting", "cohort_id"), (a, b, c))
            w = t.weight(a, b, c)
            assert w == (None if r is None else (float(r["weight"]) if r["weight"] else None))
            assert t.subgroup(a, b) is _scan_first(t.subgroups, ("analysis", "endpoint"), (a, b))
            assert t.characteristic(a, b) is _scan_first(
                t.characteristics, ("cohort_id", "item"), (a, b)
            )
            assert t.cohorts(a, b) == _scan(t.analysis, ("endpoint", "setting"), (a, b))
            assert t.pooled_rows(a) == _scan(t.pooled, ("endpoint",), (a,))
            assert t.pooled_rows(a, b) == _scan(t.pooled, ("endpoint", "setting"), (a, b))
            assert t.loo_rows(a) == _scan(t.loo, ("endpoint",), (a,))
            assert t.loo_rows(a, b) == _scan(t.loo, ("endpoint", "setting"), (a, b))
        for name in TABLES:
            getattr(t, name).append(dict(extra))


def test_a_returned_list_is_the_callers():
    """Changing a list a lookup returned does not change the next lookup's answer."""
    t = Tables(analysis=[{"endpoint": "orr", "setting": "initial", "cohort_id": "x"}], pooled=[])
    t.cohorts("orr", "initial").clear()
    assert len(t.cohorts("orr", "initial")) == 1
