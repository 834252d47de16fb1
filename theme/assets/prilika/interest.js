/* Prilika: expressing interest. The form on an item page (and on the shortlist, for all its
   items at once) writes an e-mail and hands it to the reader's own e-mail program as a mailto:
   address; nothing goes through a server. The e-mail goes to each item's contact (once per
   address), with the catalogue's interest_cc in copy, "[<item id>]" in the subject for every
   item (staff filter their mailbox by it), and a body in the page's language that links the
   items and carries the reader's answers.

   Encoding follows RFC 6068 as generator/site/acting.py mailto() does: every value through
   encodeURIComponent (a space is %20, never +), each address encoded around its @, line
   breaks as CRLF (%0D%0A).

   An item page carries its own data (script.prilika-interest-data: id, title, address,
   contact, copy); the shortlist reads the same data from the pages of the items it shows. */
(function () {
  "use strict";

  function fill(template, params) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? params[name] : all;
    });
  }

  function address(value) {
    return value.split("@").map(encodeURIComponent).join("@");
  }

  /* {href, to, cc}: addresses that repeat (in any letter case) are given once, a copy already
     in `to` not at all. */
  function mailto(to, cc, subject, body) {
    var seen = new Set();
    function keep(values) {
      return values.filter(function (value) {
        var key = String(value || "").toLowerCase();
        if (!key || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    var toList = keep(to);
    var ccList = keep(cc);
    var fields = [];
    if (ccList.length) fields.push("cc=" + ccList.map(address).join(","));
    fields.push("subject=" + encodeURIComponent(subject));
    if (body) fields.push("body=" + encodeURIComponent(body));
    return { href: "mailto:" + toList.map(address).join(",") + "?" + fields.join("&"), to: toList, cc: ccList };
  }

  function readData(root) {
    var node = root.querySelector("script.prilika-interest-data");
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function here() {
    return location.origin + location.pathname;
  }

  /* What the e-mail is about, as [{id, title, url, to, cc}]: the item page's own data, or the data
     of every item the shortlist shows, read from their pages (fetched once each). */
  var fetched = new Map();
  function itemsOf(section) {
    if (section.getAttribute("data-many") !== "true") {
      var data = readData(section);
      if (!data) return Promise.resolve([]);
      return Promise.resolve(data.items.map(function (item) {
        return { id: item.id, title: item.title, url: item.url || here(), to: data.to, cc: data.cc };
      }));
    }
    var columns = document.querySelectorAll(".prilika-shortlist__items [data-item-id]");
    var wanted = Array.prototype.map.call(columns, function (column) {
      var link = column.querySelector("a[href]");
      return { id: column.getAttribute("data-item-id"), href: link ? link.href : "" };
    }).filter(function (entry) { return entry.href; });
    return Promise.all(wanted.map(function (entry) {
      if (!fetched.has(entry.href)) {
        fetched.set(entry.href, fetch(entry.href)
          .then(function (response) { return response.ok ? response.text() : ""; })
          .then(function (text) {
            return readData(new DOMParser().parseFromString(text, "text/html")) || null;
          })
          .catch(function () { return null; }));
      }
      return fetched.get(entry.href).then(function (data) {
        if (!data || !data.items || !data.items.length) return null;
        var item = data.items[0];
        return { id: entry.id, title: item.title, url: item.url || entry.href, to: data.to, cc: data.cc };
      });
    })).then(function (items) { return items.filter(Boolean); });
  }

  function answer(form, name) {
    var field = form.elements[name];
    return field ? field.value.trim() : "";
  }

  /* The e-mail's body, in the page's language, CRLF line breaks. Questions left blank are left out. */
  function bodyOf(form, items) {
    var d = form.dataset;
    var lines = [d.greeting, "", items.length > 1 ? d.aboutMany : d.about];
    items.forEach(function (item, index) {
      if (index) lines.push("");
      lines.push("[" + item.id + "] " + item.title, item.url);
    });
    lines.push("");
    ["name", "organisation", "country"].forEach(function (name) {
      var value = answer(form, name);
      if (value) lines.push(form.elements[name].getAttribute("data-label") + ": " + value);
    });
    var kinds = Array.prototype.filter.call(form.querySelectorAll("input[name=interest]"), function (box) {
      return box.checked;
    }).map(function (box) { return box.getAttribute("data-label"); });
    if (kinds.length) {
      lines.push(form.querySelector(".prilika-interest__kinds").getAttribute("data-label") + ": " + kinds.join(", "));
    }
    var message = answer(form, "message");
    if (message) {
      lines.push("", form.elements.message.getAttribute("data-label") + ":");
      lines = lines.concat(message.split(/\r\n|\r|\n/));
    }
    lines.push("", d.closing);
    if (answer(form, "name")) lines.push(answer(form, "name"));
    return lines.join("\r\n");
  }

  function subjectOf(form, items) {
    var tags = items.map(function (item) { return "[" + item.id + "]"; }).join(" ");
    if (items.length === 1) return tags + " " + fill(form.dataset.subject, { title: items[0].title });
    return tags + " " + fill(form.dataset.subjectMany, { count: items.length });
  }

  /* The e-mail for the form as it is now: {href, to, cc, subject, body}, or null without items. */
  function compose(section, form) {
    return itemsOf(section).then(function (items) {
      if (!items.length) return null;
      var to = [], cc = [];
      items.forEach(function (item) {
        to = to.concat(item.to || []);
        cc = cc.concat(item.cc || []);
      });
      var subject = subjectOf(form, items);
      var body = bodyOf(form, items);
      var mail = mailto(to, cc, subject, body);
      mail.subject = subject;
      mail.body = body;
      return mail;
    });
  }

  function setUp(section) {
    if (section.getAttribute("data-ready")) return;
    var form = section.querySelector("form.prilika-interest__form");
    if (!form) return;
    var plain = section.querySelector(".prilika-interest__plain");
    if (plain) plain.hidden = true;
    form.hidden = false;
    var sent = form.querySelector(".prilika-interest__sent");
    var link = form.querySelector("a.prilika-interest__link");
    var copied = form.querySelector(".prilika-interest__copied");
    var last = null;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      compose(section, form).then(function (mail) {
        if (!mail) return;
        last = mail;
        link.href = mail.href;
        var to = mail.to.join(", ");
        if (mail.cc.length) to += " (" + fill(form.dataset.copyNote, { cc: mail.cc.join(", ") }) + ")";
        form.querySelector(".prilika-interest__note").textContent = fill(form.dataset.note, {
          to: to,
          subject: mail.subject
        });
        sent.hidden = false;
        copied.hidden = true;
        section.setAttribute("data-mailto", mail.href);
        window.location.href = mail.href;
      });
    });
    form.querySelector(".prilika-interest__copy").addEventListener("click", function () {
      if (!last || !window.prilikaCopy) return;
      window.prilikaCopy(last.body).then(function (done) { copied.hidden = !done; });
    });
    /* The shortlist's form is there while the list shows items. */
    if (section.getAttribute("data-many") === "true") {
      var holder = document.querySelector(".prilika-shortlist__items");
      var watch = function () {
        section.hidden = !holder || !holder.querySelector("[data-item-id]");
        sent.hidden = true;
      };
      if (holder) new MutationObserver(watch).observe(holder, { childList: true });
      watch();
    }
    section.setAttribute("data-ready", "true");
  }

  function init() {
    document.querySelectorAll("section.prilika-interest").forEach(setUp);
  }

  window.prilikaInit = window.prilikaInit || [];
  window.prilikaInit.push(init);
})();
