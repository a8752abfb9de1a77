"""The workbench driven in a real headless browser (Debian's ``chromium`` and
``chromium-driver`` through Selenium): a paper's spec written from nothing by clicking only,
saved, run through Snakemake, and compared with the committed extraction.

Skipped when chromium or its driver is not installed (``apt-get install chromium
chromium-driver``). ``LITMETA_WORKBENCH_SCREENSHOTS=docs`` also writes the README's
screenshots (``workbench.png``, ``workbench_pick.png``) at 1280 x 800.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run, tool

from litmeta.tables import read_rows
from litmeta.workbench.server import Workbench, serve, url

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not (shutil.which("chromium") and shutil.which("chromedriver")),
        reason="needs Debian's chromium and chromium-driver (apt-get install chromium "
        "chromium-driver)",
    ),
]

PAPER = "kalantarhormozi2020"
WIDTH, HEIGHT = 1280, 800


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )
    yield driver
    driver.quit()


def served(bench: Workbench):
    server = serve(bench)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fits(driver) -> None:
    """The page works at 1280 x 800: no sideways scrolling, both panes and Save in view."""
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= WIDTH
    for selector in ("#paper", "#form", "button.save"):
        box = driver.execute_script(
            "return arguments[0].getBoundingClientRect().toJSON()",
            driver.find_element("css selector", selector),
        )
        assert box["left"] >= 0 and box["right"] <= WIDTH and box["top"] < HEIGHT, selector


def follow(driver, element, key: str | None = None) -> None:
    """Click ``element`` (or press ``key`` on it) and wait for the page it leads to."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    if key is None:
        element.click()
    else:
        element.send_keys(key)
    # While the old page unloads, chromedriver may answer a question about the old
    # element with a generic inspector error ("Node with given id does not belong to the
    # document") instead of StaleElementReferenceException: ask again until it settles.
    wait = WebDriverWait(driver, 60, ignored_exceptions=(WebDriverException,))
    wait.until(expected_conditions.staleness_of(element))
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def shoot(driver, name: str) -> None:
    folder = os.environ.get("LITMETA_WORKBENCH_SCREENSHOTS")
    if folder:
        driver.save_screenshot(str(Path(folder) / name))


def test_a_paper_added_by_clicking_gives_the_committed_outcomes(browser, tmp_path):
    from selenium.webdriver.common.by import By

    project = copy_project(tmp_path / "project")
    spec = project / f"config/extraction/{PAPER}.yaml"
    spec.unlink()  # from an empty spec
    bench = Workbench(project, PAPER)
    server = served(bench)
    try:
        browser.get(url(bench, server))
        fits(browser)
        follow(browser, browser.find_element(By.CSS_SELECTOR, "button.add-cohort"))
        confirmed = 0
        while marks := browser.find_elements(By.CSS_SELECTOR, "#paper a.n.drafted"):
            follow(browser, marks[0])
            if confirmed == 1:
                shoot(browser, "workbench_pick.png")
            follow(browser, browser.find_element(By.CSS_SELECTOR, "#pick button.option.drafted"))
            confirmed += 1
            assert confirmed < 20, "a confirmed number stays drafted"
        assert confirmed >= 3
        assert not browser.find_elements(By.CSS_SELECTOR, "#form .error")
        shoot(browser, "workbench.png")
        follow(browser, browser.find_element(By.CSS_SELECTOR, "button.save"))
        message = browser.find_element(By.ID, "message").text
        assert message == f"saved config/extraction/{PAPER}.yaml", message
        fits(browser)
    finally:
        server.shutdown()
        server.server_close()
    proc = run([tool("snakemake"), "--cores", "2", f"extracted/{PAPER}.csv"], cwd=project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    committed = {
        (r["cohort_id"], r["endpoint"], r["statistic"]): r
        for r in read_rows(ROOT / f"extracted/{PAPER}.csv")
    }
    got = read_rows(project / f"extracted/{PAPER}.csv")
    keys = {(r["endpoint"], r["statistic"]) for r in got}
    assert {("cohort_size", "n_efficacy"), ("best_response", "pr"), ("os_median", "median")} <= keys
    assert ("orr", "events") in keys  # derived from the confirmed responses, as committed
    for row in got:
        want = committed[(row["cohort_id"], row["endpoint"], row["statistic"])]
        for column in ("value", "value_text", "status", "setting", "population"):
            assert row[column] == want[column], (row, want)


def test_the_page_is_usable_with_the_keyboard(browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.wait import WebDriverWait

    project = copy_project(tmp_path / "project")
    (project / f"config/extraction/{PAPER}.yaml").unlink()
    bench = Workbench(project, PAPER)
    server = served(bench)
    try:
        browser.get(url(bench, server))
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)  # the first stop: the skip link to the form
        assert browser.switch_to.active_element.text == "Skip to the form"
        button = browser.find_element(By.CSS_SELECTOR, "button.add-cohort")
        follow(browser, button, Keys.ENTER)
        browser.find_element(By.TAG_NAME, "body").send_keys("j")  # the first found number
        for _ in range(100):  # j: the next found number, until a drafted one
            focused = browser.switch_to.active_element
            if "drafted" in focused.get_attribute("class").split():
                break
            focused.send_keys("j")
        assert "drafted" in focused.get_attribute("class").split()
        focused.send_keys(Keys.ENTER)  # its assignments; the first has the focus
        WebDriverWait(browser, 10).until(
            lambda b: "option" in b.switch_to.active_element.get_attribute("class").split()
        )
        option = browser.switch_to.active_element
        assert "option" in option.get_attribute("class").split()
        # Enter posts the choice and the page comes back with the entry: wait for that page
        # (an immediate look, on a loaded machine, still saw the old one)
        follow(browser, option, Keys.ENTER)
        assert browser.find_elements(By.CSS_SELECTOR, "#form [id^=value-]")
    finally:
        server.shutdown()
        server.server_close()
    assert "- cohort: kalantarhormozi2020" in bench.spec_text
