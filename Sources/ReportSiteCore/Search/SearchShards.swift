/// Which term shard holds a term, and how many shards a site gets. Mirrored in
/// `Templates/assets/search-tokenizer.js` (`termHash`), tested against the same cases
/// (`Fixtures/tokenizer-cases.json`, `hashes`).
enum SearchShards {
    /// Target size of one term shard, in bytes: the shard count is the smallest power of two
    /// that keeps the average shard at or under it. A query of a four-character word needs
    /// three shards (its bigrams): about 30–40 KB on the ten-report site.
    static let termShardBytes = 24 * 1024
    /// Target size of one chunk of passage texts, in bytes (a chunk holds at least one
    /// document). Twenty results spread over ten reports touch up to twenty chunks, so chunks
    /// are small: at 4 KB the first page of results loads 15–90 KB of text on the ten-report
    /// site, at 16 KB it loaded 50–280 KB.
    static let textChunkBytes = 4 * 1024
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

    /// The shard of `term` among `count` shards.
    static func shard(of term: String, count: Int) -> Int {
        Int(hash(term) % UInt32(max(1, count)))
    }

    /// The number of term shards for an index of `bytes` encoded bytes: a power of two, at
    /// least 1, at most ``maximumTermShards``.
    static func termShardCount(forBytes bytes: Int) -> Int {
        var count = 1
        while count < maximumTermShards && bytes > count * termShardBytes { count *= 2 }
        return count
    }
}
