#!/usr/bin/env bash
# Regenerates xml.dict: XML syntax tokens plus the namespaces, element and attribute names and
# enumeration values of schemas/. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"
quote() { sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/'; }
{
  echo '# libFuzzer dictionary for the Enhanced Presence fuzz targets (cargo fuzz run <target> -- -dict=xml.dict).'
  echo '# XML syntax, then the namespaces, element and attribute names of schemas/ (regenerate with gen-dict.sh).'
  printf '%s\n' '<?xml version="1.0"?>' '<!--' '-->' '<![CDATA[' ']]>' '<!DOCTYPE' '<!ENTITY' '<?' '?>' '</' '/>' \
    'xmlns=' 'xmlns:' 'xsi:type=' 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' \
    'http://www.w3.org/2001/XMLSchema-instance' '&amp;' '&lt;' '&#x' '&#' 'true' 'false' \
    '2010-01-01T00:00:00Z' '+00:00' '.5' '-1' '4294967296' | quote
  # Reserved names and the DOCTYPE: where a reader and a writer disagree about what may be declared.
  printf '%s\n' 'xml:' 'xmlns:xml=' 'xml:lang=' 'xml:space="preserve"' 'xml:base=' \
    'http://www.w3.org/XML/1998/namespace' 'http://www.w3.org/2000/xmlns/' 'xmlns:xmlns=' \
    'xsi:type' 'xsi:nil="true"' 'xsi:schemaLocation=' 'xsi:noNamespaceSchemaLocation=' 'xmlns:p=""' \
    'xmlns=""' '<?xml version="1.1"?>' ' encoding="UTF-8"' ' encoding="UTF-16"' \
    ' encoding="ISO-8859-1"' ' encoding="US-ASCII"' | quote
  # Byte-order marks before `<?` in UTF-16 (libFuzzer's escapes, not quoted again).
  printf '%s\n' '"\xFE\xFF\x00<\x00?"' '"\xFF\xFE<\x00?\x00"'
  printf '%s\n' ' standalone="yes"' '<!DOCTYPE note' \
    ' SYSTEM "' ' PUBLIC "' ' [' ']>' '<!ELEMENT' '<!ATTLIST' '<!NOTATION' ' NDATA ' '&#x1;' '&#xD;' '&#x10FFFF;' | quote
  grep -ho 'targetNamespace="[^"]*"' ../schemas/*.xsd | sed 's/targetNamespace="\(.*\)"/\1/' | sort -u | quote
  grep -ho '<xs:element name="[^"]*"' ../schemas/*.xsd | sed 's/.*name="\(.*\)"/<\1/' | sort -u | quote
  grep -ho '<xs:attribute name="[^"]*"' ../schemas/*.xsd | sed 's/.*name="\(.*\)"/ \1=/' | sort -u | quote
  grep -ho '<xs:enumeration value="[^"]*"' ../schemas/*.xsd | sed 's/.*value="\(.*\)"/\1/' | sort -u | quote
} > xml.dict
