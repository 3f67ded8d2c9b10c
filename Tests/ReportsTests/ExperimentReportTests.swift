import Foundation
import Testing
@testable import Reports
import Training
import Losses

/// A small experiment trained in memory for a few epochs: `data` is the config's data section,
/// `extra` more top-level members (runs, sweep).
func trainedReport(data: String, extra: String = "") throws -> ExperimentReport {
    let text = """
        { "name": "tiny <report>", "seed": 3, "data": \(data),
          "optimizer": { "epochs": 3, "batch_size": 16, "learning_rate": 0.1 }\(extra.isEmpty ? "" : ", " + extra) }
        """
    let configuration = try ConfigLoader.decode(text: text, file: "memory.json")
    let experiment = try Experiment(configuration: configuration)
    return ExperimentReport(experiment: experiment, results: experiment.trainAll())
}

/// The page's body parsed as XML (the doctype and head left out), or nil with a recorded issue.
func parsedBody(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLNode? {
    guard let body = html.components(separatedBy: "<body>\n").last?.components(separatedBy: "</body>").first else {
        Issue.record("no <body> in the page", sourceLocation: sourceLocation)
        return nil
    }
    return parseXML("<body>" + body + "</body>", sourceLocation: sourceLocation)
}

/// The `<svg role="img">` charts of a page whose accessible name (first `<title>`) starts with `prefix`.
func charts(in root: XMLNode, titled prefix: String) -> [XMLNode] {
    root.elements(named: "svg").filter { $0.attributes["role"] == "img" && ($0.tooltip ?? "").hasPrefix(prefix) }
}

@Suite("report.html — what the runs did, in one page")
struct ExperimentReportTests {
    static let twoRuns = #""runs": [{ "name": "<svm & co>" }, { "name": "softmax", "loss": { "type": "softmax" } }]"#
    static let blobs2D = #"{ "train": { "generate": { "kind": "blobs", "samples": 90, "classes": 3, "features": 2 } } }"#

    @Test("2-D blobs, SVM vs softmax: every section, one curve per run, decision regions side by side")
    func sections() throws {
        let report = try trainedReport(data: Self.blobs2D, extra: Self.twoRuns)
        let root = try #require(parsedBody(report.html))
        #expect(root.elements(named: "h2").map(\.text) == [
            "Data and runs", "Sanity checks and endings", "Learning curves", "Decision regions (training data)",
            "Confusion matrices (validation split)", "Shapes of the losses",
        ])
        let lossChart = try #require(charts(in: root, titled: "Training loss").first)
        #expect(lossChart.elements(withClass: "series").map(\.tooltip) == ["<svm & co>", "softmax"])
        for title in ["Data loss", "Regularization loss", "Training accuracy", "Validation accuracy"] {
            #expect(charts(in: root, titled: title).first?.elements(withClass: "series").count == 2, "\(title)")
        }
        let regions = charts(in: root, titled: "<svm & co>: ") + charts(in: root, titled: "softmax: ")
        #expect(regions.count == 2)
        for chart in regions {
            #expect(chart.elements(withClass: "regions").first?.elements(named: "rect").isEmpty == false)
            #expect(chart.elements(withClass: "points").first?.elements(named: "circle").count == report.experiment.data.train.exampleCount)
        }
        #expect(charts(in: root, titled: "<svm & co> (accuracy").count == 1, "a confusion matrix per run")
        let shapes = try #require(charts(in: root, titled: "Loss of one example").first)
        #expect(shapes.elements(withClass: "series").count == 7, "hinge, squared hinge, one-vs-rest, softmax, mse, sigmoid, gaussian_nll")
        #expect(shapes.elements(withClass: "markers").first?.texts == ["Δ = 1"])
        let choice = BestRun.choose(report.results)
        #expect(root.elements(named: "tr").contains { $0.attributes["class"] == "marked" } == (choice.markedIndex != nil),
                "a row is marked exactly when there is something to choose (BestRun: \(choice))")
    }

    @Test("a run named <svm & co> is escaped everywhere and never breaks the page")
    func escaping() throws {
        let html = try trainedReport(data: Self.blobs2D, extra: Self.twoRuns).html
        #expect(!html.contains("<svm & co>"))
        #expect(!html.contains("tiny <report>"))
        #expect(html.contains("&lt;svm &amp; co&gt;"))
        #expect(parsedBody(html) != nil)
        for forbidden in ["<script", "<link", "<img", "url("] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
    }

    @Test("decision regions only for D = 2, class templates only for a square D", arguments: [
        // features, decision regions?, templates?
        (2, true, false), (3, false, false), (4, false, true), (9, false, true),
    ])
    func sectionsByDimension(features: Int, regions: Bool, templates: Bool) throws {
        let data = #"{ "train": { "generate": { "kind": "blobs", "samples": 60, "classes": 3, "features": \#(features) } } }"#
        let report = try trainedReport(data: data, extra: Self.twoRuns)
        let root = try #require(parsedBody(report.html))
        let headings = root.elements(named: "h2").map(\.text)
        #expect(headings.contains("Decision regions (training data)") == regions, "D = \(features)")
        #expect(headings.contains("Class templates (weights as images)") == templates, "D = \(features)")
        if templates {
            #expect(root.elements(withClass: "pixels").count == 2 * 3, "K = 3 templates per run, D = \(features)")
            #expect(root.elements(withClass: "pixels").allSatisfy { $0.elements(named: "rect").count == features })
        }
    }

    @Test("the data's shapes: N, D and K per split")
    func shapes() throws {
        let data = #"{ "train": { "generate": { "kind": "blobs", "samples": 90, "classes": 3, "features": 2 } }, "validation_fraction": 0.2, "test_fraction": 0.2 }"#
        let report = try trainedReport(data: data)
        let root = try #require(parsedBody(report.html))
        let rows = root.elements(named: "tr").map { $0.elements(named: "td").map(\.text) }
        let d = report.experiment.data
        for (name, count) in [("train", d.train.exampleCount), ("validation", d.validation?.exampleCount), ("test", d.test?.exampleCount)] {
            #expect(rows.contains { $0.prefix(4) == [name, String(count ?? -1), "2", "3"] }, "\(name)")
        }
    }

    @Test("confusion matrices say which split: validation, else test, else train")
    func confusionSplit() throws {
        let withTest = #"{ "train": { "generate": { "kind": "blobs", "samples": 60, "classes": 3, "features": 2 } }, "validation_fraction": 0, "test_fraction": 0.25 }"#
        let trainOnly = #"{ "train": { "generate": { "kind": "blobs", "samples": 60, "classes": 3, "features": 2 } }, "validation_fraction": 0 }"#
        #expect(try trainedReport(data: withTest).html.contains("<h2>Confusion matrices (test split)</h2>"))
        let html = try trainedReport(data: trainOnly).html
        #expect(html.contains("<h2>Confusion matrices (train split)</h2>"))
        #expect(!html.contains("Validation accuracy"), "no validation curve without a validation split")
    }

    @Test("a 2-axis sweep gives one heat map of validation accuracy per run, best cell marked; one axis a table only")
    func sweep() throws {
        let twoAxes = try trainedReport(data: Self.blobs2D, extra: Self.twoRuns
            + #", "sweep": { "optimizer.learning_rate": [0.01, 0.1, 1], "regularizer.strength": [0, 0.01] }"#)
        let root = try #require(parsedBody(twoAxes.html))
        let maps = charts(in: root, titled: "<svm & co>: validation accuracy") + charts(in: root, titled: "softmax: validation accuracy")
        #expect(maps.count == 2)
        for map in maps {
            #expect(map.elements(withClass: "cell").count == 6, "3 learning rates × 2 strengths")
        }
        #expect(root.elements(named: "tr").filter { $0.attributes["class"] == "marked" }.count == 2 + 1, "best per run in the sweep table, best overall")
        let oneAxis = try trainedReport(data: Self.blobs2D, extra: #""sweep": { "optimizer.learning_rate": [0.01, 0.1] }"#)
        let html = oneAxis.html
        #expect(html.contains("<h2>Sweep</h2>"))
        #expect(!html.contains("validation accuracy</title>"), "no heat map for one axis")
    }

    @Test("a run that diverges says at which epoch, with the hint")
    func divergence() throws {
        let report = try trainedReport(data: Self.blobs2D, extra: #""runs": [{ "name": "wild", "optimizer": { "learning_rate": 1000000, "epochs": 40 }, "regularizer": { "type": "l2", "strength": 1000 } }]"#)
        guard case .diverged(let epoch) = report.results[0].stopReason else {
            Issue.record("expected divergence, got \(report.results[0].stopReason)")
            return
        }
        #expect(report.html.contains("diverged at epoch \(epoch) (loss NaN or ∞): try a smaller learning_rate"))
    }

    @Test("the loss shapes come from the losses: hinge at m = Δ is 0, softmax at m = 0 is ln 2")
    func lossShapes() {
        let shapes = ExperimentReport.lossAlongMargin(MulticlassSVMLoss(margin: 1), margins: [-1, 0, 1, 2])
        #expect(shapes == [2, 1, 0, 0])
        let softmax = ExperimentReport.lossAlongMargin(SoftmaxCrossEntropyLoss(), margins: [0])
        #expect(abs(softmax[0] - log(2)) < 1e-12)
    }
}
