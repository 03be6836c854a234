import Foundation
import XCTest

/// `fit` → `sample` → `density` end to end, on the built binary.
final class FitCommandTests: XCTestCase {
    /// A closed-form 2D model: the fit prints one held-out NLL line per layer, the model is versioned JSON,
    /// its density integrates to ≈ 1 over a grid covering the data (original units, so the log-Jacobian of
    /// the standardisation must be in it), and `sample` writes N rows that `density` scores.
    func testClosedFormRoundTripIntegratesToOne() throws {
        let dir = try scratchFolder(self)
        let data = try write(ridgeCSV(rows: 3000), "data.csv", in: dir)
        let model = dir.appendingPathComponent("model.json").path
        let fit = try CLIRunner.run(["fit", "--input", data, "--method", "closed-form", "--layers", "4", "--out", model])
        XCTAssertEqual(fit.status, 0, fit.stderr)
        let lines = fit.stdout.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("fit: 3000 rows × 2 columns (x, y), method closed-form, 4 layers, 20% held out"), fit.stdout)
        for l in 0...4 { XCTAssertTrue(fit.stdout.contains("layer \(l)/4  held-out NLL "), fit.stdout) }
        XCTAssertTrue(lines.last!.hasPrefix("saved \(model)"), fit.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any]
        XCTAssertEqual(json?["version"] as? Int, 1)
        XCTAssertEqual(json?["format"] as? String, "couplinglab-flow")
        XCTAssertEqual((json?["held_out_nll"] as? [Double])?.count, 5)

        // Grid over x ∈ [−5, 25], y ∈ [−9, 15]: the data (x ~ 10 ± 3, y ∈ about [−7, 8]) lie well inside.
        let (nx, ny) = (150, 120), (x0, x1, y0, y1) = (-5.0, 25.0, -9.0, 15.0)
        let dx = (x1 - x0) / Double(nx), dy = (y1 - y0) / Double(ny)
        var grid = "x,y\n"
        for i in 0..<ny { for j in 0..<nx { grid += "\(x0 + (Double(j) + 0.5) * dx),\(y0 + (Double(i) + 0.5) * dy)\n" } }
        let density = try CLIRunner.run(["density", "--model", model, "--input", try write(grid, "grid.csv", in: dir)])
        XCTAssertEqual(density.status, 0, density.stderr)
        let values = density.stdout.split(separator: "\n").dropFirst().map { Double($0)! }
        XCTAssertEqual(values.count, nx * ny)
        let mass = values.reduce(0) { $0 + exp($1) } * dx * dy
        XCTAssertEqual(mass, 1, accuracy: 0.03, "∫p over the grid")

        let sample = try CLIRunner.run(["sample", "--model", model, "-n", "500", "--seed", "3"])
        XCTAssertEqual(sample.status, 0, sample.stderr)
        let rows = sample.stdout.split(separator: "\n")
        XCTAssertEqual(rows.first, "x,y")
        XCTAssertEqual(rows.count, 501)
        let again = try CLIRunner.run(["sample", "--model", model, "-n", "500", "--seed", "3"])
        XCTAssertEqual(again.stdout, sample.stdout, "same seed, same samples")
        let scored = try CLIRunner.run(["density", "--model", model, "--input", try write(sample.stdout, "s.csv", in: dir)])
        XCTAssertEqual(scored.status, 0, scored.stderr)
        XCTAssertEqual(scored.stdout.split(separator: "\n").count, 501)
    }

    /// The trained methods run and report per layer (tiny budgets: this checks the plumbing, not quality).
    func testTrainedMethodsReportEveryLayer() throws {
        let dir = try scratchFolder(self)
        let data = try write(ridgeCSV(rows: 400), "data.csv", in: dir)
        for method in ["lw-oas", "lw-rnd"] {
            let r = try CLIRunner.run(["fit", "--input", data, "--method", method, "--layers", "2", "--steps", "20",
                                       "--out", dir.appendingPathComponent("\(method).json").path])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("layer 2/2  held-out NLL "), r.stdout)
        }
        let e2e = try CLIRunner.run(["fit", "--input", data, "--method", "e2e", "--layers", "2", "--steps", "20",
                                     "--out", dir.appendingPathComponent("e2e.json").path])
        XCTAssertEqual(e2e.status, 0, e2e.stderr)
        XCTAssertTrue(e2e.stdout.contains("step 40/40  held-out NLL "), e2e.stdout)
    }

    /// `--columns` by header name (reordered, one column dropped); `density` finds the model's columns by
    /// name in a file that has them in another order, and gives the same values as the model's own order.
    func testColumnsByNameAndDensityByHeader() throws {
        let dir = try scratchFolder(self)
        let rows = ridgeCSV(rows: 600).split(separator: "\n").dropFirst().map { "7,\($0)" }
        let data = try write("id,x,y\n" + rows.joined(separator: "\n") + "\n", "d.csv", in: dir)
        let model = dir.appendingPathComponent("m.json").path
        let fit = try CLIRunner.run(["fit", "--input", data, "--columns", "y,x", "--method", "closed-form", "--layers", "2", "--out", model])
        XCTAssertEqual(fit.status, 0, fit.stderr)
        XCTAssertTrue(fit.stdout.contains("2 columns (y, x)"), fit.stdout)
        let named = try CLIRunner.run(["density", "--model", model, "--input", try write("x,y\n10,-5\n12,-4\n", "xy.csv", in: dir)])
        let plain = try CLIRunner.run(["density", "--model", model, "--input", try write("-5,10\n-4,12\n", "yx.csv", in: dir)])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(named.stdout, plain.stdout)
        assertOneLineError(try CLIRunner.run(["fit", "--input", data, "--columns", "x,z"]), ["d.csv: line 2: no column named 'z'"])
    }
}
