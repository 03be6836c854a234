/// Decoding re-runs the validating initialisers, so a corrupted or hand-edited JSON file yields a
/// `FlowCoreError` instead of shapes the kernels would index out of bounds.
extension MLP {
    private enum Keys: String, CodingKey { case inputCount, outputCount, hiddenWidths, activation, parameters }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(inputCount: c.decode(Int.self, forKey: .inputCount), outputCount: c.decode(Int.self, forKey: .outputCount),
                      hiddenWidths: c.decode([Int].self, forKey: .hiddenWidths), activation: c.decode(Activation.self, forKey: .activation),
                      parameters: c.decode([Double].self, forKey: .parameters))
    }
}

extension AffineCoupling {
    private enum Keys: String, CodingKey { case passiveCount, activeCount, subnet, clamp }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(passiveCount: c.decode(Int.self, forKey: .passiveCount), activeCount: c.decode(Int.self, forKey: .activeCount),
                      subnet: c.decode(MLP.self, forKey: .subnet), clamp: c.decode(SoftClamp.self, forKey: .clamp))
    }
}

extension FlowBlock {
    private enum Keys: String, CodingKey { case rotation, coupling }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(rotation: c.decode(Matrix.self, forKey: .rotation), coupling: c.decode(AffineCoupling.self, forKey: .coupling))
    }
}

extension Flow {
    private enum Keys: String, CodingKey { case dimension, blocks }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(dimension: c.decode(Int.self, forKey: .dimension), blocks: c.decode([FlowBlock].self, forKey: .blocks))
    }
}
