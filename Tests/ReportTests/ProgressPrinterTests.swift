import Foundation
import XCTest
@testable import Report

/// What the printer writes: in a log one plain line per tenth of a stage's progress and never an escape
/// code; on a terminal one status line per running stage, redrawn in place and cut to the width.
final class ProgressPrinterTests: XCTestCase {
    /// A clock the test moves by hand.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var time = Date(timeIntervalSince1970: 1_000_000)
        var now: Date { lock.lock(); defer { lock.unlock() }; return time }
        func advance(_ seconds: Double) { lock.lock(); time += seconds; lock.unlock() }
    }

    func testALogGetsOnePlainLinePerTenthAndNoEscapeCode() {
        let sink = LineSink(), clock = Clock()
        let printer = ProgressPrinter(isTerminal: false, now: { clock.now }, write: { sink.write($0) })
        printer.started("ex7")
        for k in 0...100 {
            clock.advance(6)
            printer.progress("ex7", fraction: Double(k) / 100, message: k < 50 ? "first half" : "second half")
        }
        printer.finished("ex7")
        printer.finish()
        XCTAssertFalse(sink.text.contains("\u{1B}"), "no escape code in a log")
        XCTAssertFalse(sink.text.contains("\r"))
        let lines = sink.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 10, sink.text)
        XCTAssertEqual(lines.map { $0.components(separatedBy: " · ")[0] }, (1...10).map { "ex7   \($0 * 10) %" })
        // At 50 %: 51 ticks of 6 s = 306 s elapsed; (1 − 0.5)/0.5 of it left.
        XCTAssertEqual(lines[4], "ex7   50 % · second half · 5 min elapsed · about 5 min left")
    }

    func testAJumpPrintsOneLineAndTwoStagesKeepTheirOwnLines() {
        let sink = LineSink()
        let printer = ProgressPrinter(isTerminal: false, write: { sink.write($0) })
        printer.started("ex6")
        printer.started("ex7")
        printer.progress("ex7", fraction: 0.65, message: nil)   // cached jobs: 0 → 65 % at once
        printer.progress("ex6", fraction: 0.12, message: "jobs")
        printer.progress("ex7", fraction: 0.69, message: nil)
        printer.progress("ex7", fraction: 0.70, message: nil)
        let lines = sink.text.split(separator: "\n").map { $0.components(separatedBy: " · ")[0] }
        XCTAssertEqual(lines, ["ex7   60 %", "ex6   10 %", "ex7   70 %"])
    }

    func testATerminalRedrawsOneLinePerRunningStageInPlaceWithinItsWidth() {
        let sink = LineSink()
        let printer = ProgressPrinter(isTerminal: true, width: 40, write: { sink.write($0) })
        printer.started("ex6")
        printer.started("ex7")
        printer.progress("ex7", fraction: 0.5, message: "a message long enough to run past forty columns")
        printer.line("[1/2] ex6 done")
        printer.finished("ex6")
        printer.finish()
        let text = sink.text
        XCTAssertTrue(text.contains("\r\u{1B}[2K\u{1B}[1A\u{1B}[2K[1/2] ex6 done\n"),
                      "both status lines are erased together, then the whole line prints above them: \(text.debugDescription)")
        XCTAssertNotNil(text.range(of: "\nex6 [^\n\u{1B}]*\nex7   ████████░░░░░░░░  a", options: .regularExpression),
                        "one status line per running stage, in the order they started: \(text.debugDescription)")
        let statusLines = text.components(separatedBy: CharacterSet(charactersIn: "\n\r\u{1B}"))
            .map { $0.replacingOccurrences(of: "[2K", with: "").replacingOccurrences(of: "[1A", with: "") }
            .filter { $0.hasPrefix("ex") }
        XCTAssertFalse(statusLines.isEmpty)
        for line in statusLines { XCTAssertLessThanOrEqual(line.count, 39, "cut to the width: \(line)") }
        XCTAssertTrue(text.hasSuffix("\r\u{1B}[2K"), "the status lines are erased at the end")
    }
}
