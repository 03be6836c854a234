import FlowCore

extension FlowFitter {
    /// Reports (label, fraction done, held-out ML loss on standardised data) after each layer or share.
    typealias Report = (String, Double, Double) throws -> Void

    /// Builds the flow on standardised `train`, evaluating on standardised `test`: Algorithm 2 with
    /// OAS or random rotations and trained or closed-form layers, or end-to-end.
    static func build(train: Matrix, test: Matrix, config: FitConfig, using rng: inout SeededGenerator,
                      report: Report) throws -> Flow {
        let l = config.layers
        let data = FreshSamples(try DatasetSource(data: train))
        let architecture = CouplingArchitecture(hiddenWidths: config.hiddenWidths)
        let training = config.training.batches(atMost: train.rows)
        return try withoutActuallyEscaping(report) { report in
            let onLayer = { (record: DepthRecord) in
                try report("layer \(record.depth)/\(l)", Double(record.depth) / Double(l), record.heldOutLoss)
            }
            switch config.method {
            case .closedForm:
                return try LayerwiseConstruction.build(data: data, depth: l, rotation: oasPolicy(train),
                                                       fitter: ClosedFormBlockFitter(samplesPerLayer: train.rows),
                                                       heldOut: test, entropy: nil, using: &rng, onLayer: onLayer).flow
            case .lwOAS, .lwRND:
                let fitter = TrainedBlockFitter(architecture: architecture, training: training, scope: .layerwise(pool: train.rows))
                return try LayerwiseConstruction.build(data: data, depth: l, rotation: config.method == .lwOAS ? oasPolicy(train) : .random,
                                                       fitter: fitter, heldOut: test, entropy: nil, using: &rng, onLayer: onLayer).flow
            case .e2e:
                // The held-out loss is reported after every tenth of the steps.
                var whole = training.with(steps: training.steps * l)
                whole.tracePoints = 10
                let steps = whole.steps
                return try EndToEndConstruction.build(source: data.source, depth: l, architecture: architecture, training: whole,
                                                      heldOut: test, entropy: nil, validation: test, using: &rng) { point in
                    try report("step \(point.step)/\(steps)", Double(point.step) / Double(steps), point.loss)
                }.flow
            }
        }
    }

    /// OAS as in Example 4 (binning, D_P = 1): a 180-angle grid in 2D, 64 Haar candidates in D > 2,
    /// on up to 4096 samples with at least 16 per bin.
    static func oasPolicy(_ train: Matrix) -> RotationPolicy {
        let samples = min(4096, train.rows)
        let bins = BinningConfig(bins: max(1, min(32, samples / 16)))
        return .oas(candidates: train.cols == 2 ? 180 : 64, sampleCount: samples, estimator: .binning(bins))
    }
}
