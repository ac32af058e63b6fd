import CLibXML2
import Foundation

/// A read-only view of one libxml2 element, valid while its document lives.
package struct XMLElementView {
    package let node: xmlNodePtr

    package init(node: xmlNodePtr) { self.node = node }

    package var localName: String { String(cString: node.pointee.name) }

    package var namespaceURI: String? { node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } } }

    package var line: Int { Int(xmlGetLineNo(node)) }

    /// The value of an attribute without a namespace. Walks the attribute list directly: the common
    /// single-text-node value is read in place, without libxml2 allocating a copy.
    package func attribute(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { wanted -> String? in
            var attribute = node.pointee.properties
            while let current = attribute {
                defer { attribute = current.pointee.next }
                guard current.pointee.ns == nil, let attributeName = current.pointee.name,
                      strlen(attributeName) == wanted.count,
                      memcmp(attributeName, wanted.baseAddress!, wanted.count) == 0 else { continue }
                if let child = current.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
                   let content = child.pointee.content {
                    return String(cString: content)
                }
                guard let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) else { return "" }
                defer { chorus_xmlFree(value) }
                return String(cString: value)
            }
            return nil
        }
    }

    /// The `xml:lang` attribute.
    package var language: String? {
        guard let value = xmlGetNsProp(node, "lang", "http://www.w3.org/XML/1998/namespace") else { return nil }
        defer { chorus_xmlFree(value) }
        return String(cString: value)
    }

    package var attributeNames: [String] {
        var names: [String] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            names.append(String(cString: current.pointee.name))
            attribute = current.pointee.next
        }
        return names
    }

    /// All text inside the element.
    package var text: String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { chorus_xmlFree(value) }
        return String(cString: value)
    }

    package var hasElementChildren: Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { return true }
            child = current.pointee.next
        }
        return false
    }

    package var children: [XMLElementView] {
        var result: [XMLElementView] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElementView(node: current)) }
            child = current.pointee.next
        }
        return result
    }

    package func `is`(_ name: String, in namespace: String) -> Bool { localName == name && namespaceURI == namespace }
}
