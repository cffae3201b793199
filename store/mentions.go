package store

import (
	"claimdesk/annotate"
	bolt "go.etcd.io/bbolt"
)

// Bounds of EntityMentions: the texts kept per entity and the length of
// one, so that a project with many mentions cannot make the answer grow
// without end.
const (
	maxMentionTexts = 64
	maxMentionRunes = 200
)

// EntityMentions returns, for each entity that spans of the project
// name, the distinct texts of those spans ("Beijing" for China): at most
// 64 texts an entity, of at most 200 code points each (a longer span is
// no name, and is left out). It is one read transaction; a
// document's text is read only when one of its spans names an entity.
func (s *Store) EntityMentions() (map[string][]string, error) {
	out := map[string][]string{}
	seen := map[[2]string]bool{}
	err := s.view(func(tx *bolt.Tx) error {
		docs := tx.Bucket(bucketDocs)
		return tx.Bucket(bucketOrder).ForEach(func(_, id []byte) error {
			b := docs.Bucket(id)
			if b == nil {
				return errDamaged("the order bucket lists a missing document "+string(id), nil)
			}
			var ix *annotate.RuneIndex
			return b.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
				sp, ok := spanEntity(v)
				if !ok {
					if err := decodeSpan(k, string(id), v, &sp); err != nil {
						return errDamaged("span "+string(k)+" of document "+string(id), err)
					}
				}
				if sp.Entity == "" || sp.End-sp.Start > maxMentionRunes || len(out[sp.Entity]) >= maxMentionTexts {
					return nil
				}
				if ix == nil {
					ix = annotate.NewRuneIndex(string(b.Get(keyText)))
				}
				if sp.Start < 0 || sp.End < sp.Start || sp.End > ix.Len() {
					return errDamaged("span "+string(k)+" of document "+string(id)+" outside its text", nil)
				}
				text := ix.Slice(sp.Start, sp.End)
				if key := [2]string{sp.Entity, text}; !seen[key] {
					seen[key] = true
					out[sp.Entity] = append(out[sp.Entity], text)
				}
				return nil
			})
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// spanEntity reads the range and entity of a span stored in the binary
// form (encodeSpan) without decoding the rest, so that a scan of every
// span allocates only for the entities named; ok is false for a span in
// another form or one that does not read, which decodeSpan then reads (and
// reports).
func spanEntity(data []byte) (sp annotate.Span, ok bool) {
	if len(data) == 0 || data[0] != spanBinary {
		return sp, false
	}
	r := binReader{data: data[1:]}
	start, length := r.varint(), r.varint()
	r.bytes() // label
	r.bytes() // annotator
	r.varint()
	r.uvarint()
	r.varint()
	r.uvarint()
	r.bytes() // note
	n := r.uvarint()
	if n > uint64(len(r.data)) {
		return sp, false
	}
	for range n {
		r.bytes()
	}
	entity := r.bytes()
	r.bytes() // concept
	if r.bad || len(r.data) != 0 {
		return sp, false
	}
	sp.Start, sp.End = int(start), int(start+length)
	if len(entity) > 0 {
		sp.Entity = string(entity)
	}
	return sp, true
}
