package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/boilerfree/cleaner"
	"golang.org/x/net/html"
)

const page = `<!DOCTYPE html><html lang="en"><head><title>Harbour lights | Coast News</title>
<meta property="og:site_name" content="Coast News"><meta name="author" content="Ida Berg"></head>
<body><nav><a href="/">Home</a> <a href="/boats">Boats</a></nav><article><h1>Harbour lights</h1>
<p>The harbour lights were switched back on last night after a month of repairs, and the fishing boats came home in the dark for the first time since October.</p>
<p>Crews said the new lamps can be seen from twice as far out at sea, which matters most in the winter fog.</p></article>
<footer>© Coast News</footer></body></html>`

// cafe is a page in windows-1252 that does not say so: only the request's
// Content-Type does.
const cafe = "<html lang=\"fr\"><head><title>Le caf\xe9 du port rouvre</title></head><body><article><h1>Le caf\xe9 du port rouvre</h1>" +
	"<p>Huit mois apr\xe8s l\x92incendie qui avait d\xe9truit sa cuisine, le caf\xe9 du port a rouvert ses portes samedi matin, et les premiers clients sont arriv\xe9s d\xe8s 7 heures.</p>" +
	"<p>\xab On a cru qu\x92on ne rouvrirait jamais \xbb, confie la patronne, H\xe9l\xe8ne Gar\xe7on, devant son comptoir en zinc.</p></article></body></html>"

func newServer(t *testing.T, cl *cleaner.Cleaner, maxBytes int64, timeout time.Duration) *httptest.Server {
	srv := httptest.NewServer(newHandler(cl, maxBytes, timeout))
	t.Cleanup(srv.Close)
	return srv
}

func defaultCleaner(t *testing.T) *cleaner.Cleaner {
	cl, err := cleaner.New()
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// call sends a request and decodes the JSON answer.
func call(t *testing.T, method, url, contentType string, body io.Reader) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("%s: not JSON: %v", resp.Status, err)
	}
	return resp, m
}

func TestClean(t *testing.T) {
	srv := newServer(t, defaultCleaner(t), 1<<20, 5*time.Second)
	resp, a := call(t, "POST", srv.URL+"/?url=https://coast.example/harbour", "text/html; charset=utf-8", strings.NewReader(page))
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %v", resp.Status, a)
	}
	if a["title"] != "Harbour lights" || a["url"] != "https://coast.example/harbour" || a["sitename"] != "Coast News" {
		t.Errorf("metadata: %v", a)
	}
	if authors, _ := a["authors"].([]any); len(authors) != 1 || authors[0] != "Ida Berg" {
		t.Errorf("authors: %v", a["authors"])
	}
	text, _ := a["text"].(string)
	if !strings.Contains(text, "switched back on last night") || !strings.Contains(text, "winter fog") {
		t.Errorf("text lacks the article: %q", text)
	}
	for _, bp := range []string{"Home", "Boats", "©"} {
		if strings.Contains(text, bp) {
			t.Errorf("boilerplate %q in %q", bp, text)
		}
	}
	// Without a Content-Type or url: the page alone.
	resp, a = call(t, "POST", srv.URL, "", strings.NewReader(page))
	if resp.StatusCode != 200 || a["title"] != "Harbour lights" {
		t.Errorf("%s: %v", resp.Status, a)
	}
}

func TestCharsetFromContentType(t *testing.T) {
	srv := newServer(t, defaultCleaner(t), 1<<20, 5*time.Second)
	resp, a := call(t, "POST", srv.URL, "text/html; charset=windows-1252", strings.NewReader(cafe))
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %v", resp.Status, a)
	}
	if a["title"] != "Le café du port rouvre" || a["charset"] != "windows-1252" {
		t.Errorf("title %q, charset %q", a["title"], a["charset"])
	}
	text, _ := a["text"].(string)
	if !strings.Contains(text, "après l’incendie") || !strings.Contains(text, "Hélène Garçon") {
		t.Errorf("text not decoded from windows-1252: %q", text)
	}
	// The header decides: the same bytes said to be ISO-8859-5 (Cyrillic)
	// are read as such.
	_, a = call(t, "POST", srv.URL, "text/html; charset=iso-8859-5", strings.NewReader(cafe))
	if a["title"] != "Le cafщ du port rouvre" {
		t.Errorf("title %q: the Content-Type charset was not used", a["title"])
	}
}

func TestErrors(t *testing.T) {
	srv := newServer(t, defaultCleaner(t), 1000, 5*time.Second)
	for _, tc := range []struct {
		name, method, query, contentType, body string
		status                                 int
	}{
		{"GET", "GET", "", "", "", http.StatusMethodNotAllowed},
		{"PUT", "PUT", "", "text/html", page[:500], http.StatusMethodNotAllowed},
		{"too large", "POST", "", "text/html", page + strings.Repeat(" ", 1000), http.StatusRequestEntityTooLarge},
		{"JSON", "POST", "", "application/json", `{"html": "<p>x</p>"}`, http.StatusUnsupportedMediaType},
		{"form", "POST", "", "application/x-www-form-urlencoded", page[:500], http.StatusUnsupportedMediaType},
		{"relative url", "POST", "?url=/harbour", "text/html", page[:500], http.StatusBadRequest},
		{"empty", "POST", "", "text/html", "", http.StatusUnprocessableEntity},
		{"no text", "POST", "", "text/html", "<html><body><div></div></body></html>", http.StatusUnprocessableEntity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			resp, m := call(t, tc.method, srv.URL+"/"+tc.query, tc.contentType, body)
			if resp.StatusCode != tc.status {
				t.Errorf("status %s, want %d: %v", resp.Status, tc.status, m)
			}
			if msg, _ := m["error"].(string); msg == "" || len(m) != 1 {
				t.Errorf("want {\"error\": ...}, got %v", m)
			}
			if tc.status == http.StatusMethodNotAllowed && resp.Header.Get("Allow") != "POST" {
				t.Errorf("Allow: %q", resp.Header.Get("Allow"))
			}
		})
	}
}

// TestSlowClient: a client that stops sending its page gets a 408 after the
// request's time limit.
func TestSlowClient(t *testing.T) {
	srv := newServer(t, defaultCleaner(t), 1<<20, 200*time.Millisecond)
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte(page[:200])) // then nothing
	start := time.Now()
	resp, m := call(t, "POST", srv.URL, "text/html", pr)
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Errorf("status %s: %v", resp.Status, m)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("answered after %v", d)
	}
}

// TestSlowCleaning: a page that takes longer to clean than the time limit
// gets a 503. A custom rule makes the cleaning slow.
func TestSlowCleaning(t *testing.T) {
	slow := cleaner.Rule{ID: "slow", Phase: cleaner.PhasePrune, Description: "takes its time",
		Match: func(*cleaner.Page, *html.Node) bool { time.Sleep(20 * time.Millisecond); return false }}
	cl, err := cleaner.New(cleaner.WithRule(slow, cleaner.First()))
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, cl, 1<<20, 100*time.Millisecond)
	resp, m := call(t, "POST", srv.URL, "text/html", strings.NewReader(page))
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status %s: %v", resp.Status, m)
	}
}
