package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// speedResult is one extractor's measurements over the timed passes.
type speedResult struct {
	name    string
	elapsed []time.Duration // one per pass: all pages, one after another
	alloc   []uint64        // bytes allocated during each pass (TotalAlloc delta)
	mallocs []uint64        // heap objects allocated during each pass (Mallocs delta)
	errors  int             // failed pages over all passes
	// speedups holds, per pass, the one-goroutine time of the pass over
	// the time of the same pages on -goroutines goroutines (empty when
	// the parallel run is off).
	speedups []float64
	parallel []time.Duration // the parallel passes' times
}

// measurePass runs e over all pages once, on this goroutine, and records
// the time and the allocations. The heap is collected first so that one
// extractor's garbage is not collected on the next one's time.
func measurePass(e Extractor, pages []Page) (d time.Duration, alloc, mallocs uint64, errs int) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	for _, p := range pages {
		if _, err := safeExtract(e, p.HTML, p.URL); err != nil {
			errs++
		}
	}
	d = time.Since(start)
	runtime.ReadMemStats(&after)
	return d, after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs, errs
}

// measureParallel runs e over all pages once on g goroutines that take the
// pages from one queue, as a crawler's workers do, and returns the time.
func measureParallel(e Extractor, pages []Page, g int) time.Duration {
	runtime.GC()
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range g {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(pages) {
					return
				}
				safeExtract(e, pages[i].HTML, pages[i].URL)
			}
		})
	}
	wg.Wait()
	return time.Since(start)
}

// runSpeed measures the extractors on the preloaded pages: one warm-up pass
// of every extractor, then passes timed passes in which every extractor
// runs over all pages, the order of the extractors rotated by one each pass
// so that none always runs first or after the same neighbour. With
// goroutines > 1, each timed pass of an extractor is followed at once by a
// pass on that many goroutines, and the ratio of the two is its speedup for
// that pass: a ratio of neighbouring runs is less sensitive to the load of
// the machine than a ratio of medians.
func runSpeed(exts []Extractor, pages []Page, passes, goroutines int, progress io.Writer) []*speedResult {
	res := make([]*speedResult, len(exts))
	for i, e := range exts {
		res[i] = &speedResult{name: e.Name()}
		d, _, _, _ := measurePass(e, pages)
		fmt.Fprintf(progress, "speed: warm-up %-26s %8.2fs\n", e.Name(), d.Seconds())
	}
	for p := range passes {
		start := time.Now()
		for k := range exts {
			i := (k + p) % len(exts)
			d, a, m, errs := measurePass(exts[i], pages)
			r := res[i]
			r.elapsed = append(r.elapsed, d)
			r.alloc = append(r.alloc, a)
			r.mallocs = append(r.mallocs, m)
			r.errors += errs
			if goroutines > 1 {
				pd := measureParallel(exts[i], pages, goroutines)
				r.parallel = append(r.parallel, pd)
				r.speedups = append(r.speedups, float64(d)/float64(pd))
			}
		}
		fmt.Fprintf(progress, "speed: pass %d/%d done in %.1fs\n", p+1, passes, time.Since(start).Seconds())
	}
	return res
}

// median returns the median of xs (the mean of the two middle values for an
// even count); xs is not modified.
func median[T time.Duration | uint64 | float64](xs []T) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return (float64(s[n/2-1]) + float64(s[n/2])) / 2
}

// printSpeed prints the speed table: per extractor the median over the
// passes of the time per page, that time as a multiple of html.Parse's, the
// throughput, and the memory allocated per page.
func printSpeed(w io.Writer, res []*speedResult, pages []Page, passes, goroutines int) {
	var total int
	for _, p := range pages {
		total += len(p.HTML)
	}
	mb := float64(total) / 1e6
	n := float64(len(pages))
	var base float64
	for _, r := range res {
		if r.name == baselineName {
			base = median(r.elapsed)
		}
	}
	fmt.Fprintf(w, "\n### speed: %d pages, %.1f MB of HTML in memory, one goroutine, median of %d passes after a warm-up (%s, %s/%s, GOMAXPROCS %d)\n\n",
		len(pages), mb, passes, runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0))
	head := []string{"extractor", "ms/page", "spread", "× html.Parse", "MB/s", "MB alloc/page", "allocs/page"}
	if goroutines > 1 {
		head = append(head, fmt.Sprintf("%d goroutines: speedup", goroutines), "best ÷ best", "÷ html.Parse's")
	}
	var baseSpeedup, baseBest float64
	for _, r := range res {
		if r.name == baselineName && len(r.speedups) > 0 {
			baseSpeedup, baseBest = median(r.speedups), bestRatio(r)
		}
	}
	var rows [][]string
	for _, r := range res {
		t := median(r.elapsed) // nanoseconds for all pages
		ratio := "-"
		if base > 0 {
			ratio = strconv.FormatFloat(t/base, 'f', 2, 64)
		}
		name := r.name
		if r.errors > 0 {
			name += fmt.Sprintf(" (%d errors)", r.errors/max(1, len(r.elapsed)))
		}
		row := []string{
			name,
			strconv.FormatFloat(t/n/1e6, 'f', 2, 64),
			spread(r.elapsed),
			ratio,
			strconv.FormatFloat(mb/(t/1e9), 'f', 1, 64),
			strconv.FormatFloat(median(r.alloc)/n/1e6, 'f', 2, 64),
			strconv.FormatFloat(median(r.mallocs)/n, 'f', 0, 64),
		}
		if goroutines > 1 {
			sp, bb, rel := "-", "-", "-"
			if len(r.speedups) > 0 {
				m, b := median(r.speedups), bestRatio(r)
				sp = fmt.Sprintf("%.2f× (%.2f–%.2f)", m, slices.Min(r.speedups), slices.Max(r.speedups))
				bb = fmt.Sprintf("%.2f×", b)
				if baseSpeedup > 0 && baseBest > 0 {
					rel = fmt.Sprintf("%.2f / %.2f", m/baseSpeedup, b/baseBest)
				}
			}
			row = append(row, sp, bb, rel)
		}
		rows = append(rows, row)
	}
	printTable(w, head, rows)
	fmt.Fprintln(w, "\nspread: (slowest - fastest pass) / median, a sign of noise from other load on the machine; MB/s: HTML megabytes (10^6 bytes) per second; MB alloc/page and allocs/page: runtime.MemStats TotalAlloc and Mallocs deltas over a pass, divided by the pages. An extractor that fails a page fast (errors, per pass) looks faster than it is.")
	if goroutines > 1 {
		fmt.Fprintf(w, "\n%d goroutines: speedup is the time of a one-goroutine pass over the time of the same pages taken from one queue by %d goroutines right after it; the median over the passes, and the lowest and highest. best ÷ best: the fastest one-goroutine pass over the fastest parallel pass, which filters out passes slowed by other load. The parser's own speedup is the ceiling of the memory system for tree building on this machine; ÷ html.Parse's (median / best) shows what the extractor's own work adds.\n", goroutines, goroutines)
	}
}

// bestRatio returns the fastest one-goroutine pass of r over its fastest
// parallel pass.
func bestRatio(r *speedResult) float64 {
	if len(r.elapsed) == 0 || len(r.parallel) == 0 {
		return 0
	}
	return float64(slices.Min(r.elapsed)) / float64(slices.Min(r.parallel))
}

// spread formats (max - min) / median of the passes' times as a percentage.
func spread(xs []time.Duration) string {
	m := median(xs)
	if m == 0 {
		return "-"
	}
	return strconv.FormatFloat(100*float64(slices.Max(xs)-slices.Min(xs))/m, 'f', 0, 64) + "%"
}
