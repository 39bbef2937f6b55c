package cleaner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// matchClass returns a node-rule Match that removes elements with class c.
func matchClass(c string) func(*Page, *html.Node) bool {
	return func(_ *Page, n *html.Node) bool {
		for _, w := range strings.Fields(attr(n, "class")) {
			if w == c {
				return true
			}
		}
		return false
	}
}

func dropNothing(*Page, []Block) []int { return nil }

func TestNewInvalidOptions(t *testing.T) {
	t.Parallel()
	good := Rule{ID: "my-rule", Phase: PhasePrune, Description: "test", Match: matchClass("x")}
	cases := []struct {
		name string
		opts []Option
	}{
		{"unknown rule in WithoutRules", []Option{WithoutRules("no-such-rule")}},
		{"one unknown among known rules", []Option{WithoutRules("ads", "addz")}},
		{"bad selector in WithRemove", []Option{WithRemove("div[")}},
		{"bad selector in WithKeep", []Option{WithKeep("p:nth-child(")}},
		{"bad Content selector in WithHost", []Option{WithHost("example.com", Host{Content: "##"})}},
		{"bad Remove selector in WithHost", []Option{WithHost("example.com", Host{Remove: []string{".ok", "a[href"}})}},
		{"bad Keep selector in WithHost", []Option{WithHost("example.com", Host{Keep: []string{">>"}})}},
		{"unknown rule in Host.Disable", []Option{WithHost("example.com", Host{Disable: []string{"no-such-rule"}})}},
		{"bad host name", []Option{WithHost("https://example.com/", Host{})}},
		{"empty host name", []Option{WithHost("", Host{})}},
		{"WithRule duplicates a default rule", []Option{WithRule(Rule{ID: "ads", Phase: PhasePrune, Description: "x", Match: matchClass("x")}, Last())}},
		{"WithRule twice with one ID", []Option{WithRule(good, Last()), WithRule(good, First())}},
		{"WithRule takes a reserved ID", []Option{WithRemove(".x"), WithRule(Rule{ID: "remove-selectors", Phase: PhasePrune, Match: matchClass("x")}, Last())}},
		{"anchor not found", []Option{WithRule(good, Before("no-such-rule"))}},
		{"anchor of another phase", []Option{WithRule(good, After("bylines"))}},
		{"anchor disabled", []Option{WithoutRules("ads"), WithRule(good, After("ads"))}},
		{"prune rule without Match", []Option{WithRule(Rule{ID: "r", Phase: PhasePrune, Filter: dropNothing}, Last())}},
		{"refine rule with Filter too", []Option{WithRule(Rule{ID: "r", Phase: PhaseRefine, Match: matchClass("x"), Filter: dropNothing}, Last())}},
		{"text rule without Filter", []Option{WithRule(Rule{ID: "r", Phase: PhaseText, Match: matchClass("x")}, Last())}},
		{"rule of unknown phase", []Option{WithRule(Rule{ID: "r", Phase: Phase(7), Match: matchClass("x")}, Last())}},
		{"empty rule ID", []Option{WithRule(Rule{Phase: PhasePrune, Match: matchClass("x")}, Last())}},
		{"rule ID not kebab-case", []Option{WithRule(Rule{ID: "My_Rule", Phase: PhasePrune, Match: matchClass("x")}, Last())}},
		{"rule ID with a space", []Option{WithRule(Rule{ID: "my rule", Phase: PhasePrune, Match: matchClass("x")}, Last())}},
		{"rule ID with a double dash", []Option{WithRule(Rule{ID: "my--rule", Phase: PhasePrune, Match: matchClass("x")}, Last())}},
		{"host rule invalid", []Option{WithHost("example.com", Host{Rules: []Rule{{ID: "Bad", Phase: PhasePrune, Match: matchClass("x")}}})}},
		{"WithMaxBytes zero", []Option{WithMaxBytes(0)}},
		{"WithMaxNodes negative", []Option{WithMaxNodes(-1)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := New(tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.True(t, errors.Is(err, ErrInvalidOption), "error %v does not wrap ErrInvalidOption", err)
		})
	}
}

func TestSelectorRuleInvalid(t *testing.T) {
	t.Parallel()
	_, err := SelectorRule("bad", PhasePrune, "div[")
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInvalidOption)
}

func TestNewValidOptions(t *testing.T) {
	t.Parallel()
	c, err := New(nil, WithTrace(false), WithMaxBytes(1<<20), WithMaxNodes(1000), WithoutRules(),
		WithRemove(), WithKeep(), WithHost("www.Example.com", Host{}))
	require.NoError(t, err)
	require.NotNil(t, c)
}

func ruleIDs(rs []Rule) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func indexOf(ids []string, id string) int {
	for i, s := range ids {
		if s == id {
			return i
		}
	}
	return -1
}

func TestWithRulePositions(t *testing.T) {
	t.Parallel()
	defaults := ruleIDs(DefaultRules())
	firstOf := func(ph Phase) int {
		for i, r := range DefaultRules() {
			if r.Phase == ph {
				return i
			}
		}
		return -1
	}
	lastOf := func(ph Phase) int {
		j := -1
		for i, r := range DefaultRules() {
			if r.Phase == ph {
				j = i
			}
		}
		return j
	}
	prune := func(id string) Rule { return Rule{ID: id, Phase: PhasePrune, Description: id, Match: matchClass(id)} }
	refine := func(id string) Rule { return Rule{ID: id, Phase: PhaseRefine, Description: id, Match: matchClass(id)} }
	text := func(id string) Rule { return Rule{ID: id, Phase: PhaseText, Description: id, Filter: dropNothing} }

	cases := []struct {
		name string
		rule Rule
		at   Position
		want int // index in Rules() when it is the only extra rule
	}{
		{"prune first", prune("x-first"), First(), 0},
		{"prune last", prune("x-last"), Last(), lastOf(PhasePrune) + 1},
		{"prune before ads", prune("x-before"), Before("ads"), indexOf(defaults, "ads")},
		{"prune after ads", prune("x-after"), After("ads"), indexOf(defaults, "ads") + 1},
		{"prune after non-content", prune("x-after-nc"), After("non-content"), 1},
		{"refine first", refine("y-first"), First(), firstOf(PhaseRefine)},
		{"refine last", refine("y-last"), Last(), lastOf(PhaseRefine) + 1},
		{"refine before datelines", refine("y-before"), Before("datelines"), indexOf(defaults, "datelines")},
		{"refine after title-heading", refine("y-after"), After("title-heading"), indexOf(defaults, "title-heading") + 1},
		{"text first", text("z-first"), First(), firstOf(PhaseText)},
		{"text last", text("z-last"), Last(), len(defaults)},
		{"text before edge-labels", text("z-before"), Before("edge-labels"), indexOf(defaults, "edge-labels")},
		{"text after duplicate-paragraphs", text("z-after"), After("duplicate-paragraphs"), indexOf(defaults, "duplicate-paragraphs") + 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := New(WithRule(tc.rule, tc.at))
			require.NoError(t, err)
			ids := ruleIDs(c.Rules())
			require.Len(t, ids, len(defaults)+1)
			assert.Equal(t, tc.want, indexOf(ids, tc.rule.ID), "%v", ids)
			// The other rules keep their order.
			rest := append(append([]string(nil), ids[:tc.want]...), ids[tc.want+1:]...)
			assert.Equal(t, defaults, rest)
		})
	}

	t.Run("several in a row", func(t *testing.T) {
		t.Parallel()
		c, err := New(
			WithRule(prune("a1"), First()),
			WithRule(prune("a2"), First()),
			WithRule(prune("b1"), After("ads")),
			WithRule(prune("b2"), After("b1")),
			WithRule(prune("c1"), Before("ads")),
			WithRule(prune("z1"), Last()),
		)
		require.NoError(t, err)
		ids := ruleIDs(c.Rules())
		assert.Equal(t, []string{"a2", "a1"}, ids[:2])
		i := indexOf(ids, "ads")
		assert.Equal(t, []string{"c1", "ads", "b1", "b2"}, ids[i-1:i+3])
		assert.Equal(t, "z1", ids[indexOf(ids, "bylines")-1])
	})

	t.Run("WithRemove runs first", func(t *testing.T) {
		t.Parallel()
		c, err := New(WithRemove(".promo-box"), WithRule(prune("mine"), First()))
		require.NoError(t, err)
		ids := ruleIDs(c.Rules())
		assert.Equal(t, []string{"mine", "remove-selectors", "non-content"}, ids[:3])
	})

	t.Run("WithoutRules removes from Rules", func(t *testing.T) {
		t.Parallel()
		c, err := New(WithoutRules("ads", "edge-labels"))
		require.NoError(t, err)
		ids := ruleIDs(c.Rules())
		assert.Len(t, ids, len(defaults)-2)
		assert.NotContains(t, ids, "ads")
		assert.NotContains(t, ids, "edge-labels")
	})
}

// promoPage is the story with a promo box (that newsletter-prompts removes
// anyway) and a tickets box that no default rule removes.
func promoPage() string {
	return storyPage{
		Top:    `<div class="promo-box"><p>Members save 20% at the museum shop this weekend.</p></div>`,
		Middle: `<div class="tickets-box"><p>Win two tickets to the summer concert series at the park.</p></div>`,
		Bottom: `<div class="story-extra"><p>Correction appended on Monday: an earlier version misstated the cost of the roof.</p></div>`,
	}.String()
}

const promoText = "Win two tickets to the summer concert series at the park."

func cleanURL(t *testing.T, c *Cleaner, page, url string) *Article {
	t.Helper()
	a, err := c.Clean(context.Background(), strings.NewReader(page), url)
	require.NoError(t, err)
	return a
}

func TestWithHost(t *testing.T) {
	t.Parallel()
	page := promoPage()
	// No default rule removes the box.
	plain, err := New()
	require.NoError(t, err)
	require.Contains(t, cleanURL(t, plain, page, "https://www.example.com/a").Text, promoText)

	c, err := New(WithTrace(true), WithHost("example.com", Host{Remove: []string{".promo-box", ".tickets-box"}}))
	require.NoError(t, err)
	for _, u := range []string{"https://www.example.com/a", "https://example.com/a", "https://news.example.com/b", "http://EXAMPLE.com:8080/c", "https://a.b.example.com/"} {
		a := cleanURL(t, c, page, u)
		assert.NotContains(t, a.Text, promoText, u)
		assert.True(t, traceHas(a, "host-remove", "Win two tickets"), "%s: trace:\n%s", u, traceDump(a))
		// The host's selectors run before the default rules.
		assert.True(t, traceHas(a, "host-remove", "Members save 20%"), "%s: trace:\n%s", u, traceDump(a))
		assertStory(t, a)
	}
	for _, u := range []string{"https://example.org/", "https://notexample.com/a", "https://example.com.evil.net/", "", "not a url"} {
		a := cleanURL(t, c, page, u)
		assert.Contains(t, a.Text, promoText, u)
		assert.False(t, traceHas(a, "host-remove", ""), "%s: trace:\n%s", u, traceDump(a))
		assert.True(t, traceHas(a, "newsletter-prompts", "Members save 20%"), "%s: trace:\n%s", u, traceDump(a))
	}

	t.Run("www in the host name", func(t *testing.T) {
		t.Parallel()
		c, err := New(WithHost("www.example.com", Host{Remove: []string{".tickets-box"}}))
		require.NoError(t, err)
		assert.NotContains(t, cleanURL(t, c, page, "https://example.com/a").Text, promoText)
		assert.NotContains(t, cleanURL(t, c, page, "https://www.example.com/a").Text, promoText)
	})

	t.Run("most specific host wins", func(t *testing.T) {
		t.Parallel()
		c, err := New(
			WithHost("example.com", Host{Remove: []string{".tickets-box"}}),
			WithHost("blog.example.com", Host{Remove: []string{".story-extra"}}),
		)
		require.NoError(t, err)
		a := cleanURL(t, c, page, "https://blog.example.com/x")
		assert.Contains(t, a.Text, promoText)
		assert.NotContains(t, a.Text, "Correction appended")
		a = cleanURL(t, c, page, "https://news.example.com/x")
		assert.NotContains(t, a.Text, promoText)
		assert.Contains(t, a.Text, "Correction appended")
	})
}

func TestHostContent(t *testing.T) {
	t.Parallel()
	// The page has two candidate texts; the scoring picks the longer one,
	// the host's Content selector picks the other.
	long := storyPage{
		After: `<div class="pick-me"><p>This short note is the part the site owner wants, and it is written as two sentences. It mentions the reading room once.</p></div>`,
	}.String()
	plain, err := New()
	require.NoError(t, err)
	a := cleanURL(t, plain, long, "https://ledger.example.net/x")
	assertStory(t, a)
	assert.NotContains(t, a.Text, "This short note")

	c, err := New(WithHost("ledger.example.net", Host{Content: ".pick-me"}))
	require.NoError(t, err)
	a = cleanURL(t, c, long, "https://ledger.example.net/x")
	assert.Equal(t, "This short note is the part the site owner wants, and it is written as two sentences. It mentions the reading room once.", a.Text)
	// Another host: scoring as usual.
	a = cleanURL(t, c, long, "https://other.example.net/x")
	assertStory(t, a)

	// A Content selector that matches nothing falls back to scoring.
	c, err = New(WithHost("ledger.example.net", Host{Content: ".no-such-class"}))
	require.NoError(t, err)
	assertStory(t, cleanURL(t, c, long, "https://ledger.example.net/x"))
}

func TestHostDisable(t *testing.T) {
	t.Parallel()
	page := storyPage{Bottom: `<div class="ad-slot"><p>Local dealer spring sale, zero percent financing</p></div>`}.String()
	c, err := New(WithHost("dealers.example.com", Host{Disable: []string{"ads"}}))
	require.NoError(t, err)
	assert.Contains(t, cleanURL(t, c, page, "https://dealers.example.com/sale").Text, "Local dealer spring sale")
	assert.NotContains(t, cleanURL(t, c, page, "https://news.example.com/sale").Text, "Local dealer spring sale")
	// Rules() is the rule list of pages without host configuration.
	assert.Contains(t, ruleIDs(c.Rules()), "ads")
}

func TestHostKeepAndRules(t *testing.T) {
	t.Parallel()
	page := storyPage{
		Top:    `<div class="share-tools keep-me"><span>Send this story to someone you know</span></div>`,
		Middle: `<p class="house-note">From the editor: this story is part of our series on public buildings.</p>`,
	}.String()
	extra, err := SelectorRule("house-notes", PhaseRefine, ".house-note")
	require.NoError(t, err)
	c, err := New(WithTrace(true), WithHost("example.com", Host{Keep: []string{".keep-me"}, Rules: []Rule{extra}}))
	require.NoError(t, err)
	a := cleanURL(t, c, page, "https://example.com/x")
	assert.Contains(t, a.Text, "Send this story to someone you know")
	assert.NotContains(t, a.Text, "From the editor")
	assert.True(t, traceHas(a, "house-notes", "From the editor"), "trace:\n%s", traceDump(a))

	a = cleanURL(t, c, page, "https://example.org/x")
	assert.NotContains(t, a.Text, "Send this story")
	assert.Contains(t, a.Text, "From the editor")
}

func TestWithKeep(t *testing.T) {
	t.Parallel()
	page := storyPage{
		Bottom: `<div class="newsletter-signup" id="keep-box"><p>Sign up for the weekly library events newsletter and never miss a reading.</p></div>` +
			`<aside class="factbox"><p>Seats in the new reading room: one hundred and twenty, up from eighty before.</p></aside>`,
	}.String()
	a := cleanPage(t, page)
	assert.NotContains(t, a.Text, "library events newsletter")
	assert.NotContains(t, a.Text, "Seats in the new reading room")

	b := cleanPage(t, page, WithKeep("#keep-box", "aside.factbox"))
	assert.Contains(t, b.Text, "Sign up for the weekly library events newsletter and never miss a reading.")
	assert.Contains(t, b.Text, "Seats in the new reading room: one hundred and twenty, up from eighty before.")
	assertStory(t, b)
	for _, r := range b.Removed {
		assert.NotContains(t, r.Text, "library events newsletter")
		assert.NotContains(t, r.Text, "Seats in the new reading room")
	}
}

func TestWithRemove(t *testing.T) {
	t.Parallel()
	page := promoPage()
	c, err := New(WithTrace(true), WithRemove(".tickets-box", "div.story-extra", ".promo-box"))
	require.NoError(t, err)
	for _, u := range []string{"https://example.com/a", "https://example.org/b", ""} {
		a := cleanURL(t, c, page, u)
		assert.NotContains(t, a.Text, promoText)
		assert.NotContains(t, a.Text, "Correction appended")
		assert.True(t, traceHas(a, "remove-selectors", "Win two tickets"), "trace:\n%s", traceDump(a))
		assert.True(t, traceHas(a, "remove-selectors", "Members save 20%"), "WithRemove runs before the default rules; trace:\n%s", traceDump(a))
		assertStory(t, a)
	}
}

func TestCustomRules(t *testing.T) {
	t.Parallel()
	page := promoPage()

	t.Run("prune rule", func(t *testing.T) {
		t.Parallel()
		r := Rule{ID: "promo-boxes", Phase: PhasePrune, Description: "house promotion", Match: matchClass("tickets-box")}
		a := cleanPage(t, page, WithRule(r, Before("ads")))
		assert.NotContains(t, a.Text, promoText)
		require.True(t, traceHas(a, "promo-boxes", "Win two tickets"), "trace:\n%s", traceDump(a))
		for _, e := range a.Removed {
			if e.Rule == "promo-boxes" {
				assert.Equal(t, PhasePrune, e.Phase)
				assert.Equal(t, "house promotion", e.Reason)
			}
		}
	})

	t.Run("text rule", func(t *testing.T) {
		t.Parallel()
		r := Rule{
			ID: "corrections", Phase: PhaseText, Description: "correction notes",
			Filter: func(_ *Page, blocks []Block) []int {
				var drop []int
				for i, b := range blocks {
					if strings.HasPrefix(b.Text, "Correction appended") {
						drop = append(drop, i)
					}
				}
				return drop
			},
		}
		a := cleanPage(t, page, WithRule(r, After("share-lines")))
		assert.NotContains(t, a.Text, "Correction appended")
		assert.Contains(t, a.Text, promoText)
		require.True(t, traceHas(a, "corrections", "Correction appended on Monday"), "trace:\n%s", traceDump(a))
		for _, e := range a.Removed {
			if e.Rule == "corrections" {
				assert.Equal(t, PhaseText, e.Phase)
				assert.Equal(t, "correction notes", e.Reason)
			}
		}

		// Text rules run on CleanText too.
		c, err := New(WithTrace(true), WithRule(r, First()))
		require.NoError(t, err)
		ta, err := c.CleanText(context.Background(), storyTitle+"\n\n"+textBody+"\n\nCorrection appended on Monday: the roof cost less.\n\nThe end of the story is here.")
		require.NoError(t, err)
		assert.NotContains(t, ta.Text, "Correction appended")
		assert.True(t, traceHas(ta, "corrections", "Correction appended"))
	})

	t.Run("SelectorRule", func(t *testing.T) {
		t.Parallel()
		r, err := SelectorRule("promo-selector", PhaseRefine, "div.tickets-box, .story-extra > p")
		require.NoError(t, err)
		assert.Equal(t, "promo-selector", r.ID)
		assert.Equal(t, PhaseRefine, r.Phase)
		assert.Contains(t, r.Description, "div.tickets-box")
		assert.NotNil(t, r.Match)
		assert.Nil(t, r.Filter)
		a := cleanPage(t, page, WithRule(r, Last()))
		assert.NotContains(t, a.Text, promoText)
		assert.NotContains(t, a.Text, "Correction appended")
		assert.True(t, traceHas(a, "promo-selector", "Win two tickets"), "trace:\n%s", traceDump(a))
		assertStory(t, a)
	})

	t.Run("SelectorRule in the text phase is refused", func(t *testing.T) {
		t.Parallel()
		r, err := SelectorRule("text-selector", PhaseText, "p")
		if err != nil {
			assert.ErrorIs(t, err, ErrInvalidOption)
			return
		}
		_, err = New(WithRule(r, Last()))
		assert.ErrorIs(t, err, ErrInvalidOption)
	})

	t.Run("rule panics", func(t *testing.T) {
		t.Parallel()
		r := Rule{ID: "boom", Phase: PhaseRefine, Description: "panics", Match: func(*Page, *html.Node) bool { panic("boom") }}
		c, err := New(WithRule(r, First()))
		require.NoError(t, err)
		_, err = c.Clean(context.Background(), strings.NewReader(page), "")
		var re *RuleError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, "boom", re.Rule)
		// The Cleaner still works for other calls.
		c2, err := New()
		require.NoError(t, err)
		_, err = c2.Clean(context.Background(), strings.NewReader(page), "")
		require.NoError(t, err)
	})
}
