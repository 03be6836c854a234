/// A continuous colormap: evenly spaced RGB anchors, interpolated linearly between neighbours.
public struct Colormap: Equatable, Sendable {
    public let name: String
    /// Anchor colours; anchor k sits at t = k / (count − 1).
    public let anchors: [Color]

    public init(name: String, anchors: [Color]) {
        self.name = name
        self.anchors = anchors.count >= 2 ? anchors : [anchors.first ?? .black, anchors.first ?? .white]
    }

    /// The colour at `t` in [0, 1] (clamped; NaN maps to transparent).
    public func color(at t: Double) -> Color {
        guard t.isFinite else { return Color(red: 0, green: 0, blue: 0, alpha: 0) }
        let u = min(max(t, 0), 1) * Double(anchors.count - 1)
        let k = min(Int(u), anchors.count - 2)
        return anchors[k].mixed(with: anchors[k + 1], u - Double(k))
    }

    /// The colour for `value` on the range [vmin, vmax].
    public func color(for value: Double, vmin: Double, vmax: Double) -> Color {
        let span = vmax - vmin
        return color(at: span > 0 ? (value - vmin) / span : 0.5)
    }

    /// matplotlib's perceptually uniform `viridis` (256-entry table, see `ViridisTable`).
    public static let viridis: Colormap = {
        let t = ViridisTable.rgb
        let colors = stride(from: 0, to: t.count, by: 3).map { Color(red: t[$0], green: t[$0 + 1], blue: t[$0 + 2]) }
        return Colormap(name: "viridis", anchors: colors)
    }()

    /// Linear grey from black to white (matplotlib `gray`).
    public static let grey = Colormap(name: "grey", anchors: [.black, .white])

    /// Linear grey from white to black, for densities on white paper (matplotlib `Greys`).
    public static let greysReversed = Colormap(name: "greys", anchors: [.white, .black])

    /// A blue–white–red diverging map: ColorBrewer RdBu (11 classes), reversed so low is blue,
    /// anchors as listed in matplotlib `_cm.py` `_RdBu_data`.
    public static let diverging = Colormap(name: "RdBu_r", anchors: [
        0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
        0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f,
    ].map { Color(hex: $0) })
}
