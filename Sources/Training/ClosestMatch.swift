/// The candidate nearest to `word` by edit distance, if it is near enough to be a likely typo:
/// at most a third of the word's length (at least 1, at most 3) edits away. Serves both unknown
/// command-line options and unknown config keys ("did you mean 'learning_rate'?").
public func closestMatch(to word: String, among candidates: [String]) -> String? {
    let allowed = min(3, max(1, word.count / 3))
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(word, candidate)
        if distance <= allowed && distance < (best?.distance ?? .max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// The optimal-string-alignment distance: the fewest single-character insertions, deletions,
/// substitutions and swaps of two neighbours that turn `a` into `b` (Levenshtein plus the
/// transposition, the commonest typo: `trian` is one edit from `train`). Dynamic programming over
/// three rows. O(|a|·|b|).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var beforePrevious: [Int] = []
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        beforePrevious = previous
        previous = current
    }
    return previous[b.count]
}
