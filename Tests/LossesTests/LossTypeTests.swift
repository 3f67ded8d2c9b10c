import Testing
import Losses

@Suite("The loss table — config names to losses")
struct LossTypeTests {
    @Test("the config names of loss.type")
    func names() {
        #expect(LossType.allCases.map(\.rawValue) == ["svm", "softmax", "mse", "sigmoid", "gaussian_nll", "triplet"])
        #expect(LossType(rawValue: "gaussianNLL") == nil)
    }

    @Test("the keys each loss reads (SPEC §4)")
    func keys() {
        #expect(LossType.svm.keys == ["type", "variant", "margin", "squared", "include_correct_class"])
        #expect(LossType.softmax.keys == ["type"] && LossType.mse.keys == ["type"])
        #expect(LossType.sigmoid.keys == ["type", "positive_term_only"])
        #expect(LossType.gaussianNLL.keys == ["type", "sigma"])
        #expect(LossType.triplet.keys == ["type", "margin", "embedding_dimension", "mining"])
    }

    @Test("only softmax and sigmoid scores read as probabilities")
    func probabilities() {
        #expect(LossType.allCases.filter(\.hasProbabilities) == [.softmax, .sigmoid])
    }
}
