import Foundation
import Testing
import LinearAlgebra

@Suite("xoshiro256** — reproducible randomness")
struct Xoshiro256StarStarTests {
    @Test("SplitMix64 from 1234567 gives the published first outputs")
    func splitMixReference() {
        // Reference values from the public-domain C implementation (splitmix64.c), seed 1234567.
        var generator = SplitMix64(state: 1_234_567)
        #expect(generator.next() == 6_457_827_717_110_365_317)
        #expect(generator.next() == 3_203_168_211_198_807_973)
        #expect(generator.next() == 9_817_491_932_198_370_423)
    }

    @Test("same seed → same stream; another seed or stream → another stream")
    func reproducible() {
        var a = Xoshiro256StarStar(seed: 7), b = Xoshiro256StarStar(seed: 7), c = Xoshiro256StarStar(seed: 8)
        var d = Xoshiro256StarStar(seed: 7, stream: 1)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
        #expect(first != (0..<5).map { _ in d.next() })
    }

    @Test("uniform() lies in [0, 1) with mean ≈ 1/2; gaussian() has mean ≈ 0 and variance ≈ 1")
    func moments() {
        var generator = Xoshiro256StarStar(seed: 42)
        let uniforms = (0..<100_000).map { _ in generator.uniform() }
        #expect(uniforms.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(uniforms.reduce(0, +) / 100_000 - 0.5) < 0.01)
        let normals = (0..<100_000).map { _ in generator.gaussian() }
        let mean = normals.reduce(0, +) / 100_000
        let variance = normals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 100_000
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.02)
    }

    @Test("uniformInteger(below:) covers 0..<n evenly")
    func integers() {
        var generator = Xoshiro256StarStar(seed: 3)
        var counts = Array(repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[generator.uniformInteger(below: 6)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 }, "counts \(counts)")
    }

    @Test("shuffle is a seeded permutation")
    func shuffle() {
        var first = Array(0..<50), second = Array(0..<50)
        var g1 = Xoshiro256StarStar(seed: 9), g2 = Xoshiro256StarStar(seed: 9)
        g1.shuffle(&first)
        g2.shuffle(&second)
        #expect(first == second)
        #expect(first != Array(0..<50))
        #expect(first.sorted() == Array(0..<50))
    }
}
