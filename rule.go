package cleaner

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// Phase says where in the pipeline a rule runs.
//
// The pipeline is: decode → parse → metadata → PhasePrune (whole document)
// → locate the main content → PhaseRefine (inside the content) → blocks →
// PhaseText (on blocks) → Article. CleanText runs PhaseText alone.
type Phase uint8

const (
	// PhasePrune rules see every element of the page's body, before the main
	// content is located. They drop boilerplate that would mislead the
	// content scoring: navigation, widgets, related lists, prompts, ads.
	PhasePrune Phase = iota
	// PhaseRefine rules see the elements inside the located content root.
	// They drop what survived inside the article: bylines (moved to
	// metadata), datelines, link lists, leftover controls.
	PhaseRefine
	// PhaseText rules see the article as blocks of text. They are the only
	// rules that run on plain-text input (CleanText).
	PhaseText
)

// String returns the phase's name: "prune", "refine" or "text".
func (p Phase) String() string {
	switch p {
	case PhasePrune:
		return "prune"
	case PhaseRefine:
		return "refine"
	case PhaseText:
		return "text"
	}
	return fmt.Sprintf("Phase(%d)", uint8(p))
}

// Rule is one named heuristic of the pipeline.
//
// A rule of PhasePrune or PhaseRefine sets Match: it is called for each
// element (in document order, never for an element inside one already
// removed) and returns true to remove the element with its contents. A rule
// of PhaseText sets Filter: it gets the blocks that are still in the article
// and returns the indexes of the blocks to drop.
//
// Rules must be safe for concurrent use: they are shared by every call of a
// Cleaner. Per-page state belongs in the Page they are given.
type Rule struct {
	// ID is the rule's stable name, kebab-case ("share-buttons"). It appears
	// in traces and is what WithoutRules takes.
	ID string
	// Phase is where the rule runs.
	Phase Phase
	// Description says what the rule drops and why; it is the Reason of the
	// rule's trace entries.
	Description string
	// Match decides, for PhasePrune and PhaseRefine, whether an element goes.
	Match func(p *Page, n *html.Node) bool
	// Filter returns, for PhaseText, the indexes of blocks to drop.
	Filter func(p *Page, blocks []Block) []int
}

var ruleIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (r Rule) validate() error {
	if !ruleIDPattern.MatchString(r.ID) {
		return optErr("rule ID %q: want kebab-case letters and digits", r.ID)
	}
	switch r.Phase {
	case PhasePrune, PhaseRefine:
		if r.Match == nil || r.Filter != nil {
			return optErr("rule %q: phase %v needs Match and no Filter", r.ID, r.Phase)
		}
	case PhaseText:
		if r.Filter == nil || r.Match != nil {
			return optErr("rule %q: phase text needs Filter and no Match", r.ID)
		}
	default:
		return optErr("rule %q: unknown phase %d", r.ID, r.Phase)
	}
	return nil
}

// SelectorRule returns a rule that removes the elements matching a CSS
// selector. The selector is compiled here; an invalid one is an error.
func SelectorRule(id string, phase Phase, selector string) (Rule, error) {
	sel, err := cascadia.ParseGroup(selector)
	if err != nil {
		return Rule{}, optErr("SelectorRule(%q, %q): %v", id, selector, err)
	}
	return Rule{
		ID:          id,
		Phase:       phase,
		Description: "matches CSS selector " + selector,
		Match:       func(_ *Page, n *html.Node) bool { return sel.Match(n) },
	}, nil
}

// ruleSet is the validated, ordered rules of each phase.
type ruleSet [3][]Rule

type hostRules struct {
	host    string
	content cascadia.Matcher
	rules   ruleSet
	keep    []cascadia.Matcher
}

func compileAll(sels []string) ([]cascadia.Matcher, error) {
	out := make([]cascadia.Matcher, 0, len(sels))
	for _, s := range sels {
		m, err := cascadia.ParseGroup(s)
		if err != nil {
			return nil, optErr("selector %q: %v", s, err)
		}
		out = append(out, m)
	}
	return out, nil
}

func build(cfg config) (*Cleaner, error) {
	defaults := DefaultRules()
	known := map[string]bool{}
	for _, r := range defaults {
		known[r.ID] = true
	}
	for id := range cfg.disabled {
		if !known[id] {
			return nil, optErr("WithoutRules: unknown rule %q", id)
		}
	}
	var rs ruleSet
	for _, r := range defaults {
		if !cfg.disabled[r.ID] {
			rs[r.Phase] = append(rs[r.Phase], r)
		}
	}
	// Selector removals run first, so that they also steer content scoring.
	if len(cfg.remove) > 0 {
		r, err := SelectorRule("remove-selectors", PhasePrune, strings.Join(cfg.remove, ", "))
		if err != nil {
			return nil, err
		}
		rs[PhasePrune] = append([]Rule{r}, rs[PhasePrune]...)
	}
	for _, ins := range cfg.inserts {
		if err := ins.rule.validate(); err != nil {
			return nil, err
		}
		if known[ins.rule.ID] || ins.rule.ID == "remove-selectors" {
			return nil, optErr("WithRule: duplicate rule ID %q", ins.rule.ID)
		}
		known[ins.rule.ID] = true
		list := rs[ins.rule.Phase]
		at := len(list)
		switch {
		case ins.pos.first:
			at = 0
		case ins.pos.anchor != "":
			at = -1
			for i, r := range list {
				if r.ID == ins.pos.anchor {
					at = i
					if ins.pos.after {
						at++
					}
					break
				}
			}
			if at < 0 {
				return nil, optErr("WithRule(%q): no enabled rule %q in phase %v", ins.rule.ID, ins.pos.anchor, ins.rule.Phase)
			}
		}
		list = append(list[:at], append([]Rule{ins.rule}, list[at:]...)...)
		rs[ins.rule.Phase] = list
	}
	keep, err := compileAll(cfg.keep)
	if err != nil {
		return nil, err
	}
	c := &Cleaner{cfg: cfg, rules: rs}
	c.keep = keep
	for _, hc := range cfg.hosts {
		hr, err := buildHost(hc, rs, known)
		if err != nil {
			return nil, err
		}
		c.hosts = append(c.hosts, hr)
	}
	return c, nil
}

func buildHost(hc hostConfig, base ruleSet, known map[string]bool) (hostRules, error) {
	hr := hostRules{host: hc.host}
	if hc.h.Content != "" {
		m, err := cascadia.ParseGroup(hc.h.Content)
		if err != nil {
			return hr, optErr("WithHost(%q) Content %q: %v", hc.host, hc.h.Content, err)
		}
		hr.content = m
	}
	off := map[string]bool{}
	for _, id := range hc.h.Disable {
		if !known[id] {
			return hr, optErr("WithHost(%q): unknown rule %q", hc.host, id)
		}
		off[id] = true
	}
	for ph := range base {
		for _, r := range base[ph] {
			if !off[r.ID] {
				hr.rules[ph] = append(hr.rules[ph], r)
			}
		}
	}
	if len(hc.h.Remove) > 0 {
		r, err := SelectorRule("host-remove", PhasePrune, strings.Join(hc.h.Remove, ", "))
		if err != nil {
			return hr, err
		}
		hr.rules[PhasePrune] = append([]Rule{r}, hr.rules[PhasePrune]...)
	}
	for _, r := range hc.h.Rules {
		if err := r.validate(); err != nil {
			return hr, err
		}
		hr.rules[r.Phase] = append(hr.rules[r.Phase], r)
	}
	keep, err := compileAll(hc.h.Keep)
	if err != nil {
		return hr, err
	}
	hr.keep = keep
	return hr, nil
}

// forHost returns the rules, keep selectors and content selector for a page.
func (c *Cleaner) forHost(u *url.URL) (*ruleSet, []cascadia.Matcher, cascadia.Matcher) {
	if u == nil || len(c.hosts) == 0 {
		return &c.rules, c.keep, nil
	}
	h := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	best := -1
	for i, hr := range c.hosts {
		if h == hr.host || strings.HasSuffix(h, "."+hr.host) {
			if best < 0 || len(hr.host) > len(c.hosts[best].host) {
				best = i
			}
		}
	}
	if best < 0 {
		return &c.rules, c.keep, nil
	}
	hr := &c.hosts[best]
	return &hr.rules, append(append([]cascadia.Matcher(nil), c.keep...), hr.keep...), hr.content
}

// Rules returns the rules this Cleaner runs on pages without host
// configuration, in order: the prune phase, then refine, then text.
func (c *Cleaner) Rules() []Rule {
	var out []Rule
	for _, list := range c.rules {
		out = append(out, list...)
	}
	return out
}
