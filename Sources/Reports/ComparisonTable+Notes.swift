import Training

/// The sentences under the comparison table: why a run is marked best or why none is, with its
/// lead beside the noise (`BestRun`), and the best point of each sweep.
extension ComparisonTable {
    /// The note on the best mark, or nil for a single run. `names` and `accuracies` (validation
    /// accuracy, or its mean over the seeds) are those of the table's rows; `wins` and `seeds`
    /// are given under `--repeats`.
    public static func bestNote(
        _ choice: BestRunChoice, names: [String], accuracies: [Double?], wins: [Int]? = nil, seeds: Int? = nil
    ) -> String? {
        let over = seeds.map { " over \($0) seeds" } ?? ""
        let mean = seeds == nil ? "" : "mean "
        func accuracy(_ index: Int) -> String { accuracies[index].map(formatAccuracy) ?? "n/a" }
        switch choice {
        case .single:
            return nil
        case .noValidation:
            return "No best mark: there is no validation split to compare the runs on (set data.validation_fraction above 0)."
        case .noCandidate:
            return "No best mark: every run diverged or was interrupted."
        case .tie(let indices, let value):
            let runs = indices.count <= 3 ? list(indices.map { names[$0] }) : "\(indices.count) runs"
            return "No best mark: \(runs) tie at \(formatAccuracy(value)) \(mean)validation accuracy\(over)."
        case .best(let index, nil):
            return "\(bestMarker) \(names[index]): the only run that neither diverged nor was interrupted."
        case .best(let index, let lead?):
            var sentence = "\(bestMarker) \(names[index]) has the best \(mean)validation accuracy\(over), "
                + "\(accuracy(index)) against \(accuracy(lead.runnerUp)) for \(names[lead.runnerUp])"
            if let wins, let seeds { sentence += " (it won \(wins[index]) of \(seeds) seeds)" }
            let margin = "95% margin ±\(formatFixed(100 * lead.margin, decimals: 1)) points"
            switch (lead.rule, lead.isWithinNoise) {
            case (.validationExamples(let count), true):
                let examples = Int((lead.difference * Double(count)).rounded())
                sentence += ", but a lead of \(examples) of \(count) examples is within the noise of a split that size "
                    + "(two-proportion test, \(margin)): another split could reorder them; compare over seeds with --repeats 5."
            case (.validationExamples(let count), false):
                sentence += ", a lead beyond the noise of \(count) validation examples (two-proportion test, \(margin))."
            case (.seeds, true):
                sentence += ", but its lead of \(formatFixed(100 * lead.difference, decimals: 1)) points is within the "
                    + "seed-to-seed noise (paired t-test, \(margin)): more seeds could reorder them."
            case (.seeds, false):
                sentence += ", a lead of \(formatFixed(100 * lead.difference, decimals: 1)) points beyond the seed-to-seed noise "
                    + "(paired t-test, \(margin))."
            }
            return sentence
        }
    }

    /// One line per run of a sweep: its best grid point by validation accuracy, as `BestRun`
    /// chooses among the points (a tie or a lead within the noise is said so).
    public static func sweepLines(_ results: [RunResult]) -> [String] {
        var groups: [(name: String, points: [RunResult])] = []
        for result in results where !result.run.sweepPoint.isEmpty {
            if let index = groups.firstIndex(where: { $0.name == result.run.baseName }) {
                groups[index].points.append(result)
            } else {
                groups.append((result.run.baseName, [result]))
            }
        }
        return groups.compactMap { name, points in
            func point(_ result: RunResult) -> String {
                result.run.sweepPoint.map { "\($0.path) = \(JSONWriter.compactString($0.value))" }.joined(separator: ", ")
            }
            switch BestRun.choose(points) {
            case .single, .noValidation:
                return nil
            case .noCandidate:
                return "Sweep of run '\(name)': every point diverged or was interrupted."
            case .tie(let indices, let accuracy):
                let which = indices.count == points.count ? "all \(indices.count) points" : "\(indices.count) points"
                return "Sweep of run '\(name)': \(which) tie at \(formatAccuracy(accuracy)) validation accuracy"
                    + (indices.count <= 3 && indices.count < points.count ? " (\(indices.map { point(points[$0]) }.joined(separator: "; ")))." : ".")
            case .best(let index, let lead):
                let best = points[index]
                var line = "Best point of the sweep for run '\(name)': \(point(best)) "
                    + "(validation accuracy \(best.validation.map { formatAccuracy($0.accuracy) } ?? "n/a"))"
                if let lead, lead.isWithinNoise {
                    line += "; the runner-up, \(point(points[lead.runnerUp])), is within the noise of the validation split"
                }
                return line + "."
            }
        }
    }

    /// "a", "a and b", "a, b and c".
    public static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
