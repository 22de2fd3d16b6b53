import { h, clear, age } from "./dom.js";

// The queue: every pending draft the caller may see, newest first, filterable by type, locale
// and author; it reloads whenever the live stream reports a change.
const filters = { type: "", locale: "", author: "" };

export function authorsOf(draft) {
  return (draft.authors || []).map((a) => a.name).join(", ");
}

export function draftHash(draft) {
  return `#/draft/${encodeURIComponent(draft.type)}/${encodeURIComponent(draft.locale)}/${encodeURIComponent(draft.documentId)}`;
}

export function conflictCell(draft) {
  if (draft.conflicts && draft.conflicts.length) {
    return h("span", { class: "badge bad", title: "Publishing now would stop on these fields" }, `conflicts: ${draft.conflicts.join(", ")}`);
  }
  return h("span", { class: "badge ok" }, "clean");
}

export function movedCell(draft) {
  return draft.behind ? `${draft.behind} commit${draft.behind === 1 ? "" : "s"}` : "up to date";
}

export async function loadDrafts(desk) {
  const answer = await desk.api("GET", "/api/git/drafts");
  return answer.data.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}

export async function queueView(desk) {
  const table = h("div", { id: "queue" });
  const summary = h("p", { class: "muted", id: "queue-summary", "aria-live": "polite" });
  const selects = {
    type: h("select", { name: "type", id: "filter-type" }),
    locale: h("select", { name: "locale", id: "filter-locale" }),
    author: h("select", { name: "author", id: "filter-author" }),
  };
  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter drafts" },
    h("label", {}, "Type", selects.type), h("label", {}, "Locale", selects.locale), h("label", {}, "Author", selects.author));
  desk.main.append(h("h1", {}, "Queue"), form, summary, table);

  let drafts = [];
  const options = (select, values, label) => {
    const chosen = filters[select.name];
    clear(select).append(h("option", { value: "" }, `Every ${label}`),
      ...values.map((v) => h("option", { value: v.value, selected: v.value === chosen }, v.label)));
  };
  const draw = () => {
    const authors = [...new Set(drafts.flatMap((d) => (d.authors || []).map((a) => a.name)))].sort();
    options(selects.type, desk.types().filter((t) => t.actions.includes("view-draft")).map((t) => ({ value: t.singularName, label: t.displayName })), "type");
    options(selects.locale, desk.access.locales.map((l) => ({ value: l, label: l })), "locale");
    options(selects.author, authors.map((a) => ({ value: a, label: a })), "author");
    const shown = drafts.filter((d) => (!filters.type || d.type === filters.type) && (!filters.locale || d.locale === filters.locale)
      && (!filters.author || (d.authors || []).some((a) => a.name === filters.author)));
    summary.textContent = `${shown.length} of ${drafts.length} pending draft${drafts.length === 1 ? "" : "s"}`;
    clear(table);
    if (!shown.length) { table.append(h("p", { class: "empty" }, "Nothing waiting for review.")); return; }
    table.append(h("table", { class: "list" },
      h("thead", {}, h("tr", {}, ["Title", "Type", "Locale", "Author", "Age", "Main moved since", "Publishing"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, shown.map((d) => h("tr", { dataset: { documentId: d.documentId, type: d.type, locale: d.locale } },
        h("td", { "data-label": "Title" }, h("a", { href: draftHash(d), class: "title" }, d.title || d.documentId), d.published ? "" : h("span", { class: "badge new" }, "new")),
        h("td", { "data-label": "Type" }, (desk.typeBySingular(d.type) || {}).displayName || d.type),
        h("td", { "data-label": "Locale" }, d.locale),
        h("td", { "data-label": "Author" }, authorsOf(d)),
        h("td", { "data-label": "Age" }, h("time", { datetime: d.updatedAt, title: d.updatedAt }, age(d.updatedAt))),
        h("td", { "data-label": "Main moved since" }, movedCell(d)),
        h("td", { "data-label": "Publishing" }, conflictCell(d)))))));
  };
  const load = async () => {
    drafts = await loadDrafts(desk);
    draw();
  };
  form.addEventListener("change", (event) => { filters[event.target.name] = event.target.value; draw(); });
  await load();
  let pending = null;
  return {
    onEvent() {
      clearTimeout(pending);
      pending = setTimeout(() => load().catch((error) => desk.fail(error)), 100);
    },
  };
}
