import Yams

/// A YAML text being read, with what is needed to turn Yams' positions into
/// ``SourceLocation``s: the file's displayed path and the line at which the YAML starts.
///
/// Used for `site.yml`, `topics.yml` and report front matter (whose YAML starts on line 2).
struct YAMLSource {
    /// Displayed path of the file (`Content/site.yml`).
    let path: String
    /// The YAML text.
    let text: String
    /// Lines of the file before the YAML text (1 for front matter after `---`).
    let lineOffset: Int

    /// Parses the text into a Yams node tree.
    ///
    /// - Returns: the root node, or `nil` for an empty document; on a syntax error, `nil` and a
    ///   diagnostic at the line and column libyaml reports (columns in Unicode scalars).
    func compose(stage: BuildStage = .load, into log: inout DiagnosticLog) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            log.report(diagnostic(for: error, stage: stage))
            return nil
        } catch {
            log.report(Diagnostic(.error, at: SourceLocation(path: path), "cannot read YAML: \(error)", stage: stage))
            return nil
        }
    }

    /// The location of a node, shifted by ``lineOffset``.
    func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(path: path, line: lineOffset + 1, column: 1) }
        return location(line: mark.line, column: mark.column)
    }

    /// A location from a 1-based line and column inside the YAML text.
    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: line + lineOffset, column: column)
    }

    /// The source line (for the caret display) of a YAML-relative 1-based line.
    func sourceLine(_ line: Int) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        return String(lines[line - 1]).trimmingCharacters(in: ["\r"])
    }

    /// A diagnostic pointing at `node`.
    func diagnostic(
        _ severity: Severity, at node: Node?, _ message: String, hint: String? = nil, stage: BuildStage = .load
    ) -> Diagnostic {
        let location = location(of: node)
        return Diagnostic(
            severity, at: location, message, hint: hint, stage: stage,
            sourceLine: node?.mark.flatMap { sourceLine($0.line) })
    }

    private func diagnostic(for error: YamlError, stage: BuildStage) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let what = context.map { context in
                let at = context.mark.line == mark.line && context.mark.column == mark.column
                    ? "" : " that begins at line \(context.mark.line + lineOffset), column \(context.mark.column)"
                return "\(context.text)\(at): \(problem)"
            } ?? problem
            // An unclosed `[` or `{` is found where the text runs on (the next line): the
            // mistake is where the bracket opened.
            if let context, context.text.contains("flow"), context.mark.line < mark.line {
                return Diagnostic(
                    .error, at: location(line: context.mark.line, column: context.mark.column), "invalid YAML: \(what)",
                    hint: "the `[` or `{` here is not closed; close it, or put the whole value in quotes if the bracket is part of the text",
                    stage: stage, sourceLine: sourceLine(context.mark.line))
            }
            return Diagnostic(
                .error, at: location(line: mark.line, column: mark.column), "invalid YAML: \(what)",
                hint: "check the indentation and quoting on this line; values containing ': ' or starting with a special character need quotes",
                stage: stage, sourceLine: sourceLine(mark.line))
        case let .duplicatedKeysInMapping(duplicates, context):
            // At the repeated key when it can be found (Yams gives the mapping's start).
            let at = duplicates.first.flatMap { repeatedKey($0, from: context.mark.line) } ?? (context.mark.line, context.mark.column)
            return Diagnostic(
                .error, at: location(line: at.line, column: at.column),
                "invalid YAML: duplicate key \(duplicates.joined(separator: ", "))",
                hint: "each key may appear once in a mapping; remove or merge the repeated one",
                stage: stage, sourceLine: sourceLine(at.line))
        case let .reader(problem, _, _, _):
            return Diagnostic(.error, at: SourceLocation(path: path), "cannot read YAML: \(problem)", stage: stage)
        default:
            return Diagnostic(.error, at: SourceLocation(path: path), "cannot read YAML: \(error)", stage: stage)
        }
    }
}

extension YAMLSource {
    /// Where `key` is written a second time, as a plain `key:` at the indentation of its first
    /// time, from the 1-based `line` on: 1-based line and column in the YAML text. `nil` when
    /// it is not written so (quoted, or in a flow mapping).
    func repeatedKey(_ key: String, from line: Int) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var firstIndent: Int?
        for index in max(0, line - 1)..<lines.count {
            let indent = lines[index].prefix { $0 == " " }.count
            let rest = lines[index].dropFirst(indent)
            guard rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" else { continue }
            guard let first = firstIndent else { firstIndent = indent; continue }
            if indent == first { return (index + 1, indent + 1) }
        }
        return nil
    }
}

extension Node {
    /// The scalar's text, or `nil` when the node is a mapping or a sequence.
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// The mapping's entries whose keys are scalars, in document order.
    var stringKeyedEntries: [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping.compactMap { pair in
            pair.key.scalarText.map { (key: $0, keyNode: pair.key, value: pair.value) }
        }
    }

    /// A short name of the node's shape, for messages: "a mapping", "a list", "text".
    var shapeName: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar: return "text"
        case .alias: return "an alias"
        }
    }
}
