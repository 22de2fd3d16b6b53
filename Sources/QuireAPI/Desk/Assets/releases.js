import { h, clear, toast } from "./dom.js";
import { ApiError } from "./api.js";
import { loadDrafts, authorsOf, conflictCell, draftHash } from "./queue.js";

// Releases: tick several drafts and publish them as one merge commit, all or nothing.
export async function releasesView(desk) {
  const list = h("div", { id: "release-list" });
  const message = h("input", { name: "message", id: "release-message", placeholder: "e.g. Autumn issue" });
  const submit = h("button", { type: "submit", class: "primary", id: "publish-release" }, "Publish as one release");
  const result = h("div", { id: "release-result" });
  const form = h("form", { class: "release" }, list, h("label", {}, "Release message", message), h("div", { class: "actions" }, submit), result);
  desk.main.append(h("h1", {}, "Releases"),
    h("p", { class: "muted" }, "Every ticked draft goes to main in a single merge commit, or none does."), form);
  const ticked = new Set();
  let drafts = [];
  const keyOf = (d) => `${d.type}/${d.locale}/${d.documentId}`;
  const draw = () => {
    clear(list);
    if (!drafts.length) { list.append(h("p", { class: "empty" }, "No draft you may publish.")); submit.disabled = true; return; }
    submit.disabled = false;
    list.append(h("table", { class: "list" },
      h("thead", {}, h("tr", {}, ["", "Title", "Type", "Locale", "Author", "Publishing"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, drafts.map((d) => {
        const box = h("input", { type: "checkbox", checked: ticked.has(keyOf(d)), "aria-label": `Include ${d.title || d.documentId}`, dataset: { key: keyOf(d) } });
        box.addEventListener("change", () => { if (box.checked) ticked.add(keyOf(d)); else ticked.delete(keyOf(d)); });
        return h("tr", { dataset: { documentId: d.documentId } },
          h("td", { "data-label": "Include" }, box),
          h("td", { "data-label": "Title" }, h("a", { href: draftHash(d) }, d.title || d.documentId)),
          h("td", { "data-label": "Type" }, d.type), h("td", { "data-label": "Locale" }, d.locale),
          h("td", { "data-label": "Author" }, authorsOf(d)), h("td", { "data-label": "Publishing" }, conflictCell(d)));
      }))));
  };
  const load = async () => {
    drafts = (await loadDrafts(desk)).filter((d) => desk.canPublish(d.type));
    for (const key of [...ticked]) if (!drafts.some((d) => keyOf(d) === key)) ticked.delete(key);
    draw();
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const documents = drafts.filter((d) => ticked.has(keyOf(d))).map((d) => ({ type: d.type, documentId: d.documentId, locale: d.locale }));
    if (!documents.length) { clear(result).append(h("p", { class: "error", role: "alert" }, "Tick at least one draft.")); return; }
    submit.disabled = true;
    try {
      const answer = await desk.api("POST", "/api/git/releases", { data: { documents, message: message.value || undefined } });
      ticked.clear();
      toast(`Released ${documents.length} draft${documents.length === 1 ? "" : "s"} in ${String(answer.data.commit).slice(0, 10)}`, "ok");
      clear(result).append(h("p", { class: "ok", role: "status" }, `One merge commit: ${answer.data.commit}`));
      await load();
    } catch (error) {
      if (error instanceof ApiError && error.status !== 401) {
        const details = error.details && Object.keys(error.details).length ? h("pre", { class: "json" }, JSON.stringify(error.details, null, 2)) : null;
        clear(result).append(h("div", { class: "error", role: "alert" }, h("p", {}, `Nothing was published. ${error.name}: ${error.message}`), details));
      } else desk.fail(error);
    } finally {
      submit.disabled = false;
    }
  });
  await load();
  let pending = null;
  return { onEvent() { clearTimeout(pending); pending = setTimeout(() => load().catch((e) => desk.fail(e)), 100); } };
}
