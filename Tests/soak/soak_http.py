"""The soak's HTTP side: one keep-alive connection per worker, and one ledger of every request.

A request that gets no answer (the server was killed, or restarting) has status 0: it is
neither a success nor a server error, and whatever it asked for may or may not have happened.
"""

import http.client
import json
import threading
import time

HOST = "127.0.0.1"


class Client:
    def __init__(self, port, token, ledger, server):
        self.port, self.token, self.ledger, self.server = port, token, ledger, server
        self.conn = None

    def call(self, kind, method, path, body=None, content_type="application/json", expect=(200, 201, 204, 304)):
        """(status, parsed JSON or raw bytes). Statuses outside `expect` below 500 are recorded as
        unexpected 4xx; 5xx always as server errors."""
        headers = {"Authorization": f"Bearer {self.token}"}
        if body is not None:
            headers["Content-Type"] = content_type
            if isinstance(body, (dict, list)):
                body = json.dumps(body).encode()
        started = time.monotonic()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            raw = response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException):
            self.close()
            status, raw = 0, b""
        elapsed = time.monotonic() - started
        self.ledger.record(self.server, kind, method, path, status, elapsed, raw, expect)
        try:
            parsed = json.loads(raw) if raw[:1] in (b"{", b"[") else raw
        except ValueError:
            parsed = raw
        return status, parsed

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Ledger:
    """Every request's time, kind, status and latency; the first few bodies of each failure kind."""

    def __init__(self):
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.rows = []          # (seconds since start, server, kind, status, latency)
        self.server_errors = []
        self.unexpected = []
        self.unexpected_count = 0

    def record(self, server, kind, method, path, status, elapsed, raw, expect):
        now = time.monotonic() - self.started
        with self.lock:
            self.rows.append((now, server, kind, status, elapsed))
            text = raw[:300].decode(errors="replace")
            if status >= 500 and len(self.server_errors) < 20:
                self.server_errors.append(f"{now:.1f}s {server} {method} {path} -> {status}: {text}")
            elif status and status not in expect and status < 500:
                self.unexpected_count += 1
                if len(self.unexpected) < 40:
                    self.unexpected.append(f"{now:.1f}s {server} {method} {path} -> {status}: {text}")

    def note(self, line):
        with self.lock:
            self.unexpected_count += 1
            if len(self.unexpected) < 40:
                self.unexpected.append(f"{time.monotonic() - self.started:.1f}s {line}")

    def summary(self):
        with self.lock:
            rows = list(self.rows)
        by_minute = {}
        for t, server, kind, status, latency in rows:
            cls = "write" if kind.startswith("w:") else "read"
            bucket = by_minute.setdefault(int(t // 60), {}).setdefault(cls, {"lat": [], "5xx": 0, "down": 0, "n": 0})
            bucket["n"] += 1
            if status == 0:
                bucket["down"] += 1
            elif status >= 500:
                bucket["5xx"] += 1
            else:
                bucket["lat"].append(latency)
        minutes = []
        for minute in sorted(by_minute):
            row = {"minute": minute}
            for cls, b in sorted(by_minute[minute].items()):
                lat = sorted(b["lat"])
                row[cls] = {"requests": b["n"], "answered": len(lat), "no_answer": b["down"], "5xx": b["5xx"],
                            "p50_ms": ms(pct(lat, 50)), "p95_ms": ms(pct(lat, 95)),
                            "p99_ms": ms(pct(lat, 99)), "max_ms": ms(lat[-1] if lat else None)}
            minutes.append(row)
        kinds, latencies = {}, {}
        for _, server, kind, status, latency in rows:
            k = kinds.setdefault(f"{server} {kind}", {})
            k[str(status)] = k.get(str(status), 0) + 1
            if status:
                latencies.setdefault(kind, []).append(latency)
        by_kind = {}
        for kind, values in sorted(latencies.items()):
            values.sort()
            by_kind[kind] = {"n": len(values), "p50_ms": ms(pct(values, 50)), "p99_ms": ms(pct(values, 99)), "max_ms": ms(values[-1])}
        return {
            "requests": len(rows),
            "answered": sum(1 for r in rows if r[3]),
            "server_errors": sum(1 for r in rows if r[3] >= 500),
            "unexpected": self.unexpected_count,
            "per_minute": minutes,
            "statuses_by_kind": kinds,
            "latency_by_kind": by_kind,
            "server_error_samples": self.server_errors,
            "unexpected_samples": self.unexpected,
        }


def pct(values, p):
    if not values:
        return None
    return values[min(len(values) - 1, max(0, int(round(p / 100 * len(values) + 0.5)) - 1))]


def ms(value):
    return None if value is None else round(value * 1000, 1)
