/// One class's weight row wᵢ (D = side² numbers) drawn as a side × side image: the "template"
/// view of a linear classifier, whose score sᵢ = wᵢ·x is large when x looks like the template.
///
/// Pixel (r, c) is w[r·side + c] coloured by the diverging blue–white–red map at
/// t = ½ + ½·w/L, where L = `limit` (share one limit across a run's classes to compare them) or
/// max|w|: negative weights blue, zero white, positive red. Non-finite weights are grey. A caption
/// and the limit are written below the image.
/// - Complexity: O(D).
public struct WeightImage: Equatable, Sendable {
    public let caption: String
    public let weights: [Double]
    /// √D.
    public let side: Int
    public let limit: Double
    public let pixelSize: Double

    /// nil when `weights.count` is not a positive perfect square.
    public init?(caption: String, weights: [Double], limit: Double? = nil, pixelSize: Double = 10) {
        guard let side = Self.side(forFeatureCount: weights.count) else { return nil }
        self.caption = caption
        self.weights = weights
        self.side = side
        self.limit = limit ?? weights.filter(\.isFinite).map(abs).max() ?? 0
        self.pixelSize = pixelSize
    }

    /// √D when D is a positive perfect square (64 → 8), else nil.
    public static func side(forFeatureCount count: Int) -> Int? {
        guard count > 0 else { return nil }
        var side = 1
        while side * side < count { side += 1 }
        return side * side == count ? side : nil
    }

    /// The image as an `<svg>` element.
    public var svg: String {
        let imageSize = Double(side) * pixelSize
        let limitText = "|w| ≤ " + formatDecimal(limit, maximumDecimals: 3)
        let captionWidth = max(estimatedTextWidth(caption, size: 12), estimatedTextWidth(limitText, size: 10))
        let width = max(imageSize, captionWidth) + 8
        let left = (width - imageSize) / 2
        var pixels: [SVGElement] = []
        for (index, weight) in weights.enumerated() {
            let color = weight.isFinite
                ? ColorMap.divergingBlueRed.color(at: limit > 0 ? 0.5 + 0.5 * weight / limit : 0.5)
                : RGBColor(red: 0x99, green: 0x99, blue: 0x99)
            pixels.append(.rect(x: left + Double(index % side) * pixelSize, y: 4 + Double(index / side) * pixelSize,
                                width: pixelSize, height: pixelSize, fill: color.hex))
        }
        var document = SVGDocument(width: width, height: imageSize + 40, title: caption)
        document.add(SVGElement.group(pixels, className: "pixels", attributes: [("shape-rendering", "crispEdges")])
            .withTooltip("\(caption): \(limitText)"))
        document.add(.rect(x: left, y: 4, width: imageSize, height: imageSize, stroke: "#888888", strokeWidth: 0.5))
        document.add(.text(caption, x: width / 2, y: imageSize + 20, anchor: .middle, size: 12))
        document.add(.text(limitText, x: width / 2, y: imageSize + 34, anchor: .middle, size: 10, fill: "#555555"))
        return document.markup
    }
}
