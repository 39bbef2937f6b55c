package charset

import "bytes"

// prescan implements the HTML specification's "prescan a byte stream to
// determine its encoding" algorithm over b, which the caller limits to the
// first few kilobytes of the document. It does not allocate unless it must
// look up a label other than UTF-8.
//
// https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding
func prescan(b []byte) resolved {
	n := len(b)
	i := 0
	for i < n {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := b[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			// The "-->" may overlap the "<!--" ("<!-->").
			k := bytes.Index(b[i+2:], []byte("-->"))
			if k < 0 {
				return resolved{}
			}
			i += 2 + k + 3

		case len(rest) >= 6 && asciiEqualFold(rest[1:5], "meta") && isSpaceOrSlash(rest[5]):
			r, next := prescanMeta(b, i+5)
			if r.kind != kindUnknown {
				return r
			}
			i = next + 1

		case len(rest) >= 2 && (isASCIILetter(rest[1]) ||
			rest[1] == '/' && len(rest) >= 3 && isASCIILetter(rest[2])):
			k := i + 1
			for k < n && !isSpace(b[k]) && b[k] != '>' {
				k++
			}
			for {
				var ok bool
				_, _, k, ok = getAttribute(b, k)
				if !ok {
					break
				}
			}
			i = k + 1

		case len(rest) >= 2 && (rest[1] == '!' || rest[1] == '/' || rest[1] == '?'):
			k := bytes.IndexByte(rest, '>')
			if k < 0 {
				return resolved{}
			}
			i += k + 1

		default:
			i++
		}
	}
	return resolved{}
}

// prescanMeta handles the attributes of a <meta> tag whose name ends at pos.
// It returns the resolved encoding, if the tag declares a usable one, and
// the position of the tag's closing '>' (or len(b)).
func prescanMeta(b []byte, pos int) (resolved, int) {
	const (
		pragmaUnknown = iota
		pragmaNeeded
		pragmaNotNeeded
	)
	var (
		seenHTTPEquiv, seenContent, seenCharset bool
		gotPragma                               bool
		needPragma                              = pragmaUnknown
		charset                                 resolved
		charsetSet                              bool
	)
	for {
		name, value, next, ok := getAttribute(b, pos)
		pos = next
		if !ok {
			break
		}
		switch {
		case asciiEqualFold(name, "http-equiv"):
			if seenHTTPEquiv {
				continue
			}
			seenHTTPEquiv = true
			if asciiEqualFold(value, "content-type") {
				gotPragma = true
			}
		case asciiEqualFold(name, "content"):
			if seenContent {
				continue
			}
			seenContent = true
			if !charsetSet {
				if label, ok := charsetFromContent(value); ok {
					if r := lookupBytes(label); r.kind != kindUnknown {
						charset, charsetSet = r, true
						needPragma = pragmaNeeded
					}
				}
			}
		case asciiEqualFold(name, "charset"):
			if seenCharset {
				continue
			}
			seenCharset = true
			charset, charsetSet = lookupBytes(value), true
			needPragma = pragmaNotNeeded
		}
	}
	if needPragma == pragmaUnknown || needPragma == pragmaNeeded && !gotPragma {
		return resolved{}, pos
	}
	switch charset.kind {
	case kindUnknown:
		return resolved{}, pos
	case kindUTF16LE, kindUTF16BE:
		// A document that can declare its encoding in ASCII is not UTF-16.
		return resolved{kind: kindUTF8, name: nameUTF8}, pos
	}
	if charset.name == "x-user-defined" {
		return lookup("windows-1252"), pos
	}
	return charset, pos
}

// lookupBytes is lookup for a label held in bytes, allocating only for
// labels other than UTF-8.
func lookupBytes(label []byte) resolved {
	label = bytes.Trim(label, " \t\n\f\r")
	if asciiEqualFold(label, "utf-8") || asciiEqualFold(label, "utf8") {
		return resolved{kind: kindUTF8, name: nameUTF8}
	}
	if len(label) == 0 || len(label) > 64 {
		return resolved{}
	}
	return lookup(string(label))
}

// getAttribute implements the prescan's "get an attribute" algorithm
// starting at pos. Name and value are subslices of b in their original case
// (callers compare them case-insensitively). It reports false when there is
// no further attribute; next is then the position of the '>' that ends the
// tag, or len(b).
func getAttribute(b []byte, pos int) (name, value []byte, next int, ok bool) {
	n := len(b)
	for pos < n && isSpaceOrSlash(b[pos]) {
		pos++
	}
	if pos >= n || b[pos] == '>' {
		return nil, nil, pos, false
	}
	start := pos
	// Attribute name. A leading '=' is part of the name.
	pos++
	for {
		if pos >= n {
			return nil, nil, n, false
		}
		c := b[pos]
		if c == '=' {
			name = b[start:pos]
			pos++
			break
		}
		if isSpace(c) {
			name = b[start:pos]
			for pos < n && isSpace(b[pos]) {
				pos++
			}
			if pos >= n {
				return nil, nil, n, false
			}
			if b[pos] != '=' {
				return name, nil, pos, true
			}
			pos++
			break
		}
		if c == '/' || c == '>' {
			return b[start:pos], nil, pos, true
		}
		pos++
	}
	// Attribute value.
	for pos < n && isSpace(b[pos]) {
		pos++
	}
	if pos >= n {
		return nil, nil, n, false
	}
	switch q := b[pos]; q {
	case '"', '\'':
		end := bytes.IndexByte(b[pos+1:], q)
		if end < 0 {
			return nil, nil, n, false
		}
		return name, b[pos+1 : pos+1+end], pos + 1 + end + 1, true
	case '>':
		return name, nil, pos, true
	}
	start = pos
	for pos < n && !isSpace(b[pos]) && b[pos] != '>' {
		pos++
	}
	if pos >= n {
		return nil, nil, n, false
	}
	return name, b[start:pos], pos, true
}

// charsetFromContent implements "extracting a character encoding from a
// meta element" for the value of a content attribute.
func charsetFromContent(s []byte) ([]byte, bool) {
	pos := 0
	for {
		k := indexFold(s[pos:], "charset")
		if k < 0 {
			return nil, false
		}
		pos += k + len("charset")
		for pos < len(s) && isSpace(s[pos]) {
			pos++
		}
		if pos >= len(s) || s[pos] != '=' {
			continue
		}
		pos++
		for pos < len(s) && isSpace(s[pos]) {
			pos++
		}
		if pos >= len(s) {
			return nil, false
		}
		if q := s[pos]; q == '"' || q == '\'' {
			end := bytes.IndexByte(s[pos+1:], q)
			if end < 0 {
				return nil, false
			}
			return s[pos+1 : pos+1+end], true
		}
		end := pos
		for end < len(s) && !isSpace(s[end]) && s[end] != ';' {
			end++
		}
		return s[pos:end], true
	}
}

// indexFold returns the index of the lower-case ASCII word in s, ignoring
// ASCII case, or -1.
func indexFold(s []byte, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		if asciiEqualFold(s[i:i+len(word)], word) {
			return i
		}
	}
	return -1
}

// asciiEqualFold reports whether b equals the lower-case ASCII string s,
// ignoring ASCII case in b.
func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isSpaceOrSlash(c byte) bool { return c == '/' || isSpace(c) }

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
