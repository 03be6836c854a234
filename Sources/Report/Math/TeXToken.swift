/// A token of the TeX subset: a command, a brace, a script marker, a number, or one character.
enum TeXToken: Equatable {
    case command(String)   // `\frac` → "frac"; `\|` → "|"
    case open, close        // { }
    case sup, sub
    case number(String)
    case char(Character)
    /// The verbatim text of `\\text{…}`-like arguments (spaces kept).
    case raw(String)

    /// Commands whose braced argument is read verbatim.
    static let verbatimCommands: Set<String> = ["text", "textrm", "textit", "textbf", "mbox", "mathrm", "operatorname"]

    /// Splits TeX source into tokens; whitespace separates tokens and is otherwise ignored
    /// (as in TeX math mode).
    static func tokenize(_ source: String) -> [TeXToken] {
        let c = Array(source)
        var tokens: [TeXToken] = []
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch == "\\" {
                var j = i + 1
                while j < c.count && c[j].isLetter && c[j].isASCII { j += 1 }
                if j == i + 1 { j = min(i + 2, c.count) }   // one-symbol command: \| \, \{ …
                let name = String(c[(i + 1)..<j])
                tokens.append(.command(name))
                i = j
                if verbatimCommands.contains(name), i < c.count, c[i] == "{" {
                    let (text, end) = verbatimGroup(c, from: i)
                    tokens.append(.raw(text))
                    i = end
                }
            } else if ch.isNumber && ch.isASCII {
                var j = i
                while j < c.count && ((c[j].isNumber && c[j].isASCII) || (c[j] == "." && j + 1 < c.count && c[j + 1].isNumber)) { j += 1 }
                tokens.append(.number(String(c[i..<j])))
                i = j
            } else {
                switch ch {
                case "{": tokens.append(.open)
                case "}": tokens.append(.close)
                case "^": tokens.append(.sup)
                case "_": tokens.append(.sub)
                case " ", "\t", "\n", "\r": break
                default: tokens.append(.char(ch))
                }
                i += 1
            }
        }
        return tokens
    }

    /// The text inside the brace group starting at `start` (nested braces kept) and the index after it.
    static func verbatimGroup(_ c: [Character], from start: Int) -> (String, Int) {
        var depth = 0
        var j = start
        while j < c.count {
            if c[j] == "{" { depth += 1 }
            if c[j] == "}" { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        return (String(c[(start + 1)..<min(j, c.count)]), min(j + 1, c.count))
    }
}
