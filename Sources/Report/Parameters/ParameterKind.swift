import Foundation

/// The type and valid range of a stage parameter; it reads a value from its text.
public enum ParameterKind: Sendable, Equatable {
    /// One integer in the range.
    case integer(ClosedRange<Int>)
    /// A comma-separated list of distinct integers, each in `each`, with a length in `count`.
    case integers(each: ClosedRange<Int>, count: ClosedRange<Int>)
    /// A comma-separated list of distinct names from `names`, with a length in `count`.
    case choices([String], count: ClosedRange<Int>)

    /// Why a text is not a value of the kind.
    enum Problem: Error, Equatable {
        case wrongType
        case outOfRange
    }

    /// "an integer in 1…100", "a list of 1–8 distinct integers in 16…65536", "a list of 1–6 distinct names from moons|rings".
    public var summary: String {
        switch self {
        case .integer(let range): return "an integer in \(range.lowerBound)…\(range.upperBound)"
        case .integers(let each, let count):
            return "a list of \(Self.count(count))distinct integers in \(each.lowerBound)…\(each.upperBound)"
        case .choices(let names, let count): return "a list of \(Self.count(count))distinct names from \(names.joined(separator: "|"))"
        }
    }

    /// What the value must be, in words (the error's "expected …").
    var expectation: String {
        switch self {
        case .integer: return "an integer"
        case .integers: return "integers separated by commas"
        case .choices: return "names separated by commas"
        }
    }

    /// The value of `text`, or the problem with it.
    func parse(_ text: String) throws(Problem) -> ParameterValue {
        switch self {
        case .integer(let range):
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw .wrongType }
            guard range.contains(value) else { throw .outOfRange }
            return .integer(value)
        case .integers(let each, let count):
            let items = Self.items(text)
            var values: [Int] = []
            for item in items {
                guard let value = Int(item) else { throw .wrongType }
                values.append(value)
            }
            guard count.contains(values.count), Set(values).count == values.count, values.allSatisfy(each.contains) else {
                throw .outOfRange
            }
            return .integers(values)
        case .choices(let names, let count):
            let items = Self.items(text)
            guard items.allSatisfy({ !$0.isEmpty }) else { throw .wrongType }
            guard count.contains(items.count), Set(items).count == items.count, items.allSatisfy(names.contains) else {
                throw .outOfRange
            }
            return .choices(items)
        }
    }

    private static func items(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func count(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound) " : "\(range.lowerBound)–\(range.upperBound) "
    }
}
