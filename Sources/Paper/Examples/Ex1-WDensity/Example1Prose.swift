import Foundation
import Report

/// The values the Example 1 prose (`prose.md` beside this file) puts in by name: the shared W-density
/// values, the read-out grid, and the common setup of every single-layer stage, which Example 1 states.
enum Example1Prose {
    static func values(_ study: WExampleStudy, checks: [Check], config: WExampleConfig) throws -> [String: String] {
        var v = try WExampleProse.values(study, checks: checks, config: config, readOutFigure: "Fig. 2b")
        v["read_out_points"] = "\(config.readOutPoints)"
        v["bins"] = "\(config.bins)"
        v["bin_half_width"] = ProseNumber.g(config.binHalfWidth)
        v["bin_k"] = ProseNumber.g(config.tolerances.binnedStandardErrors)
        v["minibatch_steps"] = "\(study.miniBatch?.trainingLoss.count ?? 0)"
        v["common_setup_heading"] = SingleCouplingProse.heading
        v["protocol"] = try SingleCouplingProse.bullets(config.setup)
        return v
    }
}
