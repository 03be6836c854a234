/// Symbol tables of the TeX subset: which command becomes which MathML token.
enum MathSymbols {
    /// Lower-case Greek (italic identifiers, as in TeX).
    static let greekLower: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
        "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    ]
    /// Upper-case Greek (upright in TeX, so `mathvariant="normal"`).
    static let greekUpper: [String: String] = [
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]
    /// Operators and relations → `<mo>`.
    static let operators: [String: String] = [
        "odot": "⊙", "cdot": "⋅", "times": "×", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
        "approx": "≈", "sim": "∼", "perp": "⊥", "in": "∈", "notin": "∉", "pm": "±", "mp": "∓",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦",
        "neq": "≠", "ne": "≠", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫", "mid": "∣",
        "|": "‖", "Vert": "‖", "vert": "|", "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖",
        "langle": "⟨", "rangle": "⟩", "{": "{", "}": "}", "ldots": "…", "cdots": "⋯", "dots": "…",
        "forall": "∀", "exists": "∃", "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩",
        "circ": "∘", "setminus": "∖", "coloneqq": "≔", "ast": "∗", "star": "⋆", "otimes": "⊗",
        "oplus": "⊕", "colon": ":", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    ]
    /// Operator symbols that MathML Core stretches by default; kept at natural size unless in `\left…\right`.
    static let fences: Set<String> = ["‖", "|", "⟨", "⟩", "{", "}", "⌊", "⌋", "⌈", "⌉"]
    /// Symbols that are identifiers, not operators → `<mi>`.
    static let identifiers: [String: String] = [
        "infty": "∞", "sharp": "♯", "flat": "♭", "natural": "♮", "partial": "∂", "nabla": "∇", "ell": "ℓ", "top": "⊤", "emptyset": "∅", "hbar": "ℏ",
    ]
    /// Big operators drawn with limits above/below (`munderover`).
    static let bigOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "bigcup": "⋃", "bigcap": "⋂",
    ]
    /// Integrals take their limits as scripts (`msubsup`).
    static let integrals: [String: String] = ["int": "∫", "iint": "∬", "oint": "∮"]
    /// Function names set upright and followed by function application (U+2061).
    static let functions: Set<String> = [
        "log", "exp", "sin", "cos", "tan", "tanh", "sinh", "cosh", "det", "ln", "arctan", "atan",
        "sgn", "tr", "diag", "erf", "Var", "Cov", "KL",
    ]
    /// Operators whose subscript goes underneath in display style (`max_θ`).
    static let limitOperators: Set<String> = ["max", "min", "lim", "sup", "inf", "argmax", "argmin", "arg"]
    /// Spacing commands → `mspace` widths.
    static let spaces: [String: String] = [
        "quad": "1em", "qquad": "2em", ",": "0.1667em", ":": "0.2222em", ";": "0.2778em", " ": "0.25em", "!": "0em",
    ]
    /// Accents → the mark placed over the base.
    static let accents: [String: String] = [
        "hat": "^", "widehat": "^", "bar": "¯", "overline": "¯", "tilde": "~", "widetilde": "~",
        "vec": "→", "dot": "˙",
    ]

    /// A letter in a Unicode mathematical alphabet (`\mathbb`, `\mathcal`, `\mathbf`).
    static func styled(_ ch: Character, alphabet: String) -> String {
        guard let scalar = ch.unicodeScalars.first, ch.isASCII else { return String(ch) }
        let v = scalar.value
        let isUpper = (65...90).contains(v), isLower = (97...122).contains(v), isDigit = (48...57).contains(v)
        switch alphabet {
        case "mathbb":
            let holes: [Character: String] = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
            if let special = holes[ch] { return special }
            if isUpper { return scalarString(0x1D538 + v - 65) }
            if isLower { return scalarString(0x1D552 + v - 97) }
            if isDigit { return scalarString(0x1D7D8 + v - 48) }
        case "mathcal":
            let holes: [Character: String] = ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ"]
            if let special = holes[ch] { return special }
            if isUpper { return scalarString(0x1D49C + v - 65) }
        case "mathbf", "boldsymbol":
            if isUpper { return scalarString(0x1D400 + v - 65) }
            if isLower { return scalarString(0x1D41A + v - 97) }
            if isDigit { return scalarString(0x1D7CE + v - 48) }
        default: break
        }
        return String(ch)
    }

    static func scalarString(_ value: UInt32) -> String {
        Unicode.Scalar(value).map { String(Character($0)) } ?? "?"
    }
}
