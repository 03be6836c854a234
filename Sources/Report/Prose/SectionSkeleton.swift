/// The one section skeleton every stage's prose follows, in this order; the engine renders the
/// headings itself and adds its tables to the parts they belong to (config → how we test it,
/// check table → results).
public enum SkeletonPart: String, CaseIterable, Sendable {
    case claims = "What the paper claims"
    case method = "How we test it"
    case code = "The code"
    case results = "Results"
    case findings = "Findings"
    case deviations = "Deviations from the paper"
}

/// Splits a prose body written as `## <part heading>` blocks into the skeleton's parts.
public enum SectionSkeleton {
    static let marker = "## "

    /// The body's parts in skeleton order, or nil when the body does not start with the first
    /// skeleton heading (a stage without skeleton prose: the engine then shows it as it is).
    /// Throws when it starts like a skeleton but misses, repeats or reorders a part.
    public static func parts(of body: String, file: String = "<prose>") throws -> [(SkeletonPart, String)]? {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }),
              first == marker + SkeletonPart.claims.rawValue else { return nil }
        var parts: [(SkeletonPart, [String])] = []
        for line in lines {
            if line.hasPrefix(marker), !line.hasPrefix(marker + "#") {
                let title = String(line.dropFirst(marker.count)).trimmingCharacters(in: .whitespaces)
                guard let part = SkeletonPart(rawValue: title) else {
                    throw ProseError.skeleton(file: file, reason: "'\(title)' is not a part of the section skeleton")
                }
                parts.append((part, []))
            } else if !parts.isEmpty {
                parts[parts.count - 1].1.append(line)
            }
        }
        guard parts.map(\.0) == SkeletonPart.allCases else {
            throw ProseError.skeleton(file: file, reason: "parts must be, in order: "
                + SkeletonPart.allCases.map(\.rawValue).joined(separator: " → "))
        }
        return parts.map { ($0.0, $0.1.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
