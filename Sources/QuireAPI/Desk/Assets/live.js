import { headers } from "./api.js";

// Follows GET /api/git/events (Server-Sent Events). Read with fetch rather than EventSource so
// the credential travels in the Authorization header, as on every other call; reconnects a
// second after the stream drops.
export function follow({ onEvent, onState }) {
  let stopped = false;
  let controller = null;

  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch("/api/git/events", {
          headers: headers({ Accept: "text/event-stream" }), credentials: "omit", cache: "no-store", signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        onState("open");
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame.split("\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trimStart()).join("\n");
            if (data) {
              try { onEvent(JSON.parse(data)); } catch { /* a malformed frame is skipped */ }
            }
          }
        }
      } catch {
        // dropped or refused: try again shortly
      }
      if (stopped) return;
      onState("closed");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  connect();
  return () => { stopped = true; if (controller) controller.abort(); };
}
