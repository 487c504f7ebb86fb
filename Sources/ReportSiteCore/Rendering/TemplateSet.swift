import Foundation
import Mustache

/// The Mustache templates of a site, loaded from the templates directory with every problem
/// reported: a syntax error at `Templates/<file>:line:column`, a missing page template, a
/// partial or parent (`{{> name}}`, `{{< name}}`) that names no template.
///
/// Template names are paths without `.mustache` (`partials/passage`), as swift-mustache names
/// them. Files under `assets/` are copied to the output as they are.
struct TemplateSet {
    /// The templates every site needs, one per kind of page.
    static let pageTemplates = ["home", "report", "topic", "topics", "search"]

    let library: MustacheLibrary
    /// Asset files (relative to `assets/`) with their bytes, sorted by path.
    let assets: [(path: String, data: Data)]

    /// Loads `directory`; returns `nil` when any error was reported to `log`.
    static func load(directory: URL, displayPath: String, log: inout DiagnosticLog) -> TemplateSet? {
        let errorsBefore = log.errors.count
        func display(_ relative: String) -> String { displayPath.isEmpty ? relative : displayPath + "/" + relative }
        let files = listFiles(directory)
        guard files != nil else {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: displayPath), "templates directory does not exist",
                hint: "run from the folder that holds Templates/, or pass --templates DIR", stage: .render))
            return nil
        }
        var templates: [String: MustacheTemplate] = [:]
        var texts: [String: String] = [:]
        var assets: [(String, Data)] = []
        var present = Set<String>()
        for relative in files ?? [] {
            let url = directory.appendingPathComponent(relative)
            if relative.hasPrefix("assets/") {
                if let data = FileManager.default.contents(atPath: url.path) { assets.append((String(relative.dropFirst(7)), data)) }
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name = String(relative.dropLast(".mustache".count))
            present.insert(name)
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                log.report(Diagnostic(.error, at: SourceLocation(path: display(relative)), "template is unreadable or not UTF-8", stage: .render))
                continue
            }
            do {
                templates[name] = try MustacheTemplate(string: text)
                texts[name] = text
            } catch let error as MustacheTemplate.ParserError {
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: display(relative), line: error.context.lineNumber, column: error.context.columnNumber),
                    "Mustache syntax error: \(describe(error.error))", hint: "check that every {{#section}} and {{^section}} is closed by a matching {{/section}}",
                    stage: .render, sourceLine: error.context.line))
            } catch {
                log.report(Diagnostic(.error, at: SourceLocation(path: display(relative)), "Mustache syntax error: \(error)", stage: .render))
            }
        }
        for name in pageTemplates where !present.contains(name) {
            do {
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: display(name + ".mustache")), "template is missing",
                    hint: "every site needs \(pageTemplates.map { $0 + ".mustache" }.joined(separator: ", ")); copy it from ReportSite's Templates/",
                    stage: .render))
            }
        }
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            for reference in partialReferences(in: text) where !present.contains(reference.name) {
                let relative = name + ".mustache"
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: display(relative), line: reference.line, column: reference.column),
                    "template `\(reference.name)` is missing (no \(display(reference.name + ".mustache")))",
                    hint: "create that file, or correct the name in this tag",
                    stage: .render, sourceLine: text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(reference.line - 1).first.map(String.init)))
            }
        }
        guard log.errors.count == errorsBefore else { return nil }
        return TemplateSet(library: MustacheLibrary(templates: templates), assets: assets.sorted { $0.0 < $1.0 })
    }

    /// Renders `model` with the template `name`.
    func render(_ model: Any, template name: String) -> String? {
        library.render(model, withTemplate: name)
    }

    // MARK: - Private

    /// Every regular file below `directory`, as sorted relative paths; `nil` if it is not a directory.
    private static func listFiles(_ directory: URL) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: directory.path)
        else { return nil }
        var files: [String] = []
        for case let relative as String in enumerator {
            var isDir: ObjCBool = false
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(relative).path, isDirectory: &isDir), !isDir.boolValue {
                files.append(relative)
            }
        }
        return files.sorted()
    }

    /// The `{{> name}}` and `{{< name}}` tags of a template, with 1-based line and column.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var references: [(String, Int, Int)] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var searchStart = line.startIndex
            while let open = line[searchStart...].range(of: "{{") {
                guard let close = line[open.upperBound...].range(of: "}}") else { break }
                let tag = line[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if let sigil = tag.first, sigil == ">" || sigil == "<" {
                    let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty && !name.hasPrefix("*") {
                        let column = line[line.startIndex..<open.lowerBound].unicodeScalars.count + 1
                        references.append((name, lineIndex + 1, column))
                    }
                }
                searchStart = close.upperBound
            }
        }
        return references
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not finished (missing `}}`)"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "the set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only blocks ({{$name}}) may stand inside a parent tag ({{<name}})"
        case .textInsideInheritSection: return "text cannot stand inside a parent tag ({{<name}}) outside a block"
        case .invalidConfigVariableSyntax: return "the pragma tag is malformed"
        case .unrecognisedConfigVariable: return "unknown pragma"
        @unknown default: return "\(error)"
        }
    }
}
