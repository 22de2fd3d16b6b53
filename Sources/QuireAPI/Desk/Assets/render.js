import { h } from "./dom.js";

// Field values as an editor reads them: rich text and markdown rendered (from an allow-list,
// never as raw HTML), relations by their target's title, everything else as plain text.

const SAFE_URL = /^(https?:|mailto:|\/|#)/i;

function safeHref(url) {
  const text = String(url || "").trim();
  return SAFE_URL.test(text) ? text : null;
}

// Markdown subset: headings, lists, quotes, code fences, paragraphs; bold, italic, code, links.
export function markdown(source) {
  const root = h("div", { class: "rich" });
  const lines = String(source).replace(/\r\n?/g, "\n").split("\n");
  let paragraph = [];
  let list = null;
  const flush = () => {
    if (paragraph.length) root.append(h("p", {}, inline(paragraph.join(" "))));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) {
      flush(); list = null;
      const code = [];
      while (++i < lines.length && !/^```/.test(lines[i])) code.push(lines[i]);
      root.append(h("pre", {}, h("code", {}, code.join("\n"))));
      continue;
    }
    let m;
    if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) {
      flush(); list = null;
      root.append(h(`h${Math.min(6, m[1].length + 2)}`, {}, inline(m[2])));
    } else if ((m = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line))) {
      flush();
      const tag = /\d/.test(m[1]) ? "ol" : "ul";
      if (!list || list.tagName.toLowerCase() !== tag) { list = h(tag); root.append(list); }
      list.append(h("li", {}, inline(m[2])));
    } else if ((m = /^>\s?(.*)$/.exec(line))) {
      flush(); list = null;
      root.append(h("blockquote", {}, inline(m[1])));
    } else if (!line.trim()) {
      flush(); list = null;
    } else if (list && /^\s+\S/.test(line)) {
      list.lastChild.append(" ", inline(line.trim()));
    } else {
      list = null;
      paragraph.push(line.trim());
    }
  }
  flush();
  return root;
}

function inline(text) {
  const out = [];
  const pattern = /(`[^`]+`)|(\*\*[^*]+\*\*|__[^_]+__)|(\*[^*]+\*|_[^_]+_)|(\[[^\]]+\]\([^)\s]+\))/g;
  let last = 0;
  let m;
  while ((m = pattern.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const token = m[0];
    if (m[1]) out.push(h("code", {}, token.slice(1, -1)));
    else if (m[2]) out.push(h("strong", {}, inline(token.slice(2, -2))));
    else if (m[3]) out.push(h("em", {}, inline(token.slice(1, -1))));
    else {
      const [, label, url] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token);
      const href = safeHref(url);
      out.push(href ? h("a", { href, rel: "noopener noreferrer", target: "_blank" }, label) : label);
    }
    last = m.index + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

// Strapi 5 blocks: paragraphs, headings, lists, quotes, code, images and links of text nodes.
export function blocks(value) {
  const root = h("div", { class: "rich" });
  const text = (node) => {
    if (node.type === "link") {
      const href = safeHref(node.url);
      const children = (node.children || []).map(text);
      return href ? h("a", { href, rel: "noopener noreferrer", target: "_blank" }, children) : children;
    }
    let out = node.text ?? "";
    if (node.code) out = h("code", {}, out);
    if (node.bold) out = h("strong", {}, out);
    if (node.italic) out = h("em", {}, out);
    if (node.underline) out = h("u", {}, out);
    if (node.strikethrough) out = h("s", {}, out);
    return out;
  };
  const block = (node) => {
    const children = (node.children || []).map((child) => (child.type === "list-item" || child.type === "list" ? block(child) : text(child)));
    switch (node.type) {
      case "heading": return h(`h${Math.min(6, (node.level || 1) + 2)}`, {}, children);
      case "list": return h(node.format === "ordered" ? "ol" : "ul", {}, children);
      case "list-item": return h("li", {}, children);
      case "quote": return h("blockquote", {}, children);
      case "code": return h("pre", {}, h("code", {}, children));
      case "image": return h("p", { class: "muted" }, `[image: ${(node.image && (node.image.alternativeText || node.image.name)) || ""}]`);
      default: return h("p", {}, children);
    }
  };
  for (const node of Array.isArray(value) ? value : []) root.append(block(node));
  return root;
}

// HTML from a rich-text widget: parsed inertly (DOMParser runs nothing), then rebuilt from an
// allow-list of elements; attributes other than a safe link target are dropped.
const ALLOWED = new Set(["p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "b", "em", "i", "u", "s",
  "blockquote", "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "span", "sub", "sup"]);

export function html(source) {
  const parsed = new DOMParser().parseFromString(String(source), "text/html");
  const root = h("div", { class: "rich" });
  const copy = (node, into) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) into.append(child.textContent);
      else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.tagName.toLowerCase();
        if (tag === "script" || tag === "style" || tag === "template") continue;
        if (!ALLOWED.has(tag)) { copy(child, into); continue; }
        const attrs = {};
        if (tag === "a") {
          const href = safeHref(child.getAttribute("href"));
          if (href) Object.assign(attrs, { href, rel: "noopener noreferrer", target: "_blank" });
        }
        const element = h(tag, attrs);
        copy(child, element);
        into.append(element);
      }
    }
  };
  copy(parsed.body, root);
  return root;
}

function area(value) {
  const root = h("div", { class: "rich" });
  for (const item of (value && value.items) || []) {
    if (typeof item.content === "string") root.append(html(item.content));
    else root.append(h("p", { class: "muted" }, `[${item.type || "widget"}]`));
  }
  return root;
}

// The title of a related document, fetched once per target through the public API.
const titles = new Map();

export async function relationTitle(desk, target, documentId, locale) {
  const type = desk.typeBySingular(target);
  if (!type || !type.actions.includes("findOne")) return null;
  const key = `${target}/${locale}/${documentId}`;
  if (!titles.has(key)) {
    const status = type.actions.includes("view-draft") && type.draftAndPublish ? "&status=draft" : "";
    const localized = type.localized ? `&locale=${encodeURIComponent(locale)}` : "";
    titles.set(key, desk.api("GET", `/api/${type.pluralName}/${encodeURIComponent(documentId)}?${status.slice(1)}${localized}`)
      .then((answer) => (type.titleField && answer && answer.data ? answer.data[type.titleField] : null))
      .catch(() => null));
  }
  return titles.get(key);
}

export function forgetTitles() {
  titles.clear();
}

export function value(desk, raw, attribute, locale) {
  if (raw === null || raw === undefined) return h("span", { class: "muted" }, "(empty)");
  const kind = attribute ? attribute.type : null;
  if (kind === "richtext" && typeof raw === "string") return markdown(raw);
  if (kind === "blocks") return blocks(raw);
  if (kind === "area") return area(raw);
  if (kind === "relation" && attribute.target) {
    const ids = Array.isArray(raw) ? raw : [raw];
    return h("ul", { class: "relations" }, ids.map((id) => {
      const label = h("span", { class: "relation" }, String(id));
      if (typeof id === "string") {
        relationTitle(desk, attribute.target, id, locale).then((title) => {
          if (title) label.replaceChildren(h("strong", {}, title), " ", h("span", { class: "muted" }, `(${attribute.target} ${id})`));
        });
      }
      return h("li", {}, label);
    }));
  }
  if (kind === "media") {
    const items = Array.isArray(raw) ? raw : [raw];
    return h("ul", { class: "media" }, items.map((item) => {
      const entry = h("li", {}, mediaEntry(item));
      // A stored reference (an id): ask Strapi's upload API for the file, keep the id if it cannot say.
      if (typeof item === "string" || typeof item === "number") {
        desk.api("GET", `/api/upload/files/${encodeURIComponent(item)}`)
          .then((file) => { const f = file && (file.data || file); if (f && (f.url || f.name)) entry.replaceChildren(mediaEntry(f)); })
          .catch(() => {});
      }
      return entry;
    }));
  }
  if (typeof raw === "object") return h("pre", { class: "json" }, JSON.stringify(raw, null, 2));
  if (typeof raw === "boolean") return h("span", {}, raw ? "yes" : "no");
  return h("span", { class: "text" }, String(raw));
}

// A media file by its thumbnail (served by this site only: the page's policy loads no other image) and name.
function mediaEntry(file) {
  if (!file || typeof file !== "object") return h("span", { class: "relation" }, String(file));
  const thumbnail = (file.formats && file.formats.thumbnail && file.formats.thumbnail.url) || file.url;
  const isImage = String(file.mime || "").startsWith("image/");
  const local = typeof thumbnail === "string" && thumbnail.startsWith("/") && !thumbnail.startsWith("//");
  return h("span", { class: "file" },
    isImage && local ? h("img", { src: thumbnail, alt: file.alternativeText || file.name || "", loading: "lazy" }) : null,
    h("span", {}, file.name || file.url || ""));
}

// A unified diff as git prints it, one line per row, coloured by its first character.
export function unified(diff) {
  if (!diff) return h("p", { class: "muted" }, "No textual difference.");
  const pre = h("pre", { class: "unified", tabindex: "0", "aria-label": "Unified diff" });
  for (const line of diff.replace(/\n$/, "").split("\n")) {
    const kind = line.startsWith("+++") || line.startsWith("---") ? "file" : line.startsWith("@@") ? "hunk"
      : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
    pre.append(h("span", { class: `line ${kind}` }, line));
  }
  return pre;
}
