/// Turns a view model into plain dictionaries and arrays before it meets the templates.
///
/// swift-mustache looks a name up in a struct with `Mirror` on every `{{name}}`, walking the
/// struct's fields each time; a dictionary lookup is a hash. Converting the model once, with the
/// same meaning (a `nil` optional is left out, so the name is looked up in the enclosing
/// context, exactly as swift-mustache treats a `nil` field), made rendering the ten-report site
/// several times faster. Scalars (`String`, `Bool`, `Int`, `Double`) are kept as they are.
enum TemplateValue {
    /// The model as `[String: Any]` (structs), `[Any]` (arrays) and scalars; a view model that
    /// answers lookups itself (`ViewModels+Mustache.swift`) is kept as it is: that needs no
    /// reflection at all (a quarter less CPU for the ten-report site than converting).
    static func convert(_ value: Any) -> Any {
        switch value {
        case is String, is Bool, is Int, is Double, is MustacheParentProbe: return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?, .set?:
            return mirror.children.compactMap { unwrap($0.value).map(convert) }
        case .struct?, .class?:
            var dictionary: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let field = unwrap(child.value) else { continue }
                dictionary[label] = convert(field)
            }
            return dictionary
        case .optional?:
            return unwrap(value).map(convert) ?? value
        default:
            return value
        }
    }

    /// The wrapped value of an optional (`nil` when empty); any other value as it is.
    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
