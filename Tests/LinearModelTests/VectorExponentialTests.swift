import Foundation
import Testing
import LinearAlgebra
import LinearModel
import TestSupport

@Suite("e^x of eight numbers at once (the softmax's exponential)")
struct VectorExponentialTests {
    /// Eight numbers uniform in `range` from a seeded generator.
    static func lanes(in range: ClosedRange<Double>, generator: inout Xoshiro256StarStar) -> SIMD8<Double> {
        var x = SIMD8<Double>()
        for lane in x.indices { x[lane] = range.lowerBound + (range.upperBound - range.lowerBound) * generator.uniform() }
        return x
    }

    @Test("within 2 ulp of exp on 80,000 numbers in [−708, 709] and in [−1, 1]", arguments: [-708.0 ... 709.0, -1.0 ... 1.0])
    func matchesExp(range: ClosedRange<Double>) {
        var generator = Xoshiro256StarStar(seed: 7)
        var worst = 0.0
        for _ in 0..<10_000 {
            let x = Self.lanes(in: range, generator: &generator)
            let fast = exponential(x), naive = naiveExponential(x)
            for lane in x.indices { worst = max(worst, abs(fast[lane] - naive[lane]) / naive[lane].ulp) }
        }
        #expect(worst <= 2, "worst error \(worst) ulp")
    }

    @Test("subnormal results (x in [−745, −708]) within 2 steps of the smallest subnormal")
    func subnormalResults() {
        var generator = Xoshiro256StarStar(seed: 8)
        for _ in 0..<1_000 {
            let x = Self.lanes(in: -745.0 ... -708.0, generator: &generator)
            let fast = exponential(x), naive = naiveExponential(x)
            for lane in x.indices {
                #expect(abs(fast[lane] - naive[lane]) <= 2 * Double.leastNonzeroMagnitude, "e^\(x[lane])")
            }
        }
    }

    @Test("e⁰ = 1 exactly, e^−∞ = 0, e^+∞ = +∞, e^NaN = NaN, e^−746 = 0, e^710 = +∞, e^709 and e^−708 finite")
    func specialValues() {
        let x = SIMD8<Double>(0, -.infinity, .infinity, .nan, -746, 710, 709, -708)
        let e = exponential(x)
        #expect(e[0] == 1 && e[1] == 0 && e[2] == .infinity && e[3].isNaN && e[4] == 0 && e[5] == .infinity)
        #expect(e[6].isFinite && e[6] > 8e307 && e[7] > 0 && e[7].isNormal)
    }
}
