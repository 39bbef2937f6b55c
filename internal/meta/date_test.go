package meta

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDate(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	pst := time.FixedZone("PST", -8*3600)
	plus1 := time.FixedZone("", 3600)
	minus5 := time.FixedZone("", -5*3600)
	india := time.FixedZone("", 5*3600+1800)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-05T10:00:00Z", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)},
		{"2024-03-05T10:00:00+01:00", time.Date(2024, 3, 5, 10, 0, 0, 0, plus1)},
		{"2024-03-05T10:00:00.000+0100", time.Date(2024, 3, 5, 10, 0, 0, 0, plus1)},
		{"2024-03-05T10:00:00.123456789-05:00", time.Date(2024, 3, 5, 10, 0, 0, 123456789, minus5)},
		{"2024-03-05T10:00:00+05:30", time.Date(2024, 3, 5, 10, 0, 0, 0, india)},
		{"2024-03-05T10:00", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)},
		{"2024-03-05 10:00:00", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)},
		{"2017-11-03 03:01:00.000000", time.Date(2017, 11, 3, 3, 1, 0, 0, time.UTC)},
		{"2024-03-05 10:00:00 EST", time.Date(2024, 3, 5, 10, 0, 0, 0, est)},
		{"20240305", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"2024-03-05", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"  2024-03-05\n", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"2024/03/05", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"05.03.2024", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"05.03.2024 14:30", time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)},
		{"03/05/2024", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"25/12/2024", time.Date(2024, 12, 25, 0, 0, 0, 0, time.UTC)},
		{"Tue, 05 Mar 2024 10:00:00 GMT", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)},
		{"Tue, 05 Mar 2024 10:00:00 -0500", time.Date(2024, 3, 5, 10, 0, 0, 0, minus5)},
		{"Tuesday, 05-Mar-24 10:00:00 EST", time.Date(2024, 3, 5, 10, 0, 0, 0, est)},
		{"Tue Mar  5 10:00:00 2024", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)},
		{"March 5, 2024", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"5 March 2024", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"Mar. 5, 2024 10:30 a.m. EST", time.Date(2024, 3, 5, 10, 30, 0, 0, est)},
		{"March 5th, 2024 at 5:00 PM PST", time.Date(2024, 3, 5, 17, 0, 0, 0, pst)},
		{"Dec 12, 2024, 12:15am", time.Date(2024, 12, 12, 0, 15, 0, 0, time.UTC)},
		{"Published: March 5, 2024", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"5. März 2024", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"5 de marzo de 2024", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"1709632800", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)},
		{"1709632800000", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseDate(tc.in)
			require.True(t, ok)
			assert.True(t, tc.want.Equal(got), "got %v, want %v", got, tc.want)
			_, wantOff := tc.want.Zone()
			_, gotOff := got.Zone()
			assert.Equal(t, wantOff, gotOff, "zone offset kept")
		})
	}
}

func TestParseDateZoneNames(t *testing.T) {
	got, ok := ParseDate("Mar. 5, 2024 10:30 a.m. EST")
	require.True(t, ok)
	name, off := got.Zone()
	assert.Equal(t, "EST", name)
	assert.Equal(t, -5*3600, off)

	got, ok = ParseDate("2024-03-05T10:00:00Z")
	require.True(t, ok)
	assert.Equal(t, time.UTC, got.Location())

	got, ok = ParseDate("2024-03-05")
	require.True(t, ok)
	assert.Equal(t, time.UTC, got.Location(), "no zone means UTC")
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"   ",
		"not a date",
		"2024-13-01",
		"2024-02-30",
		"February 30, 2024",
		"12345",
		"March 2024",
		"By Jane Doe",
		"2024-03-05T25:00:00Z",
		"2024-03-05T10:00:00+99:00",
		"31/31/2024",
		"Updated 5 minutes ago",
		"2024-03-05 " + strings.Repeat("x", 300),
		strings.Repeat("2024-03-05 ", 50),
	} {
		_, ok := ParseDate(in)
		assert.False(t, ok, "%q", in)
	}
}
