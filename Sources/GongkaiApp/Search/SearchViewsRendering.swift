import GongkaiDomain
import Mustache

// The search page renders 20 results of a few dozen pieces each: looked up by name here instead of
// through `Mirror`, which was about a tenth of a search request (issue 21's search profile). Each
// type answers for exactly its stored properties, as `Mirror` did (MustacheParentTests compares them).

extension SearchRoutes.ResultView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "titlePieces": return titlePieces
        case "href": return href
        case "organisation": return organisation
        case "date": return date
        case "validity": return validity
        case "snippet": return snippet
        default: return nil
        }
    }
}

extension SearchSnippet.Piece: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "text": return text
        case "highlighted": return highlighted
        default: return nil
        }
    }
}

extension OptionItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": return value
        case "label": return label
        case "selected": return selected
        default: return nil
        }
    }
}

extension SearchRoutes.PageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": return chrome
        case "q": return q
        case "searched": return searched
        case "emptyQuery": return emptyQuery
        case "relaxedWords": return relaxedWords
        case "total": return total
        case "moreThanTotal": return moreThanTotal
        case "results": return results
        case "organisations": return organisations
        case "kinds": return kinds
        case "fromYear": return fromYear
        case "toYear": return toYear
        case "pager": return pager
        case "also": return also
        default: return nil
        }
    }
}
