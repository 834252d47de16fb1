/* Prilika: the clustered maps of the map and listing pages.
   folium's script for each map waits in window.prilikaMapFactories until Leaflet has
   loaded; here it runs, gets its tiles and its rows (JSON the build wrote beside it:
   folium never sees a catalogue text), and is registered as window.prilikaMaps[<data-map>]. */
(function () {
  "use strict";
  var cfg = window.prilika || {};
  var base = (cfg.base || ".").replace(/\/$/, "") + "/";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* A listing row (api/listing-<lang>.json) as a marker row, in the order of
     generator/site/maps.py MARKER_FIELDS. */
  window.prilikaMarkerRow = function (row) {
    return [row.lat, row.lon, row.id, row.title, row.url, row.kind, row.kind_label, row.place, row.figure];
  };

  /* One marker from a row [lat, lon, id, title, url, kind, kind label, place, key figure]. The
     popup says what and where the item is and its key figure; it is built from text nodes, so a
     title is never read as HTML. */
  window.prilikaMarker = function (row) {
    var marker = L.marker([row[0], row[1]], { title: row[3], alt: row[3] });
    marker.prilikaId = row[2];
    marker.bindPopup(function () {
      var box = el("div", "prilika-popup");
      var meta = el("p", "prilika-popup__meta");
      if (row[6]) meta.appendChild(el("span", "prilika-badge prilika-badge--" + String(row[5] || ""), row[6]));
      if (row[7]) meta.appendChild(el("span", "prilika-popup__place", row[7]));
      if (meta.childNodes.length) box.appendChild(meta);
      var link = el("a", "prilika-popup__link", row[3]);
      link.href = base + row[4];
      box.appendChild(link);
      if (row[8]) box.appendChild(el("p", "prilika-popup__figure", row[8]));
      return box;
    }, { minWidth: 180, maxWidth: 280 });
    return marker;
  };

  /* Called by each map's factory: tiles from the site's settings, one marker per row. */
  window.prilikaMapData = function (name, map, cluster, rows) {
    window.prilikaTileLayer().addTo(map);
    if (rows.length) cluster.addLayers(rows.map(window.prilikaMarker));
    return { name: name, map: map, cluster: cluster };
  };

  function register(made) {
    var node = document.getElementById(made.map.getContainer().id);
    var holder = node ? node.closest("[data-map]") : null;
    var key = holder ? holder.getAttribute("data-map") : made.name;
    var entry = {
      map: made.map,
      cluster: made.cluster,
      markers: Object.create(null),  /* keyed by item id: no prototype names */
      /* Show only these markers (the listing's matches) and fit the view to them. */
      show: function (markers) {
        entry.cluster.clearLayers();
        entry.cluster.addLayers(markers);
        fit(entry, markers);
      },
      /* Zoom to an item's marker and open its popup. */
      open: function (id) {
        var marker = entry.markers[id];
        if (!marker) return false;
        entry.cluster.zoomToShowLayer(marker, function () { marker.openPopup(); });
        return true;
      }
    };
    made.map.invalidateSize();
    entry.cluster.eachLayer(function (marker) { entry.markers[marker.prilikaId] = marker; });
    fit(entry, Object.keys(entry.markers).map(function (id) { return entry.markers[id]; }));
    window.prilikaMaps[key] = entry;
    if (holder) holder.setAttribute("data-ready", "true");
    return entry;
  }

  function fit(entry, markers) {
    if (!markers.length) return;
    var bounds = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
    entry.map.fitBounds(bounds.pad(0.1), { maxZoom: 12, animate: false });
  }

  window.prilikaMaps = window.prilikaMaps || {};
  window.prilikaRunMaps = function () {
    if (!window.L) return;
    var factories = window.prilikaMapFactories || [];
    window.prilikaMapFactories = [];
    factories.forEach(function (factory) { register(factory()); });
  };
})();
