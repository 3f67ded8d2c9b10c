/// The config reference (`docs/config.md`), written from the schema's tables so that it cannot
/// drift from what the decoder accepts. A test compares the committed file with this text.
public enum ConfigReference {
    /// The reference as Markdown: one table per section with each key's kind and range, default,
    /// the types that use it, and its meaning.
    public static var markdown: String {
        var text = """
            # Config reference

            A config is a JSON object. Keys are snake_case; an unknown key is an error with a "did you
            mean" suggestion. Every key has a default except `data.train`. This page is generated from
            the decoder's own tables (`Sources/Training/ConfigSchema.swift`); `swift test` fails when the
            two differ.

            Sections that a run may override (deep merge): `model`, `loss`, `regularizer`, `optimizer`,
            `early_stopping`, and the key `evaluate_every`. A key that belongs to another `type` (a
            `margin` inherited by a softmax run) is dropped from that run, but set in a run's own section
            it is an error. `--set PATH=VALUE` replaces one value before validation
            (`optimizer.learning_rate=0.05`, `runs[1].loss.type=softmax`).

            A data source is a CSV path (`"data/spiral.csv"`), a NumPy pair
            (`{"features": "x.npy", "labels": "y.npy"}`; a bare `"x.npy"` means labels in `x-labels.npy`),
            or a generator (`{"generate": {"kind": "spiral", "samples": 300}}`).

            """
        for section in ConfigSchema.all {
            text += "\n## `\(section.path.isEmpty ? "(top level)" : section.path)`\n\n\(section.summary)\n\n"
            text += "| key | value | default | used by | meaning |\n|---|---|---|---|---|\n"
            for key in section.keys {
                let defaultText = key.defaultValue.map { "`\(JSONWriter.compactString($0))`" } ?? "—"
                let users = key.usedBy.map { $0.map { "`\($0)`" }.joined(separator: ", ") } ?? "all"
                let row = ["`\(key.name)`", key.kind.expectation, defaultText, users, key.summary]
                text += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
            }
            for key in section.keys {
                guard case .choice(let choices) = key.kind else { continue }
                text += "\n`\(key.name)`:\n"
                for choice in choices { text += "- `\(choice.name)`: \(choice.summary)\n" }
            }
        }
        return text
    }
}
