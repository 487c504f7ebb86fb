/// "Did you mean …?" for diagnostics: the known name nearest to a misspelt one, chosen the same
/// way on every run whatever order the candidates come in (a `Set`'s or a `Dictionary`'s order
/// changes from process to process), so the same input always prints the same message.
enum Suggestion {
    /// The candidate nearest to `text`, or `nil` when none is within `maximumDistance`.
    ///
    /// - Parameters:
    ///   - text: the name as written.
    ///   - candidates: the known names, in any order.
    ///   - maximumDistance: the largest edit distance (``editDistance(_:_:)``, in characters)
    ///     still worth suggesting.
    /// - Returns: the candidate with the smallest edit distance; among equals, the one whose
    ///   length is nearest to `text`'s, then the first in code-point order (`part1` before `part2`).
    static func nearest<S: Sequence>(to text: String, among candidates: S, maximumDistance: Int) -> String? where S.Element == String {
        var best: Ranked?
        for candidate in candidates {
            let distance = editDistance(candidate, text)
            guard distance <= maximumDistance else { continue }
            let ranked = Ranked(distance: distance, lengthGap: abs(candidate.count - text.count), name: candidate)
            if let current = best, !ranked.precedes(current) { continue }
            best = ranked
        }
        return best?.name
    }

    // MARK: - Private

    /// A candidate with what ranks it.
    private struct Ranked {
        var distance: Int
        var lengthGap: Int
        var name: String

        /// Nearer first, then closer in length, then code-point order of the names (not
        /// `String`'s `<`, which calls canonically equivalent names equal and so would leave
        /// the tie to the candidates' order).
        func precedes(_ other: Ranked) -> Bool {
            if distance != other.distance { return distance < other.distance }
            if lengthGap != other.lengthGap { return lengthGap < other.lengthGap }
            return name.unicodeScalars.map(\.value).lexicographicallyPrecedes(other.name.unicodeScalars.map(\.value))
        }
    }
}

/// Levenshtein distance between two strings, in characters; used for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
