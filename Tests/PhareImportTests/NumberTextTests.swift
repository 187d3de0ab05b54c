import Foundation
import Testing

@testable import PhareCore
@testable import PhareImport

@Suite struct NumberTextTests {
    /// The fast path must agree bit for bit with the standard library's correctly rounded
    /// `Double(String)` (strtod), for decimal points and decimal commas alike.
    @Test func fastPathAgreesWithTheStandardLibrary() {
        var random = SeededRandom(seed: 4)
        for _ in 0..<200_000 {
            let integer = Int(random.next() % 10_000_000)
            let decimals = Int(random.next() % 9)
            let fraction = decimals == 0 ? "" : "." + String(String(random.next() % 1_000_000_000).suffix(decimals))
            let sign = random.nextUniform() < 0.3 ? "-" : ""
            let text = sign + String(integer) + fraction
            let reference = Double(text)
            #expect(NumberText.parse(text) == reference, "\(text)")
            #expect(
                NumberText.parse(text.replacingOccurrences(of: ".", with: ",")) == reference, "\(text) with a comma")
        }
    }

    @Test func edgeCases() {
        #expect(NumberText.parse("12") == 12)
        #expect(NumberText.parse("12,") == 12)
        #expect(NumberText.parse(",5") == 0.5)
        #expect(NumberText.parse("+3,25") == 3.25)
        #expect(NumberText.parse("-0")?.sign == .minus)
        #expect(NumberText.parse("1e-3") == 0.001)
        #expect(NumberText.parse("2,5E2") == 250)
        #expect(NumberText.parse("12345678901234567890") == 12345678901234567890.0)
        #expect(NumberText.parse("0.1000000000000000055511151231257827") == 0.1)
        #expect(NumberText.parse("1 234,5") == 1234.5)
        #expect(NumberText.parse("1.234,5") == nil)
        #expect(NumberText.parse("1,2,3") == nil)
        #expect(NumberText.parse("1-2") == nil)
        #expect(NumberText.parse("-") == nil)
        #expect(NumberText.parse(",") == nil)
        #expect(NumberText.parse("") == nil)
        #expect(NumberText.parse("NA") == nil)
        #expect(NumberText.parse("inf") == nil)
        #expect(NumberText.parse("1e999") == nil)
    }
}
