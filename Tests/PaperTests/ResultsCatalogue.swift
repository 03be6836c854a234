import Foundation

/// `docs/results.md` read as patterns per stage, so that a test can hold it against a results.json.
///
/// A section `## ex1 and ex2` lists the stages it covers; each `- ` line names metrics in backticks
/// before its first "`:" (or all its backticked names when it has no colon); `<toy>`, `<method>`, `<N>`,
/// `<k>`, `<case>`, `<variant>`, `<d>` and `<set>` stand for the values the document's preamble gives.
struct ResultsCatalogue {
    /// Stage id → the metric patterns of its section(s), as whole-name regular expressions.
    var patterns: [String: [NSRegularExpression]] = [:]

    static let placeholders: [String: String] = [
        "<toy>": "(moons|8gaussians|checkerboard|rings|pinwheel|swissroll|square)",
        "<method>": "(lw_oas|lw_rnd|prog_oas|prog_rnd|e2e)",
        "<N>": "[0-9]+", "<k>": "[0-9]+",
        "<case>": "(W|WU|skew_positive_g|counterexample)",
        "<variant>": "(atan2|atan4|tanh2|none_lr001|paper_zero_init|paper_default_init)",
        "<d>": "(w|wu|gmm[0-9]+)", "<set>": "(hidden8|breast_cancer)",
    ]

    init(markdown: String) throws {
        var stages: [String] = []
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("## ") {
                stages = line.dropFirst(3).components(separatedBy: " and ").map { $0.trimmingCharacters(in: .whitespaces) }
                continue
            }
            guard line.hasPrefix("- "), !stages.isEmpty else { continue }
            let head = line.range(of: "`:").map { String(line[..<$0.upperBound]) } ?? line
            let names = head.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            for name in names {
                var regex = NSRegularExpression.escapedPattern(for: name)
                for (key, value) in Self.placeholders {
                    regex = regex.replacingOccurrences(of: NSRegularExpression.escapedPattern(for: key), with: value)
                }
                let compiled = try NSRegularExpression(pattern: "^" + regex + "$")
                for stage in stages { patterns[stage, default: []].append(compiled) }
            }
        }
    }

    /// The metric names of `stage` that no line describes, and the lines (as patterns) no name matches.
    func mismatches(stage: String, names: [String]) -> (undocumented: [String], unused: [String]) {
        let mine = patterns[stage] ?? []
        let matches = { (r: NSRegularExpression, s: String) in r.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil }
        let undocumented = names.filter { n in !mine.contains { matches($0, n) } }
        let unused = mine.filter { r in !names.contains { matches(r, $0) } }.map(\.pattern)
        return (undocumented.sorted(), unused)
    }
}
