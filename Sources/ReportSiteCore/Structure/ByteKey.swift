/// A string as a dictionary key compared and hashed by its UTF-8 bytes, as the browser
/// compares code points: `String`'s own hashing normalises every non-ASCII string to NFC first
/// (a tenth of a one-edit rebuild's time went to it in the search term merge, and 5 % to it in
/// counting keywords). For strings that come from one source, so that equal strings have equal
/// bytes: search terms from ``SearchTokenizer``, keywords as `topics.yml` writes them.
struct ByteKey: Hashable, Sendable {
    var string: String
    init(_ string: String) { self.string = string }

    static func == (a: ByteKey, b: ByteKey) -> Bool { a.string.utf8.elementsEqual(b.string.utf8) }

    func hash(into hasher: inout Hasher) {
        var string = string
        string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
