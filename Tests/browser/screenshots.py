"""`make screenshots`: the pictures of the review desk in README (docs/desk-*.png), taken by the
same browser tooling as the tests, on the demo site with a few drafts waiting."""
import time

from selenium.webdriver.common.by import By

from conftest import BISCOTTI, ROOT

DOCS = ROOT / "docs"


def shoot(desk, name, width):
    desk.driver.set_window_size(width, 900)
    height = desk.driver.execute_script("return document.documentElement.scrollHeight")
    desk.driver.set_window_size(width, min(max(height + 120, 600), 2600))
    desk.driver.execute_script("document.activeElement && document.activeElement.blur()")
    desk.driver.save_screenshot(str(DOCS / name))


def test_screenshots(site, desk):
    DOCS.mkdir(exist_ok=True)
    carl = site.login("carl")
    erin = site.login("erin")
    site.request("PUT", f"/api/articles/{BISCOTTI}?status=draft", carl, {"data": {
        "title": "Biscotti, twice baked",
        "body": "Biscotti means *twice cooked*, and the **second bake** is the whole secret.\n\n"
                "## You need\n\n- 250 g plain flour\n- 150 g whole almonds\n- zest of 1 orange\n",
        "tags": ["recipes", "baking", "wine"],
    }})
    site.request("PUT", "/api/articles/snknfa8sx8gtmuqe5f9akgbb?status=draft&locale=fr", erin, {"data": {"title": "Un nouveau titre"}})
    site.request("PUT", "/api/homepage?status=draft", erin, {"data": {"tagline": "Food, travel and second bakes"}})
    site.request("PUT", "/api/articles/wg16b1w7d3pps9cwbosjvz9a?status=draft", carl, {"data": {"readingMinutes": 9}})
    # main moves on with a commit made with git: the drafts are a commit behind, and one now conflicts
    path = site.path / "content" / "en" / "article" / "wg16b1w7d3pps9cwbosjvz9a.yaml"
    text = path.read_text()
    path.write_text("".join("readingMinutes: 7\n" if line.startswith("readingMinutes:") else line for line in text.splitlines(keepends=True)))
    site.git("commit", "-q", "-am", "Shorter reading time")
    time.sleep(1)

    desk.sign_in("erin")
    desk.queue_row(BISCOTTI)
    shoot(desk, "desk-queue.png", 1280)
    shoot(desk, "desk-queue-360.png", 360)
    desk.driver.set_window_size(1280, 900)
    desk.queue_row(BISCOTTI).find_element(By.CSS_SELECTOR, "a.title").click()
    desk.find('#field-diff tr[data-field="title"]')
    shoot(desk, "desk-diff.png", 1280)
    shoot(desk, "desk-diff-360.png", 360)
