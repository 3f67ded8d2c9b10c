import Training
import Datasets

/// Whether an experiment's examples are images, and their shape: what decides that the report
/// draws class templates (SPEC §6: an image shape known), never a feature count that happens to
/// be a square (a 4-feature flowers CSV is not a 2×2 image).
enum ImageData {
    /// (height, width, channels) of the experiment's images, or nil for other data.
    ///
    /// Known today from the pixel names `p{row}_{column}` that the `images` generator writes (also
    /// in data/images.csv), row-major and covering a full rectangle. Image shapes carried by the
    /// data itself (`.npy` of 3–4 dimensions, IDX, CIFAR-10, `data.image_shape`) are read here
    /// as well once `ExperimentData` holds them: this is the one place to change.
    static func shape(of experiment: Experiment) -> (height: Int, width: Int, channels: Int)? {
        shape(ofPixelNames: experiment.data.featureNames)
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
    /// in the features' order; a class without examples gets zeros.
    /// - Complexity: O(N·D).
    static func classMeans(of data: ExperimentData) -> [[Double]] {
        var raw = data.train.features
        data.preprocessing.invert(&raw)
        let features = raw.columns
        var sums = Array(repeating: Array(repeating: 0.0, count: features), count: data.classCount)
        var counts = Array(repeating: 0, count: data.classCount)
        for (i, label) in data.train.labels.enumerated() where sums.indices.contains(label) {
            counts[label] += 1
            for d in 0..<features { sums[label][d] += raw.elements[i * features + d] }
        }
        return zip(sums, counts).map { sum, count in count == 0 ? sum : sum.map { $0 / Double(count) } }
    }
}
