import Foundation

/// Finds prose lines that run on past the end of a sentence (DESIGN.md, "One sentence per line").
///
/// A sentence ends at `.`, `?` or `!` (plus closing `)`, `*`, `_` or quotes) followed by one space
/// and something that opens a sentence: an upper-case letter, `$`, a backtick, a `{{` placeholder,
/// or `(`, `*` or a quote before an upper-case letter. Not an end: inside inline math or code, after
/// an abbreviation ("e.g.", "Fig.", "Eq.", …) or a single capital initial, or an ordered list's
/// marker. Fenced code, `$$` blocks, tables, headings, images and HTML comments are skipped.
enum SentenceLines {
    static let abbreviations: Set<String> = ["e.g", "i.e", "cf", "fig", "figs", "eq", "eqs", "vs", "al", "approx", "resp",
                                             "sec", "no", "ch", "thm", "alg", "ref", "ed"]
    static let closers: Set<Character> = [")", "*", "\"", "’", "”", "_"]

    /// The lines of `text` (1-based) holding a sentence end with more text after it, with that text.
    static func runOns(in text: String) -> [(line: Int, rest: String)] {
        var found: [(line: Int, rest: String)] = []
        var fence = false, display = false
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let s = line.trimmingCharacters(in: .whitespaces)
            if s.hasPrefix("```") { fence.toggle(); continue }
            if fence { continue }
            if display { if s.hasSuffix("$$") { display = false }; continue }
            if s.hasPrefix("$$") { display = !(s.count > 2 && s.hasSuffix("$$")); continue }
            if s.isEmpty || ["|", "#", "![", "<!--"].contains(where: { s.hasPrefix($0) }) { continue }
            if let end = firstSentenceEnd(Array(line)) { found.append((k + 1, String(Array(line)[end...]))) }
        }
        return found
    }

    /// The index where a second sentence starts in `line`, if one does.
    static func firstSentenceEnd(_ line: [Character]) -> Int? {
        var inMath = false, inCode = false, i = 0
        while i < line.count {
            let c = line[i]
            if c == "\\" && i + 1 < line.count { i += 2; continue }
            if c == "`" && !inMath {
                inCode.toggle()
            } else if c == "$" && !inCode {
                if i + 1 < line.count && line[i + 1] == "$" { i += 2; inMath.toggle(); continue }
                inMath.toggle()
            } else if ".?!".contains(c) && !inMath && !inCode {
                var j = i + 1
                while j < line.count && closers.contains(line[j]) { j += 1 }
                if j < line.count, line[j] == " ", opensSentence(line[(j + 1)...]), !isListMarker(line[..<i]), !isAbbreviation(line[..<i]) {
                    return j + 1
                }
            }
            i += 1
        }
        return nil
    }

    static func opensSentence(_ rest: ArraySlice<Character>) -> Bool {
        guard let c = rest.first else { return false }
        let second = rest.dropFirst().first
        if c.isUppercase || c == "$" || c == "`" { return true }
        if c == "{" { return second == "{" }
        if c == "(" || c == "\"" || c == "“" { return second?.isUppercase ?? false }
        if c == "*" { return rest.drop { $0 == "*" }.first?.isUppercase ?? false && second != " " }
        return false
    }

    /// `1` in "1. Item": the dot of an ordered list's marker.
    static func isListMarker(_ before: ArraySlice<Character>) -> Bool {
        let digits = before.drop { $0 == " " || $0 == "\t" }
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The word before the dot is an abbreviation or a single capital initial.
    static func isAbbreviation(_ before: ArraySlice<Character>) -> Bool {
        let word = String(before.reversed().prefix { ($0.isASCII && $0.isLetter) || $0 == "." }.reversed())
        if word.count == 1, word.first!.isUppercase { return true }
        var w = word.lowercased()
        while w.hasSuffix(".") { w.removeLast() }
        return abbreviations.contains(w)
    }
}
