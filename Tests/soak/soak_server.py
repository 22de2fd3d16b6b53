"""One `quire serve` process of the soak: started, killed with SIGKILL, restarted, stopped."""

import http.client
import json
import signal
import subprocess
import time


class Server:
    def __init__(self, name, quire, repo, port, token, log, extra=()):
        self.name, self.quire, self.repo, self.port, self.token = name, quire, repo, port, token
        self.log, self.extra = log, list(extra)
        self.process = None
        self.starts, self.kills, self.start_seconds = 0, 0, []

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def start(self, timeout=900):
        with open(self.log, "a") as log:
            log.write(f"\n==== soak: start {self.starts + 1} at {time.strftime('%H:%M:%S')} ====\n")
        started = time.monotonic()
        self.process = subprocess.Popen(
            [self.quire, "serve", "--repo", self.repo, "--port", str(self.port), *self.extra],
            stdout=open(self.log, "a"), stderr=subprocess.STDOUT)
        self.starts += 1
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"server {self.name} exited with {self.process.returncode} while starting (see {self.log})")
            if self.healthy():
                self.start_seconds.append(round(time.monotonic() - started, 2))
                return
            time.sleep(0.1)
        raise RuntimeError(f"server {self.name} did not answer /_health within {timeout} s")

    def healthy(self):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            conn.request("GET", "/_health", headers={"Authorization": f"Bearer {self.token}"})
            ok = conn.getresponse().status == 200
            conn.close()
            return ok
        except (OSError, http.client.HTTPException):
            return False

    def remote_status(self):
        """The `remote` block of /_health (unpushed commits, refused pushes), or None."""
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            conn.request("GET", "/_health", headers={"Authorization": f"Bearer {self.token}"})
            response = conn.getresponse()
            body = response.read()
            conn.close()
            return json.loads(body).get("remote") if response.status == 200 else None
        except (OSError, http.client.HTTPException, ValueError):
            return None

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.kills += 1

    def stop(self, timeout=300):
        """SIGTERM, as an operator stops it; it pushes and saves its index before it exits."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise RuntimeError(f"server {self.name} did not stop within {timeout} s of SIGTERM")
        return self.process.returncode if self.process else None

    def rss_mib(self):
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except (OSError, TypeError):
            return None
        return None

