/* ReportSite search, 2 of 3: loading the index by script tag, matching and ranking.
 *
 * The index files under search/data/ (SearchIndexFiles.swift) are classic scripts that call
 * ReportSiteSearch.add(name, data). No fetch, no modules, no network, so it works from file://
 * as well as over HTTP. A query loads the term shards of its own terms (which reports hold each
 * term, in how many documents), ranks the reports that hold every term by a cheap bound, and
 * loads their files (texts) a batch at a time, best first; the documents of a loaded report are
 * tokenized here, with the same tokenizer as the build, for positions, phrases and lengths.
 *
 * Needs search-tokenizer.js; defines ReportSiteSearch.add, .load, .registry, .parseQuery,
 * .decodeReports, .deriveAnchor, .Engine.
 */
(function () {
  "use strict";

  var api = window.ReportSiteSearch = window.ReportSiteSearch || {};
  var tokenize = api.tokenizeWithOffsets;
  var termWidth = api.termWidth;
  var termShard = api.termShard;
  var fold = api.fold;
  var isHan = api.isHan;

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
    var part = /["＂“”]([^"＂“”]*)["＂“”]?|[^\s"＂“”]+/g;
    var match;
    while ((match = part.exec(text)) !== null) {
      if (match[1] !== undefined) addGroup(match[1], true);
      else addGroup(match[0], false);
    }
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

  // The digits of numbers in term shards (SearchIndexFiles.digits): the first 32 end a number,
  // the last 32 lead it (base 32, most significant first).
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIGIT = {};
  for (var i = 0; i < DIGITS.length; i++) DIGIT[DIGITS.charAt(i)] = i;

  /** Decodes a term's report list (SearchIndexFiles.encodeReports) into
   *  {reports: [report id, ascending], counts: [documents with the term], df: their sum}. */
  function decodeReports(codes) {
    var reports = [];
    var counts = [];
    var df = 0;
    var i = 0;
    function number() {
      var value = 0;
      for (;;) {
        var d = DIGIT[codes.charAt(i++)];
        if (d >= 32) value = value * 32 + d - 32;
        else return value * 32 + d;
      }
    }
    var report = -1;
    while (i < codes.length) {
      var v = number();
      report += Math.floor(v / 2) + 1;
      var count = v % 2 ? number() + 2 : 1;
      reports.push(report);
      counts.push(count);
      df += count;
    }
    return { reports: reports, counts: counts, df: df };
  }

  /** The report list of `term` in a loaded shard's data ({han, words}), or "". */
  function termCodes(shard, term) {
    var first = term.codePointAt(0);
    if (!isHan(first)) return shard.words.get(term) || "";
    var group = shard.han.get(String.fromCodePoint(first));
    if (!group) return "";
    var second = term.length > String.fromCodePoint(first).length ? term.codePointAt(String.fromCodePoint(first).length) : -1;
    var i = String.fromCodePoint(first).length;
    function codesFrom() {
      var start = i;
      while (i < group.length && DIGIT[group.charAt(i)] !== undefined) i++;
      return group.slice(start, i);
    }
    var own = codesFrom();
    if (second < 0) return own;
    while (i < group.length) {
      var cp = group.codePointAt(i);
      i += cp > 0xffff ? 2 : 1;
      var codes = codesFrom();
      if (cp === second) return codes;
    }
    return "";
  }

  /** A document's anchor from its text and code (SearchIndexFiles.anchorCode): skip
   *  floor(code / 100) code points, keep code % 100 Han characters and ASCII letters and digits
   *  (folded), a run of anything else between two kept ones becoming one "-". */
  function deriveAnchor(text, code) {
    var keep = code % 100;
    var skip = Math.floor(code / 100);
    var out = "";
    var kept = 0;
    var pending = false;
    var n = 0;
    for (var i = 0; i < text.length;) {
      var raw = text.codePointAt(i);
      i += raw > 0xffff ? 2 : 1;
      if (n++ < skip) continue;
      var cp = fold(raw);
      if (isHan(cp) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a)) {
        if (kept === keep) break;
        if (pending && out) out += "-";
        pending = false;
        out += String.fromCodePoint(cp);
        kept++;
      } else {
        pending = true;
      }
    }
    return out;
  }

  /** A report's file data ({groups, docs}, SearchIndexFiles.reportData) as
   *  {docs: [{anchor, text, heading, topics, group}], groups: [{kind, label, anchor}]}. */
  function parseReport(data) {
    var docs = [];
    var groups = [];
    var partLabel = "";
    var d = 0;
    for (var k = 0; k < data.groups.length; k += 2) {
      var kind = data.groups[k];
      var count = data.groups[k + 1];
      var first = data.docs[d];
      var label = "开篇";
      if (kind === 1) label = partLabel = first[1];
      else if (kind === 2) label = partLabel + " › " + first[1];
      var group = { kind: kind, label: label, anchor: "" };
      groups.push(group);
      for (var j = 0; j < count; j++, d++) {
        var e = data.docs[d];
        var anchor = typeof e[0] === "number" ? deriveAnchor(e[1], e[0]) : e[0];
        var heading = kind !== 0 && j === 0;
        if (heading) group.anchor = anchor;
        docs.push({ anchor: anchor, text: e[1], heading: heading, topics: heading ? [] : e.slice(2), group: groups.length - 1 });
      }
    }
    // A heading's topics: those of every passage under it (a part's: to the next part).
    docs.forEach(function (doc, i) {
      if (!doc.heading) return;
      var kind = groups[doc.group].kind;
      var seen = {};
      for (var j = i + 1; j < docs.length; j++) {
        var other = docs[j];
        if (other.heading && (groups[other.group].kind === 1 || kind === 2)) break;
        other.topics.forEach(function (t) { seen[t] = true; });
      }
      doc.topics = Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
    });
    return { docs: docs, groups: groups };
  }

  /** `text` with every code point folded as the tokenizer folds it (for a cheap first test). */
  function foldText(text) {
    var out = "";
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i);
      i += cp > 0xffff ? 2 : 1;
      out += String.fromCodePoint(fold(cp));
    }
    return out;
  }

  /** Occurrences of a group as a phrase in one document: start positions. `positions` gives,
   *  per term, its positions in the document. */
  function phraseStarts(group, positions) {
    var first = group.tokens[0];
    var starts = [];
    positions[first.term].forEach(function (p) {
      var start = p - first.position;
      for (var i = 1; i < group.tokens.length; i++) {
        var t = group.tokens[i];
        if (positions[t.term].indexOf(start + t.position) < 0) return;
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

  function compareHits(a, b) {
    return b.tier - a.tier || b.score - a.score || a.report - b.report || a.doc - b.doc;
  }

  /** Searches the index described by `meta` (meta.js); `root` is the relative path from the
   *  page to the site root, which the index's paths are relative to. */
  function Engine(meta, root) {
    this.meta = meta;
    this.root = root;
    this.shardMaps = {};
    this.reports = {};
    var docs = 0;
    var length = 0;
    meta.reports.forEach(function (r) { docs += r.docs; length += r.length; });
    this.documentCount = docs;
    this.averageLength = docs ? length / docs : 1;
    this.shardsLoaded = {};
    this.reportsLoaded = {};
  }

  Engine.prototype.url = function (path) { return this.root + path; };

  /** A loaded term shard, split: {han: Map first character → its run, words: Map term → list}. */
  Engine.prototype.shard = function (n) {
    if (!this.shardMaps[n]) {
      var data = registry["terms-" + n] || { han: "", words: "" };
      var han = new Map();
      data.han.split("|").forEach(function (run) {
        if (run) han.set(String.fromCodePoint(run.codePointAt(0)), run);
      });
      var words = new Map();
      data.words.split(" ").forEach(function (entry) {
        var equals = entry.indexOf("=");
        if (equals > 0) words.set(entry.slice(0, equals), entry.slice(equals + 1));
      });
      this.shardMaps[n] = { han: han, words: words };
    }
    return this.shardMaps[n];
  };

  /** The report lists of `terms`, loading their shards: {term: decodeReports(…)}. */
  Engine.prototype.termReports = function (terms) {
    var self = this;
    var meta = this.meta;
    var shards = {};
    terms.forEach(function (term) { shards[termShard(term, meta.termShards)] = true; });
    return Promise.all(Object.keys(shards).map(function (n) {
      self.shardsLoaded[n] = true;
      return load("terms-" + n, self.url(meta.termFile.replace("{n}", n)));
    })).then(function () {
      var result = {};
      terms.forEach(function (term) { result[term] = decodeReports(termCodes(self.shard(termShard(term, meta.termShards)), term)); });
      return result;
    });
  };

  /** Report `r`, loading its file: parseReport's {docs, groups}. */
  Engine.prototype.report = function (r) {
    var self = this;
    if (this.reports[r]) return Promise.resolve(this.reports[r]);
    var slug = this.meta.reports[r].slug;
    this.reportsLoaded[r] = true;
    return load("r/" + slug, this.url(this.meta.reportFile.replace("{slug}", slug))).then(function (data) {
      if (!self.reports[r]) self.reports[r] = parseReport(data);
      delete registry["r/" + slug];
      return self.reports[r];
    });
  };

  /** Starts a query; `onlyReport` (an index, or -1) restricts it to one report. Resolves with
   *  a Search once the term shards are in; its next() loads and scores more reports. */
  Engine.prototype.search = function (text, onlyReport) {
    var self = this;
    var groups = parseQuery(text);
    var terms = [];
    groups.forEach(function (g) { g.tokens.forEach(function (t) { if (terms.indexOf(t.term) < 0) terms.push(t.term); }); });
    if (!groups.length) return Promise.resolve(new Search(this, groups, terms, {}, []));
    return this.termReports(terms).then(function (lists) {
      var n = self.documentCount;
      var idf = {};
      terms.forEach(function (t) {
        var df = lists[t].df;
        idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      });
      // Candidate reports: those with every term, by the bound Σ idf × documents with the term.
      var bound = {};
      var counts = {};
      terms.forEach(function (t, k) {
        lists[t].reports.forEach(function (r, i) {
          if (!counts[r]) { counts[r] = 0; bound[r] = 0; }
          counts[r]++;
          bound[r] += idf[t] * lists[t].counts[i];
        });
      });
      var candidates = Object.keys(counts).map(Number).filter(function (r) {
        return counts[r] === terms.length && (onlyReport < 0 || r === onlyReport);
      });
      candidates.sort(function (a, b) { return bound[b] - bound[a] || a - b; });
      return new Search(self, groups, terms, idf, candidates);
    });
  };

  /** One query's results so far. `hits` are the hits of the loaded reports, best first: a hit
   *  is {report, doc, tier, score, starts: per group the positions where it matches as a
   *  phrase, positions: per term its positions in the document}. */
  function Search(engine, groups, terms, idf, candidates) {
    this.engine = engine;
    this.groups = groups;
    this.terms = terms;
    this.idf = idf;
    this.candidates = candidates;
    this.loaded = 0;
    this.hits = [];
    var needles = [];
    terms.forEach(function (t) {
      if (isHan(t.codePointAt(0))) Array.from(t).forEach(function (c) { if (needles.indexOf(c) < 0) needles.push(c); });
      else needles.push(t);
    });
    this.needles = needles;
  }

  Search.prototype.done = function () { return this.loaded >= this.candidates.length; };

  /** Loads and scores the next `count` candidate reports; resolves with this. */
  Search.prototype.next = function (count) {
    var self = this;
    var batch = this.candidates.slice(this.loaded, this.loaded + count);
    return Promise.all(batch.map(function (r) { return self.engine.report(r); })).then(function (reports) {
      batch.forEach(function (r, k) { self.score(r, reports[k]); });
      self.loaded += batch.length;
      self.hits.sort(compareHits);
      return self;
    });
  };

  /** Scores every document of report `r` (parseReport's form) as the index did before it was
   *  split by report: tiers, BM25 per group with phrase counts, proximity. */
  Search.prototype.score = function (r, report) {
    var self = this;
    var groups = this.groups;
    var terms = this.terms;
    var idf = this.idf;
    var averageLength = this.engine.averageLength;
    var wanted = {};
    terms.forEach(function (t) { wanted[t] = true; });
    report.docs.forEach(function (doc, d) {
      if (doc.folded === undefined) doc.folded = foldText(doc.text);
      for (var i = 0; i < self.needles.length; i++) if (doc.folded.indexOf(self.needles[i]) < 0) return;
      var tokens = tokenize(doc.text, "index");
      var positions = {};
      terms.forEach(function (t) { positions[t] = []; });
      tokens.forEach(function (t) { if (wanted[t.term] === true) positions[t.term].push(t.position); });
      for (var k = 0; k < terms.length; k++) if (!positions[terms[k]].length) return;
      var length = tokens.length ? tokens[tokens.length - 1].position + 1 : 0;
      var groupStarts = groups.map(function (g) { return phraseStarts(g, positions); });
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
      var norm = K1 * (1 - B + B * length / averageLength);
      var score = 0;
      groups.forEach(function (g, k) {
        var tf = groupStarts[k].length || Math.min.apply(null, g.tokens.map(function (t) { return positions[t.term].length; }));
        var weight = g.tokens.reduce(function (sum, t) { return sum + idf[t.term]; }, 0);
        score += weight * tf * (K1 + 1) / (tf + norm);
      });
      // Proximity: how tightly the query's terms sit together (1 = as tight as the query).
      var lists = [];
      groups.forEach(function (g) { g.tokens.forEach(function (t) { lists.push(positions[t.term]); }); });
      var span = smallestWindow(lists);
      var ideal = groups.reduce(function (sum, g) { return sum + g.width; }, 0) - 1;
      var proximity = Math.min(1, Math.max(1, ideal) / Math.max(1, span));
      self.hits.push({ report: r, doc: d, tier: tier, score: score * (0.5 + 0.5 * proximity), starts: groupStarts, positions: positions });
    });
  };

  /** The document of a hit: {anchor, text, heading, topics, group}, and its group's label. */
  Engine.prototype.documentOf = function (hit) { return this.reports[hit.report].docs[hit.doc]; };
  Engine.prototype.groupOf = function (hit) {
    var report = this.reports[hit.report];
    return report.groups[report.docs[hit.doc].group];
  };

  api.add = add;
  api.load = load;
  api.registry = registry;
  api.parseQuery = parseQuery;
  api.decodeReports = decodeReports;
  api.deriveAnchor = deriveAnchor;
  api.Engine = Engine;
})();
