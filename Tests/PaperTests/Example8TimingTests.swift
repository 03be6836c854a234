import FlowCore
import Foundation
@testable import Paper
import Report
import XCTest

/// Measures ex8's own work (single-layer sweep and deep closed-form runs, not the ex6/ex7 cache read)
/// in the paper profile. Opt-in (EX8_TIME_PAPER=1): it takes minutes and is a measurement, not a test.
final class Example8TimingTests: XCTestCase {
    func testPaperProfileOwnPartTiming() throws {
        guard ProcessInfo.processInfo.environment["EX8_TIME_PAPER"] != nil else { throw XCTSkip("set EX8_TIME_PAPER=1 to measure") }
        let stage = Example8Stage(), config = stage.config(for: .paper)
        let cpu0 = clock(), wall0 = Date()
        let grid = JobGrid(store: nil, shard: nil, budget: WorkerBudget(limit: 2))
        let single = try SingleLayerSweep.run(config.single, seed: stage.seed, grid: grid)
        let cpu1 = clock(), wall1 = Date()
        let square = try DeepSuite.problem(id: "square", density: try UniformSquare(halfWidth: 1), index: 0, config: config.ex6.run, seed: 6)
        let toys = try config.ex7.toys.enumerated().map { i, kind in
            try DeepSuite.problem(id: kind.rawValue, density: ToyDensity(kind: kind), index: i, config: config.ex7.run, seed: 7)
        }
        let deep = try ClosedFormDeep.run(problems: [square] + toys, config: config.deep, seed: stage.seed, grid: grid)
        let cpu2 = clock(), wall2 = Date()
        let s = { (a: clock_t, b: clock_t) in Double(b - a) / Double(CLOCKS_PER_SEC) }
        print("EX8-TIMING single: cpu \(s(cpu0, cpu1)) s, wall \(wall1.timeIntervalSince(wall0)) s; "
              + "deep: cpu \(s(cpu1, cpu2)) s, wall \(wall2.timeIntervalSince(wall1)) s")
        for p in single.sorted(by: { ($0.density.id, $0.n) < ($1.density.id, $1.n) }) {
            print("EX8-SINGLE \(p.density.id) N=\(p.n) cf gap \(p.closedForm.gap) ± \(p.closedForm.gapSE) (\(p.closedForm.seconds) s)"
                  + (p.trained.map { " trained gap \($0.gap) ± \($0.gapSE) (\($0.seconds) s)" } ?? ""))
        }
        for r in deep { print("EX8-DEEP \(r.id) mean s/run \(r.meanSeconds) final \(r.meanLoss.last ?? .nan) at12 \(r.meanLoss[11])") }
        XCTAssertEqual(deep.count, 7)
        XCTAssertEqual(single.count, config.single.densities.count * config.single.sampleSizes.count)
    }
}
