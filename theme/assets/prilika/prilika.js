/* Prilika: page start-up, small maps on item and publisher pages, and the shortlist stars.
   Reading never depends on this script. Loaded after leaflet, maps.js, listing.js and
   shortlist.js, which leave their start-up functions in window.prilikaInit. */
(function () {
  "use strict";
  var cfg = window.prilika || {};
  var labels = cfg.labels || {};
  var KEY = "prilika-shortlist";

  function tileLayer() {
    return L.tileLayer(cfg.tiles, { attribution: cfg.attribution, maxZoom: 18 });
  }

  function smallMaps() {
    if (!window.L) return;
    document.querySelectorAll(".prilika-map--small[data-lat]").forEach(function (node) {
      if (node.dataset.ready) return;
      node.dataset.ready = "1";
      var lat = parseFloat(node.dataset.lat), lon = parseFloat(node.dataset.lon);
      var map = L.map(node, { scrollWheelZoom: false }).setView([lat, lon], parseInt(node.dataset.zoom || "12", 10));
      tileLayer().addTo(map);
      L.marker([lat, lon], { keyboard: false, alt: node.getAttribute("aria-label") || "" }).addTo(map);
    });
  }

  /* The shortlist is a list of item ids in this browser; the shortlist page puts it in its URL. */
  var shortlist = {
    get: function () {
      try {
        return (localStorage.getItem(KEY) || "").split(",").filter(Boolean);
      } catch (e) {
        return [];
      }
    },
    set: function (ids) {
      try { localStorage.setItem(KEY, ids.join(",")); } catch (e) { /* private mode: the URL still works */ }
      refreshStars();
    },
    has: function (id) { return shortlist.get().indexOf(id) >= 0; },
    toggle: function (id) {
      var ids = shortlist.get();
      var at = ids.indexOf(id);
      if (at >= 0) ids.splice(at, 1); else ids.push(id);
      shortlist.set(ids);
      return at < 0;
    }
  };
  window.prilikaShortlist = shortlist;

  function refreshStars() {
    var ids = shortlist.get();
    document.querySelectorAll("button.prilika-star[data-star]").forEach(function (button) {
      var on = ids.indexOf(button.getAttribute("data-star")) >= 0;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      if (button.classList.contains("prilika-star--icon")) {
        button.textContent = on ? "★" : "☆";
        button.title = on ? labels.shortlist_remove : labels.shortlist_add;
      } else {
        button.textContent = (on ? "★ " : "☆ ") + (on ? labels.shortlist_remove : labels.shortlist_add);
      }
    });
  }

  /* Cards get their star here, not in the HTML: without this script it could do nothing.
     The listing stars its cards as it shows them (thousands wait hidden). */
  function addStar(card) {
    if (card.querySelector(".prilika-star")) return;
    var id = card.getAttribute("data-item-id");
    var on = shortlist.has(id);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "prilika-star prilika-star--icon";
    button.setAttribute("data-star", id);
    button.setAttribute("aria-label", labels.shortlist_add);
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? "★" : "☆";
    button.title = on ? labels.shortlist_remove : labels.shortlist_add;
    card.appendChild(button);
  }
  shortlist.star = addStar;
  shortlist.refresh = refreshStars;

  function addStars() {
    document.querySelectorAll(".prilika-card[data-item-id]").forEach(function (card) {
      if (!card.closest(".prilika-results")) addStar(card);
    });
    document.querySelectorAll("button.prilika-star[hidden]").forEach(function (b) { b.hidden = false; });
    refreshStars();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.prilika-star[data-star]");
    if (button) shortlist.toggle(button.getAttribute("data-star"));
  });
  window.addEventListener("storage", function (event) { if (event.key === KEY) refreshStars(); });

  function start() {
    if (window.L && L.Icon && L.Icon.Default) {
      L.Icon.Default.imagePath = (cfg.base || ".").replace(/\/$/, "") + "/assets/vendor/leaflet/images/";
    }
    if (window.prilikaRunMaps) window.prilikaRunMaps();
    smallMaps();
    addStars();
    (window.prilikaInit || []).forEach(function (init) { init(); });
  }

  window.prilikaTileLayer = tileLayer;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
