import Foundation
import HTTPTypes
import QuireGit
import QuireContent
import QuireIndex
import QuireSite

/// `ref`, `refId` and `field` on `POST /api/upload`: the uploaded files go into a media
/// attribute of an entry, as Strapi's Upload plugin links them. `ref` is the type's uid
/// (`api::article.article`, or its singular name), `refId` the entry's documentId or its numeric
/// `id`, `field` a media attribute. Everything is checked before the upload is committed (the
/// type, the field, the entry, the caller's right to change it, `allowedTypes`, one file for a
/// single field); the entry is then changed in a second commit — the published version when
/// there is one (Strapi 5's REST writes publish), else the draft. A `multiple` field gets the
/// files added after those it has; a single one is replaced. Should that write fail, the
/// upload is deleted again, so the answer is all or nothing.
struct UploadEntryLink: Sendable {
    let type: ContentType
    let attribute: Attribute
    let multiple: Bool
    let key: DocumentKey
    let view: View

    /// Nil when the form names no entry.
    static func parse(_ form: MultipartUpload, snapshot: SiteSnapshot) throws -> UploadEntryLink? {
        let ref = form.field("ref"), refId = form.field("refId"), field = form.field("field")
        if ref == nil, refId == nil, field == nil {
            if form.field("source") != nil { throw StrapiError.validation("source goes with ref, refId and field") }
            return nil
        }
        guard let ref, let refId, let field, !ref.isEmpty, !refId.isEmpty, !field.isEmpty else {
            throw StrapiError.validation("Linking an upload needs ref, refId and field together")
        }
        if let source = form.field("source"), !["api", ""].contains(source) {
            throw StrapiError.validation("source \(source): only content types of the site (api) can be linked")
        }
        if form.field("path") != nil { throw StrapiError.validation("path is for the S3 provider only; files here are stored in git") }
        guard let type = snapshot.schema.contentType(singular: Self.singularName(ref)) else {
            throw StrapiError.validation("ref \(ref) names no content type")
        }
        guard let attribute = type.attribute(named: field), case .media(let multiple, _) = attribute.type else {
            throw StrapiError.validation("field \(field) is not a media attribute of \(type.singularName)")
        }
        guard let (key, view) = Self.entry(refId, type: type, snapshot: snapshot) else {
            throw StrapiError(.notFound, "NotFoundError", "No \(type.singularName) entry \(refId)")
        }
        return UploadEntryLink(type: type, attribute: attribute, multiple: multiple, key: key, view: view)
    }

    /// `api::article.article`, `plugin::x.article` and `article` all name `article`.
    static func singularName(_ ref: String) -> String {
        var name = Substring(ref)
        if let range = name.firstRange(of: "::") { name = name[range.upperBound...] }
        if let dot = name.lastIndex(of: ".") { name = name[name.index(after: dot)...] }
        return String(name)
    }

    /// The entry by documentId or numeric id, in the first locale that has it; its published
    /// version when there is one.
    private static func entry(_ refId: String, type: ContentType, snapshot: SiteSnapshot) -> (DocumentKey, View)? {
        let locales = type.localized ? snapshot.config.locales : [snapshot.config.defaultLocale]
        let views: [View] = type.draftAndPublish ? [.published, .draft] : [.published]
        let number = Int64(refId)
        for locale in locales {
            for view in views {
                if number == nil, DocumentID.isValid(refId) {
                    let key = DocumentKey(locale: locale, type: type.singularName, documentId: refId)
                    if snapshot.document(view: view, key: key) != nil { return (key, view) }
                } else if let number,
                          let found = snapshot.collection(view: view, locale: locale, type: type.singularName).documents.first(where: { $0.numericID == number }) {
                    return (found.key, view)
                }
            }
        }
        return nil
    }

    /// What the caller must be allowed: `update` on the type, and `publish` to change a live version.
    func authorize(_ principal: Principal, authenticator: Authenticator, config: SiteConfig) throws {
        var actions: [Action] = [.update]
        if type.draftAndPublish { actions.append(view == .published ? .publish : .viewDraft) }
        for action in actions where !authenticator.isAllowed(principal, action: action, type: type, config: config) {
            throw StrapiError.forbidden
        }
    }

    /// `allowedTypes` and the number of files, before anything is committed.
    func check(_ records: [MediaRecord]) throws {
        if !multiple, records.count > 1 {
            throw StrapiError.validation("\(attribute.name) holds one file; \(records.count) were sent")
        }
        guard case .media(_, let allowed) = attribute.type, !allowed.isEmpty else { return }
        for record in records where !allowed.contains(MediaFieldInput.group(of: record.mime)) {
            throw StrapiError.validation("\(attribute.name) accepts \(allowed.joined(separator: ", ")), not \(record.mime) (\(record.name))")
        }
    }

    /// Puts the committed files into the entry, re-reading it when another write came first.
    func apply(_ records: [MediaRecord], site: Site, author: Signature) async throws {
        let added = records.map(MediaFieldInput.reference)
        for _ in 1...16 {
            let snapshot = site.snapshot
            guard let current = snapshot.document(view: view, key: key) else { throw StrapiError.notFound }
            let value: Value
            if multiple {
                var list: [Value] = []
                switch current.fields[attribute.name] {
                case .array(let items)?: list = items
                case nil, .null?: break
                case let single?: list = [single]
                }
                value = .array(list + added)
            } else {
                value = added.first ?? .null
            }
            let write = WriteRequest(
                operation: .update(documentId: key.documentId), type: type.singularName, locale: key.locale, status: view,
                data: [attribute.name: value], ifMatch: current.blob.hex, author: author)
            do {
                _ = try await site.writeHashingPasswords(write)
                return
            } catch WriteError.preconditionFailed {
                continue
            }
        }
        throw StrapiError(.conflict, "ConflictError", "The entry kept changing; the upload was not linked")
    }
}
