/* ReportSite search, 2 of 3: loading the index by script tag, matching and ranking.
 *
 * The index files under search/data/ (SearchIndexFiles.swift) are classic scripts that call
 * ReportSiteSearch.add(name, data). No fetch, no modules, no network: a query loads only the
 * term shards of its own terms, and the text chunks of the results it shows, so it works from
 * file:// as well as over HTTP.
 *
 * Needs search-tokenizer.js; defines ReportSiteSearch.add, .load, .registry, .parseQuery, .Engine.
 */
(function () {
  "use strict";

  var api = window.ReportSiteSearch = window.ReportSiteSearch || {};
  var tokenize = api.tokenizeWithOffsets;
  var termWidth = api.termWidth;
  var termHash = api.termHash;

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

  /** Searches the index described by `meta` (meta.js); `root` is the relative path from the
   *  page to the site root, which the index's paths are relative to. */
  function Engine(meta, root) {
    this.meta = meta;
    this.root = root;
    this.decoded = {};
    this.shardMaps = {};
    var total = 0;
    meta.docLength.forEach(function (n) { total += n; });
    this.averageLength = meta.docLength.length ? total / meta.docLength.length : 1;
    this.shardsLoaded = {};
    this.chunksLoaded = {};
  }

  Engine.prototype.url = function (path) { return this.root + path; };

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


  api.add = add;
  api.load = load;
  api.registry = registry;
  api.parseQuery = parseQuery;
  api.Engine = Engine;
})();
