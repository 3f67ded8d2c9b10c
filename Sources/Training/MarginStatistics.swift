import LinearAlgebra
import LinearModel
import Losses
import Datasets

/// How far the correct class's score leads on a split: the lecture's "the SVM is happy once the
/// correct score wins by Δ; softmax is never fully satisfied", as numbers (the last five columns
/// of `history.csv`, SPEC §6).
///
///     mᵢ = s_{yᵢ} − max_{j≠yᵢ} s_j                    (the margin of example i)
///     p10, p50, p90 = percentiles of m                 (linear interpolation, NumPy's default)
///     satisfied_fraction = #{i : mᵢ ≥ Δ} / N
///     mean_correct_probability = (1/N) Σᵢ e^{s_{yᵢ}} / Σ_j e^{s_j}
///
/// Δ is the run's margin (`satisfactionMargin(of:)`). The softmax probability is computed for
/// every run from its scores, whatever its loss, so that an SVM run and a softmax run compare.
public struct MarginStatistics: Equatable, Sendable {
    /// The 10th, 50th and 90th percentiles of the margins mᵢ.
    public var p10: Double
    public var p50: Double
    public var p90: Double
    /// The fraction of examples with mᵢ ≥ Δ.
    public var satisfiedFraction: Double
    /// The mean softmax probability of the correct class.
    public var meanCorrectProbability: Double

    public init(p10: Double, p50: Double, p90: Double, satisfiedFraction: Double, meanCorrectProbability: Double) {
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
        self.satisfiedFraction = satisfiedFraction
        self.meanCorrectProbability = meanCorrectProbability
    }

    /// The statistics of all margins and correct-class probabilities given.
    ///
    /// An empty split gives NaN everywhere; a NaN margin (scores of ∞ − ∞) makes the percentiles
    /// and the satisfied fraction NaN, since a NaN has no place in an order.
    /// - Complexity: O(N) expected (the percentiles' order statistics by selection, not a sort).
    public init(margins: [Double], correctProbabilities: [Double], satisfiedAt delta: Double) {
        precondition(margins.count == correctProbabilities.count, "one probability per margin")
        let count = Double(margins.count)
        guard !margins.isEmpty else {
            self.init(p10: .nan, p50: .nan, p90: .nan, satisfiedFraction: .nan, meanCorrectProbability: .nan)
            return
        }
        let meanProbability = correctProbabilities.reduce(0, +) / count
        guard !margins.contains(where: \.isNaN) else {
            self.init(p10: .nan, p50: .nan, p90: .nan, satisfiedFraction: .nan, meanCorrectProbability: meanProbability)
            return
        }
        // Adding +0 turns −0 into +0, so the order statistics (and so the bytes of history.csv)
        // cannot depend on which of two equal zeros the selection lands on.
        var values = margins.map { $0 + 0 }
        let percentiles = Self.percentiles(ofUnsorted: &values, ascending: [10, 50, 90])
        self.init(
            p10: percentiles[0], p50: percentiles[1], p90: percentiles[2],
            satisfiedFraction: Double(margins.filter { $0 >= delta }.count) / count,
            meanCorrectProbability: meanProbability)
    }

    /// The q-th percentile (0 ≤ q ≤ 100) of ascending `sorted` values by linear interpolation
    /// between order statistics, NumPy's default (`method="linear"`):
    ///
    ///     h = (n − 1)·q/100,   P = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
    ///
    /// with x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎. Example: [1, 2, 3, 4] → p10 = 1.3, p50 = 2.5, p90 = 3.7. NaN when
    /// empty.
    /// - Complexity: O(1).
    public static func percentile(ofSorted sorted: [Double], _ q: Double) -> Double {
        percentile(count: sorted.count, q) { sorted[$0] }
    }

    /// `percentile(ofSorted:_:)` of `values` in any order, its order statistics found by
    /// selection (`orderStatistic(_:in:)`) instead of a sort, so the same number to the last bit;
    /// reorders `values`. With the allocation-free `Accumulator.add`, the margins' share of a
    /// `mid` training loop (100,000 examples evaluated per epoch, 1 thread, perf samples) fell from
    /// 9.1 % to 4.8 %.
    /// - Precondition: no NaN in `values`.
    /// - Complexity: O(N) expected.
    static func percentile(ofUnsorted values: inout [Double], _ q: Double) -> Double {
        percentiles(ofUnsorted: &values, ascending: [q])[0]
    }

    /// `percentile(ofUnsorted:_:)` of each of `qs`, in ascending order, each selection starting
    /// where the one before ended: selecting x₍ₖ₎ leaves every entry before index k no greater than
    /// every entry from k on, so the next order statistic (k or more) is found among those alone.
    /// The statistics' p10, p50 and p90 took half the comparisons of three selections of the whole.
    /// - Precondition: `qs` ascending, no NaN in `values`.
    static func percentiles(ofUnsorted values: inout [Double], ascending qs: [Double]) -> [Double] {
        precondition(zip(qs, qs.dropFirst()).allSatisfy { $0 <= $1 }, "percentiles in ascending order")
        var selectedFrom = 0
        return qs.map { q in
            percentile(count: values.count, q) { k in
                // k is at least the last percentile's lower index, which was selected, as was the
                // upper one after it: both split the entries.
                let value = orderStatistic(k, in: &values, from: min(selectedFrom, k))
                selectedFrom = k
                return value
            }
        }
    }

    /// h = (n − 1)·q/100 and x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), with x₍ᵢ₎ from `orderStatistic`.
    private static func percentile(count: Int, _ q: Double, orderStatistic: (Int) -> Double) -> Double {
        guard count > 0 else { return .nan }
        let h = Double(count - 1) * min(max(q, 0), 100) / 100
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, count - 1)
        let fraction = h - Double(lower)
        let lowerValue = orderStatistic(lower)
        if fraction == 0 { return lowerValue }
        return lowerValue + fraction * (orderStatistic(upper) - lowerValue)
    }

    /// x₍ₖ₎, the k-th smallest of `values` (from 0): `values.sorted()[k]`, by quickselect
    /// (Hoare's partition around the median of the first, middle and last entries, then only
    /// the side that holds k). Reorders `values`, so that no entry before index k is greater than
    /// x₍ₖ₎ and none after it is smaller. With `from`, only `values[from...]` are searched: every
    /// entry before `from` must be no greater than every entry from it on (a selection before left
    /// them so).
    /// - Precondition: 0 ≤ from ≤ k < count, no NaN.
    /// - Complexity: O(N − from) expected.
    static func orderStatistic(_ k: Int, in values: inout [Double], from: Int = 0) -> Double {
        precondition(from <= k, "the order statistic is among the entries searched")
        var low = from, high = values.count - 1
        while low < high {
            let (first, middle, last) = (values[low], values[low + (high - low) / 2], values[high])
            let pivot = max(min(first, middle), min(max(first, middle), last))
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return pivot  // between j and i every entry equals the pivot
            }
        }
        return values[k]
    }

    /// The margin of one example: mᵢ = s_{yᵢ} − max_{j≠yᵢ} s_j, +∞ when there is no other class.
    /// Scores [3.2, 5.1, −1.7] with label 0 give 3.2 − 5.1 = −1.9 (the lecture's cat).
    public static func margin(scores: ArraySlice<Double>, label: Int) -> Double {
        var largestOther = -Double.infinity
        for (j, score) in zip(scores.indices, scores) where j - scores.startIndex != label {
            largestOther = max(largestOther, score)
        }
        return scores[scores.startIndex + label] - largestOther
    }

    /// The Δ of `satisfied_fraction`: the run's `margin` for the losses that have one (the three
    /// SVM variants, squared or not, and the triplet loss, whose α compares with the difference of
    /// squared centroid distances that its nearest-centroid scores are), and 1 for the losses
    /// without one (softmax, mse, sigmoid, gaussian_nll), as SPEC §6 says: there the column is
    /// the fraction an SVM with the default Δ = 1 would be satisfied with.
    public static func satisfactionMargin(of loss: LossConfiguration) -> Double {
        loss.type.keys.contains("margin") ? loss.settings.margin : 1
    }

    /// Collects the margins and correct-class probabilities of a split's score matrices, chunk by
    /// chunk, in the order the chunks are added (so the result does not depend on the chunking).
    public struct Accumulator: Sendable {
        public private(set) var margins: [Double] = []
        public private(set) var correctProbabilities: [Double] = []

        public init() {}

        /// Adds the examples of one score matrix S (B×K) with their labels. Each row's softmax goes
        /// into one buffer of K (`softmax(_:into:)`, the arithmetic of `softmax(_:)`), not into two
        /// new arrays per example.
        /// - Complexity: O(B·K).
        public mutating func add(scores: Matrix, labels: [Int]) {
            precondition(scores.rows == labels.count, "one label per row of scores")
            let classes = scores.columns
            var probabilities = [Double](repeating: 0, count: classes)
            var probabilitiesView = probabilities.mutableSpan
            let allScores = scores.elements.span
            for (i, label) in labels.enumerated() {
                let row = i * classes ..< (i + 1) * classes
                margins.append(MarginStatistics.margin(scores: scores.elements[row], label: label))
                softmax(allScores.extracting(row), into: &probabilitiesView)
                correctProbabilities.append(probabilitiesView[label])
            }
        }

        /// Adds one example's margin and correct-class probability, after these.
        mutating func append(margin: Double, correctProbability: Double) {
            margins.append(margin)
            correctProbabilities.append(correctProbability)
        }

        /// Adds the examples that `other` collected, after these.
        public mutating func append(_ other: Accumulator) {
            margins += other.margins
            correctProbabilities += other.correctProbabilities
        }

        /// The statistics of everything added so far, satisfied at mᵢ ≥ `delta`.
        public func statistics(satisfiedAt delta: Double) -> MarginStatistics {
            MarginStatistics(margins: margins, correctProbabilities: correctProbabilities, satisfiedAt: delta)
        }
    }
}

extension Evaluation {
    /// The metrics of `classifier` on `dataset` and the margin statistics of the same scores, in
    /// one pass: what an epoch's history record holds for the training split.
    public static func metricsAndMargins(
        of classifier: LinearClassifier, loss: any Loss, on dataset: Dataset, satisfiedAt delta: Double,
        implementation: Implementation = .fast
    ) -> (metrics: SplitMetrics, margins: MarginStatistics) {
        let (metrics, margins) = metrics(of: classifier, loss: loss, on: dataset, confusion: false, margins: true,
                                         implementation: implementation)
        return (metrics, margins.statistics(satisfiedAt: delta))
    }
}
