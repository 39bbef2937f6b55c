package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

var sharedFlag = flag.String("shared", "", "the shared directory (default $CLEANER_SHARED, else ../../shared)")

// sharedDir returns the shared directory for the tests.
func sharedDir() string {
	if *sharedFlag != "" {
		return *sharedFlag
	}
	return defaultShared()
}

// needPython returns the python3 binary and score.py, or skips the test.
func needPython(t *testing.T) (python, script string) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: cannot compare with the reference scorer")
	}
	script = filepath.Join(sharedDir(), "tools", "score.py")
	if _, err := os.Stat(script); err != nil {
		t.Skipf("%s not found (set -shared or CLEANER_SHARED): cannot compare with the reference scorer", script)
	}
	return python, script
}

func TestTokens(t *testing.T) {
	// Expected values are what Python 3's re.findall(r"\w+", s) returns.
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  \n\t ", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"don't stop", []string{"don", "t", "stop"}},
		{"l\u2019été est là", []string{"l", "été", "est", "là"}},
		// Combining marks are not word characters in Python's \w.
		{"e\u0301te\u0301", []string{"e", "te"}},
		{"हिन्दी भाषा", []string{"ह", "न", "द", "भ", "ष"}},
		// CJK runs without spaces are one token.
		{"東京タワーは333メートル", []string{"東京タワーは333メートル"}},
		{"한국어 텍스트", []string{"한국어", "텍스트"}},
		{"snake_case_name __init__", []string{"snake_case_name", "__init__"}},
		// Numbers of every kind: superscripts, fractions, Roman numerals,
		// Arabic-Indic and Devanagari digits.
		{"x²+y² = z³", []string{"x²", "y²", "z³"}},
		{"½ cup, Ⅻ o'clock", []string{"½", "cup", "Ⅻ", "o", "clock"}},
		{"١٢٣ ४२ ١٠٪", []string{"١٢٣", "४२", "١٠"}},
		{"3.14 1,000 -5", []string{"3", "14", "1", "000", "5"}},
		// Spaces and format characters separate tokens.
		{"\u00a0a\u2009b\u200bc\u200dd", []string{"a", "b", "c", "d"}},
		{"a\u00adb", []string{"a", "b"}},
		{"tab\tnew\nline", []string{"tab", "new", "line"}},
		{"ǅemal ſtraße ÀÉÎ ﬁne", []string{"ǅemal", "ſtraße", "ÀÉÎ", "ﬁne"}},
		// Symbols are not letters, even circled ones; math letters are.
		{"Ⓐ ⓐ ① Ω≈ç√∫ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀", []string{"①", "Ω", "ç", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"}},
		{"mid·dot", []string{"mid", "dot"}},
		{"\u0600\u0660\u06f1x", []string{"\u0660\u06f1x"}},
		// Invalid UTF-8 decodes to U+FFFD, a separator.
		{"ab\xffcd", []string{"ab", "cd"}},
	}
	for _, c := range cases {
		if got := Tokens(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestShingles(t *testing.T) {
	cases := []struct {
		toks []string
		want map[string]int
	}{
		{nil, map[string]int{}},
		{[]string{"a"}, map[string]int{"a": 1}},
		{[]string{"a", "b", "c"}, map[string]int{"a\x00b\x00c": 1}},
		{[]string{"a", "b", "c", "d"}, map[string]int{"a\x00b\x00c\x00d": 1}},
		{[]string{"a", "b", "a", "b", "a", "b", "a"}, map[string]int{"a\x00b\x00a\x00b": 2, "b\x00a\x00b\x00a": 2}},
	}
	for _, c := range cases {
		if got := shingles(c.toks); !reflect.DeepEqual(got, c.want) {
			t.Errorf("shingles(%q) = %v, want %v", c.toks, got, c.want)
		}
	}
}

func strp(s string) *string { return &s }

func TestScoreBodiesEdgeCases(t *testing.T) {
	s, rows := ScoreBodies([]BodyPage{
		{ID: "both-empty", Truth: "", Pred: strp("")},
		{ID: "exact", Truth: "one two three four five", Pred: strp("One? no: one two three four five")},
		{ID: "missing", Truth: "a b c d e", Pred: nil},
		{ID: "short", Truth: "a b", Pred: strp("a b")},
		{ID: "spurious", Truth: "", Pred: strp("x y")},
	})
	want := []struct {
		p, r, f1 float64
		exact    bool
		pc, rc   bool
	}{
		{1, 1, 1, true, false, false},
		{0.5, 1, 2.0 / 3, false, true, true},
		{0, 0, 0, false, false, true},
		{1, 1, 1, true, true, true},
		{0, 0, 0, false, true, false},
	}
	for i, w := range want {
		r := rows[i]
		if !near(r.Precision, w.p) || !near(r.Recall, w.r) || !near(r.F1, w.f1) || r.Exact != w.exact || r.PCounted != w.pc || r.RCounted != w.rc {
			t.Errorf("%s: got P %v R %v F1 %v exact %v counted %v/%v, want %+v", r.ID, r.Precision, r.Recall, r.F1, r.Exact, r.PCounted, r.RCounted, w)
		}
	}
	// P over exact, short, spurious; R over exact, missing, short.
	if !near(s.Precision, (0.5+1+0)/3) || !near(s.Recall, (1+0+1)/3.0) || !near(s.Accuracy, 2/5.0) {
		t.Errorf("summary %+v", s)
	}
	s, _ = ScoreBodies([]BodyPage{{ID: "x", Truth: "a b", Pred: nil}})
	if !math.IsNaN(s.Precision) || s.F1 != 0 {
		t.Errorf("all-empty predictions: precision %v (want NaN), F1 %v (want 0)", s.Precision, s.F1)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestNorm(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "",
		"  a \t\n b  ":       "a b",
		"\u00a0a\u3000b\x1c": "a b",
		"a\u200bb":           "a\u200bb", // zero-width space is not whitespace
	} {
		if got := norm(in); got != want {
			t.Errorf("norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadPredictions(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	got, err := LoadPredictions(write("a.json", `{"version": "1", "output": {"a": {"articleBody": "x"}, "b": "y", "c": null, "d": {"other": 1}, "e": 12, "f": 1.5e20, "g": true, "h": ["p\nq", 2]}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*string{"a": strp("x"), "b": strp("y"), "c": nil, "d": nil, "e": strp("12"), "f": strp("1.5e+20"), "g": strp("True"), "h": strp(`['p\nq', 2]`)}
	if len(got) != len(want) {
		t.Fatalf("got %d predictions, want %d", len(got), len(want))
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok || (g == nil) != (w == nil) || (g != nil && *g != *w) {
			t.Errorf("%s: got %v, want %v", k, deref(g), deref(w))
		}
	}
	// Not a wrapper: a third key keeps "output" an ordinary page id.
	got, err = LoadPredictions(write("b.json", `{"version": "1", "output": {"articleBody": "z"}, "x": "w"}`))
	if err != nil || got["output"] == nil || *got["output"] != "z" {
		t.Errorf("non-wrapper: %v %v", got, err)
	}
	if _, err := LoadPredictions(write("c.json", `["a"]`)); err == nil {
		t.Error("a JSON list was accepted")
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%q", *s)
}

// TestIsWordMatchesPython compares isWordRune with Python's \w on every
// code point assigned in both Unicode versions (Go's and python3's).
func TestIsWordMatchesPython(t *testing.T) {
	python, _ := needPython(t)
	prog := `
import re, sys, unicodedata
w = re.compile(r"\w")
out = [unicodedata.unidata_version]
for c in range(0x110000):
    ch = chr(c)
    cat = unicodedata.category(ch)
    out.append("c" if cat in ("Cn", "Cs") else ("1" if w.match(ch) else "0"))
sys.stdout.write(out[0] + "\n" + "".join(out[1:]))
`
	out, err := exec.Command(python, "-c", prog).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	version, marks, _ := strings.Cut(string(out), "\n")
	if len(marks) != 0x110000 {
		t.Fatalf("python3 printed %d code points", len(marks))
	}
	assigned := func(r rune) bool {
		return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.C)
	}
	var bad []string
	compared := 0
	for c := rune(0); c < 0x110000; c++ {
		m := marks[c]
		if m == 'c' || !assigned(c) {
			continue
		}
		compared++
		if (m == '1') != isWordRune(c) {
			bad = append(bad, fmt.Sprintf("U+%04X python %c go %v", c, m, isWordRune(c)))
		}
	}
	t.Logf("compared %d code points assigned in Unicode %s (Go) and %s (python3)", compared, unicode.Version, version)
	if len(bad) > 0 {
		t.Errorf("%d code points differ, e.g. %v", len(bad), bad[:min(10, len(bad))])
	}
}

// TestScoreMatchesPython runs score.py on prediction files and checks that
// ScoreDataset computes every number it reports (summary and per page) to
// 1e-9: the published peer outputs, the files a bench run left in out/, a
// naive whole-page-text extractor's predictions written by writePredictions,
// and hand-made files with the awkward cases (missing and extra ids, nulls,
// non-string values, wrappers, tiny texts, a snippet-metric dataset).
func TestScoreMatchesPython(t *testing.T) {
	python, script := needPython(t)
	evalDir := filepath.Join(sharedDir(), "eval")
	dirs, err := findDatasets([]string{evalDir})
	if err != nil {
		t.Skipf("no shared datasets: %v", err)
	}
	tmp := t.TempDir()
	type job struct{ dataset, pred string }
	var jobs []job
	for _, dir := range dirs {
		name := filepath.Base(dir)
		files, _ := filepath.Glob(filepath.Join(dir, "output", "*.json"))
		own, _ := filepath.Glob(filepath.Join("out", name, "*.json"))
		for _, f := range append(files, own...) {
			jobs = append(jobs, job{dir, f})
		}
		d, err := loadDataset(dir, &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		x := runExtractor(naiveText{}, d)
		p := filepath.Join(tmp, name+"-naive.json")
		if err := writePredictions(p, x.texts); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, job{dir, p})
		jobs = append(jobs, job{dir, writeAwkward(t, tmp, name, d)})
	}
	synth := writeSyntheticDataset(t, tmp)
	jobs = append(jobs, job{synth, filepath.Join(synth, "pred.json")})

	for _, j := range jobs {
		t.Run(filepath.Base(j.dataset)+"/"+filepath.Base(j.pred), func(t *testing.T) {
			pyOut := filepath.Join(t.TempDir(), "py.json")
			cmd := exec.Command(python, script, j.dataset, j.pred, "--json", pyOut)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("score.py: %v\n%s", err, out)
			}
			py := readPythonReport(t, pyOut)
			gt, err := LoadTruth(filepath.Join(j.dataset, "ground-truth.json"))
			if err != nil {
				t.Fatal(err)
			}
			pred, err := LoadPredictions(j.pred)
			if err != nil {
				t.Fatal(err)
			}
			compareReports(t, py, ScoreDataset(filepath.Base(j.dataset), gt, pred))
		})
	}
}

// naiveText is every text node of the page outside script and style: a
// deliberately poor extractor whose output has all of a page's Unicode.
type naiveText struct{}

func (naiveText) Name() string { return "naive" }

func (naiveText) Extract(page []byte, _ string) (string, error) {
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(page))
	skip := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String(), nil
		case html.StartTagToken:
			name, _ := z.TagName()
			skip = string(name) == "script" || string(name) == "style"
		case html.EndTagToken:
			skip = false
			b.WriteByte('\n')
		case html.TextToken:
			if !skip {
				b.Write(z.Text())
			}
		}
	}
}

// writeAwkward writes a predictions file for a real dataset with every
// special case of load_predictions and the metric.
func writeAwkward(t *testing.T, dir, name string, d *Dataset) string {
	t.Helper()
	out := map[string]any{}
	for i, p := range d.Pages {
		truth := ""
		if b := d.Truth[p.ID].Body; b != nil {
			truth = *b
		}
		toks := Tokens(truth)
		switch i % 12 {
		case 0: // page missing from the file
		case 1:
			out[p.ID] = nil
		case 2:
			out[p.ID] = map[string]any{"articleBody": ""}
		case 3:
			out[p.ID] = truth // bare string, exact
		case 4:
			out[p.ID] = map[string]any{"articleBody": strings.Join(toks[:min(2, len(toks))], " ")}
		case 5:
			out[p.ID] = map[string]any{"articleBody": strings.Join(toks[:min(3, len(toks))], "\u00a0")}
		case 6:
			out[p.ID] = map[string]any{"articleBody": truth + " " + truth}
		case 7:
			out[p.ID] = map[string]any{"articleBody": 42}
		case 8:
			out[p.ID] = map[string]any{"other": "no body"}
		case 9:
			out[p.ID] = map[string]any{"articleBody": strings.ToUpper(truth)}
		case 10:
			half := toks[len(toks)/2:]
			out[p.ID] = map[string]any{"articleBody": strings.Join(half, " ") + " e\u0301t\u00e9 東京 x²"}
		case 11:
			out[p.ID] = map[string]any{"articleBody": []any{"list", 1.5, true}}
		}
	}
	out["not-a-page"] = "extra id"
	wrapped := map[string]any{"version": "test", "output": out}
	p := filepath.Join(dir, name+"-awkward.json")
	data, err := json.Marshal(wrapped)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeSyntheticDataset writes a small dataset with both metrics' entries
// and its predictions, returning the dataset directory.
func writeSyntheticDataset(t *testing.T, dir string) string {
	t.Helper()
	d := filepath.Join(dir, "synthetic")
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	gt := map[string]any{
		"b1": map[string]any{"articleBody": "Ünïcödé wörds and 東京タワー, x² ½ don't"},
		"b2": map[string]any{"articleBody": "one two three four five six seven"},
		"b3": map[string]any{"articleBody": "", "url": "http://example.test/"},
		"b4": map[string]any{"articleBody": 7},
		"s1": map[string]any{"with": []string{"keep  this\n line", "and this"}, "without": []string{"drop me", ""}},
		"s2": map[string]any{"with": []string{"present"}, "without": []string{"absent"}},
		"s3": map[string]any{"with": []string{"x"}},
		"s4": map[string]any{"without": []string{"y\u00a0z"}},
		"m1": map[string]any{"articleBody": "both metrics here", "with": []string{"metrics"}, "without": []string{"nothing"}},
	}
	pred := map[string]any{
		"b1": "wörds and 東京タワー x² ½ don t",
		"b2": map[string]any{"articleBody": "two three four five six seven eight"},
		"b3": "noise",
		"b4": "7",
		"s1": "Keep this line? keep this line and this, drop  me",
		"s2": nil,
		"s3": "",
		"s4": "y z",
		"m1": "both metrics",
		"zz": "extra",
	}
	for name, v := range map[string]any{"ground-truth.json": gt, "pred.json": pred} {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// pyReport is the part of score.py's --json output that the test compares.
type pyReport struct {
	Missing int `json:"missing_predictions"`
	Extra   int `json:"extra_predictions"`
	Shingle *struct {
		Summary map[string]any   `json:"summary"`
		Pages   []map[string]any `json:"pages"`
	} `json:"shingle"`
	Snippets *struct {
		Summary map[string]any   `json:"summary"`
		Pages   []map[string]any `json:"pages"`
	} `json:"snippets"`
}

// nanRe finds Python's non-standard NaN (a mean over no page) in its JSON.
var nanRe = regexp.MustCompile(`(:\s*)NaN\b`)

func readPythonReport(t *testing.T, path string) pyReport {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = nanRe.ReplaceAll(data, []byte(`${1}"NaN"`))
	var r pyReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

// num reads a number score.py wrote (a float, an int, a bool or "NaN").
func num(t *testing.T, m map[string]any, key string) float64 {
	t.Helper()
	switch v := m[key].(type) {
	case float64:
		return v
	case bool:
		return b2f(v)
	case string:
		if v == "NaN" {
			return math.NaN()
		}
	}
	t.Fatalf("%s: unexpected value %#v", key, m[key])
	return 0
}

func checkNum(t *testing.T, what string, py, goVal float64) {
	t.Helper()
	if math.IsNaN(py) && math.IsNaN(goVal) {
		return
	}
	if math.IsNaN(py) != math.IsNaN(goVal) || math.Abs(py-goVal) > 1e-9 {
		t.Errorf("%s: python %v, go %v", what, py, goVal)
	}
}

func compareReports(t *testing.T, py pyReport, g Report) {
	t.Helper()
	checkNum(t, "missing_predictions", float64(py.Missing), float64(g.MissingPredictions))
	checkNum(t, "extra_predictions", float64(py.Extra), float64(g.ExtraPredictions))
	if (py.Shingle == nil) != (g.Bodies == nil) {
		t.Fatalf("shingle metric: python %v, go %v", py.Shingle != nil, g.Bodies != nil)
	}
	if py.Shingle != nil {
		ps, s := py.Shingle.Summary, g.Bodies
		for k, v := range map[string]float64{
			"pages": float64(s.Pages), "f1": s.F1, "precision": s.Precision, "recall": s.Recall,
			"accuracy": s.Accuracy, "precision_pages": float64(s.PrecisionPages),
			"recall_pages": float64(s.RecallPages), "mean_page_f1": s.MeanPageF1,
		} {
			checkNum(t, "summary "+k, num(t, ps, k), v)
		}
		if len(py.Shingle.Pages) != len(g.BodyRows) {
			t.Fatalf("pages: python %d, go %d", len(py.Shingle.Pages), len(g.BodyRows))
		}
		for i, pr := range py.Shingle.Pages {
			r := g.BodyRows[i]
			if pr["id"] != r.ID {
				t.Fatalf("page %d: python %v, go %s", i, pr["id"], r.ID)
			}
			for k, v := range map[string]float64{
				"tp": r.TP, "fp": r.FP, "fn": r.FN, "precision": r.Precision, "recall": r.Recall,
				"f1": r.F1, "exact": b2f(r.Exact), "truth_tokens": float64(r.TruthTokens),
				"pred_tokens": float64(r.PredTokens), "p_counted": b2f(r.PCounted), "r_counted": b2f(r.RCounted),
			} {
				checkNum(t, r.ID+" "+k, num(t, pr, k), v)
			}
		}
	}
	if (py.Snippets == nil) != (g.Snippets == nil) {
		t.Fatalf("snippet metric: python %v, go %v", py.Snippets != nil, g.Snippets != nil)
	}
	if py.Snippets != nil {
		ps, s := py.Snippets.Summary, g.Snippets
		for k, v := range map[string]float64{
			"pages": float64(s.Pages), "tp": float64(s.TP), "fp": float64(s.FP), "fn": float64(s.FN),
			"tn": float64(s.TN), "precision": s.Precision, "recall": s.Recall, "accuracy": s.Accuracy, "f1": s.F1,
		} {
			checkNum(t, "snippets "+k, num(t, ps, k), v)
		}
		for i, pr := range py.Snippets.Pages {
			r := g.SnippetRows[i]
			if pr["id"] != r.ID {
				t.Fatalf("snippet page %d: python %v, go %s", i, pr["id"], r.ID)
			}
			for k, v := range map[string]float64{"tp": float64(r.TP), "fp": float64(r.FP), "fn": float64(r.FN), "tn": float64(r.TN), "f1": r.F1} {
				checkNum(t, r.ID+" "+k, num(t, pr, k), v)
			}
		}
	}
}
