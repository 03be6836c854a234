extension TeXParser {
    /// The MathML of command `\name` (its arguments are read from the token stream).
    mutating func parseCommand(_ name: String) -> (String, Kind)? {
        if let letter = MathSymbols.greekLower[name] { return ("<mi>\(letter)</mi>", .ordinary) }
        if let letter = MathSymbols.greekUpper[name] { return ("<mi mathvariant=\"normal\">\(letter)</mi>", .ordinary) }
        if let symbol = MathSymbols.operators[name] {
            let fixed = MathSymbols.fences.contains(symbol) ? " stretchy=\"false\"" : ""
            return ("<mo\(fixed)>\(HTML.escape(symbol))</mo>", .ordinary)
        }
        if let symbol = MathSymbols.identifiers[name] { return ("<mi>\(symbol)</mi>", .ordinary) }
        if let symbol = MathSymbols.bigOperators[name] { return ("<mo>\(symbol)</mo>", .limits) }
        if let symbol = MathSymbols.integrals[name] { return ("<mo>\(symbol)</mo>", .ordinary) }
        if MathSymbols.functions.contains(name) { return ("<mi>\(name)</mi>", .function) }
        if MathSymbols.limitOperators.contains(name) {
            let text = name.hasPrefix("arg") && name.count > 3 ? "arg\u{2009}" + name.dropFirst(3) : name
            return ("<mo movablelimits=\"true\">\(text)</mo>", .limits)
        }
        if let width = MathSymbols.spaces[name] { return ("<mspace width=\"\(width)\"/>", .ordinary) }
        if let mark = MathSymbols.accents[name] {
            return ("<mover accent=\"true\">\(parseArgument())<mo>\(mark)</mo></mover>", .ordinary)
        }
        return parseStructuralCommand(name)
    }

    /// Commands with arguments (fractions, roots, alphabets, text, fences) and ignored sizing commands.
    mutating func parseStructuralCommand(_ name: String) -> (String, Kind)? {
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let fraction = "<mfrac>\(parseArgument())\(parseArgument())</mfrac>"
            if name == "tfrac" { return ("<mstyle displaystyle=\"false\">\(fraction)</mstyle>", .ordinary) }
            if name == "dfrac" { return ("<mstyle displaystyle=\"true\">\(fraction)</mstyle>", .ordinary) }
            return (fraction, .ordinary)
        case "sqrt":
            if peek == .char("[") {
                position += 1
                let index = Self.row(parseList(until: .bracket))
                return ("<mroot>\(parseArgument())\(index)</mroot>", .ordinary)
            }
            return ("<msqrt>\(parseArgument())</msqrt>", .ordinary)
        case "mathbb", "mathcal", "mathbf", "boldsymbol": return (styledArgument(alphabet: name), .ordinary)
        case "text", "textrm", "textit", "textbf", "mbox": return ("<mtext>\(rawArgument())</mtext>", .ordinary)
        case "mathrm":
            let text = rawArgument()
            let variant = text.count == 1 ? " mathvariant=\"normal\"" : ""
            return ("<mi\(variant)>\(text)</mi>", .ordinary)
        case "operatorname": return ("<mi>\(rawArgument())</mi>", .function)
        case "left": return (parseFenced(), .ordinary)
        case "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
             "displaystyle", "textstyle", "nonumber", "\\", "limits", "nolimits":
            return ("", .ordinary)
        default:
            return ("<merror><mtext>\\\(HTML.escape(name))</mtext></merror>", .ordinary)
        }
    }

    /// The verbatim text of a `\text{…}`-like argument (escaped).
    mutating func rawArgument() -> String {
        if case .raw(let text)? = peek { position += 1; return HTML.escape(text) }
        return ""
    }

    /// `\mathbb{R}` → `<mi>ℝ</mi>`; several letters give one `<mi>` each.
    mutating func styledArgument(alphabet: String) -> String {
        var letters: [TeXToken] = []
        if peek == .open {
            position += 1
            while let token = next(), token != .close { letters.append(token) }
        } else if let token = next() {
            letters = [token]
        }
        let nodes = letters.map { token -> String in
            switch token {
            case .char(let ch): return "<mi>\(MathSymbols.styled(ch, alphabet: alphabet))</mi>"
            case .number(let digits):
                return "<mn>\(digits.map { MathSymbols.styled($0, alphabet: alphabet) }.joined())</mn>"
            case .command(let name):
                var inner = TeXParser(tokens: [.command(name)])
                return inner.parseList(until: .end).joined()
            default: return ""
            }
        }
        return Self.row(nodes)
    }

    /// `\left( … \right)` → a row with stretchy fences; `.` is an invisible fence.
    mutating func parseFenced() -> String {
        let open = fenceSymbol(next())
        let body = parseList(until: .right)
        if peek == .command("right") { position += 1 }
        let close = fenceSymbol(next())
        let openMo = open.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\" form=\"prefix\">\(open)</mo>"
        let closeMo = close.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\" form=\"postfix\">\(close)</mo>"
        return "<mrow>\(openMo)\(body.joined())\(closeMo)</mrow>"
    }

    func fenceSymbol(_ token: TeXToken?) -> String {
        switch token {
        case .char(".")?: return ""
        case .char(let ch)?: return HTML.escape(String(ch))
        case .command(let name)?: return MathSymbols.operators[name].map(HTML.escape) ?? ""
        default: return ""
        }
    }
}
