package lang

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sharedDir() string {
	if d := os.Getenv("CLEANER_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

// base returns the language part of a BCP 47 tag, lower case.
func base(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// TestReadabilityCorpus runs Detect alone on the article text of
// Readability's test pages (the articleBody of the ground truth) and
// compares it with the language the pages declare. The corpus lives outside
// the repository (CLEANER_SHARED overrides its parent directory); the test
// is skipped when it is absent. Set CLEANER_LANG_VERBOSE=1 to list every
// page.
func TestReadabilityCorpus(t *testing.T) {
	dir := filepath.Join(sharedDir(), "eval", "readability")
	data, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Skipf("readability corpus not available (%v)", err)
	}
	var truth map[string]struct {
		ArticleBody string  `json:"articleBody"`
		Lang        *string `json:"lang"`
	}
	require.NoError(t, json.Unmarshal(data, &truth))
	names := make([]string, 0, len(truth))
	for k := range truth {
		names = append(names, k)
	}
	sort.Strings(names)
	verbose := os.Getenv("CLEANER_LANG_VERBOSE") != ""
	var total, same, unsure, wrong int
	counts := map[string]int{}
	for _, name := range names {
		gt := truth[name]
		got := Detect(gt.ArticleBody)
		counts[got]++
		if gt.Lang == nil || base(*gt.Lang) == "" {
			if verbose {
				t.Logf("%-40s no lang   got %q", name, got)
			}
			continue
		}
		total++
		want := base(*gt.Lang)
		switch got {
		case want:
			same++
		case "":
			unsure++
			t.Logf("%-40s want %-5s got \"\"", name, want)
		default:
			wrong++
			t.Logf("%-40s want %-5s got %q", name, want, got)
		}
	}
	pct := 100 * float64(same) / float64(total)
	t.Logf("readability corpus: %d pages, %d with a lang: Detect gives the same base language for %d (%.1f%%), \"\" for %d, another for %d; all pages: %v",
		len(names), total, same, pct, unsure, wrong, counts)
	assert.GreaterOrEqual(t, pct, 95.0)
	assert.LessOrEqual(t, wrong, 1)
}
