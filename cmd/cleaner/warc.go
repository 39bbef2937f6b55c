package main

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
)

// WARC input.
//
// The reader is written here rather than taken from a WARC library: the Go
// WARC readers (github.com/nlnwa/gowarc v1 to v3, github.com/internetarchive/gowarc)
// read each record to its end, into memory and then into a temporary file,
// before they hand it out, so that a record cannot be skipped or cut at
// --max-bytes without being stored whole first. What the command needs is
// small: gzip members (compress/gzip), header lines (bufio) and the HTTP
// response head (net/textproto, net/http/httputil for chunked bodies).

const (
	warcBufSize   = 64 << 10 // buffer of the file and of the decompressed stream
	warcMaxHeader = 1 << 20  // longest WARC or HTTP header accepted
	warcHistory   = 64 << 10 // bytes of gzip data kept to go back to after an error
)

var gzipMagic = []byte{0x1f, 0x8b, 0x08} // gzip, deflate method

// countingReader counts the bytes read through it: the position in a file.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// warcRecord is a record returned by (*warcReader).Next: the header fields
// the command uses, and the block.
type warcRecord struct {
	offset      int64  // in the file: of the record, or of its gzip member in a .warc.gz
	typ         string // WARC-Type
	id          string // WARC-Record-ID
	uri         string // WARC-Target-URI
	date        string // WARC-Date
	contentType string // Content-Type of the block
	length      int64  // Content-Length of the block
	truncated   bool   // WARC-Truncated: the crawler stored part of the payload
	block       blockReader
}

// warcError is the failure of one record; the reader goes on with the next
// record it can find.
type warcError struct {
	rec *warcRecord // what is known of the record: at least its offset
	err error
}

func (e *warcError) Error() string { return e.err.Error() }
func (e *warcError) Unwrap() error { return e.err }

// resync says how the reader finds the next record after an error.
type resync int

const (
	syncNone   resync = iota
	syncLine          // the data are readable but not a record here: look for a "WARC/" line
	syncMember        // the gzip stream is broken: look for the next gzip member
)

// warcReader reads the records of a WARC file one after the other, from an
// uncompressed file or from gzip members (one a record, as Common Crawl and
// most crawlers write them, or one for the whole file), in bounded memory:
// two 64 KiB buffers and a decompressor, whatever the size of the records.
// A block is read from the stream by the caller, or skipped, never stored.
//
// A record that cannot be read is returned as a *warcError, and the reader
// goes on: after a format error, with the next line that starts a record;
// after broken gzip data, with the next gzip member that starts one. A file
// that ends inside a record gives that record's error, then io.EOF.
type warcReader struct {
	cr     *countingReader
	br     *bufio.Reader // over cr: the file
	zr     *rewindReader // over br: the gzip data
	gz     *gzip.Reader  // the current member, over zr; nil for an uncompressed file
	rr     *bufio.Reader // the records: over gz, or br itself
	member int64         // offset of the current gzip member
	cur    *warcRecord   // the record whose block may still be unread
	sync   resync
	done   bool

	// For a part of a .warc.gz file (see warcchunk.go): the reader ends
	// at the next chunk, read by another job, which starts at stopAt when
	// stopExact, or else at the first member past stopAt that starts a
	// chunk (startsChunk); it notes where in stoppedAt. stopAt is -1 when
	// the reader reads a whole input.
	stopAt, stoppedAt int64
	stopExact         bool

	probe      *gzip.Reader // to test candidate members when resynchronizing
	chunkProbe *chunkProbe  // to find the start of the next chunk
	hb         *bufio.Reader
	pgz        *gzip.Reader // for gzip Content-Encoding
}

// newWARCReader reads records from br, which reads from cr (cr counts the
// position in the file).
func newWARCReader(br *bufio.Reader, cr *countingReader) *warcReader {
	w := &warcReader{cr: cr, br: br, rr: br, stopAt: -1, stoppedAt: -1}
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		w.zr = newRewindReader(br, 4*warcBufSize, warcHistory)
		w.gz = new(gzip.Reader)
		w.rr = bufio.NewReaderSize(eofReader{}, warcBufSize)
	}
	return w
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// pos is the offset in the file of the next byte to decode.
func (w *warcReader) pos() int64 {
	if w.zr != nil {
		return w.zr.offset()
	}
	return w.cr.n - int64(w.br.Buffered())
}

// Next returns the next record. The caller may read its block (up to its
// end or not) before it calls Next again; Next skips what is left. At the
// end of the input Next returns io.EOF; any other error is a *warcError
// about one record.
func (w *warcReader) Next() (*warcRecord, error) {
	if rec := w.cur; rec != nil {
		w.cur = nil
		if err := w.endRecord(rec); err != nil {
			return nil, &warcError{rec, err}
		}
	}
	if w.done {
		return nil, io.EOF
	}
	if err := w.resync(); err != nil {
		switch {
		case err == io.EOF:
			w.done = true
			return nil, io.EOF
		case isGzipErr(err):
			w.sync = syncMember
		default:
			w.done = true // a read error of the file
		}
		return nil, &warcError{&warcRecord{offset: w.pos()}, streamErr(err)}
	}
	rec, err := w.readHeader()
	if err == io.EOF {
		w.done = true
	}
	if err != nil {
		return nil, err
	}
	w.cur = rec
	return rec, nil
}

// resync moves, after an error, to where the next record may start.
func (w *warcReader) resync() error {
	s := w.sync
	w.sync = syncNone
	switch {
	case s == syncNone:
		return nil
	case s == syncLine:
		return w.nextLineRecord()
	case w.gz == nil:
		return io.EOF // a plain file that cannot be read further
	}
	return w.nextGoodMember()
}

// endRecord skips the rest of rec's block and the blank lines after it. In
// a gzip member that ends there, it reads the member's end, so that its
// checksum is verified before the record is used. An error found before,
// while the block was read, is not returned again.
func (w *warcReader) endRecord(rec *warcRecord) error {
	if w.sync != syncNone {
		return nil
	}
	if _, err := io.Copy(io.Discard, &rec.block); err != nil {
		return err
	}
	for {
		b, err := w.rr.Peek(1)
		if len(b) == 1 && (b[0] == '\r' || b[0] == '\n') {
			w.rr.Discard(1)
			continue
		}
		if err != nil && err != io.EOF {
			w.sync = syncMember
			return streamErr(err)
		}
		return nil
	}
}

// isGzipErr reports whether err is an error of gzip data, after which the
// reader may look for the next member (any other error is the file's).
func isGzipErr(err error) bool {
	var ce flate.CorruptInputError
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) ||
		errors.Is(err, gzip.ErrHeader) || errors.As(err, &ce)
}

// streamErr explains an error of the compressed stream.
func streamErr(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("truncated: the file ends inside the record")
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader):
		return err
	}
	var ce flate.CorruptInputError
	if errors.As(err, &ce) {
		return fmt.Errorf("corrupt gzip data, %d bytes into the member", int64(ce))
	}
	return err
}

// startRecord skips blank lines and finished gzip members up to the next
// record; it returns io.EOF at the end of the input.
func (w *warcReader) startRecord() error {
	for {
		b, err := w.rr.Peek(1)
		switch {
		case len(b) == 1 && (b[0] == '\r' || b[0] == '\n'):
			w.rr.Discard(1)
		case len(b) == 1:
			return nil
		case err == io.EOF && w.gz != nil:
			if err := w.nextMember(); err != nil {
				return err
			}
		default:
			return err
		}
	}
}

// nextMember starts reading the gzip member at the current position. It
// returns io.EOF at the end of the data, and at the start of the next
// chunk when the reader reads one chunk.
func (w *warcReader) nextMember() error {
	if p := w.pos(); w.nextChunkAt(p) {
		w.stoppedAt = p
		return io.EOF
	}
	if _, err := w.zr.peek(1); err != nil {
		return err // io.EOF: no more members
	}
	w.member = w.pos()
	if err := w.gz.Reset(w.zr); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	w.gz.Multistream(false)
	w.rr.Reset(w.gz)
	return nil
}

// recordOffset is the offset reported for a record starting now.
func (w *warcReader) recordOffset() int64 {
	if w.gz != nil {
		return w.member
	}
	return w.pos()
}

// readHeader reads the header of the next record.
func (w *warcReader) readHeader() (*warcRecord, error) {
	if err := w.startRecord(); err != nil {
		if err == io.EOF {
			return nil, io.EOF
		}
		w.sync = syncMember
		return nil, &warcError{&warcRecord{offset: w.recordOffset()}, streamErr(err)}
	}
	rec := &warcRecord{offset: w.recordOffset(), length: -1}
	fail := func(err error) (*warcRecord, error) {
		if w.sync == syncNone {
			w.sync = syncLine
		}
		return nil, &warcError{rec, err}
	}
	line, err := w.line()
	if !bytes.HasPrefix(line, []byte("WARC/")) && w.sync == syncNone {
		return fail(fmt.Errorf("not a WARC record: starts with %q", clip(bytes.TrimRight(line, "\r\n"), 40)))
	}
	if err != nil {
		return fail(err)
	}
	size := len(line)
	for {
		line, err := w.line()
		if err != nil {
			return fail(err)
		}
		if size += len(line); size > warcMaxHeader {
			return fail(fmt.Errorf("WARC header longer than %d bytes", warcMaxHeader))
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue // continuation of a field the command does not use
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return fail(fmt.Errorf("malformed WARC header line %q", clip(line, 60)))
		}
		v := string(bytes.TrimSpace(value))
		switch strings.ToLower(string(bytes.TrimSpace(name))) {
		case "warc-type":
			rec.typ = v
		case "warc-record-id":
			rec.id = v
		case "warc-target-uri":
			rec.uri = strings.Trim(v, "<>") // WARC/1.0 examples bracket it
		case "warc-date":
			rec.date = v
		case "content-type":
			rec.contentType = v
		case "warc-truncated":
			rec.truncated = v != ""
		case "content-length":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return fail(fmt.Errorf("bad Content-Length %q", v))
			}
			rec.length = n
		}
	}
	if rec.length < 0 {
		return fail(errors.New("WARC header without Content-Length"))
	}
	rec.block = blockReader{w: w, n: rec.length}
	return rec, nil
}

// line reads one header line, "\n" included. A stream error makes the
// reader look for the next member; the end of the data inside a header is
// a truncated record.
func (w *warcReader) line() ([]byte, error) {
	line, err := w.rr.ReadSlice('\n')
	switch {
	case err == nil:
		return line, nil
	case err == bufio.ErrBufferFull:
		return line, fmt.Errorf("WARC header line longer than %d bytes", warcBufSize)
	case err == io.EOF:
		return line, errors.New("truncated: the data end inside the WARC header")
	}
	w.sync = syncMember
	return line, streamErr(err)
}

// nextLineRecord skips to the next line that starts with "WARC/", in the
// current gzip member or the following ones.
func (w *warcReader) nextLineRecord() error {
	for {
		b, _ := w.rr.Peek(5)
		if string(b) == "WARC/" {
			return nil
		}
		for {
			_, err := w.rr.ReadSlice('\n')
			if err == nil {
				break
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != io.EOF {
				return err
			}
			if w.gz == nil {
				return io.EOF
			}
			// A new member starts a line.
			if err := w.nextMember(); err != nil {
				return err
			}
			break
		}
	}
}

// nextGoodMember skips broken gzip data up to the next gzip member whose
// data start with "WARC/". The decompressor may have read past the end of
// the broken member before it failed, so the search starts again just
// after the broken member's start, as far back as the kept history allows.
// Candidates are tried on buffered bytes, so that a false one costs
// nothing to step back from.
func (w *warcReader) nextGoodMember() error {
	w.zr.rewindTo(w.member + 1)
	if w.probe == nil {
		w.probe = new(gzip.Reader)
	}
	var head [5]byte
	for {
		buf, err := w.zr.peek(2 * warcBufSize)
		atEOF := err != nil
		if len(buf) == 0 {
			return io.EOF
		}
		skip := max(len(buf)-len(gzipMagic)+1, 1) // keep a magic cut by the end of buf
		if atEOF {
			skip = len(buf)
		}
		for i := 0; ; i++ {
			j := bytes.Index(buf[i:], gzipMagic)
			if j < 0 {
				break
			}
			i += j
			if p := w.pos() + int64(i); w.stopExact && p == w.stopAt {
				// The next chunk, which another job reads.
				w.zr.discard(i)
				w.stoppedAt = p
				return io.EOF
			}
			perr := w.probe.Reset(bytes.NewReader(buf[i:]))
			if perr == nil {
				_, perr = io.ReadFull(w.probe, head[:])
			}
			if perr == nil && string(head[:]) == "WARC/" {
				w.zr.discard(i)
				return w.nextMember()
			}
			if (perr == io.ErrUnexpectedEOF || perr == io.EOF) && !atEOF && i > 0 {
				skip = i // the candidate needs more bytes: look again from it
				break
			}
		}
		w.zr.discard(skip)
		if atEOF {
			return io.EOF
		}
	}
}

// memberHeaderLen is the length of a gzip member header without its
// optional fields.
const memberHeaderLen = 10

// isMemberHeader reports whether b starts with a likely gzip member header:
// the magic bytes, the deflate method, no reserved flag, an XFL that
// compressors write (0, 2 or 4) and a known OS (0 to 13, or 255). Random
// bytes pass with a probability of about 2^-37.
func isMemberHeader(b []byte) bool {
	return len(b) >= memberHeaderLen && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 && b[3]&0xe0 == 0 &&
		(b[8] == 0 || b[8] == 2 || b[8] == 4) && (b[9] <= 13 || b[9] == 255)
}

// chunkProbe looks at the start of gzip members.
type chunkProbe struct {
	gz   gzip.Reader
	br   bytes.Reader
	head [4 << 10]byte
}

// startsChunk reports whether b starts a gzip member where a chunk of a
// .warc.gz file may start: a likely header, and data that start with
// "WARC/", the test that nextGoodMember makes, so that a reader that looks
// for a good member after broken data finds the next chunk's start, as a
// reader of the whole file would. more is set when b is too short to tell.
// size is that of the record that starts there, its header, its block of
// Content-Length bytes and the blank line after it, or -1 when its header
// is not in the first bytes.
func (p *chunkProbe) startsChunk(b []byte) (ok, more bool, size int64) {
	if !isMemberHeader(b) {
		return false, len(b) < memberHeaderLen, -1
	}
	// The decompressor decodes as much as it can in a read, up to 32 KiB:
	// it is given the first bytes only, and more if they are not enough.
	head := p.head[:]
	for n := 512; ; n *= 4 {
		m := 0
		p.br.Reset(b[:min(n, len(b))])
		err := p.gz.Reset(&p.br)
		if err == nil {
			m, err = io.ReadFull(&p.gz, head)
		}
		switch {
		case m >= 5 && string(head[:5]) != "WARC/":
			return false, false, -1
		case m >= 5:
			if end := bytes.Index(head[:m], []byte("\r\n\r\n")); end >= 0 {
				if length, ok := contentLength(head[:end]); ok {
					return true, false, int64(end+4) + length
				}
				return true, false, -1
			}
			if m == len(head) || n >= len(b) {
				return true, false, -1
			}
		case err != io.EOF && err != io.ErrUnexpectedEOF:
			return false, false, -1
		case n >= len(b):
			return false, true, -1
		}
	}
}

// contentLength returns the Content-Length of a WARC header.
func contentLength(header []byte) (int64, bool) {
	for line := range bytes.SplitSeq(header, []byte("\n")) {
		name, value, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(name)), "content-length") {
			n, err := strconv.ParseInt(string(bytes.TrimSpace(value)), 10, 64)
			return n, err == nil && n >= 0
		}
	}
	return 0, false
}

// nextChunkAt reports whether the next chunk, which the reader leaves to
// another job, starts at p, the current position, at a member's start.
func (w *warcReader) nextChunkAt(p int64) bool {
	switch {
	case w.stopAt < 0 || p < w.stopAt:
		return false
	case p == w.stopAt:
		return w.stopExact
	}
	if w.chunkProbe == nil {
		w.chunkProbe = new(chunkProbe)
	}
	for n := 256; ; n *= 4 {
		b, err := w.zr.peek(n)
		ok, more, _ := w.chunkProbe.startsChunk(b)
		if !more || err != nil || n >= warcBufSize {
			return ok
		}
	}
}

// rewindReader is a buffered reader that keeps the last bytes it gave, so
// that reading can go back to them.
type rewindReader struct {
	r    io.Reader
	buf  []byte // buf[:pos] was read (the history), buf[pos:end] is not yet
	pos  int
	end  int
	keep int   // history kept when the buffer is refilled
	base int64 // offset of buf[0] in the stream
	err  error
}

func newRewindReader(r io.Reader, size, keep int) *rewindReader {
	return &rewindReader{r: r, buf: make([]byte, size), keep: keep}
}

// reset makes z read r, whose first byte is at offset base in the stream.
func (z *rewindReader) reset(r io.Reader, base int64) {
	z.r, z.pos, z.end, z.base, z.err = r, 0, 0, base, nil
}

// fill reads more data, keeping keep bytes of history. The buffer must
// have room: size - keep bytes unread at most.
func (z *rewindReader) fill() {
	if z.end == len(z.buf) {
		drop := z.pos - z.keep
		copy(z.buf, z.buf[drop:z.end])
		z.base += int64(drop)
		z.pos -= drop
		z.end -= drop
	}
	for range 100 {
		if z.err != nil {
			return
		}
		n, err := z.r.Read(z.buf[z.end:])
		z.end += n
		z.err = err
		if n > 0 {
			return
		}
	}
	z.err = io.ErrNoProgress
}

func (z *rewindReader) readErr() error {
	err := z.err
	z.err = nil
	return err
}

func (z *rewindReader) Read(p []byte) (int, error) {
	if z.pos == z.end {
		z.fill()
		if z.pos == z.end {
			return 0, z.readErr()
		}
	}
	n := copy(p, z.buf[z.pos:z.end])
	z.pos += n
	return n, nil
}

func (z *rewindReader) ReadByte() (byte, error) {
	if z.pos == z.end {
		z.fill()
		if z.pos == z.end {
			return 0, z.readErr()
		}
	}
	c := z.buf[z.pos]
	z.pos++
	return c, nil
}

// peek returns the next n bytes (n at most size - keep) without reading
// them, or fewer with the error that ended the data.
func (z *rewindReader) peek(n int) ([]byte, error) {
	for z.end-z.pos < n && z.err == nil {
		z.fill()
	}
	if z.end-z.pos < n {
		return z.buf[z.pos:z.end], z.readErr()
	}
	return z.buf[z.pos : z.pos+n], nil
}

// discard skips n bytes, which peek returned.
func (z *rewindReader) discard(n int) { z.pos += n }

// offset is the position in the stream of the next byte.
func (z *rewindReader) offset() int64 { return z.base + int64(z.pos) }

// rewindTo goes back (or forward) to offset off, or to the oldest byte kept.
func (z *rewindReader) rewindTo(off int64) {
	off = min(max(off, z.base), z.offset())
	z.pos = int(off - z.base)
}

// blockReader reads a record's block. It notes stream errors in the
// reader, which then looks for the next record. A gzip member holds whole
// records: a block that goes on past the end of its member is cut, and the
// next record is looked for in the next member.
type blockReader struct {
	w *warcReader
	n int64 // bytes left
}

func (b *blockReader) Read(p []byte) (int, error) {
	if b.n <= 0 {
		return 0, io.EOF
	}
	w := b.w
	if w.sync != syncNone {
		return 0, errors.New("record already failed")
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	n, err := w.rr.Read(p)
	b.n -= int64(n)
	switch {
	case err == nil:
	case err == io.EOF && n > 0:
		err = nil
	case err == io.EOF:
		w.sync = syncLine
		if w.gz != nil {
			err = fmt.Errorf("the gzip member ends %d bytes before the end of the record", b.n)
		} else {
			err = errors.New("truncated: the file ends inside the record")
		}
	default:
		w.sync = syncMember
		err = streamErr(err)
	}
	return n, err
}

// remaining is how many bytes of the block are left unread.
func (b *blockReader) remaining() int64 { return b.n }

// clip returns b cut to at most n bytes, for error messages.
func clip(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}

// warcPage is a page of a WARC input: a response record whose payload is
// HTML, or a record that failed (err set by the caller).
type warcPage struct {
	offset      int64
	id, uri     string
	date        string
	contentType string // the HTTP Content-Type
	data        []byte // the payload, decoded from its Content-Encoding
	truncated   bool
}

func newWARCPage(rec *warcRecord) *warcPage {
	return &warcPage{offset: rec.offset, id: rec.id, uri: rec.uri, date: rec.date}
}

// readPage reads the HTML payload of a record, up to limit bytes after
// decoding. It returns a nil page for a record that is not an HTML page: not
// a response, not an HTTP response with a 2xx status, not HTML by its
// Content-Type (or, when it has none or application/octet-stream, by its
// content).
func (w *warcReader) readPage(rec *warcRecord, limit int64) (*warcPage, error) {
	if !strings.EqualFold(rec.typ, "response") || !isMediaType(rec.contentType, "application/http") {
		return nil, nil
	}
	lim := &io.LimitedReader{R: &rec.block, N: warcMaxHeader}
	if w.hb == nil {
		w.hb = bufio.NewReaderSize(lim, 16<<10)
	} else {
		w.hb.Reset(lim)
	}
	// An error of the stream is the record's as it is; another one is
	// about the HTTP response inside.
	fail := func(what string, err error) (*warcPage, error) {
		switch {
		case w.sync != syncNone:
		case lim.N <= 0:
			err = fmt.Errorf("HTTP header longer than %d bytes", warcMaxHeader)
		case err == io.EOF:
			err = errors.New("empty HTTP response")
		default:
			err = fmt.Errorf("%s: %w", what, err)
		}
		return nil, err
	}
	tp := textproto.NewReader(w.hb)
	status, err := tp.ReadLine()
	if err != nil {
		return fail("HTTP status line", err)
	}
	if !strings.HasPrefix(status, "HTTP/") {
		return nil, fmt.Errorf("not an HTTP response: starts with %q", clip([]byte(status), 40))
	}
	code := 0
	if f := strings.Fields(status); len(f) >= 2 {
		code, _ = strconv.Atoi(f[1])
	}
	if code == 0 {
		return nil, fmt.Errorf("malformed HTTP status line %q", clip([]byte(status), 60))
	}
	hdr, err := tp.ReadMIMEHeader()
	if err != nil && err != io.EOF {
		return fail("HTTP header", err)
	}
	lim.N = math.MaxInt64 // the rest is the payload, bounded by the block
	if code < 200 || code > 299 {
		return nil, nil
	}
	ct := hdr.Get("Content-Type")
	sniff := ct == "" || isMediaType(ct, "application/octet-stream")
	if !sniff && !isMediaType(ct, "text/html") && !isMediaType(ct, "application/xhtml+xml") {
		return nil, nil
	}

	var body io.Reader = w.hb
	hint := int64(w.hb.Buffered()) + rec.block.remaining()
	if te := strings.ToLower(hdr.Get("Transfer-Encoding")); strings.Contains(te, "chunked") {
		body, hint = httputil.NewChunkedReader(body), 0
	}
	switch ce := strings.ToLower(strings.TrimSpace(hdr.Get("Content-Encoding"))); ce {
	case "", "identity":
	case "gzip", "x-gzip":
		if w.pgz == nil {
			w.pgz = new(gzip.Reader)
		}
		if err := w.pgz.Reset(body); err != nil {
			return fail("HTTP payload", err)
		}
		body, hint = w.pgz, 0
	case "deflate":
		body, hint = deflateReader(body), 0
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", ce)
	}

	data, truncated, err := readAtMost(body, limit, hint)
	if err != nil {
		if w.sync != syncNone || !errors.Is(err, io.ErrUnexpectedEOF) {
			return fail("HTTP payload", err)
		}
		truncated = true // a payload cut by the crawler: keep what there is
	}
	if sniff && !looksLikeHTML(data) {
		return nil, nil
	}
	p := newWARCPage(rec)
	p.contentType = ct
	p.data = data
	p.truncated = truncated || rec.truncated
	return p, nil
}

// isMediaType reports whether the Content-Type value ct is of media type mt.
func isMediaType(ct, mt string) bool {
	t, _, err := mime.ParseMediaType(ct)
	if err != nil {
		t, _, _ = strings.Cut(ct, ";")
		t = strings.ToLower(strings.TrimSpace(t))
	}
	return t == mt
}

// deflateReader decodes a "deflate" Content-Encoding: zlib data as the
// standard says, or raw deflate data as some servers send.
func deflateReader(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if h, _ := br.Peek(2); len(h) == 2 && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
		if zr, err := zlib.NewReader(br); err == nil {
			return zr
		}
	}
	return flate.NewReader(br)
}

// isWARCHead reports whether the first bytes of a file are those of a WARC
// file: "WARC/1." uncompressed or as the start of a gzip member. gz is
// reused to look into gzip data.
func isWARCHead(head []byte, gz *gzip.Reader) bool {
	magic := []byte("WARC/1.")
	if bytes.HasPrefix(head, magic) {
		return true
	}
	if !bytes.HasPrefix(head, gzipMagic) {
		return false
	}
	if err := gz.Reset(bytes.NewReader(head)); err != nil {
		return false
	}
	gz.Multistream(false)
	var b [7]byte
	_, err := io.ReadFull(gz, b[:])
	return err == nil && bytes.Equal(b[:], magic)
}
