/* Prilika: the "propose" form. Renders the fields the build described from the submission models
   (generator/site/propose.py writes them into the page as JSON), checks the validator's rules as
   the officer types, and writes the YAML file in the browser: nothing is sent anywhere until the
   officer opens the git host's page or sends the file themselves.

   Controls are named by the field's path in the file: `title.en`, `area_m2`, `location.lat`,
   `investment_eur.min`, `products[0].hs`; the NACE choices are checkboxes named `sectors`. */
(function () {
  "use strict";

  var cfg, labels, problemsText, site, formRoot, state, widgets, countryNames, reference, outlines;
  var base = "";
  var TIMER = null;

  /* -- words --------------------------------------------------------------------------------- */

  function fill(template, params) {
    return String(template).replace(/\{(\w+)\}/g, function (all, name) {
      return params && params[name] !== undefined && params[name] !== null ? String(params[name]) : all;
    });
  }
  function t(key, params) { return fill(labels[key] !== undefined ? labels[key] : key, params); }
  function problemMessage(key, params) {
    var shown = {};
    Object.keys(params || {}).forEach(function (name) { shown[name] = params[name]; });
    // The validator names countries and languages in the reader's language (messages.problem_text).
    if (shown.country) shown.country = countryNames[shown.country] || shown.country;
    if (shown.language) shown.language_name = languageName(shown.language);
    return fill(problemsText[key] || key, shown);
  }
  function languageName(code) {
    var found = cfg.languages.filter(function (l) { return l.code === code; })[0];
    return found ? found.name_here : code;
  }

  /* -- search folding: the listing's rule (generator/site/search.py) ------------------------- */

  var foldTable = {};
  function fold(text) {
    var lower = String(text).toLowerCase();
    var out = "";
    for (var i = 0; i < lower.length; i++) out += foldTable[lower[i]] !== undefined ? foldTable[lower[i]] : lower[i];
    return out.normalize("NFD").replace(/[\u0300-\u036f]+/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  /* -- Serbian between scripts: a preview only; the build transliterates with its own rules -- */

  var LATIN = { "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "đ": "ђ", "e": "е", "ž": "ж", "z": "з", "i": "и",
    "j": "ј", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "ć": "ћ",
    "u": "у", "f": "ф", "h": "х", "c": "ц", "č": "ч", "š": "ш" };
  var PAIRS = { "lj": "љ", "nj": "њ", "dž": "џ" };
  var CYRILLIC = {};
  Object.keys(LATIN).forEach(function (k) { CYRILLIC[LATIN[k]] = k; });
  Object.keys(PAIRS).forEach(function (k) { CYRILLIC[PAIRS[k]] = k; });

  function caseLike(source, text) {
    if (source === source.toLowerCase()) return text;
    if (source.length > 1 && source === source.toUpperCase()) return text.toUpperCase();
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  function toCyrillic(text) {
    // Addresses, e-mails and words with letters Serbian lacks stay as written, as on the site.
    return text.replace(/\S+:\/\/\S+|\S+@\S+|[\p{L}]+/gu, function (word) {
      if (/:\/\/|@/.test(word) || /[qwxyäöüëçß]/i.test(word) || /^[A-Z]{2,}$/.test(word)) return word;
      var out = "";
      for (var i = 0; i < word.length; i++) {
        var pair = word.substr(i, 2), lower = pair.toLowerCase();
        if (PAIRS[lower]) { out += caseLike(pair, PAIRS[lower]); i++; continue; }
        var ch = word[i], low = ch.toLowerCase();
        out += LATIN[low] ? caseLike(ch, LATIN[low]) : ch;
      }
      return out;
    });
  }
  function toLatin(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text[i], low = ch.toLowerCase();
      if (CYRILLIC[low]) {
        var next = text[i + 1] || "";
        var upper = ch !== low;
        var latin = CYRILLIC[low];
        out += upper ? (latin.length > 1 && next && next !== next.toLowerCase() ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1)) : latin;
      } else out += ch;
    }
    return out;
  }
  function transliterate(text, target) { return target === "sr-Cyrl" ? toCyrillic(text) : toLatin(text); }

  /* -- the validator's rules that need no server --------------------------------------------- */

  var THOUSANDS_DOT = /^\+?[1-9][0-9]*\.[0-9]{3}$/;
  var PLAIN_NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?$/;
  var EMAIL = /^[^@\s<>"]+@[^@\s<>"]+\.[A-Za-z]{2,}$/;
  var HTTPS = /^https:\/\/[^\s/?#]+\.[^\s/?#]+(\/[^\s]*)?$/;
  var HS = /^(\d{2}|\d{4}|\d{6})$/;
  var forbidden, slug;

  /* Today in the officer's own time zone, YYYY-MM-DD (the date they mean by "today"). */
  function localToday() {
    var now = new Date();
    return [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"), String(now.getDate()).padStart(2, "0")].join("-");
  }
  function codePoint(ch) { return "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0"); }
  function characterKey(ch) {
    var n = ch.codePointAt(0);
    if ((n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069)) return "text_bidi";
    if (n < 0x20 || (n >= 0x7f && n <= 0x9f)) return "text_control";
    return "text_noncharacter";
  }

  /* Numbers typed with separators: generator/submission/fidelity.py, number_readings. */
  var SPACES = "[ \u00a0\u202f'\u2019]";
  function groups(sep) { return "[1-9][0-9]{0,2}(?:" + sep + "[0-9]{3})+"; }
  function decimalText(text) { return String(parseFloat(text)); }
  function numberReadings(value) {
    var spaced = new RegExp("^" + groups(SPACES) + "(?:[.,]([0-9]+))?$").exec(value);
    if (spaced) return ["number_separators", { value: value, number: value.replace(new RegExp(SPACES, "g"), "").replace(",", ".") }];
    var seps = [[".", ","], [",", "."]];
    for (var i = 0; i < seps.length; i++) {
      var group = seps[i][0], dec = seps[i][1];
      var esc = function (c) { return c === "." ? "\\." : c; };
      var found = new RegExp("^" + groups(esc(group)) + "(?:" + esc(dec) + "([0-9]+))?$").exec(value);
      if (!found) continue;
      var number = value.split(group).join("").replace(dec, ".");
      if (value.split(group).length === 2 && !found[1]) {
        return ["number_ambiguous", { value: value, whole: number, decimal: decimalText(value.replace(group, ".")), sep: group }];
      }
      return ["number_separators", { value: value, number: number }];
    }
    if (/^[0-9]+,[0-9]+$/.test(value)) return ["number_separators", { value: value, number: value.replace(",", ".") }];
    return null;
  }

  /* A typed number -> {value} or {problem: [key, params]}; `amount` fields take no thousands dot. */
  function parseNumber(raw, field, whole) {
    var text = raw.trim();
    if (field.amount !== false && (field.widget === "amount" || field.amount) && THOUSANDS_DOT.test(text)) {
      return { problem: ["number_thousands_dot", { value: text, whole: text.replace("+", "").replace(".", ""), decimal: decimalText(text.replace("+", "")) }] };
    }
    if (PLAIN_NUMBER.test(text)) {
      if (whole && !/^[+]?[0-9]+$/.test(text)) return { problem: ["integer", {}] };
      var value = Number(text);
      if (!isFinite(value) || /e/i.test(String(value))) return { problem: ["number", {}] };
      return { value: value };
    }
    var reading = numberReadings(text);
    if (reading) return { problem: reading };
    return { problem: [whole ? "integer" : "number", {}] };
  }

  function rangeProblem(value, field) {
    if (field.gt !== undefined && !(value > field.gt)) return ["greater_than", { gt: field.gt }];
    if (field.ge !== undefined && !(value >= field.ge)) return ["at_least", { ge: field.ge }];
    if (field.lt !== undefined && !(value < field.lt)) return ["less_than", { lt: field.lt }];
    if (field.le !== undefined && !(value <= field.le)) return ["at_most", { le: field.le }];
    return null;
  }

  function textProblems(value, field, language) {
    var found = [];
    if (!value.trim()) return [["text_empty", {}]];
    var seen = {};
    (value.match(forbidden) || []).forEach(function (ch) {
      if (seen[ch]) return;
      seen[ch] = true;
      found.push([characterKey(ch), { code: codePoint(ch) }]);
    });
    var length = Array.from(value).length;
    if (field.max_length && length > field.max_length) found.push(["text_too_long", { length: length, max_length: field.max_length }]);
    if (language === "sr-Latn") {
      var words = (value.match(/[\p{L}]+/gu) || []).filter(function (w) { return /[\u0400-\u04ff]/.test(w); });
      if (words.length) found.push(["script_cyrillic_in_latin", { words: quoteWords(words) }, "warning"]);
    }
    return found;
  }
  function quoteWords(words) {
    var unique = words.filter(function (w, i) { return words.indexOf(w) === i; }).map(function (w) { return "'" + w + "'"; });
    return unique.slice(0, 3).join(", ") + (unique.length > 3 ? ", ..." : "");
  }

  /* -- country borders: generator/submission/borders.py, in the browser ----------------------- */

  var TOLERANCE_M = 3000, SEA_REACH_M = 50000, METRES_PER_DEGREE = 6371008.8 * Math.PI / 180;

  function ringOf(points) {
    var first = points[0], last = points[points.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) points = points.concat([first]);
    var xs = points.map(function (p) { return p[0]; }), ys = points.map(function (p) { return p[1]; });
    return { xs: xs, ys: ys, minLon: Math.min.apply(null, xs), maxLon: Math.max.apply(null, xs),
      minLat: Math.min.apply(null, ys), maxLat: Math.max.apply(null, ys) };
  }
  function crossings(ring, lat, lon) {
    if (!(ring.minLat <= lat && lat <= ring.maxLat) || lon > ring.maxLon) return 0;
    var xs = ring.xs, ys = ring.ys, count = 0;
    for (var i = 0; i < xs.length - 1; i++) {
      var y1 = ys[i], y2 = ys[i + 1];
      if ((y1 > lat) !== (y2 > lat)) {
        var x1 = xs[i];
        if (lon < x1 + (lat - y1) * (xs[i + 1] - x1) / (y2 - y1)) count++;
      }
    }
    return count;
  }
  function ringDistance(ring, lat, lon, within) {
    var scaleX = METRES_PER_DEGREE * Math.cos(lat * Math.PI / 180);
    var dx = Math.max(ring.minLon - lon, 0, lon - ring.maxLon) * scaleX;
    var dy = Math.max(ring.minLat - lat, 0, lat - ring.maxLat) * METRES_PER_DEGREE;
    if (Math.hypot(dx, dy) >= within) return within;
    var best = within * within, xs = ring.xs, ys = ring.ys;
    var ax = (xs[0] - lon) * scaleX, ay = (ys[0] - lat) * METRES_PER_DEGREE;
    for (var i = 1; i < xs.length; i++) {
      var bx = (xs[i] - lon) * scaleX, by = (ys[i] - lat) * METRES_PER_DEGREE;
      var ex = bx - ax, ey = by - ay, len = ex * ex + ey * ey;
      var k = len === 0 ? 0 : Math.min(1, Math.max(0, -(ax * ex + ay * ey) / len));
      var px = ax + k * ex, py = ay + k * ey;
      best = Math.min(best, px * px + py * py);
      ax = bx; ay = by;
    }
    return Math.sqrt(best);
  }
  function contains(outline, lat, lon) {
    var n = 0;
    outline.rings.forEach(function (ring) { n += crossings(ring, lat, lon); });
    return n % 2 === 1;
  }
  function outlineDistance(outline, lat, lon, within) {
    var best = within;
    outline.rings.forEach(function (ring) { best = ringDistance(ring, lat, lon, best); });
    return best;
  }
  function covers(outline, lat, lon) {
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return false;
    return contains(outline, lat, lon) || outlineDistance(outline, lat, lon, TOLERANCE_M) < TOLERANCE_M;
  }
  function readTopology(topology) {
    var transform = topology.transform, arcs = topology.arcs.map(function (arc) {
      if (!transform) return arc.map(function (p) { return [+p[0], +p[1]]; });
      var x = 0, y = 0, sx = transform.scale[0], sy = transform.scale[1], tx = transform.translate[0], ty = transform.translate[1];
      return arc.map(function (d) { x += d[0]; y += d[1]; return [x * sx + tx, y * sy + ty]; });
    });
    function ring(indices) {
      var points = [];
      indices.forEach(function (index) {
        var arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
        points = points.concat(points.length ? arc.slice(1) : arc);
      });
      return ringOf(points);
    }
    var result = {};
    topology.objects.countries.geometries.forEach(function (g) {
      var polygons = g.type === "MultiPolygon" ? g.arcs : [g.arcs];
      var rings = [];
      polygons.forEach(function (polygon) { polygon.forEach(function (indices) { rings.push(ring(indices)); }); });
      var checked = !(g.properties && g.properties.checked === false);
      result[String(g.id)] = { code: String(g.id), rings: rings, checked: checked };
    });
    return result;
  }
  function countryAt(lat, lon) {
    var codes = Object.keys(outlines);
    for (var i = 0; i < codes.length; i++) if (contains(outlines[codes[i]], lat, lon)) return codes[i];
    var nearest = null, best = TOLERANCE_M;
    codes.forEach(function (code) {
      var d = outlineDistance(outlines[code], lat, lon, best);
      if (d < best) { nearest = code; best = d; }
    });
    return nearest;
  }
  function liesIn(code, lat, lon) {
    var own = outlines[code];
    if (!own || !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return false;
    if (covers(own, lat, lon)) return true;
    var codes = Object.keys(outlines);
    if (codes.some(function (c) { return contains(outlines[c], lat, lon); })) return false;
    var reach = outlineDistance(own, lat, lon, SEA_REACH_M);
    if (reach >= SEA_REACH_M) return false;
    return codes.every(function (c) { return c === code || !outlines[c].checked || outlineDistance(outlines[c], lat, lon, reach) >= reach; });
  }
  /* The validator's location problem for a point and a country (checks.check_location), or null. */
  function locationProblem(country, lat, lon) {
    if (!outlines || !country || !outlines[country] || !outlines[country].checked) return null;
    if (liesIn(country, lat, lon)) return null;
    if (liesIn(country, lon, lat)) return ["location_swapped", { country: country }];
    var other = countryAt(lat, lon);
    if (other === null || other === country) return ["location_outside", { country: country, lat: lat, lon: lon }];
    return ["location_elsewhere", { country: other, lat: lat, lon: lon }];
  }

  /* -- reference lists: NACE and HS with their names ------------------------------------------ */

  function loadJSON(path) {
    return fetch(base + path).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return r.json();
    });
  }
  function nameIn(names) {
    var wanted = [cfg.language, cfg.default_language, "en"];
    for (var i = 0; i < wanted.length; i++) if (names[wanted[i]]) return [names[wanted[i]], wanted[i]];
    return ["", "en"];
  }
  /* Rows [code, parent, level, {language: name}] -> entries with their names folded for search:
     `own` holds the code's names in every language, `context` its parents' (so that a Serbian
     division name finds the groups under it, whose names exist in English and German only). */
  function prepare(rows) {
    var byCode = {};
    var list = rows.map(function (row) {
      var names = row[3], shown = nameIn(names);
      var words = Object.keys(names).map(function (l) { return names[l]; }).concat([row[0]]).join(" ");
      var entry = { code: row[0], parent: row[1], level: row[2], name: shown[0], lang: shown[1], own: " " + fold(words) + " " };
      byCode[entry.code] = entry;
      return entry;
    });
    list.forEach(function (entry) {
      var context = "", up = byCode[entry.parent];
      while (up) { context += up.own; up = byCode[up.parent]; }
      entry.context = context;
    });
    return { list: list, byCode: byCode };
  }
  var referenceReady = null;
  function loadReference() {
    if (!referenceReady) {
      referenceReady = loadJSON(site.getAttribute("data-reference")).then(function (data) {
        reference = { nace: prepare(data.nace), hs: prepare(data.hs) };
        refresh();
        return reference;
      });
    }
    return referenceReady;
  }
  function hsKnown(code) {
    if (!reference) return true; // not judged before the list has arrived
    return !!reference.hs.byCode[code.length === 6 ? code.slice(0, 4) : code];
  }
  /* How well a folded query word fits a folded text: 1 it begins a word, 2 it sits inside one or
     joins two (German compounds: "obstverarbeitung" for "Obst- und Gemüseverarbeitung"), 0 not. */
  function wordFit(text, word) {
    if (text.indexOf(" " + word) >= 0) return 1;
    if (word.length >= 4 && text.indexOf(word) >= 0) return 2;
    for (var i = 3; i <= word.length - 4; i++) {
      if (text.indexOf(" " + word.slice(0, i)) >= 0 && text.indexOf(word.slice(i)) >= 0) return 2;
    }
    return 0;
  }
  /* Entries for a query, best first: the code itself, codes starting with it, then entries whose
     own names hold every word (at word starts first), then those whose parents' names do. */
  function search(table, query, limit) {
    var q = query.trim();
    if (!q) return { shown: [], total: 0 };
    var words = fold(q).split(" ").filter(Boolean);
    var lower = q.toLowerCase();
    var codeLike = /^[0-9.]+$/.test(q) || /^[a-u]$/i.test(q);
    var found = [];
    table.list.forEach(function (e) {
      var rank = null;
      var code = e.code.toLowerCase();
      if (codeLike && code === lower) rank = 0;
      else if (codeLike && code.indexOf(lower) === 0) rank = 1;
      else if (words.length) {
        var own = 0, all = 0;
        for (var i = 0; i < words.length; i++) {
          var fit = wordFit(e.own, words[i]);
          own = fit && own >= 0 ? Math.max(own, fit) : -1;
          var wide = fit || wordFit(e.context, words[i]);
          all = wide && all >= 0 ? Math.max(all, wide) : -1;
        }
        if (own > 0) rank = own + 1;
        else if (all > 0) rank = 4;
      }
      if (rank !== null) found.push({ entry: e, rank: rank });
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || a.entry.level - b.entry.level || (a.entry.code < b.entry.code ? -1 : a.entry.code > b.entry.code ? 1 : 0);
    });
    return { shown: found.slice(0, limit).map(function (f) { return f.entry; }), total: found.length };
  }

  /* -- DOM helpers ----------------------------------------------------------------------------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === undefined || value === null || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
    return node;
  }
  var ids = 0;
  function idFor(path) { ids += 1; return "pp-" + path.replace(/[^A-Za-z0-9-]+/g, "-") + "-" + ids; }
  function hintKey(path) { return "propose_hint_" + path.replace(/\[\d*\]/g, "").replace(/\./g, "_"); }

  /* A labelled row: the label, the control, a hint and an error line tied to it by aria-describedby. */
  function row(field, control, labelText, extra) {
    var id = control.id || idFor(field.path);
    control.id = id;
    var error = el("p", { class: "prilika-propose__error", id: id + "-error", hidden: true });
    var described = [id + "-error"];
    var hint = null, hintText = labels[hintKey(field.path)];
    if (hintText) {
      hint = el("p", { class: "prilika-propose__hint", id: id + "-hint", text: hintText });
      described.push(id + "-hint");
    }
    control.setAttribute("aria-describedby", described.join(" "));
    var label = el("label", { for: id }, [labelText || field.label]);
    if (field.required) label.appendChild(el("span", { class: "prilika-propose__required", text: " *", "aria-hidden": "true" }));
    if (field.required) control.setAttribute("aria-required", "true");
    var input = el("div", { class: "prilika-propose__input" }, [control]);
    if (field.unit) input.appendChild(el("span", { class: "prilika-propose__unit", text: field.unit }));
    return { node: el("div", { class: "prilika-propose__row", "data-path": field.path }, [label, input].concat(extra || []).concat([hint, error])), control: control, error: error };
  }

  /* -- widgets: one per field, made from its description --------------------------------------- */
  /* Each has: node, get() (the value for the file, undefined when empty), set(value),
     check(add) (adds [path, key, params, severity, control]), and children where it has them. */

  function make(field, path) {
    path = path || field.path;
    var kind = WIDGETS[field.widget] ? field.widget : "string";
    var widget = WIDGETS[kind](field, path);
    widget.field = field;
    widget.path = path;
    return widget;
  }

  function input(field, path, attrs) {
    return el("input", Object.assign({ type: "text", name: path, autocomplete: "off" }, attrs || {}));
  }

  function scalarWidget(field, path, attrs, parse) {
    var control = input(field, path, attrs);
    var r = row(field, control);
    return {
      node: r.node, control: control, error: r.error,
      get: function () {
        var raw = control.value.trim();
        if (!raw) return undefined;
        var parsed = parse(raw);
        return parsed.problem ? undefined : parsed.value;
      },
      raw: function () { return control.value.trim(); },
      set: function (value) { control.value = value === undefined || value === null ? "" : String(value); },
      check: function (add) {
        var raw = control.value.trim();
        if (!raw) {
          if (field.required) add(path, "missing", {}, "error", control);
          return;
        }
        var parsed = parse(raw);
        if (parsed.problem) add(path, parsed.problem[0], parsed.problem[1], "error", control);
        else if (parsed.range) add(path, parsed.range[0], parsed.range[1], "error", control);
      }
    };
  }

  var WIDGETS = {
    "const": function (field) {
      return { node: null, get: function () { return field.value; }, set: function () {}, check: function () {}, constant: true };
    },

    string: function (field, path) {
      return scalarWidget(field, path, { maxlength: field.max_length ? field.max_length + 50 : null }, function (raw) {
        if (field.max_length && Array.from(raw).length > field.max_length) return { problem: ["too_long", { max_length: field.max_length }] };
        if (field.pattern && !new RegExp(field.pattern, "u").test(raw)) return { problem: ["pattern", {}] };
        var bad = raw.match(forbidden);
        if (bad) return { problem: [characterKey(bad[0]), { code: codePoint(bad[0]) }] };
        if (/\.(jpe?g|png|webp|gif|tiff?|heic|bmp)$/i.test(raw) || field.name === "file") {
          if (/^\/|\.\.|\\/.test(raw)) return { problem: ["image_outside", { file: raw }] };
          if (!/\.(jpe?g|png|webp)$/i.test(raw)) return { problem: ["image_type", { file: raw }] };
        }
        return { value: raw };
      });
    },

    email: function (field, path) {
      return scalarWidget(field, path, { type: "email", autocomplete: "email", inputmode: "email" }, function (raw) {
        return EMAIL.test(raw) ? { value: raw } : { problem: ["email", { value: raw }] };
      });
    },

    url: function (field, path) {
      return scalarWidget(field, path, { type: "url", inputmode: "url", placeholder: "https://" }, function (raw) {
        return HTTPS.test(raw) ? { value: raw } : { problem: ["https_url", { value: raw }] };
      });
    },

    number: function (field, path) { return numberWidget(field, path, false); },
    amount: function (field, path) { return numberWidget(field, path, false); },
    integer: function (field, path) { return numberWidget(field, path, true); },

    year: function (field, path) {
      return scalarWidget(field, path, { inputmode: "numeric", maxlength: 4, size: 6 }, function (raw) {
        if (!/^[0-9]{1,4}$/.test(raw) || +raw < 1800) return { problem: ["year", { value: raw }] };
        var year = new Date().getFullYear();
        if (+raw > year) return { problem: ["year_future", { value: +raw, year: year }] };
        return { value: +raw };
      });
    },

    date: function (field, path) {
      var w = scalarWidget(field, path, { type: "date" }, function (raw) {
        return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !isNaN(Date.parse(raw)) ? { value: raw } : { problem: ["date", {}] };
      });
      if (field.name === "published") w.control.value = localToday();
      return w;
    },

    boolean: function (field, path) {
      var control = el("select", { name: path }, [
        el("option", { value: "", text: t("propose_not_stated") }),
        el("option", { value: "true", text: t("value_yes") }),
        el("option", { value: "false", text: t("value_no") })
      ]);
      var r = row(field, control);
      return {
        node: r.node, control: control, error: r.error,
        get: function () { return control.value === "" ? undefined : control.value === "true"; },
        set: function (v) { control.value = v === true ? "true" : v === false ? "false" : ""; },
        check: function () {}
      };
    },

    choice: function (field, path) {
      var options = [el("option", { value: "", text: field.required || !field.default ? t("propose_choose") : t("propose_not_stated") })];
      field.options.forEach(function (o) { options.push(el("option", { value: o.value, text: o.label })); });
      var control = el("select", { name: path }, options);
      if (field.default) control.value = field.default;
      var r = row(field, control);
      return {
        node: r.node, control: control, error: r.error, enumeration: true,
        get: function () { return control.value || undefined; },
        set: function (v) { control.value = v || field.default || ""; },
        check: function (add) { if (!control.value && field.required) add(path, "missing", {}, "error", control); }
      };
    },

    country: function (field, path) {
      var options = [el("option", { value: "", text: t("propose_choose") })];
      cfg.countries.forEach(function (c) { options.push(el("option", { value: c.code, text: c.name + " (" + c.code + ")" })); });
      var control = el("select", { name: path, autocomplete: "country" }, options);
      var r = row(field, control);
      return {
        node: r.node, control: control, error: r.error,
        get: function () { return control.value || undefined; },
        set: function (v) { control.value = v || ""; },
        check: function (add) { if (!control.value && field.required) add(path, "missing", {}, "error", control); }
      };
    },

    choices: function (field, path) {
      var boxes = field.options.map(function (o) {
        var box = el("input", { type: "checkbox", name: path, value: o.value, id: idFor(path + "-" + o.value) });
        return { box: box, node: el("label", { class: "prilika-propose__check", for: box.id }, [box, " " + o.label]) };
      });
      return groupShell(field, path, boxes.map(function (b) { return b.node; }), {
        enumeration: true,
        focus: boxes[0].box,
        get: function () {
          var values = boxes.filter(function (b) { return b.box.checked; }).map(function (b) { return b.box.value; });
          return values.length ? values : undefined;
        },
        set: function (values) { boxes.forEach(function (b) { b.box.checked = (values || []).indexOf(b.box.value) >= 0; }); },
        check: function (add, self) {
          var n = boxes.filter(function (b) { return b.box.checked; }).length;
          if (n < (field.min_length || 0)) add(path, n === 0 && field.required ? "missing" : "too_few", { min: field.min_length }, "error", self.focus);
        }
      });
    },

    text: function (field, path) { return textWidget(field, path); },
    nace: function (field, path) { return naceWidget(field, path); },
    hs: function (field, path) { return hsWidget(field, path); },
    group: function (field, path) { return groupWidget(field, path); },
    location: function (field, path) { return locationWidget(field, path); },
    list: function (field, path) { return listWidget(field, path); },
    amount_or_range: function (field, path) { return amountOrRange(field, path); }
  };

  function numberWidget(field, path, whole) {
    var attrs = { inputmode: whole ? "numeric" : "decimal", size: 14 };
    var w = scalarWidget(field, path, attrs, function (raw) {
      var parsed = parseNumber(raw, field, whole);
      if (parsed.problem) return parsed;
      var range = rangeProblem(parsed.value, field);
      return range ? { problem: range } : parsed;
    });
    return w;
  }

  /* A fieldset around several controls; `parts` may override get/set/check. */
  function groupShell(field, path, inner, parts) {
    var legend = el("legend", {}, [field.label]);
    if (field.required) legend.appendChild(el("span", { class: "prilika-propose__required", text: " *", "aria-hidden": "true" }));
    var error = el("p", { class: "prilika-propose__error", id: idFor(path) + "-error", hidden: true });
    var hintText = labels[hintKey(path)];
    var hint = hintText ? el("p", { class: "prilika-propose__hint", text: hintText }) : null;
    var node = el("fieldset", { class: "prilika-propose__group", "data-path": path }, [legend, hint].concat(inner).concat([error]));
    if (hint) hint.id = error.id.replace(/-error$/, "-hint");
    node.setAttribute("aria-describedby", error.id + (hint ? " " + hint.id : ""));
    var widget = { node: node, error: error };
    Object.keys(parts).forEach(function (k) { widget[k] = parts[k]; });
    var check = parts.check;
    widget.check = function (add) { check(add, widget); };
    return widget;
  }

  /* -- texts: one input per language the officer writes in ----------------------------------- */

  /* The languages there are inputs for; Serbian in the chosen script (both only when a file
     being edited gives both: an explicit text in each script is kept). */
  function typedLanguages() {
    var out = [];
    state.languages.forEach(function (code) {
      if (cfg.serbian[code] && state.bothScripts) out.push(code, cfg.serbian[code]);
      else out.push(cfg.serbian[code] ? state.serbian : code);
    });
    return out.filter(function (code, i) { return out.indexOf(code) === i; });
  }

  function textWidget(field, path) {
    var values = {};
    var box = el("div", { class: "prilika-propose__texts" });
    var controls = {};
    var markdownHint = field.markdown ? el("p", { class: "prilika-propose__hint", id: idFor(path + "-md"), text: t("propose_markdown_hint") }) : null;
    var plain = false;
    var widget = groupShell(field, path, [box, markdownHint], {
      get: function () {
        var out = {}, any = false;
        typedLanguages().forEach(function (lang) {
          var v = normaliseText(values[lang] || "");
          if (v) { out[lang] = v; any = true; }
        });
        // A text the file gave as one plain string (the default language's) stays one.
        var keys = Object.keys(out);
        if (plain && keys.length === 1 && keys[0] === cfg.default_language) return out[keys[0]];
        return any ? out : undefined;
      },
      set: function (value) {
        values = {};
        plain = typeof value === "string" || typeof value === "number";
        if (plain) values[cfg.default_language] = String(value);
        else if (value) Object.keys(value).forEach(function (k) { values[k] = String(value[k]); });
        render();
      },
      check: function (add, self) {
        var langs = typedLanguages(), any = false;
        langs.forEach(function (lang) {
          var raw = values[lang] || "";
          if (!raw) return;
          any = true;
          textProblems(normaliseText(raw) || raw, field, lang).forEach(function (p) {
            add(path + "." + lang, p[0], p[1], p[2] || "error", controls[lang]);
          });
        });
        if (!any && field.required) add(path, "missing", {}, "error", controls[langs[0]]);
      },
      focusFor: function (lang) { return controls[lang]; },
      rerender: function () { render(); }
    });
    function render() {
      box.textContent = "";
      controls = {};
      typedLanguages().forEach(function (lang) {
        var name = path + "." + lang;
        var id = idFor(name);
        var attrs = { name: name, id: id, lang: lang, autocomplete: "off" };
        var control = field.markdown ? el("textarea", Object.assign({ rows: 5 }, attrs)) : el("input", Object.assign({ type: "text" }, attrs));
        control.value = values[lang] || "";
        controls[lang] = control;
        var error = el("p", { class: "prilika-propose__error", id: id + "-error", hidden: true });
        var described = [id + "-error", widget.error.id];
        var parts = [el("label", { for: id, class: "prilika-propose__language" }, [languageName(lang)]), control];
        if (field.max_length) {
          var count = el("p", { class: "prilika-propose__count", id: id + "-count", "aria-live": "off" });
          described.push(id + "-count");
          parts.push(count);
        }
        if (field.markdown) described.push(markdownHint.id);
        var other = cfg.serbian[lang];
        var preview = null;
        if (other && cfg.languages.some(function (l) { return l.code === other; })) {
          preview = el("p", { class: "prilika-propose__preview", lang: other, id: id + "-preview" });
          described.push(id + "-preview");
          parts.push(preview);
        }
        control.setAttribute("aria-describedby", described.join(" "));
        if (field.required) control.setAttribute("aria-required", "true");
        parts.push(error);
        var update = function () {
          values[lang] = control.value;
          if (count) count.textContent = t("propose_chars_left", { count: field.max_length - Array.from(control.value).length });
          if (preview) {
            preview.textContent = control.value.trim() ? t("propose_serbian_preview", { language: languageName(other) }) + " " + transliterate(control.value, other) : "";
          }
        };
        control.addEventListener("input", update);
        update();
        box.appendChild(el("div", { class: "prilika-propose__text", "data-lang": lang }, parts));
        control.prilikaError = error;
      });
    }
    render();
    return widget;
  }

  /* A text as typed, line ends as \n; one of white space only is no text. */
  function normaliseText(value) {
    var text = value.replace(/\r\n?/g, "\n");
    return text.trim() ? text : "";
  }

  /* -- pickers --------------------------------------------------------------------------------- */

  /* An accessible combobox over a reference table: `choose(entry)` is called with the picked entry. */
  function combobox(table, inputNode, choose, labelKey) {
    var listId = inputNode.id + "-list";
    var list = el("ul", { class: "prilika-propose__options", role: "listbox", id: listId, hidden: true, "aria-label": t(labelKey) });
    var status = el("p", { class: "prilika-propose__hint prilika-propose__matches", "aria-live": "polite" });
    var active = -1, shown = [];
    inputNode.setAttribute("role", "combobox");
    inputNode.setAttribute("aria-autocomplete", "list");
    inputNode.setAttribute("aria-expanded", "false");
    inputNode.setAttribute("aria-controls", listId);
    function close() {
      list.hidden = true;
      inputNode.setAttribute("aria-expanded", "false");
      inputNode.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function mark(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index >= 0 && list.children[index]) {
        inputNode.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      }
    }
    function open() {
      if (!reference) {
        status.textContent = t("propose_loading");
        loadReference().then(open);
        return;
      }
      var found = search(reference[table], inputNode.value, 60);
      shown = found.shown || [];
      list.textContent = "";
      shown.forEach(function (entry, i) {
        var name = el("span", { text: entry.name });
        if (entry.lang !== cfg.language) name.setAttribute("lang", entry.lang);
        var li = el("li", { role: "option", id: listId + "-" + i, "data-value": entry.code, class: "prilika-propose__option prilika-propose__option--l" + entry.level, "aria-selected": "false" },
          [el("span", { class: "prilika-code", text: entry.code }), " ", name]);
        if (entry.lang !== cfg.language) li.appendChild(el("span", { class: "prilika-untranslated-mark", text: " (" + entry.lang.toUpperCase() + ")" }));
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { pick(i); });
        list.appendChild(li);
      });
      var q = inputNode.value.trim();
      status.textContent = !q ? "" : !shown.length ? t("propose_no_match") : found.total > shown.length ? t("propose_more_matches", { count: found.total - shown.length }) : "";
      list.hidden = !shown.length;
      inputNode.setAttribute("aria-expanded", shown.length ? "true" : "false");
      mark(-1);
    }
    function pick(index) {
      var entry = shown[index];
      if (!entry) return;
      close();
      choose(entry);
    }
    inputNode.addEventListener("input", open);
    inputNode.addEventListener("focus", function () { loadReference(); });
    inputNode.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) open(); mark(Math.min(active + 1, shown.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); mark(Math.max(active - 1, 0)); }
      else if (event.key === "Enter") {
        if (!list.hidden && shown.length) { event.preventDefault(); pick(active >= 0 ? active : 0); }
      } else if (event.key === "Escape") close();
    });
    inputNode.addEventListener("blur", function () {
      setTimeout(function () { if (document.activeElement !== inputNode) close(); }, 150);
    });
    return { list: list, status: status };
  }

  function naceWidget(field, path) {
    var chosen = [];
    var searchId = idFor(path + "-search");
    var finder = el("input", { type: "search", id: searchId, autocomplete: "off", placeholder: t("propose_search_hint"), class: "prilika-propose__search" });
    var chips = el("div", { class: "prilika-propose__chips" });
    var box = combobox("nace", finder, function (entry) {
      if (chosen.indexOf(entry.code) < 0) chosen.push(entry.code);
      finder.value = "";
      draw();
      changed();
    }, "propose_search_nace");
    var searchLabel = el("label", { for: searchId, class: "prilika-propose__language" }, [t("propose_search_nace")]);
    var widget = groupShell(field, path, [searchLabel, finder, box.status, box.list, chips], {
      focus: finder,
      get: function () { return chosen.length ? chosen.slice() : undefined; },
      set: function (values) { chosen = (values || []).map(String); draw(); },
      check: function (add, self) {
        if (chosen.length < (field.min_length || 0)) add(path, "missing", {}, "error", finder);
        chosen.forEach(function (code, i) {
          if (reference && !reference.nace.byCode[code]) add(path + "[" + i + "]", "nace_code", { value: code }, "error", finder);
        });
      }
    });
    finder.setAttribute("aria-describedby", widget.error.id);
    function draw() {
      chips.textContent = "";
      chosen.forEach(function (code) {
        var entry = reference && reference.nace.byCode[code];
        var id = idFor(path + "-" + code);
        var box = el("input", { type: "checkbox", name: path, value: code, id: id, checked: true });
        box.checked = true;
        box.addEventListener("change", function () {
          if (!box.checked) { chosen = chosen.filter(function (c) { return c !== code; }); draw(); changed(); }
        });
        var name = el("span", { text: entry ? entry.name : "" });
        var parts = [box, " ", el("span", { class: "prilika-code", text: code }), " ", name];
        if (entry && entry.lang !== cfg.language) {
          name.setAttribute("lang", entry.lang);
          parts.push(el("span", { class: "prilika-untranslated-mark", text: " (" + entry.lang.toUpperCase() + ")" }));
        }
        chips.appendChild(el("label", { class: "prilika-propose__chip", for: id, title: t("propose_remove_code") }, parts));
      });
    }
    widget.redraw = draw;
    return widget;
  }

  function hsWidget(field, path) {
    var control = input(field, path, { inputmode: "search", size: 12 });
    control.id = idFor(path);
    var named = el("p", { class: "prilika-propose__hint prilika-propose__named", "aria-live": "polite" });
    var box = combobox("hs", control, function (entry) {
      control.value = entry.code;
      describe();
      changed();
    }, "propose_search_hs");
    var r = row(field, control, null, [box.status, box.list, named]);
    control.placeholder = t("propose_search_hint");
    function describe() {
      var code = control.value.trim();
      var entry = reference && HS.test(code) && reference.hs.byCode[code.length === 6 ? code.slice(0, 4) : code];
      named.textContent = entry ? entry.name : "";
    }
    control.addEventListener("input", describe);
    return {
      node: r.node, control: control, error: r.error, quoted: true,
      get: function () { var v = control.value.trim(); return HS.test(v) && hsKnown(v) ? v : undefined; },
      set: function (v) { control.value = v === undefined || v === null ? "" : String(v); describe(); },
      check: function (add) {
        var v = control.value.trim();
        if (!v) { if (field.required) add(path, "missing", {}, "error", control); return; }
        if (!HS.test(v) || !hsKnown(v)) add(path, "hs_code", { value: v }, "error", control);
      },
      redraw: describe
    };
  }

  /* -- groups, lists, ranges, the location ----------------------------------------------------- */

  function children(field, path) {
    return field.children.map(function (child) { return make(child, path + "." + child.name); });
  }
  function groupValue(kids) {
    var out = {}, any = false;
    kids.forEach(function (w) {
      if (w.constant) return;
      var v = w.get();
      if (v !== undefined) { out[w.field.name] = v; any = true; }
    });
    return any ? out : undefined;
  }
  function hasInput(kids) {
    return kids.some(function (w) {
      if (w.raw) return !!w.raw();
      if (w.kids) return hasInput(w.kids);
      return w.get && w.get() !== undefined;
    });
  }

  function groupWidget(field, path) {
    var kids = children(field, path);
    var widget = groupShell(field, path, kids.map(function (k) { return k.node; }), {
      get: function () { return groupValue(kids); },
      set: function (value) { kids.forEach(function (k) { k.set(value ? value[k.field.name] : undefined); }); },
      check: function (add) {
        // An optional group is checked once anything in it is filled in.
        if (!field.required && !hasInput(kids)) return;
        kids.forEach(function (k) { k.check(add); });
      }
    });
    widget.kids = kids;
    return widget;
  }

  function amountOrRange(field, path) {
    var one = { name: field.name, path: path, label: field.label, required: field.required, widget: "amount", gt: field.gt, ge: field.ge, unit: field.unit };
    var single = numberWidget(one, path, false);
    var kids = children(field, path);
    var mode = "one";
    var group = idFor(path + "-mode");
    var radios = ["one", "range"].map(function (m) {
      var r = el("input", { type: "radio", name: group, value: m, id: group + "-" + m });
      r.checked = m === mode;
      r.addEventListener("change", function () { if (r.checked) { mode = m; show(); changed(); } });
      return el("label", { class: "prilika-propose__check", for: r.id }, [r, " " + field.labels[m]]);
    });
    var rangeBox = el("div", { class: "prilika-propose__range" }, kids.map(function (k) { return k.node; }));
    function show() {
      single.node.hidden = mode !== "one";
      rangeBox.hidden = mode !== "range";
    }
    show();
    var widget = groupShell(field, path, [el("div", { class: "prilika-propose__modes" }, radios), single.node, rangeBox], {
      get: function () { return mode === "one" ? single.get() : groupValue(kids); },
      set: function (value) {
        mode = value && typeof value === "object" ? "range" : "one";
        radios.forEach(function (label) { var r = label.querySelector("input"); r.checked = r.value === mode; });
        if (mode === "one") single.set(value); else kids.forEach(function (k) { k.set(value[k.field.name]); });
        show();
      },
      check: function (add) {
        if (mode === "one") { single.check(add); return; }
        kids.forEach(function (k) { k.check(add); });
        var v = groupValue(kids);
        if (v && v.min !== undefined && v.max !== undefined && v.max < v.min) {
          add(path + ".max", "range_max_below_min", { min: v.min }, "error", kids[1].control);
        }
      }
    });
    single.node.querySelector("label").textContent = field.label;
    widget.kids = kids;
    return widget;
  }

  function listWidget(field, path) {
    var entries = [];
    var box = el("div", { class: "prilika-propose__entries" });
    var add = el("button", { type: "button", class: "md-button prilika-propose__add" }, [t("propose_add") + ": " + field.label]);
    var widget = groupShell(field, path, [box, add], {
      get: function () {
        var values = entries.map(function (e) { return e.widget.get(); }).filter(function (v) { return v !== undefined; });
        return values.length ? values : undefined;
      },
      set: function (values) {
        entries = [];
        box.textContent = "";
        (values || []).forEach(function (v) { append().widget.set(v); });
      },
      check: function (addProblem) {
        var seen = {};
        entries.forEach(function (entry, index) {
          var w = entry.widget;
          if (w.kids ? !hasInput(w.kids) : !(w.raw ? w.raw() : w.get() !== undefined)) return;
          w.check(addProblem);
          var v = w.get();
          if (typeof v === "string" || typeof v === "number") {
            if (seen[v]) addProblem(entry.path, "duplicate_value", { value: v }, "error", w.control);
            seen[v] = true;
          }
        });
      }
    });
    function append() {
      var index = entries.length;
      var itemPath = path + "[" + index + "]";
      // An entry is checked once something is typed in it; an empty one is left out of the file.
      var item = Object.assign({}, field.item, { label: field.label + " " + (index + 1), required: false });
      var w = make(item, itemPath);
      var remove = el("button", { type: "button", class: "prilika-propose__remove" }, [t("propose_remove")]);
      remove.setAttribute("aria-label", t("propose_remove") + ": " + item.label);
      var node = el("div", { class: "prilika-propose__entry" }, [w.node, remove]);
      var entry = { widget: w, node: node, path: itemPath };
      remove.addEventListener("click", function () {
        var values = entries.filter(function (e) { return e !== entry; }).map(function (e) { return e.widget.get(); });
        widget.set(values.filter(function (v) { return v !== undefined; }));
        changed();
        add.focus();
      });
      entries.push(entry);
      box.appendChild(node);
      return entry;
    }
    add.addEventListener("click", function () {
      var entry = append();
      var focus = entry.node.querySelector("input, select, textarea");
      if (focus) focus.focus();
      changed();
    });
    widget.set([]);
    widget.entries = function () { return entries; };
    return widget;
  }

  function locationWidget(field, path) {
    var kids = children(field, path);
    var lat = kids.filter(function (k) { return k.field.name === "lat"; })[0];
    var lon = kids.filter(function (k) { return k.field.name === "lon"; })[0];
    var mapNode = el("div", { class: "prilika-map prilika-propose__map", role: "region", "aria-label": t("propose_map_label") });
    var hint = el("p", { class: "prilika-propose__hint", text: t("propose_map_hint") });
    var coords = el("div", { class: "prilika-propose__coords" }, [lat.node, lon.node]);
    var others = kids.filter(function (k) { return k !== lat && k !== lon; }).map(function (k) { return k.node; });
    var map = null, marker = null;
    var widget = groupShell(field, path, [hint, mapNode, coords].concat(others), {
      get: function () { return groupValue(kids); },
      set: function (value) { kids.forEach(function (k) { k.set(value ? value[k.field.name] : undefined); }); place(false); },
      check: function (add) {
        if (!field.required && !hasInput(kids)) return;
        kids.forEach(function (k) { k.check(add); });
        var a = lat.get(), b = lon.get();
        if (a === undefined || b === undefined) return;
        var found = locationProblem(countryOfFile(), a, b);
        if (found) add(path, found[0], found[1], "error", lat.control);
      }
    });
    function place(pan) {
      if (!map) return;
      var a = lat.get(), b = lon.get();
      if (a === undefined || b === undefined) { if (marker) { map.removeLayer(marker); marker = null; } return; }
      if (!marker) {
        marker = L.marker([a, b], { draggable: true, keyboard: false, alt: field.label }).addTo(map);
        marker.on("dragend", function () { var p = marker.getLatLng(); setPoint(p.lat, p.lng); });
      } else marker.setLatLng([a, b]);
      if (pan) map.panTo([a, b]);
    }
    function setPoint(a, b) {
      lat.set(Math.round(a * 100000) / 100000);
      lon.set(Math.round(b * 100000) / 100000);
      place(false);
      touched[lat.path] = touched[lon.path] = true;
      changed();
    }
    [lat.control, lon.control].forEach(function (c) { c.addEventListener("change", function () { place(true); }); });
    widget.startMap = function (centre, zoom) {
      if (map || !window.L) return;
      map = L.map(mapNode, { scrollWheelZoom: false }).setView(centre, zoom);
      (window.prilikaTileLayer ? window.prilikaTileLayer() : L.tileLayer(window.prilika.tiles, { attribution: window.prilika.attribution, maxZoom: 18 })).addTo(map);
      map.on("click", function (event) { setPoint(event.latlng.lat, event.latlng.lng); });
      place(false);
    };
    widget.centre = function (centre, zoom) { if (map) map.setView(centre, zoom); };
    widget.mapNode = mapNode;
    widget.kids = kids;
    return widget;
  }

  /* -- the YAML file --------------------------------------------------------------------------- */

  var PLAIN_WORD = /^[a-z][a-z0-9_]*$/;
  var YAML_WORDS = /^(y|yes|n|no|true|false|on|off|null)$/i;

  /* Text in double quotes, escaped so that every character reads back as typed (`#`, `: `, a
     leading `*` are plain characters inside quotes). */
  function quote(text) {
    return '"' + String(text).replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (ch) {
      switch (ch) {
        case "\\": return "\\\\";
        case '"': return '\\"';
        case "\n": return "\\n";
        case "\t": return "\\t";
        case "\r": return "\\r";
        default:
          var n = ch.charCodeAt(0);
          return n < 0x100 ? "\\x" + n.toString(16).toUpperCase().padStart(2, "0") : "\\u" + n.toString(16).toUpperCase().padStart(4, "0");
      }
    }) + '"';
  }
  /* A multi-line text as a literal block when YAML keeps it exactly (`|-` no final line end,
     `|` one, `|+` more); else null, and it is quoted. */
  function block(text, indent) {
    if (text.indexOf("\n") < 0 || /^[ \t\n]/.test(text) || /[ \t]\n|[ \t]$/.test(text)) return null;
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\r]/.test(text)) return null;
    var pad = new Array(indent + 1).join(" ");
    var ends = /\n*$/.exec(text)[0].length;
    var body = text.slice(0, text.length - ends);
    var lines = body.split("\n").map(function (line) { return line ? pad + line : ""; });
    for (var i = 1; i < ends; i++) lines.push("");
    return [ends === 0 ? "|-" : ends === 1 ? "|" : "|+"].concat(lines);
  }
  function numberText(value) { return String(value); }
  function scalar(widget, value) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return numberText(value);
    if (widget.field.widget === "date") return value;
    if ((widget.enumeration || widget.field.widget === "const") && PLAIN_WORD.test(value) && !YAML_WORDS.test(value)) return value;
    return quote(value);
  }

  function Writer() { this.lines = []; }
  /* One `key: value` line; the starter's comment after it, lined up as `prilika new` does, or
     above it when the line is long. */
  Writer.prototype.line = function (indent, key, value, comment, dash) {
    var pad = new Array(indent + 1).join(" ");
    var text = (dash ? pad.slice(2) + "- " : pad) + key + ":" + (value === "" ? "" : " " + value);
    if (comment) {
      if (text.length <= 17) text += new Array(20 - text.length).join(" ") + "# " + comment;
      else if (text.length + comment.length + 4 <= 100) text += "  # " + comment;
      else this.lines.push(pad + "# " + comment);
    }
    this.lines.push(text);
  };

  function emit(out, widget, value, indent, dash) {
    var field = widget.field, comment = field.comment;
    var kind = field.widget;
    if (kind === "text" && typeof value === "string") {
      var lines = field.markdown ? block(value, indent + 2) : null;
      out.line(indent, field.name, lines ? lines[0] : quote(value), comment, dash);
      if (lines) lines.slice(1).forEach(function (l) { out.lines.push(l); });
      return;
    }
    if (kind === "text") {
      out.line(indent, field.name, "", comment, dash);
      Object.keys(value).forEach(function (lang) {
        var lines = field.markdown ? block(value[lang], indent + 4) : null;
        if (lines) {
          out.line(indent + 2, lang, lines[0]);
          lines.slice(1).forEach(function (l) { out.lines.push(l); });
        } else out.line(indent + 2, lang, quote(value[lang]));
      });
      return;
    }
    if (kind === "group" || kind === "location" || (kind === "amount_or_range" && typeof value === "object")) {
      out.line(indent, field.name, "", comment, dash);
      writeGroup(out, widget.kids, value, indent + 2);
      return;
    }
    if (kind === "nace" || kind === "choices" || (kind === "list" && field.item.widget !== "group")) {
      var items = value.map(function (v) {
        if (kind === "nace") return quote(v);
        if (kind === "choices") return PLAIN_WORD.test(v) && !YAML_WORDS.test(v) ? v : quote(v);
        return typeof v === "number" ? numberText(v) : quote(v);
      });
      var flow = "[" + items.join(", ") + "]";
      if (indent + field.name.length + flow.length + 2 <= 100) out.line(indent, field.name, flow, comment, dash);
      else {
        out.line(indent, field.name, "", comment, dash);
        items.forEach(function (item) { out.lines.push(new Array(indent + 3).join(" ") + "- " + item); });
      }
      return;
    }
    if (kind === "list") {
      out.line(indent, field.name, "", comment, dash);
      var entries = widget.entries().filter(function (e) { return e.widget.get() !== undefined; });
      entries.forEach(function (entry) { writeGroup(out, entry.widget.kids, entry.widget.get(), indent + 4, true); });
      return;
    }
    out.line(indent, field.name, kind === "hs" ? quote(value) : scalar(widget, value), comment, dash);
  }

  function writeGroup(out, kids, value, indent, dash) {
    var first = true;
    kids.forEach(function (w) {
      var v = w.constant ? w.get() : value[w.field.name];
      if (v === undefined) return;
      emit(out, w, v, indent, dash && first);
      first = false;
    });
  }

  function fileText() {
    var desc = cfg.kinds[state.kind];
    var out = new Writer();
    desc.head.forEach(function (line) { out.lines.push(line); });
    var data = {};
    widgets.forEach(function (w) { var v = w.get(); if (v !== undefined) data[w.field.name] = v; });
    writeGroup(out, widgets, data, 0, false);
    return out.lines.join("\n") + "\n";
  }

  /* -- the page -------------------------------------------------------------------------------- */

  var touched = {};
  var showAll = false;

  function countryOfFile() {
    if (state.kind === "publisher") {
      var country = widgets.filter(function (w) { return w.field.name === "country"; })[0];
      return country ? country.get() : undefined;
    }
    var publisher = cfg.publishers.filter(function (p) { return p.id === state.publisher; })[0];
    return publisher ? publisher.country : undefined;
  }

  function publisherFolder() { return state.kind === "publisher" ? state.newId : state.publisher; }
  function fileName() { return state.kind === "publisher" ? "publisher.yaml" : (state.itemId || "") + ".yaml"; }

  function checkAll() {
    var found = [];
    function add(path, key, params, severity, control) { found.push({ path: path, key: key, params: params || {}, severity: severity || "error", control: control }); }
    var idControl = document.getElementById("prilika-propose-id");
    var pubControl = document.getElementById("prilika-propose-publisher");
    if (state.kind === "publisher") {
      var pid = state.newId || "";
      if (!pid) add("@publisher", "missing", {}, "error", idControl);
      else if (!slug.test(pid)) add("@publisher", "publisher_id", { id: pid }, "error", idControl);
      else if (cfg.publishers.some(function (p) { return p.id === pid; })) add("@publisher", "@publisher_taken", { id: pid }, "error", idControl);
    } else {
      if (!state.publisher) add("@publisher", "missing", {}, "error", pubControl);
      var id = state.itemId || "";
      if (!id) add("@id", "missing", {}, "error", idControl);
      else if (!slug.test(id)) add("@id", "item_id", { id: id }, "error", idControl);
      else if (cfg.item_ids[id] && !(state.editing && state.editing === id)) add("@id", "item_id_duplicate", { id: id, other: cfg.item_ids[id] }, "error", idControl);
    }
    widgets.forEach(function (w) { w.check(add); });
    // Rules across fields: checks.item_checks.
    var published = byName("published"), until = byName("valid_until");
    if (published && until && published.get() && until.get()) {
      if (until.get() < published.get()) add("valid_until", "valid_until_before_published", {}, "error", until.control);
    }
    var today = localToday();
    if (published && published.get() && published.get() > today) add("published", "published_future", {}, "warning", published.control);
    if (until && until.get() && until.get() < today && !(published && published.get() > until.get())) add("valid_until", "expired", { date: until.get() }, "warning", until.control);
    return found;
  }
  function byName(name) { return widgets.filter(function (w) { return w.field.name === name; })[0]; }

  function message(p) {
    if (p.key === "@publisher_taken") return t("propose_publisher_taken", p.params);
    return problemMessage(p.key, p.params);
  }

  function fieldLabel(path) {
    if (path === "@id") return t(state.kind === "publisher" ? "propose_publisher_id" : "propose_item_id");
    if (path === "@publisher") return t(state.kind === "publisher" ? "propose_publisher_id" : "propose_publisher");
    return path;
  }

  function show(found) {
    formRoot.querySelectorAll(".prilika-propose__error").forEach(function (node) { node.hidden = true; node.textContent = ""; });
    formRoot.querySelectorAll("[aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
    found.forEach(function (p) {
      if (!p.control) return;
      var visible = showAll || isTouched(p.path) || (p.key !== "missing" && p.key !== "too_few");
      if (!visible) return;
      var target = p.control.prilikaError || document.getElementById(p.control.id + "-error") || errorNear(p.control);
      if (target) {
        target.hidden = false;
        target.textContent = (target.textContent ? target.textContent + " " : "") + message(p);
        target.classList.toggle("prilika-propose__error--warning", p.severity === "warning");
      }
      if (p.severity === "error") p.control.setAttribute("aria-invalid", "true");
    });
  }
  /* A problem shows once the officer has been at its field or at anything inside it. */
  function isTouched(path) {
    return Object.keys(touched).some(function (key) {
      return key === path || key.indexOf(path + ".") === 0 || key.indexOf(path + "[") === 0;
    });
  }
  function errorNear(control) {
    var group = control.closest("fieldset, .prilika-propose__row");
    return group ? group.querySelector(".prilika-propose__error") : null;
  }

  function refresh() {
    if (!widgets) return;
    var found = checkAll();
    show(found);
    var errors = found.filter(function (p) { return p.severity === "error"; });
    var warnings = found.filter(function (p) { return p.severity === "warning"; });
    var text = fileText();
    document.getElementById("prilika-propose-yaml").textContent = text;
    var folder = cfg.opportunities_dir + "/" + (publisherFolder() || "…") + "/";
    document.getElementById("prilika-propose-path").textContent = folder + fileName();
    var status = document.getElementById("prilika-propose-status");
    status.textContent = errors.length ? t("propose_fix_first", { count: errors.length }) : t("propose_problems_none");
    status.classList.toggle("prilika-propose__status--ok", !errors.length);
    var list = document.getElementById("prilika-propose-problems");
    list.textContent = "";
    found.forEach(function (p) {
      var label = p.control ? labelOf(p) : p.path;
      var link = el("a", { href: "#" + (p.control ? p.control.id : ""), class: p.severity === "warning" ? "prilika-propose__warning" : "" }, [label + ": " + message(p)]);
      link.addEventListener("click", function (event) {
        if (!p.control) return;
        event.preventDefault();
        p.control.focus();
        p.control.scrollIntoView({ block: "center" });
      });
      list.appendChild(el("li", {}, [link]));
    });
    var ready = errors.length === 0;
    ["prilika-propose-copy", "prilika-propose-download"].forEach(function (id) { document.getElementById(id).disabled = !ready; });
    updateHost(text, ready);
    saveDraft();
  }

  /* "Location – Latitude", "Title – Deutsch": the names the officer sees, outermost first. */
  function labelOf(p) {
    if (p.path.charAt(0) === "@") return fieldLabel(p.path);
    var parts = [];
    var node = p.control ? p.control.closest("[data-path]") : null;
    while (node && formRoot.contains(node)) {
      var caption = node.querySelector(":scope > legend, :scope > label");
      if (caption) parts.unshift(caption.firstChild ? caption.firstChild.textContent : caption.textContent);
      node = node.parentElement ? node.parentElement.closest("[data-path]") : null;
    }
    var lang = p.control && p.control.getAttribute("lang");
    if (lang && p.control.closest(".prilika-propose__text")) parts.push(languageName(lang));
    return parts.filter(Boolean).join(" – ") || p.path;
  }

  /* The git host's new-file page with the file filled in (propose.Repository.new_file_url). */
  function hostAddress(text, withContent) {
    var repo = cfg.repository;
    var folder = encodeURI(cfg.opportunities_dir + "/" + publisherFolder()).replace(/#/g, "%23").replace(/\?/g, "%3F");
    var name = encodeURIComponent(fileName());
    if (repo.host === "github") {
      return repo["new"] + folder + "/?filename=" + name + (withContent ? "&value=" + encodeURIComponent(text) : "");
    }
    return repo["new"] + folder + "?file_name=" + name + (withContent ? "&content=" + encodeURIComponent(text) : "");
  }

  function updateHost(text, ready) {
    var link = document.getElementById("prilika-propose-host");
    if (!link) return;
    var note = document.getElementById("prilika-propose-host-note");
    if (!ready || !publisherFolder()) {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
      link.classList.add("prilika-propose__disabled");
      return;
    }
    var full = hostAddress(text, true);
    var fits = full.length <= cfg.url_limit;
    link.href = fits ? full : hostAddress(text, false);
    link.dataset.fits = fits ? "true" : "false";
    link.removeAttribute("aria-disabled");
    link.classList.remove("prilika-propose__disabled");
    note.hidden = fits;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = el("textarea", { class: "prilika-propose__offscreen", readonly: true });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error("copy"));
    });
  }

  function say(text) {
    var node = document.getElementById("prilika-propose-said");
    node.textContent = "";
    setTimeout(function () { node.textContent = text; }, 50);
  }

  function changed() {
    clearTimeout(TIMER);
    TIMER = setTimeout(refresh, 120);
  }

  /* -- building the form for a kind -------------------------------------------------------------- */

  function build() {
    var desc = cfg.kinds[state.kind];
    var box = document.getElementById("prilika-propose-fields");
    box.textContent = "";
    widgets = desc.fields.map(function (field) { return make(field); });
    widgets.forEach(function (w) { if (w.node) box.appendChild(w.node); });
    var pictures = box.querySelector('[data-path="images"]');
    if (pictures) pictures.insertBefore(el("p", { class: "prilika-note", text: t("propose_pictures") }), pictures.children[1]);
    startMaps();
    if (reference) widgets.forEach(function (w) { if (w.redraw) w.redraw(); });
  }

  function startMaps() {
    widgets.forEach(function (w) {
      if (!w.startMap) return;
      var view = mapView();
      w.startMap(view[0], view[1]);
    });
  }
  function mapView() {
    var publisher = cfg.publishers.filter(function (p) { return p.id === state.publisher; })[0];
    if (publisher && state.kind !== "publisher") return [[publisher.lat, publisher.lon], 11];
    if (!cfg.publishers.length) return [[44, 20], 5];
    var lat = 0, lon = 0;
    cfg.publishers.forEach(function (p) { lat += p.lat; lon += p.lon; });
    return [[lat / cfg.publishers.length, lon / cfg.publishers.length], 6];
  }

  function slugify(text) {
    return fold(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+[^-]*$/, function (m) { return text.length > 60 ? "" : m; });
  }
  function suggestId() {
    if (state.kind === "publisher" || state.idEdited) return;
    var title = byName("title");
    var v = title && title.get();
    if (!v) return;
    var text = v[cfg.default_language] || v[Object.keys(v)[0]];
    var suggestion = (state.publisher ? state.publisher + "-" : "") + slugify(text);
    suggestion = suggestion.replace(/^-+|-+$/g, "");
    var id = suggestion, n = 2;
    while (cfg.item_ids[id]) id = suggestion + "-" + n++;
    state.itemId = id;
    document.getElementById("prilika-propose-id").value = id;
  }

  function kindChanged() {
    var values = collect();
    build();
    restore(values);
    var idLabel = document.getElementById("prilika-propose-id-label");
    idLabel.textContent = t(state.kind === "publisher" ? "propose_publisher_id" : "propose_item_id");
    document.getElementById("prilika-propose-id-hint").textContent = t(state.kind === "publisher" ? "propose_publisher_id_hint" : "propose_item_id_hint");
    document.getElementById("prilika-propose-id").value = state.kind === "publisher" ? state.newId || "" : state.itemId || "";
    document.getElementById("prilika-propose-kinds").hidden = state.kind === "publisher";
    document.getElementById("prilika-propose-new-note").hidden = state.kind !== "publisher";
    refresh();
  }

  /* Values that survive switching kinds: fields of the same name and widget. */
  function collect() {
    var out = {};
    (widgets || []).forEach(function (w) { if (!w.constant) { var v = w.get(); if (v !== undefined) out[w.field.name] = { widget: w.field.widget, value: v }; } });
    return out;
  }
  function restore(values) {
    widgets.forEach(function (w) {
      var found = values[w.field.name];
      if (found && found.widget === w.field.widget) w.set(found.value);
    });
  }

  /* Fill the form from a file's data (api/catalogue.json, or a saved draft): the languages its
     texts are in become the languages written, its Serbian script the one typed. */
  function setData(data) {
    var found = [];
    (function collect(value, field) {
      if (!value || typeof value !== "object") return;
      if (field && field.widget === "text") { Object.keys(value).forEach(function (k) { found.push(k); }); return; }
      var fields = field ? (field.children || (field.item ? [field.item] : [])) : cfg.kinds[state.kind].fields;
      if (Array.isArray(value)) { value.forEach(function (v) { collect(v, field && field.item ? field.item : field); }); return; }
      fields.forEach(function (f) { collect(value[f.name], f); });
    })(data, null);
    var configured = cfg.languages.map(function (l) { return l.code; });
    found = found.filter(function (l, i) { return found.indexOf(l) === i && configured.indexOf(l) >= 0; });
    var serbian = found.filter(function (l) { return cfg.serbian[l]; });
    if (serbian.length) state.serbian = serbian.indexOf(state.serbian) >= 0 ? state.serbian : serbian[0];
    state.bothScripts = serbian.length > 1;
    if (found.length) state.languages = found.map(function (l) { return cfg.serbian[l] ? state.serbian : l; })
      .filter(function (l, i, all) { return all.indexOf(l) === i; });
    syncLanguageControls();
    widgets.forEach(function (w) { if (w.rerender) w.rerender(); });
    widgets.forEach(function (w) { if (!w.constant) w.set(data[w.field.name]); });
  }

  function syncLanguageControls() {
    document.querySelectorAll('#prilika-propose-languages input[type="checkbox"]').forEach(function (box) {
      box.checked = state.languages.indexOf(box.value) >= 0 || (cfg.serbian[box.value] && state.languages.some(function (l) { return cfg.serbian[l]; }));
    });
    document.querySelectorAll('#prilika-propose-serbian input[type="radio"]').forEach(function (r) { r.checked = r.value === state.serbian; });
    var serbianBox = document.getElementById("prilika-propose-serbian");
    if (serbianBox) serbianBox.hidden = !state.languages.some(function (l) { return cfg.serbian[l]; });
  }

  function languagesChanged() {
    (widgets || []).forEach(function (w) { if (w.rerender) w.rerender(); });
    eachWidget(function (w) { if (w.rerender && widgets.indexOf(w) < 0) w.rerender(); });
    syncLanguageControls();
    changed();
  }
  function eachWidget(visit) {
    function walk(w) {
      visit(w);
      (w.kids || []).forEach(walk);
      if (w.entries) w.entries().forEach(function (e) { walk(e.widget); });
    }
    (widgets || []).forEach(walk);
  }

  /* -- the draft: kept in this browser only, so a closed tab loses nothing ---------------------- */

  var DRAFT = "prilika-propose-draft";
  function saveDraft() {
    if (!widgets || state.loading) return;
    try {
      var data = {};
      widgets.forEach(function (w) { if (!w.constant) { var v = w.get(); if (v !== undefined) data[w.field.name] = v; } });
      localStorage.setItem(DRAFT, JSON.stringify({ kind: state.kind, publisher: state.publisher, itemId: state.itemId, newId: state.newId,
        languages: state.languages, serbian: state.serbian, data: data, editing: state.editing || null }));
    } catch (e) { /* private mode: nothing is kept */ }
  }

  /* -- start ------------------------------------------------------------------------------------ */

  function setup() {
    var params = new URLSearchParams(location.search);
    var publisherSelect = document.getElementById("prilika-propose-publisher");
    cfg.publishers.forEach(function (p) { publisherSelect.appendChild(el("option", { value: p.id, text: p.name })); });
    publisherSelect.appendChild(el("option", { value: "@new", text: t("propose_publisher_new") }));
    publisherSelect.addEventListener("change", function () {
      var value = publisherSelect.value;
      touched["@publisher"] = true;
      if (value === "@new") {
        state.previousKind = state.kind !== "publisher" ? state.kind : state.previousKind;
        state.kind = "publisher";
        state.publisher = "";
      } else {
        state.publisher = value;
        if (state.kind === "publisher") state.kind = state.previousKind || cfg.item_kinds[0];
        syncKind();
      }
      kindChanged();
      widgets.forEach(function (w) { if (w.centre) { var v = mapView(); w.centre(v[0], v[1]); } });
      suggestId();
      refresh();
    });

    var kinds = document.getElementById("prilika-propose-kinds");
    cfg.item_kinds.forEach(function (kind, i) {
      var id = "prilika-propose-kind-" + kind;
      var radio = el("input", { type: "radio", name: "prilika-propose-kind", value: kind, id: id });
      radio.checked = i === 0;
      radio.addEventListener("change", function () { if (radio.checked) { state.kind = kind; kindChanged(); } });
      kinds.appendChild(el("label", { class: "prilika-propose__check", for: id }, [radio, " " + t("kind_" + kind)]));
    });

    var idInput = document.getElementById("prilika-propose-id");
    idInput.addEventListener("input", function () {
      touched["@id"] = touched["@publisher"] = true;
      if (state.kind === "publisher") state.newId = idInput.value.trim();
      else { state.itemId = idInput.value.trim(); state.idEdited = !!state.itemId; }
      changed();
    });

    var langBox = document.getElementById("prilika-propose-languages");
    var listed = [];
    cfg.languages.forEach(function (l) {
      if (cfg.serbian[l.code] && listed.some(function (x) { return cfg.serbian[x]; })) return;
      listed.push(l.code);
      var id = "prilika-propose-lang-" + l.code;
      var box = el("input", { type: "checkbox", value: l.code, id: id });
      // Serbian is one choice, named in both scripts; the script is chosen below.
      var name = cfg.serbian[l.code] ? serbianName() : l.name;
      box.addEventListener("change", function () {
        var code = cfg.serbian[l.code] ? state.serbian : l.code;
        state.languages = state.languages.filter(function (x) { return x !== code && !(cfg.serbian[code] && cfg.serbian[x]); });
        if (box.checked) state.languages.push(code);
        languagesChanged();
      });
      langBox.appendChild(el("label", { class: "prilika-propose__check", for: id, lang: cfg.serbian[l.code] ? null : l.code }, [box, " " + name]));
    });
    var scriptBox = document.getElementById("prilika-propose-serbian");
    if (scriptBox) {
      scriptBox.querySelectorAll('input[type="radio"]').forEach(function (r) {
        r.addEventListener("change", function () {
          if (!r.checked) return;
          var from = state.serbian;
          state.serbian = r.value;
          state.languages = state.languages.map(function (l) { return l === from ? r.value : l; });
          convertSerbian(from, r.value);
          languagesChanged();
        });
      });
    }

    document.getElementById("prilika-propose-copy").addEventListener("click", function () {
      copyText(fileText()).then(function () { say(t("propose_copied")); }, function () { say(t("propose_clipboard_failed")); });
    });
    document.getElementById("prilika-propose-download").addEventListener("click", function () {
      var blob = new Blob([fileText()], { type: "application/x-yaml;charset=utf-8" });
      var link = el("a", { href: URL.createObjectURL(blob), download: fileName() });
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    });
    var host = document.getElementById("prilika-propose-host");
    if (host) {
      host.addEventListener("click", function (event) {
        if (!host.getAttribute("href")) { event.preventDefault(); showAll = true; refresh(); return; }
        if (host.dataset.fits === "false") copyText(fileText()).then(function () { say(t("propose_copied")); }, function () { say(t("propose_clipboard_failed")); });
      });
    }
    document.getElementById("prilika-propose-check").addEventListener("click", function () {
      showAll = true;
      refresh();
      var first = checkAll().filter(function (p) { return p.severity === "error" && p.control; })[0];
      if (first) first.control.focus();
    });
    document.getElementById("prilika-propose-reset").addEventListener("click", function () {
      try { localStorage.removeItem(DRAFT); } catch (e) { /* nothing kept */ }
      location.href = location.pathname;
    });

    formRoot.addEventListener("input", function (event) {
      if (event.target.name) touched[event.target.name] = true;
      if (event.target.name && /^title\./.test(event.target.name)) suggestId();
      changed();
    });
    formRoot.addEventListener("change", function (event) {
      if (event.target.name) touched[event.target.name] = true;
      changed();
    });
    formRoot.addEventListener("focusout", function (event) {
      if (event.target.name && !touched[event.target.name]) { touched[event.target.name] = true; changed(); }
    });

    // The reader's language and the default one to write in; Serbian in the reader's script.
    state.serbian = cfg.serbian[cfg.language] ? cfg.language : Object.keys(cfg.serbian).filter(function (s) { return cfg.typed_languages.indexOf(s) >= 0; })[0] || "sr-Latn";
    var mine = cfg.serbian[cfg.language] ? state.serbian : cfg.language;
    state.languages = [mine, cfg.default_language].filter(function (l, i, all) { return all.indexOf(l) === i; });

    var draft = null;
    try { draft = JSON.parse(localStorage.getItem(DRAFT) || "null"); } catch (e) { draft = null; }
    var wanted = params.get("publisher"), wantedKind = params.get("kind"), editing = params.get("edit");
    if (editing) draft = null;
    if (draft && !wanted && !wantedKind && cfg.kinds[draft.kind]) {
      state.kind = draft.kind;
      state.publisher = draft.publisher || "";
      state.itemId = draft.itemId || "";
      state.newId = draft.newId || "";
      state.idEdited = !!draft.itemId;
      state.languages = draft.languages || state.languages;
      state.serbian = draft.serbian || state.serbian;
      state.editing = draft.editing;
      document.getElementById("prilika-propose-restored").hidden = false;
    }
    if (wanted && cfg.publishers.some(function (p) { return p.id === wanted; })) state.publisher = wanted;
    if (wanted === "new") state.kind = "publisher";
    if (wantedKind && cfg.kinds[wantedKind]) state.kind = wantedKind;
    publisherSelect.value = state.kind === "publisher" ? "@new" : state.publisher;
    syncKind();
    syncLanguageControls();
    state.loading = true;
    kindChanged();
    if (draft && draft.data && !wanted && !wantedKind) setData(draft.data);
    if (editing) startEditing(editing);
    state.loading = false;
    loadReference();
    loadJSON(site.getAttribute("data-borders")).then(function (topology) { outlines = readTopology(topology); refresh(); });
    refresh();
    site.setAttribute("data-ready", "true");
  }

  function serbianName() {
    return cfg.languages.filter(function (l) { return cfg.serbian[l.code]; })
      .map(function (l) { var n = l.name.split(" (")[0]; return n.charAt(0).toUpperCase() + n.slice(1); })
      .filter(function (n, i, all) { return all.indexOf(n) === i; }).join(" / ");
  }

  function syncKind() {
    document.querySelectorAll('input[name="prilika-propose-kind"]').forEach(function (r) { r.checked = r.value === state.kind; });
  }

  function convertSerbian(from, to) {
    eachWidget(function (w) {
      if (w.field && w.field.widget === "text") {
        var v = w.get();
        if (v && v[from] !== undefined && v[to] === undefined) {
          var copy = {};
          Object.keys(v).forEach(function (k) { copy[k === from ? to : k] = k === from ? transliterate(v[k], to) : v[k]; });
          w.set(copy);
        }
      }
    });
  }

  /* "Edit with the form": the file of an item or a publisher, from the catalogue's export. */
  function startEditing(id) {
    state.loading = true;
    loadJSON(site.getAttribute("data-catalogue")).then(function (doc) {
      var item = doc.items.filter(function (i) { return i.id === id; })[0];
      var publisher = doc.publishers.filter(function (p) { return p.id === id.replace(/^publisher:/, ""); })[0];
      var data = {};
      if (item) {
        state.kind = item.kind;
        state.publisher = item.publisher;
        state.itemId = item.id;
        state.idEdited = true;
        state.editing = item.id;
        Object.keys(item).forEach(function (k) { if (["id", "publisher", "url", "kind"].indexOf(k) < 0) data[k] = item[k]; });
        if (data.images) data.images = data.images.map(function (img) { var c = Object.assign({}, img); delete c.url; return c; });
      } else if (publisher && /^publisher:/.test(id)) {
        state.kind = "publisher";
        state.newId = publisher.id;
        state.editing = "publisher:" + publisher.id;
        Object.keys(publisher).forEach(function (k) { if (["id", "url"].indexOf(k) < 0) data[k] = publisher[k]; });
      } else { state.loading = false; return; }
      document.getElementById("prilika-propose-publisher").value = state.kind === "publisher" ? "@new" : state.publisher;
      syncKind();
      kindChanged();
      setData(data);
      document.getElementById("prilika-propose-id").value = state.kind === "publisher" ? state.newId : state.itemId;
      document.getElementById("prilika-propose-editing").hidden = false;
      state.loading = false;
      refresh();
    }, function () { state.loading = false; });
  }

  function init() {
    site = document.querySelector(".prilika-propose[data-reference]");
    if (!site || site.getAttribute("data-started")) return;
    site.setAttribute("data-started", "true");
    var data = document.getElementById("prilika-propose-data");
    cfg = JSON.parse(data.textContent);
    labels = cfg.labels;
    problemsText = cfg.problems;
    foldTable = cfg.fold;
    forbidden = new RegExp(cfg.forbidden, "gu");
    slug = new RegExp(cfg.slug);
    countryNames = {};
    cfg.countries.forEach(function (c) { countryNames[c.code] = c.name; });
    base = (window.prilika && window.prilika.base ? window.prilika.base : ".").replace(/\/$/, "") + "/";
    formRoot = site.querySelector("form");
    formRoot.hidden = false;
    formRoot.addEventListener("submit", function (event) { event.preventDefault(); });
    state = { kind: cfg.item_kinds[0], publisher: "", itemId: "", newId: "", languages: [], serbian: "sr-Latn" };
    setup();
    /* For tests and for the curious: the form's own reading of what it holds. */
    window.prilikaPropose = { file: fileText, problems: function () { return checkAll().map(function (p) { return { path: p.path, key: p.key, severity: p.severity, message: message(p) }; }); },
      address: function (withContent) { return hostAddress(fileText(), withContent !== false); }, fold: fold, transliterate: transliterate,
      locationProblem: function (country, lat, lon) { return locationProblem(country, lat, lon); },
      numberProblem: function (raw, amount) { var p = parseNumber(raw, { widget: amount ? "amount" : "number" }, false); return p.problem ? p.problem[0] : null; },
      refresh: refresh, ready: function () { return !!outlines && !!reference; } };
  }

  window.prilikaInit = window.prilikaInit || [];
  window.prilikaInit.push(init);
})();
