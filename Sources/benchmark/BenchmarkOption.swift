/// One option of a benchmark command: how `benchmark NAME --help` lists it, with what it does and
/// its default ("--rows N   rows of random features (default 49000)"), and how the command's
/// `BenchmarkOptionParser` reads it into the command's settings.
struct BenchmarkOption<Settings> {
    /// "--rows".
    let name: String
    /// What its value looks like in the help ("N", "T[,T…]", "svm|softmax"); nil for a flag, which
    /// takes none.
    let placeholder: String?
    /// What it sets, in a few words.
    let meaning: String
    /// What a value must be, for the error about one that is not ("an integer of at least 1").
    let requirement: String
    /// Sets the option from its value (a flag gets none); false when the value does not fit.
    let set: (inout Settings, String) -> Bool
    /// The default as the help shows it, from the command's default settings; nil to show none.
    let shownDefault: (Settings) -> String?

    /// The option's name and placeholder, as the help's first column shows them: "--rows N".
    var usage: String {
        placeholder.map { "\(name) \($0)" } ?? name
    }

    /// An option whose value `parse` reads into `setting` (nil: the value does not fit); `show` gives
    /// the default that the help shows (nil: none). For a setting that is an optional, use
    /// `optionalValue`: here a parser's nil would be wrapped into a value (`.some(nil)`) and taken.
    static func value<Value>(_ name: String, _ placeholder: String, _ meaning: String, requirement: String,
                             _ setting: WritableKeyPath<Settings, Value>, parse: @escaping (String) -> Value?,
                             show: @escaping (Value) -> String?) -> Self {
        Self(name: name, placeholder: placeholder, meaning: meaning, requirement: requirement,
             set: { settings, text in
                 guard let parsed = parse(text) else { return false }
                 settings[keyPath: setting] = parsed
                 return true
             },
             shownDefault: { show($0[keyPath: setting]) })
    }

    /// `value` for a setting that stays nil unless the option is given (its default decided later, or
    /// none): `parse` gives the value, or nil when it does not fit.
    static func optionalValue<Value>(_ name: String, _ placeholder: String, _ meaning: String, requirement: String,
                                     _ setting: WritableKeyPath<Settings, Value?>, parse: @escaping (String) -> Value?,
                                     show: @escaping (Value?) -> String?) -> Self {
        // The map keeps a value that does not fit nil (.none), where `parse` alone would give .some(nil).
        value(name, placeholder, meaning, requirement: requirement, setting, parse: { text in parse(text).map { .some($0) } },
              show: show)
    }

    /// An integer of at least `minimum` (1 unless told).
    static func integer(_ name: String, _ placeholder: String, _ meaning: String, _ setting: WritableKeyPath<Settings, Int>,
                        atLeast minimum: Int = 1) -> Self {
        value(name, placeholder, meaning + (minimum == 1 ? "" : ", at least \(minimum)"),
              requirement: "an integer of at least \(minimum)", setting,
              parse: { Int($0).flatMap { $0 >= minimum ? $0 : nil } }, show: { String($0) })
    }

    /// A list of positive integers, separated by commas ("1,2,4").
    static func integers(_ name: String, _ placeholder: String, _ meaning: String,
                         _ setting: WritableKeyPath<Settings, [Int]>) -> Self {
        value(name, placeholder, meaning, requirement: "positive integers separated by commas", setting,
              parse: positiveIntegers, show: { $0.map(String.init).joined(separator: ",") })
    }

    /// A file or folder; `absent` says what happens without one (nil when it is required).
    static func path(_ name: String, _ placeholder: String, _ meaning: String, _ setting: WritableKeyPath<Settings, String?>,
                     absent: String? = nil) -> Self {
        optionalValue(name, placeholder, meaning, requirement: "a path", setting,
                      parse: { $0.isEmpty ? nil : $0 }, show: { $0 ?? absent })
    }

    /// A flag, set by its name alone.
    static func flag(_ name: String, _ meaning: String, _ setting: WritableKeyPath<Settings, Bool>) -> Self {
        Self(name: name, placeholder: nil, meaning: meaning, requirement: "no value",
             set: { settings, _ in
                 settings[keyPath: setting] = true
                 return true
             },
             shownDefault: { _ in nil })
    }

    /// The positive integers of a list like "1,2,4"; nil unless every item is one.
    static func positiveIntegers(_ text: String) -> [Int]? {
        commaList(text) { Int($0).flatMap { $0 > 0 ? $0 : nil } }
    }

    /// The items of a list separated by commas, each read by `item`; nil unless every item reads
    /// (an empty one included: "1,,2").
    static func commaList<Item>(_ text: String, item: (Substring) -> Item?) -> [Item]? {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map(item)
        return items.contains { $0 == nil } ? nil : items.compactMap { $0 }
    }
}
