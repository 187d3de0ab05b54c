import PhareCore
import Testing

@testable import PhareRender

@Suite struct TypographyTests {
    @Test func frenchSpacesBeforeHighPunctuationAndPercent() {
        #expect(Typography.french("Emploi : 62 % ; santé ?") == "Emploi\u{00A0}: 62\u{202F}%\u{202F}; santé\u{202F}?")
        #expect(Typography.french("taux: 12%") == "taux: 12\u{202F}%")
        #expect(Typography.french("« Oui »") == "«\u{00A0}Oui\u{00A0}»")
        #expect(Typography.french("à 12:30, voir https://x.fr") == "à 12:30, voir https://x.fr")
        #expect(Typography.french("Vraiment!") == "Vraiment\u{202F}!")
        #expect(Typography.apply("rate: 12%", .en) == "rate: 12%")
    }

    @Test func numbersInFrenchAndEnglish() {
        #expect(NumberFormatting.format(5_549_586, language: .fr) == "5\u{202F}549\u{202F}586")
        #expect(NumberFormatting.format(5_549_586, language: .en) == "5,549,586")
        #expect(NumberFormatting.format(96.4987, decimals: 1, language: .fr) == "96,5")
        #expect(NumberFormatting.format(-0.04, decimals: 1, language: .en) == "0.0")
        #expect(NumberFormatting.format(-1234.5, decimals: 2, language: .fr) == "−1\u{202F}234,50")
    }
}
