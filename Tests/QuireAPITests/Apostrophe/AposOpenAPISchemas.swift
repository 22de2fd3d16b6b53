/// Schemas from apostrophecms/apostrophe packages/apostrophecms-openapi/apostrophecms-openapi.yaml (MIT) at 9438e77, refs rewritten to $defs. PieceList is the inline list answer of GET /@apostrophecms/user with its items described by the generic document properties of the Page schema (the file has no generic piece path; its PaginatedResponse envelope is wrong, see apostrophe-api.md section 13).
let aposOfficialSchemas = #"""
{
 "$defs": {
  "PieceList": {
   "type": "object",
   "properties": {
    "results": {
     "type": "array",
     "items": {
      "$ref": "#/$defs/PieceDocument"
     }
    },
    "pages": {
     "type": "integer",
     "description": "Total number of pages"
    },
    "currentPage": {
     "type": "integer",
     "description": "Current page number"
    }
   },
   "required": [
    "results",
    "pages",
    "currentPage"
   ]
  },
  "LocalesResponse": {
   "type": "object",
   "description": "Object containing all configured locales",
   "additionalProperties": {
    "type": "object",
    "properties": {
     "label": {
      "type": "string",
      "description": "Human-readable locale name",
      "example": "English"
     },
     "_edit": {
      "type": "boolean",
      "description": "Whether current user can edit content in this locale",
      "example": true
     }
    }
   },
   "example": {
    "en": {
     "label": "English",
     "_edit": true
    },
    "fr": {
     "label": "French",
     "_edit": false
    }
   },
   "title": "LocalesResponse"
  },
  "ExistInLocaleResponse": {
   "type": "object",
   "properties": {
    "originalLocaleIds": {
     "type": "array",
     "items": {
      "type": "string"
     },
     "description": "Array of document IDs in the original locale and mode",
     "example": [
      "cloydg3ka0005qcls5vmg8sb9:en:published",
      "cloydg3ka0005qcls5vmg8sb8:en:published"
     ]
    },
    "newLocaleIds": {
     "type": "array",
     "items": {
      "type": "string"
     },
     "description": "Array of document IDs in the new locale",
     "example": [
      "cloydg3ka0005qcls5vmg8sb9:fr:published",
      "cloydg3ka0005qcls5vmg8sb8:fr:published"
     ]
    },
    "aposDocIds": {
     "type": "array",
     "items": {
      "type": "string"
     },
     "description": "Array of aposDocId values for the documents",
     "example": [
      "cloydg3ka0005qcls5vmg8sb9",
      "cloydg3ka0005qcls5vmg8sb8"
     ]
    }
   },
   "title": "ExistInLocaleResponse"
  },
  "PageTreeResponse": {
   "type": "object",
   "description": "Complete page data with nested children structure - perfect for building navigation",
   "properties": {
    "_id": {
     "type": "string",
     "description": "Unique document identifier",
     "example": "ckhdscx5900054z9k88uqs16w"
    },
    "orphan": {
     "type": "boolean",
     "description": "Whether page is excluded from navigation menus",
     "example": false
    },
    "visibility": {
     "type": "string",
     "enum": [
      "public",
      "loginRequired",
      "private"
     ],
     "description": "Page visibility setting - controls who can view this page",
     "example": "public"
    },
    "type": {
     "type": "string",
     "description": "Page type identifier (configured in your project)",
     "example": "@apostrophecms/home-page"
    },
    "title": {
     "type": "string",
     "description": "Page title - used for navigation and SEO",
     "example": "Home Page"
    },
    "slug": {
     "type": "string",
     "description": "URL slug for the page",
     "example": "/"
    },
    "rank": {
     "type": "integer",
     "description": "Order among sibling pages (for navigation sorting)",
     "example": 0
    },
    "level": {
     "type": "integer",
     "description": "Page tree depth level (0 = home page)",
     "example": 0
    },
    "path": {
     "type": "string",
     "description": "Ancestor path of page IDs",
     "example": "ckhdscx5900054z9k88uqs16w"
    },
    "_url": {
     "type": "string",
     "format": "uri",
     "description": "Complete page URL - use this for links",
     "example": "http://localhost:3000/"
    },
    "_ancestors": {
     "type": "array",
     "items": {
      "$ref": "#/$defs/PageSummary"
     },
     "description": "Array of ancestor pages (for breadcrumbs)"
    },
    "_children": {
     "type": "array",
     "items": {
      "$ref": "#/$defs/PageTreeResponse"
     },
     "description": "Array of child pages (nested structure)"
    },
    "createdAt": {
     "type": "string",
     "format": "date-time",
     "description": "ISO date of creation"
    },
    "updatedAt": {
     "type": "string",
     "format": "date-time",
     "description": "ISO date of last update"
    },
    "archived": {
     "type": "boolean",
     "description": "Whether page is archived (hidden from normal views)",
     "example": false
    },
    "historicUrls": {
     "type": "array",
     "items": {
      "type": "string"
     },
     "description": "Previous URLs that redirect to this page (SEO preservation)"
    },
    "metaType": {
     "type": "string",
     "example": "doc"
    },
    "titleSortified": {
     "type": "string",
     "description": "Sortable version of title"
    },
    "updatedBy": {
     "$ref": "#/$defs/User"
    },
    "_edit": {
     "type": "boolean",
     "description": "Whether current user can edit this page"
    }
   },
   "title": "PageTreeResponse"
  },
  "PieceDocument": {
   "type": "object",
   "properties": {
    "_id": {
     "type": "string",
     "description": "Unique document identifier, may include mode and locale (e.g., \"id:en:published\")",
     "example": "ckhdscx5900054z9k88uqs16w:en:published"
    },
    "aposDocId": {
     "type": "string",
     "description": "Base document ID without mode/locale qualifiers",
     "example": "ckhdscx5900054z9k88uqs16w"
    },
    "aposLocale": {
     "type": "string",
     "description": "Document locale code",
     "example": "en"
    },
    "aposMode": {
     "type": "string",
     "description": "Document mode (draft or published)",
     "enum": [
      "draft",
      "published"
     ],
     "example": "published"
    },
    "archived": {
     "type": "boolean",
     "description": "Whether the page is archived",
     "default": false
    },
    "createdAt": {
     "type": "string",
     "format": "date-time",
     "description": "Page creation timestamp",
     "example": "2023-01-15T10:30:00.000Z"
    },
    "updatedAt": {
     "type": "string",
     "format": "date-time",
     "description": "Page last update timestamp",
     "example": "2024-12-18T14:20:00.000Z"
    },
    "slug": {
     "type": "string",
     "description": "URL slug for the page",
     "example": "/about-us"
    },
    "visibility": {
     "type": "string",
     "description": "Page visibility setting",
     "enum": [
      "public",
      "loginRequired",
      "private"
     ],
     "default": "public",
     "example": "public"
    },
    "type": {
     "type": "string",
     "description": "Page type module name",
     "example": "@apostrophecms/page"
    },
    "title": {
     "type": "string",
     "description": "Page title",
     "example": "About Us",
     "maxLength": 100
    }
   },
   "required": [
    "_id",
    "aposDocId",
    "type",
    "title",
    "slug"
   ],
   "additionalProperties": true
  },
  "PageSummary": {
   "type": "object",
   "description": "Abbreviated page information for ancestors/references",
   "properties": {
    "_id": {
     "type": "string"
    },
    "title": {
     "type": "string"
    },
    "slug": {
     "type": "string"
    },
    "type": {
     "type": "string"
    },
    "_url": {
     "type": "string",
     "format": "uri"
    },
    "level": {
     "type": "integer"
    },
    "rank": {
     "type": "integer"
    }
   },
   "title": "PageSummary"
  }
 }
}
"""#
