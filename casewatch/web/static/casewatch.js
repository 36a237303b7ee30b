// casewatch: small enhancements only. Every page works without this file.
(function () {
  "use strict";

  // Report view: clicking a highlighted fact shows its claim (and review form) next to the text.
  function showClaim(link) {
    var id = link.getAttribute("data-claim");
    var source = document.getElementById("claim-" + id);
    if (!source) { return false; }
    var old = document.querySelector(".popover");
    if (old) { old.remove(); }
    var box = document.createElement("div");
    box.className = "popover";
    box.setAttribute("role", "dialog");
    var copy = source.cloneNode(true);
    copy.removeAttribute("id");
    box.appendChild(copy);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", function () { box.remove(); link.focus(); });
    box.appendChild(close);
    var rect = link.getBoundingClientRect();
    box.style.top = (window.scrollY + rect.bottom + 6) + "px";
    box.style.left = Math.max(8, Math.min(window.scrollX + rect.left, window.innerWidth - 360)) + "px";
    document.body.appendChild(box);
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.fact") : null;
    if (link && showClaim(link)) { event.preventDefault(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      var box = document.querySelector(".popover");
      if (box) { box.remove(); }
    }
  });
})();
