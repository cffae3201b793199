package store

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime"
	"runtime/debug"
)

// The structure of a project file, checked without bbolt
//
// bbolt reads its file through a memory map and trusts what the pages say
// of themselves: a damaged page that claims more elements, a longer key or
// a child beyond the end of the file makes it read past the page, and past
// the map (a memory fault, which kills the process), and a page that names
// one of its ancestors as a child makes a cursor descend for ever. So
// before bbolt reads a file, checkPages reads it with ReadAt, which cannot
// fault, and checks what bbolt relies on: a valid meta page whose pages
// all lie inside the file, and a tree of branch and leaf pages (and the
// buckets inside them, inline ones included) in which every page says
// which page it is, holds elements whose keys and values lie inside it,
// has a kind bbolt knows, and is reached once. It reads the branch and
// leaf pages but not the overflow pages of large values (texts), so it
// costs a fraction of reading the file; its memory is one bit per page.
//
// The layout is bbolt's (go.etcd.io/bbolt/internal/common), in the byte
// order of the machine that wrote it, which is the one that reads it
// (bbolt files do not move between byte orders).

const (
	boltMagic          = 0xED0CDAED
	boltVersion        = 2
	boltPageHeaderSize = 16 // id uint64, flags uint16, count uint16, overflow uint32
	boltElementSize    = 16 // branch: pos, ksize uint32, pgid uint64; leaf: flags, pos, ksize, vsize uint32
	boltMetaSize       = 64 // magic, version, pageSize, flags uint32, root, sequence, freelist, pgid, txid, checksum uint64
	boltBucketHeader   = 16 // root pgid, sequence uint64
	boltBranchPage     = 0x01
	boltLeafPage       = 0x02
	boltMetaPage       = 0x04
	boltFreelistPage   = 0x10
	boltBucketLeaf     = 0x01
	boltNoFreelist     = ^uint64(0)
	// maxTreeDepth bounds the nesting of pages and buckets: a bbolt tree
	// of a file of any size that fits a disk is far shallower.
	maxTreeDepth = 64
)

// boltMeta is what a meta page says.
type boltMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pages    uint64 // the high-water mark: pages 0 … pages-1 are in use or free
	txid     uint64
}

// decodeMeta decodes and validates the meta page at the start of b.
func decodeMeta(b []byte) (boltMeta, bool) {
	if len(b) < boltPageHeaderSize+boltMetaSize {
		return boltMeta{}, false
	}
	m := b[boltPageHeaderSize:]
	ne := binary.NativeEndian
	if ne.Uint32(m[0:]) != boltMagic || ne.Uint32(m[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != ne.Uint64(m[56:]) {
		return boltMeta{}, false
	}
	meta := boltMeta{
		pageSize: ne.Uint32(m[8:]),
		root:     ne.Uint64(m[16:]),
		freelist: ne.Uint64(m[32:]),
		pages:    ne.Uint64(m[40:]),
		txid:     ne.Uint64(m[48:]),
	}
	ps := meta.pageSize
	if ps < 512 || ps > 1<<16 || ps&(ps-1) != 0 {
		return boltMeta{}, false
	}
	return meta, true
}

// readMeta reads the meta page that bbolt would use: of the two at the
// start of the file, the valid one with the higher transaction id. ok is
// false when neither is valid.
func readMeta(r io.ReaderAt) (meta boltMeta, ok bool) {
	var buf [boltPageHeaderSize + boltMetaSize]byte
	read := func(off int64) (boltMeta, bool) {
		if n, _ := r.ReadAt(buf[:], off); n < len(buf) {
			return boltMeta{}, false
		}
		return decodeMeta(buf[:])
	}
	m0, ok0 := read(0)
	var m1 boltMeta
	var ok1 bool
	if ok0 {
		m1, ok1 = read(int64(m0.pageSize))
	} else {
		// The page size is in meta 0: try the sizes bbolt tries.
		for ps := int64(1024); ps <= 1<<16 && !ok1; ps *= 2 {
			m1, ok1 = read(ps)
			ok1 = ok1 && int64(m1.pageSize) == ps
		}
	}
	switch {
	case ok0 && ok1 && m1.txid > m0.txid, !ok0 && ok1:
		return m1, true
	case ok0:
		return m0, true
	}
	return boltMeta{}, false
}

// pageProblems is the outcome of checkPages: what is wrong with the
// structure of the file, at most maxProblems of it, and a count of the
// rest.
type pageProblems struct {
	list []string
	more int
}

func (p *pageProblems) add(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if n := len(p.list); n > 0 && p.list[n-1] == msg {
		return // the same damage met again, as in every element of a page
	}
	if len(p.list) >= maxProblems {
		p.more++
		return
	}
	p.list = append(p.list, msg)
}

// pageChecker walks the pages of one file.
type pageChecker struct {
	r        io.ReaderAt
	mapped   []byte // the file's bytes when it is mapped (mapForCheck), else nil: r reads them
	ps       int64
	pages    uint64
	seen     []uint64 // a bit per page: reached already
	problems pageProblems
}

// fileProblem is a whole-file outcome of checkMeta and checkPages: the
// file cannot be a sound bbolt file at all.
type fileProblem struct {
	kind       string // "empty", "short", "nometa"
	size, want int64
}

// checkMeta reads the meta page of the bbolt file that r reads, of size
// bytes, and checks that the file holds every page it counts: the check
// that comes before bbolt maps a file, which it trusts to be as long as
// its meta page says.
func checkMeta(r io.ReaderAt, size int64) (boltMeta, *fileProblem) {
	if size == 0 {
		return boltMeta{}, &fileProblem{kind: "empty"}
	}
	meta, ok := readMeta(r)
	if !ok || meta.pages < 2 || meta.pages > uint64(1<<62)/uint64(meta.pageSize) {
		return boltMeta{}, &fileProblem{kind: "nometa", size: size}
	}
	if want := int64(meta.pages) * int64(meta.pageSize); size < want {
		return boltMeta{}, &fileProblem{kind: "short", size: size, want: want}
	}
	return meta, nil
}

// checkPages checks the structure of the bbolt file that r reads, of size
// bytes (see the comment at the top of this file). It returns a
// fileProblem when the file cannot be a sound bbolt file at all (empty,
// no valid meta page, cut short), and otherwise the problems of its pages
// (none when sound).
func checkPages(r io.ReaderAt, size int64) (*fileProblem, pageProblems) {
	meta, fp := checkMeta(r, size)
	if fp != nil {
		return fp, pageProblems{}
	}
	ps := int64(meta.pageSize)
	c := &pageChecker{r: r, ps: ps, pages: meta.pages, seen: make([]uint64, (meta.pages+63)/64)}
	if f, ok := r.(*os.File); ok {
		// A file is read through a memory map where there is one: a
		// ReadAt of each page was most of what opening a large project
		// cost (0.52 of 0.54 s for an 886 MB file).
		if data, unmap, ok := mapForCheck(f, int64(meta.pages)*ps); ok {
			defer unmap()
			c.mapped = data
			return c.walkMapped(meta)
		}
	}
	return c.walk(meta)
}

// walkMapped is walk of a mapped file. A read of the map faults when the
// file was cut short under the check (by another program): the fault is
// made a panic (debug.SetPanicOnFault), and the check's outcome says the
// page cannot be read.
func (c *pageChecker) walkMapped(meta boltMeta) (fp *fileProblem, problems pageProblems) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			re, ok := r.(runtime.Error)
			if _, fault := re.(interface{ Addr() uintptr }); !ok || !fault {
				panic(r)
			}
			c.problems.add("the file cannot be read: %v", r)
			fp, problems = nil, c.problems
		}
	}()
	return c.walk(meta)
}

// walk checks the file's pages from its meta page.
func (c *pageChecker) walk(meta boltMeta) (*fileProblem, pageProblems) {
	c.mark(0, 1)
	c.mark(1, 1)
	for id := range uint64(2) {
		// bbolt rewrites a whole meta page, header first, so a torn write
		// (a crash) may leave one meta page invalid, but its header says
		// which page it is, and bbolt's check reads it.
		if h, ok := c.read(id, 0, boltPageHeaderSize); ok {
			if self, flags := binary.NativeEndian.Uint64(h), binary.NativeEndian.Uint16(h[8:]); self != id || flags != boltMetaPage {
				c.problems.add("meta page %d is damaged (it says it is page %d, of flags %#x)", id, self, flags)
			}
		}
	}
	var freelist []uint64
	if meta.freelist != boltNoFreelist {
		freelist = c.freelist(meta.freelist)
	}
	c.tree(meta.root, 0, "the root bucket")
	for _, id := range freelist {
		switch {
		case id < 2 || id >= c.pages:
			c.problems.add("the free list names page %d, outside the file's %d pages", id, c.pages)
		case c.isSeen(id):
			c.problems.add("page %d is both in use and on the free list", id)
		}
	}
	return nil, c.problems
}

func (c *pageChecker) isSeen(id uint64) bool { return c.seen[id/64]&(1<<(id%64)) != 0 }

// mark marks pages id … id+overflow as reached, and reports whether none
// was reached before.
func (c *pageChecker) mark(id uint64, n uint64) bool {
	fresh := true
	for p := id; p < id+n; p++ {
		if c.isSeen(p) {
			fresh = false
		}
		c.seen[p/64] |= 1 << (p % 64)
	}
	return fresh
}

// read reads n bytes at off of page id's span, or reports a problem. Of
// a mapped file, it returns the mapped bytes themselves, which the check
// only reads, and which it keeps no longer than the check.
func (c *pageChecker) read(id uint64, off, n int64) ([]byte, bool) {
	at := int64(id)*c.ps + off
	if c.mapped != nil {
		if n < 0 || at < 0 || at > int64(len(c.mapped))-n {
			c.problems.add("page %d cannot be read: %v", id, io.EOF)
			return nil, false
		}
		return c.mapped[at : at+n : at+n], true
	}
	buf := make([]byte, n)
	if got, err := c.r.ReadAt(buf, at); got < len(buf) {
		c.problems.add("page %d cannot be read: %v", id, err)
		return nil, false
	}
	return buf, true
}

// header reads page id's header and checks that the page says it is page
// id, of one of the kinds in flags, with its overflow inside the file. It
// returns the page's flags, element count and span in bytes.
func (c *pageChecker) header(id uint64, what string, kinds ...uint16) (flags uint16, count int, span int64, ok bool) {
	_, flags, count, span, ok = c.page(id, what, kinds...)
	return flags, count, span, ok
}

// page is header, and also returns the page's first page of bytes (one
// read, which holds the elements of most pages).
func (c *pageChecker) page(id uint64, what string, kinds ...uint16) (h []byte, flags uint16, count int, span int64, ok bool) {
	h, ok = c.read(id, 0, c.ps)
	if !ok {
		return nil, 0, 0, 0, false
	}
	ne := binary.NativeEndian
	self, flags, count, overflow := ne.Uint64(h), ne.Uint16(h[8:]), int(ne.Uint16(h[10:])), uint64(ne.Uint32(h[12:]))
	if self != id {
		c.problems.add("page %d (%s) says it is page %d", id, what, self)
		return nil, 0, 0, 0, false
	}
	known := false
	for _, k := range kinds {
		known = known || flags == k
	}
	if !known {
		c.problems.add("page %d (%s) is of an unexpected kind (flags %#x)", id, what, flags)
		return nil, 0, 0, 0, false
	}
	if id+overflow >= c.pages {
		c.problems.add("page %d (%s) runs past the file's %d pages (%d more pages)", id, what, c.pages, overflow)
		return nil, 0, 0, 0, false
	}
	if !c.mark(id+1, overflow) {
		c.problems.add("page %d (%s) overlaps a page reached before", id, what)
		return nil, 0, 0, 0, false
	}
	return h, flags, count, int64(overflow+1) * c.ps, true
}

// freelist checks the free-list page id and returns the ids it lists.
func (c *pageChecker) freelist(id uint64) []uint64 {
	if id < 2 || id >= c.pages {
		c.problems.add("the free list is said to be page %d, outside the file's %d pages", id, c.pages)
		return nil
	}
	if !c.mark(id, 1) {
		c.problems.add("page %d (the free list) is reached twice", id)
		return nil
	}
	_, count, span, ok := c.header(id, "the free list", boltFreelistPage)
	if !ok {
		return nil
	}
	start := int64(boltPageHeaderSize)
	n := int64(count)
	if count == 0xFFFF {
		b, ok := c.read(id, start, 8)
		if !ok {
			return nil
		}
		n = int64(binary.NativeEndian.Uint64(b))
		start += 8
	}
	if n < 0 || n > (span-start)/8 {
		c.problems.add("page %d (the free list) lists %d pages, more than it holds", id, n)
		return nil
	}
	b, ok := c.read(id, start, n*8)
	if !ok {
		return nil
	}
	ids := make([]uint64, n)
	for i := range ids {
		ids[i] = binary.NativeEndian.Uint64(b[i*8:])
	}
	return ids
}

// tree checks the tree of pages whose root is page id, of a bucket that
// what names, depth levels down from the root bucket.
func (c *pageChecker) tree(id uint64, depth int, what string) {
	if depth > maxTreeDepth {
		c.problems.add("page %d (%s) is nested more than %d levels deep", id, what, maxTreeDepth)
		return
	}
	if id < 2 || id >= c.pages {
		c.problems.add("%s names page %d, outside the file's %d pages", what, id, c.pages)
		return
	}
	if !c.mark(id, 1) {
		c.problems.add("page %d (%s) is reached twice", id, what)
		return
	}
	first, flags, count, span, ok := c.page(id, what, boltBranchPage, boltLeafPage)
	if !ok {
		return
	}
	elems := int64(boltPageHeaderSize) + int64(count)*boltElementSize
	if elems > span {
		c.problems.add("page %d (%s) claims %d elements, more than it holds", id, what, count)
		return
	}
	if flags == boltBranchPage && count == 0 {
		c.problems.add("page %d (%s) is a branch page without elements", id, what)
		return
	}
	// Read what the page uses: its elements, and the keys and values up
	// to the last one (its whole span, less the overflow pages of values
	// past the first page that hold no bucket).
	head := first
	if elems > int64(len(first)) {
		if head, ok = c.read(id, 0, elems); !ok {
			return
		}
	}
	c.elements(id, head, count, span, flags == boltBranchPage, depth, what)
}

// elements checks the count elements of a page (or of an inline bucket's
// page) whose bytes, as far as read, are page, and whose span is span
// bytes; id names it in problems (the page that holds it).
func (c *pageChecker) elements(id uint64, page []byte, count int, span int64, branch bool, depth int, what string) {
	ne := binary.NativeEndian
	for i := range count {
		off := int64(boltPageHeaderSize) + int64(i)*boltElementSize
		e := page[off:]
		if branch {
			pos, ksize, child := int64(ne.Uint32(e)), int64(ne.Uint32(e[4:])), ne.Uint64(e[8:])
			if off+pos+ksize > span {
				c.problems.add("page %d (%s): element %d's key lies outside the page", id, what, i)
				continue
			}
			c.tree(child, depth+1, what)
			continue
		}
		flags, pos, ksize, vsize := ne.Uint32(e), int64(ne.Uint32(e[4:])), int64(ne.Uint32(e[8:])), int64(ne.Uint32(e[12:]))
		end := off + pos + ksize + vsize
		if end > span {
			c.problems.add("page %d (%s): element %d's key or value lies outside the page", id, what, i)
			continue
		}
		if flags&boltBucketLeaf == 0 {
			continue
		}
		if vsize < boltBucketHeader {
			c.problems.add("page %d (%s): element %d is a bucket too short to be one", id, what, i)
			continue
		}
		start := off + pos + ksize
		var v []byte
		if end <= int64(len(page)) {
			v = page[start:end]
		} else if v, _ = c.read(id, start, vsize); v == nil {
			continue
		}
		key := page[min(off+pos, int64(len(page))):min(off+pos+ksize, int64(len(page)))]
		inner := fmt.Sprintf("bucket %q", truncateKey(key))
		if root := ne.Uint64(v); root != 0 {
			c.tree(root, depth+1, inner)
			continue
		}
		c.inline(id, v[boltBucketHeader:], depth+1, inner)
	}
}

// inline checks an inline bucket's page, held in the value of a page id.
func (c *pageChecker) inline(id uint64, page []byte, depth int, what string) {
	if depth > maxTreeDepth {
		c.problems.add("page %d (%s) is nested more than %d levels deep", id, what, maxTreeDepth)
		return
	}
	if len(page) < boltPageHeaderSize {
		c.problems.add("page %d (%s): an inline bucket too short to be one", id, what)
		return
	}
	flags, count := binary.NativeEndian.Uint16(page[8:]), int(binary.NativeEndian.Uint16(page[10:]))
	if flags != boltLeafPage {
		c.problems.add("page %d (%s): an inline bucket of an unexpected kind (flags %#x)", id, what, flags)
		return
	}
	if int64(boltPageHeaderSize)+int64(count)*boltElementSize > int64(len(page)) {
		c.problems.add("page %d (%s): an inline bucket claims %d elements, more than it holds", id, what, count)
		return
	}
	c.elements(id, page, count, int64(len(page)), false, depth, what)
}

// truncateKey shortens a bucket's key for a message.
func truncateKey(k []byte) string {
	if len(k) > 40 {
		return string(k[:40]) + "…"
	}
	return string(k)
}

// checkFile checks the structure of the project file at path (checkPages)
// and returns nil or a damaged error naming name.
func checkFile(path, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read project %s: %w", name, err)
	}
	defer f.Close()
	return checkOpenFile(f, name)
}

// checkOpenFile is checkFile of an open file.
func checkOpenFile(f *os.File, name string) error {
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read project %s: %w", name, err)
	}
	fp, problems := checkPages(f, info.Size())
	return pagesError(name, fp, problems)
}

// pagesError is the error of checkPages's outcome for the file name; nil
// when the file is sound.
func pagesError(name string, fp *fileProblem, problems pageProblems) error {
	switch {
	case fp != nil && fp.kind == "empty":
		return errEmptyFile(name)
	case fp != nil && fp.kind == "short":
		return errCutShort(name, fp.size, fp.want)
	case fp != nil:
		return errNotProject(name, "the file is damaged or of another kind")
	case len(problems.list) == 0:
		return nil
	}
	return errDamagedPages(name, problems.list, problems.more)
}
