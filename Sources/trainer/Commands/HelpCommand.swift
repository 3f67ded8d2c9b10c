import Training
import Reports

/// `trainer help COMMAND`: the same text as `trainer COMMAND --help`.
struct HelpCommand: Command {
    static let name = "help"
    static let abstract = "Show the help of a command, or the config reference (trainer help config)."
    static let usage = "trainer help [<command> | config]"
    static let options: [(flag: String, help: String)] = []
    static let examples: [(command: String, comment: String)] = [
        ("trainer help train", "every option of train, with examples"),
        ("trainer help config", "every config key with its default and range (docs/config.md)"),
    ]

    let topic: String?

    init(parsing cursor: inout ArgumentCursor) throws {
        let positionals = try Self.parseArguments(&cursor) { _, _ in false }
        guard positionals.count <= 1 else { throw UsageError.extraArgument(positionals[1], command: Self.name) }
        topic = positionals.first
    }

    func validate() throws {
        if let topic, topic != "config", !Trainer.commandNames.contains(topic) {
            throw UsageError.unknownCommand(topic, suggestion: closestMatch(to: topic, among: Trainer.commandNames + ["config"]))
        }
    }

    func run(_ console: Console) throws -> Int32 {
        if topic == "config" {
            // In a terminal the prose is refilled to its width (at most 80); to a file, as docs/config.md is.
            let markdown = ConfigReference.markdown
            console.output.write(console.output.width.map { fillParagraphs(markdown, width: Trainer.helpWidth(terminal: $0)) } ?? markdown)
        } else {
            let width = console.output.width
            console.output.write(topic.map { Trainer.helpText(for: $0, width: width) } ?? Trainer.overview(width: width))
        }
        return 0
    }
}
