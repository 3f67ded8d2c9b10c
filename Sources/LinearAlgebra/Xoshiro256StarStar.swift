import Foundation

/// The xoshiro256** pseudo-random generator (Blackman & Vigna, 2018), seeded through SplitMix64.
///
/// Every random choice of the pipeline (initial weights, shuffles, synthetic data, splits) draws
/// from this generator, never from the standard library's, whose algorithms carry no stability
/// promise: the same seed gives the same stream on every machine and every Swift version.
///
///     state update:  t = s₁ << 17;  s₂ ^= s₀;  s₃ ^= s₁;  s₁ ^= s₂;  s₀ ^= s₃;  s₂ ^= t;  s₃ = rotl(s₃, 45)
///     output:        rotl(s₁ · 5, 7) · 9
///
/// `init(seed:stream:)` gives independent, reproducible streams for independent purposes
/// (initial weights, minibatch order, …) from one configured seed.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose four state words are the first four outputs of SplitMix64 started at
    /// `seed`, the seeding its authors recommend (it never yields the all-zero state).
    public init(seed: UInt64) {
        var splitMix = SplitMix64(state: seed)
        state = (splitMix.next(), splitMix.next(), splitMix.next(), splitMix.next())
    }

    /// The generator of stream `stream` of `seed`: `seed` mixed with the stream number, so that
    /// streams 0, 1, 2, … of one seed are unrelated sequences.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(state: stream &* 0x9E37_79B9_7F4A_7C15)
        self.init(seed: seed ^ mixer.next())
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.state == rhs.state
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    /// A uniform double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in [lower, upper).
    public mutating func uniform(in lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// A uniform integer in 0..<upperBound, without modulo bias (Lemire's multiply-and-reject).
    /// - Precondition: `upperBound > 0`.
    public mutating func uniformInteger(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "a uniform integer needs a positive upper bound")
        let bound = UInt64(upperBound)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    /// A standard normal N(0, 1) sample by the Box–Muller transform:
    ///
    ///     z = √(−2 ln u₁) · cos(2π u₂),   u₁ ∈ (0, 1], u₂ ∈ [0, 1)
    ///
    /// One sample per call (the sine partner is dropped), so the stream position after n samples
    /// is always 2n draws: simple to reason about when reproducing a run.
    public mutating func gaussian() -> Double {
        let u1 = 1.0 - uniform()  // (0, 1]: log stays finite
        let u2 = uniform()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// A normal N(mean, deviation²) sample.
    public mutating func gaussian(mean: Double, deviation: Double) -> Double {
        mean + deviation * gaussian()
    }

    /// Shuffles `array` in place by Fisher–Yates: for i from n−1 down to 1, swap element i with a
    /// uniform element of 0…i. Every permutation is equally likely; same seed → same order.
    /// Inlinable so that the caller's module specializes it for its element type: unspecialized,
    /// each swap went through the generic value witnesses: a `mid` epoch (100,000 rows, 1 thread)
    /// took 0.031 s against 0.024.
    @inlinable
    public mutating func shuffle<Element>(_ array: inout [Element]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, uniformInteger(below: i + 1))
        }
    }

    private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}

/// SplitMix64 (Steele, Lea & Flood, 2014): a 64-bit counter passed through a mixing function.
/// Used only to expand a seed into xoshiro256**'s state.
///
///     z = (x += 0x9E3779B97F4A7C15);  z = (z ^ z>>30)·0xBF58476D1CE4E5B9;
///     z = (z ^ z>>27)·0x94D049BB133111EB;  return z ^ z>>31
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The counter.
    public var state: UInt64

    /// A generator that starts counting at `state`.
    public init(state: UInt64) {
        self.state = state
    }

    /// The next 64 mixed bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
