package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const page = `<html><head><title>Harbour lights | Coast News</title><meta name="author" content="Ida Berg"></head>
<body><nav><a href="/">Home</a> <a href="/b">Boats</a></nav><article><h1>Harbour lights</h1>
<p>The harbour lights were switched back on last night after a month of repairs, and the fishing boats came home in the dark for the first time since October.</p>
<p>Crews said the new lamps can be seen from twice as far out at sea, which matters most in the winter fog.</p></article></body></html>`

func TestBasicFromServedPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/harbour")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out strings.Builder
	if err := run([]string{"-", srv.URL + "/harbour"}, resp.Body, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{"Title:   Harbour lights", "[Ida Berg]", "The harbour lights were switched back on", "winter fog"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Boats") {
		t.Errorf("navigation left in:\n%s", got)
	}
}
