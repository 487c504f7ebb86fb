/// Slugs and anchors: the one place where text becomes a URL segment or a fragment.
///
/// An anchor keeps Chinese characters (readable links such as `#积极扩大有效投资`), lower-cases
/// ASCII letters, folds full-width forms, and turns every run of spaces and punctuation into one
/// `-`. Only letters, digits, `-` and `_` survive, so an anchor needs no escaping in a URL
/// fragment or an HTML `id`.
public enum Slug {
    /// Number of characters kept from a lead sentence or heading for an anchor.
    public static let headingAnchorLength = 24
    /// Number of characters kept from a passage's opening words when it has no lead sentence.
    public static let passageAnchorLength = 12

    /// The anchor for `text`: at most `maxLength` letters and digits (hyphens not counted), or
    /// `""` when the text has no letter or digit.
    public static func anchor(from text: String, maxLength: Int) -> String {
        var out = ""
        var kept = 0
        var pendingHyphen = false
        for raw in text {
            let character = TextFolding.fold(raw)
            if character.isLetter || character.isNumber {
                if kept == maxLength { break }
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.append(character)
                kept += 1
            } else if character == "-" || character == "_" || character.isWhitespace || character.isPunctuation || character.isSymbol {
                pendingHyphen = true
            }
        }
        return out
    }

    /// The heading text without its ordinal (`一、`, `（一）`, `(二) `, `1.`, `第一部分`), so that
    /// renumbering parts does not change their anchors.
    public static func strippingOrdinal(_ heading: String) -> String {
        let patterns = [
            #"^\s*[一二三四五六七八九十百]+、\s*"#,
            #"^\s*[（(][一二三四五六七八九十百0-9０-９]+[）)]\s*"#,
            #"^\s*[0-9０-９]+[.．、)]\s*"#,
            #"^\s*第[一二三四五六七八九十百]+[部分章节]\s*"#,
        ]
        for pattern in patterns {
            if let range = heading.range(of: pattern, options: .regularExpression) {
                let rest = heading[range.upperBound...]
                if !rest.isEmpty { return String(rest) }
            }
        }
        return heading
    }

    /// True if `anchor` can be used as an explicit anchor: letters, digits, `-` and `_`,
    /// starting with a letter or digit, at most 64 characters.
    public static func isValidAnchor(_ anchor: String) -> Bool {
        guard let first = anchor.first, first.isLetter || first.isNumber, anchor.count <= 64 else { return false }
        return anchor.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// True if `slug` can name a report file and its URL: lower-case ASCII letters, digits and
    /// single hyphens, or Chinese characters; no spaces, dots or slashes.
    public static func isValidReportSlug(_ slug: String) -> Bool {
        guard let first = slug.first, first.isLetter || first.isNumber, slug.count <= 80 else { return false }
        return slug.allSatisfy { character in
            (character.isASCII && (character.isLowercase || character.isNumber || character == "-"))
                || (!character.isASCII && character.isLetter)
        }
    }
}

/// Hands out anchors that are unique within one page, deterministically.
///
/// Explicit anchors are reserved first; an automatic anchor that is taken gets `-2`, `-3`, …
/// in document order. An anchor therefore changes only when an earlier passage with the same
/// opening words is added or removed, never because unrelated text changed.
struct AnchorAllocator {
    private var taken: Set<String>

    /// Ids the page layout uses itself; content anchors never take them.
    static let reservedByLayout: Set<String> = ["main", "toc", "top", "content", "site-header", "site-footer", "site-nav", "skip"]

    init(reserved: Set<String> = []) {
        taken = reserved.union(Self.reservedByLayout)
    }

    /// A unique anchor based on `base` (`p` when `base` is empty).
    mutating func allocate(_ base: String) -> String {
        let base = base.isEmpty ? "p" : base
        var candidate = base
        var counter = 2
        while taken.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
