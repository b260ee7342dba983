//! XML 1.1's extra line ends, NEL (U+0085) and U+2028, normalised before the document is parsed, as
//! XML 1.1 §2.11 says a processor does: in markup they are then the white space they stand for
//! (between attributes, before a tag's `>`, after a processing instruction's target, inside the
//! DOCTYPE), and in text and attribute values the line feed (or space) an application sees. The
//! tokenizer and the text rules then know XML 1.0's line ends only. Documents that do not declare
//! version 1.1, and 1.1 documents without such characters, are read as they are, uncopied.

use std::borrow::Cow;

use super::{declaration, ReadOptions};

/// `input` with NEL and U+2028 turned into `\n` when its XML declaration says version 1.1 and it
/// holds either; otherwise `input` itself. (`\r` NEL becomes `\r\n`, which the reader takes as one
/// line end, as 1.1 says.) A malformed declaration, or one holding NEL (1.1 forbids it there, since
/// it cannot be known to be a line end before the declaration is read), and an input longer than
/// `options.max_size` leave the input as it is for the reader to refuse.
pub(crate) fn line_ends_normalised<'a>(input: &'a str, options: &ReadOptions) -> Cow<'a, str> {
    if input.len() > options.max_size {
        return Cow::Borrowed(input);
    }
    let document = input.strip_prefix('\u{feff}').unwrap_or(input);
    let Some(after_xml) = document.strip_prefix("<?xml") else { return Cow::Borrowed(input) };
    let Some(end) = after_xml.find("?>") else { return Cow::Borrowed(input) };
    let declares_1_1 = matches!(declaration::parse(&after_xml[..end]), Ok(d) if d.version == "1.1");
    if !declares_1_1 || !input.contains(['\u{85}', '\u{2028}']) {
        return Cow::Borrowed(input);
    }
    Cow::Owned(input.replace(['\u{85}', '\u{2028}'], "\n"))
}

/// The offset and character of the first NEL or U+2028 in `input`: in a 1.1 document the reader
/// was given, one that [`line_ends_normalised`] did not see.
pub(super) fn first_line_end(input: &str) -> Option<(usize, char)> {
    input.char_indices().find(|&(_, c)| matches!(c, '\u{85}' | '\u{2028}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_ends_normalised(input: &str) -> Cow<'_, str> {
        super::line_ends_normalised(input, &ReadOptions::default())
    }

    #[test]
    fn only_xml_1_1_documents_holding_the_new_line_ends_change() {
        let nel = "<a\u{85}x='1'\u{2028}/>";
        for kept in [
            nel.to_owned(),
            format!("<?xml version='1.0'?>{nel}"),
            format!("<?xml version='1.1' encoding='x' bad?>{nel}"),
            "<?xml version='1.1'?><a x='1'/>".to_owned(),
            format!("<?xml version='1.1'\u{85}?>{nel}"),
            format!("<a/><?xml version='1.1'?>{nel}"),
        ] {
            assert!(matches!(line_ends_normalised(&kept), Cow::Borrowed(_)), "{kept:?}");
        }
        let bom = "\u{feff}<?xml version=\"1.1\"?>\r\u{85}<a\u{85}x='\u{2028}'>\u{85}</a\u{2028}>";
        assert_eq!(line_ends_normalised(bom), "\u{feff}<?xml version=\"1.1\"?>\r\n<a\nx='\n'>\n</a\n>");
        // Over the size limit, the reader refuses it as it stands, not shorter.
        let limit = ReadOptions::default().max_size(bom.len() - 1);
        assert!(matches!(super::line_ends_normalised(bom, &limit), Cow::Borrowed(_)));
    }

    #[test]
    fn first_line_end_finds_either_character() {
        assert_eq!(first_line_end("ab\u{2028}\u{85}"), Some((2, '\u{2028}')));
        assert_eq!(first_line_end("é\u{85}"), Some((2, '\u{85}')));
        assert_eq!(first_line_end("\u{84}\u{86}\u{2029}"), None);
    }
}
