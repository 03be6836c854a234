import Foundation

/// Turns the PNG images of the prose into sharp SVG figures for the HTML page.
enum HTMLFigures {
    /// Every `<img src="….png" alt="…">` whose figure was also written as SVG (`svgs` holds the
    /// base names) becomes a `<picture>` showing the SVG, with the PNG as the fallback for
    /// browsers without SVG, inside a link that opens the full-size SVG.
    static func upgrade(_ html: String, svgs: Set<String>) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.range(of: "<img src=\"") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let quote = after.firstIndex(of: "\""), let close = after[quote...].firstIndex(of: ">") else {
                out += rest[open.lowerBound...]; return out
            }
            let src = String(after[..<quote])
            let tag = String(rest[open.lowerBound...close])
            rest = after[after.index(after: close)...]
            let base = URL(fileURLWithPath: src).deletingPathExtension().lastPathComponent
            guard src.hasSuffix(".png"), svgs.contains(base) else { out += tag; continue }
            let svg = String(src.dropLast(4)) + ".svg"
            let img = tag.replacingOccurrences(of: "<img ", with: "<img loading=\"lazy\" ")
            out += "<a class=\"figure-link\" href=\"\(svg)\" title=\"open full size\"><picture>"
                + "<source srcset=\"\(svg)\" type=\"image/svg+xml\">\(img)</picture></a>"
        }
        return out + rest
    }
}
