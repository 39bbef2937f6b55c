// Command cleaner extracts the article from web pages: title, authors,
// dates and other metadata, and the article's text without its boilerplate.
//
// Usage:
//
//	cleaner [flags] [FILE|DIR|-]...
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
// a blank line. With --format json, each input gives one JSON object on one
// line, with the fields source, url, title, authors, published, modified
// (RFC 3339, left out when unknown), sitename, description, language, image,
// tags, text, truncated (only when true), removed (only with --trace: a list
// of {rule, phase, text, reason}) and error (only when the input failed; the
// article fields are then empty, while source, the --url given and
// truncated still describe the input). Lists are [], never null.
//
// Inputs are cleaned by -j workers that share one Cleaner; the output is
// always in input order. A failed input is reported (on the standard error
// with --format text, as an error record with --format json) and the others
// go on. The exit status is 0 when every input succeeded, 1 when one failed
// and 2 on a usage error. With two inputs or more, a summary line goes to
// the standard error at the end.
//
// Flags:
//
//	--from auto|html|text   input type (default auto)
//	--format text|json      output format (default text)
//	--url URL               address of the page, for a single input
//	-j N                    number of parallel workers (default: number of CPUs)
//	--trace                 report what each rule removed
//	--disable-rule ID       disable a rule; repeatable, or a comma-separated list
//	--max-bytes N           bytes read per input, after decompression (default 16MiB;
//	                        suffixes K, M, G, KiB, MiB, GiB = powers of 1024, KB, MB, GB = of 1000)
//	--timeout D             time limit per page, such as 10s (default: none)
//	--rules                 print the rules (ID, phase, description) and exit
package main

import (
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
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/boilerfree/cleaner"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
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
	url      string
	jobs     int
	trace    bool
	disable  stringList
	maxBytes byteSize
	timeout  time.Duration
	rules    bool
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
		"or - for the standard input (the default). .gz inputs are decompressed.\n\n"+
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
	fs.StringVar(&cfg.from, "from", "auto", "input type: `auto`, html or text")
	fs.StringVar(&cfg.format, "format", "text", "output format: `text` or json")
	fs.StringVar(&cfg.url, "url", "", "`URL` of the page, for a single input")
	fs.IntVar(&cfg.jobs, "j", runtime.NumCPU(), "number of parallel workers, `N`")
	fs.BoolVar(&cfg.trace, "trace", false, "report what each rule removed (text: on stderr; json: the removed field)")
	fs.Var(&cfg.disable, "disable-rule", "disable the rule with this `ID` (repeatable, or comma-separated)")
	fs.Var(&cfg.maxBytes, "max-bytes", "read at most `N` bytes of each input, after decompression\n(suffixes K, M, G, KiB, MiB, GiB; KB, MB, GB are powers of 1000)")
	fs.DurationVar(&cfg.timeout, "timeout", 0, "time limit per page, such as 10s; 0 for none")
	fs.BoolVar(&cfg.rules, "rules", false, "print the rules (ID, phase, description) and exit")
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
	case "auto", "html", "text":
	default:
		return nil, nil, usagef("--from %q: want auto, html or text", cfg.from)
	}
	switch cfg.format {
	case "text", "json":
	default:
		return nil, nil, usagef("--format %q: want text or json", cfg.format)
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

	opts := []cleaner.Option{cleaner.WithMaxBytes(int64(cfg.maxBytes)), cleaner.WithTrace(cfg.trace)}
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

	out := newOutput(cfg.format, stdout, stderr, cfg.url, cfg.trace, len(inputs) > 1)
	b := &batch{cfg: cfg, eng: eng, stdin: stdin}
	start := time.Now()
	st := b.runAll(ctx, inputs, out)
	if len(inputs) >= 2 {
		fmt.Fprintf(stderr, "%d pages, %d errors, %.1f MB, %.1f s\n",
			st.pages, st.errors, float64(st.bytes)/1e6, time.Since(start).Seconds())
	}
	switch {
	case st.writeErr != nil:
		fmt.Fprintf(stderr, "cleaner: writing output: %v\n", st.writeErr)
		return exitFailed
	case st.pages < len(inputs):
		fmt.Fprintf(stderr, "cleaner: interrupted after %d of %d inputs\n", st.pages, len(inputs))
		return exitFailed
	case st.errors > 0:
		return exitFailed
	}
	return exitOK
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
	cfg   *config
	eng   engine
	stdin io.Reader
}

// result is the outcome of one input.
type result struct {
	in        input
	art       *cleaner.Article // nil when err is set
	err       error
	bytes     int64 // bytes read, after decompression
	truncated bool  // the input was cut at --max-bytes
}

type stats struct {
	pages, errors int
	bytes         int64
	writeErr      error
}

// runAll cleans the inputs with cfg.jobs workers and writes the results in
// input order. At most 2*jobs inputs are in flight (being read, cleaned, or
// done and waiting for an earlier one to be written), so a slow page holds
// back the reading of new inputs rather than letting results pile up.
func (b *batch) runAll(ctx context.Context, inputs []input, out output) stats {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		in   input
		done chan result
	}
	window := 2 * b.cfg.jobs
	slots := make(chan struct{}, window) // one per input in flight
	order := make(chan *job, window)     // dispatched jobs, in input order
	jobs := make(chan *job)

	var wg sync.WaitGroup
	for range min(b.cfg.jobs, len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.done <- b.process(ctx, j.in)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for _, in := range inputs {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			j := &job{in: in, done: make(chan result, 1)}
			order <- j
			jobs <- j
		}
	}()

	var st stats
	for j := range order {
		r := <-j.done
		<-slots
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
	}
	wg.Wait()
	if st.writeErr == nil {
		st.writeErr = out.flush()
	}
	return st
}

// process reads and cleans one input.
func (b *batch) process(ctx context.Context, in input) (res result) {
	res.in = in
	defer func() {
		if p := recover(); p != nil {
			res.art, res.err = nil, fmt.Errorf("internal error: %v", p)
		}
	}()
	if in.err != nil {
		res.err = in.err
		return res
	}
	if b.cfg.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, b.cfg.timeout)
		defer cancel()
	}
	if err := ctx.Err(); err != nil {
		res.err = b.ctxErr(err)
		return res
	}

	data, truncated, err := readInput(in, b.stdin, int64(b.cfg.maxBytes))
	res.bytes, res.truncated = int64(len(data)), truncated
	if err != nil {
		res.err = err
		return res
	}

	var art *cleaner.Article
	if detectKind(b.cfg.from, in.path, data) == kindText {
		art, err = b.eng.CleanText(ctx, decodeText(data))
	} else {
		art, err = b.eng.Clean(ctx, bytesReader(data), b.cfg.url)
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
		art.URL = b.cfg.url
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
