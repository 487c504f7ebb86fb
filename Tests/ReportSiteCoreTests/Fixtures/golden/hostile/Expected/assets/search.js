/* ReportSite search, 3 of 3: the search page (search/index.html): the form and its filters,
 * the results with snippets and highlights, the arrow keys, and the query in the address
 * (?q=…&report=…&topic=…) so that results can be linked.
 *
 * Needs search-tokenizer.js and search-engine.js; the page passes the relative path to the
 * site root in data-root and the index's meta.js in data-meta.
 */
(function () {
  "use strict";

  var api = window.ReportSiteSearch;
  var tokenize = api.tokenizeWithOffsets;
  var load = api.load;

  var PAGE_SIZE = 20;
  var SNIPPET_LENGTH = 120;
  var SNIPPET_LEAD_IN = 30;
  var root = "";

  /** Character ranges (UTF-16) in `text` to highlight, merged: `positionsByTerm` gives, per
   *  term, the positions to mark (from the index, so the browser's tokens must agree). */
  function highlightRanges(text, positionsByTerm) {
    var ranges = [];
    tokenize(text, "index").forEach(function (t) {
      var positions = positionsByTerm[t.term];
      if (positions && positions.indexOf(t.position) >= 0) ranges.push([t.start, t.end]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  /** Appends `text` to `parent` with the ranges in <mark>, cut to a window around the first
   *  range when the text is long. */
  function appendSnippet(parent, text, ranges) {
    var start = 0;
    var end = text.length;
    if (text.length > SNIPPET_LENGTH) {
      var first = ranges.length ? ranges[0][0] : 0;
      start = Math.max(0, Math.min(first - SNIPPET_LEAD_IN, text.length - SNIPPET_LENGTH));
      // Start at a clause if one begins in the lead-in (after `，`, `。`, `；`, …).
      var clause = text.slice(start, first).search(/[，。；：、！？,;:!?]/);
      if (start > 0 && clause >= 0) start += clause + 1;
      end = Math.min(text.length, start + SNIPPET_LENGTH);
      if (start > 0 && /[\uDC00-\uDFFF]/.test(text.charAt(start))) start--;
      if (end < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(end))) end++;
    }
    if (start > 0) parent.appendChild(document.createTextNode("…"));
    var cursor = start;
    ranges.forEach(function (r) {
      if (r[1] <= start || r[0] >= end) return;
      var a = Math.max(r[0], start);
      var b = Math.min(r[1], end);
      if (a > cursor) parent.appendChild(document.createTextNode(text.slice(cursor, a)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(a, b);
      parent.appendChild(mark);
      cursor = b;
    });
    if (cursor < end) parent.appendChild(document.createTextNode(text.slice(cursor, end)));
    if (end < text.length) parent.appendChild(document.createTextNode("…"));
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function Page(container, meta) {
    this.container = container;
    this.engine = new api.Engine(meta, root);
    this.meta = meta;
    this.form = document.getElementById("search-form");
    this.input = document.getElementById("search-input");
    this.report = document.getElementById("search-report");
    this.topic = document.getElementById("search-topic");
    this.status = document.getElementById("search-status");
    this.list = document.getElementById("search-results");
    this.more = document.getElementById("search-more");
    this.current = null;
    this.shown = 0;
    this.serial = 0;
    this.timer = 0;
    this.labels = { report: optionLabels(this.report), topic: optionLabels(this.topic) };
  }

  function optionLabels(select) {
    var labels = {};
    Array.prototype.forEach.call(select.options, function (o) { labels[o.value] = o.textContent; });
    return labels;
  }

  Page.prototype.start = function () {
    var self = this;
    var params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    setSelect(this.report, params.get("report"));
    setSelect(this.topic, params.get("topic"));
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.run(true);
    });
    this.input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.run(false); }, 200);
    });
    this.report.addEventListener("change", function () { self.run(true); });
    this.topic.addEventListener("change", function () { self.run(true); });
    this.more.addEventListener("click", function () { self.showMore(true); });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = self.list.querySelector("a.search-result-link");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    this.list.addEventListener("keydown", function (event) { self.moveFocus(event); });
    document.addEventListener("keydown", function (event) {
      var tag = (event.target && event.target.tagName) || "";
      if (event.key === "/" && !/^(INPUT|SELECT|TEXTAREA)$/.test(tag) && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        self.input.focus();
        self.input.select();
      }
    });
    this.input.focus();
    this.run(false);
  };

  function setSelect(select, value) {
    if (!value) return;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.selectedIndex = i; return; }
    }
  }

  Page.prototype.moveFocus = function (event) {
    var links = Array.prototype.slice.call(this.list.querySelectorAll("a.search-result-link"));
    var index = links.indexOf(document.activeElement);
    if (index < 0) return;
    if (event.key === "ArrowDown" && index + 1 < links.length) { event.preventDefault(); links[index + 1].focus(); }
    else if (event.key === "ArrowUp") { event.preventDefault(); (index > 0 ? links[index - 1] : this.input).focus(); }
    else if (event.key === "Escape") { event.preventDefault(); this.input.focus(); }
  };

  /** Puts the query and filters into the address (?q=…&report=…&topic=…) so results can be linked. */
  Page.prototype.remember = function () {
    var params = new URLSearchParams();
    if (this.input.value.trim()) params.set("q", this.input.value.trim());
    if (this.report.value) params.set("report", this.report.value);
    if (this.topic.value) params.set("topic", this.topic.value);
    var search = params.toString();
    var url = location.pathname + (search ? "?" + search : "");
    try {
      history.replaceState(null, "", url);
    } catch (e) {
      // Some browsers refuse to change a file:// address; the results are shown anyway.
    }
  };

  Page.prototype.run = function (remember) {
    var self = this;
    var serial = ++this.serial;
    var text = this.input.value.trim();
    var started = performance.now();
    if (remember || text) this.remember();
    if (!text) {
      this.current = null;
      this.list.textContent = "";
      this.more.hidden = true;
      this.status.textContent = "输入要找的词，例如：生态环境、高标准农田、6.5%。";
      this.updateFacets(null);
      return Promise.resolve();
    }
    this.status.textContent = "正在搜索…";
    return this.engine.search(text, null).then(function (result) {
      if (serial !== self.serial) return;
      var report = self.report.value;
      var topic = self.topic.value;
      var reportIndex = -1;
      self.meta.reports.forEach(function (r, i) { if (r.slug === report) reportIndex = i; });
      var topicIndex = -1;
      self.meta.topics.forEach(function (t, i) { if (t.key === topic) topicIndex = i; });
      var engine = self.engine;
      function inReport(hit) { return reportIndex < 0 || engine.reportOf(hit.doc) === reportIndex; }
      function inTopic(hit) { return topicIndex < 0 || self.meta.docTopics[hit.doc].indexOf(topicIndex) >= 0; }
      self.updateFacets(result.groups.length ? { all: result.all, inReport: inReport, inTopic: inTopic } : null);
      result.hits = result.all.filter(function (h) { return inReport(h) && inTopic(h); });
      self.current = result;
      self.shown = 0;
      self.list.textContent = "";
      return self.showMore(false).then(function () {
        if (serial !== self.serial) return;
        var ms = performance.now() - started;
        self.timing = { query: text, milliseconds: ms, results: result.hits.length,
          termShards: Object.keys(engine.shardsLoaded).length, textChunks: Object.keys(engine.chunksLoaded).length };
        self.list.setAttribute("data-query", text);
        self.status.textContent = self.summary(result, ms);
      });
    }).catch(function (error) {
      if (serial !== self.serial) return;
      self.status.textContent = "搜索出错：" + error.message + "。请确认 search/data/ 中的索引文件完整。";
    });
  };

  Page.prototype.summary = function (result, ms) {
    var total = result.hits.length;
    if (!result.groups.length) return "这个查询里没有可以搜索的字或词。";
    if (!total) {
      return result.all.length ? "在所选报告或主题中没有找到，去掉筛选条件可以看到全部 " + result.all.length + " 条结果。"
        : "没有找到包含“" + this.input.value.trim() + "”的段落或标题。";
    }
    var exact = result.hits.filter(function (h) { return h.tier === 2; }).length;
    var text = "找到 " + total + " 条结果";
    if (result.groups.length > 1 || result.groups[0].tokens.length > 1) text += "（其中完整短语 " + exact + " 条，排在前面）";
    return text + "，用时 " + (ms / 1000).toFixed(2) + " 秒。";
  };

  /** Option labels with counts: per report under the topic filter, per topic under the report filter. */
  Page.prototype.updateFacets = function (facets) {
    var self = this;
    var reportCounts = {};
    var topicCounts = {};
    if (facets) {
      facets.all.forEach(function (hit) {
        if (facets.inTopic(hit)) {
          var r = self.engine.reportOf(hit.doc);
          reportCounts[r] = (reportCounts[r] || 0) + 1;
        }
        if (facets.inReport(hit)) {
          self.meta.docTopics[hit.doc].forEach(function (t) { topicCounts[t] = (topicCounts[t] || 0) + 1; });
        }
      });
    }
    this.meta.reports.forEach(function (r, i) {
      setOptionLabel(self.report, r.slug, self.labels.report[r.slug], facets ? reportCounts[i] || 0 : null);
    });
    this.meta.topics.forEach(function (t, i) {
      setOptionLabel(self.topic, t.key, self.labels.topic[t.key], facets ? topicCounts[i] || 0 : null);
    });
  };

  function setOptionLabel(select, value, label, count) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) {
        select.options[i].textContent = count == null ? label : label + "（" + count + "）";
      }
    }
  }

  /** Shows the next PAGE_SIZE results, loading their text chunks. */
  Page.prototype.showMore = function (focusFirstNew) {
    var self = this;
    var result = this.current;
    if (!result) return Promise.resolve();
    var batch = result.hits.slice(this.shown, this.shown + PAGE_SIZE);
    var serial = this.serial;
    return this.engine.texts(batch.map(function (h) { return h.doc; })).then(function (texts) {
      if (serial !== self.serial) return;
      var firstLink = null;
      batch.forEach(function (hit) {
        var item = self.renderHit(hit, texts[hit.doc], result);
        if (!firstLink) firstLink = item.querySelector("a");
        self.list.appendChild(item);
      });
      self.shown += batch.length;
      self.more.hidden = self.shown >= result.hits.length;
      if (focusFirstNew && firstLink) firstLink.focus();
    });
  };

  Page.prototype.renderHit = function (hit, entry, result) {
    var meta = this.meta;
    var anchor = entry[0];
    var text = entry[1];
    var isHeading = entry[2] === 1;
    var group = meta.groups[meta.docGroup[hit.doc]];
    var report = meta.reports[group[0]];
    // Mark a group's phrase occurrences where it has any, else each of its terms wherever it is.
    var positionsByTerm = {};
    function mark(term, position) { (positionsByTerm[term] = positionsByTerm[term] || []).push(position); }
    result.groups.forEach(function (g, k) {
      g.tokens.forEach(function (t) {
        if (hit.starts[k].length) hit.starts[k].forEach(function (start) { mark(t.term, start + t.position); });
        else result.postings[t.term].get(hit.doc).forEach(function (p) { mark(t.term, p); });
      });
    });
    var item = el("li", "search-result" + (isHeading ? " search-result-heading" : "") + (hit.tier === 2 ? " search-result-exact" : ""));
    var link = el("a", "search-result-link");
    link.href = root + report.url + "#" + anchor;
    var where = el("span", "search-result-where");
    where.appendChild(el("span", "search-result-report", report.label));
    where.appendChild(document.createTextNode(" · "));
    where.appendChild(el("span", "search-result-section", group[1]));
    link.appendChild(where);
    var snippet = el("span", "search-result-snippet");
    if (isHeading) snippet.appendChild(el("span", "search-result-kind", "标题"));
    appendSnippet(snippet, text, highlightRanges(text, positionsByTerm));
    link.appendChild(snippet);
    item.appendChild(link);
    // A heading stands for everything under it; its topics filter, but are not shown.
    var topics = isHeading ? [] : meta.docTopics[hit.doc];
    if (topics.length) {
      var badges = el("span", "badges");
      topics.forEach(function (t) {
        badges.appendChild(el("span", "topic-badge topic-" + meta.topics[t].key, meta.topics[t].name));
      });
      item.appendChild(badges);
    }
    return item;
  };

  function boot() {
    var container = document.getElementById("search-page");
    if (!container) return;
    root = container.getAttribute("data-root") || "";
    var status = document.getElementById("search-status");
    if (status) status.textContent = "正在加载索引…";
    // meta.js normally came with the page's own script tag; otherwise it is loaded now.
    load("meta", container.getAttribute("data-meta") || "").then(function (meta) {
      if (meta.format !== 1) throw new Error("索引格式 " + meta.format + " 与脚本不符，请重新生成网站");
      var page = new Page(container, meta);
      api.page = page;
      page.start();
    }).catch(function (error) {
      if (status) status.textContent = "搜索索引加载失败：" + error.message + "。";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
