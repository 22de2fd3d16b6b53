"""`make screenshots`: the pictures of the review desk in README (docs/desk-*.png), taken by the
same browser tooling as the tests, on the demo site with a few drafts waiting."""
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
        "summary": "Almonds, orange zest and a **patient** second bake: the Tuscan biscuit that keeps for weeks.\n",
        "tags": ["recipes", "baking", "wine"],
    }})
    site.request("PUT", "/api/articles/snknfa8sx8gtmuqe5f9akgbb?status=draft&locale=fr", erin, {"data": {"title": "Un nouveau titre"}})
    site.request("PUT", "/api/homepage?status=draft", erin, {"data": {"tagline": "Food, travel and second bakes"}})
    site.request("PUT", "/api/articles/wg16b1w7d3pps9cwbosjvz9a?status=draft", carl, {"data": {"readingMinutes": 9}})
    # main moves on: the drafts are a commit behind, and one of them now conflicts
    site.request("PUT", "/api/articles/wg16b1w7d3pps9cwbosjvz9a", site.full, {"data": {"readingMinutes": 7}})

    desk.sign_in("erin")
    desk.queue_row(BISCOTTI)
    shoot(desk, "desk-queue.png", 1280)
    shoot(desk, "desk-queue-360.png", 360)
    desk.driver.set_window_size(1280, 900)
    desk.queue_row(BISCOTTI).find_element(By.CSS_SELECTOR, "a.title").click()
    desk.find('#field-diff tr[data-field="title"]')
    shoot(desk, "desk-diff.png", 1280)
    shoot(desk, "desk-diff-360.png", 360)
