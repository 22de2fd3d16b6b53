import { h, clear } from "./dom.js";

// Site health: the files `quire validate` reports, as this server sees them right now.
export async function healthView(desk) {
  const body = h("div", { id: "problems" });
  desk.main.append(h("h1", {}, "Site health"), body);
  const load = async () => {
    const answer = await desk.api("GET", "/api/git/problems");
    clear(body);
    if (!answer.data.length) { body.append(h("p", { class: "empty ok" }, "Every file you may read is valid.")); return; }
    body.append(h("p", {}, `${answer.data.length} bad file${answer.data.length === 1 ? "" : "s"}: the last good version of each keeps serving.`),
      h("table", { class: "list" },
        h("thead", {}, h("tr", {}, ["Path", "Line", "Message"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, answer.data.map((p) => h("tr", {},
          h("td", { "data-label": "Path" }, h("code", {}, p.path)),
          h("td", { "data-label": "Line" }, p.line ? String(p.line) : ""),
          h("td", { "data-label": "Message" }, p.message))))));
  };
  await load();
  return { onEvent() { load().catch((e) => desk.fail(e)); } };
}
