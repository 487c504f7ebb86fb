/// `text` as a JSON string literal, `"…"`: `"`, `\` and control characters escaped, and U+2028
/// and U+2029 too, so the literal is valid JavaScript as well (the search index's data files
/// are scripts); everything else as it is (UTF-8). Used by the search index and the figures data.
func jsonStringLiteral(_ text: String) -> String {
    // On the UTF-8 bytes, copying what needs no escape as it is: every byte that is escaped is
    // ASCII, but U+2028 and U+2029 (E2 80 A8, E2 80 A9). Appending scalar by scalar was a
    // twentieth of a rebuild's time (the search index's shards are large string literals).
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = [UInt8(ascii: "\"")]
    var text = text
    text.withUTF8 { bytes in
        out.reserveCapacity(bytes.count + 2)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                out.append(contentsOf: Array((bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                index += 3
                continue
            default:
                out.append(byte)
            }
            index += 1
        }
    }
    out.append(UInt8(ascii: "\""))
    return String(decoding: out, as: UTF8.self)
}
