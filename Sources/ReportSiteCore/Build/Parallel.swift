import Dispatch
import Foundation

/// Runs independent pieces of work on every core, keeping results in input order, so that the
/// output does not depend on which thread finished first.
enum Parallel {
    /// `transform` applied to every element, on all cores; the results in the order of `items`.
    static func map<Item, Result>(_ items: [Item], _ transform: (Item) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let slots = Slots<Result>(count: items.count)
            let box = UncheckedBox((items, transform, slots))
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                let (items, transform, slots) = box.value
                slots.set(index, transform(items[index]))
            }
            return slots.values()
        }
    }

    /// The number of cores work is spread over.
    static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// A value handed to other threads whose safety the caller guarantees: here, items that are
/// only read, and slots that each thread writes at its own index.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A fixed number of result slots, each written once by one thread.
private final class Slots<Value>: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: nil, count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    func set(_ index: Int, _ value: Value) { pointer[index] = value }

    /// Every slot's value; all must have been set.
    func values() -> [Value] {
        (0..<count).compactMap { pointer[$0] }
    }
}
