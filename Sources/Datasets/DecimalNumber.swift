import Foundation

/// Parsing a decimal number straight from the bytes of a CSV cell, without making a `String`.
enum DecimalNumber {
    /// The number the bytes spell, as C's `strtod` reads it, or nil when the bytes are not a
    /// whole number (empty, trailing garbage). NaN and ±∞ come back as such; the caller rejects them.
    ///
    /// The definition: copy the cell into a null-terminated buffer and call `strtod`, which rounds
    /// correctly. Cells longer than 255 bytes are not numbers.
    static func naiveParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty, bytes.count < 256, let first = bytes.first, !isSpace(first) else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            for (index, byte) in bytes.enumerated() { base[index] = CChar(bitPattern: byte) }
            base[bytes.count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(base, &end)
            guard let end, end - base == bytes.count else { return nil }
            return value
        }
    }

    /// Same inputs and outputs as `naiveParse`, faster for the common cell: Clinger's fast path.
    ///
    ///     [±] digits [. digits] [(e|E) [±] digits]   →   m · 10^e
    ///
    /// When the significand m has at most 19 digits, m ≤ 2⁵³ and |e| ≤ 22, both m and 10^|e| are
    /// exact doubles, so one multiplication or division rounds correctly: the result equals
    /// `strtod`'s bit for bit. Anything else (more digits, a larger exponent, `nan`, `inf`, hex)
    /// falls back to `naiveParse`.
    /// - Complexity: O(bytes.count), no allocation.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var significand: UInt64 = 0
        var digits = 0, significantDigits = 0, exponent = 0
        while index < count, let digit = digitValue(bytes[index]) {
            accumulate(digit, into: &significand, significantDigits: &significantDigits)
            digits += 1
            index += 1
        }
        if index < count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, let digit = digitValue(bytes[index]) {
                accumulate(digit, into: &significand, significantDigits: &significantDigits)
                digits += 1
                exponent -= 1
                index += 1
            }
        }
        guard digits > 0 else { return naiveParse(bytes) }
        if index < count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            guard let written = exponentValue(bytes, from: index + 1) else { return naiveParse(bytes) }
            exponent += written
            index = count
        }
        guard index == count, significantDigits <= 19, significand <= 1 << 53, abs(exponent) <= 22 else {
            return naiveParse(bytes)
        }
        let magnitude = exponent < 0
            ? Double(significand) / exactPowersOfTen[-exponent]
            : Double(significand) * exactPowersOfTen[exponent]
        return negative ? -magnitude : magnitude
    }

    /// 10⁰ … 10²², every one an exact double.
    private static let exactPowersOfTen: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }

    private static func digitValue(_ byte: UInt8) -> UInt64? {
        byte &- UInt8(ascii: "0") < 10 ? UInt64(byte &- UInt8(ascii: "0")) : nil
    }

    /// Appends a digit to the significand; leading zeros are not significant.
    private static func accumulate(_ digit: UInt64, into significand: inout UInt64, significantDigits: inout Int) {
        if significantDigits > 0 || digit != 0 { significantDigits += 1 }
        if significantDigits <= 19 { significand = significand &* 10 &+ digit }
    }

    /// The exponent after `e`: `[±] digits` to the end of the cell, or nil (let strtod decide).
    private static func exponentValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        var negative = false
        if index < bytes.count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < bytes.count, bytes.count - index <= 4 else { return nil }
        var value = 0
        while index < bytes.count {
            guard let digit = digitValue(bytes[index]) else { return nil }
            value = value * 10 + Int(digit)
            index += 1
        }
        return negative ? -value : value
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
