import LinearModel

// The softmax loss's gradient for the training step, eight rows at a time: the same arithmetic as
// `exampleLoss(scores:label:scale:scoresGradient:)`, lane by lane, with a vector e^x.

extension SoftmaxCrossEntropyLoss {
    /// scale·(p − onehot(y)) of one row per label, eight at a time: lane r of each vector is row r
    /// of the group, so a group's K·8 exponentials are K calls of the vector `exponential`, whose
    /// latencies overlap. One row's K − 1 `exp` calls were most of the loss's time: on `mid`
    /// (K = 10, 2 threads) a softmax epoch took half again an SVM one. Lane by lane, the arithmetic
    /// of `exampleLoss` — the maximum subtracted, the top class's term 1, the others summed in
    /// class order — with e^x within 2 ulp of `exp` instead of `exp` itself. A short last group
    /// repeats its last row in the spare lanes (computed, never stored): each row's result is its own.
    /// `exampleLoss` row by row is the reference the tests compare it with.
    /// - Complexity: O(rows · K).
    public func writeScoresGradient(scores: Span<Double>, labels: Span<Int>, scale: Double, scoresGradient: inout MutableSpan<Double>) {
        let rowCount = labels.count
        guard rowCount > 0 else { return }
        let classes = scores.count / rowCount
        guard classes > 0 else { return }
        var storage = [SIMD8<Double>](repeating: SIMD8(), count: classes)
        var terms = storage.mutableSpan
        for first in stride(from: 0, to: rowCount, by: 8) {
            let rows = min(8, rowCount - first)
            // Each class's column of the group is built in registers and stored whole.
            func start(_ lane: Int) -> Int { (first + min(lane, rows - 1)) * classes }
            let (r0, r1, r2, r3) = (start(0), start(1), start(2), start(3))
            let (r4, r5, r6, r7) = (start(4), start(5), start(6), start(7))
            for k in 0..<classes {
                terms[k] = SIMD8(scores[r0 + k], scores[r1 + k], scores[r2 + k], scores[r3 + k],
                                 scores[r4 + k], scores[r5 + k], scores[r6 + k], scores[r7 + k])
            }
            var label = SIMD8<Int64>()
            for lane in 0..<8 { label[lane] = Int64(labels[first + min(lane, rows - 1)]) }
            // The top class of each row: the first one holding the maximum m.
            var maximum = terms[0], top = SIMD8<Int64>()
            for k in 1..<classes {
                let greater = terms[k] .> maximum
                maximum.replace(with: terms[k], where: greater)
                top.replace(with: Int64(k), where: greater)
            }
            var others = SIMD8<Double>()
            for k in 0..<classes {
                let isTop = top .== Int64(k)
                terms[k] = exponential(terms[k] - maximum).replacing(with: 1, where: isTop)
                others += terms[k].replacing(with: 0, where: isTop)
            }
            let normalizer = 1 + others
            for k in 0..<classes {
                let target = SIMD8<Double>().replacing(with: 1, where: label .== Int64(k))
                let gradient = (terms[k] / normalizer - target) * scale
                for lane in 0..<rows { scoresGradient[(first + lane) * classes + k] = gradient[lane] }
            }
        }
    }
}
