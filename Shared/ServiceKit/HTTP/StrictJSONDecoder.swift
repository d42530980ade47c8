import Foundation
import Models

/// Decodes a request body and names the first field the body type does not know.
///
/// The rule for every service: a field the type does not read is refused (422 naming it), not
/// silently dropped, so a client that misspells `capacity` or sends `timeZone` to a route that has
/// none learns it at once instead of keeping a record it did not mean. Swift's decoding does not say
/// which keys a type read, so the decoder is wrapped: every keyed container records the keys its
/// type asked for, and the body's keys are compared with them afterwards, at every nesting level.
enum StrictJSONDecoder {
    /// The decoded value, or the path of the first unknown field (`members[2].nickname`).
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> (value: T, unknownField: String?) {
        let recorder = KeyRecorder()
        let decoder = LinliJSON.makeDecoder()
        decoder.userInfo[KeyRecorder.key] = recorder
        let value = try decoder.decode(Recording<T>.self, from: data).value
        guard let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return (value, nil) }
        return (value, recorder.firstUnknown(in: tree))
    }

    /// Keys asked for, by the coding path of the container that asked.
    final class KeyRecorder: @unchecked Sendable {
        static let key = CodingUserInfoKey(rawValue: "linli.keyRecorder")!
        private let lock = NSLock()
        private var asked: [String: Set<String>] = [:]
        /// Containers whose type reads keys it cannot list (a dictionary): everything under them is accepted.
        private var open: Set<String> = []

        func record(_ key: String, at path: String) { lock.withLock { _ = asked[path, default: []].insert(key) } }
        func markOpen(_ path: String) { lock.withLock { _ = open.insert(path) } }
        func markKeyed(_ path: String) { lock.withLock { if asked[path] == nil { asked[path] = [] } } }

        func firstUnknown(in tree: Any) -> String? {
            lock.withLock { walk(tree, path: "") }
        }

        private func walk(_ node: Any, path: String) -> String? {
            if open.contains(path) { return nil }
            if let object = node as? [String: Any] {
                guard let known = asked[path] else { return nil }  // read as a whole (a JSON value), not by keys
                for key in object.keys.sorted() {
                    let child = path.isEmpty ? key : "\(path).\(key)"
                    guard known.contains(key) else { return child }
                    if let found = walk(object[key]!, path: child) { return found }
                }
            } else if let array = node as? [Any] {
                for (index, element) in array.enumerated() {
                    if let found = walk(element, path: "\(path)[\(index)]") { return found }
                }
            }
            return nil
        }

        static func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text
        }
    }

    /// Decodes `T` through a decoder that records the keys `T` reads.
    struct Recording<T: Decodable>: Decodable {
        let value: T
        init(from decoder: any Decoder) throws {
            guard let recorder = decoder.userInfo[KeyRecorder.key] as? KeyRecorder else {
                value = try T(from: decoder)
                return
            }
            value = try T(from: TrackingDecoder(base: decoder, recorder: recorder))
        }
    }

    struct TrackingDecoder: Decoder {
        let base: any Decoder
        let recorder: KeyRecorder
        var codingPath: [any CodingKey] { base.codingPath }
        var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            let container = try base.container(keyedBy: type)
            let path = KeyRecorder.path(codingPath)
            // A dictionary's keys are whatever the client sent: accept them all below it.
            if Key.self == _DictionaryCodingKey.self || String(describing: Key.self).contains("DictionaryCodingKey") {
                recorder.markOpen(path)
            } else {
                recorder.markKeyed(path)
            }
            return KeyedDecodingContainer(TrackingKeyed(base: container, recorder: recorder, path: path))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            TrackingUnkeyed(base: try base.unkeyedContainer(), recorder: recorder)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { try base.singleValueContainer() }
    }

    /// Stands for no real key type; compared by name above (the standard library's is private).
    private enum _DictionaryCodingKey: CodingKey {}

    struct TrackingKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let base: KeyedDecodingContainer<Key>
        let recorder: KeyRecorder
        let path: String
        var codingPath: [any CodingKey] { base.codingPath }
        var allKeys: [Key] {
            recorder.markOpen(path)  // a type that looks at every key reads keys it cannot list
            return base.allKeys
        }

        private func note(_ key: Key) { recorder.record(key.stringValue, at: path) }

        func contains(_ key: Key) -> Bool {
            note(key)
            return base.contains(key)
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            note(key)
            return try base.decodeNil(forKey: key)
        }

        func decode<V: Decodable>(_ type: V.Type, forKey key: Key) throws -> V {
            note(key)
            guard base.contains(key) else { return try base.decode(type, forKey: key) }  // its keyNotFound error
            if V.self is any RawJSONScalar.Type { return try base.decode(type, forKey: key) }
            return try V(from: TrackingDecoder(base: try base.superDecoder(forKey: key), recorder: recorder))
        }

        func decodeIfPresent<V: Decodable>(_ type: V.Type, forKey key: Key) throws -> V? {
            note(key)
            guard base.contains(key), try !base.decodeNil(forKey: key) else { return nil }
            return try decode(type, forKey: key)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            note(key)
            return try TrackingDecoder(base: try base.superDecoder(forKey: key), recorder: recorder).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            note(key)
            return TrackingUnkeyed(base: try base.nestedUnkeyedContainer(forKey: key), recorder: recorder)
        }

        func superDecoder() throws -> any Decoder { TrackingDecoder(base: try base.superDecoder(), recorder: recorder) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            note(key)
            return TrackingDecoder(base: try base.superDecoder(forKey: key), recorder: recorder)
        }
    }

    struct TrackingUnkeyed: UnkeyedDecodingContainer {
        var base: any UnkeyedDecodingContainer
        let recorder: KeyRecorder
        var codingPath: [any CodingKey] { base.codingPath }
        var count: Int? { base.count }
        var isAtEnd: Bool { base.isAtEnd }
        var currentIndex: Int { base.currentIndex }

        mutating func decodeNil() throws -> Bool { try base.decodeNil() }

        mutating func decode<V: Decodable>(_ type: V.Type) throws -> V {
            if V.self is any RawJSONScalar.Type { return try base.decode(type) }
            return try V(from: TrackingDecoder(base: try base.superDecoder(), recorder: recorder))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try TrackingDecoder(base: try base.superDecoder(), recorder: recorder).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            TrackingUnkeyed(base: try base.nestedUnkeyedContainer(), recorder: recorder)
        }

        mutating func superDecoder() throws -> any Decoder { TrackingDecoder(base: try base.superDecoder(), recorder: recorder) }
    }
}

/// Values decoded straight from the base container: they have no keys, and `Date` must keep the
/// decoder's date strategy (a `superDecoder` would still apply it, but this is cheaper).
protocol RawJSONScalar {}
extension String: RawJSONScalar {}
extension Int: RawJSONScalar {}
extension Int64: RawJSONScalar {}
extension Int32: RawJSONScalar {}
extension Double: RawJSONScalar {}
extension Bool: RawJSONScalar {}
extension Date: RawJSONScalar {}
extension Decimal: RawJSONScalar {}
extension UUID: RawJSONScalar {}
