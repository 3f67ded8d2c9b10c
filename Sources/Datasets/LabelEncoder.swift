/// Turns the labels of a file, as written, into class indices yᵢ ∈ 0..<K and the class names in
/// index order (SPEC §6).
///
/// Two modes:
/// - classes from the data (training): K = the distinct labels, ordered by numeric value when
///   every label is an integer (so `"10"` comes after `"9"`, and `"01"` and `"1"` are one class
///   named `"1"`), else by string order;
/// - classes given (validation, test or predict data read against a model): each label maps onto
///   the given list, by its text or, for an integer, by its canonical text; an unknown label is
///   reported by `encode` returning nil.
struct LabelEncoder {
    private let knownClasses: [String]?
    private var indexOfLabel: [String: Int] = [:]
    private var labelsInOrderSeen: [String] = []
    /// Provisional indices (order of first appearance) or, with known classes, final ones.
    private(set) var labels: [Int] = []

    /// An encoder that learns the classes from the data (`knownClasses` nil) or maps onto them.
    init(knownClasses: [String]?) {
        self.knownClasses = knownClasses
        if let knownClasses {
            for (index, name) in knownClasses.enumerated() where indexOfLabel[name] == nil {
                indexOfLabel[name] = index
            }
        }
    }

    /// Records one example's label; nil when classes are known and `label` is not one of them.
    mutating func encode(_ label: String) -> Int? {
        if let index = indexOfLabel[label] {
            labels.append(index)
            return index
        }
        if let knownClasses {
            guard let integer = Int(label), let index = knownClasses.firstIndex(of: String(integer)) else { return nil }
            indexOfLabel[label] = index
            labels.append(index)
            return index
        }
        let index = labelsInOrderSeen.count
        indexOfLabel[label] = index
        labelsInOrderSeen.append(label)
        labels.append(index)
        return index
    }

    /// The class indices and class names of the integer labels of an array file (IDX, `.npy`),
    /// one per element: with `knownClasses` nil the classes are the distinct values in numeric order,
    /// named by their decimal text, and at least two are required; otherwise each label maps onto
    /// `knownClasses` by its decimal text.
    /// - Throws: `DatasetError.unknownArrayLabel` naming the first element whose label is not one of
    ///   `knownClasses`; `noExamples` or `singleClass` for training labels of fewer than two classes.
    /// - Complexity: O(N) expected (hashing), plus O(K log K) to order the classes.
    static func encode(integerLabels: [Int], file: String, knownClasses: [String]?) throws -> (labels: [Int], classNames: [String]) {
        var encoder = LabelEncoder(knownClasses: knownClasses)
        for (element, value) in integerLabels.enumerated() {
            let label = String(value)
            guard encoder.encode(label) != nil else {
                throw DatasetError.unknownArrayLabel(file: file, element: element, label: label, knownClasses: knownClasses ?? [])
            }
        }
        return try encoder.finishCheckingClasses(file: file)
    }

    /// `finish()`, checking that training data (classes learned from the data) hold at least two
    /// classes: there is nothing to tell apart otherwise. `file` names the labels in the error.
    func finishCheckingClasses(file: String) throws -> (labels: [Int], classNames: [String]) {
        let (labels, names) = finish()
        if knownClasses == nil && names.count < 2 {
            guard let only = names.first else { throw DatasetError.noExamples(file: file) }
            throw DatasetError.singleClass(file: file, className: only)
        }
        return (labels, names)
    }

    /// The labels as class indices and the class names in index order.
    func finish() -> (labels: [Int], classNames: [String]) {
        if let knownClasses { return (labels, knownClasses) }
        let integers = labelsInOrderSeen.map { Int($0) }
        let classNames: [String]
        let finalIndex: [Int]
        if integers.allSatisfy({ $0 != nil }) {
            let values = integers.compactMap { $0 }
            let sortedValues = Array(Set(values)).sorted()
            let position = Dictionary(uniqueKeysWithValues: sortedValues.enumerated().map { ($1, $0) })
            classNames = sortedValues.map(String.init)
            finalIndex = values.map { position[$0] ?? 0 }
        } else {
            classNames = labelsInOrderSeen.sorted()
            let position = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
            finalIndex = labelsInOrderSeen.map { position[$0] ?? 0 }
        }
        return (labels.map { finalIndex[$0] }, classNames)
    }
}
