package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"time"
)

// speedResult is one extractor's measurements over the timed passes.
type speedResult struct {
	name    string
	elapsed []time.Duration // one per pass: all pages, one after another
	alloc   []uint64        // bytes allocated during each pass (TotalAlloc delta)
	mallocs []uint64        // heap objects allocated during each pass (Mallocs delta)
	errors  int             // failed pages over all passes
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

// runSpeed measures the extractors on the preloaded pages: one warm-up pass
// of every extractor, then passes timed passes in which every extractor
// runs over all pages, the order of the extractors rotated by one each pass
// so that none always runs first or after the same neighbour.
func runSpeed(exts []Extractor, pages []Page, passes int, progress io.Writer) []*speedResult {
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
		}
		fmt.Fprintf(progress, "speed: pass %d/%d done in %.1fs\n", p+1, passes, time.Since(start).Seconds())
	}
	return res
}

// median returns the median of xs (the mean of the two middle values for an
// even count); xs is not modified.
func median[T time.Duration | uint64](xs []T) float64 {
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
func printSpeed(w io.Writer, res []*speedResult, pages []Page, passes int) {
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
		rows = append(rows, []string{
			name,
			strconv.FormatFloat(t/n/1e6, 'f', 2, 64),
			spread(r.elapsed),
			ratio,
			strconv.FormatFloat(mb/(t/1e9), 'f', 1, 64),
			strconv.FormatFloat(median(r.alloc)/n/1e6, 'f', 2, 64),
			strconv.FormatFloat(median(r.mallocs)/n, 'f', 0, 64),
		})
	}
	printTable(w, head, rows)
	fmt.Fprintln(w, "\nspread: (slowest - fastest pass) / median, a sign of noise from other load on the machine; MB/s: HTML megabytes (10^6 bytes) per second; MB alloc/page and allocs/page: runtime.MemStats TotalAlloc and Mallocs deltas over a pass, divided by the pages. An extractor that fails a page fast (errors, per pass) looks faster than it is.")
}

// spread formats (max - min) / median of the passes' times as a percentage.
func spread(xs []time.Duration) string {
	m := median(xs)
	if m == 0 {
		return "-"
	}
	return strconv.FormatFloat(100*float64(slices.Max(xs)-slices.Min(xs))/m, 'f', 0, 64) + "%"
}
