import Foundation
import Testing
@testable import Reports

@Suite("PNG images — pictures for templates without a compression library")
struct PNGImageTests {
    @Test("CRC-32 of \"123456789\" is 0xCBF43926, Adler-32 of \"Wikipedia\" is 0x11E60398")
    func checksums() {
        #expect(PNGImage.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(PNGImage.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(PNGImage.crc32(Array("IEND".utf8)) == 0xAE42_6082, "the CRC every PNG file ends with")
    }

    @Test("a 2 × 1 picture: signature, IHDR 2 × 1 RGB, the scanline [0, r, g, b, r, g, b] stored, IEND")
    func layout() {
        let bytes = PNGImage(width: 2, height: 1, pixels: [RGBColor(red: 255, green: 0, blue: 0), .white]).data
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(bytes[8..<33]) == [0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0]
                + PNGImage.bigEndian(PNGImage.crc32(Array("IHDR".utf8) + [0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0])))
        let scanline: [UInt8] = [0, 255, 0, 0, 255, 255, 255]
        let zlib = PNGImage.zlibStored(scanline)
        #expect(zlib == [0x78, 0x01, 1, 7, 0, 0xF8, 0xFF] + scanline + PNGImage.bigEndian(PNGImage.adler32(scanline)))
        #expect(Array(bytes[33..<(33 + 8)]) == PNGImage.bigEndian(UInt32(zlib.count)) + Array("IDAT".utf8))
        #expect(Array(bytes.suffix(12)) == [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82])
    }

    @Test("more than 65,535 bytes of scanlines split into stored blocks, only the last one final")
    func blocks() {
        let bytes = [UInt8](repeating: 7, count: 70_000)
        let zlib = PNGImage.zlibStored(bytes)
        #expect(zlib.count == 2 + 2 * 5 + 70_000 + 4)
        #expect(zlib[2] == 0 && zlib[2 + 5 + 65_535] == 1)
    }

    @Test("the data URI is base64 of the file and the same pixels give the same bytes")
    func dataURI() {
        let image = PNGImage(width: 1, height: 1, pixels: [.black])
        #expect(image.dataURI == "data:image/png;base64," + Data(image.data).base64EncodedString())
        #expect(image.dataURI == PNGImage(width: 1, height: 1, pixels: [.black]).dataURI)
    }
}
