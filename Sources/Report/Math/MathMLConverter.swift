import Foundation

/// Converts a TeX math subset to MathML Core, at report-build time.
///
/// Why our own converter rather than KaTeX: the report must render offline with no JavaScript
/// and no network, and the build must not need Node or a Debian package at report time.
/// Chromium (≥ 109), Firefox and Safari render MathML Core natively, so emitting `<math>` from
/// Swift makes the HTML self-contained and the build dependency-free. The subset is what the
/// paper's equations use: fractions, scripts, Greek, big operators with limits, `\mathbb`,
/// `\mathcal`, `\mathbf`, `\sqrt`, functions, `\left…\right` fences, accents, spacing, text.
/// Unknown commands render as a visible `<merror>` rather than failing the build.
public enum MathML {
    /// MathML for `tex`; `display` gives a block equation (`display="block"`).
    public static func convert(_ tex: String, display: Bool = false) -> String {
        var parser = TeXParser(tokens: TeXToken.tokenize(tex))
        let body = parser.parseList(until: .end).joined()
        return display ? "<math display=\"block\">\(body)</math>" : "<math>\(body)</math>"
    }
}

/// Recursive-descent parser from tokens to MathML strings.
struct TeXParser {
    enum Terminator { case end, close, right, bracket }
    enum Kind { case ordinary, limits, function }

    var tokens: [TeXToken]
    var position = 0

    init(tokens: [TeXToken]) { self.tokens = tokens }

    var peek: TeXToken? { position < tokens.count ? tokens[position] : nil }

    mutating func next() -> TeXToken? {
        defer { position += 1 }
        return peek
    }

    /// Parses atoms with their scripts until the terminator (consumed for `close`/`bracket`).
    mutating func parseList(until terminator: Terminator) -> [String] {
        var nodes: [String] = []
        while let token = peek {
            if token == .close {
                if terminator == .close { position += 1; return nodes }
                position += 1; continue   // stray `}`: ignore
            }
            if terminator == .right, token == .command("right") { return nodes }
            if terminator == .bracket, token == .char("]") { position += 1; return nodes }
            if let node = parseScripted() { nodes.append(Self.unarySign(node, after: nodes.last)) }
        }
        return nodes
    }

    /// A `+`/`−` right after an operator or opening fence is a sign (`[−3, 3]`), not a binary
    /// operator: mark it prefix so it gets no operator spacing. (First in a row, MathML infers this.)
    static func unarySign(_ node: String, after previous: String?) -> String {
        guard node == "<mo>−</mo>" || node == "<mo>+</mo>", let previous, previous.hasPrefix("<mo"),
              !previous.hasSuffix(")</mo>"), !previous.hasSuffix("]</mo>") else { return node }
        return node.replacingOccurrences(of: "<mo>", with: "<mo form=\"prefix\">")
    }

    /// One atom followed by any `^`, `_` and primes.
    mutating func parseScripted() -> String? {
        guard let (base, kind) = parseAtom() else { return nil }
        var sub: String?, sup: String?
        var primes = ""
        loop: while let token = peek {
            switch token {
            case .sub: position += 1; sub = parseArgument()
            case .sup: position += 1; sup = parseArgument()
            case .char("'"): position += 1; primes += "′"
            default: break loop
            }
        }
        var scripted = Self.attach(base: base, sub: sub, sup: sup, limits: kind == .limits)
        // The prime glyph is already raised: set it after the base rather than as a superscript,
        // which Chromium draws tiny and too high.
        if !primes.isEmpty { scripted = "<mrow>\(scripted)<mo lspace=\"0em\" rspace=\"0em\">\(primes)</mo></mrow>" }
        // TeX puts a thin space between an operator name and its argument.
        return kind == .function ? scripted + "<mo lspace=\"0em\" rspace=\"0.1667em\">\u{2061}</mo>" : scripted
    }

    static func attach(base: String, sub: String?, sup: String?, limits: Bool) -> String {
        switch (sub, sup) {
        case (nil, nil): return base
        case (let s?, nil): return limits ? "<munder>\(base)\(s)</munder>" : "<msub>\(base)\(s)</msub>"
        case (nil, let p?): return limits ? "<mover>\(base)\(p)</mover>" : "<msup>\(base)\(p)</msup>"
        case (let s?, let p?):
            return limits ? "<munderover>\(base)\(s)\(p)</munderover>" : "<msubsup>\(base)\(s)\(p)</msubsup>"
        }
    }

    /// A braced group (as one node) or a single atom without scripts.
    mutating func parseArgument() -> String {
        if case .number(let digits)? = peek, digits.count > 1 {
            // TeX reads one digit as an unbraced argument: `\tfrac12` is 1/2.
            tokens[position] = .number(String(digits.dropFirst()))
            return "<mn>\(digits.prefix(1))</mn>"
        }
        if peek == .open {
            position += 1
            return Self.row(parseList(until: .close))
        }
        return parseAtom()?.0 ?? "<mrow></mrow>"
    }

    /// One node: `<mrow>` only when there is more than one child.
    static func row(_ nodes: [String]) -> String {
        nodes.count == 1 ? nodes[0] : "<mrow>\(nodes.joined())</mrow>"
    }

    mutating func parseAtom() -> (String, Kind)? {
        guard let token = next() else { return nil }
        switch token {
        case .open: return (Self.row(parseList(until: .close)), .ordinary)
        case .close, .sup, .sub: return nil
        case .number(let digits): return ("<mn>\(digits)</mn>", .ordinary)
        case .raw(let text): return ("<mtext>\(HTML.escape(text))</mtext>", .ordinary)
        case .char(let ch): return (Self.character(ch), .ordinary)
        case .command(let name): return parseCommand(name)
        }
    }

    static func character(_ ch: Character) -> String {
        if ch.isLetter { return "<mi>\(ch)</mi>" }
        if ch == "-" { return "<mo>−</mo>" }
        if ch == "'" { return "<mo>′</mo>" }
        if ch == "&" { return "" }   // alignment tabs are not supported: drop them
        // Fences outside `\left…\right` keep their natural size: in MathML Core a stretchy `(`
        // grows to the height of everything in its row (e.g. a fraction elsewhere in the formula).
        if "()[]|/".contains(ch) { return "<mo stretchy=\"false\">\(ch)</mo>" }
        return "<mo>\(HTML.escape(String(ch)))</mo>"
    }
}
