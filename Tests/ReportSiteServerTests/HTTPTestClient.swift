import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a POSIX socket, for tests: it sends the path exactly as
/// given (no normalising of `..` or escapes, which URL types would do), talks only to
/// 127.0.0.1, and every read has a deadline.
struct HTTPTestClient {
    let port: Int

    struct Reply {
        var status: Int
        var headers: String
        var body: String
    }

    /// GETs `path` and reads the whole reply (the connection is closed by the server).
    func get(_ path: String, timeout: TimeInterval = 20) throws -> Reply {
        let socket = try connect(timeout: timeout)
        defer { close(socket) }
        try send(socket, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let raw = read(socket, until: { _ in false }, deadline: Date().addingTimeInterval(timeout))
        return try parse(raw)
    }

    /// Opens an event stream at `path` and reads until `done` says the text so far is enough,
    /// or the deadline passes; returns the text. `opened` runs once the stream has started.
    func events(_ path: String, timeout: TimeInterval, opened: () throws -> Void, until done: (String) -> Bool) throws -> String {
        let socket = try connect(timeout: timeout)
        defer { close(socket) }
        try send(socket, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        let deadline = Date().addingTimeInterval(timeout)
        _ = read(socket, until: { $0.contains(": connected") }, deadline: deadline)
        try opened()
        return read(socket, until: done, deadline: deadline)
    }

    // MARK: - Private

    struct Failure: Error, CustomStringConvertible { var description: String }

    private func connect(timeout: TimeInterval) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var wait = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            close(socket)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port)")
        }
        return socket
    }

    private func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(socket, bytes, bytes.count, 0) == bytes.count else { throw Failure(description: "send failed") }
    }

    /// Reads until the peer closes, `done` holds, or the deadline passes.
    private func read(_ socket: Int32, until done: (String) -> Bool, deadline: Date) -> String {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 { break }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
                if done(String(decoding: data, as: UTF8.self)) { break }
            }
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func parse(_ raw: String) throws -> Reply {
        guard let split = raw.range(of: "\r\n\r\n") else { throw Failure(description: "no reply: \(raw.prefix(200))") }
        let head = String(raw[..<split.lowerBound])
        var body = String(raw[split.upperBound...])
        let statusLine = head.split(separator: "\r\n").first.map(String.init) ?? ""
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "bad status line: \(statusLine)") }
        if head.lowercased().contains("transfer-encoding: chunked") { body = Self.unchunk(body) }
        return Reply(status: status, headers: head, body: body)
    }

    /// The body of a chunked reply.
    private static func unchunk(_ text: String) -> String {
        var bytes = Array(text.utf8)[...]
        var out: [UInt8] = []
        while let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\r")) {
            let sizeText = String(decoding: bytes[bytes.startIndex..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16), size > 0 else { break }
            let start = lineEnd + 2
            guard start + size <= bytes.endIndex else { break }
            out += bytes[start..<(start + size)]
            bytes = bytes[(start + size + 2)...]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
