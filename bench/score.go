package main

// This file mirrors ../../shared/tools/score.py, the project's reference
// scorer, number for number: the same tokens, the same shingle arithmetic in
// the same order of floating-point operations, the same special cases. Keep
// the two in step; TestScoreMatchesPython checks that they agree.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// ngram is the shingle length of the ScrapingHub metric.
const ngram = 4

// isWordRune reports whether r is matched by \w in a Python 3 str pattern.
//
// Python's \w matches '_' and every character for which str.isalnum() is
// true: isalpha() (general categories Lu, Ll, Lt, Lm, Lo) or isdecimal(),
// isdigit() or isnumeric() (a Unicode Numeric_Type). For every assigned code
// point that is exactly letter (L) or number (N) category: in Unicode 14
// there is no numeric character outside L and N and no N character without a
// numeric type, which TestIsWordMatchesPython checks code point by code
// point against the local python3. Combining marks (Mn, Mc, Me) are not word
// characters: "e\u0301" is the token "e" followed by a separator, and
// Devanagari vowel signs split words, as they do in score.py. The two sides
// can only differ on characters that one Unicode version assigns and the
// other does not (Go's tables and Python's unicodedata follow their own
// Unicode versions).
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Tokens returns the maximal runs of word characters in text, as
// re.findall(r"\w+", text) does in Python 3 (Unicode, case kept). Invalid
// UTF-8 bytes decode to U+FFFD, which is not a word character.
func Tokens(text string) []string {
	var toks []string
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			toks = append(toks, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, text[start:])
	}
	return toks
}

// shingles returns the multiset of runs of ngram consecutive tokens; a
// shorter, non-empty token list is one shingle of its own, an empty one none.
// A shingle is keyed by its tokens joined with NUL, which no token contains.
func shingles(toks []string) map[string]int {
	m := make(map[string]int)
	switch {
	case len(toks) == 0:
	case len(toks) < ngram:
		m[strings.Join(toks, "\x00")]++
	default:
		for i := 0; i+ngram <= len(toks); i++ {
			m[strings.Join(toks[i:i+ngram], "\x00")]++
		}
	}
	return m
}

// shingleCounts returns a page's true positive, false positive and false
// negative shingle counts, each divided by their sum (all zero when both
// texts are empty).
func shingleCounts(truth, pred []string) (tp, fp, fn float64) {
	t, p := shingles(truth), shingles(pred)
	var itp, ifp, ifn int
	for k, a := range t {
		b := p[k]
		itp += min(a, b)
		ifp += max(0, b-a)
		ifn += max(0, a-b)
	}
	for k, b := range p {
		if _, ok := t[k]; !ok {
			ifp += b
		}
	}
	s := itp + ifp + ifn
	if s == 0 {
		return 0, 0, 0
	}
	fs := float64(s)
	return float64(itp) / fs, float64(ifp) / fs, float64(ifn) / fs
}

func pagePrecision(tp, fp, fn float64) float64 {
	if fp == 0 && fn == 0 {
		return 1
	}
	if tp == 0 && fp == 0 {
		return 0
	}
	return tp / (tp + fp)
}

func pageRecall(tp, fp, fn float64) float64 {
	if fp == 0 && fn == 0 {
		return 1
	}
	if tp == 0 && fn == 0 {
		return 0
	}
	return tp / (tp + fn)
}

// mean is Python's sum(xs) / len(xs), NaN for an empty list.
func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// BodyPage is one page to score with the shingle metric. Pred is nil when
// there is no prediction for the page, which scores as an empty text.
type BodyPage struct {
	ID    string
	Truth string
	Pred  *string
}

// PageScore is one page's row of the shingle metric (score.py's rows).
type PageScore struct {
	ID                    string
	TP, FP, FN            float64 // normalized by their sum
	Precision, Recall, F1 float64
	Exact                 bool // token lists identical
	TruthTokens           int
	PredTokens            int
	PCounted              bool // prediction not empty: counts toward P
	RCounted              bool // truth not empty: counts toward R
}

// Summary is the shingle metric of a whole dataset.
type Summary struct {
	Pages          int
	F1             float64 // 2PR/(P+R) of the two means, 0 when P+R is not > 0
	Precision      float64 // mean page precision over PCounted pages, NaN if none
	Recall         float64 // mean page recall over RCounted pages, NaN if none
	Accuracy       float64 // share of pages with identical token lists
	PrecisionPages int
	RecallPages    int
	MeanPageF1     float64 // not in the reference metric; reported by score.py
}

// ScoreBodies computes the ScrapingHub shingle metric, in the order given.
func ScoreBodies(pages []BodyPage) (Summary, []PageScore) {
	rows := make([]PageScore, 0, len(pages))
	var ps, rs, acc, f1s []float64
	for _, pg := range pages {
		pred := ""
		if pg.Pred != nil {
			pred = *pg.Pred
		}
		tt, pt := Tokens(pg.Truth), Tokens(pred)
		tp, fp, fn := shingleCounts(tt, pt)
		row := PageScore{
			ID: pg.ID, TP: tp, FP: fp, FN: fn,
			Precision: pagePrecision(tp, fp, fn), Recall: pageRecall(tp, fp, fn),
			F1:          1,
			Exact:       equalTokens(tt, pt),
			TruthTokens: len(tt), PredTokens: len(pt),
			PCounted: tp+fp > 0, RCounted: tp+fn > 0,
		}
		if denom := 2*tp + fp + fn; denom != 0 {
			row.F1 = 2 * tp / denom
		}
		rows = append(rows, row)
		if row.PCounted {
			ps = append(ps, row.Precision)
		}
		if row.RCounted {
			rs = append(rs, row.Recall)
		}
		acc = append(acc, b2f(row.Exact))
		f1s = append(f1s, row.F1)
	}
	s := Summary{
		Pages:     len(rows),
		Precision: mean(ps), Recall: mean(rs),
		Accuracy:       mean(acc),
		PrecisionPages: len(ps), RecallPages: len(rs),
		MeanPageF1: mean(f1s),
	}
	// Python: f1 = 2*prec*rec/(prec+rec) if prec+rec > 0 else 0.0; a NaN
	// mean makes the comparison false, as it does in Go.
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s, rows
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// isPySpace reports whether r is matched by \s in a Python 3 str pattern
// and stripped by str.strip(): Unicode White_Space plus the information
// separators U+001C to U+001F, which Python counts as whitespace.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// norm is score.py's norm: runs of whitespace to one space, then stripped.
func norm(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if isPySpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// SnippetPage is one page of trafilatura's with/without snippet metric.
// Pred is nil when there is no prediction (which finds nothing, unlike an
// empty prediction, in which an empty snippet is found).
type SnippetPage struct {
	ID            string
	With, Without []string
	Pred          *string
}

// SnippetRow is one page's row of the snippet metric.
type SnippetRow struct {
	ID             string
	TP, FP, FN, TN int
	F1             float64
}

// SnippetSummary is the snippet metric of a dataset: counts summed over
// pages, then the ratios (each 0 when its denominator is 0).
type SnippetSummary struct {
	Pages                           int
	TP, FP, FN, TN                  int
	Precision, Recall, Accuracy, F1 float64
}

// ScoreSnippets computes trafilatura's with/without snippet metric.
func ScoreSnippets(pages []SnippetPage) (SnippetSummary, []SnippetRow) {
	var s SnippetSummary
	rows := make([]SnippetRow, 0, len(pages))
	for _, pg := range pages {
		var tp, fp int
		if pg.Pred != nil {
			res := norm(*pg.Pred)
			for _, w := range pg.With {
				if strings.Contains(res, norm(w)) {
					tp++
				}
			}
			for _, w := range pg.Without {
				if strings.Contains(res, norm(w)) {
					fp++
				}
			}
		}
		fn, tn := len(pg.With)-tp, len(pg.Without)-fp
		s.TP, s.FP, s.FN, s.TN = s.TP+tp, s.FP+fp, s.FN+fn, s.TN+tn
		row := SnippetRow{ID: pg.ID, TP: tp, FP: fp, FN: fn, TN: tn, F1: 1}
		if denom := 2*tp + fp + fn; denom != 0 {
			row.F1 = float64(2*tp) / float64(denom)
		}
		rows = append(rows, row)
	}
	s.Pages = len(rows)
	s.Precision = ratio(s.TP, s.TP+s.FP)
	s.Recall = ratio(s.TP, s.TP+s.FN)
	s.Accuracy = ratio(s.TP+s.TN, s.TP+s.FP+s.FN+s.TN)
	s.F1 = ratio(2*s.TP, 2*s.TP+s.FP+s.FN)
	return s, rows
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// TruthEntry is one page of a ground-truth file. Body is set when the entry's
// articleBody is a string; HasSnippets when "with" or "without" is a list.
type TruthEntry struct {
	Body          *string
	URL           string
	With, Without []string
	HasSnippets   bool
}

// LoadTruth reads DATASET/ground-truth.json.
func LoadTruth(path string) (map[string]TruthEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	gt := make(map[string]TruthEntry, len(raw))
	for id, e := range raw {
		var te TruthEntry
		var s string
		if json.Unmarshal(e["articleBody"], &s) == nil && isJSONString(e["articleBody"]) {
			te.Body = &s
		}
		if isJSONString(e["url"]) {
			_ = json.Unmarshal(e["url"], &te.URL)
		}
		for _, f := range []struct {
			key string
			dst *[]string
		}{{"with", &te.With}, {"without", &te.Without}} {
			if v := bytes.TrimSpace(e[f.key]); len(v) > 0 && v[0] == '[' {
				te.HasSnippets = true
				if err := json.Unmarshal(v, f.dst); err != nil {
					return nil, fmt.Errorf("%s: %s: %q: %w", path, id, f.key, err)
				}
			}
		}
		gt[id] = te
	}
	return gt, nil
}

func isJSONString(v json.RawMessage) bool {
	v = bytes.TrimSpace(v)
	return len(v) > 0 && v[0] == '"'
}

// LoadPredictions reads a predictions file as score.py's load_predictions
// does: {id: {"articleBody": text}}, {id: text}, or either wrapped in
// {"version": ..., "output": {...}}. A null value, or an object without
// articleBody, is a nil prediction (present, but scored as no output); any
// other non-string value becomes its Python str().
func LoadPredictions(path string) (map[string]*string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m, ok := top.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: predictions must be a JSON object", path)
	}
	if out, ok := m["output"].(map[string]any); ok && len(m) == 2 {
		if _, ok := m["version"]; ok {
			m = out
		}
	}
	preds := make(map[string]*string, len(m))
	for id, v := range m {
		if d, ok := v.(map[string]any); ok {
			v = d["articleBody"]
		}
		if v == nil {
			preds[id] = nil
			continue
		}
		s := pyStr(v)
		preds[id] = &s
	}
	return preds, nil
}

// pyStr renders a decoded JSON value as Python's str() would render the value
// json.load makes of it (strings as themselves; containers as their repr).
func pyStr(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return pyRepr(v)
}

func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return pyStringRepr(x)
	case json.Number:
		s := string(x)
		if !strings.ContainsAny(s, ".eE") {
			return s
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return s
		}
		return pyFloatRepr(f)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyRepr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		// Python dicts keep the document's key order; encoding/json does
		// not. Key order only moves tokens around; it is the best we can do
		// without a streaming decoder, for a case no real file has.
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = pyStringRepr(k) + ": " + pyRepr(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

// pyFloatRepr is Python's repr of a float: shortest round-trip digits,
// always with a decimal point or exponent, exponent form outside 1e-4..1e16.
func pyFloatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	if a := math.Abs(f); a != 0 && (a < 1e-4 || a >= 1e16) {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		if exp[1] == '0' && len(exp) > 2 {
			exp = exp[:1] + strings.TrimLeft(exp[1:], "0")
		}
		return mant + "e" + exp
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// pyStringRepr approximates Python's repr of a str: single quotes unless the
// text has a single and no double quote, backslash escapes for the quote,
// backslash, \t \n \r, and \xNN, \uNNNN or \UNNNNNNNN for other characters
// that are not printable (unicode.IsPrint stands in for str.isprintable).
func pyStringRepr(s string) string {
	q := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		case !unicode.IsPrint(r) && r != ' ':
			if r <= 0xffff {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// Report is everything score.py computes for one predictions file.
type Report struct {
	Dataset            string
	MissingPredictions int // ground-truth ids without a prediction
	ExtraPredictions   int // prediction ids not in the ground truth
	Bodies             *Summary
	BodyRows           []PageScore
	Snippets           *SnippetSummary
	SnippetRows        []SnippetRow
}

// ScoreDataset scores predictions against a ground truth as score.py's main
// does: pages in sorted id order, the shingle metric over entries with a
// string articleBody, the snippet metric over entries with with/without
// lists.
func ScoreDataset(name string, gt map[string]TruthEntry, pred map[string]*string) Report {
	r := Report{Dataset: name}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
		if _, ok := pred[id]; !ok {
			r.MissingPredictions++
		}
	}
	for id := range pred {
		if _, ok := gt[id]; !ok {
			r.ExtraPredictions++
		}
	}
	// Python sorts str by code point; Go compares UTF-8 bytes, same order.
	sort.Strings(ids)
	var bodies []BodyPage
	var snips []SnippetPage
	for _, id := range ids {
		e := gt[id]
		p := pred[id]
		if e.Body != nil {
			bodies = append(bodies, BodyPage{ID: id, Truth: *e.Body, Pred: p})
		}
		if e.HasSnippets {
			snips = append(snips, SnippetPage{ID: id, With: e.With, Without: e.Without, Pred: p})
		}
	}
	if len(bodies) > 0 {
		s, rows := ScoreBodies(bodies)
		r.Bodies, r.BodyRows = &s, rows
	}
	if len(snips) > 0 {
		s, rows := ScoreSnippets(snips)
		r.Snippets, r.SnippetRows = &s, rows
	}
	return r
}
