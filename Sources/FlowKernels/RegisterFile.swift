import _FlowKernelsShims

/// The vector register file the kernels are compiled for, fixed at compile time by the target CPU.
///
/// A register-blocked kernel keeps its accumulators in registers only if they fit: 16 `SIMD16<Float>`
/// accumulators fill half of AVX-512's 32 × 512-bit registers, but on AVX2 (16 × 256-bit) each takes two,
/// and the loop spills on every step. Swift's `#if` cannot test CPU features, so x86 reads them from a C
/// header (`_FlowKernelsShims`), which the Clang importer compiles with the same `-target-cpu` as the Swift
/// code; arm64 always has NEON.
public enum RegisterFile: String, CaseIterable, Sendable {
    /// 32 × 512-bit (x86-64 with AVX-512F).
    case avx512 = "AVX-512"
    /// 16 × 256-bit (x86-64 with AVX2 and FMA, e.g. `-target-cpu haswell`, the x86-64-v3 level).
    case avx2 = "AVX2+FMA"
    /// 32 × 128-bit (arm64: Linux aarch64, Apple silicon).
    case neon = "NEON"
    /// 16 × 128-bit without FMA instructions (the default x86-64 target: `addingProduct` is a libm call).
    case baseline = "SSE2 (baseline x86-64)"

    /// The register file of this build.
    @inlinable public static var target: RegisterFile {
        #if arch(arm64)
        return .neon
        #else
        return x86(vectorBits: Int(FLOWKERNELS_VECTOR_BITS))
        #endif
    }

    /// The x86 register file with vectors of `bits` bits (512: AVX-512F, 256: AVX2 + FMA, else the SSE2 baseline).
    /// A function of its argument, not a `switch` on the header's constant, so the compiler folds it without
    /// warning that the other cases "will never be executed".
    @inlinable public static func x86(vectorBits bits: Int) -> RegisterFile {
        bits >= 512 ? .avx512 : bits >= 256 ? .avx2 : .baseline
    }

    /// Float lanes per vector register.
    @inlinable public var floatLanes: Int {
        switch self {
        case .avx512: return 16
        case .avx2: return 8
        case .neon, .baseline: return 4
        }
    }

    /// Architectural vector registers.
    @inlinable public var registerCount: Int { self == .avx2 || self == .baseline ? 16 : 32 }

    /// The blocked product's register tile for this register file (`GemmTiling`).
    @inlinable public var gemmTiling: GemmTiling { self == .avx512 ? .rows4cols64 : .rows6cols16 }

    /// Whether the row-blocked passes of narrow layers take their wide (AVX-512-sized) row blocks.
    @inlinable public var wideRowBlocks: Bool { self == .avx512 }
}
