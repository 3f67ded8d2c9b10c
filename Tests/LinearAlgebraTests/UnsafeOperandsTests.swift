import Synchronization
import Testing
import LinearAlgebra
import TestSupport

@Suite("The fence's safe views — elementwise updates and per-piece elements, each entry once, any thread count")
struct UnsafeOperandsTests {
    /// 10×3,072 is cifar-like's W: three runs of entries, on up to 8 threads.
    @Test("updateEntries(reading:) hands out runs whose entry e is the matrices' entry, on 1, 2 and 8 threads",
          arguments: [1, 2, 8])
    func updateOneMatrix(threads: Int) {
        var target = randomMatrix(rows: 10, columns: 3_072, seed: 1)
        let start = target, other = randomMatrix(rows: 10, columns: 3_072, seed: 2)
        let runs = Mutex(0)
        target.updateEntries(reading: other, threads: threads) { entries, other in
            runs.withLock { $0 += 1 }
            for index in entries.indices { entries[index] = entries[index] * 2 - other[index] }
        }
        #expect(runs.withLock { $0 } == 3)
        #expect(target.elements == zip(start.elements, other.elements).map { $0 * 2 - $1 })
    }

    @Test("updateEntries(and:reading:) writes two matrices entry by entry (θ and v of an SGD step)")
    func updateTwoMatrices() {
        var theta = randomMatrix(rows: 4, columns: 5_000, seed: 3), velocity = randomMatrix(rows: 4, columns: 5_000, seed: 4)
        let (thetaStart, velocityStart) = (theta, velocity), gradient = randomMatrix(rows: 4, columns: 5_000, seed: 5)
        theta.updateEntries(and: &velocity, reading: gradient, threads: 2) { theta, velocity, gradient in
            for index in theta.indices {
                velocity[index] = 0.9 * velocity[index] + gradient[index]
                theta[index] -= 0.1 * velocity[index]
            }
        }
        for index in theta.elements.indices {
            let v = 0.9 * velocityStart.elements[index] + gradient.elements[index]
            #expect(velocity.elements[index] == v && theta.elements[index] == thetaStart.elements[index] - 0.1 * v, "entry \(index)")
        }
    }

    @Test("forEachPiece(updating:) gives each piece its own element, once, on 1 to 8 threads", arguments: [1, 3, 8])
    func perPieceElements(threads: Int) {
        var elements = Array(repeating: [Int](), count: 13)
        ParallelPartition.forEachPiece(updating: &elements, threads: threads) { index, element in element.append(index * index) }
        #expect(elements == (0..<13).map { [$0 * $0] })
    }
}
