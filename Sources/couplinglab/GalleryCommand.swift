import ArgumentParser
import Foundation
import PlotCairo
import Plotting

/// `couplinglab gallery`: one PNG and one SVG per chart kind, to eyeball the plotting stack.
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Draw one PNG and SVG per chart kind (heatmap + contours, panel grid, lines, scatter, …)."
    )

    @Option(name: .long, help: "Folder for the gallery figures.")
    var out: String = "figures/gallery"

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out must name a folder") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        for (name, figure) in try PlotGallery.figures() {
            let base = folder.appendingPathComponent(name)
            try figure.savePNGAndSVG(base: base)
            print("wrote \(base.path).png, .svg")
        }
    }
}
