package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// countingExtractor records which pages it was given, from any goroutine.
type countingExtractor struct {
	name string
	mu   sync.Mutex
	seen map[string]int
	busy time.Duration
}

func (c *countingExtractor) Name() string { return c.name }

func (c *countingExtractor) Extract(page []byte, _ string) (string, error) {
	c.mu.Lock()
	c.seen[string(page)]++
	c.mu.Unlock()
	if c.busy > 0 {
		// Sleeping, not spinning: the speedup of sleeps is the number
		// of goroutines whatever the load of the machine.
		time.Sleep(c.busy)
	}
	return string(page), nil
}

func TestMeasureParallelTakesEveryPageOnce(t *testing.T) {
	var pages []Page
	for i := range 50 {
		pages = append(pages, Page{ID: string(rune('a' + i%26)), HTML: []byte(strings.Repeat("x", i+1))})
	}
	for _, g := range []int{1, 2, 7} {
		e := &countingExtractor{name: "count", seen: map[string]int{}}
		measureParallel(e, pages, g)
		if len(e.seen) != len(pages) {
			t.Fatalf("%d goroutines: %d distinct pages extracted, want %d", g, len(e.seen), len(pages))
		}
		for p, n := range e.seen {
			if n != 1 {
				t.Fatalf("%d goroutines: page of %d bytes extracted %d times", g, len(p), n)
			}
		}
	}
}

func TestSpeedTableParallelColumns(t *testing.T) {
	var pages []Page
	for i := range 8 {
		pages = append(pages, Page{ID: string(rune('a' + i)), HTML: []byte(strings.Repeat("y", i+1))})
	}
	base := &countingExtractor{name: baselineName, seen: map[string]int{}, busy: 2 * time.Millisecond}
	other := &countingExtractor{name: "other", seen: map[string]int{}, busy: 2 * time.Millisecond}
	res := runSpeed([]Extractor{base, other}, pages, 3, 4, &bytes.Buffer{})
	for _, r := range res {
		if len(r.speedups) != 3 {
			t.Fatalf("%s: %d speedups, want one per pass (3)", r.name, len(r.speedups))
		}
		// 8 sleeps of 2 ms on 1 goroutine against 2 rounds on 4.
		if m := median(r.speedups); m < 2 {
			t.Errorf("%s: speedup %.2f of sleeping work on 4 goroutines, want about 4", r.name, m)
		}
		if b := bestRatio(r); b < 2 {
			t.Errorf("%s: best-to-best speedup %.2f of sleeping work on 4 goroutines, want about 4", r.name, b)
		}
	}
	var out bytes.Buffer
	printSpeed(&out, res, pages, 3, 4)
	for _, want := range []string{"4 goroutines: speedup", "best ÷ best", "÷ html.Parse's", "4 goroutines: speedup is the time"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("speed table lacks %q:\n%s", want, out.String())
		}
	}
	// Off: no parallel runs, no columns.
	res = runSpeed([]Extractor{base}, pages, 1, 1, &bytes.Buffer{})
	if len(res[0].speedups) != 0 {
		t.Fatalf("parallel passes measured with goroutines = 1")
	}
	out.Reset()
	printSpeed(&out, res, pages, 1, 1)
	if strings.Contains(out.String(), "goroutines: speedup") {
		t.Errorf("parallel columns printed with goroutines = 1:\n%s", out.String())
	}
}
