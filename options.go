package cleaner

import (
	"fmt"
	"strings"

	"github.com/andybalholm/cascadia"
)

// Option configures a Cleaner. Options are applied in order by New; new
// options may be added in later versions without breaking callers.
type Option func(*config) error

// Default limits.
const (
	// DefaultMaxBytes is the default number of input bytes read by Clean.
	DefaultMaxBytes = 16 << 20
	// DefaultMaxNodes is the default maximum number of parsed nodes.
	DefaultMaxNodes = 2_000_000
)

type config struct {
	trace    bool
	maxBytes int64
	maxNodes int
	disabled map[string]bool
	inserts  []insert
	remove   []string // selectors removed on every page
	keep     []string // selectors never removed
	hosts    []hostConfig
	out      outputOptions // options_output.go
}

type insert struct {
	rule Rule
	pos  Position
}

type hostConfig struct {
	host string
	h    Host
}

func defaultConfig() config {
	return config{maxBytes: DefaultMaxBytes, maxNodes: DefaultMaxNodes}
}

func optErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidOption}, args...)...)
}

// WithTrace turns the trace on or off. With the trace on, Article.Removed
// lists every removal with the rule that made it. Off by default: the trace
// costs time and memory.
func WithTrace(on bool) Option {
	return func(c *config) error { c.trace = on; return nil }
}

// WithMaxBytes sets how many bytes of input Clean reads (default
// DefaultMaxBytes). The rest is not read and Article.Truncated is set.
func WithMaxBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return optErr("WithMaxBytes(%d): must be positive", n)
		}
		c.maxBytes = n
		return nil
	}
}

// WithMaxNodes sets the maximum number of nodes of a parsed page (default
// DefaultMaxNodes); larger pages are refused with ErrTooLarge.
func WithMaxNodes(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return optErr("WithMaxNodes(%d): must be positive", n)
		}
		c.maxNodes = n
		return nil
	}
}

// WithoutRules disables rules by ID. An unknown ID makes New fail.
func WithoutRules(ids ...string) Option {
	return func(c *config) error {
		if c.disabled == nil {
			c.disabled = map[string]bool{}
		}
		for _, id := range ids {
			c.disabled[id] = true
		}
		return nil
	}
}

// Position says where WithRule inserts a rule among the rules of its phase.
type Position struct {
	anchor string
	after  bool
	first  bool
}

// First places a rule before every other rule of its phase.
func First() Position { return Position{first: true} }

// Last places a rule after every other rule of its phase.
func Last() Position { return Position{} }

// Before places a rule just before the rule with the given ID, which must be
// of the same phase.
func Before(id string) Position { return Position{anchor: id} }

// After places a rule just after the rule with the given ID, which must be
// of the same phase.
func After(id string) Position { return Position{anchor: id, after: true} }

// WithRule adds a custom rule at the given position. The rule is validated
// by New: it needs a unique ID and the function its phase calls.
func WithRule(r Rule, at Position) Option {
	return func(c *config) error {
		c.inserts = append(c.inserts, insert{rule: r, pos: at})
		return nil
	}
}

// WithRemove removes the elements matching the CSS selectors on every page,
// before any other rule runs. Bad selectors make New fail.
func WithRemove(selectors ...string) Option {
	return func(c *config) error {
		for _, s := range selectors {
			if _, err := cascadia.ParseGroup(s); err != nil {
				return optErr("WithRemove(%q): %v", s, err)
			}
		}
		c.remove = append(c.remove, selectors...)
		return nil
	}
}

// WithKeep protects the elements matching the CSS selectors (and their
// contents) from every removal rule. Bad selectors make New fail.
func WithKeep(selectors ...string) Option {
	return func(c *config) error {
		for _, s := range selectors {
			if _, err := cascadia.ParseGroup(s); err != nil {
				return optErr("WithKeep(%q): %v", s, err)
			}
		}
		c.keep = append(c.keep, selectors...)
		return nil
	}
}

// Host is the configuration attached to one host by WithHost.
type Host struct {
	// Content is a CSS selector for the article's container on this host.
	// When it matches, content scoring is skipped.
	Content string
	// Remove lists CSS selectors of elements to drop on this host.
	Remove []string
	// Keep lists CSS selectors of elements never removed on this host.
	Keep []string
	// Disable lists IDs of default rules not to run on this host.
	Disable []string
	// Rules are extra rules for this host, run after the default rules of
	// their phase.
	Rules []Rule
}

// WithHost attaches rules and selectors to a host. The host matches itself
// and its subdomains: "example.com" applies to "www.example.com" too. When
// several hosts match, the most specific one wins.
func WithHost(host string, h Host) Option {
	return func(c *config) error {
		host = strings.ToLower(strings.TrimSpace(host))
		host = strings.TrimPrefix(host, "www.")
		if host == "" || strings.ContainsAny(host, "/: ") {
			return optErr("WithHost(%q): not a host name", host)
		}
		c.hosts = append(c.hosts, hostConfig{host: host, h: h})
		return nil
	}
}
