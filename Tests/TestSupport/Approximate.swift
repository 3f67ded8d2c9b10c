import Foundation
import Testing
import LinearAlgebra

/// The relative error |observed − expected| / max(|expected|, |observed|, floor): what the tests
/// compare with a tolerance. The floor keeps values near zero from dividing by almost nothing.
public func relativeError(_ observed: Double, _ expected: Double, floor: Double = 1e-300) -> Double {
    if observed == expected { return 0 }
    return abs(observed - expected) / max(abs(expected), abs(observed), floor)
}

/// Expects `observed` within `tolerance` of `expected`, as an absolute error when |expected| ≤ 1
/// and a relative one above; on failure prints the context, expected, observed and the error.
public func expectClose(
    _ observed: Double, _ expected: Double, tolerance: Double = 1e-12, _ context: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = abs(observed - expected) / max(1, abs(expected))
    let pass = error <= tolerance || observed == expected
    #expect(pass, "\(context()) expected \(expected), observed \(observed), error \(error) > \(tolerance)",
            sourceLocation: sourceLocation)
}

/// Expects two matrices of one shape whose entries agree as `expectClose` says; reports the first
/// entry that does not, with its index.
public func expectClose(
    _ observed: Matrix, _ expected: Matrix, tolerance: Double = 1e-12, _ context: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard observed.rows == expected.rows && observed.columns == expected.columns else {
        Issue.record("\(context()) shape \(observed.rows)×\(observed.columns), expected \(expected.rows)×\(expected.columns)",
                     sourceLocation: sourceLocation)
        return
    }
    for index in expected.elements.indices {
        let o = observed.elements[index], e = expected.elements[index]
        let error = abs(o - e) / max(1, abs(e))
        if !(error <= tolerance || o == e) {
            Issue.record("\(context()) entry (\(index / max(expected.columns, 1)), \(index % max(expected.columns, 1))): expected \(e), observed \(o), error \(error) > \(tolerance)",
                         sourceLocation: sourceLocation)
            return
        }
    }
}

/// A rows×columns matrix of independent N(0, scale²) entries from the seeded generator.
public func randomMatrix(rows: Int, columns: Int, seed: UInt64, scale: Double = 1) -> Matrix {
    var generator = Xoshiro256StarStar(seed: seed)
    return Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in scale * generator.gaussian() })
}

/// `count` labels uniform in 0..<classCount from the seeded generator.
public func randomLabels(count: Int, classCount: Int, seed: UInt64) -> [Int] {
    var generator = Xoshiro256StarStar(seed: seed, stream: 1)
    return (0..<count).map { _ in generator.uniformInteger(below: classCount) }
}

/// The central-difference derivative of f at x along each entry:
///
///     ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h
///
/// the numerical gradient check of cs231n. Error O(h²) where f is smooth.
public func numericalGradient(of f: (Matrix) -> Double, at x: Matrix, step h: Double = 1e-5) -> Matrix {
    var gradient = Matrix(rows: x.rows, columns: x.columns)
    var probe = x
    for index in x.elements.indices {
        let original = probe.elements[index]
        probe.elements[index] = original + h
        let plus = f(probe)
        probe.elements[index] = original - h
        let minus = f(probe)
        probe.elements[index] = original
        gradient.elements[index] = (plus - minus) / (2 * h)
    }
    return gradient
}

/// The largest relative error between an analytic and a numerical gradient, entry by entry,
/// as cs231n measures it: |a − n| / max(|a|, |n|), with entries both below `floor` counted as 0.
public func largestRelativeError(_ analytic: Matrix, _ numerical: Matrix, floor: Double = 1e-10) -> Double {
    var largest = 0.0
    for (a, n) in zip(analytic.elements, numerical.elements) where max(abs(a), abs(n)) > floor {
        largest = max(largest, abs(a - n) / max(abs(a), abs(n)))
    }
    return largest
}

/// Expects two arrays of doubles with the same bits, entry by entry (so 0 and −0, or two NaNs of
/// different payloads, differ); on failure reports the count or the first entry that differs.
public func expectBitIdentical(
    _ observed: [Double], _ expected: [Double], _ context: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard observed.count == expected.count else {
        Issue.record("\(context()) \(observed.count) entries, expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    if let index = observed.indices.first(where: { observed[$0].bitPattern != expected[$0].bitPattern }) {
        Issue.record("\(context()) entry \(index) of \(observed.count): expected \(expected[index]), observed \(observed[index]) (other bits)",
                     sourceLocation: sourceLocation)
    }
}
