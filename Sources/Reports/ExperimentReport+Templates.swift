import Training

extension ExperimentReport {
    /// For D a perfect square (8×8 digits): each class's weight row w_k drawn as a √D × √D image,
    /// per run, all classes of a run on one colour scale.
    var templates: HTMLPage.Section? {
        guard let side = WeightImage.side(forFeatureCount: experiment.data.featureCount), side > 1 else { return nil }
        var blocks: [HTMLPage.Block] = [
            .paragraph("Each class's weight row w_k as a \(side)×\(side) image (the class templates): red weights raise the "
                + "class's score s_k = w_k·x + b_k where the (preprocessed) pixel is above its mean, blue ones lower it, white is 0. "
                + "All classes of a run share one colour scale, written under each image."),
        ]
        let pixelSize = max(4, (96 / Double(side)).rounded())
        for result in results {
            let weights = result.classifier.weights
            let limit = weights.elements.filter(\.isFinite).map(abs).max() ?? 0
            let images = (0..<weights.rows).compactMap { row in
                WeightImage(caption: row < classNames.count ? classNames[row] : "class \(row)", weights: weights.row(row),
                            limit: limit, pixelSize: pixelSize)?.svg
            }
            blocks.append(.paragraph("Run \(result.run.name):"))
            blocks.append(.figures(images))
        }
        return HTMLPage.Section(heading: "Class templates (weights as images)", blocks: blocks)
    }
}
