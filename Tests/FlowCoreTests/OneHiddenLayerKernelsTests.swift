import XCTest
@testable import FlowCore
import FlowKernels

/// `OneHiddenLayerKernels` (the 1 → H → 2 subnet in one pass per direction) gives the bits of the
/// layer-by-layer passes it replaces: outputs, stored hidden rows and every parameter gradient, over tiles
/// that continue each other's gradient sums, with NaN, ±0 and negative inputs and pre-activations.
final class OneHiddenLayerKernelsTests: XCTestCase {
    /// The bytes of a value: equal exactly when the bits are (NaN payloads and the sign of zero included).
    func bits<T>(_ x: T) -> [UInt8] { withUnsafeBytes(of: x) { Array($0) } }

    func check<T: FlowScalar & BinaryFloatingPoint>(_: T.Type, _ f: Activation, width: Int, tiles: [Int], wide: Bool, seed: UInt64)
        where T.RawSignificand: FixedWidthInteger {
        var rng = SeededGenerator(seed: seed)
        let layout = MLPLayout(widths: [1, width, 2], activation: f)
        let capacity = tiles.max()!
        let fused = MLPWorkspace<T>(layout: layout, capacity: capacity), reference = MLPWorkspace<T>(layout: layout, capacity: capacity)
        XCTAssertTrue(fused.oneHiddenLayer)
        fused.wideRowBlocks = wide
        // Parameters with exact zeros, so that some z are ±0; the gradient starts from non-zero values (a later step).
        let theta = (0..<layout.parameterCount).map { k in k % 9 == 0 ? T(0) : T(rng.normal()) }
        let start = (0..<layout.parameterCount).map { _ in T(rng.normal()) }
        var gFused = start, gReference = start
        theta.withUnsafeBufferPointer { th in
            let parameters = th.baseAddress!
            fused.refresh(parameters: parameters); reference.refresh(parameters: parameters)
            for (t, rows) in tiles.enumerated() {
                for r in 0..<rows {
                    let p: T = r == 0 && t == 0 ? .nan : (r == 1 ? -0.0 : (r == 2 ? 0 : T(rng.normal())))
                    fused.input.pointer[r] = p; reference.input.pointer[r] = p
                }
                fused.forward(parameters: parameters, rows: rows)
                reference.forwardByLayer(parameters: parameters, rows: rows)
                let label = "\(T.self) \(f) H \(width) tile \(t) of \(tiles) wide \(wide)"
                for k in 0..<(rows * 2) {
                    XCTAssertEqual(bits(fused.output[k]), bits(reference.output[k]), "\(label) output \(k)")
                }
                for k in 0..<(rows * width) {
                    XCTAssertEqual(bits(fused.post[0].pointer[k]), bits(reference.post[0].pointer[k]), "\(label) hidden \(k)")
                }
                for k in 0..<(rows * 2) {
                    let d: T = k == 3 ? -0.0 : T(rng.normal())
                    fused.outputGradient[k] = d; reference.outputGradient[k] = d
                }
                gFused.withUnsafeMutableBufferPointer {
                    fused.backward(parameters: parameters, gradient: $0.baseAddress!, rows: rows, needInputGradient: false)
                }
                gReference.withUnsafeMutableBufferPointer {
                    reference.backwardByLayer(parameters: parameters, gradient: $0.baseAddress!, rows: rows, needInputGradient: false)
                }
            }
            gFused.withUnsafeMutableBufferPointer { fused.flushGradients(into: $0.baseAddress!) }
            gReference.withUnsafeMutableBufferPointer { reference.flushGradients(into: $0.baseAddress!) }
        }
        for k in 0..<layout.parameterCount {
            XCTAssertEqual(bits(gFused[k]), bits(gReference[k]), "\(T.self) \(f) H \(width) tiles \(tiles) wide \(wide): gradient \(k)")
        }
        XCTAssertNotEqual(gFused.map(bits), start.map(bits), "the gradient must have moved")
    }

    /// Both row blockings (16-lane blocks of 4 rows for AVX-512, 8-lane halves of 2-row blocks for AVX2 and NEON) on
    /// every target: each must give the layer-by-layer bits, so they agree with each other.
    func testOnePassEqualsLayerByLayer() {
        var seed: UInt64 = 1
        for wide in [true, false] {
            for f in [Activation.relu, .leakyRelu] {
                for width in [32, 64, 96, 256] {
                    // Tiles of 8 rows (the 8-row blocks) and others (the single-row remainder), continuing each other.
                    for tiles in [[8], [1], [13, 3], [8, 8, 5]] {
                        check(Float.self, f, width: width, tiles: tiles, wide: wide, seed: seed)
                        check(Double.self, f, width: width, tiles: tiles, wide: wide, seed: seed)
                        seed += 1
                    }
                }
            }
        }
    }

    func testOtherShapesRunLayerByLayer() {
        let inPlace = [(widths: [1, 64, 64, 2], f: Activation.relu), ([2, 32, 2], .relu), ([1, 32, 3], .leakyRelu),
                       ([1, 24, 2], .relu), ([1, 8, 2], .leakyRelu), ([1, 16, 2], .relu), ([1, 48, 2], .leakyRelu), ([1, 32, 2], .tanh)]
        for (widths, f) in inPlace {
            XCTAssertFalse(OneHiddenLayerKernels.handles(widths: widths, activation: f.kernel, activatesInPlace: true), "\(widths) \(f)")
        }
        XCTAssertFalse(OneHiddenLayerKernels.handles(widths: [1, 32, 2], activation: .relu, activatesInPlace: false))
        XCTAssertFalse(MLPWorkspace<Float>(layout: MLPLayout(widths: [1, 32, 2], activation: .softplus), capacity: 4).oneHiddenLayer)
        XCTAssertTrue(MLPWorkspace<Float>(layout: MLPLayout(widths: [1, 256, 2], activation: .leakyRelu), capacity: 8).oneHiddenLayer)
    }
}
