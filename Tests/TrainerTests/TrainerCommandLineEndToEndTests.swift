import Foundation
import Testing
import Training

/// The lecture's dog/bird/truck table through `evaluate` and `explain`, and the command line's
/// help, suggestions and `generate`, run as a subprocess and in-process.
@Suite("trainer end to end — the lecture's numbers, help, did you mean, generate")
struct TrainerCommandLineEndToEndTests {
    /// A hand-written model with W = I (3×3), b = 0 and no preprocessing, so the scores are the
    /// features; and a CSV whose rows are the lecture's three score vectors.
    static func lectureFiles(loss: String, in folder: URL) throws -> (model: String, data: String) {
        let model = try TrainerHarness.write("""
            {"format": "linear-classifier", "version": 1, "classes": ["dog", "bird", "truck"],
             "feature_names": ["dog score", "bird score", "truck score"], "loss": \(loss),
             "preprocess": {"type": "none"}, "weights": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]}
            """, to: "model.json", in: folder)
        let data = try TrainerHarness.write("""
            dog score,bird score,truck score,label
            3.0,6.2,-2.1,dog
            0.9,5.1,3.4,bird
            1.6,2.3,-4.5,truck

            """, to: "scores.csv", in: folder)
        return (model, data)
    }

    // the model's loss section, the mean loss over the three rows computed by hand (SPEC §3 formulas)
    static let handLosses: [(String, Double)] = [
        (#"{"type": "svm"}"#, (4.2 + 0 + 14.9) / 3),
        (#"{"type": "softmax"}"#, 3.541502557537377),
        (#"{"type": "mse"}"#, 12.681111111111113),
        (#"{"type": "sigmoid"}"#, 6.57889626032365),
        (#"{"type": "gaussian_nll"}"#, 21.77848226628069),
        (#"{"type": "gaussian_nll", "sigma": 2}"#, 9.59167380796052),
    ]

    @Test("evaluate --json on a hand-written model gives the loss computed by hand", arguments: handLosses)
    func evaluateByHand(loss: String, expected: Double) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (model, data) = try Self.lectureFiles(loss: loss, in: folder)
        for mode in TrainerMode.available {
            let run = try TrainerHarness.run(["evaluate", model, data, "--json"], mode: mode)
            try #require(run.status == 0, "\(mode): \(run)")
            let result = try JSONParser.parse(run.output)
            let observed = try #require(result["loss"]?.numberValue)
            #expect(abs(observed - expected) <= 1e-12 * expected, "\(mode) \(loss): expected \(expected), observed \(observed)")
            #expect(result["accuracy"]?.numberValue == 1.0 / 3, "only the bird image scores its own class highest")
            #expect(result["confusion"] == [[0, 1, 0], [0, 1, 0], [0, 1, 0]])
            #expect(result["classes"] == ["dog", "bird", "truck"])
        }
    }

    @Test("explain reproduces the lecture: SVM losses 4.2, 0, 14.9 (7.1 + 7.8) and softmax probabilities",
          arguments: TrainerMode.available)
    func explainDogBirdTruck(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (model, data) = try Self.lectureFiles(loss: #"{"type": "svm", "margin": 1}"#, in: folder)
        let run = try TrainerHarness.run(["explain", model, data], mode: mode)
        try #require(run.status == 0, "\(run)")
        func cells(_ title: String) -> [String] {
            let line = run.output.split(separator: "\n").first { $0.hasPrefix(title) } ?? ""
            return line.dropFirst(title.count).split(separator: " ").map(String.init)
        }
        #expect(cells("SVM weston_watkins Δ = 1 loss") == ["4.2", "0", "14.9"], "\(run.output)")
        #expect(cells("SVM term dog") == ["—", "0", "7.1"])
        #expect(cells("SVM term bird") == ["4.2", "—", "7.8"])
        #expect(cells("SVM term truck") == ["0", "0", "—"])
        #expect(cells("score bird") == ["6.2", "5.1", "2.3"])
        #expect(cells("softmax p(bird)") == ["0.9606", "0.8349", "0.6677"])
        #expect(cells("softmax loss −log p(label)") == ["3.24", "0.1804", "7.204"])
    }

    @Test("explain --step on data/lecture: the SVM's dW = dSᵀ/3 and the step of W, then softmax beside it",
          arguments: TrainerMode.available)
    func explainStep(mode: TrainerMode) throws {
        let run = try TrainerHarness.run(["explain", TrainerHarness.path("data/lecture/dog-bird-truck-model.json"),
                                          TrainerHarness.path("data/lecture/dog-bird-truck.csv"), "--step", "0.1"], mode: mode)
        try #require(run.status == 0, "\(run)")
        func cells(_ title: String) -> [[String]] {
            run.output.split(separator: "\n").filter { $0.hasPrefix(title) }.map {
                $0.dropFirst(title.count).split(separator: " ").map(String.init)
            }
        }
        #expect(cells("SVM weston_watkins Δ = 1 loss").first == ["4.2", "0", "14.9"], "\(run.output)")
        #expect(cells("hinge terms > 0") == [["bird", "none", "dog,", "bird"]])
        #expect(cells("∂Lᵢ/∂s(truck)").first == ["0", "0", "-2"])
        // The SVM block comes first: dW row dog = (−1, 0, 1)/3, db 0; W after = W − 0.1·dW.
        #expect(cells("dW, db (dog)").first == ["-0.3333", "0", "0.3333", "0"])
        #expect(cells("W, b after (truck)").first == ["-2.1", "3.4", "-4.433", "0.06667"])
        #expect(run.output.contains("\nsoftmax\n"), "the other loss's step follows")
    }

    @Test("explain --step 0 and --strength without --step are usage errors (exit 2)", arguments: [["--step", "0"], ["--strength", "1"]])
    func explainStepErrors(arguments: [String]) throws {
        let run = try TrainerHarness.run(["explain", TrainerHarness.path("data/lecture/dog-bird-truck-model.json"),
                                          TrainerHarness.path("data/lecture/dog-bird-truck.csv")] + arguments, mode: .inProcess)
        #expect(run.status == 2, "\(run)")
        #expect(run.errors.contains(arguments[0]) && run.errors.split(separator: "\n").count <= 2, "\(run.errors)")
    }

    @Test("trainer --help, trainer help train and trainer train --help: help on stdout, exit 0",
          arguments: TrainerMode.available)
    func help(mode: TrainerMode) throws {
        let overview = try TrainerHarness.run(["--help"], mode: mode)
        #expect(overview.status == 0 && overview.output.contains("USAGE: trainer <command>") && overview.errors.isEmpty)
        for command in ["train", "generate", "evaluate", "predict", "gradcheck", "explain"] {
            #expect(overview.output.contains("  \(command) "), "the overview lists \(command)")
            let help = try TrainerHarness.run(["help", command], mode: mode)
            let flag = try TrainerHarness.run([command, "--help"], mode: mode)
            #expect(help.status == 0 && flag.status == 0)
            #expect(help.output == flag.output, "trainer help \(command) and trainer \(command) --help differ")
            #expect(help.output.hasPrefix("OVERVIEW: ") && help.output.contains("\nUSAGE: trainer \(command)"))
        }
        let version = try TrainerHarness.run(["--version"], mode: mode)
        #expect(version.status == 0 && version.output.hasPrefix("trainer "))
    }

    // arguments, a phrase of the one-sentence error
    static let usageErrors: [([String], String)] = [
        (["trian"], "unknown command 'trian'; did you mean 'train'?"),
        (["evalute"], "did you mean 'evaluate'?"),
        (["train", "c.json", "--frce"], "unknown option '--frce'; did you mean '--force'?"),
        (["evaluate", "m.json", "d.csv", "--jsn"], "did you mean '--json'?"),
        (["train"], "missing the config file"),
        (["evaluate", "m.json"], "missing the data file"),
        (["train", "a.json", "b.json"], "unexpected argument 'b.json'"),
        (["train", "c.json", "--out"], "option '--out' needs a value"),
        (["help", "trian"], "did you mean 'train'?"),
    ]

    @Test("a usage error: exit 2, one sentence and a pointer to help on stderr, nothing on stdout", arguments: usageErrors)
    func usageError(arguments: [String], phrase: String) throws {
        for mode in TrainerMode.available {
            let run = try TrainerHarness.run(arguments, mode: mode)
            #expect(run.status == 2, "\(mode) \(arguments): \(run)")
            #expect(run.errors.contains(phrase) && run.errors.contains("See 'trainer"), "\(mode) \(arguments): \(run.errors)")
            #expect(run.output.isEmpty)
        }
    }

    @Test("missing files: exit 2 and the path as resolved", arguments: TrainerMode.available)
    func missingFiles(mode: TrainerMode) throws {
        let train = try TrainerHarness.run(["train", "/nonexistent/config.json"], mode: mode)
        #expect(train.status == 2 && train.errors.contains("/nonexistent/config.json"), "\(train)")
        let evaluate = try TrainerHarness.run(["evaluate", "/nonexistent/model.json", "/nonexistent/data.csv"], mode: mode)
        #expect(evaluate.status == 2 && evaluate.errors.contains("/nonexistent/model.json"), "\(evaluate)")
    }

    @Test("generate: same seed → same bytes; another seed → other bytes", arguments: TrainerMode.available)
    func generateDeterministic(mode: TrainerMode) throws {
        let folder = try TrainerHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var contents: [Data?] = []
        for (name, seed) in [("a.csv", "4"), ("b.csv", "4"), ("c.csv", "5")] {
            let path = folder.appendingPathComponent(name).path
            let run = try TrainerHarness.run(["generate", "spiral", "--out", path, "--samples", "60", "--seed", seed], mode: mode)
            #expect(run.status == 0, "\(run)")
            contents.append(FileManager.default.contents(atPath: path))
        }
        #expect(contents[0] != nil && contents[0] == contents[1])
        #expect(contents[0] != contents[2])
        let lines = String(decoding: contents[0] ?? Data(), as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "x1,x2,label" && lines.count == 61)
    }

    // arguments, a phrase of the error
    static let badGenerate: [([String], String)] = [
        (["generate", "spirl", "--out", "/tmp/never.csv"], "did you mean 'spiral'?"),
        (["generate", "spiral", "--out", "/tmp/never.csv", "--samples", "999999999999"], "--samples"),
        (["generate", "spiral", "--out", "/tmp/never.csv", "--samples", "-3"], "--samples"),
        (["generate", "spiral", "--out", "/tmp/never.csv", "--noise", "abc"], "--noise"),
        (["generate", "spiral"], "--out"),
    ]

    @Test("generate: a bad kind or an absurd --samples exits 2 without writing", arguments: badGenerate)
    func generateErrors(arguments: [String], phrase: String) throws {
        for mode in TrainerMode.available {
            let run = try TrainerHarness.run(arguments, mode: mode)
            #expect(run.status == 2 && run.errors.contains(phrase), "\(mode) \(arguments): \(run)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.csv"))
    }
}
