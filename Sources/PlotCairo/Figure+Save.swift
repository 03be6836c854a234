import Foundation
import Plotting

extension Figure {
    /// Saves the figure; the format follows the extension (.png at the figure's dpi, .svg, .pdf).
    public func save(to url: URL) throws { try CairoRenderer.write(self, to: url) }

    /// Saves `<base>.png` and `<base>.svg`, e.g. `figures/fig4` → fig4.png and fig4.svg.
    public func savePNGAndSVG(base: URL) throws {
        try CairoRenderer.write(self, png: base.appendingPathExtension("png"), svg: base.appendingPathExtension("svg"))
    }
}
