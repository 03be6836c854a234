import CouplingTheory
import FlowCore
import Foundation
import XCTest

/// The closed-form Lemma 1 coupling: ReLU form = interpolant, invertibility, log-det, and its loss on W.
final class ClosedFormLayerTests: XCTestCase {
    /// Relative + absolute tolerance for Double evaluations of the same piecewise-linear function
    /// by two routes (hinge sums vs interpolation): a few hundred ulps of the largest term.
    let evalTolerance = 1e-9

    /// s, t of the built coupling equal linear interpolation with constant extrapolation at random p,
    /// inside the knot range and up to 3× beyond it, for D_A = 3.
    func testReLUFormEqualsInterpolant() throws {
        var rng = SeededGenerator(seed: 5)
        let knots = (0..<20).map { Double($0) * 0.3 + rng.uniform(0, 0.2) - 3 }
        let dA = 3
        let s = try Matrix(rows: knots.count, cols: dA, values: (0..<(knots.count * dA)).map { _ in rng.normal() })
        let t = try Matrix(rows: knots.count, cols: dA, values: (0..<(knots.count * dA)).map { _ in 2 * rng.normal() })
        let coupling = try AffineCoupling(piecewiseLinearKnots: knots, scale: s, shift: t)
        var ps = (0..<400).map { _ in rng.uniform(-12, 12) }
        ps += knots + [knots[0] - 1e-9, knots.last! + 1e-9]
        let (cs, ct) = try coupling.scaleAndShift(passive: Matrix(rows: ps.count, cols: 1, values: ps))
        for (r, p) in ps.enumerated() {
            for j in 0..<dA {
                let es = PiecewiseLinear.evaluate(knots: knots, values: s.column(j), at: p)
                let et = PiecewiseLinear.evaluate(knots: knots, values: t.column(j), at: p)
                XCTAssertEqual(cs[r, j], es, accuracy: evalTolerance * (1 + abs(es)), "s_\(j)(\(p))")
                XCTAssertEqual(ct[r, j], et, accuracy: evalTolerance * (1 + abs(et)), "t_\(j)(\(p))")
            }
        }
    }

    /// A layer fitted on 3D data (D_A = 2): inverse(forward(x)) = x, and log|det J| equals the log of
    /// the determinant of a central-difference Jacobian (step 1e-6; error O(h²·f‴) ≪ 1e-5 away from
    /// knots, and a knot crossing perturbs one entry by O(h), hence the 1e-4 tolerance).
    func testInvertibilityAndLogDetAgainstNumericalJacobian() throws {
        var rng = SeededGenerator(seed: 11)
        let n = 4000
        var x = Matrix(rows: n, cols: 3)
        for r in 0..<n {
            let p = rng.normal()
            x[r, 0] = p
            x[r, 1] = sin(2 * p) + (0.3 + 0.2 * p * p) * rng.normal()
            x[r, 2] = 0.5 * p + exp(0.3 * p) * rng.normal()
        }
        let layer = try LemmaOne.closedFormLayer(samples: x, using: &rng)
        var probe = Matrix(rows: 50, cols: 3)
        for k in 0..<probe.values.count { probe.values[k] = 2.5 * rng.normal() }
        let (y, logDet) = try layer.coupling.forward(probe)
        let back = try layer.coupling.inverse(y)
        for k in 0..<probe.values.count { XCTAssertEqual(back.values[k], probe.values[k], accuracy: 1e-10 * (1 + abs(probe.values[k]))) }
        let h = 1e-6
        for r in 0..<probe.rows {
            var jac = Matrix(rows: 3, cols: 3)
            for c in 0..<3 {
                var plus = try Matrix(rowArrays: [probe.row(r)]), minus = plus
                plus[0, c] += h; minus[0, c] -= h
                let yp = try layer.coupling.forward(plus).y, ym = try layer.coupling.forward(minus).y
                for i in 0..<3 { jac[i, c] = (yp[0, i] - ym[0, i]) / (2 * h) }
            }
            XCTAssertEqual(log(abs(OrthogonalMatrices.determinant(jac))), logDet[r], accuracy: 1e-4, "row \(r)")
        }
    }

    /// The closed-form layer composes with a trained-style coupling in one Flow and survives JSON.
    func testComposesInFlowAndRoundTripsThroughJSON() throws {
        var rng = SeededGenerator(seed: 3)
        let x = try WDensity().sample(count: 4096, using: &rng)
        let layer = try LemmaOne.closedFormLayer(samples: x, using: &rng)
        var flow = try Flow(dimension: 2, blocks: [FlowBlock(rotation: .identity(2), coupling: layer.coupling)])
        try flow.appendBlock(rotation: Rotation2D.matrix(degrees: 30), passiveCount: 1, hiddenWidths: [8], using: &rng)
        let decoded = try JSONDecoder().decode(Flow.self, from: JSONEncoder().encode(flow))
        XCTAssertEqual(decoded, flow)
        let z = try flow.forward(x).z
        let back = try decoded.inverse(z)
        for k in 0..<x.values.count { XCTAssertEqual(back.values[k], x.values[k], accuracy: 1e-9) }
    }

    /// W density: held-out loss (2^16 fresh samples) of the closed-form layer minus Theorem 1's minimum,
    /// as N grows. The gap shrinks with N and is < 0.01 nats at N = 65 536 (a trained single coupling
    /// reaches ≈ 0.012–0.02). The gaps are printed for the record.
    func testGapToTheoremOneOnWShrinksWithN() throws {
        let bound = TheoremOne.boundMLLoss(of: WDensity())
        var rng = SeededGenerator(seed: 2020)
        let test = try WDensity().sample(count: 1 << 16, using: &rng)
        var gaps: [Int: Double] = [:]
        for n in [1024, 8192, 65536] {
            let train = try WDensity().sample(count: n, using: &rng)
            let started = Date()
            let layer = try LemmaOne.closedFormLayer(samples: train, using: &rng)
            let seconds = Date().timeIntervalSince(started)
            let flow = try Flow(dimension: 2, blocks: [FlowBlock(rotation: .identity(2), coupling: layer.coupling)])
            gaps[n] = try flow.mlLoss(test) - bound
            print(String(format: "closed-form W N=%d: gap %.5f nats, h = %.4f, %d knots, %.3f s",
                         n, gaps[n]!, layer.moments.bandwidth, layer.moments.knots.count, seconds))
            print("  bandwidth → held-out loss (inner 20 % split): " + layer.moments.candidates.map {
                String(format: "%.4f→%.5f", $0.bandwidth, $0.heldOutLoss) }.joined(separator: ", "))
        }
        XCTAssertLessThan(gaps[65536]!, 0.01)
        XCTAssertLessThan(gaps[65536]!, gaps[1024]!)
        XCTAssertGreaterThan(gaps[65536]!, -0.01)   // a held-out loss cannot beat the bound beyond noise (SE ≈ 0.003)
    }

    /// Algorithm 2 with closed-form layers on W: depth 1 is within 0.01 nats of Theorem 1's minimum, and
    /// adding layers (each fitted on fresh samples of the push-forward) never raises the held-out loss by
    /// more than noise (0.01 nats at 2^14 held-out samples: SE ≈ 0.006).
    func testClosedFormConstructionOnW() throws {
        var rng = SeededGenerator(seed: 8)
        let heldOut = try WDensity().sample(count: 1 << 14, using: &rng)
        var seen: [Int] = []
        let result = try LayerwiseConstruction.build(data: FreshSamples(DensitySource(density: WDensity())), depth: 4, rotation: .oasDefault,
                                                     fitter: ClosedFormBlockFitter(samplesPerLayer: 1 << 14), heldOut: heldOut,
                                                     entropy: WDensity().entropy, using: &rng) { seen.append($0.depth) }
        XCTAssertEqual(seen, [1, 2, 3, 4])
        let losses = result.records.map(\.heldOutLoss)
        print("closed-form Algorithm 2 on W, held-out loss by depth: \(losses), KL: \(result.records.map { $0.kl ?? .nan })")
        let bound = TheoremOne.boundMLLoss(of: WDensity())
        // OAS on W picks θ ≈ 0° (Δ(0) is the largest), so the first layer is the Lemma 1 layer of W itself.
        XCTAssertLessThan(losses[0] - bound, 0.015)
        for d in 1..<losses.count { XCTAssertLessThan(losses[d], losses[d - 1] + 0.01, "depth \(d + 1)") }
        // The records are evaluated in Float (the training engine); the hinge sums cancel beyond the last
        // knot, so check that Float and Double agree on the 4-layer flow.
        XCTAssertEqual(try result.flow.mlLoss(heldOut), losses.last!, accuracy: 1e-4)
    }

    /// General OAS in D = 4 with hidden structure: x = R·[w₁, w₂] for two independent W samples (each
    /// [p, a] with a depending on p). The rotation found has held-out Δ̂ at least the random start's and
    /// close to Δ̂ of R⁻¹ (the known good split, p = w₁'s passive axis).
    func testGeneralOASRecoversHiddenSplit() throws {
        var rng = SeededGenerator(seed: 4)
        let w1 = try WDensity().sample(count: 2000, using: &rng), w2 = try WDensity().sample(count: 2000, using: &rng)
        var y = Matrix(rows: 2000, cols: 4)
        for r in 0..<2000 { y[r, 0] = w1[r, 0]; y[r, 1] = w1[r, 1]; y[r, 2] = w2[r, 0]; y[r, 3] = w2[r, 1] }
        let rot = try OrthogonalMatrices.haarOrthogonal(dimension: 4, special: true, using: &rng)
        let x = try y.rotatingRows(by: rot)
        let result = try GeneralOAS.search(samples: x, passiveDimension: 1, config: GeneralOASConfig(candidates: 16), using: &rng)
        let known = try SampleDelta.estimate(samples: x, rotation: rot.transposed, passiveDimension: 1,
                                             estimator: GeneralOASConfig().estimator)
        print("general OAS D=4: best random \(result.bestRandomDelta), found \(result.delta) (\(result.moves) moves), R⁻¹ \(known)")
        XCTAssertGreaterThanOrEqual(result.delta, result.bestRandomDelta)
        XCTAssertGreaterThan(result.delta, 0.8 * known)
        try OrthogonalMatrices.validateOrthogonal(result.rotation, dimension: 4)
    }

    /// On data that is already N(0, I) no layer can help: the gain guard (2 SE on the estimator's inner
    /// held-out rows) replaces the fitted layers by the identity, so a finite data set is not overfitted
    /// layer after layer. Held-out loss stays within 0.005 nats of the identity's.
    func testGainGuardKeepsIdentityOnGaussianData() throws {
        var rng = SeededGenerator(seed: 12)
        var data = Matrix(rows: 3000, cols: 2), heldOut = Matrix(rows: 1 << 14, cols: 2)
        for k in 0..<data.values.count { data.values[k] = rng.normal() }
        for k in 0..<heldOut.values.count { heldOut.values[k] = rng.normal() }
        let identityLoss = try Flow(dimension: 2).mlLoss(heldOut)
        let guarded = try LayerwiseConstruction.build(data: FreshSamples(DatasetSource(data: data)), depth: 3, rotation: .random,
                                                      fitter: ClosedFormBlockFitter(samplesPerLayer: 3000), heldOut: heldOut, entropy: nil,
                                                      using: &rng)
        XCTAssertLessThan(guarded.records.last!.heldOutLoss, identityLoss + 0.005)
        let probe = try Matrix(rows: 3, cols: 1, values: [-3, 0, 3])
        let identities = try guarded.flow.blocks.filter { block in
            let (s, t) = try block.coupling.scaleAndShift(passive: probe)
            return (s.values + t.values).allSatisfy { $0 == 0 }
        }
        XCTAssertGreaterThanOrEqual(identities.count, 2, "layers replaced by the identity")
    }

    /// Bad knots or values are rejected with a FlowCoreError, never a crash.
    func testPiecewiseConstructorRejectsBadInput() {
        let v = try! Matrix(rows: 3, cols: 1, values: [0, 1, 2])
        XCTAssertThrowsError(try AffineCoupling(piecewiseLinearKnots: [0, 2, 1], scale: v, shift: v))
        XCTAssertThrowsError(try AffineCoupling(piecewiseLinearKnots: [0, 1, 1], scale: v, shift: v))
        XCTAssertThrowsError(try AffineCoupling(piecewiseLinearKnots: [0], scale: Matrix(rows: 1, cols: 1), shift: Matrix(rows: 1, cols: 1)))
        XCTAssertThrowsError(try AffineCoupling(piecewiseLinearKnots: [0, 1], scale: v, shift: v))
        XCTAssertThrowsError(try AffineCoupling(piecewiseLinearKnots: [0, .nan, 2], scale: v, shift: v))
        let bad = try! Matrix(rows: 3, cols: 1, values: [0, .infinity, 2])
        XCTAssertThrowsError(try AffineCoupling(piecewiseLinearKnots: [0, 1, 2], scale: bad, shift: v))
    }
}
