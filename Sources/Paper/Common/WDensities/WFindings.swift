import CouplingTheory
import Foundation
import Report

/// The analysis under the verdicts of Examples 1 and 2: what the run itself measured about where the
/// trained layer misses the optimum and why. Only numbers this run computed are quoted; the sentences
/// are the alternatives of `findings.md` beside this file.
enum WFindings {
    enum Miss: String, ProseChoice { static let group = "miss"; case analysis, worstBins = "worst_bins", kinks }
    enum OffState: String, ProseChoice { static let group = "off_state"; case relu, leakyReLU = "leaky_relu" }
    enum Readings: String, ProseChoice { static let group = "readings"; case fullBatch = "full_batch", miniBatch = "mini_batch" }

    static let choices: [any ProseChoice.Type] = [Miss.self, OffState.self, Readings.self]

    static func document() throws -> ProseDocument { try ExampleFolder.commonDocument("WDensities/findings.md", choices: choices) }

    /// Where the main seed's layer misses Lemma 1's optimum, and what the run shows about why.
    static func missAnalysis(_ r: WExampleRun, readOutFigure: String, prose: ProseDocument) throws -> String {
        try prose.text(Miss.analysis, [
            "trace_change": ProseNumber.f4(r.traceChangeLastQuarter),
            "gap": ProseNumber.f4(r.lossGap),
            "mean_rmse": ProseNumber.f4(r.readOut.meanRMSE),
            "std_error_percent": ProseNumber.fmt(100 * r.readOut.maxRelativeStdError, 0),
            "std_error_p": ProseNumber.fmt(r.readOut.pOfMaxRelativeStdError, 2),
            "read_out_figure": readOutFigure,
            "worst_bins": try worstBins(r, prose: prose),
            // An optional sentence (only subnets with kinks have it): on its own line when present.
            "kinks": try kinks(r.trained, prose: prose).map { "\n" + $0 } ?? "",
        ])
    }

    /// Both readings over all seeds: whether the gap is one seed's or the protocol's.
    static func readings(_ study: WExampleStudy, prose: ProseDocument) throws -> String {
        let gaps = study.seedRuns.map(\.lossGap)
        var lines = [try prose.text(Readings.fullBatch, ["seeds": "\(gaps.count)", "low": ProseNumber.f4(gaps.min() ?? .nan),
                                                          "high": ProseNumber.f4(gaps.max() ?? .nan)])]
        let mb = study.miniBatchGaps
        if let run = study.miniBatch, !mb.isEmpty {
            lines.append(try prose.text(Readings.miniBatch, ["steps": "\(run.trainingLoss.count)", "batch": "\(run.batchSize)",
                                                             "low": ProseNumber.f4(mb.min() ?? .nan), "high": ProseNumber.f4(mb.max() ?? .nan)]))
        }
        return lines.joined(separator: "\n")
    }

    /// Where the binned checks are worst, and the largest error of m̂ (a′ has mean ≈ (m − m̂)/σ̂ in a bin).
    static func worstBins(_ r: WExampleRun, prose: ProseDocument) throws -> String {
        let b = r.binned, c = r.readOut
        let iMean = b.means.indices.max { abs(b.means[$0]) < abs(b.means[$1]) } ?? 0
        let iStd = b.stds.indices.max { abs(b.stds[$0] - 1) < abs(b.stds[$1] - 1) } ?? 0
        let errors = c.p.indices.map { abs(c.learntMean[$0] - c.trueMean[$0]) }
        let iErr = errors.indices.max { errors[$0] < errors[$1] } ?? 0
        let f2 = { (x: Double) in ProseNumber.fmt(x, 2) }
        return try prose.text(Miss.worstBins, [
            "mean_p": f2(b.centers[iMean]), "mean": f2(b.means[iMean]), "std_p": f2(b.centers[iStd]), "std": f2(b.stds[iStd]),
            "mean_error": f2(errors[iErr]), "mean_error_p": f2(c.p[iErr]),
        ])
    }

    /// "Of H hidden units, k bend inside [−2, 2] …" (nil for other subnets).
    static func kinks(_ t: TrainedSingleCoupling, prose: ProseDocument) throws -> String? {
        guard let k0 = t.initialKinks, let k1 = t.finalKinks else { return nil }
        return try prose.text(Miss.kinks, [
            "bending": "\(k1.kinksInside)", "width": "\(k1.width)", "off": "\(k1.dead)",
            "off_state": try prose.text(t.coupling.subnet.activation == .relu ? OffState.relu : .leakyReLU),
            "bending_initial": "\(k0.kinksInside)", "off_initial": "\(k0.dead)",
        ])
    }
}
