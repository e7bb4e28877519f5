/// The folder and name parts of a path, by its slashes.
///
/// Pipe does not use `NSString`'s path methods: swift-corelibs-foundation's
/// `deletingLastPathComponent` traps on a one-character path such as `o` (Swift 6.3.1).
package enum PathParts {
    /// The folder that holds `path`: `a/b/c.txt` → `a/b`, `c.txt` → `` (the current folder), `/c` and `/` → `/`.
    package static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let folder = trimmed[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    /// A file named `name` in the folder that holds `path`: `a/b.txt`, `.b.partial` → `a/.b.partial`.
    package static func sibling(of path: String, named name: String) -> String {
        switch parent(path) {
        case "": name
        case "/": "/" + name
        case let folder: folder + "/" + name
        }
    }

    /// The last part of `path`: `a/b/c.txt` → `c.txt`.
    package static func name(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        return String(trimmed.split(separator: "/").last ?? trimmed)
    }

    /// The last part of `path` without its extension: `a/b/c.tar.gz` → `c.tar`, `.hidden` → `.hidden`.
    package static func stem(_ path: String) -> String {
        let name = name(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `path` without the extension of its last part: `a/b/c.txt` → `a/b/c`, `a/.hidden` → `a/.hidden`.
    package static func droppingExtension(_ path: String) -> String {
        let nameStart = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        guard let dot = path[nameStart...].lastIndex(of: "."), dot != nameStart else { return path }
        return String(path[..<dot])
    }
}
