import Training
import Datasets

/// Whether an experiment's examples are images, and their shape: what decides that the report
/// draws class templates (SPEC §6: an image shape known), never a feature count that happens to
/// be a square (a 4-feature flowers CSV is not a 2×2 image).
enum ImageData {
    /// (height, width, channels) of the experiment's images, or nil for other data: the shape the
    /// data carries (`.npy` of 3–4 dimensions, IDX, CIFAR-10, generated images, `data.image_shape`),
    /// else one read from grey pixel names `p{row}_{column}` in row-major order covering a full
    /// rectangle (a CSV such as data/images.csv).
    static func shape(of experiment: Experiment) -> (height: Int, width: Int, channels: Int)? {
        if let shape = experiment.data.imageShape { return (shape.height, shape.width, shape.channels) }
        return shape(ofPixelNames: experiment.data.featureNames)
    }

    /// (rows, columns, 1) when `names` are exactly p0_0, p0_1, …, p{rows−1}_{columns−1} in
    /// row-major order, with at least 2 rows and 2 columns; else nil.
    static func shape(ofPixelNames names: [String]) -> (height: Int, width: Int, channels: Int)? {
        guard let last = names.last, let (rows, columns) = pixel(last), rows >= 1, columns >= 1 else { return nil }
        let height = rows + 1, width = columns + 1
        guard height * width == names.count, height >= 2, width >= 2 else { return nil }
        for (index, name) in names.enumerated() {
            guard let (row, column) = pixel(name), row == index / width, column == index % width else { return nil }
        }
        return (height, width, 1)
    }

    /// (row, column) of a name "p{row}_{column}".
    private static func pixel(_ name: String) -> (Int, Int)? {
        guard name.hasPrefix("p") else { return nil }
        let parts = name.dropFirst().split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, let row = Int(parts[0]), let column = Int(parts[1]), row >= 0, column >= 0 else { return nil }
        return (row, column)
    }

    /// Each class's mean training image in raw units (preprocessing undone), D numbers per class
    /// in the features' order; a class without examples gets zeros. The preprocessing is affine per
    /// feature, z = (x − mean)/scale, so the means are taken of the preprocessed rows where they
    /// lie and undone once per class (mean_x = mean_z·scale + mean): no copy of the N×D training
    /// matrix, which for CIFAR-10 would double the run's memory.
    /// - Complexity: O(N·D).
    static func classMeans(of data: ExperimentData) -> [[Double]] {
        let features = data.train.featureCount, preprocessing = data.preprocessing
        var sums = Array(repeating: Array(repeating: 0.0, count: features), count: data.classCount)
        var counts = Array(repeating: 0, count: data.classCount)
        for (i, label) in data.train.labels.enumerated() where sums.indices.contains(label) {
            counts[label] += 1
            for d in 0..<features { sums[label][d] += data.train.features.elements[i * features + d] }
        }
        return zip(sums, counts).map { sum, count in
            count == 0 ? sum : sum.indices.map { sum[$0] / Double(count) * preprocessing.scale[$0] + preprocessing.mean[$0] }
        }
    }
}
