package main

import (
	"bytes"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLineDiff(t *testing.T) {
	got := lineDiff([]string{"menu", "a", "b", "ad", "c"}, []string{"a", "b", "c", "d"})
	var b strings.Builder
	for _, l := range got {
		b.WriteString(string(l.op) + l.text + ";")
	}
	if want := "+menu; a; b;+ad; c;-d;"; b.String() != want {
		t.Errorf("lineDiff = %q, want %q", b.String(), want)
	}
	got = setDiff([]string{"x", "a"}, []string{"a", "y"})
	if len(got) != 2 || got[0] != (diffLine{'+', "x"}) || got[1] != (diffLine{'-', "y"}) {
		t.Errorf("setDiff = %v", got)
	}
}

func TestPrintTable(t *testing.T) {
	var b bytes.Buffer
	printTable(&b, []string{"name", "F1"}, [][]string{{"é", "0.5"}, {"longer", "1"}})
	want := "| name   |  F1 |\n| ------ | --: |\n| é      | 0.5 |\n| longer |   1 |\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "b.json")
	in := baseline{Extractor: "cleaner", Datasets: map[string]baselineDataset{
		"d": {F1: 0, Precision: jfloat(math.NaN()), Recall: 0.5, Pages: map[string]float64{"p1": 0.5, "p2": 0.9, "p3": 0.2}},
	}}
	if err := saveBaseline(path, in); err != nil {
		t.Fatal(err)
	}
	out, err := loadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(float64(out.Datasets["d"].Precision)) || out.Datasets["d"].Pages["p2"] != 0.9 {
		t.Fatalf("round trip: %+v", out)
	}
	cur := baselineDataset{F1: 0.1, Precision: 0.1, Recall: 0.1, Pages: map[string]float64{"p1": 0.505, "p2": 0.5, "p3": 0.8, "p4": 1}}
	var b bytes.Buffer
	printBaselineChanges(&b, &Dataset{Name: "d", Truth: map[string]TruthEntry{}}, out.Datasets["d"], cur)
	s := b.String()
	if !strings.Contains(s, "1 page(s) worse, 1 better") || !strings.Contains(s, "-0.400  0.900 -> 0.500  p2") ||
		!strings.Contains(s, "+0.600  0.200 -> 0.800  p3") || strings.Contains(s, "p1") || !strings.Contains(s, "1 only now") {
		t.Errorf("changes:\n%s", s)
	}
}

func TestMedianAndSpread(t *testing.T) {
	if m := median([]uint64{5, 1, 3}); m != 3 {
		t.Errorf("median odd = %v", m)
	}
	if m := median([]time.Duration{4, 1, 3, 2}); m != 2.5 {
		t.Errorf("median even = %v", m)
	}
	if s := spread([]time.Duration{90, 100, 110}); s != "20%" {
		t.Errorf("spread = %s", s)
	}
}
