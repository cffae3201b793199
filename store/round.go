package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"claimdesk/annotate"
	"claimdesk/annotate/round"
	bolt "go.etcd.io/bbolt"
)

// The rounds a lead's project handed out are in the bucket "rounds", by
// id, as JSON (round.Round); a coder's package holds what it knows of its
// round under the key "package" of the bucket "round" (round.Package).
var (
	bucketRounds = []byte("rounds")
	bucketRound  = []byte("round")
	keyPackage   = []byte("package")
)

// ErrNothingNew is Collect's error for a package that brings nothing the
// project does not have; nothing was written.
var ErrNothingNew = errors.New("nothing new")

// AddRound records a round the project hands out. Errors: ECONFLICT when
// the project has a round with its id; EREADONLY.
func (s *Store) AddRound(r round.Round) error {
	return s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketRounds)
		if err != nil {
			return err
		}
		if b.Get([]byte(r.ID)) != nil {
			return annotate.Errorf(annotate.ECONFLICT, "the project has a round %s already", r.ID)
		}
		return putRound(b, &r)
	})
}

func putRound(b *bolt.Bucket, r *round.Round) error {
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return b.Put([]byte(r.ID), data)
}

// Rounds returns the rounds the project handed out, oldest first.
func (s *Store) Rounds() ([]round.Round, error) {
	var out []round.Round
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRounds)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			r, err := decodeRound(k, v)
			if err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	round.Sort(out)
	return out, nil
}

func decodeRound(k, v []byte) (round.Round, error) {
	var r round.Round
	if err := json.Unmarshal(v, &r); err != nil {
		return r, errDamaged(fmt.Sprintf("round %s", truncateKey(k)), err)
	}
	if r.Agreement != nil {
		r.Agreement.Fix()
	}
	return r, nil
}

func getRound(tx *bolt.Tx, id string) (*bolt.Bucket, round.Round, error) {
	b := tx.Bucket(bucketRounds)
	var v []byte
	if b != nil {
		v = b.Get([]byte(id))
	}
	if v == nil {
		return nil, round.Round{}, annotate.Errorf(annotate.ENOTFOUND, "the project has no round %s", id)
	}
	r, err := decodeRound([]byte(id), v)
	return b, r, err
}

// SetPackage records, in a coder's package, what it knows of its round.
func (s *Store) SetPackage(p round.Package) error {
	return s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketRound)
		if err != nil {
			return err
		}
		data, err := json.Marshal(p)
		if err != nil {
			return err
		}
		return b.Put(keyPackage, data)
	})
}

// Package returns what a coder's package knows of its round; ok is false
// for a project that is not a package.
func (s *Store) Package() (p round.Package, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRound)
		if b == nil {
			return nil
		}
		v := b.Get(keyPackage)
		if v == nil {
			return nil
		}
		if err := json.Unmarshal(v, &p); err != nil {
			return errDamaged("the package's round", err)
		}
		ok = true
		return nil
	})
	return p, ok, err
}

// Collect brings a coder's package back into the project, in one
// transaction: it imports records (the package's documents, their spans
// as round.Package.Attribute left them; Import's rules: what the project
// has already is skipped), and records in the round the coder's progress
// and, when the import added something, a Return from file. When the
// import adds nothing and progress is the one recorded, nothing is
// written and the error is ErrNothingNew.
//
// Errors: ENOTFOUND for an unknown round or coder; those of Import;
// EREADONLY.
func (s *Store) Collect(roundID, coder, file string, records []annotate.Record, progress round.Progress) (annotate.ImportResult, error) {
	each := func(fn func(*annotate.Record) error) error {
		for i := range records {
			if err := fn(&records[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return s.CollectStream(roundID, coder, file, each, func() round.Progress { return progress })
}

// CollectStream is Collect of records read as the transaction imports
// them, so that a package is never held in memory whole: records calls
// fn with each record in turn (fn may keep none of it) and returns fn's
// first error, or its own (a package that cannot be read: nothing is
// written). progress is called once records has returned, for the
// coder's progress as the records showed it. The transaction may run
// again (a file an import replaced meanwhile): records then reads the
// records again, from the first.
func (s *Store) CollectStream(roundID, coder, file string, records func(fn func(*annotate.Record) error) error, progress func() round.Progress) (annotate.ImportResult, error) {
	var res annotate.ImportResult
	err := s.update(func(tx *bolt.Tx) error {
		b, r, err := getRound(tx, roundID)
		if err != nil {
			return err
		}
		c, ok := r.Coder(coder)
		if !ok {
			return annotate.Errorf(annotate.ENOTFOUND, "round %s has no coder %q", roundID, coder)
		}
		im, err := newImporter(tx, coder, nil)
		if err != nil {
			return err
		}
		i := 0
		err = records(func(rec *annotate.Record) error {
			if err := im.record(i, rec, factsOf(&rec.Document)); err != nil {
				return recordError(i, &rec.Document, err)
			}
			i++
			return nil
		})
		if err != nil {
			return err
		}
		res = im.plan.Result
		p := progress()
		if round.NothingNew(res, c.Progress, p) {
			return ErrNothingNew
		}
		if err := im.finish(); err != nil {
			return err
		}
		c.Progress = p
		if added := round.ReturnOf(res, file, im.plan.Now, len(p.Done)); added != nil {
			c.Returns = append(c.Returns, *added)
		}
		return putRound(b, &r)
	})
	if err != nil {
		return annotate.ImportResult{}, err
	}
	return res, nil
}

// SetAgreement records the agreement of a round's sample.
// Errors: ENOTFOUND for an unknown round; EREADONLY.
func (s *Store) SetAgreement(roundID string, a *round.Agreement) error {
	return s.update(func(tx *bolt.Tx) error {
		b, r, err := getRound(tx, roundID)
		if err != nil {
			return err
		}
		r.Agreement = a
		return putRound(b, &r)
	})
}

// ForEachRecordOf calls fn with the record of each document ids names
// (as ForEachRecord reads it), in the order of ids, in one read
// transaction. Errors: ENOTFOUND for an id the project does not have;
// those of fn, as they are.
func (s *Store) ForEachRecordOf(ids []string, fn func(annotate.Record) error) error {
	return s.view(func(tx *bolt.Tx) error {
		docs := tx.Bucket(bucketDocs)
		for _, id := range ids {
			b := docs.Bucket([]byte(id))
			if b == nil {
				return errNoDocument(id)
			}
			rec, err := readRecord(tx, b, id)
			if err != nil {
				return err
			}
			if err := fn(rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// ForEachSpansOf calls fn with each document ids names and its spans, in
// the order of ids, in one read transaction: what measuring a round's
// sample needs, read more cheaply than ForEachRecordOf reads a record
// (no links, actors or concepts, and the spans in the order they are
// stored, not sorted). spans is fn's until it returns: the next document
// reuses it. Errors: ENOTFOUND for an id the project does not have;
// those of fn, as they are.
func (s *Store) ForEachSpansOf(ids []string, fn func(d annotate.Document, spans []annotate.Span) error) error {
	return s.view(func(tx *bolt.Tx) error {
		docs := tx.Bucket(bucketDocs)
		var buf []annotate.Span
		for _, id := range ids {
			b := docs.Bucket([]byte(id))
			if b == nil {
				return errNoDocument(id)
			}
			in, err := getInfo(b, []byte(id))
			if err != nil {
				return err
			}
			clear(buf)
			buf = buf[:0]
			err = b.Bucket(bucketSpans).ForEach(func(k, v []byte) error {
				buf = append(buf, annotate.Span{})
				if err := decodeSpan(k, id, v, &buf[len(buf)-1]); err != nil {
					return errDamaged("span "+string(k)+" of document "+id, err)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if err := fn(in.document(string(b.Get(keyText))), buf); err != nil {
				return err
			}
		}
		return nil
	})
}
