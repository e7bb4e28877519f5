import Foundation
import PipeKit

/// Writes to the terminal: diagnostics and summaries go to standard error, with the control and
/// bidi characters of untrusted names and values escaped (``DisplayText``).
enum Terminal {
    /// Writes a line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((DisplayText.escaped(text) + "\n").utf8))
    }

    /// Writes a line to standard output.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((DisplayText.escaped(text) + "\n").utf8))
    }

    /// Prints every diagnostic of an invalid pipeline file with its source line and caret.
    static func report(_ error: PipelineFileError) {
        for diagnostic in error.diagnostics {
            self.error(diagnostic.rendered(source: error.sourceText))
        }
        let count = error.diagnostics.count
        self.error("\(count) error\(count == 1 ? "" : "s") in the pipeline file; nothing was read or written")
    }

    /// Prints an error, with the line it points at when that is in a readable file.
    static func report(_ error: PipeError) {
        let source = error.location.flatMap { try? String(contentsOfFile: $0.file, encoding: .utf8) }
        self.error(error.rendered(source: source))
    }
}
