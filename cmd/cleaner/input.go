package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// input is one page to clean.
type input struct {
	name string // shown in the output: the path as given or found, "-" for stdin
	path string // the file to read; empty for stdin
	err  error  // set when the input could not even be listed
}

// discover turns the command-line arguments into the list of inputs, in
// order: a file is itself, a directory is every regular, non-hidden file
// under it in lexical order, "-" (or no argument at all) is the standard
// input. A path that cannot be read becomes an input carrying its error, so
// that it is reported with the others; only a repeated "-" is refused.
func discover(args []string) ([]input, error) {
	if len(args) == 0 {
		return []input{{name: "-"}}, nil
	}
	var inputs []input
	sawStdin := false
	for _, arg := range args {
		if arg == "-" {
			if sawStdin {
				return nil, errors.New(`standard input ("-") given more than once`)
			}
			sawStdin = true
			inputs = append(inputs, input{name: "-"})
			continue
		}
		fi, err := os.Stat(arg)
		switch {
		case err != nil:
			inputs = append(inputs, input{name: arg, path: arg, err: err})
		case fi.IsDir():
			inputs = walk(arg, inputs)
		default:
			// Named explicitly: read whatever it is (a pipe such as
			// /dev/fd/3 included).
			inputs = append(inputs, input{name: arg, path: arg})
		}
	}
	return inputs, nil
}

// walk appends the regular, non-hidden files under root to inputs. A
// directory that cannot be listed becomes an input carrying its error.
func walk(root string, inputs []input) []input {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			inputs = append(inputs, input{name: path, path: path, err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != root && isHidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			inputs = append(inputs, input{name: path, path: path})
		}
		return nil
	})
	return inputs
}

func isHidden(name string) bool {
	return strings.HasPrefix(name, ".") && name != "." && name != ".."
}

// readInput reads an input, decompressing gzip, up to limit bytes. It reads
// at most limit+1 bytes (after decompression) and allocates about limit
// bytes at most, whatever the input's size: a longer input is cut to limit
// bytes and reported as truncated.
func readInput(in input, stdin io.Reader, limit int64) (data []byte, truncated bool, err error) {
	var (
		r    io.Reader
		hint int64 // expected size, to allocate once
	)
	if in.path == "" {
		r = stdin
	} else {
		f, err := os.Open(in.path)
		if err != nil {
			return nil, false, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil {
			if fi.IsDir() {
				return nil, false, errors.New("is a directory")
			}
			if fi.Mode().IsRegular() {
				hint = fi.Size()
			}
		}
		r = f
	}

	br := bufio.NewReader(r)
	magic, _ := br.Peek(2)
	isGzip := len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
	if isGzip || strings.HasSuffix(strings.ToLower(in.path), ".gz") {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, false, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		r, hint = zr, 0
	} else {
		r = br
	}
	data, truncated, err = readAtMost(r, limit, hint)
	if err != nil && isGzip {
		err = fmt.Errorf("gzip: %w", err)
	}
	return data, truncated, err
}

// readAtMost reads r to its end or to limit bytes, whichever comes first,
// and reports whether r had more than limit bytes. hint, when positive, is
// the expected size. The buffer grows by doubling but never beyond limit:
// the byte that tells a truncated input is read on its own.
func readAtMost(r io.Reader, limit, hint int64) ([]byte, bool, error) {
	size := int64(64 << 10)
	if hint > 0 {
		size = hint + 1 // room to see the end without growing
	}
	buf := make([]byte, 0, min(size, limit))
	for int64(len(buf)) < limit {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(max(2*int64(cap(buf)), 512), limit))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, false, nil
		}
		if err != nil {
			return buf, false, err
		}
	}
	var one [1]byte
	switch n, err := io.ReadFull(r, one[:]); {
	case n == 1:
		return buf, true, nil
	case err == io.EOF:
		return buf, false, nil
	default:
		return buf, false, err
	}
}

func bytesReader(data []byte) io.Reader { return bytes.NewReader(data) }

// kind is how an input is cleaned.
type kind int

const (
	kindHTML kind = iota
	kindText
)

// sniffLen is how much of an input detectKind looks at.
const sniffLen = 16 << 10

// detectKind says whether an input is HTML or plain text. from is the
// --from flag; with "auto", a .html, .htm or .txt name (before any .gz)
// decides, else the content: see looksLikeHTML.
func detectKind(from, path string, data []byte) kind {
	switch from {
	case "html":
		return kindHTML
	case "text":
		return kindText
	}
	name := strings.TrimSuffix(strings.ToLower(filepath.Base(path)), ".gz")
	switch filepath.Ext(name) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return kindHTML
	case ".txt", ".text":
		return kindText
	}
	if looksLikeHTML(data) {
		return kindHTML
	}
	return kindText
}

// htmlTags are the tags whose presence makes an input that starts with "<"
// HTML.
var htmlTags = map[string]bool{
	"html": true, "head": true, "body": true, "title": true, "meta": true,
	"link": true, "script": true, "style": true, "div": true, "p": true,
	"span": true, "a": true, "br": true, "img": true, "table": true,
	"ul": true, "ol": true, "li": true, "article": true, "section": true,
	"main": true, "header": true, "footer": true, "nav": true, "form": true,
	"iframe": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true,
}

// looksLikeHTML reports whether data, after an optional byte order mark and
// white space, starts with "<" and has, in its first sniffLen bytes, a
// doctype or a common HTML tag (<html>, <body>, <div>, <p>...).
func looksLikeHTML(data []byte) bool {
	if len(data) > sniffLen {
		data = data[:sniffLen]
	}
	s := strings.ToLower(decodeText(data))
	s = strings.TrimLeft(s, " \t\r\n\f\v\u00a0\ufeff")
	if !strings.HasPrefix(s, "<") {
		return false
	}
	if strings.Contains(s, "<!doctype") {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		j := i + 1
		if j < len(s) && s[j] == '/' {
			j++
		}
		k := j
		for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= '0' && s[k] <= '9') {
			k++
		}
		if k == j || !htmlTags[s[j:k]] {
			continue
		}
		if k == len(s) || strings.IndexByte(" \t\r\n\f/>", s[k]) >= 0 {
			return true
		}
	}
	return false
}

// decodeText converts plain text to UTF-8: a UTF-8 byte order mark is
// dropped, UTF-16 with a byte order mark is decoded, valid UTF-8 is kept
// and anything else is read as Windows-1252 (a superset of Latin-1).
func decodeText(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return decodeUTF16(data[2:], true)
	}
	if utf8.Valid(data) {
		return string(data)
	}
	var sb strings.Builder
	sb.Grow(len(data) + len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xa0:
			sb.WriteRune(cp1252[c-0x80])
		default:
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}

func decodeUTF16(data []byte, bigEndian bool) string {
	u := make([]uint16, len(data)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// cp1252 maps the bytes 0x80 to 0x9f of Windows-1252; the five bytes it
// leaves undefined map to the C1 controls, as in Latin-1.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8d, 'Ž', 0x8f,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9d, 'ž', 'Ÿ',
}
