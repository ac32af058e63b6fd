import CLibXML2

/// A read-only view of one libxml2 element, valid while its document lives.
struct XMLElementView {
    let node: xmlNodePtr

    var localName: String { String(cString: node.pointee.name) }

    var namespaceURI: String? { node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } } }

    var line: Int { Int(xmlGetLineNo(node)) }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { chorus_xmlFree(value) }
        return String(cString: value)
    }

    /// The `xml:lang` attribute.
    var language: String? {
        guard let value = xmlGetNsProp(node, "lang", "http://www.w3.org/XML/1998/namespace") else { return nil }
        defer { chorus_xmlFree(value) }
        return String(cString: value)
    }

    var attributeNames: [String] {
        var names: [String] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            names.append(String(cString: current.pointee.name))
            attribute = current.pointee.next
        }
        return names
    }

    /// All text inside the element.
    var text: String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { chorus_xmlFree(value) }
        return String(cString: value)
    }

    var hasElementChildren: Bool { !children.isEmpty }

    var children: [XMLElementView] {
        var result: [XMLElementView] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElementView(node: current)) }
            child = current.pointee.next
        }
        return result
    }

    func `is`(_ name: String, in namespace: String) -> Bool { localName == name && namespaceURI == namespace }
}
