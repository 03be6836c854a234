import FlowCore

extension FlowFitter {
    /// Reports (label, fraction done, held-out ML loss on standardised data) after each layer or share.
    typealias Report = (String, Double, Double) throws -> Void

    /// Builds the flow on standardised `train`, evaluating on standardised `test`.
    static func build(train: Matrix, test: Matrix, config: FitConfig, using rng: inout SeededGenerator,
                      report: Report) throws -> Flow {
        let l = config.layers
        switch config.method {
        case .closedForm:
            let cf = ClosedFormConstructionConfig(depth: l, rotation: oasPolicy(train), samplesPerLayer: train.rows)
            return try withoutActuallyEscaping(report) { report in
                try ClosedFormConstruction.build(source: DatasetSource(data: train), heldOut: test, entropy: nil,
                                                 config: cf, using: &rng) { record in
                    try report("layer \(record.depth)/\(l)", Double(record.depth) / Double(l), record.heldOutLoss)
                }.flow
            }
        case .lwOAS, .lwRND:
            return try layerwise(train: train, test: test, config: config,
                                 policy: config.method == .lwOAS ? oasPolicy(train) : .random, using: &rng, report: report)
        case .e2e:
            return try endToEnd(train: train, test: test, config: config, using: &rng, report: report)
        }
    }

    /// OAS as in Example 4 (binning, D_P = 1): a 180-angle grid in 2D, 64 Haar candidates in D > 2,
    /// on up to 4096 samples with at least 16 per bin.
    static func oasPolicy(_ train: Matrix) -> RotationPolicy {
        let samples = min(4096, train.rows)
        let bins = BinningConfig(bins: max(1, min(32, samples / 16)))
        return .oas(candidates: train.cols == 2 ? 180 : 64, sampleCount: samples, estimator: .binning(bins))
    }

    static func training(_ config: FitConfig, rows: Int, steps: Int) -> TrainingConfig {
        TrainingConfig(steps: steps, batchSize: min(config.batchSize, rows), adam: AdamConfig(learningRate: config.learningRate))
    }

    static func layerwise(train: Matrix, test: Matrix, config: FitConfig, policy: RotationPolicy,
                          using rng: inout SeededGenerator, report: Report) throws -> Flow {
        var source = try DatasetSource(data: train)
        var flow = try Flow(dimension: train.cols)
        let arch = CouplingArchitecture(hiddenWidths: config.hiddenWidths)
        let iter = IterativeConstructionConfig(depth: config.layers, architecture: arch,
                                               training: training(config, rows: train.rows, steps: config.stepsPerLayer))
        for layer in 1...config.layers {
            let (q, _) = try FlowConstruction.chooseRotation(flow: flow, source: &source, policy: policy, passiveCount: 1, using: &rng)
            try flow.appendBlock(rotation: q, passiveCount: 1, hiddenWidths: arch.hiddenWidths, activation: arch.activation,
                                 clamp: arch.clamp, using: &rng)
            _ = try FlowConstruction.trainLastBlockOnPool(&flow, poolSize: train.rows, source: &source, config: iter,
                                                          validation: nil, using: &rng)
            try report("layer \(layer)/\(config.layers)", Double(layer) / Double(config.layers), try flow.mlLossFloat(test))
        }
        return flow
    }

    static func endToEnd(train: Matrix, test: Matrix, config: FitConfig, using rng: inout SeededGenerator,
                         report: Report) throws -> Flow {
        var flow = try Flow(dimension: train.cols)
        let arch = CouplingArchitecture(hiddenWidths: config.hiddenWidths)
        for _ in 0..<config.layers {
            let q = try OrthogonalMatrices.haarOrthogonal(dimension: train.cols, special: true, using: &rng)
            try flow.appendBlock(rotation: q, passiveCount: 1, hiddenWidths: arch.hiddenWidths, activation: arch.activation,
                                 clamp: arch.clamp, using: &rng)
        }
        let steps = config.stepsPerLayer * config.layers
        var source = try DatasetSource(data: train)
        try withoutActuallyEscaping(report) { report in
            let observer = TrainingObserver(every: max(1, steps / 10)) { done, current in
                try report("step \(done)/\(steps)", Double(done) / Double(steps), try current.mlLossFloat(test))
            }
            _ = try FlowTrainer.train(&flow, source: &source, config: training(config, rows: train.rows, steps: steps),
                                      observer: observer, using: &rng)
        }
        return flow
    }
}
