/* Prilika: the shortlist page. It shows the items named in `?ids=a,b,c` side by side, or
   else the ones starred in this browser, and writes them into the URL so it can be shared. */
(function () {
  "use strict";
  var cfg = window.prilika || {};
  var labels = cfg.labels || {};
  var base = (cfg.base || ".").replace(/\/$/, "") + "/";

  function fill(template, params) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, name) {
      return params[name] !== undefined ? params[name] : all;
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
    return value === null ? null : value.split(",").filter(Boolean);
  }

  function column(row, about) {
    about = about || { facts: [] };
    var box = el("article", "prilika-compare prilika-card prilika-card--" + row.kind);
    box.setAttribute("data-item-id", row.id);
    var meta = el("p", "prilika-card__meta");
    meta.appendChild(el("span", "prilika-badge prilika-badge--" + row.kind, about.kind || row.kind));
    meta.appendChild(el("span", "prilika-card__place", about.place || ""));
    box.appendChild(meta);
    var heading = el("h2", "prilika-card__title");
    var link = el("a", "", row.title);
    link.href = base + row.url;
    heading.appendChild(link);
    box.appendChild(heading);
    box.appendChild(el("p", "prilika-card__figure", row.figure));
    var list = el("dl", "prilika-compare__facts");
    about.facts.forEach(function (fact) {
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
    var fromUrl = idsFromUrl();
    var ids = fromUrl || window.prilikaShortlist.get();
    if (!fromUrl && ids.length) history.replaceState(null, "", "?ids=" + ids.map(encodeURIComponent).join(","));
    if (fromUrl) {
      var own = window.prilikaShortlist.get();
      fromUrl.forEach(function (id) { if (own.indexOf(id) < 0) own.push(id); });
      window.prilikaShortlist.set(own);
    }
    Promise.all([
      fetch(root.getAttribute("data-listing")).then(function (r) { return r.json(); }),
      fetch(root.getAttribute("data-facts")).then(function (r) { return r.json(); })
    ]).then(function (loaded) {
      var rows = {};
      loaded[0].items.forEach(function (row) { rows[row.id] = row; });
      render(root, ids, rows, loaded[1].facts);
      root.addEventListener("click", function (event) {
        var button = event.target.closest("button.prilika-star[data-star]");
        if (!button) return;
        var id = button.getAttribute("data-star");
        ids = ids.filter(function (other) { return other !== id; });
        history.replaceState(null, "", ids.length ? "?ids=" + ids.map(encodeURIComponent).join(",") : "./");
        render(root, ids, rows, loaded[1].facts);
      });
      root.querySelector(".prilika-shortlist-clear").addEventListener("click", function () {
        ids = [];
        window.prilikaShortlist.set([]);
        history.replaceState(null, "", "./");
        render(root, ids, rows, loaded[1].facts);
      });
      root.setAttribute("data-ready", "true");
    });
  }

  function render(root, ids, rows, facts) {
    var holder = root.querySelector(".prilika-shortlist__items");
    holder.textContent = "";
    var shown = ids.filter(function (id) { return rows[id]; });
    shown.forEach(function (id) { holder.appendChild(column(rows[id], facts[id])); });
    var missing = ids.length - shown.length;
    if (missing) holder.appendChild(el("p", "prilika-note", fill(labels.shortlist_missing, { count: missing })));
    root.querySelector(".prilika-shortlist__empty").hidden = shown.length > 0;
    var actions = root.querySelector(".prilika-shortlist__actions");
    actions.hidden = shown.length === 0;
    root.querySelector("a.prilika-share").href = "?ids=" + shown.map(encodeURIComponent).join(",");
    var stars = holder.querySelectorAll("button.prilika-star");
    stars.forEach(function (star) { star.setAttribute("aria-pressed", "true"); star.textContent = "★"; });
  }

  window.prilikaInit = window.prilikaInit || [];
  window.prilikaInit.push(init);
})();
