import CouplingTheory
import FlowCore
import Foundation
import XCTest

/// The measurement behind the estimator choice of the closed-form layer: on W at N = 65 536, the
/// local-linear smoother with its held-out bandwidth against binned moments (equal-count bins, knots at
/// the bins' mid-points, the same piecewise-linear layer) over a range of bin counts.
final class ClosedFormEstimatorChoiceTests: XCTestCase {
    func testLocalLinearBeatsEveryBinCount() throws {
        let bound = TheoremOne.boundMLLoss(of: WDensity())
        var rng = SeededGenerator(seed: 77)
        let test = try WDensity().sample(count: 1 << 16, using: &rng)
        let train = try WDensity().sample(count: 1 << 16, using: &rng)
        func gap(_ coupling: AffineCoupling) throws -> Double {
            try Flow(dimension: 2, blocks: [FlowBlock(rotation: .identity(2), coupling: coupling)]).mlLoss(test) - bound
        }
        var binned: [Int: Double] = [:]
        for bins in [16, 32, 64, 128, 256, 512] {
            let estimate = try BinnedDelta.estimate(passive: train.column(0), active: [train.column(1)],
                                                    config: BinningConfig(bins: bins, scheme: .equalCount))
            let knots = estimate.bins.map { 0.5 * ($0.lower + $0.upper) }
            let st = estimate.bins.map { LemmaOne.optimalScaleAndShift(mean: $0.means[0], std: $0.variances[0].squareRoot()) }
            binned[bins] = try gap(AffineCoupling(piecewiseLinearKnots: knots,
                                                  scale: Matrix(rows: knots.count, cols: 1, values: st.map(\.scale)),
                                                  shift: Matrix(rows: knots.count, cols: 1, values: st.map(\.shift))))
        }
        let local = try gap(LemmaOne.closedFormLayer(samples: train, using: &rng).coupling)
        print("W N=65536 gap: local-linear \(String(format: "%.5f", local)); binned " + binned.sorted { $0.key < $1.key }
            .map { "B=\($0.key): \(String(format: "%.5f", $0.value))" }.joined(separator: ", "))
        XCTAssertLessThan(local, binned.values.min()! + 0.001)
    }
}
