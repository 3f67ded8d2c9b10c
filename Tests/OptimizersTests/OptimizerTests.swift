import Testing
import LinearAlgebra
import Optimizers

@Suite("Optimizer table — config names to types")
struct OptimizerTypeTests {
    @Test("one optimizer, sgd, with the keys of SPEC §4's optimizer section")
    func sgdKeys() {
        #expect(OptimizerType.allCases.map(\.rawValue) == ["sgd"])
        #expect(OptimizerType.sgd.keys == ["type", "learning_rate", "batch_size", "epochs", "momentum", "nesterov", "shuffle", "schedule"])
        #expect(!OptimizerType.sgd.summary.isEmpty)
    }

    @Test("sgd makes SGD with momentum and nesterov passed on, and zero velocity")
    func makesSGD() {
        let optimizer = OptimizerType.sgd.makeOptimizer(momentum: 0.9, nesterov: true) as? StochasticGradientDescent
        #expect(optimizer == StochasticGradientDescent(momentum: 0.9, nesterov: true))
        #expect(optimizer?.velocity == nil)
    }
}
