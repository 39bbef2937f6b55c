package cleaner

import (
	"bytes"
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// maxRenderDepth caps the list nesting the renderers rebuild: deeper items
// are shown at this depth.
const maxRenderDepth = 8

// Markdown returns the article's body as CommonMark with GitHub tables:
// "#" headings, "-" and "1." lists nested by indentation, ">" quotes,
// fenced code with its language, tables with a header row, figures as
// "![alt](src)" with their caption on the next line, and inline emphasis
// ("*"), strong ("**"), code and links. It is built from Blocks alone; the
// title is not part of it (see MarkdownWithFrontMatter).
//
// All text is escaped: whatever the page says, its text comes out as text,
// never as Markdown or HTML markup. Markup that Markdown cannot express
// where it stands (emphasis glued to other emphasis, a link inside a link)
// is left out and its text kept. The output is stable: the same blocks
// always give the same bytes.
func (a *Article) Markdown() string {
	var w mdWriter
	w.blocks(a.Blocks)
	return w.String()
}

// MarkdownWithFrontMatter returns Markdown() after a YAML front matter
// block with the article's metadata: title, authors, published (RFC 3339),
// url, sitename, language, tags and description, each left out when
// empty. Strings are always double-quoted, with quotes, backslashes and
// control characters escaped.
func (a *Article) MarkdownWithFrontMatter() string {
	var b strings.Builder
	b.WriteString("---\n")
	field := func(k, v string) {
		if v != "" {
			b.WriteString(k)
			b.WriteString(": ")
			b.WriteString(yamlQuote(v))
			b.WriteByte('\n')
		}
	}
	list := func(k string, vs []string) {
		n := 0
		for _, v := range vs {
			if v == "" {
				continue
			}
			if n == 0 {
				b.WriteString(k)
				b.WriteString(":\n")
			}
			n++
			b.WriteString("  - ")
			b.WriteString(yamlQuote(v))
			b.WriteByte('\n')
		}
	}
	field("title", a.Title)
	list("authors", a.Authors)
	if !a.Published.IsZero() {
		field("published", a.Published.Format(time.RFC3339))
	}
	field("url", a.URL)
	field("sitename", a.SiteName)
	field("language", a.Language)
	list("tags", a.Tags)
	field("description", a.Description)
	b.WriteString("---\n")
	if md := a.Markdown(); md != "" {
		b.WriteByte('\n')
		b.WriteString(md)
	}
	return b.String()
}

// yamlQuote returns s as a YAML double-quoted scalar. Everything YAML does
// not print as is (C0 and C1 controls, DEL, line and paragraph separators,
// the byte order mark, non-characters) is escaped; invalid UTF-8 becomes
// U+FFFD.
func yamlQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case 0:
			b.WriteString(`\0`)
		default:
			switch {
			case r < 0x20 || r >= 0x7f && r <= 0x9f:
				b.WriteString(`\x`)
				b.WriteString(hex2(byte(r)))
			case r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF:
				b.WriteString(`\u`)
				b.WriteString(strconv.FormatInt(int64(r)+0x10000, 16)[1:])
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// ---------------------------------------------------------------- spans

// spanEvent is where a span opens or closes during rendering.
type normSpan struct {
	Span
	drop bool // not rendered (its text is)
}

// normalizeSpans returns the spans of a block that a renderer can nest:
// inside the text, at rune boundaries, not empty, not crossing an earlier
// span, no emphasis inside the same emphasis, no link inside a link,
// nothing inside inline code, links with an absolute http, https or mailto
// address. Order: by start, the longer first.
func normalizeSpans(text string, spans []Span) []normSpan {
	if len(spans) == 0 {
		return nil
	}
	out := make([]normSpan, 0, len(spans))
	bd := newBoundaries(text)
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End || !bd.at(text, s.Start) || !bd.at(text, s.End) {
			continue
		}
		if s.Kind > Link {
			continue
		}
		if s.Kind == Link {
			s.Href = absURL(s.Href, nil, true)
			if s.Href == "" {
				continue
			}
		}
		out = append(out, normSpan{Span: s})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End > out[j].End
	})
	var stack []int
	kept := out[:0]
	for _, s := range out {
		for len(stack) > 0 && kept[stack[len(stack)-1]].End <= s.Start {
			stack = stack[:len(stack)-1]
		}
		ok := true
		for _, k := range stack {
			p := kept[k]
			if s.End > p.End || p.Kind == s.Kind || p.Kind == InlineCode {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		kept = append(kept, s)
		stack = append(stack, len(kept)-1)
	}
	return kept
}

// ---------------------------------------------------------------- Markdown

type mdWriter struct {
	bytes.Buffer
}

// blocks writes the blocks, grouping list items, table rows and quotes.
func (w *mdWriter) blocks(blocks []Block) {
	var cols []int // content column of the last item at each list depth
	prev := Separator
	last := lastContent(blocks)
	for i := 0; i < len(blocks); i++ {
		b := &blocks[i]
		if !hasContent(b) && (b.Kind != Separator || w.Len() == 0 || prev == Separator || i > last) {
			continue
		}
		switch {
		case w.Len() == 0:
		case b.Kind == ListItem && prev == ListItem && b.Ordered && b.Number != 1 && min(b.Level, maxRenderDepth) > len(cols):
			// An ordered list that does not start at 1 cannot interrupt a
			// paragraph: a nested one needs a blank line before it.
			w.WriteString("\n\n")
		case b.Kind == ListItem && prev == ListItem, b.Kind == TableRow && prev == TableRow:
			w.WriteByte('\n')
		case b.Kind == Quote && prev == Quote:
			w.WriteString("\n>\n")
		default:
			w.WriteString("\n\n")
		}
		if b.Kind != ListItem {
			cols = cols[:0]
		}
		switch b.Kind {
		case Heading:
			level := max(1, min(b.Level, 6))
			w.WriteString("######"[:level])
			w.WriteByte(' ')
			w.inline(b.Text, 0, len(b.Text), normalizeSpans(b.Text, b.Spans), " ", false)
		case ListItem:
			depth := max(1, min(b.Level, maxRenderDepth, len(cols)+1))
			cols = cols[:depth-1]
			indent := 0
			if depth > 1 {
				indent = cols[depth-2]
			}
			marker := "- "
			if b.Ordered {
				marker = strconv.Itoa(max(0, min(b.Number, 999_999_999))) + ". "
			}
			cols = append(cols, indent+len(marker))
			pad := strings.Repeat(" ", indent)
			w.WriteString(pad)
			w.WriteString(marker)
			w.inline(b.Text, 0, len(b.Text), normalizeSpans(b.Text, b.Spans), "\\\n"+pad+strings.Repeat(" ", len(marker)), false)
		case Quote:
			w.WriteString("> ")
			w.inline(b.Text, 0, len(b.Text), normalizeSpans(b.Text, b.Spans), "\\\n> ", false)
		case Code:
			w.code(b)
		case TableRow:
			j := i + 1
			for j < len(blocks) && (blocks[j].Kind == TableRow) {
				j++
			}
			w.table(blocks[i:j])
			i = j - 1
		case Figure:
			if b.Src != "" {
				w.WriteString("![")
				w.inline(b.Alt, 0, len(b.Alt), nil, " ", false)
				w.WriteString("](")
				w.WriteString(mdDestination(b.Src))
				w.WriteByte(')')
				if b.Text != "" {
					w.WriteByte('\n')
				}
			}
			w.inline(b.Text, 0, len(b.Text), normalizeSpans(b.Text, b.Spans), "\\\n", false)
		case Separator:
			w.WriteString("---")
		default:
			w.inline(b.Text, 0, len(b.Text), normalizeSpans(b.Text, b.Spans), "\\\n", false)
		}
		prev = b.Kind
	}
	if w.Len() > 0 {
		w.WriteByte('\n')
	}
}

// hasContent reports whether a block has something to show: text, or an
// image. A separator has not.
func hasContent(b *Block) bool {
	return b.Text != "" && b.Kind != Separator || b.Kind == Figure && b.Src != ""
}

// lastContent returns the index of the last block with content, or -1.
func lastContent(blocks []Block) int {
	for i := len(blocks) - 1; i >= 0; i-- {
		if hasContent(&blocks[i]) {
			return i
		}
	}
	return -1
}

// code writes a fenced code block: a fence longer than any run of
// backticks inside, and the language as info string.
func (w *mdWriter) code(b *Block) {
	text := strings.ToValidUTF8(b.Text, "\uFFFD")
	n := max(3, longestRun(text, '`')+1)
	fence := strings.Repeat("`", n)
	w.WriteString(fence)
	w.WriteString(cleanLang(b.Lang))
	w.WriteByte('\n')
	w.WriteString(text)
	if !strings.HasSuffix(text, "\n") {
		w.WriteByte('\n')
	}
	w.WriteString(fence)
}

func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// table writes consecutive table rows as a GitHub table. The first row is
// the header when it is a header row; otherwise the header is empty.
func (w *mdWriter) table(rows []Block) {
	type row struct {
		b     *Block
		cells [][2]int // cell ranges in b.Text
	}
	var rs []row
	cols := 1
	for i := range rows {
		b := &rows[i]
		if b.Kind != TableRow {
			continue
		}
		r := row{b: b, cells: cellRanges(b)}
		cols = max(cols, len(r.cells))
		rs = append(rs, r)
	}
	writeRow := func(r *row) {
		w.WriteByte('|')
		for c := 0; c < cols; c++ {
			w.WriteByte(' ')
			if r != nil && c < len(r.cells) {
				s, e := r.cells[c][0], r.cells[c][1]
				w.inline(r.b.Text, s, e, normalizeSpans(r.b.Text, r.b.Spans), " ", true)
			}
			w.WriteString(" |")
		}
	}
	body := rs
	if len(rs) > 0 && rs[0].b.Header {
		writeRow(&rs[0])
		body = rs[1:]
	} else {
		writeRow(nil)
	}
	w.WriteString("\n|")
	for c := 0; c < cols; c++ {
		w.WriteString(" --- |")
	}
	for i := range body {
		w.WriteByte('\n')
		writeRow(&body[i])
	}
}

// cellRanges finds a row's cells in its Text, in order; a row without
// cells is one cell.
func cellRanges(b *Block) [][2]int {
	if len(b.Cells) == 0 {
		return [][2]int{{0, len(b.Text)}}
	}
	out := make([][2]int, 0, len(b.Cells))
	pos := 0
	for _, c := range b.Cells {
		i := -1
		if c != "" {
			i = strings.Index(b.Text[pos:], c)
		}
		if i < 0 {
			out = append(out, [2]int{pos, pos})
			continue
		}
		out = append(out, [2]int{pos + i, pos + i + len(c)})
		pos += i + len(c)
	}
	return out
}

// mdDestination returns a URL as a Markdown link destination.
func mdDestination(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c <= ' ' || c == 0x7f:
			b.WriteString("%" + hex2(c))
		case c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' || c == '&' || c == '`':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// inline writes text[start:end] with its spans as Markdown. newline is
// what a "\n" of the text becomes (a hard break and the indentation of the
// next line, or a space); inCell escapes pipes inside code spans too.
func (w *mdWriter) inline(text string, start, end int, spans []normSpan, newline string, inCell bool) {
	text = text[:end]
	// The spans inside [start, end), with their markers decided.
	var sp []mdSpan
	for _, s := range spans {
		if s.Start >= start && s.End <= end {
			sp = append(sp, mdSpan{normSpan: s})
		}
	}
	for {
		out := w.renderInline(text, start, sp, newline, inCell)
		if ok := checkEmphasis(out, sp); ok {
			w.WriteString(out.String())
			return
		}
	}
}

// mdSpan is a span being rendered: where its markers landed in the output.
type mdSpan struct {
	normSpan
	open, close int // output offsets of the opening and closing markers
	olen, clen  int // their lengths
}

type mdOut struct {
	strings.Builder
}

// renderInline renders the text and the spans not dropped, recording where
// the emphasis markers went.
func (w *mdWriter) renderInline(text string, start int, sp []mdSpan, newline string, inCell bool) *mdOut {
	out := &mdOut{}
	var stack []int // open spans, indexes into sp
	next := 0       // next span to open
	lineStart := true
	codeEnd := -1 // where the last code span ended in out
	i := start
	closeTo := func(pos int) {
		for len(stack) > 0 && sp[stack[len(stack)-1]].End <= pos {
			k := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			s := &sp[k]
			switch s.Kind {
			case Emphasis, Strong:
				// An emphasis and a strong span over the same text close
				// as one "***" run (the inner one, right before, wrote "**").
				m := "*"
				if s.Kind == Strong {
					m = "**"
				}
				s.close, s.clen = out.Len(), len(m)
				out.WriteString(m)
			case Link:
				out.WriteString("](")
				out.WriteString(mdDestination(s.Href))
				out.WriteByte(')')
			}
		}
	}
outer:
	for i <= len(text) {
		closeTo(i)
		if i == len(text) {
			break
		}
		for next < len(sp) && sp[next].Start < i {
			next++ // starts inside a dropped range
		}
		for next < len(sp) && sp[next].Start == i {
			s := &sp[next]
			next++
			if s.drop {
				continue
			}
			switch s.Kind {
			case Emphasis, Strong:
				m := "*"
				if s.Kind == Strong {
					m = "**"
				}
				s.open, s.olen = out.Len(), len(m)
				out.WriteString(m)
				stack = append(stack, next-1)
			case Link:
				out.WriteByte('[')
				stack = append(stack, next-1)
			case InlineCode:
				if codeEnd == out.Len() {
					continue // right after another code span: the fences would merge
				}
				writeCodeSpan(out, text[s.Start:s.End], inCell)
				codeEnd = out.Len()
				lineStart = false
				i = s.End
				// Spans inside the code span are dropped with it.
				for next < len(sp) && sp[next].Start < i {
					next++
				}
				continue outer
			}
			lineStart = false
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if strings.HasPrefix(newline, "\\\n") && strings.HasSuffix(out.String(), "\\") {
				// After an escaped backslash, some parsers miss a backslash
				// break: break with two spaces instead.
				out.WriteString("  ")
				out.WriteString(newline[1:])
			} else {
				out.WriteString(newline)
			}
			lineStart = strings.Contains(newline, "\n")
		case r == utf8.RuneError && size == 1:
			out.WriteString("\uFFFD")
			lineStart = false
		case lineStart && (r == ' ' || r == '\t'):
		default:
			writeEscaped(out, text, i, r, lineStart, sp, next)
			lineStart = false
		}
		i += size
	}
	return out
}

// writeEscaped writes one rune of text, escaped as Markdown needs it
// where it stands.
func writeEscaped(out *mdOut, text string, i int, r rune, lineStart bool, sp []mdSpan, next int) {
	switch r {
	case '\\', '`', '*', '_', '[', ']', '<', '&', '|', '~', '#':
		out.WriteByte('\\')
	case '>', '-', '+', '=', ':':
		// Block quotes, list items, thematic breaks, setext underlines,
		// table delimiter rows (":-") start lines.
		if lineStart {
			out.WriteByte('\\')
		}
	case '.', ')':
		// "1." or "1)" at the start of a line would be a list item.
		j := i
		for j > 0 && text[j-1] >= '0' && text[j-1] <= '9' {
			j--
		}
		if j < i && (j == 0 || lineStartAt(text, j)) {
			out.WriteByte('\\')
		}
	case '!':
		// "![" would start an image: before a link, escape the "!".
		for k := next; k < len(sp) && sp[k].Start == i+1; k++ {
			if sp[k].Kind == Link && !sp[k].drop {
				out.WriteByte('\\')
				break
			}
		}
	}
	if r < utf8.RuneSelf {
		out.WriteByte(byte(r))
	} else {
		out.WriteRune(r)
	}
}

// lineStartAt reports whether text[j] starts a line: only spaces since the
// last newline.
func lineStartAt(text string, j int) bool {
	for k := j - 1; k >= 0; k-- {
		switch text[k] {
		case '\n':
			return true
		case ' ', '\t':
		default:
			return false
		}
	}
	return true
}

// writeCodeSpan writes an inline code span with a backtick fence longer
// than any run inside, padded with spaces when the code starts or ends
// with a backtick or a space.
func writeCodeSpan(out *mdOut, code string, inCell bool) {
	code = strings.ToValidUTF8(code, "\uFFFD")
	code = strings.ReplaceAll(code, "\n", " ")
	if inCell {
		code = strings.ReplaceAll(code, "|", `\|`)
	}
	fence := strings.Repeat("`", longestRun(code, '`')+1)
	pad := strings.HasPrefix(code, "`") || strings.HasSuffix(code, "`") || strings.HasPrefix(code, " ") || strings.HasSuffix(code, " ")
	out.WriteString(fence)
	if pad {
		out.WriteByte(' ')
	}
	out.WriteString(code)
	if pad {
		out.WriteByte(' ')
	}
	out.WriteString(fence)
}

// checkEmphasis checks that every emphasis marker written will be read as
// one by a CommonMark parser, and matched with its own partner: an opener
// is in a left-flanking run, a closer in a right-flanking one; no run holds
// both an opener and a closer; and when either run can both open and
// close, their lengths pass the "multiple of 3" rule. (Spans nest, an
// emphasis never inside another emphasis nor a strong span inside another,
// and every "*" of the text is escaped; a run that can both open and close
// is only allowed outside other emphasis, where it cannot pair with
// anything but its partner.) It drops the first
// span that fails and reports false, or reports true.
func checkEmphasis(out *mdOut, sp []mdSpan) bool {
	s := out.String()
	var openers, closers map[int]bool // runs (by start) holding an opener, a closer
	for k := range sp {
		x := &sp[k]
		if x.drop || x.Kind != Emphasis && x.Kind != Strong {
			continue
		}
		if openers == nil {
			openers, closers = map[int]bool{}, map[int]bool{}
		}
		os, _ := runAround(s, x.open, x.olen)
		cs, _ := runAround(s, x.close, x.clen)
		openers[os], closers[cs] = true, true
	}
	for k := range sp {
		x := &sp[k]
		if x.drop || x.Kind != Emphasis && x.Kind != Strong {
			continue
		}
		os, oe := runAround(s, x.open, x.olen)
		cs, ce := runAround(s, x.close, x.clen)
		oBoth := rightFlanking(s, os, oe)
		cBoth := leftFlanking(s, cs, ce)
		ok := leftFlanking(s, os, oe) && rightFlanking(s, cs, ce) && !closers[os] && !openers[cs]
		if ok && (oBoth || cBoth) {
			// A run that can both open and close could pair with the
			// opener of an enclosing span: allowed only outside any other
			// emphasis.
			lo, lc := oe-os, ce-cs
			ok = (lo+lc)%3 != 0 || lo%3 == 0 && lc%3 == 0
			for j := range sp {
				y := &sp[j]
				if j != k && !y.drop && (y.Kind == Emphasis || y.Kind == Strong) && y.Start <= x.Start && y.End >= x.End {
					ok = false
				}
			}
		}
		if !ok {
			x.drop = true
			return false
		}
	}
	return true
}

// runAround returns the whole run of unescaped "*" that the marker at
// s[i:i+n] belongs to.
func runAround(s string, i, n int) (int, int) {
	a, b := i, i+n
	for a > 0 && s[a-1] == '*' && !escapedAt(s, a-1) {
		a--
	}
	for b < len(s) && s[b] == '*' {
		b++
	}
	return a, b
}

// escapedAt reports whether s[i] is preceded by an odd number of
// backslashes.
func escapedAt(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

func leftFlanking(s string, a, b int) bool {
	next, prev := runeAfter(s, b), runeBefore(s, a)
	if isMDSpace(next) {
		return false
	}
	return !isMDPunct(next) || isMDSpace(prev) || isMDPunct(prev)
}

func rightFlanking(s string, a, b int) bool {
	next, prev := runeAfter(s, b), runeBefore(s, a)
	if isMDSpace(prev) {
		return false
	}
	return !isMDPunct(prev) || isMDSpace(next) || isMDPunct(next)
}

// runeAfter and runeBefore return the rune next to a position, or '\n' at
// the ends (the start and end of a line count as white space).
func runeAfter(s string, i int) rune {
	if i >= len(s) {
		return '\n'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func runeBefore(s string, i int) rune {
	if i <= 0 {
		return '\n'
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func isMDSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || unicode.Is(unicode.Zs, r)
}

// isMDPunct is CommonMark's Unicode punctuation character: ASCII
// punctuation, or a rune of the P or S general categories.
func isMDPunct(r rune) bool {
	if r < utf8.RuneSelf {
		return r > ' ' && r < 0x7f && !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// ---------------------------------------------------------------- HTML

// HTML returns the article's body as a clean, semantic HTML fragment:
// h1–h6, p, nested ul/ol/li, blockquote, pre and code (with a
// "language-x" class), tables with thead and tbody, figures with img and
// figcaption, hr, and inline em, strong, code and a href. It is built from
// Blocks alone and passed through SanitizeHTML, so it is safe to insert in
// a page, and stable.
func (a *Article) HTML() string {
	var w htmlWriter
	w.blocks(a.Blocks)
	return SanitizeHTML(w.String(), nil)
}

type htmlWriter struct {
	strings.Builder
}

func (w *htmlWriter) blocks(blocks []Block) {
	var lists []bool // open lists: ordered or not
	closeLists := func(depth int) {
		for len(lists) > depth {
			if lists[len(lists)-1] {
				w.WriteString("</li>\n</ol>\n")
			} else {
				w.WriteString("</li>\n</ul>\n")
			}
			lists = lists[:len(lists)-1]
		}
	}
	inQuote := false
	last := lastContent(blocks)
	prev, started := Separator, false
	for i := 0; i < len(blocks); i++ {
		b := &blocks[i]
		if !hasContent(b) && (b.Kind != Separator || !started || prev == Separator || i > last) {
			continue
		}
		started, prev = true, b.Kind
		if b.Kind != ListItem {
			closeLists(0)
		}
		if b.Kind != Quote && inQuote {
			w.WriteString("</blockquote>\n")
			inQuote = false
		}
		switch b.Kind {
		case Heading:
			tag := "h" + strconv.Itoa(max(1, min(b.Level, 6)))
			w.WriteString("<" + tag + ">")
			w.inline(b.Text, 0, len(b.Text), normalizeSpans(b.Text, b.Spans))
			w.WriteString("</" + tag + ">\n")
		case ListItem:
			depth := max(1, min(b.Level, maxRenderDepth, len(lists)+1))
			closeLists(depth)
			if len(lists) == depth && lists[depth-1] != b.Ordered {
				closeLists(depth - 1)
			}
			if len(lists) == depth {
				w.WriteString("</li>\n")
			}
			for len(lists) < depth {
				if b.Ordered {
					if b.Number != 1 {
						w.WriteString(`<ol start="` + strconv.Itoa(max(0, min(b.Number, 999_999_999))) + `">`)
					} else {
						w.WriteString("<ol>")
					}
				} else {
					w.WriteString("<ul>")
				}
				w.WriteByte('\n')
				lists = append(lists, b.Ordered)
			}
			w.WriteString("<li>")
			w.inline(b.Text, 0, len(b.Text), normalizeSpans(b.Text, b.Spans))
		case Quote:
			if !inQuote {
				w.WriteString("<blockquote>\n")
				inQuote = true
			}
			w.WriteString("<p>")
			w.inline(b.Text, 0, len(b.Text), normalizeSpans(b.Text, b.Spans))
			w.WriteString("</p>\n")
		case Code:
			w.WriteString("<pre><code")
			if l := cleanLang(b.Lang); l != "" {
				w.WriteString(` class="language-` + html.EscapeString(l) + `"`)
			}
			w.WriteString(">")
			w.WriteString(html.EscapeString(strings.ToValidUTF8(b.Text, "\uFFFD")))
			w.WriteString("</code></pre>\n")
		case TableRow:
			j := i
			for j < len(blocks) && (blocks[j].Kind == TableRow) {
				j++
			}
			w.table(blocks[i:j])
			i = j - 1
		case Figure:
			w.WriteString("<figure>")
			if b.Src != "" {
				w.WriteString(`<img src="` + html.EscapeString(b.Src) + `" alt="` + html.EscapeString(b.Alt) + `">`)
			}
			if b.Text != "" {
				w.WriteString("<figcaption>")
				w.inline(b.Text, 0, len(b.Text), normalizeSpans(b.Text, b.Spans))
				w.WriteString("</figcaption>")
			}
			w.WriteString("</figure>\n")
		case Separator:
			w.WriteString("<hr>\n")
		default:
			w.WriteString("<p>")
			w.inline(b.Text, 0, len(b.Text), normalizeSpans(b.Text, b.Spans))
			w.WriteString("</p>\n")
		}
	}
	closeLists(0)
	if inQuote {
		w.WriteString("</blockquote>\n")
	}
}

func (w *htmlWriter) table(rows []Block) {
	w.WriteString("<table>\n")
	body := rows
	for len(body) > 0 && body[0].Kind != TableRow {
		body = body[1:]
	}
	if len(body) > 0 && body[0].Header {
		w.WriteString("<thead>\n")
		w.row(&body[0], "th")
		w.WriteString("</thead>\n")
		body = body[1:]
	}
	if len(body) > 0 {
		w.WriteString("<tbody>\n")
		for i := range body {
			if body[i].Kind != TableRow {
				continue
			}
			cell := "td"
			if body[i].Header {
				cell = "th"
			}
			w.row(&body[i], cell)
		}
		w.WriteString("</tbody>\n")
	}
	w.WriteString("</table>\n")
}

func (w *htmlWriter) row(b *Block, cell string) {
	w.WriteString("<tr>")
	spans := normalizeSpans(b.Text, b.Spans)
	for _, c := range cellRanges(b) {
		w.WriteString("<" + cell + ">")
		w.inline(b.Text, c[0], c[1], spans)
		w.WriteString("</" + cell + ">")
	}
	w.WriteString("</tr>\n")
}

// inline writes text[start:end] with its spans as HTML; a newline is <br>.
func (w *htmlWriter) inline(text string, start, end int, spans []normSpan) {
	type open struct {
		end int
		tag string
	}
	var stack []open
	next := 0
	esc := func(s string) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		for {
			k := strings.IndexByte(s, '\n')
			if k < 0 {
				w.WriteString(html.EscapeString(s))
				return
			}
			w.WriteString(html.EscapeString(s[:k]))
			w.WriteString("<br>")
			s = s[k+1:]
		}
	}
	pos := start
	for pos < end || len(stack) > 0 {
		if k := len(stack) - 1; k >= 0 && stack[k].end <= pos {
			w.WriteString("</" + stack[k].tag + ">")
			stack = stack[:k]
			continue
		}
		if next < len(spans) && spans[next].Start <= pos {
			s := spans[next]
			next++
			if s.Start < pos || s.Start < start || s.End > end {
				continue // outside the range
			}
			tag := ""
			switch s.Kind {
			case Emphasis:
				tag = "em"
			case Strong:
				tag = "strong"
			case InlineCode:
				tag = "code"
			case Link:
				tag = "a"
			}
			if tag == "a" {
				w.WriteString(`<a href="` + html.EscapeString(s.Href) + `">`)
			} else {
				w.WriteString("<" + tag + ">")
			}
			stack = append(stack, open{end: s.End, tag: tag})
			continue
		}
		at := end
		if k := len(stack) - 1; k >= 0 {
			at = min(at, stack[k].end)
		}
		if next < len(spans) {
			at = min(at, max(spans[next].Start, pos))
		}
		if at <= pos {
			break
		}
		esc(text[pos:at])
		pos = at
	}
}

// ---------------------------------------------------------------- JSON

// ArticleJSON is the JSON form of an Article: the schema of Article.JSON
// and of the command-line tool's --format json. Lists are never null;
// dates are RFC 3339; published, modified, truncated and removed are left
// out when empty.
type ArticleJSON struct {
	Title       string         `json:"title"`
	Subtitle    string         `json:"subtitle"`
	Authors     []string       `json:"authors"`
	Published   string         `json:"published,omitempty"`
	Modified    string         `json:"modified,omitempty"`
	SiteName    string         `json:"sitename"`
	Description string         `json:"description"`
	Language    string         `json:"language"`
	URL         string         `json:"url"`
	Hostname    string         `json:"hostname"` // URL's host, lower case
	Image       string         `json:"image"`
	Tags        []string       `json:"tags"`
	Categories  []string       `json:"categories"`
	Text        string         `json:"text"`
	Truncated   bool           `json:"truncated,omitempty"`
	Charset     string         `json:"charset"`
	Blocks      []BlockJSON    `json:"blocks"`
	Comments    []CommentJSON  `json:"comments"`
	Removed     *[]RemovalJSON `json:"removed,omitempty"` // with WithTrace(true), possibly empty
}

// CommentJSON is a Comment in ArticleJSON; published is RFC 3339.
type CommentJSON struct {
	Author    string `json:"author,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
	Depth     int    `json:"depth"`
}

// BlockJSON is a Block in ArticleJSON. Kind is BlockKind's name
// ("paragraph", "heading", "list-item", "quote", "code", "table-row",
// "caption", "figure", "separator"); fields that do not apply are left
// out.
type BlockJSON struct {
	Kind    string     `json:"kind"`
	Level   int        `json:"level,omitempty"`
	Text    string     `json:"text"`
	Ordered bool       `json:"ordered,omitempty"`
	Number  int        `json:"number,omitempty"`
	Lang    string     `json:"lang,omitempty"`
	Header  bool       `json:"header,omitempty"`
	Cells   []string   `json:"cells,omitempty"`
	Src     string     `json:"src,omitempty"`
	Alt     string     `json:"alt,omitempty"`
	Spans   []SpanJSON `json:"spans,omitempty"`
}

// SpanJSON is a Span in BlockJSON: start and end are byte offsets into the
// block's UTF-8 text; kind is "emphasis", "strong", "code" or "link".
type SpanJSON struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
	Href  string `json:"href,omitempty"`
}

// RemovalJSON is a Removal in ArticleJSON.
type RemovalJSON struct {
	Rule   string `json:"rule"`
	Phase  string `json:"phase"`
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// NewArticleJSON returns the JSON form of a.
func NewArticleJSON(a *Article) ArticleJSON {
	j := ArticleJSON{
		Title:       a.Title,
		Subtitle:    a.Subtitle,
		Authors:     nonNilStrings(a.Authors),
		Published:   rfc3339(a.Published),
		Modified:    rfc3339(a.Modified),
		SiteName:    a.SiteName,
		Description: a.Description,
		Language:    a.Language,
		URL:         a.URL,
		Image:       a.Image,
		Tags:        nonNilStrings(a.Tags),
		Categories:  nonNilStrings(a.Categories),
		Text:        a.Text,
		Truncated:   a.Truncated,
		Charset:     a.Charset,
		Blocks:      make([]BlockJSON, 0, len(a.Blocks)),
		Comments:    make([]CommentJSON, 0, len(a.Comments)),
	}
	for _, c := range a.Comments {
		j.Comments = append(j.Comments, CommentJSON{Author: c.Author, Published: rfc3339(c.Published), Text: c.Text, Depth: c.Depth})
	}
	if u, err := url.Parse(a.URL); err == nil {
		j.Hostname = strings.ToLower(u.Hostname())
	}
	for _, b := range a.Blocks {
		bj := BlockJSON{Kind: b.Kind.String(), Level: b.Level, Text: b.Text, Ordered: b.Ordered, Number: b.Number,
			Lang: b.Lang, Header: b.Header, Cells: b.Cells, Src: b.Src, Alt: b.Alt}
		for _, s := range b.Spans {
			bj.Spans = append(bj.Spans, SpanJSON{Start: s.Start, End: s.End, Kind: s.Kind.String(), Href: s.Href})
		}
		j.Blocks = append(j.Blocks, bj)
	}
	if a.Removed != nil {
		rm := make([]RemovalJSON, 0, len(a.Removed))
		for _, r := range a.Removed {
			rm = append(rm, RemovalJSON{Rule: r.Rule, Phase: r.Phase.String(), Text: r.Text, Reason: r.Reason})
		}
		j.Removed = &rm
	}
	return j
}

// JSON returns the article as one JSON object (see ArticleJSON), without
// a trailing newline; "<", ">" and "&" are not escaped.
func (a *Article) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(NewArticleJSON(a)); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
