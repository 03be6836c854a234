import Report

/// Claim checks built from the claim table, so that a stage cannot use a margin other than the table's.
extension ClaimCatalog {
    /// An empirical check: `values` are the replicates (seeds, angles); the interval is their mean's.
    static func empirical(_ id: String, claim: String, replicates values: [Double], expected: Double = 0) -> Check {
        empirical(id, claim: claim, interval: .mean(of: values, alpha: alpha), expected: expected)
    }

    /// An empirical check on a given interval (e.g. a difference of two methods' seed means).
    static func empirical(_ id: String, claim: String, interval: ReplicateInterval, expected: Double = 0) -> Check {
        guard let spec = spec(id), let margin = spec.margin, spec.claimClass == .empirical else { return unlisted(id, claim: claim) }
        let evidence = EmpiricalEvidence(estimand: spec.estimand, unit: spec.unit, interval: interval, margin: margin)
        let check = Check.empirical(id: id, claim: claim, evidence: evidence, expected: expected)
        return spec.primary ? check.asPrimary : check
    }

    /// A math check: the measured residual against the table's region at numerical precision.
    static func exact(_ id: String, claim: String, measured: Double) -> Check {
        guard let spec = spec(id), let margin = spec.margin, spec.claimClass == .math else { return unlisted(id, claim: claim) }
        let check = Check(id: id, claim: claim, measured: measured, expected: margin.low ?? 0, lower: margin.low, upper: margin.high)
        return spec.primary ? check.asPrimary : check
    }

    /// A check whose id the table lacks: never passes (a test keeps every emitted id in the table).
    static func unlisted(_ id: String, claim: String) -> Check {
        Check.holds(id: id, claim: claim, false).inconclusive("no margin for this check in the claim table")
    }
}
