/// JSON form of a check (the results.json contract): non-finite numbers become `null`, so the
/// file stays valid JSON; `lower`/`upper` are written only when finite bounds exist; `status` and
/// `kind` always, `reason` when there is one. Older entries without them decode as pass/fail claims.
extension Check {
    enum CodingKeys: String, CodingKey {
        case id, claim, measured, expected, tolerance, pass, lower, upper, status, reason, kind
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
    }
}
