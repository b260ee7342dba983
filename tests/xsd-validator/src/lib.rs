//! XSD 1.0 validation through the system libxml2, for tests: an independent check that schemas
//! compile and that instance documents conform, with each problem's file, line and column.
//!
//! ```no_run
//! let schema = xsd_validator::Schema::from_file("schemas/note.xsd").map_err(|d| d[0].to_string())?;
//! schema.validate_file("tests/data/note/valid/acceptance.xml").map_err(|d| d[0].to_string())?;
//! # Ok::<(), String>(())
//! ```
//!
//! Why hand-written declarations rather than the `libxml` crate: since 0.3.4 that crate generates
//! its bindings with bindgen in its build script, which needs libclang on the building machine,
//! and its wrappers are documented as not thread-safe. The two dozen functions used here have had
//! the same signatures throughout libxml2 2.x, so this crate declares them (`ffi.rs`) and needs
//! nothing but libxml2 itself at build time.
//!
//! Threads: libxml2 is initialised once per process; every call creates and frees its own parser
//! and validation contexts, and libxml2 keeps its error handler per thread, so tests may call this
//! crate from many threads at once. [`Schema`] and [`Document`] may move between threads; they
//! are not shared (`!Sync`).
//!
//! Network: never used. Documents are parsed with `XML_PARSE_NONET`, and the process-wide resource
//! loader installed at initialisation loads local files only: a schema that includes or imports
//! `http://…` gets the local file an XML catalog maps that address to (the catalogs listed in
//! `XML_CATALOG_FILES`, read once per process, as `xmllint` and the generator read them), and
//! otherwise fails to find it instead of fetching it. (That loader applies to any other libxml2
//! user in the same process, which tests do not have.)

mod ffi;

use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::fmt;
use std::path::Path;
use std::ptr::{self, NonNull};
use std::sync::Once;

/// One message libxml2 reported while reading or checking a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the message is about, when libxml2 knows it.
    pub file: Option<String>,
    /// 1-based; 0 when unknown.
    pub line: u32,
    /// 1-based; 0 when unknown (libxml2 gives columns for syntax errors, not for validity errors).
    pub column: u32,
    pub message: String,
    pub severity: Severity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Warning,
    Error,
}

/// `file:line:column: message`, leaving out the parts libxml2 did not give.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut located = false;
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            located = true;
        }
        for n in [self.line, self.column] {
            if n == 0 {
                break;
            }
            write!(f, ":{n}")?;
            located = true;
        }
        if located {
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// A compiled XML Schema.
pub struct Schema {
    raw: NonNull<ffi::XmlSchema>,
}

// libxml2 allocations are not tied to the thread that made them.
unsafe impl Send for Schema {}

impl Schema {
    /// Reads and compiles the schema at `path` with the schemas it includes, imports and redefines.
    /// Fails with libxml2's errors if any file is not well-formed or the schema is not valid XSD 1.0
    /// (libxml2 also checks Unique Particle Attribution).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Schema, Vec<Diagnostic>> {
        let path = path.as_ref();
        let c_path = c_path(path)?;
        let (raw, diagnostics) = collecting(|| unsafe {
            let ctxt = ffi::xmlSchemaNewParserCtxt(c_path.as_ptr());
            if ctxt.is_null() {
                return ptr::null_mut();
            }
            ffi::xmlSchemaSetParserStructuredErrors(ctxt, Some(on_error), ptr::null_mut());
            let schema = ffi::xmlSchemaParse(ctxt);
            ffi::xmlSchemaFreeParserCtxt(ctxt);
            schema
        });
        match NonNull::new(raw) {
            Some(raw) => Ok(Schema { raw }),
            None => Err(failure(diagnostics, path, "libxml2 could not compile the schema")),
        }
    }

    /// Checks a parsed document against the schema. A document libxml2 reported namespace errors
    /// for (an undeclared prefix) fails whatever the schema says of the tree libxml2 made of it: it
    /// is not namespace-well-formed, so it is no instance of any schema, yet a lax wildcard may
    /// accept the element that landed in no namespace.
    pub fn validate(&self, document: &Document) -> Result<(), Vec<Diagnostic>> {
        let (status, diagnostics) = collecting(|| unsafe {
            let ctxt = ffi::xmlSchemaNewValidCtxt(self.raw.as_ptr());
            if ctxt.is_null() {
                return -1;
            }
            ffi::xmlSchemaSetValidStructuredErrors(ctxt, Some(on_error), ptr::null_mut());
            let status = ffi::xmlSchemaValidateDoc(ctxt, document.raw.as_ptr());
            ffi::xmlSchemaFreeValidCtxt(ctxt);
            status
        });
        // The document's own errors (an undeclared prefix) come first: they usually explain the
        // invalidity, and are the whole of it when the schema accepted the tree.
        let mut errors = document.errors().cloned().collect::<Vec<_>>();
        if status != 0 {
            errors.extend(failure(diagnostics, &document.path, "libxml2 could not validate the document"));
        }
        match errors.is_empty() {
            true => Ok(()),
            false => Err(errors),
        }
    }

    /// Parses the document at `path` and checks it: [`Document::from_file`] then [`Schema::validate`].
    pub fn validate_file(&self, path: impl AsRef<Path>) -> Result<(), Vec<Diagnostic>> {
        self.validate(&Document::from_file(path)?)
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        unsafe { ffi::xmlSchemaFree(self.raw.as_ptr()) }
    }
}

/// A parsed XML document.
pub struct Document {
    raw: NonNull<ffi::XmlDoc>,
    path: std::path::PathBuf,
    diagnostics: Vec<Diagnostic>,
}

unsafe impl Send for Document {}

impl Document {
    /// Parses the file at `path`. Fails with libxml2's errors if it cannot be read or is not
    /// well-formed. Like libxml2 (and `xmllint`), it accepts a document with namespace errors,
    /// such as an undeclared prefix, with those errors in [`Document::diagnostics`];
    /// [`Schema::validate`] then fails.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Document, Vec<Diagnostic>> {
        let path = path.as_ref();
        let c_path = c_path(path)?;
        Document::read(path, |ctxt, options| unsafe {
            ffi::xmlCtxtReadFile(ctxt, c_path.as_ptr(), ptr::null(), options)
        })
    }

    /// Parses `xml`, held in memory, as [`Document::from_file`] parses a file; `name` stands for
    /// the file in messages.
    pub fn from_text(xml: &str, name: &str) -> Result<Document, Vec<Diagnostic>> {
        let path = Path::new(name);
        let c_name = c_path(path)?;
        let Ok(size) = i32::try_from(xml.len()) else {
            return Err(vec![diagnostic(None, format!("{name}: the document is too large for libxml2"))]);
        };
        Document::read(path, |ctxt, options| unsafe {
            ffi::xmlCtxtReadMemory(ctxt, xml.as_ptr().cast(), size, c_name.as_ptr(), ptr::null(), options)
        })
    }

    /// Parses with a parser context of its own and the options every document gets; `read` calls
    /// the libxml2 reader with them. `path` names the document in messages.
    fn read(
        path: &Path,
        read: impl FnOnce(*mut ffi::XmlParserCtxt, c_int) -> *mut ffi::XmlDoc,
    ) -> Result<Document, Vec<Diagnostic>> {
        let (raw, diagnostics) = collecting(|| unsafe {
            let ctxt = ffi::xmlNewParserCtxt();
            if ctxt.is_null() {
                return ptr::null_mut();
            }
            let doc = read(ctxt, ffi::XML_PARSE_NONET | ffi::XML_PARSE_BIG_LINES);
            ffi::xmlFreeParserCtxt(ctxt);
            doc
        });
        match NonNull::new(raw) {
            Some(raw) => Ok(Document { raw, path: path.to_owned(), diagnostics }),
            None => Err(failure(diagnostics, path, "libxml2 could not parse the document")),
        }
    }

    /// What libxml2 reported while parsing a document it still accepted (namespace errors, warnings).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error)
    }

    /// Evaluates an XPath 1.0 expression and converts the result to a string, as XPath's
    /// `string()` does (so `namespace-uri(/*)` gives the root element's namespace).
    pub fn xpath_string(&self, expression: &str) -> Result<String, Vec<Diagnostic>> {
        let c_expression = CString::new(expression).map_err(|_| {
            vec![diagnostic(None, format!("XPath expression contains a NUL byte: {expression:?}"))]
        })?;
        let (value, diagnostics) = collecting(|| unsafe {
            let ctxt = ffi::xmlXPathNewContext(self.raw.as_ptr());
            if ctxt.is_null() {
                return None;
            }
            let object = ffi::xmlXPathEvalExpression(c_expression.as_ptr().cast(), ctxt);
            let value = if object.is_null() {
                None
            } else {
                let string = ffi::xmlXPathCastToString(object);
                ffi::xmlXPathFreeObject(object);
                take_xml_string(string)
            };
            ffi::xmlXPathFreeContext(ctxt);
            value
        });
        value.ok_or_else(|| failure(diagnostics, &self.path, &format!("cannot evaluate {expression:?}")))
    }
}

impl Drop for Document {
    fn drop(&mut self) {
        unsafe { ffi::xmlFreeDoc(self.raw.as_ptr()) }
    }
}

fn init() {
    static INIT: Once = Once::new();
    INIT.call_once(|| unsafe {
        ffi::xmlInitParser();
        // Before any thread parses a schema: two threads building the built-in type table at once
        // left one of them without `xs:decimal` ("does not resolve to a simple type definition").
        ffi::xmlSchemaInitTypes();
        ffi::xmlSetExternalEntityLoader(Some(local_only_loader));
        // Without `XML_CATALOG_FILES` libxml2 would read `/etc/xml/catalog`, which differs from
        // machine to machine; the generator does not read it unless listed either.
        if std::env::var_os("XML_CATALOG_FILES").is_none() {
            ffi::xmlCatalogSetDefaults(ffi::XML_CATA_ALLOW_NONE);
        }
    });
}

thread_local! {
    /// Where this thread's libxml2 messages go while a call of this crate runs.
    static SINK: RefCell<Option<Vec<Diagnostic>>> = const { RefCell::new(None) };
}

/// Runs `call` with libxml2's messages on this thread collected, and returns them with its result.
fn collecting<T>(call: impl FnOnce() -> T) -> (T, Vec<Diagnostic>) {
    /// Restores libxml2's default error handler even if `call` unwinds.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            unsafe { ffi::xmlSetStructuredErrorFunc(ptr::null_mut(), None) }
        }
    }

    init();
    SINK.with(|sink| *sink.borrow_mut() = Some(Vec::new()));
    let reset = Reset;
    // Messages without a context of their own (document syntax, I/O) go to the thread's handler;
    // the schema contexts get the same handler explicitly.
    unsafe { ffi::xmlSetStructuredErrorFunc(ptr::null_mut(), Some(on_error)) };
    let result = call();
    drop(reset);
    let diagnostics = SINK.with(|sink| sink.borrow_mut().take()).unwrap_or_default();
    (result, diagnostics)
}

fn record(diagnostic: Diagnostic) {
    // No panic may cross back into C: a message arriving outside `collecting` is dropped.
    let _ = SINK.try_with(|sink| {
        if let Ok(mut sink) = sink.try_borrow_mut() {
            if let Some(list) = sink.as_mut() {
                list.push(diagnostic);
            }
        }
    });
}

unsafe extern "C" fn on_error(_: *mut c_void, error: *const ffi::XmlError) {
    let Some(error) = (unsafe { error.as_ref() }) else { return };
    let text = |p: *const c_char| {
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
    };
    record(Diagnostic {
        file: text(error.file),
        line: error.line.max(0) as u32,
        column: error.int2.max(0) as u32,
        message: text(error.message).unwrap_or_default().trim_end_matches(char::is_whitespace).to_owned(),
        severity: if error.level <= ffi::XML_ERR_WARNING { Severity::Warning } else { Severity::Error },
    });
}

/// The process-wide resource loader: local files only (see the crate documentation).
unsafe extern "C" fn local_only_loader(
    url: *const c_char,
    id: *const c_char,
    ctxt: *mut ffi::XmlParserCtxt,
) -> *mut ffi::XmlParserInput {
    // libxml2's own no-network loader: the XML catalogs first, then local files; it refuses an
    // `http:` or `ftp:` address that no catalog maps, and other schemes are opened as file names
    // (which no file has).
    let input = unsafe { ffi::xmlNoNetExternalEntityLoader(url, id, ctxt) };
    if input.is_null() && !url.is_null() {
        let url_text = unsafe { CStr::from_ptr(url) }.to_string_lossy();
        if uri_scheme(&url_text).is_some_and(|scheme| !scheme.eq_ignore_ascii_case("file")) {
            record(Diagnostic {
                file: Some(url_text.clone().into_owned()),
                line: 0,
                column: 0,
                message: format!("refused to load {url_text}: network access is disabled"),
                severity: Severity::Error,
            });
        }
    }
    input
}

/// The scheme of an absolute URI (`http` in `http://…`); `None` for paths, including `C:\…`.
fn uri_scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let valid = chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (starts_with_letter && valid && scheme.len() > 1).then_some(scheme)
}

/// Copies and frees a string libxml2 allocated.
unsafe fn take_xml_string(string: *mut u8) -> Option<String> {
    if string.is_null() {
        return None;
    }
    let value = unsafe { CStr::from_ptr(string.cast()) }.to_string_lossy().into_owned();
    let mut free = None;
    unsafe {
        ffi::xmlMemGet(&mut free, ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        if let Some(free) = free {
            free(string.cast());
        }
    }
    Some(value)
}

fn c_path(path: &Path) -> Result<CString, Vec<Diagnostic>> {
    let text = path.to_str().ok_or_else(|| vec![diagnostic(Some(path), "path is not valid UTF-8".into())])?;
    CString::new(text).map_err(|_| vec![diagnostic(Some(path), "path contains a NUL byte".into())])
}

fn diagnostic(file: Option<&Path>, message: String) -> Diagnostic {
    let file = file.map(|p| p.display().to_string());
    Diagnostic { file, line: 0, column: 0, message, severity: Severity::Error }
}

/// The errors of a failed call: its error messages, else whatever libxml2 said, else `fallback`.
fn failure(diagnostics: Vec<Diagnostic>, file: &Path, fallback: &str) -> Vec<Diagnostic> {
    let errors: Vec<Diagnostic> =
        diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
    match (errors.is_empty(), diagnostics.is_empty()) {
        (false, _) => errors,
        (true, false) => diagnostics,
        (true, true) => vec![diagnostic(Some(file), fallback.to_owned())],
    }
}
