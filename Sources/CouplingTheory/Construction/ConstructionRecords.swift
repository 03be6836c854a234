import FlowCore
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The state after one depth of a construction.
public struct DepthRecord: Codable, Sendable, Equatable {
    /// Number of blocks in the flow.
    public var depth: Int
    /// ML loss (DESIGN.md convention, nats) on the held-out samples.
    public var heldOutLoss: Double
    /// KL(T♯μ‖N) = −H[μ] + D/2·log 2π + heldOutLoss where H[μ] is known, else nil (Eq. 7).
    public var kl: Double?
    /// Δ̂ of the chosen rotation when OAS chose it, else nil.
    public var chosenDelta: Double?
    /// The general OAS only: Δ̂ of the best random rotation its search started from.
    public var startDelta: Double? = nil
    /// The training loss of every step of this iteration.
    public var trainingLoss: [Double]
    /// The validation loss of the flow during this iteration's training (empty when none was asked for).
    public var validationTrace: [TracePoint] = []
}

/// One point of a loss trace: the loss after `step` completed steps.
public struct TracePoint: Codable, Sendable, Hashable {
    public var step: Int
    public var loss: Double
    public init(step: Int, loss: Double) { self.step = step; self.loss = loss }
}

/// A constructed flow with its per-depth record.
public struct ConstructionResult: Sendable {
    public var flow: Flow
    public var records: [DepthRecord]
}

extension DepthRecord {
    /// The record of `flow` as built so far: its held-out loss and KL (Eq. 7: KL = −H[μ] + D/2·log 2π + ML).
    static func scoring(_ flow: Flow, heldOut: Matrix, entropy: Double?, chosenDelta: Double?, history: [Double]) throws -> DepthRecord {
        let loss = try flow.mlLossFloat(heldOut)
        let kl = entropy.map { -$0 + Double(flow.dimension) / 2 * log(2 * Double.pi) + loss }
        return DepthRecord(depth: flow.blocks.count, heldOutLoss: loss, kl: kl, chosenDelta: chosenDelta, trainingLoss: history)
    }
}
