/* Prilika: the clustered maps of the map and listing pages.
   folium's script for each map waits in window.prilikaMapFactories until Leaflet has
   loaded; here it runs, gets its tiles and its rows (JSON the build wrote beside it:
   folium never sees a catalogue text), and is registered as window.prilikaMaps[<data-map>]. */
(function () {
  "use strict";
  var cfg = window.prilika || {};
  var base = (cfg.base || ".").replace(/\/$/, "") + "/";

  /* One marker from a row [lat, lon, id, title, url]; the popup is built from text nodes. */
  window.prilikaMarker = function (row) {
    var marker = L.marker([row[0], row[1]], { title: row[3], alt: row[3] });
    marker.prilikaId = row[2];
    marker.bindPopup(function () {
      var box = document.createElement("div");
      var link = document.createElement("a");
      link.href = base + row[4];
      link.textContent = row[3];
      link.className = "prilika-popup__link";
      box.appendChild(link);
      return box;
    });
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
