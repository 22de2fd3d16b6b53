"""The demo site ("Détours") in a temporary git repository, served by the debug `quire serve` on a
loopback port: what the contract runs send their requests to. Nothing here touches the package's
own history or `.quire/demo`."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUIRE = Path(os.environ.get("QUIRE_BIN", ROOT / ".build" / "debug" / "quire"))
# bcrypt at cost 4 keeps sign-ins fast; git needs an identity for the site's first commit.
ENV = {**os.environ, "QUIRE_BCRYPT_COST": "4", "GIT_AUTHOR_NAME": "Contract", "GIT_AUTHOR_EMAIL": "contract@example.com",
       "GIT_COMMITTER_NAME": "Contract", "GIT_COMMITTER_EMAIL": "contract@example.com"}
PASSWORD = "correct horse battery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DemoSite:
    """A fresh copy of the demo site with an admin user and a full-access token, served on `port`."""

    def __init__(self, port=None):
        if not QUIRE.exists():
            raise SystemExit(f"{QUIRE} is missing: run `swift build` first")
        self.folder = Path(tempfile.mkdtemp(prefix="quire-contract-"))
        self.repo = self.folder / "site"
        self.log_path = self.folder / "serve.log"
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.repo.mkdir()
        shutil.copy(ROOT / "quire.yaml", self.repo / "quire.yaml")
        for part in ("schemas", "content", "media"):
            if (ROOT / part).exists():
                shutil.copytree(ROOT / part, self.repo / part)
        self._git("init", "-q", "-b", "main")
        self._git("add", "-A")
        self._git("commit", "-q", "-m", "The demo site")
        self.add_user("root")
        self.token = self._quire("token", "create", "--repo", str(self.repo), "--name", "contract",
                                 "--access", "full-access").splitlines()[-1].strip()

    def add_user(self, username, role="admin"):
        self._quire("user", "add", "--repo", str(self.repo), username, "--email", f"{username}@example.com",
                    "--name", username, "--role", role, stdin=PASSWORD + "\n")

    def _git(self, *args):
        subprocess.run(["git", "-C", str(self.repo), *args], check=True, capture_output=True, env=ENV)

    def _quire(self, *args, stdin=None):
        return subprocess.run([str(QUIRE), *args], check=True, capture_output=True, text=True, input=stdin, env=ENV).stdout

    def start(self):
        log = open(self.log_path, "w")
        self.process = subprocess.Popen([str(QUIRE), "serve", "--repo", str(self.repo), "--host", "127.0.0.1",
                                         "--port", str(self.port), "--no-pack"], stdout=log, stderr=subprocess.STDOUT, env=ENV)
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/_health", timeout=2)
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                if self.process.poll() is not None:
                    raise SystemExit("quire serve exited:\n" + self.log_path.read_text())
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"quire serve did not answer on {self.url} within 90 s")

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
