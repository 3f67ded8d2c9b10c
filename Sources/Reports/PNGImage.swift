import Foundation

/// A small RGB picture encoded as a PNG file, for the report's images (class templates and mean
/// images) as `data:` URIs: a 28×28 template is ≈ 3 KB instead of 784 SVG rectangles.
///
/// The encoding is the simplest valid PNG (ISO/IEC 15948): an IHDR chunk (8-bit RGB), one IDAT
/// chunk holding a zlib stream of *stored* (uncompressed) deflate blocks over the scanlines, each
/// led by filter byte 0, and IEND; every chunk ends with the CRC-32 of its type and data, and the
/// zlib stream with the Adler-32 of the scanlines. No compression library is needed, and the same
/// pixels always give the same bytes.
public struct PNGImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major, top row first.
    public let pixels: [RGBColor]

    public init(width: Int, height: Int, pixels: [RGBColor]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "one pixel per cell of a non-empty picture")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The PNG file's bytes.
    /// - Complexity: O(width · height).
    public var data: [UInt8] {
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity(height * (1 + 3 * width))
        for row in 0..<height {
            scanlines.append(0)
            for pixel in pixels[(row * width)..<((row + 1) * width)] {
                scanlines += [pixel.red, pixel.green, pixel.blue]
            }
        }
        var header = Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // bit depth 8, colour type 2 (RGB), deflate, no filter method, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + Self.chunk("IHDR", header) + Self.chunk("IDAT", Self.zlibStored(scanlines)) + Self.chunk("IEND", [])
    }

    /// `data:image/png;base64,…`, for an `<image href>`.
    public var dataURI: String {
        "data:image/png;base64," + Data(data).base64EncodedString()
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// Length, type, data, CRC-32 of type and data.
    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(body.count)) + typeBytes + body + bigEndian(crc32(typeBytes + body))
    }

    /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4): header 78 01, blocks
    /// of at most 65,535 bytes each led by BFINAL/BTYPE = 00, LEN and its complement (little
    /// endian), then the Adler-32 of the data.
    static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(start + 65_535, bytes.count)
            let length = UInt16(end - start)
            output.append(end == bytes.count ? 1 : 0)
            output += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            output += bytes[start..<end]
            start = end
        } while start < bytes.count
        return output + bigEndian(adler32(bytes))
    }

    /// Adler-32: a = 1 + Σ bytes, b = Σ a after each byte, both mod 65,521; (b << 16) | a.
    /// Example: "Wikipedia" → 0x11E60398.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return (b << 16) | a
    }

    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), bit by bit.
    /// Example: "123456789" → 0xCBF43926.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
