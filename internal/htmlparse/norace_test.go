//go:build !race

package htmlparse

// budgetScale stretches time budgets: the race detector slows code down
// several times.
const budgetScale = 1
