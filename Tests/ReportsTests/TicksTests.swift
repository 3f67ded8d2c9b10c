import Foundation
import Testing
import Reports
import LinearAlgebra

@Suite("Axis ticks — nice round numbers, decades for losses")
struct TicksTests {
    /// Whether a step is m·10ⁿ with m ∈ {1, 2, 5}.
    static func isNice(_ step: Double) -> Bool {
        let exponent = log10(step).rounded(.down)
        let mantissa = step / pow(10, exponent)
        return [1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }
    }

    // lower, upper, expected ticks
    @Test("lecture-sized ranges", arguments: [
        (0.0, 1.0, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (0.0, 100.0, [0, 20, 40, 60, 80, 100]),
        (-2.3, 3.1, [-3, -2, -1, 0, 1, 2, 3, 4]),
        (0.1, 0.35, [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]),
    ])
    func examples(lower: Double, upper: Double, expected: [Double]) {
        let ticks = Ticks.linear(from: lower, to: upper)
        #expect(ticks.values == expected, "range \(lower)…\(upper)")
    }

    @Test("labels carry no floating-point noise: 0.3, not 0.30000000000000004")
    func labels() {
        let ticks = Ticks.linear(from: 0, to: 0.7)
        #expect(ticks.labels == ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
        #expect(ticks.values[3] == 0.3)
        #expect(Ticks.linear(from: 0.00012, to: 0.00051).labels.allSatisfy { $0.count <= 6 })
    }

    @Test("random ranges: round steps, 4 to 8 ticks, the range covered, seeds 0..<20", arguments: 0..<20)
    func randomRanges(seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: seed)
        let scale = pow(10, generator.uniform(in: -5, 6))
        let a = generator.gaussian() * scale, b = a + generator.uniform() * scale * 10
        let ticks = Ticks.linear(from: a, to: b)
        let step = ticks.values[1] - ticks.values[0]
        let context = "seed \(seed), range \(a)…\(b), ticks \(ticks.labels)"
        #expect((4...8).contains(ticks.values.count), "\(context)")
        #expect(Self.isNice(step), "\(context): step \(step)")
        #expect(ticks.domain.lowerBound <= a && ticks.domain.upperBound >= b, "\(context)")
        #expect(ticks.values.allSatisfy { abs(($0 / step).rounded() * step - $0) <= 1e-9 * scale }, "\(context)")
        #expect(Set(ticks.labels).count == ticks.labels.count, "\(context): labels repeat")
    }

    @Test("degenerate data: empty, NaN and ∞ only, a single value")
    func degenerate() {
        #expect(Ticks.linear(covering: []).domain == 0...1)
        #expect(Ticks.linear(covering: [.nan, .infinity, -.infinity]).domain == 0...1)
        let constant = Ticks.linear(covering: [0.5, 0.5, .nan])
        #expect(constant.domain.contains(0.5) && constant.domain.lowerBound < 0.5 && constant.domain.upperBound > 0.5)
        #expect(Ticks.linear(covering: [0]).values.contains(0))
        #expect(Ticks.linear(covering: [2, .infinity, 7]).domain == 2...7)
    }

    @Test("epochs get whole-number ticks")
    func integerSteps() {
        let ticks = Ticks.linear(from: 0, to: 3, integerStep: true)
        #expect(ticks.values == [0, 1, 2, 3])
    }

    @Test("log ticks are decades covering the data, labelled 0.001 … or 1e-4")
    func logarithmic() {
        let ticks = Ticks.logarithmic(covering: [2.3, 0.8, 0.05, 0.0004, 0, -1, .nan])
        #expect(ticks.values == [1e-4, 1e-3, 1e-2, 1e-1, 1, 10])
        #expect(ticks.labels == ["1e-4", "0.001", "0.01", "0.1", "1", "10"])
        #expect(Ticks.logarithmic(covering: [1, 10]).values == [1, 10])
        #expect(Ticks.logarithmic(covering: [3, 3]).values == [1, 10])
        #expect(Ticks.logarithmic(covering: []).values == [1, 10])
        let wide = Ticks.logarithmic(covering: [1e-12, 1e3])
        #expect(wide.values.count <= 8 && wide.domain.lowerBound <= 1e-12 && wide.domain.upperBound >= 1e3, "\(wide.labels)")
        #expect(wide.values.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-12 })
    }

    @Test("a loss spanning more than two decades prefers a log axis")
    func prefersLog() {
        #expect(Ticks.prefersLogarithmic([2.3, 0.01]))
        #expect(!Ticks.prefersLogarithmic([2.3, 0.5]))
        #expect(!Ticks.prefersLogarithmic([2.3, 0, 0.001]))
        #expect(!Ticks.prefersLogarithmic([]))
    }
}
