import Foundation

/// Decodes a text file of unknown encoding, and splits it into lines.
///
/// Accepted, in this order of detection:
/// 1. UTF-8 with a byte-order mark; UTF-16 (little or big endian) with a byte-order mark;
/// 2. UTF-8 without a byte-order mark (checked strictly: any invalid byte rules it out);
/// 3. GB18030, which includes GBK and GB2312 (common for Chinese text files). Foundation decodes
///    it here too: swift-corelibs-foundation maps `kCFStringEncodingGB_18030_2000` (0x0632) to the
///    `String.Encoding` raw value 0x8000_0632, which `String(data:encoding:)` accepts on Linux and
///    macOS alike, including the four-byte sequences, and rejects invalid input (tested in
///    `ImportEncodingTests`).
///
/// Line ends may be LF, CRLF or CR (mixed too).
enum TextDecoder {
    /// The text and how it was stored.
    struct Decoded: Equatable {
        var text: String
        /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE with BOM`, `UTF-16BE with BOM` or `GB18030`.
        var encoding: String
    }

    /// GB18030 (and so GBK and GB2312) as a Foundation encoding: `CFStringConvertEncodingToNSStringEncoding(kCFStringEncodingGB_18030_2000)`.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Decodes `data`.
    /// - Throws: a ``Diagnostic`` (stage `import`) for an empty file, a binary file (NUL bytes,
    ///   or neither UTF-8 nor GB18030), naming `path`.
    static func decode(_ data: Data, path: String) throws(Diagnostic) -> Decoded {
        let bytes = [UInt8](data)
        if bytes.isEmpty {
            throw Diagnostic(
                .error, at: SourceLocation(path: path), "file is empty",
                hint: "import the report's text: a UTF-8, UTF-16 or GB18030 text file, or a Word .docx file", stage: .importing)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]), let text = String(data: data.dropFirst(3), encoding: .utf8) {
            return try checked(Decoded(text: text, encoding: "UTF-8 with BOM"), path: path)
        }
        if bytes.starts(with: [0xFF, 0xFE]), bytes.count % 2 == 0,
           let text = String(data: data.dropFirst(2), encoding: .utf16LittleEndian) {
            return try checked(Decoded(text: text, encoding: "UTF-16LE with BOM"), path: path)
        }
        if bytes.starts(with: [0xFE, 0xFF]), bytes.count % 2 == 0,
           let text = String(data: data.dropFirst(2), encoding: .utf16BigEndian) {
            return try checked(Decoded(text: text, encoding: "UTF-16BE with BOM"), path: path)
        }
        if bytes.contains(0) {
            throw binary(path, "it contains NUL bytes")
        }
        if let text = String(data: data, encoding: .utf8) {
            return try checked(Decoded(text: text, encoding: "UTF-8"), path: path)
        }
        if let text = String(data: data, encoding: gb18030) {
            return try checked(Decoded(text: text, encoding: "GB18030"), path: path)
        }
        throw binary(path, "it is neither UTF-8, UTF-16 with a byte-order mark, nor GB18030/GBK")
    }

    /// The lines of `text`, split at LF, CRLF or CR, without their line ends; a final line end
    /// does not make an extra empty line. Also says which line ends were found (`LF`, `CRLF`,
    /// `CR`, joined with `+` when mixed).
    static func lines(_ text: String) -> (lines: [String], lineEnds: String) {
        var lines: [String] = []
        var current = ""
        var kinds: [String] = []
        func note(_ kind: String) { if !kinds.contains(kind) { kinds.append(kind) } }
        // Characters: Swift treats "\r\n" as one Character.
        for character in text {
            switch character {
            case "\r\n": note("CRLF"); lines.append(current); current = ""
            case "\n": note("LF"); lines.append(current); current = ""
            case "\r": note("CR"); lines.append(current); current = ""
            default: current.append(character)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return (lines, kinds.isEmpty ? "none" : kinds.joined(separator: "+"))
    }

    // MARK: - Private

    /// Rejects decoded text that is mostly control characters (a binary file that happens to be
    /// valid in some encoding).
    private static func checked(_ decoded: Decoded, path: String) throws(Diagnostic) -> Decoded {
        let scalars = decoded.text.unicodeScalars
        let control = scalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" || $0.value == 0xFFFD }.count
        if control > 0 && control * 20 > scalars.count {
            throw binary(path, "\(control) of its \(scalars.count) characters are control characters")
        }
        return decoded
    }

    private static func binary(_ path: String, _ why: String) -> Diagnostic {
        Diagnostic(
            .error, at: SourceLocation(path: path), "file is not text: \(why)",
            hint: "save the report as plain text (UTF-8, UTF-16 or GB18030) or as a Word .docx file, and import that",
            stage: .importing)
    }
}
