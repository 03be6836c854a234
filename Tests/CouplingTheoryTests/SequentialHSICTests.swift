import XCTest
import Foundation
@testable import CouplingTheory
import FlowCore

/// The HSIC test Example 5 uses: the low-rank binned HSIC statistic against the dense
/// `BinnedHSIC` on random data, the exact pairwise median, and the sequential permutation test's
/// early stopping on samples whose outcome is known by construction. Pure unit tests (n ≤ 800).
final class SequentialHSICTests: XCTestCase {
    /// The factor's residual (≤ 10⁻¹³ per point) and the rounding of BinnedHSIC's ~n²/B-term sums
    /// both stay well below this at n ≤ 800.
    let statisticRelativeTolerance = 1e-12

    /// p ~ U[−2, 2] in 16 bins and y from `draw`, paired.
    func sample(_ n: Int, seed: UInt64, _ draw: (Double, inout SeededGenerator) -> Double) -> (labels: [Int], y: [Double]) {
        var rng = SeededGenerator(seed: seed)
        var p: [Double] = [], y: [Double] = []
        for _ in 0..<n {
            let v = rng.uniform(-2, 2)
            p.append(v); y.append(draw(v, &rng))
        }
        return (PassiveBinEncoding.labels(p, bins: 16, range: -2...2), y)
    }

    /// The three kinds of y Example 5 tests: normal, skewed (Exp(1) − 1), and scale-dependent on p.
    var draws: [(String, (Double, inout SeededGenerator) -> Double)] {
        [("normal", { _, r in r.normal() }),
         ("exp-1", { _, r in -log(1 - r.uniform()) - 1 }),
         // 1 at the troughs of the W density's σ(p), 0 at its peaks (Example 5's power study).
         ("scaled", { p, r in r.normal() * (1 + 0.2 * 0.5 * (1 + cos(8 * Double.pi / 3 * p))) })]
    }

    func testStatisticEqualsDenseBinnedHSICForRandomPermutations() throws {
        for (name, draw) in draws {
            for (n, seed) in [(300, UInt64(1)), (800, UInt64(2))] {
                let (labels, y) = sample(n, seed: seed, draw)
                let rows = Array(0..<n)
                let fast = LowRankBinnedHSIC(labels: labels, y: y, rows: rows)
                // The dense reference, exactly as BinnedHSIC.test builds it.
                let (l, h) = HSIC.gram(try Matrix(rows: n, cols: 1, values: y), rows: rows)
                let lc = HSIC.centered(l, n: n)
                var groups: [Int: [Int]] = [:]
                for (position, row) in rows.enumerated() { groups[labels[row], default: []].append(position) }
                let members = groups.keys.sorted().map { groups[$0]! }
                XCTAssertEqual(fast.bandwidth, h, "\(name) n = \(n): the median heuristic must be the same number")
                XCTAssertLessThan(fast.rank, n / 4, "\(name): the kernel factor should be low-rank")
                var rng = SeededGenerator(seed: 99)
                var pi = Array(0..<n)
                var (rowBin, sums) = fast.scratch()
                for k in 0..<6 {
                    if k > 0 { pi.shuffle(using: &rng) }
                    let reference = BinnedHSIC.withinBinSum(lc, n: n, groups: members, permutation: pi) / Double(n * n)
                    let value = fast.statistic(permutation: pi, rowBin: &rowBin, sums: &sums)
                    XCTAssertEqual(value, reference, accuracy: statisticRelativeTolerance * abs(reference),
                                   "\(name) n = \(n) permutation \(k)")
                }
            }
        }
    }

    func testFixedPermutationTestReproducesBinnedHSIC() throws {
        for (name, draw) in draws {
            let (labels, y) = sample(1200, seed: 7, draw)
            var a = SeededGenerator(seed: 11), b = SeededGenerator(seed: 11)
            // A subsample of 600 of 1200 rows, then 99 shuffles: the same draws in the same order.
            let reference = try BinnedHSIC.test(labels: labels, y: y, config: HSICConfig(permutations: 99, maxSamples: 600), using: &a)
            let fast = try SequentialHSICTest.test(labels: labels, y: y, maxSamples: 600, maxPermutations: 99, exceedances: nil, using: &b)
            XCTAssertEqual(fast.statistic, reference.statistic, accuracy: statisticRelativeTolerance * abs(reference.statistic), name)
            XCTAssertEqual(fast.pValue, reference.pValue, name)
            XCTAssertEqual(fast.permutations, 99)
            XCTAssertEqual(fast.sampleCount, 600)
            XCTAssertEqual(a.next(), b.next(), "\(name): both must consume the same random stream")
        }
    }

    func testPairwiseMedianIsTheSortedElement() {
        var rng = SeededGenerator(seed: 3)
        // Continuous values, and integers (many tied differences).
        let sets = [(0..<501).map { _ in rng.normal() }, (0..<400).map { _ in Double(Int(rng.uniform() * 7)) },
                    [1.0, 1.0], [0.5, 0.5, 0.5, 2]]
        for y in sets {
            var all: [Double] = []
            for i in 0..<y.count { for j in (i + 1)..<y.count { let e = y[i] - y[j]; all.append(e * e) } }
            all.sort()
            XCTAssertEqual(PairwiseDistanceMedian.squaredMedian(y), all[all.count / 2], "n = \(y.count)")
        }
    }

    /// y = bin index + small noise: the observed statistic is the between-bin variance itself, far above any
    /// permutation's (which mixes the bins). No permuted statistic reaches it, so the test never stops early
    /// and p = (0 + 1)/(999 + 1) — the smallest attainable, as for the fixed test.
    func testSequentialTestRunsToTheEndOnAnObviousDependence() throws {
        let (labels, _) = sample(400, seed: 5) { _, _ in 0 }
        var noise = SeededGenerator(seed: 6)
        let y = labels.map { Double($0) + 0.01 * noise.normal() }
        var rng = SeededGenerator(seed: 8)
        let r = try SequentialHSICTest.test(labels: labels, y: y, maxSamples: 400, maxPermutations: 999, exceedances: 20, using: &rng)
        XCTAssertEqual(r.permutations, 999)
        XCTAssertEqual(r.pValue, 1.0 / 1000)
    }

    /// Eight bins of 50, each holding the same 50 values of y: every bin's y-distribution is the pooled one,
    /// so Σ_{i∈b} G̃_i = 0 for every b and the observed statistic is 0 (up to rounding), the minimum of a sum
    /// of squares. Every permutation mixes the copies and gives a positive statistic ≥ it: the h = 10th
    /// exceedance is the 10th permutation, and Besag–Clifford's p = h/l = 10/10 = 1.
    func testSequentialTestStopsAtOnceOnAnObviousIndependence() throws {
        var rng = SeededGenerator(seed: 9)
        let values = (0..<50).map { _ in rng.normal() }
        let labels = (0..<8).flatMap { b in [Int](repeating: b, count: 50) }
        let y = (0..<8).flatMap { _ in values }
        let r = try SequentialHSICTest.test(labels: labels, y: y, maxSamples: 400, maxPermutations: 999, exceedances: 10, using: &rng)
        XCTAssertLessThan(abs(r.statistic), 1e-12)
        XCTAssertEqual(r.permutations, 10)
        XCTAssertEqual(r.pValue, 1)
    }

    /// Besag–Clifford's p-value when stopped at the l-th permutation with h exceedances is h/l ≥ h/m, so with
    /// h ≥ α·m an early stop can never reject at level α: on independent data the decision at α = 0.01 with
    /// m = 199, h = 20 is that of the fixed test with the same stream (p < 0.01 only when no exceedance).
    func testEarlyStopNeverRejectsWhenExceedancesAtLeastAlphaTimesM() throws {
        for seed in UInt64(20)..<UInt64(30) {
            let (labels, y) = sample(500, seed: seed) { _, r in r.normal() }
            var a = SeededGenerator(seed: seed), b = SeededGenerator(seed: seed)
            let fixed = try SequentialHSICTest.test(labels: labels, y: y, maxSamples: 500, maxPermutations: 199, exceedances: nil, using: &a)
            let sequential = try SequentialHSICTest.test(labels: labels, y: y, maxSamples: 500, maxPermutations: 199, exceedances: 20, using: &b)
            XCTAssertEqual(fixed.pValue < 0.01, sequential.pValue < 0.01, "seed \(seed)")
            XCTAssertLessThanOrEqual(sequential.permutations, 199)
            if sequential.permutations < 199 { XCTAssertGreaterThanOrEqual(sequential.pValue, 20.0 / 199) }
        }
    }
}
