/// Escaping for HTML and SVG text. Every string that did not come from Phare's own code
/// (territory names, query parameters, imported labels) goes through here before it is written.
public enum HTML {
    /// Text safe as element content and inside a double- or single-quoted attribute value:
    /// `& < > " '` become character references; C0 controls other than tab and newlines,
    /// which XML (and so inline SVG) cannot carry, are dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A query-string component: everything but unreserved characters (RFC 3986 §2.3) percent-encoded.
    public static func queryComponent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// A path with its query, `[("layer", "density"), ("lang", "en")]` → `path?layer=density&lang=en`
    /// (pairs with an empty value are left out). The result still needs `escape` inside an attribute.
    public static func link(_ path: String, _ query: [(String, String)]) -> String {
        let pairs = query.filter { !$0.1.isEmpty }.map { queryComponent($0.0) + "=" + queryComponent($0.1) }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }
}

extension String {
    func leftPadded(to length: Int, with pad: Character = "0") -> String {
        count >= length ? self : String(repeating: pad, count: length - count) + self
    }
}
