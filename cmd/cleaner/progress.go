package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progressEvery is how often the progress line is redrawn: at most five
// times a second.
const progressEvery = 200 * time.Millisecond

// isTerminal reports whether w is a terminal (a character device), where
// the progress line is shown. Tests replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progress keeps a line at the bottom of a terminal: pages done, pages/s,
// MB/s, errors, and, when the total is known, the share done and the time
// left. Anything else written to the terminal goes through its Write
// method, which clears the line first; it is drawn again on the next tick.
// A nil *progress does nothing.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	start time.Time
	shown bool // the line is on the screen

	pages, errors int
	bytes         int64
	frac          float64 // share of the run done; negative when unknown

	stop chan struct{}
	done chan struct{}
}

// startProgress starts drawing the progress line on w every interval.
func startProgress(w io.Writer, every time.Duration) *progress {
	p := &progress{w: w, start: time.Now(), frac: -1, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.draw()
			}
		}
	}()
	return p
}

// set records the counts shown by the next draw.
func (p *progress) set(pages, errors int, bytes int64, frac float64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.pages, p.errors, p.bytes, p.frac = pages, errors, bytes, frac
	p.mu.Unlock()
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	elapsed := time.Since(p.start)
	secs := elapsed.Seconds()
	line := fmt.Sprintf("%d pages, %.1f pages/s, %.1f MB/s, %d errors",
		p.pages, float64(p.pages)/secs, float64(p.bytes)/1e6/secs, p.errors)
	if p.frac > 0 {
		left := time.Duration(float64(elapsed) * (1 - p.frac) / p.frac)
		line += fmt.Sprintf(", %.0f%%, ETA %v", 100*p.frac, left.Round(time.Second))
	}
	// Carriage return, the line, and "erase to the end of the line".
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
	p.shown = true
}

// Write writes b, one or more whole lines, in place of the progress line.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	return p.w.Write(b)
}

func (p *progress) clear() {
	if p.shown {
		io.WriteString(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// close stops drawing and clears the line.
func (p *progress) close() {
	if p == nil {
		return
	}
	close(p.stop)
	<-p.done
	p.mu.Lock()
	p.clear()
	p.mu.Unlock()
}
