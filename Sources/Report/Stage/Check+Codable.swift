/// JSON form of a check (the results.json contract): non-finite numbers become `null`, so the
/// file stays valid JSON; `lower`/`upper` are written only when finite bounds exist; `status`,
/// `kind`, `class` and `primary` always, `reason` when there is one. An empirical check adds its
/// interval (`low`, `high`, `n`, `se`, `alpha`), its margin region (`margin_low`, `margin_high`,
/// `floor`), `passing_margin`, `estimand` and `unit`. Older entries without these decode as
/// non-primary math checks.
extension Check {
    enum CodingKeys: String, CodingKey {
        case id, claim, measured, expected, tolerance, pass, lower, upper, status, reason, kind
        case claimClass = "class", primary
        case low, high, n, se, alpha, degreesOfFreedom = "df"
        case marginLow = "margin_low", marginHigh = "margin_high", floor
        case passingMargin = "passing_margin", estimand, unit
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        claim = try c.decode(String.self, forKey: .claim)
        measured = try c.decodeIfPresent(Double.self, forKey: .measured) ?? .nan
        expected = try c.decodeIfPresent(Double.self, forKey: .expected) ?? .nan
        tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance) ?? .infinity
        pass = try c.decode(Bool.self, forKey: .pass)
        lower = try c.decodeIfPresent(Double.self, forKey: .lower)
        upper = try c.decodeIfPresent(Double.self, forKey: .upper)
        status = try c.decodeIfPresent(CheckStatus.self, forKey: .status) ?? (pass ? .pass : .fail)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        kind = try c.decodeIfPresent(CheckKind.self, forKey: .kind) ?? .claim
        claimClass = try c.decodeIfPresent(ClaimClass.self, forKey: .claimClass) ?? .math
        primary = try c.decodeIfPresent(Bool.self, forKey: .primary) ?? false
        if let estimand = try c.decodeIfPresent(String.self, forKey: .estimand) {
            let interval = ReplicateInterval(
                estimate: measured,
                low: try c.decodeIfPresent(Double.self, forKey: .low) ?? -.infinity,
                high: try c.decodeIfPresent(Double.self, forKey: .high) ?? .infinity,
                n: try c.decodeIfPresent(Int.self, forKey: .n) ?? 0,
                standardError: try c.decodeIfPresent(Double.self, forKey: .se) ?? .infinity,
                degreesOfFreedom: try c.decodeIfPresent(Double.self, forKey: .degreesOfFreedom) ?? 0,
                alpha: try c.decodeIfPresent(Double.self, forKey: .alpha) ?? .nan)
            let margin = ClaimMargin(low: try c.decodeIfPresent(Double.self, forKey: .marginLow),
                                     high: try c.decodeIfPresent(Double.self, forKey: .marginHigh),
                                     floor: try c.decodeIfPresent(Double.self, forKey: .floor))
            evidence = EmpiricalEvidence(estimand: estimand, unit: try c.decodeIfPresent(String.self, forKey: .unit) ?? "",
                                         interval: interval, margin: margin)
        } else {
            evidence = nil
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(claim, forKey: .claim)
        try c.encode(measured.isFinite ? measured : nil, forKey: .measured)
        try c.encode(expected.isFinite ? expected : nil, forKey: .expected)
        try c.encode(tolerance.isFinite ? tolerance : nil, forKey: .tolerance)
        try c.encode(pass, forKey: .pass)
        try c.encodeIfPresent(lower.flatMap { $0.isFinite ? $0 : nil }, forKey: .lower)
        try c.encodeIfPresent(upper.flatMap { $0.isFinite ? $0 : nil }, forKey: .upper)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encode(kind, forKey: .kind)
        try c.encode(claimClass, forKey: .claimClass)
        try c.encode(primary, forKey: .primary)
        guard let e = evidence else { return }
        let finite = { (x: Double) -> Double? in x.isFinite ? x : nil }
        // An unbounded end is written as null: JSON has no infinity.
        try c.encode(finite(e.interval.low), forKey: .low)
        try c.encode(finite(e.interval.high), forKey: .high)
        try c.encode(e.interval.n, forKey: .n)
        try c.encode(finite(e.interval.standardError), forKey: .se)
        try c.encode(finite(e.interval.degreesOfFreedom), forKey: .degreesOfFreedom)
        try c.encode(finite(e.interval.alpha), forKey: .alpha)
        try c.encode(e.margin.low, forKey: .marginLow)
        try c.encode(e.margin.high, forKey: .marginHigh)
        try c.encodeIfPresent(e.margin.floor, forKey: .floor)
        try c.encode(e.passingMargin.flatMap(finite), forKey: .passingMargin)
        try c.encode(e.estimand, forKey: .estimand)
        try c.encode(e.unit, forKey: .unit)
    }
}
