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

            A data source is one of:

            - a path, read by its name: a CSV file (`"data/spiral.csv"`; `header` and `label_column` say
              how); a NumPy features file (`"data/mnist-5k.npy"`, labels in `data/mnist-5k-labels.npy`);
              an IDX images file (`"train-images-idx3-ubyte"`, labels in `train-labels-idx1-ubyte`; a
              name without `images`, such as `"digits.idx3-ubyte"`, needs the pair below); a
              CIFAR-10 batch (`"cifar-10-batches-bin/test_batch.bin"`) or a folder of them;
            - a NumPy pair `{"features": "x.npy", "labels": "y.npy"}`: features (N, D), or images
              (N, H, W) or (N, H, W, C) channel-last, flattened in C order;
            - an IDX pair `{"images": "train-images-idx3-ubyte", "labels": "train-labels-idx1-ubyte"}`:
              MNIST, Fashion-MNIST and EMNIST as distributed (unpacked with gunzip);
            - `{"cifar10": "cifar-10-batches-bin"}`: CIFAR-10's binary version; the folder means
              data_batch_1…5.bin in `train` and test_batch.bin in `test`, a .bin file that batch;
            - a generator `{"generate": {"kind": "spiral", "samples": 300}}`.

            Relative paths resolve against the current folder (run from the repository root), not the
            config's folder. Nothing is downloaded: a missing dataset file is an error that says where the
            dataset is published. IDX, CIFAR-10 and 3-D or 4-D NumPy data know their image shape, which
            model.json records (`image_shape`) so that the class templates can be drawn at that shape;
            `image_shape` gives one to flat data.

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
