/// Reads the keys of one config section through its layers (the top level, then a run's
/// override, then a sweep point), checking each value against the schema and remembering which
/// layer it came from, so that an error names the key path the student wrote:
/// `runs[1].optimizer.learning_rate`, not `optimizer.learning_rate`.
struct SectionReader {
    /// One source of keys: an object and the path where it sits in the file.
    struct Layer {
        var object: JSONValue
        var path: String
        /// A key set here for a type that does not use it is an error (it was written for this
        /// run); in an inherited layer it is dropped.
        var isExplicit: Bool
    }

    let file: String
    let section: ConfigSection
    let layers: [Layer]
    /// The paths `--set` wrote, e.g. `loss.type`.
    let overriddenPaths: Set<String>

    /// A reader over `layers`, the later ones overriding the earlier; every layer must be an
    /// object whose keys all belong to `section`.
    init(file: String, section: ConfigSection, layers: [Layer], overriddenPaths: Set<String> = []) throws(ConfigError) {
        self.file = file
        self.section = section
        self.layers = layers
        self.overriddenPaths = overriddenPaths
        for layer in layers {
            guard let members = layer.object.objectMembers else {
                throw .invalidValue(file: file, path: layer.path.isEmpty ? "the top level" : layer.path,
                                    found: layer.object.kindDescription, expected: "an object")
            }
            for member in members where section.key(member.key) == nil {
                throw .unknownKey(file: file, path: Self.join(layer.path, member.key),
                                  suggestion: closestMatch(to: member.key, among: section.keys.map(\.name)))
            }
        }
    }

    /// `parent.key`, or `key` at the top level.
    static func join(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : parent + "." + key
    }

    /// The value of `key` from the last layer that sets it, with its path; nil when no layer does.
    func lookup(_ key: String) -> (value: JSONValue, path: String)? {
        for layer in layers.reversed() {
            if let value = layer.object[key] { return (value, Self.join(layer.path, key)) }
        }
        return nil
    }

    /// The path of `key` in the last layer (where a default would have been written).
    func path(of key: String) -> String {
        Self.join(layers.last?.path ?? section.path, key)
    }

    /// The keys that a section of type `type` does not use, as dropped-key notes; fails on the ones
    /// that were written together with that type. A key and the `type` it does not fit are an error
    /// when one explicit layer sets both (or sets the key under the default type): the
    /// student wrote a section that contradicts itself. When the type comes from another layer or
    /// from `--set` — a run inheriting the top level's key, `--set loss.type=softmax` on an SVM
    /// config with a `margin` — the key is dropped with a note (SPEC §4).
    func checkKeysApply(toType type: String) throws(ConfigError) -> [String] {
        let typeLayer = layers.lastIndex { $0.object["type"] != nil }
        let typeFromOverride = typeLayer.map { overriddenPaths.contains(Self.join(layers[$0].path, "type")) } ?? false
        var dropped: [String] = []
        for (index, layer) in layers.enumerated() {
            for member in layer.object.objectMembers ?? [] {
                guard let key = section.key(member.key), !key.isUsed(byType: type) else { continue }
                let path = Self.join(layer.path, member.key)
                if layer.isExplicit && !typeFromOverride && (index == typeLayer || typeLayer == nil) {
                    throw .keyNotUsed(file: file, path: path, type: type, usedBy: key.usedBy ?? [])
                }
                if !dropped.contains(path) { dropped.append(path) }
            }
        }
        guard !dropped.isEmpty else { return [] }
        let origin = typeFromOverride ? "--set" : typeLayer.map { Self.join(layers[$0].path, "type") } ?? "the default"
        return ["\(section.path) type '\(type)' (from \(origin)) does not use \(dropped.joined(separator: ", ")): dropped"]
    }

    /// The checked value of `key`, or its default; nil when absent without a default.
    func value(_ key: String) throws(ConfigError) -> JSONValue? {
        guard let spec = section.key(key) else { preconditionFailure("the schema of \(section.path) has no key \(key)") }
        guard let (value, path) = lookup(key) else { return spec.defaultValue }
        try Self.check(value, against: spec.kind, file: file, path: path)
        return value
    }

    /// The value of `key` as a number (numbers, integers).
    func number(_ key: String) throws(ConfigError) -> Double {
        guard let number = try value(key)?.numberValue else { throw missing(key) }
        return number
    }

    /// The value of `key` as an integer.
    func integer(_ key: String) throws(ConfigError) -> Int {
        Int(try number(key))
    }

    /// The value of `key` as true or false.
    func boolean(_ key: String) throws(ConfigError) -> Bool {
        guard let bool = try value(key)?.boolValue else { throw missing(key) }
        return bool
    }

    /// The value of `key` as a string (texts, choices).
    func string(_ key: String) throws(ConfigError) -> String {
        guard let string = try value(key)?.stringValue else { throw missing(key) }
        return string
    }

    /// The value of `key` as a name of the family `Name` (checked against its cases, so a name the
    /// schema lists always converts: no fallback to a default).
    func choice<Name: ConfigName>(_ key: String, as family: Name.Type) throws(ConfigError) -> Name {
        let text = try string(key)
        guard let name = Name(rawValue: text) else {
            throw .invalidValue(file: file, path: lookup(key)?.path ?? path(of: key), found: JSONWriter.quoted(text),
                                expected: ConfigValueKind.choice(of: family).expectation)
        }
        return name
    }

    /// The nested section `key` as the layers of its own reader.
    func childLayers(_ key: String) throws(ConfigError) -> [Layer] {
        var children: [Layer] = []
        for layer in layers {
            guard let child = layer.object[key] else { continue }
            children.append(Layer(object: child, path: Self.join(layer.path, key), isExplicit: layer.isExplicit))
        }
        return children
    }

    private func missing(_ key: String) -> ConfigError {
        .missingKey(file: file, path: path(of: key), expected: section.key(key)?.kind.expectation ?? "a value")
    }

    /// Fails unless `value` is of `kind` and within its range.
    static func check(_ value: JSONValue, against kind: ConfigValueKind, file: String, path: String) throws(ConfigError) {
        func invalid() -> ConfigError {
            .invalidValue(file: file, path: path, found: describe(value), expected: kind.expectation)
        }
        switch kind {
        case .number(let range, let exclusiveMinimum):
            guard let number = value.numberValue, range.contains(number),
                  !(exclusiveMinimum && number == range.lowerBound) else { throw invalid() }
        case .integer(let range):
            guard let number = value.numberValue, number == number.rounded(),
                  number >= Double(range.lowerBound), number <= Double(range.upperBound) else { throw invalid() }
        case .boolean:
            guard value.boolValue != nil else { throw invalid() }
        case .choice:
            guard let string = value.stringValue else { throw invalid() }
            guard kind.choiceNames.contains(string) else {
                let suggestion = closestMatch(to: string, among: kind.choiceNames).map { "; did you mean '\($0)'?" } ?? ""
                throw .invalidValue(file: file, path: path, found: describe(value) + suggestion, expected: kind.expectation)
            }
        case .text:
            guard value.stringValue != nil else { throw invalid() }
        case .integerList(let lengths, let range):
            guard let elements = value.arrayElements, lengths.contains(elements.count),
                  elements.allSatisfy({ element in
                      element.numberValue.map { $0 == $0.rounded() && $0 >= Double(range.lowerBound) && $0 <= Double(range.upperBound) } ?? false
                  }) else { throw invalid() }
        case .section:
            guard value.objectMembers != nil else { throw invalid() }
        case .dataSource, .runList, .grid:
            break  // checked by their own decoding
        }
    }

    /// A value as an error message quotes it: `"abc"`, `-0.5`, `a list`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .number(let number): JSONWriter.number(number)
        case .string(let string): JSONWriter.quoted(string)
        case .bool(let bool): bool ? "true" : "false"
        case .null: "null"
        case .array, .object: value.kindDescription
        }
    }

    /// The section as resolved: every key that type `type` uses, with its value or default, in
    /// the schema's order; nested sections come from `children`.
    func resolved(forType type: String?, children: [String: JSONValue] = [:]) throws(ConfigError) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        for key in section.keys where key.isUsed(byType: type) {
            if let child = children[key.name] {
                members.append((key.name, child))
            } else if case .section = key.kind {
                continue
            } else if let value = try value(key.name) {
                members.append((key.name, value))
            }
        }
        return .object(members)
    }
}
