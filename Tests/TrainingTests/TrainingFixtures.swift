import Foundation
import Training

/// Paths into the package and configs decoded from text, for the Training tests.
enum TrainingFixtures {
    /// The package root: three folders above this file (Tests/TrainingTests/…).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `relative` resolved against the package root, e.g. `data/linear.csv`.
    static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    /// The config in `text`, named `test.json` in messages.
    static func configuration(_ text: String, overrides: [String] = []) throws -> ExperimentConfiguration {
        try ConfigLoader.decode(text: text, file: "test.json", overrides: overrides)
    }

    /// The error the config in `text` gives, or nil when it decodes.
    static func configError(_ text: String, overrides: [String] = []) -> ConfigError? {
        do {
            _ = try ConfigLoader.decode(text: text, file: "test.json", overrides: overrides)
            return nil
        } catch {
            return error
        }
    }

    /// A config with the `linear` data file and `body` (more top-level members, comma-led or empty).
    static func linearConfig(_ body: String) -> String {
        "{\"seed\": 3, \"data\": {\"train\": \"\(path("data/linear.csv"))\"}\(body)}"
    }

    /// A fresh, empty folder under the temporary directory (remove it when done).
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("training-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
