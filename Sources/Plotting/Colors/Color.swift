/// A straight (not premultiplied) sRGB colour with alpha, components in [0, 1].
public struct Color: Equatable, Sendable, Codable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// A colour from a 24-bit hex value such as `0x1f77b4`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xff) / 255, green: Double((hex >> 8) & 0xff) / 255,
                  blue: Double(hex & 0xff) / 255, alpha: alpha)
    }

    /// The same colour with another alpha.
    public func withAlpha(_ a: Double) -> Color { Color(red: red, green: green, blue: blue, alpha: a) }

    /// Linear blend: `t = 0` gives self, `t = 1` gives `other`.
    public func mixed(with other: Color, _ t: Double) -> Color {
        Color(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
              blue: blue + (other.blue - blue) * t, alpha: alpha + (other.alpha - alpha) * t)
    }

    /// Relative luminance (Rec. 709 weights on the sRGB values), used to pick readable text on a fill.
    public var luminance: Double { 0.2126 * red + 0.7152 * green + 0.0722 * blue }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 1, green: 1, blue: 1)
    /// matplotlib's default text/axes grey-black.
    public static let axisBlack = Color(hex: 0x000000)
    /// Light grey for grid lines (matplotlib `#b0b0b0`).
    public static let gridGrey = Color(hex: 0xb0b0b0)
    public static let lightGrey = Color(hex: 0xd3d3d3)

    /// matplotlib's `tab10` categorical cycle (Tableau 10), the default line colours.
    public static let tab10: [Color] = [
        Color(hex: 0x1f77b4), Color(hex: 0xff7f0e), Color(hex: 0x2ca02c), Color(hex: 0xd62728),
        Color(hex: 0x9467bd), Color(hex: 0x8c564b), Color(hex: 0xe377c2), Color(hex: 0x7f7f7f),
        Color(hex: 0xbcbd22), Color(hex: 0x17becf),
    ]

    /// The `index`-th colour of the tab10 cycle (wraps around).
    public static func cycle(_ index: Int) -> Color {
        tab10[((index % tab10.count) + tab10.count) % tab10.count]
    }
}
