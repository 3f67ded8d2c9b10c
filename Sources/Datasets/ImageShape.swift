/// The shape of the images a dataset's rows hold: height H, width W and channels C, channel-last
/// (SPEC §4). A row of D = H·W·C features is the image flattened in C order:
///
///     x[(r·W + c)·C + k] = pixel (row r, column c, channel k)
///
/// which is NumPy's `X.reshape(N, H, W, C)` and cs231n's CIFAR-10 layout after its transpose. Grey
/// images (MNIST) have C = 1 and are written [H, W]; colour images (CIFAR-10) [H, W, 3].
public struct ImageShape: Hashable, Sendable, CustomStringConvertible {
    public let height: Int
    public let width: Int
    public let channels: Int

    /// A shape of positive sides whose feature count H·W·C fits in an `Int`; nil otherwise.
    public init?(height: Int, width: Int, channels: Int = 1) {
        guard height > 0, width > 0, channels > 0 else { return nil }
        let (area, overflow) = height.multipliedReportingOverflow(by: width)
        guard !overflow, !area.multipliedReportingOverflow(by: channels).overflow else { return nil }
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// The shape of [H, W] or [H, W, C] (a config's `image_shape`, a model file's, or the trailing
    /// dimensions of an array); nil for another count or a side below 1.
    public init?(dimensions: [Int]) {
        switch dimensions.count {
        case 2: self.init(height: dimensions[0], width: dimensions[1])
        case 3: self.init(height: dimensions[0], width: dimensions[1], channels: dimensions[2])
        default: return nil
        }
    }

    /// [H, W] for grey images (C = 1), else [H, W, C]: how files write the shape.
    public var dimensions: [Int] {
        channels == 1 ? [height, width] : [height, width, channels]
    }

    /// D = H·W·C, the features of one image.
    public var featureCount: Int { height * width * channels }

    /// The features' names, pixel by pixel in feature order: `p{row}_{column}` for grey images (as
    /// the `images` generator names them) and `p{row}_{column}_{channel}` for C > 1.
    public var featureNames: [String] {
        (0..<height).flatMap { row in
            (0..<width).flatMap { column in
                channels == 1 ? ["p\(row)_\(column)"] : (0..<channels).map { "p\(row)_\(column)_\($0)" }
            }
        }
    }

    /// The names of the features of arrays: the image shape's pixel names, or x1…xD for flat data.
    public static func featureNames(of shape: ImageShape?, count: Int) -> [String] {
        shape?.featureNames ?? (0..<count).map { "x\($0 + 1)" }
    }

    /// The feature index of pixel (`row`, `column`) in `channel`: (row·W + column)·C + channel.
    public func featureIndex(row: Int, column: Int, channel: Int = 0) -> Int {
        (row * width + column) * channels + channel
    }

    /// "28×28" or "32×32×3".
    public var description: String {
        dimensions.map(String.init).joined(separator: "×")
    }
}
