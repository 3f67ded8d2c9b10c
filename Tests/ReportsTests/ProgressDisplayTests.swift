import Testing
@testable import Training
@testable import Reports

@Suite("Training progress on the terminal, in a pipe, and quiet")
struct ProgressDisplayTests {
    static func record(epoch: Int, loss: Double) -> EpochRecord {
        EpochRecord(epoch: epoch, learningRate: 0.1, loss: loss, dataLoss: loss, regularizationLoss: 0,
                    trainAccuracy: 0.5, validationLoss: loss, validationAccuracy: 0.25)
    }

    /// Shows epochs 0…`epochs` of a run, `secondsPerEpoch` apart, and returns what was written.
    static func transcript(_ mode: ProgressDisplay.Mode, epochs: Int, secondsPerEpoch: Double, loss: Double = 0.5) -> String {
        var text = ""
        let display = ProgressDisplay(mode: mode) { text += $0 }
        for epoch in 0...epochs {
            display.show(ProgressEvent(runName: "svm", epoch: epoch, epochs: epochs, record: record(epoch: epoch, loss: loss),
                                       elapsedSeconds: Double(epoch) * secondsPerEpoch))
        }
        return text
    }

    @Test("in a pipe: a plain line every tenth of the run (10 lines for 100 epochs)")
    func plain() {
        let lines = Self.transcript(.plain, epochs: 100, secondsPerEpoch: 0.01).split(separator: "\n")
        #expect(lines.count == 10, "\(lines)")
        #expect(lines.last?.hasPrefix("svm  epoch 100/100  loss 0.5000  train  50.0%  val  25.0%") == true, "\(lines.last ?? "")")
    }

    @Test("on a terminal: one redrawn line, at most ten redraws a second, ended by a newline")
    func terminal() {
        let text = Self.transcript(.terminal, epochs: 100, secondsPerEpoch: 0.0015)
        let redraws = text.components(separatedBy: "\r\u{1B}[2K").count - 1
        #expect(redraws == 3, "epoch 0, epoch 67 (0.1005 s), the last: \(redraws)")
        #expect(text.hasSuffix("\n") && text.filter { $0 == "\n" }.count == 1)
    }

    @Test("--quiet writes nothing")
    func quiet() {
        #expect(Self.transcript(.quiet, epochs: 10, secondsPerEpoch: 1).isEmpty)
    }

    @Test("a diverging loss is written in scientific notation, not 300 digits")
    func hugeLoss() {
        let lines = Self.transcript(.plain, epochs: 10, secondsPerEpoch: 1, loss: 2.5e200).split(separator: "\n")
        #expect(lines.first?.contains("loss 2.500e+200") == true, "\(lines.first ?? "")")
    }

    @Test("COLUMNS = 80 and 40: every progress line fits; the redrawn one a column narrower", arguments: [80, 40, 24, 8])
    func fitsWidth(width: Int) {
        for mode in [ProgressDisplay.Mode.plain, .terminal] {
            var text = ""
            let display = ProgressDisplay(mode: mode, width: width) { text += $0 }
            for epoch in 0...100 {
                display.show(ProgressEvent(runName: "svm,learning_rate=0.01,strength=0.001 (seed 7)", epoch: epoch, epochs: 100,
                                           record: Self.record(epoch: epoch, loss: 0.5), elapsedSeconds: Double(epoch)))
            }
            let lines = text.components(separatedBy: "\r\u{1B}[2K").flatMap { $0.split(separator: "\n") }
            #expect(!lines.isEmpty)
            for line in lines {
                #expect(line.count <= (mode == .terminal ? width - 1 : width), "\(mode) \(width): '\(line)'")
            }
        }
    }

    @Test("narrower: the time goes first, then the train accuracy …, then the run name is cut with …")
    func shortening() {
        let display = ProgressDisplay(mode: .plain, width: 62) { _ in }
        let event = ProgressEvent(runName: "softmax", epoch: 40, epochs: 100, record: Self.record(epoch: 40, loss: 0.5), elapsedSeconds: 4)
        display.show(event)
        #expect(display.line(for: event) == "softmax  epoch  40/100  loss 0.5000  train  50.0%  val  25.0%")
        let narrow = ProgressDisplay(mode: .plain, width: 30) { _ in }
        narrow.show(event)
        #expect(narrow.line(for: event) == "so…  epoch  40/100  val  25.0%")
    }
}
