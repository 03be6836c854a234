import Report

/// A generated summary of which claims held, so the prose never contradicts the measured checks.
/// The words are the alternatives of `findings.md` beside this file; Swift groups the checks, picks
/// the alternatives from their verdicts and joins the pieces.
enum DeepFindings {
    /// The claim kinds (the last component of a check id) that have a plain-language name; any other
    /// kind is named by its id.
    enum Claim: String, ProseChoice {
        static let group = "claim"
        case lwOASBeatsLwRND = "lw_oas_beats_lw_rnd", lwOASBeatsE2EShallow = "lw_oas_beats_e2e_shallow"
        case e2eBeatsLwOASDeep = "e2e_beats_lw_oas_deep", progOASCompetitive = "prog_oas_competitive"
        case progRNDCompetitive = "prog_rnd_competitive", lwOASOnParWithE2E = "lw_oas_on_par_with_e2e"
        case sanityLwOAS = "sanity_lw_oas", sanityLwRND = "sanity_lw_rnd"
    }
    /// Where a claim held: on the listed problems, on none of several, or (a single check) whether it did.
    enum Holds: String, ProseChoice { static let group = "holds"; case on, nowhere, yes, no }
    /// The checks of a claim that did not pass, by why.
    enum Exception: String, ProseChoice {
        static let group = "exception"
        case fails, undecided, notJudged = "not_judged"
    }
    /// One check's measured value, with its interval where it has one.
    enum Measured: String, ProseChoice { static let group = "measured"; case interval, estimate }
    /// One bullet of the summary.
    enum Finding: String, ProseChoice { static let group = "finding"; case line }

    static let choices: [any ProseChoice.Type] = [Claim.self, Holds.self, Exception.self, Measured.self, Finding.self]

    static func document() throws -> ProseDocument { try ExampleFolder.commonDocument("DeepSuite/findings.md", choices: choices) }

    /// One bullet per claim kind (the last component of the check id): where it held and where it
    /// failed, with the measured value of every failure.
    static func summary(_ checks: [Check]) throws -> String {
        let prose = try document()
        var order: [String] = []
        var groups: [String: [Check]] = [:]
        for c in checks {
            let kind = String(c.id.split(separator: ".").last ?? "")
            if groups[kind] == nil { order.append(kind) }
            groups[kind, default: []].append(c)
        }
        return try order.map { kind in
            let group = groups[kind]!
            let failed = group.filter { $0.status == .fail }, open = group.filter { $0.status == .inconclusive }
            let held = group.filter { $0.status == .pass }.map(place).filter { !$0.isEmpty }
            let holds: Holds = !held.isEmpty ? .on : group.count > 1 ? .nowhere : failed.isEmpty && open.isEmpty ? .yes : .no
            let exceptions: [(Exception, [Check])] = [(.fails, failed), (.undecided, open.filter { !isBudget($0) }),
                                                      (.notJudged, open.filter(isBudget))]
            return try prose.text(Finding.line, [
                "claim": try Claim(rawValue: kind).map { try prose.text($0) } ?? kind,
                "holds": try prose.text(holds, holds == .on ? ["places": held.joined(separator: ", ")] : [:]),
                "exceptions": try exceptions.filter { !$0.1.isEmpty }.map { exception, listed in
                    try prose.text(exception, ["checks": try listed.map { try measured($0, prose) }.joined(separator: ", ")])
                }.joined(),
            ])
        }.joined(separator: "\n")
    }

    /// The problem a check is about: its id between the stage and the claim kind ("" for a single problem).
    static func place(_ c: Check) -> String {
        c.id.split(separator: ".").dropFirst().dropLast().joined(separator: ".")
    }

    /// An inconclusive check that was not judged because too few of its runs converged.
    static func isBudget(_ c: Check) -> Bool { c.reason?.hasPrefix("budget") ?? false }

    /// "moons (estimate −0.060 in [−0.067, −0.053])": the check's problem, if any, and its measured value.
    static func measured(_ c: Check, _ prose: ProseDocument) throws -> String {
        let value = try c.evidence.map { e in
            try prose.text(Measured.interval, ["estimate": ProseNumber.f3(c.measured), "low": ProseNumber.f3(e.interval.low),
                                               "high": ProseNumber.f3(e.interval.high)])
        } ?? prose.text(Measured.estimate, ["estimate": ProseNumber.f3(c.measured)])
        let p = place(c)
        return p.isEmpty ? value : p + " " + value
    }
}
