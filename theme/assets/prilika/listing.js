/* Prilika: filters and search on the listing page.
   The page already lists every item (readers without JavaScript see them all); this script
   hides the ones that do not match, keeps the filters in the query string, and shows the
   matches on the map beside the list. What it must agree with the build on (the facets, the
   range inputs, the search folding table) comes in the `config` of api/listing-<lang>.json,
   declared once in generator/site/listing.py and generator/site/search.py. */
(function () {
  "use strict";
  /* Filled by configure() from the listing data, before anything reads them. */
  var FACETS = [];
  var MULTI = {};
  var RANGES = [];
  var FOLD = {};
  /* Cards shown at a time: laying out thousands at once costs the browser a quarter second. */
  var PAGE = 60;
  var cfg = window.prilika || {};
  var labels = cfg.labels || {};

  /* Maps keyed by item ids and option values: no prototype, so `constructor` is just a key. */
  function dict() { return Object.create(null); }

  function configure(config) {
    FACETS = config.facets;
    MULTI = config.multi;
    RANGES = config.ranges;
    FOLD = config.fold;
  }

  /* The same folding as generator/site/search.py: lower case, its table character by character
     (Serbian Cyrillic to Latin, a few Latin letters spelt out), no accents, words of letters and
     digits. A query word must begin a word of the item. */
  function fold(text) {
    var lowered = Array.from(String(text).toLowerCase(), function (ch) {
      return Object.prototype.hasOwnProperty.call(FOLD, ch) ? FOLD[ch] : ch;
    }).join("");
    return lowered.normalize("NFD").replace(/\p{M}/gu, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function fill(template, params) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, name) {
      return params[name] !== undefined ? params[name] : all;
    });
  }

  function emptyState() {
    var state = { q: "" };
    FACETS.forEach(function (f) { state[f] = []; });
    RANGES.forEach(function (r) { state[r] = ""; });
    return state;
  }

  function stateFromQuery(search) {
    var params = new URLSearchParams(search);
    var state = emptyState();
    FACETS.forEach(function (f) {
      params.getAll(f).forEach(function (value) {
        value.split(",").forEach(function (v) { if (v && state[f].indexOf(v) < 0) state[f].push(v); });
      });
    });
    RANGES.forEach(function (r) {
      var v = params.get(r);
      state[r] = v !== null && v !== "" && isFinite(Number(v)) ? v : "";
    });
    state.q = params.get("q") || "";
    return state;
  }

  function queryFromState(state) {
    var parts = [];
    FACETS.forEach(function (f) {
      if (state[f].length) parts.push(f + "=" + state[f].map(encodeURIComponent).join(","));
    });
    RANGES.forEach(function (r) { if (state[r] !== "") parts.push(r + "=" + encodeURIComponent(state[r])); });
    if (state.q) parts.push("q=" + encodeURIComponent(state.q));
    return parts.length ? "?" + parts.join("&") : "";
  }

  function stateFromForm(form) {
    var state = emptyState();
    FACETS.forEach(function (f) {
      form.querySelectorAll('input[name="' + f + '"]:checked').forEach(function (box) { state[f].push(box.value); });
    });
    RANGES.forEach(function (r) {
      var input = form.elements[r];
      state[r] = input && input.value !== "" && isFinite(Number(input.value)) ? input.value : "";
    });
    state.q = form.elements.q.value;
    return state;
  }

  function stateToForm(form, state) {
    FACETS.forEach(function (f) {
      form.querySelectorAll('input[name="' + f + '"]').forEach(function (box) {
        box.checked = state[f].indexOf(box.value) >= 0;
      });
    });
    RANGES.forEach(function (r) { if (form.elements[r]) form.elements[r].value = state[r]; });
    form.elements.q.value = state.q;
  }

  function isEmpty(state) {
    return queryFromState(state) === "";
  }

  /* The active filters: one test per ticked facet (by facet, so each facet's option counts can
     leave it out), and the tests of ranges and search. An item matches when it passes them all. */
  function matcher(state) {
    var facets = [];
    FACETS.forEach(function (f) {
      var wanted = state[f];
      if (!wanted.length) return;
      var field = MULTI[f];
      facets.push({ name: f, test: field ? function (row) {
        var have = row[field] || [];
        for (var i = 0; i < have.length; i++) if (wanted.indexOf(have[i]) >= 0) return true;
        return false;
      } : function (row) { return wanted.indexOf(row[f]) >= 0; } });
    });
    var others = [];
    var areaMin = state.area_min === "" ? null : Number(state.area_min);
    var areaMax = state.area_max === "" ? null : Number(state.area_max);
    if (areaMin !== null || areaMax !== null) {
      others.push(function (row) {
        if (row.area === null || row.area === undefined) return false;
        return (areaMin === null || row.area >= areaMin) && (areaMax === null || row.area <= areaMax);
      });
    }
    var priceMin = state.price_min === "" ? null : Number(state.price_min);
    var priceMax = state.price_max === "" ? null : Number(state.price_max);
    if (priceMin !== null || priceMax !== null) {
      others.push(function (row) {
        var low, high;
        if (row.price !== null && row.price !== undefined) { low = high = row.price; }
        else if (row.investment) { low = row.investment[0]; high = row.investment[1]; }
        else return false;
        return (priceMin === null || high >= priceMin) && (priceMax === null || low <= priceMax);
      });
    }
    var tokens = fold(state.q).split(" ").filter(Boolean).map(function (word) { return " " + word; });
    if (tokens.length) {
      others.push(function (row) {
        for (var i = 0; i < tokens.length; i++) if (row.search.indexOf(tokens[i]) < 0) return false;
        return true;
      });
    }
    /* null when the row fails a range or the search; else the facets it fails (none: a match). */
    return function (row) {
      for (var i = 0; i < others.length; i++) if (!others[i](row)) return null;
      var failed = [];
      for (var j = 0; j < facets.length; j++) if (!facets[j].test(row)) failed.push(facets[j].name);
      return failed;
    };
  }

  function facetValues(row, facet) {
    var value = row[MULTI[facet] || facet];
    if (value === null || value === undefined) return [];
    return Array.isArray(value) ? value : [value];
  }

  function Listing(root) {
    this.root = root;
    this.form = root.querySelector("form.prilika-filters");
    this.count = root.querySelector(".prilika-count");
    this.none = root.querySelector(".prilika-no-matches");
    this.cards = dict();
    this.rows = [];
    this.markers = null;
    this.mapTimer = null;
    this.limit = PAGE;
    this.more = root.querySelector(".prilika-more");
    /* Each option's count: the items it would match with every other filter kept. */
    var counts = this.counts = dict();
    root.querySelectorAll("form.prilika-filters input[type=checkbox]").forEach(function (box) {
      var span = box.parentNode.querySelector(".prilika-option__count");
      if (span) (counts[box.name] = counts[box.name] || dict())[box.value] = span;
    });
    var cards = this.cards;
    root.querySelectorAll(".prilika-results [data-item-id]").forEach(function (el) {
      cards[el.getAttribute("data-item-id")] = el;
    });
  }

  Listing.prototype.start = function (data) {
    var self = this;
    configure(data.config);
    window.prilikaFold = fold;
    this.rows = data.items;
    this.state = stateFromQuery(location.search);
    stateToForm(this.form, this.state);
    /* On a phone the filters fold away under their heading until asked for. */
    this.form.querySelector("details").open = window.innerWidth >= 960 || !isEmpty(this.state);
    this.apply();
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") self.update(true);
    });
    this.form.addEventListener("input", function (event) {
      if (event.target.type !== "checkbox") self.update(false);
    });
    this.more.addEventListener("click", function () {
      self.limit += PAGE;
      self.apply();
    });
    this.form.querySelector(".prilika-reset").addEventListener("click", function () {
      stateToForm(self.form, emptyState());
      self.update(true);
    });
    window.addEventListener("popstate", function () {
      self.limit = PAGE;
      self.state = stateFromQuery(location.search);
      stateToForm(self.form, self.state);
      self.apply();
    });
    this.root.setAttribute("data-ready", "true");
  };

  /* Read the form, filter, and record the state: a new history entry for a ticked box,
     the same entry while the reader types. */
  Listing.prototype.update = function (push) {
    this.limit = PAGE;
    this.state = stateFromForm(this.form);
    this.apply();
    var url = location.pathname + queryFromState(this.state) + location.hash;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  };

  Listing.prototype.apply = function () {
    var test = matcher(this.state);
    var matches = [];
    var tally = dict();
    FACETS.forEach(function (f) { tally[f] = dict(); });
    for (var i = 0; i < this.rows.length; i++) {
      var row = this.rows[i];
      var failed = test(row);
      var ok = failed !== null && failed.length === 0;
      if (ok) matches.push(row);
      if (failed !== null && failed.length <= 1) {
        (failed.length ? failed : FACETS).forEach(function (facet) {
          facetValues(row, facet).forEach(function (value) {
            tally[facet][value] = (tally[facet][value] || 0) + 1;
          });
        });
      }
      var shown = ok && matches.length <= this.limit;
      var card = this.cards[row.id];
      if (card) {
        if (card.hidden === shown) card.hidden = !shown;
        if (shown) window.prilikaShortlist.star(card);
      }
    }
    var counts = this.counts;
    Object.keys(counts).forEach(function (facet) {
      Object.keys(counts[facet]).forEach(function (value) {
        var text = String(tally[facet][value] || 0);
        var span = counts[facet][value];
        if (span.textContent !== text) span.textContent = text;
      });
    });
    var rest = matches.length - this.limit;
    this.more.hidden = rest <= 0;
    this.more.textContent = fill(labels.show_more, { count: Math.min(rest, PAGE), total: rest });
    var total = this.rows.length;
    this.count.textContent = isEmpty(this.state)
      ? fill(labels.count_items, { count: total })
      : fill(labels.count_matching, { count: matches.length, total: total });
    this.none.hidden = matches.length > 0;
    this.matches = matches;
    this.scheduleMap();
  };

  /* The map follows a moment later, so the list answers first. */
  Listing.prototype.scheduleMap = function () {
    var self = this;
    clearTimeout(this.mapTimer);
    this.mapTimer = setTimeout(function () { self.drawMap(); }, 80);
  };

  Listing.prototype.drawMap = function () {
    var map = (window.prilikaMaps || {}).listing;
    if (!map || !window.prilikaMarker) return;
    if (!this.markers) {
      var markers = this.markers = dict();
      this.rows.forEach(function (row) {
        if (row.lat === null || row.lon === null) return;
        var marker = window.prilikaMarker([row.lat, row.lon, row.id, row.title, row.url]);
        markers[row.id] = marker;
        map.markers[row.id] = marker;
      });
    }
    var self = this;
    map.show(this.matches.map(function (row) { return self.markers[row.id]; }).filter(Boolean));
    this.root.setAttribute("data-map-count", String(this.matches.length));
  };

  function init() {
    var root = document.querySelector(".prilika-listing[data-listing]");
    if (!root || root.getAttribute("data-ready")) return;
    var listing = new Listing(root);
    fetch(root.getAttribute("data-listing"))
      .then(function (response) { return response.json(); })
      .then(function (data) { listing.start(data); });
  }

  window.prilikaInit = window.prilikaInit || [];
  window.prilikaInit.push(init);
})();
