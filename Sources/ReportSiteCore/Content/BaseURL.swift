import Foundation

/// The published site's address (`base_url` in `site.yml`, `--base-url`), checked and written
/// the one way every absolute link of the site uses it (canonical links, Open Graph, the sitemap).
///
/// - The scheme is `http` or `https` (lower-cased) and there is a host.
/// - A host in another script is written in ASCII as IDNA does (RFC 5891: each label lower-cased,
///   NFC, Punycode of RFC 3492 behind `xn--`; `例子.中国` → `xn--fsqu00a.xn--fiqs8s`); the
///   ideographic full stops `。．｡` separate labels as `.` does.
/// - The path is percent-encoded in UTF-8 like the site's own paths (`/报告/` →
///   `/%E6%8A%A5%E5%91%8A/`; an existing `%XX` is kept), and ends with `/`.
/// - Refused, with the reason: user name or password (`user:pw@`, which every page would
///   publish), a query or fragment (`?`, `#`), spaces, quotes and control characters.
public enum BaseURL {
    /// Why a base URL is refused: a sentence for an error message.
    public struct Problem: Error, Equatable, Sendable {
        public let reason: String
    }

    /// The normalised base URL, ending in `/`.
    /// - Throws: ``Problem`` saying what is wrong with `text`.
    public static func normalize(_ text: String) throws -> String {
        let lower = text.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") { scheme = "https" } else if lower.hasPrefix("http://") { scheme = "http" } else {
            throw Problem(reason: "it must start with https:// or http://")
        }
        if text.contains(where: { $0.isWhitespace || "\"'<>\\`".contains($0) }) || text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw Problem(reason: "it contains a space, a quote, a backslash or a control character")
        }
        if text.contains("?") || text.contains("#") {
            throw Problem(reason: "it has a query or a fragment (`?…`, `#…`), which would end up inside every link")
        }
        let rest = text.dropFirst(scheme.count + 3)
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count)
        if authority.contains("@") {
            throw Problem(reason: "it has a user name or password (`…@`), which every page would publish")
        }
        var hostPart = Substring(authority)
        var port = ""
        if let colon = authority.lastIndex(of: ":"), !authority.hasPrefix("[") {
            port = String(authority[colon...])
            hostPart = authority[..<colon]
            guard port.count > 1, port.dropFirst().allSatisfy(\.isASCII), port.dropFirst().allSatisfy(\.isNumber) else {
                throw Problem(reason: "its port `\(port.dropFirst())` is not a number")
            }
        }
        let host = try asciiHost(String(hostPart))
        return scheme + "://" + host + port + encodedPath(String(path))
    }

    /// The host in ASCII (IDNA), lower-cased.
    static func asciiHost(_ host: String) throws -> String {
        let separated = host.replacingOccurrences(of: "。", with: ".").replacingOccurrences(of: "．", with: ".").replacingOccurrences(of: "｡", with: ".")
        guard !separated.isEmpty else { throw Problem(reason: "it has no host") }
        if separated.hasPrefix("[") { return separated.lowercased() }
        let labels = separated.split(separator: ".", omittingEmptySubsequences: false)
        return try labels.enumerated().map { position, label -> String in
            let folded = String(label).precomposedStringWithCanonicalMapping.lowercased()
            if folded.isEmpty {
                guard position == labels.count - 1, labels.count > 1 else { throw Problem(reason: "its host `\(host)` has an empty label") }
                return ""
            }
            if folded.unicodeScalars.allSatisfy(\.isASCII) {
                guard folded.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }) else {
                    throw Problem(reason: "its host `\(host)` has a character a host name cannot have")
                }
                return folded
            }
            guard let encoded = punycode(folded) else { throw Problem(reason: "its host `\(host)` cannot be written in ASCII") }
            return "xn--" + encoded
        }.joined(separator: ".")
    }

    /// `path` percent-encoded in UTF-8 as a URL path (RFC 3986 `pchar` and `/` kept, `%XX`
    /// kept), ending with `/`.
    static func encodedPath(_ path: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%")
        var out = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        if !out.hasPrefix("/") { out = "/" + out }
        return out.hasSuffix("/") ? out : out + "/"
    }

    /// Punycode (RFC 3492) of one label, without the `xn--` prefix; `nil` on overflow.
    static func punycode(_ label: String) -> String? {
        let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
        let input = label.unicodeScalars.map { Int($0.value) }
        var output: [UInt8] = input.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        func digit(_ d: Int) -> UInt8 { d < 26 ? UInt8(97 + d) : UInt8(22 + d) }
        func adapt(_ delta: Int, _ points: Int, _ first: Bool) -> Int {
            var delta = first ? delta / damp : delta / 2
            delta += delta / points
            var k = 0
            while delta > ((base - tMin) * tMax) / 2 {
                delta /= base - tMin
                k += base
            }
            return k + (base - tMin + 1) * delta / (delta + skew)
        }
        var n = 128, delta = 0, bias = 72
        while handled < input.count {
            guard let m = input.filter({ $0 >= n }).min() else { return nil }
            let (step, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= Int(Int32.max) - step else { return nil }
            delta += step
            n = m
            for c in input {
                if c < n { delta += 1 }
                guard c == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, handled + 1, handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
