import Testing
import Losses
@testable import Training

@Suite("Config of the lectures' other losses — sigma, embedding_dimension, mining, squared")
struct TripletConfigTests {
    /// A config whose run 0 carries `loss` (a JSON object's members) over a top-level softmax loss.
    static func config(runLoss: String, topLoss: String = "\"type\": \"softmax\"") -> String {
        """
        {"data": {"train": {"generate": {"kind": "blobs", "samples": 30}}}, "loss": {\(topLoss)},
         "runs": [{"name": "a", "loss": {\(runLoss)}}]}
        """
    }

    /// Columns: the run's loss members, the key path the message must name, a phrase of the message.
    static let invalid: [(String, String, String)] = [
        ("\"type\": \"gaussian_nll\", \"sigma\": 0", "runs[0].loss.sigma", "> 0"),
        ("\"type\": \"gaussian_nll\", \"sigma\": -2", "runs[0].loss.sigma", "> 0"),
        ("\"type\": \"triplet\", \"embedding_dimension\": 0", "runs[0].loss.embedding_dimension", "from 1 to 10000"),
        ("\"type\": \"triplet\", \"embedding_dimension\": 10001", "runs[0].loss.embedding_dimension", "from 1 to 10000"),
        ("\"type\": \"triplet\", \"embedding_dimension\": 2.5", "runs[0].loss.embedding_dimension", "whole number"),
        ("\"type\": \"triplet\", \"mining\": \"hardest\"", "runs[0].loss.mining", "\"semi_hard\""),
        ("\"type\": \"softmax\", \"squared\": true", "runs[0].loss.squared", "does not apply to type 'softmax'"),
        ("\"type\": \"triplet\", \"squared\": true", "runs[0].loss.squared", "does not apply to type 'triplet'"),
        ("\"type\": \"gaussian_nll\", \"mining\": \"all\"", "runs[0].loss.mining", "does not apply to type 'gaussian_nll'"),
    ]

    @Test("a bad value set explicitly in a run is a config error naming its key path", arguments: invalid)
    func invalidValues(runLoss: String, path: String, phrase: String) {
        do {
            _ = try ConfigLoader.decode(text: Self.config(runLoss: runLoss), file: "c.json")
            Issue.record("{\(runLoss)} was accepted")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("c.json: \(path):") && message.contains(phrase), "message: \(message)")
        }
    }

    @Test("`squared` inherited from the top level does not reach a softmax run as an error (SPEC §4)")
    func inheritedSquaredIsDropped() throws {
        let text = Self.config(runLoss: "\"type\": \"softmax\"", topLoss: "\"type\": \"svm\", \"squared\": true")
        let run = try #require(try ConfigLoader.decode(text: text, file: "c.json").runs.first)
        #expect(run.loss.type == .softmax)
        #expect(run.loss.resolved["squared"] == nil)
    }

    @Test("a triplet run decodes with its defaults: M = 2, α = 1, mining all; every mining name is accepted",
          arguments: TripletMining.allCases)
    func tripletDecodes(mining: TripletMining) throws {
        let text = Self.config(runLoss: "\"type\": \"triplet\", \"mining\": \"\(mining.rawValue)\"")
        let run = try #require(try ConfigLoader.decode(text: text, file: "c.json").runs.first)
        #expect(run.loss.type == .triplet && run.loss.embeddingDimension == 2 && run.loss.margin == 1)
        #expect(run.loss.tripletMining == mining)
        let loss = try #require(run.loss.makeLoss() as? TripletLoss)
        #expect(loss.mining == mining && loss.expectedInitialLoss(classCount: 5) == 1)
        #expect(run.loss.expectedInitialLossFormula == "α")
    }
}
