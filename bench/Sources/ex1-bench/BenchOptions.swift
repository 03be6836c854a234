import FlowCore

/// Command-line options of `ex1-bench`, mirroring `ex1_torch.py` so that both run the same training.
///
/// Defaults are the report's single-layer settings (`Paper.SingleCouplingSettings.paper`), so the
/// benchmark times the training the report runs: 4096 steps × 4096 fresh samples, one hidden layer of
/// width 256 with LeakyReLU (slope 0.01), PyTorch-default initialisation of both layers (no zero output
/// layer), soft clamp s = c·(2/π)·atan(s_raw/c) with c = 2, Adam lr 0.1 ×0.9 every 100 steps, weight
/// decay 0; held-out set of 2^16 samples.
struct BenchOptions: Codable, Equatable {
    /// The soft clamp's shape: tanh gives s = c·tanh(s_raw/c), atan gives s = c·(2/π)·atan(s_raw/c).
    enum ClampKind: String, Codable {
        case tanh, atan
    }

    var steps = 4096
    var batch = 4096
    var width = 256
    var learningRate = 0.1
    var gamma = 0.9
    var decayEvery = 100
    var clamp = 2.0
    var clampKind = ClampKind.atan
    var activation = Activation.leakyRelu
    /// Zero the subnet's output layer (the coupling starts as the identity); off = PyTorch's default init.
    var zeroInitLast = false
    /// Where the training batches come from: FlowCore's Float W sampler (the report's) or a Double reference
    /// (libm cos/log, `SeededGenerator.uniform`/`normal`), to test whether the sampler limits the training.
    enum Sampler: String, Codable {
        case float, libm
    }

    /// Which trainer runs the steps: FlowCore's Float trainer (the report's) or a Double reference built from
    /// the public API (Double engine with Foundation's exp/atan, Double Adam, no subnormal flushing).
    enum Trainer: String, Codable {
        case float, double
    }

    var threads = 1
    var sampler = Sampler.float
    var trainer = Trainer.float
    var epsilon = 1e-8
    /// When set, the initial parameters and every training batch are written here as Float32 (see `StreamDump`),
    /// for `ex1_torch.py --replay`; the training losses go to this path + ".loss".
    var dump: String? = nil
    var heldOut = 1 << 16
    var seed: UInt64 = 0
    var tileRows = 64

    static let usage = """
        usage: ex1-bench [--steps N] [--batch N] [--width N] [--lr X] [--gamma X] [--decay-every N]
                         [--clamp C (0 = none)] [--clamp-kind tanh|atan] [--activation relu|leaky_relu]
                         [--zero-init-last | --no-zero-init-last] [--threads 1] [--held-out N] [--seed N]
                         [--tile-rows N] [--sampler float|libm] [--trainer float|double] [--eps X]
                         [--dump FILE]
        Times FlowCore's training of Example 1 and prints one JSON line (keys as ex1_torch.py).
        Defaults: the report's settings (leaky_relu, atan clamp c = 2, default init of both layers).
        """

    /// The soft clamp FlowCore applies to s_raw.
    var softClamp: SoftClamp {
        guard clamp > 0 else { return .none }
        switch clampKind {
        case .tanh: return .tanh(clamp)
        case .atan: return .atan(clamp)
        }
    }

    /// The activation's name as ex1_torch.py spells it (`relu`, `leaky_relu`).
    var activationName: String { Self.activationNames.first { $0.value == activation }?.key ?? activation.rawValue }

    /// Command-line names of the activations PyTorch and FlowCore share.
    static let activationNames: [String: Activation] = ["relu": .relu, "leaky_relu": .leakyRelu]

    /// Parses `--name value` pairs; throws `BenchError.usage` naming the bad argument.
    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        while let name = rest.popFirst() {
            if name == "-h" || name == "--help" { throw BenchError.help }
            if name == "--zero-init-last" || name == "--no-zero-init-last" {   // flags without a value
                options.zeroInitLast = name == "--zero-init-last"
                continue
            }
            guard let value = rest.popFirst() else { throw BenchError.usage("\(name) needs a value") }
            try options.set(name, value)
        }
        try options.validate()
        return options
    }

    private mutating func set(_ name: String, _ value: String) throws {
        func int() throws -> Int {
            guard let v = Int(value) else { throw BenchError.usage("\(name) needs an integer, got '\(value)'") }
            return v
        }
        func real() throws -> Double {
            guard let v = Double(value), v.isFinite else { throw BenchError.usage("\(name) needs a number, got '\(value)'") }
            return v
        }
        switch name {
        case "--steps": steps = try int()
        case "--batch": batch = try int()
        case "--width": width = try int()
        case "--lr": learningRate = try real()
        case "--gamma": gamma = try real()
        case "--decay-every": decayEvery = try int()
        case "--clamp": clamp = try real()
        case "--clamp-kind":
            guard let kind = ClampKind(rawValue: value) else { throw BenchError.usage("--clamp-kind needs tanh or atan, got '\(value)'") }
            clampKind = kind
        case "--activation":
            guard let act = Self.activationNames[value] else {
                throw BenchError.usage("--activation needs relu or leaky_relu, got '\(value)'")
            }
            activation = act
        case "--threads": threads = try int()
        case "--held-out": heldOut = try int()
        case "--seed":
            guard let v = UInt64(value) else { throw BenchError.usage("--seed needs a non-negative integer, got '\(value)'") }
            seed = v
        case "--tile-rows": tileRows = try int()
        case "--sampler":
            guard let v = Sampler(rawValue: value) else { throw BenchError.usage("--sampler needs float or libm, got '\(value)'") }
            sampler = v
        case "--trainer":
            guard let v = Trainer(rawValue: value) else { throw BenchError.usage("--trainer needs float or double, got '\(value)'") }
            trainer = v
        case "--dump": dump = value
        case "--eps":
            epsilon = try real()
            guard epsilon > 0 else { throw BenchError.usage("--eps must be > 0, got \(value)") }
        default: throw BenchError.usage("unknown option \(name)")
        }
    }

    /// Counts must be positive; FlowCore's trainer runs on one thread only.
    private func validate() throws {
        for (name, v) in [("--steps", steps), ("--batch", batch), ("--width", width), ("--decay-every", decayEvery),
                          ("--held-out", heldOut), ("--tile-rows", tileRows)] where v < 1 {
            throw BenchError.usage("\(name) must be at least 1, got \(v)")
        }
        guard threads == 1 else { throw BenchError.usage("--threads: FlowCore's trainer is single-threaded, only 1 is supported") }
        guard clamp >= 0 else { throw BenchError.usage("--clamp must be ≥ 0 (0 = no clamp), got \(clamp)") }
    }
}

/// Why `ex1-bench` stopped before training.
enum BenchError: Error, CustomStringConvertible {
    case help
    case usage(String)

    var description: String {
        switch self {
        case .help: return BenchOptions.usage
        case let .usage(message): return "ex1-bench: \(message)\n\(BenchOptions.usage)"
        }
    }
}
