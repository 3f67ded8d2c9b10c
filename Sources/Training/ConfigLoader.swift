import Foundation
import Losses
import Regularizers
import Optimizers
import LinearModel
import Datasets

/// Reads a config file into an `ExperimentConfiguration`: JSON syntax, `--set` overrides, the
/// schema's keys, types and ranges, the runs merged over the top level, and the sweep's grid.
public enum ConfigLoader {
    /// The config in `file`, with `overrides` (`PATH=VALUE`, as given to `--set`) applied first.
    public static func load(file: String, overrides: [String] = []) throws(ConfigError) -> ExperimentConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            let resolved = URL(fileURLWithPath: file).standardizedFileURL.path
            let reason = FileManager.default.fileExists(atPath: resolved) ? "it is not readable UTF-8 text" : "no such file (looked at \(resolved))"
            throw .unreadable(file: file, reason: reason)
        }
        let defaultName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return try decode(text: text, file: file, defaultName: defaultName, overrides: overrides)
    }

    /// The config in `text` (named `file` in messages).
    public static func decode(
        text: String, file: String, defaultName: String = "experiment", overrides: [String] = []
    ) throws(ConfigError) -> ExperimentConfiguration {
        var root: JSONValue
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw .syntax(file: file, line: error.line, column: error.column, expected: error.expected)
        }
        for override in overrides {
            root = try ConfigOverride.apply(override, to: root, file: file)
        }
        do {
            return try decode(root: root, file: file, defaultName: defaultName, overriddenPaths: Set(overrides.map(ConfigOverride.path(of:))))
        } catch {
            throw ConfigOverride.blame(error, on: overrides)
        }
    }

    /// The config in `root`; `overriddenPaths` are the paths `--set` wrote (a type set there makes
    /// the keys of another type in its section notes rather than errors).
    static func decode(
        root: JSONValue, file: String, defaultName: String, overriddenPaths: Set<String> = []
    ) throws(ConfigError) -> ExperimentConfiguration {
        let top = try SectionReader(file: file, section: ConfigSchema.topLevel, layers: [.init(object: root, path: "", isExplicit: true)])
        let name = try top.value("name")?.stringValue ?? defaultName
        guard isValidRunName(name) else {
            throw .invalidValue(file: file, path: "name", found: JSONWriter.quoted(name),
                                expected: "a name of at most 100 characters without '/' that does not start with '.' (it names the output folder)")
        }
        let seed = UInt64(try top.integer("seed"))
        guard let dataObject = root["data"] else {
            throw .missingKey(file: file, path: "data", expected: "an object with at least \"train\"")
        }
        let data = try decodeData(dataObject, file: file, seed: seed)
        let sweep = try decodeSweep(root["sweep"], file: file)
        let runs = try decodeRuns(root: root, file: file, sweep: sweep, overriddenPaths: overriddenPaths)
        if data.validation == nil && data.validationFraction == 0,
           let run = runs.first(where: { $0.earlyStopping != nil }) {
            throw .invalidValue(file: file, path: "early_stopping", found: "it in run '\(run.name)'",
                                expected: "a validation split to watch (set data.validation_fraction > 0 or data.validation)")
        }
        let output = try SectionReader(file: file, section: ConfigSchema.output, layers: [
            .init(object: root["output"] ?? [:], path: "output", isExplicit: true),
        ])
        let configured = try output.value("dir")?.stringValue
        if configured?.isEmpty == true {
            throw .invalidValue(file: file, path: "output.dir", found: "\"\"", expected: "a folder name such as \"runs/\(name)\"")
        }
        return ExperimentConfiguration(
            file: file, name: name, seed: seed, data: data, runs: runs, sweep: sweep,
            outputDirectory: configured ?? "runs/\(name)", outputDirectoryFromConfig: true)
    }

    // MARK: Data

    static func decodeData(_ object: JSONValue, file: String, seed: UInt64) throws(ConfigError) -> DataConfiguration {
        let reader = try SectionReader(file: file, section: ConfigSchema.data, layers: [.init(object: object, path: "data", isExplicit: true)])
        guard let trainValue = reader.lookup("train") else {
            throw .missingKey(file: file, path: "data.train", expected: ConfigValueKind.dataSource.expectation)
        }
        let train = try decodeSource(trainValue.value, path: trainValue.path, file: file, seed: seed)
        let validation = try reader.lookup("validation").map { (entry) throws(ConfigError) in
            try decodeSource(entry.value, path: entry.path, file: file, seed: seed)
        }
        let test = try reader.lookup("test").map { (entry) throws(ConfigError) in
            try decodeSource(entry.value, path: entry.path, file: file, seed: seed)
        }
        let validationFraction = validation == nil ? try reader.number("validation_fraction") : 0
        let testFraction = test == nil ? try reader.number("test_fraction") : 0
        if validationFraction + testFraction > 0.9 {
            throw .invalidValue(file: file, path: "data.test_fraction", found: JSONWriter.number(testFraction),
                                expected: "validation_fraction + test_fraction ≤ 0.9, so that examples are left to train on")
        }
        let preprocess = try reader.choice("preprocess", as: Preprocessing.Kind.self)
        var resolved = try reader.resolved(forType: nil, children: [:])
        if validation != nil { resolved = resolved.removing("validation_fraction") }
        if test != nil { resolved = resolved.removing("test_fraction") }
        let imageShape = try reader.value("image_shape")?.arrayElements.flatMap { elements in
            ImageShape(dimensions: elements.compactMap { $0.numberValue.map { Int($0) } })
        }
        return DataConfiguration(
            train: train, validation: validation, test: test,
            validationFraction: validationFraction, testFraction: testFraction,
            labelColumn: try reader.string("label_column"), header: try reader.boolean("header"), imageShape: imageShape,
            preprocess: preprocess,
            resolved: resolved)
    }

    /// The keys of a data source object, besides `generate`'s section.
    static let sourceKeys = ["features", "labels", "images", "cifar10", "generate"]

    /// A data source: a path (read as `DataSource.inferred(fromPath:labels:labelsOption:)` says),
    /// `{"features", "labels"}` (NumPy), `{"images", "labels"}` (IDX), `{"cifar10"}` or `{"generate"}`.
    static func decodeSource(_ value: JSONValue, path: String, file: String, seed: UInt64) throws(ConfigError) -> DataSource {
        if let dataPath = value.stringValue {
            do {
                return try DataSource.inferred(fromPath: dataPath, labelsOption: #"the pair {"images": "…", "labels": "…"}"#)
            } catch {
                throw .dataSource(file: file, path: path, problem: error.description)
            }
        }
        let expected = ConfigValueKind.dataSource.expectation
        guard let members = value.objectMembers else {
            throw .invalidValue(file: file, path: path, found: SectionReader.describe(value), expected: expected)
        }
        let keys = members.map(\.key)
        if keys == ["generate"], let generate = value["generate"] {
            return .generate(try decodeGenerator(generate, path: path + ".generate", file: file, seed: seed))
        }
        if Set(keys) == ["features", "labels"], let features = value["features"]?.stringValue, let labels = value["labels"]?.stringValue {
            return .numpy(features: features, labels: labels)
        }
        if Set(keys) == ["images", "labels"], let images = value["images"]?.stringValue, let labels = value["labels"]?.stringValue {
            return .idx(images: images, labels: labels)
        }
        if keys == ["cifar10"], let folder = value["cifar10"]?.stringValue {
            return .cifar10(path: folder)
        }
        if let unknown = keys.first(where: { !sourceKeys.contains($0) }) {
            throw .unknownKey(file: file, path: path + "." + unknown, suggestion: closestMatch(to: unknown, among: sourceKeys))
        }
        throw .invalidValue(file: file, path: path, found: "an object with keys " + keys.joined(separator: ", "), expected: expected)
    }

    static func decodeGenerator(_ value: JSONValue, path: String, file: String, seed: UInt64) throws(ConfigError) -> SyntheticParameters {
        let reader = try SectionReader(file: file, section: ConfigSchema.generate, layers: [.init(object: value, path: path, isExplicit: true)])
        guard let kindName = try reader.value("kind")?.stringValue, let kind = SyntheticKind(rawValue: kindName) else {
            throw .missingKey(file: file, path: path + ".kind", expected: ConfigSchema.generate.key("kind")?.kind.expectation ?? "a kind")
        }
        let parameters = SyntheticParameters(
            kind: kind,
            samples: try reader.value("samples")?.numberValue.map { Int($0) },
            classes: try reader.value("classes")?.numberValue.map { Int($0) },
            features: try reader.value("features")?.numberValue.map { Int($0) },
            noise: try reader.value("noise")?.numberValue,
            seed: try reader.value("seed")?.numberValue.map { UInt64($0) } ?? seed,
            path: path)
        return parameters
    }

    // MARK: Sweep

    static func decodeSweep(_ value: JSONValue?, file: String) throws(ConfigError) -> [SweepAxis] {
        guard let value else { return [] }
        guard let members = value.objectMembers, !members.isEmpty else {
            throw .invalidValue(file: file, path: "sweep", found: SectionReader.describe(value),
                                expected: "an object of dotted paths and value lists, e.g. {\"optimizer.learning_rate\": [0.01, 0.1]}")
        }
        var axes: [SweepAxis] = []
        for member in members {
            let path = "sweep.\(member.key)"
            let key = try sweepKey(member.key, file: file)
            guard let values = member.value.arrayElements, !values.isEmpty else {
                throw .invalidValue(file: file, path: path, found: SectionReader.describe(member.value), expected: "a non-empty list of values")
            }
            for (index, element) in values.enumerated() {
                try SectionReader.check(element, against: key.kind, file: file, path: "\(path)[\(index)]")
            }
            axes.append(SweepAxis(path: member.key, values: values))
        }
        return axes
    }

    /// The schema key that a sweep path like `optimizer.learning_rate` names.
    static func sweepKey(_ dottedPath: String, file: String) throws(ConfigError) -> ConfigKey {
        let parts = dottedPath.split(separator: ".").map(String.init)
        let sectionPath = parts.dropLast().joined(separator: ".")
        let sections = ConfigSchema.runSections.values + [ConfigSchema.schedule]
        guard let section = sections.first(where: { $0.path == sectionPath }), let last = parts.last else {
            let paths = sections.flatMap { section in section.keys.map { section.path + "." + $0.name } }
            throw .unknownKey(file: file, path: "sweep.\(dottedPath)", suggestion: closestMatch(to: dottedPath, among: paths))
        }
        guard let key = section.key(last), key.kind.isScalar else {
            throw .unknownKey(file: file, path: "sweep.\(dottedPath)",
                              suggestion: closestMatch(to: last, among: section.keys.map(\.name)).map { sectionPath + "." + $0 })
        }
        return key
    }

    /// Every point of the grid, as a nested JSON object per point (the first axis varies slowest).
    static func sweepPoints(_ axes: [SweepAxis]) -> [[(path: String, value: JSONValue)]] {
        axes.reduce([[]]) { points, axis in
            points.flatMap { point in axis.values.map { point + [(axis.path, $0)] } }
        }
    }

    // MARK: Runs

    static func decodeRuns(
        root: JSONValue, file: String, sweep: [SweepAxis], overriddenPaths: Set<String>
    ) throws(ConfigError) -> [RunConfiguration] {
        var entries: [(object: JSONValue, path: String)?] = [nil]
        if let runs = root["runs"] {
            guard let list = runs.arrayElements, !list.isEmpty else {
                throw .invalidValue(file: file, path: "runs", found: SectionReader.describe(runs),
                                    expected: "a non-empty list of runs, e.g. [{\"name\": \"svm\"}, {\"name\": \"softmax\", \"loss\": {\"type\": \"softmax\"}}]")
            }
            entries = list.enumerated().map { ($0.element, "runs[\($0.offset)]") }
        }
        var runs: [RunConfiguration] = []
        for entry in entries {
            if let entry { try checkRunEntry(entry.object, path: entry.path, file: file) }
            for point in sweepPoints(try sweepAxes(sweep, root: root, entry: entry, file: file, overriddenPaths: overriddenPaths)) {
                let run = try decodeRun(root: root, entry: entry, point: point, file: file, overriddenPaths: overriddenPaths)
                if let duplicate = runs.first(where: { $0.name == run.name }) {
                    throw .invalidValue(file: file, path: (entry?.path ?? "runs") + ".name", found: JSONWriter.quoted(duplicate.name),
                                        expected: "a name that no other run has (each run gets its own folder)")
                }
                runs.append(run)
            }
        }
        return runs
    }

    /// The sweep axes a run entry trains over: an axis `loss.KEY` whose key the entry's loss type
    /// does not use (`loss.margin` over a softmax run) is left out for that entry, so that it
    /// trains once instead of once per value with identical results and no "best margin" is
    /// reported for a loss without one (SPEC §4 drops such keys from a run's loss).
    static func sweepAxes(
        _ sweep: [SweepAxis], root: JSONValue, entry: (object: JSONValue, path: String)?, file: String,
        overriddenPaths: Set<String>
    ) throws(ConfigError) -> [SweepAxis] {
        guard sweep.contains(where: { $0.path.hasPrefix("loss.") }) else { return sweep }
        let types: [LossType]
        if let typeAxis = sweep.first(where: { $0.path == "loss.type" }) {
            types = typeAxis.values.compactMap { $0.stringValue.flatMap(LossType.init(rawValue:)) }
        } else {
            types = [try decodeRun(root: root, entry: entry, point: [], file: file, overriddenPaths: overriddenPaths).loss.type]
        }
        return sweep.filter { axis in
            let parts = axis.path.split(separator: ".").map(String.init)
            guard parts.count == 2, parts[0] == "loss" else { return true }
            return types.contains { $0.keys.contains(parts[1]) }
        }
    }

    static func checkRunEntry(_ object: JSONValue, path: String, file: String) throws(ConfigError) {
        guard let members = object.objectMembers else {
            throw .invalidValue(file: file, path: path, found: SectionReader.describe(object), expected: "an object like {\"name\": \"svm\"}")
        }
        let allowed = ["name", "evaluate_every"] + ConfigSchema.runSections.keys.sorted()
        for member in members where !allowed.contains(member.key) {
            if ConfigSchema.topLevel.key(member.key) != nil {
                throw .invalidValue(file: file, path: "\(path).\(member.key)", found: "an override of '\(member.key)'",
                                    expected: "only \(allowed.joined(separator: ", ")) in a run: runs of one config share data, seed, output and sweep so that they can be compared")
            }
            throw .unknownKey(file: file, path: "\(path).\(member.key)", suggestion: closestMatch(to: member.key, among: allowed))
        }
        if let name = object["name"] {
            guard let text = name.stringValue, isValidRunName(text) else {
                throw .invalidValue(file: file, path: "\(path).name", found: SectionReader.describe(name),
                                    expected: "a name of at most 100 characters without '/' that does not start with '.' (it names the run's folder)")
            }
        }
    }

    static func isValidRunName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && name.count <= 100
    }

    static func decodeRun(
        root: JSONValue, entry: (object: JSONValue, path: String)?, point: [(path: String, value: JSONValue)], file: String,
        overriddenPaths: Set<String>
    ) throws(ConfigError) -> RunConfiguration {
        func layers(_ section: String) -> [SectionReader.Layer] {
            var layers: [SectionReader.Layer] = []
            if let top = root[section] { layers.append(.init(object: top, path: section, isExplicit: entry == nil)) }
            if let entry, let override = entry.object[section] {
                layers.append(.init(object: override, path: "\(entry.path).\(section)", isExplicit: true))
            }
            let pointObject = point.reduce(JSONValue.object([])) { object, setting in
                let parts = setting.path.split(separator: ".").map(String.init)
                guard parts.first == section else { return object }
                return object.merging(nested(Array(parts.dropFirst()), setting.value))
            }
            if let members = pointObject.objectMembers, !members.isEmpty {
                layers.append(.init(object: pointObject, path: "sweep.\(section)", isExplicit: false))
            }
            return layers
        }
        let model = try SectionReader(file: file, section: ConfigSchema.model, layers: layers("model"))
        let (loss, lossNotes) = try decodeLoss(SectionReader(file: file, section: ConfigSchema.loss, layers: layers("loss"),
                                                             overriddenPaths: overriddenPaths))
        let regularizerReader = try SectionReader(file: file, section: ConfigSchema.regularizer, layers: layers("regularizer"),
                                                  overriddenPaths: overriddenPaths)
        let (regularizer, regularizerNotes) = try decodeRegularizer(regularizerReader)
        let optimizerReader = try SectionReader(file: file, section: ConfigSchema.optimizer, layers: layers("optimizer"))
        let scheduleReader = try SectionReader(file: file, section: ConfigSchema.schedule, layers: optimizerReader.childLayers("schedule"),
                                               overriddenPaths: overriddenPaths)
        let (schedule, resolvedSchedule, scheduleNotes) = try decodeSchedule(scheduleReader)
        let earlyStoppingLayers = layers("early_stopping")
        let earlyStoppingReader = try SectionReader(file: file, section: ConfigSchema.earlyStopping, layers: earlyStoppingLayers)
        let earlyStopping = earlyStoppingLayers.isEmpty ? nil : EarlyStoppingConfiguration(
            patience: try earlyStoppingReader.integer("patience"), restoreBest: try earlyStoppingReader.boolean("restore_best"))
        let topReader = try SectionReader(file: file, section: ConfigSchema.topLevel, layers: [.init(object: root, path: "", isExplicit: true)])
        var evaluateEvery = try topReader.integer("evaluate_every")
        if let entry, let value = entry.object["evaluate_every"] {
            try SectionReader.check(value, against: .integer(1...1_000_000), file: file, path: "\(entry.path).evaluate_every")
            evaluateEvery = Int(value.numberValue ?? 1)
        }
        let initialization = WeightInitialization(kind: try model.choice("init", as: WeightInitialization.Kind.self),
                                                  scale: try model.number("init_scale"))
        let baseName = entry?.object["name"]?.stringValue ?? loss.type.rawValue
        let name = ([baseName] + point.map { "\($0.path.split(separator: ".").last ?? "")=\(JSONWriter.compactString($0.value))" })
            .joined(separator: ",")
        try checkTripletCanMove(loss: loss, initialization: initialization, model: model, runName: name)

        var resolved: JSONValue = [
            "name": .string(name),
            "model": try model.resolved(forType: nil),
            "loss": loss.resolved,
            "regularizer": try regularizerReader.resolved(forType: regularizer.type.rawValue),
            "optimizer": try optimizerReader.resolved(forType: nil, children: ["schedule": resolvedSchedule]),
        ]
        if earlyStopping != nil { resolved = resolved.setting("early_stopping", to: try earlyStoppingReader.resolved(forType: nil)) }
        resolved = resolved.setting("evaluate_every", to: .number(Double(evaluateEvery)))
        return RunConfiguration(
            name: name, baseName: baseName, biasTrick: try model.boolean("bias_trick"),
            implementation: try model.choice("implementation", as: Implementation.self), initialization: initialization,
            loss: loss, regularizer: regularizer,
            optimizer: OptimizerConfiguration(
                type: try optimizerReader.choice("type", as: OptimizerType.self),
                learningRate: try optimizerReader.number("learning_rate"), batchSize: try optimizerReader.integer("batch_size"),
                epochs: try optimizerReader.integer("epochs"), momentum: try optimizerReader.number("momentum"),
                nesterov: try optimizerReader.boolean("nesterov"), shuffle: try optimizerReader.boolean("shuffle"),
                schedule: schedule),
            earlyStopping: earlyStopping, evaluateEvery: evaluateEvery, sweepPoint: point, resolved: resolved,
            notes: (lossNotes + regularizerNotes + scheduleNotes).map { "run '\(name)': \($0)" })
    }

    /// A triplet run must start from V ≠ 0: every term of the triplet gradient is a difference of
    /// embeddings, all 0 when V = 0, so V would never move. Rejects `init: "zeros"` and
    /// `init_scale: 0`, naming the key that was written.
    static func checkTripletCanMove(
        loss: LossConfiguration, initialization: WeightInitialization, model: SectionReader, runName: String
    ) throws(ConfigError) {
        guard loss.type == .triplet else { return }
        let why = "for the triplet run '\(runName)': with V = 0 every example embeds at the origin, the triplet gradient is 0 and V never moves"
        switch initialization {
        case .zeros:
            throw .invalidValue(file: model.file, path: model.lookup("init")?.path ?? model.path(of: "init"),
                                found: "\"zeros\"", expected: "\"gaussian\" " + why)
        case .gaussian(let scale) where scale == 0:
            throw .invalidValue(file: model.file, path: model.lookup("init_scale")?.path ?? model.path(of: "init_scale"),
                                found: "0", expected: "a scale > 0 " + why)
        case .gaussian:
            return
        }
    }

    /// `{"a": {"b": value}}` for the path [a, b].
    static func nested(_ path: [String], _ value: JSONValue) -> JSONValue {
        path.reversed().reduce(value) { inner, key in .object([(key, inner)]) }
    }

    static func decodeLoss(_ reader: SectionReader) throws(ConfigError) -> (LossConfiguration, notes: [String]) {
        let type = try reader.choice("type", as: LossType.self)
        let notes = try reader.checkKeysApply(toType: type.rawValue)
        var settings = LossSettings()
        settings.variant = try reader.choice("variant", as: SVMVariant.self)
        settings.margin = try reader.number("margin")
        settings.squared = try reader.boolean("squared")
        settings.includeCorrectClass = try reader.boolean("include_correct_class")
        settings.positiveTermOnly = try reader.boolean("positive_term_only")
        settings.sigma = try reader.number("sigma")
        settings.embeddingDimension = try reader.integer("embedding_dimension")
        settings.mining = try reader.choice("mining", as: TripletMining.self)
        if type == .svm && settings.includeCorrectClass && settings.variant != .westonWatkins {
            throw .invalidValue(file: reader.file, path: reader.lookup("include_correct_class")?.path ?? reader.path(of: "include_correct_class"),
                                found: "true with variant \"\(settings.variant.rawValue)\"",
                                expected: "false: only the Weston–Watkins sum Σ_{j≠y} can be extended to j = y (quiz 1.3)")
        }
        return (LossConfiguration(type: type, settings: settings, resolved: try reader.resolved(forType: type.rawValue)), notes)
    }

    static func decodeRegularizer(_ reader: SectionReader) throws(ConfigError) -> (RegularizerConfiguration, notes: [String]) {
        let type = try reader.choice("type", as: RegularizerType.self)
        let notes = try reader.checkKeysApply(toType: type.rawValue)
        return (RegularizerConfiguration(
            type: type, strength: try reader.number("strength"),
            includeBias: try reader.boolean("include_bias"), proximal: try reader.boolean("proximal"),
            l1Ratio: try reader.number("l1_ratio")), notes)
    }

    static func decodeSchedule(_ reader: SectionReader) throws(ConfigError) -> (LearningRateSchedule, JSONValue, notes: [String]) {
        let type = try reader.choice("type", as: ScheduleType.self)
        let notes = try reader.checkKeysApply(toType: type.rawValue)
        let schedule: LearningRateSchedule = switch type {
        case .constant: .constant
        case .step: .step(every: try reader.integer("every"), gamma: try reader.number("gamma"))
        case .exponential: .exponential(gamma: try reader.number("gamma"))
        case .inverseTime: .inverseTime(decay: try reader.number("decay"))
        }
        return (schedule, try reader.resolved(forType: type.rawValue), notes)
    }
}

extension ConfigValueKind {
    /// True for kinds that hold one value (not a section or a data source).
    var isScalar: Bool {
        switch self {
        case .section, .dataSource, .runList, .grid, .integerList: false
        default: true
        }
    }
}
