import Foundation
import XCTest
@testable import Report

/// A stage's own units of work, counted for its status line like a grid's jobs.
final class WorkUnitsTests: XCTestCase {
    /// What a stage context hands to the status line, collected from any thread.
    final class StatusLog: @unchecked Sendable {
        private let lock = NSLock()
        private var updates: [WorkUpdate] = []
        private var fractions: [Double] = []
        func add(_ update: WorkUpdate) { lock.lock(); updates.append(update); lock.unlock() }
        func add(_ fraction: Double) { lock.lock(); fractions.append(fraction); lock.unlock() }
        var all: (updates: [WorkUpdate], fractions: [Double]) { lock.lock(); defer { lock.unlock() }; return (updates, fractions) }
    }

    func context(_ log: StatusLog, slowEvery: Int) -> StageContext {
        StageContext(profile: .fast, seed: 1, stageID: "units", figuresDirectory: FileManager.default.temporaryDirectory,
                     progress: { fraction, _ in log.add(fraction) },
                     work: { update in
                         // An uneven receiver lets a later update overtake an earlier one unless delivery is ordered.
                         if update.finished % slowEvery == 1 { Thread.sleep(forTimeInterval: 0.002) }
                         log.add(update)
                     })
    }

    /// Units finishing on several threads at once reach the status line in the order they were counted,
    /// and the progress bar never moves back.
    func testUnitsFinishedOnSeveralThreadsAreReportedInOrder() {
        let log = StatusLog()
        let kind = JobKind(method: "unit", depth: 1, steps: 1)
        let units = WorkUnits(context(log, slowEvery: 3), unit: "angles", expecting: (0..<60).map { _ in .init(kind: kind) })
        DispatchQueue.concurrentPerform(iterations: 60) { _ in units.measure(kind) { () } }
        let (updates, fractions) = log.all
        XCTAssertEqual(updates.map(\.finished), Array(0...60), "the announcement, then one update per unit")
        XCTAssertTrue(updates.allSatisfy { $0.total == 60 && $0.unit == "angles" })
        XCTAssertEqual(fractions, (1...60).map { Double($0) / 60 })
    }

    /// `end` drops the units announced and not run: the total falls to those that ran.
    func testEndDropsTheUnitsThatDidNotRun() {
        let log = StatusLog()
        let kind = JobKind(method: "unit", depth: 1, steps: 1)
        let units = WorkUnits(context(log, slowEvery: 1000), unit: "repetitions", expecting: (0..<5).map { _ in .init(kind: kind) })
        units.measure(kind) { () }
        units.measure(kind) { () }
        units.end()
        let last = try? XCTUnwrap(log.all.updates.last)
        XCTAssertEqual(last?.finished, 2)
        XCTAssertEqual(last?.total, 2)
        XCTAssertTrue(last?.pending.isEmpty ?? false)
    }
}
