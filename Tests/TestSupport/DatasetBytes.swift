/// The bytes of published dataset formats, for tests that write small files and read them back.

/// An IDX file of unsigned bytes (MNIST's format): 00 00 08 n, the n sizes as big-endian UInt32,
/// then `data`.
public func idxBytes(shape: [Int], data: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, 0x08, UInt8(shape.count)]
    for size in shape { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: size >> $0) } }
    return bytes + data
}

/// One CIFAR-10 record: the label byte, then the red, green and blue planes of 1,024 bytes each,
/// pixel p of channel k holding (p + 7·k + seed) mod 256.
public func cifarRecord(label: UInt8, seed: Int) -> [UInt8] {
    [label] + (0..<3).flatMap { channel in (0..<1024).map { UInt8(($0 + 7 * channel + seed) % 256) } }
}
