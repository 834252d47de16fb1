/* Prilika: small maps on item and publisher pages. Reading never depends on this script. */
(function () {
  "use strict";
  var cfg = window.prilika || {};

  function tileLayer() {
    return L.tileLayer(cfg.tiles, { attribution: cfg.attribution, maxZoom: 18 });
  }

  function smallMaps() {
    if (!window.L) return;
    var nodes = document.querySelectorAll(".prilika-map--small[data-lat]");
    Array.prototype.forEach.call(nodes, function (node) {
      if (node.dataset.ready) return;
      node.dataset.ready = "1";
      var lat = parseFloat(node.dataset.lat), lon = parseFloat(node.dataset.lon);
      var map = L.map(node, { scrollWheelZoom: false }).setView([lat, lon], parseInt(node.dataset.zoom || "12", 10));
      tileLayer().addTo(map);
      L.marker([lat, lon], { keyboard: false }).addTo(map);
    });
  }

  window.prilikaTileLayer = tileLayer;
  if (window.L && L.Icon && L.Icon.Default) {
    L.Icon.Default.imagePath = (cfg.base || ".") + "/assets/vendor/leaflet/images/";
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(smallMaps);
  } else {
    document.addEventListener("DOMContentLoaded", smallMaps);
  }
})();
