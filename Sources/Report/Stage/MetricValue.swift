/// A metric in results.json: one number or a list of numbers.
///
/// Non-finite values (NaN, ±∞) are written as JSON `null` so the file stays valid JSON,
/// and read back as NaN.
public enum MetricValue: Codable, Sendable, Equatable {
    case number(Double)
    case numbers([Double])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([Double?].self) {
            self = .numbers(list.map { $0 ?? .nan })
        } else if container.decodeNil() {
            self = .number(.nan)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value):
            try container.encode(value.isFinite ? value : nil)
        case .numbers(let values):
            try container.encode(values.map { $0.isFinite ? $0 : nil })
        }
    }

    /// All values as an array (a single number becomes a one-element array).
    public var values: [Double] {
        switch self {
        case .number(let value): return [value]
        case .numbers(let values): return values
        }
    }
}

extension MetricValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(arrayLiteral elements: Double...) { self = .numbers(elements) }
}
