package cleaner

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Golden cases live in testdata/<case>/: input.html (an HTML page) or
// input.txt (text scraped from a page, cleaned with CleanText), an optional
// url.txt with the page's address, an optional disable.txt with IDs of
// rules to turn off for the case, an optional options.txt with output
// options ("images" for WithImages(true), "nolinks" for WithLinks(false)),
// and the expected results: expected.txt (Article.Text) and expected.json
// (the metadata, as goldenMeta), and for HTML inputs expected.md
// (Article.Markdown) and expected.html (Article.HTML).

// goldenMeta is the metadata part of an Article, with a stable key order.
type goldenMeta struct {
	Title       string   `json:"title"`
	Subtitle    string   `json:"subtitle"`
	Authors     []string `json:"authors"`
	Published   string   `json:"published"`
	Modified    string   `json:"modified"`
	SiteName    string   `json:"sitename"`
	Description string   `json:"description"`
	Language    string   `json:"language"`
	URL         string   `json:"url"`
	Image       string   `json:"image"`
	Tags        []string `json:"tags"`
	// Comments only when the page has some: the other cases' files stay
	// as they were.
	Comments []CommentJSON `json:"comments,omitempty"`
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func metaOf(a *Article) goldenMeta {
	return goldenMeta{
		Title:       a.Title,
		Subtitle:    a.Subtitle,
		Authors:     nonNil(a.Authors),
		Published:   formatTime(a.Published),
		Modified:    formatTime(a.Modified),
		SiteName:    a.SiteName,
		Description: a.Description,
		Language:    a.Language,
		URL:         a.URL,
		Image:       a.Image,
		Tags:        nonNil(a.Tags),
		Comments:    NewArticleJSON(a).Comments,
	}
}

func marshalMeta(m goldenMeta) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

type goldenCase struct {
	name    string
	dir     string
	input   []byte
	isText  bool
	url     string
	disable []string // rule IDs from disable.txt, one a line
	options []string // output options from options.txt: images, nolinks, notables, nocomments
}

// cleaner returns the Cleaner for the case: the default one, or one with
// the case's rules disabled and options set.
func (gc goldenCase) cleaner(t testing.TB, def *Cleaner) *Cleaner {
	t.Helper()
	if len(gc.disable) == 0 && len(gc.options) == 0 {
		return def
	}
	opts := []Option{WithoutRules(gc.disable...)}
	for _, o := range gc.options {
		switch o {
		case "images":
			opts = append(opts, WithImages(true))
		case "nolinks":
			opts = append(opts, WithLinks(false))
		case "notables":
			opts = append(opts, WithTables(false))
		case "nocomments":
			opts = append(opts, WithComments(false))
		default:
			t.Fatalf("%s/options.txt: unknown option %q", gc.dir, o)
		}
	}
	c, err := New(opts...)
	require.NoError(t, err)
	return c
}

func (gc goldenCase) clean(c *Cleaner) (*Article, error) {
	if gc.isText {
		return c.CleanText(context.Background(), string(gc.input))
	}
	return c.Clean(context.Background(), bytes.NewReader(gc.input), gc.url)
}

// loadGoldenCases reads testdata/*/ in sorted order; testdata/fuzz holds
// the fuzz targets' corpora.
func loadGoldenCases(t testing.TB) []goldenCase {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	require.NoError(t, err)
	var out []goldenCase
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "fuzz" {
			continue
		}
		gc := goldenCase{name: e.Name(), dir: filepath.Join("testdata", e.Name())}
		if b, err := os.ReadFile(filepath.Join(gc.dir, "input.html")); err == nil {
			gc.input = b
		} else if b, err := os.ReadFile(filepath.Join(gc.dir, "input.txt")); err == nil {
			gc.input, gc.isText = b, true
		} else {
			t.Fatalf("%s: no input.html or input.txt", gc.dir)
		}
		if b, err := os.ReadFile(filepath.Join(gc.dir, "url.txt")); err == nil {
			gc.url = strings.TrimSpace(string(b))
		}
		if b, err := os.ReadFile(filepath.Join(gc.dir, "disable.txt")); err == nil {
			gc.disable = strings.Fields(string(b))
		}
		if b, err := os.ReadFile(filepath.Join(gc.dir, "options.txt")); err == nil {
			gc.options = strings.Fields(string(b))
		}
		out = append(out, gc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func TestGolden(t *testing.T) {
	t.Parallel()
	cases := loadGoldenCases(t)
	require.GreaterOrEqual(t, len(cases), 12)
	c, err := New()
	require.NoError(t, err)
	for _, gc := range cases {
		t.Run(gc.name, func(t *testing.T) {
			t.Parallel()
			c := gc.cleaner(t, c)
			a, err := gc.clean(c)
			require.NoError(t, err)
			gotText := a.Text + "\n"
			gotMeta := marshalMeta(metaOf(a))
			textPath := filepath.Join(gc.dir, "expected.txt")
			metaPath := filepath.Join(gc.dir, "expected.json")
			// The renderers' outputs, for pages.
			renders := map[string]string{}
			if !gc.isText {
				renders["expected.md"] = a.Markdown()
				renders["expected.html"] = a.HTML()
			}
			if *update {
				require.NoError(t, os.WriteFile(textPath, []byte(gotText), 0o644))
				require.NoError(t, os.WriteFile(metaPath, gotMeta, 0o644))
				for name, got := range renders {
					require.NoError(t, os.WriteFile(filepath.Join(gc.dir, name), []byte(got), 0o644))
				}
				return
			}
			for name, got := range renders {
				want, err := os.ReadFile(filepath.Join(gc.dir, name))
				require.NoError(t, err, "run go test -run Golden -update . to create it")
				assert.Equal(t, string(want), got, "%s of %s", name, gc.name)
			}
			wantText, err := os.ReadFile(textPath)
			require.NoError(t, err, "run go test -run Golden -update . to create it")
			wantMeta, err := os.ReadFile(metaPath)
			require.NoError(t, err, "run go test -run Golden -update . to create it")
			assert.Equal(t, string(wantText), gotText, "Text of %s", gc.name)
			assert.Equal(t, string(wantMeta), string(gotMeta), "metadata of %s", gc.name)
		})
	}
}

// TestGoldenFiles checks the expected files themselves: valid JSON with
// every key, text without trailing spaces or runs of blank lines.
func TestGoldenFiles(t *testing.T) {
	t.Parallel()
	if *update {
		t.Skip("updating")
	}
	for _, gc := range loadGoldenCases(t) {
		t.Run(gc.name, func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(filepath.Join(gc.dir, "expected.json"))
			require.NoError(t, err)
			var m map[string]any
			require.NoError(t, json.Unmarshal(b, &m))
			for _, k := range []string{"title", "subtitle", "authors", "published", "modified", "sitename", "description", "language", "url", "image", "tags"} {
				assert.Contains(t, m, k)
			}
			for _, k := range []string{"published", "modified"} {
				if s, _ := m[k].(string); s != "" {
					_, err := time.Parse(time.RFC3339, s)
					assert.NoError(t, err, k)
				}
			}
			txt, err := os.ReadFile(filepath.Join(gc.dir, "expected.txt"))
			require.NoError(t, err)
			s := string(txt)
			assert.NotContains(t, s, "\n\n\n")
			assert.NotContains(t, s, " \n")
			assert.NotContains(t, s, "\uFFFD", "replacement character: a decoding problem")
		})
	}
}

// TestSeed checks the project's origin page: text scraped from a news page
// with its widgets, share buttons, duplicated captions and footer.
func TestSeed(t *testing.T) {
	t.Parallel()
	in, err := os.ReadFile(filepath.Join("testdata", "seed", "input.txt"))
	require.NoError(t, err)
	c, err := New(WithTrace(true))
	require.NoError(t, err)
	a, err := c.CleanText(context.Background(), string(in))
	require.NoError(t, err)

	assert.Equal(t, "'Don't die for Putin': Rights groups to send message to NK soldiers", a.Title)
	assert.Equal(t, []string{"Jung Min-ho"}, a.Authors)
	assert.Equal(t, "Connected to outside world for 1st time, many could be affected: activist", a.Subtitle)

	assert.True(t, strings.HasPrefix(a.Text, "This image from a video posted"), "Text starts with %q", a.Text[:min(80, len(a.Text))])
	first := "Human rights groups in South Korea will issue a joint open letter urging North Korean troops deployed in Russia not to sacrifice their lives for Moscow's war efforts against Ukraine, said an activist familiar with the matter."
	last := "If too many troops are killed on the battlefield or if a significant number escape to other countries, North Korea could be forced to disclose the situation to the public."
	i, j := strings.Index(a.Text, first), strings.Index(a.Text, last)
	require.GreaterOrEqual(t, i, 0, "first paragraph missing")
	require.Greater(t, j, i, "last paragraph missing or before the first")
	assert.True(t, strings.HasSuffix(a.Text, "disclose the situation to the public."), "Text ends with %q", a.Text[max(0, len(a.Text)-80):])
	// Every paragraph of the body between them is kept, in order.
	body := string(in)
	body = body[strings.Index(body, first) : strings.Index(body, last)+len(last)]
	var paras []string
	for _, p := range strings.Split(body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	dedup := paras[:0]
	for k, p := range paras {
		if k > 0 && p == paras[k-1] {
			continue // the second caption
		}
		dedup = append(dedup, p)
	}
	assert.Equal(t, strings.Join(dedup, "\n\n"), a.Text[i:j+len(last)])

	for _, bad := range []string{"Settings", "font-size", "ⓕ", "-2", "+2", "share button", "X\n", "\nX", "CLOSE", "Top 10 Stories", "go top", "LETTER",
		"EXCLUSIVE", "By Jung Min-ho", "mj6c2@koreatimes.co.kr", "Connected to outside world"} {
		assert.NotContains(t, a.Text, bad)
	}
	for _, caption := range []string{
		"This image from a video posted Oct. 18 on X by Ukraine's Center for Strategic Communication and Information Security shows what the center claims are North Korean soldiers deployed to Russia. Human rights groups in South Korea are set to issue a joint open letter urging North Korean troops deployed in Russia not to sacrifice their lives for Moscow's war efforts against Ukraine, according to an activist familiar with the matter. Yonhap",
		"The Russian army's Solntsepyok multiple rocket launcher fires at Ukrainian positions in the border region of Kursk, Russia, in this photo captured from a video released by Russian Defense Ministry press service, Wednesday. AP-Yonhap",
	} {
		assert.Equal(t, 1, strings.Count(a.Text, caption), "caption %.40q", caption)
	}

	// The trace says which rule removed what.
	for rule, text := range map[string]string{
		"edge-labels":          "Settings",
		"widget-lines":         "ⓕ font-size",
		"share-lines":          "Facebook share button",
		"duplicate-paragraphs": "The Russian army's Solntsepyok",
		"byline-lines":         "By Jung Min-ho",
	} {
		assert.True(t, traceHas(a, rule, text), "%s did not remove %q; trace:\n%s", rule, text, traceDump(a))
	}
}
