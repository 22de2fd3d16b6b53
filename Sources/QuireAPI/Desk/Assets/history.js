import { h, clear, toast } from "./dom.js";
import { documentPath, query } from "./api.js";
import { fieldTable } from "./draft.js";
import { unified } from "./render.js";

// History: pick a document, see every commit that touched it, diff any two, restore one.
export async function historyView(desk, [typeName, locale, documentId]) {
  if (!typeName) return pickDocument(desk);
  const type = desk.typeBySingular(typeName);
  if (!type) throw new Error(`No content type ${typeName} you may read`);
  const path = documentPath(type, documentId);
  const loc = type.localized ? { locale } : {};
  const timeline = h("div", { id: "timeline" });
  const comparison = h("div", { id: "comparison" });
  const heading = h("h1", {}, `History of ${documentId}`);
  desk.main.append(h("p", {}, h("a", { href: "#/history" }, "← Another document")),
    heading, h("p", { class: "muted" }, `${type.displayName} · ${locale} · commits on main, newest first`),
    timeline, comparison);
  if (type.titleField) {
    desk.api("GET", `${path}${query(loc)}`)
      .then((answer) => { if (answer && answer.data && answer.data[type.titleField]) heading.textContent = `History of ${answer.data[type.titleField]}`; })
      .catch(() => {});
  }
  const mayRestore = desk.can(type, "update") && (!type.draftAndPublish || desk.can(type, "publish"));

  const compare = async (from, to) => {
    const answer = await desk.api("GET", `${path}/diff${query({ ...loc, from, to })}`);
    clear(comparison).append(h("h2", {}, `${from.slice(0, 10)} → ${to.slice(0, 10)}`),
      fieldTable(desk, type, answer.data.fields, locale, [from.slice(0, 10), to.slice(0, 10)]), unified(answer.data.diff));
  };
  const load = async () => {
    const answer = await desk.api("GET", `${path}/history${query({ ...loc, pagination: { pageSize: 100 } })}`);
    const commits = answer.data;
    clear(timeline);
    if (!commits.length) { timeline.append(h("p", { class: "empty" }, "No commit on main touched this document.")); return; }
    const form = h("form", { class: "history" });
    const list = h("ol", { class: "timeline" }, commits.map((c, index) => {
      const restore = mayRestore && index > 0 ? h("button", { type: "button", class: "quiet", dataset: { commit: c.id }, "aria-label": `Restore the version of ${c.id.slice(0, 10)}` }, "Restore") : null;
      restore?.addEventListener("click", async () => {
        try {
          await desk.api("POST", `${path}/restore${query(loc)}`, { commit: c.id });
          toast(`Restored the version of ${c.id.slice(0, 10)} as a new commit`, "ok");
          await load();
        } catch (error) { desk.fail(error); }
      });
      return h("li", { dataset: { commit: c.id } },
        h("label", { class: "pick" }, h("input", { type: "radio", name: "from", value: c.id, checked: index === 1 || commits.length === 1, "aria-label": `Compare from ${c.id.slice(0, 10)}` }), "from"),
        h("label", { class: "pick" }, h("input", { type: "radio", name: "to", value: c.id, checked: index === 0, "aria-label": `Compare to ${c.id.slice(0, 10)}` }), "to"),
        h("code", {}, c.id.slice(0, 10)), " ", h("strong", {}, c.author.name), " ",
        h("time", { datetime: c.date }, new Date(c.date).toLocaleString()), " — ", c.message, restore ? [" ", restore] : null);
    }));
    form.append(list, h("div", { class: "actions" }, h("button", { type: "submit" }, "Compare the two versions")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(form);
      compare(String(data.get("from")), String(data.get("to"))).catch((error) => desk.fail(error));
    });
    timeline.append(form);
    if (commits.length > 1) await compare(commits[1].id, commits[0].id);
  };
  await load();
  return {};
}

async function pickDocument(desk) {
  const types = desk.types().filter((t) => t.actions.includes("find") || t.actions.includes("findOne"));
  const typeSelect = h("select", { id: "history-type" }, types.map((t) => h("option", { value: t.singularName }, t.displayName)));
  const localeSelect = h("select", { id: "history-locale" }, desk.access.locales.map((l) => h("option", { value: l }, l)));
  const list = h("ul", { class: "documents", id: "history-documents" });
  desk.main.append(h("h1", {}, "History"),
    h("form", { class: "filters" }, h("label", {}, "Type", typeSelect), h("label", {}, "Locale", localeSelect)), list);
  const load = async () => {
    const type = desk.typeBySingular(typeSelect.value);
    const locale = localeSelect.value;
    clear(list);
    if (!type) return;
    const link = (id, title) => h("li", {}, h("a", { href: `#/history/${encodeURIComponent(type.singularName)}/${encodeURIComponent(locale)}/${encodeURIComponent(id)}` }, title || id));
    if (type.kind === "singleType") { list.append(link(type.singularName, type.displayName)); return; }
    const params = { pagination: { pageSize: 100 }, ...(type.localized ? { locale } : {}) };
    if (type.titleField) params.fields = { 0: type.titleField };
    const answer = await desk.api("GET", `/api/${type.pluralName}${query(params)}`);
    list.append(answer.data.map((d) => link(d.documentId, type.titleField ? d[type.titleField] : d.documentId)));
    if (!answer.data.length) list.append(h("li", { class: "muted" }, "No published document."));
  };
  typeSelect.addEventListener("change", () => load().catch((e) => desk.fail(e)));
  localeSelect.addEventListener("change", () => load().catch((e) => desk.fail(e)));
  await load();
  return {};
}
