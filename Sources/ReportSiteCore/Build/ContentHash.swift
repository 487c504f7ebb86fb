import Foundation

/// A 64-bit content hash: XXH64 (seed 0), the non-cryptographic hash of the xxHash family
/// (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md).
///
/// Why not SHA-256: the cache only has to notice accidental change, not resist an attacker
/// who controls both the input and the cache folder; XXH64 reads 8 bytes per step (several GB/s,
/// so hashing the Markdown of a 1000-report site takes milliseconds) and needs no dependency.
/// Two different inputs collide with probability about 2⁻⁶⁴; a cache of thousands of entries
/// stays far from that.
///
/// Used as a stream: feed bytes, strings and integers with ``combine(_:)-(Data)`` and friends,
/// then read ``value``. Strings are fed as their UTF-8 bytes preceded by their length, so
/// `["ab", "c"]` and `["a", "bc"]` hash differently.
struct ContentHash {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var lanes: (UInt64, UInt64, UInt64, UInt64)
    /// Bytes not yet consumed by a 32-byte stripe.
    private var buffer: [UInt8] = []
    private var totalLength: UInt64 = 0

    init() {
        lanes = (Self.prime1 &+ Self.prime2, Self.prime2, 0, 0 &- Self.prime1)
        buffer.reserveCapacity(32)
    }

    /// The hash of `data` in one call.
    static func of(_ data: Data) -> UInt64 {
        var hash = ContentHash()
        hash.combine(data)
        return hash.value
    }

    /// The hash of raw bytes in one call (equal to ``of(_:)-(Data)`` of the same bytes).
    static func of(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = ContentHash()
        hash.feed(bytes)
        return hash.value
    }

    /// The hash of a string's UTF-8 bytes (without a length prefix: equal to ``of(_:)-(Data)``
    /// of the same bytes).
    static func of(_ string: String) -> UInt64 {
        var hash = ContentHash()
        var string = string
        string.withUTF8 { hash.feed($0) }
        return hash.value
    }

    /// Feeds raw bytes.
    mutating func combine(_ data: Data) {
        data.withUnsafeBytes { feed(UnsafeBufferPointer(start: $0.bindMemory(to: UInt8.self).baseAddress, count: $0.count)) }
    }

    /// Feeds a string: its UTF-8 length, then its bytes.
    mutating func combine(_ string: String) {
        var string = string
        combine(UInt64(string.utf8.count))
        string.withUTF8 { feed($0) }
    }

    /// Feeds an optional string (a marker, then the string).
    mutating func combine(_ string: String?) {
        if let string { combine(UInt64(1)); combine(string) } else { combine(UInt64(0)) }
    }

    /// Feeds an integer as 8 little-endian bytes.
    mutating func combine(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { feed(UnsafeBufferPointer(start: $0.bindMemory(to: UInt8.self).baseAddress, count: 8)) }
    }

    mutating func combine(_ value: Int) { combine(UInt64(bitPattern: Int64(value))) }

    /// The hash of everything fed so far.
    var value: UInt64 {
        var hash: UInt64
        if totalLength >= 32 {
            hash = lanes.0.rotatedLeft(1) &+ lanes.1.rotatedLeft(7) &+ lanes.2.rotatedLeft(12) &+ lanes.3.rotatedLeft(18)
            hash = Self.mergeRound(hash, lanes.0)
            hash = Self.mergeRound(hash, lanes.1)
            hash = Self.mergeRound(hash, lanes.2)
            hash = Self.mergeRound(hash, lanes.3)
        } else {
            hash = lanes.2 &+ Self.prime5  // lanes.2 is the seed (0) until a stripe is consumed
        }
        hash = hash &+ totalLength
        var index = 0
        while index + 8 <= buffer.count {
            let lane = Self.readUInt64(buffer, index)
            hash ^= Self.round(0, lane)
            hash = hash.rotatedLeft(27) &* Self.prime1 &+ Self.prime4
            index += 8
        }
        if index + 4 <= buffer.count {
            hash ^= UInt64(Self.readUInt32(buffer, index)) &* Self.prime1
            hash = hash.rotatedLeft(23) &* Self.prime2 &+ Self.prime3
            index += 4
        }
        while index < buffer.count {
            hash ^= UInt64(buffer[index]) &* Self.prime5
            hash = hash.rotatedLeft(11) &* Self.prime1
            index += 1
        }
        hash ^= hash >> 33
        hash = hash &* Self.prime2
        hash ^= hash >> 29
        hash = hash &* Self.prime3
        hash ^= hash >> 32
        return hash
    }

    /// ``value`` as 16 lower-case hexadecimal digits (a file name).
    var hex: String { Self.hex(value) }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    // MARK: - Private

    private mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        totalLength &+= UInt64(bytes.count)
        var index = 0
        if !buffer.isEmpty {
            let take = min(32 - buffer.count, bytes.count)
            buffer.append(contentsOf: UnsafeBufferPointer(start: base, count: take))
            index = take
            guard buffer.count == 32 else { return }
            buffer.withUnsafeBufferPointer { stripe($0.baseAddress.map(UnsafeRawPointer.init)) }
            buffer.removeAll(keepingCapacity: true)
        }
        let raw = UnsafeRawPointer(base)
        while index + 32 <= bytes.count {
            stripe(raw + index)
            index += 32
        }
        if index < bytes.count { buffer.append(contentsOf: UnsafeBufferPointer(start: base + index, count: bytes.count - index)) }
    }

    private mutating func stripe(_ pointer: UnsafeRawPointer?) {
        guard let pointer else { return }
        lanes.0 = Self.round(lanes.0, UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 0, as: UInt64.self)))
        lanes.1 = Self.round(lanes.1, UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        lanes.2 = Self.round(lanes.2, UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
        lanes.3 = Self.round(lanes.3, UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
    }

    private static func round(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
        (accumulator &+ lane &* prime2).rotatedLeft(31) &* prime1
    }

    private static func mergeRound(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
        (accumulator ^ round(0, lane)) &* prime1 &+ prime4
    }

    private static func readUInt64(_ bytes: [UInt8], _ index: Int) -> UInt64 {
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
        return value
    }

    private static func readUInt32(_ bytes: [UInt8], _ index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value |= UInt32(bytes[index + offset]) << (8 * UInt32(offset)) }
        return value
    }
}

private extension UInt64 {
    func rotatedLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
