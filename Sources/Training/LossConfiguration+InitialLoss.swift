import Foundation

extension LossConfiguration {
    /// The lecture's sanity check as one phrase: "expected ≈ 1.0986 at W ≈ 0 (ln K)" for softmax
    /// with K = 3, "expected ≈ 1.0000 at V ≈ 0 (α)" for a triplet run (whose parameters are the
    /// embedding V). What `train`'s initial-loss lines and `gradcheck` print.
    public func expectedInitialLossPhrase(classCount: Int) -> String {
        let value = makeLoss().expectedInitialLoss(classCount: classCount)
        let parameters = type == .triplet ? "V" : "W"
        return "expected ≈ " + String(format: "%.4f", value) + " at \(parameters) ≈ 0 (\(expectedInitialLossFormula))"
    }
}
