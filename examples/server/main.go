// Command server serves the cleaner over HTTP: POST a page's HTML, get its
// article back as JSON.
//
//	go run ./server [-addr localhost:8080] [-max-bytes N] [-timeout D]
//
//	-addr A        address to listen on (default localhost:8080)
//	-max-bytes N   largest page accepted, in bytes (default 16 MiB)
//	-timeout D     time limit for one request: reading the page and cleaning
//	               it (default 10s)
//
// A request:
//
//	curl -s --data-binary @page.html \
//	  -H 'Content-Type: text/html; charset=windows-1252' \
//	  'http://localhost:8080/clean?url=https://example.com/news/1'
//
// POST /clean takes the page as the request body and its address, when
// known, in the url query parameter (it resolves relative links and picks
// host rules). The charset of the Content-Type header decodes the page
// when the page itself has no byte order mark; without one, the page's
// <meta> charset or a detector decides. The answer is the article as JSON:
// url, title, subtitle, authors, published, modified (RFC 3339, when
// known), sitename, description, language, image, tags, text, truncated,
// charset.
//
// Errors are JSON too, {"error": "..."}, with the status: 405 for a method
// other than POST, 415 for a Content-Type other than text/html,
// application/xhtml+xml or none, 400 for a bad url parameter or an
// unreadable body, 413 for a page longer than -max-bytes, 408 when the page
// is not received within -timeout, 503 when cleaning it takes longer, 422
// when no text is found in it, and 500 for an internal error of a rule.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/boilerfree/cleaner"
)

func main() {
	addr := flag.String("addr", "localhost:8080", "`address` to listen on")
	maxBytes := flag.Int64("max-bytes", cleaner.DefaultMaxBytes, "largest page accepted, in bytes (`N`)")
	timeout := flag.Duration("timeout", 10*time.Second, "time limit for one request: reading the page and cleaning it")
	flag.Parse()
	if flag.NArg() > 0 || *maxBytes <= 0 || *timeout <= 0 {
		flag.Usage()
		os.Exit(2)
	}
	// The Cleaner reads as much as the handler accepts, so that a page is
	// refused (413) rather than cut.
	cl, err := cleaner.New(cleaner.WithMaxBytes(*maxBytes))
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/clean", newHandler(cl, *maxBytes, *timeout))
	srv := &http.Server{
		Addr:              *addr,
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), *timeout)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	log.Printf("listening on %s", *addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// handler cleans the page of each request with one shared Cleaner.
type handler struct {
	cl       *cleaner.Cleaner
	maxBytes int64
	timeout  time.Duration
}

func newHandler(cl *cleaner.Cleaner, maxBytes int64, timeout time.Duration) http.Handler {
	return &handler{cl: cl, maxBytes: maxBytes, timeout: timeout}
}

// article is the JSON answer.
type article struct {
	URL         string   `json:"url"`
	Title       string   `json:"title"`
	Subtitle    string   `json:"subtitle,omitempty"`
	Authors     []string `json:"authors"`
	Published   string   `json:"published,omitempty"`
	Modified    string   `json:"modified,omitempty"`
	SiteName    string   `json:"sitename,omitempty"`
	Description string   `json:"description,omitempty"`
	Language    string   `json:"language,omitempty"`
	Image       string   `json:"image,omitempty"`
	Tags        []string `json:"tags"`
	Text        string   `json:"text"`
	Truncated   bool     `json:"truncated,omitempty"`
	Charset     string   `json:"charset,omitempty"`
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "method %s not allowed: POST the page", r.Method)
		return
	}
	ct := r.Header.Get("Content-Type")
	if ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "text/html" && mt != "application/xhtml+xml" {
			writeError(w, http.StatusUnsupportedMediaType, "Content-Type %q: send text/html or application/xhtml+xml", ct)
			return
		}
	}
	pageURL := r.URL.Query().Get("url")
	if pageURL != "" {
		u, err := url.Parse(pageURL)
		if err != nil || !u.IsAbs() || u.Host == "" {
			writeError(w, http.StatusBadRequest, "url %q: want an absolute URL", pageURL)
			return
		}
	}

	// One deadline for the whole request: for reading the body (a client
	// that sends slowly) and for cleaning the page.
	ctx, cancel := context.WithTimeout(r.Context(), h.timeout)
	defer cancel()
	deadline, _ := ctx.Deadline()
	// Not every ResponseWriter supports it (httptest.ResponseRecorder does
	// not); a real server's does.
	_ = http.NewResponseController(w).SetReadDeadline(deadline)

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, "page longer than %d bytes", h.maxBytes)
		return
	case errors.Is(err, os.ErrDeadlineExceeded):
		writeError(w, http.StatusRequestTimeout, "page not received within %v", h.timeout)
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "reading the page: %v", err)
		return
	}

	a, err := h.cl.CleanWithContentType(ctx, bytes.NewReader(body), pageURL, ct)
	var ruleErr *cleaner.RuleError
	switch {
	case err == nil:
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "cleaning took longer than %v", h.timeout)
		return
	case errors.Is(err, context.Canceled):
		return // the client is gone
	case errors.Is(err, cleaner.ErrNoContent):
		writeError(w, http.StatusUnprocessableEntity, "%v", err)
		return
	case errors.Is(err, cleaner.ErrTooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, "%v", err)
		return
	case errors.As(err, &ruleErr):
		writeError(w, http.StatusInternalServerError, "%v", err)
		return
	default:
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, toJSON(a))
}

func toJSON(a *cleaner.Article) article {
	out := article{
		URL: a.URL, Title: a.Title, Subtitle: a.Subtitle, Authors: a.Authors,
		SiteName: a.SiteName, Description: a.Description, Language: a.Language,
		Image: a.Image, Tags: a.Tags, Text: a.Text, Truncated: a.Truncated, Charset: a.Charset,
	}
	if out.Authors == nil {
		out.Authors = []string{}
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if !a.Published.IsZero() {
		out.Published = a.Published.Format(time.RFC3339)
	}
	if !a.Modified.IsZero() {
		out.Modified = a.Modified.Format(time.RFC3339)
	}
	return out
}

func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, map[string]string{"error": fmt.Sprintf(format, args...)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
