import LinearAlgebra

/// The per-feature affine map applied to raw features before training and prediction (SPEC §4):
///
///     z_j = (x_j − mean_j) / scale_j
///
/// `standardize` takes mean_j and scale_j = std_j (with 1/N) from the training split only;
/// `center` the mean with scale 1; `none` mean 0 and scale 1. The numbers are stored in the model
/// file, so predictions on new data use the training split's statistics.
public struct Preprocessing: Equatable, Sendable {
    /// How the statistics are chosen; the raw values are the config's names.
    public enum Kind: String, CaseIterable, Sendable {
        /// `"standardize"` (default): mean_j and std_j of the training split.
        case standardize
        /// `"center"`: mean_j, scale 1 (mean-image subtraction for images).
        case center
        /// `"none"`: the raw features.
        case none

        /// One line for the help and the config reference.
        public var summary: String {
            switch self {
            case .standardize: "(x − mean)/std per feature, from the training split"
            case .center: "x − mean per feature (mean-image subtraction)"
            case .none: "the raw features"
            }
        }
    }

    /// The kind this preprocessing was fitted as.
    public var kind: Kind
    /// mean_j, one per feature.
    public var mean: [Double]
    /// scale_j > 0, one per feature.
    public var scale: [Double]

    /// A preprocessing from stored numbers (a model file's).
    /// - Precondition: one mean and one positive scale per feature.
    public init(kind: Kind, mean: [Double], scale: [Double]) {
        precondition(mean.count == scale.count && scale.allSatisfy { $0 > 0 }, "one mean and one positive scale per feature")
        self.kind = kind
        self.mean = mean
        self.scale = scale
    }

    /// The statistics of `features` (the training split's, N×D):
    ///
    ///     mean_j = (1/N) Σᵢ x_ij,   std_j = √((1/N) Σᵢ (x_ij − mean_j)²)   (two passes, for accuracy)
    ///
    /// A constant feature, whose std is 0 or only rounding error (≤ 10⁻¹² · max |x_ij|), gets
    /// scale 1, never a division by zero; with N = 0 every mean is 0 and every scale 1.
    /// - Complexity: O(N·D).
    public static func fit(kind: Kind, to features: Matrix) -> Preprocessing {
        let n = features.rows, d = features.columns
        guard kind != .none, n > 0 else {
            return Preprocessing(kind: kind, mean: Array(repeating: 0, count: d), scale: Array(repeating: 1, count: d))
        }
        var mean = [Double](repeating: 0, count: d)
        var largest = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for j in 0..<d {
                let x = features.elements[i * d + j]
                mean[j] += x
                largest[j] = max(largest[j], abs(x))
            }
        }
        mean = mean.map { $0 / Double(n) }
        for j in 0..<d where !mean[j].isFinite {
            mean[j] = largest[j] * features.columnMean(j, dividedBy: largest[j], around: 0)
        }
        guard kind == .standardize else { return Preprocessing(kind: kind, mean: mean, scale: Array(repeating: 1, count: d)) }
        var squares = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for j in 0..<d {
                let deviation = features.elements[i * d + j] - mean[j]
                squares[j] += deviation * deviation
            }
        }
        let scale = (0..<d).map { j -> Double in
            var deviation = (squares[j] / Double(n)).squareRoot()
            if !deviation.isFinite {
                // Values beyond ±1e154 overflow their squares: the same std from values divided by max |x|.
                deviation = largest[j] * features.columnMean(j, dividedBy: largest[j], around: mean[j], squared: true).squareRoot()
            }
            return deviation > 1e-12 * largest[j] && deviation.isFinite ? deviation : 1
        }
        return Preprocessing(kind: kind, mean: mean, scale: scale)
    }

    /// Whether every mean and scale is a finite number (features near ±1.8e308 can leave none).
    public var isFinite: Bool {
        mean.allSatisfy(\.isFinite) && scale.allSatisfy(\.isFinite)
    }

    /// Replaces each x_ij of `features` by (x_ij − mean_j) / scale_j, in place.
    /// - Precondition: `features.columns == mean.count`.
    public func apply(to features: inout Matrix) {
        let d = mean.count
        precondition(features.columns == d, "features have the fitted number of columns")
        // (x − (+0))/1 is x bit for bit: `none` need not touch X.
        guard mean.contains(where: { $0.bitPattern != 0 }) || scale.contains(where: { $0 != 1 }) else { return }
        var elements = features.elements.mutableSpan
        for rowStart in stride(from: 0, to: elements.count, by: d) {
            for j in 0..<d { elements[rowStart + j] = (elements[rowStart + j] - mean[j]) / scale[j] }
        }
    }

    /// The preprocessed copy of `features`.
    public func applied(to features: Matrix) -> Matrix {
        var result = features
        apply(to: &result)
        return result
    }

    /// The raw point x_j = z_j · scale_j + mean_j of a preprocessed point z: where to draw it in
    /// the data's own units.
    public func rawPoint(_ point: [Double]) -> [Double] {
        precondition(point.count == mean.count, "a point of the fitted dimension")
        return point.indices.map { point[$0] * scale[$0] + mean[$0] }
    }

    /// Undoes `apply` in place: x_ij = z_ij · scale_j + mean_j.
    public func invert(_ features: inout Matrix) {
        let d = mean.count
        precondition(features.columns == d, "features have the fitted number of columns")
        for index in features.elements.indices {
            features.elements[index] = features.elements[index] * scale[index % d] + mean[index % d]
        }
    }
}

extension Matrix {
    /// (1/N) Σᵢ ((x_ij − center)/divisor), or the mean of its squares: column statistics of values so
    /// large that their plain sum or square overflows, computed on the scaled values.
    func columnMean(_ column: Int, dividedBy divisor: Double, around center: Double, squared: Bool = false) -> Double {
        guard rows > 0, divisor > 0 else { return 0 }
        var sum = 0.0
        for i in 0..<rows {
            let scaled = elements[i * columns + column] / divisor - center / divisor
            sum += squared ? scaled * scaled : scaled
        }
        return sum / Double(rows)
    }
}
