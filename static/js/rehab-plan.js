// The rehab plan's code look-up (progressive enhancement: the plan works without this file).
// A chosen code goes into the first empty code field of its section, with its title, and the field takes
// the focus; typing in the look-up is not an edit of the plan, so it does not set off the autosave.
(function () {
  "use strict";

  function label(input) {
    return input.labels && input.labels[0] ? input.labels[0].textContent.trim() : input.name;
  }

  function pick(button) {
    var box = button.closest("[data-code-targets]");
    if (!box) return;
    var status = box.querySelector("[data-code-status]");
    var prefixes = box.dataset.codeTargets.split(" ");
    for (var i = 0; i < prefixes.length; i++) {
      var code = document.getElementById("id_" + prefixes[i] + "_code");
      var text = document.getElementById("id_" + prefixes[i] + "_text");
      if (!code || code.value.trim() !== "") continue;
      var fold = code.closest("details");
      if (fold) fold.open = true;
      code.value = button.dataset.codePick;
      if (text && text.value.trim() === "") text.value = button.dataset.codeTitle;
      code.dispatchEvent(new Event("input", { bubbles: true })); // the autosave and the summary follow
      code.dispatchEvent(new Event("change", { bubbles: true }));
      code.focus();
      if (status) status.textContent = button.dataset.codePick + " er sat ind i »" + label(code) + "«.";
      return;
    }
    if (status) status.textContent = "Alle kodefelter i afsnittet er udfyldt. Ryd et felt for at sætte en ny kode ind.";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-code-lookup]").forEach(function (input) {
      ["input", "change"].forEach(function (type) {
        input.addEventListener(type, function (event) { event.stopPropagation(); });
      });
    });
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-code-pick]");
      if (button) pick(button);
    });
  });
})();
