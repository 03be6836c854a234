import CouplingTheory
import Foundation
import Report

/// The values the Example 2 prose (`prose.md` beside this file) puts in by name: the shared W-density
/// values, the two uniformity tests, and the link to the common setup.
enum Example2Prose {
    static func values(_ study: WExampleStudy, uniform u: UniformPushForwardTest, checks: [Check], config: WExampleConfig) throws -> [String: String] {
        var v = try WExampleProse.values(study, checks: checks, config: config, readOutFigure: "Fig. 2b of Example 1, for W,")
        v["protocol"] = try SingleCouplingProse.reference(config.setup)
        v["ks"] = ProseNumber.f4(u.trainedDistance)
        v["ks_p"] = ProseNumber.sci(u.trainedPValue, 1)
        v["ks_optimal"] = ProseNumber.f4(u.optimalDistance)
        v["ks_optimal_p"] = ProseNumber.fmt(u.optimalPValue, 3)
        v["ks_alpha"] = ProseNumber.g(u.alpha)
        v["ks_critical"] = ProseNumber.f4(KolmogorovDistribution.criticalValue(alpha: u.alpha) / Double(u.count).squareRoot())
        return v
    }
}
