import LinearAlgebra

extension Dataset {
    /// The dataset with its feature columns in the order of `featureNames`, each found by its
    /// name: column j of the result is the column of this dataset named `featureNames[j]`, so a
    /// file whose columns stand in another order still lines up with a model's W. The image shape,
    /// if any, is kept (the columns are as many). A CSV file's column names are unique (its reader
    /// refuses a name that appears twice), so each name finds one column.
    /// - Complexity: O(N·D) for N examples and D names.
    /// - Throws: `DatasetError.missingFeatureColumn` naming `file` when a name is not a column.
    public func columns(named featureNames: [String], file: String) throws -> Dataset {
        guard self.featureNames != featureNames else { return self }
        let sources = try featureNames.map { name in
            guard let column = self.featureNames.firstIndex(of: name) else {
                throw DatasetError.missingFeatureColumn(file: file, name: name, columns: self.featureNames)
            }
            return column
        }
        var reordered = Matrix(rows: exampleCount, columns: sources.count)
        for i in 0..<exampleCount {
            for (target, source) in sources.enumerated() {
                reordered[i, target] = features[i, source]
            }
        }
        return Dataset(features: reordered, labels: labels, classNames: classNames, featureNames: featureNames, imageShape: imageShape)
    }
}
