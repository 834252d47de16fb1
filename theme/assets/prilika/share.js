/* Prilika: sharing an item page. A copy-link button, the phone's own share sheet where the
   browser has one (navigator.share), and plain links to each service's share address. The links
   are ordinary <a>s: the page loads nothing from those services, so nobody is tracked by reading.
   When the site knows its address the links are written by the build (they work without this
   script); otherwise they are made here from the page's own address. */
(function () {
  "use strict";

  /* The same addresses as generator/site/acting.py share_links(). */
  function shareLinks(url, title) {
    var page = encodeURIComponent(url), name = encodeURIComponent(title);
    var text = encodeURIComponent(title + " " + url);
    return {
      email: "mailto:?subject=" + name + "&body=" + page,
      whatsapp: "https://wa.me/?text=" + text,
      viber: "viber://forward?text=" + text,
      linkedin: "https://www.linkedin.com/sharing/share-offsite/?url=" + page,
      telegram: "https://t.me/share/url?url=" + page + "&text=" + name
    };
  }

  /* A textarea selected and copied: for browsers without the asynchronous clipboard, or
     pages that may not use it. */
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.body.removeChild(area);
    return copied;
  }

  /* Copy `text` to the clipboard; resolves to whether it worked. Used by interest.js too. */
  window.prilikaCopy = function (text) {
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyBySelection(text); }
      );
    }
    return Promise.resolve(copyBySelection(text));
  };

  function init() {
    var box = document.querySelector(".prilika-share-box");
    if (!box || box.getAttribute("data-ready")) return;
    var url = box.getAttribute("data-url") || location.origin + location.pathname;
    var title = box.getAttribute("data-title") || document.title;
    var links = shareLinks(url, title);
    box.hidden = false;
    document.querySelectorAll('a[href="#share"][hidden]').forEach(function (jump) { jump.hidden = false; });
    box.querySelectorAll("a.prilika-share-link[data-service]").forEach(function (link) {
      var href = links[link.getAttribute("data-service")];
      if (!href) return;
      link.href = href;
      link.hidden = false;
    });
    var status = box.querySelector(".prilika-share-box__status");
    var fallback = box.querySelector(".prilika-share-box__fallback");
    var copy = box.querySelector(".prilika-share-copy");
    copy.hidden = false;
    copy.addEventListener("click", function () {
      window.prilikaCopy(url).then(function (copied) {
        if (copied) {
          status.textContent = copy.getAttribute("data-done") || "";
          status.hidden = false;
          clearTimeout(status.timer);
          status.timer = setTimeout(function () { status.hidden = true; }, 4000);
        } else {
          /* Nothing could copy: the address, selected, for the reader to copy themselves. */
          var field = fallback.querySelector("input");
          field.value = url;
          fallback.hidden = false;
          field.focus();
          field.select();
        }
      });
    });
    var native = box.querySelector(".prilika-share-native");
    if (typeof navigator.share === "function") {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () { /* the reader closed the sheet */ });
      });
    }
    box.setAttribute("data-ready", "true");
  }

  window.prilikaInit = window.prilikaInit || [];
  window.prilikaInit.push(init);
})();
