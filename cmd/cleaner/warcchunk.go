package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sync/atomic"
)

// Parallel reading of .warc.gz files.
//
// Decompressing a .warc.gz file takes about a fifth of the CPU time of a
// run. Done by the one goroutine that dispatches the jobs, it would cap a
// run at about five workers' worth of pages, whatever -j. A regular file
// whose records are gzip members of their own (as Common Crawl writes
// them) is therefore cut into chunks, at the bytes that look like the
// header of a gzip member, and each chunk is a job: the worker decompresses
// it, reads its records with the same warcReader as a whole file, and
// cleans its pages. The dispatcher only reads the file, looks for the
// headers and decodes the first bytes after each (startsChunk).
//
// A chunk is normally one member and one record. A member of several
// records (a file compressed as one member), or a chunk longer than
// chunkCap, is read by the dispatcher as a whole file is, up to the next
// member that starts a chunk, and its pages are cleaned in parallel as
// before. The test is cheap: the size in the member's trailer against the
// Content-Length of the first record. A chunk that passes it may still
// hold more (members whose header does not look like one, junk) or less
// than a record: its worker reads the member that starts last in the
// chunk to its end, past the end of the chunk if need be, since a false
// header, magic bytes inside compressed data, cuts a member short. The
// worker reports how far it read, and the jobs of the chunks it read again
// are dropped.

// Variables for the tests.
var (
	chunkWindow = 1 << 20  // bytes of the file read at first to look for members
	chunkCap    = 16 << 20 // longest chunk given to a worker
	checkSingle = true     // whether a chunk of several records is read by the dispatcher
	// Whether the dispatcher decompresses a chunk when no worker is free
	// to (decodeAuto), always or never.
	chunkDecode = decodeAuto
)

const (
	decodeAuto = iota
	decodeAlways
	decodeNever
)

// warcChunk is a part of a .warc.gz file that a job reads: the compressed
// bytes from start (a member's start) to end (the next one's, or the end of
// the file).
type warcChunk struct {
	data       []byte
	start, end int64
	file       *sharedFile // to read on past end
}

// sharedFile is a file read by the dispatcher and by the jobs of its
// chunks; the last one to release it closes it.
type sharedFile struct {
	f    *os.File
	refs atomic.Int32
}

func (s *sharedFile) acquire() { s.refs.Add(1) }

func (s *sharedFile) release() {
	if s.refs.Add(-1) == 0 {
		s.f.Close()
	}
}

// chunkSource reads a chunk's bytes, then the file on from the chunk's end
// when the reader needs more (a member cut by a false header, or the
// search for the next member after broken data).
type chunkSource struct {
	data []byte
	file *os.File
	off  int64 // in the file, of the byte after data
}

func (s *chunkSource) Read(p []byte) (int, error) {
	if len(s.data) > 0 {
		n := copy(p, s.data)
		s.data = s.data[n:]
		return n, nil
	}
	n, err := s.file.ReadAt(p, s.off)
	s.off += int64(n)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

// newChunkReader returns a reader for the chunks of .warc.gz files, to be
// reset for each chunk with resetChunk; a worker keeps one.
func newChunkReader() *warcReader {
	return &warcReader{
		zr:     newRewindReader(nil, 4*warcBufSize, warcHistory),
		gz:     new(gzip.Reader),
		rr:     bufio.NewReaderSize(eofReader{}, warcBufSize),
		stopAt: -1, stoppedAt: -1,
	}
}

// resetChunk makes w read the records of c.
func (w *warcReader) resetChunk(c *warcChunk) {
	w.zr.reset(&chunkSource{data: c.data, file: c.file.f, off: c.end}, c.start)
	w.rr.Reset(eofReader{})
	w.member, w.cur, w.sync, w.done = c.start, nil, syncNone, false
	w.stopAt, w.stoppedAt, w.stopExact = c.end, -1, true
}

// readPages reads the records of w and calls emit with each HTML page, and
// with each record that failed (a page that holds what is known of it, and
// the error); it counts the other records in *skipped. It returns false
// when emit does, at which it stops.
func readPages(w *warcReader, limit int64, skipped *int, emit func(*warcPage, error) bool) bool {
	for {
		rec, err := w.Next()
		if err == io.EOF {
			return true
		}
		var page *warcPage
		if err == nil {
			page, err = w.readPage(rec, limit)
			if err == nil && page != nil {
				err = w.endRecord(rec) // a gzip member's checksum, before the page is used
			}
			if err == nil && page == nil {
				*skipped++
				continue
			}
		}
		if err != nil {
			var we *warcError
			if errors.As(err, &we) {
				rec, err = we.rec, we.err
			}
			page = newWARCPage(rec)
		}
		if !emit(page, err) {
			return false
		}
	}
}

// chunkable reports whether src is read in chunks: a regular file that
// starts like gzip data.
func (src *warcSource) chunkable() bool {
	if src.file == nil || src.size <= 0 {
		return false
	}
	var magic [2]byte
	n, _ := src.file.ReadAt(magic[:], 0)
	return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b
}

// nextChunkStart returns the index in b of the first member at or after
// from that starts a chunk, and the size of its first record
// (startsChunk), or -1 and the index from which to search again when b has
// grown; eof says that b ends the file.
func (p *chunkProbe) nextChunkStart(b []byte, from int, eof bool) (i int, size int64, again int) {
	for i = from; i < len(b); i++ {
		j := bytes.Index(b[i:], gzipMagic)
		if j < 0 {
			return -1, -1, max(from, len(b)-len(gzipMagic)+1)
		}
		i += j
		ok, more, size := p.startsChunk(b[i:])
		if ok {
			return i, size, 0
		}
		if more && !eof {
			return -1, -1, i // too short to tell yet
		}
	}
	return -1, -1, max(from, len(b))
}

// readWARCChunks cuts a .warc.gz file into chunks and submits a job for
// each; it closes the file when the last job is done with it. It returns
// false when the run is cancelled.
func (b *batch) readWARCChunks(idx int, in input, src *warcSource, submit func(*job) bool, d *dispatched) bool {
	file := &sharedFile{f: src.file}
	file.refs.Store(1)
	defer file.release()
	frac := func(pos int64) float64 { return min(float64(pos)/float64(src.size), 1) }

	buf := make([]byte, min(chunkWindow, chunkCap))
	probe := new(chunkProbe)
	var (
		off    int64 // in the file, of buf[lo]: the start of the current chunk
		lo, hi int   // buf[lo:hi] holds the file from off on
		scan   = 1   // where, from lo, to look on for the next member
		eof    bool
		// The size of the first record of the current chunk, when known.
		size, nextSize int64 = -1, -1
	)
	for {
		i, iSize, again := probe.nextChunkStart(buf[lo:hi], scan, eof)
		switch {
		case i < 0 && !eof && hi-lo < chunkCap:
			// Read more.
			scan = again
			if hi == len(buf) {
				if lo > 0 {
					hi = copy(buf, buf[lo:hi])
					lo = 0
				} else {
					grown := make([]byte, min(2*len(buf), chunkCap))
					copy(grown, buf[:hi])
					buf = grown
				}
			}
			n, err := file.f.ReadAt(buf[hi:], off+int64(hi-lo))
			hi += n
			switch {
			case err == io.EOF:
				eof = true
			case err != nil:
				page := &warcPage{offset: off + int64(hi-lo)}
				return submit(&job{in: in, page: page, err: err, idx: idx, frac: 1})
			}
			continue

		case i < 0 && !eof:
			// No member starts in chunkCap bytes: read them here, as a
			// whole file is read, up to the next chunk.
			next, ok := b.readWARCRegion(idx, in, file.f, off, src.size, submit, d)
			if !ok || next < 0 {
				return ok
			}
			off, lo, hi, scan, eof, size = next, 0, 0, 1, false, -1
			continue

		case i < 0 && hi == lo:
			return true // the end of the file
		}
		n := hi - lo // the last chunk
		if i >= 0 {
			n, nextSize = i, iSize
		}
		if checkSingle && !probe.singleRecord(buf[lo:lo+n], size) {
			next, ok := b.readWARCRegion(idx, in, file.f, off, src.size, submit, d)
			if !ok || next < 0 {
				return ok
			}
			off, lo, hi, scan, eof, size = next, 0, 0, 1, false, -1
			continue
		}
		c := &warcChunk{data: bytes.Clone(buf[lo : lo+n]), start: off, end: off + int64(n), file: file}
		file.acquire()
		if !submit(&job{in: in, chunk: c, inChunks: true, start: off, idx: idx, frac: frac(c.end)}) {
			file.release()
			return false
		}
		off, lo, scan, size = c.end, lo+n, 1, nextSize
	}
}

// singleRecord reports whether b, a chunk, is likely to be a gzip member
// of one record: whether the size of the data in the trailer of its last
// member is that of the record that starts its first one (size, -1 when
// not known yet). When that record's header cannot be read, it leaves b to
// a worker, which reports why.
func (p *chunkProbe) singleRecord(b []byte, size int64) bool {
	const trailerLen = 8
	if len(b) < memberHeaderLen+trailerLen {
		return true
	}
	if size < 0 {
		if _, _, size = p.startsChunk(b); size < 0 {
			return true
		}
	}
	// The size in the trailer is mod 2^32; up to 4 more bytes for blank
	// lines.
	return binary.LittleEndian.Uint32(b[len(b)-4:])-uint32(size) <= 4
}

// readWARCRegion reads the records of f from off, a member's start, with
// the dispatcher's reader, up to the next member that starts a chunk, and
// submits their jobs. It returns where it stopped, or -1 at the end of the
// file, and false when the run is cancelled.
func (b *batch) readWARCRegion(idx int, in input, f *os.File, off, size int64, submit func(*job) bool, d *dispatched) (int64, bool) {
	cr := &countingReader{r: io.NewSectionReader(f, off, math.MaxInt64-off)}
	w := newWARCReader(bufio.NewReaderSize(cr, warcBufSize), cr)
	if w.zr == nil {
		return -1, true // cannot be: off starts a member
	}
	w.zr.base = off
	w.stopAt = off // and the next member that starts a chunk ends the region
	ok := readPages(w, int64(b.cfg.maxBytes), &d.skipped, func(page *warcPage, err error) bool {
		return submit(&job{in: in, page: page, err: err, inChunks: true, start: off, idx: idx, frac: min(float64(w.pos())/float64(size), 1)})
	})
	return w.stoppedAt, ok
}

// processChunk reads the records of a chunk job and cleans its pages; it
// sends a result for each page and each record that failed.
func (b *batch) processChunk(ctx context.Context, j *job, w *warcReader) {
	c := j.chunk
	defer func() {
		if p := recover(); p != nil {
			j.done <- result{in: j.in, page: &warcPage{offset: c.start}, err: fmt.Errorf("internal error: %v", p)}
		}
		c.file.release()
	}()
	send := func(page *warcPage, err error) bool {
		if err != nil {
			j.done <- result{in: j.in, page: page, err: err}
		} else {
			j.done <- b.process(ctx, j.in, page)
		}
		return true
	}
	if j.decoded != nil {
		for _, r := range j.decoded {
			send(r.page, r.err)
		}
		j.decoded = nil
		return
	}
	j.skipped, j.through = b.readChunk(w, c, send)
}

// readChunk reads the records of c with w, and calls emit as readPages
// does. It returns the count of records skipped, and where in the file it
// stopped reading, or -1 when emit returned false.
func (b *batch) readChunk(w *warcReader, c *warcChunk, emit func(*warcPage, error) bool) (skipped int, through int64) {
	w.resetChunk(c)
	defer w.zr.reset(nil, 0)
	if !readPages(w, int64(b.cfg.maxBytes), &skipped, emit) {
		return skipped, -1
	}
	c.data = nil // the job waits for its turn without its bytes
	if w.stoppedAt >= 0 {
		return skipped, w.stoppedAt
	}
	return skipped, w.pos() // the end of the file, or where reading it failed
}

// decodedRecord is a page or a failed record of a chunk that the
// dispatcher decompressed.
type decodedRecord struct {
	page *warcPage
	err  error
}

// maxDecoded is the most records of a chunk the dispatcher keeps.
const maxDecoded = 8

// decodeChunk has the dispatcher decompress the chunk of j, when no worker
// is free to take it: -j workers keep as many cores busy cleaning, and the
// dispatcher may use one more, as it does for a file it reads whole. A
// chunk of more than maxDecoded records is left to the worker.
func (b *batch) decodeChunk(j *job, w *warcReader) {
	var recs []decodedRecord
	skipped, through := b.readChunk(w, j.chunk, func(page *warcPage, err error) bool {
		recs = append(recs, decodedRecord{page, err})
		return len(recs) < maxDecoded
	})
	if through < 0 {
		return
	}
	if recs == nil {
		recs = []decodedRecord{} // no page: the worker has nothing to do
	}
	j.decoded, j.skipped, j.through = recs, skipped, through
}
