/// The ticks of one axis: positions, their labels and the labels' measured sizes.
public struct AxisTicks {
    public var values: [Double]
    public var labels: [String]
    public var metrics: [TextMetrics]

    /// Widest label, or 0.
    public var maxWidth: Double { metrics.map(\.width).max() ?? 0 }
    /// Tallest label, or 0.
    public var maxHeight: Double { metrics.map(\.height).max() ?? 0 }

    /// Nice ticks for `limits` on an axis `length` points long, or the explicit ones inside the limits.
    /// When measured labels would crowd each other (less than half an em apart across, a quarter
    /// em vertically) the interval budget shrinks until they fit, down to a single tick.
    static func make(limits: ClosedRange<Double>, explicit: [Double]?, length: Double, horizontal: Bool,
                     font: Font, canvas: Canvas) -> AxisTicks {
        let lo = limits.lowerBound, hi = limits.upperBound
        if let e = explicit {
            let slack = (hi - lo) * 1e-9
            return labelled(e.filter { $0 >= lo - slack && $0 <= hi + slack }, font: font, canvas: canvas)
        }
        // Try budgets from the preferred one down; keep the first uncrowded result with a tick
        // (a budget that leaves no tick inside the limits is skipped).
        var budget = TickLocator.intervalBudget(axisLength: length, fontSize: font.size, horizontal: horizontal)
        var fallback: AxisTicks?
        let perUnit = length / max(hi - lo, .leastNonzeroMagnitude)
        while budget >= 1 {
            let ticks = labelled(TickLocator.ticks(lo: lo, hi: hi, maxIntervals: budget), font: font, canvas: canvas)
            if !ticks.values.isEmpty {
                if !ticks.crowded(pointsPerUnit: perUnit, horizontal: horizontal, fontSize: font.size) { return ticks }
                fallback = fallback ?? ticks
            }
            budget -= 1
        }
        return fallback ?? labelled([], font: font, canvas: canvas)
    }

    static func labelled(_ values: [Double], font: Font, canvas: Canvas) -> AxisTicks {
        let labels = TickFormatter.labels(for: values)
        return AxisTicks(values: values, labels: labels, metrics: labels.map { canvas.measure($0, font: font) })
    }

    /// True when two neighbouring labels come closer than the minimum gap.
    func crowded(pointsPerUnit: Double, horizontal: Bool, fontSize: Double) -> Bool {
        guard values.count > 1 else { return false }
        for k in 1..<values.count {
            let distance = abs(values[k] - values[k - 1]) * pointsPerUnit
            let needed = horizontal ? (metrics[k].width + metrics[k - 1].width) / 2 + 0.5 * fontSize
                                    : (metrics[k].height + metrics[k - 1].height) / 2 + 0.25 * fontSize
            if distance < needed { return true }
        }
        return false
    }
}

/// Everything needed to draw one panel, in device coordinates.
public struct PanelLayout {
    /// The plot area (inside the spines).
    public var area: Rect
    /// The space given to the panel before an equal-aspect shrink (colorbar included).
    public var box: Rect
    public var x: LinearScale
    public var y: LinearScale
    public var xTicks: AxisTicks
    public var yTicks: AxisTicks
    public var showXTickLabels: Bool
    public var showYTickLabels: Bool
    public var showXLabel: Bool
    public var showYLabel: Bool
    /// The colorbar strip and its ticks, when the panel has a colorbar.
    public var colorbar: Rect?
    public var colorbarTicks: AxisTicks?
}

/// Space a panel needs around its plot area for labels, in points.
struct PanelMargins {
    var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0
    mutating func formMax(_ o: PanelMargins) {
        left = max(left, o.left); right = max(right, o.right); top = max(top, o.top); bottom = max(bottom, o.bottom)
    }
}
