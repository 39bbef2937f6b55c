package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const page = `<html><head><title>Night trains are back</title></head><body>
<article><h1>Night trains are back</h1>
<p>The night train between the two capitals runs again from Sunday, eleven years after the last sleeper car was retired from the line.</p>
<p>Sponsored: book your cabin with our travel partner today.</p>
<div id="promo">Half price for members this week only</div>
<p>The operator says the carriages were rebuilt with wider beds and a dining car that serves breakfast before arrival.</p>
</article></body></html>`

func TestRulesExample(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, page) }))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out strings.Builder
	if err := run([]string{"-", "https://www.example.com/trains"}, resp.Body, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	trace, text, _ := strings.Cut(got, "---")
	for _, want := range []string{"sponsor-notes", "host-remove"} {
		if !strings.Contains(trace, want) {
			t.Errorf("trace lacks %q:\n%s", want, trace)
		}
	}
	if strings.Contains(text, "Sponsored:") || strings.Contains(text, "Half price") {
		t.Errorf("text keeps removed parts:\n%s", text)
	}
	if !strings.Contains(text, "night train between the two capitals") {
		t.Errorf("text lost the article:\n%s", text)
	}
}
