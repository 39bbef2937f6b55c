package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// printTable prints a Markdown table whose columns are padded to line up as
// plain text too: the first column left-aligned, the others right-aligned.
func printTable(w io.Writer, head []string, rows [][]string) {
	width := make([]int, len(head))
	for i, h := range head {
		width[i] = utf8.RuneCountInString(h)
	}
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range cells {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString(" " + c + pad + " |")
			} else {
				b.WriteString(" " + pad + c + " |")
			}
		}
		fmt.Fprintln(w, b.String())
	}
	line(head)
	sep := make([]string, len(head))
	for i := range head {
		sep[i] = strings.Repeat("-", width[i])
		if i > 0 {
			sep[i] = sep[i][1:] + ":"
		}
	}
	line(sep)
	for _, r := range rows {
		line(r)
	}
}

// f4 formats a metric with four decimals, "n/a" for NaN (a mean over no
// page, e.g. the precision of an extractor whose every output is empty).
func f4(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return strconv.FormatFloat(x, 'f', 4, 64)
}

// qualityRow is one line of a dataset's quality table.
type qualityRow struct {
	name      string
	published bool // scored from DATASET/output/, not run here
	report    Report
	errors    int // pages whose extraction failed; unknown for published rows
	empty     int // pages with a non-empty truth and no token of output
}

func newQualityRow(name string, rep Report, errors int) qualityRow {
	q := qualityRow{name: name, report: rep, errors: errors}
	for _, r := range rep.BodyRows {
		if r.TruthTokens > 0 && r.PredTokens == 0 {
			q.empty++
		}
	}
	return q
}

// printQuality prints one dataset's quality table. The shingle metric is
// used when the ground truth has article bodies, else the snippet metric.
func printQuality(w io.Writer, d *Dataset, rows []qualityRow) {
	snippets := len(rows) > 0 && rows[0].report.Bodies == nil
	metric := "shingle metric (ScrapingHub evaluate.py, as tools/score.py)"
	if snippets {
		metric = "with/without snippet metric (trafilatura, as tools/score.py)"
	}
	fmt.Fprintf(w, "\n### %s: %d pages, %s\n\n", d.Name, len(d.Pages), metric)
	head := []string{"extractor", "F1", "precision", "recall", "accuracy", "errors", "empty"}
	var cells [][]string
	for _, r := range rows {
		name, errs := r.name, strconv.Itoa(r.errors)
		if r.published {
			name, errs = name+" (published)", "-"
		}
		var f1, p, rc, acc float64
		if s := r.report.Bodies; s != nil {
			f1, p, rc, acc = s.F1, s.Precision, s.Recall, s.Accuracy
		} else if s := r.report.Snippets; s != nil {
			f1, p, rc, acc = s.F1, s.Precision, s.Recall, s.Accuracy
		}
		cells = append(cells, []string{name, f4(f1), f4(p), f4(rc), f4(acc), errs, strconv.Itoa(r.empty)})
	}
	printTable(w, head, cells)
	fmt.Fprintln(w, "\nerrors: pages the extractor failed on (an error or a panic); empty: pages with a non-empty truth and an output without a word.")
}

// textLines splits a text into whitespace-normalized, non-empty lines.
func textLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = norm(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// diffLine is one line of a line diff: op is ' ' (in both), '+' (only in
// the prediction) or '-' (only in the truth).
type diffLine struct {
	op   byte
	text string
}

// maxDiffCells bounds the LCS table of lineDiff; longer pairs of texts get
// a set difference instead of an aligned diff.
const maxDiffCells = 4_000_000

// lineDiff diffs the lines of a prediction against those of the truth.
func lineDiff(pred, truth []string) []diffLine {
	n, m := len(pred), len(truth)
	if n*m > maxDiffCells {
		return setDiff(pred, truth)
	}
	// lcs[i][j] is the LCS length of pred[i:] and truth[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if pred[i] == truth[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []diffLine
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && pred[i] == truth[j]:
			out = append(out, diffLine{' ', pred[i]})
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, diffLine{'-', truth[j]})
			j++
		default:
			out = append(out, diffLine{'+', pred[i]})
			i++
		}
	}
	return out
}

// setDiff lists the prediction's lines not in the truth and the truth's
// lines not in the prediction, each in its own order.
func setDiff(pred, truth []string) []diffLine {
	inPred, inTruth := map[string]bool{}, map[string]bool{}
	for _, l := range pred {
		inPred[l] = true
	}
	for _, l := range truth {
		inTruth[l] = true
	}
	var out []diffLine
	for _, l := range pred {
		if !inTruth[l] {
			out = append(out, diffLine{'+', l})
		}
	}
	for _, l := range truth {
		if !inPred[l] {
			out = append(out, diffLine{'-', l})
		}
	}
	return out
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// printWorst prints the n pages of one extractor's run with the lowest F1,
// each with the first lines only its prediction has and only its truth has.
func printWorst(w io.Writer, d *Dataset, x *extraction, rep Report, n int) {
	rows := append([]PageScore(nil), rep.BodyRows...)
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].F1 != rows[j].F1 {
			return rows[i].F1 < rows[j].F1
		}
		return rows[i].ID < rows[j].ID
	})
	if len(rows) > n {
		rows = rows[:n]
	}
	fmt.Fprintf(w, "\n### %s: the %d pages where %s scores lowest\n", d.Name, len(rows), x.name)
	const show = 3
	for _, r := range rows {
		fmt.Fprintf(w, "\nF1 %.3f  P %.3f  R %.3f  tokens %d/%d (prediction/truth)  %s\n  %s\n",
			r.F1, r.Precision, r.Recall, r.PredTokens, r.TruthTokens, r.ID, d.Truth[r.ID].URL)
		if err := x.errs[r.ID]; err != nil {
			fmt.Fprintf(w, "  error: %s\n", firstLines(err.Error(), 1))
		}
		var truth string
		if b := d.Truth[r.ID].Body; b != nil {
			truth = *b
		}
		var plus, minus int
		for _, l := range setDiff(textLines(x.texts[r.ID]), textLines(truth)) {
			switch {
			case l.op == '+' && plus < show:
				plus++
				fmt.Fprintf(w, "  + %s\n", clip(l.text, 110))
			case l.op == '-' && minus < show:
				minus++
				fmt.Fprintf(w, "  - %s\n", clip(l.text, 110))
			}
		}
	}
	fmt.Fprintln(w, "\n(+ a line only the prediction has, - a line only the truth has)")
}

// printPage prints one page's prediction, its scores and its line diff
// against the truth.
func printPage(w io.Writer, d *Dataset, p Page, name, text string, err error) {
	var truth string
	if b := d.Truth[p.ID].Body; b != nil {
		truth = *b
	}
	_, rows := ScoreBodies([]BodyPage{{ID: p.ID, Truth: truth, Pred: &text}})
	r := rows[0]
	fmt.Fprintf(w, "## %s/%s  %s\n%s: F1 %.4f  P %.4f  R %.4f  tokens %d/%d (prediction/truth)\n",
		d.Name, p.ID, p.URL, name, r.F1, r.Precision, r.Recall, r.PredTokens, r.TruthTokens)
	if err != nil {
		fmt.Fprintf(w, "error: %v\n", err)
	}
	fmt.Fprintf(w, "\n--- text ---\n%s\n\n--- diff (+ only in the prediction, - only in the truth) ---\n", text)
	for _, l := range lineDiff(textLines(text), textLines(truth)) {
		fmt.Fprintf(w, "%c %s\n", l.op, l.text)
	}
}

// jfloat is a float64 that JSON-encodes NaN as null.
type jfloat float64

// MarshalJSON encodes NaN as null.
func (f jfloat) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(f)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(f))
}

// UnmarshalJSON decodes null as NaN.
func (f *jfloat) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = jfloat(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(f))
}

// baseline is the -save-baseline file: one extractor's per-page F1.
type baseline struct {
	Extractor string                     `json:"extractor"`
	Datasets  map[string]baselineDataset `json:"datasets"`
}

type baselineDataset struct {
	F1        jfloat             `json:"f1"`
	Precision jfloat             `json:"precision"`
	Recall    jfloat             `json:"recall"`
	Pages     map[string]float64 `json:"pages"`
}

func newBaselineDataset(rep Report) baselineDataset {
	b := baselineDataset{F1: jfloat(math.NaN()), Precision: jfloat(math.NaN()), Recall: jfloat(math.NaN()), Pages: map[string]float64{}}
	if s := rep.Bodies; s != nil {
		b.F1, b.Precision, b.Recall = jfloat(s.F1), jfloat(s.Precision), jfloat(s.Recall)
	}
	for _, r := range rep.BodyRows {
		b.Pages[r.ID] = r.F1
	}
	return b
}

func saveBaseline(path string, b baseline) error {
	data, err := json.MarshalIndent(b, "", " ")
	if err != nil {
		return err
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func loadBaseline(path string) (baseline, error) {
	var b baseline
	data, err := os.ReadFile(path)
	if err != nil {
		return b, err
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return b, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// baselineDelta is the threshold of a page change worth listing.
const baselineDelta = 0.01

// printBaselineChanges prints, for one dataset, the pages whose F1 moved by
// more than baselineDelta since the baseline: worse ones first (largest drop
// first), then better ones (largest gain first).
func printBaselineChanges(w io.Writer, d *Dataset, old baselineDataset, cur baselineDataset) {
	type change struct {
		id       string
		old, new float64
	}
	var worse, better []change
	var gone, added int
	for id, f := range cur.Pages {
		o, ok := old.Pages[id]
		switch {
		case !ok:
			added++
		case f-o > baselineDelta:
			better = append(better, change{id, o, f})
		case o-f > baselineDelta:
			worse = append(worse, change{id, o, f})
		}
	}
	for id := range old.Pages {
		if _, ok := cur.Pages[id]; !ok {
			gone++
		}
	}
	sort.Slice(worse, func(i, j int) bool {
		di, dj := worse[i].new-worse[i].old, worse[j].new-worse[j].old
		if di != dj {
			return di < dj
		}
		return worse[i].id < worse[j].id
	})
	sort.Slice(better, func(i, j int) bool {
		di, dj := better[i].new-better[i].old, better[j].new-better[j].old
		if di != dj {
			return di > dj
		}
		return better[i].id < better[j].id
	})
	fmt.Fprintf(w, "\n### %s: changes since the baseline (F1 %s -> %s, precision %s -> %s, recall %s -> %s)\n",
		d.Name, f4(float64(old.F1)), f4(float64(cur.F1)), f4(float64(old.Precision)), f4(float64(cur.Precision)),
		f4(float64(old.Recall)), f4(float64(cur.Recall)))
	fmt.Fprintf(w, "%d page(s) worse, %d better by more than %.2f F1", len(worse), len(better), baselineDelta)
	if gone+added > 0 {
		fmt.Fprintf(w, "; %d page(s) only in the baseline, %d only now", gone, added)
	}
	fmt.Fprintln(w)
	for _, group := range []struct {
		title string
		list  []change
	}{{"worse", worse}, {"better", better}} {
		if len(group.list) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", group.title)
		for _, c := range group.list {
			fmt.Fprintf(w, "  %+.3f  %.3f -> %.3f  %s  %s\n", c.new-c.old, c.old, c.new, c.id, d.Truth[c.id].URL)
		}
	}
}
