package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Dataset is one evaluation corpus: DIR/ground-truth.json and DIR/html/.
type Dataset struct {
	Name  string // the directory's base name
	Dir   string
	Truth map[string]TruthEntry
	Pages []Page // one per ground-truth id, sorted by id
}

// Page is one page of a dataset, its HTML preloaded and decompressed.
type Page struct {
	ID   string
	URL  string // from the ground truth; may be empty
	HTML []byte // nil when the dataset has no file for this id
}

// Bytes returns the total size of the pages' HTML.
func (d *Dataset) Bytes() int {
	n := 0
	for _, p := range d.Pages {
		n += len(p.HTML)
	}
	return n
}

// findDatasets expands the -data arguments: a directory holding
// ground-truth.json is a dataset; any other directory stands for the
// datasets directly under it, in name order.
func findDatasets(args []string) ([]string, error) {
	var dirs []string
	for _, a := range args {
		if isDataset(a) {
			dirs = append(dirs, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, err
		}
		found := false
		for _, e := range entries {
			if d := filepath.Join(a, e.Name()); e.IsDir() && isDataset(d) {
				dirs = append(dirs, d)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("%s: neither a dataset (no ground-truth.json) nor a directory of datasets", a)
		}
	}
	return dirs, nil
}

func isDataset(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, "ground-truth.json"))
	return err == nil && st.Mode().IsRegular()
}

// loadDataset reads a dataset's ground truth and all its pages into memory,
// decompressing html/<id>.html.gz. Pages without a ground-truth entry are
// ignored and ids without a page get a nil HTML; both are reported to warn.
func loadDataset(dir string, warn io.Writer) (*Dataset, error) {
	gt, err := LoadTruth(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	d := &Dataset{Name: filepath.Base(filepath.Clean(dir)), Dir: dir, Truth: gt}
	files := map[string]string{}
	entries, err := os.ReadDir(filepath.Join(dir, "html"))
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		id, ok := strings.CutSuffix(name, ".html.gz")
		if !ok {
			id, ok = strings.CutSuffix(name, ".html")
		}
		if !ok || e.IsDir() {
			continue
		}
		if _, dup := files[id]; !dup || strings.HasSuffix(name, ".html") {
			files[id] = filepath.Join(dir, "html", name) // prefer the uncompressed copy
		}
	}
	var extra int
	for id := range files {
		if _, ok := gt[id]; !ok {
			extra++
		}
	}
	if extra > 0 {
		fmt.Fprintf(warn, "warning: %s: %d page(s) without a ground-truth entry, ignored\n", d.Name, extra)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var missing int
	for _, id := range ids {
		p := Page{ID: id, URL: gt[id].URL}
		if f, ok := files[id]; ok {
			if p.HTML, err = readPage(f); err != nil {
				return nil, err
			}
		} else {
			missing++
		}
		d.Pages = append(d.Pages, p)
	}
	if missing > 0 {
		fmt.Fprintf(warn, "warning: %s: %d ground-truth id(s) without a page, scored as empty output\n", d.Name, missing)
	}
	return d, nil
}

// readPage reads a page file, gunzipping it when its name ends in .gz.
func readPage(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil || !strings.HasSuffix(path, ".gz") {
		return data, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
