package htmlparse

import "bytes"

// StripRawText removes, in place, the contents of the script, style and
// noscript elements of an HTML document, and returns the shortened slice.
// Scripts whose type mentions JSON (JSON-LD metadata among them) keep
// theirs. Half the bytes of a typical page are script and style text, which
// the parser would otherwise scan byte by byte, copy into strings and grow
// its buffer for, only for the cleaner to throw them away.
//
// The element itself stays, empty: parsing the result gives the tree
// html.Parse gives for the original, except that those elements have no
// text child. To keep that promise the scan follows golang.org/x/net/html's
// tokenizer exactly (tags, attribute quoting, comments, markup
// declarations, raw text and the script escape states). The one thing the
// tokenizer does not decide alone is foreign content: inside <svg> and
// <math> the parser turns raw text elements into ordinary ones and allows
// CDATA sections. From the first <svg> or <math> start tag on, an element's
// contents are therefore dropped only when they hold no '<' (then both
// readings give the same single text run), and the scan stops at anything
// whose reading depends on the parser (a '<' in raw text, a CDATA section,
// a self-closing raw text tag),
// keeping the rest of the document as it is. Stopping early is always
// safe: it only leaves bytes in.
//
// Every step is a forward scan: linear in len(b), and no recursion.
func StripRawText(b []byte) []byte {
	s := stripper{b: b}
	s.run()
	if !s.cut {
		return b // nothing removed
	}
	n := copy(b[s.w:], b[s.r:])
	return b[:s.w+n]
}

// stripper compacts b as it scans it: b[:w] is the output so far, and
// b[r:i] the input scanned but not yet copied.
type stripper struct {
	b       []byte
	r, w    int  // copy source and destination, once cut
	cut     bool // whether anything was removed yet
	foreign bool // an <svg> or <math> start tag was seen
}

// remove drops b[from:to] from the output.
func (s *stripper) remove(from, to int) {
	if from >= to {
		return
	}
	if !s.cut {
		s.cut = true
		s.w = from
	} else {
		s.w += copy(s.b[s.w:], s.b[s.r:from])
	}
	s.r = to
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// equalFoldASCII reports whether b equals the lower-case ASCII word s, case
// insensitively.
func equalFoldASCII(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(s) {
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

// run scans the document in the tokenizer's data state.
func (s *stripper) run() {
	b := s.b
	i := 0
	for {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 || i+j+1 >= len(b) {
			return
		}
		i += j
		c := b[i+1]
		switch {
		case isLetter(c):
			end, name, typ, selfClosing, ok := readTag(b, i+1)
			if !ok {
				return // the tag runs to the end: an error token ends the parse
			}
			if i, ok = s.startTag(name, typ, selfClosing, end); !ok {
				return
			}
		case c == '/':
			if i+2 >= len(b) {
				return
			}
			switch c2 := b[i+2]; {
			case c2 == '>':
				i += 3 // "</>": no token
			case isLetter(c2):
				end, _, _, _, ok := readTag(b, i+2)
				if !ok {
					return
				}
				i = end
			default:
				k := bytes.IndexByte(b[i+2:], '>')
				if k < 0 {
					return
				}
				i += 2 + k + 1
			}
		case c == '!':
			end, ok := s.markupDeclaration(i + 2)
			if !ok {
				return
			}
			i = end
		case c == '?':
			k := bytes.IndexByte(b[i+2:], '>')
			if k < 0 {
				return
			}
			i += 2 + k + 1
		default:
			i++ // a '<' that starts no tag is text
		}
	}
}

// rawKinds are the elements whose contents the tokenizer reads as raw text
// (or RCDATA), up to their end tag.
var rawKinds = [...]string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"}

// startTag handles a start tag named name that ends before end; typ is its
// type attribute. It returns where the scan goes on, or false when it must
// stop.
func (s *stripper) startTag(name, typ []byte, selfClosing bool, end int) (int, bool) {
	if equalFoldASCII(name, "svg") || equalFoldASCII(name, "math") {
		s.foreign = true
		return end, true
	}
	raw := ""
	for _, k := range rawKinds {
		if equalFoldASCII(name, k) {
			raw = k
			break
		}
	}
	if raw == "" {
		return end, true
	}
	if raw == "plaintext" {
		return 0, false // the rest of the document is text
	}
	if s.foreign && selfClosing {
		// In foreign content "<style/>" is an empty element and what
		// follows is not its contents.
		return 0, false
	}
	var stop int // where the contents end: the "</name" of the end tag
	var found bool
	if raw == "script" {
		stop, found = scriptEnd(s.b, end)
	} else {
		stop, found = rawEnd(s.b, end, raw)
	}
	if !found {
		return 0, false // the contents run to the end of the document
	}
	if s.foreign && bytes.IndexByte(s.b[end:stop], '<') >= 0 {
		// In foreign content this would be markup, not text: the
		// parser decides, and the scan cannot follow it.
		return 0, false
	}
	switch raw {
	case "style", "noscript":
		s.remove(end, stop)
	case "script":
		if !keepScript(typ) {
			s.remove(end, stop)
		}
	}
	return stop, true
}

// keepScript reports whether a script of this type attribute keeps its
// contents: JSON data (JSON-LD metadata among it), and any type written
// with a character reference, which the scan does not decode.
func keepScript(typ []byte) bool {
	if bytes.IndexByte(typ, '&') >= 0 {
		return true
	}
	for i := 0; i+4 <= len(typ); i++ {
		if equalFoldASCII(typ[i:i+4], "json") {
			return true
		}
	}
	return false
}

// markupDeclaration scans a token that starts with "<!" (i is just past
// it): a comment, a doctype or a bogus comment. It returns where the scan
// goes on, or false when it must stop.
func (s *stripper) markupDeclaration(i int) (int, bool) {
	b := s.b
	if len(b)-i < 2 {
		return 0, false // a comment to the end of the document
	}
	if b[i] == '-' && b[i+1] == '-' {
		return commentEnd(b, i+2)
	}
	if s.foreign && bytes.HasPrefix(b[i:], []byte("[CDATA[")) {
		return 0, false // CDATA or a bogus comment: the parser decides
	}
	// A doctype or a bogus comment: both end at the next '>'.
	k := bytes.IndexByte(b[i:], '>')
	if k < 0 {
		return 0, false
	}
	return i + k + 1, true
}

// commentEnd returns the end of the comment whose text starts at i (just
// past "<!--"), as the tokenizer's readComment finds it.
func commentEnd(b []byte, i int) (int, bool) {
	dashes := 0
	beginning := true
	for ; i < len(b); i++ {
		switch b[i] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				return i + 1, true
			}
		case '!':
			if dashes >= 2 {
				i++
				if i >= len(b) {
					return 0, false
				}
				if b[i] == '>' {
					return i + 1, true
				}
				if b[i] == '-' {
					dashes = 1
					beginning = false
					continue
				}
			}
		}
		dashes = 0
		beginning = false
	}
	return 0, false
}

// readTag scans a start or end tag whose name starts at i (the byte after
// "<" or "</"), step by step as the tokenizer's readTag, readTagName,
// readTagAttrKey and readTagAttrVal do. It returns the position just past
// the closing '>', the tag name, the value of the first attribute named
// "type" (empty if none) and whether the tag ends in "/>"; ok is false when
// the tag runs to the end of the document.
func readTag(b []byte, i int) (end int, name, typ []byte, selfClosing, ok bool) {
	n := len(b)
	// readTagName: the first byte is in the name.
	start := i
	i++
	for ; i < n; i++ {
		if c := b[i]; isSpace(c) {
			name = b[start:i]
			i++ // consumed
			break
		} else if c == '/' || c == '>' {
			name = b[start:i] // reconsumed
			break
		}
	}
	if i >= n {
		return 0, nil, nil, false, false
	}
	for {
		if i = skipSpace(b, i); i >= n {
			return 0, nil, nil, false, false
		}
		if b[i] == '>' {
			return i + 1, name, typ, b[i-1] == '/', true
		}
		// readTagAttrKey: a '=' as the first byte belongs to the key.
		ks := i
		for ; i < n; i++ {
			c := b[i]
			if c == '=' && i == ks {
				continue
			}
			if isSpace(c) || c == '/' || c == '>' || c == '=' {
				break
			}
		}
		key := b[ks:i]
		if i >= n {
			return 0, nil, nil, false, false
		}
		// readTagAttrVal.
		vs, ve := i, i
		if i = skipSpace(b, i); i >= n {
			return 0, nil, nil, false, false
		}
		switch b[i] {
		case '/':
			i++
		case '=':
			if i = skipSpace(b, i+1); i >= n {
				return 0, nil, nil, false, false
			}
			switch q := b[i]; q {
			case '>':
				// reconsumed: it closes the tag
			case '\'', '"':
				k := bytes.IndexByte(b[i+1:], q)
				if k < 0 {
					return 0, nil, nil, false, false
				}
				vs, ve = i+1, i+1+k
				i = ve + 1
			default:
				vs = i
				for i < n && !isSpace(b[i]) && b[i] != '>' {
					i++
				}
				ve = i
				if i < n && isSpace(b[i]) {
					i++ // consumed
				}
			}
		}
		if typ == nil && equalFoldASCII(key, "type") {
			typ = b[vs:ve] // a slice of b, never nil: the first "type" wins
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// rawEnd finds, from i, the end tag "</name" followed by white space, '/'
// or '>' that ends a raw text or RCDATA element other than script, as the
// tokenizer's readRawOrRCDATA does; it returns the position of its '<'.
func rawEnd(b []byte, i int, name string) (int, bool) {
	for {
		k := bytes.Index(b[i:], []byte("</"))
		if k < 0 {
			return 0, false
		}
		i += k
		match, next, eof := rawEndTag(b, i+2, name)
		switch {
		case eof:
			return 0, false
		case match:
			return i, true
		}
		i = next
	}
}

// The states of the tokenizer's script reader (readScript), "sc" for
// script.
const (
	scData = iota
	scLessThan
	scEndTagOpen
	scEscapeStart
	scEscapeStartDash
	scEscaped
	scEscapedDash
	scEscapedDashDash
	scEscapedLessThan
	scEscapedEndTagOpen
	scDoubleEscapeStart
	scDoubleEscaped
	scDoubleEscapedDash
	scDoubleEscapedDashDash
	scDoubleEscapedLessThan
	scDoubleEscapeEnd
)

// escapeStep reads c in an escaped run of a script: state is plain, dash
// or dashDash (after "-" or "--"); '<' goes to lessThan, and "-->" back to
// the script's data.
func escapeStep(c byte, state, plain, dash, dashDash, lessThan int) int {
	switch {
	case c == '-' && state == plain:
		return dash
	case c == '-':
		return dashDash
	case c == '<':
		return lessThan
	case c == '>' && state == dashDash:
		return scData
	}
	return plain
}

// scriptEnd finds, from i, the "</script" that ends a script element,
// following the tokenizer's readScript state by state through the escaped
// and double-escaped states ("<!--", "<script>" and "-->" inside a
// script). It returns the position of that "</script"'s '<'; false when the
// script runs to the end of the document.
func scriptEnd(b []byte, i int) (int, bool) {
	n := len(b)
	state := scData
	for {
		switch state {
		case scData:
			k := bytes.IndexByte(b[i:], '<')
			if k < 0 {
				return 0, false
			}
			i += k + 1
			state = scLessThan
			continue
		case scEndTagOpen, scEscapedEndTagOpen, scDoubleEscapeEnd:
			// readRawEndTag, just past "</".
			match, next, eof := rawEndTag(b, i, "script")
			switch {
			case eof:
				return 0, false
			case match && state == scDoubleEscapeEnd:
				i = i - 2 + len("</script>")
				state = scEscaped
			case match:
				return i - 2, true
			default:
				i = next
				switch state {
				case scEndTagOpen:
					state = scData
				case scEscapedEndTagOpen:
					state = scEscaped
				default:
					state = scDoubleEscaped
				}
			}
			continue
		case scDoubleEscapeStart:
			i-- // reconsume the letter
			j := i
			for k := range len("script") {
				if j >= n {
					return 0, false
				}
				if c := b[j]; c != "script"[k] && c != "SCRIPT"[k] {
					break
				}
				j++
			}
			if j-i < len("script") {
				i = j // the mismatching byte is reconsumed
				state = scEscaped
				continue
			}
			if j >= n {
				return 0, false
			}
			if c := b[j]; isSpace(c) || c == '/' || c == '>' {
				i = j + 1
				state = scDoubleEscaped
			} else {
				i = j
				state = scEscaped
			}
			continue
		}
		// The other states read one byte.
		if i >= n {
			return 0, false
		}
		c := b[i]
		i++
		switch state {
		case scLessThan:
			switch c {
			case '/':
				state = scEndTagOpen
			case '!':
				state = scEscapeStart
			default:
				i--
				state = scData
			}
		case scEscapeStart:
			if c == '-' {
				state = scEscapeStartDash
			} else {
				i--
				state = scData
			}
		case scEscapeStartDash:
			if c == '-' {
				state = scEscapedDashDash
			} else {
				i--
				state = scData
			}
		case scEscaped, scEscapedDash, scEscapedDashDash:
			state = escapeStep(c, state, scEscaped, scEscapedDash, scEscapedDashDash, scEscapedLessThan)
		case scEscapedLessThan:
			switch {
			case c == '/':
				state = scEscapedEndTagOpen
			case isLetter(c):
				state = scDoubleEscapeStart
			default:
				i--
				state = scData // as x/net/html does (the standard says escaped)
			}
		case scDoubleEscaped, scDoubleEscapedDash, scDoubleEscapedDashDash:
			state = escapeStep(c, state, scDoubleEscaped, scDoubleEscapedDash, scDoubleEscapedDashDash, scDoubleEscapedLessThan)
		case scDoubleEscapedLessThan:
			if c == '/' {
				state = scDoubleEscapeEnd
			} else {
				i--
				state = scDoubleEscaped
			}
		}
	}
}

// rawEndTag reads, from i (just past "</"), the name of a raw text end tag
// and the byte after it, as the tokenizer's readRawEndTag does: match when
// they are name (case insensitively) and white space, '/' or '>'; else
// next is where reading goes on (the mismatching byte is reconsumed), and
// eof reports that the document ended first.
func rawEndTag(b []byte, i int, name string) (match bool, next int, eof bool) {
	for k := range len(name) {
		if i >= len(b) {
			return false, 0, true
		}
		if c := b[i]; c != name[k] && c != name[k]-('a'-'A') {
			return false, i, false
		}
		i++
	}
	if i >= len(b) {
		return false, 0, true
	}
	c := b[i]
	if isSpace(c) || c == '/' || c == '>' {
		return true, 0, false
	}
	return false, i, false
}
