/// Converting a file's numbers into doubles as they are read, the step that the `.npy` and IDX
/// readers share: both hold unsigned bytes (`|u1`, the IDX type 08) and `.npy` files also
/// little-endian floats and integers.
extension ByteFile {
    /// Reads `count` elements of `type` from the current position, block by block (about 1 MiB,
    /// `forEachBlock`), and writes element i as a double at `destination[i]`; returns the bytes
    /// read, fewer than `count · type.byteCount` only at the end of the file (the caller says
    /// which error that is). Every value of these types is exact as a double but `<i8` beyond
    /// ±2⁵³, which rounds to the nearest.
    /// - Complexity: O(count); memory one block.
    func readDoubles(into destination: UnsafeMutablePointer<Double>, count: Int, type: NumPyHeader.ElementType) throws -> Int {
        let width = type.byteCount
        return try forEachBlock(recordBytes: width, count: count) { block, first in
            for index in 0..<block.count / width {
                destination[first + index] = Self.double(in: block, at: index * width, type: type)
            }
        }
    }

    /// The little-endian element of `type` at `offset`, as a double.
    private static func double(in raw: UnsafeRawBufferPointer, at offset: Int, type: NumPyHeader.ElementType) -> Double {
        switch type {
        case .float64: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        case .float32: Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
        case .int64: Double(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
        case .int32: Double(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        case .uint8: Double(raw[offset])
        }
    }
}
