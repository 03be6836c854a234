/// An activation applied to C right after `GemmKernels.multiply` finishes it (a training tile is still in
/// L1 then), so that callers need no pass of their own over the tile. `aux` is addressed like C:
/// - forward: C holds the pre-activation z and `aux` receives f(z);
/// - backward: C holds a product g and becomes g · f′(z), where `aux` holds z and `activated` f(z).
/// It runs `ActivationKernels`' plain loops over memory: LLVM vectorises those, whereas SIMD-mask
/// selects in Swift lower lane by lane (measured: a per-vector select epilogue made the step 3× slower).
/// Not fused into the micro-kernel's stores (forward and backward are 3–4 % of a deep step each): a store-kind
/// argument, a generic store type and a separate fused function each left the specialised kernel's vector
/// loads as calls to `loadUnaligned` (or stopped the micro-kernel being inlined), and the step became 2.5–3×
/// slower.
public struct Epilogue<T: FlowScalar> {
    public let activation: KernelActivation?
    public let forward: Bool
    public let aux: UnsafeMutablePointer<T>?
    public let activated: UnsafePointer<T>?

    @inlinable
    public init(activation: KernelActivation?, forward: Bool, aux: UnsafeMutablePointer<T>?, activated: UnsafePointer<T>?) {
        self.activation = activation
        self.forward = forward
        self.aux = aux
        self.activated = activated
    }

    @inlinable public static var none: Epilogue { Epilogue(activation: nil, forward: true, aux: nil, activated: nil) }

    /// post = f(C) once C is finished.
    @inlinable public static func forward(_ f: KernelActivation?, post: UnsafeMutablePointer<T>) -> Epilogue {
        Epilogue(activation: f, forward: true, aux: post, activated: nil)
    }

    /// C ← C ⊙ f′(pre) once C is finished (`post` = f(pre), read by tanh).
    @inlinable public static func backward(_ f: KernelActivation?, pre: UnsafePointer<T>, post: UnsafePointer<T>) -> Epilogue {
        Epilogue(activation: f, forward: false, aux: UnsafeMutablePointer(mutating: pre), activated: post)
    }

    @inline(__always)
    @inlinable public func apply(_ c: UnsafeMutablePointer<T>, rows: Range<Int>, cols: Int, ldc: Int) {
        guard let activation, let aux else { return }
        if ldc == cols {   // the rows are contiguous: one call
            run(activation, rows.lowerBound &* ldc, rows.count &* cols, c, aux)
        } else {
            for r in rows { run(activation, r &* ldc, cols, c, aux) }
        }
    }

    @inline(__always)
    @inlinable public func run(_ f: KernelActivation, _ offset: Int, _ n: Int, _ c: UnsafeMutablePointer<T>, _ aux: UnsafeMutablePointer<T>) {
        if forward {
            ActivationKernels.forward(f, pre: c + offset, post: aux + offset, n)
        } else {
            ActivationKernels.backward(f, pre: aux + offset, post: (activated ?? UnsafePointer(aux)) + offset, grad: c + offset, n)
        }
    }
}
