/* ReportSite search: offline Chinese full-text search, from file:// or over HTTP.
 *
 * Loaded by the search page as a classic script, before search/data/meta.js. The index files
 * (search/data/*.js) are classic scripts too: each calls ReportSiteSearch.add(name, data).
 * No fetch, no modules, no network: a query loads, by script tag, only the term shards of its
 * own terms and the text chunks of the results it shows.
 *
 * Parts, in order:
 *   1. tokenize: the twin of Sources/ReportSiteCore/Search/SearchTokenizer.swift (and of the
 *      folding in TextFolding.swift); both are tested against
 *      Tests/ReportSiteCoreTests/Fixtures/tokenizer-cases.json. Change them together.
 *   2. loading: the script-tag registry.
 *   3. query parsing, matching and ranking.
 *   4. the search page: form, filters, results, snippets, keyboard, ?q= in the URL.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------------------------------
  // 1. Tokenizer (twin of SearchTokenizer.swift)

  var WORD = /[\p{L}\p{M}\p{N}]/u;
  var IGNORABLE = /[\p{White_Space}\p{Cf}]/u;

  /** Folds one code point as TextFolding.fold does: full-width ASCII forms to ASCII, the
   *  ideographic space to a space, Kangxi radicals to ideographs, ASCII capitals to lower case. */
  function fold(cp) {
    if (cp >= 0x41 && cp <= 0x5a) return cp + 0x20;
    if (cp >= 0xff21 && cp <= 0xff3a) return cp - 0xfee0 + 0x20;
    if (cp >= 0xff01 && cp <= 0xff5e) return cp - 0xfee0;
    if (cp === 0x3000) return 0x20;
    if (cp >= 0x2f00 && cp <= 0x2fd5) {
      var folded = String.fromCodePoint(cp).normalize("NFKC");
      var first = folded.codePointAt(0);
      return folded.length === String.fromCodePoint(first).length ? first : cp;
    }
    return cp;
  }

  function isHan(cp) {
    return cp === 0x3005 || cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x323af);
  }
  function isWord(cp) { return !isHan(cp) && WORD.test(String.fromCodePoint(cp)); }
  function isIgnorable(cp) { return IGNORABLE.test(String.fromCodePoint(cp)); }
  function isDigit(cp) { return cp >= 0x30 && cp <= 0x39; }
  function isPercent(cp) { return cp === 0x25 || cp === 0x2030; }

  /** Tokens of `text`: [{term, position, start, end}], start and end being indices into `text`
   *  (UTF-16), for highlighting. `mode` is "index" (every term) or "query". */
  function tokenize(text, mode) {
    var query = mode === "query";
    var cps = [];
    for (var i = 0; i < text.length;) {
      var raw = text.codePointAt(i);
      var size = raw > 0xffff ? 2 : 1;
      cps.push({ cp: fold(raw), start: i, end: i + size });
      i += size;
    }
    var tokens = [];
    var position = 0;
    var previousWasHan = false;
    function nextHan(index) {
      var next = index + 1;
      while (next < cps.length && isIgnorable(cps[next].cp)) next++;
      return next < cps.length && isHan(cps[next].cp) ? next : -1;
    }
    function push(term, start, end) { tokens.push({ term: term, position: position, start: start, end: end }); }
    var index = 0;
    while (index < cps.length) {
      var c = cps[index];
      if (isIgnorable(c.cp)) { index++; continue; }
      if (isHan(c.cp)) {
        var next = nextHan(index);
        var single = String.fromCodePoint(c.cp);
        if (!query) {
          push(single, c.start, c.end);
          if (next >= 0) push(single + String.fromCodePoint(cps[next].cp), c.start, cps[next].end);
        } else if (next >= 0) {
          push(single + String.fromCodePoint(cps[next].cp), c.start, cps[next].end);
        } else if (!previousWasHan) {
          push(single, c.start, c.end);
        }
        previousWasHan = true;
        position++;
        index++;
        continue;
      }
      previousWasHan = false;
      if (isWord(c.cp)) {
        var word = "";
        var lastCp = -1;
        var end = index;
        while (end < cps.length) {
          var cur = cps[end].cp;
          if (isWord(cur)) {
            word += String.fromCodePoint(cur);
          } else if (cur === 0x2e && isDigit(lastCp) && end + 1 < cps.length && isDigit(cps[end + 1].cp)) {
            word += ".";
          } else {
            break;
          }
          lastCp = cur;
          end++;
        }
        if (isDigit(lastCp) && end < cps.length && isPercent(cps[end].cp)) {
          push(word + String.fromCodePoint(cps[end].cp), c.start, cps[end].end);
          if (!query) push(word, c.start, cps[end - 1].end);
          end++;
        } else {
          push(word, c.start, cps[end - 1].end);
        }
        position++;
        index = end;
        continue;
      }
      position++;
      index++;
    }
    return tokens;
  }

  /** Positions a term covers: 2 for a Han bigram, else 1 (SearchTokenizer.width). */
  function termWidth(term) {
    var cps = Array.from(term);
    return cps.length === 2 && isHan(cps[0].codePointAt(0)) && isHan(cps[1].codePointAt(0)) ? 2 : 1;
  }

  /** 32-bit FNV-1a over code points (SearchShards.hash). */
  function termHash(term) {
    var hash = 2166136261;
    for (var i = 0; i < term.length;) {
      var cp = term.codePointAt(i);
      i += cp > 0xffff ? 2 : 1;
      hash = Math.imul((hash ^ cp) >>> 0, 16777619) >>> 0;
    }
    return hash >>> 0;
  }

  // ---------------------------------------------------------------------------------------
  // 2. Loading by script tag

  var registry = {};
  var pending = {};

  /** Called by every index file: hands over its data. */
  function add(name, data) {
    registry[name] = data;
    if (pending[name]) pending[name].resolve(data);
  }

  /** Loads `url`, a script that calls add(name, …); resolves with its data. */
  function load(name, url) {
    if (Object.prototype.hasOwnProperty.call(registry, name)) return Promise.resolve(registry[name]);
    if (pending[name]) return pending[name].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      var script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.onload = function () {
        if (!Object.prototype.hasOwnProperty.call(registry, name)) reject(new Error(url + " 没有提供索引数据"));
      };
      script.onerror = function () {
        delete pending[name];
        reject(new Error("无法加载 " + url));
      };
      document.head.appendChild(script);
    });
    pending[name] = entry;
    return entry.promise;
  }

  // ---------------------------------------------------------------------------------------
  // 3. Query, matching, ranking

  var K1 = 1.2;
  var B = 0.75;

  /** The query as groups: each space-separated word, or each quoted phrase, is one group;
   *  a passage must contain every group. [{text, quoted, tokens: [{term, position}], width}] */
  function parseQuery(text) {
    var groups = [];
    var rest = text.replace(/["＂“”]([^"＂“”]*)["＂“”]?/g, function (_, phrase) {
      addGroup(phrase, true);
      return " ";
    });
    rest.split(/[\s\u3000]+/).forEach(function (word) { addGroup(word, false); });
    function addGroup(part, quoted) {
      var tokens = tokenize(part, "query");
      if (!tokens.length) return;
      var base = tokens[0].position;
      var seen = {};
      var clean = [];
      var width = 0;
      tokens.forEach(function (t) {
        var key = t.term + "@" + (t.position - base);
        if (seen[key]) return;
        seen[key] = true;
        clean.push({ term: t.term, position: t.position - base });
        width = Math.max(width, t.position - base + termWidth(t.term));
      });
      groups.push({ text: part, quoted: quoted, tokens: clean, width: width });
    }
    return groups;
  }

  /** Decodes a postings string (SearchIndexFiles.encode) into a Map: document → positions. */
  function decodePostings(encoded) {
    var map = new Map();
    if (!encoded) return map;
    var doc = 0;
    encoded.split(";").forEach(function (entry) {
      var colon = entry.indexOf(":");
      doc += parseInt(entry.slice(0, colon), 36);
      var position = 0;
      map.set(doc, entry.slice(colon + 1).split(",").map(function (d) { position += parseInt(d, 36); return position; }));
    });
    return map;
  }

  /** Occurrences of a group as a phrase in one document: start positions. */
  function phraseStarts(group, postings, doc) {
    var first = group.tokens[0];
    var starts = [];
    (postings[first.term].get(doc) || []).forEach(function (p) {
      var start = p - first.position;
      for (var i = 1; i < group.tokens.length; i++) {
        var t = group.tokens[i];
        if ((postings[t.term].get(doc) || []).indexOf(start + t.position) < 0) return;
      }
      starts.push(start);
    });
    return starts;
  }

  /** The smallest window (in positions) holding one occurrence of every list. */
  function smallestWindow(lists) {
    var events = [];
    lists.forEach(function (list, k) { list.forEach(function (p) { events.push([p, k]); }); });
    events.sort(function (a, b) { return a[0] - b[0]; });
    var counts = new Array(lists.length).fill(0);
    var covered = 0;
    var best = Infinity;
    var left = 0;
    for (var right = 0; right < events.length; right++) {
      if (counts[events[right][1]]++ === 0) covered++;
      while (covered === lists.length) {
        best = Math.min(best, events[right][0] - events[left][0] + 1);
        if (--counts[events[left][1]] === 0) covered--;
        left++;
      }
    }
    return best;
  }

  function Engine(meta) {
    this.meta = meta;
    this.decoded = {};
    this.shardMaps = {};
    var total = 0;
    meta.docLength.forEach(function (n) { total += n; });
    this.averageLength = meta.docLength.length ? total / meta.docLength.length : 1;
    this.shardsLoaded = {};
    this.chunksLoaded = {};
  }

  Engine.prototype.url = function (path) { return root + path; };

  /** A loaded term shard as a Map: term → encoded postings. The file holds one string of
   *  `term=postings` entries separated by spaces (SearchIndexFiles). */
  Engine.prototype.shard = function (n) {
    if (!this.shardMaps[n]) {
      var map = new Map();
      (registry["terms-" + n] || "").split(" ").forEach(function (entry) {
        var equals = entry.indexOf("=");
        if (equals > 0) map.set(entry.slice(0, equals), entry.slice(equals + 1));
      });
      this.shardMaps[n] = map;
    }
    return this.shardMaps[n];
  };

  /** Postings of `terms`, loading their shards: {term: Map}. */
  Engine.prototype.postings = function (terms) {
    var self = this;
    var meta = this.meta;
    var shards = {};
    terms.forEach(function (term) { shards[termHash(term) % meta.termShards] = true; });
    return Promise.all(Object.keys(shards).map(function (n) {
      self.shardsLoaded[n] = true;
      return load("terms-" + n, self.url(meta.termFile.replace("{n}", n)));
    })).then(function () {
      var result = {};
      terms.forEach(function (term) {
        if (!self.decoded[term]) {
          var shard = self.shard(termHash(term) % meta.termShards);
          self.decoded[term] = decodePostings(shard.get(term) || "");
        }
        result[term] = self.decoded[term];
      });
      return result;
    });
  };

  /** Runs a query. Resolves with {groups, terms, postings, all: hits best first}; a hit is
   *  {doc, tier, score, starts: per group, the positions where it matches as a phrase}. */
  Engine.prototype.search = function (text) {
    var self = this;
    var meta = this.meta;
    var groups = parseQuery(text);
    var terms = [];
    groups.forEach(function (g) { g.tokens.forEach(function (t) { if (terms.indexOf(t.term) < 0) terms.push(t.term); }); });
    if (!groups.length) return Promise.resolve({ groups: groups, terms: [], postings: {}, all: [] });
    return this.postings(terms).then(function (postings) {
      // Candidates: documents with every term (the rarest list first).
      var byRarity = terms.slice().sort(function (a, b) { return postings[a].size - postings[b].size; });
      var candidates = [];
      postings[byRarity[0]].forEach(function (_, doc) {
        for (var i = 1; i < byRarity.length; i++) if (!postings[byRarity[i]].has(doc)) return;
        candidates.push(doc);
      });
      var n = meta.docLength.length;
      var idf = {};
      terms.forEach(function (t) {
        var df = postings[t].size;
        idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      });
      var hits = [];
      candidates.forEach(function (doc) {
        var groupStarts = groups.map(function (g) { return phraseStarts(g, postings, doc); });
        for (var g = 0; g < groups.length; g++) if (groups[g].quoted && !groupStarts[g].length) return;
        // Tier 2: the whole query as written (groups adjacent, in order); 1: every group as a
        // phrase; 0: the terms only.
        var tier = 0;
        if (groupStarts.every(function (s) { return s.length; })) {
          tier = 1;
          var offset = 0;
          var offsets = groups.map(function (g) { var o = offset; offset += g.width; return o; });
          var whole = groupStarts[0].some(function (start) {
            return groups.every(function (g, k) { return groupStarts[k].indexOf(start + offsets[k]) >= 0; });
          });
          if (whole) tier = 2;
        }
        // Term frequency (BM25 per group: phrase count, else the rarest term's count).
        var norm = K1 * (1 - B + B * meta.docLength[doc] / self.averageLength);
        var score = 0;
        groups.forEach(function (g, k) {
          var tf = groupStarts[k].length || Math.min.apply(null, g.tokens.map(function (t) { return postings[t.term].get(doc).length; }));
          var weight = g.tokens.reduce(function (sum, t) { return sum + idf[t.term]; }, 0);
          score += weight * tf * (K1 + 1) / (tf + norm);
        });
        // Proximity: how tightly the query's terms sit together (1 = as tight as the query).
        var lists = [];
        groups.forEach(function (g) { g.tokens.forEach(function (t) { lists.push(postings[t.term].get(doc)); }); });
        var span = smallestWindow(lists);
        var ideal = groups.reduce(function (sum, g) { return sum + g.width; }, 0) - 1;
        var proximity = Math.min(1, Math.max(1, ideal) / Math.max(1, span));
        hits.push({ doc: doc, tier: tier, score: score * (0.5 + 0.5 * proximity), starts: groupStarts });
      });
      hits.sort(function (a, b) { return b.tier - a.tier || b.score - a.score || a.doc - b.doc; });
      return { groups: groups, all: hits, terms: terms, postings: postings };
    });
  };

  Engine.prototype.reportOf = function (doc) { return this.meta.groups[this.meta.docGroup[doc]][0]; };

  /** Index of the text chunk holding `doc`. */
  Engine.prototype.chunkOf = function (doc) {
    var starts = this.meta.textChunks;
    var lo = 0;
    var hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= doc) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  /** Anchor, text and kind of `docs`, loading their text chunks: {doc: [anchor, text, heading]}. */
  Engine.prototype.texts = function (docs) {
    var self = this;
    var chunks = {};
    docs.forEach(function (doc) { chunks[self.chunkOf(doc)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      self.chunksLoaded[c] = true;
      return load("text-" + c, self.url(self.meta.textFile.replace("{n}", c)));
    })).then(function () {
      var result = {};
      docs.forEach(function (doc) {
        var c = self.chunkOf(doc);
        result[doc] = registry["text-" + c][doc - self.meta.textChunks[c]];
      });
      return result;
    });
  };

  // ---------------------------------------------------------------------------------------
  // 4. The search page

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
    this.engine = new Engine(meta);
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
      ReportSiteSearch.page = page;
      page.start();
    }).catch(function (error) {
      if (status) status.textContent = "搜索索引加载失败：" + error.message + "。";
    });
  }

  window.ReportSiteSearch = {
    add: add,
    tokenize: function (text, mode) {
      return tokenize(text, mode).map(function (t) { return [t.term, t.position]; });
    },
    tokenizeWithOffsets: tokenize,
    termHash: termHash,
    parseQuery: parseQuery,
    page: null
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
