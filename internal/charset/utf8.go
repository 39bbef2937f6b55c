package charset

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// stats summarizes one cheap pass over a document.
type stats struct {
	firstHigh int  // index of the first byte >= 0x80, len(data) if none
	valid     bool // the bytes are valid UTF-8
	hasNUL    bool // the bytes contain at least one NUL
}

// scan computes stats with two fast passes: an ASCII word scan plus
// utf8.Valid from the first non-ASCII byte on, and a memchr for NUL.
func scan(data []byte) stats {
	i := firstNonASCII(data)
	return stats{
		firstHigh: i,
		valid:     i == len(data) || utf8.Valid(data[i:]),
		hasNUL:    bytes.IndexByte(data, 0) >= 0,
	}
}

// firstNonASCII returns the index of the first byte >= 0x80 in b, or len(b).
func firstNonASCII(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return i
		}
	}
	return len(b)
}

// stripNUL returns valid UTF-8 b without its NUL bytes. b is not modified;
// when it has no NUL it is returned as is.
func stripNUL(b []byte, hasNUL bool) []byte {
	if !hasNUL {
		return b
	}
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		i := bytes.IndexByte(b, 0)
		if i < 0 {
			out = append(out, b...)
			break
		}
		out = append(out, b[:i]...)
		b = b[i+1:]
	}
	return out
}

// sanitize returns b as valid UTF-8 without NUL bytes: NULs are dropped and
// every byte that does not start a valid UTF-8 sequence becomes U+FFFD.
// If b is already clean it is returned as is. owned means that the caller
// owns b, so NULs may be removed in place.
func sanitize(b []byte, owned bool) []byte {
	hasNUL := bytes.IndexByte(b, 0) >= 0
	if utf8.Valid(b) {
		if !hasNUL {
			return b
		}
		if !owned {
			return stripNUL(b, true)
		}
		out := b[:0]
		for _, c := range b {
			if c != 0 {
				out = append(out, c)
			}
		}
		return out
	}
	out := make([]byte, 0, len(b)+len(b)/8+8)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c != 0 {
				out = append(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
