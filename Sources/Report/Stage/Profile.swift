/// How large a run is: the paper's hyperparameters, or a fast variant for tests and CI.
///
/// Both profiles run every stage; only sizes (steps, samples, grid points) and the
/// per-check tolerances that depend on them differ.
public enum Profile: String, Codable, CaseIterable, Sendable {
    /// The paper's hyperparameters (default of `make report`).
    case paper
    /// Fewer steps and samples, looser tolerances declared per check.
    case fast
}
