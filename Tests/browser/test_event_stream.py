"""GET /api/git/events, read as the desk reads it: each change, once, to callers who may see it."""
import http.client
import json

from conftest import BISCOTTI


class EventStream:
    """GET /api/git/events read frame by frame, as the desk reads it."""

    def __init__(self, site, token):
        self.connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
        self.connection.request("GET", "/api/git/events", headers={"Authorization": f"Bearer {token}", "Accept": "text/event-stream"})
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type").startswith("text/event-stream")
        assert self.frame() == ["retry: 1000", ": connected"]

    def frame(self):
        lines = []
        while True:
            line = self.response.readline().decode().rstrip("\n")
            if not line and lines:
                return lines
            if line:
                lines.append(line)

    def event(self):
        frame = [line for line in self.frame() if not line.startswith(":")]
        fields = dict(line.split(": ", 1) for line in frame)
        return fields["event"], json.loads(fields["data"])

    def close(self):
        self.connection.close()


def test_event_stream_sends_each_change_to_callers_who_may_see_it(site):
    tags_only = site.token("tags-only", "--access", "custom", "--permission", "tag:find,findOne")
    everything = EventStream(site, site.full)
    tags = EventStream(site, tags_only)
    try:
        site.draft(site.full, "A draft the tag reader must not hear of")
        main = site.tip("main")
        status, _ = site.request("PUT", "/api/tags/wine", site.full, {"data": {"name": "Wine & vines"}})
        assert status == 200
        event, data = everything.event()
        assert event == "entry.update" and data["type"] == "article" and data["documentId"] == BISCOTTI and data["locale"] == "en"
        assert data["commit"] == main, "main's commit after the change (a draft leaves main where it was)"
        assert everything.event()[1]["documentId"] == "wine"
        event, data = tags.event()
        assert (event, data["type"], data["documentId"]) == ("entry.update", "tag", "wine"), "the article draft was left out"
    finally:
        everything.close()
        tags.close()
