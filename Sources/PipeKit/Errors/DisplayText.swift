/// Untrusted text made safe to show on a terminal: file names, ids, titles and values that reach
/// a message could otherwise move the cursor, recolour or clear the screen (ESC sequences), or
/// reorder what is shown (bidi controls).
package enum DisplayText {
    /// `text` with every control character but line feed and tab, and every bidi control, written
    /// as a Swift escape: ESC becomes `\u{1B}`, RIGHT-TO-LEFT OVERRIDE `\u{202E}`.
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// C0 and C1 controls but `\n` and `\t`, DEL, the bidi embeddings, overrides, isolates and
    /// marks, and the line and paragraph separators.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
