import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compact, deterministic binary form for the build cache: integers as LEB128 varints
/// (signed ones zig-zag encoded), strings as their UTF-8 length and bytes, doubles as their
/// 8-byte bit pattern, arrays as a count and their elements.
///
/// Hand-written for each cached type (`ReportCache+Coding.swift`) rather than `Codable`: a
/// generic `Codable` coder spends most of its time in containers and existentials, and the
/// point of the cache is to be much faster than parsing the Markdown again. The price is that
/// a field added to a cached type must be added to its coding too; the test
/// `cacheRoundTripKeepsEveryField` compares a decoded report with the original field by field
/// (by their `dump`) and fails when one is forgotten.
protocol BinaryCodable {
    func encode(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws
}

/// Appends values to a byte buffer.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    /// A writer with room for `capacity` bytes before it grows.
    init(capacity: Int = 64 * 1024) { bytes.reserveCapacity(capacity) }

    var data: Data { Data(bytes) }

    /// The bytes followed by their ``ContentHash`` (8 bytes, little-endian): what every cache
    /// file holds, so that ``BinaryReader/init(sealed:)`` notices any changed byte. Without it a
    /// flipped byte inside a report's text decoded as another character and was published
    /// (found by a trial).
    var sealedData: Data {
        var sealed = Data(bytes)
        withUnsafeBytes(of: ContentHash.of(sealed).littleEndian) { sealed.append(contentsOf: $0) }
        return sealed
    }

    /// ``sealedData`` in place: the hash appended to ``bytes`` (no copy of a large file's bytes
    /// into a `Data`; the terms cache of 1,000 reports is 12 MB). Write nothing after it.
    mutating func seal() {
        let hash = bytes.withUnsafeBufferPointer { ContentHash.of(bytes: $0) }
        withUnsafeBytes(of: hash.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func write(_ value: Int) {
        let signed = Int64(value)
        write(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
    }

    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            write(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }

    mutating func write(_ value: Int?) {
        write(value != nil)
        if let value { write(value) }
    }

    mutating func write<T: BinaryCodable>(_ value: T) { value.encode(to: &self) }

    mutating func write<T: BinaryCodable>(_ value: T?) {
        write(value != nil)
        if let value { value.encode(to: &self) }
    }

    mutating func write<T: BinaryCodable>(_ values: [T]) {
        write(UInt64(values.count))
        for value in values { value.encode(to: &self) }
    }

    /// The rarely read byte strings written by ``write(spillable:)``, with where their bytes
    /// lie in ``bytes``: the cache spills them to the file it writes (``SpillableBytes``).
    private(set) var spillables: [(bytes: SpillableBytes, range: Range<Int>)] = []

    /// A rarely read byte string (``SpillableBytes``), written as ``write(bytes:)`` writes one.
    /// A `nil` or unreadable one is written empty.
    mutating func write(spillable: SpillableBytes?) {
        let values = spillable?.read() ?? []
        write(bytes: values)
        if let spillable { spillables.append((spillable, (bytes.count - values.count)..<bytes.count)) }
    }

    /// A byte string: its length, then the bytes.
    mutating func write(bytes values: [UInt8]) {
        write(UInt64(values.count))
        bytes.append(contentsOf: values)
    }

    mutating func write(_ values: [String]) {
        write(UInt64(values.count))
        for value in values { write(value) }
    }
}

/// Reads what a ``BinaryWriter`` wrote, in the same order; throws on truncated or malformed
/// bytes (a damaged cache file is then treated as a cache miss).
struct BinaryReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    /// Where the values end in ``bytes`` (before a seal's hash).
    private let end: Int
    /// Bytes read so far.
    private(set) var position = 0
    /// The last string ``readRepeatedString()`` returned.
    private var lastRepeated: String?
    /// The file these bytes were read from, when the byte strings of ``readSpillable()`` are to
    /// be left there (a spilling cache's entry); `nil` to copy them.
    var spillPath: String?
    /// Where a spilled byte string that cannot be read back is noted (with ``spillPath``).
    var spillFailures: UnreadableEntries?

    init(_ data: Data) { self.init(bytes: [UInt8](data)) }

    /// A reader of bytes without a seal (a part of a sealed file, checked with it).
    init(unsealed bytes: [UInt8]) { self.init(bytes: bytes) }

    private init(bytes: [UInt8], end: Int? = nil) {
        self.bytes = bytes
        self.end = end ?? bytes.count
    }

    /// A reader of what ``BinaryWriter/sealedData`` wrote; throws ``Malformed`` when the last 8
    /// bytes are not the hash of the others.
    init(sealed data: Data) throws {
        try self.init(sealedBytes: [UInt8](data))
    }

    /// ``init(sealed:)`` of bytes already in an array (read with ``BinaryReader/contents(atPath:)``:
    /// no second copy of the file).
    init(sealedBytes sealed: [UInt8]) throws {
        guard sealed.count >= 8 else { throw Malformed() }
        let end = sealed.count - 8
        let stored = sealed[end...].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        // The hash read from the bytes in place, and the reader stopping before it: cutting the
        // hash off the array copied every cache entry once more.
        guard sealed.withUnsafeBufferPointer({ ContentHash.of(bytes: UnsafeBufferPointer(rebasing: $0[..<end])) }) == stored else { throw Malformed() }
        self.init(bytes: sealed, end: end)
    }

    var isAtEnd: Bool { position == end }

    /// The bytes of the regular file at `path` read straight into an array, or `nil`
    /// (`FileManager.contents` gives `Data`, which the reader copied again into its array:
    /// the cache entries of 1,000 reports are 300 MB).
    static func contents(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let got = systemRead(descriptor, buffer.baseAddress! + done, size - done)
                if got <= 0 { failed = got < 0; break }
                done += got
            }
            count = done
        }
        return failed ? nil : bytes
    }

    mutating func readUInt64() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end, shift < 64 else { throw Malformed() }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func readInt() throws -> Int {
        let raw = try readUInt64()
        let value = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
        guard let int = Int(exactly: value) else { throw Malformed() }
        return int
    }

    mutating func readBool() throws -> Bool {
        guard position < end, bytes[position] <= 1 else { throw Malformed() }
        defer { position += 1 }
        return bytes[position] == 1
    }

    mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }

    mutating func readString() throws -> String {
        let count = try readCount()
        guard count <= end - position else { throw Malformed() }
        let string = bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<(position + count)]), as: UTF8.self)
        }
        position += count
        return string
    }

    /// ``readString()`` of a string that is often the one read by the last call (a source
    /// location's path: every passage and heading of a report names the same file): then that
    /// string is returned again, not a new copy (one allocation and UTF-8 check per passage).
    mutating func readRepeatedString() throws -> String {
        let start = position
        let count = try readCount()
        guard count <= end - position else { throw Malformed() }
        if let last = lastRepeated, last.utf8.count == count, last.utf8.elementsEqual(bytes[position..<(position + count)]) {
            position += count
            return last
        }
        position = start
        let string = try readString()
        lastRepeated = string
        return string
    }

    mutating func readOptionalString() throws -> String? { try readBool() ? try readString() : nil }

    mutating func readOptionalInt() throws -> Int? { try readBool() ? try readInt() : nil }

    mutating func read<T: BinaryCodable>(_ type: T.Type = T.self) throws -> T { try T(from: &self) }

    mutating func readOptional<T: BinaryCodable>(_ type: T.Type = T.self) throws -> T? {
        try readBool() ? try T(from: &self) : nil
    }

    mutating func readArray<T: BinaryCodable>(_ type: T.Type = T.self) throws -> [T] {
        let count = try readCount()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try T(from: &self)) }
        return values
    }

    /// A byte string written by ``BinaryWriter/write(bytes:)``.
    mutating func readBytes() throws -> [UInt8] {
        let count = try readCount()
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// A byte string written by ``BinaryWriter/write(spillable:)``: left in the file when the
    /// reader has a ``spillPath`` (only where it lies is kept), else copied.
    mutating func readSpillable() throws -> SpillableBytes {
        let count = try readCount()
        let range = position..<(position + count)
        position = range.upperBound
        guard let spillPath else { return SpillableBytes(Array(bytes[range])) }
        return SpillableBytes(path: spillPath, range: range, failures: spillFailures)
    }

    /// Skips a byte string written by ``BinaryWriter/write(bytes:)``.
    mutating func skipBytes() throws {
        position += try readCount()
    }

    mutating func readStrings() throws -> [String] {
        let count = try readCount()
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readString()) }
        return values
    }

    /// A count, checked against the bytes left (every element takes at least one byte).
    mutating func readCount() throws -> Int {
        let count = try readUInt64()
        guard count <= UInt64(end - position) else { throw Malformed() }
        return Int(count)
    }
}

/// `read(2)` (a free function here: inside ``BinaryReader`` the name is its own method's).
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
