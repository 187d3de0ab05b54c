import PhareAnalysis
import PhareCore

/// Typographic conventions applied to text before it is shown to a reader.
public enum Typography {
    /// French rules (Lexique des règles typographiques en usage à l'Imprimerie nationale):
    /// a narrow no-break space (U+202F) before `;` `!` `?` and `%`, a no-break space (U+00A0)
    /// before `:` and inside « guillemets ». Ordinary spaces there are replaced; a missing space
    /// before `:` `;` `!` `?` is not added inside URLs, times (12:30) or ratios (1:2) — only after a letter,
    /// a digit followed by `%`, or a closing bracket.
    public static func french(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count + 8)
        var previous: Character?
        for character in text {
            switch character {
            case ";", "!", "?", "%":
                if previous == " " || previous == "\u{00A0}" {
                    out.removeLast()
                    out.append("\u{202F}")
                } else if character == "%", let p = previous, p.isNumber {
                    out.append("\u{202F}")
                } else if character != "%", let p = previous, p.isLetter || p == ")" || p == "»" {
                    out.append("\u{202F}")
                }
                out.append(character)
            case ":":
                if previous == " " || previous == "\u{202F}" {
                    out.removeLast()
                    out.append("\u{00A0}")
                }
                out.append(character)
            case "»":
                if previous == " " { out.removeLast() }
                if previous != "\u{00A0}" { out.append("\u{00A0}") }
                out.append(character)
            default:
                if previous == "«" && character == " " {
                    out.append("\u{00A0}")
                    previous = "\u{00A0}"
                    continue
                }
                if previous == "«" && character != "\u{00A0}" { out.append("\u{00A0}") }
                out.append(character)
            }
            previous = out.last
        }
        return out
    }

    /// Applies the conventions of `language` (none needed in English).
    public static func apply(_ text: String, _ language: Language) -> String {
        language == .fr ? french(text) : text
    }
}
