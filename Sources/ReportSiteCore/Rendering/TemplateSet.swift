import Foundation
import Mustache

/// The Mustache templates of a site: the built-in theme (``BuiltinTheme``) with each of its
/// files replaced by the file of the same path in the site's templates folder, when that folder
/// exists (a site may override only `report.mustache`, or only `assets/style.css`, and add files
/// of its own). Every problem is reported at the file that holds it: a syntax error at
/// `Templates/<file>:line:column` (`(built-in theme)/<file>:…` for a built-in file), a missing
/// page template, a partial or parent (`{{> name}}`, `{{< name}}`) that names no template.
///
/// Template names are paths without `.mustache` (`partials/passage`), as swift-mustache names
/// them. Files under `assets/` are copied to the output as they are.
struct TemplateSet {
    /// The templates every site needs, one per kind of page.
    static let pageTemplates = ["home", "report", "topic", "topic-report", "topics", "search", "404", "figures", "figures-overview", "figures-indicator"]

    let library: MustacheLibrary
    /// Asset files (relative to `assets/`) with their bytes, sorted by path.
    let assets: [(path: String, data: Data)]
    /// Each template's file as diagnostics name it (`Templates/report.mustache`,
    /// `(built-in theme)/partials/nav.mustache`), by template name.
    let files: [String: String]

    /// Loads the theme: `builtin` overridden file by file by `directory`.
    /// - Parameters:
    ///   - directory: the site's templates folder; when it does not exist, the built-in theme
    ///     alone is used (unless `required`).
    ///   - displayPath: how diagnostics name `directory` (`Templates`).
    ///   - required: when true, a missing `directory` is an error (it was named with `--templates`).
    ///   - builtin: the built-in files (tests pass others; none gives the folder alone).
    /// - Returns: the templates, or `nil` when any error was reported to `log`.
    ///
    /// Each template is parsed after a line `{{% CONTENT_TYPE: …}}` (``FastHTMLEscaping``) that
    /// makes its `{{value}}`s escape with ReportSite's byte-level escaping, which gives the same
    /// text as swift-mustache's own; the line is standalone, so it adds nothing to the output.
    static func load(
        directory: URL, displayPath: String, required: Bool = false, builtin: [BuiltinFile] = BuiltinTheme.files,
        log: inout DiagnosticLog
    ) -> TemplateSet? {
        let errorsBefore = log.errors.count
        func display(_ relative: String) -> String { displayPath.isEmpty ? relative : displayPath + "/" + relative }
        let overrides = listFiles(directory)
        if overrides == nil && (required || builtin.isEmpty) {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: displayPath), "templates directory does not exist",
                hint: "leave out --templates to use the built-in theme, or create the folder (`reportsite init --theme` copies the built-in theme into Templates/)",
                stage: .render))
            return nil
        }
        // Every file of the theme: the built-in one, or the folder's file of the same path.
        var sources: [String: (data: Data?, shown: String)] = [:]
        for file in builtin { sources[file.path] = (file.data, BuiltinTheme.displayPath + "/" + file.path) }
        for relative in overrides ?? [] {
            sources[relative] = (FileManager.default.contents(atPath: directory.appendingPathComponent(relative).path), display(relative))
        }
        var templates: [String: MustacheTemplate] = [:]
        var texts: [String: String] = [:]
        var files: [String: String] = [:]
        var assets: [(String, Data)] = []
        var present = Set<String>()
        for (relative, source) in sources.sorted(by: { $0.key < $1.key }) {
            if relative.hasPrefix("assets/") {
                if let data = source.data { assets.append((String(relative.dropFirst(7)), data)) }
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name = String(relative.dropLast(".mustache".count))
            present.insert(name)
            files[name] = source.shown
            guard let data = source.data, let text = String(data: data, encoding: .utf8) else {
                log.report(Diagnostic(.error, at: SourceLocation(path: source.shown), "template is unreadable or not UTF-8", stage: .render))
                continue
            }
            do {
                templates[name] = try MustacheTemplate(string: FastHTMLEscaping.pragmaLine + text)
                texts[name] = text
            } catch let error as MustacheTemplate.ParserError {
                // Line numbers count the pragma line put before the file's own first line.
                var line = max(1, error.context.lineNumber - 1)
                var column = error.context.columnNumber
                var sourceLine = error.context.line
                // A section never closed is reported by swift-mustache at the end of the file;
                // point at the tag that opened it instead.
                if case MustacheTemplate.Error.expectedSectionEnd? = error.error as? MustacheTemplate.Error,
                   let open = unclosedSection(in: text) {
                    (line, column) = (open.line, open.column)
                    sourceLine = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(line - 1).first.map(String.init) ?? sourceLine
                }
                let (message, hint) = describe(error.error)
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: source.shown, line: line, column: column),
                    "Mustache syntax error: \(message)", hint: hint, stage: .render, sourceLine: sourceLine))
            } catch {
                log.report(Diagnostic(.error, at: SourceLocation(path: source.shown), "Mustache syntax error: \(error)", stage: .render))
            }
        }
        for name in pageTemplates where !present.contains(name) {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: display(name + ".mustache")), "template is missing",
                hint: "every site needs \(pageTemplates.map { $0 + ".mustache" }.joined(separator: ", ")); `reportsite init --theme` copies the built-in ones",
                stage: .render))
        }
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            for reference in partialReferences(in: text) where !present.contains(reference.name) {
                log.report(Diagnostic(
                    .error, at: SourceLocation(path: files[name] ?? display(name + ".mustache"), line: reference.line, column: reference.column),
                    "template `\(reference.name)` is missing (no \(display(reference.name + ".mustache")), and the built-in theme has none)",
                    hint: "create that file, or correct the name in this tag",
                    stage: .render, sourceLine: text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(reference.line - 1).first.map(String.init)))
            }
        }
        for cycle in partialCycles(texts) {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: files[cycle.template] ?? display(cycle.template + ".mustache"), line: cycle.line, column: cycle.column),
                "templates include each other in a loop: \(cycle.path.joined(separator: " → "))",
                hint: "a partial cannot include itself, directly or through others; remove one of these tags",
                stage: .render))
        }
        if !assets.contains(where: { $0.0 == "style.css" }) {
            log.report(Diagnostic(
                .error, at: SourceLocation(path: display("assets/style.css")), "the stylesheet is missing",
                hint: "every page links to assets/style.css; `reportsite init --theme` copies the built-in one", stage: .render))
        }
        guard log.errors.count == errorsBefore else { return nil }
        return TemplateSet(library: MustacheLibrary(templates: templates), assets: assets.sorted { $0.0 < $1.0 }, files: files)
    }

    /// Renders `model` with the template `name`.
    func render(_ model: Any, template name: String) -> String? {
        library.render(model, withTemplate: name)
    }

    /// The file of the template `name` as diagnostics name it (`Templates/report.mustache`,
    /// `(built-in theme)/report.mustache`), or `fallback` for a template the theme lacks.
    func file(of name: String, fallback: String) -> String {
        files[name] ?? fallback
    }

    // MARK: - Private

    /// Every regular file below `directory`, as sorted relative paths, leaving out hidden files
    /// and folders (a name starting with `.`); `nil` if it is not a directory. (Also the rule of
    /// `scripts/generate-builtin-theme.py`, which the test of the built-in theme checks.)
    static func listFiles(_ directory: URL) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: directory.path)
        else { return nil }
        var files: [String] = []
        for case let relative as String in enumerator {
            var isDir: ObjCBool = false
            let name = (relative as NSString).lastPathComponent
            let exists = FileManager.default.fileExists(atPath: directory.appendingPathComponent(relative).path, isDirectory: &isDir)
            if name.hasPrefix(".") {
                if isDir.boolValue { enumerator.skipDescendants() }
                continue
            }
            if exists, !isDir.boolValue { files.append(relative) }
        }
        return files.sorted()
    }

    /// The `{{> name}}` and `{{< name}}` tags of a template, with 1-based line and column.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        tags(in: text).filter { ($0.sigil == ">" || $0.sigil == "<") && !$0.name.isEmpty && !$0.name.hasPrefix("*") }
            .map { ($0.name, $0.line, $0.column) }
    }

    /// The message and hint for a swift-mustache parser error.
    private static func describe(_ error: Error) -> (String, String) {
        let sections = "every {{#name}} and {{^name}} needs a matching {{/name}}"
        guard let error = error as? MustacheTemplate.Error else {
            // swift-mustache's scanner throws `overflow` when the text ends inside a tag.
            return ("a tag is not closed before the end of the file", "close it with `}}`")
        }
        switch error {
        case .sectionCloseNameIncorrect: return ("a section is closed with a different name than it was opened with", sections)
        case .unfinishedName: return ("a tag is not finished", "close it with `}}`")
        case .expectedSectionEnd: return ("this section is never closed", sections)
        case .invalidSetDelimiter: return ("the set-delimiter tag is malformed", "write it like {{=<% %>=}}")
        case .transformAppliedToInheritanceSection: return ("a transform cannot be applied to an inheritance section", "remove the transform")
        case .illegalTokenInsideInheritSection: return ("only blocks ({{$name}}) may stand inside a parent tag ({{<name}})", "move other tags into a block")
        case .textInsideInheritSection: return ("text cannot stand inside a parent tag ({{<name}}) outside a block", "move the text into a {{$block}}")
        case .invalidConfigVariableSyntax: return ("the pragma tag is malformed", "write it like {{% CONTENT_TYPE: HTML}}")
        case .unrecognisedConfigVariable: return ("unknown pragma", "the pragma known here is CONTENT_TYPE")
        @unknown default: return ("\(error)", sections)
        }
    }

    /// Every tag of a template: its sigil (`#`, `^`, `/`, `>`, `<`, `$`, `!`, or none), name and position.
    static func tags(in text: String) -> [(sigil: Character?, name: String, line: Int, column: Int)] {
        var tags: [(Character?, String, Int, Int)] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var searchStart = line.startIndex
            while let open = line[searchStart...].range(of: "{{") {
                guard let close = line[open.upperBound...].range(of: "}}") else { break }
                var body = line[open.upperBound..<close.lowerBound]
                if body.hasPrefix("{") { body = body.dropFirst() }
                let tag = body.trimmingWhitespace()
                let sigil = tag.first.flatMap { "#^/><$!&".contains($0) ? $0 : nil }
                let name = (sigil == nil ? tag : String(tag.dropFirst())).trimmingWhitespace()
                tags.append((sigil, name, lineIndex + 1, line[line.startIndex..<open.lowerBound].unicodeScalars.count + 1))
                searchStart = close.upperBound
            }
        }
        return tags
    }

    /// The opening tag of the innermost section left open at the end of `text`, if any.
    static func unclosedSection(in text: String) -> (line: Int, column: Int)? {
        var stack: [(String, Int, Int)] = []
        for tag in tags(in: text) {
            switch tag.sigil {
            case "#", "^", "$", "<": stack.append((tag.name, tag.line, tag.column))
            case "/": if let index = stack.lastIndex(where: { $0.0 == tag.name }) { stack.removeSubrange(index...) }
            default: break
            }
        }
        return stack.last.map { ($0.1, $0.2) }
    }

    /// Loops of templates that include each other (`a → b → a`), each reported once, at the
    /// tag that closes the loop.
    static func partialCycles(_ texts: [String: String]) -> [(template: String, line: Int, column: Int, path: [String])] {
        let references = texts.mapValues { partialReferences(in: $0) }
        var cycles: [(String, Int, Int, [String])] = []
        var reported = Set<String>()
        for start in texts.keys.sorted() {
            // Depth-first search from `start`, with an explicit stack of paths.
            var stack: [[String]] = [[start]]
            var visited = Set<String>()
            while let path = stack.popLast() {
                guard let current = path.last, visited.insert(current).inserted || current == start else { continue }
                for reference in references[current] ?? [] {
                    if reference.name == start {
                        let key = Set(path).sorted().joined(separator: ",")
                        if reported.insert(key).inserted {
                            cycles.append((current, reference.line, reference.column, path + [start]))
                        }
                    } else if !path.contains(reference.name), texts[reference.name] != nil {
                        stack.append(path + [reference.name])
                    }
                }
            }
        }
        return cycles
    }
}
