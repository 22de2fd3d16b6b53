"""The review desk, end to end: a browser signs in, reviews, publishes; git says what happened."""
import subprocess
import time
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BISCOTTI, PASSWORD

OTHER = "snknfa8sx8gtmuqe5f9akgbb"
ORIGINAL_TITLE = "The Perfect Biscotti, Twice Baked"


def wait_for(condition, seconds=10, what="condition"):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_editor_reviews_the_diff_and_publishes_as_a_merge(site, desk):
    carl = site.login("carl")
    site.draft(carl, "Biscotti, twice baked")
    # main moves on meanwhile, so publishing has to merge
    status, _ = site.request("PUT", "/api/homepage", site.full, {"data": {"tagline": "Food, travel and second bakes"}})
    assert status == 200
    draft_tip = site.tip(f"drafts/en/article/{BISCOTTI}")
    main_before = site.tip("main")

    desk.sign_in("erin")
    row = desk.queue_row(BISCOTTI)
    assert "Biscotti, twice baked" in row.text
    assert "Carl Contributor" in row.text
    assert "1 commit" in row.text, row.text      # main moved one commit since the draft
    assert "clean" in row.text
    row.find_element(By.CSS_SELECTOR, "a.title").click()

    field = desk.find('#field-diff tr[data-field="title"]')
    assert ORIGINAL_TITLE in field.find_element(By.CSS_SELECTOR, "td.old").text
    assert "Biscotti, twice baked" in field.find_element(By.CSS_SELECTOR, "td.new").text
    assert len(desk.all("#field-diff tbody tr")) == 1, "only the changed field is listed"
    unified = desk.find("pre.unified").text
    assert f"-title: {ORIGINAL_TITLE}" in unified and "+title: Biscotti, twice baked" in unified
    assert desk.all("#unpublish"), "a published document can be unpublished"

    desk.click("#publish")
    desk.wait().until(lambda d: d.current_url.endswith("#/queue"))
    desk.find("#queue .empty")

    tip = site.tip("main")
    parents = site.parents("main")
    assert parents == [main_before, draft_tip], "main's tip is the merge of main and the draft branch"
    assert site.git("log", "-1", "--format=%an <%ae>", "main") == "Erin Editor <erin@example.com>"
    assert site.tip(f"drafts/en/article/{BISCOTTI}") is None, "the branch is gone"
    assert "title: Biscotti, twice baked" in site.git("show", f"{tip}:content/en/article/{BISCOTTI}.yaml")
    assert desk.errors() == []


def test_contributor_sees_drafts_but_no_publish(site, desk):
    carl = site.login("carl")
    site.draft(carl, "Carl's biscotti")
    desk.sign_in("carl")
    desk.queue_row(BISCOTTI).find_element(By.CSS_SELECTOR, "a.title").click()
    desk.find('#field-diff tr[data-field="title"]')
    actions = desk.find("#actions")
    assert desk.all("#publish") == [] and desk.all("#unpublish") == []
    assert actions.find_elements(By.ID, "discard"), "a contributor may still discard (update)"
    desk.click('nav a[data-view="releases"]')
    assert "No draft you may publish" in desk.find("#release-list").text


def test_reader_of_one_type_sees_only_that_type(site, desk):
    site.draft(site.full, "Only articles")
    status, _ = site.request("PUT", "/api/homepage?status=draft", site.full, {"data": {"tagline": "Hidden from the reader"}})
    assert status == 200
    reader = site.token("articles-reader", "--access", "custom", "--permission", "article:find,findOne,view-draft")
    desk.sign_in_with_token(reader)
    desk.queue_row(BISCOTTI)
    assert desk.all('#queue tr[data-type="homepage"]') == []
    assert "1 of 1" in desk.find("#queue-summary").text
    types = [o.get_attribute("value") for o in desk.all("#filter-type option")]
    assert types == ["", "article"]
    desk.queue_row(BISCOTTI).find_element(By.CSS_SELECTOR, "a.title").click()
    desk.find('#field-diff tr[data-field="title"]')
    assert desk.all("#publish") == [] and desk.all("#discard") == []


def test_conflict_shows_base_published_and_draft_and_writes_nothing(site, desk):
    carl = site.login("carl")
    site.draft(carl, "Draft title")
    # a human changes the same field on main with git
    path = site.path / "content" / "en" / "article" / f"{BISCOTTI}.yaml"
    path.write_text(path.read_text().replace(f"title: {ORIGINAL_TITLE}", "title: Main title", 1))
    site.git("commit", "-q", "-am", "Retitle on main")
    wait_for(lambda: site.request("GET", "/api/git/drafts", site.full)[1]["data"][0]["conflicts"] == ["title"], what="the server to read the commit")
    main_before = site.tip("main")
    draft_before = site.tip(f"drafts/en/article/{BISCOTTI}")

    desk.sign_in("erin")
    row = desk.queue_row(BISCOTTI)
    assert "conflicts: title" in row.text
    row.find_element(By.CSS_SELECTOR, "a.title").click()
    desk.click("#publish")
    conflict = desk.find('#conflict tr[data-field="title"]')
    assert ORIGINAL_TITLE in conflict.find_element(By.CSS_SELECTOR, "td.base").text
    assert "Main title" in conflict.find_element(By.CSS_SELECTOR, "td.published").text
    assert "Draft title" in conflict.find_element(By.CSS_SELECTOR, "td.draft").text
    assert site.tip("main") == main_before and site.tip(f"drafts/en/article/{BISCOTTI}") == draft_before, "nothing written"
    assert site.git("status", "--porcelain") == ""


def test_release_of_two_drafts_is_one_merge_commit(site, desk):
    site.draft(site.full, "Biscotti for the autumn issue")
    site.draft(site.full, "Second story for the autumn issue", document=OTHER)
    branches = [site.tip(f"drafts/en/article/{BISCOTTI}"), site.tip(f"drafts/en/article/{OTHER}")]
    main_before = site.tip("main")
    desk.sign_in("erin")
    desk.click('nav a[data-view="releases"]')
    for document in (BISCOTTI, OTHER):
        desk.click(f'#release-list input[data-key="article/en/{document}"]')
    desk.find("#release-message").send_keys("Autumn issue")
    desk.click("#publish-release")
    desk.find("#release-result .ok")
    parents = site.parents("main")
    assert parents[0] == main_before and sorted(parents[1:]) == sorted(branches), "one merge: main and each branch"
    assert site.git("log", "-1", "--format=%s", "main") == "Autumn issue"
    assert site.git("rev-list", "--count", f"{main_before}..main", "--first-parent") == "1"
    assert site.tip(f"drafts/en/article/{BISCOTTI}") is None and site.tip(f"drafts/en/article/{OTHER}") is None


def test_queue_follows_api_writes_and_git_commits_within_a_second(site, desk):
    desk.sign_in("erin")
    desk.find("#queue .empty")
    site.draft(site.full, "Written through the API")
    started = time.time()
    WebDriverWait(desk.driver, 1.0, poll_frequency=0.05).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f'#queue tr[data-document-id="{BISCOTTI}"]'))
    api_delay = time.time() - started

    site.git_draft(OTHER, "Drafted with git")
    started = time.time()
    WebDriverWait(desk.driver, 1.0, poll_frequency=0.05).until(lambda d: "Drafted with git" in queue_text(d))
    git_delay = time.time() - started
    assert api_delay < 1.0 and git_delay < 1.0
    assert "Human" in queue_text(desk.driver), "the author of the git commit is shown"


def queue_text(driver):
    """The queue's text, read in one go (it is redrawn whenever a change arrives)."""
    return driver.execute_script("const q = document.getElementById('queue'); return q ? q.innerText : ''")


def test_history_diffs_two_versions_and_restores_one(site, desk):
    first = site.tip("main")
    site.draft(site.full, "A newer title")
    status, _ = site.request("POST", f"/api/articles/{BISCOTTI}/publish", site.full)
    assert status == 200
    desk.sign_in("erin")
    desk.open(f"#/history/article/en/{BISCOTTI}")
    items = desk.wait().until(lambda d: d.find_elements(By.CSS_SELECTOR, "#timeline li") if len(d.find_elements(By.CSS_SELECTOR, "#timeline li")) >= 2 else None)
    assert "The demo site" in items[-1].text
    desk.wait().until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "History of A newer title")
    field = desk.find('#comparison tr[data-field="title"]')
    assert ORIGINAL_TITLE in field.text and "A newer title" in field.text
    desk.click(f'#timeline button[data-commit="{first}"]')
    wait_for(lambda: f"title: {ORIGINAL_TITLE}" in site.git("show", f"main:content/en/article/{BISCOTTI}.yaml"), what="the restore commit")
    assert site.git("log", "-1", "--format=%an", "main") == "Erin Editor"


def test_site_health_lists_bad_files(site, desk):
    bad = site.path / "content" / "en" / "article" / "broken.yaml"
    bad.write_text("title: Broken\nreadingMinutes: [not, a, number\n")
    site.git("add", "-A")
    site.git("commit", "-q", "-m", "A bad file")
    wait_for(lambda: site.request("GET", "/api/git/problems", site.full)[1]["data"], what="the server to read the bad file")
    desk.sign_in("erin")
    desk.click('nav a[data-view="health"]')
    row = desk.find("#problems tbody tr")
    assert "content/en/article/broken.yaml" in row.text
    cells = row.find_elements(By.CSS_SELECTOR, "td")
    assert cells[1].text.isdigit() and cells[2].text


def test_keyboard_only_and_narrow_screen(site, desk):
    site.draft(site.full, "Read on a phone")
    desk.driver.set_window_size(360, 800)
    desk.open()
    field = desk.find("#password-form input[name=identifier]")
    assert desk.driver.switch_to.active_element == field, "the sign-in form has focus"
    assert not desk.find_now("#nav").is_displayed(), "nothing to navigate before signing in"
    field.send_keys("erin", Keys.TAB, PASSWORD, Keys.ENTER)
    link = desk.queue_row(BISCOTTI).find_element(By.CSS_SELECTOR, "a.title")
    for _ in range(40):
        if desk.driver.switch_to.active_element == link:
            break
        desk.driver.switch_to.active_element.send_keys(Keys.TAB)
    assert desk.driver.switch_to.active_element == link, "the draft is reachable with Tab"
    link.send_keys(Keys.ENTER)
    desk.find('#field-diff tr[data-field="title"]')
    width = desk.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"no sideways scrolling at 360 px: {width}"


def test_page_is_compiled_in_and_locked_down(site):
    with urllib.request.urlopen(site.url + "/review") as response:
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy and "'unsafe-inline'" not in policy
        assert response.headers["X-Frame-Options"] == "DENY"
        page = response.read().decode()
    assert '<script type="module" src="/review/desk.js">' in page and "http" not in page.split("<body>")[0].replace("http-equiv", "")
    with urllib.request.urlopen(site.url + "/review/desk.js") as response:
        assert response.headers["Content-Type"].startswith("text/javascript")
    site.draft(site.full, "Not for the public")
    status, answer = site.request("GET", "/api/git/drafts")   # the desk has no back door: no credentials, no drafts
    assert status == 200 and answer["data"] == []


def test_filters_relation_titles_discard_and_unpublish(site, desk):
    carl = site.login("carl")
    erin = site.login("erin")
    site.request("PUT", f"/api/articles/{BISCOTTI}?status=draft", carl, {"data": {"tags": ["recipes", "baking", "wine"]}})
    status, _ = site.request("PUT", f"/api/articles/{OTHER}?status=draft&locale=fr", erin, {"data": {"title": "Un nouveau titre"}})
    assert status == 200
    main = site.tip("main")
    desk.sign_in("erin")
    assert "2 of 2" in desk.find("#queue-summary").text
    Select(desk.find("#filter-locale")).select_by_value("fr")
    desk.wait().until(lambda d: "1 of 2" in d.find_element(By.ID, "queue-summary").text)
    assert "Un nouveau titre" in queue_text(desk.driver) and "Biscotti" not in queue_text(desk.driver)
    Select(desk.find("#filter-locale")).select_by_value("")
    Select(desk.find("#filter-author")).select_by_visible_text("Carl Contributor")
    desk.wait().until(lambda d: "1 of 2" in d.find_element(By.ID, "queue-summary").text)
    assert "Biscotti" in queue_text(desk.driver) and "Un nouveau titre" not in queue_text(desk.driver)

    desk.queue_row(BISCOTTI).find_element(By.CSS_SELECTOR, "a.title").click()
    tags = desk.find('#field-diff tr[data-field="tags"] td.new')
    desk.wait().until(lambda d: "Wine" in tags.text)      # the related tag's name, fetched through the API
    assert "Recipes" in desk.find('#field-diff tr[data-field="tags"] td.old').text
    desk.click("#discard")
    desk.click("#discard")                                  # asked twice: discarding loses the draft
    desk.wait().until(lambda d: d.current_url.endswith("#/queue"))
    wait_for(lambda: site.tip(f"drafts/en/article/{BISCOTTI}") is None, what="the branch to go")
    assert site.tip("main") == main, "discarding leaves main alone"

    desk.open(f"#/draft/article/en/{BISCOTTI}")
    desk.click("#unpublish")
    wait_for(lambda: site.tip(f"drafts/en/article/{BISCOTTI}"), what="the draft branch unpublishing keeps")
    assert subprocess.run(["git", "-C", str(site.path), "cat-file", "-e", f"main:content/en/article/{BISCOTTI}.yaml"]).returncode != 0
    assert site.git("log", "-1", "--format=%an", "main") == "Erin Editor"


def test_single_type_draft_is_reviewed_and_published(site, desk):
    status, _ = site.request("PUT", "/api/homepage?status=draft", site.login("carl"), {"data": {"tagline": "Second bakes"}})
    assert status == 200
    desk.sign_in("erin")
    desk.find('#queue tr[data-type="homepage"] a.title').click()
    field = desk.find('#field-diff tr[data-field="tagline"]')
    assert "Second bakes" in field.find_element(By.CSS_SELECTOR, "td.new").text
    desk.click("#publish")
    desk.wait().until(lambda d: d.current_url.endswith("#/queue"))
    wait_for(lambda: "tagline: Second bakes" in site.git("show", "main:content/en/homepage/homepage.yaml"), what="the publish")
    assert site.tip("drafts/en/homepage/homepage") is None



def test_server_stops_promptly_and_the_desk_catches_up_when_it_is_back(site, desk):
    desk.sign_in("erin")          # the live stream is open
    started = time.time()
    site.stop()
    assert time.time() - started < 5, "an open event stream must not hold up stopping"
    desk.wait().until(lambda d: d.find_element(By.ID, "live").get_attribute("data-state") == "closed")

    # a draft made with git while the server is down: no event will ever tell of it, so the desk
    # reloads its view when the stream is back
    site.git_draft(OTHER, "Drafted while the server was down")
    site.start()
    desk.wait(15).until(lambda d: "Drafted while the server was down" in queue_text(d))
    assert desk.find_now("#live").get_attribute("data-state") == "open"
