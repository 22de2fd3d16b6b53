import { h, clear, age, toast } from "./dom.js";
import { documentPath, ApiError } from "./api.js";
import { value, unified } from "./render.js";
import { authorsOf, movedCell, conflictCell, loadDrafts } from "./queue.js";

// One draft: its fields side by side (published | draft), the unified diff git would show, and
// the actions the caller's role allows. A conflict shows base / published / draft per field.
export function fieldTable(desk, type, fields, locale, labels = ["Published", "Draft"]) {
  const names = Object.keys(fields || {});
  if (!names.length) return h("p", { class: "muted" }, "No field differs.");
  return h("table", { class: "fields", id: "field-diff" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Field"), labels.map((l) => h("th", { scope: "col" }, l)))),
    h("tbody", {}, names.map((name) => h("tr", { dataset: { field: name } },
      h("th", { scope: "row" }, name),
      h("td", { class: "old", "data-label": labels[0] }, value(desk, fields[name].from, type.attributes[name], locale)),
      h("td", { class: "new", "data-label": labels[1] }, value(desk, fields[name].to, type.attributes[name], locale))))));
}

function conflictTable(desk, type, details, locale) {
  return h("section", { class: "panel conflict", id: "conflict", role: "alert" },
    h("h2", {}, "Publishing would overwrite a change on main"),
    h("p", {}, "Main changed these fields differently since the draft was made. Nothing was written: edit the draft (or main) so they agree, then publish again."),
    h("table", { class: "fields" },
      h("thead", {}, h("tr", {}, ["Field", "Base", "Published", "Draft"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, Object.entries(details || {}).map(([name, sides]) => h("tr", { dataset: { field: name } },
        h("th", { scope: "row" }, name),
        ["base", "published", "draft"].map((side) => h("td", { class: side, "data-label": side }, value(desk, sides[side], type.attributes[name], locale))))))));
}

export async function draftView(desk, [typeName, locale, documentId]) {
  const type = desk.typeBySingular(typeName);
  if (!type) throw new Error(`No content type ${typeName} you may read`);
  const path = documentPath(type, documentId);
  const localeQuery = type.localized ? `?locale=${encodeURIComponent(locale)}` : "";
  const container = h("div", { id: "draft" });
  desk.main.append(container);

  const load = async () => {
    const [diff, drafts] = await Promise.all([desk.api("GET", `${path}/diff${localeQuery}`), loadDrafts(desk)]);
    const info = drafts.find((d) => d.type === typeName && d.locale === locale && d.documentId === documentId);
    const data = diff.data;
    clear(container);
    const title = (info && info.title) || documentId;
    container.append(h("p", {}, h("a", { href: "#/queue" }, "← Queue")),
      h("h1", {}, title),
      h("dl", { class: "meta" },
        h("dt", {}, "Type"), h("dd", {}, type.displayName),
        h("dt", {}, "Locale"), h("dd", {}, locale),
        info ? [h("dt", {}, "Author"), h("dd", {}, authorsOf(info)),
          h("dt", {}, "Updated"), h("dd", {}, h("time", { datetime: info.updatedAt }, age(info.updatedAt))),
          h("dt", {}, "Main moved since"), h("dd", {}, movedCell(info)),
          h("dt", {}, "Publishing"), h("dd", {}, conflictCell(info)),
          h("dt", {}, "Branch"), h("dd", {}, h("code", {}, info.branch))] : [h("dt", {}, "Draft"), h("dd", {}, "none pending (published version shown)")]));
    const actions = h("div", { class: "actions", id: "actions" });
    const result = h("div", { id: "result" });
    const act = async (name, button) => {
      button.disabled = true;
      try {
        await desk.api("POST", `${path}/${name}${localeQuery}`);
        toast(`${name === "publish" ? "Published" : name === "unpublish" ? "Unpublished" : "Discarded"}: ${title}`, "ok");
        if (name === "unpublish") await load(); else desk.go("#/queue");
      } catch (error) {
        button.disabled = false;
        if (error instanceof ApiError && error.status === 409 && error.details && Object.keys(error.details).length) {
          clear(result).append(conflictTable(desk, type, error.details, locale));
          result.querySelector("h2").focus?.();
        } else if (error instanceof ApiError && error.status !== 401) {
          clear(result).append(h("p", { class: "error", role: "alert" }, `${error.name}: ${error.message}`));
        } else desk.fail(error);
      }
    };
    if (info && type.draftAndPublish && desk.canPublish(type)) {
      const publish = h("button", { type: "button", class: "primary", id: "publish" }, "Publish");
      publish.addEventListener("click", () => act("publish", publish));
      actions.append(publish);
    }
    if (info && desk.can(type, "update")) {
      const discard = h("button", { type: "button", id: "discard", class: "danger" }, "Discard draft");
      discard.addEventListener("click", () => {
        if (discard.dataset.armed) act("discard", discard);
        else { discard.dataset.armed = "1"; discard.textContent = "Really discard? Click again"; }
      });
      actions.append(discard);
    }
    if (type.draftAndPublish && desk.canPublish(type) && (!info || info.published)) {
      const unpublish = h("button", { type: "button", id: "unpublish" }, "Unpublish");
      unpublish.addEventListener("click", () => act("unpublish", unpublish));
      actions.append(unpublish);
    }
    if (!actions.childNodes.length) actions.append(h("p", { class: "muted" }, "Your role may review this draft but not act on it."));
    container.append(actions, result,
      h("h2", {}, "Fields"), fieldTable(desk, type, data.fields, locale),
      h("h2", {}, "As git shows it"), unified(data.diff),
      h("p", {}, h("a", { href: `#/history/${encodeURIComponent(typeName)}/${encodeURIComponent(locale)}/${encodeURIComponent(documentId)}` }, "History of this document")));
  };
  await load();
  return {
    onEvent(event) {
      const mine = event.reconnected || (event.type === typeName && event.locale === locale && event.documentId === documentId);
      if (mine && !document.getElementById("conflict")) {
        load().catch((error) => desk.fail(error));
      }
    },
  };
}
