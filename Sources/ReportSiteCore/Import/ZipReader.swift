import Foundation
import ZIPFoundation

/// A small, bounded reader of the entries of a zip archive held in memory (a Word `.docx`).
///
/// ZIPFoundation's `Archive` trapped (in-memory) or looped forever (from a file) on damaged
/// archives whose sizes or offsets point past the data, found by fuzzing the import. This reader
/// checks every offset and size against the bytes it has, and inflates with ZIPFoundation's
/// `Data.decompress` fed by a provider that stops at the end of the entry's bytes, so a damaged
/// file is an error, never a trap or a hang. ZIP64 and encrypted entries are not supported (a
/// `.docx` uses neither).
struct ZipReader {
    /// Why an archive or entry cannot be read.
    enum Failure: Error, Equatable {
        /// No end-of-central-directory record: not a zip archive.
        case notAZip
        /// An offset, size or signature that does not fit the data.
        case damaged(String)
    }

    /// One entry of the central directory.
    struct Entry {
        let name: String
        let method: UInt16
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    /// Uncompressed bytes at most per entry (a report's document.xml is well under 10 MB).
    static let maximumEntrySize = 256 << 20

    let bytes: [UInt8]
    /// The entries, in central-directory order.
    let entries: [Entry]

    /// Reads the central directory of `data`.
    /// - Throws: ``Failure`` when `data` is not a zip archive or its directory is damaged.
    init(_ data: Data) throws(Failure) {
        bytes = [UInt8](data)
        entries = try Self.centralDirectory(bytes)
    }

    /// The uncompressed bytes of the entry `name`, or `nil` when there is no such entry.
    /// - Throws: ``Failure/damaged(_:)`` when the entry's data does not fit or does not inflate.
    func extract(_ name: String) throws(Failure) -> Data? {
        guard let entry = entries.first(where: { $0.name == name }) else { return nil }
        let header = entry.localHeaderOffset
        guard header >= 0, header + 30 <= bytes.count, Self.uint32(bytes, header) == 0x0403_4B50 else {
            throw .damaged("the local header of \(name) is missing")
        }
        let start = header + 30 + Int(Self.uint16(bytes, header + 26)) + Int(Self.uint16(bytes, header + 28))
        guard entry.compressedSize >= 0, start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw .damaged("the data of \(name) runs past the end of the file")
        }
        let compressed = Data(bytes[start..<start + entry.compressedSize])
        switch entry.method {
        case 0:
            return compressed
        case 8:
            var output = Data()
            do {
                _ = try Data.decompress(
                    size: Int64(compressed.count), bufferSize: 64 * 1024, skipCRC32: true,
                    provider: { position, size in
                        let from = Int(position)
                        guard from < compressed.count else { throw Failure.damaged("the compressed data of \(name) ends too early") }
                        return compressed.subdata(in: from..<min(from + size, compressed.count))
                    },
                    consumer: { chunk in
                        output.append(chunk)
                        if output.count > Self.maximumEntrySize { throw Failure.damaged("\(name) is larger than \(Self.maximumEntrySize >> 20) MB") }
                    })
            } catch let failure as Failure {
                throw failure
            } catch {
                throw .damaged("\(name) does not inflate: \(error)")
            }
            return output
        default:
            throw .damaged("\(name) uses compression method \(entry.method), which is not supported")
        }
    }

    // MARK: - Private

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    private static func centralDirectory(_ bytes: [UInt8]) throws(Failure) -> [Entry] {
        // The end-of-central-directory record: 22 bytes and a comment of up to 65,535.
        guard bytes.count >= 22 else { throw .notAZip }
        var eocd: Int?
        var offset = bytes.count - 22
        while offset >= max(0, bytes.count - 22 - 65_535) {
            if uint32(bytes, offset) == 0x0605_4B50 { eocd = offset; break }
            offset -= 1
        }
        guard let eocd else { throw .notAZip }
        let count = Int(uint16(bytes, eocd + 10))
        let size = Int(uint32(bytes, eocd + 12))
        let start = Int(uint32(bytes, eocd + 16))
        guard start <= eocd, size <= eocd - start else { throw .damaged("the central directory lies outside the file") }
        var entries: [Entry] = []
        var position = start
        for _ in 0..<count {
            guard position + 46 <= bytes.count, uint32(bytes, position) == 0x0201_4B50 else {
                throw .damaged("the central directory is cut short")
            }
            let nameLength = Int(uint16(bytes, position + 28))
            let extraLength = Int(uint16(bytes, position + 30))
            let commentLength = Int(uint16(bytes, position + 32))
            guard position + 46 + nameLength <= bytes.count else { throw .damaged("an entry's name runs past the end of the file") }
            let compressed = uint32(bytes, position + 20), uncompressed = uint32(bytes, position + 24), local = uint32(bytes, position + 42)
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else {
                throw .damaged("ZIP64 archives are not supported")
            }
            guard uint16(bytes, position + 8) & 1 == 0 else { throw .damaged("encrypted entries are not supported") }
            entries.append(Entry(
                name: String(decoding: bytes[position + 46..<position + 46 + nameLength], as: UTF8.self),
                method: uint16(bytes, position + 10), compressedSize: Int(compressed), uncompressedSize: Int(uncompressed),
                localHeaderOffset: Int(local)))
            position += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }
}
