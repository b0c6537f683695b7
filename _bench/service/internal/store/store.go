// Package store keeps users, products and orders in a bbolt database,
// encoded as JSON, one bucket per kind.
package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Buckets.
var (
	usersBucket    = []byte("users")
	productsBucket = []byte("products")
	ordersBucket   = []byte("orders")
	indexBucket    = []byte("index")
)

// ErrNotFound is returned for a key that is not in the store.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a unique value is taken.
var ErrConflict = errors.New("conflict")

// User is an account.
type User struct {
	ID      string    `json:"id"`
	Email   string    `json:"email"`
	Name    string    `json:"name"`
	Created time.Time `json:"created"`
	Admin   bool      `json:"admin,omitempty"`
}

// Product is something for sale.
type Product struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Price int64    `json:"price"` // in cents
	Stock int      `json:"stock"`
	Tags  []string `json:"tags,omitempty"`
}

// Line is one line of an order.
type Line struct {
	Product  string `json:"product"`
	Quantity int    `json:"quantity"`
	Price    int64  `json:"price"`
}

// Order is a user's purchase.
type Order struct {
	ID      string    `json:"id"`
	User    string    `json:"user"`
	Lines   []Line    `json:"lines"`
	Total   int64     `json:"total"`
	Status  string    `json:"status"`
	Created time.Time `json:"created"`
}

// Order states.
const (
	StatusPending   = "pending"
	StatusPaid      = "paid"
	StatusShipped   = "shipped"
	StatusCancelled = "cancelled"
)

// Store is the database.
type Store struct {
	db *bolt.DB
}

// Open opens or creates the database at path.
func Open(path string) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{usersBucket, productsBucket, ordersBucket, indexBucket} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func put(tx *bolt.Tx, bucket []byte, id string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put([]byte(id), data)
}

func get(tx *bolt.Tx, bucket []byte, id string, v any) error {
	data := tx.Bucket(bucket).Get([]byte(id))
	if data == nil {
		return ErrNotFound
	}
	return json.Unmarshal(data, v)
}

func indexKey(kind, value string) []byte {
	return []byte(kind + "\x00" + strings.ToLower(value))
}

// CreateUser stores u, whose email must be new.
func (s *Store) CreateUser(u User) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		idx := tx.Bucket(indexBucket)
		k := indexKey("email", u.Email)
		if idx.Get(k) != nil {
			return fmt.Errorf("email %s: %w", u.Email, ErrConflict)
		}
		if err := idx.Put(k, []byte(u.ID)); err != nil {
			return err
		}
		return put(tx, usersBucket, u.ID, u)
	})
}

// User returns the user with id.
func (s *Store) User(id string) (User, error) {
	var u User
	err := s.db.View(func(tx *bolt.Tx) error { return get(tx, usersBucket, id, &u) })
	return u, err
}

// UserByEmail returns the user with email.
func (s *Store) UserByEmail(email string) (User, error) {
	var u User
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(indexBucket).Get(indexKey("email", email))
		if id == nil {
			return ErrNotFound
		}
		return get(tx, usersBucket, string(id), &u)
	})
	return u, err
}

// Users returns every user, by email.
func (s *Store) Users() ([]User, error) {
	var out []User
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(usersBucket).ForEach(func(k, v []byte) error {
			var u User
			if err := json.Unmarshal(v, &u); err != nil {
				return fmt.Errorf("user %s: %w", k, err)
			}
			out = append(out, u)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Email < out[j].Email })
	return out, err
}

// DeleteUser removes the user with id and its email index.
func (s *Store) DeleteUser(id string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		var u User
		if err := get(tx, usersBucket, id, &u); err != nil {
			return err
		}
		if err := tx.Bucket(indexBucket).Delete(indexKey("email", u.Email)); err != nil {
			return err
		}
		return tx.Bucket(usersBucket).Delete([]byte(id))
	})
}

// PutProduct creates or replaces p.
func (s *Store) PutProduct(p Product) error {
	return s.db.Update(func(tx *bolt.Tx) error { return put(tx, productsBucket, p.ID, p) })
}

// Product returns the product with id.
func (s *Store) Product(id string) (Product, error) {
	var p Product
	err := s.db.View(func(tx *bolt.Tx) error { return get(tx, productsBucket, id, &p) })
	return p, err
}

// Products returns the products that carry every tag in tags, by name.
func (s *Store) Products(tags ...string) ([]Product, error) {
	var out []Product
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(productsBucket).ForEach(func(_, v []byte) error {
			var p Product
			if err := json.Unmarshal(v, &p); err != nil {
				return err
			}
			if hasTags(p.Tags, tags) {
				out = append(out, p)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

func hasTags(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if strings.EqualFold(h, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// PlaceOrder checks stock, takes it, prices the lines and stores o as
// pending, all in one transaction.
func (s *Store) PlaceOrder(o *Order) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := get(tx, usersBucket, o.User, new(User)); err != nil {
			return fmt.Errorf("user %s: %w", o.User, err)
		}
		o.Total = 0
		for i, l := range o.Lines {
			var p Product
			if err := get(tx, productsBucket, l.Product, &p); err != nil {
				return fmt.Errorf("product %s: %w", l.Product, err)
			}
			if l.Quantity <= 0 {
				return fmt.Errorf("product %s: quantity %d", l.Product, l.Quantity)
			}
			if p.Stock < l.Quantity {
				return fmt.Errorf("product %s: only %d left: %w", l.Product, p.Stock, ErrConflict)
			}
			p.Stock -= l.Quantity
			if err := put(tx, productsBucket, p.ID, p); err != nil {
				return err
			}
			o.Lines[i].Price = p.Price
			o.Total += p.Price * int64(l.Quantity)
		}
		o.Status = StatusPending
		return put(tx, ordersBucket, o.ID, o)
	})
}

// Order returns the order with id.
func (s *Store) Order(id string) (Order, error) {
	var o Order
	err := s.db.View(func(tx *bolt.Tx) error { return get(tx, ordersBucket, id, &o) })
	return o, err
}

// Orders returns the orders of user (every order if user is empty),
// newest first.
func (s *Store) Orders(user string) ([]Order, error) {
	var out []Order
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(ordersBucket).ForEach(func(_, v []byte) error {
			var o Order
			if err := json.Unmarshal(v, &o); err != nil {
				return err
			}
			if user == "" || o.User == user {
				out = append(out, o)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Created.After(out[j].Created) })
	return out, err
}

// SetStatus moves order id to status; a cancelled order returns its
// stock.
func (s *Store) SetStatus(id, status string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		var o Order
		if err := get(tx, ordersBucket, id, &o); err != nil {
			return err
		}
		if !validTransition(o.Status, status) {
			return fmt.Errorf("order %s: %s to %s: %w", id, o.Status, status, ErrConflict)
		}
		if status == StatusCancelled {
			for _, l := range o.Lines {
				var p Product
				if err := get(tx, productsBucket, l.Product, &p); err != nil {
					continue // the product is gone: nothing to return
				}
				p.Stock += l.Quantity
				if err := put(tx, productsBucket, p.ID, p); err != nil {
					return err
				}
			}
		}
		o.Status = status
		return put(tx, ordersBucket, o.ID, o)
	})
}

func validTransition(from, to string) bool {
	switch from {
	case StatusPending:
		return to == StatusPaid || to == StatusCancelled
	case StatusPaid:
		return to == StatusShipped || to == StatusCancelled
	}
	return false
}

// Backup writes a consistent copy of the database to w.
func (s *Store) Backup(w *bytes.Buffer) error {
	return s.db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(w)
		return err
	})
}

// Stats returns the number of keys per bucket.
func (s *Store) Stats() (map[string]int, error) {
	out := map[string]int{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			out[string(name)] = b.Stats().KeyN
			return nil
		})
	})
	return out, err
}
