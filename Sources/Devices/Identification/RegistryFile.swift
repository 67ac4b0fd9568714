import Foundation

/// Reads the large registry files line by line as bytes: they have tens of thousands of lines,
/// and splitting a String into Characters costs a quarter of a second per file.
enum RegistryFile {
    static func forEachLine(path: String, _ body: (ArraySlice<UInt8>) -> Void) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            var end = index
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            body(bytes[start..<end])
            start = index + 1
        }
        if start < bytes.count { body(bytes[start...]) }
    }
}
