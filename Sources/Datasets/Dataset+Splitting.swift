import LinearAlgebra

/// The parts of a dataset after holding out validation and test examples.
public struct DatasetSplits: Equatable, Sendable {
    /// The examples to train on.
    public var train: Dataset
    /// The held-out validation examples, or nil when the validation fraction is 0.
    public var validation: Dataset?
    /// The held-out test examples, or nil when the test fraction is 0.
    public var test: Dataset?
}

extension Dataset {
    /// The dataset split into train, validation and test parts that keep the class proportions.
    ///
    /// Per class k with n_k examples: shuffle that class's row indices (Fisher–Yates with
    /// xoshiro256** seeded by `seed`, classes in index order), then take v_k = round(f_val·n_k)
    /// for validation, the next t_k = round(f_test·n_k) for test, and the rest for training, so
    /// each part holds each class within half an example of its proportion. At least one example
    /// of each class stays in training. Each part keeps the rows in file order and all K classes.
    ///
    /// - Parameters:
    ///   - validationFraction: f_val in [0, 1); 0 means no validation part.
    ///   - testFraction: f_test in [0, 1); 0 means no test part. f_val + f_test < 1.
    /// - Throws: `DatasetError.invalidFraction` for a fraction out of range.
    /// - Complexity: O(N·D).
    public func stratifiedSplit(validationFraction: Double, testFraction: Double, seed: UInt64) throws -> DatasetSplits {
        var train = self
        let heldOut = try train.holdOut(validationFraction: validationFraction, testFraction: testFraction, seed: seed)
        return DatasetSplits(train: train, validation: heldOut.validation, test: heldOut.test)
    }

    /// The same split as `stratifiedSplit`, done in place: the held-out rows are copied out and
    /// removed, and the training rows close up inside the dataset's own storage. Training on M
    /// bytes of features then peaks at M plus the held-out part, not twice M.
    public mutating func holdOut(validationFraction: Double, testFraction: Double, seed: UInt64) throws -> (validation: Dataset?, test: Dataset?) {
        for (name, fraction) in [("validation_fraction", validationFraction), ("test_fraction", testFraction)] {
            guard fraction >= 0 && fraction < 1 else {
                throw DatasetError.invalidFraction(name: name, value: fraction, expected: "a fraction from 0 up to (not including) 1")
            }
        }
        guard validationFraction + testFraction < 1 else {
            throw DatasetError.invalidFraction(name: "validation_fraction + test_fraction", value: validationFraction + testFraction,
                                               expected: "less than 1, leaving examples to train on")
        }
        guard validationFraction > 0 || testFraction > 0 else { return (nil, nil) }
        var generator = Xoshiro256StarStar(seed: seed)
        var part = [Int](repeating: 0, count: exampleCount)  // 0 train, 1 validation, 2 test
        for rows in rowsByClass() {
            var shuffled = rows
            generator.shuffle(&shuffled)
            let validationCount = min(Int((validationFraction * Double(rows.count)).rounded()), max(rows.count - 1, 0))
            let testCount = min(Int((testFraction * Double(rows.count)).rounded()), max(rows.count - 1 - validationCount, 0))
            for row in shuffled[0..<validationCount] { part[row] = 1 }
            for row in shuffled[validationCount..<(validationCount + testCount)] { part[row] = 2 }
        }
        let validation = validationFraction > 0 ? selecting(rows: part.indices.filter { part[$0] == 1 }) : nil
        let test = testFraction > 0 ? selecting(rows: part.indices.filter { part[$0] == 2 }) : nil
        for (name, fraction, held) in [("validation_fraction", validationFraction, validation), ("test_fraction", testFraction, test)] {
            if let held, held.exampleCount == 0 {
                throw DatasetError.invalidFraction(
                    name: name, value: fraction,
                    expected: "a fraction that holds out at least one example (of \(exampleCount) examples, rounded per class); raise it, or set it to 0 for no such split")
            }
        }
        keepRows(part.indices.filter { part[$0] == 0 })
        return (validation, test)
    }

    /// Keeps only `rows` (increasing indices), moving them up in place.
    mutating func keepRows(_ rows: [Int]) {
        let columns = features.columns
        var elements = features.elements
        features = Matrix(rows: 0, columns: columns)  // the last other reference: `elements` is now unique
        var values = elements.mutableSpan
        for (target, source) in rows.enumerated() where target != source {
            for d in 0..<columns {
                values[target * columns + d] = values[source * columns + d]
            }
        }
        elements.removeLast(elements.count - rows.count * columns)
        features = Matrix(rows: rows.count, columns: columns, elements: elements)
        labels = rows.map { labels[$0] }
    }

    /// The row indices of each class, in class order, each list in file order.
    func rowsByClass() -> [[Int]] {
        var rows = [[Int]](repeating: [], count: classCount)
        for (row, label) in labels.enumerated() { rows[label].append(row) }
        return rows
    }

    /// The dataset of the given rows, in the given order, with all classes, feature names and the image shape.
    public func selecting(rows: [Int]) -> Dataset {
        Dataset(features: features.gatheringRows(rows), labels: rows.map { labels[$0] },
                classNames: classNames, featureNames: featureNames, imageShape: imageShape)
    }
}
