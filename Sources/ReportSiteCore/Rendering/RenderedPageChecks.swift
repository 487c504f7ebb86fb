import Foundation

/// Checks of the rendered pages themselves, after the **render** stage: what no single template
/// or report can see.
enum RenderedPageChecks {
    /// An error for every `id` that a page holds twice: a link to it would reach only the first,
    /// and the HTML is invalid. (Anchors are unique per report; this catches a template, or
    /// content, that makes two equal ids on one page all the same.)
    /// - Parameters:
    ///   - files: the rendered site; only `.html` files are read.
    ///   - displayPath: how the output directory is shown in diagnostics.
    static func duplicateIDs(in files: [OutputFile], displayPath: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for file in files where file.path.hasSuffix(".html") {
            var firstLine: [String: Int] = [:]
            for (id, line) in ids(in: file.data) {
                if let first = firstLine[id] {
                    problems.append(Diagnostic(
                        .error, at: SourceLocation(path: displayPath + "/" + file.path, line: line),
                        "id `\(id)` is already used on line \(first) of this page",
                        hint: "two elements of a page may not share an id; check the templates, and anchors written with `<!-- anchor: … -->`",
                        stage: .render))
                } else {
                    firstLine[id] = line
                }
            }
        }
        return problems
    }

    /// The values of the `id="…"` attributes of an HTML page, with their 1-based lines, found by
    /// scanning the bytes once (the pages are the generator's own, attributes always quoted).
    static func ids(in data: Data) -> [(id: String, line: Int)] {
        let pattern = Array(" id=\"".utf8)
        var found: [(String, Int)] = []
        var line = 1
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A { line += 1 }
                if byte == 0x20 || byte == 0x0A || byte == 0x09, index + pattern.count <= bytes.count,
                   bytes[index + 1] == pattern[1], bytes[index + 2] == pattern[2], bytes[index + 3] == pattern[3], bytes[index + 4] == pattern[4] {
                    let start = index + pattern.count
                    var end = start
                    while end < bytes.count, bytes[end] != 0x22, bytes[end] != 0x0A { end += 1 }
                    if end < bytes.count, bytes[end] == 0x22 {
                        found.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), line))
                    }
                    index = end
                    continue
                }
                index += 1
            }
        }
        return found
    }
}
