import Foundation

/// Numbers as a French or English reader expects them: decimal comma and narrow no-break
/// space as thousands separator in French, decimal point and comma separator in English.
public enum NumberFormatting {
    public static func format(_ value: Double, decimals: Int, language: Language) -> String {
        let rounded = String(format: "%.\(decimals)f", abs(value))
        let parts = rounded.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        let groupSeparator = language == .fr ? "\u{202F}" : ","
        var grouped = ""
        for (offset, digit) in integer.enumerated() {
            if offset > 0 && (integer.count - offset) % 3 == 0 { grouped += groupSeparator }
            grouped.append(digit)
        }
        let sign = value < 0 && rounded.contains(where: { $0 != "0" && $0 != "." }) ? "−" : ""
        guard parts.count > 1 else { return sign + grouped }
        return sign + grouped + (language == .fr ? "," : ".") + parts[1]
    }

    public static func format(_ value: Int, language: Language) -> String {
        format(Double(value), decimals: 0, language: language)
    }
}
