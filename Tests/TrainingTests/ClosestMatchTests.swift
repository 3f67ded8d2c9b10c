import Testing
import Training

@Suite("Did you mean …? — edit distance")
struct ClosestMatchTests {
    @Test("learning_rte → learning_rate; nothing close → nil")
    func suggestions() {
        let keys = ["learning_rate", "batch_size", "epochs", "momentum"]
        #expect(closestMatch(to: "learning_rte", among: keys) == "learning_rate")
        #expect(closestMatch(to: "epoch", among: keys) == "epochs")
        #expect(closestMatch(to: "zebra", among: keys) == nil)
    }

    @Test("edit distances by hand: kitten → sitting is 3")
    func distances() {
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("abc", "abc") == 0)
        #expect(editDistance("trian", "train") == 1, "a swap of neighbours is one edit")
        #expect(editDistance("ab", "ba") == 1)
        #expect(closestMatch(to: "trian", among: ["train", "generate", "evaluate"]) == "train")
    }
}
