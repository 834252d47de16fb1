/* Prilika: filters, search and order on the listing page.
   The page already lists every item, newest first (readers without JavaScript see them all but
   the ones hidden by default); this script hides the ones that do not match, orders them, keeps
   the filters and the order in the query string, shows the matches on the map beside the list
   and offers the feeds that follow the current filter. On a phone, a listing opened with filters
   in its address shows its results first, the active filters summarised above them. What it
   must agree with the build on (the facets, the range inputs, the values hidden by default, the
   orders, the search folding table) comes in the `config` of api/listing-<lang>.json, declared
   once in generator/site/listing.py and generator/site/search.py. */
(function () {
  "use strict";
  /* Filled by configure() from the listing data, before anything reads them. */
  var FACETS = [];
  var MULTI = {};
  var RANGES = [];
  var FOLD = {};
  var HIDDEN = {};
  var SORTS = [""];
  /* Cards shown at a time: laying out thousands at once costs the browser a quarter second. */
  var PAGE = 60;
  var cfg = window.prilika || {};
  var labels = cfg.labels || {};
  /* Below this width the filters stack above the results (prilika.css, 60em). */
  var PHONE = "(max-width: 59.9375em)";

  /* Maps keyed by item ids and option values: no prototype, so `constructor` is just a key. */
  function dict() { return Object.create(null); }

  function configure(config) {
    FACETS = config.facets;
    MULTI = config.multi;
    RANGES = config.ranges;
    FOLD = config.fold;
    HIDDEN = config.hidden || {};
    SORTS = config.sorts && config.sorts.length ? config.sorts : [""];
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

  /* The order is part of the state, but not a filter: clearing the filters keeps it. */
  function emptyState(sort) {
    var state = { q: "", sort: sort || SORTS[0] };
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
    var sort = params.get("sort");
    if (sort && SORTS.indexOf(sort) >= 0) state.sort = sort;
    return state;
  }

  function queryFromState(state) {
    var parts = [];
    FACETS.forEach(function (f) {
      if (state[f].length) parts.push(f + "=" + state[f].map(encodeURIComponent).join(","));
    });
    RANGES.forEach(function (r) { if (state[r] !== "") parts.push(r + "=" + encodeURIComponent(state[r])); });
    if (state.q) parts.push("q=" + encodeURIComponent(state.q));
    if (state.sort && state.sort !== SORTS[0]) parts.push("sort=" + encodeURIComponent(state.sort));
    return parts.length ? "?" + parts.join("&") : "";
  }

  function stateFromForm(form, sort) {
    var state = emptyState(sort);
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

  /* No filter, range or search (whatever the order). */
  function isEmpty(state) {
    return queryFromState(Object.assign({}, state, { sort: SORTS[0] })) === "";
  }

  /* The active filters: one test per ticked facet (by facet, so each facet's option counts can
     leave it out), and the tests of ranges and search. An item matches when it passes them all. */
  function matcher(state) {
    var facets = [];
    FACETS.forEach(function (f) {
      var wanted = state[f];
      var field = MULTI[f];
      if (!wanted.length) {
        /* A facet with nothing ticked still hides its values that are hidden by default
           (a realised item is shown when its status is asked for). */
        var hidden = HIDDEN[f];
        if (hidden && hidden.length) {
          facets.push({ name: f, test: function (row) {
            var have = facetValues(row, f);
            for (var i = 0; i < have.length; i++) if (hidden.indexOf(have[i]) >= 0) return false;
            return true;
          } });
        }
        return;
      }
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
    this.results = root.querySelector(".prilika-results");
    this.sortSelect = root.querySelector("select[name=sort]");
    this.active = root.querySelector(".prilika-active");
    this.feeds = root.querySelectorAll("[data-feed-facet]");
    this.feedBox = root.querySelector(".prilika-feeds__matching");
    this.arranged = null;
    this.ordered = [];
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
    this.rows.forEach(function (row, n) { row.rank = n; });
    this.state = stateFromQuery(location.search);
    stateToForm(this.form, this.state);
    this.sortSelect.value = this.state.sort;
    this.sortSelect.parentNode.hidden = false;
    /* On a phone the filters fold away under their heading until asked for; a listing opened
       with filters (a shared link) shows its results first, the filters summarised above them. */
    var phone = window.matchMedia(PHONE).matches;
    this.form.querySelector("details").open = !phone;
    this.root.classList.toggle("prilika-listing--results-first", phone && !isEmpty(this.state));
    this.apply();
    this.sortSelect.addEventListener("change", function () {
      self.limit = PAGE;
      self.state.sort = SORTS.indexOf(self.sortSelect.value) >= 0 ? self.sortSelect.value : SORTS[0];
      self.apply();
      self.record(true);
    });
    this.active.querySelector(".prilika-active__open").addEventListener("click", function () {
      self.root.classList.remove("prilika-listing--results-first");
      self.form.querySelector("details").open = true;
      self.form.scrollIntoView({ block: "start" });
      self.form.querySelector("summary").focus();
    });
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
      self.sortSelect.value = self.state.sort;
      self.apply();
    });
    this.root.setAttribute("data-ready", "true");
  };

  /* Read the form, filter, and record the state: a new history entry for a ticked box,
     the same entry while the reader types. */
  Listing.prototype.update = function (push) {
    this.limit = PAGE;
    this.state = stateFromForm(this.form, this.state.sort);
    this.apply();
    this.record(push);
  };

  Listing.prototype.record = function (push) {
    var url = location.pathname + queryFromState(this.state) + location.hash;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  };

  /* The rows in the chosen order, ties in the build's order (newest first); the cards follow. */
  Listing.prototype.arrange = function () {
    var sort = this.state.sort;
    if (this.arranged === sort) return;
    var rows = this.rows.slice();
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { sensitivity: "base", numeric: true });
    var amount = function (row) {
      if (row.price !== null && row.price !== undefined) return row.price;
      return row.investment ? row.investment[0] : null;
    };
    /* A row without the measured quantity goes last, whichever way the order runs. */
    var by = function (value, descending) {
      return function (a, b) {
        var x = value(a), y = value(b);
        var xn = x === null || x === undefined, yn = y === null || y === undefined;
        if (xn || yn) return xn === yn ? a.rank - b.rank : (xn ? 1 : -1);
        return (descending ? y - x : x - y) || a.rank - b.rank;
      };
    };
    var compare = {
      area: by(function (row) { return row.area; }, true),
      price: by(amount, false),
      title: function (a, b) { return collator.compare(a.title, b.title) || a.rank - b.rank; }
    }[sort];
    if (compare) rows.sort(compare);
    this.ordered = rows;
    var cards = this.cards;
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { if (cards[row.id]) fragment.appendChild(cards[row.id]); });
    this.results.appendChild(fragment);
    this.arranged = sort;
  };

  Listing.prototype.apply = function () {
    this.arrange();
    var test = matcher(this.state);
    var base = matcher(emptyState());
    var matches = [];
    var total = 0;
    var tally = dict();
    FACETS.forEach(function (f) { tally[f] = dict(); });
    for (var i = 0; i < this.ordered.length; i++) {
      var row = this.ordered[i];
      var failed = test(row);
      var ok = failed !== null && failed.length === 0;
      if (ok) matches.push(row);
      /* The total: the rows this view can show (those hidden by default only when asked for). */
      var unasked = base(row);
      if (unasked.every(function (f) { return this.state[f].length > 0; }, this)) total++;
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
    this.count.textContent = isEmpty(this.state)
      ? fill(labels.count_items, { count: matches.length })
      : fill(labels.count_matching, { count: matches.length, total: total });
    this.none.hidden = matches.length > 0;
    this.matches = matches;
    this.summarise();
    this.offerFeeds();
    this.scheduleMap();
  };

  /* The active filters as chips (on a phone, above the results): each says facet and value
     with the words of the form, and removes its filter when pressed. */
  Listing.prototype.summarise = function () {
    var self = this;
    var form = this.form;
    var box = this.active.querySelector(".prilika-active__chips");
    var remove = this.active.getAttribute("data-remove") || "{filter}";
    var chips = [];
    var legend = function (selector) {
      var node = form.querySelector(selector + " > legend");
      return node ? node.textContent.trim() : "";
    };
    FACETS.forEach(function (f) {
      self.state[f].forEach(function (value) {
        var input = form.querySelector('input[name="' + f + '"][value="' + CSS.escape(value) + '"]');
        var text = input ? input.parentNode.querySelector("span").textContent.replace(/\s+/g, " ").trim() : value;
        chips.push({ text: legend('[data-facet="' + f + '"]') + ": " + text, clear: function (state) {
          state[f] = state[f].filter(function (v) { return v !== value; });
        } });
      });
    });
    /* One chip per range (`area` of `area_min` and `area_max`). */
    var ranges = [];
    RANGES.forEach(function (r) {
      var range = r.replace(/_(min|max)$/, "");
      if (ranges.indexOf(range) < 0) ranges.push(range);
    });
    ranges.forEach(function (range) {
      var low = self.state[range + "_min"] || "", high = self.state[range + "_max"] || "";
      if (low === "" && high === "") return;
      chips.push({ text: legend('[data-range="' + range + '"]') + ": " + (low === "" ? "≤ " + high : high === "" ? "≥ " + low : low + "–" + high),
        clear: function (state) { state[range + "_min"] = ""; state[range + "_max"] = ""; } });
    });
    if (this.state.q) {
      var label = form.querySelector('label[for="prilika-q"]');
      chips.push({ text: (label ? label.textContent.trim() : "") + ": “" + this.state.q + "”", clear: function (state) { state.q = ""; } });
    }
    box.textContent = "";
    chips.forEach(function (chip) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "prilika-chip";
      button.textContent = chip.text;
      button.setAttribute("aria-label", fill(remove, { filter: chip.text }));
      button.addEventListener("click", function () {
        var state = Object.assign({}, self.state);
        FACETS.forEach(function (f) { state[f] = self.state[f].slice(); });
        chip.clear(state);
        stateToForm(self.form, state);
        self.update(true);
      });
      box.appendChild(button);
    });
    this.active.hidden = chips.length === 0;
    /* With every filter removed, the filters come back above the results. */
    if (!chips.length) this.root.classList.remove("prilika-listing--results-first");
  };

  /* The feeds of the ticked kinds, sectors and publishers: a reader who filtered can follow. */
  Listing.prototype.offerFeeds = function () {
    var state = this.state;
    var any = false;
    this.feeds.forEach(function (link) {
      var wanted = state[link.getAttribute("data-feed-facet")] || [];
      link.hidden = wanted.indexOf(link.getAttribute("data-feed-value")) < 0;
      if (!link.hidden) any = true;
    });
    this.feedBox.hidden = !any;
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
        var marker = window.prilikaMarker(window.prilikaMarkerRow(row));
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
