/// SplitMix64's finaliser: a well-mixed 64-bit hash step.
///
/// Used to derive independent generator seeds from a stage seed and a job's coordinates
/// (`SeededGenerator(seed: splitMix(seed ^ code))`), so that a job's random numbers depend on what
/// the job is, not on which worker runs it or when.
public func splitMix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
