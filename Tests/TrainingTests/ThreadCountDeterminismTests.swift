import Testing
import Training
import LinearAlgebra

/// SPEC §6: the same config and seed give byte-identical model.json and history.csv whatever the
/// number of threads. The kernels cut a step into pieces fixed by the shapes (`MinibatchPieces`,
/// column tiles, runs of entries) and add partial sums in piece order; these tests train every loss
/// with 1, 2, 3, 4 and 8 threads (more threads than this machine's cores, too) and compare bytes.
@Suite("Thread count — 1, 2, 3, 4 and 8 threads write the same model.json and history.csv for every loss")
struct ThreadCountDeterminismTests {
    /// Batches of 200 rows (2 pieces, then a short one of 80 rows: 2 pieces), 10 classes and
    /// 1,300 features: 5.2 M multiply–adds a step, enough for 8 threads; 3 threads or more share
    /// the pieces in two phases (many pieces taken by 3 threads or more: the kernel's tests, 8
    /// pieces on up to 5 threads); D mod 16 = 4 reaches the kernels' remainder columns. (The
    /// SGD update's split of a large W has its own test.) Triplet runs get 250 samples (one batch of
    /// 200, four slots of anchors): their evaluation over every triplet of the split dominates the
    /// test's time.
    static func config(runs: String) -> String {
        let samples = runs.contains("triplet") ? 250 : 350
        return #"""
        {"seed": 11, "data": {"train": {"generate": {"kind": "blobs", "samples": \#(samples), "classes": 10, "features": 1300, "noise": 4}}},
         "optimizer": {"epochs": 2, "batch_size": 200, "learning_rate": 0.01},
         "runs": [\#(runs)]}
        """#
    }

    /// Each run's history.csv and model.json, trained with `threads` threads.
    static func files(runs: String, threads: Int) throws -> [String: String] {
        let configuration = try TrainingFixtures.configuration(config(runs: runs))
        let experiment = try Experiment(configuration: configuration)
        let results = ParallelPartition.withHelpersAlwaysInvited { ParallelPartition.withThreadCount(threads) { experiment.trainAll() } }
        var files: [String: String] = [:]
        for result in results {
            files["\(result.run.name)/history.csv"] = ResultFiles.historyCSV(result.history)
            files["\(result.run.name)/model.json"] = JSONWriter.string(experiment.modelFile(for: result).json)
        }
        return files
    }

    // the runs of one experiment: every loss and variant, and the optimizer and regularizer paths
    static let experiments: [String] = [
        #"""
        {"name": "weston-watkins", "loss": {"type": "svm"}},
        {"name": "crammer-singer", "loss": {"type": "svm", "variant": "crammer_singer"}},
        {"name": "one-vs-rest", "loss": {"type": "svm", "variant": "one_vs_rest"}},
        {"name": "squared-hinge", "loss": {"type": "svm", "squared": true}}
        """#,
        #"""
        {"name": "softmax", "loss": {"type": "softmax"}},
        {"name": "mse", "loss": {"type": "mse"}},
        {"name": "sigmoid", "loss": {"type": "sigmoid"}},
        {"name": "gaussian-nll", "loss": {"type": "gaussian_nll", "sigma": 2}}
        """#,
        #"""
        {"name": "triplet-all", "loss": {"type": "triplet", "mining": "all"}},
        {"name": "triplet-hard", "loss": {"type": "triplet", "mining": "hard"}},
        {"name": "triplet-semi-hard", "loss": {"type": "triplet", "mining": "semi_hard"}},
        {"name": "triplet-random", "loss": {"type": "triplet", "mining": "random"}}
        """#,
        #"""
        {"name": "nesterov-l1-apart", "model": {"bias_trick": false}, "optimizer": {"momentum": 0.9, "nesterov": true},
         "regularizer": {"type": "l1", "strength": 0.001, "proximal": true}},
        {"name": "elastic-net-bias", "regularizer": {"type": "elastic_net", "strength": 0.01, "include_bias": true}}
        """#,
    ]

    @Test("every loss trains to the same bytes on 1, 2, 3, 4 and 8 threads", arguments: experiments)
    func sameBytesForAnyThreadCount(runs: String) throws {
        let single = try Self.files(runs: runs, threads: 1)
        #expect(!single.isEmpty)
        for threads in [2, 3, 4, 8] {
            let observed = try Self.files(runs: runs, threads: threads)
            for (name, bytes) in single.sorted(by: { $0.key < $1.key }) {
                #expect(observed[name] == bytes, "\(name) differs with \(threads) threads from 1 thread's")
            }
        }
    }

    @Test("withThreadCount sets the kernels' thread count for the calling task only")
    func taskScopedThreadCount() {
        let outside = ParallelPartition.defaultThreadCount
        ParallelPartition.withThreadCount(7) {
            #expect(ParallelPartition.defaultThreadCount == 7)
        }
        #expect(ParallelPartition.defaultThreadCount == outside)
    }
}
