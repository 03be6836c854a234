import CycleClock
import FlowCore
import Foundation

// The peak `summarize.py` compares the trainers with, measured on this core in this build:
// - the clock, from a chain of dependent integer adds (one per cycle; CycleClock);
// - the Float FMA rate, from 12 independent FMA chains in the build's vector width, enough to cover
//   latency 4 on 2 pipes (8 in flight) on x86 and on NEON (each SIMD8 is 2 registers: 24 chains).
// Each is the best of 5 runs of thread CPU time, so time the thread did not run does not count.
// Prints one JSON line.

/// 12 chains of a ← c + a·m, `iterations` times; returns GFLOP/s (an FMA = 2 FLOPs).
@inline(never)
func fmaRate<V: SIMD>(_: V.Type, iterations: Int) -> Double where V.Scalar == Float {
    let m = V(repeating: 0.999_9), c = V(repeating: 1e-6)
    var a0 = V(repeating: 0.1), a1 = V(repeating: 0.2), a2 = V(repeating: 0.3), a3 = V(repeating: 0.4)
    var a4 = V(repeating: 0.5), a5 = V(repeating: 0.6), a6 = V(repeating: 0.7), a7 = V(repeating: 0.8)
    var a8 = V(repeating: 0.9), a9 = V(repeating: 1.0), a10 = V(repeating: 1.1), a11 = V(repeating: 1.2)
    let start = cycle_clock_thread_seconds()
    for _ in 0..<iterations {
        a0 = c.addingProduct(a0, m); a1 = c.addingProduct(a1, m); a2 = c.addingProduct(a2, m); a3 = c.addingProduct(a3, m)
        a4 = c.addingProduct(a4, m); a5 = c.addingProduct(a5, m); a6 = c.addingProduct(a6, m); a7 = c.addingProduct(a7, m)
        a8 = c.addingProduct(a8, m); a9 = c.addingProduct(a9, m); a10 = c.addingProduct(a10, m); a11 = c.addingProduct(a11, m)
    }
    let seconds = cycle_clock_thread_seconds() - start
    let sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11))
    if sum.sum() == 42 { print("") }   // keeps the chains alive
    return 12 * 2 * Double(V.scalarCount) * Double(iterations) / seconds / 1e9
}

var clock = 0.0, rate = 0.0
for _ in 0..<5 {
    clock = max(clock, cycle_clock_ghz(100_000_000))
    rate = max(rate, KernelTarget.floatLanes == 16 ? fmaRate(SIMD16<Float>.self, iterations: 20_000_000)
                                                   : fmaRate(SIMD8<Float>.self, iterations: 40_000_000))
}
let record: [String: Any] = [
    "isa": KernelTarget.isa,
    "float_lanes": KernelTarget.floatLanes,
    "vector_registers": KernelTarget.vectorRegisters,
    "clock_ghz": clock,
    "fma_gflops": rate,
    "fma_flops_per_cycle": clock > 0 ? rate / clock : 0,
]
let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
print(String(decoding: data, as: UTF8.self))
