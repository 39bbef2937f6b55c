// Package charset converts HTML bytes in any character encoding to UTF-8.
//
// The encoding is determined cheaply first, in this order: byte order mark,
// the charset parameter of the transport's Content-Type, and the HTML
// specification's <meta> prescan of the first few kilobytes. Bytes that are
// valid UTF-8 are returned as they are, without a copy. Only when no usable
// declaration exists, or a UTF-8 declaration is contradicted by the bytes,
// does a small statistical detector look at a sample of the document.
//
// The output is always valid UTF-8 without NUL bytes.
package charset

import (
	"bytes"
	"mime"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

const (
	// prescanLimit is how many leading bytes are searched for a <meta>
	// charset declaration.
	prescanLimit = 4096
	// sampleLimit is how many bytes the fallback detector looks at, at most.
	sampleLimit = 1 << 20
)

// Names of encodings that this package returns without consulting htmlindex.
const (
	nameUTF8    = "utf-8"
	nameUTF16LE = "utf-16le"
	nameUTF16BE = "utf-16be"
)

// Decode converts data to UTF-8 and returns the name of the encoding it was
// decoded from, as a WHATWG encoding name ("utf-8", "windows-1252",
// "shift_jis", "gb18030", ...). contentType is the transport's Content-Type
// header value and may be empty.
//
// When data is already valid UTF-8 without NUL bytes and nothing points to a
// different encoding, Decode returns data itself: it neither copies nor
// allocates. Otherwise the result is a new slice. The result is always valid
// UTF-8; NUL bytes are dropped and undecodable bytes become U+FFFD.
func Decode(data []byte, contentType string) ([]byte, string) {
	// a. Byte order mark.
	switch {
	case len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF:
		return sanitize(data[3:], false), nameUTF8
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		return decodeUTF16(data[2:], unicode.LittleEndian), nameUTF16LE
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		return decodeUTF16(data[2:], unicode.BigEndian), nameUTF16BE
	}

	// b. Transport-layer hint.
	if label, ok := contentTypeCharset(contentType); ok {
		if out, name, ok := decodeDeclared(data, lookup(label)); ok {
			return out, name
		}
	}

	// c. <meta> prescan.
	if out, name, ok := decodeDeclared(data, prescan(data[:min(len(data), prescanLimit)])); ok {
		return out, name
	}

	// d. Nothing usable was declared.
	return decodeUndeclared(data)
}

// decodeDeclared decodes data that declares (or is declared to be in) the
// encoding r. It reports false when the declaration is unusable (unknown,
// the "replacement" encoding, or contradicted by the bytes in a way that
// makes it worthless), so that the caller moves on to the next source of
// information.
func decodeDeclared(data []byte, r resolved) ([]byte, string, bool) {
	switch r.kind {
	case kindUTF8:
		st := scan(data)
		if st.valid {
			return stripNUL(data, st.hasNUL), nameUTF8, true
		}
		if st.hasNUL {
			if order, ok := utf16Pattern(data); ok {
				return decodeUTF16(data, order), utf16Name(order), true
			}
		}
		out, name := detect(data, st, true)
		return out, name, true

	case kindUTF16LE, kindUTF16BE:
		// Only a transport hint can get here (the prescan maps UTF-16 to
		// UTF-8). Trust it only if the bytes look like UTF-16, which is
		// cheap to check and guards against mislabeled ASCII pages.
		if order, ok := utf16Pattern(data); ok {
			return decodeUTF16(data, order), utf16Name(order), true
		}
		return nil, "", false

	case kindISO2022JP:
		// ISO-2022-JP is a 7-bit encoding: 8-bit bytes mean the
		// declaration is wrong.
		if firstNonASCII(data) == len(data) {
			return decodeWith(japanese.ISO2022JP, data), r.name, true
		}
		return nil, "", false

	case kindLegacy:
		st := scan(data)
		if st.hasNUL {
			if order, ok := utf16Pattern(data); ok {
				return decodeUTF16(data, order), utf16Name(order), true
			}
		}
		if st.firstHigh == len(data) {
			// Pure ASCII decodes to itself in every ASCII-compatible
			// legacy encoding.
			return stripNUL(data, st.hasNUL), r.name, true
		}
		if st.valid {
			// Multi-byte UTF-8 sequences practically never occur by
			// accident in legacy-encoded text: the declaration is stale
			// (typically a server default such as ISO-8859-1).
			return stripNUL(data, st.hasNUL), nameUTF8, true
		}
		return decodeWith(r.enc, data), r.name, true
	}
	// kindUnknown, kindReplacement: ignore the declaration.
	return nil, "", false
}

// decodeUndeclared decodes data for which no usable encoding was declared.
func decodeUndeclared(data []byte) ([]byte, string) {
	st := scan(data)
	if st.hasNUL {
		if order, ok := utf16Pattern(data); ok {
			return decodeUTF16(data, order), utf16Name(order)
		}
	}
	if st.valid {
		if st.firstHigh == len(data) && looksISO2022JP(data) {
			return decodeWith(japanese.ISO2022JP, data), "iso-2022-jp"
		}
		return stripNUL(data, st.hasNUL), nameUTF8
	}
	return detect(data, st, false)
}

// looksISO2022JP reports whether the beginning of 7-bit data contains an
// ISO-2022-JP escape sequence switching to JIS X 0208.
func looksISO2022JP(data []byte) bool {
	sample := data[:min(len(data), sampleLimit)]
	i := bytes.IndexByte(sample, 0x1B)
	for i >= 0 && i+2 < len(sample) {
		if sample[i+1] == '$' && (sample[i+2] == 'B' || sample[i+2] == '@') {
			return true
		}
		j := bytes.IndexByte(sample[i+1:], 0x1B)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// kind classifies a resolved encoding label.
type kind uint8

const (
	kindUnknown kind = iota
	kindUTF8
	kindUTF16LE
	kindUTF16BE
	kindISO2022JP
	kindReplacement
	kindLegacy
)

// resolved is an encoding label resolved per the WHATWG Encoding standard.
type resolved struct {
	kind kind
	enc  encoding.Encoding
	name string
}

// lookup resolves an encoding label. Unknown labels give kindUnknown.
func lookup(label string) resolved {
	label = strings.Trim(label, " \t\n\f\r")
	// Fast path for the overwhelmingly common label, without allocating.
	if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
		return resolved{kind: kindUTF8, name: nameUTF8}
	}
	if label == "" {
		return resolved{}
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return resolved{}
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return resolved{}
	}
	r := resolved{enc: enc, name: name}
	switch name {
	case nameUTF8:
		r.kind = kindUTF8
	case nameUTF16LE:
		r.kind = kindUTF16LE
	case nameUTF16BE:
		r.kind = kindUTF16BE
	case "iso-2022-jp":
		r.kind = kindISO2022JP
	case "replacement":
		r.kind = kindReplacement
	default:
		r.kind = kindLegacy
	}
	return r
}

// contentTypeCharset extracts the charset parameter of a Content-Type value.
// It is lenient: it first scans the parameters itself (which tolerates
// malformed media types and does not allocate) and falls back to
// mime.ParseMediaType for the syntax only that understands (RFC 2231
// "charset*=" parameters).
func contentTypeCharset(contentType string) (string, bool) {
	if contentType == "" {
		return "", false
	}
	rest := contentType
	for {
		semi := strings.IndexByte(rest, ';')
		if semi < 0 {
			break
		}
		rest = rest[semi+1:]
		param := rest
		if end := strings.IndexByte(param, ';'); end >= 0 {
			param = param[:end]
		}
		key, value, ok := strings.Cut(param, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(key), "charset") {
			continue
		}
		value = strings.TrimSpace(value)
		if len(value) >= 2 && (value[0] == '"' || value[0] == '\'') && value[len(value)-1] == value[0] {
			value = value[1 : len(value)-1]
		}
		value = strings.TrimSpace(value)
		if value != "" {
			return value, true
		}
	}
	if !containsFold(contentType, "charset") {
		return "", false
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil && params == nil {
		return "", false
	}
	if cs := strings.TrimSpace(params["charset"]); cs != "" {
		return cs, true
	}
	return "", false
}

// containsFold reports whether s contains the lower-case ASCII word sub,
// ignoring ASCII case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// decodeWith decodes all of data with enc and returns valid UTF-8 without
// NUL bytes.
func decodeWith(enc encoding.Encoding, data []byte) []byte {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		// The WHATWG decoders substitute U+FFFD rather than fail, so this
		// should not happen; keep whatever can be kept.
		return sanitize(data, false)
	}
	return sanitize(out, true)
}

// decodeUTF16 decodes BOM-less UTF-16 in the given byte order.
func decodeUTF16(data []byte, order unicode.Endianness) []byte {
	return decodeWith(unicode.UTF16(order, unicode.IgnoreBOM), data)
}

func utf16Name(order unicode.Endianness) string {
	if order == unicode.BigEndian {
		return nameUTF16BE
	}
	return nameUTF16LE
}

// utf16Pattern recognizes BOM-less UTF-16 by the NUL bytes that the high
// halves of ASCII characters (HTML markup) leave in alternate positions.
func utf16Pattern(data []byte) (unicode.Endianness, bool) {
	n := min(len(data), 1024) &^ 1
	if n < 4 {
		return unicode.LittleEndian, false
	}
	var evenNUL, oddNUL int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenNUL++
		}
		if data[i+1] == 0 {
			oddNUL++
		}
	}
	pairs := n / 2
	switch {
	case oddNUL*10 >= pairs*3 && evenNUL*20 <= pairs:
		return unicode.LittleEndian, true
	case evenNUL*10 >= pairs*3 && oddNUL*20 <= pairs:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}
