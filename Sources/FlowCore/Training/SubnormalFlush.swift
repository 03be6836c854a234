#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs training arithmetic with subnormal numbers flushed to zero, as GPU kernels and
/// `torch.set_flush_denormal(True)` do.
///
/// Why: in a training step some values decay through the subnormal range. Adam's first moment of a
/// weight whose gradient is exactly 0 (a dead ReLU unit) shrinks by β₁ each step, and so do other quantities
/// near 0. On x86 every operation that reads or produces a subnormal takes a microcode assist of about a
/// hundred cycles. Measured on Example 6 (the whole stage, same binary, the mode set process-wide by a
/// shim, 2 interleaved pairs): 9 % less CPU time, with every one of its results bit-identical.
/// The effect on values is below Float's resolution: a flushed moment would move a weight by about
/// 1e-34, and the update of a weight of magnitude above 1e-27 is then rounded away anyway.
///
/// The mode is per thread. `flushingSubnormals` sets it for `body` only and restores the caller's mode,
/// so code outside training steps (samplers, estimators, the report's statistics) keeps IEEE gradual
/// underflow. x86-64 sets MXCSR's FTZ and DAZ bits (SSE/AVX, Float and Double alike). AArch64 sets
/// FPCR.FZ. On other architectures the body runs unchanged.
enum SubnormalFlush {
    #if arch(x86_64)
    /// MXCSR bit 15 (flush to zero) and bit 6 (denormals are zero).
    static let flushBits: UInt32 = 0x8040
    #elseif arch(arm64)
    /// FPCR bit 24 (FZ).
    static let flushBits: UInt64 = 1 << 24
    #endif

    @inline(__always)
    static func flushingSubnormals<R>(_ body: () throws -> R) rethrows -> R {
        #if (arch(x86_64) || arch(arm64)) && (canImport(Glibc) || canImport(Darwin))
        var saved = fenv_t()
        fegetenv(&saved)
        var flushed = saved
        #if arch(x86_64)
        flushed.__mxcsr |= UInt32(flushBits)
        #else
        flushed.__fpcr |= .init(flushBits)
        #endif
        fesetenv(&flushed)
        defer { fesetenv(&saved) }
        return try body()
        #else
        return try body()
        #endif
    }
}
