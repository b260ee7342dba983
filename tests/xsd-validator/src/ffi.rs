//! The few libxml2 functions this crate calls, declared by hand from libxml2's public headers
//! (`xmlschemas.h`, `parser.h`, `xmlIO.h`, `xmlerror.h`, `xpath.h`, `xmlmemory.h`). Every handle is
//! opaque except `xmlError`, whose layout is part of libxml2's stable 2.x ABI.

use std::ffi::{c_char, c_int, c_void};

/// Declares opaque handle types: only ever used behind raw pointers.
macro_rules! opaque {
    ($($name:ident),*) => {$(
        #[repr(C)]
        pub struct $name {
            _private: [u8; 0],
        }
    )*};
}
opaque!(
    XmlDoc,
    XmlParserCtxt,
    XmlParserInput,
    XmlSchema,
    XmlSchemaParserCtxt,
    XmlSchemaValidCtxt,
    XmlXPathContext,
    XmlXPathObject
);

/// `xmlError` (`xmlerror.h`).
#[repr(C)]
pub struct XmlError {
    pub domain: c_int,
    pub code: c_int,
    pub message: *const c_char,
    pub level: c_int,
    pub file: *const c_char,
    pub line: c_int,
    pub str1: *const c_char,
    pub str2: *const c_char,
    pub str3: *const c_char,
    pub int1: c_int,
    /// The column, or 0 when unknown.
    pub int2: c_int,
    pub ctxt: *mut c_void,
    pub node: *mut c_void,
}

/// `xmlErrorLevel`: `XML_ERR_WARNING`; `XML_ERR_ERROR` and `XML_ERR_FATAL` are above it.
pub const XML_ERR_WARNING: c_int = 1;

/// `xmlParserOption` values.
pub const XML_PARSE_NONET: c_int = 1 << 11;
pub const XML_PARSE_BIG_LINES: c_int = 1 << 22;

/// `xmlCatalogAllow`: no catalog at all.
pub const XML_CATA_ALLOW_NONE: c_int = 0;

pub type StructuredErrorFunc = unsafe extern "C" fn(user_data: *mut c_void, error: *const XmlError);
pub type ExternalEntityLoader = unsafe extern "C" fn(
    url: *const c_char,
    id: *const c_char,
    ctxt: *mut XmlParserCtxt,
) -> *mut XmlParserInput;
pub type FreeFunc = unsafe extern "C" fn(mem: *mut c_void);
pub type MallocFunc = unsafe extern "C" fn(size: usize) -> *mut c_void;
pub type ReallocFunc = unsafe extern "C" fn(mem: *mut c_void, size: usize) -> *mut c_void;
pub type StrdupFunc = unsafe extern "C" fn(s: *const c_char) -> *mut c_char;

extern "C" {
    pub fn xmlInitParser();
    /// Builds the table of XML Schema's built-in types. libxml2 before 2.11 does it lazily and not
    /// thread-safely, on the first schema parsed; later versions do it in `xmlInitParser`.
    pub fn xmlSchemaInitTypes();
    pub fn xmlMemGet(
        free: *mut Option<FreeFunc>,
        malloc: *mut Option<MallocFunc>,
        realloc: *mut Option<ReallocFunc>,
        strdup: *mut Option<StrdupFunc>,
    ) -> c_int;

    // Errors and resource loading. The structured error function is per thread in libxml2 builds
    // with thread support (all distribution builds); the entity loader is process-wide.
    pub fn xmlSetStructuredErrorFunc(ctx: *mut c_void, handler: Option<StructuredErrorFunc>);
    pub fn xmlSetExternalEntityLoader(loader: Option<ExternalEntityLoader>);
    pub fn xmlNoNetExternalEntityLoader(
        url: *const c_char,
        id: *const c_char,
        ctxt: *mut XmlParserCtxt,
    ) -> *mut XmlParserInput;
    /// Which catalogs resource loading consults: [`XML_CATA_ALLOW_NONE`] turns them off.
    pub fn xmlCatalogSetDefaults(allow: c_int);

    // Documents.
    pub fn xmlNewParserCtxt() -> *mut XmlParserCtxt;
    pub fn xmlCtxtReadFile(
        ctxt: *mut XmlParserCtxt,
        filename: *const c_char,
        encoding: *const c_char,
        options: c_int,
    ) -> *mut XmlDoc;
    pub fn xmlCtxtReadMemory(
        ctxt: *mut XmlParserCtxt,
        buffer: *const c_char,
        size: c_int,
        url: *const c_char,
        encoding: *const c_char,
        options: c_int,
    ) -> *mut XmlDoc;
    pub fn xmlFreeParserCtxt(ctxt: *mut XmlParserCtxt);
    pub fn xmlFreeDoc(doc: *mut XmlDoc);

    // Schemas.
    pub fn xmlSchemaNewParserCtxt(url: *const c_char) -> *mut XmlSchemaParserCtxt;
    pub fn xmlSchemaSetParserStructuredErrors(
        ctxt: *mut XmlSchemaParserCtxt,
        handler: Option<StructuredErrorFunc>,
        ctx: *mut c_void,
    );
    pub fn xmlSchemaParse(ctxt: *mut XmlSchemaParserCtxt) -> *mut XmlSchema;
    pub fn xmlSchemaFreeParserCtxt(ctxt: *mut XmlSchemaParserCtxt);
    pub fn xmlSchemaFree(schema: *mut XmlSchema);
    pub fn xmlSchemaNewValidCtxt(schema: *mut XmlSchema) -> *mut XmlSchemaValidCtxt;
    pub fn xmlSchemaSetValidStructuredErrors(
        ctxt: *mut XmlSchemaValidCtxt,
        handler: Option<StructuredErrorFunc>,
        ctx: *mut c_void,
    );
    pub fn xmlSchemaValidateDoc(ctxt: *mut XmlSchemaValidCtxt, doc: *mut XmlDoc) -> c_int;
    pub fn xmlSchemaFreeValidCtxt(ctxt: *mut XmlSchemaValidCtxt);

    // XPath, for small queries on a parsed document.
    pub fn xmlXPathNewContext(doc: *mut XmlDoc) -> *mut XmlXPathContext;
    pub fn xmlXPathEvalExpression(expr: *const u8, ctxt: *mut XmlXPathContext) -> *mut XmlXPathObject;
    pub fn xmlXPathCastToString(obj: *mut XmlXPathObject) -> *mut u8;
    pub fn xmlXPathFreeObject(obj: *mut XmlXPathObject);
    pub fn xmlXPathFreeContext(ctxt: *mut XmlXPathContext);
}
