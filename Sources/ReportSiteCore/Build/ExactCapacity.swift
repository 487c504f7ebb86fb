extension Array {
    /// A copy of the array in storage of its own size. An array grown by appending has up to
    /// twice the room it uses; for arrays kept for the whole build (a report's passages, keyword
    /// matches, figure mentions, word ranking) that room was a tenth of a clean build's heap peak
    /// at 1,000 reports (heaptrack: `_consumeAndCreateNew`, the growth by doubling).
    func exactCapacity() -> [Element] {
        guard capacity > count else { return self }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: self)
        }
    }
}
