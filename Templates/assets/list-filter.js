// Filters the home page's report list by text (words of the place, title or level) and level, from disk or a host,
// with no network. The form is hidden until this script shows it: without JavaScript the
// whole list stays readable. Rows carry data-text and data-level; a year with no row left is hidden,
// with its link in the year navigation, and each year's count (its heading's and its link's
// <small>) counts the rows shown.
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
    var nav = document.querySelector("nav.year-nav");
    function apply() {
      var needle = (text.value || "").trim().toLowerCase();
      // Words separated by spaces each have to match (呼和浩特 2022, 省级 2025), anywhere.
      var words = needle.split(/\s+/).filter(function (w) { return w; });
      var wanted = level.value;
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var haystack = row.getAttribute("data-text").toLowerCase();
        var match = (!wanted || row.getAttribute("data-level") === wanted) &&
          words.every(function (w) { return haystack.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      Array.prototype.forEach.call(groups, function (group) {
        var count = group.querySelectorAll("li[data-level]:not([hidden])").length;
        group.hidden = count === 0;
        var heading = group.querySelector("h3 small");
        if (heading) heading.textContent = count + " 份";
        var link = nav && group.id ? nav.querySelector('a[href="#' + group.id + '"]') : null;
        if (link) {
          link.hidden = count === 0;
          var small = link.querySelector("small");
          if (small) small.textContent = String(count);
        }
      });
      output.textContent = !(needle || wanted) ? "" :
        shown ? "显示 " + shown + " / " + rows.length + " 份" : "没有符合条件的报告（共 " + rows.length + " 份）";
    }
    form.addEventListener("input", apply);
    // A <select> fires only `change` in some browsers (and under WebDriver's Select).
    form.addEventListener("change", apply);
    // A page restored by Back (from the browser's cache, or from disk with the form refilled)
    // shows the list as its form says.
    window.addEventListener("pageshow", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  });
})();
