package gazetteer

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// AdminEditor is the name of the one editor account the admin page signs in as.
const AdminEditor = "admin"

// Password length limits. bcrypt reads no more than 72 bytes, so a longer
// password would be silently cut; it is refused instead.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 72
)

// Editor is an account that may change the gazetteer. Its password is kept
// only as a bcrypt hash, which never leaves the store.
type Editor struct {
	Name    string
	Created time.Time
	Updated time.Time
}

// ValidatePassword checks a password someone chose (DATELINE_ADMIN_PASSWORD).
func ValidatePassword(password string) error {
	switch {
	case len(password) < MinPasswordLen:
		return &ValidationError{"password", fmt.Sprintf("must have at least %d characters", MinPasswordLen)}
	case len(password) > MaxPasswordLen:
		return &ValidationError{"password", fmt.Sprintf("must have at most %d bytes", MaxPasswordLen)}
	}
	return nil
}

func validEditorName(name string) error {
	if !slugRe.MatchString(name) {
		return &ValidationError{"name", "an editor name is a lowercase slug of letters, digits and hyphens"}
	}
	return nil
}

// Editor returns the editor with this name, or ErrNotFound.
func (s *Store) Editor(ctx context.Context, name string) (*Editor, error) {
	var e Editor
	var created, updated string
	err := s.db.QueryRowContext(ctx, `SELECT name, created, updated FROM editors WHERE name = ?`, name).
		Scan(&e.Name, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: editor %q", ErrNotFound, name)
	}
	if err != nil {
		return nil, fmt.Errorf("gazetteer: get editor: %w", err)
	}
	e.Created, _ = time.Parse(time.RFC3339, created)
	e.Updated, _ = time.Parse(time.RFC3339, updated)
	return &e, nil
}

// SetPassword stores a bcrypt hash of password for the editor name,
// creating the editor when there is none.
func (s *Store) SetPassword(ctx context.Context, name, password string) error {
	if err := validEditorName(name); err != nil {
		return err
	}
	if err := ValidatePassword(password); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return fmt.Errorf("gazetteer: hash password: %w", err)
	}
	now := s.now().Format(time.RFC3339)
	_, err = s.db.ExecContext(ctx, `INSERT INTO editors (name, password_hash, created, updated) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, updated = excluded.updated`,
		name, string(hash), now, now)
	if err != nil {
		return fmt.Errorf("gazetteer: set password: %w", err)
	}
	return nil
}

// EnsureEditor makes sure the editor name can sign in. With a password it
// stores that password's hash (unless the stored hash already matches it).
// Without one it leaves an existing editor alone, or creates the editor
// with a strong random password and returns that password: the caller shows
// it once, since only its hash is kept and nobody can read it again.
func (s *Store) EnsureEditor(ctx context.Context, name, password string) (generated string, err error) {
	if err := validEditorName(name); err != nil {
		return "", err
	}
	hash, err := s.passwordHash(ctx, name)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return "", err
	}
	exists := err == nil
	if password != "" {
		if exists && bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil {
			return "", nil
		}
		return "", s.SetPassword(ctx, name, password)
	}
	if exists {
		return "", nil
	}
	generated, err = newPassword()
	if err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(generated), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("gazetteer: hash password: %w", err)
	}
	now := s.now().Format(time.RFC3339)
	// Two servers starting on one new file at once: only the one whose row
	// lands may announce its password, or the log would show one that does
	// not work.
	res, err := s.db.ExecContext(ctx, `INSERT INTO editors (name, password_hash, created, updated) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO NOTHING`, name, string(h), now, now)
	if err != nil {
		return "", fmt.Errorf("gazetteer: create editor: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return "", err
	}
	return generated, nil
}

// Authenticate reports whether password is the editor's. An unknown editor
// is simply not authenticated; only storage failures are errors.
func (s *Store) Authenticate(ctx context.Context, name, password string) (bool, error) {
	if len(password) == 0 || len(password) > MaxPasswordLen {
		return false, nil
	}
	hash, err := s.passwordHash(ctx, name)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil, nil
}

func (s *Store) passwordHash(ctx context.Context, name string) ([]byte, error) {
	var hash string
	err := s.db.QueryRowContext(ctx, `SELECT password_hash FROM editors WHERE name = ?`, name).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: editor %q", ErrNotFound, name)
	}
	if err != nil {
		return nil, fmt.Errorf("gazetteer: read editor: %w", err)
	}
	return []byte(hash), nil
}

// newPassword returns 160 random bits as eight groups of four lowercase
// letters and digits, easy to copy from a log line.
func newPassword() (string, error) {
	var b [20]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("gazetteer: generate password: %w", err)
	}
	s := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	groups := make([]string, 0, len(s)/4)
	for i := 0; i < len(s); i += 4 {
		groups = append(groups, s[i:i+4])
	}
	return strings.Join(groups, "-"), nil
}
