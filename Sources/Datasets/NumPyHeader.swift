/// The header of a NumPy `.npy` file (format versions 1.0, 2.0 and 3.0):
///
///     \x93NUMPY  major minor  header length (UInt16 LE in 1.0, UInt32 LE in 2.0/3.0)
///     {'descr': '<f8', 'fortran_order': False, 'shape': (300, 2), }   padded with spaces, then \n
///
/// followed by the elements in C (row-major) order. The whole preamble is a multiple of 64 bytes
/// in the files NumPy writes; readers must not rely on it, and this one does not.
struct NumPyHeader: Equatable {
    /// The element types this program reads, by their NumPy `descr`.
    enum ElementType: String, CaseIterable {
        case float64 = "<f8", float32 = "<f4", int64 = "<i8", int32 = "<i4", uint8 = "|u1"

        /// Bytes per element.
        var byteCount: Int {
            switch self {
            case .float64, .int64: 8
            case .float32, .int32: 4
            case .uint8: 1
            }
        }

        /// The type of `descr`, accepting `<u1` and `u1` as NumPy's `|u1`.
        init?(descr: String) {
            let aliases = ["<u1": "|u1", "u1": "|u1"]
            self.init(rawValue: aliases[descr] ?? descr)
        }
    }

    var elementType: ElementType
    var shape: [Int]
    /// Bytes from the start of the file to the first element.
    var dataOffset: Int

    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The number of elements, the product of `shape`, or nil when it overflows — or when one
    /// row's, the product after the first length, does (a shape (0, 2⁴⁰, 2⁴⁰) holds no element,
    /// but its rows could not be counted).
    var elementCount: Int? {
        guard let rowLength = shape.dropFirst().checkedProduct else { return nil }
        return [shape.first ?? 1, rowLength].checkedProduct
    }

    /// Reads and checks the header at the start of `file`.
    static func read(from file: ByteFile) throws -> NumPyHeader {
        let path = file.path
        let preamble = try file.readBytes(count: 8)
        guard preamble.count == 8, Array(preamble[0..<6]) == magic else {
            if preamble.isEmpty { throw DatasetError.emptyFile(file: path) }
            throw DatasetError.badMagic(file: path)
        }
        let major = preamble[6], minor = preamble[7]
        let lengthByteCount: Int
        switch major {
        case 1: lengthByteCount = 2
        case 2, 3: lengthByteCount = 4
        default: throw DatasetError.badHeader(file: path, reason: "expected format version 1.0, 2.0 or 3.0, found \(major).\(minor)")
        }
        let lengthBytes = try file.readBytes(count: lengthByteCount)
        guard lengthBytes.count == lengthByteCount else {
            throw DatasetError.truncatedData(file: path, expectedBytes: lengthByteCount, foundBytes: lengthBytes.count)
        }
        let headerLength = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
        guard headerLength <= 1 << 20 else {
            throw DatasetError.badHeader(file: path, reason: "expected a header under 1 MiB, found a length of \(headerLength) bytes")
        }
        let text = try file.readBytes(count: headerLength)
        guard text.count == headerLength else {
            throw DatasetError.truncatedData(file: path, expectedBytes: headerLength, foundBytes: text.count)
        }
        var header = try parse(String(decoding: text, as: UTF8.self), file: path)
        header.dataOffset = 8 + lengthByteCount + headerLength
        return header
    }

    /// The fields of the header dictionary.
    private static func parse(_ text: String, file: String) throws -> NumPyHeader {
        var parser = PythonLiteralParser(text: text)
        guard case .dictionary(let entries)? = parser.parseValue() else {
            throw DatasetError.badHeader(file: file, reason: "expected a Python dictionary, found '\(text.prefix(80))'")
        }
        guard case .string(let descr)? = entries["descr"] else {
            let found = entries["descr"].map { _ in "a structured dtype" } ?? "no 'descr' key"
            throw DatasetError.unsupportedDataType(file: file, found: found, supported: ElementType.allCases.map(\.rawValue))
        }
        guard case .boolean(let fortranOrder)? = entries["fortran_order"] else {
            throw DatasetError.badHeader(file: file, reason: "expected 'fortran_order': True or False")
        }
        guard case .tuple(let lengths)? = entries["shape"] else {
            throw DatasetError.badHeader(file: file, reason: "expected 'shape': a tuple of integers")
        }
        let shape = lengths.compactMap { value -> Int? in
            if case .integer(let length) = value, length >= 0 { return length } else { return nil }
        }
        guard shape.count == lengths.count else {
            throw DatasetError.badHeader(file: file, reason: "expected 'shape': a tuple of non-negative integers")
        }
        if fortranOrder && shape.count > 1 { throw DatasetError.fortranOrder(file: file) }
        guard let elementType = ElementType(descr: descr) else {
            throw DatasetError.unsupportedDataType(file: file, found: descr, supported: ElementType.allCases.map(\.rawValue))
        }
        return NumPyHeader(elementType: elementType, shape: shape, dataOffset: 0)
    }

    /// The version 1.0 preamble and header for an array of `elementType` and `shape`, padded so
    /// that the data starts at a multiple of 64 bytes, as NumPy writes it.
    static func encoded(elementType: ElementType, shape: [Int]) -> [UInt8] {
        let lengths = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var dictionary = "{'descr': '\(elementType.rawValue)', 'fortran_order': False, 'shape': (\(lengths)), }"
        let unpadded = 10 + dictionary.utf8.count + 1
        dictionary += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = dictionary.utf8.count
        return magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(dictionary.utf8)
    }
}

extension Collection where Element == Int {
    /// The product of the lengths, or nil when it overflows an `Int`: array headers (`.npy`, IDX)
    /// come from files and may promise any size.
    var checkedProduct: Int? {
        var product = 1
        for length in self {
            let (result, overflow) = product.multipliedReportingOverflow(by: length)
            if overflow { return nil }
            product = result
        }
        return product
    }
}
