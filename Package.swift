// swift-tools-version:6.0
// A linear classifier trainer for learning how the multiclass SVM and softmax losses are
// trained: one target per stage of the lecture's training pipeline. No package dependencies.
import PackageDescription

/// `-target-cpu native` lets the compiler use this machine's vector units (AVX-512 FMA on the
/// course machine). Without it `SIMD8<Double>.addProduct` compiles to a software FMA call: the
/// two products of a cifar-like epoch (`swift run -c release benchmark kernels`, 2 threads)
/// measured 2.17 s without the flag and 0.10 s with it (21×). Only on x86_64 and arm64 Linux/macOS
/// builds, where the flag is understood.
#if arch(x86_64) || arch(arm64)
let nativeCPU: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "native"], .when(configuration: .release))]
#else
let nativeCPU: [SwiftSetting] = []
#endif

let package = Package(
    name: "LinearClassifier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "trainer", targets: ["trainer"]),
    ],
    targets: [
        // MARK: Pipeline
        // One inline C function: the cache prefetch hint Swift has no spelling for, with which the
        // fused SGD step asks for the rows it reads next.
        .target(name: "CachePrefetch"),
        // Which processor a thread runs on, and moving it off one: how `WorkerPool`'s helper leaves
        // the core of the thread it helps when the scheduler wakes it there.
        .target(name: "ThreadPlacement"),
        .target(name: "LinearAlgebra", dependencies: ["CachePrefetch", "ThreadPlacement"], swiftSettings: nativeCPU),
        .target(name: "LinearModel", dependencies: ["LinearAlgebra"], swiftSettings: nativeCPU),
        .target(name: "Losses", dependencies: ["LinearAlgebra", "LinearModel"], swiftSettings: nativeCPU),
        .target(name: "Regularizers", dependencies: ["LinearAlgebra"], swiftSettings: nativeCPU),
        .target(name: "Optimizers", dependencies: ["LinearAlgebra"], swiftSettings: nativeCPU),
        .target(name: "Datasets", dependencies: ["LinearAlgebra"], swiftSettings: nativeCPU),
        .target(
            name: "Training",
            dependencies: ["LinearAlgebra", "LinearModel", "Losses", "Regularizers", "Optimizers", "Datasets"],
            swiftSettings: nativeCPU),
        .target(name: "Reports", dependencies: ["Training", "Datasets", "Losses", "LinearAlgebra", "LinearModel"]),

        // MARK: Command line
        .executableTarget(name: "trainer", dependencies: ["Training", "Reports", "Datasets", "LinearAlgebra", "LinearModel", "Losses"]),

        // MARK: Benchmarks
        .executableTarget(name: "benchmark", dependencies: ["Datasets", "LinearAlgebra", "Training"], swiftSettings: nativeCPU),

        // MARK: Test support
        .target(name: "TestSupport", dependencies: ["LinearAlgebra"], path: "Tests/TestSupport"),

        // MARK: Tests
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "LinearModelTests", dependencies: ["LinearModel", "TestSupport"]),
        .testTarget(name: "LossesTests", dependencies: ["Losses", "LinearModel", "TestSupport"]),
        .testTarget(name: "RegularizersTests", dependencies: ["Regularizers", "TestSupport"]),
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers", "Losses", "Regularizers", "LinearModel", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Training", "Losses", "TestSupport"]),
        .testTarget(name: "TrainerTests", dependencies: ["trainer", "Training", "TestSupport"]),
        .testTarget(name: "BenchmarkTests", dependencies: ["benchmark"]),
    ]
)
