//go:build race

package main

// raceEnabled is set when the tests run with -race, whose bookkeeping
// inflates the allocation counts some tests check.
const raceEnabled = true
