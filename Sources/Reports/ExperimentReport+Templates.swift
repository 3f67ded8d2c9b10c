import Training

extension ExperimentReport {
    /// The colour of a weight that is exactly 0 in a grayscale template: the Okabe–Ito yellow,
    /// which the blue–white–red scale never takes, so L1's zeros stand out from small weights.
    static let exactZeroColor = Palette.colors[6]

    /// For image data only (`imageShape`): per run, each class's mean training image above its
    /// template w_k drawn as an image, over training with an epoch slider.
    var templates: HTMLPage.Section? {
        let data = experiment.data
        guard let shape = imageShape, [1, 3].contains(shape.channels),
              shape.height * shape.width * shape.channels == data.featureCount, data.train.exampleCount > 0 else { return nil }
        let shown = shownResults
        let means = Self.meanPictures(ImageData.classMeans(of: data), shape: shape)
        let limits = templateLimits(shown)
        let size = max(48, min(96, 8 * Double(max(shape.height, shape.width))))
        let charts = shown.enumerated().map { index, result -> String in
            let limit = limits[index]
            let frames = frames(of: result).map { snapshot in
                ImageRowFrame(epoch: snapshot.epoch, images: (0..<snapshot.classifier.classCount).map { k in
                    let weights = snapshot.classifier.weights.row(k)
                    let zeros = weights.filter { $0 == 0 }.count
                    return GridImage(picture: Self.templatePicture(weights, shape: shape, limit: limit.value),
                                     note: "\(zeros)/\(weights.count) zero")
                })
            }
            let scale = "full colour at |w| ≥ \(formatDecimal(limit.value, maximumDecimals: 4))" + (limit.sharedWith > 1 ? ", one scale for \(limit.sharedWith) runs" : "")
            return ImageGrid(
                title: "\(result.run.name): \(result.zeroWeights) of \(result.classifier.weights.elements.count) weights exactly 0 (\(scale))",
                columnNames: classNames,
                rows: [ImageRow(label: "mean image", frames: [ImageRowFrame(epoch: 0, images: means)]),
                       ImageRow(label: "template w_k", frames: frames)],
                imageSize: size,
                colorKey: shape.channels == 1
                    ? "template: blue w < 0, white w ≈ 0, red w > 0, yellow w = 0 exactly; mean image: dark low, light high"
                    : "template: each channel 0.5 + 0.5·w/L (grey w = 0); mean image: the class's average colour").svg
        }
        var blocks: [HTMLPage.Block] = [
            .question("What does each class's weight row w_k look for in an image, and how does the regularizer shape it?"),
            .paragraph("A linear classifier scores class k by s_k = w_k·x + b_k: one weight per pixel (\(shape.height)×\(shape.width)"
                + (shape.channels == 3 ? "×3, RGB" : "") + "), so w_k is an image, the class's template, and the score is high for inputs "
                + "that look like it. Each column shows a class's mean training image above its template. Weights act on the "
                + "preprocessed pixels: red raises the score where the pixel is above its mean. Runs that differ only in their "
                + "regularizer share one colour scale, so their templates compare directly; L1's proximal step sets weights to "
                + "exactly 0 (yellow), L2 only makes them small."),
        ]
        let epochs = sliderEpochs(shown)
        if epochs.count > 1 { blocks.append(.slider(epochs: epochs)) }
        blocks.append(.figures(charts))
        return HTMLPage.Section(heading: "Class templates (weights as images)", blocks: blocks)
    }

    /// Per shown run, the colour-scale limit L and the number of runs that share it: the 99th
    /// percentile of |w| over the final weights (so that a few large weights do not wash out the
    /// rest; larger ones are drawn at full colour), taken over every run whose config differs from
    /// this one's only in name and regularizer, so that their templates compare pixel for pixel.
    private func templateLimits(_ shown: [RunResult]) -> [(value: Double, sharedWith: Int)] {
        func key(_ result: RunResult) -> String {
            let members = result.run.resolved.objectMembers ?? []
            return JSONWriter.compactString(.object(members.filter { $0.key != "name" && $0.key != "regularizer" }))
        }
        let keys = shown.map(key)
        return keys.indices.map { index in
            let group = keys.indices.filter { keys[$0] == keys[index] }
            let magnitudes = group.flatMap { shown[$0].classifier.weights.elements }.filter(\.isFinite).map(abs).sorted()
            return (max(MarginStatistics.percentile(ofSorted: magnitudes, 99), 1e-12), group.count)
        }
    }

    /// A template as a picture: grayscale w ↦ the blue–white–red scale at ½ + ½·w/L, exact zeros
    /// yellow; RGB each channel ½ + ½·w/L; non-finite weights black.
    static func templatePicture(_ weights: [Double], shape: (height: Int, width: Int, channels: Int), limit: Double) -> PNGImage {
        func level(_ w: Double) -> Double { min(max(0.5 + 0.5 * w / limit, 0), 1) }
        let pixels = (0..<(shape.height * shape.width)).map { pixel -> RGBColor in
            let values = (0..<shape.channels).map { weights[pixel * shape.channels + $0] }
            guard values.allSatisfy(\.isFinite) else { return .black }
            if shape.channels == 1 {
                return values[0] == 0 ? exactZeroColor : ColorMap.divergingBlueRed.color(at: level(values[0]))
            }
            let channels = values.map { UInt8((255 * level($0)).rounded()) }
            return RGBColor(red: channels[0], green: channels[1], blue: channels[2])
        }
        return PNGImage(width: shape.width, height: shape.height, pixels: pixels)
    }

    /// Each class's mean image on one scale from the lowest to the highest mean value (dark to
    /// light; per channel for RGB).
    static func meanPictures(_ means: [[Double]], shape: (height: Int, width: Int, channels: Int)) -> [GridImage] {
        let values = means.flatMap { $0 }.filter(\.isFinite)
        let low = values.min() ?? 0, high = values.max() ?? 1
        func level(_ v: Double) -> UInt8 { high > low && v.isFinite ? UInt8((255 * min(max((v - low) / (high - low), 0), 1)).rounded()) : 0 }
        return means.map { mean in
            let pixels = (0..<(shape.height * shape.width)).map { pixel -> RGBColor in
                let channels = (0..<shape.channels).map { level(mean[pixel * shape.channels + $0]) }
                return shape.channels == 1 ? RGBColor(red: channels[0], green: channels[0], blue: channels[0])
                    : RGBColor(red: channels[0], green: channels[1], blue: channels[2])
            }
            return GridImage(picture: PNGImage(width: shape.width, height: shape.height, pixels: pixels))
        }
    }
}
