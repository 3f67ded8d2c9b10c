/// `--set PATH=VALUE`: one value of the config replaced for one invocation, before validation,
/// so that it is checked like the file. PATH is dotted, with `[i]` for a run
/// (`optimizer.learning_rate`, `runs[1].loss.margin`); VALUE is JSON (`0.05`, `true`,
/// `"softmax"`), and a bare word that is not JSON is taken as a string (`loss.type=softmax`).
public enum ConfigOverride {
    /// The PATH of an override as a layer of the config names it (`runs[1].loss.type`).
    static func path(of argument: String) -> String {
        argument.firstIndex(of: "=").map { String(argument[..<$0]) } ?? argument
    }

    /// `root` with the override applied.
    public static func apply(_ argument: String, to root: JSONValue, file: String) throws(ConfigError) -> JSONValue {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw .invalidOverride(argument: argument, expected: "PATH=VALUE, e.g. optimizer.learning_rate=0.05")
        }
        let path = String(argument[..<equals])
        let text = String(argument[argument.index(after: equals)...])
        let value = (try? JSONParser.parse(text)) ?? .string(text)
        let steps = try parse(path: path, argument: argument)
        return try set(value, at: steps[...], in: root, argument: argument)
    }

    /// `error` with its file shown as "FILE (--set ARG)" when an override wrote the value it is
    /// about (its key path is the override's path or inside it), so that a student looks at the
    /// command line and not at the file: "a.json (--set optimizer.learning_rte=1):
    /// optimizer.learning_rte: unknown key; did you mean 'learning_rate'?". The last such override
    /// wins, as its value did.
    static func blame(_ error: ConfigError, on overrides: [String]) -> ConfigError {
        guard let errorPath = error.keyPath,
              let argument = overrides.last(where: { override in
                  let path = self.path(of: override)
                  return errorPath == path || errorPath.hasPrefix(path + ".") || errorPath.hasPrefix(path + "[")
              }) else { return error }
        return error.showingFile { "\($0) (--set \(argument))" }
    }

    /// One step of a path: an object key or a list index.
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    static func parse(path: String, argument: String) throws(ConfigError) -> [Step] {
        var steps: [Step] = []
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(component)
            let keyEnd = rest.firstIndex(of: "[") ?? rest.endIndex
            let key = rest[..<keyEnd]
            guard !key.isEmpty else { throw .invalidOverride(argument: argument, expected: "a path of names like optimizer.learning_rate") }
            steps.append(.key(String(key)))
            rest = rest[keyEnd...]
            while rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0 else {
                    throw .invalidOverride(argument: argument, expected: "a list index like runs[1]")
                }
                steps.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty else { throw .invalidOverride(argument: argument, expected: "a path of names like optimizer.learning_rate") }
        }
        return steps
    }

    static func set(_ value: JSONValue, at steps: ArraySlice<Step>, in container: JSONValue, argument: String) throws(ConfigError) -> JSONValue {
        guard let step = steps.first else { return value }
        switch step {
        case .key(let key):
            let child = container[key] ?? .object([])
            guard container.objectMembers != nil || container == .object([]) else {
                throw .invalidOverride(argument: argument, expected: "a path through objects ('\(key)' sits in \(container.kindDescription))")
            }
            return container.setting(key, to: try set(value, at: steps.dropFirst(), in: child, argument: argument))
        case .index(let index):
            guard var elements = container.arrayElements, index < elements.count else {
                throw .invalidOverride(argument: argument, expected: "an index of an existing list element")
            }
            elements[index] = try set(value, at: steps.dropFirst(), in: elements[index], argument: argument)
            return .array(elements)
        }
    }
}
