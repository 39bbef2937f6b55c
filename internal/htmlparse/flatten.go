package htmlparse

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// limits bounds what the flattened token stream may make the parser keep
// open at once.
type limits struct {
	depth      int32 // open elements, beyond which start tags are dropped
	formatting int   // active formatting elements, beyond which they are dropped
}

// Indexes of the category arrays kept for emitted entries: for each
// category, the stack index of the nearest emitted element of that
// category at or below the entry.
const (
	lScope        = iota // default scope boundaries
	lList                // list item scope boundaries
	lButton              // button scope boundaries
	lTable               // table scope boundaries
	lSpecial             // special elements
	lSpecialNoADP        // special elements other than address, div, p
	lTableStruct         // table, tbody, thead, tfoot, tr, td, th, caption, colgroup
	lHeading             // h1 to h6
	lForeignRoot         // svg, math
	lIntegration         // integration points
	nLast
)

// entry is an element the flattener believes open. Dropped start tags are
// kept as "ghost" entries (emitted false) so that their end tags can be
// recognized and dropped too; they weigh nothing.
type entry struct {
	name    string
	atom    atom.Atom
	flags   uint32
	emitted bool
	foreign bool   // created in SVG or MathML content
	unsure  bool   // a reconstructed element the parser may not have made
	depth   int32  // elements the parser holds for emitted entries up to this one
	prevAny int32  // previous open entry with the same name, or -1
	prevEm  int32  // previous open emitted entry with the same name, or -1
	lastEm  int32  // nearest emitted entry at or below this one, or -1
	cat     int32  // index of an emitted entry's category array in cats
	serial  uint32 // identifies the entry for the active formatting list
}

// afeRecord models an entry of the parser's list of active formatting
// elements.
type afeRecord struct {
	marker     bool
	name       string
	atom       atom.Atom
	idx        int32  // stack index of the element when it was opened
	serial     uint32 // its serial, to tell whether it is still open
	start, end int    // its start tag in the output, for the Noah's Ark clause
}

// flattener re-emits a token stream so that the HTML tree builder never
// holds more than about lim.depth+lim.formatting elements open.
//
// It keeps a model of the tree builder's stack of open elements and of its
// list of active formatting elements, closely following
// golang.org/x/net/html: scopes, implied end tags and implied table
// elements, the reconstruction of formatting elements, the Noah's Ark
// clause, foreign content. The model is built so that, whatever its
// inaccuracies, the parser's stack is never deeper than the model's:
//
//   - a start tag is dropped, with its end tag, rather than let the model
//     exceed lim.depth, and a formatting start tag rather than let the
//     modeled list of active formatting elements exceed lim.formatting,
//     which bounds what reconstruction can add on top;
//   - an end tag is emitted only when the parser is known to close the same
//     elements as the model, which pops them; otherwise it is dropped, which
//     is safe because the parser then never sees it. (End tags of script,
//     style and other raw text elements are always emitted, lest a model
//     error turn the rest of the page into script.)
//
// Text, comments and kept tags are copied from the input byte for byte, so
// input within the limits comes out unchanged unless it relies on the
// adoption agency moving elements around.
type flattener struct {
	lim     limits
	out     []byte
	stack   []entry
	cats    [][nLast]int32 // category arrays of the emitted entries, in stack order
	lastAny map[string]int32
	lastEm  map[string]int32
	afe     []afeRecord
	nFmt    int // formatting (non-marker) records in afe
	serial  uint32
	form    bool // the parser's form element pointer is set
}

// flatten returns data re-emitted within lim. It runs in time linear in
// len(data) and never recurses.
func flatten(data []byte, lim limits) []byte {
	f := &flattener{
		lim:     lim,
		out:     make([]byte, 0, len(data)),
		lastAny: make(map[string]int32),
		lastEm:  make(map[string]int32),
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	var scratch [24]byte
	for {
		z.AllowCDATA(f.topIsForeign())
		tt := z.Next()
		if tt == html.ErrorToken {
			// io.EOF: a bytes.Reader has no other errors and no buffer
			// limit is set.
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, a := tagName(raw[1:], scratch[:0])
			if f.startTag(name, a, raw, tt == html.SelfClosingTagToken) {
				z.NextIsNotRawText()
			}
		case html.EndTagToken:
			name, a := tagName(raw[2:], scratch[:0])
			f.endTag(name, a, raw)
		case html.TextToken:
			f.text(raw)
		default: // comments, doctype
			f.out = append(f.out, raw...)
		}
	}
	return f.out
}

// tagName returns the lower-case name of the tag whose raw bytes, after
// "<" or "</", are b, and its atom. Known names do not allocate.
func tagName(b, scratch []byte) (string, atom.Atom) {
	name := scratch
	for _, c := range b {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>' {
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		name = append(name, c)
	}
	if a := atom.Lookup(name); a != 0 {
		return a.String(), a
	}
	return string(name), 0
}

// top returns the index of the top entry, -1 when the stack is empty.
func (f *flattener) top() int32 { return int32(len(f.stack)) - 1 }

// lastOf returns the index of the nearest emitted element of category c at
// or below index v, or -1.
func (f *flattener) lastOf(v int32, c int) int32 {
	e := f.lastEmittedAt(v)
	if e < 0 {
		return -1
	}
	return f.cats[f.stack[e].cat][c]
}

// depthAt returns the parser elements that the emitted entries up to index
// v stand for.
func (f *flattener) depthAt(v int32) int32 {
	if v < 0 {
		return 0
	}
	return f.stack[v].depth
}

// lastEmittedAt returns the nearest emitted entry at or below index v.
func (f *flattener) lastEmittedAt(v int32) int32 {
	if v < 0 {
		return -1
	}
	return f.stack[v].lastEm
}

// lastNamed returns the index of the nearest emitted element called name
// at or below index v, or -1.
func (f *flattener) lastNamed(name string, v int32) int32 {
	m, ok := f.lastEm[name]
	if !ok {
		return -1
	}
	for m > v {
		m = f.stack[m].prevEm
	}
	return m
}

// inForeign reports whether the parser processes tokens as foreign content
// when the model's top is v.
func (f *flattener) inForeign(v int32) bool {
	return f.lastOf(v, lForeignRoot) > f.lastOf(v, lIntegration)
}

// topIsForeign reports whether the current node is an SVG or MathML
// element, which is when the parser's tokenizer accepts CDATA sections.
func (f *flattener) topIsForeign() bool {
	e := f.lastEmittedAt(f.top())
	return e >= 0 && f.stack[e].foreign
}

func (f *flattener) emit(raw []byte) { f.out = append(f.out, raw...) }

// push adds an entry for a start tag. weight is the number of elements the
// parser opens for it (implied tbody and tr elements included).
func (f *flattener) push(name string, a atom.Atom, flags uint32, emitted, foreign bool, weight int32) {
	v := f.top()
	f.serial++
	e := entry{name: name, atom: a, flags: flags, emitted: emitted, foreign: foreign,
		serial: f.serial, prevEm: -1, lastEm: -1, cat: -1}
	if v >= 0 {
		e.depth, e.lastEm = f.stack[v].depth, f.stack[v].lastEm
	}
	idx := v + 1
	if prev, ok := f.lastAny[name]; ok {
		e.prevAny = prev
	} else {
		e.prevAny = -1
	}
	f.lastAny[name] = idx
	if emitted {
		if prev, ok := f.lastEm[name]; ok {
			e.prevEm = prev
		}
		f.lastEm[name] = idx
		var cats [nLast]int32
		if e.lastEm >= 0 {
			cats = f.cats[f.stack[e.lastEm].cat]
		} else {
			for c := range cats {
				cats[c] = -1
			}
		}
		for c := range cats {
			if inCategory(c, flags) {
				cats[c] = idx
			}
		}
		e.depth += weight
		e.lastEm = idx
		e.cat = int32(len(f.cats))
		f.cats = append(f.cats, cats)
	}
	f.stack = append(f.stack, e)
}

// inCategory reports whether an element with flags belongs to category c.
func inCategory(c int, flags uint32) bool {
	switch c {
	case lScope:
		return flags&fScope != 0
	case lList:
		return flags&(fScope|fListScope) != 0
	case lButton:
		return flags&(fScope|fButtonScope) != 0
	case lTable:
		return flags&fTableScope != 0
	case lSpecial:
		return flags&fSpecial != 0
	case lSpecialNoADP:
		return flags&fSpecial != 0 && flags&fADP == 0
	case lTableStruct:
		return flags&fTableStruct != 0
	case lHeading:
		return flags&fHeading != 0
	case lForeignRoot:
		return flags&fForeignRoot != 0
	case lIntegration:
		return flags&fIntegration != 0
	}
	return false
}

// popTo pops the entries at index k and above.
func (f *flattener) popTo(k int32) {
	for int32(len(f.stack)) > k {
		e := &f.stack[len(f.stack)-1]
		setOrDelete(f.lastAny, e.name, e.prevAny)
		if e.emitted {
			f.cats = f.cats[:e.cat]
			setOrDelete(f.lastEm, e.name, e.prevEm)
			if e.flags&fMarker != 0 && !e.foreign {
				f.clearToMarker()
			}
		}
		f.stack = f.stack[:len(f.stack)-1]
	}
}

func setOrDelete(m map[string]int32, k string, v int32) {
	if v < 0 {
		delete(m, k)
	} else {
		m[k] = v
	}
}

// pushOrDrop opens name as the parser would: it pops the entries above
// index v, reconstructs the active formatting elements if recon is set, and
// pushes the element. If that would exceed the depth limit the tag is
// dropped instead: nothing is popped or reconstructed, and a ghost entry
// remembers the tag. skip is an active formatting record that the caller
// removes before reconstruction (-1 for none). It reports whether the tag
// was emitted.
func (f *flattener) pushOrDrop(name string, a atom.Atom, flags uint32, raw []byte, v, weight int32, foreign, recon bool, skip int) bool {
	clones := int32(0)
	if recon {
		clones = int32(f.reconstructCount(v, skip))
	}
	if f.depthAt(v)+clones+weight > f.lim.depth {
		f.push(name, a, flags, false, foreign, 0)
		return false
	}
	if skip >= 0 {
		f.afeRemove(skip)
	}
	f.popTo(v + 1)
	if recon {
		f.reconstruct(false)
	}
	f.emit(raw)
	f.push(name, a, flags, true, foreign, weight)
	if flags&fMarker != 0 && !foreign {
		f.afe = append(f.afe, afeRecord{marker: true})
	}
	return true
}

// reconstructCount returns how many elements the parser's "reconstruct the
// active formatting elements" would open if the model's top were v,
// ignoring record skip.
func (f *flattener) reconstructCount(v int32, skip int) int {
	n := 0
	for i := len(f.afe) - 1; i >= 0; i-- {
		if i == skip {
			continue
		}
		if f.afe[i].marker {
			break
		}
		if idx := f.afeStackIdx(i); idx >= 0 && idx <= v {
			break
		}
		n++
	}
	return n
}

// reconstruct models "reconstruct the active formatting elements": the
// formatting elements after the last marker that are no longer open, and
// that follow the last one still open, are reopened. unsure marks the new
// entries as ones the parser may not have opened.
func (f *flattener) reconstruct(unsure bool) {
	i := len(f.afe)
	for i > 0 && !f.afe[i-1].marker && f.afeStackIdx(i-1) < 0 {
		i--
	}
	for ; i < len(f.afe); i++ {
		r := &f.afe[i]
		f.push(r.name, r.atom, htmlFlags(r.atom), true, false, 1)
		top := f.top()
		f.stack[top].unsure = unsure
		r.idx, r.serial = top, f.stack[top].serial
	}
}

// closeP returns the virtual top after the parser closes a p element in
// button scope, given the virtual top v.
func (f *flattener) closeP(v int32) int32 {
	if m := f.lastNamed("p", v); m >= 0 && f.lastOf(v, lButton) < m {
		return m - 1
	}
	return v
}

// inTableMode reports whether the parser is in one of the table insertion
// modes (rather than in a cell, a caption or the body) with top v.
func (f *flattener) inTableMode(v int32) bool {
	s := f.lastOf(v, lTableStruct)
	if s < 0 {
		return false
	}
	switch f.stack[s].atom {
	case atom.Td, atom.Th, atom.Caption:
		return false
	}
	return true
}

// text handles a text token.
func (f *flattener) text(raw []byte) {
	top := f.top()
	if e := f.lastEmittedAt(top); e >= 0 && f.stack[e].flags&fRawText != 0 && !f.stack[e].foreign {
		// The content of a script, style, textarea...
		f.emit(raw)
		return
	}
	if !f.inForeign(top) {
		switch {
		case f.inTableMode(top):
			// Whitespace goes into the table as it is; other text is
			// foster parented with the body rules. Character references
			// could hide either, so such elements are unsure.
			if len(bytes.Trim(raw, " \t\n\f\r\x00")) > 0 {
				f.reconstruct(true)
			}
		case len(bytes.Trim(raw, "\x00")) > 0:
			f.reconstruct(false)
		}
	}
	f.emit(raw)
}

// startTag handles a start tag. It reports whether the tokenizer must not
// switch to raw text mode for the element's content, as the parser tells
// it in foreign content.
func (f *flattener) startTag(name string, a atom.Atom, raw []byte, selfClosing bool) bool {
	v := f.top()
	flags := htmlFlags(a)
	if f.inForeign(v) {
		breakout := flags&fBreakout != 0 || a == atom.Font && fontBreaksOut(raw)
		if !breakout {
			notRaw := flags&fRawText != 0
			if selfClosing {
				f.emit(raw) // opened and closed at once
				return notRaw
			}
			f.pushOrDrop(name, a, foreignFlags(a), raw, v, 1, true, false, -1)
			return notRaw
		}
		// The parser pops the foreign elements, then handles the tag as
		// HTML.
		for f.inForeign(v) {
			v = f.lastOf(v, lForeignRoot) - 1
		}
	}
	f.htmlStart(name, a, flags, raw, v, selfClosing)
	return false
}

// fontBreaksOut reports whether a <font> tag in foreign content has a
// color, face or size attribute.
func fontBreaksOut(raw []byte) bool {
	z := html.NewTokenizerFragment(bytes.NewReader(raw), "")
	z.Next()
	for {
		key, _, more := z.TagAttr()
		switch string(key) {
		case "color", "face", "size":
			return true
		}
		if !more {
			return false
		}
	}
}

// htmlStart handles a start tag in HTML content. v is the virtual top: the
// parser pops the entries above it before it handles the tag.
func (f *flattener) htmlStart(name string, a atom.Atom, flags uint32, raw []byte, v int32, selfClosing bool) {
	switch {
	case a == atom.Html || a == atom.Head || a == atom.Body || a == atom.Frameset:
		// Merged into existing elements or ignored.
		f.popTo(v + 1)
		f.emit(raw)
		return

	case flags&fVoid != 0:
		// Void elements never stay open, so they are always kept.
		recon := true
		switch a {
		case atom.Hr:
			v = f.closeP(v)
			recon = false
		case atom.Input:
			if m := f.lastNamed("select", v); m >= 0 && f.lastOf(v, lScope) <= m {
				v = m - 1
			}
		case atom.Param, atom.Source, atom.Track, atom.Base, atom.Basefont, atom.Bgsound,
			atom.Link, atom.Meta, atom.Col, atom.Frame:
			recon = false
		}
		f.popTo(v + 1)
		if recon && !f.inTableMode(v) {
			f.reconstruct(false)
		}
		f.emit(raw)
		return

	case flags&fForeignRoot != 0 && selfClosing:
		f.popTo(v + 1)
		f.reconstruct(f.inTableMode(v))
		f.emit(raw)
		return

	case flags&fRawText != 0:
		// Raw text elements close right after their text, so they are
		// always kept: dropping one would expose its content as markup.
		recon := false
		if flags&fClosesP != 0 {
			v = f.closeP(v)
			recon = a == atom.Xmp
		}
		f.popTo(v + 1)
		if recon {
			f.reconstruct(false)
		}
		f.emit(raw)
		f.push(name, a, flags, true, false, 1)
		return

	case flags&fTableStruct != 0 && a != atom.Table:
		f.tableStart(name, a, flags, raw, v)
		return

	case flags&fFormatting != 0:
		f.formattingStart(name, a, flags, raw, v)
		return
	}

	// Most elements reopen the active formatting elements; blocks do not.
	recon := flags&(fSpecial|fClosesP) == 0
	switch a {
	case atom.Li:
		if m := f.lastNamed("li", v); m >= 0 && f.lastOf(v, lSpecialNoADP) <= m {
			v = m - 1
		}
	case atom.Dd, atom.Dt:
		m := max(f.lastNamed("dd", v), f.lastNamed("dt", v))
		if m >= 0 && f.lastOf(v, lSpecialNoADP) <= m {
			v = m - 1
		}
	case atom.Button:
		if m := f.lastNamed("button", v); m >= 0 && f.lastOf(v, lScope) < m {
			v = m - 1
		}
		recon = true
	case atom.Select:
		if m := f.lastNamed("select", v); m >= 0 && f.lastOf(v, lScope) <= m {
			// Closes the open select and is otherwise ignored.
			f.popTo(m)
			f.emit(raw)
			return
		}
		recon = true
	case atom.Option, atom.Optgroup:
		if e := f.lastEmittedAt(v); e >= 0 && f.stack[e].atom == atom.Option {
			v = e - 1
		}
		recon = true
	case atom.Applet, atom.Marquee, atom.Object:
		recon = true
	case atom.Form:
		if f.form && f.lastNamed("template", v) < 0 {
			return // ignored by the parser
		}
	case atom.Table:
		// In table (not cell) context a <table> closes the current table.
		if f.inTableMode(v) {
			if m := f.lastNamed("table", v); m >= 0 && f.lastOf(v, lTable) <= m {
				v = m - 1
			}
		}
	}
	if flags&fClosesP != 0 {
		v = f.closeP(v)
	}
	if flags&fHeading != 0 {
		if e := f.lastEmittedAt(v); e >= 0 && f.stack[e].flags&fHeading != 0 {
			v = e - 1
		}
	}
	if f.pushOrDrop(name, a, flags, raw, v, 1, flags&fForeignRoot != 0, recon, -1) && a == atom.Form {
		f.form = true
	}
}

// tableStart handles caption, colgroup, tbody, thead, tfoot, tr, td and th
// start tags, with the implied elements the parser inserts.
func (f *flattener) tableStart(name string, a atom.Atom, flags uint32, raw []byte, v int32) {
	if f.lastNamed("table", v) < 0 {
		return // ignored outside tables
	}
	s := f.lastOf(v, lTableStruct)
	// Close an open cell or caption, then a column group.
	if s >= 0 {
		switch f.stack[s].atom {
		case atom.Td, atom.Th, atom.Caption:
			v = s - 1
			s = f.lastOf(v, lTableStruct)
		}
	}
	if s >= 0 && f.stack[s].atom == atom.Colgroup {
		v = s - 1
		s = f.lastOf(v, lTableStruct)
	}
	if s < 0 {
		return
	}
	t := f.lastOf(v, lTable) // the table (or template) context
	if t < 0 {
		return
	}
	ctx := f.stack[s].atom
	var weight int32 = 1
	switch a {
	case atom.Caption, atom.Colgroup, atom.Tbody, atom.Thead, atom.Tfoot:
		v = t
	case atom.Tr:
		if ctx == atom.Tr {
			v = s - 1
			s = f.lastOf(v, lTableStruct)
			if s < 0 {
				return
			}
			ctx = f.stack[s].atom
		}
		switch ctx {
		case atom.Tbody, atom.Thead, atom.Tfoot:
			v = s
		default:
			v, weight = t, 2 // implied tbody
		}
	case atom.Td, atom.Th:
		switch ctx {
		case atom.Tr:
			v = s
		case atom.Tbody, atom.Thead, atom.Tfoot:
			v, weight = s, 2 // implied tr
		default:
			v, weight = t, 3 // implied tbody and tr
		}
	}
	f.pushOrDrop(name, a, flags, raw, v, weight, false, false, -1)
}

// formattingStart handles the start tag of a formatting element.
func (f *flattener) formattingStart(name string, a atom.Atom, flags uint32, raw []byte, v int32) {
	if f.nFmt >= f.lim.formatting {
		f.push(name, a, flags, false, false, 0)
		return
	}
	remove := -1
	if a == atom.A {
		// An open <a> is closed first (adoption agency), unless it has a
		// special element above it, when the parser keeps a clone.
		if i := f.afeFind("a"); i >= 0 {
			idx := f.afeStackIdx(i)
			switch {
			case idx < 0:
				remove = i
			case f.stack[idx].unsure:
			case idx <= v && f.lastOf(v, lSpecial) < idx:
				remove = i
				v = idx - 1
			}
		}
	}
	start := len(f.out)
	if f.pushOrDrop(name, a, flags, raw, v, 1, false, true, remove) {
		f.afeAdd(name, a, f.top(), start, len(f.out))
	}
}

// endTag handles an end tag.
func (f *flattener) endTag(name string, a atom.Atom, raw []byte) {
	top := f.top()
	g, ok := f.lastAny[name]
	if !ok {
		g = -1
	}
	if g >= 0 && !f.stack[g].emitted {
		// The innermost element of that name was dropped: drop its end
		// tag too, and forget it when only ghosts are above it.
		if f.lastEmittedAt(top) < g {
			f.popTo(g)
		}
		return
	}

	if f.inForeign(top) {
		// The parser closes the matching element of the foreign subtree,
		// if any; otherwise it applies the HTML rules.
		if m := f.lastNamed(name, top); m >= 0 && m >= f.lastOf(top, lForeignRoot) {
			f.popTo(m)
			f.emit(raw)
			return
		}
	}

	var m int32 = -1
	ok = false
	switch a {
	case atom.Html, atom.Body, atom.Head:
		f.emit(raw) // closes nothing
		return
	case atom.Br:
		// Handled as a <br> start tag.
		if !f.inTableMode(top) {
			f.reconstruct(false)
		}
		f.emit(raw)
		return
	case atom.P:
		m = f.lastNamed(name, top)
		ok = m >= 0 && f.lastOf(top, lButton) < m
	case atom.Li:
		m = f.lastNamed(name, top)
		ok = m >= 0 && f.lastOf(top, lList) < m
	case atom.Dd, atom.Dt:
		m = f.lastNamed(name, top)
		ok = m >= 0 && f.lastOf(top, lScope) < m
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		m = f.lastOf(top, lHeading)
		ok = m >= 0 && f.lastOf(top, lScope) < m
	case atom.Form:
		f.endForm(raw)
		return
	case atom.Template:
		m = f.lastNamed(name, top)
		ok = m >= 0
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption, atom.Colgroup:
		m = f.lastNamed(name, top)
		ok = m >= 0 && f.lastOf(top, lTable) <= m
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Button, atom.Center,
		atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Header, atom.Hgroup, atom.Listing, atom.Main, atom.Menu,
		atom.Nav, atom.Ol, atom.Pre, atom.Search, atom.Section, atom.Select, atom.Summary, atom.Ul,
		atom.Applet, atom.Marquee, atom.Object:
		m = f.lastNamed(name, top)
		ok = m >= 0 && f.lastOf(top, lScope) <= m
	case atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp, atom.Iframe, atom.Noembed,
		atom.Noframes, atom.Noscript, atom.Plaintext:
		// Always emitted: should the model be wrong about the element,
		// a missing end tag would turn the rest of the page into its
		// raw text.
		if m = f.lastNamed(name, top); m >= 0 && f.lastOf(top, lSpecial) <= m {
			f.popTo(m)
		}
		f.emit(raw)
		return
	default:
		if htmlFlags(a)&fFormatting != 0 {
			if i := f.afeFind(name); i >= 0 {
				// The adoption agency: the model follows it only when no
				// special element is above the formatting element, which
				// is when the parser simply pops up to it.
				idx := f.afeStackIdx(i)
				if idx >= 0 && !f.stack[idx].unsure && f.lastOf(top, lSpecial) < idx {
					f.afeRemove(i)
					f.popTo(idx)
					f.emit(raw)
				}
				return
			}
		}
		// Any other end tag closes the nearest element of that name
		// unless a special element is in the way.
		m = f.lastNamed(name, top)
		ok = m >= 0 && f.lastOf(top, lSpecial) <= m
	}
	if ok {
		f.popTo(m)
		f.emit(raw)
	}
}

// endForm handles </form>, which removes just the form element pointed to
// by the parser's form pointer, and resets the pointer.
func (f *flattener) endForm(raw []byte) {
	if !f.form {
		return // ignored
	}
	top := f.top()
	m := f.lastNamed("form", top)
	if m < 0 || f.lastOf(top, lScope) > m {
		// Not in scope: ignored, but the pointer is reset.
		f.form = false
		f.emit(raw)
		return
	}
	if f.lastEmittedAt(top) == m {
		f.form = false
		f.popTo(m)
		f.emit(raw)
	}
	// Otherwise the parser would remove the form from the middle of the
	// stack, which the model cannot follow: drop the tag.
}

// afeFind returns the index of the last record called name after the last
// marker, or -1.
func (f *flattener) afeFind(name string) int {
	for i := len(f.afe) - 1; i >= 0; i-- {
		r := &f.afe[i]
		if r.marker {
			break
		}
		if r.name == name {
			return i
		}
	}
	return -1
}

// afeStackIdx returns the stack index of record i's element, or -1 if the
// element is no longer open.
func (f *flattener) afeStackIdx(i int) int32 {
	r := &f.afe[i]
	if r.marker {
		return -1
	}
	if r.idx < int32(len(f.stack)) && f.stack[r.idx].serial == r.serial {
		return r.idx
	}
	return -1
}

func (f *flattener) afeRemove(i int) {
	if !f.afe[i].marker {
		f.nFmt--
	}
	f.afe = append(f.afe[:i], f.afe[i+1:]...)
}

// afeAdd records the formatting element just pushed at stack index idx,
// whose start tag is out[start:end], applying the Noah's Ark clause: at
// most three identical elements after the last marker.
func (f *flattener) afeAdd(name string, a atom.Atom, idx int32, start, end int) {
	attrs := f.out[start+1+len(name) : end]
	identical := 0
	for i := len(f.afe) - 1; i >= 0; i-- {
		r := &f.afe[i]
		if r.marker {
			break
		}
		if r.name != name || !bytes.Equal(f.out[r.start+1+len(name):r.end], attrs) {
			continue
		}
		identical++
		if identical >= 3 {
			f.afeRemove(i)
		}
	}
	f.afe = append(f.afe, afeRecord{name: name, atom: a, idx: idx, serial: f.stack[idx].serial, start: start, end: end})
	f.nFmt++
}

// clearToMarker removes the records up to and including the last marker.
func (f *flattener) clearToMarker() {
	for len(f.afe) > 0 {
		r := f.afe[len(f.afe)-1]
		f.afe = f.afe[:len(f.afe)-1]
		if r.marker {
			return
		}
		f.nFmt--
	}
}
