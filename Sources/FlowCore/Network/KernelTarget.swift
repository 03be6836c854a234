import FlowKernels

/// The vector register file FlowCore's kernels were compiled for, fixed by the build's `-target-cpu`: which
/// register tiles the training kernels use (see docs/performance.md). The results do not depend on it.
public enum KernelTarget {
    /// "AVX-512", "AVX2+FMA", "NEON" or "SSE2 (baseline x86-64)".
    public static var isa: String { RegisterFile.target.rawValue }
    /// Float lanes per vector register.
    public static var floatLanes: Int { RegisterFile.target.floatLanes }
    /// Architectural vector registers.
    public static var vectorRegisters: Int { RegisterFile.target.registerCount }
}
