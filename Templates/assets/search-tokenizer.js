/* ReportSite search, 1 of 3: the tokenizer, twin of
 * Sources/ReportSiteCore/Search/SearchTokenizer.swift (with the folding of TextFolding.swift)
 * and of the term hash in SearchShards.swift. Both are tested against the same cases,
 * Tests/ReportSiteCoreTests/Fixtures/tokenizer-cases.json: change them together.
 *
 * Classic script; defines ReportSiteSearch.tokenize, .tokenizeWithOffsets, .termWidth, .termHash,
 * .termShard, .fold, .isHan.
 */
(function () {
  "use strict";

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

  /** The term shard of `term` among `count` (SearchShards.shard): a Han term goes by its
   *  first character, any other term by itself. */
  function termShard(term, count) {
    var first = term.codePointAt(0);
    return termHash(isHan(first) ? String.fromCodePoint(first) : term) % count;
  }

  var api = window.ReportSiteSearch = window.ReportSiteSearch || {};
  /** Tokens as [term, position] pairs: the form of the shared test cases. */
  api.tokenize = function (text, mode) {
    return tokenize(text, mode).map(function (t) { return [t.term, t.position]; });
  };
  api.tokenizeWithOffsets = tokenize;
  api.termWidth = termWidth;
  api.termHash = termHash;
  api.termShard = termShard;
  api.fold = fold;
  api.isHan = isHan;
})();
