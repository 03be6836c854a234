import FlowCore

/// A density to model in the deep-flow comparison, with its held-out (test) and validation samples.
public struct DeepProblem: Sendable {
    /// Identifier used in metric names (`moons`, `square`, …).
    public var id: String
    /// Its position in the stage's list of problems (part of every job's generator).
    public var index: Int
    public var density: any Density
    /// Held-out samples for the per-depth loss (never used for any choice).
    public var testSet: Matrix
    /// Separate samples for the learning-rate choice and the validation traces.
    public var validationSet: Matrix

    /// Draws the test and validation samples from a generator hashed from `seed` and `index`, so a
    /// problem is the same whichever stage or process makes it.
    public init(id: String, density: any Density, index: Int, heldOutCount: Int, validationCount: Int, seed: UInt64) throws {
        var rng = SeededGenerator(seed: splitMix(seed ^ splitMix(UInt64(index) &+ 0xDA7A)))
        self.id = id
        self.index = index
        self.density = density
        testSet = try density.sample(count: heldOutCount, using: &rng)
        validationSet = try density.sample(count: validationCount, using: &rng)
    }
}
