"""On PYTHONPATH, this makes every import of a plotting library fail in that process and
its children: tests/test_e2e.py runs the DAG's table jobs so, to show that no CSV, README or
page depends on the plotting libraries (README.md, "The locked environment")."""

import sys

#: matplotlib and the packages only it pulls in (fontTools subsets PDF fonts, Pillow
#: encodes PNGs)
PLOTTING = ("matplotlib", "fontTools", "PIL", "contourpy", "kiwisolver", "pyparsing", "cycler")


class _NoPlotting:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in PLOTTING:
            raise ImportError(f"{name} is blocked: a table job must not import a plotting library")
        return None


sys.meta_path.insert(0, _NoPlotting())
