import Report

/// A generated summary of which claims held, so the prose never contradicts the measured checks.
enum DeepFindings {
    /// One bullet per claim kind (the last component of the check id): where it held and where it
    /// failed, with the measured value of every failure.
    static func summary(_ checks: [Check], names: [String: String]) -> String {
        var order: [String] = []
        var groups: [String: [Check]] = [:]
        for c in checks {
            let kind = String(c.id.split(separator: ".").last ?? "")
            if groups[kind] == nil { order.append(kind) }
            groups[kind, default: []].append(c)
        }
        return order.map { kind in
            let group = groups[kind]!
            let failed = group.filter { $0.status == .fail }, open = group.filter { $0.status == .inconclusive }
            let where_ = { (c: Check) in c.id.split(separator: ".").dropFirst().dropLast().joined(separator: ".") }
            let list = { (checks: [Check]) in
                checks.map { c in
                    let place = where_(c)
                    let interval = c.evidence.map { " in [\(ProseNumber.f3($0.interval.low)), \(ProseNumber.f3($0.interval.high))]" } ?? ""
                    return (place.isEmpty ? "" : "\(place) ") + "(estimate \(ProseNumber.f3(c.measured))\(interval))"
                }.joined(separator: ", ")
            }
            let held = group.filter { $0.status == .pass }.map(where_).filter { !$0.isEmpty }
            var line = "- \(names[kind] ?? kind): holds" + (held.isEmpty ? (group.count > 1 ? " nowhere" : (failed.isEmpty && open.isEmpty ? "" : " not"))
                                                                        : " on " + held.joined(separator: ", "))
            if !failed.isEmpty { line += "; **fails** for " + list(failed) }
            if !open.isEmpty {
                let budget = open.filter { $0.reason?.hasPrefix("budget") ?? false }
                let noise = open.filter { !($0.reason?.hasPrefix("budget") ?? false) }
                if !noise.isEmpty { line += "; *undecided (the interval straddles the margin)* for " + list(noise) }
                if !budget.isEmpty { line += "; *not judged (runs not converged)* for " + list(budget) }
            }
            return line + "."
        }.joined(separator: "\n")
    }

    /// Plain-language names of the check kinds.
    static let names: [String: String] = [
        "lw_oas_beats_lw_rnd": "Layer-wise, OAS beats random rotations (averaged over depths)",
        "lw_oas_beats_e2e_shallow": "With few layers, LW-OAS beats E2E",
        "e2e_beats_lw_oas_deep": "At the final depth, E2E beats LW-OAS",
        "prog_oas_competitive": "PROG-OAS competitive with E2E at the final depth",
        "prog_rnd_competitive": "PROG-RND competitive with E2E at the final depth",
        "lw_oas_on_par_with_e2e": "LW-OAS on par with E2E at the final depth",
        "sanity_lw_oas": "Sanity: adding an LW-OAS layer does not hurt beyond noise",
        "sanity_lw_rnd": "Sanity: adding an LW-RND layer does not hurt beyond noise",
    ]
}
