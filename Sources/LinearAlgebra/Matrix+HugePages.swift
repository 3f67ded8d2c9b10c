#if os(Linux)
import Glibc
#endif

// Large feature matrices in memory backed by 2 MiB pages. SGD reads the rows of X in a shuffled
// order, and with 4 KiB pages nearly every row costs a TLB miss: on cifar-like (1.2 GB) the two
// products of an epoch took about twice as long as on the same rows read in order
// (`benchmark kernels --huge-pages 0|1`). Linux backs memory with huge pages where madvise asks
// for them (`/sys/kernel/mm/transparent_hugepage/enabled` set to `madvise` or `always`); elsewhere
// this is a no-op and the matrix is an ordinary one.

extension Matrix {
    /// A `rows`×`columns` matrix whose elements `initializer` writes into uninitialized storage
    /// that Linux is first asked to back with huge pages, as `Array(unsafeUninitializedCapacity:
    /// initializingWith:)` does: the closure sets its second argument to the number of elements
    /// it initialized, and a thrown error propagates (the storage is then released).
    /// - Precondition: the initializer initializes all `rows · columns` elements when it returns.
    public init(
        rows: Int, columns: Int,
        hugePageElements initializer: (inout UnsafeMutableBufferPointer<Double>, inout Int) throws -> Void
    ) rethrows {
        precondition(rows >= 0 && columns >= 0, "a matrix has a non-negative shape")
        let count = rows * columns
        let elements = try [Double](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            if let base = buffer.baseAddress { Self.adviseHugePages(UnsafeMutableRawPointer(base), bytes: count * 8) }
            try initializer(&buffer, &initializedCount)
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    /// Reserves room for `capacity` elements in `elements` (empty, or it is left alone) and asks
    /// Linux to back that room with huge pages, for readers that append a matrix row by row.
    public static func reserveHugePageCapacity(_ elements: inout [Double], capacity: Int) {
        guard elements.isEmpty, capacity > 0 else { return }
        elements.reserveCapacity(capacity)
        let reserved = elements.capacity
        elements.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { adviseHugePages(UnsafeMutableRawPointer(base), bytes: reserved * 8) }
        }
    }

    /// madvise(MADV_HUGEPAGE) on the whole 2 MiB pages inside `bytes` bytes from `base`, before
    /// they are first touched. Nothing on other systems, or when Linux declines.
    static func adviseHugePages(_ base: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        let page = 1 << 21
        let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(page - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        #endif
    }
}
