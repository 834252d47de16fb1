/* Prilika: the shortlist page. It shows the items named in `?ids=a,b,c` side by side, or
   else the ones starred in this browser, and writes them into the URL so it can be shared.
   Ids from the address bar and from localStorage are data: they are looked up in a Map of
   the listing's items, never as properties of a plain object (`constructor` is just an
   unknown id), and only ids of listed items are ever stored. A colleague's link is shown
   as it is and joins the reader's own shortlist only when they ask for it. */
(function () {
  "use strict";
  var cfg = window.prilika || {};
  var labels = cfg.labels || {};
  var base = (cfg.base || ".").replace(/\/$/, "") + "/";

  function fill(template, params) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? params[name] : all;
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function idsFromUrl() {
    var value = new URLSearchParams(location.search).get("ids");
    if (value === null) return null;
    var seen = new Set();
    return value.split(",").filter(function (id) {
      if (!id || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    var set = new Set(a);
    return b.every(function (id) { return set.has(id); });
  }

  function addressFor(ids) {
    return ids.length ? "?ids=" + ids.map(encodeURIComponent).join(",") : "./";
  }

  function column(row, about) {
    var facts = about && Array.isArray(about.facts) ? about.facts : [];
    var box = el("article", "prilika-compare prilika-card prilika-card--" + row.kind);
    box.setAttribute("data-item-id", row.id);
    var meta = el("p", "prilika-card__meta");
    meta.appendChild(el("span", "prilika-badge prilika-badge--" + row.kind, (about && about.kind) || row.kind));
    meta.appendChild(el("span", "prilika-card__place", (about && about.place) || ""));
    box.appendChild(meta);
    var heading = el("h2", "prilika-card__title");
    var link = el("a", "", row.title);
    link.href = base + row.url;
    heading.appendChild(link);
    box.appendChild(heading);
    box.appendChild(el("p", "prilika-card__figure", row.figure));
    var list = el("dl", "prilika-compare__facts");
    facts.forEach(function (fact) {
      list.appendChild(el("dt", "", fact[0]));
      list.appendChild(el("dd", "", fact[1]));
    });
    box.appendChild(list);
    var star = el("button", "prilika-star prilika-star--icon");
    star.type = "button";
    star.setAttribute("data-star", row.id);
    star.setAttribute("aria-label", labels.shortlist_remove);
    box.appendChild(star);
    return box;
  }

  function init() {
    var root = document.querySelector(".prilika-shortlist[data-listing]");
    if (!root || root.getAttribute("data-ready")) return;
    var store = window.prilikaShortlist;
    var fromUrl = idsFromUrl();
    Promise.all([
      fetch(root.getAttribute("data-listing")).then(function (r) { return r.json(); }),
      fetch(root.getAttribute("data-facts")).then(function (r) { return r.json(); })
    ]).then(function (loaded) {
      var rows = new Map();
      loaded[0].items.forEach(function (row) { rows.set(row.id, row); });
      var facts = new Map();
      var rawFacts = loaded[1].facts || {};
      Object.keys(rawFacts).forEach(function (id) { facts.set(id, rawFacts[id]); });

      var stored = store.get();
      var own = stored.filter(function (id) { return rows.has(id); });
      var gone = stored.length - own.length;
      if (gone) store.set(own);
      var view = {
        ids: fromUrl || own,
        shared: fromUrl !== null && !sameSet(fromUrl.filter(function (id) { return rows.has(id); }), own),
        gone: fromUrl ? 0 : gone,
        fromUrl: fromUrl !== null
      };
      if (!view.shared) history.replaceState(null, "", addressFor(view.ids.filter(function (id) { return rows.has(id); })));
      render(root, view, rows, facts);

      root.addEventListener("click", function (event) {
        var button = event.target.closest("button.prilika-star[data-star]");
        /* In a shared view the star only adds to or removes from the reader's own list
           (prilika.js does that); in the reader's own view the column goes too. */
        if (!button || view.shared) return;
        var id = button.getAttribute("data-star");
        view.ids = view.ids.filter(function (other) { return other !== id; });
        history.replaceState(null, "", addressFor(view.ids));
        render(root, view, rows, facts);
      });
      root.querySelector(".prilika-shortlist-clear").addEventListener("click", function () {
        view.ids = [];
        view.gone = 0;
        store.set([]);
        history.replaceState(null, "", "./");
        render(root, view, rows, facts);
      });
      root.querySelector(".prilika-shortlist-adopt").addEventListener("click", function () {
        var mine = store.get().filter(function (id) { return rows.has(id); });
        view.ids.forEach(function (id) { if (rows.has(id) && mine.indexOf(id) < 0) mine.push(id); });
        store.set(mine);
        view.ids = mine;
        view.shared = false;
        view.fromUrl = false;
        history.replaceState(null, "", addressFor(mine));
        render(root, view, rows, facts);
      });
      root.setAttribute("data-ready", "true");
    });
  }

  function render(root, view, rows, facts) {
    var holder = root.querySelector(".prilika-shortlist__items");
    holder.textContent = "";
    var shown = view.ids.filter(function (id) { return rows.has(id); });
    shown.forEach(function (id) { holder.appendChild(column(rows.get(id), facts.get(id))); });
    /* Above the columns, not among them; a shared link's ids were never the reader's stars. */
    var missing = view.ids.length - shown.length + view.gone;
    var note = root.querySelector(".prilika-shortlist__missing");
    note.hidden = !missing;
    var label = view.fromUrl ? labels.shortlist_link_missing : labels.shortlist_missing;
    note.textContent = missing ? fill(label, { count: missing }) : "";
    root.querySelector(".prilika-shortlist__empty").hidden = shown.length > 0;
    root.querySelector(".prilika-shortlist__shared").hidden = !(view.shared && shown.length);
    root.querySelector(".prilika-shortlist-clear").hidden = view.shared;
    root.querySelector(".prilika-shortlist__actions").hidden = shown.length === 0;
    root.querySelector("a.prilika-share").href = addressFor(shown);
    if (view.shared) {
      window.prilikaShortlist.refresh();  /* the stars show the reader's own list */
    } else {
      holder.querySelectorAll("button.prilika-star").forEach(function (star) {
        star.setAttribute("aria-pressed", "true");
        star.textContent = "★";
      });
    }
  }

  window.prilikaInit = window.prilikaInit || [];
  window.prilikaInit.push(init);
})();
