import Foundation
import LinearModel

/// The classifier [W b] after one evaluated epoch, kept so that the report can step through
/// training (its epoch slider over decision regions and class templates).
///
/// A run keeps a handful of them, at `epochs(total:evaluateEvery:)`: few enough that report.html
/// stays small (K×(D + 1) numbers each), spread so that the early epochs, where most changes,
/// are seen.
public struct EpochSnapshot: Equatable, Sendable {
    public var epoch: Int
    public var classifier: LinearClassifier

    public init(epoch: Int, classifier: LinearClassifier) {
        self.epoch = epoch
        self.classifier = classifier
    }

    /// The exponent steps of the geometric spacing: at most `steps` + 2 snapshots in all.
    static let steps = 7

    /// The epochs to keep: 0, then ⌈E^(i/7)⌉ for i = 0…7 (geometric, so 0, 1, 2, 4, 6, 11, 19,
    /// 34, 60 for E = 60), each moved up to the next evaluated epoch (a multiple of
    /// `evaluateEvery`, or E), without repeats.
    /// - Complexity: O(count).
    public static func epochs(total: Int, evaluateEvery: Int) -> [Int] {
        guard total > 0 else { return [0] }
        var epochs = [0]
        for i in 0...steps {
            let wanted = Int(pow(Double(total), Double(i) / Double(steps)).rounded(.up))
            let step = max(evaluateEvery, 1)
            let evaluated = min(((wanted + step - 1) / step) * step, total)
            if evaluated > epochs[epochs.count - 1] { epochs.append(evaluated) }
        }
        return epochs
    }
}
