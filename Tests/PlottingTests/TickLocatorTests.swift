import XCTest
@testable import Plotting

/// Tick choice on a table of ranges; every expected list below was worked out by hand from the
/// rule "smallest step m·10^k, m ∈ {1, 2, 2.5, 5, 10}, covering [lo, hi] in ≤ budget intervals".
final class TickLocatorTests: XCTestCase {
    /// Tick values are products of integers and a step; compare with this relative slack.
    let valueTolerance = 1e-12

    struct Case { let lo: Double; let hi: Double; let budget: Int; let ticks: [Double]; let labels: [String] }

    let table: [Case] = [
        // 0.1 needs 10 intervals > 9; 0.2 needs 5.
        Case(lo: 0, hi: 1, budget: 9, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1.0],
             labels: ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        // 0.25 needs 16; 0.5 needs 8.
        Case(lo: -2, hi: 2, budget: 9, ticks: [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2],
             labels: ["−2.0", "−1.5", "−1.0", "−0.5", "0.0", "0.5", "1.0", "1.5", "2.0"]),
        // With 5 intervals 0.5 (8) is too fine; 1 needs 4.
        Case(lo: -2, hi: 2, budget: 5, ticks: [-2, -1, 0, 1, 2], labels: ["−2", "−1", "0", "1", "2"]),
        // 0.0002 covers 5…19 (14), 0.00025 covers 4…15 (11), 0.0005 covers 2…8 (6).
        Case(lo: 0.001, hi: 0.0037, budget: 9, ticks: [0.001, 0.0015, 0.002, 0.0025, 0.003, 0.0035],
             labels: ["0.0010", "0.0015", "0.0020", "0.0025", "0.0030", "0.0035"]),
        // 20 needs 18, 25 needs 16 (−8…8), 50 needs 8 (−4…4).
        Case(lo: -180, hi: 180, budget: 9, ticks: [-150, -100, -50, 0, 50, 100, 150],
             labels: ["−150", "−100", "−50", "0", "50", "100", "150"]),
        // 2e4 needs 10 (5…15), 2.5e4 needs 8 (4…12).
        Case(lo: 1e5, hi: 3e5, budget: 9,
             ticks: [100000, 125000, 150000, 175000, 200000, 225000, 250000, 275000, 300000],
             labels: ["100000", "125000", "150000", "175000", "200000", "225000", "250000", "275000", "300000"]),
    ]

    func testTickTable() {
        for c in table {
            let ticks = TickLocator.ticks(lo: c.lo, hi: c.hi, maxIntervals: c.budget)
            XCTAssertEqual(ticks.count, c.ticks.count, "[\(c.lo), \(c.hi)] budget \(c.budget): got \(ticks)")
            for (a, b) in zip(ticks, c.ticks) {
                XCTAssertEqual(a, b, accuracy: valueTolerance * max(1, abs(b)), "[\(c.lo), \(c.hi)]")
            }
            XCTAssertEqual(TickFormatter.labels(for: ticks), c.labels, "[\(c.lo), \(c.hi)]")
        }
    }

    func testIntervalsStayWithinFourToNine() {
        for c in table {
            let ticks = TickLocator.ticks(lo: c.lo, hi: c.hi, maxIntervals: c.budget)
            XCTAssertGreaterThanOrEqual(ticks.count - 1, 4, "[\(c.lo), \(c.hi)]")
            XCTAssertLessThanOrEqual(ticks.count - 1, 9, "[\(c.lo), \(c.hi)]")
        }
    }

    /// x labels get 3 font sizes each, y labels 2 (matplotlib), clamped to [4, 9].
    func testBudgetFromAxisLengthAndFont() {
        XCTAssertEqual(TickLocator.intervalBudget(axisLength: 300, fontSize: 10, horizontal: true), 9)
        XCTAssertEqual(TickLocator.intervalBudget(axisLength: 180, fontSize: 10, horizontal: true), 6)
        XCTAssertEqual(TickLocator.intervalBudget(axisLength: 100, fontSize: 10, horizontal: true), 4)
        XCTAssertEqual(TickLocator.intervalBudget(axisLength: 100, fontSize: 10, horizontal: false), 5)
        XCTAssertEqual(TickLocator.intervalBudget(axisLength: 100, fontSize: 20, horizontal: false), 4)
    }

    func testFormatterUsesUnicodeMinusAndNoNegativeZero() {
        XCTAssertEqual(TickFormatter.format(-1.25, decimals: 2), "\u{2212}1.25")
        XCTAssertEqual(TickFormatter.format(-0.0001, decimals: 2), "0.00")
        XCTAssertEqual(TickFormatter.labels(for: [-1, -0.5, 0, 0.5]), ["−1.0", "−0.5", "0.0", "0.5"])
        XCTAssertEqual(TickFormatter.labels(for: [0, 2.5, 5]), ["0.0", "2.5", "5.0"])
    }

    func testDegenerateRangeDoesNotLoop() {
        XCTAssertEqual(TickLocator.ticks(lo: 3, hi: 3, maxIntervals: 5), [3])
        XCTAssertEqual(TickLocator.ticks(lo: .nan, hi: 1, maxIntervals: 5), [])
    }
}
