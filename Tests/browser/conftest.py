"""The review desk in a real browser: Debian's chromium driven by chromedriver through selenium,
against `quire serve` (the debug binary `swift build` made) on a temporary copy of the demo site,
on a free loopback port. Every check of what was written is made with the git command line."""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
QUIRE = Path(os.environ.get("QUIRE_BIN", ROOT / ".build" / "debug" / "quire"))
PASSWORD = "correct horse battery"
ENV = {**os.environ, "QUIRE_BCRYPT_COST": "4", "GIT_AUTHOR_NAME": "Human", "GIT_AUTHOR_EMAIL": "human@example.com",
       "GIT_COMMITTER_NAME": "Human", "GIT_COMMITTER_EMAIL": "human@example.com"}
BISCOTTI = "ffhfgt0m4gslm1p7pbz8fkvu"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """A temporary git repository holding the demo site, served by `quire serve`."""

    def __init__(self, path):
        self.path = Path(path)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def git(self, *args, check=True):
        return subprocess.run(["git", "-C", str(self.path), *args], check=check, capture_output=True, text=True, env=ENV).stdout.strip()

    def quire(self, *args, stdin=None):
        return subprocess.run([str(QUIRE), *args], check=True, capture_output=True, text=True, input=stdin, env=ENV).stdout.strip()

    def add_user(self, username, name, role):
        self.quire("user", "add", "--repo", str(self.path), username, "--email", f"{username}@example.com",
                   "--name", name, "--role", role, stdin=PASSWORD + "\n")

    def token(self, name, *args):
        return self.quire("token", "create", "--repo", str(self.path), "--name", name, *args).splitlines()[-1].strip()

    def start(self):
        log = open(self.path.parent / "serve.log", "w")
        self.process = subprocess.Popen([str(QUIRE), "serve", "--repo", str(self.path), "--port", str(self.port)],
                                        stdout=log, stderr=subprocess.STDOUT, env=ENV)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/_health", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                if self.process.poll() is not None:
                    raise RuntimeError("quire serve exited: " + (self.path.parent / "serve.log").read_text())
                time.sleep(0.2)
        raise RuntimeError("quire serve did not answer within a minute")

    def stop(self):
        """Stops the server as Ctrl-C would, while the browser may still hold its event stream:
        a stream that kept the server from stopping fails the test."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                raise AssertionError("quire serve did not stop within 15 s of SIGTERM")

    def request(self, method, path, token=None, body=None):
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def login(self, username):
        status, answer = self.request("POST", "/api/auth/local", body={"identifier": username, "password": PASSWORD})
        assert status == 200, answer
        return answer["jwt"]

    def draft(self, token, title, document=BISCOTTI, plural="articles", field="title"):
        status, answer = self.request("PUT", f"/api/{plural}/{document}?status=draft", token, {"data": {field: title}})
        assert status == 200, answer
        return answer

    def git_draft(self, document, title):
        """A draft branch made by hand with git, as an editor without the API would: the title changed."""
        branch = f"drafts/en/article/{document}"
        self.git("branch", branch, "main")
        self.git("checkout", "-q", branch)
        path = self.path / "content" / "en" / "article" / f"{document}.yaml"
        lines = path.read_text().splitlines(keepends=True)
        path.write_text(f"title: {title}\n" + "".join(lines[1:]))
        self.git("commit", "-q", "-am", "Draft with git")
        self.git("checkout", "-q", "main")

    def tip(self, ref):
        return self.git("rev-parse", "--verify", "-q", ref, check=False) or None

    def parents(self, ref):
        return self.git("log", "-1", "--format=%P", ref).split()


@pytest.fixture
def site():
    if not QUIRE.exists():
        pytest.fail(f"{QUIRE} is missing: run `swift build` first")
    folder = Path(tempfile.mkdtemp(prefix="quire-desk-"))
    repo = folder / "site"
    repo.mkdir()
    shutil.copy(ROOT / "quire.yaml", repo / "quire.yaml")
    shutil.copytree(ROOT / "schemas", repo / "schemas")
    shutil.copytree(ROOT / "content", repo / "content")
    s = Site(repo)
    s.git("init", "-q", "-b", "main")
    s.git("add", "-A")
    s.git("commit", "-q", "-m", "The demo site")
    s.add_user("erin", "Erin Editor", "editor")
    s.add_user("carl", "Carl Contributor", "contributor")
    s.full = s.token("ci", "--access", "full-access")
    s.start()
    yield s
    s.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


class Desk:
    """What a user does on the page, in the page's own terms."""

    def __init__(self, driver, site):
        self.driver = driver
        self.site = site

    def wait(self, seconds=10):
        return WebDriverWait(self.driver, seconds)

    def find(self, css, seconds=10):
        return self.wait(seconds).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def click(self, css, seconds=10):
        element = self.wait(seconds).until(EC.element_to_be_clickable((By.CSS_SELECTOR, css)))
        element.click()
        return element

    def find_now(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def open(self, hash=""):
        self.driver.get(f"{self.site.url}/review{hash}")

    def sign_in(self, username):
        self.open()
        self.find("#password-form input[name=identifier]").send_keys(username)
        self.find("#password-form input[name=password]").send_keys(PASSWORD)
        self.click("#password-form button[type=submit]")
        self.queue_loaded()
        self.wait().until(lambda d: d.find_element(By.ID, "live").get_attribute("data-state") == "open")

    def sign_in_with_token(self, token):
        self.open()
        self.find("#token-form input[name=token]").send_keys(token)
        self.click("#token-form button[type=submit]")
        self.queue_loaded()

    def queue_loaded(self):
        """The queue has its first answer from the API (its summary says how many drafts)."""
        self.wait().until(lambda d: d.find_elements(By.ID, "queue-summary") and d.find_element(By.ID, "queue-summary").text)

    def queue_row(self, document_id, seconds=10):
        return self.find(f'#queue tr[data-document-id="{document_id}"]', seconds)

    def errors(self):
        return [entry for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.fixture
def desk(browser, site):
    return Desk(browser, site)
