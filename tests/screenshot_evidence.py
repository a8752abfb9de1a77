"""Open the evidence page in a real headless browser (Debian ``chromium``) and take a
screenshot; skipped when chromium is not installed.

Not collected by a plain ``pytest`` run (the name does not start with ``test_``); run it
explicitly, then look at the picture:

    pytest -q tests/screenshot_evidence.py
    EVIDENCE_SCREENSHOT=/tmp/evidence.png pytest -q tests/screenshot_evidence.py

It builds the page from the committed results into a temporary folder, renders it at
1400 x 2000 and checks that the browser drew a page (a PNG of the right size, mostly white
with enough ink).  (A URL with a fragment, ``#c-...``, gives a blank headless screenshot in
chromium 156 at this window size, so the anchors are checked in test_report_evidence.py.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT

from litmeta.report import evidence
from litmeta.tables import Tables

WIDTH, HEIGHT = 1400, 2000


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(browser: str, url: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--screenshot={out}",
            f"--window-size={WIDTH},{HEIGHT}",
            url,
        ]
        subprocess.run(cmd, capture_output=True, timeout=60, check=False)


def ink(png: Path) -> float:
    """Share of pixels that are not (near) white."""
    from PIL import Image

    im = Image.open(png).convert("L")
    hist = im.histogram()
    return 1.0 - sum(hist[245:]) / (im.width * im.height)


@pytest.mark.skipif(chromium() is None, reason="chromium not installed (apt-get install chromium)")
def test_evidence_page_renders_in_chromium(tmp_path):
    page = tmp_path / "evidence.html"
    evidence.write(
        Tables.read_dir(ROOT / "results"),
        ROOT / "extracted" / "outcomes.csv",
        ROOT / "extracted" / "discrepancies.csv",
        ROOT / "config" / "papers.tsv",
        page,
        preprint_cohorts=["kalantarhormozi2020"],
    )
    out = tmp_path / "evidence.png"
    screenshot(chromium(), page.as_uri(), out)
    assert out.is_file(), "chromium wrote no screenshot"
    from PIL import Image

    assert Image.open(out).size == (WIDTH, HEIGHT)
    assert 0.02 < ink(out) < 0.6  # text and tables drawn, not a blank or black page
    target = os.environ.get("EVIDENCE_SCREENSHOT")
    if target:
        shutil.copyfile(out, target)
