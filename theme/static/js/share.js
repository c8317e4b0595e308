/* Warta share bar: "Salin tautan" copies the story's address.
   Progressive enhancement: without JavaScript (or without the Clipboard API)
   the link simply leads to the story. No third-party code. */
(function () {
  "use strict";
  if (!window.isSecureContext || !navigator.clipboard) {
    return;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-warta-copy]") : null;
    if (!link) {
      return;
    }
    event.preventDefault();
    var bar = link.closest(".warta-share");
    var status = bar ? bar.querySelector(".warta-share__status") : null;
    var say = function (text) {
      if (status) {
        status.textContent = text;
      }
    };
    navigator.clipboard.writeText(link.href).then(
      function () { say("Tautan disalin."); },
      function () { say("Tautan tidak dapat disalin. Salin dari bilah alamat."); }
    );
  });
})();
