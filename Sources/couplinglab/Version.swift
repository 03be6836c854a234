/// The version printed by `couplinglab --version`.
enum CouplingLabVersion {
    static let string = "0.1.0"
}
