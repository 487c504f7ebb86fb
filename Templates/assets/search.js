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
  /** Reports loaded and scored at a time. */
  var BATCH_REPORTS = 8;
  /** Reports a query loads by itself; beyond them, "显示更多结果" loads more. */
  var AUTO_REPORTS = 64;
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

  // ---------------------------------------------------------------------------------------
  // Snippet windows: cut as the topic pages' excerpts are (Rendering/ExcerptCut.swift,
  // Figures/FigureSpans.swift): after clause punctuation outside quotations and brackets, or,
  // when there is none in range, between words but never inside a figure (the verb or modifier
  // before a number, the number with its decimals and %, its scale and its unit), so a snippet
  // never shows 10.6 for 10.65亿元. Positions are UTF-16 offsets.

  var CLAUSE_ENDERS = "。；，、：！？;,:!?";
  var OPENERS = "“‘《〈（(「『【[";
  var CLOSERS = "”’》〉）)」』】]";
  /** FigureLexicon.units and FigureSpans' date words (a Swift test keeps them equal). */
  var FIGURE_UNITS = ["eflops", "pflops", "微克/立方米", "元/平方米", "立方米/日", "个工作日", "个百分点", "台(套)", "吨标准煤", "平方公里", "teu", "元/人", "元/吨", "千瓦时", "吨/年", "吨/日", "平方米", "张床位", "标准箱", "百分点", "立方米", "gw", "km", "kw", "mw", "个月", "人次", "公斤", "公里", "公顷", "分钟", "千克", "千瓦", "千米", "台套", "周年", "场次", "头只", "季度", "家次", "小时", "年度", "床位", "户次", "架次", "标箱", "欧元", "班次", "美元", "艘次", "蒸吨", "车次", "辆次", "%", "p", "‰", "个", "亩", "人", "件", "位", "例", "倍", "元", "列", "只", "台", "号", "名", "吨", "场", "处", "天", "头", "套", "宗", "家", "届", "岁", "年", "床", "度", "座", "张", "户", "所", "批", "支", "斤", "日", "月", "期", "条", "栋", "株", "棵", "次", "款", "片", "瓦", "种", "笔", "篇", "米", "羽", "艘", "轮", "辆", "部", "间", "项", "毫米", "厘米", "平方千米", "港元", "兆瓦", "吉瓦", "千伏", "方"];
  /** FigureLexicon.changeVerbs and prefixModifiers' words, 达到 and 达 (a Swift test keeps them equal). */
  var FIGURE_LEADS = ["不低于", "不少于", "不超过", "不高于", "上升", "上涨", "下滑", "下降", "不到", "不足", "净增", "减少", "前移", "压减", "压缩", "压降", "回落", "增加", "增长", "大约", "扩大", "接近", "提升", "提高", "新增", "突破", "缩小", "缩短", "超过", "达到", "进位", "降低", "减", "增", "约", "超", "达", "近", "逾", "降"];
  var NUMERALS = "〇零一二三四五六七八九十百千两";

  function alternation(words) {
    return words.slice().sort(function (a, b) { return b.length - a.length; })
      .map(function (w) { return w.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&"); }).join("|");
  }
  /** FigureSpans.rangeConnectors (a Swift test keeps them equal): a range or a fraction
   *  (3—5家, 10至20亿元, 1/3) is one figure. */
  var FIGURE_CONNECTORS = ["——", "—", "–", "-", "～", "~", "至", "到", "/"];
  var FIGURE_NUMBER = "(?:[0-9０-９]+(?:[.．,，][0-9０-９]+)*[%％‰]?|[" + NUMERALS + "](?:[" + NUMERALS + "]|分之[" + NUMERALS + "])+)" +
    "(?:多|余|几)?(?:万亿|千万|百万|亿|万)?(?:多|余)?(?:" + alternation(FIGURE_UNITS) + ")?";
  var FIGURE = new RegExp(
    "(?:" + alternation(FIGURE_LEADS) + ")?(?:第|至|到)?" + FIGURE_NUMBER +
    "(?:(?:" + alternation(FIGURE_CONNECTORS) + ")" + FIGURE_NUMBER + ")*", "gi");

  /** The cut points of `text`: word(p) anywhere but inside a figure or a surrogate pair,
   *  clause(p) also right after clause punctuation outside quotations and brackets. */
  function cutPoints(text) {
    var n = text.length;
    var depth = [0];
    var level = 0;
    for (var i = 0; i < n; i++) {
      var c = text.charAt(i);
      if (OPENERS.indexOf(c) >= 0) level++;
      if (CLOSERS.indexOf(c) >= 0) level = Math.max(0, level - 1);
      depth.push(level);
    }
    var inside = new Array(n + 1);
    FIGURE.lastIndex = 0;
    var match;
    while ((match = FIGURE.exec(text)) !== null) {
      for (var p = match.index + 1; p < match.index + match[0].length; p++) inside[p] = true;
    }
    function word(p) {
      return p > 0 && p < n && !inside[p] && !/[\uDC00-\uDFFF]/.test(text.charAt(p));
    }
    function clause(p) {
      return word(p) && depth[p] === 0 && CLAUSE_ENDERS.indexOf(text.charAt(p - 1)) >= 0;
    }
    return {clause: clause, word: word};
  }

  /** [start, end) of the snippet of `text` around `focus` (the first highlight): the whole
   *  text when short, else about SNIPPET_LENGTH characters, as ExcerptCut.window cuts. */
  function snippetWindow(text, focus) {
    var n = text.length;
    var length = SNIPPET_LENGTH;
    var leadIn = SNIPPET_LEAD_IN;
    if (n <= length) return [0, n];
    var cuts = cutPoints(text);
    focus = Math.min(Math.max(focus, 0), n);
    var target = Math.max(0, Math.min(focus - leadIn, n - length));
    var start = 0;
    if (target > 0) {
      var lowest = Math.max(0, target - leadIn);
      var best = -1;
      var p;
      // The clause boundary nearest the target (the later one on a tie) …
      for (p = lowest; p <= focus; p++) {
        if ((p === 0 || cuts.clause(p)) && (best < 0 || Math.abs(p - target) <= Math.abs(best - target))) best = p;
      }
      // … else the word break nearest it (the earlier one on a tie).
      if (best < 0) {
        for (p = lowest; p <= focus; p++) {
          if (cuts.word(p) && (best < 0 || Math.abs(p - target) < Math.abs(best - target))) best = p;
        }
      }
      start = best < 0 ? lowest : best;
    }
    return [start, snippetEnd(text, cuts, start, length)];
  }

  /** The end of a window from `start`: the last clause boundary in the second half of
   *  `length`, else the first within an eighth after it, else the last word break. */
  function snippetEnd(text, cuts, start, length) {
    var nominal = start + length;
    var slack = Math.floor(length / 8);
    if (text.length <= nominal + slack) return text.length;
    var earliest = start + Math.max(1, Math.floor(length / 2));
    var q;
    for (q = nominal; q >= earliest; q--) if (cuts.clause(q)) return q;
    for (q = nominal + 1; q <= nominal + slack; q++) if (cuts.clause(q)) return q;
    for (q = nominal; q >= earliest; q--) if (cuts.word(q)) return q;
    return nominal;
  }
  api.snippetWindow = snippetWindow;

  /** Appends `text` to `parent` with the ranges in <mark>, cut to a window around the first
   *  range when the text is long (snippetWindow). */
  function appendSnippet(parent, text, ranges) {
    var bounds = snippetWindow(text, ranges.length ? ranges[0][0] : 0);
    var start = bounds[0];
    var end = bounds[1];
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

  /** Runs the query in the box: loads the term shards, then the candidate reports a batch at
   *  a time, best first. The first results show as soon as the first batch is scored; the
   *  next batches follow (up to AUTO_REPORTS reports, the rest on "显示更多结果"), each time
   *  re-sorting what is shown, so the shown results are best first across the loaded reports. */
  Page.prototype.run = function (remember) {
    var self = this;
    var serial = ++this.serial;
    var text = this.input.value.trim();
    var started = performance.now();
    if (remember || text) this.remember();
    this.list.removeAttribute("data-query");
    this.list.removeAttribute("data-first-query");
    if (!text) {
      this.current = null;
      this.list.textContent = "";
      this.more.hidden = true;
      this.status.textContent = "输入要找的词，例如：生态环境、高标准农田、6.5%。";
      this.updateFacets(null);
      return Promise.resolve();
    }
    this.status.textContent = "正在搜索…";
    var report = this.report.value;
    var reportIndex = -1;
    this.meta.reports.forEach(function (r, i) { if (r.slug === report) reportIndex = i; });
    var engine = this.engine;
    return engine.search(text, reportIndex).then(function (search) {
      if (serial !== self.serial) return;
      self.current = search;
      self.shown = 0;
      self.timing = { query: text, started: started };
      var step = function () {
        return search.next(BATCH_REPORTS).then(function () {
          if (serial !== self.serial) return;
          var first = !self.timing.firstMilliseconds;
          if (first) {
            self.timing.firstMilliseconds = performance.now() - started;
            self.shown = PAGE_SIZE;
          }
          self.refresh(false);
          if (first) self.list.setAttribute("data-first-query", text);
          if (!search.done() && search.loaded < AUTO_REPORTS) return step();
          self.settle(text);
        });
      };
      return step();
    }).catch(function (error) {
      if (serial !== self.serial) return;
      self.status.textContent = "搜索出错：" + error.message + "。请确认 search/data/ 中的索引文件完整。";
    });
  };

  /** The query has loaded what it loads by itself: times, and data-query for tests. */
  Page.prototype.settle = function (text) {
    var engine = this.engine;
    var t = this.timing;
    t.milliseconds = performance.now() - t.started;
    t.results = this.hits.length;
    t.termShards = Object.keys(engine.shardsLoaded).length;
    t.reports = Object.keys(engine.reportsLoaded).length;
    t.candidates = this.current.candidates.length;
    this.list.setAttribute("data-query", text);
    this.status.textContent = this.summary();
  };

  /** Filters the loaded hits, redraws the first `shown` of them and the counts. */
  Page.prototype.refresh = function (focusIndex) {
    var self = this;
    var search = this.current;
    var topic = this.topic.value;
    var topicIndex = -1;
    this.meta.topics.forEach(function (t, i) { if (t.key === topic) topicIndex = i; });
    var engine = this.engine;
    function inTopic(hit) { return topicIndex < 0 || engine.documentOf(hit).topics.indexOf(topicIndex) >= 0; }
    this.inTopic = inTopic;
    this.hits = search.hits.filter(inTopic);
    this.updateFacets(search.groups.length ? search : null);
    // Keep the focus on the result it was on, if it is still shown.
    var active = document.activeElement;
    var focused = active && active.classList && active.classList.contains("search-result-link") ? active.getAttribute("href") : null;
    var list = document.createDocumentFragment();
    var links = [];
    this.hits.slice(0, this.shown).forEach(function (hit) {
      var item = self.renderHit(hit, search);
      links.push(item.querySelector("a"));
      list.appendChild(item);
    });
    this.list.textContent = "";
    this.list.appendChild(list);
    if (typeof focusIndex === "number" && links[focusIndex]) links[focusIndex].focus();
    else if (focused) links.forEach(function (a) { if (a.getAttribute("href") === focused) a.focus(); });
    this.more.hidden = this.shown >= this.hits.length && search.done();
    this.status.textContent = this.summary();
  };

  Page.prototype.summary = function () {
    var search = this.current;
    var total = this.hits.length;
    if (!search.groups.length) return "这个查询里没有可以搜索的字或词。";
    var pending = search.candidates.length - search.loaded;
    if (!total && !pending) {
      return search.hits.length ? "在所选报告或主题中没有找到，去掉筛选条件可以看到全部 " + search.hits.length + " 条结果。"
        : "没有找到包含“" + this.input.value.trim() + "”的段落或标题。";
    }
    var exact = this.hits.filter(function (h) { return h.tier === 2; }).length;
    var text = (pending ? "已找到 " : "找到 ") + total + " 条结果";
    if (search.groups.length > 1 || search.groups[0].tokens.length > 1) text += "（其中完整短语 " + exact + " 条，排在前面）";
    if (pending) return text + "，已检索 " + search.loaded + " / " + search.candidates.length + " 份报告，“显示更多结果”会继续检索。";
    var ms = this.timing && this.timing.milliseconds != null ? this.timing.milliseconds : performance.now() - this.timing.started;
    return text + "，用时 " + (ms / 1000).toFixed(2) + " 秒。";
  };

  /** Option labels with counts (of the loaded reports): per report under the topic filter,
   *  per topic under the report filter (the query is already limited to it). */
  Page.prototype.updateFacets = function (search) {
    var self = this;
    var reportCounts = {};
    var topicCounts = {};
    if (search) {
      search.hits.forEach(function (hit) {
        if (self.inTopic(hit)) reportCounts[hit.report] = (reportCounts[hit.report] || 0) + 1;
        self.engine.documentOf(hit).topics.forEach(function (t) { topicCounts[t] = (topicCounts[t] || 0) + 1; });
      });
    }
    this.meta.reports.forEach(function (r, i) {
      setOptionLabel(self.report, r.slug, self.labels.report[r.slug], search ? reportCounts[i] || 0 : null);
    });
    this.meta.topics.forEach(function (t, i) {
      setOptionLabel(self.topic, t.key, self.labels.topic[t.key], search ? topicCounts[i] || 0 : null);
    });
  };

  function setOptionLabel(select, value, label, count) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) {
        select.options[i].textContent = count == null ? label : label + "（" + count + "）";
      }
    }
  }

  /** Shows the next PAGE_SIZE results, first loading more reports while the loaded ones have
   *  fewer hits than that. */
  Page.prototype.showMore = function (focusFirstNew) {
    var self = this;
    var search = this.current;
    if (!search) return Promise.resolve();
    var serial = this.serial;
    var from = this.shown;
    var want = this.shown + PAGE_SIZE;
    var fill = function () {
      if (serial !== self.serial) return Promise.resolve();
      self.hits = search.hits.filter(self.inTopic);
      if (self.hits.length >= want || search.done()) return Promise.resolve();
      self.status.textContent = "正在检索更多报告…";
      return search.next(BATCH_REPORTS).then(fill);
    };
    return fill().then(function () {
      if (serial !== self.serial) return;
      self.shown = want;
      self.refresh(focusFirstNew ? from : false);
    }).catch(function (error) {
      self.status.textContent = "搜索出错：" + error.message + "。请确认 search/data/ 中的索引文件完整。";
    });
  };

  Page.prototype.renderHit = function (hit, search) {
    var meta = this.meta;
    var doc = this.engine.documentOf(hit);
    var group = this.engine.groupOf(hit);
    var report = meta.reports[hit.report];
    // Mark a group's phrase occurrences where it has any, else each of its terms wherever it is.
    var positionsByTerm = {};
    function mark(term, position) { (positionsByTerm[term] = positionsByTerm[term] || []).push(position); }
    search.groups.forEach(function (g, k) {
      g.tokens.forEach(function (t) {
        if (hit.starts[k].length) hit.starts[k].forEach(function (start) { mark(t.term, start + t.position); });
        else hit.positions[t.term].forEach(function (p) { mark(t.term, p); });
      });
    });
    var item = el("li", "search-result" + (doc.heading ? " search-result-heading" : "") + (hit.tier === 2 ? " search-result-exact" : ""));
    var link = el("a", "search-result-link");
    link.href = root + report.url + "#" + doc.anchor;
    var where = el("span", "search-result-where");
    where.appendChild(el("span", "search-result-report", report.label));
    where.appendChild(document.createTextNode(" · "));
    where.appendChild(el("span", "search-result-section", group.label));
    link.appendChild(where);
    var snippet = el("span", "search-result-snippet");
    if (doc.heading) snippet.appendChild(el("span", "search-result-kind", "标题"));
    appendSnippet(snippet, doc.text, highlightRanges(doc.text, positionsByTerm));
    link.appendChild(snippet);
    item.appendChild(link);
    // A heading stands for everything under it; its topics filter, but are not shown.
    var topics = doc.heading ? [] : doc.topics;
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
      if (meta.format !== 2) throw new Error("索引格式 " + meta.format + " 与脚本不符，请重新生成网站");
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
