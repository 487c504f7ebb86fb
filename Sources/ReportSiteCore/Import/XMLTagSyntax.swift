import Foundation

/// A check of the tag syntax of an XML file before Foundation's `XMLParser` reads it.
///
/// Foundation's parser on Linux traps (the process dies) on some malformed start tags, such as
/// an attribute whose quotes do not pair (`<w:p a="1" b2" c="3">`), found by fuzzing the import
/// of damaged Word files. This scan finds such a tag first, so the import reports the damage
/// instead. It checks tags only (names, attributes, quotes), not nesting, which the parser
/// reports itself.
enum XMLTagSyntax {
    /// The 1-based line of the first malformed tag, or `nil` when every tag is well formed.
    static func firstMalformedTagLine(in data: Data) -> Int? {
        let bytes = [UInt8](data)
        var line = 1
        var index = 0
        func isNameByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x3A || byte == 0x5F || byte == 0x2D || byte == 0x2E
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        func skip(to terminator: [UInt8]) -> Bool {
            while index + terminator.count <= bytes.count {
                if Array(bytes[index..<index + terminator.count]) == terminator { index += terminator.count; return true }
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
            return false
        }
        func skipSpaces() { while index < bytes.count, isSpace(bytes[index]) { if bytes[index] == 0x0A { line += 1 }; index += 1 } }
        func name() -> Bool {
            let start = index
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            return index > start
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            guard byte == 0x3C else { index += 1; continue }  // '<'
            let tagLine = line
            index += 1
            let rest = bytes[index...]
            if rest.starts(with: Array("?".utf8)) {
                guard skip(to: Array("?>".utf8)) else { return tagLine }
            } else if rest.starts(with: Array("!--".utf8)) {
                guard skip(to: Array("-->".utf8)) else { return tagLine }
            } else if rest.starts(with: Array("![CDATA[".utf8)) {
                guard skip(to: Array("]]>".utf8)) else { return tagLine }
            } else if rest.starts(with: Array("!".utf8)) {
                guard skip(to: Array(">".utf8)) else { return tagLine }
            } else if rest.starts(with: Array("/".utf8)) {
                index += 1
                guard name() else { return tagLine }
                skipSpaces()
                guard index < bytes.count, bytes[index] == 0x3E else { return tagLine }
                index += 1
            } else {
                guard name() else { return tagLine }
                while true {
                    let hadSpace = index < bytes.count && isSpace(bytes[index])
                    skipSpaces()
                    guard index < bytes.count else { return tagLine }
                    if bytes[index] == 0x3E { index += 1; break }  // '>'
                    if bytes[index] == 0x2F {  // '/>'
                        guard index + 1 < bytes.count, bytes[index + 1] == 0x3E else { return tagLine }
                        index += 2
                        break
                    }
                    guard hadSpace, name() else { return tagLine }
                    skipSpaces()
                    guard index < bytes.count, bytes[index] == 0x3D else { return tagLine }  // '='
                    index += 1
                    skipSpaces()
                    guard index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 else { return tagLine }
                    let quote = bytes[index]
                    index += 1
                    while index < bytes.count, bytes[index] != quote {
                        if bytes[index] == 0x3C { return tagLine }  // '<' in a value
                        if bytes[index] == 0x0A { line += 1 }
                        index += 1
                    }
                    guard index < bytes.count else { return tagLine }
                    index += 1
                }
            }
        }
        return nil
    }
}
