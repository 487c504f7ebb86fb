/// Which term shard holds a term, and how many shards a site gets. Mirrored in
/// `Templates/assets/search-tokenizer.js` (`termHash`, `termShard`), tested against the same
/// cases (`Fixtures/tokenizer-cases.json`, `hashes`).
///
/// A Han term (one character or a pair) goes by its first character, so that a character and
/// the pairs it starts share a shard and a pair is written as its second character only
/// (``SearchIndexFiles/termShardData(_:table:)``); any other term goes by itself.
enum SearchShards {
    /// Target size of one term shard, in bytes: the shard count is the smallest power of two
    /// that keeps the average shard at or under it. A query of a four-character word needs
    /// up to three shards (its pairs' first characters).
    static let termShardBytes = 24 * 1024
    /// At most this many term shards, however large the site.
    static let maximumTermShards = 4096

    /// 32-bit FNV-1a over the term's Unicode scalar values (one step per scalar, not per byte,
    /// so the browser can hash code points without encoding UTF-8).
    static func hash(_ term: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for scalar in term.unicodeScalars {
            hash ^= scalar.value
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// True when `term` is a Han term: one Han character or a pair (its first scalar is Han;
    /// the tokenizer never makes a word that starts with one).
    static func isHanTerm(_ term: String) -> Bool {
        term.unicodeScalars.first.map(SearchTokenizer.isHan) ?? false
    }

    /// What decides a term's shard: its first character for a Han term, else the term.
    static func shardKey(of term: String) -> String {
        isHanTerm(term) ? String(term.unicodeScalars.first!) : term
    }

    /// The shard of `term` among `count` shards: the hash of its ``shardKey(of:)``.
    static func shard(of term: String, count: Int) -> Int {
        Int(hash(shardKey(of: term)) % UInt32(max(1, count)))
    }

    /// The number of term shards for an index of `bytes` encoded bytes: a power of two, at
    /// least 1, at most ``maximumTermShards``.
    static func termShardCount(forBytes bytes: Int) -> Int {
        var count = 1
        while count < maximumTermShards && bytes > count * termShardBytes { count *= 2 }
        return count
    }
}
