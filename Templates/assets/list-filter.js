// Filters the home page's report list by text (place or title) and level, from disk or a host,
// with no network. The form is hidden until this script shows it: without JavaScript the
// whole list stays readable. Rows carry data-text and data-level; a year with no row left is hidden.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-filter-list]");
  Array.prototype.forEach.call(forms, function (form) {
    var list = document.getElementById(form.getAttribute("data-filter-list"));
    if (!list) return;
    var text = form.querySelector("input[name=text]");
    var level = form.querySelector("select[name=level]");
    var output = form.querySelector("output");
    var rows = list.querySelectorAll("li[data-level]");
    var groups = list.querySelectorAll("section");
    function apply() {
      var needle = (text.value || "").trim().toLowerCase();
      var wanted = level.value;
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var match = (!wanted || row.getAttribute("data-level") === wanted) &&
          (!needle || row.getAttribute("data-text").toLowerCase().indexOf(needle) !== -1);
        row.hidden = !match;
        if (match) shown += 1;
      });
      Array.prototype.forEach.call(groups, function (group) {
        group.hidden = !group.querySelector("li[data-level]:not([hidden])");
      });
      output.textContent = needle || wanted ? "显示 " + shown + " / " + rows.length + " 份" : "";
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
  });
})();
