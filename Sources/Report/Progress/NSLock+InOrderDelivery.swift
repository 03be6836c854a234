import Foundation

extension NSLock {
    /// Computes a value under this lock and hands it to `deliver` outside it, under `delivery`, which is
    /// taken before this lock is let go. Values computed on different threads therefore reach `deliver` in
    /// the order they were computed (a count of 5/6 never reaches the status line after the 6/6), and
    /// `deliver` may take this lock again.
    func compute<T>(_ value: () -> T, thenDeliverInOrderThrough delivery: NSLock, to deliver: (T) -> Void) {
        lock()
        let computed = value()
        delivery.lock()
        unlock()
        deliver(computed)
        delivery.unlock()
    }
}
