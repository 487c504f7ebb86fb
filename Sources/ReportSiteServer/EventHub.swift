import Foundation
import Hummingbird

/// Sends server-sent events to every open page: one stream per connection, each ended by
/// ``close()`` (so the server can stop). Remembers the last build error, so a page opened
/// while the build is broken shows it at once. Thread-safe.
final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var streams: [UUID: AsyncStream<ByteBuffer>.Continuation] = [:]
    private var lastError: String?
    private var closed = false

    /// A new stream for one connection, starting with a comment (so the response starts at
    /// once) and the current build error, if any.
    func subscribe() -> AsyncStream<ByteBuffer> {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id = UUID()
        lock.lock()
        if closed {
            lock.unlock()
            continuation.finish()
            return stream
        }
        streams[id] = continuation
        let error = lastError
        lock.unlock()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        continuation.yield(ByteBuffer(string: ": connected\n\n"))
        if let error { continuation.yield(ByteBuffer(string: LiveReload.event("build-error", data: error))) }
        return stream
    }

    /// After a good build: clears the error overlay, and reloads the pages if files changed.
    func buildSucceeded(reload: Bool) {
        lock.lock()
        lastError = nil
        lock.unlock()
        broadcast(LiveReload.event("build-ok", data: ""))
        if reload { broadcast(LiveReload.event("reload", data: "")) }
    }

    /// After a failed build: shows `text` over every open page.
    func buildFailed(_ text: String) {
        lock.lock()
        lastError = text
        lock.unlock()
        broadcast(LiveReload.event("build-error", data: text))
    }

    /// Ends every stream; later subscribers get an ended stream.
    func close() {
        lock.lock()
        closed = true
        let all = Array(streams.values)
        streams = [:]
        lock.unlock()
        for continuation in all { continuation.finish() }
    }

    /// The number of open streams.
    var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return streams.count
    }

    private func broadcast(_ text: String) {
        lock.lock()
        let all = Array(streams.values)
        lock.unlock()
        for continuation in all { continuation.yield(ByteBuffer(string: text)) }
    }

    private func remove(_ id: UUID) {
        lock.lock()
        streams[id] = nil
        lock.unlock()
    }
}
