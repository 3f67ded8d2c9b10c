import Foundation
import Datasets

/// A run folder that cannot be evaluated on a split: not a run's folder, no such split, or data
/// that no longer gives the split the model was trained on. Exit status 2.
public enum RunFolderError: Error, Equatable, CustomStringConvertible {
    case notARunFolder(path: String, reason: String)
    case noSuchSplit(path: String, split: String, available: [String])
    case dataChanged(path: String, detail: String)

    public var description: String {
        switch self {
        case .notARunFolder(let path, let reason):
            "\(path): expected a run's folder, OUT/<run> as `train` writes it: \(reason)"
        case .noSuchSplit(let path, let split, let available):
            "\(path): the config has no \(split) split; it has \(available.joined(separator: " and ")) "
                + "(a validation or test split comes from data.validation/data.test or a fraction above 0)"
        case .dataChanged(let path, let detail):
            "\(path): the config's data no longer gives the split this model was trained on (\(detail)); was the data file changed since training?"
        }
    }
}

/// A trained run's folder, OUT/<run> (SPEC §5): its model, and the experiment's data rebuilt from
/// OUT/config.resolved.json, so that `evaluate RUN_DIR --split validation` measures the examples
/// the run held out, not the whole file. The same seed and data give the same split (the split is
/// seeded, SPEC §6); the rebuilt training statistics must equal the model's preprocessing, which
/// catches a data file edited since training.
public struct RunFolder {
    /// The folder as given.
    public let path: String
    /// `model.json` of the run.
    public let model: ModelFile
    /// The experiment's splits, preprocessed as the model was trained.
    public let data: ExperimentData

    /// Reads the run in `path` and rebuilds its experiment's splits.
    public init(path: String) throws {
        let fileManager = FileManager.default
        let folder = URL(fileURLWithPath: path).standardizedFileURL
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw RunFolderError.notARunFolder(path: path, reason: "no such folder (looked at \(folder.path))")
        }
        let modelPath = folder.appendingPathComponent("model.json").path
        let configPath = folder.deletingLastPathComponent().appendingPathComponent("config.resolved.json").path
        guard fileManager.fileExists(atPath: modelPath) else {
            let runs = ((try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().filter {
                fileManager.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("model.json").path)
            }
            let hint = runs.isEmpty ? "it has no model.json"
                : "it is an experiment's folder; name one of its runs, e.g. \(folder.appendingPathComponent(runs[0]).path)"
            throw RunFolderError.notARunFolder(path: path, reason: hint)
        }
        guard fileManager.fileExists(atPath: configPath) else {
            throw RunFolderError.notARunFolder(path: path, reason: "the folder above it has no config.resolved.json")
        }
        self.path = path
        model = try ModelFile.read(path: modelPath)
        let root: JSONValue
        do {
            root = try JSONParser.parse(try String(contentsOfFile: configPath, encoding: .utf8))
        } catch let error as JSONSyntaxError {
            throw ConfigError.syntax(file: configPath, line: error.line, column: error.column, expected: error.expected)
        } catch {
            throw ConfigError.unreadable(file: configPath, reason: "it is not readable UTF-8 text")
        }
        guard let seed = root["seed"]?.numberValue, seed >= 0, seed <= 9_007_199_254_740_991, seed == seed.rounded(),
              let dataSection = root["data"] else {
            throw ConfigError.missingKey(file: configPath, path: "seed", expected: "the seed and data of the experiment, as train writes them")
        }
        let configuration = try ConfigLoader.decodeData(dataSection, file: configPath, seed: UInt64(seed))
        data = try DataLoader.load(configuration, seed: UInt64(seed), file: configPath)
        if data.classNames != model.classNames {
            throw RunFolderError.dataChanged(path: path, detail: "classes \(data.classNames) instead of \(model.classNames)")
        }
        if data.featureCount != model.classifier.featureCount || data.preprocessing != model.preprocessing {
            throw RunFolderError.dataChanged(path: path, detail: "its training split's feature statistics differ from the model's")
        }
    }

    /// The split `name`, or an error naming the splits there are.
    public func split(_ name: SplitName) throws(RunFolderError) -> Dataset {
        let splits: [(SplitName, Dataset?)] = [(.train, data.train), (.validation, data.validation), (.test, data.test)]
        guard let dataset = splits.first(where: { $0.0 == name })?.1 else {
            throw .noSuchSplit(path: path, split: name.rawValue, available: splits.filter { $0.1 != nil }.map { $0.0.rawValue })
        }
        return dataset
    }
}
