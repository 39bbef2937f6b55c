// Command bench scores the cleaner and its Go peers on the evaluation
// datasets and times them.
//
//	cd bench && go run . -data ../../shared/eval
//
// It prints a quality table per dataset, with the metric of
// shared/tools/score.py, and a speed table over all pages; it writes every
// extractor's predictions as JSON, and on request a per-page report, a
// per-page baseline and its comparison, one page's diff, or a .warc.gz of
// all pages. See README.md for the flags.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
		os.Exit(2)
	}
}

// options are the command-line flags.
type options struct {
	data         []string
	extractors   string
	out          string
	passes       int
	goroutines   int
	speed        bool
	quality      bool
	meta         bool
	published    bool
	worst        int
	focus        string
	saveBaseline string
	baseline     string
	page         string
	warc         string
	roundtrip    bool
}

// listFlag collects a flag given several times and/or comma separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// defaultShared is the shared directory: $CLEANER_SHARED, else ../../shared
// (bench/ is two levels below the directory that holds shared/).
func defaultShared() string {
	if s := os.Getenv("CLEANER_SHARED"); s != "" {
		return s
	}
	return filepath.Join("..", "..", "shared")
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var data listFlag
	fs.Var(&data, "data", "a dataset directory, or a directory of datasets; repeatable or comma separated, positional arguments add more (default $CLEANER_SHARED/eval or ../../shared/eval)")
	fs.StringVar(&o.extractors, "extractors", "all", "comma-separated extractors to run: "+extractorNames())
	fs.StringVar(&o.out, "out", "out", "directory for the predictions, DIR/<dataset>/<extractor>.json")
	fs.IntVar(&o.passes, "passes", 5, "timed passes of the speed table (after one warm-up pass)")
	fs.BoolVar(&o.speed, "speed", true, "measure speed and allocations")
	fs.IntVar(&o.goroutines, "goroutines", 2, "also time every speed pass on `N` goroutines sharing one extractor and one queue of pages, and report the speedup (1: off)")
	fs.BoolVar(&o.quality, "quality", true, "score the extractors on the datasets")
	fs.BoolVar(&o.roundtrip, "roundtrip", false, "render the cleaner's Markdown of every page with goldmark and score its text against Article.Text")
	fs.BoolVar(&o.meta, "meta", true, "score title, byline, publishedTime, siteName and lang of the cleaner and readeck on the datasets whose ground truth has them")
	fs.BoolVar(&o.published, "published", false, "also score the published predictions in <dataset>/output/*.json")
	fs.IntVar(&o.worst, "worst", 0, "list the `N` pages with the lowest F1 of the -focus extractor, with the lines it added and missed")
	fs.StringVar(&o.focus, "focus", "cleaner", "the extractor that -worst, -page, -baseline and -save-baseline are about")
	fs.StringVar(&o.saveBaseline, "save-baseline", "", "write the -focus extractor's per-page F1 to `FILE`")
	fs.StringVar(&o.baseline, "baseline", "", "print the pages whose F1 changed by more than 0.01 since the baseline `FILE`")
	fs.StringVar(&o.page, "page", "", "run the -focus extractor on the page `ID` (or DATASET/ID) only, and print its text and diff against the truth")
	fs.StringVar(&o.warc, "warc", "", "write all pages of the datasets to `FILE` (.warc.gz, one gzip member per record)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: go run . [flags] [DATASET_DIR...]\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	o.data = append(data, fs.Args()...)
	if len(o.data) == 0 {
		o.data = []string{filepath.Join(defaultShared(), "eval")}
	}
	if o.goroutines < 1 {
		return o, fmt.Errorf("-goroutines must be at least 1")
	}
	if o.passes < 1 {
		return o, fmt.Errorf("-passes must be at least 1")
	}
	return o, nil
}

func extractorNames() string {
	var names []string
	for _, s := range registry {
		n := s.name
		if s.alias != "" {
			n += " (" + s.alias + ")"
		}
		names = append(names, n)
	}
	return strings.Join(names, ", ")
}

func run(args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	dirs, err := findDatasets(o.data)
	if err != nil {
		return err
	}
	var datasets []*Dataset
	for _, dir := range dirs {
		start := time.Now()
		d, err := loadDataset(dir, stderr)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "loaded %s: %d pages, %.1f MB in %.1fs\n", d.Name, len(d.Pages), float64(d.Bytes())/1e6, time.Since(start).Seconds())
		datasets = append(datasets, d)
	}

	if o.warc != "" {
		n, err := writeWARC(o.warc, datasets)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %d records to %s\n", n, o.warc)
	}

	specs, err := selectExtractors(o.extractors)
	if err != nil {
		return err
	}
	if o.page != "" {
		return runPage(o, datasets, stdout)
	}
	exts := make([]Extractor, 0, len(specs))
	for _, s := range specs {
		exts = append(exts, buildExtractor(s))
	}

	if o.quality {
		if err := runQuality(o, specs, exts, datasets, stdout, stderr); err != nil {
			return err
		}
	}
	if o.roundtrip {
		if err := runRoundTrip(datasets, stdout); err != nil {
			return err
		}
	}
	if o.meta {
		if err := runMeta(specs, datasets, stdout, stderr); err != nil {
			return err
		}
	}
	if o.speed {
		speedExts := exts
		if !hasName(exts, baselineName) { // the unit of the table is always measured
			for _, s := range registry {
				if s.name == baselineName {
					speedExts = append([]Extractor{buildExtractor(s)}, exts...)
				}
			}
		}
		var pages []Page
		for _, d := range datasets {
			for _, p := range d.Pages {
				if p.HTML != nil {
					pages = append(pages, p)
				}
			}
		}
		res := runSpeed(speedExts, pages, o.passes, o.goroutines, stderr)
		printSpeed(stdout, res, pages, o.passes, o.goroutines)
	}
	return nil
}

func hasName(exts []Extractor, name string) bool {
	for _, e := range exts {
		if e.Name() == name {
			return true
		}
	}
	return false
}

// extraction is one extractor's output over one dataset.
type extraction struct {
	name    string
	texts   map[string]string // page id -> text ("" on error)
	errs    map[string]error  // page id -> error, for failed pages only
	elapsed time.Duration
}

// runExtractor runs e over every page of d, one after another.
func runExtractor(e Extractor, d *Dataset) *extraction {
	x := &extraction{name: e.Name(), texts: map[string]string{}, errs: map[string]error{}}
	start := time.Now()
	for _, p := range d.Pages {
		if p.HTML == nil {
			x.texts[p.ID] = ""
			continue
		}
		text, err := safeExtract(e, p.HTML, p.URL)
		if err != nil {
			x.errs[p.ID] = err
			text = ""
		}
		x.texts[p.ID] = text
	}
	x.elapsed = time.Since(start)
	return x
}

// predictions returns the texts as score.py's predictions map.
func (x *extraction) predictions() map[string]*string {
	m := make(map[string]*string, len(x.texts))
	for id, t := range x.texts {
		m[id] = &t
	}
	return m
}

// writePredictions writes {id: {"articleBody": text}} to path.
func writePredictions(path string, texts map[string]string) error {
	type body struct {
		ArticleBody string `json:"articleBody"`
	}
	m := make(map[string]body, len(texts))
	for id, t := range texts {
		m[id] = body{t}
	}
	data, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// predictionsPath is where an extractor's predictions on a dataset go.
func predictionsPath(out, dataset, extractor string) string {
	return filepath.Join(out, dataset, strings.NewReplacer("/", "_", " ", "_").Replace(extractor)+".json")
}

func runQuality(o options, specs []extractorSpec, exts []Extractor, datasets []*Dataset, stdout, stderr io.Writer) error {
	var old baseline
	if o.baseline != "" {
		var err error
		if old, err = loadBaseline(o.baseline); err != nil {
			return err
		}
		if old.Extractor != o.focus {
			fmt.Fprintf(stderr, "warning: the baseline is of %s, the focus is %s\n", old.Extractor, o.focus)
		}
	}
	cur := baseline{Extractor: o.focus, Datasets: map[string]baselineDataset{}}
	focusRan := false
	for _, d := range datasets {
		var rows []qualityRow
		var focus *extraction
		var focusRep Report
		for i, e := range exts {
			if specs[i].speedOnly {
				continue
			}
			x := runExtractor(e, d)
			fmt.Fprintf(stderr, "quality: %-12s %-26s %4d pages in %6.1fs, %d errors\n", d.Name, x.name, len(d.Pages), x.elapsed.Seconds(), len(x.errs))
			if err := writePredictions(predictionsPath(o.out, d.Name, x.name), x.texts); err != nil {
				return err
			}
			rep := ScoreDataset(d.Name, d.Truth, x.predictions())
			rows = append(rows, newQualityRow(x.name, rep, len(x.errs)))
			if x.name == o.focus {
				focus, focusRep = x, rep
			}
			printErrorSummary(stderr, d, x)
		}
		if o.published {
			pub, err := publishedRows(d)
			if err != nil {
				return err
			}
			rows = append(rows, pub...)
		}
		if len(rows) == 0 {
			continue
		}
		printQuality(stdout, d, rows)
		if focus == nil {
			continue
		}
		focusRan = true
		if o.worst > 0 {
			printWorst(stdout, d, focus, focusRep, o.worst)
		}
		cur.Datasets[d.Name] = newBaselineDataset(focusRep)
	}
	if !focusRan && (o.worst > 0 || o.baseline != "" || o.saveBaseline != "") {
		fmt.Fprintf(stderr, "warning: -worst, -baseline and -save-baseline need the -focus extractor %q among -extractors\n", o.focus)
		return nil
	}
	if o.baseline != "" {
		for _, d := range datasets {
			b, ok := old.Datasets[d.Name]
			if !ok {
				fmt.Fprintf(stdout, "\n### %s: not in the baseline %s\n", d.Name, o.baseline)
				continue
			}
			printBaselineChanges(stdout, d, b, cur.Datasets[d.Name])
		}
	}
	if o.saveBaseline != "" {
		if err := saveBaseline(o.saveBaseline, cur); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote the baseline of %s to %s\n", o.focus, o.saveBaseline)
	}
	return nil
}

// printErrorSummary lists an extraction's most frequent error messages.
func printErrorSummary(w io.Writer, d *Dataset, x *extraction) {
	if len(x.errs) == 0 {
		return
	}
	count := map[string]int{}
	for _, err := range x.errs {
		count[firstLines(err.Error(), 1)]++
	}
	msgs := make([]string, 0, len(count))
	for m := range count {
		msgs = append(msgs, m)
	}
	sort.Slice(msgs, func(i, j int) bool {
		if count[msgs[i]] != count[msgs[j]] {
			return count[msgs[i]] > count[msgs[j]]
		}
		return msgs[i] < msgs[j]
	})
	for i, m := range msgs {
		if i == 3 {
			fmt.Fprintf(w, "         ... and %d other message(s)\n", len(msgs)-3)
			break
		}
		fmt.Fprintf(w, "         %3d × %s\n", count[m], clip(m, 160))
	}
}

// publishedRows scores the published predictions in DATASET/output/*.json.
func publishedRows(d *Dataset) ([]qualityRow, error) {
	files, err := filepath.Glob(filepath.Join(d.Dir, "output", "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var rows []qualityRow
	for _, f := range files {
		pred, err := LoadPredictions(f)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		q := newQualityRow(name, ScoreDataset(d.Name, d.Truth, pred), 0)
		q.published = true
		rows = append(rows, q)
	}
	return rows, nil
}

// runPage runs the -focus extractor on one page and prints the result.
func runPage(o options, datasets []*Dataset, stdout io.Writer) error {
	want := o.page
	dsName, id, scoped := strings.Cut(want, "/")
	if !scoped {
		id = want
	}
	var spec *extractorSpec
	for i := range registry {
		if registry[i].name == o.focus || registry[i].alias == o.focus {
			spec = &registry[i]
		}
	}
	if spec == nil {
		return fmt.Errorf("-focus: unknown extractor %q", o.focus)
	}
	for _, d := range datasets {
		if scoped && d.Name != dsName {
			continue
		}
		for _, p := range d.Pages {
			if p.ID != id {
				continue
			}
			if p.HTML == nil {
				return fmt.Errorf("%s/%s: no HTML file", d.Name, p.ID)
			}
			e := buildExtractor(*spec)
			text, err := safeExtract(e, p.HTML, p.URL)
			printPage(stdout, d, p, e.Name(), text, err)
			return nil
		}
	}
	return fmt.Errorf("-page %s: no such page in %d dataset(s)", want, len(datasets))
}
