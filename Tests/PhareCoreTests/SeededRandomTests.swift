import Testing

@testable import PhareCore

@Suite struct SeededRandomTests {
    @Test func splitMix64MatchesTheReferenceSequence() {
        // Reference values of SplitMix64 seeded with 1234567 (from the C reference implementation
        // by Sebastiano Vigna, splitmix64.c).
        var random = SeededRandom(seed: 1_234_567)
        #expect(random.next() == 6_457_827_717_110_365_317)
        #expect(random.next() == 3_203_168_211_198_807_973)
        #expect(random.next() == 9_817_491_932_198_370_423)
    }

    @Test func uniformAndNormalDrawsHaveTheRightMoments() {
        var random = SeededRandom(seed: 42)
        let n = 200_000
        var sum = 0.0
        var sumSquares = 0.0
        for _ in 0..<n {
            let z = random.nextNormal()
            sum += z
            sumSquares += z * z
        }
        let mean = sum / Double(n)
        let variance = sumSquares / Double(n) - mean * mean
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.01)
        var uniformSum = 0.0
        for _ in 0..<n { uniformSum += random.nextUniform() }
        #expect(abs(uniformSum / Double(n) - 0.5) < 0.005)
    }
}
