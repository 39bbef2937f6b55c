// Package charset converts HTML bytes in any character encoding to UTF-8.
package charset

// Decode converts data to UTF-8 and returns the name of the encoding it was
// decoded from. contentType is the transport's Content-Type header value and
// may be empty. STUB: to be replaced.
func Decode(data []byte, contentType string) ([]byte, string) {
	return data, "utf-8"
}
