// Command cleaner extracts the article from web pages: title, authors,
// dates and other metadata, and the article's text without its boilerplate.
//
// Usage:
//
//	cleaner [flags] [FILE|DIR|-]...
//	cleaner --format json crawl.warc.gz
//
// Each argument is a file, a directory (walked recursively in lexical order;
// hidden files and directories and non-regular files are skipped) or "-" for
// the standard input, which is also read when there is no argument. Gzip
// input (a .gz name or the gzip magic bytes) is decompressed on the fly.
// Every input, compressed or not, is read up to --max-bytes bytes; a longer
// input is cut there and reported as truncated.
//
// With --from auto (the default), a name ending in .html or .htm (before any
// .gz) is read as HTML and one ending in .txt as plain text; otherwise the
// input is HTML when it starts, after an optional byte order mark and
// whitespace, with "<" and has HTML tags such as <html>, <!doctype>, <body>,
// <div> or <p>, and plain text when not. Plain text is cleaned with
// (*cleaner.Cleaner).CleanText, HTML with (*cleaner.Cleaner).Clean.
//
// With --format text (the default), each article is written as its title
// line, a blank line and its text; when there are several inputs, each
// article starts with a line "==> SOURCE <==" and articles are separated by
// a blank line. With --format markdown, each article is written as its title
// as a "#" heading and its body as Markdown (cleaner.Article.Markdown); with
// --with-metadata, a YAML front matter of its metadata takes the heading's
// place (Article.MarkdownWithFrontMatter). With --format html, the title as
// an <h1> and the body as a sanitized HTML fragment (Article.HTML). Both are
// framed like text when there are several inputs.
//
// With --format json, each input gives one JSON object on one line: the
// library's cleaner.ArticleJSON (title, subtitle, authors, published and
// modified in RFC 3339 and left out when unknown, sitename, description,
// language, url, hostname, image, tags, categories, text, truncated only
// when true, charset, blocks, and removed only with --trace: a list of
// {rule, phase, text, reason}), after source, the input's name, and with
// error when the input failed (the article fields are then empty, while
// source, the --url given and truncated still describe the input). Lists
// are [], never null.
//
// # Web archives
//
// A WARC file (.warc, or .warc.gz with one gzip member a record as Common
// Crawl writes them, or one for the whole file) is read record by record,
// in bounded memory, with --from warc, or with --from auto when its name
// ends in .warc or .warc.gz or when it starts with "WARC/1.", plain or in a
// gzip member (a regular file or the standard input; a pipe is recognized
// by its name only). Each response record holding a 2xx HTTP response
// whose Content-Type is text/html or application/xhtml+xml (or, without a
// Content-Type or with application/octet-stream, whose payload looks like
// HTML) is a page: its payload, decoded from a chunked Transfer-Encoding
// and a gzip or deflate Content-Encoding, up to --max-bytes bytes, is
// cleaned with the charset of its HTTP Content-Type header. Other records
// (warcinfo, request, metadata, revisit, images, redirects...) are skipped
// and counted. A page's JSON line also has warc_record_id
// (WARC-Record-ID), warc_offset (of the record, or of its gzip member),
// url (WARC-Target-URI, in place of the canonical URL) and fetched
// (WARC-Date, RFC 3339); in text, each article starts with "==> FILE URI
// <==". A record that cannot be read (corrupt gzip data, a malformed header,
// a file cut short) gives an error line with what is known of it, and the
// reading goes on with the next record that can be found; a file that ends
// inside a record ends there.
//
// The gzip members of a .warc.gz regular file are decompressed by the
// workers, in parallel; those of the standard input, of a pipe, or of a
// member that holds several records (a file compressed whole) are
// decompressed as they are read, by the goroutine that hands out the
// pages.
//
// # Batches
//
// Inputs, and the pages of a WARC file, are cleaned by -j workers that
// share one Cleaner; the output is always in input order, and in record
// order within a WARC file. At most 2*j pages (or gzip members of a
// .warc.gz file) are in flight, read and not yet written. A failed input is reported (on the standard error with
// --format text, as an error record with --format json) and the others go
// on. The exit status is 0 when every input succeeded, 1 when one failed and
// 2 on a usage error. With two inputs or more, or a WARC input, a summary
// line goes to the standard error at the end: pages, errors, skipped
// records (for WARC input), megabytes cleaned, seconds, pages/s and MB/s.
// When the standard error is a terminal, a progress line is kept on it
// while the batch runs (pages, pages/s, MB/s, errors and, when the inputs
// are files, the share done and the time left), redrawn at most five
// times a second.
//
// Flags:
//
//	--from auto|html|text|warc  input type (default auto)
//	--format text|json|markdown|html  output format (default text)
//	--with-metadata             with --format markdown: a YAML front matter first
//	--url URL                   address of the page, for a single input (a WARC
//	                            record's is its WARC-Target-URI)
//	-j N                        number of parallel workers (default: number of CPUs)
//	--trace                     report what each rule removed
//	--disable-rule ID           disable a rule; repeatable, or a comma-separated list
//	--max-bytes N               bytes read per input or WARC record payload, after
//	                            decompression (default 16MiB; suffixes K, M, G, KiB,
//	                            MiB, GiB = powers of 1024, KB, MB, GB = of 1000)
//	--timeout D                 time limit per page, such as 10s (default: none)
//	--rules                     print the rules (ID, phase, description) and exit
package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/boilerfree/cleaner"
)

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// batchGCPercent is the GOGC of a run when the environment sets none.
const batchGCPercent = 300

// tuneGC sets the garbage collector for a batch run, unless GOGC or
// GOMEMLIMIT say otherwise. A run keeps little live data (one page's tree
// per worker) and allocates fast: at the default GOGC=100 the collector's
// marking takes most of a second core, so -j 1 already uses about 1.4
// CPUs and a second worker adds little. At 300 the heap may grow to four
// times the live data (tens of MB on ordinary pages), the collector runs
// a third as often, and the workers get the cores. A soft memory limit
// makes it collect harder before the heap gets large on huge pages.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(batchGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(512 << 20)
	}
}

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // some input failed
	exitUsage  = 2 // bad flags or arguments
)

// engine is what the command needs of a *cleaner.Cleaner. Tests substitute
// a fake to check the command's own logic independently of the pipeline.
type engine interface {
	Clean(ctx context.Context, r io.Reader, pageURL string) (*cleaner.Article, error)
	CleanWithContentType(ctx context.Context, r io.Reader, pageURL, contentType string) (*cleaner.Article, error)
	CleanText(ctx context.Context, text string) (*cleaner.Article, error)
	Rules() []cleaner.Rule
}

// engineFactory builds the engine from the options given on the command line.
type engineFactory func(opts ...cleaner.Option) (engine, error)

func newEngine(opts ...cleaner.Option) (engine, error) {
	c, err := cleaner.New(opts...)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// run is the whole command: it parses args, cleans the inputs and returns
// the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runWith(ctx, args, stdin, stdout, stderr, newEngine)
}

// config is the parsed command line.
type config struct {
	from     string
	format   string
	withMeta bool
	url      string
	jobs     int
	trace    bool
	disable  stringList
	maxBytes byteSize
	timeout  time.Duration
	rules    bool
	images   bool
	links    bool
	tables   bool
	comments bool
}

// usageError is a bad flag or argument: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, "usage: cleaner [flags] [FILE|DIR|-]...\n\n"+
		"Extracts the article of each web page: files, directories (recursively),\n"+
		"or - for the standard input (the default). .gz inputs are decompressed;\n"+
		"WARC files (.warc, .warc.gz) are read record by record.\n\n"+
		"Flags (-flag and --flag are the same):\n")
	fs, _ := newFlagSet(w)
	fs.PrintDefaults()
}

// newFlagSet returns the command's flags, bound to a new config holding
// their defaults. The flag package writes its errors to out.
func newFlagSet(out io.Writer) (*flag.FlagSet, *config) {
	cfg := &config{maxBytes: cleaner.DefaultMaxBytes}
	fs := flag.NewFlagSet("cleaner", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {} // runWith prints the usage, in full only for -h
	fs.StringVar(&cfg.from, "from", "auto", "input type: `auto`, html, text or warc")
	fs.StringVar(&cfg.format, "format", "text", "output format: `text`, json, markdown or html")
	fs.BoolVar(&cfg.withMeta, "with-metadata", false, "with --format markdown: start each article with a YAML front matter of its metadata")
	fs.StringVar(&cfg.url, "url", "", "`URL` of the page, for a single input")
	fs.IntVar(&cfg.jobs, "j", runtime.NumCPU(), "number of parallel workers, `N`")
	fs.BoolVar(&cfg.trace, "trace", false, "report what each rule removed (text: on stderr; json: the removed field)")
	fs.Var(&cfg.disable, "disable-rule", "disable the rule with this `ID` (repeatable, or comma-separated)")
	fs.Var(&cfg.maxBytes, "max-bytes", "read at most `N` bytes of each input or WARC record payload, after decompression\n(suffixes K, M, G, KiB, MiB, GiB; KB, MB, GB are powers of 1000)")
	fs.DurationVar(&cfg.timeout, "timeout", 0, "time limit per page, such as 10s; 0 for none")
	fs.BoolVar(&cfg.rules, "rules", false, "print the rules (ID, phase, description) and exit")
	fs.BoolVar(&cfg.images, "images", false, "keep the article's images as figures (json blocks, markdown, html)")
	fs.BoolVar(&cfg.links, "links", true, "keep links (json spans, markdown, html); --links=false drops them")
	fs.BoolVar(&cfg.tables, "tables", true, "keep data tables; --tables=false leaves them out of the text")
	fs.BoolVar(&cfg.comments, "comments", true, "return reader comments (json comments field); --comments=false skips them")
	return fs, cfg
}

// parseArgs parses the command line. Flags may come before, between or
// after the inputs; "--" ends the flags. Errors are flag.ErrHelp, a
// *usageError, or an error the flag package already printed.
func parseArgs(args []string, stderr io.Writer) (*config, []string, error) {
	fs, cfg := newFlagSet(stderr)
	var inputs []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			return nil, nil, err
		}
		left := fs.Args()
		if n := len(rest) - len(left); n > 0 && rest[n-1] == "--" {
			inputs = append(inputs, left...)
			break
		}
		if len(left) == 0 {
			break
		}
		inputs = append(inputs, left[0])
		rest = left[1:]
	}

	switch cfg.from {
	case "auto", "html", "text", "warc":
	default:
		return nil, nil, usagef("--from %q: want auto, html, text or warc", cfg.from)
	}
	switch cfg.format {
	case "text", "json", "markdown", "html":
	default:
		return nil, nil, usagef("--format %q: want text, json, markdown or html", cfg.format)
	}
	if cfg.withMeta && cfg.format != "markdown" {
		return nil, nil, usagef("--with-metadata is for --format markdown")
	}
	if cfg.jobs < 1 {
		return nil, nil, usagef("-j %d: want at least 1", cfg.jobs)
	}
	if cfg.timeout < 0 {
		return nil, nil, usagef("--timeout %v: must not be negative", cfg.timeout)
	}
	if cfg.url != "" {
		if _, err := url.Parse(cfg.url); err != nil {
			return nil, nil, usagef("--url: %v", err)
		}
	}
	return cfg, inputs, nil
}

func runWith(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, newEngine engineFactory) int {
	cfg, args, err := parseArgs(args, stderr)
	if err != nil {
		var ue *usageError
		switch {
		case errors.Is(err, flag.ErrHelp):
			printUsage(stdout)
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "cleaner: %s\n", ue.msg)
		}
		// Other errors were printed by the flag package.
		fmt.Fprintln(stderr, "Run 'cleaner -h' for usage.")
		return exitUsage
	}

	opts := []cleaner.Option{cleaner.WithMaxBytes(int64(cfg.maxBytes)), cleaner.WithTrace(cfg.trace),
		cleaner.WithImages(cfg.images), cleaner.WithLinks(cfg.links), cleaner.WithTables(cfg.tables), cleaner.WithComments(cfg.comments)}
	if len(cfg.disable) > 0 {
		opts = append(opts, cleaner.WithoutRules(cfg.disable...))
	}
	eng, err := newEngine(opts...)
	if err != nil {
		fmt.Fprintln(stderr, prefixed(err.Error()))
		return exitUsage
	}
	if cfg.rules {
		return printRules(stdout, stderr, eng.Rules())
	}

	inputs, err := discover(args)
	if err != nil {
		fmt.Fprintln(stderr, prefixed(err.Error()))
		return exitUsage
	}
	if cfg.url != "" && len(inputs) > 1 {
		fmt.Fprintf(stderr, "cleaner: --url is for a single input; got %d inputs\n", len(inputs))
		return exitUsage
	}

	var prog *progress
	if isTerminal(stderr) {
		prog = startProgress(stderr, progressEvery)
		stderr = prog // messages are written above the progress line
	}
	format := cfg.format
	if cfg.withMeta {
		format = "markdown+metadata"
	}
	out := newOutput(format, stdout, stderr, cfg.url, cfg.trace, len(inputs) > 1)
	stdinCount := &countingReader{r: stdin}
	b := &batch{cfg: cfg, eng: eng, stdin: bufio.NewReaderSize(stdinCount, warcBufSize), stdinCount: stdinCount}
	start := time.Now()
	st := b.runAll(ctx, inputs, out, prog)
	prog.close()
	if len(inputs) >= 2 || st.warc {
		fmt.Fprintln(stderr, summary(st, time.Since(start)))
	}
	switch {
	case st.writeErr != nil:
		fmt.Fprintf(stderr, "cleaner: writing output: %v\n", st.writeErr)
		return exitFailed
	case !st.complete:
		fmt.Fprintf(stderr, "cleaner: interrupted after %d pages\n", st.pages)
		return exitFailed
	case st.errors > 0:
		return exitFailed
	}
	return exitOK
}

// summary is the line written at the end of a batch.
func summary(st stats, elapsed time.Duration) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d pages, %d errors, ", st.pages, st.errors)
	if st.warc {
		fmt.Fprintf(&sb, "%d records skipped, ", st.skipped)
	}
	secs := elapsed.Seconds()
	fmt.Fprintf(&sb, "%.1f MB, %.1f s, %.1f pages/s, %.1f MB/s",
		float64(st.bytes)/1e6, secs, float64(st.pages)/secs, float64(st.bytes)/1e6/secs)
	return sb.String()
}

// prefixed returns msg with a "cleaner: " prefix, unless it already has one.
func prefixed(msg string) string {
	if strings.HasPrefix(msg, "cleaner: ") {
		return msg
	}
	return "cleaner: " + msg
}

func printRules(stdout, stderr io.Writer, rules []cleaner.Rule) int {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPHASE\tDESCRIPTION")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Phase, r.Description)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "cleaner: writing output: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// batch cleans a list of inputs with a pool of workers.
type batch struct {
	cfg        *config
	eng        engine
	stdin      *bufio.Reader
	stdinCount *countingReader // under stdin: the position in it

	// Used by the goroutine that dispatches the inputs.
	head    [4096]byte   // the start of a file, to recognize WARC files
	sniffGz *gzip.Reader // to look into gzip files
}

// job is one unit of the output: an input file, a page or a failed record
// of a WARC input, or a chunk of a .warc.gz file, which gives a result for
// each of its pages and failed records.
type job struct {
	in    input
	page  *warcPage  // for a WARC input
	chunk *warcChunk // for a chunk of a .warc.gz file
	err   error      // set when the job failed before cleaning
	// For the progress line: the index of the input, and how much of it is
	// done after this job.
	idx  int
	frac float64
	done chan result // the results, closed after the last one

	// For a .warc.gz file read in chunks: where the bytes the job reads
	// start (those of a page read by the dispatcher: where it started).
	inChunks bool
	start    int64
	// Of a chunk, set before done is closed: the records skipped, and
	// where in the file the worker stopped reading (past the chunk's end
	// when a member went on into the next chunks).
	skipped int
	through int64
	// Of a chunk that the dispatcher decompressed: its pages and failed
	// records, to be cleaned or reported by the worker; nil otherwise.
	decoded []decodedRecord
}

// result is the outcome of one job.
type result struct {
	in        input
	page      *warcPage        // for a WARC input
	art       *cleaner.Article // nil when err is set
	err       error
	bytes     int64 // bytes read, after decompression
	truncated bool  // the input was cut at --max-bytes
}

type stats struct {
	pages, errors int
	bytes         int64
	skipped       int  // records of WARC inputs that are not HTML pages
	warc          bool // a WARC input was read
	complete      bool // every input was read: not interrupted
	writeErr      error
}

// dispatched is what the dispatching goroutine reports at its end.
type dispatched struct {
	skipped  int
	warc     bool
	complete bool
}

// runAll cleans the inputs with cfg.jobs workers and writes the results in
// input order; the records of a WARC input are cleaned in parallel too, and
// written in record order. At most 2*jobs jobs are in flight (being read,
// cleaned, or done and waiting for an earlier one to be written), so a slow
// page holds back the reading of new inputs and records rather than letting
// results pile up.
func (b *batch) runAll(ctx context.Context, inputs []input, out output, prog *progress) stats {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	window := 2 * b.cfg.jobs
	slots := make(chan struct{}, window) // one per job in flight
	order := make(chan *job, window)     // dispatched jobs, in output order
	jobs := make(chan *job)

	var wg sync.WaitGroup
	for range b.cfg.jobs {
		wg.Go(func() {
			var chunks *warcReader // made for the first chunk
			for j := range jobs {
				if j.chunk != nil {
					if chunks == nil {
						chunks = newChunkReader()
					}
					b.processChunk(ctx, j, chunks)
				} else {
					j.done <- b.process(ctx, j.in, j.page)
				}
				close(j.done)
			}
		})
	}
	var disp dispatched // written by the dispatcher before it closes order
	go func() {
		var chunks *warcReader // made for the first chunk it decompresses
		defer close(order)
		defer close(jobs)
		submit := func(j *job) bool {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			j.done = make(chan result, 1)
			order <- j
			switch {
			case j.err != nil:
				j.done <- result{in: j.in, page: j.page, err: j.err}
				close(j.done)
				return true
			case j.chunk != nil && chunkDecode == decodeAuto:
				select {
				case jobs <- j:
					return true
				default: // no worker is free
				}
				fallthrough
			case j.chunk != nil && chunkDecode == decodeAlways:
				if chunks == nil {
					chunks = newChunkReader()
				}
				b.decodeChunk(j, chunks)
			}
			jobs <- j
			return true
		}
		disp = b.dispatch(inputs, submit)
	}()

	knownTotal := true // whether the progress line can tell how much is done
	for _, in := range inputs {
		knownTotal = knownTotal && in.path != ""
	}
	var st stats
	// The bytes of a .warc.gz file up to through, in the input of index
	// readIdx, were read by the job of an earlier chunk: the jobs that
	// read them again are dropped.
	readIdx, through := -1, int64(0)
	for j := range order {
		frac := -1.0
		if knownTotal {
			frac = (float64(j.idx) + j.frac) / float64(len(inputs))
		}
		dropped := j.inChunks && j.idx == readIdx && j.start < through
		for r := range j.done {
			if dropped {
				continue
			}
			st.pages++
			st.bytes += r.bytes
			if r.err != nil {
				st.errors++
			}
			if st.writeErr == nil {
				if err := out.write(&r); err != nil {
					st.writeErr = err
					cancel() // stop reading new inputs; drain the ones in flight
				}
			}
			prog.set(st.pages, st.errors, st.bytes, frac)
		}
		<-slots
		if j.chunk != nil && !dropped {
			st.skipped += j.skipped
			readIdx, through = j.idx, max(j.chunk.end, j.through)
			prog.set(st.pages, st.errors, st.bytes, frac)
		}
	}
	wg.Wait()
	if st.writeErr == nil {
		st.writeErr = out.flush()
	}
	st.skipped += disp.skipped
	st.warc, st.complete = disp.warc, disp.complete
	return st
}

// dispatch turns the inputs into jobs, in order, and submits them; submit
// returns false when the run is cancelled. A WARC input gives a job for
// each HTML page and each failed record.
func (b *batch) dispatch(inputs []input, submit func(*job) bool) (d dispatched) {
	for i, in := range inputs {
		if in.err == nil {
			if src := b.openWARC(in); src != nil {
				d.warc = true
				var ok bool
				if src.chunkable() {
					ok = b.readWARCChunks(i, in, src, submit, &d) // closes the file
				} else {
					ok = b.readWARC(i, in, src, submit, &d)
					if src.file != nil {
						src.file.Close()
					}
				}
				if !ok {
					return d
				}
				continue
			}
		}
		if !submit(&job{in: in, err: in.err, idx: i, frac: 1}) {
			return d
		}
	}
	d.complete = true
	return d
}

// warcSource is an open WARC input.
type warcSource struct {
	file *os.File // nil for the standard input
	br   *bufio.Reader
	cr   *countingReader
	size int64 // -1 when unknown
}

// openWARC opens in when it is a WARC file, and returns nil when it is not
// (or cannot be opened: the worker that reads it then reports why). With
// --from auto, a .warc or .warc.gz name makes a WARC input, and so does a
// regular file or the standard input that starts with "WARC/1.", plain or
// gzipped.
func (b *batch) openWARC(in input) *warcSource {
	from := b.cfg.from
	if from == "html" || from == "text" {
		return nil
	}
	byName := from == "warc" || hasWARCExt(in.path)
	if b.sniffGz == nil {
		b.sniffGz = new(gzip.Reader)
	}
	if in.path == "" {
		if !byName {
			head, _ := b.stdin.Peek(len(b.head))
			if !isWARCHead(head, b.sniffGz) {
				return nil
			}
		}
		return &warcSource{br: b.stdin, cr: b.stdinCount, size: -1}
	}
	f, err := os.Open(in.path)
	if err != nil {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || fi.IsDir() || !byName && !fi.Mode().IsRegular() {
		// A pipe is read once, by the worker; it is a WARC input by its
		// name only.
		f.Close()
		return nil
	}
	if !byName {
		n, _ := f.ReadAt(b.head[:], 0)
		if !isWARCHead(b.head[:n], b.sniffGz) {
			f.Close()
			return nil
		}
	}
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	cr := &countingReader{r: f}
	return &warcSource{file: f, br: bufio.NewReaderSize(cr, warcBufSize), cr: cr, size: size}
}

// hasWARCExt reports whether a file name ends in .warc or .warc.gz.
func hasWARCExt(path string) bool {
	name := strings.ToLower(path)
	return strings.HasSuffix(name, ".warc") || strings.HasSuffix(name, ".warc.gz")
}

// readWARC reads the records of a WARC input and submits a job for each
// HTML page and each record that failed; it counts the other records in
// d.skipped. It returns false when the run is cancelled.
func (b *batch) readWARC(idx int, in input, src *warcSource, submit func(*job) bool, d *dispatched) bool {
	w := newWARCReader(src.br, src.cr)
	frac := func() float64 {
		if src.size <= 0 {
			return 0
		}
		return min(float64(w.pos())/float64(src.size), 1)
	}
	return readPages(w, int64(b.cfg.maxBytes), &d.skipped, func(page *warcPage, err error) bool {
		return submit(&job{in: in, page: page, err: err, idx: idx, frac: frac()})
	})
}

// process reads and cleans one input, or cleans page, a page of the WARC
// input in.
func (b *batch) process(ctx context.Context, in input, page *warcPage) (res result) {
	res.in, res.page = in, page
	defer func() {
		if p := recover(); p != nil {
			res.art, res.err = nil, fmt.Errorf("internal error: %v", p)
		}
	}()
	if b.cfg.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, b.cfg.timeout)
		defer cancel()
	}
	if err := ctx.Err(); err != nil {
		res.err = b.ctxErr(err)
		return res
	}

	var (
		data      []byte
		truncated bool
		err       error
		art       *cleaner.Article
		pageURL   = b.cfg.url
	)
	if page != nil {
		data, truncated, pageURL = page.data, page.truncated, page.uri
	} else {
		data, truncated, err = readInput(in, b.stdin, int64(b.cfg.maxBytes))
	}
	res.bytes, res.truncated = int64(len(data)), truncated
	if err != nil {
		res.err = err
		return res
	}

	switch {
	case page != nil:
		art, err = b.eng.CleanWithContentType(ctx, bytesReader(data), pageURL, page.contentType)
	case detectKind(b.cfg.from, in.path, data) == kindText:
		art, err = b.eng.CleanText(ctx, decodeText(data))
	default:
		art, err = b.eng.Clean(ctx, bytesReader(data), pageURL)
	}
	if err == nil && ctx.Err() != nil {
		// The page took longer than --timeout; the result is dropped so
		// that the limit holds whether or not the pipeline noticed it.
		err = ctx.Err()
	}
	if err != nil {
		if ctx.Err() != nil {
			err = b.ctxErr(ctx.Err())
		}
		res.err = err
		return res
	}
	if art == nil {
		art = &cleaner.Article{}
	}
	if truncated {
		art.Truncated = true
	}
	if art.URL == "" {
		art.URL = pageURL
	}
	res.art = art
	return res
}

func (b *batch) ctxErr(err error) error {
	if errors.Is(err, context.DeadlineExceeded) && b.cfg.timeout > 0 {
		return fmt.Errorf("timed out after %v", b.cfg.timeout)
	}
	return err
}

// stringList is a repeatable flag; each value may be a comma-separated list.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// byteSize is a positive number of bytes with an optional unit suffix.
type byteSize int64

func (n *byteSize) String() string {
	v := int64(*n)
	switch {
	case v >= 1<<30 && v%(1<<30) == 0:
		return strconv.FormatInt(v>>30, 10) + "GiB"
	case v >= 1<<20 && v%(1<<20) == 0:
		return strconv.FormatInt(v>>20, 10) + "MiB"
	case v >= 1<<10 && v%(1<<10) == 0:
		return strconv.FormatInt(v>>10, 10) + "KiB"
	}
	return strconv.FormatInt(v, 10)
}

func (n *byteSize) Set(s string) error {
	v, err := parseByteSize(s)
	if err != nil {
		return err
	}
	*n = byteSize(v)
	return nil
}

// parseByteSize parses "1048576", "1MiB", "1M", "512KiB", "2GB". K, M, G and
// KiB, MiB, GiB are powers of 1024; KB, MB and GB are powers of 1000.
func parseByteSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30},
		{"B", 1},
	}
	mult := int64(1)
	for _, u := range units {
		if len(t) > len(u.suffix) && strings.EqualFold(t[len(t)-len(u.suffix):], u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%q: want a positive number of bytes, such as 1048576 or 1MiB", s)
	}
	// Keep max+1 (the read limit used to detect truncation) representable.
	if v > (math.MaxInt64-1)/mult {
		return 0, fmt.Errorf("%q: too large", s)
	}
	return v * mult, nil
}
