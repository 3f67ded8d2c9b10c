import Testing
import Training
import Losses
import Regularizers
import Datasets

@Suite("Config — defaults, did you mean, key paths, runs merged, sweeps, --set")
struct ConfigLoaderTests {
    static let minimal = #"{"data": {"train": "data/spiral.csv"}}"#

    @Test("a config with only data.train takes every documented default: one run named after the loss")
    func defaults() throws {
        let configuration = try TrainingFixtures.configuration(Self.minimal)
        #expect(configuration.seed == 0)
        #expect(configuration.name == "experiment")
        #expect(configuration.outputDirectory == "runs/experiment")
        #expect(configuration.data.validationFraction == 0.2 && configuration.data.testFraction == 0)
        #expect(configuration.data.labelColumn == "label" && configuration.data.preprocess == .standardize)
        #expect(configuration.runs.count == 1)
        let run = try #require(configuration.runs.first)
        #expect(run.name == "svm")
        #expect(run.biasTrick && run.initialization == .gaussian(scale: 0.001))
        #expect(run.loss.type == .svm && run.loss.settings.variant == .westonWatkins && run.loss.settings.margin == 1 && !run.loss.settings.squared)
        #expect(run.regularizer.type == .l2 && run.regularizer.strength == 0.001 && !run.regularizer.includeBias)
        #expect(run.optimizer.learningRate == 0.1 && run.optimizer.batchSize == 32 && run.optimizer.epochs == 100)
        #expect(run.optimizer.momentum == 0 && !run.optimizer.nesterov && run.optimizer.shuffle)
        #expect(run.optimizer.schedule == .constant)
        #expect(run.earlyStopping == nil)
        #expect(configuration.sweep.isEmpty)
    }

    // config text, expected message (exactly)
    static let errors: [(String, String)] = [
        (#"{"data": {"train": "a.csv"}, "optimizer": {"learning_rte": 0.1}}"#,
         "test.json: optimizer.learning_rte: unknown key; did you mean 'learning_rate'?"),
        (#"{"data": {"train": "a.csv"}, "sed": 1}"#, "test.json: sed: unknown key; did you mean 'seed'?"),
        (#"{"data": {"train": "a.csv"}, "optimizer": {"learning_rate": "fast"}}"#,
         "test.json: optimizer.learning_rate: expected a number > 0 and ≤ 1000000, found \"fast\""),
        (#"{"data": {"train": "a.csv"}, "model": {"bias_trick": 1}}"#, "test.json: model.bias_trick: expected true or false, found 1"),
        (#"{"data": {"train": "a.csv"}, "optimizer": {"learning_rate": 0}}"#,
         "test.json: optimizer.learning_rate: expected a number > 0 and ≤ 1000000, found 0"),
        (#"{"data": {"train": "a.csv"}, "optimizer": {"learning_rate": -0.1}}"#,
         "test.json: optimizer.learning_rate: expected a number > 0 and ≤ 1000000, found -0.1"),
        (#"{"data": {"train": "a.csv"}, "optimizer": {"batch_size": 0}}"#,
         "test.json: optimizer.batch_size: expected a whole number from 1 to 1000000000, found 0"),
        (#"{"data": {"train": "a.csv"}, "optimizer": {"batch_size": 2.5}}"#,
         "test.json: optimizer.batch_size: expected a whole number from 1 to 1000000000, found 2.5"),
        (#"{"data": {"train": "a.csv"}, "optimizer": {"epochs": -1}}"#,
         "test.json: optimizer.epochs: expected a whole number from 0 to 1000000, found -1"),
        (#"{"data": {"train": "a.csv"}, "loss": {"margin": -1}}"#,
         "test.json: loss.margin: expected a number ≥ 0 and ≤ 1000000, found -1"),
        (#"{"data": {"train": "a.csv"}, "regularizer": {"type": "elastic_net", "l1_ratio": 1.5}}"#,
         "test.json: regularizer.l1_ratio: expected a number ≥ 0 and ≤ 1, found 1.5"),
        (#"{"data": {"train": "a.csv"}, "regularizer": {"type": "elastic_net", "l1_ratio": -0.1}}"#,
         "test.json: regularizer.l1_ratio: expected a number ≥ 0 and ≤ 1, found -0.1"),
        (#"{"data": {"train": "a.csv"}, "loss": {"type": "softmx"}}"#,
         "test.json: loss.type: expected one of \"svm\", \"softmax\", \"mse\", \"sigmoid\", \"gaussian_nll\", \"triplet\", found \"softmx\"; did you mean 'softmax'?"),
        (#"{"data": {"train": "a.csv"}, "loss": {"variant": "crammer"}}"#,
         "test.json: loss.variant: expected one of \"weston_watkins\", \"crammer_singer\", \"one_vs_rest\", found \"crammer\""),
        (#"{"data": {"train": "a.csv"}, "runs": [{"name": "a"}, {"name": "b", "optimizer": {"learning_rate": 0}}]}"#,
         "test.json: runs[1].optimizer.learning_rate: expected a number > 0 and ≤ 1000000, found 0"),
        (#"{"data": {"train": "a.csv"}, "runs": [{"name": "a", "loss": {"type": "svm", "sigma": 2}}]}"#,
         "test.json: runs[0].loss.sigma: this key does not apply to type 'svm'; it is used by 'gaussian_nll'"),
        (#"{"data": {"train": "a.csv"}, "loss": {"type": "svm", "sigma": 2}}"#,
         "test.json: loss.sigma: this key does not apply to type 'svm'; it is used by 'gaussian_nll'"),
        (#"{"seed": 1}"#, "test.json: data: missing; expected an object with at least \"train\""),
        (#"{"data": {"train": "a.csv"}, "runs": [{"name": "a"}, {"name": "a"}]}"#,
         "test.json: runs[1].name: expected a name that no other run has (each run gets its own folder), found \"a\""),
        (#"{"data": {"train": "a.csv"}, "sweep": {"optimizer.learning_rte": [0.1]}}"#,
         "test.json: sweep.optimizer.learning_rte: unknown key; did you mean 'optimizer.learning_rate'?"),
        (#"{"data": {"train": "a.csv"}, "sweep": {"optimizer.learning_rate": [0.1, 0]}}"#,
         "test.json: sweep.optimizer.learning_rate[1]: expected a number > 0 and ≤ 1000000, found 0"),
        (#"{"name": "x", "data": {"train": "a.csv"}, "output": {"dir": ""}}"#,
         "test.json: output.dir: expected a folder name such as \"runs/x\", found \"\""),
        (#"{"data": {"train": {"image": "a", "labels": "b"}}}"#, "test.json: data.train.image: unknown key; did you mean 'images'?"),
        (#"{"data": {"train": {"cifar_10": "c"}}}"#, "test.json: data.train.cifar_10: unknown key; did you mean 'cifar10'?"),
        (#"{"data": {"train": "a.csv", "image_shape": [28]}}"#,
         "test.json: data.image_shape: expected a list of 2 or 3 whole numbers from 1 to 100000, found a list"),
        (#"{"data": {"train": "a.csv", "image_shape": [28, 0]}}"#,
         "test.json: data.image_shape: expected a list of 2 or 3 whole numbers from 1 to 100000, found a list"),
        (#"{"data": {"train": "a.csv", "header": "no"}}"#, "test.json: data.header: expected true or false, found \"no\""),
        (#"{"data": {"train": "a.csv", "headers": false}}"#, "test.json: data.headers: unknown key; did you mean 'header'?"),
        ("{\"data\": {\"train\": \"a.csv\"},\n \"seed\": 1,}", "test.json: line 2, column 12: not valid JSON: expected another key after ',' (JSON allows no trailing comma), found '}'"),
    ]

    @Test("each config error is one sentence naming the file and the key path", arguments: errors)
    func configError(text: String, message: String) {
        let error = TrainingFixtures.configError(text)
        #expect(error?.description == message, "config: \(text)")
    }

    @Test("data sources: a path by its name (.npy, IDX images, .bin, else CSV), the IDX and CIFAR-10 objects; header and image_shape")
    func dataSources() throws {
        // Columns: the source as written, the source decoded.
        let sources: [(String, DataSource)] = [
            (#""a.csv""#, .csv(path: "a.csv")),
            (#""d/x.npy""#, .numpy(features: "d/x.npy", labels: "d/x-labels.npy")),
            (#""m/t10k-images-idx3-ubyte""#, .idx(images: "m/t10k-images-idx3-ubyte", labels: "m/t10k-labels-idx1-ubyte")),
            (#"{"images": "i", "labels": "l"}"#, .idx(images: "i", labels: "l")),
            (#"{"cifar10": "cifar-10-batches-bin"}"#, .cifar10(path: "cifar-10-batches-bin")),
            (#""cifar-10-batches-bin/test_batch.bin""#, .cifar10(path: "cifar-10-batches-bin/test_batch.bin")),
        ]
        for (text, expected) in sources {
            let data = try TrainingFixtures.configuration("{\"data\": {\"train\": \(text)}}").data
            #expect(data.train == expected, "source \(text)")
            #expect(data.header && data.imageShape == nil)
        }
        let data = try TrainingFixtures.configuration(#"{"data": {"train": "a.csv", "header": false, "image_shape": [32, 32, 3]}}"#).data
        #expect(!data.header && data.imageShape == ImageShape(height: 32, width: 32, channels: 3))
        #expect(data.resolved["image_shape"] == [32, 32, 3] && data.resolved["header"] == false)
    }

    @Test("A path named as an IDX file is IDX even without 'images' in its name: paired by name, or an error naming it")
    func idxPaths() throws {
        // Columns: the path as written, the source decoded.
        let paired: [(String, DataSource)] = [
            ("m/t10k-images.idx3-ubyte", .idx(images: "m/t10k-images.idx3-ubyte", labels: "m/t10k-labels.idx1-ubyte")),
            ("train-images-idx3-ubyte.gz", .idx(images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz")),
        ]
        for (path, expected) in paired {
            #expect(try TrainingFixtures.configuration("{\"data\": {\"train\": \"\(path)\"}}").data.train == expected, "path \(path)")
        }
        for path in ["m/t10k-idx3-ubyte", "my-digits.idx3-ubyte", "train-labels-idx1-ubyte"] {
            #expect(TrainingFixtures.configError("{\"data\": {\"validation\": \"\(path)\", \"train\": \"a.csv\"}}")?.description
                == "test.json: data.validation: \(path): expected an IDX images file whose name holds 'images' (its labels file is named with 'labels'), "
                    + #"or the pair {"images": "…", "labels": "…"}, found no labels file to go with it"#, "path \(path)")
        }
    }

    @Test("runs deep-merge over the top level: a run overrides one key and keeps its siblings")
    func runsDeepMerge() throws {
        let configuration = try TrainingFixtures.configuration(#"""
            {"data": {"train": "a.csv"},
             "optimizer": {"learning_rate": 0.05, "epochs": 7, "schedule": {"type": "step", "every": 3}},
             "runs": [{"name": "a"}, {"name": "b", "optimizer": {"learning_rate": 0.5, "schedule": {"gamma": 0.1}}}]}
            """#)
        let (a, b) = (configuration.runs[0], configuration.runs[1])
        #expect(a.optimizer.learningRate == 0.05 && a.optimizer.epochs == 7 && a.optimizer.schedule == .step(every: 3, gamma: 0.5))
        #expect(b.optimizer.learningRate == 0.5 && b.optimizer.epochs == 7 && b.optimizer.schedule == .step(every: 3, gamma: 0.1))
    }

    @Test("--set loss.type=softmax on an SVM config with a margin: the margin is dropped with a note (SPEC §4)")
    func overriddenTypeDropsKeys() throws {
        let text = #"{"data": {"train": "a.csv"}, "loss": {"type": "svm", "margin": 2}, "runs": [{"name": "a"}, {"name": "b", "loss": {"margin": 3}}]}"#
        let configuration = try TrainingFixtures.configuration(text, overrides: ["loss.type=softmax"])
        #expect(configuration.runs.map(\.loss.type) == [.softmax, .softmax])
        #expect(configuration.runs[0].notes == ["run 'a': loss type 'softmax' (from --set) does not use loss.margin: dropped"])
        #expect(configuration.runs[1].notes == ["run 'b': loss type 'softmax' (from --set) does not use loss.margin, runs[1].loss.margin: dropped"])
        let single = try TrainingFixtures.configuration(#"{"data": {"train": "a.csv"}, "loss": {"type": "svm", "margin": 2}}"#,
                                                       overrides: ["loss.type=softmax"])
        #expect(single.runs[0].loss.type == .softmax && single.runs[0].notes.count == 1)
    }

    @Test("a run's own margin under a softmax type from the top level is dropped with a note; beside its own type it is an error")
    func runKeyUnderInheritedType() throws {
        let inherited = try TrainingFixtures.configuration(
            #"{"data": {"train": "a.csv"}, "loss": {"type": "softmax"}, "runs": [{"name": "a", "loss": {"margin": 3}}]}"#)
        #expect(inherited.runs[0].notes == ["run 'a': loss type 'softmax' (from loss.type) does not use runs[0].loss.margin: dropped"])
        let error = TrainingFixtures.configError(
            #"{"data": {"train": "a.csv"}, "runs": [{"name": "a", "loss": {"type": "softmax", "margin": 3}}]}"#)
        #expect(error?.description == "test.json: runs[0].loss.margin: this key does not apply to type 'softmax'; it is used by 'svm', 'triplet'")
    }

    @Test("a margin inherited by a softmax run is fine and dropped from its resolved loss")
    func inheritedMarginDropped() throws {
        let configuration = try TrainingFixtures.configuration(#"""
            {"data": {"train": "a.csv"}, "loss": {"type": "svm", "margin": 2},
             "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}]}
            """#)
        #expect(configuration.runs[0].loss.resolved == ["type": "svm", "variant": "weston_watkins", "margin": 2, "squared": false,
                                                     "include_correct_class": false])
        #expect(configuration.runs[1].loss.resolved == ["type": "softmax"])
        #expect(configuration.runs[1].resolved["loss"] == ["type": "softmax"])
    }

    @Test("sweep: the grid over dotted paths, the first axis slowest, runs named after their point")
    func sweepExpansion() throws {
        let configuration = try TrainingFixtures.configuration(#"""
            {"data": {"train": "a.csv"},
             "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}],
             "sweep": {"optimizer.learning_rate": [0.01, 0.1], "regularizer.strength": [0, 0.001]}}
            """#)
        #expect(configuration.runs.map(\.name) == [
            "svm,learning_rate=0.01,strength=0", "svm,learning_rate=0.01,strength=0.001",
            "svm,learning_rate=0.1,strength=0", "svm,learning_rate=0.1,strength=0.001",
            "softmax,learning_rate=0.01,strength=0", "softmax,learning_rate=0.01,strength=0.001",
            "softmax,learning_rate=0.1,strength=0", "softmax,learning_rate=0.1,strength=0.001",
        ])
        #expect(configuration.runs.map(\.optimizer.learningRate) == [0.01, 0.01, 0.1, 0.1, 0.01, 0.01, 0.1, 0.1])
        #expect(configuration.runs.map(\.regularizer.strength) == [0, 0.001, 0, 0.001, 0, 0.001, 0, 0.001])
        #expect(configuration.runs.allSatisfy { $0.sweepPoint.count == 2 })
    }

    @Test("--set overrides one value and is validated like the file, including runs[1].loss.type=softmax")
    func overrides() throws {
        let text = #"{"data": {"train": "a.csv"}, "runs": [{"name": "a"}, {"name": "b"}]}"#
        let configuration = try TrainingFixtures.configuration(text, overrides: [
            "optimizer.learning_rate=0.05", "runs[1].loss.type=softmax", "model.bias_trick=false", "name=\"renamed\"",
        ])
        #expect(configuration.runs.map(\.optimizer.learningRate) == [0.05, 0.05])
        #expect(configuration.runs.map(\.loss.type) == [.svm, .softmax])
        #expect(configuration.runs.allSatisfy { !$0.biasTrick })
        #expect(configuration.name == "renamed")
        #expect(TrainingFixtures.configError(text, overrides: ["optimizer.learning_rate=-1"])?.description
                == "test.json (--set optimizer.learning_rate=-1): optimizer.learning_rate: expected a number > 0 and ≤ 1000000, found -1")
        #expect(TrainingFixtures.configError(text, overrides: ["optimizer.learning_rte=1"])?.description
                == "test.json (--set optimizer.learning_rte=1): optimizer.learning_rte: unknown key; did you mean 'learning_rate'?")
    }

    @Test("an error in a value that --set wrote names the --set (the last one for its path); one in the file does not")
    func overrideErrorsNameTheOverride() {
        let text = #"{"data": {"train": "a.csv"}, "optimizer": {"learning_rate": -1}, "runs": [{"name": "a"}, {"name": "b"}]}"#
        #expect(TrainingFixtures.configError(text, overrides: ["optimizer.epochs=3"])?.description
                == "test.json: optimizer.learning_rate: expected a number > 0 and ≤ 1000000, found -1", "the file's own mistake")
        #expect(TrainingFixtures.configError(text, overrides: ["optimizer.learning_rate=0.1", "optimizer.epochs=2", "optimizer.epochs=abc"])?
                    .description == "test.json (--set optimizer.epochs=abc): optimizer.epochs: expected a whole number from 0 to 1000000, found \"abc\"")
        let valid = #"{"data": {"train": "a.csv"}, "runs": [{"name": "a"}, {"name": "b"}]}"#
        #expect(TrainingFixtures.configError(valid, overrides: ["runs[1].loss={\"type\": \"svn\"}"])?.description.hasPrefix(
                    "test.json (--set runs[1].loss={\"type\": \"svn\"}): runs[1].loss.type:") == true, "inside the path set")
    }

    // argument, a phrase of the message
    static let badOverrides: [(String, String)] = [
        ("optimizer.learning_rate", "PATH=VALUE"), ("=3", "PATH=VALUE"), ("optimizer..epochs=3", "a path of names"),
        ("runs[x].loss.type=svm", "a list index"), ("runs[5].loss.type=svm", "an existing list element"),
        ("runs[1.loss.type=svm", "a list index"), ("seed.value=1", "a path through objects"),
    ]

    @Test("bad --set syntax is an error that shows the expected form", arguments: badOverrides)
    func badOverride(argument: String, phrase: String) {
        let text = #"{"seed": 1, "data": {"train": "a.csv"}, "runs": [{"name": "a"}, {"name": "b"}]}"#
        let error = TrainingFixtures.configError(text, overrides: [argument])
        guard case .invalidOverride(let reported, let expected)? = error else {
            Issue.record("--set \(argument): \(String(describing: error))")
            return
        }
        #expect(reported == argument)
        #expect(expected.contains(phrase), "--set \(argument): \(expected)")
    }

    @Test("config.resolved.json keeps every key the run uses with its default")
    func resolved() throws {
        let run = try #require(try TrainingFixtures.configuration(Self.minimal).runs.first)
        #expect(run.resolved["optimizer"]?["schedule"] == ["type": "constant"])
        #expect(run.resolved["regularizer"] == ["type": "l2", "strength": 0.001, "include_bias": false])
        #expect(run.resolved["model"] == ["bias_trick": true, "implementation": "fast", "init": "gaussian", "init_scale": 0.001])
    }

    @Test("sweeping loss.margin sweeps the SVM run only: a softmax run has no margin, so it trains once")
    func sweptKeyOfAnotherLoss() throws {
        let text = #"""
            {"seed": 1, "data": {"train": "a.csv"}, "loss": {"type": "svm"},
             "runs": [{"name": "svm"}, {"name": "softmax", "loss": {"type": "softmax"}}],
             "sweep": {"loss.margin": [0.1, 1, 10], "optimizer.learning_rate": [0.01, 0.1]}}
            """#
        let runs = try TrainingFixtures.configuration(text).runs
        #expect(runs.map(\.name) == [
            "svm,margin=0.1,learning_rate=0.01", "svm,margin=0.1,learning_rate=0.1", "svm,margin=1,learning_rate=0.01",
            "svm,margin=1,learning_rate=0.1", "svm,margin=10,learning_rate=0.01", "svm,margin=10,learning_rate=0.1",
            "softmax,learning_rate=0.01", "softmax,learning_rate=0.1",
        ])
        #expect(runs.last?.sweepPoint.map(\.path) == ["optimizer.learning_rate"])
        let swept = #"{"seed": 1, "data": {"train": "a.csv"}, "sweep": {"loss.type": ["svm", "softmax"], "loss.margin": [1, 2]}}"#
        #expect(try TrainingFixtures.configuration(swept).runs.count == 4, "a swept loss.type keeps the keys any of its types uses")
    }
}
