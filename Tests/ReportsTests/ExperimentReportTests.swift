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
            "Data and runs", "Sanity checks and endings", "Learning curves", "Margins: when is a run satisfied?",
            "Decision regions (training data)", "Loss surfaces around the trained weights", "Shapes of the losses",
            "Confusion matrices (validation split)",
        ])
        #expect(root.elements(named: "section").allSatisfy { $0.elements(named: "p").first?.attributes["class"] == "question" },
                "every section states its lecture question first")
        let lossChart = try #require(charts(in: root, titled: "Training loss").first)
        #expect(lossChart.elements(withClass: "series").map(\.tooltip) == ["<svm & co>", "softmax"])
        for title in ["Data loss", "Regularization loss", "Training accuracy", "Validation accuracy"] {
            #expect(charts(in: root, titled: title).first?.elements(withClass: "series").count == 2, "\(title)")
        }
        let regions = charts(in: root, titled: "<svm & co>, epoch 3") + charts(in: root, titled: "softmax, epoch 3")
        #expect(regions.count == 2)
        for chart in regions {
            let frames = chart.elements(withClass: "frame").filter { !$0.elements(withClass: "regions").isEmpty }
            #expect(frames.map { $0.attributes["data-epoch"] } == ["0", "1", "2", "3"], "one frame per snapshot")
            #expect(frames.last?.elements(named: "path").isEmpty == false)
            #expect(chart.elements(withClass: "points").first?.elements(named: "circle").count == report.experiment.data.train.exampleCount)
        }
        #expect(root.elements(withClass: "epoch-slider").first?.attributes["data-epochs"] == "0,1,2,3")
        #expect(charts(in: root, titled: "<svm & co> (accuracy").count == 1, "a confusion matrix per run")
        let shapes = try #require(charts(in: root, titled: "Loss of one example").first)
        #expect(shapes.elements(withClass: "series").map(\.tooltip) == ["svm weston_watkins, Δ = 1 — <svm & co>", "softmax — softmax"],
                "exactly the losses of the runs")
        #expect(shapes.elements(withClass: "markers").first?.texts == ["Δ = 1"])
        #expect(charts(in: root, titled: "Penalty R(w)").isEmpty, "both runs use the same regularizer")
        #expect(charts(in: root, titled: "Binary cross-entropy").isEmpty, "no sigmoid run")
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
        #expect(html.components(separatedBy: "<script>").count == 2, "the slider's one inline script")
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"), "nothing fetched")
        for forbidden in ["<script src", "<link", "<img", "url("] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
    }

    @Test("decision regions only for D = 2, class templates only for images (never for 4 flower features)", arguments: [
        // kind, features, decision regions?, templates?
        ("blobs", 2, true, false), ("blobs", 3, false, false), ("blobs", 4, false, false), ("blobs", 9, false, false),
        ("images", 16, false, true),
    ])
    func sectionsByDimension(kind: String, features: Int, regions: Bool, templates: Bool) throws {
        let data = #"{ "train": { "generate": { "kind": "\#(kind)", "samples": 60, "classes": 3, "features": \#(features) } } }"#
        let report = try trainedReport(data: data, extra: Self.twoRuns)
        let root = try #require(parsedBody(report.html))
        let headings = root.elements(named: "h2").map(\.text)
        #expect(headings.contains("Decision regions (training data)") == regions, "D = \(features)")
        #expect(headings.contains("Class templates (weights as images)") == templates, "D = \(features)")
        if templates {
            let grids = charts(in: root, titled: "<svm & co>: ") + charts(in: root, titled: "softmax: ")
            let imageGrids = grids.filter { !$0.elements(named: "image").isEmpty }
            #expect(imageGrids.count == 2, "one grid per run")
            for grid in imageGrids {
                #expect(grid.elements(withClass: "column-names").first?.texts == ["0", "1", "2"], "class names over the columns")
                #expect(grid.elements(withClass: "row").first?.elements(named: "image").count == 3, "each class's mean image")
                #expect(grid.elements(withClass: "frame").count == 4 && grid.elements(withClass: "frame").allSatisfy { $0.elements(named: "image").count == 3 },
                        "a template per class at each of the 4 snapshots")
            }
        }
    }

    @Test("runs that differ only in their regularizer share one template scale; L1's exact zeros are counted")
    func sharedTemplateScale() throws {
        let data = #"{ "train": { "generate": { "kind": "images", "samples": 60, "classes": 3, "features": 16 } } }"#
        let runs = #""loss": {"type": "softmax"}, "runs": [{ "name": "l2", "regularizer": {"type": "l2", "strength": 0.01} }, { "name": "l1", "regularizer": {"type": "l1", "strength": 0.05, "proximal": true} }]"#
        let report = try trainedReport(data: data, extra: runs)
        let html = report.html
        #expect(html.components(separatedBy: "one scale for 2 runs").count == 5, "both runs say they share the scale (title and accessible name)")
        #expect(html.contains("\(report.results[1].zeroWeights) of 48 weights exactly 0"))
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
        // svm's points: one at 100%, the others 94.4%; softmax's six all at 94.4%, a tie that gets no star.
        #expect(root.elements(named: "tr").filter { $0.attributes["class"] == "marked" }.count == 1 + 1, "svm's best point, the best run")
        #expect(root.elements(named: "p").contains { $0.text == "softmax: no point is outlined, 6 points tie at 94.4% validation accuracy." })
        let headings = root.elements(named: "h2").map(\.text)
        #expect(headings.firstIndex(of: "Sweep") == 1, "the heat maps come right after the data and runs")
        #expect(charts(in: root, titled: "Training loss").first?.elements(withClass: "series").count == 2, "the best point of each run only")
        let oneAxis = try trainedReport(data: Self.blobs2D, extra: #""sweep": { "optimizer.learning_rate": [0.01, 0.1] }"#)
        let oneRoot = try #require(parsedBody(oneAxis.html))
        #expect(charts(in: oneRoot, titled: "svm: validation accuracy").first?.elements(withClass: "cell").count == 2, "one row of cells")
    }

    @Test("a sweep whose points tie outlines no cell and stars no row, as the console marks none, and says why")
    func sweepTie() throws {
        let separable = #"{ "train": { "generate": { "kind": "blobs", "samples": 90, "classes": 3, "features": 2, "noise": 0.05 } } }"#
        let report = try trainedReport(data: separable, extra: #""sweep": { "optimizer.learning_rate": [0.1, 0.2] }"#)
        #expect(report.results.map { $0.validation?.accuracy } == [1, 1], "both points classify every validation example")
        let root = try #require(parsedBody(report.html))
        let map = try #require(charts(in: root, titled: "svm: validation accuracy").first)
        #expect(map.elements(named: "rect").allSatisfy { $0.attributes["stroke"] != "#000000" }, "no outlined cell")
        #expect(!root.elements(named: "tr").contains { $0.attributes["class"] == "marked" }, "no ★ row")
        #expect(root.elements(named: "p").contains { $0.text == "svm: no point is outlined, 2 points tie at 100.0% validation accuracy." })
    }

    @Test("a best point on the grid's border gets a note; one at a strength of 0 does not (there is nothing below 0)")
    func borderNote() throws {
        let report = try trainedReport(data: Self.blobs2D, extra: #""sweep": { "optimizer.learning_rate": [0.0001, 0.001, 1] }"#)
        let best = try #require(ResultFiles.bestSweepPoints(report.results).first?.best.run.sweepPoint.first?.value.numberValue)
        let html = report.html
        #expect(html.contains("on the border of the grid") == (best != 0.001), "best learning rate \(best)")
    }

    @Test("a run that diverges says at which epoch, with the hint")
    func divergence() throws {
        let report = try trainedReport(data: Self.blobs2D, extra: #""runs": [{ "name": "wild", "optimizer": { "learning_rate": 1000000, "epochs": 40 }, "regularizer": { "type": "l2", "strength": 1000 } }]"#)
        guard case .diverged(let epoch) = report.results[0].stopReason else {
            Issue.record("expected divergence, got \(report.results[0].stopReason)")
            return
        }
        #expect(report.html.contains("diverged at epoch \(epoch) (loss NaN or ∞): try a smaller learning_rate"))
        let root = try #require(parsedBody(report.html))
        let loss = try #require(charts(in: root, titled: "Training loss").first)
        #expect(loss.elements(withClass: "point-markers").first?.texts == ["✕ wild diverged at epoch \(epoch): loss NaN or ∞"],
                "marked where it blew up")
        #expect(root.elements(named: "p").contains { $0.attributes["class"] == "warning" && $0.text.contains("wild (colour 1) diverged") })
    }

    @Test("a run that ends above its initial loss without diverging is flagged")
    func endedAboveStart() throws {
        let report = try trainedReport(data: Self.blobs2D, extra: #""runs": [{ "name": "hot", "optimizer": { "learning_rate": 40 } }]"#)
        let result = try #require(report.results.first)
        let worse = (result.final?.loss ?? 0) > (result.history.first?.loss ?? 0)
        guard case .completed = result.stopReason else { return }
        #expect(report.html.contains("hot ended with a higher loss than it started with") == worse)
        #expect(report.html.contains("⚠ final loss above the initial loss") == worse)
    }

    @Test("the margins section: three charts over epochs and a histogram per run with its Δ")
    func margins() throws {
        let report = try trainedReport(data: Self.blobs2D, extra: Self.twoRuns)
        let root = try #require(parsedBody(report.html))
        for title in ["Margins mᵢ over training", "Fraction of examples with mᵢ ≥ Δ", "Mean softmax probability"] {
            #expect(charts(in: root, titled: title).first?.elements(withClass: "series").count == 2, "\(title)")
        }
        let histograms = charts(in: root, titled: "<svm & co>: margins") + charts(in: root, titled: "softmax: margins")
        #expect(histograms.map { $0.elements(withClass: "markers").first?.texts ?? [] } == [["Δ = 1"], ["Δ = 1"]])
        #expect(histograms.allSatisfy { $0.elements(withClass: "series").map(\.tooltip) == ["epoch 1", "epoch 2", "epoch 3"] })
    }

    @Test("the loss shapes come from the losses: hinge at m = Δ is 0, softmax at m = 0 is ln 2")
    func lossShapes() {
        let shapes = ExperimentReport.lossAlongMargin(MulticlassSVMLoss(margin: 1), margins: [-1, 0, 1, 2])
        #expect(shapes == [2, 1, 0, 0])
        let softmax = ExperimentReport.lossAlongMargin(SoftmaxCrossEntropyLoss(), margins: [0])
        #expect(abs(softmax[0] - log(2)) < 1e-12)
    }
}
