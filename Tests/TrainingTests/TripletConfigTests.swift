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
        ("\"type\": \"gaussian_nll\", \"sigma\": 0", "runs[0].loss.sigma", "≥ 1e-06"),
        ("\"type\": \"gaussian_nll\", \"sigma\": -2", "runs[0].loss.sigma", "≥ 1e-06"),
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

    /// Columns: the top-level model section, the run's model section (or nil), the key path, the value found.
    static let unmovable: [(String, String?, String, String)] = [
        (#"{"init": "zeros"}"#, nil, "model.init", #"found "zeros""#),
        (#"{}"#, #"{"init": "zeros"}"#, "runs[0].model.init", #"found "zeros""#),
        (#"{"init_scale": 0}"#, nil, "model.init_scale", "found 0"),
        (#"{"init": "zeros"}"#, #"{"init": "gaussian", "init_scale": 0}"#, "runs[0].model.init_scale", "found 0"),
    ]

    @Test("a triplet run from V = 0 never moves (every gradient term is a difference of embeddings): rejected, naming the key",
          arguments: unmovable)
    func tripletFromZeroIsRejected(topModel: String, runModel: String?, path: String, found: String) {
        let runModelMember = runModel.map { #", "model": \#($0)"# } ?? ""
        let text = """
            {"data": {"train": {"generate": {"kind": "blobs", "samples": 30}}}, "model": \(topModel),
             "runs": [{"name": "a", "loss": {"type": "triplet"}\(runModelMember)}, {"name": "b", "loss": {"type": "softmax"}}]}
            """
        do {
            _ = try ConfigLoader.decode(text: text, file: "c.json")
            Issue.record("a triplet run from V = 0 was accepted: \(text)")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("c.json: \(path): expected") && message.contains(found)
                    && message.contains("triplet run 'a'") && message.contains("never moves"), "message: \(message)")
        }
    }

    @Test("init zeros stays fine for the classifier runs beside a triplet run that overrides it")
    func zerosForOtherRuns() throws {
        let text = """
            {"data": {"train": {"generate": {"kind": "blobs", "samples": 30}}}, "model": {"init": "zeros"},
             "runs": [{"name": "a", "loss": {"type": "triplet"}, "model": {"init": "gaussian"}}, {"name": "b", "loss": {"type": "softmax"}}]}
            """
        let runs = try ConfigLoader.decode(text: text, file: "c.json").runs
        #expect(runs.map(\.initialization) == [.gaussian(scale: 0.001), .zeros])
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
        #expect(run.loss.type == .triplet && run.loss.settings.embeddingDimension == 2 && run.loss.settings.margin == 1)
        #expect(run.loss.settings.mining == mining)
        let loss = try #require(run.loss.makeLoss() as? TripletLoss)
        #expect(loss.mining == mining && loss.expectedInitialLoss(classCount: 5) == 1)
        #expect(run.loss.expectedInitialLossFormula == "α")
    }
}
